//! WeakSet objects (§24.4). Members are held weakly (`weak_collection.rs`).

use crate::builtins::map::add_values_from_iterable;
use crate::builtins::receiver::incompatible_receiver;
use crate::builtins::weak_collection::{WeakData, WeakKey};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::WeakSetPrototype);
    let ctor = vm.new_native_constructor("WeakSet", 0, weakset_constructor);
    vm.realm.set_intrinsic(Intrinsic::WeakSet, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);

    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "delete", 1, weakset_delete);
    vm.define_method(proto, "has", 1, weakset_has);
    vm.define_method(proto, "add", 1, weakset_add);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from_str("WeakSet"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("WeakSet"), Value::Object(ctor), attrs::BUILTIN);
}

/// WeakSet ( [ iterable ] ) (§24.4.1.1).
fn weakset_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(new_target) = args.new_target else {
        return Err(vm.throw_type_error("Constructor WeakSet requires 'new'"));
    };
    // 2. Let set be ? OrdinaryCreateFromConstructor(NewTarget, "%WeakSet.prototype%", « [[WeakSetData]] »).
    let kind = ObjectKind::WeakSet(Box::new(WeakData::new()));
    let set = vm.object_create_from_constructor(new_target, Intrinsic::WeakSetPrototype, kind)?;
    // 4. If iterable is either undefined or null, return set.
    let iterable = args.get(0);
    if iterable.is_nullish() {
        return Ok(Value::Object(set));
    }
    // 5-8. Call `add` with every value of the iterable, closing it if `add` throws.
    add_values_from_iterable(vm, set, &iterable)?;
    Ok(Value::Object(set))
}

/// RequireInternalSlot(S, [[WeakSetData]]).
fn this_weakset(vm: &mut Vm, this: &Value, method: &str) -> JsResult<ObjRef> {
    if let Value::Object(o) = this {
        if matches!(vm.heap.get(*o).kind, ObjectKind::WeakSet(_)) {
            return Ok(*o);
        }
    }
    Err(incompatible_receiver(vm, method, this))
}

fn weak_data(vm: &mut Vm, set: ObjRef) -> Option<&mut WeakData> {
    match &mut vm.heap.get_mut(set).kind {
        ObjectKind::WeakSet(d) => Some(d),
        _ => None,
    }
}

/// WeakSet.prototype.add ( value ) (§24.4.3.1).
fn weakset_add(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_weakset(vm, &args.this, "WeakSet.prototype.add")?;
    // 3. If CanBeHeldWeakly(value) is false, throw a TypeError exception.
    let Some(key) = WeakKey::from_value(&args.get(0)) else {
        return Err(vm.throw_type_error("Invalid value used in weak set"));
    };
    if let Some(d) = weak_data(vm, s) {
        d.set(key, Value::Undefined);
    }
    Ok(Value::Object(s))
}

/// WeakSet.prototype.delete ( value ) (§24.4.3.3).
fn weakset_delete(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_weakset(vm, &args.this, "WeakSet.prototype.delete")?;
    let Some(key) = WeakKey::from_value(&args.get(0)) else {
        return Ok(Value::Bool(false));
    };
    Ok(Value::Bool(weak_data(vm, s).map(|d| d.delete(&key)).unwrap_or(false)))
}

/// WeakSet.prototype.has ( value ) (§24.4.3.4).
fn weakset_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_weakset(vm, &args.this, "WeakSet.prototype.has")?;
    let Some(key) = WeakKey::from_value(&args.get(0)) else {
        return Ok(Value::Bool(false));
    };
    Ok(Value::Bool(weak_data(vm, s).map(|d| d.has(&key)).unwrap_or(false)))
}
