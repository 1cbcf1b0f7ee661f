//! The prefetch worker changes nothing a program can see: each program runs with prefetch off
//! and in patient mode (where every hinted file is certainly prefetched before `require` asks
//! for it), and both runs must print the same; the counts show the prefetch path was taken.

use modjs_vm::host::console::capture;
use modjs_vm::Vm;

use super::load_main;
use super::prefetch::{PrefetchMode, PrefetchStats};
use super::tests::{error_text, Folder};
use crate::module::host::FsHost;
use crate::module::{ModuleGraph, Trace};
use crate::resolve::Resolver;
use crate::runtime::module_runtime::{with_runtime, ModuleRuntime};

/// What one run shows: stdout, the thrown error, and the prefetch counts.
#[derive(Debug)]
struct Outcome {
    out: String,
    error: Option<String>,
    stats: Option<PrefetchStats>,
}

/// Runs `main.js` of a fresh folder made of `files` in `mode`.
fn run_in_mode(name: &str, files: &[(&str, &str)], mode: PrefetchMode) -> Outcome {
    let folder = Folder::new(name, files);
    let mut vm = Vm::new();
    let host = FsHost::new(Resolver::new());
    let mut runtime = ModuleRuntime::new(ModuleGraph::new(), Trace::off()).with_host(Box::new(host));
    runtime.commonjs.prefetch_mode = mode;
    vm.host_state = Some(Box::new(runtime));
    let main = folder.path("main.js");
    crate::runtime::dynamic_import::install(&mut vm);
    let (result, out, _) = capture(&mut vm, |vm| {
        // `import()` settles in promise jobs.
        load_main(vm, &main).and_then(|()| {
            modjs_vm::host::event_loop::process_ticks_and_rejections(vm)
                .map_err(|_| modjs_vm::Value::from("an uncaught error in a promise job"))
        })
    });
    let error = result.err().map(|e| error_text(&mut vm, &e));
    let stats = with_runtime(&mut vm, |rt, _| rt.commonjs.prefetch_stats()).flatten();
    // The folder's path is in some messages: make them comparable between the two runs.
    let root = folder.path("");
    let out = out.replace(&root, "<dir>/");
    let error = error.map(|e| e.replace(&root, "<dir>/"));
    Outcome { out, error, stats }
}

/// Runs `files` both ways, checks that they agree, and returns the prefetching run.
fn same_with_and_without_prefetch(name: &str, files: &[(&str, &str)]) -> Outcome {
    let plain = run_in_mode(&format!("{name}-off"), files, PrefetchMode::Off);
    assert_eq!(plain.stats, None, "prefetch off starts no worker");
    let ahead = run_in_mode(&format!("{name}-on"), files, PrefetchMode::Patient);
    assert_eq!(ahead.out, plain.out, "stdout differs with prefetch");
    assert_eq!(ahead.error, plain.error, "the thrown error differs with prefetch");
    ahead
}

#[test]
fn a_cycle_still_hands_out_the_partial_exports() {
    let r = same_with_and_without_prefetch(
        "pf-cycle",
        &[
            ("main.js", "const a = require('./a.js');\nconsole.log('main', JSON.stringify(a));\n"),
            (
                "a.js",
                "exports.early = 1;\nconst b = require('./b.js');\nexports.late = 2;\nconsole.log('a sees', JSON.stringify(b));\n",
            ),
            ("b.js", "const a = require('./a.js');\nconsole.log('b sees', JSON.stringify(a));\nexports.b = true;\n"),
        ],
    );
    assert_eq!(r.out, "b sees {\"early\":1}\na sees {\"b\":true}\nmain {\"early\":1,\"late\":2}\n");
    let stats = r.stats.expect("the worker ran");
    // a.js and b.js came from the worker; main.js was the VM thread's own.
    assert_eq!((stats.started, stats.taken, stats.missed), (2, 2, 1), "{stats:?}");
}

#[test]
fn a_module_removed_from_the_cache_is_read_again() {
    let r = same_with_and_without_prefetch(
        "pf-reload",
        &[
            (
                "main.js",
                "const fs = require('fs');\nconsole.log(require('./c.js'));\n\
                 delete require.cache[require.resolve('./c.js')];\n\
                 fs.writeFileSync(__dirname + '/c.js', 'module.exports = \"second version\";');\n\
                 console.log(require('./c.js'));\n",
            ),
            ("c.js", "module.exports = 'first';\n"),
        ],
    );
    assert_eq!(r.out, "first\nsecond version\n");
    let stats = r.stats.expect("the worker ran");
    // The first load used the prefetched text, the reload read the file itself.
    assert_eq!((stats.taken, stats.missed), (1, 2), "{stats:?}");
}

#[test]
fn a_file_changed_after_it_was_prefetched_is_read_again() {
    let r = same_with_and_without_prefetch(
        "pf-changed",
        &[
            (
                "main.js",
                "require('fs').writeFileSync(__dirname + '/c.js', 'module.exports = \"rewritten by main\";');\n\
                 console.log(require('./c.js'));\n",
            ),
            ("c.js", "module.exports = 'as it was';\n"),
        ],
    );
    assert_eq!(r.out, "rewritten by main\n");
    let stats = r.stats.expect("the worker ran");
    assert_eq!((stats.started, stats.stale, stats.taken), (1, 1, 0), "{stats:?}");
}

