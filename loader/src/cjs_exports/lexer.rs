//! The tokenizer: one pass over the UTF-16 source that mirrors cjs-module-lexer 2.2.0's state
//! machine (the pure-JS `lexer.js` Node v20.20 bundles), so that it finds exactly the names
//! Node finds — including its blind spots.
//!
//! The pass does not build tokens. It walks code units, skipping whitespace, comments,
//! strings, templates and regular expressions, and keeps just enough state to tell a regular
//! expression from a division: the position of the last significant character, and, for each
//! open `(` / `{`, the position of the token before it (plus whether a `{` opens a class
//! body). At interesting identifiers (`exports`, `module`, `Object`, `require`, `__export…`,
//! `_interopRequireWildcard`, `import`, `export`) it tries one of the detection patterns in
//! [`super::patterns`]; a pattern that does not match puts the cursor back.
//!
//! Positions follow JavaScript's string semantics on purpose: reading outside the source
//! gives "no character" ([`NONE`]), and `startsWith` at a negative position looks at 0.

use indexmap::{IndexMap, IndexSet};
use std::collections::{BTreeMap, BTreeSet};

use super::identifier::{is_id_continue, is_id_start};

/// What `charCodeAt` gives outside the string (JavaScript's `NaN`): equal to no character.
pub(super) const NONE: u32 = u32::MAX;

/// Why the lexer gave up on a file. Node then shows no named exports at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    /// `ERR_LEXER_ESM_SYNTAX` for `import`/`export` syntax, otherwise the class name.
    pub code: &'static str,
    /// The lexer's message, e.g. `Unterminated string.`.
    pub message: String,
    /// Where the lexer was, as a UTF-16 offset.
    pub offset: usize,
}

/// How a name was found (for `--explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// `exports.name =`
    ExportsDot,
    /// `exports['name'] =`
    ExportsBracket,
    /// `module.exports.name =`
    ModuleExportsDot,
    /// `module.exports['name'] =`
    ModuleExportsBracket,
    /// `module.exports = { name … }`
    ObjectLiteral,
    /// `Object.defineProperty(exports, 'name', { value: … })`
    DefineValue,
    /// `Object.defineProperty(exports, 'name', { get() { return x } })`
    DefineGetter,
}

impl Evidence {
    pub fn describe(self) -> &'static str {
        match self {
            Evidence::ExportsDot => "exports.NAME =",
            Evidence::ExportsBracket => "exports['NAME'] =",
            Evidence::ModuleExportsDot => "module.exports.NAME =",
            Evidence::ModuleExportsBracket => "module.exports['NAME'] =",
            Evidence::ObjectLiteral => "module.exports = { NAME … }",
            Evidence::DefineValue => "Object.defineProperty(exports, 'NAME', { value: … })",
            Evidence::DefineGetter => "Object.defineProperty(exports, 'NAME', { get … })",
        }
    }
}

/// One sighting of a name, with the UTF-16 offset where the pattern matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sighting {
    pub evidence: Evidence,
    pub offset: usize,
}

/// The lexer's answer for one source text: what `parse()` returns, plus the evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LexOutput {
    /// Named exports in the order the lexer first saw them (unsafe getter names removed).
    pub exports: Vec<String>,
    /// Reexport specifiers in the order the lexer kept them.
    pub reexports: Vec<String>,
    /// Every sighting of each exported name.
    pub sightings: BTreeMap<String, Vec<Sighting>>,
    /// Names dropped because some `Object.defineProperty` for them had an unsupported shape.
    pub unsafe_getters: Vec<String>,
    /// Offset of the match that introduced each reexport.
    pub reexport_offsets: Vec<usize>,
}

/// Runs the lexer over `source`.
pub fn lex(source: &str) -> Result<LexOutput, LexError> {
    let units = utf16_units(source);
    let mut lx = Lexer::new(&units);
    lx.scan_source()?;
    Ok(lx.finish())
}

/// The source as UTF-16 code units (with a fast path for ASCII text).
fn utf16_units(source: &str) -> Vec<u16> {
    if source.is_ascii() {
        source.bytes().map(u16::from).collect()
    } else {
        let mut v = Vec::with_capacity(source.len());
        v.extend(source.encode_utf16());
        v
    }
}

