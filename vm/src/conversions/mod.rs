//! Type conversions (ECMA-262 §7.1).

pub mod number_to_string;
pub mod string_to_number;
pub mod number_to_locale_string;
