//! The host hooks of module loading (HostLoadImportedModule, §16.2.1.8), split in the two
//! halves the construct phase needs: *resolve* a request to a URL (so the module map can be
//! consulted before anything is read) and *fetch* the source of a URL not yet in the map.
//!
//! Two hosts: [`FsHost`], Node's loader (ESM_RESOLVE through [`Resolver`], Node's
//! import-attribute validation, files and `data:` URLs), and [`MemoryHost`], a map of file
//! paths to source texts for tests.

use std::collections::HashMap;

use modjs_parser::module_records::ModuleRequest;

use super::error::ModuleError;
use crate::resolve::errors::ResolveError;
use crate::resolve::format::ModuleFormat;
use crate::resolve::url::{percent_decode_strict, Url};
use crate::resolve::Resolver;

/// How the loader must treat a resolved module.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum HostFormat {
    /// An ES module: parse with the Module goal.
    Module,
    /// Typeless `.js`: Node v20's syntax detection decides between CommonJS and ESM.
    Detect,
    /// CommonJS.
    CommonJs,
    /// A JSON module.
    Json,
    /// A built-in, by id without the `node:` scheme.
    Builtin(String),
}

/// A resolved module request: the module map key and what to do with it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct HostResolution {
    /// The resolved URL (the module map key).
    pub url: String,
    /// The file path of a `file:` URL.
    pub path: Option<String>,
    pub format: HostFormat,
}

/// HostLoadImportedModule, as two synchronous steps.
pub trait ModuleHost {
    /// The entry point (a path as given on the command line, or a test's key).
    fn resolve_entry(&mut self, entry: &str) -> Result<HostResolution, ModuleError>;
    /// Resolves `request` made by the module at `referrer` (a URL), including the load-phase
    /// checks (format, import attributes) that Node makes before anything runs.
    fn resolve_imported_module(
        &mut self,
        referrer: &str,
        request: &ModuleRequest,
    ) -> Result<HostResolution, ModuleError>;
    /// The source text of a resolved module (not called for built-ins).
    fn fetch_source(&mut self, module: &HostResolution) -> Result<String, ModuleError>;
    /// Whether [`ModuleHost::fetch_source`] of a module with a `path` is exactly
    /// [`read_module_file`] of that path: the construct phase then reads such files on its
    /// parse workers (alongside the parses) instead of one after the other on its own thread.
    fn fetches_paths_as_files(&self) -> bool {
        false
    }
    /// The export names of a CommonJS module imported from ESM, `default` included. `lexed`:
    /// the names a parse worker found already when they depend on the text alone (see
    /// [`crate::cjs_exports::names_without_reexports`]). A host without CommonJS analysis
    /// offers `default` alone.
    fn commonjs_export_names(&mut self, _module: &HostResolution, _source: &str, _lexed: Option<Vec<String>>) -> Vec<String> {
        vec!["default".to_string()]
    }
}

/// The text of a module file, or the error Node reports when it cannot be read.
pub fn read_module_file(path: &str) -> Result<String, ModuleError> {
    crate::resolve::fs::read_text(path).ok_or_else(|| {
        ModuleError::Resolve(ResolveError {
            name: "Error",
            code: Some("ENOENT"),
            message: format!("ENOENT: no such file or directory, open '{}'", path),
            url: None,
        })
    })
}

fn format_of(format: ModuleFormat, href: &str) -> HostFormat {
    match format {
        ModuleFormat::Module => HostFormat::Module,
        ModuleFormat::CommonJs => HostFormat::CommonJs,
        ModuleFormat::CommonJsOrDetect => HostFormat::Detect,
        ModuleFormat::Json => HostFormat::Json,
        ModuleFormat::Builtin => HostFormat::Builtin(href.strip_prefix("node:").unwrap_or(href).to_string()),
    }
}

fn type_error(code: &'static str, message: String) -> ModuleError {
    ModuleError::Resolve(ResolveError { name: "TypeError", code: Some(code), message, url: None })
}

