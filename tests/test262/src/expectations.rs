//! The committed list of passing test variants, and how a run compares with it.
//!
//! The file holds one entry per line, sorted, after a `#` comment header: `PATH` when every
//! variant of the test passes, or `PATH:VARIANT` (see [`crate::variant::Variant`]) for each
//! passing variant of a test whose other variants fail. A listed test or variant that fails now
//! is a regression; a passing variant that is not listed is "newly passing" until the file is
//! regenerated (`--update`).
//! A run only speaks for the tests in its scope (its PATHs and `--filter`): ids outside it are
//! neither checked nor dropped by `--update`.

use crate::mode::Mode;
use crate::outcome::{test_id, Outcome, Status, TestResult};
use crate::variant::Variant;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which test paths a run covers.
pub struct Scope {
    /// `/`-separated paths relative to the test262 root (files or directories).
    pub prefixes: Vec<String>,
    pub filter: Option<String>,
    /// `--exclude-dir` paths: not run, so not spoken for.
    pub excluded: Vec<String>,
}

impl Scope {
    pub fn contains(&self, path: &str) -> bool {
        let under = |p: &String| p.is_empty() || path == p || (path.starts_with(p.as_str()) && path[p.len()..].starts_with('/'));
        self.prefixes.iter().any(under)
            && !self.excluded.iter().any(under)
            && self.filter.as_deref().is_none_or(|f| path.contains(f))
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
        "# test262 expectations for `--mode {mode}`: what passes, one entry per line, sorted.\n\
         # PATH (relative to the test262 root) = every variant of the test passes;\n\
         # PATH:VARIANT = this variant passes (listed only when another variant of the test fails):\n\
         #   sloppy = Script, source unchanged; strict = Script with \"use strict\"; prepended;\n\
         #   module = Module goal (flags: [module]).\n\
         # A listed test or variant that fails is a regression (the runner exits non-zero). Regenerate with\n\
         #   cargo run -p modjs-test262 --release -- --mode {mode} --expectations {file} --update{extra}\n",
        mode = mode.name(),
        file = file.display(),
        extra = match mode {
            Mode::Run => "\n# (after `cargo build --release`: run mode executes target/release/modjs)",
            Mode::Parse => "",
        },
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
    /// Expected to pass, failed now: `(id, why)`, one per failing variant.
    pub regressions: Vec<(String, String)>,
    /// Passing variants (`path:variant`) that no entry covers.
    pub newly_passing: Vec<String>,
    /// Listed and in scope, but the test was not run (deleted, renamed or now excluded).
    pub stale: Vec<String>,
}

impl Comparison {
    /// Distinct test files with at least one regressed variant.
    pub fn regressed_tests(&self) -> usize {
        let paths: BTreeSet<&str> = self.regressions.iter().map(|(id, _)| split_entry(id).0).collect();
        paths.len()
    }
}

/// `("test/…/x.js", Some(Variant::Strict))` for `test/…/x.js:strict`; `(path, None)` for a bare
/// path (test paths contain no `:`).
fn split_entry(entry: &str) -> (&str, Option<Variant>) {
    match entry.rsplit_once(':') {
        Some((path, name)) => match Variant::from_name(name) {
            Some(variant) => (path, Some(variant)),
            None => (entry, None),
        },
        None => (entry, None),
    }
}

/// The entries describing what passes in `result`: its path when it passes entirely, else
/// one `path:variant` per passing variant.
fn entries_of(result: &TestResult) -> Vec<String> {
    if result.passed() {
        vec![result.path.clone()]
    } else {
        result.passing_ids().collect()
    }
}

pub fn compare(expected: &BTreeSet<String>, results: &[TestResult], scope: &Scope) -> Comparison {
    let by_path: BTreeMap<&str, &TestResult> = results.iter().map(|r| (r.path.as_str(), r)).collect();
    let mut comparison = Comparison::default();
    for entry in expected {
        let (path, variant) = split_entry(entry);
        if !scope.contains(path) {
            continue;
        }
        let result = match by_path.get(path) {
            Some(result) if result.counted() => result,
            Some(_) | None => {
                comparison.stale.push(entry.clone());
                continue;
            }
        };
        match (variant, &result.status) {
            (Some(variant), _) => {
                if let Some(why) = result.failure_of(variant) {
                    comparison.regressions.push((entry.clone(), why));
                }
            }
            (None, Status::Ran(variants)) => {
                for v in variants {
                    if let Outcome::Fail(why) = &v.outcome {
                        comparison.regressions.push((test_id(path, v.variant), why.clone()));
                    }
                }
            }
            (None, Status::Broken(why)) => comparison.regressions.push((entry.clone(), why.clone())),
            (None, Status::Excluded(_)) => {}
        }
    }
    for result in results {
        for id in result.passing_ids() {
            if !expected.contains(&result.path) && !expected.contains(&id) {
                comparison.newly_passing.push(id);
            }
        }
    }
    comparison
}

/// The expectations after `--update`: entries outside the scope kept, the scope's entries
/// replaced by what passes now.
pub fn updated(expected: &BTreeSet<String>, results: &[TestResult], scope: &Scope) -> BTreeSet<String> {
    let mut entries: BTreeSet<String> =
        expected.iter().filter(|e| !scope.contains(split_entry(e).0)).cloned().collect();
    entries.extend(results.iter().flat_map(entries_of));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::VariantResult;

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
        Scope { prefixes: prefixes.iter().map(|s| s.to_string()).collect(), filter: filter.map(str::to_string), excluded: Vec::new() }
    }

