//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (tests run with it as the working directory too).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture files of `tests/fixtures/<dir>` with one of `exts`, sorted by name.
pub fn fixtures(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures").join(dir))
        .expect("fixture directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {dir}");
    files
}

pub fn stem(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).expect("file name").to_string()
}

/// The path of a fixture relative to the repository root, as a user would type it.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// Runs the `modjs` binary from the repository root.
pub fn modjs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_modjs"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run modjs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `f` on a thread with a big stack, as the CLI does (deep trees recurse when dumped or
/// dropped).
pub fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}
