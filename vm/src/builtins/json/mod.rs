//! The JSON object — ECMA-262 §25.5.

pub mod parse_text;
pub mod quote;