    #[test]
    fn scope_matches_whole_path_components() {
        let s = scope(&["test/language/import"], None);
        assert!(s.contains("test/language/import/a.js"));
        assert!(s.contains("test/language/import"));
        assert!(!s.contains("test/language/imports/a.js"));
        assert!(!scope(&["test"], Some("class")).contains("test/language/a.js"));
        let mut s = scope(&["test/language"], None);
        s.excluded.push("test/language/import".to_string());
        assert!(!s.contains("test/language/import/a.js"));
        assert!(s.contains("test/language/imports/a.js"));
    }

    #[test]
    fn a_variant_that_passed_before_and_fails_now_is_a_regression() {
        let expected = set(&["t/a/1.js", "t/a/2.js", "t/a/5.js:sloppy", "t/a/gone.js", "t/b/3.js"]);
        let results = vec![
            ran("t/a/1.js", &[(Variant::Sloppy, true), (Variant::Strict, false)]),
            ran("t/a/2.js", &[(Variant::Module, true)]),
            ran("t/a/4.js", &[(Variant::Sloppy, true), (Variant::Strict, true)]),
            ran("t/a/5.js", &[(Variant::Sloppy, false), (Variant::Strict, true)]),
        ];
        let c = compare(&expected, &results, &scope(&["t/a"], None));
        let regression = |id: &str| (id.to_string(), "SyntaxError: x".to_string());
        assert_eq!(c.regressions, vec![regression("t/a/1.js:strict"), regression("t/a/5.js:sloppy")]);
        assert_eq!(c.regressed_tests(), 2);
        assert_eq!(c.newly_passing, vec!["t/a/4.js:sloppy".to_string(), "t/a/4.js:strict".to_string(), "t/a/5.js:strict".to_string()]);
        // t/b is outside the run's scope: neither checked nor dropped.
        assert_eq!(c.stale, vec!["t/a/gone.js".to_string()]);
        let next = updated(&expected, &results, &scope(&["t/a"], None));
        assert_eq!(next, set(&["t/a/1.js:sloppy", "t/a/2.js", "t/a/4.js", "t/a/5.js:strict", "t/b/3.js"]));
    }

    #[test]
    fn an_unreadable_or_excluded_test() {
        let expected = set(&["t/1.js:sloppy", "t/2.js"]);
        let results = vec![
            TestResult { path: "t/1.js".into(), negative: None, status: Status::Broken("frontmatter: x".into()), elapsed: Default::default() },
            TestResult { path: "t/2.js".into(), negative: None, status: Status::Excluded("decorators".into()), elapsed: Default::default() },
        ];
        let c = compare(&expected, &results, &scope(&["t"], None));
        assert_eq!(c.regressions, vec![("t/1.js:sloppy".to_string(), "frontmatter: x".to_string())]);
        assert_eq!(c.stale, vec!["t/2.js".to_string()]);
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = std::env::temp_dir().join(format!("modjs-test262-expect-{}", std::process::id()));
        let file = dir.join("parse.txt");
        let ids = set(&["test/b.js:strict", "test/a.js"]);
        save(&file, Mode::Parse, &ids).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("# test262 expectations"));
        assert!(text.ends_with("test/a.js\ntest/b.js:strict\n"));
        assert_eq!(load(&file).unwrap(), ids);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
