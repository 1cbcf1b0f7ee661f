//! Set objects (§24.2): the constructor, Set.prototype, and `get Set[@@species]`. Entries are
//! kept in the same list as Map's, with each value stored as both key and value.

use crate::builtins::collection_data::{canonical_key_value, CollectionData, CollectionIterator, IterationKind};
use crate::builtins::map::{add_values_from_iterable, get_species};
use crate::builtins::receiver::{describe_value_type, incompatible_receiver};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::SetPrototype);
    let ctor = vm.new_native_constructor("Set", 0, set_constructor);
    vm.realm.set_intrinsic(Intrinsic::Set, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    let species = PropertyKey::Symbol(vm.symbols.species.clone());
    vm.define_getter(ctor, species, get_species, None, attrs::CONFIGURABLE);

    // Node's property order.
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "has", 1, set_has);
    vm.define_method(proto, "add", 1, set_add);
    vm.define_method(proto, "delete", 1, set_delete);
    vm.define_method(proto, "clear", 0, set_clear);
    vm.define_method(proto, "entries", 0, set_entries);
    vm.define_method(proto, "forEach", 1, set_for_each);
    vm.define_getter(proto, PropertyKey::from("size"), set_size, None, attrs::CONFIGURABLE);
    let values = vm.define_method(proto, "values", 0, set_values);
    // §24.2.3.8 Set.prototype.keys and §24.2.3.11 @@iterator are the `values` function object.
    vm.define_value(proto, PropertyKey::from("keys"), Value::Object(values), attrs::BUILTIN);
    let iterator = PropertyKey::Symbol(vm.symbols.iterator.clone());
    vm.define_value(proto, iterator, Value::Object(values), attrs::BUILTIN);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from_str("Set"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Set"), Value::Object(ctor), attrs::BUILTIN);
}

/// Set ( [ iterable ] ) (§24.2.1.1).
fn set_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(new_target) = args.new_target else {
        return Err(vm.throw_type_error("Constructor Set requires 'new'"));
    };
    // 2. Let set be ? OrdinaryCreateFromConstructor(NewTarget, "%Set.prototype%", « [[SetData]] »).
    let kind = ObjectKind::Set(Box::new(CollectionData::new()));
    let set = vm.object_create_from_constructor(new_target, Intrinsic::SetPrototype, kind)?;
    // 4. If iterable is either undefined or null, return set.
    let iterable = args.get(0);
    if iterable.is_nullish() {
        return Ok(Value::Object(set));
    }
    // 5-8. Call `add` with every value of the iterable, closing it if `add` throws.
    add_values_from_iterable(vm, set, &iterable)?;
    Ok(Value::Object(set))
}

/// RequireInternalSlot(S, [[SetData]]) with V8's message.
fn this_set(vm: &mut Vm, this: &Value, method: &str) -> JsResult<ObjRef> {
    if let Value::Object(o) = this {
        if matches!(vm.heap.get(*o).kind, ObjectKind::Set(_)) {
            return Ok(*o);
        }
    }
    Err(incompatible_receiver(vm, method, this))
}

/// The [[SetData]] of an object `this_set` accepted (the kind of an object never changes).
fn set_data(vm: &mut Vm, set: ObjRef) -> Option<&mut CollectionData> {
    match &mut vm.heap.get_mut(set).kind {
        ObjectKind::Set(d) => Some(d),
        _ => None,
    }
}

/// Set.prototype.add ( value ) (§24.2.3.1).
fn set_add(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, &args.this, "Set.prototype.add")?;
    let value = canonical_key_value(args.get(0));
    if let Some(d) = set_data(vm, s) {
        if !d.has(&value) {
            d.set(value.clone(), value);
        }
    }
    Ok(Value::Object(s))
}

/// Set.prototype.has ( value ) (§24.2.3.7).
fn set_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, &args.this, "Set.prototype.has")?;
    Ok(Value::Bool(set_data(vm, s).map(|d| d.has(&args.get(0))).unwrap_or(false)))
}

/// Set.prototype.delete ( value ) (§24.2.3.4).
fn set_delete(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, &args.this, "Set.prototype.delete")?;
    Ok(Value::Bool(set_data(vm, s).map(|d| d.delete(&args.get(0))).unwrap_or(false)))
}

/// Set.prototype.clear ( ) (§24.2.3.2).
fn set_clear(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, &args.this, "Set.prototype.clear")?;
    if let Some(d) = set_data(vm, s) {
        d.clear();
    }
    Ok(Value::Undefined)
}

/// get Set.prototype.size (§24.2.3.9).
fn set_size(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, &args.this, "get Set.prototype.size")?;
    Ok(Value::Number(set_data(vm, s).map(|d| d.len()).unwrap_or(0) as f64))
}

/// Set.prototype.forEach ( callbackfn [ , thisArg ] ) (§24.2.3.6).
fn set_for_each(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, &args.this, "Set.prototype.forEach")?;
    let callback = args.get(0);
    if !vm.is_callable(&callback) {
        let shown = describe_value_type(&callback);
        return Err(vm.throw_type_error(&format!("{shown} is not a function")));
    }
    let this_arg = args.get(1);
    let Some(cursor) = set_data(vm, s).map(|d| d.new_cursor()) else {
        return Ok(Value::Undefined);
    };
    loop {
        let next = set_data(vm, s).and_then(|d| d.next_entry(&cursor));
        let Some((value, _)) = next else {
            return Ok(Value::Undefined);
        };
        vm.call(&callback, this_arg.clone(), &[value.clone(), value, Value::Object(s)])?;
    }
}

/// CreateSetIterator (§24.2.6.1).
fn create_set_iterator(vm: &mut Vm, this: &Value, kind: IterationKind, method: &str) -> JsResult<Value> {
    let s = this_set(vm, this, method)?;
    let Some(cursor) = set_data(vm, s).map(|d| d.new_cursor()) else {
        return Err(incompatible_receiver(vm, method, this));
    };
    let proto = vm.intrinsic(Intrinsic::SetIteratorPrototype);
    let state = CollectionIterator { collection: Some(s), cursor, kind };
    let it = vm.heap.alloc(Object::new(Some(proto), ObjectKind::SetIterator(Box::new(state))));
    Ok(Value::Object(it))
}

/// Set.prototype.entries ( ) (§24.2.3.5): `[value, value]` pairs.
fn set_entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_set_iterator(vm, &args.this, IterationKind::Entries, "Set.prototype.entries")
}

/// Set.prototype.values ( ) (§24.2.3.10), also `keys` and `@@iterator`.
fn set_values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_set_iterator(vm, &args.this, IterationKind::Values, "Set.prototype.values")
}
