//! The Object constructor (§20.1.1), its static methods (§20.1.2) and Object.prototype
//! (§20.1.3), including the Annex B `__proto__` accessor and `__defineGetter__` family.

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::{IntegrityLevel, ObjectKind};
use crate::property::{attrs, PropertyDescriptor, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::ObjectPrototype);
    let ctor = vm.new_native_constructor("Object", 1, object_constructor);
    vm.realm.set_intrinsic(Intrinsic::Object, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);

    vm.define_method(ctor, "assign", 2, object_assign);
    vm.define_method(ctor, "create", 2, object_create);
    vm.define_method(ctor, "defineProperties", 2, object_define_properties);
    vm.define_method(ctor, "defineProperty", 3, object_define_property);
    vm.define_method(ctor, "entries", 1, object_entries);
    vm.define_method(ctor, "freeze", 1, object_freeze);
    vm.define_method(ctor, "fromEntries", 1, object_from_entries);
    vm.define_method(ctor, "getOwnPropertyDescriptor", 2, object_get_own_property_descriptor);
    vm.define_method(ctor, "getOwnPropertyDescriptors", 1, object_get_own_property_descriptors);
    vm.define_method(ctor, "getOwnPropertyNames", 1, object_get_own_property_names);
    vm.define_method(ctor, "getOwnPropertySymbols", 1, object_get_own_property_symbols);
    vm.define_method(ctor, "getPrototypeOf", 1, object_get_prototype_of);
    vm.define_method(ctor, "hasOwn", 2, object_has_own);
    vm.define_method(ctor, "is", 2, object_is);
    vm.define_method(ctor, "isExtensible", 1, object_is_extensible);
    vm.define_method(ctor, "isFrozen", 1, object_is_frozen);
    vm.define_method(ctor, "isSealed", 1, object_is_sealed);
    vm.define_method(ctor, "keys", 1, object_keys);
    vm.define_method(ctor, "preventExtensions", 1, object_prevent_extensions);
    vm.define_method(ctor, "seal", 1, object_seal);
    vm.define_method(ctor, "setPrototypeOf", 2, object_set_prototype_of);
    vm.define_method(ctor, "values", 1, object_values);

    vm.define_method(proto, "__defineGetter__", 2, object_proto_define_getter);
    vm.define_method(proto, "__defineSetter__", 2, object_proto_define_setter);
    vm.define_method(proto, "hasOwnProperty", 1, object_proto_has_own_property);
    vm.define_method(proto, "__lookupGetter__", 1, object_proto_lookup_getter);
    vm.define_method(proto, "__lookupSetter__", 1, object_proto_lookup_setter);
    vm.define_method(proto, "isPrototypeOf", 1, object_proto_is_prototype_of);
    vm.define_method(proto, "propertyIsEnumerable", 1, object_proto_property_is_enumerable);
    vm.define_method(proto, "toString", 0, object_proto_to_string);
    vm.define_method(proto, "valueOf", 0, object_proto_value_of);
    vm.define_getter(
        proto,
        PropertyKey::from("__proto__"),
        object_proto_get_proto,
        Some(object_proto_set_proto),
        attrs::CONFIGURABLE,
    );
    vm.define_method(proto, "toLocaleString", 0, object_proto_to_locale_string);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Object"), Value::Object(ctor), attrs::BUILTIN);
}

/// The message V8 gives when a prototype argument is neither an object nor null.
fn bad_prototype(vm: &mut Vm, v: &Value) -> Value {
    let msg = format!("Object prototype may only be an Object or null: {}", vm.describe_value_plain(v));
    vm.throw_type_error(&msg)
}

/// `Some(proto)` for an object, `None` for null, an error otherwise.
fn prototype_argument(vm: &mut Vm, v: &Value) -> JsResult<Option<ObjRef>> {
    match v {
        Value::Object(o) => Ok(Some(*o)),
        Value::Null => Ok(None),
        other => Err(bad_prototype(vm, other)),
    }
}

