//! What "running" a test means. Each mode lives in its own module; the runner only calls the
//! functions here, so a new mode is one more variant and one more module.

pub mod parse;
pub mod run;

use crate::frontmatter::Metadata;
use crate::outcome::{Outcome, TestResult};
use crate::variant::Variant;
use std::path::Path;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Parse each test (Script or Module goal) and check that exactly the early-error tests fail.
    Parse,
    /// Execute each test with `modjs --test262` (harness preludes, `$262`, async `$DONE`), one
    /// process per variant, and check its outcome.
    Run,
}

/// One test file, read and with its frontmatter parsed.
pub struct TestCase<'a> {
    pub source: &'a str,
    pub meta: &'a Metadata,
    /// The file itself (module tests and dynamic `import()` resolve specifiers against it).
    pub file: &'a Path,
}

/// What a mode needs beyond the test itself.
pub struct Settings {
    /// The test262 checkout's `harness/` directory.
    pub harness: std::path::PathBuf,
    /// `--mode run`: how the modjs binary is started.
    pub engine: run::Engine,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Parse => "parse",
            Mode::Run => "run",
        }
    }

    /// Proposal feature flags whose tests still count in this mode.
    pub fn counted_proposals(self) -> &'static [&'static str] {
        match self {
            Mode::Parse => parse::COUNTED_PROPOSALS,
            Mode::Run => run::COUNTED_PROPOSALS,
        }
    }

    /// The paths run when none is given.
    pub fn default_paths(self) -> &'static [&'static str] {
        match self {
            Mode::Parse => &["test/language", "test/built-ins"],
            Mode::Run => run::DEFAULT_PATHS,
        }
    }

    /// After how long one test (all of its variants) counts as hung and ends the whole run.
    pub fn hung_limit(self, settings: &Settings) -> Duration {
        match self {
            Mode::Parse => parse::HUNG_TEST,
            Mode::Run => run::hung_limit(&settings.engine),
        }
    }

    /// Runs one variant of a test. May panic; the caller catches it.
    pub fn run_variant(self, test: &TestCase<'_>, variant: Variant, settings: &Settings) -> Outcome {
        match self {
            Mode::Parse => parse::run_variant(test, variant),
            Mode::Run => run::run_variant(test, variant, settings),
        }
    }

    /// The headline figures this mode reports after the tables.
    pub fn figures(self, results: &[TestResult]) -> Vec<String> {
        match self {
            Mode::Parse => parse::figures(results),
            Mode::Run => run::figures(results),
        }
    }
}