/// Which pattern a `require('…')` was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RequireUse {
    /// A plain `require('x')` (maybe `var id = require('x')` for a later `Object.keys(id)`).
    Binding,
    /// `module.exports = require('x')` or `...require('x')` in the exports literal.
    ExportsAssign,
    /// `__export(require('x'))` / `__exportStar(require('x'))`.
    ExportStar,
}

pub(super) struct Lexer<'s> {
    pub(super) src: &'s [u16],
    /// Current position; `-1` before the first character, may run past the end.
    pub(super) pos: isize,
    /// Index of the last code unit (`len - 1`).
    pub(super) end: isize,
    /// Number of open `(`, `{` and `${`.
    pub(super) depth: usize,
    /// The depth at which the innermost template substitution was opened, or -1.
    template_depth: isize,
    template_stack: Vec<isize>,
    /// Position of the last significant character (not whitespace or comment).
    pub(super) last_token_pos: isize,
    last_slash_was_division: bool,
    /// For each depth: the `last_token_pos` when the bracket at that depth was opened.
    /// Slots are never cleared, so stale values stay visible, as in the original.
    open_token_pos: Vec<Option<isize>>,
    /// For each depth: whether the `{` opened there was a class body.
    open_class: Vec<Option<bool>>,
    next_brace_is_class: bool,
    /// `var id = require('x')` bindings seen at the top level: id → specifier.
    pub(super) star_export_bindings: BTreeMap<Vec<u16>, Option<Vec<u16>>>,
    pub(super) last_star_export_specifier: Option<Vec<u16>>,
    pub(super) exports: IndexMap<Vec<u16>, Vec<Sighting>>,
    pub(super) unsafe_getters: BTreeSet<Vec<u16>>,
    pub(super) reexports: IndexSet<Vec<u16>>,
    pub(super) reexport_offsets: Vec<usize>,
}

pub(super) fn is_quote(c: u32) -> bool {
    c == 0x22 || c == 0x27
}

/// Line terminators and whitespace the lexer knows: TAB–CR, space and NBSP (not the other
/// Unicode spaces, and not U+FEFF).
pub(super) fn is_br_or_ws(c: u32) -> bool {
    (9..14).contains(&c) || c == 32 || c == 160
}

/// Characters that can end a punctuator: `!%&()*+,-./:;<=>?[]^{|}~`.
fn is_punctuator(c: u32) -> bool {
    matches!(c, 33 | 37 | 38 | 40..=47 | 58..=63 | 91 | 93 | 94 | 123..=126)
}

/// Punctuators after which an expression (so a regular expression) starts: the punctuators
/// except `)`, `/`, `]` and `}`.
fn is_expression_punctuator(c: u32) -> bool {
    matches!(c, 33 | 37 | 38 | 40 | 42..=46 | 58..=63 | 91 | 94 | 123 | 124 | 126)
}

fn is_br_or_ws_or_punctuator_not_dot(c: u32) -> bool {
    is_br_or_ws(c) || (is_punctuator(c) && c != 46)
}

/// ASCII characters the main loop has a rule for (whitespace, the first letters of the
/// words it looks at, brackets, quotes, `/`, backtick); every other character is inert.
const ACTIVE: [bool; 128] = {
    let mut t = [false; 128];
    let chars = b"\t\n\x0B\x0C\r irec_mO(){}'\"/`";
    let mut i = 0;
    while i < chars.len() {
        t[chars[i] as usize] = true;
        i += 1;
    }
    t
};

/// Keywords after which a `/` starts a regular expression. The flag says whether a keyword
/// at the very start of the source counts: the original checks the character before the
/// keyword with an off-by-one that rejects position 0 for all but these five.
const EXPRESSION_KEYWORDS: &[(&str, bool)] = &[
    ("case", true),
    ("debugger", false),
    ("delete", false),
    ("do", true),
    ("else", true),
    ("in", true),
    ("instanceof", false),
    ("new", true),
    ("return", false),
    ("throw", false),
    ("typeof", false),
    ("void", false),
    ("yield", false),
    ("await", false),
];

