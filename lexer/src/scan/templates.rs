//! Template literal chunks (§12.9.6): TemplateCharacters with their TV (cooked) and TRV (raw).

use crate::chars::{char_at, push_code_point};
use crate::messages::{TEMPLATE_8_9_ESCAPE, TEMPLATE_OCTAL_ESCAPE, UNEXPECTED_END_OF_INPUT};
use crate::scan::escapes::{read_escape_sequence, Escape};
use crate::{JsStr, LexError, TemplatePart, Token};

/// How a template chunk ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ChunkEnd {
    /// At a `` ` ``: the template is complete.
    Backtick,
    /// At `${`: a substitution follows.
    Substitution,
}

/// Scans the TemplateCharacters starting at `i` (just after `` ` `` or `}`) up to and
/// including the closing `` ` `` or `${`. Returns the chunk, where it ends and how.
pub fn scan_template_characters(
    src: &str,
    mut i: usize,
) -> Result<(TemplatePart, usize, ChunkEnd), LexError> {
    let bytes = src.as_bytes();
    let mut raw: Vec<u16> = Vec::new();
    // `None` once an escape that is invalid in templates was seen (NotEscapeSequence).
    let mut cooked: Option<Vec<u16>> = Some(Vec::new());
    let finish = |raw: Vec<u16>, cooked: Option<Vec<u16>>| TemplatePart {
        cooked: cooked.map(|c| JsStr(c.into_boxed_slice())),
        raw: JsStr(raw.into_boxed_slice()),
    };
    loop {
        // Copy a run of ordinary characters (the same in TV and TRV) at once.
        let run_start = i;
        while bytes.get(i).is_some_and(|&b| !matches!(b, b'`' | b'$' | b'\\' | b'\r')) {
            i += 1;
        }
        if i > run_start {
            let run = &src[run_start..i];
            raw.extend(run.encode_utf16());
            if let Some(cooked) = cooked.as_mut() {
                cooked.extend(run.encode_utf16());
            }
        }
        let Some(c) = char_at(src, i) else {
            return Err(LexError {
                message: UNEXPECTED_END_OF_INPUT.into(),
                pos: src.len(),
            });
        };
        match c {
            '`' => return Ok((finish(raw, cooked), i + 1, ChunkEnd::Backtick)),
            '$' if bytes.get(i + 1) == Some(&b'{') => {
                return Ok((finish(raw, cooked), i + 2, ChunkEnd::Substitution));
            }
            '\r' => {
                // TV and TRV both normalise CR and CRLF to LF.
                raw.push(0x0A);
                if let Some(c) = cooked.as_mut() {
                    c.push(0x0A);
                }
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            '\\' => {
                raw.push(u16::from(b'\\'));
                let Some(next) = char_at(src, i + 1) else {
                    return Err(LexError {
                        message: UNEXPECTED_END_OF_INPUT.into(),
                        pos: src.len(),
                    });
                };
                match read_escape_sequence(src, i) {
                    Ok((Escape::CodePoint(cp), end)) => {
                        raw.extend(src[i + 1..end].encode_utf16());
                        if let Some(c) = cooked.as_mut() {
                            push_code_point(c, cp);
                        }
                        i = end;
                    }
                    Ok((Escape::LineContinuation, end)) => {
                        // TRV keeps LS and PS, and turns CR and CRLF into LF.
                        let unit = if matches!(next, '\r' | '\n') {
                            0x0A
                        } else {
                            next as u16
                        };
                        raw.push(unit);
                        i = end;
                    }
                    // NotEscapeSequence: the cooked value is undefined; the characters after
                    // the one following the backslash are ordinary template characters.
                    Ok((Escape::LegacyOctal(_) | Escape::NonOctalDecimal(_), _)) | Err(_) => {
                        cooked = None;
                        push_code_point(&mut raw, next as u32);
                        i += 1 + next.len_utf8();
                    }
                }
            }
            _ => {
                push_code_point(&mut raw, c as u32);
                if let Some(cooked) = cooked.as_mut() {
                    push_code_point(cooked, c as u32);
                }
                i += c.len_utf8();
            }
        }
    }
}

/// For a template token whose cooked value is `None`: the error an *untagged* template reports
/// (V8's message and position of the first escape that is invalid in templates).
pub fn template_escape_error(src: &str, token: &Token) -> Option<LexError> {
    let bytes = src.as_bytes();
    let end = token.end.min(src.len());
    let mut i = token.start + 1;
    while i < end {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match read_escape_sequence(src, i) {
            Ok((Escape::CodePoint(_) | Escape::LineContinuation, next)) => i = next,
            Ok((Escape::LegacyOctal(_), _)) => {
                return Some(LexError {
                    message: TEMPLATE_OCTAL_ESCAPE.into(),
                    pos: i,
                });
            }
            Ok((Escape::NonOctalDecimal(_), _)) => {
                return Some(LexError {
                    message: TEMPLATE_8_9_ESCAPE.into(),
                    pos: i,
                });
            }
            Err(e) => return Some(e),
        }
    }
    None
}
