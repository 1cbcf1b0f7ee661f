//! The harness files evaluated before a test (test262's INTERPRETING.md, "Test262-Defined
//! Bindings" and the `includes`, `async` and `raw` keys).

use crate::frontmatter::Metadata;

/// Evaluated before every test that is not `raw`: `assert` and `Test262Error`.
const ALWAYS: &[&str] = &["assert.js", "sta.js"];

/// Evaluated before `async` tests: `$DONE`, which prints `Test262:AsyncTestComplete` or
/// `Test262:AsyncTestFailure:…` through the host's `print`.
const ASYNC: &str = "doneprintHandle.js";

/// The harness files (names inside `harness/`) to evaluate, in order, each as its own Script in
/// the test's realm before the test: none for `raw` tests; else `assert.js` and `sta.js`, then
/// `doneprintHandle.js` for `async` tests, then the test's `includes` (each file once).
pub fn preludes(meta: &Metadata) -> Vec<&str> {
    if meta.has_flag("raw") {
        return Vec::new();
    }
    let mut files: Vec<&str> = ALWAYS.to_vec();
    if meta.has_flag("async") {
        files.push(ASYNC);
    }
    for include in &meta.includes {
        if !files.contains(&include.as_str()) {
            files.push(include);
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(flags: &[&str], includes: &[&str]) -> Metadata {
        let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        Metadata { flags: strings(flags), includes: strings(includes), ..Metadata::default() }
    }

    #[test]
    fn harness_files_follow_the_flags_and_includes() {
        assert_eq!(preludes(&meta(&[], &[])), ["assert.js", "sta.js"]);
        assert_eq!(
            preludes(&meta(&["async", "module"], &["asyncHelpers.js", "compareArray.js"])),
            ["assert.js", "sta.js", "doneprintHandle.js", "asyncHelpers.js", "compareArray.js"]
        );
        assert_eq!(preludes(&meta(&[], &["sta.js", "propertyHelper.js"])), ["assert.js", "sta.js", "propertyHelper.js"]);
        assert!(preludes(&meta(&["raw"], &["compareArray.js"])).is_empty());
    }
}
