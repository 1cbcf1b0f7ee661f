//! `node:path` (and `node:path/posix`): Node's POSIX path functions, written in JavaScript
//! (`js/path.js`). `path.posix` is the module itself, as on every POSIX system; `path.win32`
//! (Windows paths) is not implemented and is `null`.

use modjs_vm::{JsResult, ObjRef, Vm};

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let binding = super::new_binding(vm);
    super::js::run_js_builtin(vm, "path", include_str!("js/path.js"), binding)
}
