//! The Reflect object (§28.1): the internal methods as functions.

use crate::builtins::function::apply_non_callable_error;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let reflect = vm.intrinsic(Intrinsic::Reflect);
    vm.define_method(reflect, "apply", 3, reflect_apply);
    vm.define_method(reflect, "construct", 2, reflect_construct);
    vm.define_method(reflect, "defineProperty", 3, reflect_define_property);
    vm.define_method(reflect, "deleteProperty", 2, reflect_delete_property);
    vm.define_method(reflect, "get", 2, reflect_get);
    vm.define_method(reflect, "getOwnPropertyDescriptor", 2, reflect_get_own_property_descriptor);
    vm.define_method(reflect, "getPrototypeOf", 1, reflect_get_prototype_of);
    vm.define_method(reflect, "has", 2, reflect_has);
    vm.define_method(reflect, "isExtensible", 1, reflect_is_extensible);
    vm.define_method(reflect, "ownKeys", 1, reflect_own_keys);
    vm.define_method(reflect, "preventExtensions", 1, reflect_prevent_extensions);
    vm.define_method(reflect, "set", 3, reflect_set);
    vm.define_method(reflect, "setPrototypeOf", 2, reflect_set_prototype_of);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(reflect, tag, Value::from("Reflect"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Reflect"), Value::Object(reflect), attrs::BUILTIN);
}

/// The target argument, which every Reflect function except apply/construct requires to be
/// an object.
fn target_object(vm: &mut Vm, args: &CallArgs, name: &str) -> JsResult<ObjRef> {
    match args.get(0) {
        Value::Object(o) => Ok(o),
        _ => Err(vm.throw_type_error(&format!("Reflect.{name} called on non-object"))),
    }
}

/// Reflect.apply ( target, thisArgument, argumentsList ) (§28.1.1).
fn reflect_apply(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let target = args.get(0);
    if !vm.is_callable(&target) {
        return Err(apply_non_callable_error(vm, &target));
    }
    let list = vm.create_list_from_array_like(&args.get(2))?;
    vm.call(&target, args.get(1), &list)
}

/// Reflect.construct ( target, argumentsList [ , newTarget ] ) (§28.1.2).
fn reflect_construct(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let target = args.get(0);
    let not_constructor = |vm: &mut Vm, v: &Value| {
        let msg = format!("{} is not a constructor", vm.describe_value_plain(v));
        vm.throw_type_error(&msg)
    };
    let Some(t) = target.as_object().filter(|_| vm.is_constructor(&target)) else {
        return Err(not_constructor(vm, &target));
    };
    let new_target = if args.len() < 3 { target.clone() } else { args.get(2) };
    let Some(nt) = new_target.as_object().filter(|_| vm.is_constructor(&new_target)) else {
        return Err(not_constructor(vm, &new_target));
    };
    let list = vm.create_list_from_array_like(&args.get(1))?;
    vm.construct(t, &list, Some(nt))
}

/// Reflect.defineProperty ( target, propertyKey, attributes ) (§28.1.3).
fn reflect_define_property(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "defineProperty")?;
    let key = vm.to_property_key(&args.get(1))?;
    let desc = vm.to_property_descriptor(&args.get(2))?;
    Ok(Value::Bool(vm.define_own_property(o, key, desc)?))
}

/// Reflect.deleteProperty ( target, propertyKey ) (§28.1.4).
fn reflect_delete_property(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "deleteProperty")?;
    let key = vm.to_property_key(&args.get(1))?;
    Ok(Value::Bool(vm.delete_property(o, &key)?))
}

/// Reflect.get ( target, propertyKey [ , receiver ] ) (§28.1.5).
fn reflect_get(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "get")?;
    let key = vm.to_property_key(&args.get(1))?;
    let receiver = if args.len() < 3 { Value::Object(o) } else { args.get(2) };
    vm.get_with_receiver(o, &key, &receiver)
}

/// Reflect.getOwnPropertyDescriptor ( target, propertyKey ) (§28.1.6).
fn reflect_get_own_property_descriptor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "getOwnPropertyDescriptor")?;
    let key = vm.to_property_key(&args.get(1))?;
    let desc = vm.get_own_property(o, &key)?;
    Ok(vm.from_property_descriptor(desc.as_ref()))
}

/// Reflect.getPrototypeOf ( target ) (§28.1.7).
fn reflect_get_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "getPrototypeOf")?;
    Ok(vm.get_prototype_of(o)?.map(Value::Object).unwrap_or(Value::Null))
}

/// Reflect.has ( target, propertyKey ) (§28.1.8).
fn reflect_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "has")?;
    let key = vm.to_property_key(&args.get(1))?;
    Ok(Value::Bool(vm.has_property(o, &key)?))
}

/// Reflect.isExtensible ( target ) (§28.1.9).
fn reflect_is_extensible(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "isExtensible")?;
    Ok(Value::Bool(vm.is_extensible(o)?))
}

/// Reflect.ownKeys ( target ) (§28.1.10).
fn reflect_own_keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "ownKeys")?;
    let keys = vm.own_property_keys(o)?;
    let list = keys.iter().map(PropertyKey::to_value).collect();
    Ok(Value::Object(vm.create_array_from_list(list)))
}

/// Reflect.preventExtensions ( target ) (§28.1.11).
fn reflect_prevent_extensions(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "preventExtensions")?;
    Ok(Value::Bool(vm.prevent_extensions(o)?))
}

/// Reflect.set ( target, propertyKey, V [ , receiver ] ) (§28.1.12).
fn reflect_set(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "set")?;
    let key = vm.to_property_key(&args.get(1))?;
    let receiver = if args.len() < 4 { Value::Object(o) } else { args.get(3) };
    Ok(Value::Bool(vm.set(o, key, args.get(2), &receiver)?))
}

/// Reflect.setPrototypeOf ( target, proto ) (§28.1.13).
fn reflect_set_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target_object(vm, args, "setPrototypeOf")?;
    let proto = match args.get(1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        other => {
            let msg = format!("Object prototype may only be an Object or null: {}", vm.describe_value_plain(&other));
            return Err(vm.throw_type_error(&msg));
        }
    };
    Ok(Value::Bool(vm.set_prototype_of(o, proto)?))
}
