//! `import.meta.resolve(specifier)` (Node's HostGetImportMetaProperties adds it): the URL
//! `import(specifier)` from this module would load, computed synchronously by ESM_RESOLVE
//! without the load-phase checks. A relative specifier naming a file that does not exist still
//! gives its URL; a bare specifier that no package provides throws Node's error (see
//! [`Resolver::import_meta_resolve`]).
//!
//! The function can be called while the module runtime is busy evaluating (a module body runs
//! with the runtime taken out of the VM), so it resolves with a resolver of its own, made for
//! the call: Node's resolution depends only on the file system and the working directory.

use modjs_vm::native::CallArgs;
use modjs_vm::object::ObjectKind;
use modjs_vm::{JsResult, ObjRef, PropertyKey, Value, Vm};

use super::dynamic_import::module_error_value;
use crate::module::error::ModuleError;
use crate::resolve::errors::ResolveError;
use crate::resolve::url::Url;
use crate::resolve::Resolver;

/// The `resolve` function of the `import.meta` of the module at `url`.
pub fn new_resolve_function(vm: &mut Vm, url: &str) -> ObjRef {
    vm.new_native_function_with_slots(
        PropertyKey::from("resolve"),
        1,
        import_meta_resolve,
        vec![Value::from(url)],
        false,
    )
}

/// `import.meta.resolve(specifier)`.
fn import_meta_resolve(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let parent = match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(nf) => match nf.slots.first() {
            Some(Value::String(s)) => s.to_rust_lossy(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    // Node interpolates the argument into a string (`undefined` included).
    let specifier = vm.to_string(&args.get(0))?.to_rust_lossy();
    let Some(parent) = Url::parse(&parent) else {
        return Err(module_error_value(vm, &ModuleError::Resolve(ResolveError::invalid_url())));
    };
    let mut resolver = Resolver::new();
    resolver.current_dir = std::env::current_dir().ok().map(|d| d.display().to_string());
    match resolver.import_meta_resolve(&specifier, &parent) {
        Ok(href) => Ok(Value::from(href.as_str())),
        Err(e) => Err(module_error_value(vm, &ModuleError::Resolve(e))),
    }
}
