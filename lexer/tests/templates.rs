//! Template literals: heads, middles and tails through the rescan API, cooked (TV) and raw
//! (TRV) values, invalid escapes and unterminated templates.

mod common;
use common::*;
use modjs_lexer::{template_escape_error, Goal, Lexer, TemplatePart, Tok};

fn part(cooked: Option<&str>, raw: &str) -> Box<TemplatePart> {
    Box::new(TemplatePart {
        cooked: cooked.map(js),
        raw: js(raw),
    })
}

fn whole(src: &str) -> Box<TemplatePart> {
    match one(src) {
        Tok::NoSubstitutionTemplate(p) => p,
        other => panic!("{src:?} lexed as {other:?}"),
    }
}

#[test]
fn no_substitution_templates() {
    assert_eq!(whole("`abc`"), part(Some("abc"), "abc"));
    assert_eq!(whole("``"), part(Some(""), ""));
    assert_eq!(whole("`$`"), part(Some("$"), "$"));
    assert_eq!(whole("`a$b{c}`"), part(Some("a$b{c}"), "a$b{c}"));
    assert_eq!(whole(r"`\${x}`"), part(Some("${x}"), r"\${x}"));
    assert_eq!(whole(r"`\``"), part(Some("`"), r"\`"));
    assert_eq!(whole("`é😀`"), part(Some("é😀"), "é😀"));
}

#[test]
fn head_middle_tail() {
    let src = "`a${x}b${ {y} }c`";
    let mut lexer = Lexer::new(src, Goal::Module);
    let head = lexer.next_token().unwrap();
    assert_eq!(head.tok, Tok::TemplateHead(part(Some("a"), "a")));
    assert_eq!((head.start, head.end), (0, 4));
    assert_eq!(lexer.next_token().unwrap().tok, ident("x"));
    let rbrace = lexer.next_token().unwrap();
    assert_eq!(rbrace.tok, Tok::RBrace);
    let middle = lexer.rescan_template_continuation(&rbrace).unwrap();
    assert_eq!(middle.tok, Tok::TemplateMiddle(part(Some("b"), "b")));
    assert_eq!((middle.start, middle.end), (5, 9));
    assert_eq!(lexer.next_token().unwrap().tok, Tok::LBrace);
    assert_eq!(lexer.next_token().unwrap().tok, ident("y"));
    assert_eq!(lexer.next_token().unwrap().tok, Tok::RBrace);
    let rbrace = lexer.next_token().unwrap();
    let tail = lexer.rescan_template_continuation(&rbrace).unwrap();
    assert_eq!(tail.tok, Tok::TemplateTail(part(Some("c"), "c")));
    assert_eq!((tail.start, tail.end), (14, 17));
    assert_eq!(lexer.next_token().unwrap().tok, Tok::Eof);
}

#[test]
fn nested_templates() {
    let ts = toks("`a${`b${c}d`}e`");
    assert_eq!(
        ts,
        vec![
            Tok::TemplateHead(part(Some("a"), "a")),
            Tok::TemplateHead(part(Some("b"), "b")),
            ident("c"),
            Tok::TemplateTail(part(Some("d"), "d")),
            Tok::TemplateTail(part(Some("e"), "e")),
        ]
    );
}

#[test]
fn line_terminators_are_normalised() {
    assert_eq!(
        whole("`a\r\nb\rc\nd`"),
        part(Some("a\nb\nc\nd"), "a\nb\nc\nd")
    );
    assert_eq!(
        whole("`a\u{2028}b`"),
        part(Some("a\u{2028}b"), "a\u{2028}b")
    );
    // Line continuations: nothing in TV; in TRV the backslash and the (normalised) terminator.
    assert_eq!(whole("`a\\\r\nb`"), part(Some("ab"), "a\\\nb"));
    assert_eq!(whole("`a\\\rb`"), part(Some("ab"), "a\\\nb"));
    assert_eq!(whole("`a\\\nb`"), part(Some("ab"), "a\\\nb"));
    assert_eq!(whole("`a\\\u{2029}b`"), part(Some("ab"), "a\\\u{2029}b"));
}

#[test]
fn escapes_cook_like_strings() {
    assert_eq!(
        whole(r"`\n\t\x41\u0042\u{43}\0`"),
        part(Some("\n\tABC\0"), r"\n\t\x41\u0042\u{43}\0")
    );
    match one(r"`\uD800`") {
        Tok::NoSubstitutionTemplate(p) => assert_eq!(p.cooked.unwrap().units(), &[0xD800]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_escapes_leave_cooked_undefined() {
    for (src, raw) in [
        (r"`\01`", r"\01"),
        (r"`\1`", r"\1"),
        (r"`\8`", r"\8"),
        (r"`\x`", r"\x"),
        (r"`\xg`", r"\xg"),
        (r"`\u`", r"\u"),
        (r"`\u{`", r"\u{"),
        (r"`\u{110000}`", r"\u{110000}"),
        (r"`\u{12`", r"\u{12"),
        (r"`a\u{g}b`", r"a\u{g}b"),
    ] {
        assert_eq!(whole(src), part(None, raw), "{src}");
    }
    // After `\u{` a `${` still opens a substitution.
    assert_eq!(one_token(r"`\u{${"), Tok::TemplateHead(part(None, r"\u{")));
    // `\` before a backtick escapes it even after an invalid escape.
    assert_eq!(whole(r"`\x\``"), part(None, r"\x\`"));
}

fn one_token(src: &str) -> Tok {
    Lexer::new(src, Goal::Script).next_token().unwrap().tok
}

#[test]
fn untagged_template_error_names_the_escape() {
    let cases: &[(&str, &str, usize)] = &[
        (
            r"`\01`",
            "Octal escape sequences are not allowed in template strings.",
            1,
        ),
        (
            r"`a\1`",
            "Octal escape sequences are not allowed in template strings.",
            2,
        ),
        (
            r"`\8`",
            "\\8 and \\9 are not allowed in template strings.",
            1,
        ),
        (r"`\x`", "Invalid hexadecimal escape sequence", 1),
        (r"`\u{110000}`", "Undefined Unicode code-point", 1),
        (r"`\u{`", "Invalid Unicode escape sequence", 4),
    ];
    for &(src, message, pos) in cases {
        let t = Lexer::new(src, Goal::Script).next_token().unwrap();
        let e = template_escape_error(src, &t).unwrap();
        assert_eq!((e.message.as_str(), e.pos), (message, pos), "{src}");
    }
    let ok = Lexer::new("`\\n`", Goal::Script).next_token().unwrap();
    assert_eq!(template_escape_error("`\\n`", &ok), None);
}

#[test]
fn unterminated_templates() {
    for src in ["`abc", "`abc\\", "`a${b}c", "x = `\n\n", "`\\u{"] {
        assert_eq!(
            err(src),
            ("Unexpected end of input".to_string(), src.len()),
            "{src:?}"
        );
    }
}

#[test]
fn rescan_after_a_look_ahead_that_failed() {
    let src = "`${a}it's`";
    let mut lexer = Lexer::new(src, Goal::Script);
    lexer.next_token().unwrap();
    lexer.next_token().unwrap();
    let rbrace = lexer.next_token().unwrap();
    // Looking ahead lexes `it` and then fails on the quote.
    assert_eq!(lexer.next_token().unwrap().tok, ident("it"));
    assert!(lexer.next_token().is_err());
    let tail = lexer.rescan_template_continuation(&rbrace).unwrap();
    assert_eq!(tail.tok, Tok::TemplateTail(part(Some("it's"), "it's")));
    assert_eq!(lexer.next_token().unwrap().tok, Tok::Eof);
}
