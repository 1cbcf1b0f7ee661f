//! The JSON text parser behind `JSON.parse` (ECMA-262 §25.5.1 step 2–4: the text must be a
//! valid JSON text per ECMA-404, evaluated as a JavaScript literal).
//!
//! It reads UTF-16 and hands every finished value to a [`JsonBuilder`], so the same parser
//! builds VM objects for `JSON.parse` and plain trees in tests. Nesting is handled with an
//! explicit stack of open containers instead of recursion: like V8, arbitrarily deep input
//! parses without exhausting the native stack.
//!
//! Error messages are V8's (Node 20) word for word, including which of the specific
//! "Expected …" messages applies at each point and the `"…" is not valid JSON` excerpts.

/// Receives the values the parser produces, innermost first.
pub trait JsonBuilder {
    type Value;
    fn null(&mut self) -> Self::Value;
    fn boolean(&mut self, value: bool) -> Self::Value;
    fn number(&mut self, value: f64) -> Self::Value;
    fn string(&mut self, units: Vec<u16>) -> Self::Value;
    fn array(&mut self, elements: Vec<Self::Value>) -> Self::Value;
    /// Members in source order; a repeated name appears twice (the later value wins when
    /// defined in order).
    fn object(&mut self, members: Vec<(Vec<u16>, Self::Value)>) -> Self::Value;
}

/// A JSON syntax error: the message of the SyntaxError to throw (UTF-16, since the excerpt of
/// the source it may quote can hold any code unit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonSyntaxError {
    pub message: Vec<u16>,
}

impl JsonSyntaxError {
    pub fn message_lossy(&self) -> String {
        String::from_utf16_lossy(&self.message)
    }
}

/// Parses `source` as one JSON text.
pub fn parse_json_text<B: JsonBuilder>(
    source: &[u16],
    builder: &mut B,
) -> Result<B::Value, JsonSyntaxError> {
    Parser { source, pos: 0 }.parse_text(builder)
}

/// The kinds of token V8 distinguishes when it reports an unexpected one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Token {
    Eos,
    Number,
    String,
    Other,
}

/// The specific messages used where the parser knows what it expected.
#[derive(Clone, Copy)]
enum Expected {
    PropertyNameOrRBrace,
    DoubleQuotedPropertyName,
    ColonAfterPropertyName,
    CommaOrRBrace,
    CommaOrRBrack,
}

impl Expected {
    fn text(self) -> &'static str {
        match self {
            Expected::PropertyNameOrRBrace => "Expected property name or '}'",
            Expected::DoubleQuotedPropertyName => "Expected double-quoted property name",
            Expected::ColonAfterPropertyName => "Expected ':' after property name",
            Expected::CommaOrRBrace => "Expected ',' or '}' after property value",
            Expected::CommaOrRBrack => "Expected ',' or ']' after array element",
        }
    }
}

/// An open container on the explicit stack.
enum Open<V> {
    Array(Vec<V>),
    /// Finished members, and the name of the member whose value is being parsed.
    Object(Vec<(Vec<u16>, V)>, Vec<u16>),
}

struct Parser<'a> {
    source: &'a [u16],
    pos: usize,
}

const QUOTE: u16 = b'"' as u16;
const BACKSLASH: u16 = b'\\' as u16;

/// Whole sources that V8 reports as `"<source>" is not valid JSON` (what `JSON.parse` sees
/// when handed `undefined`, `NaN`, `Infinity` or a plain object).
const SPECIAL_SOURCES: [&str; 4] = ["[object Object]", "undefined", "Infinity", "NaN"];

