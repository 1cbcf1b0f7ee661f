//! Node's expansion of reexports (`cjsPreparseModuleExports`): every reexport specifier the
//! lexer reports is resolved with CommonJS `require` resolution from the file that contains
//! it; built-ins, failures and `.json`/`.node` targets are skipped; every other target (also
//! `.mjs`, `.txt` or extensionless files) is read, lexed as CommonJS, expanded in turn, and
//! its names are added.
//!
//! Cycles: a file's own names are registered *before* its reexports are walked, and a file is
//! lexed once per run. So when a walk comes back to a file still being expanded, it gets that
//! file's names as they are at that moment (its own names, plus whatever its earlier
//! reexports added). The walk uses an explicit stack, so a long reexport chain cannot
//! overflow the Rust stack.

use indexmap::IndexMap;
use std::collections::BTreeMap;

use super::lexer::{lex, LexError};
use super::LineIndex;
use crate::resolve::cjs::Required;
use crate::resolve::Resolver;

/// What happened to one reexport specifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReexportOutcome {
    /// Resolved to this file, which was lexed and expanded now (`lexer_error`: why it then
    /// contributed nothing).
    Expanded { path: String, lexer_error: Option<LexError> },
    /// Resolved to a file already lexed (or being expanded: a cycle); its current names were
    /// added.
    AlreadyKnown(String),
    /// Resolved to a built-in module: contributes nothing.
    Builtin(String),
    /// Resolved to a `.json` or `.node` file: contributes nothing.
    NotCommonJs(String),
    /// `require` resolution failed (the error code): contributes nothing.
    NotFound(String),
    /// The file could not be read (Node would fail the import here; modjs skips it).
    Unreadable(String),
}

/// One reexport Node followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReexportStep {
    /// The file whose source contains the reexport.
    pub from: String,
    /// The specifier as written (decoded).
    pub specifier: String,
    pub outcome: ReexportOutcome,
}

/// The expanded names of the root file.
pub struct Expansion {
    /// Names (root's own first, then from reexports) with the reasons they are there.
    pub names: IndexMap<String, Vec<String>>,
    pub steps: Vec<ReexportStep>,
    /// The lexer error of the root file, if any.
    pub root_error: Option<LexError>,
}

/// Why a file has a name: every route by which it arrived, and where it was first seen in
/// source (kept apart so that reasons stay short along long reexport chains).
#[derive(Default)]
struct Why {
    reasons: Vec<String>,
    origin: String,
}

/// One lexed file during the walk.
struct FileNames {
    path: String,
    names: IndexMap<String, Why>,
    reexports: Vec<String>,
    /// How many reexports have been followed so far.
    next: usize,
    /// The specifier through which the walk entered this file (for reasons).
    entered_via: String,
}

/// Lexes one file and turns its sightings into reasons.
fn lex_file(path: &str, source: &str, shown: &str, entered_via: String) -> (FileNames, Option<LexError>) {
    let mut file = FileNames { path: path.to_string(), names: IndexMap::new(), reexports: Vec::new(), next: 0, entered_via };
    match lex(source) {
        Ok(out) => {
            let lines = if out.exports.is_empty() { None } else { Some(LineIndex::new(source)) };
            for name in &out.exports {
                let mut why = Why::default();
                if let (Some(sightings), Some(lines)) = (out.sightings.get(name), lines.as_ref()) {
                    for s in sightings {
                        let (line, _) = lines.locate(s.offset);
                        why.reasons.push(format!("{} ({}:{})", s.evidence.describe().replace("NAME", name), shown, line));
                    }
                }
                why.origin = why.reasons.first().cloned().unwrap_or_default();
                file.names.insert(name.clone(), why);
            }
            file.reexports = out.reexports;
            (file, None)
        }
        // A lexer error means no names and no reexports for this file.
        Err(e) => (file, Some(e)),
    }
}

/// `path.extname` of Node: the last `.` suffix of the base name, unless the base name
/// starts with its only dot.
fn extname(path: &str) -> &str {
    let base = path.rsplit('/').next().unwrap_or(path);
    match base.rfind('.') {
        Some(0) | None => "",
        Some(i) => &base[i..],
    }
}

/// Node reads a reexport target as CommonJS unless its extension is a registered CommonJS
/// extension other than `.js` (`Module._extensions` holds `.js`, `.json`, `.node`).
fn lexed_as_commonjs(path: &str) -> bool {
    !matches!(extname(path), ".json" | ".node")
}

/// Adds `from`'s names to `into`, each with one reason saying which reexport brought it.
fn merge(files: &mut [FileNames], from: usize, into: usize, specifier: &str, shown: &str) {
    if from == into {
        return;
    }
    let incoming: Vec<(String, String, String)> = files[from]
        .names
        .iter()
        .map(|(name, why)| {
            let reason = format!("reexport '{}' → {}, where it is {}", specifier, shown, why.origin);
            (name.clone(), reason, why.origin.clone())
        })
        .collect();
    for (name, reason, origin) in incoming {
        let entry = files[into].names.entry(name).or_default();
        if entry.reasons.is_empty() {
            entry.origin = origin;
        }
        entry.reasons.push(reason);
    }
}

/// Expands the reexports of the root file `root_path` (a real, absolute path) whose source
/// is `source`.
pub fn expand(root_path: &str, source: &str, resolver: &mut Resolver) -> Expansion {
    let mut steps = Vec::new();
    let shown_root = resolver.show(root_path);
    let (root, root_error) = lex_file(root_path, source, &shown_root, String::new());
    let mut files = vec![root];
    let mut known: BTreeMap<String, usize> = BTreeMap::new();
    known.insert(root_path.to_string(), 0);
    let mut stack = vec![0usize];

    while let Some(&top) = stack.last() {
        let Some(specifier) = files[top].reexports.get(files[top].next).cloned() else {
            // Done with `top`: its names go to the file that reexported it.
            stack.pop();
            if let Some(&parent) = stack.last() {
                let via = files[top].entered_via.clone();
                let shown = resolver.show(&files[top].path);
                merge(&mut files, top, parent, &via, &shown);
            }
            continue;
        };
        files[top].next += 1;
        let from = files[top].path.clone();
        let outcome = match resolver.resolve_require(&specifier, &from) {
            Err(e) => ReexportOutcome::NotFound(e.label().to_string()),
            Ok(Required::Builtin(id)) => ReexportOutcome::Builtin(id),
            Ok(Required::File(target)) if !target.starts_with('/') => ReexportOutcome::Builtin(target),
            Ok(Required::File(target)) if !lexed_as_commonjs(&target) => ReexportOutcome::NotCommonJs(target),
            Ok(Required::File(target)) => {
                let shown = resolver.show(&target);
                if let Some(&idx) = known.get(&target) {
                    merge(&mut files, idx, top, &specifier, &shown);
                    ReexportOutcome::AlreadyKnown(target)
                } else {
                    match std::fs::read(&target) {
                        Err(_) => ReexportOutcome::Unreadable(target),
                        Ok(bytes) => {
                            let text = super::utf8_text(bytes);
                            let (file, lexer_error) = lex_file(&target, &text, &shown, specifier.clone());
                            files.push(file);
                            let idx = files.len() - 1;
                            known.insert(target.clone(), idx);
                            stack.push(idx);
                            ReexportOutcome::Expanded { path: target, lexer_error }
                        }
                    }
                }
            }
        };
        steps.push(ReexportStep { from, specifier, outcome });
    }

    let names = std::mem::take(&mut files[0].names).into_iter().map(|(name, why)| (name, why.reasons)).collect();
    Expansion { names, steps, root_error }
}
