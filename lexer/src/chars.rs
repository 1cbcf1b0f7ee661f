//! Character classes of the lexical grammar (ECMA-262 §12.2–§12.7).

/// LineTerminator (§12.3): LF, CR, LS, PS.
#[inline]
pub fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// IdentifierStartChar (§12.7): UnicodeIDStart, `$`, `_`.
#[inline]
pub fn is_identifier_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '$' || c == '_'
    } else {
        unicode_id_start::is_id_start_unicode(c)
    }
}

/// IdentifierPartChar (§12.7): UnicodeIDContinue, `$`, ZWNJ, ZWJ.
#[inline]
pub fn is_identifier_part(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '$' || c == '_'
    } else {
        c == '\u{200C}' || c == '\u{200D}' || unicode_id_start::is_id_continue_unicode(c)
    }
}

/// The character starting at byte `i`, if any (`i` must be a char boundary or the end).
#[inline]
pub fn char_at(src: &str, i: usize) -> Option<char> {
    src.get(i..).and_then(|s| s.chars().next())
}

/// The value of a hexadecimal digit.
#[inline]
pub fn hex_value(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// Appends the UTF-16 encoding of code point `cp` (which may be a lone surrogate) to `out`.
pub fn push_code_point(out: &mut Vec<u16>, cp: u32) {
    if cp >= 0x10000 {
        let v = cp - 0x10000;
        out.push(0xD800 | (v >> 10) as u16);
        out.push(0xDC00 | (v & 0x3FF) as u16);
    } else {
        out.push(cp as u16);
    }
}

/// Appends the UTF-16 encoding of `s` to `out`.
pub fn push_str_utf16(out: &mut Vec<u16>, s: &str) {
    out.extend(s.encode_utf16());
}
