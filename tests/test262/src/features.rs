//! Which tests are out of scope because they exercise TC39 proposals.
//!
//! test262's `features.txt` lists the feature flags of stage-3 proposals in its first section,
//! before the `## Standard language features` heading. Tests tagged with any of those are
//! excluded from the figures, apart from the proposals a mode counts on purpose
//! (see [`crate::mode::Mode::counted_proposals`]).

use std::collections::BTreeSet;

/// The heading that ends the proposals section of `features.txt`.
const STANDARD_FEATURES_HEADING: &str = "## Standard language features";

/// The proposal feature flags listed in `features.txt`'s first section.
pub fn proposal_features(features_txt: &str) -> Result<BTreeSet<String>, String> {
    let mut proposals = BTreeSet::new();
    for line in features_txt.lines() {
        let line = line.trim();
        if line == STANDARD_FEATURES_HEADING {
            return Ok(proposals);
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        proposals.insert(line.to_string());
    }
    Err(format!("features.txt has no `{STANDARD_FEATURES_HEADING}` heading"))
}

/// Decides, from a test's `features`, whether the test is excluded.
pub struct FeatureFilter {
    excluded: BTreeSet<String>,
}

impl FeatureFilter {
    /// Excludes every proposal except those in `counted`.
    pub fn new(proposals: BTreeSet<String>, counted: &[&str]) -> FeatureFilter {
        let excluded = proposals.into_iter().filter(|p| !counted.contains(&p.as_str())).collect();
        FeatureFilter { excluded }
    }

    /// The first excluded feature the test uses, if any.
    pub fn excluding_feature<'a>(&self, features: &'a [String]) -> Option<&'a str> {
        features.iter().find(|f| self.excluded.contains(f.as_str())).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "## Proposed language features\n#\n# text\n\n# Decorators\ndecorators\n\n# Source Phase Imports\n## https://example\nsource-phase-imports\n## test262 special specifier\nsource-phase-imports-module-source\n\nimport-defer\n\n## Standard language features\n\nclass\nimport-attributes\n";

    #[test]
    fn reads_only_the_proposals_section() {
        let proposals = proposal_features(SAMPLE).unwrap();
        let names: Vec<&str> = proposals.iter().map(String::as_str).collect();
        assert_eq!(names, ["decorators", "import-defer", "source-phase-imports", "source-phase-imports-module-source"]);
        assert!(proposal_features("decorators\n").is_err());
    }

    #[test]
    fn counted_proposals_are_not_excluded() {
        let filter = FeatureFilter::new(proposal_features(SAMPLE).unwrap(), &["import-defer"]);
        let features = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(filter.excluding_feature(&features(&["class", "decorators"])), Some("decorators"));
        assert_eq!(filter.excluding_feature(&features(&["import-defer", "class"])), None);
        assert_eq!(filter.excluding_feature(&features(&["import-attributes"])), None);
    }
}
