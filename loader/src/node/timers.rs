//! `node:timers`: the timer functions of the global object (the host's, vm/src/host/timers.rs),
//! and `timers.promises` (`setTimeout`/`setImmediate` returning promises).

use modjs_vm::{JsResult, ObjRef, Vm};

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let binding = super::new_binding(vm);
    super::js::run_js_builtin(vm, "timers", include_str!("js/timers.js"), binding)
}
