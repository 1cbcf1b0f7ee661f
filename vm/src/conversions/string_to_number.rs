//! String → Number on UTF-16 text: StringToNumber (ECMA-262 §7.1.4.1.1) and the algorithms
//! of the global `parseInt` (§19.2.5) and `parseFloat` (§19.2.4).
//!
//! Decimal digit strings are checked against the grammar here and then handed to Rust's `f64`
//! parser, which rounds correctly however many digits there are. Power-of-two radices are
//! rounded correctly too (to nearest, ties to even); other radices in `parseInt` accumulate
//! the way V8 does, so results match Node for values beyond 2^53.

/// StrWhiteSpaceChar — ECMA-262 §7.1.4.1: WhiteSpace (TAB, VT, FF, ZWNBSP and every Unicode
/// "Space_Separator" (Zs) code point) or LineTerminator (LF, CR, LS, PS). All of them are in
/// the Basic Multilingual Plane, so one UTF-16 unit decides.
pub fn is_str_white_space_char(c: u16) -> bool {
    matches!(
        c,
        0x0009 | 0x000B | 0x000C | 0xFEFF // TAB, VT, FF, ZWNBSP
        | 0x000A | 0x000D | 0x2028 | 0x2029 // LF, CR, LS, PS
        | 0x0020 | 0x00A0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 // Zs
    )
}

/// `text` without leading and trailing StrWhiteSpaceChar.
pub fn trim_str_white_space(text: &[u16]) -> &[u16] {
    let start = text.iter().position(|&c| !is_str_white_space_char(c)).unwrap_or(text.len());
    let end = text.iter().rposition(|&c| !is_str_white_space_char(c)).map_or(start, |i| i + 1);
    &text[start..end]
}

/// StringToNumber(str) — ECMA-262 §7.1.4.1.1: the whole string (less surrounding white space)
/// must be a StringNumericLiteral, otherwise the result is NaN.
pub fn string_to_number(text: &[u16]) -> f64 {
    let literal = trim_str_white_space(text);
    // StringNumericLiteral ::: StrWhiteSpace_opt — the empty string is 0.
    if literal.is_empty() {
        return 0.0;
    }
    // Up to 15 decimal digits are exact in a double: no need for the general parser.
    if literal.len() <= 15 && literal.iter().all(|&c| (0x30..=0x39).contains(&c)) {
        return literal.iter().fold(0u64, |n, &c| n * 10 + u64::from(c - 0x30)) as f64;
    }
    // NonDecimalIntegerLiteral: 0x / 0o / 0b followed by at least one digit, no sign.
    if literal.len() > 2 && literal[0] == u16::from(b'0') {
        let radix = match literal[1] {
            c if c == u16::from(b'x') || c == u16::from(b'X') => Some(16),
            c if c == u16::from(b'o') || c == u16::from(b'O') => Some(8),
            c if c == u16::from(b'b') || c == u16::from(b'B') => Some(2),
            _ => None,
        };
        if let Some(radix) = radix {
            let digits = &literal[2..];
            return match digits.iter().map(|&c| digit_value(c, radix)).collect::<Option<Vec<_>>>() {
                Some(values) => power_of_two_radix_value(&values, radix),
                None => f64::NAN,
            };
        }
    }
    // StrDecimalLiteral: the longest decimal prefix must be the whole literal.
    match str_decimal_literal_prefix(literal) {
        Some((value, len)) if len == literal.len() => value,
        _ => f64::NAN,
    }
}

/// `parseInt(string, radix)` — ECMA-262 §19.2.5, steps 3–16, on the already converted string
/// and `ToInt32(radix)`.
pub fn parse_int(input: &[u16], radix: i32) -> f64 {
    // Step 3: drop leading white space.
    let start = input.iter().position(|&c| !is_str_white_space_char(c)).unwrap_or(input.len());
    let mut s = &input[start..];
    // Steps 4–6: the sign.
    let mut sign = 1.0;
    if let Some(&c) = s.first() {
        if c == u16::from(b'-') {
            sign = -1.0;
        }
        if c == u16::from(b'-') || c == u16::from(b'+') {
            s = &s[1..];
        }
    }
    // Steps 7–10: the radix; 0 means 10 unless the string starts with 0x.
    let mut strip_prefix = true;
    let mut r = radix;
    if r != 0 {
        if !(2..=36).contains(&r) {
            return f64::NAN;
        }
        if r != 16 {
            strip_prefix = false;
        }
    } else {
        r = 10;
    }
    // Step 11: the 0x / 0X prefix.
    if strip_prefix
        && s.len() >= 2
        && s[0] == u16::from(b'0')
        && (s[1] == u16::from(b'x') || s[1] == u16::from(b'X'))
    {
        s = &s[2..];
        r = 16;
    }
    let radix = r as u32;
    // Steps 12–13: the longest prefix of radix-R digits; none gives NaN.
    let len = s.iter().position(|&c| digit_value(c, radix).is_none()).unwrap_or(s.len());
    if len == 0 {
        return f64::NAN;
    }
    let digits: Vec<u8> = s[..len].iter().filter_map(|&c| digit_value(c, radix)).collect();
    // Steps 14–15: the mathematical value, as a Number.
    let magnitude = match radix {
        10 => decimal_digits_value(&digits),
        2 | 4 | 8 | 16 | 32 => power_of_two_radix_value(&digits, radix),
        _ => generic_radix_value(&digits, radix),
    };
    // Step 16: apply the sign (a zero result keeps it: parseInt("-0") is -0).
    sign * magnitude
}

