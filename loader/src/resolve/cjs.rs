//! CommonJS resolution: `require.resolve(X)` from module at path Y, following the "All
//! together" pseudocode of Node's modules documentation and Node v20.20's
//! `Module._resolveFilename` / `Module._findPath` (`lib/internal/modules/cjs/loader.js`).
//!
//! Unlike ES modules, CommonJS works on paths: no percent-decoding, `?` and `#` are plain
//! characters, extensions (`.js`, `.json`, `.node`) and `index` files are tried, and the
//! `node_modules` walk keeps going up when a file is missing from a closer copy of a package.

use std::rc::Rc;

use super::builtins;
use super::errors::ResolveError;
use super::exports::{package_exports_resolve, package_imports_resolve};
use super::fs::{self, Stat};
use super::package_json::{read_package_scope, PackageConfig};
use super::path;
use super::url::Url;
use super::Resolver;

/// What `require.resolve` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Required {
    /// A built-in, echoed as requested (`fs` or `node:fs`).
    Builtin(String),
    /// An absolute real path.
    File(String),
}

/// The extensions `require` tries, in order (`Object.keys(Module._extensions)`).
const EXTENSIONS: &[&str] = &[".js", ".json", ".node"];

/// `require.resolve(request)` from the module at `parent_path` (Node's
/// `Module._resolveFilename`).
pub fn resolve_filename(r: &mut Resolver, request: &str, parent_path: &str) -> Result<Required, ResolveError> {
    resolve_filename_from(r, request, CjsParent::Module(parent_path))
}

