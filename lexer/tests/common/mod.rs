#![allow(dead_code)]

use modjs_lexer::{Goal, LexError, Lexer, Tok, Token};

/// All tokens of `src` up to (not including) Eof, or the first error. Like the parser's
/// adapter (simplified), it rescans `/` as a regex where no operand precedes it, and a `}`
/// that closes a template substitution as a template continuation.
pub fn lex_goal(src: &str, goal: Goal) -> Result<Vec<Token>, LexError> {
    let mut lexer = Lexer::new(src, goal);
    let mut out: Vec<Token> = Vec::new();
    // Open braces inside each open template substitution.
    let mut substitutions: Vec<usize> = Vec::new();
    loop {
        let mut t = lexer.next_token()?;
        match &t.tok {
            Tok::Eof => return Ok(out),
            Tok::Slash | Tok::SlashEq if !operand_before(out.last()) => {
                t = lexer.rescan_regex(&t)?;
            }
            Tok::LBrace => {
                if let Some(depth) = substitutions.last_mut() {
                    *depth += 1;
                }
            }
            Tok::RBrace => match substitutions.last_mut() {
                Some(0) => {
                    t = lexer.rescan_template_continuation(&t)?;
                    if matches!(t.tok, Tok::TemplateTail(_)) {
                        substitutions.pop();
                    }
                }
                Some(depth) => *depth -= 1,
                None => {}
            },
            Tok::TemplateHead(_) => substitutions.push(0),
            _ => {}
        }
        out.push(t);
        assert!(
            out.len() <= src.len() + 1,
            "lexer does not advance on {src:?}"
        );
    }
}

fn operand_before(prev: Option<&Token>) -> bool {
    matches!(
        prev.map(|t| &t.tok),
        Some(
            Tok::Ident(_)
                | Tok::PrivateName(_)
                | Tok::Num { .. }
                | Tok::BigInt(_)
                | Tok::Str { .. }
                | Tok::RParen
                | Tok::RBracket
                | Tok::RBrace
                | Tok::This
                | Tok::True
                | Tok::False
                | Tok::Null
                | Tok::Regex(_)
                | Tok::NoSubstitutionTemplate(_)
                | Tok::TemplateTail(_)
        )
    )
}

pub fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    lex_goal(src, Goal::Script)
}

pub fn toks(src: &str) -> Vec<Tok> {
    match lex(src) {
        Ok(ts) => ts.into_iter().map(|t| t.tok).collect(),
        Err(e) => panic!("unexpected error on {src:?}: {e:?}"),
    }
}

pub fn module_toks(src: &str) -> Vec<Tok> {
    match lex_goal(src, Goal::Module) {
        Ok(ts) => ts.into_iter().map(|t| t.tok).collect(),
        Err(e) => panic!("unexpected error on {src:?}: {e:?}"),
    }
}

/// The single token of `src`.
pub fn one(src: &str) -> Tok {
    let mut ts = toks(src);
    assert_eq!(ts.len(), 1, "expected one token in {src:?}, got {ts:?}");
    ts.remove(0)
}

/// The error lexing `src` reports: (message, position).
pub fn err(src: &str) -> (String, usize) {
    match lex(src) {
        Ok(ts) => panic!(
            "expected an error on {src:?}, got {:?}",
            ts.into_iter().map(|t| t.tok).collect::<Vec<_>>()
        ),
        Err(e) => (e.message, e.pos),
    }
}

pub fn ident(s: &str) -> Tok {
    Tok::Ident(modjs_lexer::Name {
        name: s.into(),
        escaped: false,
    })
}

pub fn escaped_ident(s: &str) -> Tok {
    Tok::Ident(modjs_lexer::Name {
        name: s.into(),
        escaped: true,
    })
}

pub fn num(v: f64) -> Tok {
    Tok::Num {
        value: v,
        legacy_octal: false,
    }
}

pub fn js(s: &str) -> modjs_lexer::JsStr {
    modjs_lexer::JsStr::from_str(s)
}

pub fn str_tok(s: &str) -> Tok {
    Tok::Str {
        value: js(s),
        legacy_octal_escape: false,
    }
}
