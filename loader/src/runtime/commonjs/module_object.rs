//! `Module` objects as Node v20.20 makes them (`function Module(id, parent)`):
//!
//! ```text
//! { id, path, exports: {}, filename: null, loaded: false, children: [], paths,
//!   [Symbol(kIsMainSymbol)], [Symbol(kIsCachedByESMLoader)], [Symbol(kIsExecuting)] }
//! ```
//!
//! `paths` is added by `Module.prototype.load`, the symbols by `Module._load` and `_compile`.
//! `Module.prototype` has `constructor` as a getter (so `console.log(module)` shows no class
//! name), the `isPreloading` getter, the `parent` accessor, and `load`, `require`, `_compile`.
//! The parent is not a property: the loader keeps it ([`super::ModuleEntry`]).

use modjs_vm::builtins::array::get_index;
use modjs_vm::host::node_errors::{invalid_arg_type, node_error};
use modjs_vm::native::CallArgs;
use modjs_vm::object::ObjectKind;
use modjs_vm::{attrs, ErrorKind, JsResult, JsString, ObjRef, PropertyKey, Symbol, Value, Vm};

use super::{shared, with_state, ModuleEntry, Parent, SharedObjects};
use crate::resolve::path::dirname;

/// Makes `Module`, `Module.prototype`, `Module._cache` and `Module._extensions`.
pub fn make_shared_objects(vm: &mut Vm) -> JsResult<SharedObjects> {
    let cache = vm.new_object_with_proto(None);
    let extensions = vm.new_object_with_proto(None);
    let prototype = vm.new_object();
    let constructor = vm.new_native_constructor("Module", 0, module_constructor);
    vm.define_value(constructor, PropertyKey::from("prototype"), Value::Object(prototype), attrs::WRITABLE);
    // Module.prototype: `constructor` is an accessor in Node.
    let get_constructor = vm.new_native_function_with_slots(
        PropertyKey::from("get"),
        0,
        constructor_getter,
        vec![Value::Object(constructor)],
        false,
    );
    vm.define_accessor(prototype, PropertyKey::from("constructor"), Some(get_constructor), None, attrs::NONE);
    vm.define_getter(prototype, PropertyKey::from("isPreloading"), is_preloading_getter, None, attrs::NONE);
    vm.define_getter(prototype, PropertyKey::from("parent"), parent_getter, Some(parent_setter), attrs::NONE);
    vm.define_method(prototype, "load", 1, prototype_load);
    vm.define_method(prototype, "require", 1, prototype_require);
    vm.define_method(prototype, "_compile", 2, prototype_compile);
    for ext in [".js", ".json", ".node"] {
        let handler = vm.new_native_function_with_slots(
            PropertyKey::from(""),
            2,
            extension_handler,
            vec![Value::from(ext)],
            false,
        );
        vm.define_value(extensions, PropertyKey::from(ext), Value::Object(handler), attrs::ALL);
    }
    let global = vm.global();
    let json = vm.get(global, &PropertyKey::from("JSON"))?;
    let json_parse = vm.get_v(&json, &PropertyKey::from("parse"))?;
    let all_modules = vm.create_array_from_list(Vec::new());
    for o in [cache, extensions, prototype, constructor, all_modules] {
        vm.roots.push(Value::Object(o));
    }
    vm.roots.push(json_parse.clone());
    Ok(SharedObjects {
        cache,
        extensions,
        module_prototype: prototype,
        module_constructor: constructor,
        all_modules,
        is_main: Symbol::new(Some(JsString::from("kIsMainSymbol"))),
        is_cached_by_esm_loader: Symbol::new(Some(JsString::from("kIsCachedByESMLoader"))),
        is_executing: Symbol::new(Some(JsString::from("kIsExecuting"))),
        json_parse,
    })
}

