//! A small JSON parser (ECMA-404 / `JSON.parse` grammar) that keeps object key order.
//!
//! `package.json` files are read with this parser. Key order matters there: conditions in
//! `"exports"`/`"imports"` are tried in the order they are written, so objects are
//! [`IndexMap`]s. Error messages follow V8's `JSON.parse` wording (Node v20 shows them inside
//! `ERR_INVALID_PACKAGE_CONFIG` and the CommonJS `SyntaxError`), with positions counted in UTF-16
//! code units as JavaScript does.

use indexmap::IndexMap;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<JsonValue>),
    /// Keys in source order; a repeated key keeps its first position and its last value, as
    /// `JSON.parse` does.
    Object(IndexMap<String, JsonValue>),
}

/// A parse failure with V8's message text (e.g. `Unexpected end of JSON input`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
}

/// Nesting deeper than this is reported as an error instead of risking the stack.
const MAX_DEPTH: usize = 512;

/// Parses `source` as one JSON text (leading and trailing JSON whitespace allowed).
pub fn parse(source: &str) -> Result<JsonValue, JsonError> {
    let mut p = Parser { src: source, chars: source.char_indices().collect(), pos: 0, depth: 0 };
    p.skip_ws();
    let value = p.value()?;
    p.skip_ws();
    if p.pos < p.chars.len() {
        return Err(JsonError {
            message: format!("Unexpected non-whitespace character after JSON at position {}", p.utf16_pos()),
        });
    }
    Ok(value)
}

