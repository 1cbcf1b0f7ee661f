//! Byte offsets to the line and column numbers Node reports.

/// Maps byte offsets to 1-based lines and 0-based columns. Lines end at LF, CR, CRLF, U+2028 and
/// U+2029 (as in V8). Columns count UTF-16 code units from the start of the line, as V8 does.
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8) | Some(0xA9)) =>
                {
                    i += 2;
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    /// 1-based line number of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Byte offset where the (1-based) line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line - 1]
    }

    /// (1-based line, 0-based column in UTF-16 code units).
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.line_start(line);
        let offset = offset.min(src.len());
        let col = src.get(start..offset).map(|s| s.encode_utf16().count()).unwrap_or(offset - start);
        (line, col)
    }

    /// The text of the (1-based) line, without its terminator.
    pub fn line_text<'a>(&self, src: &'a str, line: usize) -> &'a str {
        let start = self.line_start(line);
        let rest = &src[start..];
        let end = rest
            .find(|c| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
            .unwrap_or(rest.len());
        &rest[..end]
    }
}
