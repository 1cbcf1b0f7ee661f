//! `"exports"` and `"imports"` maps: PACKAGE_EXPORTS_RESOLVE, PACKAGE_IMPORTS_RESOLVE,
//! PACKAGE_IMPORTS_EXPORTS_RESOLVE, PATTERN_KEY_COMPARE and PACKAGE_TARGET_RESOLVE from Node's
//! "Resolution algorithm specification", with the details of Node v20's implementation
//! (`lib/internal/modules/esm/resolve.js`) where they differ. CommonJS uses the same functions
//! for `require` of packages with `"exports"` and for `#imports`.

use std::cmp::Ordering;

use indexmap::IndexMap;

use super::errors::ResolveError;
use super::esm::package_resolve;
use super::package_json::{array_index, lookup_package_scope, own_keys, PackageConfig};
use super::url::Url;
use super::Resolver;
use crate::json::{self, JsonValue};

/// What PACKAGE_TARGET_RESOLVE gives: a URL, `null` (explicitly excluded) or `undefined` (no
/// condition matched).
#[derive(Debug, Clone, PartialEq)]
pub enum TargetOutcome {
    Url(Url),
    Null,
    Undefined,
}

/// `fileURLToPath(base)` for messages (`imported from …`).
pub(crate) fn base_path(base: Option<&Url>) -> Option<String> {
    base.map(|b| b.to_file_path().unwrap_or_else(|_| b.href()))
}

fn pjson_path(pjson_url: &Url) -> String {
    pjson_url.to_file_path().unwrap_or_else(|_| pjson_url.href())
}

/// `fileURLToPath(new URL('.', packageJSONUrl))`: the package directory with a trailing `/`.
fn package_dir(pjson_url: &Url) -> String {
    Url::join(".", pjson_url).and_then(|u| u.to_file_path().ok()).unwrap_or_else(|| pjson_path(pjson_url))
}

fn not_exported(subpath: &str, pjson_url: &Url, base: Option<&Url>) -> ResolveError {
    ResolveError::package_path_not_exported(&package_dir(pjson_url), subpath, base_path(base).as_deref())
}

fn invalid_target(key: &str, target: &JsonValue, pjson_url: &Url, internal: bool, base: Option<&Url>) -> ResolveError {
    let text = match target {
        JsonValue::Object(_) | JsonValue::Array(_) => json::stringify(target),
        JsonValue::String(s) => s.clone(),
        JsonValue::Number(n) => json::number_to_string(*n),
        JsonValue::Bool(b) => b.to_string(),
        JsonValue::Null => "null".to_string(),
    };
    ResolveError::invalid_package_target(&package_dir(pjson_url), key, &text, internal, base_path(base).as_deref())
}

/// PACKAGE_EXPORTS_RESOLVE(packageURL, subpath, exports, conditions).
pub fn package_exports_resolve(
    r: &mut Resolver,
    pjson_url: &Url,
    subpath: &str,
    config: &PackageConfig,
    base: Option<&Url>,
    conditions: &[String],
) -> Result<Url, ResolveError> {
    let exports = config.exports.clone().unwrap_or(JsonValue::Null);
    r.step(|r| format!("PACKAGE_EXPORTS_RESOLVE: \"exports\" of {} for \"{}\"", r.show(&pjson_path(pjson_url)), subpath));
    // 1. If exports is an Object with both a key starting with "." and a key not starting
    //    with ".", throw an Invalid Package Configuration error.
    // 2. If subpath is ".": a string, an array or an object of conditions is the main
    //    export ("exports sugar").
    let map: IndexMap<String, JsonValue> = if is_conditional_exports_main_sugar(&exports, pjson_url, base)? {
        let mut m = IndexMap::new();
        m.insert(".".to_string(), exports);
        m
    } else {
        match exports {
            JsonValue::Object(m) => m,
            // `false`, numbers: no keys at all, so nothing is exported.
            _ => IndexMap::new(),
        }
    };
    // 3. Match subpath against the keys (exactly, then as patterns).
    match package_imports_exports_resolve(r, subpath, &map, pjson_url, false, base, conditions)? {
        TargetOutcome::Url(u) => Ok(u),
        // 4. Throw a Package Path Not Exported error.
        _ => {
            r.step(|_| format!("PACKAGE_EXPORTS_RESOLVE: \"{}\" is not exported", subpath));
            Err(not_exported(subpath, pjson_url, base))
        }
    }
}

