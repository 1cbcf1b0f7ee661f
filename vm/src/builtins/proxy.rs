//! The Proxy constructor (§28.2.1) and Proxy.revocable (§28.2.2). The proxy exotic object's
//! internal methods are in `object/proxy.rs`.

use crate::error::JsResult;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    // §28.2.2: the Proxy constructor has no "prototype" property.
    let ctor = vm.new_native_constructor("Proxy", 2, proxy_constructor);
    vm.realm.set_intrinsic(Intrinsic::Proxy, ctor);
    vm.define_method(ctor, "revocable", 2, proxy_revocable);
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Proxy"), Value::Object(ctor), attrs::BUILTIN);
}

/// Proxy ( target, handler ) (§28.2.1.1).
fn proxy_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if args.new_target.is_none() {
        return Err(vm.throw_type_error("Constructor Proxy requires 'new'"));
    }
    Ok(Value::Object(vm.proxy_create(&args.get(0), &args.get(1))?))
}

/// Proxy.revocable ( target, handler ) (§28.2.2.1).
fn proxy_revocable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let proxy = vm.proxy_create(&args.get(0), &args.get(1))?;
    // 3-4. The revoker remembers its proxy in a slot ([[RevocableProxy]]).
    let revoker =
        vm.new_native_function_with_slots(PropertyKey::from(""), 0, proxy_revoke, vec![Value::Object(proxy)], false);
    let result = vm.new_object();
    vm.create_data_property_or_throw(result, PropertyKey::from("proxy"), Value::Object(proxy))?;
    vm.create_data_property_or_throw(result, PropertyKey::from("revoke"), Value::Object(revoker))?;
    Ok(Value::Object(result))
}

/// A Proxy revocation function (§28.2.2.1.1).
fn proxy_revoke(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1-3. Take the proxy out of the slot (a second call does nothing).
    let proxy = match &mut vm.heap.get_mut(args.callee).kind {
        ObjectKind::NativeFunction(nf) => match nf.slots.first_mut() {
            Some(slot) => std::mem::replace(slot, Value::Null),
            None => Value::Null,
        },
        _ => Value::Null,
    };
    // 4-6. Null out its target and handler.
    if let Value::Object(p) = proxy {
        if let ObjectKind::Proxy(data) = &mut vm.heap.get_mut(p).kind {
            data.target = None;
            data.handler = None;
        }
    }
    Ok(Value::Undefined)
}
