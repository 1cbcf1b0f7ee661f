//! The token type shared by the lexer, the token adapter and the grammar.
//!
//! The raw lexer ([`crate::Lexer`]) produces every variant except the ones marked *adapter*: those
//! are decided by the parser's token adapter, which knows the syntactic context (a `{` that opens a
//! block versus an object literal, `await` inside an async function, …).

use std::fmt;

/// A JavaScript string value: a sequence of UTF-16 code units (lone surrogates are allowed).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct JsStr(pub Box<[u16]>);

impl JsStr {
    pub fn from_str(s: &str) -> JsStr {
        // Names and specifiers are nearly always ASCII: widen them byte by byte into a buffer
        // of the exact length (the UTF-16 encoder is a per-character state machine).
        if s.is_ascii() {
            return JsStr(s.bytes().map(u16::from).collect());
        }
        JsStr(s.encode_utf16().collect())
    }
    pub fn units(&self) -> &[u16] {
        &self.0
    }
    /// The value as Rust text, or `None` when it holds a lone surrogate.
    pub fn to_string_checked(&self) -> Option<String> {
        String::from_utf16(&self.0).ok()
    }
    /// The value as Rust text with lone surrogates replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        // Names and specifiers are nearly always ASCII: narrow them in one pass (the general
        // decoder grows the string one character at a time).
        if self.0.iter().all(|&u| u < 0x80) {
            let bytes: Vec<u8> = self.0.iter().map(|&u| u as u8).collect();
            // Every byte is ASCII, so this cannot fail.
            return String::from_utf8(bytes).unwrap_or_default();
        }
        String::from_utf16_lossy(&self.0)
    }
    /// IsStringWellFormedUnicode (no lone surrogates).
    pub fn is_well_formed(&self) -> bool {
        self.to_string_checked().is_some()
    }
    pub fn eq_str(&self, s: &str) -> bool {
        self.0.iter().copied().eq(s.encode_utf16())
    }
}

impl fmt::Debug for JsStr {
    /// Prints like a JSON string, with lone surrogates as `\uXXXX`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for c in char::decode_utf16(self.0.iter().copied()) {
            match c {
                Ok('"') => f.write_str("\\\"")?,
                Ok('\\') => f.write_str("\\\\")?,
                Ok('\n') => f.write_str("\\n")?,
                Ok('\r') => f.write_str("\\r")?,
                Ok('\t') => f.write_str("\\t")?,
                Ok(c) if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                    write!(f, "\\u{:04x}", c as u32)?
                }
                Ok(c) => write!(f, "{c}")?,
                Err(e) => write!(f, "\\u{:04x}", e.unpaired_surrogate())?,
            }
        }
        f.write_str("\"")
    }
}

/// An IdentifierName as the lexer saw it.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Name {
    /// The name with escapes decoded (`\u0061` → `a`).
    pub name: Box<str>,
    /// True when the source spelled the name with a `\u` escape. An escaped reserved word is
    /// never a keyword; using it where an identifier is required is a SyntaxError.
    pub escaped: bool,
}

/// One template chunk: `` `abc${ ``, `}def${`, `}ghi` `` or a whole `` `x` ``.
#[derive(Clone, PartialEq, Debug)]
pub struct TemplatePart {
    /// The cooked value; `None` when the chunk holds an escape that is invalid in a template
    /// (allowed only in tagged templates, where the cooked value is `undefined`).
    pub cooked: Option<JsStr>,
    /// The raw value (TRV): source text with `\r\n` and `\r` normalised to `\n`.
    pub raw: JsStr,
}

/// A regular-expression literal's body and flags as written in the source; the flags are
/// checked by the parser.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RegexParts {
    pub body: Box<str>,
    pub flags: Box<str>,
}

#[derive(Clone, PartialEq, Debug)]
pub enum Tok {
    // ----- names and literals -------------------------------------------------------------
    /// An IdentifierName that is not a reserved word (contextual keywords such as `of`, `get`,
    /// `async`, `let`, `static`, `yield`, `await` arrive as `Ident` from the raw lexer).
    /// An *escaped* reserved word (`\u0069f`) also arrives as `Ident` with `escaped: true`.
    Ident(Name),
    /// `#name`
    PrivateName(Name),
    /// A numeric literal. `legacy_octal` is set for `010` and for `08`/`09`-style decimals with a
    /// leading zero (both are SyntaxErrors in strict code).
    Num { value: f64, legacy_octal: bool },
    /// A BigInt literal; `digits` is the decimal value (`0x10n` → `"16"`).
    BigInt(Box<str>),
    /// A string literal. `legacy_octal_escape` is set for `\1`–`\7`, `\0` followed by a digit,
    /// and for `\8`/`\9` (all SyntaxErrors in strict code).
    Str { value: JsStr, legacy_octal_escape: bool },
    /// A template literal without substitutions: `` `abc` ``. (Template and regex payloads are
    /// boxed so that a `Tok` stays 24 bytes: every parser stack slot holds one.)
    NoSubstitutionTemplate(Box<TemplatePart>),
    /// `` `abc${ ``
    TemplateHead(Box<TemplatePart>),
    /// `}abc${` (produced by [`crate::Lexer::rescan_template_continuation`])
    TemplateMiddle(Box<TemplatePart>),
    /// `` }abc` `` (produced by [`crate::Lexer::rescan_template_continuation`])
    TemplateTail(Box<TemplatePart>),
    /// A regular-expression literal (produced by [`crate::Lexer::rescan_regex`]).
    Regex(Box<RegexParts>),

