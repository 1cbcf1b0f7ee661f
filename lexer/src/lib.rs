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

mod chars;
mod messages;
pub mod position;
mod raw;
mod scan;
mod token;

use logos::Logos;

use messages::INVALID_OR_UNEXPECTED_TOKEN;
use raw::Raw;
use scan::templates::ChunkEnd;

pub use position::LineIndex;
pub use token::{JsStr, LexError, Name, TemplatePart, Tok, Token};

/// The goal symbol the source is lexed for. HTML-like comments exist only in scripts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Goal {
    Script,
    Module,
}

/// The raw lexer: one token at a time, skipping whitespace and comments.
pub struct Lexer<'src> {
    src: &'src str,
    goal: Goal,
    /// Byte offset where scanning continues.
    pos: usize,
    /// True until the first token has been returned (a `-->` there starts a comment).
    at_start: bool,
    /// The first error; once set, every call returns it again.
    error: Option<LexError>,
}

impl<'src> Lexer<'src> {
    pub fn new(src: &'src str, goal: Goal) -> Self {
        let pos = scan::comments::skip_hashbang_comment(src);
        Lexer { src, goal, pos, at_start: true, error: None }
    }

    /// The next token. A `/` or `/=` is returned as [`Tok::Slash`]/[`Tok::SlashEq`]; a `}` as
    /// [`Tok::RBrace`]. At the end of the input: [`Tok::Eof`] (repeatedly).
    pub fn next_token(&mut self) -> Result<Token, LexError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let result = self.scan_token();
        self.record(result)
    }

    /// Re-lex the `/` or `/=` token just returned as a regular-expression literal, continuing
    /// after it.
    pub fn rescan_regex(&mut self, slash: &Token) -> Result<Token, LexError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let result = if matches!(slash.tok, Tok::Slash | Tok::SlashEq)
            && self.src.as_bytes().get(slash.start) == Some(&b'/')
        {
            scan::regex::scan_regular_expression(self.src, slash.start).map(|(body, flags, end)| {
                self.pos = end;
                let tok = Tok::Regex { body: body.into(), flags: flags.into() };
                Token { tok, start: slash.start, end, nl_before: slash.nl_before }
            })
        } else {
            Err(LexError { message: INVALID_OR_UNEXPECTED_TOKEN.into(), pos: slash.start })
        };
        self.record(result)
    }

    /// Re-lex the `}` token just returned as the start of a template continuation
    /// ([`Tok::TemplateMiddle`] or [`Tok::TemplateTail`]).
    pub fn rescan_template_continuation(&mut self, rbrace: &Token) -> Result<Token, LexError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let result = if rbrace.tok == Tok::RBrace
            && self.src.as_bytes().get(rbrace.start) == Some(&b'}')
        {
            scan::templates::scan_template_characters(self.src, rbrace.start + 1).map(
                |(part, end, how)| {
                    self.pos = end;
                    let tok = match how {
                        ChunkEnd::Backtick => Tok::TemplateTail(part),
                        ChunkEnd::Substitution => Tok::TemplateMiddle(part),
                    };
                    Token { tok, start: rbrace.start, end, nl_before: rbrace.nl_before }
                },
            )
        } else {
            Err(LexError { message: INVALID_OR_UNEXPECTED_TOKEN.into(), pos: rbrace.start })
        };
        self.record(result)
    }

    /// Remembers an error (the lexer stays at it) and that a token has been produced.
    fn record(&mut self, result: Result<Token, LexError>) -> Result<Token, LexError> {
        match &result {
            Ok(_) => self.at_start = false,
            Err(e) => self.error = Some(e.clone()),
        }
        result
    }

    /// Skips whitespace and comments, then scans one token.
    fn scan_token(&mut self) -> Result<Token, LexError> {
        let src = self.src;
        let mut nl_before = false;
        loop {
            let base = self.pos;
            let mut raw_lexer = Raw::lexer(&src[base..]);
            let next = raw_lexer.next();
            nl_before |= raw_lexer.extras;
            let span = raw_lexer.span();
            let start = base + span.start;
            let end = base + span.end;
            let token = |tok: Tok, end: usize| Token { tok, start, end, nl_before };
            let raw = match next {
                None => {
                    self.pos = src.len();
                    return Ok(Token { tok: Tok::Eof, start: src.len(), end: src.len(), nl_before });
                }
                Some(Ok(raw)) => raw,
                // A character the fast scanner does not know: a non-ASCII IdentifierStart or
                // an error.
                Some(Err(())) => {
                    if scan::identifiers::starts_identifier(src, start) {
                        let (name, end) = scan::identifiers::scan_identifier_name(src, start)?;
                        self.pos = end;
                        return Ok(token(Tok::Ident(name), end));
                    }
                    return Err(LexError { message: INVALID_OR_UNEXPECTED_TOKEN.into(), pos: start });
                }
            };
            let (tok, end) = match raw {
                Raw::AsciiName if !continues_identifier(src, end) => {
                    (Tok::Ident(Name { name: src[start..end].into(), escaped: false }), end)
                }
                Raw::AsciiName | Raw::Backslash => self.scan_slow_identifier(start)?,
                Raw::NumberStart => scan::numbers::scan_numeric_literal(src, start)?,
                Raw::StringStart => scan::strings::scan_string_literal(src, start)?,
                Raw::TemplateStart => {
                    let (part, end, how) = scan::templates::scan_template_characters(src, end)?;
                    let tok = match how {
                        ChunkEnd::Backtick => Tok::NoSubstitutionTemplate(part),
                        ChunkEnd::Substitution => Tok::TemplateHead(part),
                    };
                    (tok, end)
                }
                Raw::Hash => {
                    let (name, end) = scan::identifiers::scan_private_identifier(src, start)?;
                    (Tok::PrivateName(name), end)
                }
                Raw::BlockCommentStart => {
                    let (end, has_line_terminator) =
                        scan::comments::skip_multi_line_comment(src, start)?;
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
                Raw::HtmlCloseComment
                    if self.goal == Goal::Script && (nl_before || self.at_start) =>
                {
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
                fixed => match fixed.fixed_tok() {
                    // A reserved word that goes on with `\` or a non-ASCII character is a
                    // longer identifier.
                    Some(_) if src.as_bytes()[start].is_ascii_alphabetic()
                        && continues_identifier(src, end) =>
                    {
                        self.scan_slow_identifier(start)?
                    }
                    Some(tok) => (tok, end),
                    None => {
                        return Err(LexError {
                            message: INVALID_OR_UNEXPECTED_TOKEN.into(),
                            pos: start,
                        })
                    }
                },
            };
            self.pos = end;
            return Ok(token(tok, end));
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

/// True when the ASCII word ending at `end` goes on with a `\` or a non-ASCII character (which
/// the fast scanner leaves to the slow path).
#[inline]
fn continues_identifier(src: &str, end: usize) -> bool {
    src.as_bytes().get(end).is_some_and(|&b| b == b'\\' || b >= 0x80)
}

/// The error an untagged template reports when its cooked value is `None` (see
/// [`TemplatePart::cooked`]): V8's message and the position of the first escape that is not
/// allowed in templates, or `None` when the token has no such escape.
pub fn template_escape_error(src: &str, token: &Token) -> Option<LexError> {
    scan::templates::template_escape_error(src, token)
}
