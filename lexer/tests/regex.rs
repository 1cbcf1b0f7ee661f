//! Regular expression literals through `rescan_regex`.

mod common;
use common::*;
use modjs_lexer::{Goal, Lexer, RegexParts, Tok};

fn regex(body: &str, flags: &str) -> Tok {
    Tok::Regex(Box::new(RegexParts { body: body.into(), flags: flags.into() }))
}

#[test]
fn bodies_and_flags() {
    assert_eq!(toks("/abc/"), vec![regex("abc", "")]);
    assert_eq!(toks("/a\\/b/gi"), vec![regex("a\\/b", "gi")]);
    assert_eq!(toks("/[/]/"), vec![regex("[/]", "")]);
    assert_eq!(toks("/[\\]/]/u"), vec![regex("[\\]/]", "u")]);
    assert_eq!(toks("/=/g"), vec![regex("=", "g")]);
    assert_eq!(toks("/a/gé"), vec![regex("a", "gé")]);
    // Flags are not validated here.
    assert_eq!(toks("/a/zzz"), vec![regex("a", "zzz")]);
    assert_eq!(
        toks("x = /é/.test(s)"),
        vec![
            ident("x"),
            Tok::Eq,
            regex("é", ""),
            Tok::Dot,
            ident("test"),
            Tok::LParen,
            ident("s"),
            Tok::RParen
        ]
    );
    assert_eq!(
        toks("a / b / c"),
        vec![ident("a"), Tok::Slash, ident("b"), Tok::Slash, ident("c")]
    );
}

#[test]
fn rescan_spans_and_continuation() {
    let src = "x\n/=a]/g.y";
    let mut lexer = Lexer::new(src, Goal::Script);
    lexer.next_token().unwrap();
    let slash = lexer.next_token().unwrap();
    assert_eq!(
        (slash.tok.clone(), slash.start, slash.end, slash.nl_before),
        (Tok::SlashEq, 2, 4, true)
    );
    let re = lexer.rescan_regex(&slash).unwrap();
    assert_eq!(re.tok, regex("=a]", "g"));
    assert_eq!((re.start, re.end, re.nl_before), (2, 8, true));
    assert_eq!(lexer.next_token().unwrap().tok, Tok::Dot);
    assert_eq!(lexer.next_token().unwrap().tok, ident("y"));
}

#[test]
fn unterminated_regexes() {
    for src in [
        "x=/a",
        "x=/a\\",
        "x=/[a/",
        "x=/a\n/",
        "x=/[a\n]/",
        "x=/a\\\n/",
        "x=/a\u{2028}/",
    ] {
        assert_eq!(
            err(src),
            ("Invalid regular expression: missing /".to_string(), 2),
            "{src:?}"
        );
    }
    assert_eq!(
        err("x = /a/\\u0067"),
        ("Invalid regular expression flags".to_string(), 4)
    );
}

#[test]
fn rescan_of_a_non_slash_is_an_error_not_a_panic() {
    let mut lexer = Lexer::new("a", Goal::Script);
    let a = lexer.next_token().unwrap();
    assert!(lexer.rescan_regex(&a).is_err());
    let mut lexer = Lexer::new("a", Goal::Script);
    let a = lexer.next_token().unwrap();
    assert!(lexer.rescan_template_continuation(&a).is_err());
}

#[test]
fn rescan_after_a_look_ahead_that_failed() {
    let mut lexer = Lexer::new("x = /'/g", Goal::Script);
    lexer.next_token().unwrap();
    lexer.next_token().unwrap();
    let slash = lexer.next_token().unwrap();
    assert!(lexer.next_token().is_err());
    assert_eq!(lexer.rescan_regex(&slash).unwrap().tok, regex("'", "g"));
    assert_eq!(lexer.next_token().unwrap().tok, Tok::Eof);
}
