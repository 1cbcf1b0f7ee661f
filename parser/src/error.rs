//! Syntax errors with the source span V8 would underline.

use crate::ast::Span;

/// What kind of early failure this is (V8 reports a nesting overflow as a RangeError).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorKind {
    SyntaxError,
    RangeError,
}

#[derive(Clone, PartialEq, Debug)]
pub struct SyntaxError {
    pub kind: ErrorKind,
    /// V8's message text, e.g. `Unexpected token '}'`.
    pub message: String,
    /// The offending source range (the caret line underlines it).
    pub span: Span,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError { kind: ErrorKind::SyntaxError, message: message.into(), span }
    }
    pub fn range_error(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError { kind: ErrorKind::RangeError, message: message.into(), span }
    }
    pub fn name(&self) -> &'static str {
        match self.kind {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::RangeError => "RangeError",
        }
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name(), self.message)
    }
}

impl std::error::Error for SyntaxError {}
