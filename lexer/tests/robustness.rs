//! No input makes the lexer panic or loop: prefixes of real code, random byte soup, NUL bytes,
//! calls after an error, and rescans at arbitrary tokens.

use modjs_lexer::{Goal, Lexer, Tok};

const SAMPLE: &str = r#"#!/usr/bin/env node
import { a as b } from './x.mjs'; export default class C extends D { #p = 1; static m() { return this.#p?.q ?? 0x1_0n; } }
const s = 'it\'s \x41\u{1F600}\
continued', t = `a${b + `n${c}`}d\u{`, r = /[/\]]+/giu.test(s) / 2;
label: for (let i = 0; i < 10; i++) { if (i % 2) continue label; else break; }
/* multi
line */ --> html close
<!-- html open
a = 08.5e-3 + 017 + .5e+1 + 1_000_000 - 0b1010 * 0o777 ** 2 >>> 1;
x?.[y]?.(z) ?.5 : 6; é\u0065 = "\0\08\377\8";
"#;

/// Drives the lexer like the adapter would, with rescans wherever they are allowed.
fn drive(src: &str, goal: Goal) {
    let mut lexer = Lexer::new(src, goal);
    let mut steps = 0;
    loop {
        steps += 1;
        assert!(steps < 4 * src.len() + 10, "no progress on {src:?}");
        let t = match lexer.next_token() {
            Ok(t) => t,
            Err(e) => {
                assert!(e.pos <= src.len());
                // Further calls must not panic.
                let _ = lexer.next_token();
                let _ = lexer.next_token();
                return;
            }
        };
        assert!(
            t.start <= t.end && t.end <= src.len(),
            "bad span {t:?} in {src:?}"
        );
        assert!(src.is_char_boundary(t.start) && src.is_char_boundary(t.end));
        match t.tok {
            Tok::Eof => return,
            Tok::Slash | Tok::SlashEq if steps % 2 == 0 => {
                if lexer.rescan_regex(&t).is_err() {
                    let _ = lexer.next_token();
                    return;
                }
            }
            Tok::RBrace if steps % 3 == 0 => {
                if lexer.rescan_template_continuation(&t).is_err() {
                    let _ = lexer.next_token();
                    return;
                }
            }
            _ => {}
        }
    }
}

#[test]
fn every_prefix_and_suffix_of_a_sample() {
    for (i, _) in SAMPLE.char_indices() {
        for goal in [Goal::Script, Goal::Module] {
            drive(&SAMPLE[..i], goal);
            drive(&SAMPLE[i..], goal);
        }
    }
}

#[test]
fn random_soup_never_panics() {
    const PIECES: &[&str] = &[
        "a", "é", "0", "1", "9", "x", "n", "e", "_", ".", "/", "*", "\\", "u", "{", "}", "`", "$",
        "'", "\"", "\n", "\r", "\u{2028}", " ", "\0", "#", "!", "<", "-", ">", "?", "[", "]", "(",
        ")", "=", "😀", "\u{FEFF}", "\u{200C}", "b", "o", "8", "7", "D800", "\u{0301}",
    ];
    let mut state: u64 = 0x2545F4914F6CDD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let src: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        drive(&src, Goal::Script);
        drive(&src, Goal::Module);
    }
}

#[test]
fn errors_repeat_instead_of_panicking() {
    let mut lexer = Lexer::new("'abc", Goal::Script);
    let first = lexer.next_token().unwrap_err();
    assert_eq!(lexer.next_token().unwrap_err(), first);
    let fake = modjs_lexer::Token {
        tok: Tok::Slash,
        start: 99,
        end: 100,
        nl_before: false,
    };
    assert!(lexer.rescan_regex(&fake).is_err());
    let mut lexer = Lexer::new("", Goal::Script);
    assert!(lexer.rescan_regex(&fake).is_err());
    assert!(lexer.rescan_template_continuation(&fake).is_err());
}

#[test]
fn nul_bytes() {
    let mut lexer = Lexer::new("a\0b", Goal::Script);
    assert!(lexer.next_token().is_ok());
    let e = lexer.next_token().unwrap_err();
    assert_eq!(
        (e.message.as_str(), e.pos),
        ("Invalid or unexpected token", 1)
    );
    // Inside strings and templates a NUL is an ordinary character.
    let mut lexer = Lexer::new("'\0'`\0`", Goal::Script);
    assert!(matches!(lexer.next_token().unwrap().tok, Tok::Str { .. }));
    assert!(matches!(
        lexer.next_token().unwrap().tok,
        Tok::NoSubstitutionTemplate(_)
    ));
}

#[test]
fn arbitrary_unicode_never_panics() {
    let mut state: u64 = 0x9E3779B97F4A7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..5_000 {
        let len = (next() % 16) as usize;
        let src: String = (0..len)
            .map(|_| {
                let r = next();
                // Mostly ASCII, sometimes any scalar value.
                let cp = if r % 3 == 0 {
                    (r >> 8) % 0x11_0000
                } else {
                    (r >> 8) % 0x80
                };
                char::from_u32(cp as u32).unwrap_or('\u{FFFD}')
            })
            .collect();
        drive(&src, Goal::Script);
        drive(&src, Goal::Module);
    }
}
