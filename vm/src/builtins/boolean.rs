//! The Boolean constructor and Boolean.prototype — ECMA-262 §20.3.

use crate::error::JsResult;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// Creates %Boolean% and %Boolean.prototype% and defines the global `Boolean`.
pub fn install(vm: &mut Vm) {
    let ctor = vm.new_native_constructor("Boolean", 1, boolean_constructor);
    vm.realm.set_intrinsic(Intrinsic::Boolean, ctor);
    let proto = vm.intrinsic(Intrinsic::BooleanPrototype);
    // The prototype is itself a Boolean object whose [[BooleanData]] is false (§20.3.3).
    vm.heap.get_mut(proto).kind = ObjectKind::Boolean(false);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "toString", 0, boolean_prototype_to_string);
    vm.define_method(proto, "valueOf", 0, boolean_prototype_value_of);
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Boolean"), Value::Object(ctor), attrs::BUILTIN);
}

/// Boolean(value) — §20.3.1.1.
fn boolean_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: ToBoolean(value).
    let b = vm.to_boolean(&args.get(0));
    // Step 2: called as a function, the boolean itself.
    let Some(new_target) = args.new_target else {
        return Ok(Value::Bool(b));
    };
    // Steps 3–5: a Boolean object.
    let o = vm.object_create_from_constructor(new_target, Intrinsic::BooleanPrototype, ObjectKind::Boolean(b))?;
    Ok(Value::Object(o))
}

/// thisBooleanValue(value) — §20.3.3.3.1; `method` names the caller in V8's TypeError.
fn this_boolean_value(vm: &mut Vm, value: &Value, method: &str) -> JsResult<bool> {
    match value {
        Value::Bool(b) => return Ok(*b),
        Value::Object(o) => {
            if let ObjectKind::Boolean(b) = vm.heap.get(*o).kind {
                return Ok(b);
            }
        }
        _ => {}
    }
    Err(vm.throw_type_error(&format!("Boolean.prototype.{method} requires that 'this' be a Boolean")))
}

/// Boolean.prototype.toString() — §20.3.3.2.
fn boolean_prototype_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let b = this_boolean_value(vm, &args.this, "toString")?;
    Ok(Value::from(if b { "true" } else { "false" }))
}

/// Boolean.prototype.valueOf() — §20.3.3.3.
fn boolean_prototype_value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(this_boolean_value(vm, &args.this, "valueOf")?))
}
