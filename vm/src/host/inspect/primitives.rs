//! Primitives as `util.inspect` shows them: string quoting and escaping, property-key names,
//! `-0`, symbols.
//!
//! Strings arrive as UTF-16 code units (the engine's string representation) because Node escapes
//! lone surrogates (`'\ud800'`), which a Rust `String` could not even hold.

/// The quote character Node wraps a string in: single quotes unless the string contains one; then
/// double quotes unless it also contains a double quote; then backticks unless it contains a
/// backtick or `${`; otherwise single quotes again, escaping the inner ones.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Quote {
    Single,
    Double,
    Backtick,
}

impl Quote {
    fn char(self) -> char {
        match self {
            Quote::Single => '\'',
            Quote::Double => '"',
            Quote::Backtick => '`',
        }
    }
}

const SINGLE: u16 = b'\'' as u16;
const DOUBLE: u16 = b'"' as u16;
const BACKTICK: u16 = b'`' as u16;
const BACKSLASH: u16 = b'\\' as u16;

/// Picks the quote for `units` (see [`Quote`]).
pub fn choose_quote(units: &[u16]) -> Quote {
    if !units.contains(&SINGLE) {
        return Quote::Single;
    }
    if !units.contains(&DOUBLE) {
        return Quote::Double;
    }
    let has_template_start = units.windows(2).any(|w| w == [b'$' as u16, b'{' as u16]);
    if !units.contains(&BACKTICK) && !has_template_start {
        return Quote::Backtick;
    }
    Quote::Single
}

/// Appends the escape Node uses for the code unit `unit`, which must be a C0 or C1 control
/// character, the backslash or the single quote.
fn push_meta_escape(out: &mut String, unit: u16) {
    match unit {
        0x08 => out.push_str("\\b"),
        0x09 => out.push_str("\\t"),
        0x0a => out.push_str("\\n"),
        0x0c => out.push_str("\\f"),
        0x0d => out.push_str("\\r"),
        SINGLE => out.push_str("\\'"),
        BACKSLASH => out.push_str("\\\\"),
        _ => {
            out.push_str("\\x");
            push_hex(out, unit as u32, 2, true);
        }
    }
}

fn push_hex(out: &mut String, value: u32, min_digits: usize, upper: bool) {
    let digits = if upper { format!("{value:X}") } else { format!("{value:x}") };
    for _ in digits.len()..min_digits {
        out.push('0');
    }
    out.push_str(&digits);
}

/// Escapes `units` the way Node's string escaper does: C0 and C1 controls, the backslash, lone
/// surrogates (as `\uXXXX`, lowercase hex) and — when `escape_single_quote` — the single quote.
/// Everything else is copied, with surrogate pairs joined into their code point.
pub fn escape_units(units: &[u16], escape_single_quote: bool) -> String {
    let mut out = String::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let unit = units[i];
        let needs_meta = unit < 0x20
            || unit == BACKSLASH
            || (0x7f..=0x9f).contains(&unit)
            || (escape_single_quote && unit == SINGLE);
        if needs_meta {
            push_meta_escape(&mut out, unit);
        } else if (0xd800..=0xdbff).contains(&unit)
            && units.get(i + 1).is_some_and(|next| (0xdc00..=0xdfff).contains(next))
        {
            let high = (unit as u32 - 0xd800) << 10;
            let low = units[i + 1] as u32 - 0xdc00;
            out.push(char::from_u32(0x10000 + high + low).unwrap_or('\u{fffd}'));
            i += 1;
        } else if (0xd800..=0xdfff).contains(&unit) {
            out.push_str("\\u");
            push_hex(&mut out, unit as u32, 4, false);
        } else {
            // Not a surrogate, so a valid scalar value.
            out.push(char::from_u32(unit as u32).unwrap_or('\u{fffd}'));
        }
        i += 1;
    }
    out
}

/// Node's `strEscape`: the string quoted and escaped, e.g. `'it\'s "x" `y`'`.
pub fn quote_string(units: &[u16]) -> String {
    let quote = choose_quote(units);
    let body = escape_units(units, quote == Quote::Single);
    let mut out = String::with_capacity(body.len() + 2);
    out.push(quote.char());
    out.push_str(&body);
    out.push(quote.char());
    out
}

/// Strings longer than this many code units are never split into `+`-joined lines.
pub const MIN_LINE_LENGTH: usize = 16;

