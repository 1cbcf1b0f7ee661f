//! # modjs-lexer — the lexical grammar of ECMAScript 2024
//!
//! A [logos]-generated scanner for the common tokens plus hand-written scanners for the parts
//! that need context or cooking: string escapes, numeric literals (separators, legacy octal,
//! BigInt), identifiers with `\u` escapes and non-ASCII ID_Start/ID_Continue, template chunks,
//! regular-expression literals, comments (hashbang; HTML-like comments in scripts only) and the
//! line terminators LF, CR, CRLF, U+2028 and U+2029.
//!
//! The lexer never decides between `/` (division) and a regular expression, nor whether a `}`
//! closes a template substitution: the parser's token adapter knows the context and asks for a
//! rescan ([`Lexer::rescan_regex`], [`Lexer::rescan_template_continuation`]).
//!
//! Errors carry V8's message texts and the byte offset V8 reports. After an error the lexer
//! keeps returning it; it never panics, whatever the input. A template chunk whose cooked
//! value is undefined is not an error here (tagged templates allow it):
//! [`template_escape_error`] gives the error an untagged template reports.

mod chars;
mod messages;
pub mod position;
mod raw;
mod scan;
mod token;

use logos::Logos;

use messages::INVALID_OR_UNEXPECTED_TOKEN;
use raw::{match_fixed_tokens, Raw};
use scan::templates::ChunkEnd;

pub use chars::push_code_point;
pub use position::LineIndex;
pub use token::{JsStr, LexError, Name, RegexParts, TemplatePart, Tok, Token};

/// The goal symbol the source is lexed for. HTML-like comments exist only in scripts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Goal {
    Script,
    Module,
}

/// Evaluates a scanner's result; an error is recorded in the lexer and returned.
macro_rules! scan_or_fail {
    ($lexer:expr, $scan:expr) => {
        match $scan {
            Ok(value) => value,
            Err(e) => return Err($lexer.record_error(e)),
        }
    };
}

/// The raw lexer: one token at a time, skipping whitespace and comments.
pub struct Lexer<'src> {
    src: &'src str,
    goal: Goal,
    /// Byte offset where scanning continues.
    pos: usize,
    /// True until the first token is scanned (a `-->` there starts a comment).
    at_start: bool,
    /// The last error; while set, `next_token` returns it again (a rescan clears it).
    error: Option<LexError>,
}

impl<'src> Lexer<'src> {
    /// A lexer at the start of `src`, past a hashbang comment if there is one.
    pub fn new(src: &'src str, goal: Goal) -> Self {
        let pos = scan::comments::skip_hashbang_comment(src);
        Lexer {
            src,
            goal,
            pos,
            at_start: true,
            error: None,
        }
    }

