//! The global object's value properties (§19.1): `globalThis`, `Infinity`, `NaN`, `undefined`.

use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("globalThis"), Value::Object(global), attrs::BUILTIN);
    vm.define_value(global, PropertyKey::from("Infinity"), Value::Number(f64::INFINITY), attrs::NONE);
    vm.define_value(global, PropertyKey::from("NaN"), Value::Number(f64::NAN), attrs::NONE);
    vm.define_value(global, PropertyKey::from("undefined"), Value::Undefined, attrs::NONE);
}
