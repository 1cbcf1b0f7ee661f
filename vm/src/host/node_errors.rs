//! Node's own error objects (lib/internal/errors.js): a V8 error with a `code` property, whose
//! stack heading is `Name [CODE]: message`.

use crate::error::ErrorKind;
use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

/// A Node error of `kind` with `code` and `message`.
pub fn node_error(vm: &mut Vm, kind: ErrorKind, code: &str, message: &str) -> Value {
    let err = vm.new_error(kind, message);
    // As Node does: the stack is formatted while `name` reads `Name [CODE]`, then the own
    // `name` goes away again.
    let name_key = PropertyKey::from("name");
    let heading = format!("{} [{}]", kind.name(), code);
    vm.define_value(err, name_key.clone(), Value::from(heading.as_str()), attrs::BUILTIN);
    let _ = vm.get(err, &PropertyKey::from("stack"));
    let _ = vm.delete_property(err, &name_key);
    vm.define_value(err, PropertyKey::from("code"), Value::from(code), attrs::ALL);
    Value::Object(err)
}

/// `ERR_INVALID_ARG_TYPE`: `The "name" argument must be of type expected. Received ...`.
pub fn invalid_arg_type(vm: &mut Vm, name: &str, expected: &str, actual: &Value) -> Value {
    let received = describe_received(vm, actual);
    let message = format!("The \"{name}\" argument must be of type {expected}. {received}");
    node_error(vm, ErrorKind::TypeError, "ERR_INVALID_ARG_TYPE", &message)
}

/// `ERR_OUT_OF_RANGE`: `The value of "name" is out of range. It must be ... Received ...`.
pub fn out_of_range(vm: &mut Vm, name: &str, range: &str, actual: &str) -> Value {
    let message = format!("The value of \"{name}\" is out of range. It must be {range}. Received {actual}");
    node_error(vm, ErrorKind::RangeError, "ERR_OUT_OF_RANGE", &message)
}

/// Node's `determineSpecificType`, as the tail of ERR_INVALID_ARG_TYPE messages shows it.
fn describe_received(vm: &mut Vm, v: &Value) -> String {
    match v {
        Value::Undefined | Value::Empty => "Received undefined".into(),
        Value::Null => "Received null".into(),
        Value::Object(o) => {
            if vm.is_callable(v) {
                let name = vm.get(*o, &PropertyKey::from("name")).ok();
                return match name {
                    Some(Value::String(s)) if !s.is_empty() => format!("Received function {}", s.to_rust_lossy()),
                    _ => "Received function ".into(),
                };
            }
            let ctor = vm.get(*o, &PropertyKey::from("constructor")).unwrap_or(Value::Undefined);
            if let Value::Object(c) = ctor {
                if let Ok(Value::String(name)) = vm.get(c, &PropertyKey::from("name")) {
                    if !name.is_empty() {
                        return format!("Received an instance of {}", name.to_rust_lossy());
                    }
                }
            }
            "Received [Object: null prototype]".into()
        }
        primitive => {
            let shown = inspect_primitive(primitive);
            let shown = if shown.chars().count() > 28 {
                let cut: String = shown.chars().take(25).collect();
                format!("{cut}...")
            } else {
                shown
            };
            format!("Received type {} ({})", vm.typeof_value(primitive), shown)
        }
    }
}

/// `util.inspect` of a primitive (quotes chosen as Node does: single, else double, else backtick).
fn inspect_primitive(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let text = s.to_rust_lossy();
            let quote = if !text.contains('\'') {
                '\''
            } else if !text.contains('"') {
                '"'
            } else if !text.contains('`') && !text.contains("${") {
                '`'
            } else {
                '\''
            };
            let mut out = String::new();
            out.push(quote);
            for c in text.chars() {
                match c {
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    '\r' => out.push_str("\\r"),
                    '\\' => out.push_str("\\\\"),
                    c if c == quote => {
                        out.push('\\');
                        out.push(c);
                    }
                    c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02X}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push(quote);
            out
        }
        Value::Number(n) if *n == 0.0 && n.is_sign_negative() => "-0".into(),
        Value::Number(n) => crate::conversions::number_to_string(*n),
        Value::Bool(b) => b.to_string(),
        Value::Symbol(s) => s.descriptive_string(),
        _ => String::new(),
    }
}
