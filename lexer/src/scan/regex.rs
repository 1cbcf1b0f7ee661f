//! RegularExpressionLiteral (§12.9.5): body and flags as written; their meaning is checked by
//! the parser.

use crate::chars::{char_at, is_identifier_part, is_line_terminator};
use crate::messages::{REGEXP_INVALID_FLAGS, REGEXP_MISSING_SLASH};
use crate::LexError;

/// Scans the regular expression literal whose opening `/` is at `start`. Returns the body,
/// the flags and where the literal ends.
pub fn scan_regular_expression<'s>(
    src: &'s str,
    start: usize,
) -> Result<(&'s str, &'s str, usize), LexError> {
    let missing_slash = || LexError {
        message: REGEXP_MISSING_SLASH.into(),
        pos: start,
    };
    let mut i = start + 1;
    let mut in_class = false;
    // RegularExpressionBody: up to the first `/` outside a class.
    let body_end = loop {
        let Some(c) = char_at(src, i) else {
            return Err(missing_slash());
        };
        match c {
            '/' if !in_class => break i,
            '[' => in_class = true,
            ']' => in_class = false,
            '\\' => {
                let Some(escaped) = char_at(src, i + 1) else {
                    return Err(missing_slash());
                };
                if is_line_terminator(escaped) {
                    return Err(missing_slash());
                }
                i += escaped.len_utf8();
            }
            c if is_line_terminator(c) => return Err(missing_slash()),
            _ => {}
        }
        i += c.len_utf8();
    };
    // RegularExpressionFlags: IdentifierPartChars; an escape is not allowed there.
    let flags_start = body_end + 1;
    let mut j = flags_start;
    while let Some(c) = char_at(src, j) {
        if c == '\\' {
            return Err(LexError {
                message: REGEXP_INVALID_FLAGS.into(),
                pos: start,
            });
        }
        if !is_identifier_part(c) {
            break;
        }
        j += c.len_utf8();
    }
    Ok((&src[start + 1..body_end], &src[flags_start..j], j))
}
