//! What "running" a test means. Each mode lives in its own module; the runner only calls the
//! functions here, so a new mode (e.g. `run`: executing the test with its harness includes,
//! `$DONE` for async tests, `print` and `$262`) is one more variant and one more module.

pub mod parse;

use crate::frontmatter::Metadata;
use crate::outcome::{Outcome, TestResult};
use crate::variant::Variant;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Parse each test (Script or Module goal) and check that exactly the early-error tests fail.
    Parse,
}

/// One test file, read and with its frontmatter parsed.
pub struct TestCase<'a> {
    pub source: &'a str,
    pub meta: &'a Metadata,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Parse => "parse",
        }
    }

    /// Proposal feature flags whose tests still count in this mode.
    pub fn counted_proposals(self) -> &'static [&'static str] {
        match self {
            Mode::Parse => parse::COUNTED_PROPOSALS,
        }
    }

    /// Runs one variant of a test. May panic; the caller catches it.
    pub fn run_variant(self, test: &TestCase<'_>, variant: Variant) -> Outcome {
        match self {
            Mode::Parse => parse::run_variant(test, variant),
        }
    }

    /// The headline figures this mode reports after the tables.
    pub fn figures(self, results: &[TestResult]) -> Vec<String> {
        match self {
            Mode::Parse => parse::figures(results),
        }
    }
}
