//! Node's built-in modules (`node:fs`, `node:path`, …) as the objects programs get from
//! `require('fs')` and `import fs from 'node:fs'`.
//!
//! **The registry.** [`builtin_exports`] returns the CommonJS exports object of a built-in: it is
//! created on first use and the same object is returned ever after, whoever asks — `require`
//! (with or without `node:`), `import`, `createRequire`. Nothing is created for a program that
//! does not use a built-in (start-up cost is zero). The objects live in [`BuiltinRegistry`], kept
//! on the VM ([`Vm::host_builtins`]) and rooted.
//!
//! **The ES module facade.** A `node:` import is a synthetic module record whose `default` export
//! is the exports object and whose other exports (the names of
//! [`crate::module::builtins::BUILTIN_EXPORTS`]) are read from that object when the record is
//! evaluated ([`evaluate_builtin_module`]); [`sync_builtin_esm_exports`] re-reads them later
//! (`module.syncBuiltinESMExports()`).
//!
//! **How each built-in is written.** File I/O, URLs and inspection need Rust; the rest is
//! JavaScript embedded in the binary and compiled by modjs the first time the built-in is used
//! ([`js`]). Each JavaScript built-in is a function expression `(function (binding, require) {
//! … return exports; })`: `binding` holds the Rust natives it needs, `require` reaches the other
//! built-ins.
//!
//! One file per built-in: [`fs`] (with `fs/promises`), [`path`], [`url`] (and the global `URL`),
//! [`events`], [`util`], [`process`], [`timers`], [`buffer`] (and the global `Buffer`).

pub mod buffer;
pub mod events;
pub mod fs;
mod js;
pub mod path;
pub mod process;
pub mod timers;
pub mod url;
pub mod util;

#[cfg(test)]
mod tests;

use modjs_parser::ast::JsStr;
use modjs_vm::host::node_errors::node_error;
use modjs_vm::native::CallArgs;
use modjs_vm::{attrs, CellRef, ErrorKind, JsResult, JsString, ObjRef, PropertyKey, Value, Vm};

/// The built-in module objects of one VM.
#[derive(Default)]
pub struct BuiltinRegistry {
    /// Exports objects by built-in id (without `node:`), in creation order.
    modules: Vec<(String, ObjRef)>,
    /// The ES module facades: an exports object and its named export cells.
    facades: Vec<EsmFacade>,
}

/// One `node:` module record's link to its exports object.
struct EsmFacade {
    exports: ObjRef,
    /// `(export name, cell)` for every export but `default`.
    cells: Vec<(JsString, CellRef)>,
}

fn registry(vm: &mut Vm) -> &mut BuiltinRegistry {
    let slot = vm
        .host_builtins
        .get_or_insert_with(|| Box::new(BuiltinRegistry::default()));
    if !slot.is::<BuiltinRegistry>() {
        *slot = Box::new(BuiltinRegistry::default());
    }
    // The box holds a registry (replaced just above otherwise).
    slot.downcast_mut::<BuiltinRegistry>()
        .expect("registry type checked above")
}

fn cached(vm: &mut Vm, id: &str) -> Option<ObjRef> {
    registry(vm)
        .modules
        .iter()
        .find(|(name, _)| name == id)
        .map(|(_, o)| *o)
}

/// The exports object of built-in `id` (`fs`, `node:fs`, `fs/promises`, …): created on first use,
/// the same object on every call. `Ok(None)` for an id modjs does not have (including Node
/// built-ins modjs does not implement).
pub fn builtin_exports(vm: &mut Vm, id: &str) -> JsResult<Option<Value>> {
    let id = id.strip_prefix("node:").unwrap_or(id);
    if let Some(o) = cached(vm, id) {
        return Ok(Some(Value::Object(o)));
    }
    let created = match id {
        "fs" => fs::create(vm)?,
        "fs/promises" => match fs_promises(vm)? {
            Some(p) => p,
            None => return Ok(None),
        },
        "path" | "path/posix" => match id {
            "path" => path::create(vm)?,
            _ => return builtin_exports(vm, "path"),
        },
        "url" => url::create(vm)?,
        "events" => events::create(vm)?,
        "util" => util::create(vm)?,
        "buffer" => buffer::create(vm)?,
        "process" => process::create(vm)?,
        "timers" => timers::create(vm)?,
        // `node:module` is the CommonJS loader's `Module` (it keeps it itself).
        "module" => return crate::runtime::commonjs::module_builtin(vm).map(Some),
        _ => return Ok(None),
    };
    // Creating one built-in may have created this one through a dependency cycle: keep the
    // first object.
    if let Some(o) = cached(vm, id) {
        return Ok(Some(Value::Object(o)));
    }
    vm.roots.push(Value::Object(created));
    registry(vm).modules.push((id.to_string(), created));
    Ok(Some(Value::Object(created)))
}