/// Node's `isConditionalExportsMainSugar`: is `"exports"` a bare main target (a string, an
/// array, or an object whose keys are all conditions)?
fn is_conditional_exports_main_sugar(exports: &JsonValue, pjson_url: &Url, base: Option<&Url>) -> Result<bool, ResolveError> {
    match exports {
        JsonValue::String(_) | JsonValue::Array(_) => Ok(true),
        JsonValue::Object(map) => {
            let mut sugar = None;
            for key in own_keys(map) {
                let is_condition = key.is_empty() || !key.starts_with('.');
                match sugar {
                    None => sugar = Some(is_condition),
                    Some(s) if s != is_condition => {
                        return Err(ResolveError::invalid_package_config(
                            &pjson_path(pjson_url),
                            base.map(|b| b.href()).as_deref(),
                            Some(
                                "\"exports\" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.",
                            ),
                        ))
                    }
                    Some(_) => {}
                }
            }
            Ok(sugar.unwrap_or(false))
        }
        _ => Ok(false),
    }
}

/// PACKAGE_IMPORTS_RESOLVE(specifier, parentURL, conditions).
pub fn package_imports_resolve(
    r: &mut Resolver,
    name: &str,
    base: &Url,
    conditions: &[String],
) -> Result<Url, ResolveError> {
    let base_text = base_path(Some(base)).unwrap_or_default();
    // 1. Assert: specifier begins with "#".
    // 2. If specifier is exactly "#" or starts with "#/", throw an Invalid Module Specifier
    //    error (Node also rejects a trailing "/").
    if name == "#" || name.starts_with("#/") || name.ends_with('/') {
        return Err(ResolveError::invalid_module_specifier(
            name,
            "is not a valid internal imports specifier name",
            Some(&base_text),
        ));
    }
    // 3. Let packageURL be LOOKUP_PACKAGE_SCOPE(parentURL).
    let config = lookup_package_scope(&mut r.packages, base)?;
    let mut pjson_url = None;
    if config.exists {
        let url = Url::from_file_path(&config.pjson_path);
        r.step(|r| format!("PACKAGE_IMPORTS_RESOLVE: \"imports\" of {} for \"{}\"", r.show(&config.pjson_path), name));
        // 4. If pjson.imports is a non-null Object, resolve through it.
        if let Some(imports) = config.imports_map() {
            let imports = imports.clone();
            if let TargetOutcome::Url(u) =
                package_imports_exports_resolve(r, name, &imports, &url, true, Some(base), conditions)?
            {
                return Ok(u);
            }
        }
        pjson_url = Some(url);
    } else {
        r.step(|_| "PACKAGE_IMPORTS_RESOLVE: no package.json above the importer".to_string());
    }
    // 5. Throw a Package Import Not Defined error.
    let dir = pjson_url.as_ref().map(package_dir);
    Err(ResolveError::package_import_not_defined(name, dir.as_deref(), &base_text))
}