/// The module `require` resolves from.
#[derive(Debug, Clone, Copy)]
pub enum CjsParent<'a> {
    /// A loaded module with this filename.
    Module(&'a str),
    /// A module object that has an id but no filename yet: Node's ESM resolver builds one at
    /// this path for its "Did you mean to import …?" hint. Relative requests then resolve
    /// against the current directory, and `#imports`/self-references are not tried.
    WithoutFilename(&'a str),
}

/// `Module._resolveFilename(request, parent)`.
pub fn resolve_filename_from(r: &mut Resolver, request: &str, parent: CjsParent) -> Result<Required, ResolveError> {
    let (parent_path, has_filename) = match parent {
        CjsParent::Module(p) => (p, true),
        CjsParent::WithoutFilename(p) => (p, false),
    };
    r.step(|r| format!("REQUIRE: \"{}\" from {}", request, r.show(parent_path)));
    // 1. If X is a core module, return it.
    if builtins::normalize_requirable_id(request).is_some() {
        r.step(|_| format!("REQUIRE: \"{}\" is a built-in module", request));
        return Ok(Required::Builtin(request.to_string()));
    }
    let paths = resolve_lookup_paths(r, request, parent);
    if has_filename {
        // 4. If X begins with '#': LOAD_PACKAGE_IMPORTS(X, dirname(Y)).
        if request.starts_with('#') {
            if let Some(found) = load_package_imports(r, request, parent_path)? {
                return Ok(Required::File(found));
            }
        }
        // 5. LOAD_PACKAGE_SELF(X, dirname(Y)).
        if let Some(found) = load_package_self(r, request, parent_path)? {
            return Ok(Required::File(found));
        }
    }
    // 3 and 6. LOAD_AS_FILE / LOAD_AS_DIRECTORY for paths, LOAD_NODE_MODULES otherwise.
    if let Some(found) = find_path(r, request, &paths)? {
        return Ok(Required::File(found));
    }
    // 7. THROW "not found".
    r.step(|_| "REQUIRE: not found → MODULE_NOT_FOUND".to_string());
    Err(ResolveError::cjs_module_not_found(request, &[parent_path.to_string()]))
}

/// `Module._resolveLookupPaths`: the parent's folder for relative requests, otherwise
/// NODE_MODULES_PATHS of the parent's folder plus the global folders.
fn resolve_lookup_paths(r: &Resolver, request: &str, parent: CjsParent) -> Vec<String> {
    let bytes = request.as_bytes();
    let relative = bytes.first() == Some(&b'.') && (bytes.len() == 1 || bytes[1] == b'.' || bytes[1] == b'/');
    if !relative {
        let mut paths = match parent {
            CjsParent::Module(p) => node_modules_paths(&path::dirname(p)),
            // Node sets `paths` from the file path itself in that case.
            CjsParent::WithoutFilename(p) => node_modules_paths(p),
        };
        paths.extend(r.global_paths.iter().cloned());
        return paths;
    }
    match parent {
        CjsParent::Module(p) => vec![path::dirname(p)],
        CjsParent::WithoutFilename(_) => vec![r.cwd()],
    }
}

/// NODE_MODULES_PATHS(START): `START/node_modules`, then each parent's `node_modules`,
/// skipping folders that are themselves called `node_modules`.
pub fn node_modules_paths(start: &str) -> Vec<String> {
    let from = path::resolve("/", start);
    if from == "/" {
        return vec!["/node_modules".to_string()];
    }
    let mut out = Vec::new();
    let mut dir = from.as_str();
    loop {
        let last_segment = &dir[dir.rfind('/').map_or(0, |i| i + 1)..];
        if last_segment != "node_modules" {
            out.push(format!("{}/node_modules", dir));
        }
        match dir.rfind('/') {
            Some(0) | None => break,
            Some(i) => dir = &dir[..i],
        }
    }
    out.push("/node_modules".to_string());
    out
}

fn read_package(r: &mut Resolver, dir: &str) -> Result<Rc<PackageConfig>, ResolveError> {
    let pjson = format!("{}/package.json", dir);
    r.packages.read_package_json(&pjson).map_err(|e| ResolveError::cjs_package_json_syntax(&pjson, &e.message))
}

/// LOAD_PACKAGE_IMPORTS(X, DIR): `#specifiers` through the nearest package.json's `"imports"`
/// (only when it has an `"imports"` field; otherwise `require` falls back to node_modules).
fn load_package_imports(r: &mut Resolver, request: &str, parent_path: &str) -> Result<Option<String>, ResolveError> {
    // 1. Find the closest package scope SCOPE to DIR.
    let Some((_, config)) = read_package_scope(&mut r.packages, parent_path)? else {
        return Ok(None);
    };
    // 3. If the SCOPE/package.json "imports" is null or undefined, return.
    if !config.has_imports_field() {
        r.step(|_| "LOAD_PACKAGE_IMPORTS: no \"imports\" in the package scope".to_string());
        return Ok(None);
    }
    // 4-5. MATCH = PACKAGE_IMPORTS_RESOLVE(X, pathToFileURL(SCOPE), ["node", "require"]);
    //      RESOLVE_ESM_MATCH(MATCH).
    let base = Url::from_file_path(parent_path);
    let conditions = r.cjs_conditions();
    let result = package_imports_resolve(r, request, &base, &conditions)
        .and_then(|url| finalize_esm_resolution(r, &url, Some(parent_path)));
    match result {
        Ok(p) => Ok(Some(p)),
        Err(e) if e.code == Some("ERR_MODULE_NOT_FOUND") => Err(ResolveError::cjs_esm_not_found(request)),
        Err(e) => Err(e),
    }
}

/// LOAD_PACKAGE_SELF(X, DIR): a package requiring itself by name through its `"exports"`.
fn load_package_self(r: &mut Resolver, request: &str, parent_path: &str) -> Result<Option<String>, ResolveError> {
    // 1-3. The closest package scope must have "exports" and a "name" that X starts with.
    let Some((pkg_path, config)) = read_package_scope(&mut r.packages, parent_path)? else {
        return Ok(None);
    };
    let Some(name) = config.name.clone() else { return Ok(None) };
    if !config.has_exports() {
        return Ok(None);
    }
    let expansion = if request == name {
        ".".to_string()
    } else if let Some(rest) = request.strip_prefix(&format!("{}/", name)) {
        format!("./{}", rest)
    } else {
        return Ok(None);
    };
    r.step(|r| format!("LOAD_PACKAGE_SELF: {} is package \"{}\"", r.show(&config.pjson_path), name));
    // 4-5. MATCH = PACKAGE_EXPORTS_RESOLVE(...); RESOLVE_ESM_MATCH(MATCH).
    let pjson_url = Url::from_file_path(&format!("{}/package.json", pkg_path));
    let base = Url::from_file_path(parent_path);
    let conditions = r.cjs_conditions();
    let result = package_exports_resolve(r, &pjson_url, &expansion, &config, Some(&base), &conditions)
        .and_then(|url| finalize_esm_resolution(r, &url, Some(parent_path)));
    match result {
        Ok(p) => Ok(Some(p)),
        Err(e) if e.code == Some("ERR_MODULE_NOT_FOUND") => Err(ResolveError::cjs_esm_not_found(request)),
        Err(e) => Err(e),
    }
}

/// LOAD_PACKAGE_EXPORTS(X, DIR): for `node_modules/<name>` with `"exports"` (Node's
/// `resolveExports`).
fn load_package_exports(r: &mut Resolver, nm_path: &str, request: &str) -> Result<Option<String>, ResolveError> {
    // 1. Match X against /^((@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/ for NAME and SUBPATH.
    let Some((name, expansion)) = split_exports_name(request) else { return Ok(None) };
    let pkg_path = path::resolve(nm_path, name);
    let config = read_package(r, &pkg_path)?;
    // 3. If DIR/NAME/package.json has no "exports", return.
    if !(config.exists && config.has_exports()) {
        return Ok(None);
    }
    r.step(|r| format!("LOAD_PACKAGE_EXPORTS: {} has \"exports\"", r.show(&config.pjson_path)));
    // 4-5. MATCH = PACKAGE_EXPORTS_RESOLVE(..., "." + SUBPATH, ...); RESOLVE_ESM_MATCH(MATCH).
    let pjson_url = Url::from_file_path(&format!("{}/package.json", pkg_path));
    let conditions = r.cjs_conditions();
    let result = package_exports_resolve(r, &pjson_url, &format!(".{}", expansion), &config, None, &conditions)
        .and_then(|url| finalize_esm_resolution(r, &url, None));
    match result {
        Ok(p) => Ok(Some(p)),
        Err(e) if e.code == Some("ERR_MODULE_NOT_FOUND") => Err(ResolveError::cjs_esm_not_found(request)),
        Err(e) => Err(e),
    }
}

/// Node's `EXPORTS_PATTERN`: `(name, "/subpath" or "")` for requests that can name a package
/// with `"exports"`.
fn split_exports_name(request: &str) -> Option<(&str, &str)> {
    let bad = |c: char| c == '/' || c == '\\' || c == '%';
    // An unscoped name at `from`: first char not in "./\%", then up to "/" or the end.
    let unscoped = |from: usize| -> Option<usize> {
        let rest = &request[from..];
        let first = rest.chars().next()?;
        if first == '.' || bad(first) {
            return None;
        }
        let end = rest.find(bad).unwrap_or(rest.len());
        if end < rest.len() && !rest[end..].starts_with('/') {
            return None;
        }
        Some(from + end)
    };
    let mut name_end = None;
    if let Some(after_at) = request.strip_prefix('@') {
        if let Some(slash) = after_at.find(bad) {
            if slash > 0 && after_at[slash..].starts_with('/') {
                name_end = unscoped(1 + slash + 1);
            }
        }
    }
    let name_end = match name_end {
        Some(e) => e,
        None => unscoped(0)?,
    };
    let rest = &request[name_end..];
    // "(\/.*)?$": "." does not match line terminators.
    if rest.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return None;
    }
    Some((&request[..name_end], rest))
}