/// `parseFloat(string)` — ECMA-262 §19.2.4, steps 2–6, on the already converted string: the
/// value of the longest prefix (after leading white space) that is a StrDecimalLiteral.
pub fn parse_float(input: &[u16]) -> f64 {
    let start = input.iter().position(|&c| !is_str_white_space_char(c)).unwrap_or(input.len());
    match str_decimal_literal_prefix(&input[start..]) {
        Some((value, _)) => value,
        None => f64::NAN,
    }
}

/// The longest prefix of `s` that is a StrDecimalLiteral (§7.1.4.1), with its value and its
/// length in code units; `None` when no prefix is one.
///
/// StrDecimalLiteral ::: StrUnsignedDecimalLiteral | + StrUnsignedDecimalLiteral | - …
/// StrUnsignedDecimalLiteral ::: Infinity | DecimalDigits . DecimalDigits_opt ExponentPart_opt
///   | . DecimalDigits ExponentPart_opt | DecimalDigits ExponentPart_opt
/// (no numeric separators in strings).
fn str_decimal_literal_prefix(s: &[u16]) -> Option<(f64, usize)> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let is_digit = |c: u16| (u16::from(b'0')..=u16::from(b'9')).contains(&c);
    let mut i = 0;
    let mut negative = false;
    if at(0) == u16::from(b'+') || at(0) == u16::from(b'-') {
        negative = at(0) == u16::from(b'-');
        i = 1;
    }
    let sign = if negative { -1.0 } else { 1.0 };
    // Infinity.
    const INFINITY: [u16; 8] = [0x49, 0x6E, 0x66, 0x69, 0x6E, 0x69, 0x74, 0x79]; // "Infinity"
    if s[i.min(s.len())..].starts_with(&INFINITY) {
        return Some((sign * f64::INFINITY, i + INFINITY.len()));
    }
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    // DecimalDigits before the point.
    let int_start = i;
    while is_digit(at(i)) {
        text.push(char::from(at(i) as u8));
        i += 1;
    }
    let int_digits = i - int_start;
    // . DecimalDigits_opt
    let mut frac_digits = 0;
    if at(i) == u16::from(b'.') {
        let mut j = i + 1;
        while is_digit(at(j)) {
            j += 1;
        }
        frac_digits = j - (i + 1);
        // "." alone, or "." with no digit on either side, is not a literal.
        if int_digits > 0 || frac_digits > 0 {
            if frac_digits > 0 {
                text.push('.');
                text.extend(s[i + 1..j].iter().map(|&c| char::from(c as u8)));
            }
            i = j;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    // ExponentPart_opt: e/E, optional sign, at least one digit — otherwise not part of it.
    if at(i) == u16::from(b'e') || at(i) == u16::from(b'E') {
        let mut j = i + 1;
        if at(j) == u16::from(b'+') || at(j) == u16::from(b'-') {
            j += 1;
        }
        let digits_start = j;
        while is_digit(at(j)) {
            j += 1;
        }
        if j > digits_start {
            text.push('e');
            text.extend(s[i + 1..j].iter().map(|&c| char::from(c as u8)));
            i = j;
        }
    }
    // Rust's parser accepts exactly this shape (and rounds correctly); a huge exponent gives
    // 0 or infinity as it should.
    let value = text.parse::<f64>().ok()?;
    Some((value, i))
}

/// The value of a digit in `radix` (2..=36), case-insensitive for letters.
fn digit_value(c: u16, radix: u32) -> Option<u8> {
    let c = char::from_u32(u32::from(c))?;
    c.to_digit(radix).map(|d| d as u8)
}

/// The value of decimal digits (values 0–9), correctly rounded.
fn decimal_digits_value(digits: &[u8]) -> f64 {
    let text: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
    text.parse::<f64>().unwrap_or(f64::NAN)
}

/// The value of digits in a power-of-two radix (2, 4, 8, 16, 32), rounded to the nearest
/// double, ties to even. An empty digit list is 0.
fn power_of_two_radix_value(digits: &[u8], radix: u32) -> f64 {
    let bits_per_digit = radix.trailing_zeros();
    // Keep the first 64 significant bits; OR every later bit into a sticky flag and count them.
    let mut top: u64 = 0;
    let mut sticky = false;
    let mut dropped: i32 = 0;
    for &d in digits {
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
    // With 64 bits kept, at least 11 lie below a double's 53-bit significand, so folding the
    // sticky bit into the lowest one changes no tie into a non-tie wrongly: the u64 → f64
    // conversion then rounds exactly as the full value would.
    let mantissa = (top | u64::from(sticky)) as f64;
    if dropped > 1100 {
        return if mantissa == 0.0 { 0.0 } else { f64::INFINITY };
    }
    // 2^dropped may itself overflow while the product would too; split it to stay exact.
    let half = dropped / 2;
    mantissa * 2f64.powi(half) * 2f64.powi(dropped - half)
}

/// The value of digits in a radix that is neither 10 nor a power of two, accumulated as V8
/// does: runs of digits whose multiplier fits in 32 bits are combined exactly, then folded
/// into a double (so very long inputs carry V8's rounding, which the spec permits).
fn generic_radix_value(digits: &[u8], radix: u32) -> f64 {
    const MAX_MULTIPLIER: u32 = u32::MAX / 36;
    let mut result = 0.0f64;
    let mut i = 0;
    while i < digits.len() {
        let mut part: u32 = 0;
        let mut multiplier: u32 = 1;
        while i < digits.len() {
            let next = multiplier * radix;
            if next > MAX_MULTIPLIER {
                break;
            }
            part = part * radix + u32::from(digits[i]);
            multiplier = next;
            i += 1;
        }
        result = result * f64::from(multiplier) + f64::from(part);
    }
    result
}

#[cfg(test)]
#[path = "string_to_number_tests.rs"]
mod tests;