/// PACKAGE_IMPORTS_EXPORTS_RESOLVE(matchKey, matchObj, packageURL, isImports, conditions):
/// an exact key first, then the best pattern (`*`) key by PATTERN_KEY_COMPARE.
pub fn package_imports_exports_resolve(
    r: &mut Resolver,
    match_key: &str,
    match_obj: &IndexMap<String, JsonValue>,
    pjson_url: &Url,
    is_imports: bool,
    base: Option<&Url>,
    conditions: &[String],
) -> Result<TargetOutcome, ResolveError> {
    // 1. If matchKey is a key of matchObj and does not contain "*", resolve its target.
    if let Some(target) = match_obj.get(match_key) {
        if !match_key.contains('*') && !match_key.ends_with('/') {
            r.step(|_| format!("PACKAGE_IMPORTS_EXPORTS_RESOLVE: exact key \"{}\"", match_key));
            return package_target_resolve(r, pjson_url, target, "", match_key, base, false, is_imports, false, conditions);
        }
    }
    // 2. Find the best key with a single "*" whose prefix and suffix surround matchKey.
    let mut best_match = String::new();
    let mut best_subpath = String::new();
    for key in own_keys(match_obj) {
        let Some(star) = key.find('*') else { continue };
        if !match_key.starts_with(&key[..star]) {
            continue;
        }
        if !is_imports && match_key.ends_with('/') {
            r.warnings.push(format!(
                "[DEP0155] DeprecationWarning: Use of deprecated trailing slash pattern mapping \"{}\" in the \"exports\" field module resolution of the package at {}{}. Mapping specifiers ending in \"/\" is no longer supported.",
                match_key,
                pjson_path(pjson_url),
                base_path(base).map(|b| format!(" imported from {}", b)).unwrap_or_default()
            ));
        }
        let trailer = &key[star + 1..];
        if match_key.len() >= key.len()
            && match_key.ends_with(trailer)
            && pattern_key_compare(&best_match, key) == Ordering::Greater
            && key.rfind('*') == Some(star)
        {
            best_match = key.clone();
            best_subpath = match_key[star..match_key.len() - trailer.len()].to_string();
        }
    }
    if best_match.is_empty() {
        r.step(|_| format!("PACKAGE_IMPORTS_EXPORTS_RESOLVE: no key matches \"{}\"", match_key));
        return Ok(TargetOutcome::Undefined);
    }
    r.step(|_| format!("PACKAGE_IMPORTS_EXPORTS_RESOLVE: matched \"{}\" with \"*\" = \"{}\"", best_match, best_subpath));
    let target = match_obj.get(&best_match).cloned().unwrap_or(JsonValue::Null);
    let is_path_map = !is_imports && match_key.ends_with('/');
    package_target_resolve(r, pjson_url, &target, &best_subpath, &best_match, base, true, is_imports, is_path_map, conditions)
}

/// PATTERN_KEY_COMPARE(keyA, keyB): orders pattern keys so that the longest prefix before `*`
/// wins, then the longer key. `Greater` means `b` is the better match.
pub fn pattern_key_compare(a: &str, b: &str) -> Ordering {
    let a_star = a.find('*');
    let b_star = b.find('*');
    // 1-4. Compare the length up to and including "*" (whole length without one).
    let base_a = a_star.map_or(a.len(), |i| i + 1);
    let base_b = b_star.map_or(b.len(), |i| i + 1);
    if base_a > base_b {
        return Ordering::Less;
    }
    if base_b > base_a {
        return Ordering::Greater;
    }
    // 5-6. A key without "*" sorts after one with it.
    if a_star.is_none() {
        return Ordering::Greater;
    }
    if b_star.is_none() {
        return Ordering::Less;
    }
    // 7-8. Longer keys first.
    if a.len() > b.len() {
        return Ordering::Less;
    }
    if b.len() > a.len() {
        return Ordering::Greater;
    }
    Ordering::Equal
}

/// A path segment that may not appear in a target or a pattern match: `.`, `..` or
/// `node_modules` (also percent-encoded, any case). With `allow_empty == false` empty segments
/// (`//`, leading or trailing `/`) count too; Node only warns about those (DEP0166).
fn has_invalid_segment(s: &str, allow_empty: bool) -> bool {
    s.split(['/', '\\']).any(|seg| {
        if seg.is_empty() {
            return !allow_empty;
        }
        let decoded = decode_ascii_escapes(seg).to_ascii_lowercase();
        matches!(decoded.as_str(), "." | ".." | "node_modules") && encodes_only_segment_chars(seg)
    })
}

