//! Resolution errors with Node v20's `name`, `code` and exact message text.
//!
//! Node prints an uncaught one as `Name [CODE]: message` (or `Name: message` when there is no
//! code, as for `URIError: URI malformed`). The constructors below are named after Node's error
//! codes and build the same message Node's `internal/errors` would.

use std::fmt;

/// A failed resolution (or load-phase check) as Node reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    /// The JavaScript error class: `Error`, `TypeError`, `RangeError`, `SyntaxError`, `URIError`.
    pub name: &'static str,
    /// Node's `error.code`, when it has one.
    pub code: Option<&'static str>,
    /// Node's `error.message`.
    pub message: String,
    /// Node's `error.url`: the URL that was looked for, on `ERR_MODULE_NOT_FOUND` and
    /// `ERR_UNSUPPORTED_DIR_IMPORT` raised for a resolved file URL (`import.meta.resolve`
    /// returns it instead of throwing).
    pub url: Option<String>,
}

impl ResolveError {
    fn new(name: &'static str, code: &'static str, message: String) -> Self {
        ResolveError { name, code: Some(code), message, url: None }
    }

    /// The code, or the class name for errors without a code (what the resolve oracle prints).
    pub fn label(&self) -> &str {
        self.code.unwrap_or(self.name)
    }

    /// True for the two errors after which Node's ESM resolver adds a CommonJS hint.
    pub fn is_not_found_or_dir(&self) -> bool {
        matches!(self.code, Some("ERR_MODULE_NOT_FOUND") | Some("ERR_UNSUPPORTED_DIR_IMPORT"))
    }

    /// `ERR_MODULE_NOT_FOUND`: `Cannot find module '…' imported from …` for a resolved file
    /// that is missing, `Cannot find package '…' imported from …` for a package lookup.
    pub fn module_not_found(path: &str, base: &str, is_module: bool) -> Self {
        let what = if is_module { "module" } else { "package" };
        Self::new("Error", "ERR_MODULE_NOT_FOUND", format!("Cannot find {} '{}' imported from {}", what, path, base))
    }

    /// `ERR_UNSUPPORTED_DIR_IMPORT`.
    pub fn unsupported_dir_import(path: &str, base: &str) -> Self {
        Self::new(
            "Error",
            "ERR_UNSUPPORTED_DIR_IMPORT",
            format!("Directory import '{}' is not supported resolving ES modules imported from {}", path, base),
        )
    }

    /// `ERR_PACKAGE_PATH_NOT_EXPORTED`; `pkg_dir` ends with `/`.
    pub fn package_path_not_exported(pkg_dir: &str, subpath: &str, base: Option<&str>) -> Self {
        let from = base.map(|b| format!(" imported from {}", b)).unwrap_or_default();
        let message = if subpath == "." {
            format!("No \"exports\" main defined in {}package.json{}", pkg_dir, from)
        } else {
            format!("Package subpath '{}' is not defined by \"exports\" in {}package.json{}", subpath, pkg_dir, from)
        };
        Self::new("Error", "ERR_PACKAGE_PATH_NOT_EXPORTED", message)
    }

    /// `ERR_PACKAGE_IMPORT_NOT_DEFINED`; `pkg_dir` (ending with `/`) is absent when the importer
    /// has no package scope.
    pub fn package_import_not_defined(specifier: &str, pkg_dir: Option<&str>, base: &str) -> Self {
        let pkg = pkg_dir.map(|d| format!(" in package {}package.json", d)).unwrap_or_default();
        Self::new(
            "TypeError",
            "ERR_PACKAGE_IMPORT_NOT_DEFINED",
            format!("Package import specifier \"{}\" is not defined{} imported from {}", specifier, pkg, base),
        )
    }