/// How a string *value* (not a key) is shown: quoted, cut after `max_string_length` code units with
/// a `... N more characters` trailer, and — when it is longer than 16 units and than the room left
/// on the line (`break_length - indentation - 4`) — split after each `\n` into quoted pieces joined
/// by ` +` and a newline indented by `indentation + 2`.
pub fn format_string_value(
    units: &[u16],
    indentation: usize,
    break_length: usize,
    max_string_length: usize,
) -> String {
    let (shown, trailer) = if units.len() > max_string_length {
        let remaining = units.len() - max_string_length;
        let plural = if remaining > 1 { "s" } else { "" };
        (&units[..max_string_length], format!("... {remaining} more character{plural}"))
    } else {
        (units, String::new())
    };
    let room = break_length as i64 - indentation as i64 - 4;
    if shown.len() > MIN_LINE_LENGTH && (shown.len() as i64) > room {
        let separator = format!(" +\n{}", " ".repeat(indentation + 2));
        let mut out = String::new();
        for (n, line) in split_after_newlines(shown).into_iter().enumerate() {
            if n > 0 {
                out.push_str(&separator);
            }
            out.push_str(&quote_string(line));
        }
        out.push_str(&trailer);
        return out;
    }
    let mut out = quote_string(shown);
    out.push_str(&trailer);
    out
}

/// Splits after every `\n`, keeping it at the end of its piece; no empty piece at the end (like
/// JavaScript's `split(/(?<=\n)/)`; an empty input gives one empty piece).
fn split_after_newlines(units: &[u16]) -> Vec<&[u16]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, &unit) in units.iter().enumerate() {
        if unit == b'\n' as u16 && i + 1 < units.len() {
            pieces.push(&units[start..=i]);
            start = i + 1;
        }
    }
    pieces.push(&units[start..]);
    pieces
}

/// Whether a string key is printed bare: `^[a-zA-Z_][a-zA-Z_0-9]*$`.
pub fn is_plain_key(units: &[u16]) -> bool {
    let is_start = |u: u16| u == b'_' as u16 || (u < 0x80 && (u as u8).is_ascii_alphabetic());
    let is_part = |u: u16| is_start(u) || (u < 0x80 && (u as u8).is_ascii_digit());
    match units.split_first() {
        Some((&first, rest)) => is_start(first) && rest.iter().all(|&u| is_part(u)),
        None => false,
    }
}

/// A string property key as a name: bare when [`is_plain_key`] (except `__proto__`, which Node
/// shows as `['__proto__']` so it cannot be mistaken for the prototype), otherwise quoted.
pub fn format_string_key(units: &[u16]) -> String {
    if is_plain_key(units) {
        let name = String::from_utf16_lossy(units);
        if name == "__proto__" {
            return "['__proto__']".to_string();
        }
        return name;
    }
    quote_string(units)
}

/// `Symbol(description)` as a value: the description is copied unescaped (Node prints a newline
/// in a symbol's description as a real newline). Lone surrogates become U+FFFD.
pub fn format_symbol_value(description: Option<&[u16]>) -> String {
    let mut out = String::from("Symbol(");
    if let Some(units) = description {
        out.push_str(&String::from_utf16_lossy(units));
    }
    out.push(')');
    out
}

/// `[Symbol(description)]`'s inner part as a property key: unlike the value form, the description
/// is escaped (controls, backslash, single quote, lone surrogates).
pub fn format_symbol_key(description: Option<&[u16]>) -> String {
    let mut out = String::from("Symbol(");
    if let Some(units) = description {
        out.push_str(&escape_units(units, true));
    }
    out.push(')');
    out
}

