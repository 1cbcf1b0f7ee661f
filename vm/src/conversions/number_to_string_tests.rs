//! Expected strings are what Node v20 (`node -e`) prints for the same values.

// Some literals are the exact values of their doubles, written out in full to show a tie.
#![allow(clippy::excessive_precision)]

use super::*;

#[test]
fn to_string_follows_the_spec_layouts() {
    let cases: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "0"),
        (1.0, "1"),
        (-1.0, "-1"),
        (0.1, "0.1"),
        (-0.1, "-0.1"),
        (123.0, "123"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (123456789012345680000.0, "123456789012345680000"),
        (1e-6, "0.000001"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (1.2345e-6, "0.0000012345"),
        (5e-324, "5e-324"),
        (-5e-324, "-5e-324"),
        (f64::MAX, "1.7976931348623157e+308"),
        (9007199254740992.0, "9007199254740992"),
        (9007199254740994.0, "9007199254740994"),
        (0.1 + 0.2, "0.30000000000000004"),
        (100.0, "100"),
        (1e100, "1e+100"),
        (-1e-100, "-1e-100"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
        (12345.6789, "12345.6789"),
        (4.35, "4.35"),
        (0.5, "0.5"),
        // Exactly halfway between two 17-digit candidates: the even one.
        (-147495269.775390625, "-147495269.77539062"),
        (3656501770019.53125, "3656501770019.5312"),
    ];
    for &(x, expected) in cases {
        assert_eq!(number_to_string(x), expected, "String({x:e})");
    }
}

#[test]
fn radix_strings_match_v8() {
    let cases: &[(f64, u32, &str)] = &[
        (255.0, 16, "ff"),
        (-255.0, 2, "-11111111"),
        (0.5, 2, "0.1"),
        (0.1, 2, "0.0001100110011001100110011001100110011001100110011001101"),
        (0.1, 3, "0.0022002200220022002200220022002201"),
        (1.0 / 3.0, 3, "0.1"),
        (-255.5, 16, "-ff.8"),
        (1e21, 36, "5v1j4f4ds7c000"),
        (
            1152921504606848000.0,
            2,
            "1000000000000000000000000000000000000000000000000010000000000",
        ),
        (123.456, 36, "3f.gez4w97ry"),
        (0.0, 2, "0"),
        (-0.0, 16, "0"),
        (f64::NAN, 2, "NaN"),
        (f64::INFINITY, 16, "Infinity"),
        (f64::NEG_INFINITY, 36, "-Infinity"),
        (35.0, 36, "z"),
        (1e-6, 7, "0.00000005523220033662416625"),
        (10.0, 10, "10"),
    ];
    for &(x, radix, expected) in cases {
        assert_eq!(number_to_string_radix(x, radix), expected, "({x:e}).toString({radix})");
    }
}

#[test]
fn radix_strings_of_extreme_magnitudes() {
    // 2^-1074 in binary: 1073 zeros after the point, then a one.
    let tiny = number_to_string_radix(5e-324, 2);
    assert_eq!(tiny.len(), 2 + 1074);
    assert!(tiny.starts_with("0.000") && tiny.ends_with("01"));
    assert_eq!(tiny.bytes().filter(|&b| b == b'1').count(), 1);
    // Integer digits beyond the double's precision are zeros.
    let big = number_to_string_radix(1e300, 16);
    assert_eq!(big.len(), 250);
    assert!(big.starts_with("17e43c8800759c0000"));
    let max = number_to_string_radix(f64::MAX, 36);
    assert_eq!(max.len(), 199);
    assert!(max.starts_with("1a1e4vngaiqo0000"));
}

#[test]
fn to_fixed_rounds_the_exact_value_half_up() {
    let cases: &[(f64, u32, &str)] = &[
        (1.005, 2, "1.00"),
        (1e21, 2, "1e+21"),
        (-0.0, 2, "0.00"),
        (-1e-7, 2, "-0.00"),
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (999.995, 2, "1000.00"),
        (99.5, 0, "100"),
        (123.456, 10, "123.4560000000"),
        (0.0, 0, "0"),
        (1.45, 1, "1.4"),
        (1e-10, 5, "0.00000"),
        (
            1e-6,
            100,
            "0.0000009999999999999999547481118258862586856139387236908078193664550781250000000000000000000000000000",
        ),
        (-1.5e300, 3, "-1.5e+300"),
        (f64::NAN, 2, "NaN"),
        (f64::NEG_INFINITY, 2, "-Infinity"),
        (1.255, 2, "1.25"),
        (8.345, 2, "8.35"),
        (0.05, 1, "0.1"),
    ];
    for &(x, f, expected) in cases {
        assert_eq!(number_to_fixed(x, f), expected, "({x:e}).toFixed({f})");
    }
}

#[test]
fn to_exponential_with_and_without_digits() {
    let cases: &[(f64, Option<u32>, &str)] = &[
        (123.456, None, "1.23456e+2"),
        (0.0, Some(2), "0.00e+0"),
        (0.0, None, "0e+0"),
        (1.25, Some(1), "1.3e+0"),
        (1.35, Some(1), "1.4e+0"),
        (-1.5e-7, None, "-1.5e-7"),
        (5e-324, Some(3), "4.941e-324"),
        (1e21, Some(0), "1e+21"),
        (999.5, Some(2), "1.00e+3"),
        (9.995, Some(2), "9.99e+0"),
        (f64::MAX, Some(20), "1.79769313486231570815e+308"),
        (
            123456.0,
            Some(100),
            "1.2345600000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000e+5",
        ),
        (f64::NAN, Some(1), "NaN"),
        (f64::INFINITY, None, "Infinity"),
        (-147495269.775390625, None, "-1.4749526977539062e+8"),
    ];
    for &(x, f, expected) in cases {
        assert_eq!(number_to_exponential(x, f), expected, "({x:e}).toExponential({f:?})");
    }
}

#[test]
fn to_precision_switches_to_exponential_notation_like_the_spec() {
    let cases: &[(f64, u32, &str)] = &[
        (123456.0, 2, "1.2e+5"),
        (0.000001234, 2, "0.0000012"),
        (1.234e-7, 2, "1.2e-7"),
        (1e21, 3, "1.00e+21"),
        (0.0, 1, "0"),
        (0.0, 5, "0.0000"),
        (-0.0, 3, "0.00"),
        (123.456, 4, "123.5"),
        (99.99, 3, "100"),
        (99.99, 4, "99.99"),
        (1e-7, 1, "1e-7"),
        (0.00001, 1, "0.00001"),
        (123.0, 3, "123"),
        (123.0, 2, "1.2e+2"),
        (1.45, 2, "1.4"),
        (
            5e-324,
            100,
            "4.940656458412465441765687928682213723650598026143247644255856825006755072702087518652998363616359924e-324",
        ),
        (-1.5, 1, "-2"),
        (f64::INFINITY, 3, "Infinity"),
        (1000000.0, 7, "1000000"),
        (1000000.0, 6, "1.00000e+6"),
    ];
    for &(x, p, expected) in cases {
        assert_eq!(number_to_precision(x, p), expected, "({x:e}).toPrecision({p})");
    }
}

#[test]
fn exact_decimal_expansion_is_exact() {
    // 0.1 is 0.1000000000000000055511151231257827021181583404541015625 exactly.
    let d = exact_decimal(0.1);
    let text: String = d.digits.iter().map(|&c| char::from(b'0' + c)).collect();
    assert_eq!(text, "1000000000000000055511151231257827021181583404541015625");
    assert_eq!(d.point, 0);
    // 2^70 = 1180591620717411303424.
    let d = exact_decimal(2f64.powi(70));
    let text: String = d.digits.iter().map(|&c| char::from(b'0' + c)).collect();
    assert_eq!(text, "1180591620717411303424");
    assert_eq!(d.point, 22);
    // The smallest subnormal has 751 significant digits.
    assert_eq!(exact_decimal(5e-324).digits.len(), 751);
    assert_eq!(exact_decimal(5e-324).point, -323);
}