/// RESOLVE_ESM_MATCH(MATCH) (Node's `finalizeEsmResolution`): the matched URL must name an
/// existing file.
fn finalize_esm_resolution(
    r: &mut Resolver,
    resolved: &Url,
    parent_path: Option<&str>,
) -> Result<String, ResolveError> {
    let href = resolved.href();
    let lower = href.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return Err(ResolveError::invalid_module_specifier(
            &href,
            "must not include encoded \"/\" or \"\\\" characters",
            parent_path,
        ));
    }
    let filename = resolved.to_file_path()?;
    if let Some(actual) = try_file(&filename) {
        r.step(|r| format!("RESOLVE_ESM_MATCH: {}", r.show(&actual)));
        return Ok(actual);
    }
    r.step(|r| format!("RESOLVE_ESM_MATCH: no file at {}", r.show(&filename)));
    Err(ResolveError::cjs_esm_not_found(&filename))
}

/// `path.normalize` of a relative request, only to see whether it climbs out (`..`).
fn normalized_starts_with_dotdot(request: &str) -> bool {
    let mut stack: Vec<&str> = Vec::new();
    for seg in request.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if matches!(stack.last(), Some(&s) if s != "..") {
                    stack.pop();
                } else {
                    stack.push("..");
                }
            }
            s => stack.push(s),
        }
    }
    stack.first().is_some_and(|s| s.starts_with(".."))
}

