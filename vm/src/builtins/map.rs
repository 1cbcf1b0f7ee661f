//! Map objects (§24.1): the constructor, Map.prototype, and `get Map[@@species]`.
//! Node 20 has no `Map.groupBy`, so neither does this.

use crate::builtins::collection_data::{CollectionData, CollectionIterator, IterationKind};
use crate::builtins::receiver::{describe_receiver, describe_value_type, incompatible_receiver};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::MapPrototype);
    let ctor = vm.new_native_constructor("Map", 0, map_constructor);
    vm.realm.set_intrinsic(Intrinsic::Map, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    let species = PropertyKey::Symbol(vm.symbols.species.clone());
    vm.define_getter(ctor, species, get_species, None, attrs::CONFIGURABLE);

    // Node's property order.
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "get", 1, map_get);
    vm.define_method(proto, "set", 2, map_set);
    vm.define_method(proto, "has", 1, map_has);
    vm.define_method(proto, "delete", 1, map_delete);
    vm.define_method(proto, "clear", 0, map_clear);
    let entries = vm.define_method(proto, "entries", 0, map_entries);
    vm.define_method(proto, "forEach", 1, map_for_each);
    vm.define_method(proto, "keys", 0, map_keys);
    vm.define_getter(proto, PropertyKey::from("size"), map_size, None, attrs::CONFIGURABLE);
    vm.define_method(proto, "values", 0, map_values);
    // §24.1.3.12 Map.prototype [ @@iterator ] is the same function object as `entries`.
    let iterator = PropertyKey::Symbol(vm.symbols.iterator.clone());
    vm.define_value(proto, iterator, Value::Object(entries), attrs::BUILTIN);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from_str("Map"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Map"), Value::Object(ctor), attrs::BUILTIN);
}

/// `get [Symbol.species]` of Map and Set (§24.1.2.3, §24.2.2.2): the this value.
pub fn get_species(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this.clone())
}


/// Steps 5-8 of the Set and WeakSet constructors: `add` must be callable, then it is called
/// with every value of `iterable`, closing the iterator if it throws.
pub fn add_values_from_iterable(vm: &mut Vm, set: ObjRef, iterable: &Value) -> JsResult<()> {
    let adder = vm.get(set, &PropertyKey::from("add"))?;
    if !vm.is_callable(&adder) {
        return Err(adder_not_callable(vm, &adder, "add", set));
    }
    let mut record = vm.get_iterator(iterable, crate::iteration::IteratorHint::Sync)?;
    while let Some(next) = vm.iterator_step_value(&mut record)? {
        let status = vm.call(&adder, Value::Object(set), &[next]);
        vm.if_abrupt_close_iterator(status, &record)?;
    }
    Ok(())
}

/// The TypeError for `new X(iterable)` when `adder` (`set` / `add`) is not callable.
pub fn adder_not_callable(vm: &mut Vm, adder: &Value, name: &str, target: ObjRef) -> Value {
    let shown_adder = describe_receiver(vm, adder);
    let shown_target = describe_receiver(vm, &Value::Object(target));
    vm.throw_type_error(&format!(
        "'{shown_adder}' returned for property '{name}' of object '{shown_target}' is not a function"
    ))
}

/// Map ( [ iterable ] ) (§24.1.1.1).
fn map_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(new_target) = args.new_target else {
        return Err(vm.throw_type_error("Constructor Map requires 'new'"));
    };
    // 2-3. Let map be ? OrdinaryCreateFromConstructor(NewTarget, "%Map.prototype%", « [[MapData]] »).
    let kind = ObjectKind::Map(Box::new(CollectionData::new()));
    let map = vm.object_create_from_constructor(new_target, Intrinsic::MapPrototype, kind)?;
    // 4. If iterable is either undefined or null, return map.
    let iterable = args.get(0);
    if iterable.is_nullish() {
        return Ok(Value::Object(map));
    }
    // 5. Let adder be ? Get(map, "set").
    let adder = vm.get(map, &PropertyKey::from("set"))?;
    // 6. If IsCallable(adder) is false, throw a TypeError exception.
    if !vm.is_callable(&adder) {
        return Err(adder_not_callable(vm, &adder, "set", map));
    }
    // 7. Return ? AddEntriesFromIterable(map, iterable, adder).
    add_entries_from_iterable(vm, map, &iterable, &adder)?;
    Ok(Value::Object(map))
}

