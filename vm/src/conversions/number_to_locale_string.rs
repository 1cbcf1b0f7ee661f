//! `Number.prototype.toLocaleString()` as Node prints it with its default locale (en-US) and
//! no options: Intl.NumberFormat's defaults — at most three fraction digits, rounded half
//! away from zero ("halfExpand") from the shortest decimal form of the number, no trailing
//! zeros, the integer part grouped by threes with ",", `∞` for infinities, and the sign of
//! −0 (or of a negative number that rounds to zero) kept.

use super::number_to_string::number_to_exponential;

/// The en-US default format of `x`.
pub fn number_to_locale_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push('∞');
        return out;
    }
    // The shortest decimal digits of |x| and the position of the decimal point
    // (value = 0.d₁d₂… × 10^point), read from its exponential form.
    let (digits, point) = shortest_decimal(x.abs());
    // Keep the digits up to the third fraction digit, rounding half away from zero.
    let keep = point + 3;
    let (mut kept, mut point) = if keep < 0 {
        (Vec::new(), point)
    } else {
        let keep = keep as usize;
        let mut kept: Vec<u8> = digits.iter().copied().take(keep).collect();
        kept.resize(keep, 0);
        let mut point = point;
        if digits.get(keep).is_some_and(|&d| d >= 5) {
            let mut i = kept.len();
            loop {
                if i == 0 {
                    kept.insert(0, 1);
                    point += 1;
                    break;
                }
                i -= 1;
                if kept[i] == 9 {
                    kept[i] = 0;
                } else {
                    kept[i] += 1;
                    break;
                }
            }
        }
        (kept, point)
    };
    // Split into integer and fraction digits.
    if point < 0 {
        let mut padded = vec![0u8; (-point) as usize];
        padded.append(&mut kept);
        kept = padded;
        point = 0;
    }
    let point = point as usize;
    let mut integer: Vec<u8> = kept.iter().copied().take(point).collect();
    integer.resize(point, 0);
    let mut fraction: Vec<u8> = kept.iter().copied().skip(point).collect();
    while fraction.last() == Some(&0) {
        fraction.pop();
    }
    let first_nonzero = integer.iter().position(|&d| d != 0).unwrap_or(integer.len());
    let integer = &integer[first_nonzero..];
    if integer.is_empty() {
        out.push('0');
    }
    for (i, &d) in integer.iter().enumerate() {
        if i > 0 && (integer.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(b'0' + d));
    }
    if !fraction.is_empty() {
        out.push('.');
        out.extend(fraction.iter().map(|&d| char::from(b'0' + d)));
    }
    out
}

/// The shortest round-trip digits of a non-negative finite `x` with the decimal point
/// position (value = 0.d₁d₂… × 10^point); zero has no digits.
fn shortest_decimal(x: f64) -> (Vec<u8>, i32) {
    if x == 0.0 {
        return (Vec::new(), 0);
    }
    // toExponential() without digits carries exactly the shortest digits.
    let text = number_to_exponential(x, None);
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "+0"));
    let exponent: i32 = exponent.trim_start_matches('+').parse().unwrap_or(0);
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
    (digits, exponent + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_node_en_us_defaults() {
        // node: x.toLocaleString()
        let cases: &[(f64, &str)] = &[
            (1234567.891, "1,234,567.891"),
            (1.0005, "1.001"),
            (1.0015, "1.002"),
            (0.0005, "0.001"),
            (0.00049, "0"),
            (-0.0, "-0"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "∞"),
            (f64::NEG_INFINITY, "-∞"),
            (1e21, "1,000,000,000,000,000,000,000"),
            (123456789012345680000.0, "123,456,789,012,345,680,000"),
            (1.5e-7, "0"),
            (-1234.5678, "-1,234.568"),
            (2.5, "2.5"),
            (0.1 + 0.2, "0.3"),
            (999.9995, "1,000"),
            (5e-324, "0"),
            (-0.0001, "-0"),
            (-0.0005, "-0.001"),
            (123.4565, "123.457"),
            (0.9995, "1"),
            (0.99949, "0.999"),
            (1000000000000000.5, "1,000,000,000,000,000.5"),
            (100.0, "100"),
            (1000.0, "1,000"),
            (999.0, "999"),
        ];
        for &(x, expected) in cases {
            assert_eq!(number_to_locale_string(x), expected, "({x:e}).toLocaleString()");
        }
        let huge = number_to_locale_string(1e300);
        assert_eq!(huge.len(), 301 + 100);
        assert!(huge.starts_with("1,000,000"));
    }
}
