//! What running one test produced.

use crate::frontmatter::Negative;
use crate::variant::Variant;
use std::time::Duration;

/// The result of one variant of one test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    /// Why it failed, one line (e.g. `SyntaxError: Unexpected token '}'`, `panic: …`).
    Fail(String),
}

#[derive(Clone, Debug)]
pub struct VariantResult {
    pub variant: Variant,
    pub outcome: Outcome,
}

#[derive(Clone, Debug)]
pub enum Status {
    /// The test ran in each of its variants.
    Ran(Vec<VariantResult>),
    /// Not counted: the test uses this proposal's feature flag.
    Excluded(String),
    /// The file could not be read or its frontmatter is malformed; counted as a failure.
    Broken(String),
}

/// Everything the report needs about one test file.
#[derive(Clone, Debug)]
pub struct TestResult {
    /// Path relative to the test262 root, with `/` separators (`test/language/…/x.js`).
    pub path: String,
    pub negative: Option<Negative>,
    pub status: Status,
    pub elapsed: Duration,
}

impl TestResult {
    /// Counted in the figures (not excluded).
    pub fn counted(&self) -> bool {
        !matches!(self.status, Status::Excluded(_))
    }

    /// Every variant passed.
    pub fn passed(&self) -> bool {
        match &self.status {
            Status::Ran(variants) => variants.iter().all(|v| v.outcome == Outcome::Pass),
            Status::Excluded(_) | Status::Broken(_) => false,
        }
    }

    /// The ids (`path:variant`) of the variants that passed.
    pub fn passing_ids(&self) -> impl Iterator<Item = String> + '_ {
        let variants = match &self.status {
            Status::Ran(variants) => variants.as_slice(),
            Status::Excluded(_) | Status::Broken(_) => &[],
        };
        variants
            .iter()
            .filter(|v| v.outcome == Outcome::Pass)
            .map(|v| test_id(&self.path, v.variant))
    }

    /// Why the given variant did not pass (`None` if it passed).
    pub fn failure_of(&self, variant: Variant) -> Option<String> {
        match &self.status {
            Status::Ran(variants) => match variants.iter().find(|v| v.variant == variant) {
                Some(VariantResult { outcome: Outcome::Pass, .. }) => None,
                Some(VariantResult { outcome: Outcome::Fail(why), .. }) => Some(why.clone()),
                None => Some(format!("no longer runs as {}", variant.name())),
            },
            Status::Excluded(feature) => Some(format!("excluded (feature {feature})")),
            Status::Broken(why) => Some(why.clone()),
        }
    }
}

/// A test variant's id, as written in the expectations file.
pub fn test_id(path: &str, variant: Variant) -> String {
    format!("{path}:{}", variant.name())
}
