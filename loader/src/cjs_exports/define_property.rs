//! The `Object.…` patterns: `Object.defineProperty(exports, 'name', { … })` with its value
//! and getter shapes (and unsafe-getter opt-outs), and the Babel/TypeScript star-reexport
//! loop `Object.keys(_x).forEach(function (k) { … exports[k] = _x[k] … })`.
//!
//! These are long fixed token sequences. Each check either moves on or gives up (`break` out
//! of the labelled block); giving up restores the cursor.

use super::lexer::{is_quote, Evidence, LexError, Lexer};
use super::string_literal::decode;

impl<'s> Lexer<'s> {
    /// Cursor on the `O` of `Object` (a keyword start). `star_reexports_allowed` is true at
    /// the top level, the only place the `Object.keys` loop counts.
    pub(super) fn try_parse_object_define_or_keys(&mut self, star_reexports_allowed: bool) -> Result<(), LexError> {
        let matched_at = self.pos;
        self.pos += 6;
        let mut revert = self.pos - 1;
        if self.ws() == 0x2E {
            self.pos += 1;
            self.ws();
            if self.at_word("defineProperty") {
                return self.try_parse_define_property(matched_at);
            }
            if star_reexports_allowed && self.at_word("keys") && self.try_parse_keys_for_each(&mut revert)? {
                return Ok(());
            }
        }
        self.pos = revert;
        Ok(())
    }

