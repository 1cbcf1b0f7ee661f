//! CommonJS named-export detection, exactly as Node v20.20 does it for
//! `import * as ns from './x.cjs'`: cjs-module-lexer 2.2.0's token patterns over the file,
//! then Node's recursive expansion of the reexports it finds
//! (`cjsPreparseModuleExports` in `lib/internal/modules/esm/translators.js`).
//!
//! Files, one concept each:
//! - [`lexer`]: the tokenizer state machine (comments, strings, templates, regular expression
//!   vs division, brackets, ESM syntax errors) and the result type;
//! - [`patterns`]: `exports.x =`, `module.exports.x =`, `module.exports = require()`,
//!   `module.exports = { … }`, `require('…')`;
//! - [`define_property`]: `Object.defineProperty(exports, …)` (value and getter shapes,
//!   unsafe getters) and Babel's `Object.keys(x).forEach(…)` star reexport;
//! - [`string_literal`]: string literal values (escapes) and the lexer's surrogate filter;
//! - [`identifier`]: identifier characters;
//! - [`reexports`]: resolving and expanding reexports recursively, with Node's cycle rule.
//!
//! The result is deterministic: names are sorted, and everything is kept in insertion-ordered
//! or sorted collections.

mod define_property;
mod identifier;
pub mod lexer;
mod patterns;
pub mod reexports;
mod string_literal;

#[cfg(test)]
mod tests;

use crate::resolve::Resolver;

pub use lexer::{lex, Evidence, LexError, LexOutput, Sighting};
pub use reexports::{ReexportOutcome, ReexportStep};

/// The export names Node shows for a CommonJS module imported from ESM.
#[derive(Debug, Clone, Default)]
pub struct CjsExports {
    /// All names, `default` included, sorted by UTF-16 code units (ECMA-262's order for a
    /// namespace's [[Exports]]).
    pub names: Vec<String>,
    /// Every reexport specifier Node looked at, in the order it did, with what came of it.
    pub reexports_followed: Vec<ReexportStep>,
    /// The lexer's error for the imported file itself (then only `default` is shown).
    pub lexer_error: Option<LexError>,
    /// Why each name is there (one or more reasons per name), for `--explain`.
    pub reasons: std::collections::BTreeMap<String, Vec<String>>,
}

/// Detects the named exports of the CommonJS file at `path` (absolute or relative to the
/// current directory), following reexports with CommonJS `require` resolution.
/// A file that cannot be read gives `Err` with the OS error text.
pub fn detect(path: &str, resolver: &mut Resolver) -> Result<CjsExports, String> {
    let abs = crate::resolve::path::resolve(&resolver.cwd(), path);
    let bytes = std::fs::read(&abs).map_err(|e| format!("cannot read {}: {}", path, e))?;
    let source = utf8_text(bytes);
    let real = crate::resolve::fs::realpath(&abs);
    Ok(detect_source(&real, &source, resolver))
}

/// File bytes as text the way Node's `readFileSync(path, 'utf8')` gives them: invalid
/// UTF-8 sequences become U+FFFD (a BOM is kept).
pub fn utf8_text(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Like [`detect`] for a module whose (real, absolute) path and source text the caller
/// already has.
pub fn detect_source(real_path: &str, source: &str, resolver: &mut Resolver) -> CjsExports {
    let expansion = reexports::expand(real_path, source, resolver);
    let mut names: Vec<String> = expansion.names.keys().cloned().collect();
    if !names.iter().any(|n| n == "default") {
        names.push("default".to_string());
    }
    sort_by_code_units(&mut names);
    let mut reasons = std::collections::BTreeMap::new();
    for (name, why) in expansion.names {
        reasons.insert(name, why);
    }
    reasons
        .entry("default".to_string())
        .or_insert_with(Vec::new)
        .push("always present: module.exports itself".to_string());
    CjsExports { names, reexports_followed: expansion.steps, lexer_error: expansion.root_error, reasons }
}

/// The names of [`detect_source`] when they depend on the text alone: the lexer's names of a
/// text without reexports (or only `default`, for a text the lexer rejects), `default` added,
/// sorted. `None` when the text has reexports: expanding them reads other files with
/// `require` resolution, which is [`detect_source`]'s job. A pure function of the text, so
/// a parse worker can run it.
pub fn names_without_reexports(source: &str) -> Option<Vec<String>> {
    let mut names = match lex(source) {
        Ok(out) if !out.reexports.is_empty() => return None,
        Ok(out) => out.exports,
        Err(_) => Vec::new(),
    };
    if !names.iter().any(|n| n == "default") {
        names.push("default".to_string());
    }
    sort_by_code_units(&mut names);
    names.dedup();
    Some(names)
}

/// Sorts strings by their UTF-16 code units (not by UTF-8 bytes / code points).
pub fn sort_by_code_units(names: &mut [String]) {
    names.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
}

/// Line starts of a source text, for turning UTF-16 offsets into 1-based lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        for (i, u) in source.encode_utf16().enumerate() {
            if u == 0x0A {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// 1-based (line, column) of a UTF-16 offset.
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        (line, offset - start + 1)
    }
}
