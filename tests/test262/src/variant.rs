//! The ways one test file is run, following test262's INTERPRETING.md ("Strict Mode" and the
//! `onlyStrict`, `noStrict`, `raw` and `module` flags).

use crate::frontmatter::Metadata;
use modjs_parser::Goal;

/// One way of running a test file. Each variant passes or fails on its own, and the expectations
/// file records them separately (`path:sloppy`, `path:strict`, `path:module`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Variant {
    /// A Script, source unchanged (non-strict unless the test has its own directive).
    Sloppy,
    /// A Script whose source is prefixed with `"use strict";` and a line feed.
    Strict,
    /// A Module (always strict; the source is unchanged).
    Module,
}

/// The directive prepended for the [`Variant::Strict`] run.
const STRICT_PREFIX: &str = "\"use strict\";\n";

impl Variant {
    /// The suffix used in test ids (`test/…/x.js:strict`).
    pub fn name(self) -> &'static str {
        match self {
            Variant::Sloppy => "sloppy",
            Variant::Strict => "strict",
            Variant::Module => "module",
        }
    }

    /// The variant a [`Variant::name`] stands for.
    pub fn from_name(name: &str) -> Option<Variant> {
        [Variant::Sloppy, Variant::Strict, Variant::Module].into_iter().find(|v| v.name() == name)
    }

    pub fn goal(self) -> Goal {
        match self {
            Variant::Module => Goal::Module,
            Variant::Sloppy | Variant::Strict => Goal::Script,
        }
    }

    /// How many bytes this variant puts before the test's own source.
    pub fn prefix_len(self) -> usize {
        match self {
            Variant::Strict => STRICT_PREFIX.len(),
            Variant::Sloppy | Variant::Module => 0,
        }
    }

    /// The source text this variant runs.
    pub fn source(self, original: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Variant::Strict => format!("{STRICT_PREFIX}{original}").into(),
            Variant::Sloppy | Variant::Module => original.into(),
        }
    }
}

/// The variants a test runs in: `module` → Module only; `raw` and `noStrict` → non-strict only;
/// `onlyStrict` → strict only; otherwise both non-strict and strict.
pub fn variants_for(meta: &Metadata) -> &'static [Variant] {
    if meta.has_flag("module") {
        &[Variant::Module]
    } else if meta.has_flag("raw") || meta.has_flag("noStrict") {
        &[Variant::Sloppy]
    } else if meta.has_flag("onlyStrict") {
        &[Variant::Strict]
    } else {
        &[Variant::Sloppy, Variant::Strict]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_flags(flags: &[&str]) -> Metadata {
        Metadata { flags: flags.iter().map(|s| s.to_string()).collect(), ..Metadata::default() }
    }

    #[test]
    fn variants_follow_the_flags() {
        assert_eq!(variants_for(&with_flags(&[])), [Variant::Sloppy, Variant::Strict]);
        assert_eq!(variants_for(&with_flags(&["generated", "async"])), [Variant::Sloppy, Variant::Strict]);
        assert_eq!(variants_for(&with_flags(&["onlyStrict"])), [Variant::Strict]);
        assert_eq!(variants_for(&with_flags(&["noStrict"])), [Variant::Sloppy]);
        assert_eq!(variants_for(&with_flags(&["raw"])), [Variant::Sloppy]);
        assert_eq!(variants_for(&with_flags(&["module"])), [Variant::Module]);
        assert_eq!(variants_for(&with_flags(&["module", "raw"])), [Variant::Module]);
    }

    #[test]
    fn only_the_strict_variant_changes_the_source() {
        assert_eq!(Variant::Strict.source("x = 1;"), "\"use strict\";\nx = 1;");
        assert_eq!(Variant::Sloppy.source("x = 1;"), "x = 1;");
        assert_eq!(Variant::Module.source("#!/x\n"), "#!/x\n");
        assert_eq!(Variant::Module.goal(), Goal::Module);
        assert_eq!(Variant::Strict.goal(), Goal::Script);
    }
}
