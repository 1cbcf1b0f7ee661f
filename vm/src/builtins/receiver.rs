//! The TypeError V8 throws when a built-in method is called on the wrong kind of object:
//! `Method Map.prototype.get called on incompatible receiver #<Object>`.

use crate::gc::ObjRef;
use crate::object::ObjectKind;
use crate::property::{PropertyKey, Slot};
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// `Method {method} called on incompatible receiver {receiver}` as a TypeError to throw.
pub fn incompatible_receiver(vm: &mut Vm, method: &str, this: &Value) -> Value {
    let shown = describe_receiver(vm, this);
    vm.throw_type_error(&format!("Method {method} called on incompatible receiver {shown}"))
}

/// A data property found on `obj` or its prototypes, without running any getter.
fn plain_lookup(vm: &Vm, obj: ObjRef, key: &PropertyKey) -> Option<Value> {
    let mut current = Some(obj);
    // A prototype chain is acyclic; the bound only guards against a corrupted heap.
    for _ in 0..100_000 {
        let o = vm.heap.get(current?);
        match o.props.get(key) {
            Some(Slot::Data { value, .. }) => return Some(value.clone()),
            Some(Slot::Accessor { .. }) => return None,
            None => current = o.proto,
        }
    }
    None
}

fn plain_string(vm: &Vm, obj: ObjRef, key: &str) -> Option<JsString> {
    match plain_lookup(vm, obj, &PropertyKey::from(key)) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// How V8 shows a receiver in that message: primitives as their string, arrays as
/// `[object Array]`, errors as `Name: message`, functions as their source, other objects as
/// `#<Constructor>` (or `[object Tag]` when no constructor function is found).
pub fn describe_receiver(vm: &Vm, v: &Value) -> String {
    let o = match v {
        Value::Undefined | Value::Empty => return "undefined".into(),
        Value::Null => return "null".into(),
        Value::Bool(b) => return b.to_string(),
        Value::Number(n) => return crate::conversions::number_to_string(*n),
        Value::String(s) => return s.to_rust_lossy(),
        Value::Symbol(s) => return s.descriptive_string(),
        Value::Object(o) => *o,
    };
    let obj = vm.heap.get(o);
    match &obj.kind {
        ObjectKind::Array(_) => return "[object Array]".into(),
        ObjectKind::NativeFunction(_) | ObjectKind::BoundFunction(_) => {
            let name = plain_string(vm, o, "name").map(|s| s.to_rust_lossy()).unwrap_or_default();
            return format!("function {name}() {{ [native code] }}");
        }
        ObjectKind::Error => {
            let name = plain_string(vm, o, "name").map(|s| s.to_rust_lossy()).unwrap_or_else(|| "Error".into());
            let message = plain_string(vm, o, "message").map(|s| s.to_rust_lossy()).unwrap_or_default();
            return match (name.is_empty(), message.is_empty()) {
                (_, true) => name,
                (true, false) => message,
                (false, false) => format!("{name}: {message}"),
            };
        }
        _ => {}
    }
    if vm.is_callable(v) {
        if let Some(text) = crate::builtins::function::ecmascript_function_source_text(vm, o) {
            return text.to_rust_lossy();
        }
        let name = plain_string(vm, o, "name").map(|s| s.to_rust_lossy()).unwrap_or_default();
        return format!("function {name}() {{ [native code] }}");
    }
    match plain_lookup(vm, o, &PropertyKey::from("constructor")) {
        Some(Value::Object(c)) if vm.is_callable_object(c) => {
            let name = plain_string(vm, c, "name").map(|s| s.to_rust_lossy()).unwrap_or_default();
            let name = if name.is_empty() { "Object".to_string() } else { name };
            format!("#<{name}>")
        }
        // No constructor anywhere on a chain that exists: V8 still names it an Object.
        None if obj.proto.is_some() => "#<Object>".into(),
        _ => {
            let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
            let tag = match plain_lookup(vm, o, &tag_key) {
                Some(Value::String(s)) => s.to_rust_lossy(),
                _ => "Object".into(),
            };
            format!("[object {tag}]")
        }
    }
}

/// How V8 names a value by type in "... is not a function" / "... is not iterable" messages
/// raised inside built-ins: `undefined`, `object null`, `boolean true`, `number 5`,
/// `string "s"`, `symbol`, `object`, `function`.
pub fn describe_value_type(v: &Value) -> String {
    match v {
        Value::Undefined | Value::Empty => "undefined".into(),
        Value::Null => "object null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {}", crate::conversions::number_to_string(*n)),
        Value::String(s) => format!("string \"{}\"", s.to_rust_lossy()),
        Value::Symbol(_) => "symbol".into(),
        Value::Object(_) => "object".into(),
    }
}
