//! NumericLiteral: values (checked bit for bit against Node v20), legacy forms, separators,
//! BigInt and the errors V8 reports.

mod common;
use common::*;
use modjs_lexer::Tok;

/// (literal, the bits of the double Node gives for it)
const VALUES: &[(&str, u64)] = &[
    ("0", 0x0000000000000000),
    ("1", 0x3ff0000000000000),
    ("123", 0x405ec00000000000),
    ("1.", 0x3ff0000000000000),
    (".5", 0x3fe0000000000000),
    ("1.5e3", 0x4097700000000000),
    ("1e-7", 0x3e7ad7f29abcaf48),
    ("1E+2", 0x4059000000000000),
    ("5e-324", 0x0000000000000001),
    ("2e-324", 0x0000000000000000),
    ("1.7976931348623157e308", 0x7fefffffffffffff),
    ("1.7976931348623159e308", 0x7ff0000000000000),
    ("1e400", 0x7ff0000000000000),
    ("0.1", 0x3fb999999999999a),
    ("0.30000000000000004", 0x3fd3333333333334),
    ("9007199254740993", 0x4340000000000000),
    ("123456789012345678901234567890", 0x45f8ee90ff6c373e),
    ("1_000_000", 0x412e848000000000),
    ("1_0.0_1e1_0", 0x42374e6cc9000000),
    ("0x10", 0x4030000000000000),
    ("0XfF", 0x406fe00000000000),
    ("0o17", 0x402e000000000000),
    ("0O777", 0x407ff00000000000),
    ("0b101", 0x4014000000000000),
    ("0B11", 0x4008000000000000),
    ("017", 0x402e000000000000),
    ("0777", 0x407ff00000000000),
    ("08", 0x4020000000000000),
    ("09.5", 0x4023000000000000),
    ("08e1", 0x4054000000000000),
    ("019", 0x4033000000000000),
    ("00", 0x0000000000000000),
    ("0", 0x0000000000000000),
    ("0x1fffffffffffff", 0x433fffffffffffff),
    ("0x1fffffffffffff1", 0x437fffffffffffff),
    ("0x20000000000001", 0x4340000000000000),
    ("0x20000000000003", 0x4340000000000002),
    ("0x20000000000001000000001", 0x4580000000000001),
    ("0x1fffffffffffff8", 0x4380000000000000),
    ("0x1fffffffffffff7ff", 0x43ffffffffffffff),
    ("0xfffffffffffffc00", 0x43f0000000000000),
    ("0xfffffffffffffbff", 0x43efffffffffffff),
    ("0xfffffffffffff800", 0x43efffffffffffff),
    ("0xfffffffffffff801", 0x43efffffffffffff),
    ("07777777777777777777777", 0x4410000000000000),
    ("2.2250738585072011e-308", 0x000fffffffffffff),
    ("4.9406564584124654e-324", 0x0000000000000001),
    ("00017", 0x402e000000000000),
];

fn value_of(src: &str) -> (f64, bool) {
    match one(src) {
        Tok::Num {
            value,
            legacy_octal,
        } => (value, legacy_octal),
        other => panic!("{src:?} lexed as {other:?}"),
    }
}

#[test]
fn values_match_node() {
    for &(src, bits) in VALUES {
        let (value, _) = value_of(src);
        assert_eq!(value.to_bits(), bits, "{src}: got {value:e}");
    }
}

#[test]
fn long_non_decimal_literals_round_like_node() {
    let hex300 = format!("0x{}", "f".repeat(300));
    assert_eq!(value_of(&hex300).0, f64::INFINITY);
    let hex256 = format!("0x{}", "f".repeat(256));
    assert_eq!(value_of(&hex256).0, f64::INFINITY);
    let bin70 = format!("0b{}", "1".repeat(70));
    assert_eq!(value_of(&bin70).0.to_bits(), 0x4450000000000000);
    let oct30 = format!("0o{}", "7".repeat(30));
    assert_eq!(value_of(&oct30).0.to_bits(), 0x4590000000000000);
}

#[test]
fn legacy_octal_flags() {
    assert_eq!(value_of("017"), (15.0, true));
    assert_eq!(value_of("08"), (8.0, true));
    assert_eq!(value_of("09.5"), (9.5, true));
    assert_eq!(value_of("00"), (0.0, true));
    assert_eq!(value_of("0"), (0.0, false));
    assert_eq!(value_of("0.5"), (0.5, false));
    assert_eq!(value_of("0o17"), (15.0, false));
    // A legacy octal integer has no fraction: `017.5` is `017` then `.5`.
    assert_eq!(
        toks("017.5"),
        vec![
            Tok::Num {
                value: 15.0,
                legacy_octal: true
            },
            num(0.5)
        ]
    );
}

#[test]
fn bigint_holds_decimal_digits() {
    let big = |s: &str| Tok::BigInt(s.into());
    assert_eq!(one("0n"), big("0"));
    assert_eq!(one("123n"), big("123"));
    assert_eq!(one("1_000n"), big("1000"));
    assert_eq!(one("0x10n"), big("16"));
    assert_eq!(one("0XFFn"), big("255"));
    assert_eq!(one("0o777n"), big("511"));
    assert_eq!(one("0b1010n"), big("10"));
    assert_eq!(
        one("0xffff_ffff_ffff_ffff_ffffn"),
        big("1208925819614629174706175")
    );
    assert_eq!(one("0x0000000n"), big("0"));
}

