//! READ_PACKAGE_JSON and LOOKUP_PACKAGE_SCOPE: reading `package.json` files (once per run)
//! and finding the package a module belongs to.

use std::collections::BTreeMap;
use std::rc::Rc;

use indexmap::IndexMap;

use super::errors::ResolveError;
use super::fs;
use super::url::Url;
use crate::json::{self, JsonError, JsonValue};

/// The `"type"` field, as Node reads it (unknown values count as absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageType {
    Module,
    CommonJs,
    None,
}

/// The fields of a `package.json` that resolution uses.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageConfig {
    /// Absolute path of the `package.json` (also for a missing one).
    pub pjson_path: String,
    pub exists: bool,
    /// `"name"` when it is a string.
    pub name: Option<String>,
    /// `"main"` when it is a string.
    pub main: Option<String>,
    pub package_type: PackageType,
    /// `"exports"` as written: `None` when absent, `Some(Null)` for `null`.
    pub exports: Option<JsonValue>,
    /// `"imports"` as written.
    pub imports: Option<JsonValue>,
}

impl PackageConfig {
    fn missing(pjson_path: String) -> Self {
        PackageConfig {
            pjson_path,
            exists: false,
            name: None,
            main: None,
            package_type: PackageType::None,
            exports: None,
            imports: None,
        }
    }

    /// `exports != null` in Node's terms (present and not `null`).
    pub fn has_exports(&self) -> bool {
        !matches!(self.exports, None | Some(JsonValue::Null))
    }

    /// `imports != null` in Node's terms.
    pub fn has_imports_field(&self) -> bool {
        !matches!(self.imports, None | Some(JsonValue::Null))
    }

    /// The `"imports"` object (Node ignores a non-object `"imports"`).
    pub fn imports_map(&self) -> Option<&IndexMap<String, JsonValue>> {
        match &self.imports {
            Some(JsonValue::Object(m)) => Some(m),
            _ => None,
        }
    }

    /// The directory holding the package.json, with a trailing `/`.
    pub fn dir_with_slash(&self) -> String {
        let p = &self.pjson_path;
        match p.rfind('/') {
            Some(i) => p[..=i].to_string(),
            None => "/".to_string(),
        }
    }
}

/// Per-run cache of parsed package.json files, keyed by absolute path (a BTreeMap, so nothing
/// depends on hash order).
#[derive(Debug, Default)]
pub struct PackageJsonCache {
    entries: BTreeMap<String, Result<Rc<PackageConfig>, JsonError>>,
    /// `readPackageScope` answers by folder: like the files it reads, a folder's scope is
    /// looked up once per run (Node keeps the same per-run package.json cache), instead of
    /// walking up to the root again for every `require` from that folder.
    scopes: BTreeMap<String, Option<(String, Rc<PackageConfig>)>>,
}

impl PackageJsonCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// READ_PACKAGE_JSON(path): a missing file gives `exists: false`; malformed JSON gives the
    /// parser's error, which the caller turns into `ERR_INVALID_PACKAGE_CONFIG` (ES modules) or
    /// a `SyntaxError` (CommonJS).
    pub fn read_package_json(&mut self, path: &str) -> Result<Rc<PackageConfig>, JsonError> {
        if let Some(hit) = self.entries.get(path) {
            return hit.clone();
        }
        let result = match fs::read_text(path) {
            None => Ok(Rc::new(PackageConfig::missing(path.to_string()))),
            // Node drops a leading byte-order mark before parsing.
            Some(text) => {
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                json::parse(text).map(|value| Rc::new(config_from_json(path, &value)))
            }
        };
        self.entries.insert(path.to_string(), result.clone());
        result
    }
}

fn config_from_json(path: &str, value: &JsonValue) -> PackageConfig {
    let mut config = PackageConfig::missing(path.to_string());
    config.exists = true;
    if let JsonValue::Object(map) = value {
        if let Some(JsonValue::String(s)) = map.get("name") {
            config.name = Some(s.clone());
        }
        if let Some(JsonValue::String(s)) = map.get("main") {
            config.main = Some(s.clone());
        }
        config.package_type = match map.get("type") {
            Some(JsonValue::String(s)) if s == "module" => PackageType::Module,
            Some(JsonValue::String(s)) if s == "commonjs" => PackageType::CommonJs,
            _ => PackageType::None,
        };
        config.exports = map.get("exports").cloned();
        config.imports = map.get("imports").cloned();
    }
    config
}

