//! `import()` end to end over in-memory files: the module map shared with static imports,
//! evaluation once, rejections with Node's errors, the options bag, scripts as referrers.

use modjs_parser::ast::{ImportPhase, JsStr, Span};
use modjs_parser::module_records::ModuleRequest;
use modjs_vm::host::console::capture;
use modjs_vm::host::microtask::run_microtasks;
use modjs_vm::{PropertyKey, Value, Vm};

use super::dynamic_import::{install, referrer_url};
use super::module_runtime::{with_runtime, ModuleRuntime};
use crate::module::evaluate::EvaluateOutcome;
use crate::module::host::MemoryHost;
use crate::module::{construct, link, ModuleGraph, Trace};

fn host(files: &[(&str, &str)]) -> MemoryHost {
    files.iter().fold(MemoryHost::new(), |h, (p, s)| h.file(p, s))
}

/// A VM whose host state is a runtime over `files` (with the graph of `entry` loaded and
/// linked when there is one) and whose `import()` goes through it.
fn vm_with_runtime(files: &[(&str, &str)], entry: Option<&str>) -> (Vm, Option<crate::module::ModuleId>) {
    let mut trace = Trace::off();
    let (graph, root) = match entry {
        Some(entry) => {
            let (mut graph, root) =
                construct(&mut host(files), entry, &mut trace).unwrap_or_else(|e| panic!("construct: {e}"));
            link(&mut graph, root, &mut trace).unwrap_or_else(|e| panic!("link: {e}"));
            (graph, Some(root))
        }
        None => (ModuleGraph::new(), None),
    };
    let mut vm = Vm::new();
    install(&mut vm);
    vm.host_state = Some(Box::new(ModuleRuntime::new(graph, trace).with_host(Box::new(host(files)))));
    (vm, root)
}

/// Runs the module graph of the first file, then every job; stdout, and the message of an
/// uncaught error.
fn run(files: &[(&str, &str)]) -> (String, Option<String>) {
    let (mut vm, root) = vm_with_runtime(files, Some(files[0].0));
    let root = root.unwrap_or(crate::module::ModuleId(0));
    let (error, out, _) = capture(&mut vm, |vm| {
        let outcome = with_runtime(vm, |rt, vm| rt.instantiate(vm).map(|()| rt.evaluate(vm, root)));
        let thrown = match outcome {
            Some(Ok(EvaluateOutcome::Settled(Err(t)))) => with_runtime(vm, |rt, _| rt.thrown_value(t)),
            Some(Err(e)) => Some(e),
            _ => None,
        };
        match thrown {
            Some(e) => Some(e),
            None => run_microtasks(vm).err(),
        }
    });
    let message = error.map(|e| describe(&mut vm, &e));
    (out, message)
}

fn describe(vm: &mut Vm, e: &Value) -> String {
    let m = vm.get_v(e, &PropertyKey::from("message")).unwrap_or(Value::Undefined);
    let n = vm.get_v(e, &PropertyKey::from("name")).unwrap_or(Value::Undefined);
    let text = |vm: &mut Vm, v: &Value| vm.to_string(v).map(|s| s.to_rust_lossy()).unwrap_or_default();
    format!("{}: {}", text(vm, &n), text(vm, &m))
}

#[test]
fn a_statically_imported_module_is_the_same_namespace_and_not_run_again() {
    let (out, err) = run(&[
        (
            "/app/main.mjs",
            "import * as ns from './lib.mjs';\n\
             const dyn = await import('./lib.mjs');\n\
             const again = await import('./lib.mjs?');\n\
             console.log(dyn === ns, again === ns, dyn.x);",
        ),
        ("/app/lib.mjs", "console.log('lib runs'); export const x = 1;"),
    ]);
    assert_eq!(err, None);
    // `./lib.mjs?` is another URL, hence another module instance.
    assert_eq!(out, "lib runs\nlib runs\ntrue false 1\n");
}