    /// `ERR_INVALID_MODULE_SPECIFIER`.
    pub fn invalid_module_specifier(request: &str, reason: &str, base: Option<&str>) -> Self {
        let from = base.map(|b| format!(" imported from {}", b)).unwrap_or_default();
        Self::new("TypeError", "ERR_INVALID_MODULE_SPECIFIER", format!("Invalid module \"{}\" {}{}", request, reason, from))
    }

    /// `ERR_INVALID_PACKAGE_TARGET`. `target` is the target as Node stringifies it before
    /// quoting (`String(target)` or `JSON.stringify(target)` for objects).
    pub fn invalid_package_target(pkg_dir: &str, key: &str, target: &str, is_import: bool, base: Option<&str>) -> Self {
        let related = !is_import && !target.is_empty() && !target.starts_with("./");
        let from = base.map(|b| format!(" imported from {}", b)).unwrap_or_default();
        let hint = if related { "; targets must start with \"./\"" } else { "" };
        let quoted = crate::json::stringify_string(target);
        let message = if key == "." {
            format!("Invalid \"exports\" main target {} defined in the package config {}package.json{}{}", quoted, pkg_dir, from, hint)
        } else {
            format!(
                "Invalid \"{}\" target {} defined for '{}' in the package config {}package.json{}{}",
                if is_import { "imports" } else { "exports" },
                quoted,
                key,
                pkg_dir,
                from,
                hint
            )
        };
        Self::new("Error", "ERR_INVALID_PACKAGE_TARGET", message)
    }

    /// `ERR_INVALID_PACKAGE_CONFIG`: `Invalid package config P[ while importing B][. detail]`.
    pub fn invalid_package_config(path: &str, base: Option<&str>, detail: Option<&str>) -> Self {
        let from = base.map(|b| format!(" while importing {}", b)).unwrap_or_default();
        let detail = detail.map(|d| format!(". {}", d)).unwrap_or_default();
        Self::new("Error", "ERR_INVALID_PACKAGE_CONFIG", format!("Invalid package config {}{}{}", path, from, detail))
    }

    /// `ERR_UNKNOWN_FILE_EXTENSION` (load phase).
    pub fn unknown_file_extension(ext: &str, path: &str) -> Self {
        Self::new("TypeError", "ERR_UNKNOWN_FILE_EXTENSION", format!("Unknown file extension \"{}\" for {}", ext, path))
    }

    /// `ERR_UNKNOWN_MODULE_FORMAT` (load phase, `data:` URLs with an unknown MIME type).
    pub fn unknown_module_format(format: &str, url: &str) -> Self {
        Self::new("RangeError", "ERR_UNKNOWN_MODULE_FORMAT", format!("Unknown module format: {} for URL {}", format, url))
    }

    /// `ERR_INVALID_URL` (a `data:` URL without a MIME type).
    pub fn invalid_url() -> Self {
        Self::new("TypeError", "ERR_INVALID_URL", "Invalid URL".to_string())
    }

    /// `ERR_UNKNOWN_BUILTIN_MODULE` (load phase, `node:nope`).
    pub fn unknown_builtin_module(id: &str) -> Self {
        Self::new("Error", "ERR_UNKNOWN_BUILTIN_MODULE", format!("No such built-in module: {}", id))
    }

    /// `ERR_UNSUPPORTED_ESM_URL_SCHEME` (load phase); `protocol` includes the colon.
    pub fn unsupported_esm_url_scheme(protocol: &str) -> Self {
        Self::new(
            "Error",
            "ERR_UNSUPPORTED_ESM_URL_SCHEME",
            format!(
                "Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '{}'",
                protocol
            ),
        )
    }

    /// `ERR_UNSUPPORTED_RESOLVE_REQUEST` (a relative specifier from a `data:` module).
    pub fn unsupported_resolve_request(specifier: &str, base: &str) -> Self {
        Self::new(
            "TypeError",
            "ERR_UNSUPPORTED_RESOLVE_REQUEST",
            format!(
                "Failed to resolve module specifier \"{}\" from \"{}\": Invalid relative URL or base scheme is not hierarchical.",
                specifier, base
            ),
        )
    }

