//! `modjs link`: snapshots of the phase trace for the seed examples, and Node's error output
//! for graphs that cannot link.

mod common;

use common::{modjs, root, text};

/// (fixture directory under tests/fixtures/link, entry file)
const TRACED: &[(&str, &str)] =
    &[("esm-cycle-tdz", "a.mjs"), ("even-odd-esm", "main.mjs"), ("esm-cycle-namespaces", "main.mjs")];

#[test]
fn trace_of_the_seed_examples() {
    for (dir, entry) in TRACED {
        // Run inside the fixture directory: the trace shows paths relative to it.
        let file = format!("tests/fixtures/link/{dir}/{entry}");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_modjs"))
            .args(["link", "--trace", entry])
            .current_dir(root().join("tests/fixtures/link").join(dir))
            .output()
            .expect("run modjs");
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{file}: {}", text(&out.stderr));
        insta::assert_snapshot!(format!("link-trace-{dir}"), text(&out.stdout));
    }
}

#[test]
fn without_trace_a_linking_graph_is_silent() {
    let out = modjs(&["link", "tests/fixtures/link/even-odd-esm/main.mjs"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

/// Node's stderr for a link error, up to the stack trace, with the repository path replaced.
fn link_failure(file: &str) -> String {
    let out = modjs(&["link", file]);
    assert_eq!(out.status.code(), Some(1), "{file}");
    assert!(out.stdout.is_empty(), "{file}: nothing may be printed on stdout");
    let root = root().display().to_string();
    text(&out.stderr).replace(&root, "$ROOT")
}

#[test]
fn missing_export_is_nodes_syntax_error() {
    assert_eq!(
        link_failure("tests/fixtures/link/missing-export/main.mjs"),
        "file://$ROOT/tests/fixtures/link/missing-export/main.mjs:2\n\
         import { present, absent } from './lib.mjs';\n                  ^^^^^^\n\
         SyntaxError: The requested module './lib.mjs' does not provide an export named 'absent'\n"
    );
}

#[test]
fn conflicting_star_exports_is_nodes_syntax_error() {
    assert_eq!(
        link_failure("tests/fixtures/link/star-conflict/main.mjs"),
        "file://$ROOT/tests/fixtures/link/star-conflict/main.mjs:2\n\
         import { shared } from './m.mjs';\n         ^^^^^^\n\
         SyntaxError: The requested module './m.mjs' contains conflicting star exports for name 'shared'\n"
    );
}

#[test]
fn missing_file_is_err_module_not_found() {
    let err = link_failure("tests/fixtures/link/missing-file/main.mjs");
    assert_eq!(
        err,
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '$ROOT/tests/fixtures/link/missing-file/nowhere.mjs' \
         imported from $ROOT/tests/fixtures/link/missing-file/main.mjs\n"
    );
}

#[test]
fn named_imports_from_commonjs_use_nodes_detection_and_message() {
    assert_eq!(
        link_failure("tests/fixtures/link/cjs-named/main.mjs"),
        "file://$ROOT/tests/fixtures/link/cjs-named/main.mjs:2\n\
         import { a as b, missing } from './lib.cjs';\n                 ^^^^^^^\n\
         SyntaxError: Named export 'missing' not found. The requested module './lib.cjs' is a CommonJS module, \
         which may not support all module.exports as named exports.\n\
         CommonJS modules can always be imported via the default export, for example using:\n\n\
         import pkg from './lib.cjs';\n\
         const { a: b, missing } = pkg;\n\n"
    );
}