/// Serializes a string the way `JSON.stringify` does (used in Node's messages, e.g.
/// `Did you mean to import "./a.js"?`).
pub fn stringify_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Serializes a value like `JSON.stringify(value)` with no indentation (Node prints
/// invalid object/array targets this way in `ERR_INVALID_PACKAGE_TARGET`).
pub fn stringify(value: &JsonValue) -> String {
    match value {
        JsonValue::Null => "null".to_string(),
        JsonValue::Bool(b) => b.to_string(),
        JsonValue::Number(n) => number_to_string(*n),
        JsonValue::String(s) => stringify_string(s),
        JsonValue::Array(items) => {
            let parts: Vec<String> = items.iter().map(stringify).collect();
            format!("[{}]", parts.join(","))
        }
        JsonValue::Object(map) => {
            let parts: Vec<String> =
                map.iter().map(|(k, v)| format!("{}:{}", stringify_string(k), stringify(v))).collect();
            format!("{{{}}}", parts.join(","))
        }
    }
}

/// `String(number)` for the numbers a package.json can hold (integers print without `.0`).
pub fn number_to_string(n: f64) -> String {
    if n.is_finite() && n == n.trunc() && n.abs() < 1e21 {
        if n == 0.0 {
            return "0".to_string();
        }
        format!("{}", n as i128)
    } else if n.is_nan() {
        "NaN".to_string()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity".to_string() } else { "-Infinity".to_string() }
    } else {
        format!("{}", n)
    }
}

struct Parser<'a> {
    src: &'a str,
    chars: Vec<(usize, char)>,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|&(_, c)| c)
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Position of the current char in UTF-16 code units (what V8 reports).
    fn utf16_pos(&self) -> usize {
        self.chars[..self.pos.min(self.chars.len())].iter().map(|&(_, c)| c.len_utf16()).sum()
    }

    /// `<what> in JSON at position N` (V8 uses this form also at the end of the input).
    fn error_at(&self, what: &str) -> JsonError {
        JsonError { message: format!("{} in JSON at position {}", what, self.utf16_pos()) }
    }

    fn end_of_input(&self) -> JsonError {
        JsonError { message: "Unexpected end of JSON input".to_string() }
    }

    /// V8's "Unexpected token" message, quoting the source (or 10 characters of context on
    /// each side when the source is longer than 20 characters).
    fn unexpected_token(&self) -> JsonError {
        let Some(c) = self.peek() else { return self.end_of_input() };
        let units: Vec<u16> = self.src.encode_utf16().collect();
        let pos = self.utf16_pos();
        let snippet = if units.len() <= 20 {
            format!("\"{}\"", self.src)
        } else {
            let start = pos.saturating_sub(10);
            let end = (pos + 10).min(units.len());
            let text = String::from_utf16_lossy(&units[start..end]);
            format!(
                "{}\"{}\"{}",
                if start > 0 { "..." } else { "" },
                text,
                if end < units.len() { "..." } else { "" }
            )
        };
        JsonError { message: format!("Unexpected token '{}', {} is not valid JSON", c, snippet) }
    }

    fn value(&mut self) -> Result<JsonValue, JsonError> {
        match self.peek() {
            None => Err(self.end_of_input()),
            Some('{') => self.object(),
            Some('[') => self.array(),
            Some('"') => Ok(JsonValue::String(self.string()?)),
            Some('-') | Some('0'..='9') => self.number(),
            Some('t') => self.literal("true", JsonValue::Bool(true)),
            Some('f') => self.literal("false", JsonValue::Bool(false)),
            Some('n') => self.literal("null", JsonValue::Null),
            Some(_) => Err(self.unexpected_token()),
        }
    }

    fn literal(&mut self, word: &str, value: JsonValue) -> Result<JsonValue, JsonError> {
        for expected in word.chars() {
            match self.peek() {
                None => return Err(self.end_of_input()),
                Some(c) if c == expected => self.pos += 1,
                Some(_) => return Err(self.unexpected_token()),
            }
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(JsonError { message: "Maximum call stack size exceeded".to_string() });
        }
        Ok(())
    }

    fn object(&mut self) -> Result<JsonValue, JsonError> {
        self.enter()?;
        self.pos += 1; // '{'
        let mut map = IndexMap::new();
        self.skip_ws();
        if self.peek() == Some('}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(JsonValue::Object(map));
        }
        let mut first = true;
        loop {
            self.skip_ws();
            match self.peek() {
                Some('"') => {}
                _ if first => return Err(self.error_at("Expected property name or '}'")),
                _ => return Err(self.error_at("Expected double-quoted property name")),
            }
            first = false;
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(':') {
                return Err(self.error_at("Expected ':' after property name"));
            }
            self.pos += 1;
            self.skip_ws();
            let v = self.value()?;
            map.insert(key, v);
            self.skip_ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some('}') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.error_at("Expected ',' or '}' after property value")),
            }
        }
        self.depth -= 1;
        Ok(JsonValue::Object(map))
    }

    fn array(&mut self) -> Result<JsonValue, JsonError> {
        self.enter()?;
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(JsonValue::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.error_at("Expected ',' or ']' after array element")),
            }
        }
        self.depth -= 1;
        Ok(JsonValue::Array(items))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error_at("Unterminated string"));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return Err(self.error_at("Unterminated string"));
                    };
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let unit = self.hex4()?;
                            // Surrogate pairs combine; a lone surrogate becomes U+FFFD (Rust
                            // strings cannot hold it).
                            if (0xD800..0xDC00).contains(&unit) && self.peek_str("\\u") {
                                let save = self.pos;
                                self.pos += 1;
                                let low = self.hex4()?;
                                if (0xDC00..0xE000).contains(&low) {
                                    let cp = 0x10000 + ((unit as u32 - 0xD800) << 10) + (low as u32 - 0xDC00);
                                    out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                                    continue;
                                }
                                self.pos = save;
                                out.push('\u{FFFD}');
                                continue;
                            }
                            out.push(char::from_u32(unit as u32).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        _ => return Err(self.error_at("Bad escaped character")),
                    }
                    self.pos += 1;
                }
                c if (c as u32) < 0x20 => return Err(self.error_at("Bad control character in string literal")),
                c => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn peek_str(&self, s: &str) -> bool {
        let mut i = self.pos;
        for c in s.chars() {
            match self.chars.get(i) {
                Some(&(_, d)) if d == c => i += 1,
                _ => return false,
            }
        }
        true
    }

    /// Reads the four hex digits after `\u` (the parser stands on the `u`).
    fn hex4(&mut self) -> Result<u16, JsonError> {
        self.pos += 1;
        let mut v: u16 = 0;
        for _ in 0..4 {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    v = v * 16 + d as u16;
                    self.pos += 1;
                }
                None => return Err(self.error_at("Bad Unicode escape")),
            }
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
            if !matches!(self.peek(), Some('0'..='9')) {
                return Err(self.error_at("No number after minus sign"));
            }
        }
        if self.peek() == Some('0') {
            self.pos += 1;
            if matches!(self.peek(), Some('0'..='9')) {
                return Err(self.error_at("Unexpected number"));
            }
        } else {
            while matches!(self.peek(), Some('0'..='9')) {
                self.pos += 1;
            }
        }
        if self.peek() == Some('.') {
            self.pos += 1;
            if !matches!(self.peek(), Some('0'..='9')) {
                return Err(self.error_at("Unterminated fractional number"));
            }
            while matches!(self.peek(), Some('0'..='9')) {
                self.pos += 1;
            }
        }
        if matches!(self.peek(), Some('e') | Some('E')) {
            self.pos += 1;
            if matches!(self.peek(), Some('+') | Some('-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some('0'..='9')) {
                return Err(self.error_at("Exponent part is missing a number"));
            }
            while matches!(self.peek(), Some('0'..='9')) {
                self.pos += 1;
            }
        }
        let from = self.chars[start].0;
        let to = self.chars.get(self.pos).map(|&(i, _)| i).unwrap_or(self.src.len());
        let text = &self.src[from..to];
        Ok(JsonValue::Number(text.parse::<f64>().unwrap_or(f64::NAN)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> String {
        parse(s).unwrap_err().message
    }

    #[test]
    fn keeps_key_order_and_last_duplicate_value() {
        let v = parse(r#"{"import": 1, "require": 2, "default": 3, "import": 4}"#).unwrap();
        let JsonValue::Object(map) = v else { panic!("not an object") };
        let keys: Vec<&str> = map.keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, ["import", "require", "default"]);
        assert_eq!(map["import"], JsonValue::Number(4.0));
    }

    #[test]
    fn parses_all_value_kinds() {
        let v = parse(" [null, true, false, -1.5e2, \"a\\u00e9\\n\", {}, []] ").unwrap();
        assert_eq!(
            v,
            JsonValue::Array(vec![
                JsonValue::Null,
                JsonValue::Bool(true),
                JsonValue::Bool(false),
                JsonValue::Number(-150.0),
                JsonValue::String("aé\n".into()),
                JsonValue::Object(IndexMap::new()),
                JsonValue::Array(vec![]),
            ])
        );
    }

    #[test]
    fn v8_error_messages() {
        assert_eq!(err("{ \"name\": \"x\", \n"), "Expected double-quoted property name in JSON at position 16");
        assert_eq!(err("{\"a\" 1}"), "Expected ':' after property name in JSON at position 5");
        assert_eq!(err("{\"a\":1 \"b\":2}"), "Expected ',' or '}' after property value in JSON at position 7");
        assert_eq!(err("[1 2]"), "Expected ',' or ']' after array element in JSON at position 3");
        assert_eq!(err("{\"a\":\"x"), "Unterminated string in JSON at position 7");
        assert_eq!(err("{\"a\":tru}"), "Unexpected token '}', \"{\"a\":tru}\" is not valid JSON");
        assert_eq!(err("{\"a\":1}x"), "Unexpected non-whitespace character after JSON at position 7");
        assert_eq!(err(""), "Unexpected end of JSON input");
        assert_eq!(err("nul"), "Unexpected end of JSON input");
        assert_eq!(err("{,}"), "Expected property name or '}' in JSON at position 1");
        assert_eq!(err("{\"a\":01}"), "Unexpected number in JSON at position 6");
        assert_eq!(err("{\"a\":-}"), "No number after minus sign in JSON at position 6");
        assert_eq!(err("\"\\u12x4\""), "Bad Unicode escape in JSON at position 5");
        assert_eq!(err("\"\\u12"), "Bad Unicode escape in JSON at position 5");
        assert_eq!(err("[1,"), "Unexpected end of JSON input");
        assert_eq!(
            err("{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":tru}"),
            "Unexpected token '}', ...\"aaaaa\":tru}\" is not valid JSON"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn stringify_matches_json_stringify() {
        let v = parse(r#"{"a":[1,"x\"y"],"b":null}"#).unwrap();
        assert_eq!(stringify(&v), r#"{"a":[1,"x\"y"],"b":null}"#);
        assert_eq!(stringify(&JsonValue::Number(42.0)), "42");
    }
}
