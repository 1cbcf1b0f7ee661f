//! Punctuators (§12.8): every one alone, longest match, and the `?.` lookahead.

mod common;
use common::*;
use modjs_lexer::Tok;

const ALL: &[Tok] = &[
    Tok::LBrace,
    Tok::RBrace,
    Tok::LParen,
    Tok::RParen,
    Tok::LBracket,
    Tok::RBracket,
    Tok::Dot,
    Tok::Ellipsis,
    Tok::Semi,
    Tok::Comma,
    Tok::Lt,
    Tok::Gt,
    Tok::LtEq,
    Tok::GtEq,
    Tok::EqEq,
    Tok::NotEq,
    Tok::EqEqEq,
    Tok::NotEqEq,
    Tok::Plus,
    Tok::Minus,
    Tok::Star,
    Tok::Slash,
    Tok::Percent,
    Tok::StarStar,
    Tok::PlusPlus,
    Tok::MinusMinus,
    Tok::Shl,
    Tok::Shr,
    Tok::UShr,
    Tok::Amp,
    Tok::Pipe,
    Tok::Caret,
    Tok::Bang,
    Tok::Tilde,
    Tok::AmpAmp,
    Tok::PipePipe,
    Tok::QuestionQuestion,
    Tok::Question,
    Tok::QuestionDot,
    Tok::Colon,
    Tok::Eq,
    Tok::PlusEq,
    Tok::MinusEq,
    Tok::StarEq,
    Tok::SlashEq,
    Tok::PercentEq,
    Tok::StarStarEq,
    Tok::ShlEq,
    Tok::ShrEq,
    Tok::UShrEq,
    Tok::AmpEq,
    Tok::PipeEq,
    Tok::CaretEq,
    Tok::AmpAmpEq,
    Tok::PipePipeEq,
    Tok::QuestionQuestionEq,
    Tok::Arrow,
    Tok::At,
];

/// Lexes without regex rescans (a lone `/` stays a punctuator).
fn raw_toks(src: &str) -> Vec<modjs_lexer::Token> {
    let mut lexer = modjs_lexer::Lexer::new(src, modjs_lexer::Goal::Module);
    let mut out = Vec::new();
    loop {
        let t = lexer.next_token().unwrap();
        if t.tok == Tok::Eof {
            return out;
        }
        out.push(t);
    }
}

#[test]
fn each_punctuator_alone_with_its_span() {
    for tok in ALL {
        let text = tok.text();
        let src = format!(" {text} ");
        let ts = raw_toks(&src);
        assert_eq!(ts.len(), 1, "{text}");
        assert_eq!(&ts[0].tok, tok);
        assert_eq!((ts[0].start, ts[0].end), (1, 1 + text.len()), "{text}");
    }
}

#[test]
fn longest_match() {
    let kinds = |src: &str| raw_toks(src).into_iter().map(|t| t.tok).collect::<Vec<_>>();
    assert_eq!(kinds(">>>=>>="), vec![Tok::UShrEq, Tok::ShrEq]);
    assert_eq!(
        kinds("a+++b"),
        vec![ident("a"), Tok::PlusPlus, Tok::Plus, ident("b")]
    );
    assert_eq!(kinds("!===="), vec![Tok::NotEqEq, Tok::EqEq]);
    assert_eq!(kinds("....."), vec![Tok::Ellipsis, Tok::Dot, Tok::Dot]);
    assert_eq!(kinds("**=*"), vec![Tok::StarStarEq, Tok::Star]);
    assert_eq!(
        kinds("??=??"),
        vec![Tok::QuestionQuestionEq, Tok::QuestionQuestion]
    );
    assert_eq!(kinds("&&=||="), vec![Tok::AmpAmpEq, Tok::PipePipeEq]);
    assert_eq!(kinds("=>="), vec![Tok::Arrow, Tok::Eq]);
    assert_eq!(kinds("<<="), vec![Tok::ShlEq]);
    assert_eq!(
        kinds("a?.b"),
        vec![ident("a"), Tok::QuestionDot, ident("b")]
    );
    assert_eq!(
        kinds("a?.[0]"),
        vec![
            ident("a"),
            Tok::QuestionDot,
            Tok::LBracket,
            num(0.0),
            Tok::RBracket
        ]
    );
    // `?.` followed by a decimal digit is a conditional with a number.
    assert_eq!(
        kinds("a?.5:b"),
        vec![ident("a"), Tok::Question, num(0.5), Tok::Colon, ident("b")]
    );
    let ts = raw_toks("x?.1");
    assert_eq!(
        (ts[1].start, ts[1].end, ts[2].start, ts[2].end),
        (1, 2, 2, 4)
    );
    assert_eq!(kinds("@dec class"), vec![Tok::At, ident("dec"), Tok::Class]);
}

#[test]
fn eof_repeats() {
    let mut lexer = modjs_lexer::Lexer::new("a ", modjs_lexer::Goal::Script);
    assert_eq!(lexer.next_token().unwrap().tok, ident("a"));
    for _ in 0..3 {
        let eof = lexer.next_token().unwrap();
        assert_eq!((eof.tok, eof.start, eof.end), (Tok::Eof, 2, 2));
    }
}
