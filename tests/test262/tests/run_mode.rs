//! `--mode run` end to end, against a miniature test262 checkout (fixtures/mini262) and a fake
//! modjs binary (fixtures/fake-modjs, a shell script that obeys `//fake:` lines in each test) —
//! so the runner's verdicts, variants, preludes, timeouts and expectations are tested without
//! depending on the engine's progress.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn runner(extra: &[&str]) -> Output {
    let fixtures = fixtures();
    Command::new(env!("CARGO_BIN_EXE_test262"))
        .arg("--mode=run")
        .arg("--test262")
        .arg(fixtures.join("mini262"))
        .arg("--modjs")
        .arg(fixtures.join("fake-modjs"))
        .args(["--timeout", "1", "-j", "4"])
        .args(extra)
        .output()
        .expect("the runner starts")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("modjs-test262-run-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("run.txt")
}

#[test]
fn verdicts_follow_the_frontmatter() {
    let output = runner(&["--verbose"]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    let failures: Vec<&str> = out.lines().filter(|l| l.starts_with("FAIL ")).collect();
    assert_eq!(
        failures,
        [
            "FAIL test/language/misc/async-never-done.js:sloppy: async: $DONE was never called",
            "FAIL test/language/misc/crash.js:strict: killed by signal 11",
            "FAIL test/language/misc/hang.js:sloppy: timed out after 1 s",
            "FAIL test/language/misc/negative-completes.js:sloppy: expected a TypeError at the runtime phase, but it completed",
            "FAIL test/language/misc/negative-completes.js:strict: expected a TypeError at the runtime phase, but it completed",
            "FAIL test/language/misc/negative-wrong-type.js:sloppy: expected a TypeError at the runtime phase, got RangeError: out of range",
            "FAIL test/language/misc/negative-wrong-type.js:strict: expected a TypeError at the runtime phase, got RangeError: out of range",
            "FAIL test/language/misc/strict-differs.js:strict: Test262Error: strict mode differs",
            "FAIL test/language/misc/throws.js:sloppy: Test262Error: Expected SameValue(«1», «2») to be true",
            "FAIL test/language/misc/throws.js:strict: Test262Error: Expected SameValue(«1», «2») to be true",
        ],
        "{out}"
    );
    // pass, negative-runtime, negative-parse (decided in process: the fake would crash),
    // async, includes, raw; the module tests; built-ins.
    assert!(out.contains("core (language without module dirs, built-ins): 7/14 (50.00%)"), "{out}");
    assert!(out.contains("): 2/2 (100.00%)"), "{out}");
    assert!(out.contains("1 excluded (proposals)"), "{out}");
    assert!(out.ends_with("9 passed, 7 failed\n"), "{out}");
}

#[test]
fn expectations_catch_regressions_and_update_adds_new_passes() {
    let file = temp_file("expectations");
    std::fs::write(
        &file,
        "# header\ntest/language/misc/pass.js\ntest/language/misc/throws.js:strict\ntest/language/misc/strict-differs.js:sloppy\n",
    )
    .unwrap();
    let expectations = file.to_str().unwrap();
    let output = runner(&["--expectations", expectations]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("REGRESSION test/language/misc/throws.js:strict: Test262Error: Expected SameValue"), "{out}");
    assert!(out.contains("expectations ") && out.contains(": 1 regressions, 0 stale"), "{out}");
    assert!(out.ends_with("9 passed, 1 failed\n"), "{out}");

    let output = runner(&["--expectations", expectations, "--update"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = std::fs::read_to_string(&file).unwrap();
    let entries: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        entries,
        [
            "test/built-ins/Thing/pass.js",
            "test/language/misc/async.js",
            "test/language/misc/includes.js",
            "test/language/misc/negative-parse.js",
            "test/language/misc/negative-runtime.js",
            "test/language/misc/pass.js",
            "test/language/misc/raw.js",
            "test/language/misc/strict-differs.js:sloppy",
            "test/language/module-code/module.js",
            "test/language/module-code/negative-resolution.js",
        ]
    );
    let output = runner(&["--expectations", expectations]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).ends_with("9 passed, 0 failed\n"));
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

#[test]
fn paths_and_excluded_directories_narrow_the_run() {
    let output = runner(&["--exclude-dir", "test/language/misc", "test/language"]);
    let out = stdout(&output);
    assert!(out.contains("(test/language without test/language/misc): 2 tests"), "{out}");
    assert!(out.ends_with("2 passed, 0 failed\n"), "{out}");
}

#[test]
fn a_missing_binary_is_a_setup_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_test262"))
        .args(["--mode", "run", "--modjs", "/nonexistent/modjs", "--test262"])
        .arg(fixtures().join("mini262"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/modjs does not exist"));
}