/// `new Module(id, parent)`: the module object with its own properties in Node's order, and
/// its entry in the loader's table (the child is added to the parent's `children`). Returns the
/// object and its index.
pub fn new_module(vm: &mut Vm, id: &str, parent: Parent) -> JsResult<(ObjRef, usize)> {
    let s = shared(vm)?;
    let m = vm.new_object_with_proto(Some(s.module_prototype));
    vm.define_value(m, key("id"), Value::from(id), attrs::ALL);
    vm.define_value(m, key("path"), Value::from(dirname(id).as_str()), attrs::ALL);
    let exports = vm.new_object();
    vm.define_value(m, key("exports"), Value::Object(exports), attrs::ALL);
    if let Parent::Module(p) = parent {
        if let Some(parent_object) = with_state(vm, |st, _| st.entry(p).map(|e| e.object))? {
            update_children(vm, parent_object, m, false)?;
        }
    }
    vm.define_value(m, key("filename"), Value::Null, attrs::ALL);
    vm.define_value(m, key("loaded"), Value::Bool(false), attrs::ALL);
    let children = vm.create_array_from_list(Vec::new());
    vm.define_value(m, key("children"), Value::Object(children), attrs::ALL);
    // Keep every module object alive: the loader's table refers to it.
    let len = vm.get(s.all_modules, &key("length"))?;
    let n = vm.to_uint32(&len)?;
    vm.put(s.all_modules, PropertyKey::Index(n), Value::Object(m), true)?;
    let entry = ModuleEntry { object: m, filename: id.to_string(), parent, is_es_module: false };
    let index = with_state(vm, |st, _| st.register(entry))?;
    Ok((m, index))
}

/// `updateChildren(parent, child, scan)`: adds `child` to `parent.children` (when `scan`, only
/// if it is not there yet).
pub fn update_children(vm: &mut Vm, parent: ObjRef, child: ObjRef, scan: bool) -> JsResult<()> {
    let children = vm.get(parent, &key("children"))?;
    let Value::Object(list) = children else { return Ok(()) };
    // An array's `length` is its own data property: read it directly.
    let n = match &vm.heap.get(list).kind {
        ObjectKind::Array(a) => a.length,
        _ => return Ok(()),
    };
    if scan {
        for i in 0..n {
            // `get_index` reads a dense element directly and falls back to [[Get]] for a hole.
            if let Value::Object(o) = get_index(vm, list, u64::from(i))? {
                if o == child {
                    return Ok(());
                }
            }
        }
    }
    vm.put(list, PropertyKey::Index(n), Value::Object(child), true)
}

/// Removes `child` from `parent.children` (a module that threw while loading).
pub fn remove_child(vm: &mut Vm, parent: ObjRef, child: ObjRef) -> JsResult<()> {
    let children = vm.get(parent, &key("children"))?;
    let Value::Object(list) = children else { return Ok(()) };
    if !matches!(vm.heap.get(list).kind, ObjectKind::Array(_)) {
        return Ok(());
    }
    let len = vm.get(list, &PropertyKey::from("length"))?;
    let n = vm.to_uint32(&len)?;
    let mut found = None;
    for i in 0..n {
        if let Value::Object(o) = vm.get(list, &PropertyKey::Index(i))? {
            if o == child {
                found = Some(i);
                break;
            }
        }
    }
    let Some(at) = found else { return Ok(()) };
    // ArrayPrototypeSplice(children, index, 1).
    for i in at + 1..n {
        let v = vm.get(list, &PropertyKey::Index(i))?;
        vm.put(list, PropertyKey::Index(i - 1), v, true)?;
    }
    vm.put(list, PropertyKey::from("length"), Value::Number((n - 1) as f64), true)
}

/// Reads a property of a module object.
pub fn get(vm: &mut Vm, module: ObjRef, name: &'static str) -> JsResult<Value> {
    vm.get(module, &key(name))
}

/// Sets a property of a module object as plain assignment does.
pub fn set(vm: &mut Vm, module: ObjRef, name: &'static str, value: Value) -> JsResult<()> {
    vm.put(module, key(name), value, true)
}

thread_local! {
    /// The keys of the module objects' own properties, made once per thread: every `require`
    /// reads and writes a few of them, and a key made from a `&str` is a new string each time.
    static KEYS: std::cell::RefCell<Vec<(&'static str, PropertyKey)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The property key for one of the loader's fixed names (`exports`, `loaded`, …).
pub fn key(name: &'static str) -> PropertyKey {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some((_, k)) = keys.iter().find(|(n, _)| *n == name) {
            return k.clone();
        }
        let k = PropertyKey::interned(name);
        keys.push((name, k.clone()));
        k
    })
}

/// Sets a symbol-keyed bookkeeping property (`module[kIsExecuting] = true`).
pub fn set_symbol(vm: &mut Vm, module: ObjRef, symbol: &Symbol, value: bool) -> JsResult<()> {
    vm.put(module, PropertyKey::Symbol(symbol.clone()), Value::Bool(value), true)
}

/// Reads a symbol-keyed bookkeeping property as a boolean.
pub fn get_symbol(vm: &mut Vm, module: ObjRef, symbol: &Symbol) -> JsResult<bool> {
    let v = vm.get(module, &PropertyKey::Symbol(symbol.clone()))?;
    Ok(vm.to_boolean(&v))
}

