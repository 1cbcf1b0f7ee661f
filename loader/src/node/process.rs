//! `node:process`: the global `process` object itself (Node's module exports it as it is).

use modjs_vm::{ErrorKind, JsResult, ObjRef, PropertyKey, Value, Vm};

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let global = vm.global();
    match vm.get(global, &PropertyKey::from("process"))? {
        Value::Object(p) => Ok(p),
        _ => Err(vm.throw_error(ErrorKind::Error, "modjs internal error: no process object")),
    }
}
