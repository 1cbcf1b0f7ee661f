//! Turning a quoted string literal from the source into the name it denotes (ECMA-262
//! §12.9.4 StringLiteral, the SV of each escape), as the lexer does for `exports['…']`,
//! `Object.defineProperty(exports, '…', …)`, `'…': v` keys and `require('…')` specifiers.

use modjs_lexer::push_code_point;

/// The value of `lit` (the literal *with* its quotes, UTF-16) when it is quoted; the text
/// itself when it is not. `None` when an escape is malformed or when the value is not
/// well-formed UTF-16 by the lexer's test (see [`passes_surrogate_filter`]).
pub(super) fn decode(lit: &[u16]) -> Option<Vec<u16>> {
    match lit.first() {
        Some(&q) if q == u16::from(b'"') || q == u16::from(b'\'') => {
            let value = string_value(lit)?;
            passes_surrogate_filter(&value).then_some(value)
        }
        _ => Some(lit.to_vec()),
    }
}

/// The lexer keeps a decoded name only when every code unit below U+D800 stands alone and
/// every U+D800–U+DBFF unit is followed by a U+DC00–U+DFFF unit. Note the quirk this
/// faithfully keeps: any *other* unit from U+DC00 up (so also U+E000–U+FFFF, e.g. U+FEFF or
/// U+FFFD) makes the whole name rejected.
fn passes_surrogate_filter(units: &[u16]) -> bool {
    let mut i = 0;
    while i < units.len() {
        let block = units[i] & 0xFC00;
        if block < 0xD800 {
            i += 1;
            continue;
        }
        if block != 0xD800 {
            return false;
        }
        match units.get(i + 1) {
            Some(&lo) if lo & 0xFC00 == 0xDC00 => i += 2,
            _ => return false,
        }
    }
    true
}

/// The string value of a quoted literal: everything between the opening quote and the first
/// unescaped matching quote, with escapes applied. `None` for a raw line break, a bad escape
/// or a missing closing quote.
fn string_value(lit: &[u16]) -> Option<Vec<u16>> {
    let quote = *lit.first()?;
    let mut out = Vec::with_capacity(lit.len());
    let mut i = 1;
    while i < lit.len() {
        let c = lit[i];
        if c == quote {
            return Some(out);
        }
        match c {
            0x5C => {
                i += 1;
                i = escape_value(lit, i, &mut out)?;
            }
            0x0A | 0x0D => return None,
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    None
}

/// Applies the escape whose first character (after the backslash) is at `i`; returns the
/// index after it.
fn escape_value(lit: &[u16], i: usize, out: &mut Vec<u16>) -> Option<usize> {
    let c = *lit.get(i)?;
    let mut next = i + 1;
    let simple = |u: u8| Some(u16::from(u));
    let pushed = match c {
        // LineContinuation: CR LF, CR, LF, LS, PS contribute nothing.
        0x0D => {
            if lit.get(next) == Some(&0x0A) {
                next += 1;
            }
            None
        }
        0x0A | 0x2028 | 0x2029 => None,
        0x72 => simple(b'\r'),
        0x6E => simple(b'\n'),
        0x74 => simple(b'\t'),
        0x62 => simple(0x08),
        0x66 => simple(0x0C),
        0x76 => simple(0x0B),
        0x78 => {
            let hi = hex_value(lit.get(next).copied())?;
            let lo = hex_value(lit.get(next + 1).copied())?;
            next += 2;
            push_code_point(out, hi * 16 + lo);
            None
        }
        0x75 => {
            let (cp, after) = unicode_escape(lit, next)?;
            next = after;
            push_code_point(out, cp);
            None
        }
        0x30..=0x37 => {
            // Legacy octal: up to two more digits after 0–3, one more after 4–7.
            let mut more = if c <= 0x33 { 2 } else { 1 };
            let mut value = u32::from(c - 0x30);
            while more > 0 {
                match lit.get(next) {
                    Some(&d) if (0x30..=0x37).contains(&d) => {
                        value = value * 8 + u32::from(d - 0x30);
                        next += 1;
                        more -= 1;
                    }
                    _ => break,
                }
            }
            push_code_point(out, value);
            None
        }
        other => Some(other),
    };
    if let Some(u) = pushed {
        out.push(u);
    }
    Some(next)
}

/// `\uXXXX` or `\u{X…}` starting at `i` (just after the `u`); the code point and the index
/// after the escape. Values above U+10FFFF are errors.
fn unicode_escape(lit: &[u16], mut i: usize) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    if lit.get(i) == Some(&u16::from(b'{')) {
        i += 1;
        loop {
            value = value * 16 + hex_value(lit.get(i).copied())?;
            if value > 0x10FFFF {
                return None;
            }
            i += 1;
            if lit.get(i) == Some(&u16::from(b'}')) {
                break;
            }
        }
        Some((value, i + 1))
    } else {
        for _ in 0..4 {
            value = value * 16 + hex_value(lit.get(i).copied())?;
            i += 1;
        }
        Some((value, i))
    }
}

fn hex_value(u: Option<u16>) -> Option<u32> {
    let u = u?;
    match u {
        0x30..=0x39 => Some(u32::from(u - 0x30)),
        0x61..=0x66 => Some(u32::from(u - 0x61 + 10)),
        0x41..=0x46 => Some(u32::from(u - 0x41 + 10)),
        _ => None,
    }
}

