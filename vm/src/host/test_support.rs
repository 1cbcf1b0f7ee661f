//! Test helpers shared by the host modules.

use crate::error::JsResult;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

fn nothing(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Undefined)
}

fn s(text: &str) -> Value {
    Value::from(text)
}

/// A VM whose intrinsic prototypes have the `constructor` links (and `Array.prototype`'s
/// `Symbol.iterator`) that inspection reads; the built-ins define them once they exist, so only
/// missing ones are added here.
pub fn vm() -> Vm {
    let mut vm = Vm::new();
    let links = [
        (Intrinsic::ObjectPrototype, "Object"),
        (Intrinsic::FunctionPrototype, "Function"),
        (Intrinsic::ArrayPrototype, "Array"),
        (Intrinsic::ErrorPrototype, "Error"),
        (Intrinsic::TypeErrorPrototype, "TypeError"),
        (Intrinsic::NumberPrototype, "Number"),
    ];
    for (proto, name) in links {
        let proto = vm.intrinsic(proto);
        let key = PropertyKey::from("constructor");
        if vm.get_own_property_plain(proto, &key).is_none() {
            let ctor = vm.new_native_constructor(name, 1, nothing);
            vm.define_value(proto, key, Value::Object(ctor), attrs::BUILTIN);
            vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
        }
    }
    let array_proto = vm.intrinsic(Intrinsic::ArrayPrototype);
    let iterator = PropertyKey::Symbol(vm.symbols.iterator.clone());
    if vm.get_own_property_plain(array_proto, &iterator).is_none() {
        let values = vm.new_native_function("values", 0, nothing);
        vm.define_value(array_proto, iterator, Value::Object(values), attrs::BUILTIN);
    }
    for (proto, name) in [(Intrinsic::ErrorPrototype, "Error"), (Intrinsic::TypeErrorPrototype, "TypeError")] {
        let proto = vm.intrinsic(proto);
        let key = PropertyKey::from("name");
        if vm.get_own_property_plain(proto, &key).is_none() {
            vm.define_value(proto, key, s(name), attrs::BUILTIN);
        }
    }
    let type_error_proto = vm.intrinsic(Intrinsic::TypeErrorPrototype);
    let error_proto = vm.intrinsic(Intrinsic::ErrorPrototype);
    vm.heap.get_mut(type_error_proto).proto = Some(error_proto);
    vm
}

