//! The phase trace: a deterministic, human-readable account of what construct and link do
//! (modules loaded and parsed, how each specifier resolved, every InnerModuleLinking step with
//! its DFS indices and status changes, the strongly connected components, every import binding
//! resolved). Built only when enabled; file URLs are shown as paths relative to a root (the
//! current directory) so that snapshots do not depend on where the files live.

use crate::resolve::path;
use crate::resolve::url::Url;

/// Collected trace lines (or nothing, when tracing is off).
#[derive(Debug, Default)]
pub struct Trace {
    lines: Option<Vec<String>>,
    root: Option<String>,
}

impl Trace {
    /// A trace that records nothing.
    pub fn off() -> Trace {
        Trace::default()
    }

    /// A trace that records lines, showing file paths relative to `root`.
    pub fn on(root: &str) -> Trace {
        Trace { lines: Some(Vec::new()), root: Some(root.to_string()) }
    }

    pub fn is_on(&self) -> bool {
        self.lines.is_some()
    }

    /// Adds a line indented by `depth` steps; `text` is only built when tracing.
    pub fn line(&mut self, depth: usize, text: impl FnOnce(&Trace) -> String) {
        if self.lines.is_some() {
            let s = format!("{}{}", "  ".repeat(depth), text(self));
            if let Some(lines) = self.lines.as_mut() {
                lines.push(s);
            }
        }
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
