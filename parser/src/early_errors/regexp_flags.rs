//! Regular-expression literal flags (ECMA-262 §13.2.7.2): only `d g i m s u v y`, each at most
//! once, and not both `u` and `v`. The pattern itself is validated elsewhere.

use super::Checker;
use crate::ast::Span;

/// Why `flags` is invalid: `Some(true)` for an unknown or repeated flag, `Some(false)` for `u`
/// together with `v`.
fn flags_error(flags: &str) -> Option<bool> {
    let mut seen = 0u32;
    for c in flags.chars() {
        let bit = match c {
            'd' => 0,
            'g' => 1,
            'i' => 2,
            'm' => 3,
            's' => 4,
            'u' => 5,
            'v' => 6,
            'y' => 7,
            _ => return Some(true),
        };
        if seen & (1 << bit) != 0 {
            return Some(true);
        }
        seen |= 1 << bit;
    }
    let u_and_v = (1 << 5) | (1 << 6);
    (seen & u_and_v == u_and_v).then_some(false)
}

impl<'a> Checker<'a> {
    pub(super) fn check_regexp_flags(&mut self, flags: &str, span: Span) {
        // V8 underlines the literal's first character for a bad flag, all of it for `uv`.
        match flags_error(flags) {
            Some(true) => self.error("Invalid regular expression flags", Self::head(span, 1)),
            Some(false) => self.error("Invalid regular expression flags", span),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::flags_error;

    #[test]
    fn flags() {
        for valid in ["", "dgimsuy", "v", "gimsvyd"] {
            assert_eq!(flags_error(valid), None, "{valid}");
        }
        for repeated_or_unknown in ["gg", "x", "G", "iui"] {
            assert_eq!(
                flags_error(repeated_or_unknown),
                Some(true),
                "{repeated_or_unknown}"
            );
        }
        assert_eq!(flags_error("uv"), Some(false));
    }
}
