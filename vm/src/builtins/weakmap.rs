//! WeakMap objects (§24.3). Entries are ephemerons (`weak_collection.rs`).

use crate::builtins::map::{add_entries_from_iterable, adder_not_callable};
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
    let proto = vm.intrinsic(Intrinsic::WeakMapPrototype);
    let ctor = vm.new_native_constructor("WeakMap", 0, weakmap_constructor);
    vm.realm.set_intrinsic(Intrinsic::WeakMap, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);

    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "delete", 1, weakmap_delete);
    vm.define_method(proto, "get", 1, weakmap_get);
    vm.define_method(proto, "set", 2, weakmap_set);
    vm.define_method(proto, "has", 1, weakmap_has);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from_str("WeakMap"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("WeakMap"), Value::Object(ctor), attrs::BUILTIN);
}

/// WeakMap ( [ iterable ] ) (§24.3.1.1).
fn weakmap_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(new_target) = args.new_target else {
        return Err(vm.throw_type_error("Constructor WeakMap requires 'new'"));
    };
    // 2. Let map be ? OrdinaryCreateFromConstructor(NewTarget, "%WeakMap.prototype%", « [[WeakMapData]] »).
    let kind = ObjectKind::WeakMap(Box::new(WeakData::new()));
    let map = vm.object_create_from_constructor(new_target, Intrinsic::WeakMapPrototype, kind)?;
    // 4. If iterable is either undefined or null, return map.
    let iterable = args.get(0);
    if iterable.is_nullish() {
        return Ok(Value::Object(map));
    }
    // 5-6. Let adder be ? Get(map, "set"); it must be callable.
    let adder = vm.get(map, &PropertyKey::from("set"))?;
    if !vm.is_callable(&adder) {
        return Err(adder_not_callable(vm, &adder, "set", map));
    }
    // 7. Return ? AddEntriesFromIterable(map, iterable, adder).
    add_entries_from_iterable(vm, map, &iterable, &adder)?;
    Ok(Value::Object(map))
}

/// RequireInternalSlot(M, [[WeakMapData]]).
fn this_weakmap(vm: &mut Vm, this: &Value, method: &str) -> JsResult<ObjRef> {
    if let Value::Object(o) = this {
        if matches!(vm.heap.get(*o).kind, ObjectKind::WeakMap(_)) {
            return Ok(*o);
        }
    }
    Err(incompatible_receiver(vm, method, this))
}

fn weak_data(vm: &mut Vm, map: ObjRef) -> Option<&mut WeakData> {
    match &mut vm.heap.get_mut(map).kind {
        ObjectKind::WeakMap(d) => Some(d),
        _ => None,
    }
}

/// WeakMap.prototype.delete ( key ) (§24.3.3.2).
fn weakmap_delete(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_weakmap(vm, &args.this, "WeakMap.prototype.delete")?;
    // 4. If CanBeHeldWeakly(key) is false, return false.
    let Some(key) = WeakKey::from_value(&args.get(0)) else {
        return Ok(Value::Bool(false));
    };
    Ok(Value::Bool(weak_data(vm, m).map(|d| d.delete(&key)).unwrap_or(false)))
}

/// WeakMap.prototype.get ( key ) (§24.3.3.3).
fn weakmap_get(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_weakmap(vm, &args.this, "WeakMap.prototype.get")?;
    let Some(key) = WeakKey::from_value(&args.get(0)) else {
        return Ok(Value::Undefined);
    };
    Ok(weak_data(vm, m).and_then(|d| d.get(&key).cloned()).unwrap_or(Value::Undefined))
}

/// WeakMap.prototype.has ( key ) (§24.3.3.4).
fn weakmap_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_weakmap(vm, &args.this, "WeakMap.prototype.has")?;
    let Some(key) = WeakKey::from_value(&args.get(0)) else {
        return Ok(Value::Bool(false));
    };
    Ok(Value::Bool(weak_data(vm, m).map(|d| d.has(&key)).unwrap_or(false)))
}

/// WeakMap.prototype.set ( key, value ) (§24.3.3.5).
fn weakmap_set(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_weakmap(vm, &args.this, "WeakMap.prototype.set")?;
    // 4. If CanBeHeldWeakly(key) is false, throw a TypeError exception.
    let Some(key) = WeakKey::from_value(&args.get(0)) else {
        return Err(vm.throw_type_error("Invalid value used as weak map key"));
    };
    if let Some(d) = weak_data(vm, m) {
        d.set(key, args.get(1));
    }
    Ok(Value::Object(m))
}