/// A number as Node shows it: `-0` keeps its sign (`String(-0)` would drop it); everything else is
/// `Number::toString`, given here already converted as `to_string`.
pub fn format_number(value: f64, to_string: impl FnOnce(f64) -> String) -> String {
    if value == 0.0 && value.is_sign_negative() {
        return "-0".to_string();
    }
    to_string(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn quote_choice_follows_the_contents() {
        assert_eq!(quote_string(&u("s")), "'s'");
        assert_eq!(quote_string(&u("it's")), "\"it's\"");
        assert_eq!(quote_string(&u("say \"hi\"")), "'say \"hi\"'");
        assert_eq!(quote_string(&u("both ' and \"")), "`both ' and \"`");
        assert_eq!(quote_string(&u("a'b\"c`d")), "'a\\'b\"c`d'");
        assert_eq!(quote_string(&u("a'b\"c${")), "'a\\'b\"c${'");
        assert_eq!(quote_string(&u("'")), "\"'\"");
        assert_eq!(quote_string(&u("'\"")), "`'\"`");
    }

    #[test]
    fn control_characters_backslash_and_lone_surrogates_are_escaped() {
        assert_eq!(quote_string(&u("new\nline")), "'new\\nline'");
        assert_eq!(quote_string(&u("a\tb\u{b}\u{1b}")), "'a\\tb\\x0B\\x1B'");
        assert_eq!(quote_string(&u("\\")), "'\\\\'");
        assert_eq!(quote_string(&[0, 0x7f, 0x85, 0xd800]), "'\\x00\\x7F\\x85\\ud800'");
        assert_eq!(quote_string(&[0xdc00, b'a' as u16]), "'\\udc00a'");
        // A surrogate pair is one character, printed as is.
        assert_eq!(quote_string(&u("😀")), "'😀'");
        assert_eq!(quote_string(&u("中文")), "'中文'");
        // In double or backtick quotes the single quote is not escaped but controls still are.
        assert_eq!(quote_string(&u("it's\n")), "\"it's\\n\"");
    }

    #[test]
    fn long_strings_split_after_newlines() {
        let s = format!("{}\n{}", "x".repeat(100), "y".repeat(30));
        assert_eq!(
            format_string_value(&u(&s), 0, 80, 10_000),
            format!("'{}\\n' +\n  '{}'", "x".repeat(100), "y".repeat(30))
        );
        // Indentation shrinks the room and deepens the continuation lines.
        let s = format!("{}\n{}", "x".repeat(70), "y".repeat(30));
        assert_eq!(
            format_string_value(&u(&s), 2, 80, 10_000),
            format!("'{}\\n' +\n    '{}'", "x".repeat(70), "y".repeat(30))
        );
        // No split without a newline, no empty piece after a final newline, none at 16 units.
        assert_eq!(format_string_value(&u(&"z".repeat(90)), 0, 80, 10_000).len(), 92);
        let s = format!("{}\n", "x".repeat(17));
        assert_eq!(format_string_value(&u(&s), 0, 10, 10_000), format!("'{}\\n'", "x".repeat(17)));
        assert_eq!(
            format_string_value(&u("\n\nabcdefghijklmnopqrstuvwxyz\n"), 0, 10, 10_000),
            "'\\n' +\n  '\\n' +\n  'abcdefghijklmnopqrstuvwxyz\\n'"
        );
        assert_eq!(format_string_value(&u("a\nb"), 0, 0, 10_000), "'a\\nb'");
    }

    #[test]
    fn very_long_strings_are_cut() {
        assert_eq!(format_string_value(&u("abcdef"), 0, 80, 4), "'abcd'... 2 more characters");
        assert_eq!(format_string_value(&u("abcde"), 0, 80, 4), "'abcd'... 1 more character");
    }

    #[test]
    fn keys() {
        assert_eq!(format_string_key(&u("valid_id")), "valid_id");
        assert_eq!(format_string_key(&u("A1")), "A1");
        assert_eq!(format_string_key(&u("needs-quotes")), "'needs-quotes'");
        assert_eq!(format_string_key(&u("3")), "'3'");
        assert_eq!(format_string_key(&u("$y")), "'$y'");
        assert_eq!(format_string_key(&u("")), "''");
        assert_eq!(format_string_key(&u("é")), "'é'");
        assert_eq!(format_string_key(&u("it's")), "\"it's\"");
        assert_eq!(format_string_key(&u("__proto__")), "['__proto__']");
        assert_eq!(format_string_key(&u("__proto__x")), "__proto__x");
    }

    #[test]
    fn symbols() {
        assert_eq!(format_symbol_value(Some(&u("tag"))), "Symbol(tag)");
        assert_eq!(format_symbol_value(None), "Symbol()");
        assert_eq!(format_symbol_value(Some(&u("a\nb"))), "Symbol(a\nb)");
        assert_eq!(format_symbol_key(Some(&u("a\nb"))), "Symbol(a\\nb)");
        assert_eq!(format_symbol_key(Some(&u("it's"))), "Symbol(it\\'s)");
    }

    #[test]
    fn negative_zero_keeps_its_sign() {
        assert_eq!(format_number(-0.0, |_| "0".into()), "-0");
        assert_eq!(format_number(0.0, |_| "0".into()), "0");
        assert_eq!(format_number(1.5, |_| "1.5".into()), "1.5");
    }
}