/// Object ( [ value ] ) (§20.1.1.1).
fn object_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. Subclass construction: NewTarget is neither undefined nor this function.
    if let Some(nt) = args.new_target {
        if nt != args.callee {
            return Ok(Value::Object(vm.ordinary_create_from_constructor(nt, Intrinsic::ObjectPrototype)?));
        }
    }
    // 2. null or undefined: a fresh object.
    let value = args.get(0);
    if value.is_nullish() {
        return Ok(Value::Object(vm.new_object()));
    }
    // 3. ToObject(value).
    Ok(Value::Object(vm.to_object(&value)?))
}

/// Object.assign ( target, ...sources ) (§20.1.2.1).
fn object_assign(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let to = vm.to_object(&args.get(0))?;
    for source in args.rest(1) {
        if source.is_nullish() {
            continue;
        }
        let from = vm.to_object(source)?;
        let keys = vm.own_property_keys(from)?;
        for key in keys {
            let Some(desc) = vm.get_own_property(from, &key)? else { continue };
            if desc.enumerable == Some(true) {
                let value = vm.get(from, &key)?;
                vm.put(to, key, value, true)?;
            }
        }
    }
    Ok(Value::Object(to))
}

/// Object.create ( O, Properties ) (§20.1.2.2).
fn object_create(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let proto = prototype_argument(vm, &args.get(0))?;
    let obj = vm.new_object_with_proto(proto);
    let properties = args.get(1);
    if !properties.is_undefined() {
        object_define_properties_op(vm, obj, &properties)?;
    }
    Ok(Value::Object(obj))
}

/// ObjectDefineProperties ( O, Properties ) (§20.1.2.3.1): reads every descriptor first, then
/// defines them in order.
pub fn object_define_properties_op(vm: &mut Vm, o: ObjRef, properties: &Value) -> JsResult<()> {
    let props = vm.to_object(properties)?;
    let keys = vm.own_property_keys(props)?;
    let mut descriptors = Vec::with_capacity(keys.len());
    for key in keys {
        let Some(prop_desc) = vm.get_own_property(props, &key)? else { continue };
        if prop_desc.enumerable == Some(true) {
            let desc_obj = vm.get(props, &key)?;
            let desc = vm.to_property_descriptor(&desc_obj)?;
            descriptors.push((key, desc));
        }
    }
    for (key, desc) in descriptors {
        vm.define_property_or_throw(o, key, desc)?;
    }
    Ok(())
}

/// Object.defineProperties ( O, Properties ) (§20.1.2.3).
fn object_define_properties(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.get(0) else {
        return Err(vm.throw_type_error("Object.defineProperties called on non-object"));
    };
    object_define_properties_op(vm, o, &args.get(1))?;
    Ok(Value::Object(o))
}

/// Object.defineProperty ( O, P, Attributes ) (§20.1.2.4).
fn object_define_property(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.get(0) else {
        return Err(vm.throw_type_error("Object.defineProperty called on non-object"));
    };
    let key = vm.to_property_key(&args.get(1))?;
    let desc = vm.to_property_descriptor(&args.get(2))?;
    vm.define_property_or_throw(o, key, desc)?;
    Ok(Value::Object(o))
}

/// What EnumerableOwnProperties (§7.3.23) collects.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum EnumerableKind {
    Key,
    Value,
    KeyValue,
}

/// EnumerableOwnProperties ( O, kind ) (§7.3.23).
pub fn enumerable_own_properties(vm: &mut Vm, o: ObjRef, kind: EnumerableKind) -> JsResult<Vec<Value>> {
    if let EnumerableKind::Key = kind {
        if let Some(keys) = plain_enumerable_keys(vm, o) {
            return Ok(keys);
        }
    }
    let keys = vm.own_property_keys(o)?;
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        if key.is_symbol() {
            continue;
        }
        let Some(desc) = vm.get_own_property(o, &key)? else { continue };
        if desc.enumerable != Some(true) {
            continue;
        }
        match kind {
            EnumerableKind::Key => out.push(key.to_value()),
            EnumerableKind::Value => out.push(vm.get(o, &key)?),
            EnumerableKind::KeyValue => {
                let value = vm.get(o, &key)?;
                let entry = vm.create_array_from_list(vec![key.to_value(), value]);
                out.push(Value::Object(entry));
            }
        }
    }
    Ok(out)
}

