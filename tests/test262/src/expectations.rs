//! The committed list of passing test variants, and how a run compares with it.
//!
//! The file holds one id per line, `PATH:VARIANT` (see [`crate::variant::Variant`]), sorted,
//! after a `#` comment header. A variant listed there that fails now is a regression; a variant
//! that passes but is not listed is "newly passing" until the file is regenerated (`--update`).
//! A run only speaks for the tests in its scope (its PATHs and `--filter`): ids outside it are
//! neither checked nor dropped by `--update`.

use crate::mode::Mode;
use crate::outcome::TestResult;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which test paths a run covers.
pub struct Scope {
    /// `/`-separated paths relative to the test262 root (files or directories).
    pub prefixes: Vec<String>,
    pub filter: Option<String>,
}

impl Scope {
    pub fn contains(&self, path: &str) -> bool {
        let under = self.prefixes.iter().any(|p| {
            p.is_empty() || path == p || (path.starts_with(p.as_str()) && path[p.len()..].starts_with('/'))
        });
        under && self.filter.as_deref().is_none_or(|f| path.contains(f))
    }
}

/// Reads an expectations file: every line that is neither blank nor a `#` comment is an id.
pub fn load(file: &Path) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Writes the ids, sorted, under a header that explains the format.
pub fn save(file: &Path, mode: Mode, ids: &BTreeSet<String>) -> Result<(), String> {
    let mut text = format!(
        "# test262 expectations for `--mode {mode}`: every test variant that passes, one per line, sorted.\n\
         # An id is the test's path relative to the test262 root, a colon, and the variant:\n\
         #   sloppy = Script, source unchanged; strict = Script with \"use strict\"; prepended;\n\
         #   module = Module goal (flags: [module]).\n\
         # A listed variant that fails is a regression (the runner exits non-zero). Regenerate with\n\
         #   cargo run -p modjs-test262 --release -- --mode {mode} --expectations {file} --update\n",
        mode = mode.name(),
        file = file.display(),
    );
    for id in ids {
        text.push_str(id);
        text.push('\n');
    }
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))
}

/// How this run differs from the expectations.
#[derive(Default, Debug)]
pub struct Comparison {
    /// Expected to pass, failed now: `(id, why)`.
    pub regressions: Vec<(String, String)>,
    /// Passing now, not listed.
    pub newly_passing: Vec<String>,
    /// Listed and in scope, but the test was not run (deleted, renamed or now excluded).
    pub stale: Vec<String>,
}

impl Comparison {
    /// Distinct test files with at least one regressed variant.
    pub fn regressed_tests(&self) -> usize {
        let paths: BTreeSet<&str> = self.regressions.iter().map(|(id, _)| split_id(id).0).collect();
        paths.len()
    }
}

/// `("test/…/x.js", "strict")`; an id without a variant is all path.
fn split_id(id: &str) -> (&str, &str) {
    id.rsplit_once(':').unwrap_or((id, ""))
}

fn passing_ids(results: &[TestResult]) -> BTreeSet<String> {
    results.iter().flat_map(|r| r.passing_ids()).collect()
}

pub fn compare(expected: &BTreeSet<String>, results: &[TestResult], scope: &Scope) -> Comparison {
    let by_path: BTreeMap<&str, &TestResult> = results.iter().map(|r| (r.path.as_str(), r)).collect();
    let passing = passing_ids(results);
    let mut comparison = Comparison::default();
    for id in expected {
        let (path, variant) = split_id(id);
        if !scope.contains(path) || passing.contains(id) {
            continue;
        }
        match by_path.get(path) {
            Some(result) if result.counted() => {
                let why = result.failure_of(variant).unwrap_or_else(|| "failed".to_string());
                comparison.regressions.push((id.clone(), why));
            }
            Some(_) | None => comparison.stale.push(id.clone()),
        }
    }
    comparison.newly_passing = passing.difference(expected).cloned().collect();
    comparison
}