/// `Module._findPath`, i.e. LOAD_NODE_MODULES(X, dirname(Y)) — or, for relative and
/// absolute requests, step 3 of `require` — over the lookup paths: in each folder
/// LOAD_PACKAGE_EXPORTS, then LOAD_AS_FILE and LOAD_AS_DIRECTORY.
pub fn find_path(r: &mut Resolver, request: &str, paths: &[String]) -> Result<Option<String>, ResolveError> {
    let absolute = request.starts_with('/');
    let paths: Vec<String> = if absolute { vec![String::new()] } else { paths.to_vec() };
    let b = request.as_bytes();
    let n = b.len();
    // A request ending in "/", "/.", "/.." (or that is "." or "..") names a directory only.
    let trailing_slash = n > 0
        && (b[n - 1] == b'/'
            || (b[n - 1] == b'.'
                && (n == 1 || b[n - 2] == b'/' || (b[n - 2] == b'.' && (n == 2 || b[n - 3] == b'/')))));
    let is_relative = n > 0 && b[0] == b'.' && (n == 1 || b[1] == b'/' || (b[1] == b'.' && (n == 2 || b[2] == b'/')));
    let inside_path = !(is_relative && normalized_starts_with_dotdot(request));
    for cur in &paths {
        // Don't search a lookup folder that does not exist.
        if inside_path && !cur.is_empty() && fs::stat(cur) != Stat::Dir {
            r.step(|r| format!("LOAD_NODE_MODULES: no folder {}", r.show(cur)));
            continue;
        }
        if !absolute && !is_relative {
            r.step(|r| format!("LOAD_NODE_MODULES: looking in {}", r.show(cur)));
        }
        if !absolute {
            if let Some(found) = load_package_exports(r, cur, request)? {
                return Ok(Some(found));
            }
        }
        let base_path = if cur.is_empty() { path::resolve("/", request) } else { path::resolve(cur, request) };
        let rc = fs::stat(&base_path);
        let mut filename = None;
        if !trailing_slash {
            filename = load_as_file(r, &base_path, rc);
        }
        if filename.is_none() && rc == Stat::Dir {
            filename = load_as_directory(r, &base_path)?;
        }
        if let Some(f) = filename {
            r.step(|r| format!("REQUIRE: found {}", r.show(&f)));
            return Ok(Some(f));
        }
    }
    Ok(None)
}