/// Node v20's `validateAttributes` (lib/internal/modules/esm/assert.js): only the `type` key is
/// allowed, JSON needs `type: "json"`, JavaScript formats must not carry a type.
pub fn validate_import_attributes(url: &str, format: &HostFormat, request: &ModuleRequest) -> Result<(), ModuleError> {
    let mut ty = None;
    for a in &request.attributes {
        if a.key.eq_str("type") {
            ty = Some(a.value.to_string_lossy());
        } else {
            return Err(type_error(
                "ERR_IMPORT_ATTRIBUTE_UNSUPPORTED",
                format!(
                    "Import attribute \"{}\" with value \"{}\" is not supported",
                    a.key.to_string_lossy(),
                    a.value.to_string_lossy()
                ),
            ));
        }
    }
    let valid = if *format == HostFormat::Json { "json" } else { "javascript" };
    match ty.as_deref() {
        None if valid == "javascript" => Ok(()),
        None => Err(type_error(
            "ERR_IMPORT_ASSERTION_TYPE_MISSING",
            format!("Module \"{}\" needs an import attribute of type \"{}\"", url, valid),
        )),
        Some(t) if t == valid && valid == "json" => Ok(()),
        Some("json") => {
            Err(type_error("ERR_IMPORT_ASSERTION_TYPE_FAILED", format!("Module \"{}\" is not of type \"json\"", url)))
        }
        Some(t) => Err(type_error(
            "ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED",
            format!("Import attribute type \"{}\" is unsupported", t),
        )),
    }
}

/// Node's loader over the real file system.
pub struct FsHost {
    pub resolver: Resolver,
    /// Successful resolutions of relative specifiers, by the referrer's directory URL and the
    /// specifier: ESM_RESOLVE of `./x` or `../x` depends on nothing else (the URL join, then
    /// the file system, which a run treats as fixed, as Node's own caches do). In a large graph
    /// most modules import a shared `../_rt.mjs`-style helper, and each parse of the referrer's
    /// URL and the join cost tens of thousands of instructions. Failures are not cached: their
    /// messages name the referrer.
    relative_cache: crate::fast_hash::FastHashMap<(String, String), HostResolution>,
    /// The last referrer URL parsed, and its parse: a module's requests are resolved one
    /// after the other from the same referrer.
    last_referrer: Option<(String, Url)>,
}

impl FsHost {
    pub fn new(resolver: Resolver) -> FsHost {
        FsHost { resolver, relative_cache: Default::default(), last_referrer: None }
    }

    /// The key of `relative_cache` for this request, when it may be cached.
    fn relative_cache_key(&self, referrer: &str, specifier: &str) -> Option<(String, String)> {
        let relative = specifier.starts_with("./") || specifier.starts_with("../");
        let plain_referrer = referrer.starts_with("file:///") && !referrer.contains(['?', '#']);
        if !relative || !plain_referrer || self.resolver.is_tracing() {
            return None;
        }
        let dir = &referrer[..=referrer.rfind('/')?];
        Some((dir.to_string(), specifier.to_string()))
    }

    fn resolution(&mut self, url: Url, href: String, format: ModuleFormat) -> HostResolution {
        let path = if url.scheme == "file" { url.to_file_path().ok() } else { None };
        let key = if url.scheme == "file" { url.href() } else { href.clone() };
        HostResolution { url: key, path, format: format_of(format, &href) }
    }
}

impl ModuleHost for FsHost {
    fn resolve_entry(&mut self, entry: &str) -> Result<HostResolution, ModuleError> {
        let cwd = self.resolver.cwd();
        let abs = crate::resolve::path::resolve(&cwd, entry);
        if !crate::resolve::fs::is_file(&abs) {
            return Err(ModuleError::Resolve(ResolveError {
                name: "Error",
                code: Some("MODULE_NOT_FOUND"),
                message: format!("Cannot find module '{}'", abs),
                url: None,
            }));
        }
        let real = crate::resolve::fs::realpath(&abs);
        let url = Url::from_file_path(&real);
        let format = crate::resolve::format::esm_file_format(&mut self.resolver, &url).map_err(ModuleError::Resolve)?;
        let href = url.href();
        Ok(self.resolution(url, href, format))
    }

    fn resolve_imported_module(
        &mut self,
        referrer: &str,
        request: &ModuleRequest,
    ) -> Result<HostResolution, ModuleError> {
        let specifier = request.specifier.to_string_lossy();
        let key = self.relative_cache_key(referrer, &specifier);
        if let Some(hit) = key.as_ref().and_then(|k| self.relative_cache.get(k)) {
            let resolution = hit.clone();
            validate_import_attributes(&resolution.url, &resolution.format, request)?;
            return Ok(resolution);
        }
        if !matches!(&self.last_referrer, Some((text, _)) if text == referrer) {
            let url = Url::parse(referrer).ok_or_else(|| ModuleError::Resolve(ResolveError::invalid_url()))?;
            self.last_referrer = Some((referrer.to_string(), url));
        }
        let Some((_, parent)) = &self.last_referrer else {
            return Err(ModuleError::Resolve(ResolveError::invalid_url()));
        };
        let res = self.resolver.resolve_import_from_url(&specifier, parent).map_err(ModuleError::Resolve)?;
        let resolution = self.resolution(res.url, res.href, res.format);
        if let Some(k) = key {
            self.relative_cache.insert(k, resolution.clone());
        }
        validate_import_attributes(&resolution.url, &resolution.format, request)?;
        Ok(resolution)
    }

