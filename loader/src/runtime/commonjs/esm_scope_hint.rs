//! The hint Node adds when ES module code uses a CommonJS global (`ModuleJob.run` in
//! `lib/internal/modules/esm/module_job.js`): `require`, `module`, `exports`, `__filename` and
//! `__dirname` do not exist in an ES module, and the uncaught `ReferenceError` says so —
//!
//! ```text
//! ReferenceError: require is not defined in ES module scope, you can use import instead
//! ReferenceError: module is not defined in ES module scope
//! This file is being treated as an ES module because it has a '.js' file extension and
//! '/abs/package.json' contains "type": "module". To treat it as a CommonJS script, rename it
//! to use the '.cjs' file extension.
//! ```
//!
//! (the second sentence only for a `.js` file of a `"type": "module"` package). The message is
//! changed in place before anything reads the error's `stack`, which V8 formats lazily.

use modjs_vm::{PropertyKey, Value, Vm};

use crate::resolve::package_json::{lookup_package_scope, PackageType};
use crate::resolve::url::Url;
use crate::resolve::Resolver;

/// The CommonJS globals whose absence Node explains.
const COMMONJS_GLOBALS: [&str; 5] = ["__filename", "__dirname", "require", "module", "exports"];

/// Adds Node's explanation to `error` when it is a `ReferenceError` for a CommonJS global,
/// thrown while evaluating the module graph whose root is `module_url`.
pub fn add_esm_scope_hint(vm: &mut Vm, error: &Value, module_url: &str) {
    let Value::Object(e) = error else { return };
    let text = |vm: &mut Vm, key: &str| match vm.get(*e, &PropertyKey::from(key)) {
        Ok(Value::String(s)) => Some(s.to_rust_lossy()),
        _ => None,
    };
    if text(vm, "name").as_deref() != Some("ReferenceError") {
        return;
    }
    let Some(mut message) = text(vm, "message") else { return };
    if !COMMONJS_GLOBALS.iter().any(|g| message == format!("{g} is not defined")) {
        return;
    }
    message.push_str(" in ES module scope");
    if message.starts_with("require ") {
        message.push_str(", you can use import instead");
    }
    if let Some(pjson) = module_package_json(module_url) {
        message.push_str(&format!(
            "\nThis file is being treated as an ES module because it has a '.js' file extension and '{pjson}' \
             contains \"type\": \"module\". To treat it as a CommonJS script, rename it to use the '.cjs' file \
             extension."
        ));
    }
    let _ = vm.put(*e, PropertyKey::from("message"), Value::from(message.as_str()), false);
}

/// The package.json that makes a `.js` module an ES module (`"type": "module"`), if that is why.
fn module_package_json(module_url: &str) -> Option<String> {
    let url = Url::parse(module_url)?;
    if url.scheme != "file" || !url.pathname().ends_with(".js") {
        return None;
    }
    let mut resolver = Resolver::new();
    let scope = lookup_package_scope(&mut resolver.packages, &url).ok()?;
    (scope.package_type == PackageType::Module).then(|| scope.pjson_path.clone())
}
