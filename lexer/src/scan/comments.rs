//! Comments (§12.4) and the Annex B HTML-like comments (§B.1.1), plus the hashbang (§12.5).

use crate::chars::is_line_terminator;
use crate::messages::INVALID_OR_UNEXPECTED_TOKEN;
use crate::LexError;

/// Where a MultiLineComment starting at `start` (`/*`) ends, and whether it contains a line
/// terminator (then it counts as one for automatic semicolon insertion).
pub fn skip_multi_line_comment(src: &str, start: usize) -> Result<(usize, bool), LexError> {
    let body_start = start + 2;
    let Some(len) = src.get(body_start..).and_then(|rest| rest.find("*/")) else {
        return Err(LexError {
            message: INVALID_OR_UNEXPECTED_TOKEN.into(),
            pos: start,
        });
    };
    let body = &src.as_bytes()[body_start..body_start + len];
    let has_line_terminator = contains_line_terminator(body);
    Ok((body_start + len + 2, has_line_terminator))
}

/// True when the UTF-8 text `bytes` holds LF, CR, U+2028 or U+2029.
fn contains_line_terminator(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'\n'
            || b == b'\r'
            || (b == 0xE2
                && bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)))
    })
}

/// Where a single-line comment (`//`, `<!--`, `-->` or a hashbang) starting at `start` ends:
/// at the next line terminator, which is not part of the comment.
pub fn skip_single_line_comment(src: &str, start: usize) -> usize {
    match src
        .get(start..)
        .and_then(|rest| rest.find(is_line_terminator))
    {
        Some(len) => start + len,
        None => src.len(),
    }
}

/// HashbangComment (§12.5): `#!` at the very start of the source. Returns where scanning
/// starts (0 when there is no hashbang).
pub fn skip_hashbang_comment(src: &str) -> usize {
    if src.starts_with("#!") {
        skip_single_line_comment(src, 0)
    } else {
        0
    }
}
