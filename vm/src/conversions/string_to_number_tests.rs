//! Expected values are what Node v20 (`node -e`) computes for the same strings.

use super::*;

fn u(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// Same value, telling -0 from +0 and treating NaN as equal to itself.
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn string_to_number_accepts_exactly_string_numeric_literals() {
    let nan = f64::NAN;
    let cases: &[(&str, f64)] = &[
        ("", 0.0),
        ("   ", 0.0),
        ("42", 42.0),
        ("  -12.5e3\n", -12500.0),
        ("+.5", 0.5),
        ("5.", 5.0),
        ("5.e1", 50.0),
        (".", nan),
        ("-", nan),
        ("e5", nan),
        ("1e", nan),
        ("1_000", nan),
        ("0x1F", 31.0),
        ("0X1f", 31.0),
        ("0o17", 15.0),
        ("0b101", 5.0),
        ("-0x10", nan),
        ("0x", nan),
        ("0b2", nan),
        ("Infinity", f64::INFINITY),
        ("-Infinity", f64::NEG_INFINITY),
        ("infinity", nan),
        ("Inf", nan),
        ("NaN", nan),
        ("-0", -0.0),
        ("00012", 12.0),
        ("1e1000", f64::INFINITY),
        ("1e-1000", 0.0),
        ("\u{a0}\u{feff}\u{2028}\u{3000}7\u{2029}\u{1680}", 7.0),
        ("\u{180e}7", nan), // U+180E is no longer a space separator
        ("\u{200b}7", nan), // nor is ZERO WIDTH SPACE
        ("１", nan),        // full-width digits are not decimal digits
        ("0.1e-6", 1e-7),
        ("123456789012345678901234567890", 1.2345678901234568e29),
        ("0x20000000000001", 9007199254740992.0),  // tie, rounds to even
        ("0x20000000000003", 9007199254740996.0),  // tie, rounds to even (up)
        ("0x200000000000011", 144115188075855904.0), // above the tie: up
    ];
    for &(text, expected) in cases {
        let got = string_to_number(&u(text));
        assert!(same(got, expected), "Number({text:?}) = {got:e}, expected {expected:e}");
    }
}

#[test]
fn lone_surrogates_and_trailing_garbage_are_nan() {
    assert!(string_to_number(&[0x31, 0xD800]).is_nan());
    assert!(string_to_number(&u("12px")).is_nan());
}

#[test]
fn parse_int_follows_the_spec_and_v8() {
    let nan = f64::NAN;
    let cases: &[(&str, i32, f64)] = &[
        ("42px", 0, 42.0),
        ("  -0x1A", 0, -26.0),
        ("0x1A", 16, 26.0),
        ("0x1A", 10, 0.0),
        ("0b11", 0, 0.0),
        ("11", 2, 3.0),
        ("z", 36, 35.0),
        ("Z", 36, 35.0),
        ("10", 1, nan),
        ("10", 37, nan),
        ("10", -1, nan),
        ("", 0, nan),
        ("-", 0, nan),
        ("0x", 0, nan),
        ("-0", 0, -0.0),
        ("+7", 8, 7.0),
        ("8", 8, nan),
        ("1e3", 0, 1.0),
        ("\u{2003}\t12", 0, 12.0),
        ("12345678901234567890123", 10, 1.2345678901234568e22),
        ("ffffffffffffffffff", 16, 4.722366482869645e21),
        ("zzzzzzzzzzzzzzzzzzzz", 36, 1.3367494538843734e31),
        ("2222222222222222222222222222222222222222", 3, 1.2157665459056929e19),
        ("٣", 10, nan),
    ];
    for &(text, radix, expected) in cases {
        let got = parse_int(&u(text), radix);
        assert!(same(got, expected), "parseInt({text:?}, {radix}) = {got:e}, expected {expected:e}");
    }
}

#[test]
fn parse_float_takes_the_longest_decimal_prefix() {
    let nan = f64::NAN;
    let cases: &[(&str, f64)] = &[
        ("2.75abc", 2.75),
        ("  -.5", -0.5),
        ("-0", -0.0),
        ("1e", 1.0),
        ("1e+", 1.0),
        ("1e+2x", 100.0),
        ("1.e2", 100.0),
        (".e1", nan),
        (".", nan),
        ("", nan),
        ("0x10", 0.0),
        ("Infinityx", f64::INFINITY),
        ("-Infinity", f64::NEG_INFINITY),
        ("+Inf", nan),
        ("1_000", 1.0),
        ("\u{feff}2", 2.0),
    ];
    for &(text, expected) in cases {
        let got = parse_float(&u(text));
        assert!(same(got, expected), "parseFloat({text:?}) = {got:e}, expected {expected:e}");
    }
}

#[test]
fn white_space_set_is_the_spec_one() {
    let spaces = [
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000, 0x2005, 0x200A, 0x2028, 0x2029,
        0x202F, 0x205F, 0x3000, 0xFEFF,
    ];
    for c in spaces {
        assert!(is_str_white_space_char(c), "{c:#x}");
    }
    for c in [0x00, 0x180E, 0x200B, 0x85, 0x1F, 0x41] {
        assert!(!is_str_white_space_char(c), "{c:#x}");
    }
    assert_eq!(trim_str_white_space(&u(" \u{3000}ab c\n")), &u("ab c")[..]);
    assert!(trim_str_white_space(&u(" \t ")).is_empty());
}
