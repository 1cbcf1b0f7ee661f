//! How `modjs --test262 --module` finds modules: the way test262's INTERPRETING.md describes a
//! host, not Node's. A specifier is a URL relative to the importing module (test262 only uses
//! `./x_FIXTURE.js`-style paths); every file is an ES module except `.json` files, which are
//! JSON modules (imported `with { type: "json" }`). No `package.json`, no extension search, no
//! CommonJS: a `.js` fixture is a module even though Node would read it as CommonJS.

use modjs_loader::module::error::ModuleError;
use modjs_loader::module::host::{validate_import_attributes, HostFormat, HostResolution, ModuleHost};
use modjs_loader::resolve::errors::ResolveError;
use modjs_loader::resolve::url::Url;
use modjs_parser::module_records::ModuleRequest;

/// The module host of the test262 mode.
pub struct Test262ModuleHost {
    /// The directory relative entry paths are taken from.
    pub current_dir: String,
}

impl Test262ModuleHost {
    fn by_url(url: Url, referrer: Option<&str>) -> Result<HostResolution, ModuleError> {
        let path = url.to_file_path().map_err(ModuleError::Resolve)?;
        if !std::path::Path::new(&path).is_file() {
            let base = referrer.unwrap_or("");
            return Err(ModuleError::Resolve(ResolveError::module_not_found(&path, base, true)));
        }
        let format = if path.ends_with(".json") { HostFormat::Json } else { HostFormat::Module };
        Ok(HostResolution { url: url.href(), path: Some(path), format })
    }
}

impl ModuleHost for Test262ModuleHost {
    fn resolve_entry(&mut self, entry: &str) -> Result<HostResolution, ModuleError> {
        let path = if entry.starts_with('/') {
            entry.to_string()
        } else {
            format!("{}/{}", self.current_dir.trim_end_matches('/'), entry)
        };
        Self::by_url(Url::from_file_path(&path), None)
    }

    fn resolve_imported_module(&mut self, referrer: &str, request: &ModuleRequest) -> Result<HostResolution, ModuleError> {
        all_import_attributes_supported(request)?;
        let specifier = request.specifier.to_string_lossy();
        let parent = Url::parse(referrer).ok_or_else(|| ModuleError::Resolve(ResolveError::invalid_url()))?;
        let url = Url::join(&specifier, &parent).ok_or_else(|| {
            ModuleError::Resolve(ResolveError::invalid_module_specifier(&specifier, "is not a valid URL", Some(referrer)))
        })?;
        if url.scheme != "file" {
            return Err(ModuleError::Resolve(ResolveError::invalid_module_specifier(
                &specifier,
                "is not a file URL",
                Some(referrer),
            )));
        }
        let referrer_path = parent.to_file_path().unwrap_or_else(|_| referrer.to_string());
        let resolution = Self::by_url(url, Some(&referrer_path))?;
        validate_import_attributes(&resolution.url, &resolution.format, request)?;
        Ok(resolution)
    }

    fn fetch_source(&mut self, module: &HostResolution) -> Result<String, ModuleError> {
        let path = module.path.as_deref().unwrap_or("");
        std::fs::read_to_string(path)
            .map_err(|_| ModuleError::Resolve(ResolveError::module_not_found(path, "", true)))
    }
}

/// The one attribute key this host supports (HostGetSupportedImportAttributes).
const SUPPORTED_IMPORT_ATTRIBUTES: &[&str] = &["type"];

/// AllImportAttributesSupported(attributes) of ECMA-262, as InnerModuleLoading applies it
/// before the host is asked to load anything: a key the host does not support is a SyntaxError
/// (Node's loader reports it later, as a TypeError of code ERR_IMPORT_ATTRIBUTE_UNSUPPORTED, but
/// this is the test262 host, which follows the specification).
fn all_import_attributes_supported(request: &ModuleRequest) -> Result<(), ModuleError> {
    // 1. Let supported be HostGetSupportedImportAttributes().
    // 2. For each ImportAttribute Record attribute of attributes, do
    for attribute in &request.attributes {
        // a. If supported does not contain attribute.[[Key]], return false.
        if !SUPPORTED_IMPORT_ATTRIBUTES.iter().any(|k| attribute.key.eq_str(k)) {
            return Err(ModuleError::Resolve(ResolveError {
                name: "SyntaxError",
                code: None,
                message: format!("Import attribute \"{}\" is not supported", attribute.key.to_string_lossy()),
                url: None,
            }));
        }
    }
    // 3. Return true.
    Ok(())
}
