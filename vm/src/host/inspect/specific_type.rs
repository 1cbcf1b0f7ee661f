//! How Node describes a received value in argument errors (`ERR_INVALID_ARG_TYPE` and friends):
//! `Received type number (1)`, `Received null`, `Received function f`, `Received an instance of
//! Foo` (Node's `determineSpecificType` in `lib/internal/errors.js`).

use super::{inspect, InspectOptions};
use crate::property::PropertyKey;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// Node's `determineSpecificType(value)`.
pub fn determine_specific_type(vm: &mut Vm, value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Undefined | Value::Empty => "undefined".to_string(),
        Value::Number(n) => {
            let shown = super::format_number(*n, false);
            format!("type number ({shown})")
        }
        Value::Bool(b) => format!("type boolean ({b})"),
        Value::BigInt(b) => format!("type bigint ({})", super::format_bigint(b, false)),
        Value::Symbol(s) => format!("type symbol ({})", s.descriptive_string()),
        Value::String(s) => {
            let units = s.as_units();
            let shown: Vec<u16> = if units.len() > 28 {
                let mut cut = units[..25].to_vec();
                cut.extend("...".encode_utf16());
                cut
            } else {
                units.to_vec()
            };
            if shown.contains(&u16::from(b'\'')) {
                let mut quoted = Vec::new();
                crate::builtins::json::quote::quote_json_string(&shown, &mut quoted);
                format!("type string ({})", String::from_utf16_lossy(&quoted))
            } else {
                format!("type string ('{}')", String::from_utf16_lossy(&shown))
            }
        }
        Value::Object(o) if vm.is_callable_object(*o) => {
            let name = vm.get(*o, &PropertyKey::from("name")).unwrap_or(Value::Undefined);
            format!("function {}", text_of(vm, &name))
        }
        Value::Object(o) => {
            if let Some(name) = constructor_name(vm, *o) {
                return format!("an instance of {name}");
            }
            let opts = InspectOptions { depth: Some(-1), ..InspectOptions::default() };
            inspect(vm, value, opts).unwrap_or_default()
        }
    }
}

/// `value.constructor.name` when `value.constructor` is truthy and has a `name` property.
fn constructor_name(vm: &mut Vm, obj: crate::gc::ObjRef) -> Option<String> {
    let constructor = vm.get(obj, &PropertyKey::from("constructor")).ok()?;
    if !vm.to_boolean(&constructor) {
        return None;
    }
    let Value::Object(c) = constructor else {
        return None;
    };
    let name_key = PropertyKey::from("name");
    if !vm.has_property(c, &name_key).ok()? {
        return None;
    }
    let name = vm.get(c, &name_key).ok()?;
    Some(text_of(vm, &name))
}

fn text_of(vm: &mut Vm, value: &Value) -> String {
    match value {
        Value::Symbol(s) => s.descriptive_string(),
        other => vm.to_string(other).unwrap_or_else(|_| JsString::from("")).to_rust_lossy(),
    }
}

/// ` Received ...`: the sentence Node appends to argument type errors.
pub fn received_description(vm: &mut Vm, value: &Value) -> String {
    format!(" Received {}", determine_specific_type(vm, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_match_node() {
        let mut vm = Vm::new();
        let d = |vm: &mut Vm, v: Value| determine_specific_type(vm, &v);
        assert_eq!(d(&mut vm, Value::Number(1.0)), "type number (1)");
        assert_eq!(d(&mut vm, Value::Number(-0.0)), "type number (-0)");
        assert_eq!(d(&mut vm, Value::Null), "null");
        assert_eq!(d(&mut vm, Value::Undefined), "undefined");
        assert_eq!(d(&mut vm, Value::from("x")), "type string ('x')");
        assert_eq!(d(&mut vm, Value::from("x".repeat(40).as_str())), format!("type string ('{}...')", "x".repeat(25)));
        assert_eq!(d(&mut vm, Value::from("it's")), "type string (\"it's\")");
        let obj = Value::Object(vm.new_object());
        assert_eq!(d(&mut vm, obj), "an instance of Object");
        let bare = Value::Object(vm.new_object_with_proto(None));
        assert_eq!(d(&mut vm, bare), "[Object: null prototype] {}");
    }
}
