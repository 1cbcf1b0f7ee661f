//! `makeRequireFunction(module)`: the `require` a CommonJS module receives.
//!
//! ```text
//! require(id)                      Module._load(id, module, false)
//! require.resolve(request, opts)   Module._resolveFilename (opts.paths: folders to look in)
//! require.resolve.paths(request)   Module._resolveLookupPaths
//! require.main                     the main module (undefined when the entry is an ES module)
//! require.extensions               Module._extensions
//! require.cache                    Module._cache
//! ```
//!
//! Own keys in Node's order: `length`, `name`, `prototype`, `resolve`, `main`, `extensions`,
//! `cache`.

use modjs_vm::host::node_errors::node_error;
use modjs_vm::native::CallArgs;
use modjs_vm::object::ObjectKind;
use modjs_vm::{attrs, ErrorKind, JsResult, ObjRef, PropertyKey, Value, Vm};

use super::module_object::{key, validate_id};
use super::resolve_glue::{lookup_paths, resolve_filename};
use super::{load, shared, with_state};
use crate::resolve::cjs::Required;

/// The `require` function of `module` (`index` is its place in the loader's table).
pub fn make_require_function(vm: &mut Vm, module: ObjRef, index: Option<usize>) -> JsResult<ObjRef> {
    let s = shared(vm)?;
    let slots = vec![Value::Object(module), index.map(|i| Value::Number(i as f64)).unwrap_or(Value::Undefined)];
    let require =
        vm.new_native_function_with_slots(key("require"), 1, require_native, slots.clone(), false);
    // An ordinary function's `prototype`.
    let prototype = vm.new_object();
    vm.define_value(prototype, key("constructor"), Value::Object(require), attrs::BUILTIN);
    vm.define_value(require, key("prototype"), Value::Object(prototype), attrs::WRITABLE);
    let resolve =
        vm.new_native_function_with_slots(key("resolve"), 2, resolve_native, slots.clone(), false);
    let paths = vm.new_native_function_with_slots(key("paths"), 1, paths_native, slots, false);
    vm.define_value(resolve, key("paths"), Value::Object(paths), attrs::ALL);
    vm.define_value(require, key("resolve"), Value::Object(resolve), attrs::ALL);
    let main = with_state(vm, |st, _| st.main().and_then(|m| st.entry(m)).map(|e| e.object))?;
    let main = main.map(Value::Object).unwrap_or(Value::Undefined);
    vm.define_value(require, key("main"), main, attrs::ALL);
    vm.define_value(require, key("extensions"), Value::Object(s.extensions), attrs::ALL);
    vm.define_value(require, key("cache"), Value::Object(s.cache), attrs::ALL);
    Ok(require)
}

/// The module index a `require` (or `resolve`/`paths`) function was made for.
fn module_index(vm: &Vm, args: &CallArgs) -> Option<usize> {
    match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(nf) => match nf.slots.get(1) {
            Some(Value::Number(n)) => Some(*n as usize),
            _ => None,
        },
        _ => None,
    }
}

/// `require(id)`.
fn require_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let index = module_index(vm, args);
    let id = validate_id(vm, &args.get(0), "id")?;
    load::require_request(vm, &id, index)
}

/// `require.resolve(request[, { paths }])`: the filename `require` would load (a built-in's
/// id as requested).
fn resolve_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let index = module_index(vm, args);
    let request = validate_id(vm, &args.get(0), "request")?;
    let options = args.get(1);
    let mut paths = None;
    if let Value::Object(o) = options {
        let value = vm.get(o, &PropertyKey::from("paths"))?;
        match value {
            Value::Undefined => {}
            Value::Object(list) if matches!(vm.heap.get(list).kind, ObjectKind::Array(_)) => {
                let len = vm.get(list, &PropertyKey::from("length"))?;
                let n = vm.to_uint32(&len)?;
                let mut out = Vec::with_capacity(n as usize);
                for i in 0..n {
                    let p = vm.get(list, &PropertyKey::Index(i))?;
                    out.push(vm.to_string(&p)?.to_rust_lossy());
                }
                paths = Some(out);
            }
            other => {
                let shown = modjs_vm::host::inspect::inspect_default(vm, &other).unwrap_or_default();
                let msg = format!("The property 'options.paths' is invalid. Received {shown}");
                return Err(node_error(vm, ErrorKind::TypeError, "ERR_INVALID_ARG_VALUE", &msg));
            }
        }
    }
    match resolve_filename(vm, &request, index, paths)? {
        Required::Builtin(id) => Ok(Value::from(id.as_str())),
        Required::File(f) => Ok(Value::from(f.as_str())),
    }
}

/// `require.resolve.paths(request)`.
fn paths_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let index = module_index(vm, args);
    let request = validate_id(vm, &args.get(0), "request")?;
    lookup_paths(vm, &request, index)
}