/// LOAD_AS_FILE(X): X itself, then X.js, X.json, X.node (by real path).
fn load_as_file(r: &mut Resolver, x: &str, stat_of_x: Stat) -> Option<String> {
    r.step(|r| format!("LOAD_AS_FILE: {} (then .js, .json, .node)", r.show(x)));
    // 1. If X is a file, load X.
    if stat_of_x == Stat::File {
        return Some(fs::realpath(x));
    }
    // 2-4. X.js, X.json, X.node.
    try_extensions(x)
}

/// LOAD_INDEX(X): X/index.js, X/index.json, X/index.node.
fn load_index(r: &mut Resolver, x: &str) -> Option<String> {
    r.step(|r| format!("LOAD_INDEX: {}/index.js, .json, .node", r.show(x)));
    try_extensions(&path::resolve(x, "index"))
}

/// A file, by its real path.
fn try_file(p: &str) -> Option<String> {
    if fs::stat(p) == Stat::File {
        Some(fs::realpath(p))
    } else {
        None
    }
}

/// `X.js`, `X.json`, `X.node` (LOAD_AS_FILE steps 2-4, LOAD_INDEX).
fn try_extensions(base: &str) -> Option<String> {
    EXTENSIONS.iter().find_map(|ext| try_file(&format!("{}{}", base, ext)))
}

/// LOAD_AS_DIRECTORY(X) (Node's `tryPackage`): `"main"` from X/package.json (as a file, with
/// extensions, or as a folder with an index), else LOAD_INDEX(X).
fn load_as_directory(r: &mut Resolver, dir: &str) -> Result<Option<String>, ResolveError> {
    let config = read_package(r, dir)?;
    let main = config.main.clone().filter(|m| !m.is_empty());
    r.step(|r| format!("LOAD_AS_DIRECTORY: {}", r.show(dir)));
    let Some(main) = main else {
        // 2. LOAD_INDEX(X).
        return Ok(load_index(r, dir));
    };
    // 1. If X/package.json has a "main" field: LOAD_AS_FILE(M), LOAD_INDEX(M).
    let filename = path::resolve(dir, &main);
    r.step(|r| format!("LOAD_AS_DIRECTORY: \"main\" is {}", r.show(&filename)));
    let mut actual = try_file(&filename).or_else(|| try_extensions(&filename));
    if actual.is_none() {
        actual = load_index(r, &filename);
    }
    if actual.is_some() {
        return Ok(actual);
    }
    // Deprecated fallback (DEP0128): X/index.* even though "main" is wrong.
    match load_index(r, dir) {
        Some(found) => {
            r.warnings.push(format!(
                "[DEP0128] DeprecationWarning: Invalid 'main' field in '{}/package.json' of '{}'. Please either fix that or report it to the module author",
                dir, main
            ));
            Ok(Some(found))
        }
        None => Err(ResolveError::cjs_invalid_main(&filename)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_modules_paths_skip_node_modules_folders() {
        assert_eq!(
            node_modules_paths("/a/node_modules/b"),
            ["/a/node_modules/b/node_modules", "/a/node_modules", "/node_modules"]
        );
        assert_eq!(node_modules_paths("/"), ["/node_modules"]);
    }

    #[test]
    fn exports_name_pattern() {
        assert_eq!(split_exports_name("pkg"), Some(("pkg", "")));
        assert_eq!(split_exports_name("pkg/a/b"), Some(("pkg", "/a/b")));
        assert_eq!(split_exports_name("@s/pkg/x"), Some(("@s/pkg", "/x")));
        assert_eq!(split_exports_name("@s"), Some(("@s", "")));
        assert_eq!(split_exports_name(".hidden"), None);
        assert_eq!(split_exports_name("pct%pkg"), None);
        assert_eq!(split_exports_name("a\\b"), None);
        assert_eq!(split_exports_name("./x"), None);
    }
}