/// Decodes `%XX` escapes (used only to recognise `%2e%2e` and `%6Eode_modules`).
fn decode_ascii_escapes(seg: &str) -> String {
    let b = seg.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v as char);
                i += 3;
                continue;
            }
        }
        out.push(b[i] as char);
        i += 1;
    }
    out
}

/// Node's pattern only accepts escapes of the very letters of `.`/`node_modules`.
fn encodes_only_segment_chars(seg: &str) -> bool {
    let lower = seg.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if i + 2 >= b.len() {
                return false;
            }
            const ALLOWED: &[&[u8; 2]] = &[
                b"2e", b"6e", b"4e", b"6f", b"4f", b"64", b"44", b"65", b"45", b"5f", b"6d", b"4d", b"75", b"55", b"6c",
                b"4c", b"73", b"53",
            ];
            let code = [b[i + 1], b[i + 2]];
            if !ALLOWED.iter().any(|a| **a == code) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

/// PACKAGE_TARGET_RESOLVE(packageURL, target, patternMatch, isImports, conditions).
#[allow(clippy::too_many_arguments)]
pub fn package_target_resolve(
    r: &mut Resolver,
    pjson_url: &Url,
    target: &JsonValue,
    subpath: &str,
    package_subpath: &str,
    base: Option<&Url>,
    pattern: bool,
    internal: bool,
    is_path_map: bool,
    conditions: &[String],
) -> Result<TargetOutcome, ResolveError> {
    match target {
        // 1. If target is a String, resolve it.
        JsonValue::String(t) => {
            package_target_resolve_string(r, t, subpath, package_subpath, pjson_url, base, pattern, internal, is_path_map, conditions)
                .map(TargetOutcome::Url)
        }
        // 3. If target is an Array: the first entry that resolves wins; invalid targets are
        //    skipped; if none resolves, rethrow the last error or return null/undefined.
        JsonValue::Array(items) => {
            if items.is_empty() {
                r.step(|_| "PACKAGE_TARGET_RESOLVE: empty array → null".to_string());
                return Ok(TargetOutcome::Null);
            }
            let mut last: Option<Result<TargetOutcome, ResolveError>> = None;
            for (i, item) in items.iter().enumerate() {
                r.step(|_| format!("PACKAGE_TARGET_RESOLVE: array entry {}", i));
                match package_target_resolve(r, pjson_url, item, subpath, package_subpath, base, pattern, internal, is_path_map, conditions) {
                    Err(e) if e.code == Some("ERR_INVALID_PACKAGE_TARGET") => {
                        r.step(|_| format!("PACKAGE_TARGET_RESOLVE: entry {} is invalid, trying the next", i));
                        last = Some(Err(e));
                    }
                    Err(e) => return Err(e),
                    Ok(TargetOutcome::Undefined) => {}
                    Ok(TargetOutcome::Null) => last = Some(Ok(TargetOutcome::Null)),
                    Ok(url) => return Ok(url),
                }
            }
            match last {
                None => Ok(TargetOutcome::Undefined),
                Some(outcome) => outcome,
            }
        }
        // 2. If target is an Object: numeric keys are an error; otherwise try the keys in
        //    order, taking "default" or any active condition.
        JsonValue::Object(map) => {
            let keys = own_keys(map);
            if keys.iter().any(|k| array_index(k).is_some()) {
                return Err(ResolveError::invalid_package_config(
                    &pjson_path(pjson_url),
                    base.map(|b| b.href()).as_deref(),
                    Some("\"exports\" cannot contain numeric property keys."),
                ));
            }
            for key in keys {
                if key == "default" || conditions.iter().any(|c| c == key) {
                    r.step(|_| format!("PACKAGE_TARGET_RESOLVE: condition \"{}\" matches", key));
                    let outcome = package_target_resolve(
                        r, pjson_url, &map[key.as_str()], subpath, package_subpath, base, pattern, internal, is_path_map, conditions,
                    )?;
                    if outcome == TargetOutcome::Undefined {
                        r.step(|_| format!("PACKAGE_TARGET_RESOLVE: nothing under \"{}\", trying the next condition", key));
                        continue;
                    }
                    return Ok(outcome);
                } else {
                    r.step(|_| format!("PACKAGE_TARGET_RESOLVE: condition \"{}\" is not active", key));
                }
            }
            Ok(TargetOutcome::Undefined)
        }
        // 4. If target is null, return null.
        JsonValue::Null => {
            r.step(|_| "PACKAGE_TARGET_RESOLVE: target is null (excluded)".to_string());
            Ok(TargetOutcome::Null)
        }
        // 5. Otherwise throw an Invalid Package Target error.
        other => Err(invalid_target(package_subpath, other, pjson_url, internal, base)),
    }
}

/// The String case of PACKAGE_TARGET_RESOLVE (Node's `resolvePackageTargetString`).
#[allow(clippy::too_many_arguments)]
fn package_target_resolve_string(
    r: &mut Resolver,
    target: &str,
    subpath: &str,
    match_key: &str,
    pjson_url: &Url,
    base: Option<&Url>,
    pattern: bool,
    internal: bool,
    is_path_map: bool,
    conditions: &[String],
) -> Result<Url, ResolveError> {
    let target_value = JsonValue::String(target.to_string());
    // A non-pattern key ending in "/" maps a folder; anything else with a subpath is invalid.
    if !subpath.is_empty() && !pattern && !target.ends_with('/') {
        return Err(invalid_target(match_key, &target_value, pjson_url, internal, base));
    }
    // 1. If target does not start with "./":
    if !target.starts_with("./") {
        // a. In "imports", a bare specifier (not "../", not "/", not a URL) is resolved as a
        //    package: PACKAGE_RESOLVE(target with "*" replaced, packageURL + "/").
        if internal && !target.starts_with("../") && !target.starts_with('/') && Url::parse(target).is_none() {
            let export_target = if pattern { target.replace('*', subpath) } else { format!("{}{}", target, subpath) };
            r.step(|_| format!("PACKAGE_TARGET_RESOLVE: bare target \"{}\" → PACKAGE_RESOLVE", export_target));
            return package_resolve(r, &export_target, pjson_url, conditions);
        }
        // b. Otherwise throw an Invalid Package Target error.
        return Err(invalid_target(match_key, &target_value, pjson_url, internal, base));
    }
    // 2. If target has a ".", ".." or "node_modules" segment after "./", it is invalid.
    let rest = &target[2..];
    if has_invalid_segment(rest, false) {
        if !has_invalid_segment(rest, true) {
            if !is_path_map {
                let request = if pattern { match_key.replacen('*', subpath, 1) } else { format!("{}{}", match_key, subpath) };
                let resolved_target = if pattern { target.replace('*', subpath) } else { target.to_string() };
                push_segment_warning(r, &resolved_target, &request, match_key, pjson_url, internal, base, true);
            }
        } else {
            return Err(invalid_target(match_key, &target_value, pjson_url, internal, base));
        }
    }
    // 3-4. Resolve it against the package URL; it must stay inside the package.
    let Some(resolved) = Url::join(target, pjson_url) else {
        return Err(invalid_target(match_key, &target_value, pjson_url, internal, base));
    };
    let package_path = Url::join(".", pjson_url).map(|u| u.path).unwrap_or_default();
    if !resolved.path.starts_with(&package_path) {
        return Err(invalid_target(match_key, &target_value, pjson_url, internal, base));
    }
    if subpath.is_empty() {
        r.step(|r| format!("PACKAGE_TARGET_RESOLVE: target \"{}\" → {}", target, r.show_url(&resolved)));
        return Ok(resolved);
    }
    // 5. The part matched by "*" may not contain such segments either.
    if has_invalid_segment(subpath, false) {
        let request = if pattern { match_key.replacen('*', subpath, 1) } else { format!("{}{}", match_key, subpath) };
        if !has_invalid_segment(subpath, true) {
            if !is_path_map {
                let resolved_target = if pattern { target.replace('*', subpath) } else { target.to_string() };
                push_segment_warning(r, &resolved_target, &request, match_key, pjson_url, internal, base, false);
            }
        } else {
            let reason = format!(
                "request is not a valid match in pattern \"{}\" for the \"{}\" resolution of {}",
                match_key,
                if internal { "imports" } else { "exports" },
                pjson_path(pjson_url)
            );
            return Err(ResolveError::invalid_module_specifier(&request, &reason, base_path(base).as_deref()));
        }
    }
    // 6. Substitute every "*" of the resolved target with the match (re-parsing, so a "?" or
    //    "#" in the match starts a query or fragment), or append the folder subpath.
    let out = if pattern {
        Url::parse(&resolved.href().replace('*', subpath))
    } else {
        Url::join(subpath, &resolved)
    };
    let Some(out) = out else {
        return Err(invalid_target(match_key, &target_value, pjson_url, internal, base));
    };
    r.step(|r| format!("PACKAGE_TARGET_RESOLVE: target \"{}\" with \"{}\" → {}", target, subpath, r.show_url(&out)));
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn push_segment_warning(
    r: &mut Resolver,
    target: &str,
    request: &str,
    match_key: &str,
    pjson_url: &Url,
    internal: bool,
    base: Option<&Url>,
    is_target: bool,
) {
    let checked = if is_target { target } else { request };
    let double = checked.contains("//") || checked.contains("\\\\") || checked.contains("/\\") || checked.contains("\\/");
    r.warnings.push(format!(
        "[DEP0166] DeprecationWarning: Use of deprecated {} resolving \"{}\" for module request \"{}\" {}in the \"{}\" field module resolution of the package at {}{}.",
        if double { "double slash" } else { "leading or trailing slash matching" },
        target,
        request,
        if request != match_key { format!("matched to \"{}\" ", match_key) } else { String::new() },
        if internal { "imports" } else { "exports" },
        pjson_path(pjson_url),
        base_path(base).map(|b| format!(" imported from {}", b)).unwrap_or_default()
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_key_compare_prefers_longer_prefixes() {
        assert_eq!(pattern_key_compare("", "./a/*"), Ordering::Greater);
        assert_eq!(pattern_key_compare("./a/*", "./a/b/*"), Ordering::Greater);
        assert_eq!(pattern_key_compare("./a/b/*", "./a/*"), Ordering::Less);
        assert_eq!(pattern_key_compare("./a/*.js", "./a/*"), Ordering::Less);
        assert_eq!(pattern_key_compare("./a/*", "./a/*.js"), Ordering::Greater);
        assert_eq!(pattern_key_compare("./a/*", "./a/*"), Ordering::Equal);
        assert_eq!(pattern_key_compare("./a", "./b/*"), Ordering::Greater);
    }

    #[test]
    fn invalid_segments() {
        assert!(has_invalid_segment("../x", true));
        assert!(has_invalid_segment("a/%2E%2e/x", true));
        assert!(has_invalid_segment("a/NODE_MODULES/x", true));
        assert!(has_invalid_segment("%6Eode_modules", true));
        assert!(!has_invalid_segment("a/.../x", true));
        assert!(!has_invalid_segment("a//x", true));
        assert!(has_invalid_segment("a//x", false));
        assert!(has_invalid_segment("", false));
        assert!(!has_invalid_segment("lib/x.js", false));
    }
}
