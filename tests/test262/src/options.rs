//! Command-line options.

use crate::mode::Mode;
use clap::Parser;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

/// Run test262 against modjs and report conformance per directory.
#[derive(Parser, Debug)]
#[command(name = "test262")]
pub struct Options {
    /// The test262 checkout [default: ../shared/test262 beside the workspace root].
    #[arg(long, value_name = "DIR")]
    pub test262: Option<PathBuf>,
    /// What running a test means.
    #[arg(long, value_enum, default_value_t = Mode::Parse)]
    pub mode: Mode,
    /// Compare with this list of passing test variants; only regressions fail the run.
    #[arg(long, value_name = "FILE")]
    pub expectations: Option<PathBuf>,
    /// Rewrite the expectations file from this run (for the tests in this run's scope).
    #[arg(long, requires = "expectations")]
    pub update: bool,
    /// Worker threads [default: available parallelism].
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    /// Only run tests whose path contains this text.
    #[arg(long, value_name = "SUBSTR")]
    pub filter: Option<String>,
    /// List every failure with its message.
    #[arg(short, long)]
    pub verbose: bool,
    /// Test files or directories, relative to the test262 root
    /// [default: test/language test/built-ins].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Run when no PATH is given.
pub const DEFAULT_PATHS: &[&str] = &["test/language", "test/built-ins"];

impl Options {
    /// `--test262`, else `../shared/test262` next to the workspace root this runner was built
    /// in, else `../shared/test262` from the current directory (a checkout moved after building).
    pub fn test262_dir(&self) -> PathBuf {
        if let Some(dir) = &self.test262 {
            return dir.clone();
        }
        let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let beside_workspace = workspace_root.join("../shared/test262");
        if beside_workspace.is_dir() {
            return beside_workspace.canonicalize().unwrap_or(beside_workspace);
        }
        PathBuf::from("../shared/test262")
    }

    pub fn jobs(&self) -> usize {
        self.jobs
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get)
    }
}