/// The enumerable string keys of an ordinary object (or function) none of whose keys is an
/// integer index, read from its property map: [[OwnPropertyKeys]] is then insertion order and
/// [[GetOwnProperty]] runs nothing, so this is what the general loop would produce.
fn plain_enumerable_keys(vm: &Vm, o: ObjRef) -> Option<Vec<Value>> {
    let obj = vm.heap.get(o);
    if !matches!(obj.kind, ObjectKind::Ordinary | ObjectKind::Function(_)) {
        return None;
    }
    let mut out = Vec::with_capacity(obj.props.len());
    for (key, slot) in &obj.props {
        match key {
            PropertyKey::String(s) if slot.enumerable() => out.push(Value::String(s.clone())),
            PropertyKey::String(_) | PropertyKey::Symbol(_) => {}
            PropertyKey::Index(_) => return None,
        }
    }
    Some(out)
}

fn enumerable_own_properties_array(vm: &mut Vm, args: &CallArgs, kind: EnumerableKind) -> JsResult<Value> {
    let o = vm.to_object(&args.get(0))?;
    let list = enumerable_own_properties(vm, o, kind)?;
    Ok(Value::Object(vm.create_array_from_list(list)))
}

/// Object.entries ( O ) (§20.1.2.5).
fn object_entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    enumerable_own_properties_array(vm, args, EnumerableKind::KeyValue)
}

/// Object.keys ( O ) (§20.1.2.18).
fn object_keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    enumerable_own_properties_array(vm, args, EnumerableKind::Key)
}

/// Object.values ( O ) (§20.1.2.23).
fn object_values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    enumerable_own_properties_array(vm, args, EnumerableKind::Value)
}

/// The TypeError when SetIntegrityLevel or [[PreventExtensions]] returned false.
fn prevent_extensions_failed(vm: &mut Vm, o: ObjRef) -> Value {
    if vm.is_proxy(o) {
        vm.throw_type_error("'preventExtensions' on proxy: trap returned falsish")
    } else {
        let msg = format!("Cannot prevent extensions of {}", vm.describe_object_for_error(o));
        vm.throw_type_error(&msg)
    }
}

fn set_integrity(vm: &mut Vm, args: &CallArgs, level: IntegrityLevel) -> JsResult<Value> {
    let v = args.get(0);
    let Value::Object(o) = v else { return Ok(v) };
    if !vm.set_integrity_level(o, level)? {
        return Err(prevent_extensions_failed(vm, o));
    }
    Ok(v)
}

/// Object.freeze ( O ) (§20.1.2.6).
fn object_freeze(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    set_integrity(vm, args, IntegrityLevel::Frozen)
}

/// Object.seal ( O ) (§20.1.2.20).
fn object_seal(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    set_integrity(vm, args, IntegrityLevel::Sealed)
}

/// Object.fromEntries ( iterable ) (§20.1.2.7).
fn object_from_entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let iterable = args.get(0);
    // 1. RequireObjectCoercible(iterable).
    if iterable.is_nullish() {
        let msg = format!("{} is not iterable", vm.describe_for_error(&iterable));
        return Err(vm.throw_type_error(&msg));
    }
    let obj = vm.new_object();
    // AddEntriesFromIterable (§24.1.1.2) with CreateDataPropertyOrThrow as the adder.
    let mut record = vm.get_iterator(&iterable, crate::iteration::IteratorHint::Sync)?;
    while let Some(next) = vm.iterator_step_value(&mut record)? {
        let Value::Object(entry) = next else {
            let msg = format!("Iterator value {} is not an entry object", vm.describe_value_plain(&next));
            let err = vm.throw_type_error(&msg);
            return Err(vm.iterator_close_with_error(&record, err));
        };
        let step = (|| -> JsResult<()> {
            let k = vm.get(entry, &PropertyKey::Index(0))?;
            let v = vm.get(entry, &PropertyKey::Index(1))?;
            let key = vm.to_property_key(&k)?;
            vm.create_data_property_or_throw(obj, key, v)
        })();
        if let Err(e) = step {
            return Err(vm.iterator_close_with_error(&record, e));
        }
    }
    Ok(Value::Object(obj))
}