/// AddEntriesFromIterable (§24.1.1.2), shared with WeakMap.
pub fn add_entries_from_iterable(vm: &mut Vm, target: ObjRef, iterable: &Value, adder: &Value) -> JsResult<()> {
    // 1. Let iteratorRecord be ? GetIterator(iterable, sync).
    let mut record = vm.get_iterator(iterable, crate::iteration::IteratorHint::Sync)?;
    loop {
        // a. Let next be ? IteratorStepValue(iteratorRecord). b. If next is DONE, return.
        let Some(next) = vm.iterator_step_value(&mut record)? else {
            return Ok(());
        };
        // c. If next is not an Object, close the iterator with a TypeError.
        let Value::Object(entry) = next else {
            let shown = describe_receiver(vm, &next);
            let error = vm.throw_type_error(&format!("Iterator value {shown} is not an entry object"));
            vm.iterator_close(&record, Err(error))?;
            return Ok(());
        };
        // d-g. Let k be Get(next, "0"), v be Get(next, "1"); IfAbruptCloseIterator on each.
        let k = vm.get(entry, &PropertyKey::Index(0));
        let k = vm.if_abrupt_close_iterator(k, &record)?;
        let v = vm.get(entry, &PropertyKey::Index(1));
        let v = vm.if_abrupt_close_iterator(v, &record)?;
        // h-i. Let status be Completion(Call(adder, target, « k, v »)); IfAbruptCloseIterator.
        let status = vm.call(adder, Value::Object(target), &[k, v]);
        vm.if_abrupt_close_iterator(status, &record)?;
    }
}

/// RequireInternalSlot(M, [[MapData]]) with V8's message.
fn this_map(vm: &mut Vm, this: &Value, method: &str) -> JsResult<ObjRef> {
    if let Value::Object(o) = this {
        if matches!(vm.heap.get(*o).kind, ObjectKind::Map(_)) {
            return Ok(*o);
        }
    }
    Err(incompatible_receiver(vm, method, this))
}

/// The [[MapData]] of an object `this_map` accepted (the kind of an object never changes).
fn map_data(vm: &mut Vm, map: ObjRef) -> Option<&mut CollectionData> {
    match &mut vm.heap.get_mut(map).kind {
        ObjectKind::Map(d) => Some(d),
        _ => None,
    }
}

/// Map.prototype.get ( key ) (§24.1.3.6).
fn map_get(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, &args.this, "Map.prototype.get")?;
    Ok(map_data(vm, m).and_then(|d| d.get(&args.get(0)).cloned()).unwrap_or(Value::Undefined))
}

/// Map.prototype.set ( key, value ) (§24.1.3.9).
fn map_set(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, &args.this, "Map.prototype.set")?;
    if let Some(d) = map_data(vm, m) {
        d.set(args.get(0), args.get(1));
    }
    Ok(Value::Object(m))
}

/// Map.prototype.has ( key ) (§24.1.3.7).
fn map_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, &args.this, "Map.prototype.has")?;
    Ok(Value::Bool(map_data(vm, m).map(|d| d.has(&args.get(0))).unwrap_or(false)))
}

/// Map.prototype.delete ( key ) (§24.1.3.3).
fn map_delete(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, &args.this, "Map.prototype.delete")?;
    Ok(Value::Bool(map_data(vm, m).map(|d| d.delete(&args.get(0))).unwrap_or(false)))
}

/// Map.prototype.clear ( ) (§24.1.3.1).
fn map_clear(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, &args.this, "Map.prototype.clear")?;
    if let Some(d) = map_data(vm, m) {
        d.clear();
    }
    Ok(Value::Undefined)
}

/// get Map.prototype.size (§24.1.3.10).
fn map_size(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, &args.this, "get Map.prototype.size")?;
    Ok(Value::Number(map_data(vm, m).map(|d| d.len()).unwrap_or(0) as f64))
}

/// Map.prototype.forEach ( callbackfn [ , thisArg ] ) (§24.1.3.5): visits entries in order,
/// including entries added by the callback, skipping those it deletes.
fn map_for_each(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, &args.this, "Map.prototype.forEach")?;
    let callback = args.get(0);
    if !vm.is_callable(&callback) {
        let shown = describe_value_type(&callback);
        return Err(vm.throw_type_error(&format!("{shown} is not a function")));
    }
    let this_arg = args.get(1);
    let Some(cursor) = map_data(vm, m).map(|d| d.new_cursor()) else {
        return Ok(Value::Undefined);
    };
    while let Some((k, v)) = map_data(vm, m).and_then(|d| d.next_entry(&cursor)) {
        vm.call(&callback, this_arg.clone(), &[v, k, Value::Object(m)])?;
    }
    Ok(Value::Undefined)
}

/// CreateMapIterator (§24.1.5.1).
fn create_map_iterator(vm: &mut Vm, this: &Value, kind: IterationKind, method: &str) -> JsResult<Value> {
    let m = this_map(vm, this, method)?;
    let Some(cursor) = map_data(vm, m).map(|d| d.new_cursor()) else {
        return Err(incompatible_receiver(vm, method, this));
    };
    let proto = vm.intrinsic(Intrinsic::MapIteratorPrototype);
    let state = CollectionIterator { collection: Some(m), cursor, kind };
    let it = vm.heap.alloc(Object::new(Some(proto), ObjectKind::MapIterator(Box::new(state))));
    Ok(Value::Object(it))
}

/// Map.prototype.entries ( ) (§24.1.3.4).
fn map_entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_map_iterator(vm, &args.this, IterationKind::Entries, "Map.prototype.entries")
}

/// Map.prototype.keys ( ) (§24.1.3.8).
fn map_keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_map_iterator(vm, &args.this, IterationKind::Keys, "Map.prototype.keys")
}

/// Map.prototype.values ( ) (§24.1.3.11).
fn map_values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_map_iterator(vm, &args.this, IterationKind::Values, "Map.prototype.values")
}
