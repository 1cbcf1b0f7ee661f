//! Hand-written scanners for the tokens that need cooking or context.

pub mod bigint;
pub mod comments;
pub mod escapes;
pub mod identifiers;
pub mod numbers;
pub mod regex;
pub mod strings;
pub mod templates;
