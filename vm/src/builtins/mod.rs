//! Built-in objects, one file (or folder) per constructor or namespace.

pub mod json;
pub mod uri_coding;
