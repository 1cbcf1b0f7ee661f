//! QuoteJSONString — ECMA-262 §25.5.2.3: a string as a JSON string literal.

/// Appends `value` quoted as a JSON string to `out` (§25.5.2.3 QuoteJSONString): the usual
/// short escapes, `\u00XX` (lowercase hex) for other control characters, and `\uXXXX` for
/// lone surrogates so the result is well-formed UTF-16.
pub fn quote_json_string(value: &[u16], out: &mut Vec<u16>) {
    // Step 1: the opening quote.
    out.push(u16::from(b'"'));
    // Step 2: each code point of StringToCodePoints(value).
    let mut i = 0;
    while i < value.len() {
        let c = value[i];
        let short_escape = match c {
            0x08 => Some(b'b'),
            0x09 => Some(b't'),
            0x0A => Some(b'n'),
            0x0C => Some(b'f'),
            0x0D => Some(b'r'),
            0x22 => Some(b'"'),
            0x5C => Some(b'\\'),
            _ => None,
        };
        if let Some(letter) = short_escape {
            // Step 2.a: the ControlEscape / quote / backslash table.
            out.push(u16::from(b'\\'));
            out.push(u16::from(letter));
        } else if c < 0x20 {
            // Step 2.b: other control characters as UnicodeEscape.
            push_unicode_escape(c, out);
        } else if (0xD800..=0xDBFF).contains(&c)
            && value.get(i + 1).is_some_and(|&next| (0xDC00..=0xDFFF).contains(&next))
        {
            // A surrogate pair is one code point: copied as it is.
            out.push(c);
            out.push(value[i + 1]);
            i += 1;
        } else if (0xD800..=0xDFFF).contains(&c) {
            // Step 2.b: a lone surrogate as UnicodeEscape.
            push_unicode_escape(c, out);
        } else {
            // Step 2.c: everything else as it is.
            out.push(c);
        }
        i += 1;
    }
    // Step 3: the closing quote.
    out.push(u16::from(b'"'));
}

/// UnicodeEscape(C) — §25.5.2.4: `\u` and four lowercase hex digits.
fn push_unicode_escape(c: u16, out: &mut Vec<u16>) {
    out.push(u16::from(b'\\'));
    out.push(u16::from(b'u'));
    for shift in [12, 8, 4, 0] {
        let digit = u32::from((c >> shift) & 0xF);
        out.push(char::from_digit(digit, 16).map_or(u16::from(b'0'), |d| d as u16));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(s: &[u16]) -> String {
        let mut out = Vec::new();
        quote_json_string(s, &mut out);
        String::from_utf16_lossy(&out)
    }

    #[test]
    fn escapes_like_json_stringify() {
        // node: JSON.stringify("\u0000\u0001\b\t\n\u000b\f\r\u001f \"\\/\u007f\u2028")
        let input: Vec<u16> = "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \"\\/\u{7f}\u{2028}".encode_utf16().collect();
        assert_eq!(quote(&input), "\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u{7f}\u{2028}\"");
    }

    #[test]
    fn lone_surrogates_are_escaped_and_pairs_kept() {
        // node: JSON.stringify("\ud800\udc00\udfff\ud800x") === '"\u{10000}\\udfff\\ud800x"'
        let input = [0xD800, 0xDC00, 0xDFFF, 0xD800, u16::from(b'x')];
        assert_eq!(quote(&input), "\"\u{10000}\\udfff\\ud800x\"");
        assert_eq!(quote(&[0xDBFF]), "\"\\udbff\"");
    }
}
