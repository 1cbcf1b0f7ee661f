//! `node:buffer` and the global `Buffer`, written in JavaScript (`js/buffer.js`).
//!
//! modjs has no typed arrays, so a Buffer is an ordinary object whose own indexed properties are
//! its bytes, with a non-enumerable `length`; `console.log` prints it as Node does
//! (`<Buffer 68 65 6c 6c 6f>`) through the custom inspect method on `Buffer.prototype`.
//! Buffers made by `subarray`/`slice` are copies, not views.

use modjs_vm::{JsResult, ObjRef, Vm};

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let binding = super::new_binding(vm);
    super::js::run_js_builtin(vm, "buffer", include_str!("js/buffer.js"), binding)
}