/// The expectations after `--update`: ids outside the scope kept, the scope's ids replaced by
/// what passes now.
pub fn updated(expected: &BTreeSet<String>, results: &[TestResult], scope: &Scope) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = expected.iter().filter(|id| !scope.contains(split_id(id).0)).cloned().collect();
    ids.extend(passing_ids(results));
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{Outcome, Status, VariantResult};
    use crate::variant::Variant;

    fn ran(path: &str, variants: &[(Variant, bool)]) -> TestResult {
        let variants = variants
            .iter()
            .map(|&(variant, ok)| VariantResult {
                variant,
                outcome: if ok { Outcome::Pass } else { Outcome::Fail("SyntaxError: x".into()) },
            })
            .collect();
        TestResult { path: path.into(), negative: None, status: Status::Ran(variants), elapsed: Default::default() }
    }

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn scope(prefixes: &[&str], filter: Option<&str>) -> Scope {
        Scope { prefixes: prefixes.iter().map(|s| s.to_string()).collect(), filter: filter.map(str::to_string) }
    }

    #[test]
    fn scope_matches_whole_path_components() {
        let s = scope(&["test/language/import"], None);
        assert!(s.contains("test/language/import/a.js"));
        assert!(s.contains("test/language/import"));
        assert!(!s.contains("test/language/imports/a.js"));
        assert!(!scope(&["test"], Some("class")).contains("test/language/a.js"));
    }

    #[test]
    fn a_variant_that_passed_before_and_fails_now_is_a_regression() {
        let expected = set(&["t/a/1.js:sloppy", "t/a/1.js:strict", "t/a/2.js:module", "t/a/gone.js:sloppy", "t/b/3.js:sloppy"]);
        let results = vec![
            ran("t/a/1.js", &[(Variant::Sloppy, true), (Variant::Strict, false)]),
            ran("t/a/2.js", &[(Variant::Module, true)]),
            ran("t/a/4.js", &[(Variant::Sloppy, true), (Variant::Strict, true)]),
        ];
        let c = compare(&expected, &results, &scope(&["t/a"], None));
        assert_eq!(c.regressions, vec![("t/a/1.js:strict".to_string(), "SyntaxError: x".to_string())]);
        assert_eq!(c.regressed_tests(), 1);
        assert_eq!(c.newly_passing, vec!["t/a/4.js:sloppy".to_string(), "t/a/4.js:strict".to_string()]);
        // t/b is outside the run's scope: neither checked nor dropped.
        assert_eq!(c.stale, vec!["t/a/gone.js:sloppy".to_string()]);
        let next = updated(&expected, &results, &scope(&["t/a"], None));
        assert_eq!(next, set(&["t/a/1.js:sloppy", "t/a/2.js:module", "t/a/4.js:sloppy", "t/a/4.js:strict", "t/b/3.js:sloppy"]));
    }

    #[test]
    fn an_unreadable_or_excluded_test() {
        let expected = set(&["t/1.js:sloppy", "t/2.js:sloppy"]);
        let results = vec![
            TestResult { path: "t/1.js".into(), negative: None, status: Status::Broken("frontmatter: x".into()), elapsed: Default::default() },
            TestResult { path: "t/2.js".into(), negative: None, status: Status::Excluded("decorators".into()), elapsed: Default::default() },
        ];
        let c = compare(&expected, &results, &scope(&["t"], None));
        assert_eq!(c.regressions, vec![("t/1.js:sloppy".to_string(), "frontmatter: x".to_string())]);
        assert_eq!(c.stale, vec!["t/2.js:sloppy".to_string()]);
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = std::env::temp_dir().join(format!("modjs-test262-expect-{}", std::process::id()));
        let file = dir.join("parse.txt");
        let ids = set(&["test/b.js:strict", "test/a.js:module"]);
        save(&file, Mode::Parse, &ids).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("# test262 expectations"));
        assert!(text.ends_with("test/a.js:module\ntest/b.js:strict\n"));
        assert_eq!(load(&file).unwrap(), ids);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
