//! From text to BigInt: literals in source (§12.9.3, the `n` suffix already removed) and
//! StringToBigInt (§7.1.14).

use super::magnitude;
use super::BigInt;
use crate::conversions::string_to_number::trim_str_white_space;

/// The value of a BigInt literal's digits: decimal, or with a `0x`/`0o`/`0b` prefix; numeric
/// separators are skipped. `None` for text that is not such a literal.
pub fn parse_literal(src: &str) -> Option<BigInt> {
    let units: Vec<u16> = src.encode_utf16().filter(|&c| c != u16::from(b'_')).collect();
    let (radix, digits) = split_radix_prefix(&units);
    digits_value(digits, radix.unwrap_or(10)).map(|m| BigInt::from_parts(false, m))
}

/// StringToBigInt (§7.1.14): `None` where the spec returns undefined (a syntax error).
pub fn string_to_bigint(text: &[u16]) -> Option<BigInt> {
    // 1-3. Parse as a StringIntegerLiteral: white space around, empty means 0.
    let literal = trim_str_white_space(text);
    if literal.is_empty() {
        return Some(BigInt::zero());
    }
    let (radix, digits) = split_radix_prefix(literal);
    if let Some(radix) = radix {
        // NonDecimalIntegerLiteral: no sign.
        return digits_value(digits, radix).map(|m| BigInt::from_parts(false, m));
    }
    // StrIntegerLiteral: an optional sign and decimal digits.
    let (negative, digits) = match literal[0] {
        c if c == u16::from(b'-') => (true, &literal[1..]),
        c if c == u16::from(b'+') => (false, &literal[1..]),
        _ => (false, literal),
    };
    digits_value(digits, 10).map(|m| BigInt::from_parts(negative, m))
}

/// Splits off a `0x`, `0o` or `0b` prefix (either case).
fn split_radix_prefix(units: &[u16]) -> (Option<u32>, &[u16]) {
    if units.len() >= 2 && units[0] == u16::from(b'0') {
        let radix = match units[1] {
            c if c == u16::from(b'x') || c == u16::from(b'X') => Some(16),
            c if c == u16::from(b'o') || c == u16::from(b'O') => Some(8),
            c if c == u16::from(b'b') || c == u16::from(b'B') => Some(2),
            _ => None,
        };
        if radix.is_some() {
            return (radix, &units[2..]);
        }
    }
    (None, units)
}

/// The magnitude of one or more digits in `radix`; `None` if there are none or one is not a
/// digit. Digits are taken in chunks that fit a limb, one multiply-add per chunk.
fn digits_value(digits: &[u16], radix: u32) -> Option<Vec<u32>> {
    if digits.is_empty() {
        return None;
    }
    // The largest k with radix^k < 2^32.
    let mut chunk_len = 0usize;
    let mut chunk_scale = 1u64;
    while chunk_scale * radix as u64 <= u32::MAX as u64 {
        chunk_scale *= radix as u64;
        chunk_len += 1;
    }
    let mut value: Vec<u32> = Vec::with_capacity(digits.len() / chunk_len + 1);
    for chunk in digits.chunks(chunk_len) {
        let mut n = 0u32;
        let mut scale = 1u32;
        for &c in chunk {
            let d = char::from_u32(c as u32)?.to_digit(radix)?;
            n = n * radix + d;
            scale *= radix;
        }
        magnitude::mul_add_small(&mut value, scale, n);
    }
    Some(value)
}