#[test]
fn a_syntax_error_found_ahead_is_thrown_at_require_time() {
    let r = same_with_and_without_prefetch(
        "pf-syntax",
        &[
            (
                "main.js",
                "console.log('before');\ntry { require('./bad.js'); } catch (e) { console.log(e.name, e.message); }\n\
                 console.log('after');\nrequire('./bad.js');\n",
            ),
            ("bad.js", "exports.x = 1;\nconst = 2;\n"),
        ],
    );
    assert_eq!(r.out, "before\nSyntaxError Unexpected token '='\nafter\n");
    assert_eq!(r.error.as_deref(), Some("SyntaxError: Unexpected token '='"));
    let stats = r.stats.expect("the worker ran");
    // The failed module left the cache: the second require parses it again on the VM thread.
    assert_eq!((stats.started, stats.taken, stats.missed), (1, 1, 2), "{stats:?}");
}

#[test]
fn one_file_under_several_specifiers_is_read_and_parsed_once() {
    let r = same_with_and_without_prefetch(
        "pf-aliases",
        &[
            (
                "main.js",
                "const a = require('./d.js');\nconst b = require('./sub/../d.js');\nconst c = require('./d');\n\
                 console.log(a === b && b === c, a.n);\n",
            ),
            ("d.js", "exports.n = 7;\n"),
            ("sub/x.js", ""),
        ],
    );
    assert_eq!(r.out, "true 7\n");
    let stats = r.stats.expect("the worker ran");
    assert_eq!((stats.started, stats.taken, stats.missed), (1, 1, 1), "{stats:?}");
}

#[test]
fn json_es_modules_and_detection_agree_with_the_plain_loader() {
    let r = same_with_and_without_prefetch(
        "pf-formats",
        &[
            (
                "main.js",
                "const j = require('./data.json');\nconst e = require('./esm.mjs');\nconst d = require('./detect.js');\n\
                 const x = require('./plain.js');\nconsole.log(j.k, e.v, d.w, x);\n\
                 try { require('./broken.json'); } catch (err) { console.log(err.name); }\n",
            ),
            ("data.json", "{\"k\": [1, 2]}"),
            ("esm.mjs", "export const v = 'esm';\n"),
            ("detect.js", "export const w = 'detected';\n"),
            ("plain.js", "module.exports = require('./data.json').k.length;\n"),
            ("broken.json", "{nope"),
        ],
    );
    assert_eq!(r.out, "[ 1, 2 ] esm detected 2\nSyntaxError\n");
    let stats = r.stats.expect("the worker ran");
    // data.json, detect.js, plain.js and broken.json are prefetched for `require`; the ES
    // module is prefetched too, and its graph's construct phase takes it.
    assert_eq!((stats.started, stats.taken), (5, 5), "{stats:?}");
}

#[test]
fn a_required_es_module_graph_is_taken_from_the_worker() {
    let r = same_with_and_without_prefetch(
        "pf-esm-graph",
        &[
            ("main.js", "const e = require('./a.mjs');\nconsole.log(e.a, e.b, e.c);\n"),
            ("a.mjs", "import { b } from './b.mjs';\nimport c from './c.cjs';\nexport const a = 1;\nexport { b, c };\n"),
            ("b.mjs", "export const b = 2;\n"),
            ("c.cjs", "module.exports = 3;\n"),
        ],
    );
    assert_eq!(r.out, "1 2 3\n");
    let stats = r.stats.expect("the worker ran");
    // a.mjs is hinted by the `require`, b.mjs and c.cjs by a.mjs's imports: the construct
    // phase takes all three (c.cjs as its facade's prepared wrapper).
    assert_eq!((stats.started, stats.taken), (3, 3), "{stats:?}");
}

#[test]
fn what_an_imported_commonjs_module_requires_is_prefetched_before_it_runs() {
    let r = same_with_and_without_prefetch(
        "pf-facade",
        &[
            ("main.js", "import('./a.mjs').then((ns) => console.log(ns.a, ns.c));\n"),
            ("a.mjs", "import c from './c.cjs';\nexport const a = 'a';\nexport { c };\n"),
            ("c.cjs", "const d = require('./d.cjs');\nconst e = require('./e.cjs');\nmodule.exports = d + e;\n"),
            ("d.cjs", "module.exports = 'd';\n"),
            ("e.cjs", "console.log('e runs');\nmodule.exports = 'e';\n"),
        ],
    );
    assert_eq!(r.out, "e runs\na de\n");
    let stats = r.stats.expect("the worker ran");
    // a.mjs and c.cjs are loaded by import()'s construct phase (c.cjs's wrapper prepared with
    // the graph); before the graph runs, c.cjs's requirements are handed to the workers.
    assert_eq!((stats.started, stats.taken), (2, 2), "{stats:?}");
}
