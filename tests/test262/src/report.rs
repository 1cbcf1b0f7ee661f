//! The human-readable summary: a pass table per directory, failures, slow tests.

use crate::outcome::{Outcome, Status, TestResult};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Duration;

/// A test slower than this is named in the report.
pub const SLOW_TEST: Duration = Duration::from_secs(5);

/// `97.53%`, or `-` when there is nothing to count.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.2}%", part as f64 * 100.0 / whole as f64)
    }
}

/// Where a test is tabulated: `("test/language", "expressions")`,
/// `("test/built-ins", "Array")`, `("test/staging", "top-level-await")`.
pub fn group_of(path: &str) -> (String, String) {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [top, section, dir, _, ..] => (format!("{top}/{section}"), dir.to_string()),
        [top, section, _file] => (format!("{top}/{section}"), ".".to_string()),
        _ => (parts[..parts.len().saturating_sub(1)].join("/"), ".".to_string()),
    }
}

/// Sections in a fixed order: the language first, then built-ins, then anything else by name.
fn section_rank(section: &str) -> (u8, String) {
    let rank = match section {
        "test/language" => 0,
        "test/built-ins" => 1,
        _ => 2,
    };
    (rank, section.to_string())
}

#[derive(Default, Clone, Copy)]
struct Tally {
    passed: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, passed: bool) {
        self.total += 1;
        self.passed += usize::from(passed);
    }
}

fn row(out: &mut String, label: &str, tally: Tally) {
    let _ = writeln!(out, "  {label:<40} {:>7} {:>7} {:>8}", tally.passed, tally.total, percent(tally.passed, tally.total));
}

/// One table per section (`test/language`, `test/built-ins`, …) with a row per first-level
/// directory, then the total. Excluded tests are not counted; a test passes when all of its
/// variants pass.
pub fn tables(results: &[TestResult]) -> String {
    let mut sections: BTreeMap<(u8, String), BTreeMap<String, Tally>> = BTreeMap::new();
    for result in results.iter().filter(|r| r.counted()) {
        let (section, dir) = group_of(&result.path);
        sections.entry(section_rank(&section)).or_default().entry(dir).or_default().add(result.passed());
    }
    let mut out = String::new();
    let mut total = Tally::default();
    for ((_, section), dirs) in &sections {
        let _ = writeln!(out, "{section:<42} {:>7} {:>7} {:>8}", "passed", "total", "%");
        let mut subtotal = Tally::default();
        for (dir, tally) in dirs {
            row(&mut out, dir, *tally);
            subtotal.passed += tally.passed;
            subtotal.total += tally.total;
        }
        if sections.len() > 1 {
            row(&mut out, &format!("(all of {section})"), subtotal);
        }
        out.push('\n');
        total.passed += subtotal.passed;
        total.total += subtotal.total;
    }
    let _ = writeln!(out, "{:<42} {:>7} {:>7} {:>8}", "total", total.passed, total.total, percent(total.passed, total.total));
    out
}

/// How many tests each excluded proposal took out, e.g. `decorators 120, ShadowRealm 3`.
pub fn exclusions(results: &[TestResult]) -> (usize, String) {
    let mut by_feature: BTreeMap<&str, usize> = BTreeMap::new();
    for result in results {
        if let Status::Excluded(feature) = &result.status {
            *by_feature.entry(feature.as_str()).or_default() += 1;
        }
    }
    let count = by_feature.values().sum();
    let list = by_feature.iter().map(|(f, n)| format!("{f} {n}")).collect::<Vec<_>>().join(", ");
    (count, list)
}

/// One line per failing variant (and per unreadable test): `FAIL id: why`.
pub fn failures(results: &[TestResult]) -> String {
    let mut out = String::new();
    for result in results {
        match &result.status {
            Status::Ran(variants) => {
                for v in variants {
                    if let Outcome::Fail(why) = &v.outcome {
                        let _ = writeln!(out, "FAIL {}: {}", crate::outcome::test_id(&result.path, v.variant), one_line(why));
                    }
                }
            }
            Status::Broken(why) => {
                let _ = writeln!(out, "FAIL {}: {}", result.path, one_line(why));
            }
            Status::Excluded(_) => {}
        }
    }
    out
}

/// Tests that took longer than [`SLOW_TEST`].
pub fn slow_tests(results: &[TestResult]) -> Vec<String> {
    results
        .iter()
        .filter(|r| r.elapsed > SLOW_TEST)
        .map(|r| format!("{} ({:.1} s)", r.path, r.elapsed.as_secs_f64()))
        .collect()
}

/// Messages can span lines (panics); the report keeps one line per failure.
pub fn one_line(text: &str) -> String {
    text.split(['\n', '\r']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ⏎ ")
}

/// Number of variants that ran (for the timing line).
pub fn variant_count(results: &[TestResult]) -> usize {
    results
        .iter()
        .map(|r| match &r.status {
            Status::Ran(v) => v.len(),
            _ => 0,
        })
        .sum()
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_first_level_directories() {
        assert_eq!(group_of("test/language/expressions/class/x.js"), ("test/language".into(), "expressions".into()));
        assert_eq!(group_of("test/built-ins/Array/from/x.js"), ("test/built-ins".into(), "Array".into()));
        assert_eq!(group_of("test/built-ins/Array/x.js"), ("test/built-ins".into(), "Array".into()));
        assert_eq!(group_of("test/language/x.js"), ("test/language".into(), ".".into()));
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(1, 3), "33.33%");
        assert_eq!(percent(0, 0), "-");
        assert_eq!(percent(5, 5), "100.00%");
    }
}