/// V8 quotes at most this many code units on each side of the offending one.
const CONTEXT_UNITS: usize = 10;

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u16> {
        self.source.get(self.pos).copied()
    }

    fn peek_is(&self, ascii: u8) -> bool {
        self.peek() == Some(u16::from(ascii))
    }

    /// JSON white space: space, tab, line feed, carriage return — nothing else.
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(0x20 | 0x09 | 0x0A | 0x0D)) {
            self.pos += 1;
        }
    }

    fn token_at(&self, pos: usize) -> Token {
        match self.source.get(pos) {
            None => Token::Eos,
            Some(&c) if c == QUOTE => Token::String,
            Some(&c) if c == u16::from(b'-') || (0x30..=0x39).contains(&c) => Token::Number,
            Some(_) => Token::Other,
        }
    }

    /// `<text> in JSON at position <pos>`.
    fn error_at(&self, text: &str, pos: usize) -> JsonSyntaxError {
        JsonSyntaxError { message: format!("{text} in JSON at position {pos}").encode_utf16().collect() }
    }

    fn expected(&self, what: Expected) -> JsonSyntaxError {
        self.error_at(what.text(), self.pos)
    }

    /// The error for an unexpected token at `pos` where no specific message applies.
    fn unexpected_at(&self, pos: usize) -> JsonSyntaxError {
        match self.token_at(pos) {
            Token::Eos => JsonSyntaxError { message: "Unexpected end of JSON input".encode_utf16().collect() },
            Token::Number => self.error_at("Unexpected number", pos),
            Token::String => self.error_at("Unexpected string", pos),
            Token::Other => self.unexpected_character(pos),
        }
    }

    /// `Unexpected token 'c', "<source or excerpt>" is not valid JSON`.
    fn unexpected_character(&self, pos: usize) -> JsonSyntaxError {
        let utf16 = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
        let source = self.source;
        if SPECIAL_SOURCES.iter().any(|s| utf16(s) == source) {
            let mut message = utf16("\"");
            message.extend_from_slice(source);
            message.extend(utf16("\" is not valid JSON"));
            return JsonSyntaxError { message };
        }
        let mut message = utf16("Unexpected token '");
        message.extend(source.get(pos).copied());
        message.extend(utf16("', "));
        let len = source.len();
        let (start, end) = if len <= 2 * CONTEXT_UNITS {
            (0, len)
        } else if pos < CONTEXT_UNITS {
            (0, pos + CONTEXT_UNITS)
        } else if pos < len - CONTEXT_UNITS {
            (pos - CONTEXT_UNITS, pos + CONTEXT_UNITS)
        } else {
            (pos - CONTEXT_UNITS, len)
        };
        if start > 0 {
            message.extend(utf16("..."));
        }
        message.extend(utf16("\""));
        message.extend_from_slice(&source[start..end]);
        message.extend(utf16("\""));
        if end < len {
            message.extend(utf16("..."));
        }
        message.extend(utf16(" is not valid JSON"));
        JsonSyntaxError { message }
    }

    fn parse_text<B: JsonBuilder>(mut self, builder: &mut B) -> Result<B::Value, JsonSyntaxError> {
        let mut stack: Vec<Open<B::Value>> = Vec::new();
        'produce: loop {
            // Produce one value (or open a container and go on to its first member).
            self.skip_whitespace();
            let mut value = match self.peek() {
                Some(c) if c == QUOTE => {
                    let s = self.scan_string()?;
                    builder.string(s)
                }
                Some(c) if c == u16::from(b'-') || (0x30..=0x39).contains(&c) => {
                    let n = self.scan_number()?;
                    builder.number(n)
                }
                Some(c) if c == u16::from(b'{') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek_is(b'}') {
                        self.pos += 1;
                        builder.object(Vec::new())
                    } else {
                        let name = self.property_name(Expected::PropertyNameOrRBrace)?;
                        self.colon(Some(Expected::ColonAfterPropertyName))?;
                        stack.push(Open::Object(Vec::new(), name));
                        continue 'produce;
                    }
                }
                Some(c) if c == u16::from(b'[') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek_is(b']') {
                        self.pos += 1;
                        builder.array(Vec::new())
                    } else {
                        stack.push(Open::Array(Vec::new()));
                        continue 'produce;
                    }
                }
                Some(c) if c == u16::from(b't') => {
                    self.scan_literal("true")?;
                    builder.boolean(true)
                }
                Some(c) if c == u16::from(b'f') => {
                    self.scan_literal("false")?;
                    builder.boolean(false)
                }
                Some(c) if c == u16::from(b'n') => {
                    self.scan_literal("null")?;
                    builder.null()
                }
                _ => return Err(self.unexpected_at(self.pos)),
            };
            // Hand the value to the innermost open container; close containers that end.
            loop {
                match stack.pop() {
                    None => {
                        self.skip_whitespace();
                        if self.pos < self.source.len() {
                            let message = format!(
                                "Unexpected non-whitespace character after JSON at position {}",
                                self.pos
                            );
                            return Err(JsonSyntaxError { message: message.encode_utf16().collect() });
                        }
                        return Ok(value);
                    }
                    Some(Open::Array(mut elements)) => {
                        elements.push(value);
                        self.skip_whitespace();
                        if self.peek_is(b',') {
                            self.pos += 1;
                            stack.push(Open::Array(elements));
                            continue 'produce;
                        }
                        if !self.peek_is(b']') {
                            return Err(self.expected(Expected::CommaOrRBrack));
                        }
                        self.pos += 1;
                        value = builder.array(elements);
                    }
                    Some(Open::Object(mut members, name)) => {
                        members.push((name, value));
                        self.skip_whitespace();
                        if self.peek_is(b',') {
                            self.pos += 1;
                            let name = self.property_name(Expected::DoubleQuotedPropertyName)?;
                            // Only the first member's colon has a specific message in V8.
                            self.colon(None)?;
                            stack.push(Open::Object(members, name));
                            continue 'produce;
                        }
                        if !self.peek_is(b'}') {
                            return Err(self.expected(Expected::CommaOrRBrace));
                        }
                        self.pos += 1;
                        value = builder.object(members);
                    }
                }
            }
        }
    }

    /// A member name: white space, then a string, else the given error.
    fn property_name(&mut self, otherwise: Expected) -> Result<Vec<u16>, JsonSyntaxError> {
        self.skip_whitespace();
        if !self.peek_is(b'"') {
            return Err(self.expected(otherwise));
        }
        self.scan_string()
    }

    /// White space then `:`; without a specific message the generic unexpected-token one.
    fn colon(&mut self, message: Option<Expected>) -> Result<(), JsonSyntaxError> {
        self.skip_whitespace();
        if self.peek_is(b':') {
            self.pos += 1;
            return Ok(());
        }
        Err(match message {
            Some(m) => self.expected(m),
            None => self.unexpected_at(self.pos),
        })
    }

    /// `true`, `false` or `null`, already recognised by its first letter.
    fn scan_literal(&mut self, word: &str) -> Result<(), JsonSyntaxError> {
        for expected in word.bytes() {
            if !self.peek_is(expected) {
                return Err(self.unexpected_at(self.pos));
            }
            self.pos += 1;
        }
        Ok(())
    }

    /// A JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn scan_number(&mut self) -> Result<f64, JsonSyntaxError> {
        let start = self.pos;
        let is_digit = |c: Option<u16>| c.is_some_and(|c| (0x30..=0x39).contains(&c));
        if self.peek_is(b'-') {
            self.pos += 1;
            if !is_digit(self.peek()) {
                return Err(self.error_at("No number after minus sign", self.pos));
            }
        }
        if self.peek_is(b'0') {
            self.pos += 1;
            // A leading zero must stand alone.
            if is_digit(self.peek()) {
                return Err(self.error_at("Unexpected number", self.pos));
            }
        } else {
            while is_digit(self.peek()) {
                self.pos += 1;
            }
        }
        if self.peek_is(b'.') {
            self.pos += 1;
            if !is_digit(self.peek()) {
                return Err(self.error_at("Unterminated fractional number", self.pos));
            }
            while is_digit(self.peek()) {
                self.pos += 1;
            }
        }
        if self.peek_is(b'e') || self.peek_is(b'E') {
            self.pos += 1;
            if self.peek_is(b'+') || self.peek_is(b'-') {
                self.pos += 1;
            }
            if !is_digit(self.peek()) {
                return Err(self.error_at("Exponent part is missing a number", self.pos));
            }
            while is_digit(self.peek()) {
                self.pos += 1;
            }
        }
        // The text is ASCII and has the shape Rust's parser accepts; it rounds correctly.
        let text: String = self.source[start..self.pos].iter().map(|&c| char::from(c as u8)).collect();
        Ok(text.parse::<f64>().unwrap_or(f64::NAN))
    }

    /// A string starting at the opening quote; returns its code units.
    fn scan_string(&mut self) -> Result<Vec<u16>, JsonSyntaxError> {
        self.pos += 1; // the opening quote
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error_at("Unterminated string", self.pos));
            };
            match c {
                QUOTE => {
                    self.pos += 1;
                    return Ok(out);
                }
                BACKSLASH => {
                    self.pos += 1;
                    let Some(escape) = self.peek() else {
                        return Err(self.unexpected_at(self.pos));
                    };
                    let unit = match u8::try_from(escape).unwrap_or(0) {
                        b'"' => 0x22,
                        b'\\' => 0x5C,
                        b'/' => 0x2F,
                        b'b' => 0x08,
                        b'f' => 0x0C,
                        b'n' => 0x0A,
                        b'r' => 0x0D,
                        b't' => 0x09,
                        b'u' => {
                            let mut value: u16 = 0;
                            for _ in 0..4 {
                                self.pos += 1;
                                let digit = self
                                    .peek()
                                    .and_then(|d| char::from_u32(u32::from(d)))
                                    .and_then(|d| d.to_digit(16));
                                match digit {
                                    Some(d) => value = value * 16 + d as u16,
                                    None => return Err(self.error_at("Bad Unicode escape", self.pos)),
                                }
                            }
                            value
                        }
                        _ => return Err(self.error_at("Bad escaped character", self.pos)),
                    };
                    out.push(unit);
                    self.pos += 1;
                }
                c if c < 0x20 => {
                    return Err(self.error_at("Bad control character in string literal", self.pos));
                }
                c => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "parse_text_tests.rs"]
mod tests;
