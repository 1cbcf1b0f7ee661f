//! `--mode parse`: does the parser accept exactly the valid tests?
//!
//! A variant passes when the test is negative at the parse phase and `modjs_parser::parse`
//! returns an error of the expected type, or when it is not (positive, or negative only at the
//! resolution or runtime phase) and parsing succeeds.

use super::TestCase;
use crate::frontmatter::Phase;
use crate::outcome::{Outcome, TestResult};
use crate::report::percent;
use crate::variant::Variant;

/// Parsing one test262 file takes milliseconds; a minute means an endless loop.
pub const HUNG_TEST: std::time::Duration = std::time::Duration::from_secs(60);

/// Proposals that still count in parse mode: the module-syntax proposals modjs parses
/// (`import defer * as ns from …`, `import source x from …`) because showing module loading
/// phases is the project's purpose. `source-phase-imports-module-source` is test262's flag for
/// the tests of the same proposal that need a host-provided module source.
pub const COUNTED_PROPOSALS: &[&str] = &["import-defer", "source-phase-imports", "source-phase-imports-module-source"];

pub fn run_variant(test: &TestCase<'_>, variant: Variant) -> Outcome {
    let source = variant.source(test.source);
    let result = modjs_parser::parse(&source, variant.goal());
    let expected_error = if test.meta.is_negative_parse() { test.meta.negative.as_ref() } else { None };
    match (expected_error, result) {
        (None, Ok(_)) => Outcome::Pass,
        (None, Err(err)) => Outcome::Fail(format!("{err} {}", position(test.source, variant, err.span.start))),
        (Some(negative), Ok(_)) => Outcome::Fail(format!("expected a {}, but it parsed", negative.error_type)),
        (Some(negative), Err(err)) if err.name() == negative.error_type => Outcome::Pass,
        (Some(negative), Err(err)) => Outcome::Fail(format!("expected a {}, got {err}", negative.error_type)),
    }
}

/// `(at LINE:COLUMN)` in the test file's own coordinates (1-based; columns count chars).
fn position(original: &str, variant: Variant, offset: u32) -> String {
    let mut offset = (offset as usize).saturating_sub(variant.prefix_len()).min(original.len());
    while !original.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &original[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    format!("(at {line}:{column})")
}

/// "valid accepted" (tests that must parse) and "invalid rejected" (tests negative at the parse
/// phase); a test counts as passed when all of its variants pass.
pub fn figures(results: &[TestResult]) -> Vec<String> {
    let (mut valid, mut valid_ok, mut invalid, mut invalid_ok) = (0, 0, 0, 0);
    for result in results.iter().filter(|r| r.counted()) {
        let negative_parse = matches!(&result.negative, Some(n) if n.phase == Phase::Parse);
        let passed = usize::from(result.passed());
        if negative_parse {
            invalid += 1;
            invalid_ok += passed;
        } else {
            valid += 1;
            valid_ok += passed;
        }
    }
    vec![
        format!("valid accepted: {valid_ok}/{valid} ({})", percent(valid_ok, valid)),
        format!("invalid rejected: {invalid_ok}/{invalid} ({})", percent(invalid_ok, invalid)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_in_the_files_own_lines() {
        let src = "a\nbé c";
        assert_eq!(position(src, Variant::Sloppy, 5), "(at 2:3)");
        assert_eq!(position(src, Variant::Strict, 5 + Variant::Strict.prefix_len() as u32), "(at 2:3)");
        assert_eq!(position(src, Variant::Strict, 0), "(at 1:1)");
        assert_eq!(position(src, Variant::Sloppy, 999), "(at 2:5)");
        // An offset inside a multi-byte character points at that character.
        assert_eq!(position(src, Variant::Sloppy, 4), "(at 2:2)");
    }
}
