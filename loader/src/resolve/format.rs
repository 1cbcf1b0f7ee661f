//! ESM_FILE_FORMAT and the checks `import()` makes when it loads a resolved URL, before any
//! code runs: supported scheme (`ERR_UNSUPPORTED_ESM_URL_SCHEME`), a well-formed `data:` URL
//! (`ERR_INVALID_URL`) with a known MIME type (`ERR_UNKNOWN_MODULE_FORMAT`), an existing
//! built-in (`ERR_UNKNOWN_BUILTIN_MODULE`) and a known file extension
//! (`ERR_UNKNOWN_FILE_EXTENSION`).

use super::builtins;
use super::errors::ResolveError;
use super::esm::EsmResolution;
use super::package_json::{lookup_package_scope, PackageType};
use super::url::Url;
use super::Resolver;

/// How the loader treats a resolved module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleFormat {
    /// An ES module (`.mjs`, `.js`/extensionless under `"type": "module"`,
    /// `data:text/javascript`).
    Module,
    /// CommonJS (`.cjs`, `.js`/extensionless under `"type": "commonjs"`).
    CommonJs,
    /// `.js`/extensionless with no `"type"` in the package scope: CommonJS unless Node v20's
    /// syntax detection finds `import`/`export`/top-level `await`.
    CommonJsOrDetect,
    /// A JSON module (`.json`, `data:application/json`); needs `with { type: 'json' }`.
    Json,
    /// A `node:` built-in.
    Builtin,
}

impl ModuleFormat {
    /// The name Node uses for the format.
    pub fn as_str(self) -> &'static str {
        match self {
            ModuleFormat::Module => "module",
            ModuleFormat::CommonJs => "commonjs",
            ModuleFormat::CommonJsOrDetect => "commonjs (no \"type\": syntax detection decides)",
            ModuleFormat::Json => "json",
            ModuleFormat::Builtin => "builtin",
        }
    }
}

/// The extension of a URL's last path segment (`.js`), or empty; a leading dot (`.hidden`) is
/// not an extension. Node's `extname(url)`.
fn url_extname(url: &Url) -> &str {
    let p = url.pathname();
    let last = &p[p.rfind('/').map_or(0, |i| i + 1)..];
    match last.rfind('.') {
        Some(0) | None => "",
        Some(i) => &last[i..],
    }
}

/// ESM_FILE_FORMAT(url) for `file:` URLs.
pub fn esm_file_format(r: &mut Resolver, url: &Url) -> Result<ModuleFormat, ResolveError> {
    let ext = url_extname(url);
    let format = match ext {
        // 1-3. Fixed extensions.
        ".mjs" => ModuleFormat::Module,
        ".cjs" => ModuleFormat::CommonJs,
        ".json" => ModuleFormat::Json,
        // 4-6. ".js" and extensionless files follow the package scope's "type".
        ".js" | "" => {
            let scope = lookup_package_scope(&mut r.packages, url)?;
            match scope.package_type {
                PackageType::Module => ModuleFormat::Module,
                PackageType::CommonJs => ModuleFormat::CommonJs,
                PackageType::None => ModuleFormat::CommonJsOrDetect,
            }
        }
        // 7. Anything else (".txt", ".ts", ".node", ".wasm" without flags) is an error.
        _ => {
            let path = url.to_file_path().unwrap_or_else(|_| url.href());
            r.step(|_| format!("ESM_FILE_FORMAT: unknown extension \"{}\"", ext));
            return Err(ResolveError::unknown_file_extension(ext, &path));
        }
    };
    r.step(|_| format!("ESM_FILE_FORMAT: {}", format.as_str()));
    Ok(format)
}

/// The load-phase checks of `import()` for a resolved URL; gives the module's format.
pub fn check_loadable(r: &mut Resolver, resolved: &EsmResolution) -> Result<ModuleFormat, ResolveError> {
    let url = &resolved.url;
    match url.scheme.as_str() {
        "file" => esm_file_format(r, url),
        "node" => {
            // The built-in id is what follows "node:" in the text as given.
            let id = resolved.href.strip_prefix("node:");
            match id {
                Some(id) if builtins::can_be_required_by_users(id) => {
                    r.step(|_| format!("LOAD: built-in module node:{}", id));
                    Ok(ModuleFormat::Builtin)
                }
                _ => {
                    r.step(|_| "LOAD: no such built-in module".to_string());
                    Err(ResolveError::unknown_builtin_module(&resolved.href))
                }
            }
        }
        "data" => data_url_format(r, url),
        _ => {
            r.step(|_| format!("LOAD: the default loader does not load {} URLs", url.protocol()));
            Err(ResolveError::unsupported_esm_url_scheme(&url.protocol()))
        }
    }
}

/// `data:` URLs: `data:<type>/<subtype>[;params][;base64],<body>`; the MIME type picks the
/// format.
fn data_url_format(r: &mut Resolver, url: &Url) -> Result<ModuleFormat, ResolveError> {
    let body = url.pathname();
    let Some(comma) = body.find(',') else {
        return Err(ResolveError::invalid_url());
    };
    let head = &body[..comma];
    // The MIME type runs to the first ";" (or the comma) and must be "type/subtype".
    let mime_end = head.find(';').unwrap_or(head.len());
    let mime = &head[..mime_end];
    // "type/subtype": a non-empty type without "/", then a non-empty rest.
    let valid = matches!(mime.find('/'), Some(slash) if slash > 0 && slash + 1 < mime.len());
    if !valid {
        return Err(ResolveError::invalid_url());
    }
    let format = match mime {
        "text/javascript" => ModuleFormat::Module,
        "application/json" => ModuleFormat::Json,
        other => {
            r.step(|_| format!("LOAD: data: URL with MIME type {}", other));
            return Err(ResolveError::unknown_module_format(other, &url.href()));
        }
    };
    r.step(|_| format!("LOAD: data: URL, format {}", format.as_str()));
    Ok(format)
}
