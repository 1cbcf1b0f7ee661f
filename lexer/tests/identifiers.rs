//! IdentifierName, reserved words, escapes and PrivateIdentifier.

mod common;
use common::*;
use modjs_lexer::{Name, Tok};

#[test]
fn ascii_identifiers() {
    assert_eq!(
        toks("a _b $c d1 $ _ a$_9"),
        ["a", "_b", "$c", "d1", "$", "_", "a$_9"].map(ident)
    );
}

#[test]
fn every_reserved_word_is_its_keyword() {
    let words = [
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
    ];
    for w in words {
        let kw = Tok::keyword(w).unwrap();
        assert_eq!(one(w), kw, "{w}");
        // A longer word is an identifier.
        assert_eq!(one(&format!("{w}x")), ident(&format!("{w}x")));
        assert_eq!(one(&format!("{w}é")), ident(&format!("{w}é")));
        assert_eq!(one(&format!("{w}\\u0061")), escaped_ident(&format!("{w}a")));
        assert_eq!(one(&format!("_{w}")), ident(&format!("_{w}")));
    }
}

#[test]
fn contextual_words_are_identifiers() {
    for w in [
        "let",
        "static",
        "yield",
        "await",
        "async",
        "of",
        "get",
        "set",
        "as",
        "from",
        "target",
        "meta",
        "implements",
        "interface",
        "package",
        "private",
        "protected",
        "public",
        "arguments",
        "eval",
        "undefined",
        "accessor",
    ] {
        assert_eq!(one(w), ident(w));
    }
}

#[test]
fn non_ascii_identifiers() {
    assert_eq!(one("école"), ident("école"));
    assert_eq!(one("café"), ident("café"));
    assert_eq!(one("π"), ident("π"));
    assert_eq!(one("日本語"), ident("日本語"));
    assert_eq!(one("℮"), ident("℮")); // Other_ID_Start
    assert_eq!(one("a\u{200C}b\u{200D}"), ident("a\u{200C}b\u{200D}"));
    assert_eq!(one("a\u{0301}"), ident("a\u{0301}")); // a combining mark continues
    assert_eq!(one("𐀀"), ident("𐀀")); // outside the BMP
                                      // ZWNJ cannot start a name.
    assert_eq!(
        err("\u{200C}a"),
        ("Invalid or unexpected token".to_string(), 0)
    );
    assert_eq!(
        err("\u{0301}"),
        ("Invalid or unexpected token".to_string(), 0)
    );
    assert_eq!(err("x ¬"), ("Invalid or unexpected token".to_string(), 2));
}

#[test]
fn escaped_identifiers_are_cooked() {
    assert_eq!(one(r"\u0061"), escaped_ident("a"));
    assert_eq!(one(r"\u{61}bc"), escaped_ident("abc"));
    assert_eq!(one(r"a\u0062c"), escaped_ident("abc"));
    assert_eq!(one(r"\u00e9t\u00E9"), escaped_ident("été"));
    assert_eq!(one(r"\u{1d4d0}"), escaped_ident("𝓐"));
    assert_eq!(one(r"a\u200c"), escaped_ident("a\u{200C}"));
    // An escaped reserved word stays an identifier, marked as escaped.
    assert_eq!(one(r"\u0069f"), escaped_ident("if"));
    assert_eq!(one(r"n\u0065w"), escaped_ident("new"));
    let ts = lex(r"x \u{76}ar").unwrap();
    assert_eq!((ts[1].start, ts[1].end), (2, 10));
}

#[test]
fn invalid_identifier_escapes() {
    let cases: &[(&str, &str, usize)] = &[
        (r"\u0030", "Invalid or unexpected token", 0),
        (r"a\u0020", "Invalid or unexpected token", 0),
        (r"\u{2F}", "Invalid or unexpected token", 0),
        (r"x\u0021", "Invalid or unexpected token", 0),
        (r"\u200c", "Invalid or unexpected token", 0),
        (r"\uD800", "Invalid or unexpected token", 0),
        (r"a\u0", "Invalid Unicode escape sequence", 4),
        (r"a\u{", "Invalid Unicode escape sequence", 4),
        (r"a\u{61", "Invalid Unicode escape sequence", 6),
        (r"a\x41", "Invalid or unexpected token", 0),
        (r"\", "Invalid or unexpected token", 0),
        (r"a\u{110000}", "Undefined Unicode code-point", 1),
    ];
    for &(src, message, pos) in cases {
        assert_eq!(err(src), (message.to_string(), pos), "{src}");
    }
}

#[test]
fn private_names() {
    let private = |s: &str, escaped| {
        Tok::PrivateName(Name {
            name: s.into(),
            escaped,
        })
    };
    assert_eq!(
        toks("this.#x"),
        vec![Tok::This, Tok::Dot, private("x", false)]
    );
    assert_eq!(one("#if"), private("if", false));
    assert_eq!(one("#é"), private("é", false));
    assert_eq!(one(r"#\u0061b"), private("ab", true));
    let ts = lex("a #bc").unwrap();
    assert_eq!((ts[1].start, ts[1].end), (2, 5));
    assert_eq!(err("#1"), ("Invalid or unexpected token".to_string(), 0));
    assert_eq!(err("# a"), ("Invalid or unexpected token".to_string(), 0));
    assert_eq!(err("#"), ("Invalid or unexpected token".to_string(), 0));
}
