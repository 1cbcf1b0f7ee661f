//! Identifier characters as cjs-module-lexer 2.2.0 classifies them (ECMA-262 §12.7
//! IdentifierName, but code point by code point and with no `\u` escapes).

/// True when the code point can start an identifier: `$`, `_`, ASCII letters, or a Unicode
/// `ID_Start` character from U+00AA on. Lone surrogates and "no character" never start one.
pub(super) fn is_id_start(cp: u32) -> bool {
    match cp {
        0x24 | 0x5F => true,
        0x41..=0x5A | 0x61..=0x7A => true,
        c if c < 0xAA => false,
        c => char::from_u32(c).is_some_and(unicode_id_start::is_id_start),
    }
}

/// True when the code point can continue an identifier: the start characters, ASCII digits,
/// ZWNJ/ZWJ and Unicode `ID_Continue` characters from U+00AA on.
pub(super) fn is_id_continue(cp: u32) -> bool {
    match cp {
        0x24 | 0x5F => true,
        0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => true,
        c if c < 0xAA => false,
        0x200C | 0x200D => true,
        c => char::from_u32(c).is_some_and(unicode_id_start::is_id_continue),
    }
}
