//! `modjs --test262`: the calling convention and exit contract the test262 runner
//! (tests/test262, `--mode run`) relies on.

mod common;

use common::{modjs, text};

const FIXTURES: &str = "tests/fixtures/test262";

fn last_line(stderr: &[u8]) -> String {
    text(stderr).lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default().to_string()
}

#[test]
fn a_link_error_is_an_uncaught_syntax_error() {
    let out = modjs(&["--test262", "--module", &format!("{FIXTURES}/missing-export.js")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        last_line(&out.stderr),
        "modjs-test262: uncaught SyntaxError: The requested module './exports-x_FIXTURE.js' does not provide an export named 'y'"
    );
}

#[test]
fn a_missing_module_is_an_uncaught_error() {
    let out = modjs(&["--test262", "--module", &format!("{FIXTURES}/missing-file.js")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let line = last_line(&out.stderr);
    assert!(line.starts_with("modjs-test262: uncaught Error: Cannot find module '"), "{line}");
    assert!(line.contains("does-not-exist_FIXTURE.js' imported from "), "{line}");
}

#[test]
fn js_fixtures_are_modules() {
    let out = modjs(&["--test262", "--module", &format!("{FIXTURES}/imports-js-module.js")]);
    let stderr = text(&out.stderr);
    assert_ne!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("uncaught"), "{stderr}");
}

#[test]
fn unreadable_files_and_misuse_are_not_test_failures() {
    let out = modjs(&["--test262", &format!("{FIXTURES}/no-such-test.js")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(last_line(&out.stderr).starts_with("modjs-test262: "), "{}", text(&out.stderr));
    let out = modjs(&["--test262", "--prelude", "no-such-harness.js", &format!("{FIXTURES}/missing-export.js")]);
    assert_eq!(out.status.code(), Some(2));
    // The test262 options belong to --test262.
    let out = modjs(&["--module", &format!("{FIXTURES}/missing-export.js")]);
    assert_eq!(out.status.code(), Some(2));
    let out = modjs(&["--test262"]);
    assert_eq!(out.status.code(), Some(2));
}
