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
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn scripts_print_and_run_their_jobs() {
    let out = modjs(&["--test262", &format!("{FIXTURES}/async-print.js")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "first\nsecond\n");
}

#[test]
fn an_uncaught_value_is_named_by_its_constructor() {
    let out = modjs(&["--test262", &format!("{FIXTURES}/throws-test262error.js")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(last_line(&out.stderr), "modjs-test262: uncaught Test262Error: Expected SameValue(«1», «2») to be true");
}

#[test]
fn strict_puts_the_directive_before_the_test() {
    let file = format!("{FIXTURES}/sloppy-only.js");
    assert_eq!(modjs(&["--test262", &file]).status.code(), Some(0));
    let out = modjs(&["--test262", "--strict", &file]);
    assert_eq!(out.status.code(), Some(1));
    let line = last_line(&out.stderr);
    assert!(line.starts_with("modjs-test262: uncaught ") && line.ends_with(": undeclared is not defined"), "{line}");
}

#[test]
fn preludes_run_first_in_the_same_realm() {
    let out = modjs(&[
        "--test262",
        "--prelude",
        &format!("{FIXTURES}/prelude-defines.js"),
        &format!("{FIXTURES}/prints-prelude-global.js"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "defined by a prelude\n");
}

#[test]
fn a_failing_prelude_stops_the_run() {
    let out = modjs(&[
        "--test262",
        "--prelude",
        &format!("{FIXTURES}/throws-test262error.js"),
        &format!("{FIXTURES}/async-print.js"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "", "the test ran after a failing prelude");
}

#[test]
fn unreadable_files_and_misuse_are_not_test_failures() {
    let out = modjs(&["--test262", &format!("{FIXTURES}/no-such-test.js")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(last_line(&out.stderr).starts_with("modjs-test262: "), "{}", text(&out.stderr));
    let out = modjs(&["--test262", "--prelude", "no-such-harness.js", &format!("{FIXTURES}/missing-export.js")]);
    assert_eq!(out.status.code(), Some(2));
    let out = modjs(&["--test262"]);
    assert_eq!(out.status.code(), Some(2));
}
