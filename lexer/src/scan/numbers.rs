//! NumericLiteral (§12.9.3) with numeric separators, legacy octal (§B.1.1) and BigInt, and its
//! MV (mathematical value) rounded to the nearest double.

use crate::chars::{char_at, is_identifier_start};
use crate::messages::{
    INVALID_OR_UNEXPECTED_TOKEN, NUMERIC_SEPARATOR_AFTER_LEADING_ZERO, NUMERIC_SEPARATOR_AT_END,
    NUMERIC_SEPARATOR_DOUBLE,
};
use crate::scan::bigint::digits_to_decimal;
use crate::{LexError, Tok};

fn error(message: &str, pos: usize) -> LexError {
    LexError {
        message: message.into(),
        pos,
    }
}

/// The fast path for the most common literals: at most 15 decimal digits without a leading
/// zero (or a lone `0`), followed by something that cannot continue a numeric literal.
/// Returns the value and the end, or `None` when [`scan_numeric_literal`] must decide.
#[inline]
pub fn scan_short_integer(bytes: &[u8], start: usize) -> Option<(f64, usize)> {
    let mut i = start;
    let mut n: u64 = 0;
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii_digit() || i - start == 15 {
            break;
        }
        n = n * 10 + u64::from(b - b'0');
        i += 1;
    }
    let digits = i - start;
    if digits == 0 || (digits > 1 && bytes[start] == b'0') {
        return None;
    }
    match bytes.get(i) {
        None => Some((n as f64, i)),
        Some(&b)
            if b.is_ascii_alphanumeric()
                || matches!(b, b'.' | b'_' | b'$' | b'\\')
                || b >= 0x80 =>
        {
            None
        }
        Some(_) => Some((n as f64, i)),
    }
}

/// Scans the numeric literal starting at `start` (a decimal digit, or `.` and a digit).
pub fn scan_numeric_literal(src: &str, start: usize) -> Result<(Tok, usize), LexError> {
    let bytes = src.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let (tok, end) = match (at(start), at(start + 1)) {
        (b'0', b'x' | b'X') => scan_non_decimal_integer(src, start, 16)?,
        (b'0', b'o' | b'O') => scan_non_decimal_integer(src, start, 8)?,
        (b'0', b'b' | b'B') => scan_non_decimal_integer(src, start, 2)?,
        (b'0', b'_') => return Err(error(NUMERIC_SEPARATOR_AFTER_LEADING_ZERO, start + 1)),
        (b'0', b'0'..=b'9') => scan_legacy_leading_zero(src, start)?,
        (b'.', _) => scan_decimal_tail(src, start, start, false)?,
        _ => {
            let int_end = scan_digits(bytes, start, 10)?;
            scan_decimal_tail(src, start, int_end, false)?
        }
    };
    // §12.9.3: the SourceCharacter after a NumericLiteral must not be an IdentifierStart or a
    // DecimalDigit.
    let follows = char_at(src, end);
    if follows.is_some_and(|c| c == '\\' || c.is_ascii_digit() || is_identifier_start(c)) {
        return Err(error(INVALID_OR_UNEXPECTED_TOKEN, start));
    }
    Ok((tok, end))
}

/// Scans a run of digits of `radix` starting at `i` (which holds a digit), allowing single
/// NumericSeparators between digits. Returns where the run ends.
fn scan_digits(bytes: &[u8], mut i: usize, radix: u32) -> Result<usize, LexError> {
    let is_digit = |i: usize| bytes.get(i).is_some_and(|&b| (b as char).is_digit(radix));
    loop {
        while is_digit(i) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'_') {
            return Ok(i);
        }
        if bytes.get(i + 1) == Some(&b'_') {
            return Err(error(NUMERIC_SEPARATOR_DOUBLE, i + 1));
        }
        if !is_digit(i + 1) {
            return Err(error(NUMERIC_SEPARATOR_AT_END, i + 1));
        }
        i += 1;
    }
}

