//! The host layer: what Node adds around the language — `console`, `util.format`/`util.inspect`,
//! the microtask queue, `process.nextTick`, timers and immediates, the event loop that runs them
//! in Node's order, the `process` object, and how uncaught exceptions and unhandled rejections
//! are reported.

pub mod console;
pub mod event_loop;
pub mod format;
pub mod inspect;
pub mod microtask;
pub mod node_errors;
pub mod process;
pub mod test262;
pub mod timers;
pub mod uncaught;

use crate::error::JsResult;
use crate::property::PropertyKey;
use crate::value::Value;
use crate::vm::Vm;

/// Installs the host globals (`queueMicrotask`, the timer functions, `process`).
pub fn install(vm: &mut Vm) {
    let global = vm.global();
    let f = vm.new_native_function("queueMicrotask", 1, microtask::queue_microtask);
    vm.define_value(global, PropertyKey::from("queueMicrotask"), Value::Object(f), crate::property::attrs::ALL);
    timers::install(vm);
    process::install(vm);
}

/// Node's `validateFunction(callback, 'callback')`: a TypeError `ERR_INVALID_ARG_TYPE` unless
/// `callback` is callable.
pub fn check_callback(vm: &mut Vm, callback: &Value) -> JsResult<()> {
    if vm.is_callable(callback) {
        return Ok(());
    }
    Err(node_errors::invalid_arg_type(vm, "callback", "function", callback))
}

#[cfg(test)]
mod test_support;
