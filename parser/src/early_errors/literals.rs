//! Literals in strict mode code and template escapes: legacy octal numbers and `08`-style
//! decimals (§12.9.3.1), legacy octal and `\8`/`\9` escapes in strings (§12.9.4.1), and
//! untagged templates whose cooked value is undefined (§13.2.8.1).

use super::Checker;
use crate::ast::{Span, Template};

/// The first legacy escape in a string literal's source text: `Some(true)` for `\8`/`\9`,
/// `Some(false)` for an octal escape.
fn first_legacy_escape(text: &[u8]) -> Option<bool> {
    let mut i = 0;
    while i < text.len() {
        if text[i] != b'\\' {
            i += 1;
            continue;
        }
        let next = text.get(i + 1).copied();
        match next {
            Some(b'8' | b'9') => return Some(true),
            Some(b'1'..=b'7') => return Some(false),
            Some(b'0') if matches!(text.get(i + 2), Some(b'0'..=b'9')) => return Some(false),
            _ => {}
        }
        i += 2;
    }
    None
}

/// V8's message for the first escape that makes a template chunk's cooked value undefined.
fn template_escape_message(raw: &[u16]) -> &'static str {
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != u16::from(b'\\') {
            i += 1;
            continue;
        }
        let next = raw.get(i + 1).copied().unwrap_or(0);
        let after = raw.get(i + 2).copied().unwrap_or(0);
        let is_digit = |u: u16| (u16::from(b'0')..=u16::from(b'9')).contains(&u);
        let is_hex = |u: u16| is_digit(u) || matches!(u, 0x41..=0x46 | 0x61..=0x66);
        match u8::try_from(next).unwrap_or(0) {
            b'x' if !(is_hex(after) && is_hex(raw.get(i + 3).copied().unwrap_or(0))) => {
                return "Invalid hexadecimal escape sequence";
            }
            b'u' => {
                if after == u16::from(b'{') {
                    // `\u{…}`: hex digits up to `}`, at most 0x10FFFF.
                    let mut j = i + 3;
                    let mut value: u32 = 0;
                    let mut digits = 0;
                    while let Some(&u) = raw.get(j) {
                        if !is_hex(u) {
                            break;
                        }
                        let d = char::from_u32(u32::from(u)).and_then(|c| c.to_digit(16));
                        value = value.saturating_mul(16).saturating_add(d.unwrap_or(0));
                        digits += 1;
                        j += 1;
                    }
                    if digits == 0 || raw.get(j) != Some(&u16::from(b'}')) {
                        return "Invalid Unicode escape sequence";
                    }
                    if value > 0x10FFFF {
                        return "Undefined Unicode code-point";
                    }
                } else if !(1..=4).all(|k| is_hex(raw.get(i + 1 + k).copied().unwrap_or(0))) {
                    return "Invalid Unicode escape sequence";
                }
            }
            b'8' | b'9' => return "\\8 and \\9 are not allowed in template strings.",
            b'1'..=b'7' => return "Octal escape sequences are not allowed in template strings.",
            b'0' if is_digit(after) => {
                return "Octal escape sequences are not allowed in template strings."
            }
            _ => {}
        }
        i += 2;
    }
    "Invalid escape sequence in template"
}

impl<'a> Checker<'a> {
    fn source_text(&self, span: Span) -> &'a [u8] {
        let src = self.src;
        src.as_bytes()
            .get(span.start as usize..span.end as usize)
            .unwrap_or(&[])
    }

    /// A NumericLiteral with a leading zero in strict code.
    pub(super) fn strict_legacy_number(&mut self, span: Span) {
        let text = self.source_text(span);
        if text.iter().any(|&b| b == b'8' || b == b'9') {
            self.error(
                "Decimals with leading zeros are not allowed in strict mode.",
                span,
            );
        } else {
            self.error("Octal literals are not allowed in strict mode.", span);
        }
    }

    /// A string literal with a legacy escape in strict code.
    pub(super) fn strict_legacy_escape(&mut self, span: Span) {
        if first_legacy_escape(self.source_text(span)) == Some(true) {
            self.error("\\8 and \\9 are not allowed in strict mode.", span);
        } else {
            self.error(
                "Octal escape sequences are not allowed in strict mode.",
                span,
            );
        }
    }

    /// An untagged template may not contain an escape that leaves its cooked value undefined.
    pub(super) fn check_template_cooked(&mut self, template: &Template) {
        for part in &template.quasis {
            if part.cooked.is_none() {
                let message = template_escape_message(part.raw.units());
                self.error(message, template.span);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::JsStr;

    #[test]
    fn legacy_escape_kinds() {
        assert_eq!(first_legacy_escape(br#""a\8""#), Some(true));
        assert_eq!(first_legacy_escape(br#""\\8\01""#), Some(false));
        assert_eq!(first_legacy_escape(br#""\0""#), None);
        assert_eq!(first_legacy_escape(br#""\07""#), Some(false));
    }

    #[test]
    fn template_escape_messages() {
        let msg = |s: &str| template_escape_message(JsStr::from_str(s).units());
        assert_eq!(msg(r"\x4"), "Invalid hexadecimal escape sequence");
        assert_eq!(msg(r"\x41\u00"), "Invalid Unicode escape sequence");
        assert_eq!(msg(r"\u{110000}"), "Undefined Unicode code-point");
        assert_eq!(msg(r"\u{41"), "Invalid Unicode escape sequence");
        assert_eq!(
            msg(r"\01"),
            "Octal escape sequences are not allowed in template strings."
        );
        assert_eq!(
            msg(r"\9"),
            "\\8 and \\9 are not allowed in template strings."
        );
    }
}
