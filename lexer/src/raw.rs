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
    /// The token for a reserved word or punctuator that needs no further scanning.
    pub fn fixed_tok(self) -> Option<crate::Tok> {
        use crate::Tok;
        Some(match self {
            Raw::Break => Tok::Break,
            Raw::Case => Tok::Case,
            Raw::Catch => Tok::Catch,
            Raw::Class => Tok::Class,
            Raw::Const => Tok::Const,
            Raw::Continue => Tok::Continue,
            Raw::Debugger => Tok::Debugger,
            Raw::Default => Tok::Default,
            Raw::Delete => Tok::Delete,
            Raw::Do => Tok::Do,
            Raw::Else => Tok::Else,
            Raw::Enum => Tok::Enum,
            Raw::Export => Tok::Export,
            Raw::Extends => Tok::Extends,
            Raw::False => Tok::False,
            Raw::Finally => Tok::Finally,
            Raw::For => Tok::For,
            Raw::Function => Tok::Function,
            Raw::If => Tok::If,
            Raw::Import => Tok::Import,
            Raw::In => Tok::In,
            Raw::Instanceof => Tok::Instanceof,
            Raw::New => Tok::New,
            Raw::Null => Tok::Null,
            Raw::Return => Tok::Return,
            Raw::Super => Tok::Super,
            Raw::Switch => Tok::Switch,
            Raw::This => Tok::This,
            Raw::Throw => Tok::Throw,
            Raw::True => Tok::True,
            Raw::Try => Tok::Try,
            Raw::Typeof => Tok::Typeof,
            Raw::Var => Tok::Var,
            Raw::Void => Tok::Void,
            Raw::While => Tok::While,
            Raw::With => Tok::With,
            Raw::LBrace => Tok::LBrace,
            Raw::RBrace => Tok::RBrace,
            Raw::LParen => Tok::LParen,
            Raw::RParen => Tok::RParen,
            Raw::LBracket => Tok::LBracket,
            Raw::RBracket => Tok::RBracket,
            Raw::Dot => Tok::Dot,
            Raw::Ellipsis => Tok::Ellipsis,
            Raw::Semi => Tok::Semi,
            Raw::Comma => Tok::Comma,
            Raw::Lt => Tok::Lt,
            Raw::Gt => Tok::Gt,
            Raw::LtEq => Tok::LtEq,
            Raw::GtEq => Tok::GtEq,
            Raw::EqEq => Tok::EqEq,
            Raw::NotEq => Tok::NotEq,
            Raw::EqEqEq => Tok::EqEqEq,
            Raw::NotEqEq => Tok::NotEqEq,
            Raw::Plus => Tok::Plus,
            Raw::Minus => Tok::Minus,
            Raw::Star => Tok::Star,
            Raw::Slash => Tok::Slash,
            Raw::Percent => Tok::Percent,
            Raw::StarStar => Tok::StarStar,
            Raw::PlusPlus => Tok::PlusPlus,
            Raw::MinusMinus => Tok::MinusMinus,
            Raw::Shl => Tok::Shl,
            Raw::Shr => Tok::Shr,
            Raw::UShr => Tok::UShr,
            Raw::Amp => Tok::Amp,
            Raw::Pipe => Tok::Pipe,
            Raw::Caret => Tok::Caret,
            Raw::Bang => Tok::Bang,
            Raw::Tilde => Tok::Tilde,
            Raw::AmpAmp => Tok::AmpAmp,
            Raw::PipePipe => Tok::PipePipe,
            Raw::QuestionQuestion => Tok::QuestionQuestion,
            Raw::Question => Tok::Question,
            Raw::QuestionDot => Tok::QuestionDot,
            Raw::Colon => Tok::Colon,
            Raw::Eq => Tok::Eq,
            Raw::PlusEq => Tok::PlusEq,
            Raw::MinusEq => Tok::MinusEq,
            Raw::StarEq => Tok::StarEq,
            Raw::SlashEq => Tok::SlashEq,
            Raw::PercentEq => Tok::PercentEq,
            Raw::StarStarEq => Tok::StarStarEq,
            Raw::ShlEq => Tok::ShlEq,
            Raw::ShrEq => Tok::ShrEq,
            Raw::UShrEq => Tok::UShrEq,
            Raw::AmpEq => Tok::AmpEq,
            Raw::PipeEq => Tok::PipeEq,
            Raw::CaretEq => Tok::CaretEq,
            Raw::AmpAmpEq => Tok::AmpAmpEq,
            Raw::PipePipeEq => Tok::PipePipeEq,
            Raw::QuestionQuestionEq => Tok::QuestionQuestionEq,
            Raw::Arrow => Tok::Arrow,
            Raw::At => Tok::At,
            Raw::LineTerminator
            | Raw::AsciiName
            | Raw::NumberStart
            | Raw::StringStart
            | Raw::TemplateStart
            | Raw::BlockCommentStart
            | Raw::HtmlOpenComment
            | Raw::HtmlCloseComment
            | Raw::Hash
            | Raw::Backslash => return None,
        })
    }

}
