//! `modjs --trace FILE`: snapshots of the phase trace (construct, link, evaluate, asynchronous
//! completions) for seed examples of the shared behaviour corpus, and the promise that tracing
//! changes nothing else: the same standard output and exit status as without `--trace`, which
//! are node's (the case's `expected` file).

mod common;

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::{root, text};

/// (seed case under ../shared/corpus/seeds, entry file)
const SEEDS: &[(&str, &str)] = &[
    ("esm-cycle-tdz", "a.mjs"),
    ("even-odd-esm", "main.mjs"),
    ("esm-cycle-namespaces", "main.mjs"),
    ("tla-five", "b.mjs"),
];

/// The seed cases of the shared corpus (next to the workspace, as in CI). Missing is a failure:
/// these snapshots are part of what the tests check.
fn seeds() -> PathBuf {
    let dir = root().join("../shared/corpus/seeds");
    assert!(dir.is_dir(), "the shared corpus is missing: expected the seed cases in {}", dir.display());
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
fn trace_of_the_seed_examples() {
    let seeds = seeds();
    for (case, entry) in SEEDS {
        let dir = seeds.join(case);
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
        insta::assert_snapshot!(format!("trace-{case}"), shown);
    }
}

#[test]
fn trace_paths_are_relative_to_the_entry_not_the_working_directory() {
    let seeds = seeds();
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