/// `require('fs/promises')` is `require('fs').promises`.
fn fs_promises(vm: &mut Vm) -> JsResult<Option<ObjRef>> {
    let Some(fs) = builtin_exports(vm, "fs")? else {
        return Ok(None);
    };
    match vm.get_v(&fs, &PropertyKey::from("promises"))? {
        Value::Object(o) => Ok(Some(o)),
        _ => Ok(None),
    }
}

/// Whether modjs implements built-in `id` (without `node:`).
pub fn is_implemented(id: &str) -> bool {
    matches!(
        id,
        "fs" | "fs/promises"
            | "path"
            | "path/posix"
            | "url"
            | "events"
            | "util"
            | "buffer"
            | "process"
            | "timers"
            | "module"
    )
}

/// The Builtin arm of the evaluate phase: fills a `node:` module record's cells — `default` with
/// the exports object, every other export with the object's property of that name — and
/// remembers them for [`sync_builtin_esm_exports`]. `cells` are the record's export cells.
pub fn evaluate_builtin_module(vm: &mut Vm, id: &str, cells: &[(JsStr, CellRef)]) -> JsResult<()> {
    let Some(Value::Object(exports)) = builtin_exports(vm, id)? else {
        let msg = format!("modjs does not implement the built-in module 'node:{id}'");
        return Err(vm.throw_error(ErrorKind::Error, &msg));
    };
    let mut named = Vec::with_capacity(cells.len());
    for (name, cell) in cells {
        let name = JsString::from_units(name.units().to_vec());
        if name.to_rust_lossy() == "default" {
            vm.heap.cell_set(*cell, Value::Object(exports));
        } else {
            named.push((name, *cell));
        }
    }
    let facade = EsmFacade {
        exports,
        cells: named,
    };
    fill_named_exports(vm, &facade)?;
    registry(vm).facades.push(facade);
    Ok(())
}

fn fill_named_exports(vm: &mut Vm, facade: &EsmFacade) -> JsResult<()> {
    for (name, cell) in &facade.cells {
        let value = vm.get(facade.exports, &PropertyKey::from_string(name.clone()))?;
        vm.heap.cell_set(*cell, value);
    }
    Ok(())
}

/// `module.syncBuiltinESMExports()`: every `node:` module record's named exports take the
/// current values of its exports object's properties.
pub fn sync_builtin_esm_exports(vm: &mut Vm) -> JsResult<()> {
    let facades: Vec<(ObjRef, Vec<(JsString, CellRef)>)> = registry(vm)
        .facades
        .iter()
        .map(|f| (f.exports, f.cells.clone()))
        .collect();
    for (exports, cells) in facades {
        fill_named_exports(vm, &EsmFacade { exports, cells })?;
    }
    Ok(())
}

/// `syncBuiltinESMExports` as a built-in function (for the `node:module` object).
pub fn sync_builtin_esm_exports_native(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    sync_builtin_esm_exports(vm)?;
    Ok(Value::Undefined)
}

/// Defines the globals that come from built-in modules — `Buffer`, `atob`, `btoa`, `URL`,
/// `URLSearchParams` — as
/// accessors that create their module on first use (so a program that never touches them pays
/// nothing). Reading one replaces the accessor by the plain data property Node has (`Buffer`
/// stays an accessor, as in Node); assigning one defines the data property.
pub fn install_globals(vm: &mut Vm) {
    let global = vm.global();
    for (name, module) in [
        ("Buffer", "buffer"),
        ("atob", "buffer"),
        ("btoa", "buffer"),
        ("URL", "url"),
        ("URLSearchParams", "url"),
    ] {
        let slots = vec![Value::from(name), Value::from(module)];
        let get = vm.new_native_function_with_slots(
            PropertyKey::from("get"),
            0,
            lazy_global_get,
            slots.clone(),
            false,
        );
        let set = vm.new_native_function_with_slots(
            PropertyKey::from("set"),
            1,
            lazy_global_set,
            slots,
            false,
        );
        vm.define_accessor(
            global,
            PropertyKey::from(name),
            Some(get),
            Some(set),
            attrs::CONFIGURABLE,
        );
    }
}