    // ----- reserved words -----------------------------------------------------------------
    Break, Case, Catch, Class, Const, Continue, Debugger, Default, Delete, Do, Else, Enum,
    Export, Extends, False, Finally, For, Function, If, Import, In, Instanceof, New, Null,
    Return, Super, Switch, This, Throw, True, Try, Typeof, Var, Void, While, With,

    // ----- adapter: contextual keywords decided from context ------------------------------
    /// `await` where it is a keyword (async function bodies, module code).
    Await,
    /// `yield` where it is a keyword (generator bodies, strict code is still an identifier
    /// error decided later).
    Yield,
    /// `yield` followed by a line terminator: a YieldExpression without operand.
    YieldNoOperand,
    /// `async` that begins an async function, method or arrow (no line break after it).
    Async,
    /// `let` that begins a lexical declaration.
    Let,
    /// `get` / `set` / `static` as modifiers of an object-literal or class member (followed by a
    /// member name); elsewhere they are identifiers.
    Get, Set, Static,
    /// `function` / `class` that begin a declaration (statement position, after `export` or
    /// `export default`); in expression position they are [`Tok::Function`] / [`Tok::Class`].
    DeclFunction, DeclClass,
    /// `as` in `export * as ns from …` and `from` after `export { … }` (there a line break must
    /// not end the declaration); elsewhere they are identifiers.
    As, From,
    /// `++` / `--` preceded by a line terminator: only a prefix operator.
    PlusPlusNl, MinusMinusNl,
    /// `{` that begins a block statement / function body / class body (as opposed to an object
    /// literal or object pattern, which use [`Tok::LBrace`]).
    LBraceBlock,
    /// An automatic semicolon inserted by the adapter after `return`, `break`, `continue` and
    /// `throw` when a line terminator follows (restricted productions).
    AutoSemi,

    // ----- punctuators --------------------------------------------------------------------
    LBrace, RBrace, LParen, RParen, LBracket, RBracket,
    Dot, Ellipsis, Semi, Comma, Lt, Gt, LtEq, GtEq, EqEq, NotEq, EqEqEq, NotEqEq,
    Plus, Minus, Star, Slash, Percent, StarStar, PlusPlus, MinusMinus,
    Shl, Shr, UShr, Amp, Pipe, Caret, Bang, Tilde, AmpAmp, PipePipe, QuestionQuestion,
    Question, QuestionDot, Colon, Eq, PlusEq, MinusEq, StarEq, SlashEq, PercentEq, StarStarEq,
    ShlEq, ShrEq, UShrEq, AmpEq, PipeEq, CaretEq, AmpAmpEq, PipePipeEq, QuestionQuestionEq,
    Arrow, At,

    /// End of input.
    Eof,
}

impl Tok {
    /// The reserved word spelled `s`, if any.
    pub fn keyword(s: &str) -> Option<Tok> {
        Some(match s {
            "break" => Tok::Break,
            "case" => Tok::Case,
            "catch" => Tok::Catch,
            "class" => Tok::Class,
            "const" => Tok::Const,
            "continue" => Tok::Continue,
            "debugger" => Tok::Debugger,
            "default" => Tok::Default,
            "delete" => Tok::Delete,
            "do" => Tok::Do,
            "else" => Tok::Else,
            "enum" => Tok::Enum,
            "export" => Tok::Export,
            "extends" => Tok::Extends,
            "false" => Tok::False,
            "finally" => Tok::Finally,
            "for" => Tok::For,
            "function" => Tok::Function,
            "if" => Tok::If,
            "import" => Tok::Import,
            "in" => Tok::In,
            "instanceof" => Tok::Instanceof,
            "new" => Tok::New,
            "null" => Tok::Null,
            "return" => Tok::Return,
            "super" => Tok::Super,
            "switch" => Tok::Switch,
            "this" => Tok::This,
            "throw" => Tok::Throw,
            "true" => Tok::True,
            "try" => Tok::Try,
            "typeof" => Tok::Typeof,
            "var" => Tok::Var,
            "void" => Tok::Void,
            "while" => Tok::While,
            "with" => Tok::With,
            _ => return None,
        })
    }

