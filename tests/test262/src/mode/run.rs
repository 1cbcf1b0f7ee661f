//! `--mode run`: does modjs run each test with the expected outcome?
//!
//! Every variant of a test runs in its own `modjs --test262` process (a crash, a hang or a
//! runaway allocation costs that variant only):
//!
//! ```text
//! modjs --test262 [--module] [--strict] [--prelude harness/FILE]... TEST_FILE
//! ```
//!
//! The contract with the binary (its `--test262` host): each `--prelude` is evaluated as its own
//! global Script in the test's realm, in order, before the test, which runs as a Script (with
//! `"use strict";` and a line feed put before its text under `--strict`) or, with `--module`, as
//! the root of a module graph. The host provides `print` (one line on stdout) and `$262`. Any
//! uncaught error (syntax, link or runtime) makes the process exit with status 1 after
//! printing, as its last stderr line, `modjs-test262: uncaught NAME: MESSAGE`, where NAME is the
//! thrown value's `constructor.name` when it is an object that has one, else its `typeof`.
//!
//! Verdicts:
//! - negative at the `parse` phase: decided in this process by the parser, as in parse mode
//!   (cheaper than a process, and the same answer the binary would give);
//! - negative at the `resolution` or `runtime` phase: status 1 with an uncaught error whose
//!   NAME is the expected type;
//! - `async`: status 0, `Test262:AsyncTestComplete` on stdout and no `Test262:AsyncTestFailure`;
//! - any other test: status 0.
//!
//! Tests without `onlyStrict`, `noStrict`, `raw` or `module` run twice (non-strict and strict)
//! and pass when both variants pass, as test262's INTERPRETING.md asks; the expectations file
//! records the variants separately.

use super::{parse, Settings, TestCase};
use crate::child::{run_with_limits, Ending, Finished, Limits};
use crate::frontmatter::{Metadata, Phase};
use crate::harness::preludes;
use crate::outcome::{Outcome, TestResult};
use crate::report::{one_line, percent};
use crate::variant::Variant;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// No proposal counts in run mode.
pub const COUNTED_PROPOSALS: &[&str] = &[];

/// The language and the built-ins, and the one staging directory of the module group.
pub const DEFAULT_PATHS: &[&str] = &["test/language", "test/built-ins", "test/staging/top-level-await"];

/// The directories whose tests are about modules; the rest of `test/language` and all of
/// `test/built-ins` make the "core" figure.
pub const MODULE_DIRS: &[&str] = &[
    "test/language/module-code",
    "test/language/import",
    "test/language/export",
    "test/language/expressions/dynamic-import",
    "test/language/expressions/import.meta",
    "test/staging/top-level-await",
];

/// The prefix of the last stderr line of a run that ended with an uncaught error.
pub const UNCAUGHT_PREFIX: &str = "modjs-test262: uncaught ";

const ASYNC_COMPLETE: &str = "Test262:AsyncTestComplete";
const ASYNC_FAILURE: &str = "Test262:AsyncTestFailure:";

/// How the modjs binary is started.
pub struct Engine {
    pub binary: PathBuf,
    pub limits: Limits,
}

/// A test has at most two variants, each killed at the timeout; well past that, the runner
/// itself is stuck.
pub fn hung_limit(engine: &Engine) -> Duration {
    engine.limits.timeout * 2 + Duration::from_secs(60)
}

pub fn run_variant(test: &TestCase<'_>, variant: Variant, settings: &Settings) -> Outcome {
    if test.meta.is_negative_parse() {
        return parse::run_variant(test, variant);
    }
    let engine = &settings.engine;
    let mut command = Command::new(&engine.binary);
    command.arg("--test262");
    match variant {
        Variant::Module => {
            command.arg("--module");
        }
        Variant::Strict => {
            command.arg("--strict");
        }
        Variant::Sloppy => {}
    }
    for file in preludes(test.meta) {
        command.arg("--prelude").arg(settings.harness.join(file));
    }
    command.arg(test.file);
    match run_with_limits(command, engine.limits) {
        Ok(finished) => judge(test.meta, &finished, engine.limits.timeout),
        Err(why) => Outcome::Fail(why),
    }
}

/// The thrown value's constructor name and message, from the last stderr line.
#[derive(Debug, PartialEq, Eq)]
pub struct Uncaught<'a> {
    pub name: &'a str,
    pub message: &'a str,
}

/// Reads the `modjs-test262: uncaught NAME: MESSAGE` line if it is the last non-empty line of
/// `stderr`.
pub fn uncaught_error(stderr: &str) -> Option<Uncaught<'_>> {
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty())?;
    let rest = last.strip_prefix(UNCAUGHT_PREFIX)?;
    Some(match rest.split_once(':') {
        Some((name, message)) => Uncaught { name, message: message.trim_start() },
        None => Uncaught { name: rest.trim_end(), message: "" },
    })
}