    /// The next token. A `/` or `/=` is returned as [`Tok::Slash`]/[`Tok::SlashEq`]; a `}` as
    /// [`Tok::RBrace`]. At the end of the input: [`Tok::Eof`] (repeatedly).
    pub fn next_token(&mut self) -> Result<Token, LexError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        self.scan_token()
    }

    /// Re-lex the `/` or `/=` token just returned as a regular-expression literal, continuing
    /// after it.
    ///
    /// A rescan starts afresh at the token, so it also works after the adapter looked further
    /// ahead (the tokens it saw are discarded) — even if that look-ahead hit an error.
    pub fn rescan_regex(&mut self, slash: &Token) -> Result<Token, LexError> {
        self.error = None;
        if !matches!(slash.tok, Tok::Slash | Tok::SlashEq)
            || self.src.as_bytes().get(slash.start) != Some(&b'/')
        {
            return Err(self.fail(INVALID_OR_UNEXPECTED_TOKEN, slash.start));
        }
        let (body, flags, end) = scan_or_fail!(
            self,
            scan::regex::scan_regular_expression(self.src, slash.start)
        );
        self.pos = end;
        let tok = Tok::Regex(Box::new(RegexParts { body: body.into(), flags: flags.into() }));
        Ok(Token {
            tok,
            start: slash.start,
            end,
            nl_before: slash.nl_before,
        })
    }

    /// Re-lex the `}` token just returned as the start of a template continuation
    /// ([`Tok::TemplateMiddle`] or [`Tok::TemplateTail`]).
    ///
    /// Like [`Lexer::rescan_regex`], this starts afresh at the token.
    pub fn rescan_template_continuation(&mut self, rbrace: &Token) -> Result<Token, LexError> {
        self.error = None;
        if rbrace.tok != Tok::RBrace || self.src.as_bytes().get(rbrace.start) != Some(&b'}') {
            return Err(self.fail(INVALID_OR_UNEXPECTED_TOKEN, rbrace.start));
        }
        let (part, end, how) = scan_or_fail!(
            self,
            scan::templates::scan_template_characters(self.src, rbrace.start + 1)
        );
        self.pos = end;
        let tok = match how {
            ChunkEnd::Backtick => Tok::TemplateTail(Box::new(part)),
            ChunkEnd::Substitution => Tok::TemplateMiddle(Box::new(part)),
        };
        Ok(Token {
            tok,
            start: rbrace.start,
            end,
            nl_before: rbrace.nl_before,
        })
    }

    /// Records an error: from now on every call returns it.
    #[cold]
    #[inline(never)]
    fn fail(&mut self, message: &str, pos: usize) -> LexError {
        self.record_error(LexError {
            message: message.into(),
            pos,
        })
    }

    #[cold]
    #[inline(never)]
    fn record_error(&mut self, e: LexError) -> LexError {
        self.error = Some(e.clone());
        e
    }

    /// Skips whitespace and comments, then scans one token.
    fn scan_token(&mut self) -> Result<Token, LexError> {
        let src = self.src;
        let at_start = std::mem::replace(&mut self.at_start, false);
        let mut nl_before = false;
        let bytes = src.as_bytes();
        loop {
            // Most tokens follow a space or a newline and indentation: skipping those here
            // saves the generated scanner a dispatch per token.
            let mut base = self.pos;
            while let Some(&b) = bytes.get(base) {
                match b {
                    b' ' | b'\t' => base += 1,
                    b'\n' | b'\r' => {
                        nl_before = true;
                        base += 1;
                    }
                    _ => break,
                }
            }
            // Brackets and separators are whole tokens by themselves (no longer punctuator
            // starts with one of them): they need neither the generated scanner nor its match.
            if let Some(tok) = bytes.get(base).and_then(|&b| single_character_token(b)) {
                self.pos = base + 1;
                return Ok(Token { tok, start: base, end: base + 1, nl_before });
            }
            let mut raw_lexer = Raw::lexer(&src[base..]);
            let next = raw_lexer.next();
            nl_before |= raw_lexer.extras;
            let span = raw_lexer.span();
            let start = base + span.start;
            let end = base + span.end;
            let raw = match next {
                Some(Ok(raw)) => raw,
                None => {
                    self.pos = src.len();
                    return Ok(Token {
                        tok: Tok::Eof,
                        start: src.len(),
                        end: src.len(),
                        nl_before,
                    });
                }
                // A character the fast scanner does not know: a non-ASCII IdentifierStart or
                // an error.
                Some(Err(())) => {
                    if !scan::identifiers::starts_identifier(src, start) {
                        return Err(self.fail(INVALID_OR_UNEXPECTED_TOKEN, start));
                    }
                    let (tok, end) = scan_or_fail!(self, self.scan_slow_identifier(start));
                    self.pos = end;
                    return Ok(Token {
                        tok,
                        start,
                        end,
                        nl_before,
                    });
                }
            };
            let (tok, end) = match_fixed_tokens!(raw, self.pos, start, end, nl_before, {
                // The common cases return at once, which spares a copy of the token.
                Raw::AsciiName if !continues_identifier(src, end) => {
                    self.pos = end;
                    let name = Name { name: src[start..end].into(), escaped: false };
                    return Ok(Token { tok: Tok::Ident(name), start, end, nl_before });
                }
                Raw::AsciiName | Raw::Backslash => {
                    scan_or_fail!(self, self.scan_slow_identifier(start))
                }
                Raw::NumberStart => {
                    if let Some((value, end)) = scan::numbers::scan_short_integer(bytes, start) {
                        self.pos = end;
                        let tok = Tok::Num { value, legacy_octal: false };
                        return Ok(Token { tok, start, end, nl_before });
                    }
                    scan_or_fail!(self, scan::numbers::scan_numeric_literal(src, start))
                }
                Raw::StringStart => {
                    scan_or_fail!(self, scan::strings::scan_string_literal(src, start))
                }
                Raw::TemplateStart => {
                    let (part, end, how) =
                        scan_or_fail!(self, scan::templates::scan_template_characters(src, end));
                    let tok = match how {
                        ChunkEnd::Backtick => Tok::NoSubstitutionTemplate(Box::new(part)),
                        ChunkEnd::Substitution => Tok::TemplateHead(Box::new(part)),
                    };
                    (tok, end)
                }
                Raw::Hash => {
                    let (name, end) =
                        scan_or_fail!(self, scan::identifiers::scan_private_identifier(src, start));
                    (Tok::PrivateName(name), end)
                }
                Raw::BlockCommentStart => {
                    let (end, has_line_terminator) =
                        scan_or_fail!(self, scan::comments::skip_multi_line_comment(src, start));
                    nl_before |= has_line_terminator;
                    self.pos = end;
                    continue;
                }
                // §B.1.1 SingleLineHTMLOpenComment (scripts only).
                Raw::HtmlOpenComment if self.goal == Goal::Script => {
                    self.pos = scan::comments::skip_single_line_comment(src, start);
                    continue;
                }
                Raw::HtmlOpenComment => (Tok::Lt, start + 1),
                // §B.1.1 SingleLineHTMLCloseComment: only at the start of a line (after
                // whitespace and comments) or of the input, and only in scripts.
                Raw::HtmlCloseComment if self.goal == Goal::Script && (nl_before || at_start) => {
                    self.pos = scan::comments::skip_single_line_comment(src, start);
                    continue;
                }
                Raw::HtmlCloseComment => (Tok::MinusMinus, start + 2),
                // `?.` followed by a decimal digit is `?` and a number (`a?.5:b`).
                Raw::QuestionDot if src.as_bytes().get(end).is_some_and(u8::is_ascii_digit) => {
                    (Tok::Question, start + 1)
                }
                Raw::LineTerminator => {
                    // Skipped by its callback; never returned.
                    self.pos = end;
                    continue;
                }
                // A reserved word that goes on with `\\` or a non-ASCII character is a longer
                // identifier.
                word if word.is_reserved_word() && continues_identifier(src, end) => {
                    scan_or_fail!(self, self.scan_slow_identifier(start))
                }
            });
            self.pos = end;
            return Ok(Token {
                tok,
                start,
                end,
                nl_before,
            });
        }
    }

    /// An IdentifierName with escapes or non-ASCII characters. An escaped reserved word stays
    /// an identifier (with `escaped: true`); an unescaped one is its keyword token.
    fn scan_slow_identifier(&self, start: usize) -> Result<(Tok, usize), LexError> {
        let (name, end) = scan::identifiers::scan_identifier_name(self.src, start)?;
        if !name.escaped {
            if let Some(keyword) = Tok::keyword(&name.name) {
                return Ok((keyword, end));
            }
        }
        Ok((Tok::Ident(name), end))
    }
}

/// The token of a character that is a complete punctuator on its own whatever follows it.
#[inline(always)]
fn single_character_token(b: u8) -> Option<Tok> {
    Some(match b {
        b'(' => Tok::LParen,
        b')' => Tok::RParen,
        b'{' => Tok::LBrace,
        b'}' => Tok::RBrace,
        b'[' => Tok::LBracket,
        b']' => Tok::RBracket,
        b';' => Tok::Semi,
        b',' => Tok::Comma,
        b':' => Tok::Colon,
        b'~' => Tok::Tilde,
        _ => return None,
    })
}

/// True when the ASCII word ending at `end` goes on with a `\` or a non-ASCII character (which
/// the fast scanner leaves to the slow path).
#[inline]
fn continues_identifier(src: &str, end: usize) -> bool {
    src.as_bytes()
        .get(end)
        .is_some_and(|&b| b == b'\\' || b >= 0x80)
}

/// The error an untagged template reports when its cooked value is `None` (see
/// [`TemplatePart::cooked`]): V8's message and the position of the first escape that is not
/// allowed in templates, or `None` when the token has no such escape.
pub fn template_escape_error(src: &str, token: &Token) -> Option<LexError> {
    scan::templates::template_escape_error(src, token)
}