#[test]
fn spans_and_neighbours() {
    let ts = lex("a=1.5e3+.5").unwrap();
    assert_eq!((ts[2].start, ts[2].end), (2, 7));
    assert_eq!((ts[4].start, ts[4].end), (8, 10));
    // `1..a` is `1.` then `.`
    assert_eq!(toks("1..a"), vec![num(1.0), Tok::Dot, ident("a")]);
    assert_eq!(toks("1.e5"), vec![num(1e5)]);
    assert_eq!(
        toks("a?.5:b"),
        vec![ident("a"), Tok::Question, num(0.5), Tok::Colon, ident("b")]
    );
    assert_eq!(toks("a?.b"), vec![ident("a"), Tok::QuestionDot, ident("b")]);
    assert_eq!(toks("1 in x"), vec![num(1.0), Tok::In, ident("x")]);
    assert_eq!(toks("1-1"), vec![num(1.0), Tok::Minus, num(1.0)]);
}

#[test]
fn malformed_literals_report_v8_messages() {
    const BAD: &str = "Invalid or unexpected token";
    const AT_END: &str = "Numeric separators are not allowed at the end of numeric literals";
    const DOUBLE: &str = "Only one underscore is allowed as numeric separator";
    const ZERO: &str = "Numeric separator can not be used after leading 0.";
    let cases: &[(&str, &str, usize)] = &[
        ("3in", BAD, 0),
        ("0x", BAD, 0),
        ("0xg", BAD, 0),
        ("0b2", BAD, 0),
        ("0b12", BAD, 0),
        ("0o8", BAD, 0),
        ("0b", BAD, 0),
        ("1e", BAD, 0),
        ("1e+", BAD, 0),
        ("1e_5", BAD, 0),
        ("0x_1", BAD, 0),
        ("1._5", BAD, 0),
        ("1.5n", BAD, 0),
        ("1e5n", BAD, 0),
        (".5n", BAD, 0),
        ("017n", BAD, 0),
        ("08n", BAD, 0),
        ("1n2", BAD, 0),
        ("1n_", BAD, 0),
        ("1na", BAD, 0),
        ("00_1", BAD, 0),
        ("09_1", BAD, 2),
        ("1\\u0061", BAD, 0),
        ("1é", BAD, 0),
        ("x = 1_", AT_END, 6),
        ("1_;", AT_END, 2),
        ("1_.5", AT_END, 2),
        ("1_e5", AT_END, 2),
        (".5_", AT_END, 3),
        ("0x1_", AT_END, 4),
        ("1.5_e1", AT_END, 4),
        ("1__0", DOUBLE, 2),
        ("0x1__0", DOUBLE, 4),
        ("0_1", ZERO, 1),
        ("0_0", ZERO, 1),
    ];
    for &(src, message, pos) in cases {
        assert_eq!(err(src), (message.to_string(), pos), "{src}");
    }
}

#[test]
fn separators_between_digits_are_allowed() {
    assert_eq!(one("1_2_3"), num(123.0));
    assert_eq!(one("0xf_f"), num(255.0));
    assert_eq!(one("0b1_0"), num(2.0));
    assert_eq!(one("0o1_0"), num(8.0));
    assert_eq!(one("1e1_0"), num(1e10));
    assert_eq!(one(".0_1"), num(0.01));
}

#[test]
fn more_forms_checked_against_node() {
    assert_eq!(value_of("08.1_1"), (8.11, true));
    assert_eq!(value_of("09e1_0"), (9e10, true));
    assert_eq!(value_of("0.0_1"), (0.01, false));
    assert_eq!(value_of("0e1"), (0.0, false));
    assert_eq!(value_of("0.e1"), (0.0, false));
    assert_eq!(one("1_0n"), Tok::BigInt("10".into()));
    assert_eq!(one("0b1_1n"), Tok::BigInt("3".into()));
    // `07.5` is `07` then `.5` (a parse error later, not a lexical one).
    assert_eq!(
        toks("07.5"),
        vec![
            Tok::Num {
                value: 7.0,
                legacy_octal: true
            },
            num(0.5)
        ]
    );
    let cases: &[(&str, &str, usize)] = &[
        ("08_1", "Invalid or unexpected token", 2),
        (
            "0_0.1",
            "Numeric separator can not be used after leading 0.",
            1,
        ),
        (
            "0.5_",
            "Numeric separators are not allowed at the end of numeric literals",
            4,
        ),
        (
            "1e1__0",
            "Only one underscore is allowed as numeric separator",
            4,
        ),
        ("0O_1", "Invalid or unexpected token", 0),
        ("09.5n", "Invalid or unexpected token", 0),
        ("00n", "Invalid or unexpected token", 0),
        (".5e", "Invalid or unexpected token", 0),
    ];
    for &(src, message, pos) in cases {
        assert_eq!(err(src), (message.to_string(), pos), "{src}");
    }
}
