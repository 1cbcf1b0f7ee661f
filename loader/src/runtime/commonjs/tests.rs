//! CommonJS programs run end to end (files in a temporary folder, console output captured).

use modjs_vm::host::console::capture;
use modjs_vm::{PropertyKey, Value, Vm};

use super::format::{detect_format, Detected};
use super::load_main;
use super::wrapper::parse_wrapper;
use crate::module::host::FsHost;
use crate::module::{ModuleGraph, Trace};
use crate::resolve::Resolver;
use crate::runtime::module_runtime::ModuleRuntime;

/// A fresh folder holding `files`; removed when dropped.
pub(super) struct Folder(std::path::PathBuf);

impl Folder {
    pub(super) fn new(name: &str, files: &[(&str, &str)]) -> Folder {
        let dir = std::env::temp_dir().join(format!("modjs-cjs-{}-{}", name, std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
        }
        let real = std::fs::canonicalize(&dir).unwrap();
        Folder(real)
    }

    pub(super) fn path(&self, file: &str) -> String {
        self.0.join(file).display().to_string()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(super) fn error_text(vm: &mut Vm, e: &Value) -> String {
    let n = vm.get_v(e, &PropertyKey::from("name")).unwrap_or(Value::Undefined);
    let m = vm.get_v(e, &PropertyKey::from("message")).unwrap_or(Value::Undefined);
    let n = vm.to_string(&n).map(|s| s.to_rust_lossy()).unwrap_or_default();
    let m = vm.to_string(&m).map(|s| s.to_rust_lossy()).unwrap_or_default();
    format!("{n}: {m}")
}

/// Runs `main.js` of a folder made of `files` as the main module: stdout and the thrown error.
fn run(name: &str, files: &[(&str, &str)]) -> (String, Option<String>, Folder) {
    let folder = Folder::new(name, files);
    let mut vm = Vm::new();
    let host = FsHost::new(Resolver::new());
    vm.host_state = Some(Box::new(ModuleRuntime::new(ModuleGraph::new(), Trace::off()).with_host(Box::new(host))));
    let main = folder.path("main.js");
    let (result, out, _) = capture(&mut vm, |vm| load_main(vm, &main));
    let error = result.err().map(|e| error_text(&mut vm, &e));
    (out, error, folder)
}

#[test]
fn the_wrapper_is_a_function_body_with_five_parameters() {
    assert!(parse_wrapper("return; new.target;").is_ok());
    let e = parse_wrapper("let exports = 1;").unwrap_err();
    assert_eq!(e.message, "Identifier 'exports' has already been declared");
    assert_eq!(e.span.start, 4);
    // `var` may redeclare a parameter; strictness comes from the body's directive.
    assert!(parse_wrapper("var require = 1;").is_ok());
    assert!(parse_wrapper("with (a) {}").is_ok());
    assert_eq!(
        parse_wrapper("'use strict'; with (a) {}").unwrap_err().message,
        "Strict mode code may not include a with statement"
    );
    // Errors keep the file's own positions: no wrapper text in front.
    let e = parse_wrapper("\n  foo bar").unwrap_err();
    assert_eq!(e.span.start, 7);
}

#[test]
fn syntax_detection_follows_nodes_retry_rules() {
    assert!(matches!(detect_format("module.exports = 1"), Detected::CommonJs(_)));
    assert!(matches!(detect_format("import x from 'y'"), Detected::Module));
    assert!(matches!(detect_format("export const a = 1"), Detected::Module));
    assert!(matches!(detect_format("await 1;"), Detected::Module));
    assert!(matches!(detect_format("const require = 1; import.meta;"), Detected::Module));
    assert!(matches!(detect_format("const require = 1;"), Detected::Module));
    // Only CommonJS forbids it, but the module goal rejects `new.target`: a CommonJS error.
    assert!(matches!(detect_format("let exports = 1; new.target"), Detected::Error(_)));
    assert!(matches!(detect_format("foo bar"), Detected::Error(_)));
}

#[test]
fn module_fields_and_the_wrapper_arguments() {
    let (out, err, _f) = run(
        "fields",
        &[
            (
                "main.js",
                "console.log(require.main === module, module.id, this === module.exports, typeof __filename);\n\
                 console.log(arguments.length, arguments[0] === exports, arguments[2] === module);\n\
                 const lib = require('./lib');\n\
                 console.log(lib.id === require.resolve('./lib'), lib.main, module.children.length);",
            ),
            (
                "lib.js",
                "exports.id = module.id; exports.main = require.main === module; console.log(module.parent.id);",
            ),
        ],
    );
    assert_eq!(err, None);
    assert_eq!(out, "true . true string\n5 true true\n.\ntrue false 1\n");
}

#[test]
fn a_cycle_sees_the_partial_exports() {
    let (out, err, _f) = run(
        "cycle",
        &[
            ("main.js", "exports.done = false; const b = require('./b'); console.log('main sees', b.done); exports.done = true;"),
            ("b.js", "exports.done = false; const m = require('./main'); console.log('b sees', m.done); exports.done = true;"),
        ],
    );
    assert_eq!(err, None);
    assert_eq!(out, "b sees false\nmain sees true\n");
}

#[test]
fn the_cache_runs_a_module_once_and_forgets_one_that_throws() {
    let (out, err, _f) = run(
        "cache",
        &[
            (
                "main.js",
                "require('./once'); require('./once');\n\
                 for (let i = 0; i < 2; i++) { try { require('./bad'); } catch (e) { console.log(e.message); } }\n\
                 delete require.cache[require.resolve('./once')]; require('./once');\n\
                 const a = require('./data.json'), b = require('./data.json'); console.log(a === b, a.n);",
            ),
            ("once.js", "console.log('once ran');"),
            ("bad.js", "console.log('bad ran'); throw new Error('bad');"),
            ("data.json", "{\"n\": 1}"),
        ],
    );
    assert_eq!(err, None);
    assert_eq!(out, "once ran\nbad ran\nbad\nbad ran\nbad\nonce ran\ntrue 1\n");
}

#[test]
fn a_missing_module_lists_the_require_stack() {
    let (out, err, f) = run(
        "missing",
        &[
            ("main.js", "require('./a');"),
            ("a.js", "try { require('./nope'); } catch (e) { console.log(e.code, e.requireStack.length); throw e; }"),
        ],
    );
    assert_eq!(out, "MODULE_NOT_FOUND 2\n");
    let expected =
        format!("Error: Cannot find module './nope'\nRequire stack:\n- {}\n- {}", f.path("a.js"), f.path("main.js"));
    assert_eq!(err, Some(expected));
}

#[test]
fn a_json_syntax_error_names_the_file() {
    let (_, err, f) = run("json", &[("main.js", "require('./x.json');"), ("x.json", "{\"a\": 1,}")]);
    let err = err.unwrap_or_default();
    assert!(err.starts_with(&format!("SyntaxError: {}: ", f.path("x.json"))), "{err}");
}

#[test]
fn require_of_an_es_module_gives_its_live_namespace() {
    let (out, err, _f) = run(
        "require-esm",
        &[
            (
                "main.js",
                "const a = require('./a.mjs'), b = require('./b.mjs');\n\
                 console.log(Object.keys(a).join(), a.__esModule, a.default(), a === require('./a.mjs'));\n\
                 console.log(Object.keys(b).join(), b.__esModule, b.n); b.bump(); console.log(b.n, a.n);",
            ),
            ("a.mjs", "export { n } from './b.mjs'; export default function f() { return 'f'; }"),
            ("b.mjs", "export let n = 1; export function bump() { n++; }"),
        ],
    );
    assert_eq!(err, None);
    assert_eq!(out, "__esModule,default,n true f true\nbump,n undefined 1\n2 2\n");
}

#[test]
fn require_of_an_es_module_with_top_level_await_or_in_a_cycle_throws() {
    let (_, err, _f) = run("require-tla", &[("main.js", "require('./t.mjs');"), ("t.mjs", "await 1;")]);
    assert!(err
        .unwrap_or_default()
        .starts_with("Error: require() cannot be used on an ESM graph with top-level await."));
    let (out, err, f) = run(
        "require-cycle",
        &[
            ("main.js", "require('./a.mjs');"),
            ("a.mjs", "import './b.cjs'; console.log('a');"),
            ("b.cjs", "require('./a.mjs');"),
        ],
    );
    assert_eq!(out, "");
    let expected =
        format!("Error: Cannot require() ES Module {} in a cycle. (from {})", f.path("a.mjs"), f.path("main.js"));
    assert_eq!(err, Some(expected));
}

#[test]
fn create_require_resolves_from_the_given_file_or_folder() {
    let (out, err, _f) = run(
        "create-require",
        &[
            (
                "main.js",
                "const { createRequire, isBuiltin } = require('module');\n\
                 const r = createRequire(__dirname + '/sub/');\n\
                 console.log(r('./x').where, r.resolve('./x') === require.resolve('./sub/x'), r.main === module);\n\
                 const u = createRequire('file://' + __dirname + '/sub/x.js');\n\
                 console.log(u('./x') === r('./x'), isBuiltin('node:fs'), isBuiltin('test'));\n\
                 try { createRequire('relative.js'); } catch (e) { console.log(e.code); }",
            ),
            ("sub/x.js", "exports.where = 'sub';"),
        ],
    );
    assert_eq!(err, None);
    assert_eq!(out, "sub true true\ntrue true false\nERR_INVALID_ARG_VALUE\n");
}