/// After the integer part `start..int_end` of a decimal literal: an optional fraction and
/// exponent, or the BigInt suffix `n` (not after a fraction, an exponent or a leading zero).
fn scan_decimal_tail(
    src: &str,
    start: usize,
    int_end: usize,
    leading_zero: bool,
) -> Result<(Tok, usize), LexError> {
    let bytes = src.as_bytes();
    let mut i = int_end;
    if bytes.get(i) == Some(&b'n') && i > start {
        if leading_zero {
            return Err(error(INVALID_OR_UNEXPECTED_TOKEN, start));
        }
        let digits = src[start..i]
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| u32::from(b - b'0'));
        return Ok((
            Tok::BigInt(digits_to_decimal(digits, 10).into_boxed_str()),
            i + 1,
        ));
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i = scan_digits(bytes, i, 10)?;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if !bytes.get(j).is_some_and(u8::is_ascii_digit) {
            return Err(error(INVALID_OR_UNEXPECTED_TOKEN, start));
        }
        i = scan_digits(bytes, j, 10)?;
    }
    let value =
        decimal_value(&src[start..i]).ok_or_else(|| error(INVALID_OR_UNEXPECTED_TOKEN, start))?;
    Ok((
        Tok::Num {
            value,
            legacy_octal: leading_zero,
        },
        i,
    ))
}

/// `0` followed by a decimal digit: LegacyOctalIntegerLiteral when all digits are octal,
/// otherwise NonOctalDecimalIntegerLiteral (which may have a fraction and exponent).
/// Numeric separators and the BigInt suffix are not allowed in either.
fn scan_legacy_leading_zero(src: &str, start: usize) -> Result<(Tok, usize), LexError> {
    let bytes = src.as_bytes();
    let mut i = start + 1;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let octal = bytes[start..i].iter().all(|b| (b'0'..=b'7').contains(b));
    if octal {
        if matches!(bytes.get(i), Some(b'_' | b'n')) {
            return Err(error(INVALID_OR_UNEXPECTED_TOKEN, start));
        }
        let value = radix_value(bytes[start..i].iter().map(|&b| u32::from(b - b'0')), 8);
        return Ok((
            Tok::Num {
                value,
                legacy_octal: true,
            },
            i,
        ));
    }
    if bytes.get(i) == Some(&b'_') {
        return Err(error(INVALID_OR_UNEXPECTED_TOKEN, i));
    }
    scan_decimal_tail(src, start, i, true)
}

/// `0x…`, `0o…`, `0b…` with an optional BigInt suffix.
fn scan_non_decimal_integer(src: &str, start: usize, radix: u32) -> Result<(Tok, usize), LexError> {
    let bytes = src.as_bytes();
    let digits_start = start + 2;
    if !bytes
        .get(digits_start)
        .is_some_and(|&b| (b as char).is_digit(radix))
    {
        return Err(error(INVALID_OR_UNEXPECTED_TOKEN, start));
    }
    let end = scan_digits(bytes, digits_start, radix)?;
    let digits = || {
        src[digits_start..end]
            .chars()
            .filter_map(|c| c.to_digit(radix))
    };
    if bytes.get(end) == Some(&b'n') {
        return Ok((
            Tok::BigInt(digits_to_decimal(digits(), radix).into_boxed_str()),
            end + 1,
        ));
    }
    Ok((
        Tok::Num {
            value: radix_value(digits(), radix),
            legacy_octal: false,
        },
        end,
    ))
}

/// The MV of a DecimalLiteral (separators allowed), correctly rounded by Rust's parser.
fn decimal_value(text: &str) -> Option<f64> {
    // Fast path: short integers are exact.
    if text.len() <= 15 && text.bytes().all(|b| b.is_ascii_digit()) {
        let n = text.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        return Some(n as f64);
    }
    if text.contains('_') {
        text.replace('_', "").parse().ok()
    } else {
        text.parse().ok()
    }
}

/// The MV of the digits (most significant first) in a power-of-two `radix`, rounded to the
/// nearest double, ties to even.
fn radix_value(digits: impl Iterator<Item = u32>, radix: u32) -> f64 {
    let bits_per_digit = radix.trailing_zeros();
    // The first 64 significant bits, a sticky bit for any non-zero bit after them, and the
    // number of bits dropped.
    let mut top: u64 = 0;
    let mut sticky = false;
    let mut dropped: i32 = 0;
    for d in digits {
        for k in (0..bits_per_digit).rev() {
            let bit = u64::from((d >> k) & 1);
            if top >> 63 == 0 {
                top = (top << 1) | bit;
            } else {
                sticky |= bit != 0;
                dropped = dropped.saturating_add(1);
            }
        }
    }
    // 11 bits lie below the rounding position of a 53-bit significand, so folding the sticky
    // bit into the lowest one lets the u64 → f64 conversion round exactly as the full value.
    let mantissa = (top | u64::from(sticky)) as f64;
    mantissa * 2f64.powi(dropped.min(2000))
}