/// Object.getOwnPropertyDescriptor ( O, P ) (§20.1.2.8).
fn object_get_own_property_descriptor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.get(0))?;
    let key = vm.to_property_key(&args.get(1))?;
    let desc = vm.get_own_property(o, &key)?;
    Ok(vm.from_property_descriptor(desc.as_ref()))
}

/// Object.getOwnPropertyDescriptors ( O ) (§20.1.2.9).
fn object_get_own_property_descriptors(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.get(0))?;
    let keys = vm.own_property_keys(o)?;
    let descriptors = vm.new_object();
    for key in keys {
        let desc = vm.get_own_property(o, &key)?;
        let d = vm.from_property_descriptor(desc.as_ref());
        if !d.is_undefined() {
            vm.create_data_property_or_throw(descriptors, key, d)?;
        }
    }
    Ok(Value::Object(descriptors))
}

/// GetOwnPropertyKeys ( O, type ) (§20.1.2.11.1) as an array.
fn get_own_property_keys(vm: &mut Vm, v: &Value, symbols: bool) -> JsResult<Value> {
    let o = vm.to_object(v)?;
    let keys = vm.own_property_keys(o)?;
    let list: Vec<Value> = keys.iter().filter(|k| k.is_symbol() == symbols).map(PropertyKey::to_value).collect();
    Ok(Value::Object(vm.create_array_from_list(list)))
}

/// Object.getOwnPropertyNames ( O ) (§20.1.2.10).
fn object_get_own_property_names(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    get_own_property_keys(vm, &args.get(0), false)
}

/// Object.getOwnPropertySymbols ( O ) (§20.1.2.11).
fn object_get_own_property_symbols(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    get_own_property_keys(vm, &args.get(0), true)
}

/// Object.getPrototypeOf ( O ) (§20.1.2.12).
fn object_get_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.get(0))?;
    Ok(vm.get_prototype_of(o)?.map(Value::Object).unwrap_or(Value::Null))
}

/// Object.hasOwn ( O, P ) (§20.1.2.13).
fn object_has_own(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.get(0))?;
    let key = vm.to_property_key(&args.get(1))?;
    Ok(Value::Bool(vm.has_own_property(o, &key)?))
}

/// Object.is ( value1, value2 ) (§20.1.2.14).
fn object_is(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(vm.same_value(&args.get(0), &args.get(1))))
}

/// Object.isExtensible ( O ) (§20.1.2.15).
fn object_is_extensible(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match args.get(0) {
        Value::Object(o) => Ok(Value::Bool(vm.is_extensible(o)?)),
        _ => Ok(Value::Bool(false)),
    }
}

/// Object.isFrozen ( O ) (§20.1.2.16).
fn object_is_frozen(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match args.get(0) {
        Value::Object(o) => Ok(Value::Bool(vm.test_integrity_level(o, IntegrityLevel::Frozen)?)),
        _ => Ok(Value::Bool(true)),
    }
}

/// Object.isSealed ( O ) (§20.1.2.17).
fn object_is_sealed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match args.get(0) {
        Value::Object(o) => Ok(Value::Bool(vm.test_integrity_level(o, IntegrityLevel::Sealed)?)),
        _ => Ok(Value::Bool(true)),
    }
}

