//! The test262 host (test262's INTERPRETING.md, "Host-Defined Functions"): the globals
//! `modjs --test262` adds to the realm before the harness files and the test run.
//!
//! - `print(...values)` writes the values, converted to strings and separated by spaces, and a
//!   line feed to stdout, buffered like `console.log` (the harness's `$DONE` reports async
//!   results through it);
//! - `$262.global` is the global object;
//! - `$262.evalScript(source)` runs `source` as a new global Script of this realm and returns
//!   its completion value (an early error is thrown as a SyntaxError);
//! - `$262.gc()` makes the next safe point run a full collection.
//!
//! Not provided, so that the tests needing them fail honestly: `$262.createRealm` (a `Vm` has
//! one realm),
//! `$262.detachArrayBuffer` (there is no ArrayBuffer built-in), `$262.agent` (no threads),
//! `$262.IsHTMLDDA` and `$262.AbstractModuleSource`.
//!
//! [`describe_uncaught`] is how the host names an exception nobody caught.

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::host::process::write_stdout;
use crate::vm::Vm;

/// Defines `print` and `$262` on the realm's global object (writable, configurable, not
/// enumerable, like other globals); returns the `$262` object.
pub fn install(vm: &mut Vm) -> ObjRef {
    let global = vm.global();
    vm.define_method(global, "print", 1, print);
    let host = vm.new_object();
    vm.define_value(host, PropertyKey::from("global"), Value::Object(global), attrs::BUILTIN);
    vm.define_method(host, "evalScript", 1, eval_script);
    vm.define_method(host, "gc", 0, gc);
    vm.define_value(global, PropertyKey::from("$262"), Value::Object(host), attrs::BUILTIN);
    host
}

/// `print(...values)`.
fn print(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut line = String::new();
    for (i, value) in args.args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(&vm.to_string(value)?.to_rust_lossy());
    }
    line.push('\n');
    write_stdout(vm, &line);
    Ok(Value::Undefined)
}

/// `$262.evalScript(source)`.
fn eval_script(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let source = vm.to_string(&args.get(0))?.to_rust_lossy();
    vm.run_script(&source, "evalScript")
}

/// `$262.gc()`: a built-in is running, so collecting here could free objects that Rust frames
/// still hold; the collection happens at the next safe point instead.
fn gc(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    vm.heap.request_collection();
    Ok(Value::Undefined)
}

/// What the host reports about an uncaught exception: a name and a message.
///
/// The name is the thrown value's `constructor.name` when the value is an object whose
/// `constructor` has a string `name` (so `Test262Error`, `TypeError`, a user's class), else the
/// value's `typeof`. The message is an object's `message` converted to a string (empty when
/// absent), or a primitive's string form. A getter or conversion that throws counts as absent:
/// reporting an exception must not raise another.
pub fn describe_uncaught(vm: &mut Vm, thrown: &Value) -> (String, String) {
    let type_name = vm.typeof_value(thrown).to_string();
    let Value::Object(obj) = thrown else {
        return (type_name, string_form(vm, thrown));
    };
    let obj = *obj;
    let name = match vm.get(obj, &PropertyKey::from("constructor")) {
        Ok(Value::Object(constructor)) => match vm.get(constructor, &PropertyKey::from("name")) {
            Ok(Value::String(name)) => name.to_rust_lossy(),
            _ => type_name,
        },
        _ => type_name,
    };
    let message = match vm.get(obj, &PropertyKey::from("message")) {
        Ok(Value::Undefined) | Err(_) => String::new(),
        Ok(value) => string_form(vm, &value),
    };
    (name, message)
}

