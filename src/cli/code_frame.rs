//! The code frame Node prints for an uncaught SyntaxError:
//!
//! ```text
//! FILE:LINE
//! <the source line>
//!     ^^^
//!
//! SyntaxError: <message>
//! ```
//!
//! The underline follows Node's own rules (src/node_errors.cc): V8 reports the error's start
//! column and an end column (start + the length of the offending range, both in UTF-16 code
//! units); Node then walks the *UTF-8 bytes* of the source line, copying tabs and writing spaces
//! before the start and `^` from start to end. It stops at a NUL byte, writes at most 1020
//! characters, and leaves the underline line out when the range runs past the end of the line.
//! An empty range (the end of the input) gets no caret. `%s` also cuts the source line at a NUL.

use modjs_lexer::LineIndex;
use modjs_parser::SyntaxError;

/// The longest underline Node writes.
const UNDERLINE_MAX: usize = 1020;

/// The whole report for `err` in `src`, read from `file` (shown as given), ending in a newline.
pub fn syntax_error_report(file: &str, src: &str, err: &SyntaxError) -> String {
    let index = LineIndex::new(src);
    let start = (err.span.start as usize).min(src.len());
    let end = (err.span.end as usize).max(start);
    let (line, start_col) = index.line_col(src, start);
    let line_text = index.line_text(src, line);
    // The range's length in UTF-16 units, as V8 measures positions (a range that runs past the
    // end of the text keeps its length, so it also runs past the end of the line).
    let in_text = end.min(src.len());
    let width = src.get(start..in_text).map_or(in_text - start, |s| s.encode_utf16().count())
        + (end - in_text);
    let end_col = start_col + width;

    let shown = cut_at_nul(line_text);
    let mut out = format!("{file}:{line}\n{shown}\n");
    if end_col <= line_text.len() {
        out.push_str(&underline(line_text.as_bytes(), start_col, end_col));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&format!("{}: {}\n", err.name(), err.message));
    out
}

fn cut_at_nul(s: &str) -> &str {
    s.split('\0').next().unwrap_or("")
}

/// Node's underline: whitespace up to `start`, carets up to `end`, indexed by UTF-8 byte.
pub fn underline(line: &[u8], start: usize, end: usize) -> String {
    let mut out = String::new();
    for (i, &b) in line.iter().enumerate().take(end) {
        if b == 0 || out.len() >= UNDERLINE_MAX {
            break;
        }
        out.push(match (i < start, b) {
            (true, b'\t') => '\t',
            (true, _) => ' ',
            (false, _) => '^',
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use modjs_parser::ast::Span;

    fn report(src: &str, start: usize, end: usize) -> String {
        syntax_error_report(
            "f.js",
            src,
            &SyntaxError::new("Unexpected identifier 'bar'", Span::new(start, end)),
        )
    }

    #[test]
    fn underlines_the_token_on_its_line() {
        let src = "const x = 1;\n  foo bar baz;\n";
        assert_eq!(
            report(src, 19, 22),
            "f.js:2\n  foo bar baz;\n      ^^^\n\nSyntaxError: Unexpected identifier 'bar'\n"
        );
    }

    #[test]
    fn keeps_tabs_before_the_caret() {
        assert_eq!(
            report("\tfoo bar;", 5, 8),
            "f.js:1\n\tfoo bar;\n\t    ^^^\n\nSyntaxError: Unexpected identifier 'bar'\n"
        );
    }

    #[test]
    fn end_of_input_has_no_caret() {
        let src = "x = (1\n\n";
        let r = syntax_error_report(
            "b.js",
            src,
            &SyntaxError::new("Unexpected end of input", Span::new(8, 8)),
        );
        assert_eq!(r, "b.js:3\n\n\n\nSyntaxError: Unexpected end of input\n");
    }

    #[test]
    fn columns_count_utf16_units() {
        // `let s = "é€𝒳" bar;`: Node puts the caret 15 spaces in (𝒳 is two UTF-16 units).
        let src = "let s = \"é€𝒳\" bar;";
        let start = src.find("bar").unwrap();
        let r = report(src, start, start + 3);
        assert_eq!(r.lines().nth(2), Some(format!("{}^^^", " ".repeat(15)).as_str()));
    }

    #[test]
    fn a_range_past_the_line_end_has_no_underline() {
        let src = "x = `a\nb`;";
        let r = report(src, 4, 9);
        assert_eq!(r, "f.js:1\nx = `a\n\nSyntaxError: Unexpected identifier 'bar'\n");
    }

    #[test]
    fn a_range_past_the_end_of_the_text_has_no_underline() {
        let r = report("s = \"\\u", 4, 8);
        assert_eq!(r, "f.js:1\ns = \"\\u\n\nSyntaxError: Unexpected identifier 'bar'\n");
    }

    #[test]
    fn nul_bytes_cut_the_line_and_the_underline() {
        let r = report("a\0b", 1, 2);
        assert_eq!(r, "f.js:1\na\n \n\nSyntaxError: Unexpected identifier 'bar'\n");
    }

    #[test]
    fn the_underline_is_capped_like_nodes() {
        let src = format!("{}bar", " ".repeat(5000));
        let r = report(&src, 5000, 5003);
        assert_eq!(r.lines().nth(2).map(str::len), Some(UNDERLINE_MAX));
    }
}
