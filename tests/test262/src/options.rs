//! Command-line options.

use crate::mode::Mode;
use clap::Parser;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The workspace this runner was built in.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

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
    /// Leave out the tests at or under this path (relative to the test262 root); repeatable.
    #[arg(long = "exclude-dir", value_name = "PATH")]
    pub exclude_dirs: Vec<PathBuf>,
    /// List every failure with its message.
    #[arg(short, long)]
    pub verbose: bool,
    /// `--mode run`: the modjs binary to run the tests with
    /// [default: target/release/modjs of the workspace this runner was built in].
    #[arg(long, value_name = "PATH")]
    pub modjs: Option<PathBuf>,
    /// `--mode run`: seconds a test variant may run before it is killed (and fails).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub timeout: f64,
    /// `--mode run`: address-space limit for each modjs process, in MiB (0 = none; Linux only).
    #[arg(long, value_name = "MIB", default_value_t = 4096)]
    pub memory_limit: u64,
    /// Test files or directories, relative to the test262 root
    /// [default: test/language test/built-ins, and test/staging/top-level-await in run mode].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

impl Options {
    /// `--test262`, else `../shared/test262` next to the workspace root this runner was built
    /// in, else `../shared/test262` from the current directory (a checkout moved after building).
    pub fn test262_dir(&self) -> PathBuf {
        if let Some(dir) = &self.test262 {
            return dir.clone();
        }
        let beside_workspace = workspace_root().join("../shared/test262");
        if beside_workspace.is_dir() {
            return beside_workspace.canonicalize().unwrap_or(beside_workspace);
        }
        PathBuf::from("../shared/test262")
    }

    /// `--modjs`, else the release binary of this workspace (`$CARGO_TARGET_DIR` when it was
    /// set at build time, else `target/`).
    pub fn modjs_binary(&self) -> PathBuf {
        if let Some(path) = &self.modjs {
            return path.clone();
        }
        let target = option_env!("CARGO_TARGET_DIR").map_or_else(|| workspace_root().join("target"), PathBuf::from);
        target.join("release").join(format!("modjs{}", std::env::consts::EXE_SUFFIX))
    }

    /// `--timeout` as a duration (at least a millisecond; absurd values are capped at a day).
    pub fn timeout(&self) -> Result<Duration, String> {
        if !self.timeout.is_finite() || self.timeout <= 0.0 {
            return Err(format!("--timeout must be a positive number of seconds, not {}", self.timeout));
        }
        Ok(Duration::from_secs_f64(self.timeout.clamp(0.001, 86_400.0)))
    }

    pub fn jobs(&self) -> usize {
        self.jobs
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get)
    }
}