    fn fetches_paths_as_files(&self) -> bool {
        true
    }

    fn fetch_source(&mut self, module: &HostResolution) -> Result<String, ModuleError> {
        if let Some(path) = &module.path {
            return read_module_file(path);
        }
        if let Some(rest) = module.url.strip_prefix("data:") {
            return data_url_body(rest).ok_or_else(|| ModuleError::Resolve(ResolveError::invalid_url()));
        }
        Err(ModuleError::Resolve(ResolveError::unsupported_esm_url_scheme(
            module.url.split(':').next().map(|s| format!("{}:", s)).as_deref().unwrap_or(""),
        )))
    }

    /// Node's static detection (cjs-module-lexer and recursive reexports, see
    /// [`crate::cjs_exports`]).
    fn commonjs_export_names(&mut self, module: &HostResolution, source: &str, lexed: Option<Vec<String>>) -> Vec<String> {
        match (&module.path, lexed) {
            (Some(_), Some(names)) => names,
            (Some(path), None) => crate::cjs_exports::detect_source(path, source, &mut self.resolver).names,
            (None, _) => vec!["default".to_string()],
        }
    }
}

/// The body of a `data:` URL (after `data:`): percent-decoded, or base64-decoded when the
/// media type ends in `;base64`.
fn data_url_body(rest: &str) -> Option<String> {
    let (meta, payload) = rest.split_once(',')?;
    if meta.to_ascii_lowercase().ends_with(";base64") {
        let decoded = percent_decode_strict(payload).unwrap_or_else(|| payload.to_string());
        String::from_utf8(base64_decode(&decoded)?).ok()
    } else {
        Some(percent_decode_strict(payload).unwrap_or_else(|| payload.to_string()))
    }
}

/// Forgiving base64 (ASCII whitespace ignored, padding optional).
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => continue,
            _ => return None,
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// An in-memory host for tests: absolute file paths mapped to source texts. Specifiers are
/// joined to the referrer's URL (so `?query` makes a distinct module), `node:` ids are
/// built-ins, `.json` files are JSON modules and everything else is an ES module.
#[derive(Default)]
pub struct MemoryHost {
    files: HashMap<String, String>,
}

impl MemoryHost {
    pub fn new() -> MemoryHost {
        MemoryHost::default()
    }

    /// Adds (or replaces) the file at absolute `path`.
    pub fn file(mut self, path: &str, source: &str) -> MemoryHost {
        self.files.insert(path.to_string(), source.to_string());
        self
    }

    fn by_url(&self, url: Url, referrer: Option<&str>) -> Result<HostResolution, ModuleError> {
        if url.scheme == "node" {
            let id = url.path.clone();
            return Ok(HostResolution { url: url.href(), path: None, format: HostFormat::Builtin(id) });
        }
        let path = url.to_file_path().map_err(ModuleError::Resolve)?;
        if !self.files.contains_key(&path) {
            let base = referrer.unwrap_or("");
            return Err(ModuleError::Resolve(ResolveError::module_not_found(&path, base, true)));
        }
        let format = if path.ends_with(".json") { HostFormat::Json } else { HostFormat::Module };
        Ok(HostResolution { url: url.href(), path: Some(path), format })
    }
}

impl ModuleHost for MemoryHost {
    fn resolve_entry(&mut self, entry: &str) -> Result<HostResolution, ModuleError> {
        self.by_url(Url::from_file_path(entry), None)
    }

    fn resolve_imported_module(
        &mut self,
        referrer: &str,
        request: &ModuleRequest,
    ) -> Result<HostResolution, ModuleError> {
        let specifier = request.specifier.to_string_lossy();
        let parent = Url::parse(referrer).ok_or_else(|| ModuleError::Resolve(ResolveError::invalid_url()))?;
        let url = if let Some(id) = specifier.strip_prefix("node:") {
            Url::parse(&format!("node:{}", id))
        } else {
            Url::join(&specifier, &parent)
        }
        .ok_or_else(|| {
            ModuleError::Resolve(ResolveError::invalid_module_specifier(
                &specifier,
                "is not a valid URL",
                Some(referrer),
            ))
        })?;
        let referrer_path = parent.to_file_path().unwrap_or_else(|_| referrer.to_string());
        let resolution = self.by_url(url, Some(&referrer_path))?;
        validate_import_attributes(&resolution.url, &resolution.format, request)?;
        Ok(resolution)
    }

    fn fetch_source(&mut self, module: &HostResolution) -> Result<String, ModuleError> {
        let path = module.path.as_deref().unwrap_or("");
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| ModuleError::Resolve(ResolveError::module_not_found(path, "", true)))
    }
}
