//! `node:events`: `EventEmitter` (the module's exports object, with `EventEmitter.EventEmitter`
//! itself) and `events.once`, written in JavaScript (`js/events.js`).

use modjs_vm::{JsResult, ObjRef, Vm};

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let binding = super::new_binding(vm);
    super::js::run_js_builtin(vm, "events", include_str!("js/events.js"), binding)
}
