//! The logos-generated fast scanner: punctuators (longest match), ASCII identifiers and
//! reserved words, whitespace, line terminators and single-line comments. Everything that
//! needs cooking or context is only *recognised* here (its first characters) and then scanned
//! by the hand-written scanners in [`crate::scan`].

use logos::{Lexer, Logos, Skip};

/// Records that a line terminator was skipped (for `Token::nl_before`).
fn line_terminator(lex: &mut Lexer<'_, Raw>) -> Skip {
    lex.extras = true;
    Skip
}

#[rustfmt::skip]
#[derive(Logos, Clone, Copy, PartialEq, Eq, Debug)]
#[logos(extras = bool)]
#[logos(skip r"[\t\x0B\x0C \u{A0}\u{FEFF}\u{1680}\u{2000}-\u{200A}\u{202F}\u{205F}\u{3000}]+")]
#[logos(skip r"//[^\n\r\u{2028}\u{2029}]*")]
pub enum Raw {
    #[regex(r"[\n\r\u{2028}\u{2029}]", line_terminator)]
    LineTerminator,

    /// An IdentifierName made of ASCII letters, digits, `$` and `_` only. The caller must
    /// check that no `\` or non-ASCII character follows (then the slow path takes over).
    #[regex(r"[A-Za-z$_][A-Za-z0-9$_]*")]
    AsciiName,

    // Reserved words (§12.7.2), matched only when the whole ASCII word is the keyword.
    #[token("break")] Break,
    #[token("case")] Case,
    #[token("catch")] Catch,
    #[token("class")] Class,
    #[token("const")] Const,
    #[token("continue")] Continue,
    #[token("debugger")] Debugger,
    #[token("default")] Default,
    #[token("delete")] Delete,
    #[token("do")] Do,
    #[token("else")] Else,
    #[token("enum")] Enum,
    #[token("export")] Export,
    #[token("extends")] Extends,
    #[token("false")] False,
    #[token("finally")] Finally,
    #[token("for")] For,
    #[token("function")] Function,
    #[token("if")] If,
    #[token("import")] Import,
    #[token("in")] In,
    #[token("instanceof")] Instanceof,
    #[token("new")] New,
    #[token("null")] Null,
    #[token("return")] Return,
    #[token("super")] Super,
    #[token("switch")] Switch,
    #[token("this")] This,
    #[token("throw")] Throw,
    #[token("true")] True,
    #[token("try")] Try,
    #[token("typeof")] Typeof,
    #[token("var")] Var,
    #[token("void")] Void,
    #[token("while")] While,
    #[token("with")] With,

    // Starts of tokens scanned by hand.
    /// A decimal digit, or `.` followed by one: a numeric literal.
    #[regex(r"[0-9]|\.[0-9]")]
    NumberStart,
    #[token("\"")]
    #[token("'")]
    StringStart,
    #[token("`")]
    TemplateStart,
    #[token("/*")]
    BlockCommentStart,
    /// `<!--` (a comment in scripts, `<` `!` `--` in modules).
    #[token("<!--")]
    HtmlOpenComment,
    /// `-->` (a comment at the start of a line in scripts, otherwise `--` `>`).
    #[token("-->")]
    HtmlCloseComment,
    #[token("#")]
    Hash,
    #[token("\\")]
    Backslash,

