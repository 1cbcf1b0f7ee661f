//! ES module resolution: ESM_RESOLVE, PACKAGE_RESOLVE and PACKAGE_SELF_RESOLVE from Node's
//! "Resolution algorithm specification", as Node v20.20 implements them (`defaultResolve`,
//! `moduleResolve`, `packageResolve`, `legacyMainResolve`, `finalizeResolution` in
//! `lib/internal/modules/esm/resolve.js`).
//!
//! ES modules never add extensions or `index.js` to relative, absolute or `file:` specifiers,
//! and reject directories; only a bare package without `"exports"` gets CommonJS-style `"main"`
//! guessing.

use super::builtins;
use super::cjs::{self, CjsParent, Required};
use super::errors::ResolveError;
use super::exports::{base_path, package_exports_resolve, package_imports_resolve};
use super::format;
use super::fs::{self, Stat};
use super::package_json::{lookup_package_scope, PackageConfig};
use super::path;
use super::url::{encode_uri_component, Url};
use super::Resolver;

/// An ESM resolution result: the URL and its text as Node hands it on (`node:` specifiers are
/// passed through verbatim, so `NODE:fs` stays `NODE:fs`).
#[derive(Debug, Clone, PartialEq)]
pub struct EsmResolution {
    pub url: Url,
    pub href: String,
}

/// `isRelativeSpecifier`: `.`, `..`, `./…`, `../…`.
pub fn is_relative_specifier(s: &str) -> bool {
    s == "." || s == ".." || s.starts_with("./") || s.starts_with("../")
}

/// `shouldBeTreatedAsRelativeOrAbsolutePath`: relative, or starting with `/`.
pub fn should_be_treated_as_relative_or_absolute_path(s: &str) -> bool {
    !s.is_empty() && (s.starts_with('/') || is_relative_specifier(s))
}

/// `isBareSpecifier`: not empty, not starting with `/` or `.`.
fn is_bare_specifier(s: &str) -> bool {
    !s.is_empty() && !s.starts_with('/') && !s.starts_with('.')
}

