//! Literals in strict mode code and template escapes: legacy octal numbers and `08`-style
//! decimals (§12.9.3.1), legacy octal and `\8`/`\9` escapes in strings (§12.9.4.1), and
//! untagged templates whose cooked value is undefined (§13.2.8.1).

use super::Checker;
use crate::ast::{Span, Template};

/// A legacy escape in a string literal's source text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LegacyEscape {
    /// `\1`…`\7`, `\0` followed by a digit: at the offset of its first digit.
    Octal(usize),
    /// `\8`, `\9`: at the offset of the backslash.
    NonOctalDecimal(usize),
}

/// The first legacy escape in a string literal's source text.
fn first_legacy_escape(text: &[u8]) -> Option<LegacyEscape> {
    let mut i = 0;
    while i < text.len() {
        if text[i] != b'\\' {
            i += 1;
            continue;
        }
        match text.get(i + 1) {
            Some(b'8' | b'9') => return Some(LegacyEscape::NonOctalDecimal(i)),
            Some(b'1'..=b'7') => return Some(LegacyEscape::Octal(i + 1)),
            Some(b'0') if matches!(text.get(i + 2), Some(b'0'..=b'9')) => {
                return Some(LegacyEscape::Octal(i + 1))
            }
            _ => {}
        }
        i += 2;
    }
    None
}

/// The first escape that makes a template chunk's cooked value undefined: its offset (at the
/// backslash) and V8's message.
fn first_invalid_template_escape(text: &[u8]) -> Option<(usize, &'static str)> {
    let hex = |i: usize| text.get(i).is_some_and(|b| b.is_ascii_hexdigit());
    let mut i = 0;
    while i < text.len() {
        if text[i] != b'\\' {
            i += 1;
            continue;
        }
        let after = text.get(i + 2).copied().unwrap_or(0);
        match text.get(i + 1).copied().unwrap_or(0) {
            b'x' if !(hex(i + 2) && hex(i + 3)) => {
                return Some((i, "Invalid hexadecimal escape sequence"))
            }
            b'u' if after == b'{' => {
                // `\u{…}`: hex digits up to `}`, at most 0x10FFFF.
                let mut j = i + 3;
                let mut value: u32 = 0;
                while hex(j) {
                    let digit = char::from(text[j]).to_digit(16).unwrap_or(0);
                    value = value.saturating_mul(16).saturating_add(digit);
                    j += 1;
                }
                if j == i + 3 || text.get(j) != Some(&b'}') {
                    return Some((i, "Invalid Unicode escape sequence"));
                }
                if value > 0x10FFFF {
                    return Some((i, "Undefined Unicode code-point"));
                }
            }
            b'u' if !(2..=5).all(|k| hex(i + k)) => {
                return Some((i, "Invalid Unicode escape sequence"))
            }
            b'8' | b'9' => return Some((i, "\\8 and \\9 are not allowed in template strings.")),
            b'1'..=b'7' => {
                return Some((
                    i,
                    "Octal escape sequences are not allowed in template strings.",
                ))
            }
            b'0' if after.is_ascii_digit() => {
                return Some((
                    i,
                    "Octal escape sequences are not allowed in template strings.",
                ))
            }
            _ => {}
        }
        i += 2;
    }
    None
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

    /// A string literal with a legacy escape in strict code; V8 points at the escape.
    pub(super) fn strict_legacy_escape(&mut self, span: Span) {
        let at = |offset: usize| {
            let start = span.start.saturating_add(offset as u32);
            Span {
                start,
                end: start.saturating_add(1),
            }
        };
        match first_legacy_escape(self.source_text(span)) {
            Some(LegacyEscape::NonOctalDecimal(offset)) => {
                self.error("\\8 and \\9 are not allowed in strict mode.", at(offset))
            }
            Some(LegacyEscape::Octal(offset)) => self.error(
                "Octal escape sequences are not allowed in strict mode.",
                at(offset),
            ),
            None => self.error(
                "Octal escape sequences are not allowed in strict mode.",
                span,
            ),
        }
    }

    /// An untagged template may not contain an escape that leaves its cooked value undefined.
    /// V8 underlines from the escape to the end of the chunk.
    pub(super) fn check_template_cooked(&mut self, template: &Template) {
        for (i, part) in template.quasis.iter().enumerate() {
            if part.cooked.is_some() {
                continue;
            }
            // The chunk's source: between the previous substitution (or the template's start)
            // and the next one (or the template's end).
            let start = match i {
                0 => template.span.start,
                _ => template
                    .exprs
                    .get(i - 1)
                    .map_or(template.span.start, |e| e.span.end),
            };
            let end = template
                .exprs
                .get(i)
                .map_or(template.span.end, |e| e.span.start);
            let chunk = Span {
                start,
                end: end.max(start),
            };
            let (span, message) = match first_invalid_template_escape(self.source_text(chunk)) {
                Some((offset, message)) => (
                    Span {
                        start: start.saturating_add(offset as u32),
                        end: chunk.end,
                    },
                    message,
                ),
                None => {
                    let raw: Vec<u8> = part
                        .raw
                        .units()
                        .iter()
                        .map(|&u| u8::try_from(u).unwrap_or(0xFF))
                        .collect();
                    let message = first_invalid_template_escape(&raw)
                        .map_or("Invalid escape sequence in template", |(_, m)| m);
                    (template.span, message)
                }
            };
            self.error(message, span);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_escape_kinds() {
        assert_eq!(
            first_legacy_escape(br#""a\8""#),
            Some(LegacyEscape::NonOctalDecimal(2))
        );
        assert_eq!(
            first_legacy_escape(br#""\\8\01""#),
            Some(LegacyEscape::Octal(5))
        );
        assert_eq!(first_legacy_escape(br#""\0""#), None);
        assert_eq!(
            first_legacy_escape(br#""\07""#),
            Some(LegacyEscape::Octal(2))
        );
    }

    #[test]
    fn template_escape_messages() {
        let msg = |s: &str| first_invalid_template_escape(s.as_bytes()).map(|(_, m)| m);
        assert_eq!(msg(r"\x4"), Some("Invalid hexadecimal escape sequence"));
        assert_eq!(msg(r"\x41\u00"), Some("Invalid Unicode escape sequence"));
        assert_eq!(msg(r"\u{110000}"), Some("Undefined Unicode code-point"));
        assert_eq!(msg(r"\u{41"), Some("Invalid Unicode escape sequence"));
        assert_eq!(
            msg(r"\01"),
            Some("Octal escape sequences are not allowed in template strings.")
        );
        assert_eq!(
            msg(r"\9"),
            Some("\\8 and \\9 are not allowed in template strings.")
        );
        assert_eq!(msg(r"\0 \u{10FFFF} \x41 \u0041"), None);
        assert_eq!(
            first_invalid_template_escape(br"ab\x"),
            Some((2, "Invalid hexadecimal escape sequence"))
        );
    }
}
