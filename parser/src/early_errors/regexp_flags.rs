//! Regular-expression literal flags (ECMA-262 §13.2.7.2): only `d g i m s u v y`, each at most
//! once, and not both `u` and `v`. The pattern itself is validated elsewhere.

use super::Checker;
use crate::ast::Span;

/// Whether `flags` is a valid set of regular-expression flags.
pub(super) fn flags_are_valid(flags: &str) -> bool {
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
            _ => return false,
        };
        if seen & (1 << bit) != 0 {
            return false;
        }
        seen |= 1 << bit;
    }
    let u_and_v = (1 << 5) | (1 << 6);
    seen & u_and_v != u_and_v
}

impl<'a> Checker<'a> {
    pub(super) fn check_regexp_flags(&mut self, flags: &str, span: Span) {
        if !flags_are_valid(flags) {
            self.error("Invalid regular expression flags", span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::flags_are_valid;

    #[test]
    fn flags() {
        assert!(flags_are_valid(""));
        assert!(flags_are_valid("dgimsuy"));
        assert!(flags_are_valid("v"));
        assert!(!flags_are_valid("gg"));
        assert!(!flags_are_valid("uv"));
        assert!(!flags_are_valid("x"));
        assert!(!flags_are_valid("G"));
    }
}
