//! `modjs FILE`: the programs in tests/fixtures/run/ — promise job order, nextTick, timers,
//! immediates, unhandled rejections, uncaught exceptions, exit codes, `process.argv` — print
//! what node v20 printed for them (NAME.expected, recorded by record-node.py there: stdout, the
//! exit status and the first error line of stderr).

mod common;

use std::process::Command;

use common::{fixtures, text};

const ERROR_LINE_NAMES: &[&str] = &["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "AggregateError"];

/// The first stderr line that names an error (`Name: message`, `Name [CODE]: message`), else the
/// first `code: '...'` line — the same rule as the behaviour corpus.
fn picked_error_line(stderr: &str) -> Option<String> {
    let names_error = |l: &str| {
        let head = l.split(": ").next().unwrap_or("");
        let name = head.split(" [").next().unwrap_or("");
        l.contains(": ") && (ERROR_LINE_NAMES.contains(&name) || (name.ends_with("Error") && name.chars().all(|c| c.is_ascii_alphabetic())))
    };
    if let Some(l) = stderr.lines().find(|l| names_error(l)) {
        return Some(l.trim_end().to_string());
    }
    stderr.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("code: '")?;
        let code = rest.split('\'').next()?;
        Some(format!("code: '{code}'"))
    })
}

fn args_of(source: &str) -> Vec<String> {
    source
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("// args: "))
        .map(|a| a.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn programs_behave_as_in_node() {
    let mut failures = Vec::new();
    for path in fixtures("run", &["js", "mjs", "cjs"]) {
        let source = std::fs::read_to_string(&path).expect("fixture");
        let expected = std::fs::read_to_string(path.with_extension("expected")).expect("expected file");
        let dir = path.parent().expect("fixture directory");
        let name = path.file_name().and_then(|n| n.to_str()).expect("file name");
        let out = Command::new(env!("CARGO_BIN_EXE_modjs"))
            .arg(name)
            .args(args_of(&source))
            .current_dir(dir)
            .output()
            .expect("run modjs");
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{name}: modjs panicked:\n{stderr}");
        let status = out.status.code().unwrap_or(-1);
        let mut got = format!("{}--- exit {status}\n", text(&out.stdout));
        if status != 0 {
            if let Some(line) = picked_error_line(&stderr) {
                got.push_str(&line);
                got.push('\n');
            }
        }
        if got != expected {
            failures.push(format!("--- {name}\nnode:\n{expected}modjs:\n{got}stderr:\n{stderr}"));
        }
    }
    assert!(failures.is_empty(), "{} program(s) differ from node:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_missing_program_is_module_not_found() {
    let out = common::modjs(&["tests/fixtures/run/does-not-exist.js"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("Error: Cannot find module '"), "{stderr}");
    assert!(stderr.contains("code: 'MODULE_NOT_FOUND'") && stderr.ends_with("\nNode.js v20.20.2\n"), "{stderr}");
}

#[test]
fn a_syntax_error_prints_the_code_frame_and_exits_1() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("run-syntax-error.js");
    std::fs::write(&path, "let x = 1;\nlet let = 2;\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_modjs")).arg(&path).output().expect("run modjs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let expected = format!(
        "{}:2\nlet let = 2;\n    ^^^\n\nSyntaxError: let is disallowed as a lexically bound name\n\nNode.js v20.20.2\n",
        std::fs::canonicalize(&path).expect("canonical").display()
    );
    assert_eq!(stderr, expected);
    assert!(out.stdout.is_empty());
}

#[test]
fn error_lines_are_picked_like_the_corpus_runner() {
    assert_eq!(picked_error_line("x\nTypeError [ERR_X]: m\n"), Some("TypeError [ERR_X]: m".into()));
    assert_eq!(picked_error_line("Uh: no\n  code: 'ERR_UNHANDLED_REJECTION'\n"), Some("code: 'ERR_UNHANDLED_REJECTION'".into()));
    assert_eq!(picked_error_line("nothing\n"), None);
}

/// node v20.20.2 ends a program whose entry module's top-level await never settles without a
/// word on stderr (the "Detected unsettled top-level await" warning of later releases was
/// reverted on v20.x), with status 13 — or `process.exitCode` when the program set one (the
/// statuses are in the fixtures' expected files; here: nothing else is printed).
#[test]
fn an_unsettled_top_level_await_exits_silently() {
    for name in ["unsettled-tla.mjs", "unsettled-tla-exit-code.mjs"] {
        let out = common::modjs(&[&format!("tests/fixtures/run/{name}")]);
        assert!(out.stderr.is_empty(), "{name}: {}", text(&out.stderr));
        assert!(matches!(out.status.code(), Some(13 | 7)), "{name}: {:?}", out.status);
    }
    // With --trace, the trace says why the program ended; stdout and the status are unchanged.
    let out = common::modjs(&["--trace", "tests/fixtures/run/unsettled-tla.mjs"]);
    assert_eq!(out.status.code(), Some(13));
    assert_eq!(text(&out.stdout), "waiting\n");
    assert!(text(&out.stderr).ends_with("still pending (unsettled top-level await)\n"), "{}", text(&out.stderr));
}
