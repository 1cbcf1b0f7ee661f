//! Whitespace, line terminators and `nl_before`, comments (including hashbang and the
//! HTML-like comments of scripts).

mod common;
use common::*;
use modjs_lexer::{Goal, Tok};

/// (token, nl_before) pairs.
fn nl(src: &str, goal: Goal) -> Vec<(Tok, bool)> {
    lex_goal(src, goal)
        .unwrap()
        .into_iter()
        .map(|t| (t.tok, t.nl_before))
        .collect()
}

#[test]
fn whitespace_of_every_kind_is_skipped() {
    let spaces =
        "\t\u{B}\u{C} \u{A0}\u{FEFF}\u{1680}\u{2000}\u{2005}\u{200A}\u{202F}\u{205F}\u{3000}";
    let src = format!("a{spaces}b");
    let ts = lex(&src).unwrap();
    assert_eq!(
        ts.iter().map(|t| t.tok.clone()).collect::<Vec<_>>(),
        vec![ident("a"), ident("b")]
    );
    assert!(!ts[1].nl_before);
    assert_eq!(ts[1].start, src.len() - 1);
}

#[test]
fn nl_before_for_each_line_terminator() {
    for lt in ["\n", "\r", "\r\n", "\u{2028}", "\u{2029}"] {
        let src = format!("a{lt}b c");
        assert_eq!(
            nl(&src, Goal::Script),
            vec![(ident("a"), false), (ident("b"), true), (ident("c"), false)],
            "{lt:?}"
        );
        let first = format!("{lt}a");
        assert_eq!(nl(&first, Goal::Script), vec![(ident("a"), true)]);
    }
    assert_eq!(nl("a", Goal::Script), vec![(ident("a"), false)]);
    let ts = lex("a\r\n  b").unwrap();
    assert_eq!((ts[1].start, ts[1].end), (5, 6));
}

#[test]
fn comments() {
    assert_eq!(
        nl("a // x\nb", Goal::Module),
        vec![(ident("a"), false), (ident("b"), true)]
    );
    assert_eq!(
        nl("a /* x */ b", Goal::Module),
        vec![(ident("a"), false), (ident("b"), false)]
    );
    assert_eq!(
        nl("a /* \n */ b", Goal::Module),
        vec![(ident("a"), false), (ident("b"), true)]
    );
    assert_eq!(
        nl("a /* \u{2028} */ b", Goal::Module),
        vec![(ident("a"), false), (ident("b"), true)]
    );
    assert_eq!(
        nl("a /**/b//", Goal::Module),
        vec![(ident("a"), false), (ident("b"), false)]
    );
    assert_eq!(nl("a /* é */ b /***/ c", Goal::Module).len(), 3);
    // The line terminator after a `//` comment still counts.
    assert_eq!(nl("//x\r\na", Goal::Module), vec![(ident("a"), true)]);
    assert_eq!(nl("//x\u{2028}a", Goal::Module), vec![(ident("a"), true)]);
    assert_eq!(
        err("a /* x"),
        ("Invalid or unexpected token".to_string(), 2)
    );
    assert_eq!(err("/*/"), ("Invalid or unexpected token".to_string(), 0));
}

#[test]
fn eof_after_a_multi_line_comment_has_nl_before() {
    let mut lexer = modjs_lexer::Lexer::new("a /*\n*/", Goal::Module);
    lexer.next_token().unwrap();
    let eof = lexer.next_token().unwrap();
    assert_eq!((eof.tok, eof.nl_before, eof.start), (Tok::Eof, true, 7));
}

#[test]
fn hashbang_only_at_the_start() {
    for goal in [Goal::Script, Goal::Module] {
        assert_eq!(nl("#!/usr/bin/env node\na", goal), vec![(ident("a"), true)]);
        assert_eq!(nl("#!x", goal), vec![]);
    }
    assert_eq!(err(" #!x"), ("Invalid or unexpected token".to_string(), 1));
    assert_eq!(
        err("a\n#!x"),
        ("Invalid or unexpected token".to_string(), 2)
    );
}

#[test]
fn html_open_comment() {
    assert_eq!(
        nl("a <!-- b\nc", Goal::Script),
        vec![(ident("a"), false), (ident("c"), true)]
    );
    assert_eq!(nl("a<!--b", Goal::Script), vec![(ident("a"), false)]);
    // In modules it is `<` `!` `--`.
    assert_eq!(
        module_toks("a <!-- b"),
        vec![ident("a"), Tok::Lt, Tok::Bang, Tok::MinusMinus, ident("b")]
    );
    let ts = lex_goal("a<!--b", Goal::Module).unwrap();
    assert_eq!(
        ts.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>(),
        vec![(0, 1), (1, 2), (2, 3), (3, 5), (5, 6)]
    );
    assert_eq!(
        toks("a <<!-- b"),
        vec![ident("a"), Tok::Shl, Tok::Bang, Tok::MinusMinus, ident("b")]
    );
}

#[test]
fn html_close_comment() {
    // At the start of the input, or of a line (after whitespace and comments).
    assert_eq!(toks("--> a\nb"), vec![ident("b")]);
    assert_eq!(toks("  /* x */ --> a\nb"), vec![ident("b")]);
    assert_eq!(toks("a\n--> b\nc"), vec![ident("a"), ident("c")]);
    assert_eq!(
        toks("a\n  /* x */ /* y */ --> b\nc"),
        vec![ident("a"), ident("c")]
    );
    // A multi-line comment with a line terminator starts a new line.
    assert_eq!(toks("a /*\n*/ --> b\nc"), vec![ident("a"), ident("c")]);
    // Elsewhere it is `--` `>`.
    assert_eq!(
        toks("a --> b"),
        vec![ident("a"), Tok::MinusMinus, Tok::Gt, ident("b")]
    );
    assert_eq!(
        toks("a /* x */ --> b"),
        vec![ident("a"), Tok::MinusMinus, Tok::Gt, ident("b")]
    );
    // Never in modules.
    assert_eq!(
        module_toks("--> a"),
        vec![Tok::MinusMinus, Tok::Gt, ident("a")]
    );
    assert_eq!(
        module_toks("a\n--> b"),
        vec![ident("a"), Tok::MinusMinus, Tok::Gt, ident("b")]
    );
}
