//! WeakRef objects (§26.1): a reference that does not keep its target alive.
//!
//! Deviation: the spec keeps a target alive until the end of the job in which `deref` (or the
//! constructor) saw it (AddToKeptObjects). The collector here only runs at safe points between
//! instructions, so a target that is dereferenced and then dropped within one job may be
//! collected before the job ends.

use crate::builtins::receiver::incompatible_receiver;
use crate::builtins::weak_collection::WeakKey;
use crate::error::JsResult;
use crate::gc::Tracer;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::WeakRefPrototype);
    let ctor = vm.new_native_constructor("WeakRef", 1, weakref_constructor);
    vm.realm.set_intrinsic(Intrinsic::WeakRef, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);

    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "deref", 0, weakref_deref);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from_str("WeakRef"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("WeakRef"), Value::Object(ctor), attrs::BUILTIN);
}

/// WeakRef ( target ) (§26.1.1.1).
fn weakref_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(new_target) = args.new_target else {
        return Err(vm.throw_type_error("Constructor WeakRef requires 'new'"));
    };
    // 2. If CanBeHeldWeakly(target) is false, throw a TypeError exception.
    let target = args.get(0);
    if WeakKey::from_value(&target).is_none() {
        return Err(vm.throw_type_error("WeakRef: invalid target"));
    }
    // 3-6. Create the object with [[WeakRefTarget]] = target.
    let kind = ObjectKind::WeakRef(target);
    let r = vm.object_create_from_constructor(new_target, Intrinsic::WeakRefPrototype, kind)?;
    Ok(Value::Object(r))
}

/// WeakRef.prototype.deref ( ) (§26.1.3.2): the target, or undefined once it was collected.
fn weakref_deref(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Value::Object(o) = &args.this {
        if let ObjectKind::WeakRef(target) = &vm.heap.get(*o).kind {
            return Ok(target.clone());
        }
    }
    Err(incompatible_receiver(vm, "WeakRef.prototype.deref", &args.this))
}

/// After marking: a WeakRef whose target was not marked forgets it.
pub fn clear_dead_target(target: &mut Value, t: &Tracer) {
    if let Value::Object(o) = target {
        if !t.is_marked(*o) {
            *target = Value::Undefined;
        }
    }
}