#[test]
fn a_new_module_runs_after_the_importers_synchronous_code_and_once() {
    let (out, err) = run(&[
        (
            "/app/main.mjs",
            "console.log('start');\n\
             const p1 = import('./lazy.mjs');\n\
             const p2 = import('./lazy.mjs');\n\
             console.log('after the calls');\n\
             const [a, b] = await Promise.all([p1, p2]);\n\
             console.log(a === b, a.v, Object.prototype.toString.call(a));",
        ),
        ("/app/lazy.mjs", "import { dep } from './dep.mjs'; console.log('lazy runs', dep); export const v = 2;"),
        ("/app/dep.mjs", "export const dep = 'dep';"),
    ]);
    assert_eq!(err, None);
    assert_eq!(out, "start\nafter the calls\nlazy runs dep\ntrue 2 [object Module]\n");
}

#[test]
fn a_missing_module_rejects_with_node_error_and_leaves_the_map_as_it_was() {
    let files = [
        (
            "/app/main.mjs",
            "try { await import('./broken.mjs'); } catch (e) { console.log(e.name, e.code, e.message); }\n\
             try { await import('./broken.mjs'); } catch (e) { console.log('again', e.code); }",
        ),
        ("/app/broken.mjs", "import './ok.mjs'; import './missing.mjs';"),
        ("/app/ok.mjs", "console.log('never runs');"),
    ];
    let (mut vm, _) = vm_with_runtime(&files, Some("/app/main.mjs"));
    let (_, out, _) = capture(&mut vm, |vm| {
        with_runtime(vm, |rt, vm| {
            rt.instantiate(vm).ok();
            rt.evaluate(vm, crate::module::ModuleId(0));
        });
        run_microtasks(vm).ok();
    });
    assert_eq!(
        out,
        "Error ERR_MODULE_NOT_FOUND Cannot find module '/app/missing.mjs' imported from /app/broken.mjs\n\
         again ERR_MODULE_NOT_FOUND\n"
    );
    // broken.mjs and ok.mjs were loaded, then dropped with the failed load.
    let records = with_runtime(&mut vm, |rt, _| rt.graph.len());
    assert_eq!(records, Some(1));
}

#[test]
fn an_evaluation_error_is_the_same_object_every_time_and_the_module_runs_once() {
    let (out, err) = run(&[
        (
            "/main.mjs",
            "let first;\n\
             try { await import('./bad.mjs'); } catch (e) { first = e; console.log('1', e.message); }\n\
             try { await import('./bad.mjs'); } catch (e) { console.log('2', e === first); }",
        ),
        ("/bad.mjs", "console.log('bad runs'); throw new Error('bad module');"),
    ]);
    assert_eq!(err, None);
    assert_eq!(out, "bad runs\n1 bad module\n2 true\n");
}

#[test]
fn link_and_parse_errors_reject_with_syntax_errors() {
    let (out, err) = run(&[
        (
            "/main.mjs",
            "for (const m of ['./broken.mjs', './unparsable.mjs']) {\n\
               try { await import(m); } catch (e) { console.log(e.name + ': ' + e.message); }\n\
             }",
        ),
        ("/broken.mjs", "import { b } from './lib.mjs'; console.log('never');"),
        ("/lib.mjs", "console.log('never either'); export const a = 1;"),
        ("/unparsable.mjs", "let x = ;"),
    ]);
    assert_eq!(err, None);
    assert_eq!(
        out,
        "SyntaxError: The requested module './lib.mjs' does not provide an export named 'b'\n\
         SyntaxError: Unexpected token ';'\n"
    );
}

#[test]
fn json_modules_need_the_type_attribute() {
    let (out, err) = run(&[
        (
            "/main.mjs",
            "const ok = await import('./data.json', { with: { type: 'json' } });\n\
             console.log(ok.default.list.length, Object.keys(ok).join());\n\
             try { await import('./data.json'); } catch (e) { console.log(e.name, e.code); }\n\
             try { await import('./main.mjs', { with: { type: 'json' } }); } catch (e) { console.log(e.code); }",
        ),
        ("/data.json", "{ \"list\": [1, 2, 3] }"),
    ]);
    assert_eq!(err, None);
    assert_eq!(out, "3 default\nTypeError ERR_IMPORT_ASSERTION_TYPE_MISSING\nERR_IMPORT_ASSERTION_TYPE_FAILED\n");
}

