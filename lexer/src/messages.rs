//! The texts of V8's lexical SyntaxError messages (as Node v20 prints them).

pub const INVALID_OR_UNEXPECTED_TOKEN: &str = "Invalid or unexpected token";
pub const UNEXPECTED_END_OF_INPUT: &str = "Unexpected end of input";
pub const INVALID_HEX_ESCAPE: &str = "Invalid hexadecimal escape sequence";
pub const INVALID_UNICODE_ESCAPE: &str = "Invalid Unicode escape sequence";
pub const UNDEFINED_UNICODE_CODE_POINT: &str = "Undefined Unicode code-point";
pub const REGEXP_MISSING_SLASH: &str = "Invalid regular expression: missing /";
pub const REGEXP_INVALID_FLAGS: &str = "Invalid regular expression flags";
pub const NUMERIC_SEPARATOR_AT_END: &str =
    "Numeric separators are not allowed at the end of numeric literals";
pub const NUMERIC_SEPARATOR_DOUBLE: &str = "Only one underscore is allowed as numeric separator";
pub const NUMERIC_SEPARATOR_AFTER_LEADING_ZERO: &str =
    "Numeric separator can not be used after leading 0.";
pub const TEMPLATE_OCTAL_ESCAPE: &str =
    "Octal escape sequences are not allowed in template strings.";
pub const TEMPLATE_8_9_ESCAPE: &str = "\\8 and \\9 are not allowed in template strings.";
