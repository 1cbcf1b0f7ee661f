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

mod token;
pub mod position;

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
    _src: &'src str,
}

impl<'src> Lexer<'src> {
    pub fn new(src: &'src str, goal: Goal) -> Self {
        let _ = goal;
        Lexer { _src: src }
    }

    /// The next token. A `/` or `/=` is returned as [`Tok::Slash`]/[`Tok::SlashEq`]; a `}` as
    /// [`Tok::RBrace`]. At the end of the input: [`Tok::Eof`] (repeatedly).
    pub fn next_token(&mut self) -> Result<Token, LexError> {
        todo!()
    }

    /// Re-lex the `/` or `/=` token just returned as a regular-expression literal, continuing
    /// after it.
    pub fn rescan_regex(&mut self, slash: &Token) -> Result<Token, LexError> {
        let _ = slash;
        todo!()
    }

    /// Re-lex the `}` token just returned as the start of a template continuation
    /// ([`Tok::TemplateMiddle`] or [`Tok::TemplateTail`]).
    pub fn rescan_template_continuation(&mut self, rbrace: &Token) -> Result<Token, LexError> {
        let _ = rbrace;
        todo!()
    }
}