    // Punctuators (§12.8).
    #[token("{")] LBrace,
    #[token("}")] RBrace,
    #[token("(")] LParen,
    #[token(")")] RParen,
    #[token("[")] LBracket,
    #[token("]")] RBracket,
    #[token(".")] Dot,
    #[token("...")] Ellipsis,
    #[token(";")] Semi,
    #[token(",")] Comma,
    #[token("<")] Lt,
    #[token(">")] Gt,
    #[token("<=")] LtEq,
    #[token(">=")] GtEq,
    #[token("==")] EqEq,
    #[token("!=")] NotEq,
    #[token("===")] EqEqEq,
    #[token("!==")] NotEqEq,
    #[token("+")] Plus,
    #[token("-")] Minus,
    #[token("*")] Star,
    #[token("/")] Slash,
    #[token("%")] Percent,
    #[token("**")] StarStar,
    #[token("++")] PlusPlus,
    #[token("--")] MinusMinus,
    #[token("<<")] Shl,
    #[token(">>")] Shr,
    #[token(">>>")] UShr,
    #[token("&")] Amp,
    #[token("|")] Pipe,
    #[token("^")] Caret,
    #[token("!")] Bang,
    #[token("~")] Tilde,
    #[token("&&")] AmpAmp,
    #[token("||")] PipePipe,
    #[token("??")] QuestionQuestion,
    #[token("?")] Question,
    /// `?.` — the caller turns it back into `?` when a decimal digit follows.
    #[token("?.")] QuestionDot,
    #[token(":")] Colon,
    #[token("=")] Eq,
    #[token("+=")] PlusEq,
    #[token("-=")] MinusEq,
    #[token("*=")] StarEq,
    #[token("/=")] SlashEq,
    #[token("%=")] PercentEq,
    #[token("**=")] StarStarEq,
    #[token("<<=")] ShlEq,
    #[token(">>=")] ShrEq,
    #[token(">>>=")] UShrEq,
    #[token("&=")] AmpEq,
    #[token("|=")] PipeEq,
    #[token("^=")] CaretEq,
    #[token("&&=")] AmpAmpEq,
    #[token("||=")] PipePipeEq,
    #[token("??=")] QuestionQuestionEq,
    #[token("=>")] Arrow,
    #[token("@")] At,
}

impl Raw {
    /// True for the reserved words (which are ASCII words, so a `\\` or a non-ASCII character
    /// right after one makes a longer identifier).
    #[inline]
    pub fn is_reserved_word(self) -> bool {
        (Raw::Break as u8..=Raw::With as u8).contains(&(self as u8))
    }
}

/// `match_fixed_tokens!(raw, pos, start, end, nl_before, { other arms })` matches `raw`: the
/// given arms first, then every reserved word and punctuator (whose `Raw` and `Tok` variants
/// share their names), each of which sets `pos = end` and returns `Ok(Token { .. })` from the
/// enclosing function.
///
/// Each arm writes its token straight into the return value: converting through a `Tok`
/// temporary makes the compiler copy the whole enum after storing only its tag, a
/// store-forwarding stall on every token.
macro_rules! match_fixed_tokens {
    ($raw:expr, $pos:expr, $start:ident, $end:ident, $nl_before:ident, { $($arms:tt)* }) => {
        match_fixed_tokens!(@arms $raw, $pos, $start, $end, $nl_before, { $($arms)* },
            Break, Case, Catch, Class, Const, Continue, Debugger, Default, Delete, Do, Else,
            Enum, Export, Extends, False, Finally, For, Function, If, Import, In, Instanceof,
            New, Null, Return, Super, Switch, This, Throw, True, Try, Typeof, Var, Void, While,
            With, LBrace, RBrace, LParen, RParen, LBracket, RBracket, Dot, Ellipsis, Semi,
            Comma, Lt, Gt, LtEq, GtEq, EqEq, NotEq, EqEqEq, NotEqEq, Plus, Minus, Star, Slash,
            Percent, StarStar, PlusPlus, MinusMinus, Shl, Shr, UShr, Amp, Pipe, Caret, Bang,
            Tilde, AmpAmp, PipePipe, QuestionQuestion, Question, QuestionDot, Colon, Eq,
            PlusEq, MinusEq, StarEq, SlashEq, PercentEq, StarStarEq, ShlEq, ShrEq, UShrEq,
            AmpEq, PipeEq, CaretEq, AmpAmpEq, PipePipeEq, QuestionQuestionEq, Arrow, At,
        )
    };
    (@arms $raw:expr, $pos:expr, $start:ident, $end:ident, $nl_before:ident, { $($arms:tt)* },
        $($name:ident,)*) => {
        match $raw {
            $($arms)*
            $(
                Raw::$name => {
                    $pos = $end;
                    return Ok(Token { tok: Tok::$name, start: $start, end: $end, nl_before: $nl_before });
                }
            )*
        }
    };
}
pub(crate) use match_fixed_tokens;
