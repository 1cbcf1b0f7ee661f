//! Errors of the construct and link phases, each as Node v20 reports it.

use std::fmt;

use modjs_parser::ast::Span;
use modjs_parser::SyntaxError;

use crate::resolve::errors::ResolveError;

/// Why a module graph cannot run. Nothing is evaluated after any of these.
#[derive(Clone, Debug, PartialEq)]
pub enum ModuleError {
    /// Resolution or a load-phase check failed (`ERR_MODULE_NOT_FOUND`, an import-attribute
    /// error, …): Node's class, code and message.
    Resolve(ResolveError),
    /// A module does not parse. `url` is the module's URL, `source` its text (for the frame).
    Syntax { url: String, source: String, error: SyntaxError },
    /// Linking failed: a missing or ambiguous export. `url` and `source` are the importing
    /// module's; `span` is the import (or re-export) that failed.
    Link { url: String, source: String, span: Span, message: String },
}

impl ModuleError {
    /// ResolveExport returned null for `name` of the module requested as `specifier`.
    pub fn missing_export(url: &str, source: &str, span: Span, specifier: &str, name: &str) -> ModuleError {
        ModuleError::Link {
            url: url.to_string(),
            source: source.to_string(),
            span,
            message: format!("The requested module '{}' does not provide an export named '{}'", specifier, name),
        }
    }

    /// ResolveExport returned ~ambiguous~ for `name` of the module requested as `specifier`.
    pub fn ambiguous_export(url: &str, source: &str, span: Span, specifier: &str, name: &str) -> ModuleError {
        ModuleError::Link {
            url: url.to_string(),
            source: source.to_string(),
            span,
            message: format!(
                "The requested module '{}' contains conflicting star exports for name '{}'",
                specifier, name
            ),
        }
    }
}

/// Node's message when a named import from a CommonJS module is missing
/// (lib/internal/modules/esm/module_job.js): it suggests the default import, destructuring the
/// braces of the import's source line (`a as b` becomes `a: b`).
pub fn commonjs_named_export(url: &str, source: &str, span: Span, specifier: &str, name: &str) -> ModuleError {
    let start = (span.start as usize).min(source.len());
    let line_start = source.get(..start).and_then(|s| s.rfind(['\n', '\r'])).map_or(0, |i| i + 1);
    let line_end = source.get(start..).and_then(|s| s.find(['\n', '\r'])).map_or(source.len(), |i| start + i);
    let line = source.get(line_start..line_end).unwrap_or("");
    let one_line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    let destructuring = match (one_line.find('{'), one_line.rfind('}')) {
        (Some(open), Some(close)) if open < close => {
            Some(one_line[open..=close].split(" as ").collect::<Vec<_>>().join(": "))
        }
        _ => None,
    };
    let mut message = format!(
        "Named export '{name}' not found. The requested module '{specifier}' is a CommonJS module, which may not \
         support all module.exports as named exports.\nCommonJS modules can always be imported via the default \
         export, for example using:\n\nimport pkg from '{specifier}';\n"
    );
    if let Some(d) = destructuring {
        message.push_str(&format!("const {d} = pkg;\n"));
    }
    ModuleError::Link { url: url.to_string(), source: source.to_string(), span, message }
}

impl fmt::Display for ModuleError {
    /// The error's first line as Node prints it (`SyntaxError: …`, `Error [CODE]: …`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModuleError::Resolve(e) => write!(f, "{}", e),
            ModuleError::Syntax { error, .. } => write!(f, "{}", error),
            ModuleError::Link { message, .. } => write!(f, "SyntaxError: {}", message),
        }
    }
}

impl std::error::Error for ModuleError {}
