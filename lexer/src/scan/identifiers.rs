//! IdentifierName (§12.7) with `\u` escapes and non-ASCII characters; also PrivateIdentifier.

use crate::chars::{char_at, is_identifier_part, is_identifier_start};
use crate::messages::INVALID_OR_UNEXPECTED_TOKEN;
use crate::scan::escapes::read_unicode_escape;
use crate::{LexError, Name};

/// Scans the IdentifierName starting at `start`. The name is cooked (escapes decoded); an
/// escape must stand for a character that is allowed where it appears (§12.7.1.1).
pub fn scan_identifier_name(src: &str, start: usize) -> Result<(Name, usize), LexError> {
    let mut i = start;
    // Allocated only once an escape is seen; until then the name is `src[start..i]`.
    let mut cooked: Option<String> = None;
    loop {
        let Some(c) = char_at(src, i) else { break };
        let first = i == start;
        if c == '\\' {
            if src.as_bytes().get(i + 1) != Some(&b'u') {
                return Err(LexError {
                    message: INVALID_OR_UNEXPECTED_TOKEN.into(),
                    pos: start,
                });
            }
            let (cp, end) = read_unicode_escape(src, i)?;
            let decoded = char::from_u32(cp).filter(|&d| {
                if first {
                    is_identifier_start(d)
                } else {
                    is_identifier_part(d)
                }
            });
            let Some(d) = decoded else {
                return Err(LexError {
                    message: INVALID_OR_UNEXPECTED_TOKEN.into(),
                    pos: start,
                });
            };
            cooked
                .get_or_insert_with(|| src[start..i].to_string())
                .push(d);
            i = end;
        } else if (first && is_identifier_start(c)) || (!first && is_identifier_part(c)) {
            if let Some(name) = cooked.as_mut() {
                name.push(c);
            }
            i += c.len_utf8();
        } else {
            break;
        }
    }
    if i == start {
        return Err(LexError {
            message: INVALID_OR_UNEXPECTED_TOKEN.into(),
            pos: start,
        });
    }
    let name = match cooked {
        Some(name) => Name {
            name: name.into_boxed_str(),
            escaped: true,
        },
        None => Name {
            name: src[start..i].into(),
            escaped: false,
        },
    };
    Ok((name, i))
}

/// True when an IdentifierName can start at `i` (an IdentifierStartChar or a `\`).
pub fn starts_identifier(src: &str, i: usize) -> bool {
    char_at(src, i).is_some_and(|c| c == '\\' || is_identifier_start(c))
}

/// PrivateIdentifier (§12.7): `#` at `hash` followed by an IdentifierName.
pub fn scan_private_identifier(src: &str, hash: usize) -> Result<(Name, usize), LexError> {
    if !starts_identifier(src, hash + 1) {
        return Err(LexError {
            message: INVALID_OR_UNEXPECTED_TOKEN.into(),
            pos: hash,
        });
    }
    scan_identifier_name(src, hash + 1)
}
