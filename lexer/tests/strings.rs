//! StringLiteral: escapes, line continuations, legacy octal escapes, UTF-16 values, errors.

mod common;
use common::*;
use modjs_lexer::{JsStr, Tok};

fn value(src: &str) -> (Vec<u16>, bool) {
    match one(src) {
        Tok::Str {
            value,
            legacy_octal_escape,
        } => (value.units().to_vec(), legacy_octal_escape),
        other => panic!("{src:?} lexed as {other:?}"),
    }
}

fn units(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

#[test]
fn plain_strings_in_both_quotes() {
    assert_eq!(one("'abc'"), str_tok("abc"));
    assert_eq!(one("\"abc\""), str_tok("abc"));
    assert_eq!(one("''"), str_tok(""));
    assert_eq!(one("'a\"b'"), str_tok("a\"b"));
    assert_eq!(one("\"a'b\""), str_tok("a'b"));
    assert_eq!(one("'héllo 😀'"), str_tok("héllo 😀"));
    // U+2028 and U+2029 may appear raw in strings (ES2019).
    assert_eq!(one("'a\u{2028}b\u{2029}'"), str_tok("a\u{2028}b\u{2029}"));
}

#[test]
fn single_character_escapes() {
    assert_eq!(
        value(r#"'\b\t\n\v\f\r\'\"\\'"#).0,
        units("\u{8}\t\n\u{b}\u{c}\r'\"\\")
    );
    // Any other character escapes to itself.
    assert_eq!(value(r"'\a\q\é\😀\$'").0, units("aqé😀$"));
    assert_eq!(value(r"'\0'"), (vec![0], false));
    assert_eq!(value(r"'a\0b'"), (vec![97, 0, 98], false));
}

#[test]
fn hex_and_unicode_escapes() {
    assert_eq!(value(r"'\x41\x7e\xFF'").0, vec![0x41, 0x7e, 0xff]);
    assert_eq!(value(r"'\u0041\u00e9'").0, units("Aé"));
    assert_eq!(
        value(r"'\u{41}\u{1F600}\u{0000000000061}'").0,
        units("A😀a")
    );
    assert_eq!(value(r"'\u{10FFFF}'").0, vec![0xDBFF, 0xDFFF]);
    // Lone surrogates are kept as code units.
    assert_eq!(value(r"'\uD800'").0, vec![0xD800]);
    assert_eq!(value(r"'\uD83D\uDE00'").0, units("😀"));
    assert_eq!(value(r"'\u{D800}x'").0, vec![0xD800, 0x78]);
}

#[test]
fn line_continuations_contribute_nothing() {
    assert_eq!(value("'a\\\nb'").0, units("ab"));
    assert_eq!(value("'a\\\rb'").0, units("ab"));
    assert_eq!(value("'a\\\r\nb'").0, units("ab"));
    assert_eq!(value("'a\\\u{2028}b'").0, units("ab"));
    assert_eq!(value("'a\\\u{2029}b'").0, units("ab"));
}

#[test]
fn legacy_octal_escapes() {
    assert_eq!(value(r"'\1'"), (vec![1], true));
    assert_eq!(value(r"'\7'"), (vec![7], true));
    assert_eq!(value(r"'\12'"), (vec![0o12], true));
    assert_eq!(value(r"'\123'"), (vec![0o123], true));
    assert_eq!(value(r"'\377'"), (vec![0o377], true));
    // At most 0o377: `\400` is `\40` then `0`.
    assert_eq!(value(r"'\400'"), (vec![0o40, u16::from(b'0')], true));
    assert_eq!(value(r"'\1234'"), (vec![0o123, u16::from(b'4')], true));
    assert_eq!(value(r"'\01'"), (vec![1], true));
    assert_eq!(value(r"'\08'"), (vec![0, u16::from(b'8')], true));
    assert_eq!(value(r"'\8'"), (vec![u16::from(b'8')], true));
    assert_eq!(value(r"'\9'"), (vec![u16::from(b'9')], true));
}

#[test]
fn escape_errors() {
    let cases: &[(&str, &str, usize)] = &[
        (r"'\x4'", "Invalid hexadecimal escape sequence", 1),
        (r"'\xg0'", "Invalid hexadecimal escape sequence", 1),
        (r"'\x'", "Invalid hexadecimal escape sequence", 1),
        (r"'\u12'", "Invalid Unicode escape sequence", 5),
        (r"'\ug'", "Invalid Unicode escape sequence", 3),
        (r"'\u{}'", "Invalid Unicode escape sequence", 4),
        (r"'\u{g}'", "Invalid Unicode escape sequence", 4),
        (r"'\u{1234'", "Invalid Unicode escape sequence", 8),
        (r"'\u{110000}'", "Undefined Unicode code-point", 1),
        (r"'\u{110000'", "Undefined Unicode code-point", 1),
        (
            r"'\u{FFFFFFFFFFFFFFFFFFFF}'",
            "Undefined Unicode code-point",
            1,
        ),
    ];
    for &(src, message, pos) in cases {
        assert_eq!(err(src), (message.to_string(), pos), "{src}");
    }
}

#[test]
fn unterminated_strings() {
    for src in [
        "'abc",
        "\"abc",
        "'ab\nc'",
        "'ab\rc'",
        "'abc\\",
        "'",
        "x = 'a\\'",
    ] {
        let start = src.find(['\'', '"']).unwrap();
        assert_eq!(
            err(src),
            ("Invalid or unexpected token".to_string(), start),
            "{src:?}"
        );
    }
}

#[test]
fn spans() {
    let ts = lex("x = 'a\\nb' + \"c\"").unwrap();
    assert_eq!((ts[2].start, ts[2].end), (4, 10));
    assert_eq!((ts[4].start, ts[4].end), (13, 16));
    assert_eq!(
        ts[4].tok,
        Tok::Str {
            value: JsStr::from_str("c"),
            legacy_octal_escape: false
        }
    );
}
