//! Built-ins written in JavaScript: their source is embedded in the binary and compiled the first
//! time the built-in is used.
//!
//! Each source is one function expression, `(function (binding, require) { … return exports; })`,
//! run as a Script named `node:<id>` (the name its functions show in stack traces). The function
//! is called with the built-in's `binding` (an object of Rust natives) and an internal `require`
//! that returns other built-ins' exports.

use modjs_vm::{ErrorKind, JsResult, ObjRef, Value, Vm};

/// Compiles and runs the built-in `id` from `source`; returns its exports object.
pub fn run_js_builtin(vm: &mut Vm, id: &str, source: &str, binding: ObjRef) -> JsResult<ObjRef> {
    let factory = vm.run_script(source, &format!("node:{id}"))?;
    let require = vm.new_native_function("require", 1, super::internal_require);
    match vm.call(
        &factory,
        Value::Undefined,
        &[Value::Object(binding), Value::Object(require)],
    )? {
        Value::Object(exports) => Ok(exports),
        _ => Err(vm.throw_error(
            ErrorKind::Error,
            &format!("modjs internal error: node:{id} has no exports"),
        )),
    }
}
