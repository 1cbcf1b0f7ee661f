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

/// How V8 shows a receiver in that message (its NoSideEffectsToString): primitives as their
/// string, errors as `Name: message`, functions as their source, a proxy as its target (a
/// revoked one as `null`); other
/// objects as `#<Constructor>` when their `toString` is Object.prototype.toString and their
/// `constructor` a named function, otherwise as `[object Tag]`, the tag being their
/// `Symbol.toStringTag` or what their internal slots make them (`[object Date]`,
/// `[object Array]`, `[object Object]` for `Date.prototype`). Properties are looked up without
/// running getters.
pub fn describe_receiver(vm: &Vm, v: &Value) -> String {
    let mut o = match v {
        Value::Undefined | Value::Empty => return "undefined".into(),
        Value::Null => return "null".into(),
        Value::Bool(b) => return b.to_string(),
        Value::Number(n) => return crate::conversions::number_to_string(*n),
        Value::String(s) => return s.to_rust_lossy(),
        Value::Symbol(s) => return s.descriptive_string(),
        Value::BigInt(b) => return b.to_string_radix(10),
        Value::Object(o) => *o,
    };
    // A chain of proxies is bounded by the heap; the bound only guards against a corrupted one.
    // A revoked proxy has no target any more: V8 shows that as `null`.
    for _ in 0..100_000 {
        match &vm.heap.get(o).kind {
            ObjectKind::Proxy(p) => match p.target {
                Some(target) => o = target,
                None => return "null".into(),
            },
            _ => break,
        }
    }
    let obj = vm.heap.get(o);
    match &obj.kind {
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
    if vm.is_callable_object(o) {
        if let Some(text) = crate::builtins::function::ecmascript_function_source_text(vm, o) {
            return text.to_rust_lossy();
        }
        let name = plain_string(vm, o, "name").map(|s| s.to_rust_lossy()).unwrap_or_default();
        return format!("function {name}() {{ [native code] }}");
    }
    if is_object_prototype_to_string(vm, plain_lookup(vm, o, &PropertyKey::from("toString"))) {
        if let Some(Value::Object(c)) = plain_lookup(vm, o, &PropertyKey::from("constructor")) {
            if vm.is_callable_object(c) {
                let name = plain_string(vm, c, "name").map(|s| s.to_rust_lossy()).unwrap_or_default();
                if !name.is_empty() {
                    return format!("#<{name}>");
                }
            }
        }
    }
    let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    let tag = match plain_lookup(vm, o, &tag_key) {
        Some(Value::String(s)) => s.to_rust_lossy(),
        _ => crate::builtins::object::builtin_tag_of_kind(&obj.kind).to_string(),
    };
    format!("[object {tag}]")
}

/// Whether `method` is %Object.prototype.toString%.
fn is_object_prototype_to_string(vm: &Vm, method: Option<Value>) -> bool {
    let Some(Value::Object(f)) = method else { return false };
    match &vm.heap.get(f).kind {
        ObjectKind::NativeFunction(native) => {
            std::ptr::fn_addr_eq(native.f, crate::builtins::object::object_proto_to_string as crate::native::NativeFn)
        }
        _ => false,
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
        Value::BigInt(b) => format!("bigint {}", b.to_string_radix(10)),
        Value::Object(_) => "object".into(),
    }
}