    /// `ERR_INVALID_FILE_URL_HOST` (`file://otherhost/…`).
    pub fn invalid_file_url_host() -> Self {
        Self::new("TypeError", "ERR_INVALID_FILE_URL_HOST", "File URL host must be \"localhost\" or empty on linux".to_string())
    }

    /// `ERR_INVALID_FILE_URL_PATH`.
    pub fn invalid_file_url_path(detail: &str) -> Self {
        Self::new("TypeError", "ERR_INVALID_FILE_URL_PATH", format!("File URL path {}", detail))
    }

    /// `ERR_INVALID_URL_SCHEME` (`fileURLToPath` of a non-`file:` URL).
    pub fn invalid_url_scheme(expected: &str) -> Self {
        Self::new("TypeError", "ERR_INVALID_URL_SCHEME", format!("The URL must be of scheme {}", expected))
    }

    /// `ERR_INVALID_ARG_VALUE` for a path with a NUL byte (what `fs` throws).
    pub fn invalid_arg_value_null_bytes(path: &str) -> Self {
        Self::new(
            "TypeError",
            "ERR_INVALID_ARG_VALUE",
            format!(
                "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received {}",
                inspect_string(path)
            ),
        )
    }

    /// `URIError: URI malformed` (from `decodeURIComponent`).
    pub fn uri_malformed() -> Self {
        ResolveError { name: "URIError", code: None, message: "URI malformed".to_string(), url: None }
    }

    /// CommonJS `MODULE_NOT_FOUND` with the require stack (`Cannot find module 'x'\nRequire
    /// stack:\n- /abs/parent.js`).
    pub fn cjs_module_not_found(request: &str, require_stack: &[String]) -> Self {
        let mut message = format!("Cannot find module '{}'", request);
        if !require_stack.is_empty() {
            message.push_str("\nRequire stack:\n- ");
            message.push_str(&require_stack.join("\n- "));
        }
        Self::new("Error", "MODULE_NOT_FOUND", message)
    }

    /// CommonJS `MODULE_NOT_FOUND` without a require stack (Node's `createEsmNotFoundErr`, used
    /// when an `"exports"`/`"imports"` target is missing).
    pub fn cjs_esm_not_found(request: &str) -> Self {
        Self::new("Error", "MODULE_NOT_FOUND", format!("Cannot find module '{}'", request))
    }

    /// CommonJS `MODULE_NOT_FOUND` for a folder whose `"main"` points nowhere.
    pub fn cjs_invalid_main(filename: &str) -> Self {
        Self::new(
            "Error",
            "MODULE_NOT_FOUND",
            format!("Cannot find module '{}'. Please verify that the package.json has a valid \"main\" entry", filename),
        )
    }

    /// The `SyntaxError` CommonJS throws for a malformed package.json.
    pub fn cjs_package_json_syntax(path: &str, detail: &str) -> Self {
        ResolveError { name: "SyntaxError", code: None, message: format!("Error parsing {}: {}", path, detail), url: None }
    }

    /// Records the URL the error is about (`error.url`).
    pub fn with_url(mut self, url: String) -> Self {
        self.url = Some(url);
        self
    }

    /// Appends Node's `Did you mean to import "…"?` hint line.
    pub fn with_hint(mut self, suggestion: &str) -> Self {
        self.message.push_str(&format!("\nDid you mean to import {}?", crate::json::stringify_string(suggestion)));
        self
    }
}

/// `util.inspect` of a string: single quotes, with control characters escaped.
fn inspect_string(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

impl fmt::Display for ResolveError {
    /// How Node prints the error's first line: `TypeError [CODE]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) if code != "MODULE_NOT_FOUND" => write!(f, "{} [{}]: {}", self.name, code, self.message),
            _ => write!(f, "{}: {}", self.name, self.message),
        }
    }
}

impl std::error::Error for ResolveError {}