/// `String(value)`, with symbols shown as `Symbol(description)` and failures as nothing.
fn string_form(vm: &mut Vm, value: &Value) -> String {
    match value {
        Value::Symbol(symbol) => symbol.descriptive_string(),
        other => vm.to_string(other).map(|s| s.to_rust_lossy()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::symbol::Symbol;

    fn global_property(vm: &mut Vm, name: &str) -> Value {
        let global = vm.global();
        vm.get(global, &PropertyKey::from(name)).unwrap_or(Value::Undefined)
    }

    #[test]
    fn print_and_262_are_globals() {
        let mut vm = Vm::new();
        let host = install(&mut vm);
        let print = global_property(&mut vm, "print");
        assert!(vm.is_callable(&print));
        let Value::Object(found) = global_property(&mut vm, "$262") else { panic!("$262 is not an object") };
        assert_eq!(found, host);
        let global = vm.global();
        assert!(matches!(vm.get(host, &PropertyKey::from("global")), Ok(Value::Object(g)) if g == global));
        let gc = vm.get(host, &PropertyKey::from("gc")).unwrap();
        assert!(vm.call(&gc, Value::Object(host), &[]).unwrap().is_undefined());
        assert!(vm.heap.wants_collection());
        // Absent capabilities are absent, not stubs.
        for missing in ["createRealm", "detachArrayBuffer", "agent"] {
            assert!(!vm.has_own_property(host, &PropertyKey::from(missing)).unwrap(), "{missing}");
        }
        let desc = vm.get_own_property(global, &PropertyKey::from("$262")).unwrap().unwrap();
        assert_eq!(desc.enumerable, Some(false));
    }

    #[test]
    fn uncaught_values_are_named_by_constructor_or_typeof() {
        let mut vm = Vm::new();
        // An object whose constructor is named, as `new Test262Error("msg")` is.
        let constructor = vm.new_object();
        vm.define_value(constructor, PropertyKey::from("name"), Value::from("Test262Error"), attrs::CONFIGURABLE);
        let thrown = vm.new_object();
        vm.define_value(thrown, PropertyKey::from("constructor"), Value::Object(constructor), attrs::BUILTIN);
        vm.define_value(thrown, PropertyKey::from("message"), Value::from("Expected true"), attrs::BUILTIN);
        assert_eq!(describe_uncaught(&mut vm, &Value::Object(thrown)), ("Test262Error".into(), "Expected true".into()));

        // No usable constructor name: the typeof; no message: empty.
        let plain = vm.new_object_with_proto(None);
        assert_eq!(describe_uncaught(&mut vm, &Value::Object(plain)), ("object".into(), String::new()));
        let error = vm.new_error(ErrorKind::TypeError, "x is not a function");
        let (_, message) = describe_uncaught(&mut vm, &Value::Object(error));
        assert_eq!(message, "x is not a function");

        assert_eq!(describe_uncaught(&mut vm, &Value::Number(42.0)), ("number".into(), "42".into()));
        assert_eq!(describe_uncaught(&mut vm, &Value::Undefined), ("undefined".into(), "undefined".into()));
        let symbol = Value::Symbol(Symbol::new(Some("s".into())));
        assert_eq!(describe_uncaught(&mut vm, &symbol), ("symbol".into(), "Symbol(s)".into()));
    }

    #[test]
    fn eval_script_runs_a_global_script() {
        let mut vm = Vm::new();
        let host = install(&mut vm);
        let eval_script = vm.get(host, &PropertyKey::from("evalScript")).unwrap();
        let result = vm.call(&eval_script, Value::Object(host), &[Value::from("var fromEval = 6 * 7; fromEval")]);
        assert_eq!(result.ok().and_then(|v| v.as_number()), Some(42.0));
        assert_eq!(global_property(&mut vm, "fromEval").as_number(), Some(42.0));
        let early_error = vm.call(&eval_script, Value::Object(host), &[Value::from("let a; let a;")]);
        let Err(thrown) = early_error else { panic!("an early error was not thrown") };
        let (_, message) = describe_uncaught(&mut vm, &thrown);
        assert_eq!(message, "Identifier 'a' has already been declared");
    }

    #[test]
    fn print_writes_a_line_to_stdout() {
        let mut vm = Vm::new();
        vm.stdio = crate::host::process::Stdio::captured();
        install(&mut vm);
        let print = global_property(&mut vm, "print");
        vm.call(&print, Value::Undefined, &[Value::from("Test262:AsyncTestComplete")]).unwrap();
        vm.call(&print, Value::Undefined, &[Value::Number(1.0), Value::Bool(true)]).unwrap();
        let (out, err) = vm.stdio.take_captured();
        assert_eq!(out, "Test262:AsyncTestComplete\n1 true\n");
        assert_eq!(err, "");
    }
}