    /// `defineProperty(` EXPORTS `,` STRING `, {` (`enumerable: true,`)? then `value:` or
    /// `get` [`: function` [name]] `() { return` id (`.id` | `['str']`)? `;`? `}` `,`? `})`.
    /// A name whose descriptor has any other shape becomes unsafe and is removed everywhere.
    fn try_parse_define_property(&mut self, matched_at: isize) -> Result<(), LexError> {
        let mut name_literal: Option<(isize, isize)> = None;
        self.pos += 14;
        let revert = self.pos - 1;
        'shape: {
            if self.ws() != 0x28 {
                break 'shape;
            }
            self.pos += 1;
            self.ws();
            if !self.read_exports_or_module_dot_exports() {
                break 'shape;
            }
            if self.ws() != 0x2C {
                break 'shape;
            }
            self.pos += 1;
            let q = self.ws();
            if !is_quote(q) {
                break 'shape;
            }
            let start = self.pos;
            self.string_literal(q)?;
            self.pos += 1;
            let name_end = self.pos;
            name_literal = Some((start, name_end));
            if self.ws() != 0x2C {
                break 'shape;
            }
            self.pos += 1;
            if self.ws() != 0x7B {
                break 'shape;
            }
            self.pos += 1;
            let mut ch = self.ws();
            if ch == 0x65 {
                // `enumerable: true,`
                if !self.at_word("enumerable") {
                    break 'shape;
                }
                self.pos += 10;
                if self.ws() != 0x3A {
                    break 'shape;
                }
                self.pos += 1;
                self.ws();
                if !self.at_word("true") {
                    break 'shape;
                }
                self.pos += 4;
                if self.ws() != 0x2C {
                    break 'shape;
                }
                self.pos += 1;
                ch = self.ws();
            }
            if ch == 0x76 {
                // `value:` — whatever the value is.
                if !self.at_word("value") {
                    break 'shape;
                }
                self.pos += 5;
                if self.ws() != 0x3A {
                    break 'shape;
                }
                let name = decode(self.slice(start, name_end));
                self.add_export(name, Evidence::DefineValue, matched_at);
                self.pos = revert;
                return Ok(());
            }
            if ch != 0x67 || !self.at_word("get") {
                break 'shape;
            }
            self.pos += 3;
            if !self.getter_function_head() {
                break 'shape;
            }
            // `return` id (`.id` | `['str']`)? `;`?
            if !self.at_word("return") {
                break 'shape;
            }
            self.pos += 6;
            self.ws();
            if !self.identifier() {
                break 'shape;
            }
            ch = self.ws();
            if ch == 0x2E {
                self.pos += 1;
                self.ws();
                if !self.identifier() {
                    break 'shape;
                }
                ch = self.ws();
            } else if ch == 0x5B {
                self.pos += 1;
                let q = self.ws();
                if !is_quote(q) {
                    break 'shape;
                }
                self.string_literal(q)?;
                self.pos += 1;
                if self.ws() != 0x5D {
                    break 'shape;
                }
                self.pos += 1;
                ch = self.ws();
            }
            if !self.getter_tail(ch) {
                break 'shape;
            }
            let name = decode(self.slice(start, name_end));
            self.add_export(name, Evidence::DefineGetter, matched_at);
            return Ok(());
        }
        if let Some((a, b)) = name_literal {
            if let Some(name) = decode(self.slice(a, b)) {
                self.unsafe_getters.insert(name);
            }
        }
        self.pos = revert;
        Ok(())
    }

    /// After `get`: (`:` `function` [name])? `(` `)` `{`, leaving the cursor after `{` and
    /// its whitespace.
    fn getter_function_head(&mut self) -> bool {
        let mut ch = self.ws();
        if ch == 0x3A {
            self.pos += 1;
            self.ws();
            if !self.at_word("function") {
                return false;
            }
            self.pos += 8;
            let before_gap = self.pos;
            ch = self.ws();
            // `function(` or `function name(`, but not `functionname(`.
            if ch != 0x28 && (before_gap == self.pos || !self.identifier()) {
                return false;
            }
            ch = self.ws();
        }
        if ch != 0x28 {
            return false;
        }
        self.pos += 1;
        if self.ws() != 0x29 {
            return false;
        }
        self.pos += 1;
        if self.ws() != 0x7B {
            return false;
        }
        self.pos += 1;
        self.ws();
        true
    }

    /// `;`? `}` `,`? `}` `)` with `ch` the current character; the cursor ends on the `)`.
    fn getter_tail(&mut self, mut ch: u32) -> bool {
        if ch == 0x3B {
            self.pos += 1;
            ch = self.ws();
        }
        if ch != 0x7D {
            return false;
        }
        self.pos += 1;
        ch = self.ws();
        if ch == 0x2C {
            self.pos += 1;
            ch = self.ws();
        }
        if ch != 0x7D {
            return false;
        }
        self.pos += 1;
        self.ws() == 0x29
    }

    /// Skips `expected` (a piece of source text such as the loop variable) and whitespace.
    fn eat_units(&mut self, expected: &[u16]) -> Option<u32> {
        if !self.starts_with_units(expected, self.pos) {
            return None;
        }
        self.pos += expected.len() as isize;
        Some(self.ws())
    }

    /// Skips one ASCII punctuator `c` (which must be the current character) and whitespace.
    fn eat_char(&mut self, ch: u32, c: u8) -> Option<u32> {
        if ch != u32::from(c) {
            return None;
        }
        self.pos += 1;
        Some(self.ws())
    }

    /// `return` `;`? and whitespace.
    fn eat_return(&mut self) -> Option<u32> {
        if !self.at_word("return") {
            return None;
        }
        self.pos += 6;
        let ch = self.ws();
        if ch == 0x3B {
            self.pos += 1;
        }
        Some(self.ws())
    }

    /// A quoted `word` (either quote, same at both ends) and whitespace.
    fn eat_quoted_word(&mut self, ch: u32, word: &str) -> Option<u32> {
        if !is_quote(ch) || !self.starts_with(word, self.pos + 1) {
            return None;
        }
        self.pos += word.len() as isize + 1;
        let close = self.ws();
        if close != ch {
            return None;
        }
        self.pos += 1;
        Some(self.ws())
    }

    /// `Object.keys(` ID `).forEach(function (` IT `) {` guard… copy `})` — the star
    /// reexport loop Babel emits. When ID was bound by `var ID = require('x')` at the top
    /// level, `x` is a reexport. Returns true when the loop matched (the cursor then stays
    /// where the match ended unless a reexport was added); false to let the caller restore
    /// `revert`, which this updates as the original does.
    fn try_parse_keys_for_each(&mut self, revert: &mut isize) -> Result<bool, LexError> {
        self.pos += 4;
        *revert = self.pos - 1;
        let Some(id) = self.keys_for_each_shape(revert) else { return Ok(false) };
        let bound = self.star_export_bindings.get(id).cloned().flatten();
        if let Some(spec) = bound.filter(|s| !s.is_empty()) {
            // The remembered specifier is decoded a second time, as the original does.
            let at = self.pos;
            self.add_reexport(decode(&spec), at);
            self.pos = *revert;
        }
        Ok(true)
    }

    /// Matches the loop; returns ID.
    fn keys_for_each_shape(&mut self, revert: &mut isize) -> Option<&'s [u16]> {
        let mut ch = self.ws();
        self.eat_char(ch, b'(')?;
        let id_start = self.pos;
        if !self.identifier() {
            return None;
        }
        let id = self.slice(id_start, self.pos);
        if self.ws() != 0x29 {
            return None;
        }
        *revert = self.pos;
        self.pos += 1;
        ch = self.ws();
        self.eat_char(ch, b'.')?;
        if !self.at_word("forEach") {
            return None;
        }
        self.pos += 7;
        ch = self.ws();
        *revert = self.pos - 1;
        self.eat_char(ch, b'(')?;
        if !self.at_word("function") {
            return None;
        }
        self.pos += 8;
        ch = self.ws();
        self.eat_char(ch, b'(')?;
        let it_start = self.pos;
        if !self.identifier() {
            return None;
        }
        let it = self.slice(it_start, self.pos);
        ch = self.ws();
        ch = self.eat_char(ch, b')')?;
        ch = self.eat_char(ch, b'{')?;
        // `if (`
        if ch != 0x69 || self.at(self.pos + 1) != 0x66 {
            return None;
        }
        self.pos += 2;
        ch = self.ws();
        self.eat_char(ch, b'(')?;
        ch = self.eat_units(it)?;
        if ch == 0x3D {
            // IT === 'default' || IT === '__esModule') return;
            if !self.starts_with("==", self.pos + 1) {
                return None;
            }
            self.pos += 3;
            ch = self.ws();
            ch = self.eat_quoted_word(ch, "default")?;
            if ch != 0x7C || self.at(self.pos + 1) != 0x7C {
                return None;
            }
            self.pos += 2;
            self.ws();
            ch = self.eat_units(it)?;
            if ch != 0x3D || !self.starts_with("==", self.pos + 1) {
                return None;
            }
            self.pos += 3;
            ch = self.ws();
            ch = self.eat_quoted_word(ch, "__esModule")?;
            ch = self.eat_char(ch, b')')?;
            let _ = ch;
            ch = self.eat_return()?;
            if ch == 0x69 && self.at(self.pos + 1) == 0x66 {
                self.keys_for_each_optional_guards(id, it)?;
            }
        } else if ch == 0x21 {
            // IT !== 'default' (&& !(Object.prototype.hasOwnProperty.call(X, IT) | X.hasOwnProperty(IT)))? )
            if !self.starts_with("==", self.pos + 1) {
                return None;
            }
            self.pos += 3;
            ch = self.ws();
            ch = self.eat_quoted_word(ch, "default")?;
            if ch == 0x26 {
                if self.at(self.pos + 1) != 0x26 {
                    return None;
                }
                self.pos += 2;
                ch = self.ws();
                self.eat_char(ch, b'!')?;
                if self.at_word("Object") && self.at(self.pos + 6) == 0x2E {
                    if !self.try_parse_object_has_own_property(it) {
                        return None;
                    }
                } else if self.identifier() {
                    ch = self.ws();
                    self.eat_char(ch, b'.')?;
                    if !self.at_word("hasOwnProperty") {
                        return None;
                    }
                    self.pos += 14;
                    ch = self.ws();
                    self.eat_char(ch, b'(')?;
                    ch = self.eat_units(it)?;
                    if ch != 0x29 {
                        return None;
                    }
                    self.pos += 1;
                } else {
                    return None;
                }
                ch = self.ws();
            }
            ch = self.eat_char(ch, b')')?;
        } else {
            return None;
        }
        let _ = ch;
        ch = self.ws();

        if self.read_exports_or_module_dot_exports() {
            // EXPORTS[IT] = ID[IT];?
            ch = self.ws();
            ch = self.eat_char(ch, b'[')?;
            let _ = ch;
            ch = self.eat_units(it)?;
            ch = self.eat_char(ch, b']')?;
            ch = self.eat_char(ch, b'=')?;
            let _ = ch;
            ch = self.eat_units(id)?;
            ch = self.eat_char(ch, b'[')?;
            let _ = ch;
            ch = self.eat_units(it)?;
            ch = self.eat_char(ch, b']')?;
            if ch == 0x3B {
                self.pos += 1;
                ch = self.ws();
            }
        } else if ch == 0x4F {
            // Object.defineProperty(EXPORTS, IT, { enumerable: true, get: function () { return ID[IT]; } });?
            if !self.starts_with("bject", self.pos + 1) {
                return None;
            }
            self.pos += 6;
            ch = self.ws();
            self.eat_char(ch, b'.')?;
            if !self.at_word("defineProperty") {
                return None;
            }
            self.pos += 14;
            ch = self.ws();
            self.eat_char(ch, b'(')?;
            if !self.read_exports_or_module_dot_exports() {
                return None;
            }
            ch = self.ws();
            ch = self.eat_char(ch, b',')?;
            let _ = ch;
            ch = self.eat_units(it)?;
            ch = self.eat_char(ch, b',')?;
            self.eat_char(ch, b'{')?;
            if !self.at_word("enumerable") {
                return None;
            }
            self.pos += 10;
            ch = self.ws();
            ch = self.eat_char(ch, b':')?;
            // The original accepts anything starting with `t` or followed by `rue` here.
            if ch != 0x74 && !self.starts_with("rue", self.pos + 1) {
                return None;
            }
            self.pos += 4;
            ch = self.ws();
            self.eat_char(ch, b',')?;
            if !self.at_word("get") {
                return None;
            }
            self.pos += 3;
            ch = self.ws();
            if ch == 0x3A {
                self.pos += 1;
                self.ws();
                if !self.at_word("function") {
                    return None;
                }
                self.pos += 8;
                let before_gap = self.pos;
                ch = self.ws();
                if ch != 0x28 && (before_gap == self.pos || !self.identifier()) {
                    return None;
                }
                ch = self.ws();
            }
            ch = self.eat_char(ch, b'(')?;
            ch = self.eat_char(ch, b')')?;
            self.eat_char(ch, b'{')?;
            if !self.at_word("return") {
                return None;
            }
            self.pos += 6;
            self.ws();
            ch = self.eat_units(id)?;
            ch = self.eat_char(ch, b'[')?;
            let _ = ch;
            ch = self.eat_units(it)?;
            ch = self.eat_char(ch, b']')?;
            if ch == 0x3B {
                self.pos += 1;
                ch = self.ws();
            }
            ch = self.eat_char(ch, b'}')?;
            if ch == 0x2C {
                self.pos += 1;
                ch = self.ws();
            }
            ch = self.eat_char(ch, b'}')?;
            ch = self.eat_char(ch, b')')?;
            if ch == 0x3B {
                self.pos += 1;
                ch = self.ws();
            }
        } else {
            return None;
        }
        ch = self.eat_char(ch, b'}')?;
        if ch != 0x29 {
            return None;
        }
        Some(id)
    }

    /// Babel ≥ 7.12's extra guards after the `default`/`__esModule` check:
    /// `if (Object.prototype.hasOwnProperty.call(_exportNames, IT)) return;`? and
    /// `if (IT in EXPORTS && EXPORTS[IT] === ID[IT]) return;`? — the cursor is on the `if`.
    fn keys_for_each_optional_guards(&mut self, id: &[u16], it: &[u16]) -> Option<()> {
        let mut in_if = true;
        self.pos += 2;
        let mut ch = self.ws();
        if ch != 0x28 {
            return None;
        }
        // No whitespace is skipped after this `(` before IT (only the hasOwnProperty form
        // skips it).
        self.pos += 1;
        let inner = self.pos;
        if self.try_parse_object_has_own_property(it) {
            ch = self.ws();
            ch = self.eat_char(ch, b')')?;
            let _ = ch;
            ch = self.eat_return()?;
            if ch == 0x69 && self.at(self.pos + 1) == 0x66 {
                self.pos += 2;
                ch = self.ws();
                if ch != 0x28 {
                    return None;
                }
                self.pos += 1;
            } else {
                in_if = false;
            }
        } else {
            self.pos = inner;
        }
        if in_if {
            ch = self.eat_units(it)?;
            let _ = ch;
            if !self.at_word("in ") {
                return None;
            }
            self.pos += 3;
            self.ws();
            if !self.read_exports_or_module_dot_exports() {
                return None;
            }
            ch = self.ws();
            if ch != 0x26 || self.at(self.pos + 1) != 0x26 {
                return None;
            }
            self.pos += 2;
            self.ws();
            if !self.read_exports_or_module_dot_exports() {
                return None;
            }
            ch = self.ws();
            ch = self.eat_char(ch, b'[')?;
            let _ = ch;
            ch = self.eat_units(it)?;
            ch = self.eat_char(ch, b']')?;
            if ch != 0x3D || !self.starts_with("==", self.pos + 1) {
                return None;
            }
            self.pos += 3;
            self.ws();
            ch = self.eat_units(id)?;
            ch = self.eat_char(ch, b'[')?;
            let _ = ch;
            ch = self.eat_units(it)?;
            ch = self.eat_char(ch, b']')?;
            self.eat_char(ch, b')')?;
            self.eat_return()?;
        }
        Some(())
    }

    /// `Object` `.` (`prototype` `.`)? `hasOwnProperty` `.` `call` `(` id `,` IT `)`.
    fn try_parse_object_has_own_property(&mut self, it: &[u16]) -> bool {
        self.ws();
        if !self.at_word("Object") {
            return false;
        }
        self.pos += 6;
        let mut ch = self.ws();
        if ch != 0x2E {
            return false;
        }
        self.pos += 1;
        ch = self.ws();
        if ch == 0x70 {
            if !self.at_word("prototype") {
                return false;
            }
            self.pos += 9;
            if self.ws() != 0x2E {
                return false;
            }
            self.pos += 1;
            self.ws();
        }
        if !self.at_word("hasOwnProperty") {
            return false;
        }
        self.pos += 14;
        if self.ws() != 0x2E {
            return false;
        }
        self.pos += 1;
        self.ws();
        if !self.at_word("call") {
            return false;
        }
        self.pos += 4;
        if self.ws() != 0x28 {
            return false;
        }
        self.pos += 1;
        self.ws();
        if !self.identifier() {
            return false;
        }
        if self.ws() != 0x2C {
            return false;
        }
        self.pos += 1;
        self.ws();
        if !self.starts_with_units(it, self.pos) {
            return false;
        }
        self.pos += it.len() as isize;
        if self.ws() != 0x29 {
            return false;
        }
        self.pos += 1;
        true
    }
}
