//! Module graphs run end to end in the VM (in-memory files, console output captured).

use modjs_vm::host::console::capture;
use modjs_vm::{PropertyKey, Vm};

use super::module_runtime::ModuleRuntime;
use crate::module::evaluate::EvaluateOutcome;
use crate::module::host::MemoryHost;
use crate::module::{construct, link, Trace};

/// Runs the graph whose entry is the first file; returns stdout and the error message, if any.
fn run(files: &[(&str, &str)]) -> (String, Option<String>) {
    let mut h = files.iter().fold(MemoryHost::new(), |h, (p, s)| h.file(p, s));
    let mut trace = Trace::off();
    let (mut graph, root) = construct(&mut h, files[0].0, &mut trace).unwrap_or_else(|e| panic!("construct: {e}"));
    link(&mut graph, root, &mut trace).unwrap_or_else(|e| panic!("link: {e}"));
    let mut vm = Vm::new();
    let mut rt = ModuleRuntime::new(graph, trace);
    let (error, out, _) = capture(&mut vm, |vm| {
        if let Err(e) = rt.instantiate(vm) {
            return Some(e);
        }
        match rt.evaluate(vm, root) {
            EvaluateOutcome::Settled(Err(t)) => Some(rt.thrown_value(t)),
            _ => None,
        }
    });
    let message = error.map(|e| {
        let m = vm.get_v(&e, &PropertyKey::from("message")).unwrap_or(modjs_vm::Value::Undefined);
        let n = vm.get_v(&e, &PropertyKey::from("name")).unwrap_or(modjs_vm::Value::Undefined);
        format!("{}: {}", vm.to_string(&n).map(|s| s.to_rust_lossy()).unwrap_or_default(), vm.to_string(&m).map(|s| s.to_rust_lossy()).unwrap_or_default())
    });
    (out, message)
}

#[test]
fn even_odd_cycle_with_hoisted_functions() {
    let (out, err) = run(&[
        ("/main.mjs", "import { even } from './even.mjs'; console.log(even(10), even(7));"),
        ("/even.mjs", "import { odd } from './odd.mjs'; export function even(n) { return n === 0 ? true : odd(n - 1); }"),
        ("/odd.mjs", "import { even } from './even.mjs'; export function odd(n) { return n === 0 ? false : even(n - 1); }"),
    ]);
    assert_eq!(err, None);
    assert_eq!(out, "true false\n");
}

#[test]
fn live_bindings_and_evaluation_order() {
    let (out, err) = run(&[
        ("/main.mjs", "import { count, inc } from './counter.mjs'; import './b.mjs'; console.log('main', count); inc(); console.log('main', count);"),
        ("/counter.mjs", "console.log('counter'); export let count = 0; export function inc() { count++; }"),
        ("/b.mjs", "import { count } from './counter.mjs'; console.log('b', count);"),
    ]);
    assert_eq!(err, None);
    assert_eq!(out, "counter\nb 0\nmain 0\nmain 1\n");
}

#[test]
fn tdz_in_a_cycle_names_the_importers_local() {
    let (out, err) = run(&[
        ("/main.mjs", "import { a } from './a.mjs'; console.log(a);"),
        ("/a.mjs", "import { b as value } from './b.mjs'; export const a = 1; console.log('a sees', value);"),
        ("/b.mjs", "import { a } from './a.mjs'; console.log('b', typeof a === 'number'); export const b = 2;"),
    ]);
    assert_eq!(out, "");
    assert_eq!(err.as_deref(), Some("ReferenceError: Cannot access 'a' before initialization"));
}

#[test]
fn namespaces_defaults_and_import_meta() {
    let (out, err) = run(&[
        ("/main.mjs", "import * as ns from './lib.mjs'; import d from './lib.mjs'; console.log(ns, d(), import.meta.url, import.meta.filename);"),
        ("/lib.mjs", "export default function () { return 'dflt'; } export let z = 1; export const a = [1];"),
    ]);
    assert_eq!(err, None);
    // Node v20 prints exactly this (the entries do not fit on one line with the prefix).
    assert_eq!(
        out,
        "[Module: null prototype] {\n  a: [ 1 ],\n  default: [Function: default],\n  z: 1\n} dflt file:///main.mjs /main.mjs\n"
    );
}

#[test]
fn assigning_an_import_throws() {
    let (_, err) = run(&[("/main.mjs", "import { x } from './lib.mjs'; x = 2;"), ("/lib.mjs", "export let x = 1;")]);
    assert_eq!(err.as_deref(), Some("TypeError: Assignment to constant variable."));
}

#[test]
fn a_module_top_level_loop_is_a_collection_safe_point() {
    // Cyclic garbage made by a module body must be collected while the body runs.
    let mut h = MemoryHost::new().file(
        "/main.mjs",
        "let n = 0; for (let i = 0; i < 300000; i++) { const a = { i }; const b = { a }; a.b = b; n += b.a.i & 1; } console.log(n);",
    );
    let mut trace = Trace::off();
    let (mut graph, root) = construct(&mut h, "/main.mjs", &mut trace).unwrap_or_else(|e| panic!("construct: {e}"));
    link(&mut graph, root, &mut trace).unwrap_or_else(|e| panic!("link: {e}"));
    let mut vm = Vm::new();
    let mut rt = ModuleRuntime::new(graph, trace);
    let (outcome, out, _) = capture(&mut vm, |vm| {
        rt.instantiate(vm).map_err(|_| "instantiate")?;
        // As the CLI does: evaluation starts from inside a built-in (a job).
        vm.native_depth += 1;
        let o = rt.evaluate(vm, root);
        vm.native_depth -= 1;
        Ok::<_, &str>(o)
    });
    assert!(matches!(outcome, Ok(EvaluateOutcome::Settled(Ok(())))));
    assert_eq!(out, "150000\n");
    assert!(vm.heap.collections > 0, "the collector ran during the module body");
    assert!(vm.heap.live_objects() < 200_000, "garbage was freed: {} live", vm.heap.live_objects());
}

#[test]
fn namespace_member_reads_are_live_and_see_the_tdz() {
    let (out, err) = run(&[
        (
            "/main.mjs",
            "import * as ns from './lib.mjs'; const r = []; for (let i = 0; i < 3; i++) { r.push(ns.count, ns.missing === undefined, ns[Symbol.toStringTag]); ns.inc(); } const o = Object.create(ns); console.log(r.join(), ns.count, o.count, o.nope);",
        ),
        ("/lib.mjs", "export let count = 0; export function inc() { count++; }"),
    ]);
    assert_eq!(err, None);
    assert_eq!(out, "0,true,Module,1,true,Module,2,true,Module 3 3 undefined\n");
    let (out, err) = run(&[
        ("/a.mjs", "import * as nb from './b.mjs'; export const a = 1; console.log('a sees', nb.b);"),
        ("/b.mjs", "import * as na from './a.mjs'; let r; try { r = na.a; } catch (e) { r = e.message; } console.log('b', r); export const b = 2;"),
    ]);
    assert_eq!(err, None);
    assert_eq!(out, "b Cannot access 'a' before initialization\na sees 2\n");
}
