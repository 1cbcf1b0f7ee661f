//! `node:util`: `inspect`, `format` and `formatWithOptions` are the host's Node-exact versions
//! (vm/src/host/inspect, format.rs); `promisify`, `inherits`, `callbackify`, `deprecate`,
//! `isDeepStrictEqual` and a few `types` checks are JavaScript (`js/util.js`).

use modjs_vm::host::format::{util_format_native, util_format_with_options_native};
use modjs_vm::host::inspect::util_inspect_native;
use modjs_vm::native::CallArgs;
use modjs_vm::object::ObjectKind;
use modjs_vm::{JsResult, ObjRef, Value, Vm};

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let binding = super::new_binding(vm);
    vm.define_method(binding, "inspect", 2, util_inspect_native);
    vm.define_method(binding, "format", 1, util_format_native);
    vm.define_method(
        binding,
        "formatWithOptions",
        2,
        util_format_with_options_native,
    );
    vm.define_method(binding, "isProxy", 1, is_proxy);
    vm.define_method(binding, "isDate", 1, is_date);
    super::js::run_js_builtin(vm, "util", include_str!("js/util.js"), binding)
}

/// `util.types.isProxy(value)`.
fn is_proxy(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let yes = matches!(args.get(0), Value::Object(o) if matches!(vm.heap.get(o).kind, ObjectKind::Proxy(_)));
    Ok(Value::Bool(yes))
}

/// `util.types.isDate(value)`: whether the value is a Date object (has [[DateValue]]), whatever
/// its prototype or `Symbol.toStringTag` say.
fn is_date(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let yes = matches!(args.get(0), Value::Object(o) if matches!(vm.heap.get(o).kind, ObjectKind::Date(_)));
    Ok(Value::Bool(yes))
}