    /// Is this one of the reserved-word tokens (`Break` … `With`, the ones [`Tok::keyword`]
    /// returns)? The same answer as `Tok::keyword(self.text()).is_some()` for every token but
    /// an `Ident`, without comparing strings.
    pub fn is_reserved_word(&self) -> bool {
        use Tok::*;
        matches!(
            self,
            Break | Case | Catch | Class | Const | Continue | Debugger | Default | Delete | Do
                | Else | Enum | Export | Extends | False | Finally | For | Function | If | Import
                | In | Instanceof | New | Null | Return | Super | Switch | This | Throw | True
                | Try | Typeof | Var | Void | While | With
        )
    }

    /// The source spelling of a keyword or punctuator token (used to turn a keyword back into
    /// an IdentifierName, e.g. in `a.if`, and in messages).
    pub fn text(&self) -> &'static str {
        use Tok::*;
        match self {
            Break => "break", Case => "case", Catch => "catch", Class => "class",
            Const => "const", Continue => "continue", Debugger => "debugger",
            Default => "default", Delete => "delete", Do => "do", Else => "else", Enum => "enum",
            Export => "export", Extends => "extends", False => "false", Finally => "finally",
            For => "for", Function => "function", If => "if", Import => "import", In => "in",
            Instanceof => "instanceof", New => "new", Null => "null", Return => "return",
            Super => "super", Switch => "switch", This => "this", Throw => "throw",
            True => "true", Try => "try", Typeof => "typeof", Var => "var", Void => "void",
            While => "while", With => "with",
            Await => "await", Yield | YieldNoOperand => "yield", Async => "async", Let => "let",
            Get => "get", Set => "set", Static => "static", DeclFunction => "function",
            DeclClass => "class", As => "as", From => "from",
            PlusPlusNl | PlusPlus => "++", MinusMinusNl | MinusMinus => "--",
            LBraceBlock | LBrace => "{", AutoSemi => ";",
            RBrace => "}", LParen => "(", RParen => ")", LBracket => "[", RBracket => "]",
            Dot => ".", Ellipsis => "...", Semi => ";", Comma => ",", Lt => "<", Gt => ">",
            LtEq => "<=", GtEq => ">=", EqEq => "==", NotEq => "!=", EqEqEq => "===",
            NotEqEq => "!==", Plus => "+", Minus => "-", Star => "*", Slash => "/",
            Percent => "%", StarStar => "**", Shl => "<<", Shr => ">>", UShr => ">>>",
            Amp => "&", Pipe => "|", Caret => "^", Bang => "!", Tilde => "~", AmpAmp => "&&",
            PipePipe => "||", QuestionQuestion => "??", Question => "?", QuestionDot => "?.",
            Colon => ":", Eq => "=", PlusEq => "+=", MinusEq => "-=", StarEq => "*=",
            SlashEq => "/=", PercentEq => "%=", StarStarEq => "**=", ShlEq => "<<=",
            ShrEq => ">>=", UShrEq => ">>>=", AmpEq => "&=", PipeEq => "|=", CaretEq => "^=",
            AmpAmpEq => "&&=", PipePipeEq => "||=", QuestionQuestionEq => "??=", Arrow => "=>",
            At => "@",
            Ident(_) => "identifier", PrivateName(_) => "private name", Num { .. } => "number",
            BigInt(_) => "bigint", Str { .. } => "string",
            NoSubstitutionTemplate(_) | TemplateHead(_) | TemplateMiddle(_) | TemplateTail(_) => {
                "template"
            }
            Regex { .. } => "regular expression",
            Eof => "end of input",
        }
    }
}

/// A token with its byte span in the source and whether a line terminator (or a comment
/// containing one) came between it and the previous token.
#[derive(Clone, PartialEq, Debug)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    pub nl_before: bool,
}

/// A lexical error, with the byte offset Node would point at.
#[derive(Clone, PartialEq, Debug)]
pub struct LexError {
    pub message: String,
    pub pos: usize,
}

#[cfg(test)]
mod reserved {
    use super::Tok;

    /// `is_reserved_word` agrees with the spelling table for every reserved word.
    #[test]
    fn reserved_word_tokens_match_the_keyword_table() {
        for word in [
            "break", "case", "catch", "class", "const", "continue", "debugger", "default",
            "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
            "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
            "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
        ] {
            let tok = Tok::keyword(word).expect("a reserved word");
            assert!(tok.is_reserved_word(), "{word}");
        }
        for tok in [Tok::Await, Tok::Let, Tok::DeclFunction, Tok::DeclClass, Tok::LBrace, Tok::Eof] {
            assert!(!tok.is_reserved_word(), "{tok:?}");
        }
    }
}

#[cfg(test)]
mod size {
    /// Every parser stack slot holds a `Tok` (through lalrpop's error-recovery type), so its size
    /// is paid on every shift; keep it at four words at most.
    #[test]
    fn tok_is_at_most_four_words() {
        assert!(std::mem::size_of::<super::Tok>() <= 32);
    }
}
