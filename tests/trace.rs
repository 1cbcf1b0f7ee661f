//! `modjs --trace FILE`: snapshots of the phase trace (construct, link, evaluate, asynchronous
//! completions) for the seed examples of the shared behaviour corpus and two of its top-level
//! await cases (several modules waiting for one; a rejection), and the promise that tracing
//! changes nothing else: the same standard output and exit status as without `--trace`, which
//! are node's (the case's `expected` file).

mod common;

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::{root, text};

/// (case directory under ../shared/corpus, entry file); the snapshot is named after the case.
const CASES: &[(&str, &str)] = &[
    ("seeds/esm-cycle-tdz", "a.mjs"),
    ("seeds/even-odd-esm", "main.mjs"),
    ("seeds/esm-cycle-namespaces", "main.mjs"),
    ("seeds/tla-five", "b.mjs"),
    ("tla/tla-shared-dep", "main.mjs"),
    ("tla/rejection-exit-1", "main.mjs"),
];

/// The shared behaviour corpus (next to the workspace, as in CI). Missing is a failure: these
/// snapshots are part of what the tests check.
fn corpus() -> PathBuf {
    let dir = root().join("../shared/corpus");
    assert!(dir.join("seeds").is_dir(), "the shared corpus is missing: expected it in {}", dir.display());
    dir
}

/// Runs `modjs ARGS` in `dir` with standard output and standard error going to ONE pipe, so
/// the text shows them interleaved as they were written; returns it with the exit status.
fn run_merged(dir: &PathBuf, args: &[&str]) -> (String, Option<i32>) {
    let (mut reader, writer) = std::io::pipe().expect("pipe");
    let mut child = Command::new(env!("CARGO_BIN_EXE_modjs"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(writer.try_clone().expect("pipe"))
        .stderr(writer)
        .spawn()
        .expect("run modjs");
    // The Command (holding the parent's copies of the write end) is gone: EOF comes when the
    // child exits.
    let mut out = Vec::new();
    reader.read_to_end(&mut out).expect("read the pipe");
    let status = child.wait().expect("wait for modjs");
    (text(&out), status.code())
}

/// node's standard output and exit status from a case's `expected` file.
fn expected(case: &PathBuf) -> (String, i32) {
    let expected = std::fs::read_to_string(case.join("expected")).expect("expected file");
    let (stdout, rest) = expected.rsplit_once("--- exit ").expect("an exit line");
    let status = rest.lines().next().and_then(|l| l.trim().parse().ok()).expect("exit status");
    (stdout.to_string(), status)
}

#[test]
fn trace_of_corpus_cases() {
    let corpus = corpus();
    for (case, entry) in CASES {
        let dir = corpus.join(case);
        let (node_stdout, node_status) = expected(&dir);

        // Tracing changes neither standard output nor the exit status.
        let plain = Command::new(env!("CARGO_BIN_EXE_modjs")).arg(entry).current_dir(&dir).output().expect("run");
        let traced =
            Command::new(env!("CARGO_BIN_EXE_modjs")).args(["--trace", entry]).current_dir(&dir).output().expect("run");
        assert_eq!(text(&plain.stdout), node_stdout, "{case}: modjs prints what node prints");
        assert_eq!(plain.status.code(), Some(node_status), "{case}: exit status");
        assert_eq!(text(&traced.stdout), node_stdout, "{case}: --trace leaves standard output alone");
        assert_eq!(traced.status.code(), Some(node_status), "{case}: --trace keeps the exit status");
        // The trace itself comes on standard error, starting with the construct phase.
        assert!(text(&traced.stderr).starts_with("== construct:"), "{case}: {}", text(&traced.stderr));

        // The snapshot: trace and program output interleaved, as a terminal shows them.
        let (merged, status) = run_merged(&dir, &["--trace", entry]);
        assert_eq!(status, Some(node_status), "{case}");
        let shown = merged.replace(&dir.canonicalize().expect("case dir").display().to_string(), "$CASE");
        let name = case.rsplit('/').next().unwrap_or(case);
        insta::assert_snapshot!(format!("trace-{name}"), shown);
    }
}

#[test]
fn trace_paths_are_relative_to_the_entry_not_the_working_directory() {
    let seeds = corpus().join("seeds");
    let from_case = Command::new(env!("CARGO_BIN_EXE_modjs"))
        .args(["--trace", "main.mjs"])
        .current_dir(seeds.join("even-odd-esm"))
        .output()
        .expect("run");
    let from_elsewhere = Command::new(env!("CARGO_BIN_EXE_modjs"))
        .args(["--trace", "even-odd-esm/main.mjs"])
        .current_dir(&seeds)
        .output()
        .expect("run");
    assert!(!from_case.stderr.is_empty());
    assert_eq!(text(&from_case.stderr), text(&from_elsewhere.stderr));
    assert!(text(&from_case.stderr).contains("\nload odd.mjs "));
}