/// Decides whether a finished run of a test (not negative at the parse phase) passed.
pub fn judge(meta: &Metadata, finished: &Finished, timeout: Duration) -> Outcome {
    let status = match &finished.ending {
        Ending::TimedOut => return Outcome::Fail(format!("timed out after {} s", timeout.as_secs_f64())),
        Ending::Exited(status) => status,
    };
    let uncaught = uncaught_error(&finished.stderr).filter(|_| status.code() == Some(1));
    if let Some(negative) = meta.negative.as_ref().filter(|n| n.phase != Phase::Parse) {
        let phase = if negative.phase == Phase::Resolution { "resolution" } else { "runtime" };
        return match (status.code(), uncaught) {
            (_, Some(error)) if error.name == negative.error_type => Outcome::Pass,
            (_, Some(error)) => Outcome::Fail(format!(
                "expected a {} at the {phase} phase, got {}: {}",
                negative.error_type, error.name, error.message
            )),
            (Some(0), None) => Outcome::Fail(format!("expected a {} at the {phase} phase, but it completed", negative.error_type)),
            (_, None) => Outcome::Fail(abnormal_exit(status, &finished.stderr)),
        };
    }
    match (status.code(), uncaught) {
        (Some(0), _) if meta.has_flag("async") => async_verdict(&finished.stdout),
        (Some(0), _) => Outcome::Pass,
        (_, Some(error)) => Outcome::Fail(format!("{}: {}", error.name, error.message)),
        (_, None) => Outcome::Fail(abnormal_exit(status, &finished.stderr)),
    }
}

/// An async test reports through `$DONE` → `print`.
fn async_verdict(stdout: &str) -> Outcome {
    if let Some(line) = stdout.lines().find(|l| l.starts_with(ASYNC_FAILURE)) {
        return Outcome::Fail(format!("async: {}", &line[ASYNC_FAILURE.len()..]));
    }
    if stdout.lines().any(|l| l.trim_end() == ASYNC_COMPLETE) {
        Outcome::Pass
    } else {
        Outcome::Fail("async: $DONE was never called".to_string())
    }
}

/// Neither success nor a reported uncaught error: a crash, a panic, a usage error.
fn abnormal_exit(status: &std::process::ExitStatus, stderr: &str) -> String {
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).map(one_line).unwrap_or_default();
    let how = match status.code() {
        Some(code) => format!("exit status {code}"),
        None => signal_of(status).map_or_else(|| "killed".to_string(), |s| format!("killed by signal {s}")),
    };
    if last.is_empty() { how } else { format!("{how}: {last}") }
}

