//! Escape sequences shared by string literals and templates (§12.9.4, §12.9.6).

use crate::chars::{char_at, hex_value};
use crate::messages::{INVALID_HEX_ESCAPE, INVALID_UNICODE_ESCAPE, UNDEFINED_UNICODE_CODE_POINT};
use crate::LexError;

/// What one `\…` sequence stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Escape {
    /// A code point (or, from `\uD800`, a lone surrogate code unit).
    CodePoint(u32),
    /// LineContinuation: a backslash before a line terminator contributes nothing.
    LineContinuation,
    /// LegacyOctalEscapeSequence (`\1`–`\7`, `\0` followed by a digit): its octal value.
    LegacyOctal(u32),
    /// NonOctalDecimalEscapeSequence (`\8`, `\9`): the digit itself.
    NonOctalDecimal(u32),
}

/// Reads the escape sequence whose backslash is at `backslash`; returns it and where it ends.
/// The caller has checked that a character follows the backslash.
pub fn read_escape_sequence(src: &str, backslash: usize) -> Result<(Escape, usize), LexError> {
    let bytes = src.as_bytes();
    let i = backslash + 1;
    let Some(c) = char_at(src, i) else {
        return Err(LexError {
            message: INVALID_UNICODE_ESCAPE.into(),
            pos: backslash,
        });
    };
    let simple = |cp: char| Ok((Escape::CodePoint(cp as u32), i + 1));
    match c {
        'b' => simple('\u{8}'),
        't' => simple('\t'),
        'n' => simple('\n'),
        'v' => simple('\u{B}'),
        'f' => simple('\u{C}'),
        'r' => simple('\r'),
        '\r' if bytes.get(i + 1) == Some(&b'\n') => Ok((Escape::LineContinuation, i + 2)),
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => Ok((Escape::LineContinuation, i + c.len_utf8())),
        '0' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => simple('\0'),
        '0'..='7' => {
            let (value, end) = read_legacy_octal_escape(bytes, i);
            Ok((Escape::LegacyOctal(value), end))
        }
        '8' | '9' => Ok((Escape::NonOctalDecimal(c as u32), i + 1)),
        'x' => {
            let digits = bytes
                .get(i + 1..i + 3)
                .and_then(|d| Some(hex_value(d[0])? * 16 + hex_value(d[1])?));
            match digits {
                Some(v) => Ok((Escape::CodePoint(v), i + 3)),
                None => Err(LexError {
                    message: INVALID_HEX_ESCAPE.into(),
                    pos: backslash,
                }),
            }
        }
        'u' => {
            let (cp, end) = read_unicode_escape(src, backslash)?;
            Ok((Escape::CodePoint(cp), end))
        }
        _ => Ok((Escape::CodePoint(c as u32), i + c.len_utf8())),
    }
}

/// LegacyOctalEscapeSequence starting at the digit at `i`: up to three octal digits whose value
/// stays at most 0o377. Returns the value and where the sequence ends.
fn read_legacy_octal_escape(bytes: &[u8], i: usize) -> (u32, usize) {
    let first = (bytes[i] - b'0') as u32;
    let max_len = if first <= 3 { 3 } else { 2 };
    let mut value = first;
    let mut end = i + 1;
    while end - i < max_len {
        match bytes.get(end) {
            Some(&d @ b'0'..=b'7') => {
                value = value * 8 + (d - b'0') as u32;
                end += 1;
            }
            _ => break,
        }
    }
    (value, end)
}

/// A `\uXXXX` or `\u{X…}` escape whose backslash is at `backslash` (§12.9.4
/// UnicodeEscapeSequence). Returns the code point (surrogates included) and the end.
pub fn read_unicode_escape(src: &str, backslash: usize) -> Result<(u32, usize), LexError> {
    let bytes = src.as_bytes();
    let invalid = |pos: usize| LexError {
        message: INVALID_UNICODE_ESCAPE.into(),
        pos,
    };
    if bytes.get(backslash + 1) != Some(&b'u') {
        return Err(invalid(backslash));
    }
    let i = backslash + 2;
    if bytes.get(i) == Some(&b'{') {
        let mut j = i + 1;
        let mut value: u32 = 0;
        while let Some(d) = bytes.get(j).and_then(|&b| hex_value(b)) {
            // Saturate: anything above 0x10FFFF is reported as undefined anyway.
            value = value.saturating_mul(16).saturating_add(d).min(0x0100_0000);
            j += 1;
        }
        if j == i + 1 {
            return Err(invalid(j));
        }
        if value > 0x10FFFF {
            return Err(LexError {
                message: UNDEFINED_UNICODE_CODE_POINT.into(),
                pos: backslash,
            });
        }
        if bytes.get(j) != Some(&b'}') {
            return Err(invalid(j));
        }
        Ok((value, j + 1))
    } else {
        let mut value = 0;
        for k in 0..4 {
            match bytes.get(i + k).and_then(|&b| hex_value(b)) {
                Some(d) => value = value * 16 + d,
                None => return Err(invalid(i + k)),
            }
        }
        Ok((value, i + 4))
    }
}