#[test]
fn the_options_bag_is_checked_and_every_failure_rejects() {
    let (out, err) = run(&[
        (
            "/main.mjs",
            "const log = [];\n\
             const tries = [\n\
               () => import('./lib.mjs', 1),\n\
               () => import('./lib.mjs', { with: 1 }),\n\
               () => import('./lib.mjs', { with: { type: 1 } }),\n\
               () => import({ toString() { throw new RangeError('no string'); } }),\n\
               () => import('./lib.mjs', { get with() { throw new URIError('getter'); } }),\n\
             ];\n\
             for (const t of tries) {\n\
               const p = t();\n\
               try { await p; } catch (e) { log.push(p instanceof Promise && e.constructor.name); }\n\
             }\n\
             console.log(log.join());\n\
             const order = [];\n\
             import((order.push('specifier'), './lib.mjs'), (order.push('options'), undefined));\n\
             console.log(order.join());",
        ),
        ("/lib.mjs", "export {};"),
    ]);
    assert_eq!(err, None);
    assert_eq!(out, "TypeError,TypeError,TypeError,RangeError,URIError\nspecifier,options\n");
}

#[test]
fn a_script_imports_relative_to_its_path() {
    let files = [("/dir/lib.mjs", "export const where = import.meta.url;")];
    let (mut vm, _) = vm_with_runtime(&files, None);
    let (_, out, _) = capture(&mut vm, |vm| {
        vm.run_script("import('./lib.mjs').then((ns) => console.log(ns.where));", "/dir/script.js").ok();
        run_microtasks(vm).ok();
    });
    assert_eq!(out, "file:///dir/lib.mjs\n");
}

#[test]
fn without_a_hook_import_rejects_with_a_type_error() {
    let mut vm = Vm::new();
    let (_, out, _) = capture(&mut vm, |vm| {
        vm.run_script("import('./x.mjs').catch((e) => console.log(e.constructor.name));", "/s.js").ok();
        run_microtasks(vm).ok();
    });
    assert_eq!(out, "TypeError\n");
}

#[test]
fn load_and_link_reuses_records_by_url() {
    let files = [
        ("/a.mjs", "import './shared.mjs';"),
        ("/b.mjs", "import './shared.mjs'; import './c.mjs';"),
        ("/shared.mjs", "export {};"),
        ("/c.mjs", "export {};"),
    ];
    let (mut vm, _) = vm_with_runtime(&files, Some("/a.mjs"));
    let request = |s: &str| ModuleRequest {
        specifier: JsStr::from_str(s),
        attributes: Vec::new(),
        phase: ImportPhase::Evaluation,
        span: Span::default(),
    };
    let result = with_runtime(&mut vm, |rt, vm| {
        let before = rt.graph.len();
        let b = rt.load_and_link(vm, &referrer_url("/a.mjs"), &request("./b.mjs"));
        let b_again = rt.load_and_link(vm, "file:///a.mjs", &request("./b.mjs"));
        let missing = rt.load_and_link(vm, "file:///a.mjs", &request("./nope.mjs"));
        (before, b, b_again, missing.map_err(|e| e.to_string()), rt.graph.len())
    });
    let Some((before, b, b_again, missing, after)) = result else { panic!("no runtime") };
    assert_eq!(before, 2);
    assert_eq!(b.as_ref().ok(), b_again.as_ref().ok());
    assert!(b.is_ok());
    // Only b.mjs and c.mjs are new: shared.mjs is the record a.mjs already loaded.
    assert_eq!(after, 4);
    assert_eq!(
        missing,
        Err("Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/nope.mjs' imported from /a.mjs".into())
    );
}

#[test]
fn referrers_that_are_paths_become_file_urls() {
    assert_eq!(referrer_url("/x/y.cjs"), "file:///x/y.cjs");
    assert_eq!(referrer_url("file:///x/y.mjs"), "file:///x/y.mjs");
    assert_eq!(referrer_url("data:text/javascript,1"), "data:text/javascript,1");
}