/// ESM_RESOLVE(specifier, parentURL): Node's `defaultResolve`.
pub fn esm_resolve(r: &mut Resolver, specifier: &str, parent: &Url) -> Result<EsmResolution, ResolveError> {
    r.step(|r| format!("ESM_RESOLVE: \"{}\" from {}", specifier, r.show_url(parent)));
    // `data:` and `node:` URLs are returned as they are. (A path joined to a `file:` parent
    // stays a `file:` URL: no need to join it twice.)
    let parsed = if should_be_treated_as_relative_or_absolute_path(specifier) {
        if parent.scheme == "file" {
            None
        } else {
            Url::join(specifier, parent)
        }
    } else {
        Url::parse(specifier)
    };
    if let Some(p) = &parsed {
        if p.scheme == "data" {
            r.step(|_| "ESM_RESOLVE: a data: URL is its own resolution".to_string());
            return Ok(EsmResolution { href: p.href(), url: p.clone() });
        }
        if p.scheme == "node" {
            r.step(|_| "ESM_RESOLVE: a node: URL names a built-in module".to_string());
            return Ok(EsmResolution { href: specifier.to_string(), url: p.clone() });
        }
    }
    let conditions = r.esm_conditions();
    match module_resolve(r, specifier, parent, &conditions) {
        Ok(url) => Ok(EsmResolution { href: url.href(), url }),
        Err(error) if error.is_not_found_or_dir() => {
            // Node suggests what CommonJS would have loaded ("Did you mean to import …?").
            let spec = if specifier.starts_with("file://") {
                Url::parse(specifier).and_then(|u| u.to_file_path().ok()).unwrap_or_else(|| specifier.to_string())
            } else {
                specifier.to_string()
            };
            match r.untraced(|r| resolve_as_common_js(r, &spec, parent)) {
                Some(found) if found != spec => Err(error.with_hint(&found)),
                _ => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

/// Node's `moduleResolve`: the numbered steps of ESM_RESOLVE.
fn module_resolve(r: &mut Resolver, specifier: &str, base: &Url, conditions: &[String]) -> Result<Url, ResolveError> {
    let resolved = if should_be_treated_as_relative_or_absolute_path(specifier) {
        // 2. If specifier starts with "/", "./" or "../": the URL resolution of specifier
        //    relative to parentURL.
        let Some(u) = Url::join(specifier, base) else {
            return Err(ResolveError::unsupported_resolve_request(specifier, &base.href()));
        };
        r.step(|r| format!("ESM_RESOLVE: relative URL → {}", r.show_url(&u)));
        u
    } else if base.scheme == "file" && specifier.starts_with('#') {
        // 3. If specifier starts with "#": PACKAGE_IMPORTS_RESOLVE.
        package_imports_resolve(r, specifier, base, conditions)?
    } else if let Some(u) = Url::parse(specifier) {
        // 4. If specifier is a valid URL: that URL.
        r.step(|_| format!("ESM_RESOLVE: \"{}\" is an absolute URL", specifier));
        u
    } else {
        if base.scheme == "data" && !builtins::can_be_required_without_scheme(specifier) {
            return Err(ResolveError::unsupported_resolve_request(specifier, &base.href()));
        }
        // 5. Otherwise: PACKAGE_RESOLVE.
        package_resolve(r, specifier, base, conditions)?
    };
    if resolved.scheme != "file" {
        return Ok(resolved);
    }
    finalize_resolution(r, &resolved, base)
}

/// The end of ESM_RESOLVE for `file:` URLs (Node's `finalizeResolution`): no encoded `/` or
/// `\`, must be an existing file (directories are `ERR_UNSUPPORTED_DIR_IMPORT`), then the real
/// path, keeping a non-empty query and fragment.
pub fn finalize_resolution(r: &mut Resolver, resolved: &Url, base: &Url) -> Result<Url, ResolveError> {
    // The referrer as errors show it (made only for an error).
    let base_text = || base_path(Some(base)).unwrap_or_default();
    // 7. If resolved contains any percent encodings of "/" or "\", throw an Invalid Module
    //    Specifier error.
    if encodes_a_separator(resolved.pathname()) {
        return Err(ResolveError::invalid_module_specifier(
            resolved.pathname(),
            "must not include encoded \"/\" or \"\\\" characters",
            Some(&base_text()),
        ));
    }
    let file_path = resolved.to_file_path()?;
    // 8-9. Directories are rejected, missing files are not found. Node 20 stats only the last
    //      character ("/") of a path that ends in "/", so any such path is a directory import.
    //      Its native stat also stops at a NUL byte (from "%00").
    let stat_target = if file_path.ends_with('/') { "/" } else { file_path.as_str() };
    let stat_target = stat_target.split('\0').next().unwrap_or(stat_target);
    match r.stat(stat_target) {
        Stat::Dir => {
            r.step(|r| format!("ESM_RESOLVE: {} is a directory → ERR_UNSUPPORTED_DIR_IMPORT", r.show(&file_path)));
            return Err(ResolveError::unsupported_dir_import(&file_path, &base_text()).with_url(resolved.href()));
        }
        Stat::Missing => {
            r.step(|r| format!("ESM_RESOLVE: no file at {} → ERR_MODULE_NOT_FOUND", r.show(&file_path)));
            return Err(ResolveError::module_not_found(&file_path, &base_text(), true).with_url(resolved.href()));
        }
        Stat::File => {}
    }
    // 10. The real path, with the original search and hash (`realpathSync` rejects NUL).
    if file_path.contains('\0') {
        return Err(ResolveError::invalid_arg_value_null_bytes(&file_path));
    }
    let real = r.realpath(&file_path);
    let mut out = Url::from_file_path(&real);
    let search = resolved.search();
    let hash = resolved.hash();
    out.query = search.strip_prefix('?').map(|s| s.to_string());
    out.fragment = hash.strip_prefix('#').map(|s| s.to_string());
    r.step(|r| format!("ESM_RESOLVE: found file {}", r.show_url(&out)));
    Ok(out)
}

/// Whether a URL path contains `%2F` or `%5C` (either case).
fn encodes_a_separator(path: &str) -> bool {
    path.as_bytes().windows(3).any(|w| w[0] == b'%' && ((w[1] == b'2' && (w[2] | 0x20) == b'f') || (w[1] == b'5' && (w[2] | 0x20) == b'c')))
}

/// PACKAGE_RESOLVE(packageSpecifier, parentURL).
pub fn package_resolve(r: &mut Resolver, specifier: &str, base: &Url, conditions: &[String]) -> Result<Url, ResolveError> {
    // 3. If packageSpecifier is a Node.js builtin module name, return "node:" + it.
    if builtins::can_be_required_without_scheme(specifier) {
        r.step(|_| format!("PACKAGE_RESOLVE: \"{}\" is a built-in module → node:{}", specifier, specifier));
        return Ok(Url::parse(&format!("node:{}", specifier)).unwrap_or_else(|| Url::from_file_path("/")));
    }
    // 4-9. Split the package name from the subpath and validate the name.
    let (name, subpath, is_scoped) = parse_package_name(specifier, base)?;
    r.step(|_| format!("PACKAGE_RESOLVE: package \"{}\", subpath \"{}\"", name, subpath));
    // 10. PACKAGE_SELF_RESOLVE.
    if let Some(url) = package_self_resolve(r, &name, &subpath, base, conditions)? {
        return Ok(url);
    }
    // 11. Walk up the node_modules folders.
    let mut pjson_url = Url::join(&format!("./node_modules/{}/package.json", name), base)
        .ok_or_else(|| ResolveError::module_not_found(&name, &base_path(Some(base)).unwrap_or_default(), false))?;
    loop {
        let pjson_path = pjson_url.to_file_path()?;
        // Node cuts 13 characters ("/package.json") off the path, whatever it ends with.
        let mut cut = pjson_path.len().saturating_sub("/package.json".len());
        while !pjson_path.is_char_boundary(cut) {
            cut -= 1;
        }
        let dir = &pjson_path[..cut];
        if fs::stat(dir) != Stat::Dir {
            r.step(|r| format!("PACKAGE_RESOLVE: no {}", r.show(dir)));
            let up = if is_scoped { "../../../../node_modules/" } else { "../../../node_modules/" };
            let next = Url::join(&format!("{}{}/package.json", up, name), &pjson_url);
            let Some(next) = next else { break };
            let next_path = next.to_file_path()?;
            if next_path.len() == pjson_path.len() {
                // At the file-system root: nothing left to try.
                break;
            }
            pjson_url = next;
            continue;
        }
        // 11.c-f. Package found: its "exports", else "main" (for the package root) or the
        //         subpath as a plain file.
        r.step(|r| format!("PACKAGE_RESOLVE: found package folder {}", r.show(dir)));
        let config = read_package_config(r, &pjson_path, specifier, base)?;
        if config.has_exports() {
            return package_exports_resolve(r, &pjson_url, &subpath, &config, Some(base), conditions);
        }
        if subpath == "." {
            return legacy_main_resolve(r, &pjson_url, &config, base);
        }
        let Some(u) = Url::join(&subpath, &pjson_url) else {
            return Err(ResolveError::module_not_found(&name, &base_path(Some(base)).unwrap_or_default(), false));
        };
        r.step(|r| format!("PACKAGE_RESOLVE: no \"exports\", subpath → {}", r.show_url(&u)));
        return Ok(u);
    }
    // 12. Throw a Module Not Found error.
    r.step(|_| format!("PACKAGE_RESOLVE: package \"{}\" not found in any node_modules", name));
    Err(ResolveError::module_not_found(&name, &base_path(Some(base)).unwrap_or_default(), false))
}

/// Reads a package.json for ES module resolution (`ERR_INVALID_PACKAGE_CONFIG` when malformed).
fn read_package_config(
    r: &mut Resolver,
    pjson_path: &str,
    specifier: &str,
    base: &Url,
) -> Result<std::rc::Rc<PackageConfig>, ResolveError> {
    r.packages.read_package_json(pjson_path).map_err(|e| {
        let importing = format!("\"{}\" from {}", specifier, base_path(Some(base)).unwrap_or_default());
        ResolveError::invalid_package_config(pjson_path, Some(&importing), Some(&e.message))
    })
}

/// Node's `parsePackageName`: `(name, "." + subpath, isScoped)`; names must not start with
/// `.` or contain `%` or `\`, and a scope needs a `/`.
pub fn parse_package_name(specifier: &str, base: &Url) -> Result<(String, String, bool), ResolveError> {
    let mut separator = specifier.find('/');
    let mut valid = true;
    let mut is_scoped = false;
    if specifier.starts_with('@') {
        is_scoped = true;
        match separator {
            None => valid = false,
            Some(i) => separator = specifier[i + 1..].find('/').map(|j| i + 1 + j),
        }
    }
    let name = match separator {
        None => specifier,
        Some(i) => &specifier[..i],
    };
    if name.starts_with('.') || name.contains('%') || name.contains('\\') {
        valid = false;
    }
    if !valid {
        return Err(ResolveError::invalid_module_specifier(
            specifier,
            "is not a valid package name",
            base_path(Some(base)).as_deref(),
        ));
    }
    let subpath = match separator {
        None => ".".to_string(),
        Some(i) => format!(".{}", &specifier[i..]),
    };
    Ok((name.to_string(), subpath, is_scoped))
}

/// PACKAGE_SELF_RESOLVE(packageName, packageSubpath, parentURL): a package importing itself by
/// its own name, which only works through `"exports"`.
fn package_self_resolve(
    r: &mut Resolver,
    name: &str,
    subpath: &str,
    base: &Url,
    conditions: &[String],
) -> Result<Option<Url>, ResolveError> {
    // 1. Let packageURL be LOOKUP_PACKAGE_SCOPE(parentURL).
    let config = lookup_package_scope(&mut r.packages, base)?;
    if !config.exists {
        return Ok(None);
    }
    // 3-4. Only when the scope has "exports" and its "name" is packageName.
    if !config.has_exports() || config.name.as_deref() != Some(name) {
        return Ok(None);
    }
    r.step(|r| format!("PACKAGE_SELF_RESOLVE: {} is package \"{}\" itself", r.show(&config.pjson_path), name));
    let pjson_url = Url::from_file_path(&config.pjson_path);
    package_exports_resolve(r, &pjson_url, subpath, &config, Some(base), conditions).map(Some)
}

/// Legacy `"main"` resolution for a package without `"exports"` (Node's `legacyMainResolve`):
/// `main`, `main.js`, `main.json`, `main.node`, `main/index.{js,json,node}`, then
/// `index.{js,json,node}`.
fn legacy_main_resolve(r: &mut Resolver, pjson_url: &Url, config: &PackageConfig, base: &Url) -> Result<Url, ResolveError> {
    let mut guesses: Vec<String> = Vec::new();
    if let Some(main) = &config.main {
        for suffix in ["", ".js", ".json", ".node", "/index.js", "/index.json", "/index.node"] {
            guesses.push(format!("./{}{}", main, suffix));
        }
    }
    for index in ["./index.js", "./index.json", "./index.node"] {
        guesses.push(index.to_string());
    }
    for guess in &guesses {
        let Some(url) = Url::join(guess, pjson_url) else { continue };
        let Ok(p) = url.to_file_path() else { continue };
        if fs::is_file(&p) {
            r.step(|r| format!("PACKAGE_RESOLVE: legacy \"main\" lookup found {}", r.show(&p)));
            emit_legacy_index_deprecation(r, &url, &p, config, base);
            return Ok(url);
        }
    }
    let initial = match &config.main {
        Some(m) if !m.is_empty() => format!("./{}", m),
        _ => "./index.js".to_string(),
    };
    let missing = Url::join(&initial, pjson_url)
        .and_then(|u| u.to_file_path().ok())
        .unwrap_or_else(|| config.dir_with_slash());
    r.step(|_| "PACKAGE_RESOLVE: legacy \"main\" lookup found nothing".to_string());
    Err(ResolveError::module_not_found(&missing, &base_path(Some(base)).unwrap_or_default(), false))
}

/// DEP0151: Node warns when the legacy `"main"` lookup guessed an extension or an index file
/// for what turns out to be an ES module.
fn emit_legacy_index_deprecation(r: &mut Resolver, url: &Url, file_path: &str, config: &PackageConfig, base: &Url) {
    let is_module = r.untraced(|r| format::esm_file_format(r, url)) == Ok(format::ModuleFormat::Module);
    if !is_module {
        return;
    }
    let pkg_path = config.dir_with_slash();
    let rest = file_path.strip_prefix(&pkg_path).unwrap_or(file_path);
    let base_text = base_path(Some(base)).unwrap_or_default();
    match config.main.as_deref().filter(|m| !m.is_empty()) {
        None => r.warnings.push(format!(
            "[DEP0151] DeprecationWarning: No \"main\" or \"exports\" field defined in the package.json for {} resolving the main entry point \"{}\", imported from {}.\nDefault \"index\" lookups for the main are deprecated for ES modules.",
            pkg_path, rest, base_text
        )),
        Some(main) if path::resolve(&pkg_path, main) != file_path => r.warnings.push(format!(
            "[DEP0151] DeprecationWarning: Package {} has a \"main\" field set to \"{}\", excluding the full filename and extension to the resolved file at \"{}\", imported from {}.\n Automatic extension resolution of the \"main\" field is deprecated for ES modules.",
            pkg_path, main, rest, base_text
        )),
        Some(_) => {}
    }
}

/// Node's `resolveAsCommonJS`: what `require` would have found, phrased as a specifier for the
/// "Did you mean to import …?" hint. Node asks from a module object without a filename, so a
/// relative specifier is looked up from the *current directory*: the hint for `./a` only
/// appears when the process runs in the importer's folder.
fn resolve_as_common_js(r: &mut Resolver, specifier: &str, parent: &Url) -> Option<String> {
    let parent_path = parent.to_file_path().ok()?;
    let found = match cjs::resolve_filename_from(r, specifier, CjsParent::WithoutFilename(&parent_path)).ok()? {
        Required::File(p) => p,
        Required::Builtin(id) => id,
    };
    if is_relative_specifier(specifier) {
        let found_url = Url::from_file_path(&found);
        let parent_dir = match parent.path.rfind('/') {
            Some(i) => parent.path[..i].to_string(),
            None => parent.path.clone(),
        };
        let rel = path::relative(&parent_dir, found_url.pathname());
        if rel.starts_with("../") {
            Some(rel)
        } else {
            Some(format!("./{}", rel))
        }
    } else if is_bare_specifier(specifier) {
        let pkg = specifier.split('/').next().unwrap_or(specifier);
        let needle = format!("/node_modules/{}/", pkg);
        match found.rfind(&needle) {
            Some(i) => {
                let rest = &found[i + needle.len()..];
                let parts: Vec<String> = rest.split('/').map(encode_uri_component).collect();
                Some(format!("{}/{}", pkg, parts.join("/")))
            }
            None => Some(Url::from_file_path(&found).href()),
        }
    } else {
        Some(found)
    }
}