/// The module object a method was called on, with its loader index when it is one of ours.
fn this_module(vm: &mut Vm, args: &CallArgs) -> JsResult<(ObjRef, Option<usize>)> {
    let Value::Object(o) = args.this else {
        return Err(vm.throw_type_error("Module method called on a value that is not a module"));
    };
    let index = with_state(vm, |st, _| st.index_of(o))?;
    Ok((o, index))
}

/// `new Module(id = '', parent)`.
fn module_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let id = match args.get(0) {
        Value::Undefined => String::new(),
        v => vm.to_string(&v)?.to_rust_lossy(),
    };
    let parent = match args.get(1) {
        Value::Object(p) => match with_state(vm, |st, _| st.index_of(p))? {
            Some(i) => Parent::Module(i),
            None => Parent::Undefined,
        },
        Value::Null => Parent::Null,
        _ => Parent::Undefined,
    };
    let (m, _) = new_module(vm, &id, parent)?;
    Ok(Value::Object(m))
}

fn constructor_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(nf) => nf.slots.first().cloned().unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    })
}

fn is_preloading_getter(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(false))
}

/// `module.parent`: the module that first required this one, `null` for the main module,
/// `undefined` for one imported from ESM or made by `createRequire`.
fn parent_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.this else { return Ok(Value::Undefined) };
    with_state(vm, |st, _| {
        let Some(entry) = st.index_of(o).and_then(|i| st.entry(i)) else { return Value::Undefined };
        match entry.parent {
            Parent::Null => Value::Null,
            Parent::Undefined => Value::Undefined,
            Parent::Module(p) => st.entry(p).map(|e| Value::Object(e.object)).unwrap_or(Value::Undefined),
        }
    })
}

/// `module.parent = x`: Node stores it as the module's parent.
fn parent_setter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.this else { return Ok(Value::Undefined) };
    let value = args.get(0);
    with_state(vm, |st, _| {
        let parent = match value {
            Value::Null => Parent::Null,
            Value::Object(p) => st.index_of(p).map(Parent::Module).unwrap_or(Parent::Undefined),
            _ => Parent::Undefined,
        };
        if let Some(i) = st.index_of(o) {
            if let Some(e) = st.modules.get_mut(i) {
                e.parent = parent;
            }
        }
    })?;
    Ok(Value::Undefined)
}

/// `Module.prototype.require(id)`.
fn prototype_require(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, index) = this_module(vm, args)?;
    let id = validate_id(vm, &args.get(0), "id")?;
    super::load::require_request(vm, &id, index)
}

/// `validateString(value, name)` and Node's non-empty check for `require(id)`.
pub fn validate_id(vm: &mut Vm, value: &Value, name: &str) -> JsResult<String> {
    let Value::String(s) = value else {
        return Err(invalid_arg_type(vm, name, "string", value));
    };
    if s.is_empty() && name == "id" {
        return Err(node_error(
            vm,
            ErrorKind::TypeError,
            "ERR_INVALID_ARG_VALUE",
            "The argument 'id' must be a non-empty string. Received ''",
        ));
    }
    Ok(s.to_rust_lossy())
}

/// `Module.prototype.load(filename)`.
fn prototype_load(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (m, _) = this_module(vm, args)?;
    let filename = vm.to_string(&args.get(0))?.to_rust_lossy();
    super::load::module_prototype_load(vm, m, &filename)?;
    Ok(Value::Undefined)
}

/// `Module.prototype._compile(content, filename)`.
fn prototype_compile(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (m, index) = this_module(vm, args)?;
    let content = vm.to_string(&args.get(0))?.to_rust_lossy();
    let filename = vm.to_string(&args.get(1))?.to_rust_lossy();
    let prepared = super::load::prepare_here(vm, &content)?;
    super::load::compile_and_run(vm, m, index, &filename, &content, prepared)
}

/// `Module._extensions[ext](module, filename)`.
fn extension_handler(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let ext = match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(nf) => nf.slots.first().cloned().unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    };
    let Value::Object(m) = args.get(0) else {
        return Err(vm.throw_type_error("Cannot read properties of undefined (reading 'filename')"));
    };
    let filename = vm.to_string(&args.get(1))?.to_rust_lossy();
    let ext = vm.to_string(&ext)?.to_rust_lossy();
    super::load::run_extension(vm, m, &filename, &ext)?;
    Ok(Value::Undefined)
}
