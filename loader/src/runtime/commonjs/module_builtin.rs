//! The `module` built-in (`require('module')`, `import { createRequire } from 'node:module'`):
//! Node's `Module` constructor with its static members — `createRequire`, `builtinModules`,
//! `isBuiltin`, `syncBuiltinESMExports`, `Module._cache`, `Module._extensions`,
//! `Module._load`, `Module._resolveFilename`, `Module._nodeModulePaths`, `Module.wrap`,
//! `Module.wrapper`, `Module.Module`.

use modjs_vm::host::node_errors::node_error;
use modjs_vm::native::CallArgs;
use modjs_vm::{attrs, ErrorKind, JsResult, ObjRef, PropertyKey, Value, Vm};

use super::module_object::{get, new_module, set, validate_id};
use super::require_function::make_require_function;
use super::resolve_glue::{node_modules_paths_value, resolve_filename};
use super::wrapper::WRAPPER_PARAMETERS;
use super::{load, shared, with_state, Parent};
use crate::resolve::builtins::{normalize_requirable_id, BUILTIN_MODULES};
use crate::resolve::cjs::Required;
use crate::resolve::url::Url;

/// The `module` built-in's exports (the `Module` constructor), the same object every time.
pub fn module_builtin(vm: &mut Vm) -> JsResult<Value> {
    if let Some(m) = with_state(vm, |st, _| st.module_builtin)? {
        return Ok(Value::Object(m));
    }
    let s = shared(vm)?;
    let m = s.module_constructor;
    let define = |vm: &mut Vm, name: &str, v: Value| vm.define_value(m, PropertyKey::from(name), v, attrs::ALL);
    define(vm, "_cache", Value::Object(s.cache));
    let path_cache = vm.new_object_with_proto(None);
    define(vm, "_pathCache", Value::Object(path_cache));
    define(vm, "_extensions", Value::Object(s.extensions));
    let global_paths = with_state(vm, |st, _| st.resolver.global_paths.clone())?;
    let global_paths = global_paths.iter().map(|p| Value::from(p.as_str())).collect();
    let global_paths = vm.create_array_from_list(global_paths);
    define(vm, "globalPaths", Value::Object(global_paths));
    vm.define_method(m, "wrap", 1, wrap);
    let wrapper =
        vec![Value::from(format!("(function ({}) {{ ", WRAPPER_PARAMETERS.join(", ")).as_str()), Value::from("\n});")];
    let wrapper = vm.create_array_from_list(wrapper);
    define(vm, "wrapper", Value::Object(wrapper));
    vm.define_method(m, "isBuiltin", 1, is_builtin);
    vm.define_method(m, "_nodeModulePaths", 1, node_module_paths);
    vm.define_method(m, "_load", 3, module_load);
    vm.define_method(m, "_resolveFilename", 4, module_resolve_filename);
    vm.define_method(m, "createRequire", 1, create_require);
    vm.define_method(m, "syncBuiltinESMExports", 0, sync_builtin_esm_exports);
    define(vm, "Module", Value::Object(m));
    let builtins = BUILTIN_MODULES.iter().map(|id| Value::from(*id)).collect();
    let builtins = vm.create_array_from_list(builtins);
    define(vm, "builtinModules", Value::Object(builtins));
    with_state(vm, |st, _| st.module_builtin = Some(m))?;
    Ok(Value::Object(m))
}

/// `Module.wrap(script)`.
fn wrap(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let script = vm.to_string(&args.get(0))?.to_rust_lossy();
    let text = format!("(function ({}) {{ {script}\n}});", WRAPPER_PARAMETERS.join(", "));
    Ok(Value::from(text.as_str()))
}

/// `isBuiltin(moduleName)`: `fs`, `node:fs`, `node:test`, not `test`.
fn is_builtin(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::String(s) = args.get(0) else { return Ok(Value::Bool(false)) };
    let _ = vm;
    Ok(Value::Bool(normalize_requirable_id(&s.to_rust_lossy()).is_some()))
}

/// `Module._nodeModulePaths(from)`.
fn node_module_paths(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let from = vm.to_string(&args.get(0))?.to_rust_lossy();
    let cwd = with_state(vm, |st, _| st.resolver.cwd())?;
    let dir = crate::resolve::path::resolve(&cwd, &from);
    Ok(node_modules_paths_value(vm, &dir))
}

/// The loader index of a module object passed as `parent`.
fn parent_index(vm: &mut Vm, parent: &Value) -> JsResult<Option<usize>> {
    match parent {
        Value::Object(o) => with_state(vm, |st, _| st.index_of(*o)),
        _ => Ok(None),
    }
}

/// `Module._load(request, parent, isMain)`.
fn module_load(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let request = validate_id(vm, &args.get(0), "request")?;
    let parent = parent_index(vm, &args.get(1))?;
    load::require_request(vm, &request, parent)
}

/// `Module._resolveFilename(request, parent)`.
fn module_resolve_filename(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let request = validate_id(vm, &args.get(0), "request")?;
    let parent = parent_index(vm, &args.get(1))?;
    match resolve_filename(vm, &request, parent, None)? {
        Required::Builtin(id) => Ok(Value::from(id.as_str())),
        Required::File(f) => Ok(Value::from(f.as_str())),
    }
}

/// `createRequire(filename)`: a `require` for a module at `filename` — an absolute path, a
/// `file:` URL string or a URL object. A path ending in `/` names a directory: the module is
/// `noop.js` inside it.
fn create_require(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let filename = args.get(0);
    let path = match &filename {
        Value::String(s) => {
            let text = s.to_rust_lossy();
            if text.starts_with('/') {
                Some(text)
            } else {
                file_url_to_path(&text)
            }
        }
        Value::Object(o) => {
            let href = vm.get(*o, &PropertyKey::from("href"))?;
            match href {
                Value::String(h) => file_url_to_path(&h.to_rust_lossy()),
                _ => None,
            }
        }
        _ => None,
    };
    let Some(path) = path else {
        let shown = modjs_vm::host::inspect::inspect_default(vm, &filename).unwrap_or_default();
        let msg = format!(
            "The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received {shown}"
        );
        return Err(node_error(vm, ErrorKind::TypeError, "ERR_INVALID_ARG_VALUE", &msg));
    };
    let proxy = if path.ends_with('/') { format!("{path}noop.js") } else { path };
    let module = create_require_module(vm, &proxy)?;
    let index = with_state(vm, |st, _| st.index_of(module))?;
    Ok(Value::Object(make_require_function(vm, module, index)?))
}

/// The module object `createRequire` makes for `filename`.
fn create_require_module(vm: &mut Vm, filename: &str) -> JsResult<ObjRef> {
    let (m, _) = new_module(vm, filename, Parent::Undefined)?;
    set(vm, m, "filename", Value::from(filename))?;
    let dir = get(vm, m, "path")?;
    let dir = vm.to_string(&dir)?.to_rust_lossy();
    let paths = node_modules_paths_value(vm, &dir);
    set(vm, m, "paths", paths)?;
    Ok(m)
}

/// `fileURLToPath` for a `file:` URL string.
fn file_url_to_path(text: &str) -> Option<String> {
    let url = Url::parse(text)?;
    if url.scheme != "file" {
        return None;
    }
    url.to_file_path().ok()
}

/// `syncBuiltinESMExports()`: the named exports of the `node:` module records take the current
/// values of the built-ins' exports objects.
fn sync_builtin_esm_exports(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    crate::node::sync_builtin_esm_exports_native(vm, args)
}
