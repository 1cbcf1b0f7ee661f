//! The phase trace: a deterministic, human-readable account of what construct and link do
//! (modules loaded and parsed, how each specifier resolved, every InnerModuleLinking step with
//! its DFS indices and status changes, the strongly connected components, every import binding
//! resolved), then of evaluation (InnerModuleEvaluation in post-order, the asynchronous
//! completions of top-level await). Built only when enabled; file URLs are shown as paths
//! relative to a root (the entry module's directory) so that the output does not depend on
//! where the files live.
//!
//! A trace either collects its lines (`modjs link --trace` prints them at the end) or writes
//! each line to standard error as it is made (`modjs --trace FILE`, where the lines must come
//! out between the program's own output at the moment each step happens).

use std::io::Write;

use crate::resolve::path;
use crate::resolve::url::Url;

/// The column where the outcome part of a [`Trace::step`] line starts.
pub const COLUMN: usize = 40;

/// Collected trace lines (or nothing, when tracing is off).
#[derive(Debug, Default)]
pub struct Trace {
    lines: Option<Vec<String>>,
    root: Option<String>,
    /// Lines go straight to standard error instead of being kept.
    to_stderr: bool,
}

impl Trace {
    /// A trace that records nothing.
    pub fn off() -> Trace {
        Trace::default()
    }

    /// A trace that records lines, showing file paths relative to `root`.
    pub fn on(root: &str) -> Trace {
        Trace { lines: Some(Vec::new()), root: Some(root.to_string()), to_stderr: false }
    }

    /// A trace that writes every line to standard error when it is made, showing file paths
    /// relative to `root`.
    pub fn to_stderr(root: &str) -> Trace {
        Trace { lines: Some(Vec::new()), root: Some(root.to_string()), to_stderr: true }
    }

    pub fn is_on(&self) -> bool {
        self.lines.is_some()
    }

    /// Adds a line indented by `depth` steps; `text` is only built when tracing.
    pub fn line(&mut self, depth: usize, text: impl FnOnce(&Trace) -> String) {
        if self.lines.is_some() {
            let s = format!("{}{}", "  ".repeat(depth), text(self));
            if self.to_stderr {
                // A closed stderr is no reason to stop the program.
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "{s}");
                let _ = err.flush();
            } else if let Some(lines) = self.lines.as_mut() {
                lines.push(s);
            }
        }
    }

    /// Adds a two-part line: `left` (what acts: an algorithm applied to a module, a module, a
    /// specifier) indented by `depth` steps, then `right` (what happened: status changes, spec
    /// fields in brackets) starting at [`COLUMN`] — or two spaces further when `left` is wider —
    /// so that a reader can scan the outcomes down one column.
    pub fn step(&mut self, depth: usize, text: impl FnOnce(&Trace) -> (String, String)) {
        self.line(depth, |t| {
            let (left, right) = text(t);
            if right.is_empty() {
                return left;
            }
            let used = 2 * depth + left.chars().count();
            let pad = if used + 2 <= COLUMN { COLUMN - used } else { 2 };
            format!("{left}{}{right}", " ".repeat(pad))
        })
    }

    /// The recorded lines.
    pub fn lines(&self) -> &[String] {
        self.lines.as_deref().unwrap_or(&[])
    }

    /// A module URL as the trace shows it: a `file:` URL as a path relative to the root (plus
    /// its query and fragment), anything else verbatim.
    pub fn show_url(&self, url: &str) -> String {
        if let Some(u) = Url::parse(url) {
            if u.scheme == "file" {
                if let Ok(p) = u.to_file_path() {
                    let shown = match &self.root {
                        Some(root) => {
                            let rel = path::relative(root, &p);
                            if rel.is_empty() {
                                p.clone()
                            } else {
                                rel
                            }
                        }
                        None => p,
                    };
                    return format!("{}{}{}", shown, u.search(), u.hash());
                }
            }
        }
        url.to_string()
    }
}