#[cfg(unix)]
fn signal_of(status: &std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

#[cfg(not(unix))]
fn signal_of(_status: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// Whether a test path is at or under one of `dirs`.
fn under_any(path: &str, dirs: &[&str]) -> bool {
    dirs.iter().any(|d| path.strip_prefix(d).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
}

/// The two figures the project is measured by: "core" (`test/language` without the module
/// directories, plus `test/built-ins`) and the module directories; a test counts as passed when
/// all of its variants pass. Proposals are excluded from both.
pub fn figures(results: &[TestResult]) -> Vec<String> {
    let (mut core, mut core_ok, mut modules, mut modules_ok) = (0, 0, 0, 0);
    for result in results.iter().filter(|r| r.counted()) {
        let passed = usize::from(result.passed());
        if under_any(&result.path, MODULE_DIRS) {
            modules += 1;
            modules_ok += passed;
        } else if under_any(&result.path, &["test/language", "test/built-ins"]) {
            core += 1;
            core_ok += passed;
        }
    }
    vec![
        format!("core (language without module dirs, built-ins): {core_ok}/{core} ({})", percent(core_ok, core)),
        format!("module dirs ({}): {modules_ok}/{modules} ({})", module_dir_names(), percent(modules_ok, modules)),
    ]
}

/// `module-code, import, …, staging/top-level-await`.
fn module_dir_names() -> String {
    MODULE_DIRS
        .iter()
        .map(|d| d.strip_prefix("test/language/").unwrap_or_else(|| d.strip_prefix("test/").unwrap_or(d)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::frontmatter::Negative;
    use crate::outcome::{Status, VariantResult};
    use std::os::unix::process::ExitStatusExt;

    fn exited(code: i32, stdout: &str, stderr: &str) -> Finished {
        Finished { ending: Ending::Exited(ExitStatusExt::from_raw(code << 8)), stdout: stdout.into(), stderr: stderr.into() }
    }

    fn meta(flags: &[&str], negative: Option<(Phase, &str)>) -> Metadata {
        Metadata {
            flags: flags.iter().map(|s| s.to_string()).collect(),
            negative: negative.map(|(phase, t)| Negative { phase, error_type: t.to_string() }),
            ..Metadata::default()
        }
    }

    const T: Duration = Duration::from_secs(10);

    #[test]
    fn the_uncaught_line_is_the_last_one() {
        let err = "warning\nmodjs-test262: uncaught Test262Error: Expected SameValue(«1», «2»)\n\n";
        assert_eq!(uncaught_error(err), Some(Uncaught { name: "Test262Error", message: "Expected SameValue(«1», «2»)" }));
        assert_eq!(uncaught_error("modjs-test262: uncaught number"), Some(Uncaught { name: "number", message: "" }));
        assert_eq!(uncaught_error("modjs-test262: uncaught TypeError: x\nthen more"), None);
        assert_eq!(uncaught_error(""), None);
    }

    #[test]
    fn positive_tests_pass_on_status_zero() {
        let m = meta(&[], None);
        assert_eq!(judge(&m, &exited(0, "", ""), T), Outcome::Pass);
        assert_eq!(
            judge(&m, &exited(1, "", "modjs-test262: uncaught Test262Error: nope\n"), T),
            Outcome::Fail("Test262Error: nope".into())
        );
        assert_eq!(judge(&m, &exited(101, "", "thread 'main' panicked at x\n"), T), Outcome::Fail("exit status 101: thread 'main' panicked at x".into()));
        let killed = Finished { ending: Ending::Exited(ExitStatusExt::from_raw(11)), stdout: String::new(), stderr: String::new() };
        assert_eq!(judge(&m, &killed, T), Outcome::Fail("killed by signal 11".into()));
        let hung = Finished { ending: Ending::TimedOut, stdout: String::new(), stderr: String::new() };
        assert_eq!(judge(&m, &hung, T), Outcome::Fail("timed out after 10 s".into()));
    }

    #[test]
    fn negative_tests_need_the_expected_constructor() {
        let m = meta(&[], Some((Phase::Runtime, "ReferenceError")));
        assert_eq!(judge(&m, &exited(1, "", "modjs-test262: uncaught ReferenceError: x is not defined\n"), T), Outcome::Pass);
        assert_eq!(
            judge(&m, &exited(1, "", "modjs-test262: uncaught TypeError: x\n"), T),
            Outcome::Fail("expected a ReferenceError at the runtime phase, got TypeError: x".into())
        );
        assert_eq!(
            judge(&m, &exited(0, "", ""), T),
            Outcome::Fail("expected a ReferenceError at the runtime phase, but it completed".into())
        );
        // The uncaught line only counts with status 1.
        assert!(matches!(judge(&m, &exited(2, "", "modjs-test262: uncaught ReferenceError: x\n"), T), Outcome::Fail(_)));
        let m = meta(&["module"], Some((Phase::Resolution, "SyntaxError")));
        assert_eq!(judge(&m, &exited(1, "", "modjs-test262: uncaught SyntaxError: ambiguous\n"), T), Outcome::Pass);
    }

    #[test]
    fn async_tests_report_through_done() {
        let m = meta(&["async"], None);
        assert_eq!(judge(&m, &exited(0, "Test262:AsyncTestComplete\n", ""), T), Outcome::Pass);
        assert_eq!(
            judge(&m, &exited(0, "Test262:AsyncTestComplete\nTest262:AsyncTestFailure:Test262Error: late\n", ""), T),
            Outcome::Fail("async: Test262Error: late".into())
        );
        assert_eq!(judge(&m, &exited(0, "", ""), T), Outcome::Fail("async: $DONE was never called".into()));
        assert!(matches!(judge(&m, &exited(1, "Test262:AsyncTestComplete\n", "modjs-test262: uncaught Error: x"), T), Outcome::Fail(_)));
    }

    #[test]
    fn figures_split_core_and_module_directories() {
        let result = |path: &str, ok: bool| TestResult {
            path: path.into(),
            negative: None,
            status: Status::Ran(vec![VariantResult {
                variant: Variant::Sloppy,
                outcome: if ok { Outcome::Pass } else { Outcome::Fail("x".into()) },
            }]),
            elapsed: Duration::ZERO,
        };
        let results = [
            result("test/language/expressions/addition/a.js", true),
            result("test/language/expressions/dynamic-import/b.js", true),
            result("test/language/expressions/dynamic-imports/c.js", false),
            result("test/language/module-code/d.js", false),
            result("test/built-ins/Array/e.js", true),
            result("test/staging/top-level-await/f.js", true),
            result("test/staging/other/g.js", true),
        ];
        let lines = figures(&results);
        assert_eq!(lines[0], "core (language without module dirs, built-ins): 2/3 (66.67%)");
        assert!(lines[1].starts_with("module dirs (module-code, import, export, expressions/dynamic-import, expressions/import.meta, staging/top-level-await): 2/3 (66.67%)"), "{}", lines[1]);
    }
}