/// A built-in function's closure data (`slots[i]`).
pub(crate) fn callee_slot(vm: &Vm, f: ObjRef, i: usize) -> Value {
    match &vm.heap.get(f).kind {
        modjs_vm::object::ObjectKind::NativeFunction(nf) => {
            nf.slots.get(i).cloned().unwrap_or(Value::Undefined)
        }
        _ => Value::Undefined,
    }
}

fn slot_text(vm: &Vm, f: ObjRef, i: usize) -> String {
    match callee_slot(vm, f, i) {
        Value::String(s) => s.to_rust_lossy(),
        _ => String::new(),
    }
}

fn lazy_global_get(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let name = slot_text(vm, args.callee, 0);
    let module = slot_text(vm, args.callee, 1);
    let Some(exports) = builtin_exports(vm, &module)? else {
        return Ok(Value::Undefined);
    };
    let value = vm.get_v(&exports, &PropertyKey::from(name.as_str()))?;
    if name != "Buffer" {
        let global = vm.global();
        vm.define_value(
            global,
            PropertyKey::from(name.as_str()),
            value.clone(),
            attrs::BUILTIN,
        );
    }
    Ok(value)
}

fn lazy_global_set(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let name = slot_text(vm, args.callee, 0);
    let global = vm.global();
    vm.define_value(
        global,
        PropertyKey::from(name.as_str()),
        args.get(0),
        attrs::BUILTIN,
    );
    Ok(Value::Undefined)
}

/// The `require` given to JavaScript built-ins: another built-in's exports object.
fn internal_require(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let id = vm.to_string(&args.get(0))?.to_rust_lossy();
    match builtin_exports(vm, &id)? {
        Some(v) => Ok(v),
        None => Err(vm.throw_error(
            ErrorKind::Error,
            &format!("modjs internal error: no built-in '{id}'"),
        )),
    }
}

/// A Node-shaped error (`code` property) from a resolution error's class name, code and message.
pub fn error_from_parts(vm: &mut Vm, name: &str, code: Option<&str>, message: &str) -> Value {
    let kind = match name {
        "TypeError" => ErrorKind::TypeError,
        "RangeError" => ErrorKind::RangeError,
        "SyntaxError" => ErrorKind::SyntaxError,
        "URIError" => ErrorKind::URIError,
        _ => ErrorKind::Error,
    };
    match code {
        Some(code) => node_error(vm, kind, code, message),
        None => vm.throw_error(kind, message),
    }
}

/// `binding.invalidArgType(name, expected, value)`: Node's `ERR_INVALID_ARG_TYPE` error object
/// (returned, for the JavaScript built-ins to throw).
fn invalid_arg_type_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let name = vm.to_string(&args.get(0))?.to_rust_lossy();
    let expected = vm.to_string(&args.get(1))?.to_rust_lossy();
    Ok(modjs_vm::host::node_errors::invalid_arg_type(
        vm,
        &name,
        &expected,
        &args.get(2),
    ))
}

/// `binding.nodeError(kind, code, message)`: an error object with a `code`, named
/// `Kind [CODE]` in its stack as Node's are.
fn node_error_native(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let kind = vm.to_string(&args.get(0))?.to_rust_lossy();
    let code = vm.to_string(&args.get(1))?.to_rust_lossy();
    let message = vm.to_string(&args.get(2))?.to_rust_lossy();
    Ok(error_from_parts(vm, &kind, Some(&code), &message))
}

/// A fresh binding object with the helpers every JavaScript built-in may use.
fn new_binding(vm: &mut Vm) -> ObjRef {
    let binding = vm.new_object_with_proto(None);
    vm.define_method(binding, "invalidArgType", 3, invalid_arg_type_native);
    vm.define_method(binding, "nodeError", 3, node_error_native);
    binding
}