/// Object.preventExtensions ( O ) (§20.1.2.19).
fn object_prevent_extensions(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let v = args.get(0);
    let Value::Object(o) = v else { return Ok(v) };
    if !vm.prevent_extensions(o)? {
        return Err(prevent_extensions_failed(vm, o));
    }
    Ok(v)
}

/// The TypeError when [[SetPrototypeOf]] returned false, in V8's words.
fn set_prototype_failed(vm: &mut Vm, o: ObjRef) -> Value {
    if vm.is_proxy(o) {
        return vm.throw_type_error("'setPrototypeOf' on proxy: trap returned falsish for property 'undefined'");
    }
    if o == vm.intrinsic(Intrinsic::ObjectPrototype) {
        return vm.throw_type_error("Immutable prototype object 'Object.prototype' cannot have their prototype set");
    }
    if !vm.heap.get(o).extensible {
        let msg = format!("{} is not extensible", vm.describe_object_for_error(o));
        return vm.throw_type_error(&msg);
    }
    vm.throw_type_error("Cyclic __proto__ value")
}

/// Object.setPrototypeOf ( O, proto ) (§20.1.2.21).
fn object_set_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let v = args.get(0);
    // 1. RequireObjectCoercible(O).
    if v.is_nullish() {
        return Err(vm.throw_type_error("Object.setPrototypeOf called on null or undefined"));
    }
    // 2. proto must be an object or null.
    let proto = prototype_argument(vm, &args.get(1))?;
    // 3. Primitives are returned unchanged.
    let Value::Object(o) = v else { return Ok(v) };
    if !vm.set_prototype_of(o, proto)? {
        return Err(set_prototype_failed(vm, o));
    }
    Ok(v)
}

// ----- Object.prototype -----------------------------------------------------------------------

/// Object.prototype.hasOwnProperty ( V ) (§20.1.3.2): the key conversion comes first.
fn object_proto_has_own_property(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = vm.to_property_key(&args.get(0))?;
    let o = vm.to_object(&args.this)?;
    Ok(Value::Bool(vm.has_own_property(o, &key)?))
}

/// Object.prototype.isPrototypeOf ( V ) (§20.1.3.3).
fn object_proto_is_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. A primitive has no prototype chain (checked before ToObject(this)).
    let Value::Object(mut v) = args.get(0) else { return Ok(Value::Bool(false)) };
    let o = vm.to_object(&args.this)?;
    loop {
        match vm.get_prototype_of(v)? {
            None => return Ok(Value::Bool(false)),
            Some(p) if p == o => return Ok(Value::Bool(true)),
            Some(p) => v = p,
        }
    }
}

/// Object.prototype.propertyIsEnumerable ( V ) (§20.1.3.4).
fn object_proto_property_is_enumerable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = vm.to_property_key(&args.get(0))?;
    let o = vm.to_object(&args.this)?;
    let desc = vm.get_own_property(o, &key)?;
    Ok(Value::Bool(desc.is_some_and(|d| d.enumerable == Some(true))))
}

/// Object.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ) (§20.1.3.5).
fn object_proto_to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if args.this.is_nullish() {
        return Err(vm.throw_type_error("Object.prototype.toLocaleString called on null or undefined"));
    }
    vm.invoke(&args.this, &PropertyKey::from("toString"), &[])
}

/// The builtinTag of Object.prototype.toString (§20.1.3.6 steps 4-14).
fn builtin_tag(vm: &mut Vm, o: ObjRef) -> JsResult<&'static str> {
    if vm.is_array(&Value::Object(o))? {
        return Ok("Array");
    }
    if vm.is_callable_object(o) {
        return Ok("Function");
    }
    Ok(builtin_tag_of_kind(&vm.heap.get(o).kind))
}

/// The builtinTag that an object's internal slots give (steps 6–14 without the array and
/// callable checks, which look through proxies).
pub fn builtin_tag_of_kind(kind: &ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Array(_) => "Array",
        ObjectKind::Arguments(_) => "Arguments",
        ObjectKind::Error => "Error",
        ObjectKind::Boolean(_) => "Boolean",
        ObjectKind::Number(_) => "Number",
        ObjectKind::String(_) => "String",
        ObjectKind::Date(_) => "Date",
        ObjectKind::RegExp(_) => "RegExp",
        _ => "Object",
    }
}

