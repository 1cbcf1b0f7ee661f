//! `util.format` (and so `console.log`): a format string with `%` placeholders, then every
//! remaining argument — strings as they are, anything else through `util.inspect` — joined by
//! spaces. This follows Node v20's `formatWithOptions`.
//!
//! The placeholder scan is kept apart from the conversions so it can be tested on its own:
//! [`expand_placeholders`] walks the format string and asks a callback for each argument's text.

/// A recognised placeholder.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Placeholder {
    /// `%s`: `String(value)`, numbers with `-0`, objects without their own `toString` inspected
    /// to depth 0.
    String,
    /// `%d`: `Number(value)`.
    Number,
    /// `%i`: `parseInt(value)`.
    Integer,
    /// `%f`: `parseFloat(value)`.
    Float,
    /// `%j`: `JSON.stringify(value)`, `[Circular]` for cycles.
    Json,
    /// `%o`: inspect with hidden properties, proxies shown, depth 4.
    ObjectHidden,
    /// `%O`: inspect with the default options.
    Object,
    /// `%c`: CSS for browsers; consumes its argument and prints nothing.
    Css,
}

impl Placeholder {
    fn from_unit(unit: u16) -> Option<Placeholder> {
        Some(match unit {
            0x73 => Placeholder::String,       // s
            0x64 => Placeholder::Number,       // d
            0x69 => Placeholder::Integer,      // i
            0x66 => Placeholder::Float,        // f
            0x6a => Placeholder::Json,         // j
            0x6f => Placeholder::ObjectHidden, // o
            0x4f => Placeholder::Object,       // O
            0x63 => Placeholder::Css,          // c
            _ => return None,
        })
    }
}

const PERCENT: u16 = b'%' as u16;

/// The result of scanning a format string.
#[derive(Debug, PartialEq, Eq)]
pub struct Expanded {
    /// The format string with its placeholders replaced.
    pub text: String,
    /// Index of the first argument that still has to be appended (the format string itself is
    /// argument 0). When no placeholder was replaced this is 0: the format string is then printed
    /// like any other string argument.
    pub next_arg: usize,
}

/// Replaces the placeholders of `format` (argument 0 of `arg_count`) by what `convert` returns for
/// the placeholder and the index of the argument it consumes. A placeholder with no argument left
/// stays as written; `%%` becomes `%` unless the format string is the only argument; unknown
/// `%x` stays.
pub fn expand_placeholders<E>(
    format: &[u16],
    arg_count: usize,
    mut convert: impl FnMut(Placeholder, usize) -> Result<String, E>,
) -> Result<Expanded, E> {
    if arg_count <= 1 {
        // A lone format string is printed exactly as written.
        return Ok(Expanded { text: String::from_utf16_lossy(format), next_arg: 0 });
    }
    let mut text: Vec<u16> = Vec::with_capacity(format.len());
    let mut arg = 0usize;
    let mut last = 0usize;
    let mut i = 0usize;
    while i + 1 < format.len() {
        if format[i] == PERCENT {
            i += 1;
            let next = format[i];
            if arg + 1 != arg_count {
                if next == PERCENT {
                    // Keep the first `%`, drop the second.
                    text.extend_from_slice(&format[last..i]);
                    last = i + 1;
                } else if let Some(placeholder) = Placeholder::from_unit(next) {
                    arg += 1;
                    let replacement = convert(placeholder, arg)?;
                    text.extend_from_slice(&format[last..i - 1]);
                    text.extend(replacement.encode_utf16());
                    last = i + 1;
                }
            } else if next == PERCENT {
                text.extend_from_slice(&format[last..i]);
                last = i + 1;
            }
        }
        i += 1;
    }
    if last == 0 {
        return Ok(Expanded { text: String::from_utf16_lossy(format), next_arg: 0 });
    }
    if last < format.len() {
        text.extend_from_slice(&format[last..]);
    }
    Ok(Expanded { text: String::from_utf16_lossy(&text), next_arg: arg + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expands with arguments that print as `<placeholder letter><index>`.
    fn expand(format: &str, arg_count: usize) -> (String, usize) {
        let units: Vec<u16> = format.encode_utf16().collect();
        let result = expand_placeholders::<()>(&units, arg_count, |p, i| {
            let letter = match p {
                Placeholder::String => "s",
                Placeholder::Number => "d",
                Placeholder::Integer => "i",
                Placeholder::Float => "f",
                Placeholder::Json => "j",
                Placeholder::ObjectHidden => "o",
                Placeholder::Object => "O",
                Placeholder::Css => return Ok(String::new()),
            };
            Ok(format!("<{letter}{i}>"))
        });
        match result {
            Ok(e) => (e.text, e.next_arg),
            Err(()) => panic!("the callback does not fail"),
        }
    }

    #[test]
    fn placeholders_take_arguments_in_order() {
        assert_eq!(expand("%s is %d years", 3), ("<s1> is <d2> years".into(), 3));
        assert_eq!(expand("%i %d %f", 4), ("<i1> <d2> <f3>".into(), 4));
        assert_eq!(expand("%j%o%O", 4), ("<j1><o2><O3>".into(), 4));
        assert_eq!(expand("a%cb", 2), ("ab".into(), 2));
    }

    #[test]
    fn placeholders_without_arguments_stay() {
        assert_eq!(expand("%s and %s", 2), ("<s1> and %s".into(), 2));
        // Nothing replaced: the format string is printed as a plain argument.
        assert_eq!(expand("%s", 1), ("%s".into(), 0));
        assert_eq!(expand("100%% sure", 1), ("100%% sure".into(), 0));
    }

    #[test]
    fn double_percent_and_unknown_letters() {
        assert_eq!(expand("100%% sure", 3), ("100% sure".into(), 1));
        assert_eq!(expand("%x %s", 2), ("%x <s1>".into(), 2));
        assert_eq!(expand("%", 2), ("%".into(), 0));
        assert_eq!(expand("50%", 2), ("50%".into(), 0));
        assert_eq!(expand("%s%", 2), ("<s1>%".into(), 2));
        // `%%` after the last argument was used still collapses.
        assert_eq!(expand("%s %%", 2), ("<s1> %".into(), 2));
    }
}
