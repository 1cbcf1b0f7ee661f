//! The assignment patterns: `exports.x =`, `exports['x'] =`, `module.exports.x =`,
//! `module.exports = require('…')`, `module.exports = { … }` and `require('…')` itself.
//!
//! Each `try_…` starts with the cursor on the first character of its keyword. On a match it
//! records what it found; when it gives up it restores the cursor so that the main loop
//! carries on right after the keyword's first character, exactly where cjs-module-lexer would.

use super::lexer::{is_quote, Evidence, LexError, Lexer, RequireUse};
use super::string_literal::decode;

impl<'s> Lexer<'s> {
    /// `module` `.` `exports` …, then the same as `exports` with assignment allowed.
    pub(super) fn try_parse_module_exports_dot_assign(&mut self) -> Result<(), LexError> {
        self.pos += 6;
        let revert = self.pos - 1;
        if self.ws() == 0x2E {
            self.pos += 1;
            self.ws();
            if self.at_word("exports") {
                return self.try_parse_exports_dot_assign(true);
            }
        }
        self.pos = revert;
        Ok(())
    }

    /// `exports` (or `module.exports` when `via_module`) followed by `.name =`,
    /// `['name'] =`, or — for `module.exports` only — `= require('…')` / `= { … }`.
    pub(super) fn try_parse_exports_dot_assign(&mut self, via_module: bool) -> Result<(), LexError> {
        let matched_at = self.pos;
        self.pos += 7;
        let revert = self.pos - 1;
        match self.ws() {
            0x2E => {
                self.pos += 1;
                self.ws();
                let start = self.pos;
                if self.identifier() {
                    let end = self.pos;
                    if self.ws() == 0x3D {
                        let name = decode(self.slice(start, end));
                        let ev = if via_module { Evidence::ModuleExportsDot } else { Evidence::ExportsDot };
                        self.add_export(name, ev, matched_at);
                        return Ok(());
                    }
                }
            }
            0x5B => {
                self.pos += 1;
                let q = self.ws();
                if is_quote(q) {
                    let start = self.pos;
                    self.string_literal(q)?;
                    self.pos += 1;
                    let end = self.pos;
                    if self.ws() == 0x5D {
                        self.pos += 1;
                        if self.ws() == 0x3D {
                            let name = decode(self.slice(start, end));
                            let ev = if via_module { Evidence::ModuleExportsBracket } else { Evidence::ExportsBracket };
                            self.add_export(name, ev, matched_at);
                        }
                    }
                }
            }
            0x3D if via_module => {
                // Any `module.exports =` forgets the reexports found so far.
                if !self.reexports.is_empty() {
                    self.clear_reexports();
                }
                self.pos += 1;
                match self.ws() {
                    0x7B => {
                        self.try_parse_literal_exports(matched_at)?;
                        return Ok(());
                    }
                    0x72 => {
                        self.try_parse_require(RequireUse::ExportsAssign)?;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        self.pos = revert;
        Ok(())
    }

    /// `require` `(` STRING `)` with the cursor on the `r`. On a match the cursor stays on the
    /// `)` and the specifier is recorded according to `usage`.
    pub(super) fn try_parse_require(&mut self, usage: RequireUse) -> Result<bool, LexError> {
        let revert = self.pos;
        if !self.starts_with("equire", self.pos + 1) {
            return Ok(false);
        }
        self.pos += 7;
        if self.ws() == 0x28 {
            self.pos += 1;
            let q = self.ws();
            let start = self.pos;
            if is_quote(q) {
                self.string_literal(q)?;
                self.pos += 1;
                let end = self.pos;
                if self.ws() == 0x29 {
                    let specifier = decode(self.slice(start, end));
                    match usage {
                        RequireUse::ExportsAssign | RequireUse::ExportStar => self.add_reexport(specifier, revert),
                        RequireUse::Binding => self.last_star_export_specifier = specifier,
                    }
                    return Ok(true);
                }
            }
        }
        self.pos = revert;
        Ok(false)
    }

    /// `module.exports = {` with the cursor on the `{`: records `name`, `name: id…`,
    /// `'name': id…` keys and `...require('x')` reexports, skips `...id`, and stops at the
    /// first property it does not understand (keeping what it recorded).
    fn try_parse_literal_exports(&mut self, matched_at: isize) -> Result<(), LexError> {
        let revert = self.pos - 1;
        while self.advance() {
            let mut ch = self.ws();
            let start = self.pos;
            if self.identifier() {
                let end = self.pos;
                ch = self.ws();
                if ch == 0x3A {
                    self.pos += 1;
                    self.ws();
                    // Only values that start with an identifier are understood.
                    if !self.identifier() {
                        self.pos = revert;
                        return Ok(());
                    }
                    ch = self.at(self.pos);
                }
                let name = decode(self.slice(start, end));
                self.add_export(name, Evidence::ObjectLiteral, matched_at);
            } else if ch == 0x2E && self.starts_with("..", self.pos + 1) {
                self.pos += 3;
                if self.at(self.pos) == 0x72 && self.try_parse_require(RequireUse::ExportsAssign)? {
                    self.pos += 1;
                } else if !self.identifier() {
                    self.pos = revert;
                    return Ok(());
                }
                ch = self.ws();
            } else if is_quote(ch) {
                let start = self.pos;
                self.string_literal(ch)?;
                self.pos += 1;
                let end = self.pos;
                ch = self.ws();
                if ch == 0x3A {
                    self.pos += 1;
                    self.ws();
                    if !self.identifier() {
                        self.pos = revert;
                        return Ok(());
                    }
                    ch = self.at(self.pos);
                    let name = decode(self.slice(start, end));
                    self.add_export(name, Evidence::ObjectLiteral, matched_at);
                }
            } else {
                self.pos = revert;
                return Ok(());
            }

            if ch == 0x7D {
                return Ok(());
            }
            if ch != 0x2C {
                self.pos = revert;
                return Ok(());
            }
        }
        Ok(())
    }

    /// `exports` or `module.exports` at the cursor (after `ws`); on success the cursor is just
    /// after `exports`.
    pub(super) fn read_exports_or_module_dot_exports(&mut self) -> bool {
        let revert = self.pos;
        if self.at_word("module") {
            self.pos += 6;
            if self.ws() != 0x2E {
                self.pos = revert;
                return false;
            }
            self.pos += 1;
            self.ws();
        }
        if self.at_word("exports") {
            self.pos += 7;
            return true;
        }
        self.pos = revert;
        false
    }
}