/// Object.prototype.toString ( ) (§20.1.3.6).
pub fn object_proto_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1-2. undefined and null.
    match &args.this {
        Value::Undefined => return Ok(Value::from("[object Undefined]")),
        Value::Null => return Ok(Value::from("[object Null]")),
        _ => {}
    }
    // 3-14. O = ToObject(this), and its builtinTag.
    let o = vm.to_object(&args.this)?;
    let builtin = builtin_tag(vm, o)?;
    // 15-16. @@toStringTag wins when it is a string.
    let key = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    let tag = match vm.get(o, &key)? {
        Value::String(s) => s,
        _ => JsString::from(builtin),
    };
    let s = JsString::concat(&JsString::concat(&JsString::from("[object "), &tag), &JsString::from("]"));
    Ok(Value::String(s))
}

/// Object.prototype.valueOf ( ) (§20.1.3.7).
fn object_proto_value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Object(vm.to_object(&args.this)?))
}

/// get Object.prototype.__proto__ (§B.2.2.1.1).
fn object_proto_get_proto(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    Ok(vm.get_prototype_of(o)?.map(Value::Object).unwrap_or(Value::Null))
}

/// set Object.prototype.__proto__ (§B.2.2.1.2).
fn object_proto_set_proto(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. RequireObjectCoercible(this).
    if args.this.is_nullish() {
        return Err(vm.throw_type_error("set Object.prototype.__proto__ called on null or undefined"));
    }
    // 2-3. Other values than objects and null are ignored, as are primitive receivers.
    let proto = match args.get(0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Ok(Value::Undefined),
    };
    let Value::Object(o) = args.this else { return Ok(Value::Undefined) };
    if !vm.set_prototype_of(o, proto)? {
        return Err(set_prototype_failed(vm, o));
    }
    Ok(Value::Undefined)
}

/// Object.prototype.__defineGetter__ / __defineSetter__ (§B.2.2.2-3).
fn define_accessor_half(vm: &mut Vm, args: &CallArgs, getter: bool) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    let f = args.get(1);
    if !vm.is_callable(&f) {
        let which = if getter { "__defineGetter__" } else { "__defineSetter__" };
        return Err(vm.throw_type_error(&format!("Object.prototype.{which}: Expecting function")));
    }
    let mut desc = PropertyDescriptor { enumerable: Some(true), configurable: Some(true), ..Default::default() };
    if getter {
        desc.get = Some(f);
    } else {
        desc.set = Some(f);
    }
    let key = vm.to_property_key(&args.get(0))?;
    vm.define_property_or_throw(o, key, desc)?;
    Ok(Value::Undefined)
}

fn object_proto_define_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    define_accessor_half(vm, args, true)
}

fn object_proto_define_setter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    define_accessor_half(vm, args, false)
}

/// Object.prototype.__lookupGetter__ / __lookupSetter__ (§B.2.2.4-5): the first own property
/// named `P` along the prototype chain decides.
fn lookup_accessor_half(vm: &mut Vm, args: &CallArgs, getter: bool) -> JsResult<Value> {
    let mut o = vm.to_object(&args.this)?;
    let key = vm.to_property_key(&args.get(0))?;
    loop {
        if let Some(desc) = vm.get_own_property(o, &key)? {
            if desc.is_accessor() {
                let f = if getter { desc.get } else { desc.set };
                return Ok(f.unwrap_or(Value::Undefined));
            }
            return Ok(Value::Undefined);
        }
        match vm.get_prototype_of(o)? {
            Some(p) => o = p,
            None => return Ok(Value::Undefined),
        }
    }
}

fn object_proto_lookup_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    lookup_accessor_half(vm, args, true)
}

fn object_proto_lookup_setter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    lookup_accessor_half(vm, args, false)
}