/// Object keys in JavaScript's own-property order: array-index keys first, ascending, then the
/// rest in insertion order (what `Object.getOwnPropertyNames` gives Node).
pub fn own_keys(map: &IndexMap<String, JsonValue>) -> Vec<&String> {
    let mut index_keys: Vec<(u32, &String)> =
        map.keys().filter_map(|k| array_index(k).map(|n| (n, k))).collect();
    index_keys.sort();
    let mut keys: Vec<&String> = index_keys.into_iter().map(|(_, k)| k).collect();
    keys.extend(map.keys().filter(|k| array_index(k).is_none()));
    keys
}

/// `isArrayIndex(key)`: the canonical decimal form of an integer below 2^32 - 1.
pub fn array_index(key: &str) -> Option<u32> {
    let n: u64 = key.parse().ok()?;
    if n.to_string() != key || n >= 0xFFFF_FFFF {
        return None;
    }
    Some(n as u32)
}

/// LOOKUP_PACKAGE_SCOPE(url) for ES modules (Node's `getPackageScopeConfig`): walks up from
/// `url` to the nearest package.json, stopping at a `node_modules` folder and at the root.
pub fn lookup_package_scope(cache: &mut PackageJsonCache, url: &Url) -> Result<Rc<PackageConfig>, ResolveError> {
    let mut pjson_url = Url::join("./package.json", url).unwrap_or_else(|| Url::from_file_path("/package.json"));
    loop {
        // 1. If scopeURL ends in a "node_modules" path segment, stop.
        if pjson_url.pathname().ends_with("node_modules/package.json") {
            break;
        }
        let path = pjson_url.to_file_path()?;
        // 2. Read the package.json there; if it exists, that is the scope.
        let config = cache.read_package_json(&path).map_err(|e| {
            let importing = url.to_file_path().unwrap_or_else(|_| url.href());
            ResolveError::invalid_package_config(&path, Some(&importing), Some(&e.message))
        })?;
        if config.exists {
            return Ok(config);
        }
        // 3. Go to the parent directory, ending at the file-system root.
        let last = pjson_url.pathname().to_string();
        pjson_url = match Url::join("../package.json", &pjson_url) {
            Some(u) => u,
            None => break,
        };
        if pjson_url.pathname() == last {
            break;
        }
    }
    let path = pjson_url.to_file_path().unwrap_or_else(|_| "/package.json".to_string());
    Ok(Rc::new(PackageConfig::missing(path)))
}

/// CommonJS `readPackageScope(checkPath)`: the nearest package.json above a file, not looking
/// past a `node_modules` folder. Returns the package directory and its config.
pub fn read_package_scope(
    cache: &mut PackageJsonCache,
    check_path: &str,
) -> Result<Option<(String, Rc<PackageConfig>)>, ResolveError> {
    // The walk starts at the folder of `check_path`: its answer is the folder's.
    let folder = &check_path[..check_path.rfind('/').unwrap_or(0)];
    if let Some(hit) = cache.scopes.get(folder) {
        return Ok(hit.clone());
    }
    let found = walk_package_scope(cache, check_path)?;
    cache.scopes.insert(folder.to_string(), found.clone());
    Ok(found)
}

/// The walk of [`read_package_scope`]: each folder up from `check_path`, stopping at a
/// `node_modules` folder.
fn walk_package_scope(
    cache: &mut PackageJsonCache,
    check_path: &str,
) -> Result<Option<(String, Rc<PackageConfig>)>, ResolveError> {
    let mut current = check_path.to_string();
    while let Some(i) = current.rfind('/') {
        current.truncate(i);
        if current.ends_with("/node_modules") {
            return Ok(None);
        }
        let pjson = format!("{}/package.json", current);
        let config = cache.read_package_json(&pjson).map_err(|e| ResolveError::cjs_package_json_syntax(&pjson, &e.message))?;
        if config.exists {
            return Ok(Some((current, config)));
        }
        if i == 0 {
            break;
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_keys_puts_array_indices_first() {
        let JsonValue::Object(map) = json::parse(r#"{"b":1,"10":2,"a":3,"2":4,"01":5}"#).unwrap() else {
            panic!("object expected")
        };
        let keys: Vec<&str> = own_keys(&map).into_iter().map(|s| s.as_str()).collect();
        assert_eq!(keys, ["2", "10", "b", "a", "01"]);
    }
}