impl<'s> Lexer<'s> {
    pub(super) fn new(src: &'s [u16]) -> Self {
        Lexer {
            src,
            pos: -1,
            end: src.len() as isize - 1,
            depth: 0,
            template_depth: -1,
            template_stack: Vec::new(),
            last_token_pos: -1,
            last_slash_was_division: false,
            open_token_pos: Vec::new(),
            open_class: Vec::new(),
            next_brace_is_class: false,
            star_export_bindings: BTreeMap::new(),
            last_star_export_specifier: None,
            exports: IndexMap::new(),
            unsafe_getters: BTreeSet::new(),
            reexports: IndexSet::new(),
            reexport_offsets: Vec::new(),
        }
    }

    // ----- reading the source with JavaScript string semantics -----

    /// `charCodeAt(i)`: the code unit, or [`NONE`] outside the source.
    pub(super) fn at(&self, i: isize) -> u32 {
        if i < 0 {
            return NONE;
        }
        self.src.get(i as usize).map_or(NONE, |&u| u32::from(u))
    }

    /// `startsWith(word, i)` for an ASCII word; a negative `i` counts as 0.
    pub(super) fn starts_with(&self, word: &str, i: isize) -> bool {
        let i = i.max(0) as usize;
        let w = word.as_bytes();
        match self.src.get(i..i + w.len()) {
            Some(s) => s.iter().zip(w).all(|(&a, &b)| a == u16::from(b)),
            None => false,
        }
    }

    /// `startsWith(units, i)` for a piece of source text (an identifier seen earlier).
    pub(super) fn starts_with_units(&self, units: &[u16], i: isize) -> bool {
        let i = i.max(0) as usize;
        self.src.get(i..i + units.len()) == Some(units)
    }

    /// True when `word` starts at the current position.
    pub(super) fn at_word(&self, word: &str) -> bool {
        self.pos >= 0 && self.starts_with(word, self.pos)
    }

    /// `pos++ < end`: moves on one unit and says whether the old position was before the end.
    pub(super) fn advance(&mut self) -> bool {
        let before_end = self.pos < self.end;
        self.pos += 1;
        before_end
    }

    /// `codePointAt(i)`: the code point starting at `i`, `None` outside the source.
    fn code_point_at(&self, i: isize) -> Option<u32> {
        let hi = self.at(i);
        if hi == NONE {
            return None;
        }
        if hi & 0xFC00 == 0xD800 {
            let lo = self.at(i + 1);
            if lo != NONE && lo & 0xFC00 == 0xDC00 {
                return Some(0x10000 + ((hi & 0x3FF) << 10) + (lo & 0x3FF));
            }
        }
        Some(hi)
    }

    /// The code point ending at `i` (combining a surrogate pair backwards).
    fn code_point_ending_at(&self, i: isize) -> u32 {
        let lo = self.at(i);
        if lo != NONE && lo & 0xFC00 == 0xDC00 {
            let hi = self.at(i - 1);
            let hi_bits = if hi == NONE { 0 } else { hi & 0x3FF };
            return ((hi_bits << 10) | (lo & 0x3FF)) + 0x10000;
        }
        lo
    }

    /// A keyword can start at `i` when it is at the start or follows whitespace or a
    /// punctuator other than `.`.
    pub(super) fn keyword_start(&self, i: isize) -> bool {
        i == 0 || is_br_or_ws_or_punctuator_not_dot(self.at(i - 1))
    }

    /// Reads an identifier (no escapes) at the current position; false when there is none.
    pub(super) fn identifier(&mut self) -> bool {
        match self.code_point_at(self.pos) {
            Some(cp) if is_id_start(cp) => self.pos += if cp >= 0x10000 { 2 } else { 1 },
            _ => return false,
        }
        while let Some(cp) = self.code_point_at(self.pos) {
            if cp == 0 || !is_id_continue(cp) {
                break;
            }
            self.pos += if cp >= 0x10000 { 2 } else { 1 };
        }
        true
    }

