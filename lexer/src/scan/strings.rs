//! StringLiteral (§12.9.4) and its SV (string value).

use crate::chars::{char_at, push_code_point, push_str_utf16};
use crate::messages::INVALID_OR_UNEXPECTED_TOKEN;
use crate::scan::escapes::{read_escape_sequence, Escape};
use crate::{JsStr, LexError, Tok};

/// Scans the string literal whose opening quote is at `start`.
pub fn scan_string_literal(src: &str, start: usize) -> Result<(Tok, usize), LexError> {
    let bytes = src.as_bytes();
    let quote = bytes[start];
    let unterminated = || LexError {
        message: INVALID_OR_UNEXPECTED_TOKEN.into(),
        pos: start,
    };

    // Fast path: no escapes (most strings) — the value is the source text.
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        if b == quote {
            // Sized for the byte length, which is exact for ASCII text (no reallocation).
            let text = &src[start + 1..i];
            let mut units = Vec::with_capacity(text.len());
            push_str_utf16(&mut units, text);
            let value = JsStr(units.into_boxed_slice());
            return Ok((
                Tok::Str {
                    value,
                    legacy_octal_escape: false,
                },
                i + 1,
            ));
        }
        if b == b'\\' || b == b'\n' || b == b'\r' {
            break;
        }
        i += 1;
    }

    let mut units: Vec<u16> = Vec::with_capacity(i - start + 16);
    push_str_utf16(&mut units, &src[start + 1..i]);
    let mut legacy_octal_escape = false;
    loop {
        let Some(c) = char_at(src, i) else {
            return Err(unterminated());
        };
        match c {
            '\n' | '\r' => return Err(unterminated()),
            '\\' => {
                if i + 1 >= src.len() {
                    return Err(unterminated());
                }
                let (escape, end) = read_escape_sequence(src, i)?;
                match escape {
                    Escape::CodePoint(cp) => push_code_point(&mut units, cp),
                    Escape::LineContinuation => {}
                    Escape::LegacyOctal(v) | Escape::NonOctalDecimal(v) => {
                        legacy_octal_escape = true;
                        units.push(v as u16);
                    }
                }
                i = end;
            }
            _ if c as u32 == quote as u32 => {
                let value = JsStr(units.into_boxed_slice());
                return Ok((
                    Tok::Str {
                        value,
                        legacy_octal_escape,
                    },
                    i + 1,
                ));
            }
            _ => {
                push_code_point(&mut units, c as u32);
                i += c.len_utf8();
            }
        }
    }
}
