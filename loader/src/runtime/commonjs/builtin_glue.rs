//! Where `require` reaches Node's built-in modules (`fs`, `path`, …): the exports object of a
//! built-in, the same object every time (`crate::node::builtin_exports`, the registry of the
//! built-ins). `None` for a built-in modjs does not have.

use modjs_vm::{JsResult, Value, Vm};

/// The CommonJS exports of built-in `id` (without `node:`), if modjs has it.
pub fn builtin_exports(vm: &mut Vm, id: &str) -> JsResult<Option<Value>> {
    crate::node::builtin_exports(vm, id)
}
