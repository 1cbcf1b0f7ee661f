//! The `require('<string literal>')` calls of a CommonJS module's text, found by a plain scan:
//! the hints of [`super::prefetch`].
//!
//! The scan does not parse: it looks for the word `require` (not the tail of a longer name
//! and not a property such as `x.require`), then `(`, a string literal without escapes or line
//! breaks, and `)`, with white space allowed between them. A call inside a comment or a string
//! is found as well, and a call with a computed argument is not: the result is only a guess at
//! what the module will load, which is all a prefetch needs (a wrong guess costs work on the
//! prefetch thread and nothing else).

/// The specifiers of the module's `require('…')` calls, in the order of the text, without
/// repeats.
pub fn static_require_specifiers(source: &str) -> Vec<String> {
    const WORD: &str = "require";
    let bytes = source.as_bytes();
    let mut out: Vec<String> = Vec::new();
    // The word is found by its `q`, a rare letter in code: a search for one byte is a fast
    // memchr, where a search for the whole word walks every byte.
    const Q: usize = 2;
    let mut from = 0;
    while let Some(found) = source[from..].find('q') {
        let q = from + found;
        // Just after an ASCII byte: a character boundary.
        from = q + 1;
        let Some(start) = q.checked_sub(Q) else { continue };
        if bytes.get(start..start + WORD.len()) != Some(WORD.as_bytes()) {
            continue;
        }
        let after = start + WORD.len();
        if start > 0 && continues_name_or_member(bytes[start - 1]) {
            continue;
        }
        if let Some(specifier) = call_with_string_literal(bytes, after) {
            if !out.iter().any(|s| s == specifier) {
                out.push(specifier.to_string());
            }
        }
    }
    out
}

/// Whether the byte before `require` makes it part of another name or a property access.
fn continues_name_or_member(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'.' || b >= 0x80
}

/// `( 'literal' )` starting at `at` (after the word): the literal's text.
fn call_with_string_literal(bytes: &[u8], at: usize) -> Option<&str> {
    let mut i = skip_white_space(bytes, at);
    if bytes.get(i) != Some(&b'(') {
        return None;
    }
    i = skip_white_space(bytes, i + 1);
    let quote = *bytes.get(i)?;
    if quote != b'\'' && quote != b'"' {
        return None;
    }
    let text_start = i + 1;
    let mut j = text_start;
    loop {
        match *bytes.get(j)? {
            b if b == quote => break,
            b'\\' | b'\n' | b'\r' => return None,
            _ => j += 1,
        }
    }
    let text_end = j;
    let close = skip_white_space(bytes, j + 1);
    if bytes.get(close) != Some(&b')') {
        return None;
    }
    // Both ends are ASCII quotes, so the slice is on character boundaries.
    std::str::from_utf8(&bytes[text_start..text_end]).ok()
}

fn skip_white_space(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b) = bytes.get(i) {
        if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            break;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::static_require_specifiers;

    #[test]
    fn finds_calls_next_to_other_text() {
        assert_eq!(static_require_specifiers("require('a')"), ["a"]);
        assert_eq!(static_require_specifiers("é;require('b');q;requirer('x');qrequire('y');require ( \"c\" )"), ["b", "c"]);
        assert_eq!(static_require_specifiers("quire('x'); re"), Vec::<String>::new());
    }

    #[test]
    fn finds_literal_requires_in_order_without_repeats() {
        let src = "const a = require('./a.js');\nconst b = require( \"b\" );\nrequire('./a.js');\n";
        assert_eq!(static_require_specifiers(src), vec!["./a.js".to_string(), "b".to_string()]);
    }

    #[test]
    fn skips_members_longer_names_computed_and_escaped_arguments() {
        let src = "x.require('m1'); myrequire('m2'); require(name); require('a\\'b'); require('c' + d);\
                   require(`t`); requireX('m3'); require('ok')";
        assert_eq!(static_require_specifiers(src), vec!["ok".to_string()]);
    }

    #[test]
    fn unterminated_or_truncated_text_finds_nothing() {
        for src in ["require('abc", "require(", "require", "require('x'", "é require('é')"] {
            let found = static_require_specifiers(src);
            assert!(found.is_empty() || found == vec!["é".to_string()], "{src:?}: {found:?}");
        }
        assert_eq!(static_require_specifiers("é require('é')"), vec!["é".to_string()]);
    }
}
