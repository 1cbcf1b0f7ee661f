//! What Node reports when a program dies of an uncaught exception or an unhandled rejection: the
//! value to show, whether it counts as an error, and where its source excerpt comes from. (The
//! layout of the report — the excerpt, the blank lines, `Node.js v20...` — is the CLI's.)

use super::event_loop::Uncaught;
use crate::gc::ObjRef;
use crate::object::ObjectKind;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// The beginning of Node's UnhandledPromiseRejection message.
const UNHANDLED_REJECTION_TEXT: &str = "This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason";

/// The value Node ends up reporting, and whether it came from a promise.
pub struct Report {
    /// The error or value to print (for a non-error rejection reason: Node's
    /// `UnhandledPromiseRejection` error, without stack frames).
    pub value: Value,
    /// Whether it reached Node through a promise: then the excerpt Node shows is where an error
    /// was created, not where it was thrown.
    pub from_promise: bool,
}

/// Turns an [`Uncaught`] into what Node reports (`processPromiseRejections` in throw mode wraps a
/// reason that is not error-like into an `UnhandledPromiseRejection` error).
pub fn report_value(vm: &mut Vm, uncaught: &Uncaught) -> Report {
    match uncaught {
        Uncaught::Exception(v) => Report { value: v.clone(), from_promise: false },
        Uncaught::Rejection { reason, .. } => {
            if is_error_like(vm, reason) {
                return Report { value: reason.clone(), from_promise: true };
            }
            let text = no_side_effects_to_string(vm, reason);
            let message = format!("{UNHANDLED_REJECTION_TEXT} \"{text}\".");
            let err = super::node_errors::node_error(
                vm,
                crate::error::ErrorKind::Error,
                "ERR_UNHANDLED_REJECTION",
                &message,
            );
            // Node's class is named UnhandledPromiseRejection; with no frames to show, the
            // stack is just the heading.
            if let Value::Object(e) = &err {
                let heading = format!("UnhandledPromiseRejection: {message}");
                vm.define_value(*e, PropertyKey::from("stack"), Value::from(heading.as_str()), crate::property::attrs::BUILTIN);
                vm.define_value(*e, PropertyKey::from("name"), Value::from("UnhandledPromiseRejection"), crate::property::attrs::BUILTIN);
            }
            Report { value: err, from_promise: true }
        }
    }
}

/// Node's `isErrorLike`: an object with an own `stack` property.
pub fn is_error_like(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Object(o) => vm.get_own_property_plain(*o, &PropertyKey::from("stack")).is_some(),
        _ => false,
    }
}

/// A data property found along the prototype chain without running getters or proxies.
fn data_property(vm: &Vm, mut o: ObjRef, key: &PropertyKey) -> Option<Value> {
    for _ in 0..10_000 {
        if let Some(PropertyDescriptor { value, get, .. }) = vm.get_own_property_plain(o, key) {
            return if get.is_some() { None } else { value };
        }
        o = vm.heap.get(o).proto?;
    }
    None
}

/// V8's `Object::NoSideEffectsToString`, as Node's unhandled-rejection message uses it:
/// primitives by their string form, plain objects as `#<Ctor>`, other objects as
/// `[object Tag]`, errors as `Name: message`.
pub fn no_side_effects_to_string(vm: &mut Vm, v: &Value) -> String {
    match v {
        Value::String(s) => s.to_rust_lossy(),
        Value::Symbol(s) => s.descriptive_string(),
        Value::BigInt(b) => b.to_string_radix(10),
        Value::Object(o) => {
            let o = *o;
            if vm.is_callable(v) {
                return function_source_text(vm, v);
            }
            let to_string = data_property(vm, o, &PropertyKey::from("toString"));
            let object_to_string = {
                let proto = vm.intrinsic(Intrinsic::ObjectPrototype);
                data_property(vm, proto, &PropertyKey::from("toString"))
            };
            let is_error = matches!(vm.heap.get(o).kind, ObjectKind::Error);
            if is_error {
                let name = data_property(vm, o, &PropertyKey::from("name"))
                    .and_then(|n| n.as_string().map(|s| s.to_rust_lossy()))
                    .unwrap_or_else(|| "Error".into());
                let msg = data_property(vm, o, &PropertyKey::from("message"))
                    .and_then(|n| n.as_string().map(|s| s.to_rust_lossy()))
                    .unwrap_or_default();
                return if msg.is_empty() { name } else { format!("{name}: {msg}") };
            }
            if let (Some(Value::Object(a)), Some(Value::Object(b))) = (&to_string, &object_to_string) {
                if a == b {
                    if let Some(Value::Object(ctor)) = data_property(vm, o, &PropertyKey::from("constructor")) {
                        if vm.is_callable_object(ctor) {
                            if let Some(Value::String(name)) = data_property(vm, ctor, &PropertyKey::from("name")) {
                                if !name.is_empty() {
                                    return format!("#<{}>", name.to_rust_lossy());
                                }
                            }
                        }
                    }
                }
            }
            let tag = match vm.heap.get(o).kind {
                ObjectKind::Array(_) => "Array",
                ObjectKind::Boolean(_) => "Boolean",
                ObjectKind::Number(_) => "Number",
                ObjectKind::String(_) => "String",
                ObjectKind::Date(_) => "Date",
                ObjectKind::Arguments(_) => "Arguments",
                _ => "Object",
            };
            format!("[object {tag}]")
        }
        Value::Number(n) => crate::conversions::number_to_string(*n),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        Value::Undefined | Value::Empty => "undefined".into(),
    }
}

/// A function's source text through %Function.prototype.toString% when it is installed.
fn function_source_text(vm: &mut Vm, f: &Value) -> String {
    let proto = vm.intrinsic(Intrinsic::FunctionPrototype);
    if let Some(to_string) = data_property(vm, proto, &PropertyKey::from("toString")) {
        if let Ok(Value::String(s)) = vm.call(&to_string, f.clone(), &[]) {
            return s.to_rust_lossy();
        }
    }
    "function () { [native code] }".into()
}

/// Where a Node-style source excerpt points: a file (path or `file:` URL as the stack shows it),
/// a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceSite {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// The site of the first `    at` frame of an error's `stack` (where the error was created):
/// the excerpt Node shows for an error that reached it through a promise.
pub fn error_creation_site(vm: &mut Vm, v: &Value) -> Option<SourceSite> {
    let Value::Object(o) = v else { return None };
    vm.get_own_property_plain(*o, &PropertyKey::from("stack"))?;
    let Ok(Value::String(stack)) = vm.get(*o, &PropertyKey::from("stack")) else {
        return None;
    };
    let stack = stack.to_rust_lossy();
    let frame = stack.lines().find_map(|l| l.strip_prefix("    at "))?;
    let location = match (frame.rfind('('), frame.ends_with(')')) {
        (Some(i), true) => &frame[i + 1..frame.len() - 1],
        _ => frame,
    };
    parse_location(location)
}

/// `file:line:column` (the file may itself contain colons, as `file:///x` does).
fn parse_location(s: &str) -> Option<SourceSite> {
    let (rest, column) = s.rsplit_once(':')?;
    let (file, line) = rest.rsplit_once(':')?;
    Some(SourceSite { file: file.to_string(), line: line.parse().ok()?, column: column.parse().ok()? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_split_from_the_right() {
        assert_eq!(
            parse_location("file:///a/b.mjs:3:14"),
            Some(SourceSite { file: "file:///a/b.mjs".into(), line: 3, column: 14 })
        );
        assert_eq!(parse_location("nocolon"), None);
        assert_eq!(parse_location("a:x:1"), None);
    }
}