    /// Source text between two offsets.
    pub(super) fn slice(&self, from: isize, to: isize) -> &'s [u16] {
        let len = self.src.len() as isize;
        let a = from.clamp(0, len) as usize;
        let b = to.clamp(0, len) as usize;
        if a >= b {
            return &[];
        }
        &self.src[a..b]
    }

    pub(super) fn error(&self, message: &str) -> LexError {
        LexError { code: "Error", message: message.to_string(), offset: self.pos.max(0) as usize }
    }

    fn esm_syntax_error(&self, message: &str) -> LexError {
        LexError { code: "ERR_LEXER_ESM_SYNTAX", message: message.to_string(), offset: self.pos.max(0) as usize }
    }

    // ----- skipping -----

    /// Skips whitespace and comments; returns the character it stopped at. At the end of the
    /// source it returns the last character it looked at (a quirk patterns depend on).
    pub(super) fn ws(&mut self) -> u32 {
        loop {
            let ch = self.at(self.pos);
            if ch == 0x2F {
                match self.at(self.pos + 1) {
                    0x2F => self.line_comment(),
                    0x2A => self.block_comment(),
                    _ => return ch,
                }
            } else if !is_br_or_ws(ch) {
                return ch;
            }
            if !self.advance() {
                return ch;
            }
        }
    }

    fn line_comment(&mut self) {
        while self.advance() {
            let ch = self.at(self.pos);
            if ch == 0x0A || ch == 0x0D {
                return;
            }
        }
    }

    /// An unterminated block comment silently runs to the end.
    fn block_comment(&mut self) {
        self.pos += 1;
        while self.advance() {
            if self.at(self.pos) == 0x2A && self.at(self.pos + 1) == 0x2F {
                self.pos += 1;
                return;
            }
        }
    }

    /// Skips a string literal opened by `quote` at the current position; stops on its
    /// closing quote.
    pub(super) fn string_literal(&mut self, quote: u32) -> Result<(), LexError> {
        while self.advance() {
            let ch = self.at(self.pos);
            if ch == quote {
                return Ok(());
            }
            if ch == 0x5C {
                self.pos += 1;
                if self.at(self.pos) == 0x0D && self.at(self.pos + 1) == 0x0A {
                    self.pos += 1;
                }
            } else if ch == 0x0A || ch == 0x0D {
                break;
            }
        }
        Err(self.error("Unterminated string."))
    }

    fn regex_character_class(&mut self) -> Result<(), LexError> {
        while self.advance() {
            match self.at(self.pos) {
                0x5D => return Ok(()),
                0x5C => self.pos += 1,
                0x0A | 0x0D => break,
                _ => {}
            }
        }
        Err(self.error("Syntax error reading regular expression class."))
    }

    fn regular_expression(&mut self) -> Result<(), LexError> {
        while self.advance() {
            match self.at(self.pos) {
                0x2F => return Ok(()),
                0x5B => self.regex_character_class()?,
                0x5C => self.pos += 1,
                0x0A | 0x0D => break,
                _ => {}
            }
        }
        Err(self.error("Syntax error reading regular expression."))
    }

    /// Skips template characters up to the closing backtick, or up to a `${`, which opens a
    /// substitution: a new depth whose closing `}` resumes the template.
    fn template_string(&mut self) -> Result<(), LexError> {
        while self.advance() {
            let ch = self.at(self.pos);
            if ch == 0x24 && self.at(self.pos + 1) == 0x7B {
                self.pos += 1;
                self.template_stack.push(self.template_depth);
                self.depth += 1;
                self.template_depth = self.depth as isize;
                return Ok(());
            }
            if ch == 0x60 {
                return Ok(());
            }
            if ch == 0x5C {
                self.pos += 1;
            }
        }
        // lexer.js calls an undefined `syntaxError()` here, so Node sees a ReferenceError.
        Err(LexError { code: "ReferenceError", message: "syntaxError is not defined".to_string(), offset: self.pos.max(0) as usize })
    }

    // ----- bracket bookkeeping -----

    pub(super) fn open_bracket(&mut self, before: isize) {
        if self.open_token_pos.len() <= self.depth {
            self.open_token_pos.resize(self.depth + 1, None);
        }
        self.open_token_pos[self.depth] = Some(before);
        self.depth += 1;
    }

    fn open_brace(&mut self) {
        if self.open_class.len() <= self.depth {
            self.open_class.resize(self.depth + 1, None);
        }
        self.open_class[self.depth] = Some(self.next_brace_is_class);
        self.next_brace_is_class = false;
        self.open_bracket(self.last_token_pos);
    }

    // ----- regular expression or division? -----

    /// After `)`: was the parenthesis the head of `if (…)`, `while (…)` or `for (…)`?
    fn is_paren_keyword(&self, opener: Option<isize>) -> bool {
        // A slot never written reads as `undefined`, which cannot match any of these.
        let Some(p) = opener else { return false };
        (self.at(p) == 0x65 && self.starts_with("whil", p - 4))
            || (self.at(p) == 0x72 && self.starts_with("fo", p - 2))
            || (self.at(p - 1) == 0x69 && self.at(p) == 0x66)
    }

    /// After `}`: did the brace follow `=>`, `;`, `)`, `catch`, `finally` or `else` (so it
    /// closed a statement block, not an object literal)?
    fn is_expression_terminator(&self, opener: Option<isize>) -> bool {
        let Some(p) = opener else {
            // `charCodeAt(undefined)` reads position 0.
            return matches!(self.at(0), 0x3B | 0x29);
        };
        match self.at(p) {
            0x3E => self.at(p - 1) == 0x3D,
            0x3B | 0x29 => true,
            0x68 => self.starts_with("catc", p - 4),
            0x79 => self.starts_with("finall", p - 6),
            0x65 => self.starts_with("els", p - 3),
            _ => false,
        }
    }

    /// Does one of [`EXPRESSION_KEYWORDS`] end at `p`?
    fn is_expression_keyword(&self, p: isize) -> bool {
        EXPRESSION_KEYWORDS.iter().any(|&(kw, at_start_ok)| {
            let start = p - kw.len() as isize + 1;
            if start < 0 || !self.starts_with(kw, start) {
                return false;
            }
            if start == 0 {
                return at_start_ok;
            }
            is_br_or_ws_or_punctuator_not_dot(self.at(start - 1))
        })
    }

    fn slash_starts_regex(&self) -> bool {
        let last = self.at(self.last_token_pos);
        let before_last = self.at(self.last_token_pos - 1);
        let slot = self.open_token_pos.get(self.depth).copied().flatten();
        let class_slot = self.open_class.get(self.depth).copied().flatten().unwrap_or(false);
        (is_expression_punctuator(last)
            && !(last == 0x2E && (0x30..=0x39).contains(&before_last))
            && !(last == 0x2B && before_last == 0x2B)
            && !(last == 0x2D && before_last == 0x2D))
            || (last == 0x29 && self.is_paren_keyword(slot))
            || (last == 0x7D && (self.is_expression_terminator(slot) || class_slot))
            || (last == 0x2F && self.last_slash_was_division)
            || self.is_expression_keyword(self.last_token_pos)
            || last == NONE
            || last == 0
    }

    // ----- the main loop -----

    pub(super) fn scan_source(&mut self) -> Result<(), LexError> {
        // A hashbang line is skipped.
        if self.at(0) == 0x23 && self.at(1) == 0x21 {
            if self.src.len() == 2 {
                return Ok(());
            }
            self.pos += 2;
            while self.advance() {
                let ch = self.at(self.pos);
                if ch == 0x0A || ch == 0x0D {
                    break;
                }
            }
        }

        while self.advance() {
            let ch = self.at(self.pos);
            if ch == 32 || (9..14).contains(&ch) {
                continue;
            }

            if self.depth == 0 && self.scan_top_level_word(ch)? {
                self.last_token_pos = self.pos;
                continue;
            }

            match ch {
                0x65 /* e */ => {
                    if self.starts_with("xport", self.pos + 1) && self.keyword_start(self.pos) {
                        if self.at(self.pos + 6) == 0x73 {
                            self.try_parse_exports_dot_assign(false)?;
                        } else if self.depth == 0 {
                            self.throw_if_export_statement()?;
                        }
                    }
                }
                0x63 /* c */ => {
                    if self.keyword_start(self.pos)
                        && self.starts_with("lass", self.pos + 1)
                        && is_br_or_ws(self.at(self.pos + 5))
                    {
                        self.next_brace_is_class = true;
                    }
                }
                0x6D /* m */ => {
                    if self.starts_with("odule", self.pos + 1) && self.keyword_start(self.pos) {
                        self.try_parse_module_exports_dot_assign()?;
                    }
                }
                0x4F /* O */ => {
                    if self.starts_with("bject", self.pos + 1) && self.keyword_start(self.pos) {
                        let top = self.depth == 0;
                        self.try_parse_object_define_or_keys(top)?;
                    }
                }
                0x28 => self.open_bracket(self.last_token_pos),
                0x29 => {
                    if self.depth == 0 {
                        return Err(self.error("Unexpected closing bracket."));
                    }
                    self.depth -= 1;
                }
                0x7B => self.open_brace(),
                0x7D => {
                    if self.depth == 0 {
                        return Err(self.error("Unexpected closing brace."));
                    }
                    let closing = self.depth as isize;
                    self.depth -= 1;
                    if closing == self.template_depth {
                        self.template_depth = self.template_stack.pop().unwrap_or(-1);
                        self.template_string()?;
                    } else if self.template_depth != -1 && (self.depth as isize) < self.template_depth {
                        return Err(self.error("Unexpected closing brace."));
                    }
                }
                0x27 | 0x22 => self.string_literal(ch)?,
                0x2F => match self.at(self.pos + 1) {
                    // Comments do not count as the last token.
                    0x2F => {
                        self.line_comment();
                        continue;
                    }
                    0x2A => {
                        self.block_comment();
                        continue;
                    }
                    _ => {
                        if self.slash_starts_regex() {
                            self.regular_expression()?;
                            self.last_slash_was_division = false;
                        } else {
                            self.last_slash_was_division = true;
                        }
                    }
                },
                0x60 => self.template_string()?,
                _ => {
                    // A character with no rule only becomes the last token; so does every
                    // following one up to the next character that has a rule.
                    self.skip_inert_run();
                }
            }
            self.last_token_pos = self.pos;
        }

        if self.template_depth != -1 {
            return Err(self.error("Unterminated template."));
        }
        if self.depth != 0 {
            return Err(self.error("Unterminated braces."));
        }
        Ok(())
    }

    /// Moves the cursor over the characters after it that the main loop would only record
    /// as the last token (so it stops on the last of them).
    fn skip_inert_run(&mut self) {
        let mut p = self.pos + 1;
        while p <= self.end {
            let u = self.src[p as usize];
            if usize::from(u) < ACTIVE.len() && ACTIVE[usize::from(u)] {
                break;
            }
            p += 1;
        }
        self.pos = p - 1;
    }

    /// The words only looked at outside all brackets: `import` (an ESM statement is an
    /// error), `require(…)` (maybe a star-export binding) and the `__export`/
    /// `_interopRequireWildcard` helpers. True when the character was handled here.
    fn scan_top_level_word(&mut self, ch: u32) -> Result<bool, LexError> {
        match ch {
            0x69 /* i */ => {
                if self.starts_with("mport", self.pos + 1) && self.keyword_start(self.pos) {
                    self.throw_if_import_statement()?;
                }
                Ok(true)
            }
            0x72 /* r */ => {
                let start = self.pos;
                if self.try_parse_require(RequireUse::Binding)? && self.keyword_start(start) {
                    self.try_backtrack_add_star_export_binding(start - 1);
                }
                Ok(true)
            }
            0x5F /* _ */ => {
                let after_dot = self.at(self.pos - 1) == 0x2E;
                if self.starts_with("interopRequireWildcard", self.pos + 1) && (self.keyword_start(self.pos) || after_dot) {
                    // `_interopRequireWildcard(require('x'))`
                    let start = self.pos;
                    self.pos += 23;
                    if self.at(self.pos) == 0x28 {
                        self.pos += 1;
                        self.open_bracket(self.last_token_pos);
                        if self.try_parse_require(RequireUse::Binding)? && self.keyword_start(start) {
                            self.try_backtrack_add_star_export_binding(start - 1);
                        }
                    }
                } else if self.starts_with("_export", self.pos + 1) && (self.keyword_start(self.pos) || after_dot) {
                    // `__export(require('x'))`, `__exportStar(require('x'))`
                    self.pos += 8;
                    if self.starts_with("Star", self.pos) {
                        self.pos += 4;
                    }
                    if self.at(self.pos) == 0x28 {
                        self.open_bracket(self.last_token_pos);
                        if self.at(self.pos + 1) == 0x72 {
                            self.pos += 1;
                            self.try_parse_require(RequireUse::ExportStar)?;
                        }
                    }
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// `import` at the top level: `import(` is a dynamic import (fine), `import.meta` and
    /// import statements are ESM syntax errors.
    fn throw_if_import_statement(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        self.pos += 6;
        let ch = self.ws();
        let statement = match ch {
            0x28 => {
                self.open_bracket(start);
                return Ok(());
            }
            0x2E => return Err(self.esm_syntax_error("Unexpected import.meta in CJS module.")),
            0x22 | 0x27 | 0x7B | 0x2A => true,
            // `importX`: not the keyword.
            _ => self.pos != start + 6,
        };
        if statement {
            if self.depth != 0 {
                self.pos -= 1;
                return Ok(());
            }
            return Err(self.esm_syntax_error("Unexpected import statement in CJS module."));
        }
        Ok(())
    }

    /// `export` at the top level followed by whitespace or a punctuator is ESM syntax.
    fn throw_if_export_statement(&mut self) -> Result<(), LexError> {
        self.pos += 6;
        let after = self.pos;
        let ch = self.ws();
        if self.pos == after && !is_punctuator(ch) {
            return Ok(());
        }
        Err(self.esm_syntax_error("Unexpected export statement in CJS module."))
    }

    /// After a top-level `require('x')` starting at `b + 1`: if it reads `var|let|const id =
    /// require('x')`, remember `id` → `x` for a later `Object.keys(id).forEach(…)`.
    fn try_backtrack_add_star_export_binding(&mut self, mut b: isize) {
        while b >= 0 && self.at(b) == 32 {
            b -= 1;
        }
        if self.at(b) != 0x3D {
            return;
        }
        b -= 1;
        while b >= 0 && self.at(b) == 32 {
            b -= 1;
        }
        let id_end = b;
        let mut starts_ok = false;
        loop {
            let cp = self.code_point_ending_at(b);
            if cp == NONE || cp == 0 || b < 0 {
                break;
            }
            if cp == 0x5C {
                return;
            }
            if !is_id_continue(cp) {
                break;
            }
            starts_ok = is_id_start(cp);
            b -= if cp >= 0x10000 { 2 } else { 1 };
        }
        if !(starts_ok && self.at(b) == 32) {
            return;
        }
        let id = self.slice(b + 1, id_end + 1).to_vec();
        while b >= 0 && self.at(b) == 32 {
            b -= 1;
        }
        let declared = match self.at(b) {
            0x72 => self.starts_with("va", b - 2),
            0x74 => self.starts_with("le", b - 2) || self.starts_with("cons", b - 4),
            _ => false,
        };
        if declared {
            self.star_export_bindings.insert(id, self.last_star_export_specifier.clone());
        }
    }

    // ----- results -----

    pub(super) fn add_export(&mut self, name: Option<Vec<u16>>, evidence: Evidence, offset: isize) {
        if let Some(n) = name {
            let sighting = Sighting { evidence, offset: offset.max(0) as usize };
            self.exports.entry(n).or_default().push(sighting);
        }
    }

    pub(super) fn add_reexport(&mut self, specifier: Option<Vec<u16>>, offset: isize) {
        if let Some(s) = specifier {
            if self.reexports.insert(s) {
                self.reexport_offsets.push(offset.max(0) as usize);
            }
        }
    }

    pub(super) fn clear_reexports(&mut self) {
        self.reexports.clear();
        self.reexport_offsets.clear();
    }

    fn finish(self) -> LexOutput {
        let mut out = LexOutput::default();
        for (name, sightings) in self.exports {
            if self.unsafe_getters.contains(&name) {
                continue;
            }
            let name = String::from_utf16_lossy(&name);
            out.exports.push(name.clone());
            out.sightings.insert(name, sightings);
        }
        out.reexports = self.reexports.iter().map(|s| String::from_utf16_lossy(s)).collect();
        out.reexport_offsets = self.reexport_offsets;
        out.unsafe_getters = self.unsafe_getters.iter().map(|s| String::from_utf16_lossy(s)).collect();
        out
    }
}
