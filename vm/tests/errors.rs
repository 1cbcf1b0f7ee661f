//! The Error constructors and prototypes, InstallErrorCause, AggregateError, and the lazily
//! formatted `stack`, exercised from Rust.

use modjs_vm::{attrs, ErrorKind, Intrinsic, JsString, ObjRef, PropertyKey, Value, Vm};

fn s(text: &str) -> Value {
    Value::String(JsString::from(text))
}

fn text(v: &Value) -> String {
    v.as_string().expect("a string").to_rust_lossy()
}

fn get(vm: &mut Vm, o: ObjRef, key: &str) -> Value {
    vm.get(o, &PropertyKey::from(key)).unwrap()
}

fn global_fn(vm: &mut Vm, name: &str) -> ObjRef {
    let g = vm.global();
    get(vm, g, name).as_object().expect("a global function")
}

fn own_keys(vm: &mut Vm, o: ObjRef) -> Vec<String> {
    vm.own_property_keys(o).unwrap().iter().map(|k| k.display()).collect()
}

#[test]
fn constructors_have_spec_lengths_names_and_prototype_links() {
    let mut vm = Vm::new();
    let error = global_fn(&mut vm, "Error");
    let error_proto = vm.intrinsic(Intrinsic::ErrorPrototype);
    for (name, length) in [
        ("Error", 1.0),
        ("EvalError", 1.0),
        ("RangeError", 1.0),
        ("ReferenceError", 1.0),
        ("SyntaxError", 1.0),
        ("TypeError", 1.0),
        ("URIError", 1.0),
        ("AggregateError", 2.0),
    ] {
        let ctor = global_fn(&mut vm, name);
        assert_eq!(get(&mut vm, ctor, "length").as_number(), Some(length), "{name}.length");
        assert_eq!(text(&get(&mut vm, ctor, "name")), name);
        let proto = get(&mut vm, ctor, "prototype").as_object().unwrap();
        assert_eq!(text(&get(&mut vm, proto, "name")), name);
        assert_eq!(text(&get(&mut vm, proto, "message")), "");
        assert_eq!(get(&mut vm, proto, "constructor").as_object(), Some(ctor));
        let desc = vm.get_own_property(ctor, &PropertyKey::from("prototype")).unwrap().unwrap();
        assert_eq!((desc.writable, desc.enumerable, desc.configurable), (Some(false), Some(false), Some(false)));
        if name != "Error" {
            assert_eq!(vm.heap.get(ctor).proto, Some(error), "{name}'s [[Prototype]]");
            assert_eq!(vm.heap.get(proto).proto, Some(error_proto));
        }
    }
    let to_string = get(&mut vm, error_proto, "toString").as_object().unwrap();
    assert_eq!(get(&mut vm, to_string, "length").as_number(), Some(0.0));
}

#[test]
fn construction_defines_stack_message_and_cause_in_v8_order() {
    let mut vm = Vm::new();
    let type_error = global_fn(&mut vm, "TypeError");
    let options = vm.new_object();
    vm.define_value(options, PropertyKey::from("cause"), Value::Number(0.0), attrs::ALL);
    let e = vm.construct(type_error, &[s("boom"), Value::Object(options)], None).unwrap().as_object().unwrap();
    assert_eq!(own_keys(&mut vm, e), ["stack", "message", "cause"]);
    let cause = vm.get_own_property(e, &PropertyKey::from("cause")).unwrap().unwrap();
    assert_eq!(cause.enumerable, Some(false));
    assert_eq!(cause.value.and_then(|v| v.as_number()), Some(0.0));
    assert_eq!(text(&get(&mut vm, e, "stack")), "TypeError: boom");
    // Called as a function it still constructs; an undefined message defines none.
    let plain = vm.call(&Value::Object(type_error), Value::Undefined, &[]).unwrap().as_object().unwrap();
    assert_eq!(own_keys(&mut vm, plain), ["stack"]);
    assert_eq!(vm.heap.get(plain).proto, Some(vm.intrinsic(Intrinsic::TypeErrorPrototype)));
    // An options object without `cause` defines none.
    let empty = vm.new_object();
    let e2 = vm.construct(type_error, &[s("m"), Value::Object(empty)], None).unwrap().as_object().unwrap();
    assert_eq!(own_keys(&mut vm, e2), ["stack", "message"]);
}

#[test]
fn the_stack_header_is_formatted_when_first_read() {
    let mut vm = Vm::new();
    let error = global_fn(&mut vm, "Error");
    let e = vm.construct(error, &[s("a")], None).unwrap().as_object().unwrap();
    // Renaming before the first read shows in the trace, as in V8.
    vm.put(e, PropertyKey::from("name"), s("Named"), true).unwrap();
    assert_eq!(text(&get(&mut vm, e, "stack")), "Named: a");
    // After the first read the text is fixed and the property is plain data.
    vm.put(e, PropertyKey::from("message"), s("b"), true).unwrap();
    assert_eq!(text(&get(&mut vm, e, "stack")), "Named: a");
    let desc = vm.get_own_property(e, &PropertyKey::from("stack")).unwrap().unwrap();
    assert_eq!((desc.writable, desc.enumerable, desc.configurable), (Some(true), Some(false), Some(true)));
    // Assignment replaces it without making it enumerable.
    let e3 = vm.construct(error, &[s("c")], None).unwrap().as_object().unwrap();
    vm.put(e3, PropertyKey::from("stack"), Value::Number(5.0), true).unwrap();
    let desc = vm.get_own_property(e3, &PropertyKey::from("stack")).unwrap().unwrap();
    assert_eq!(desc.value.and_then(|v| v.as_number()), Some(5.0));
    assert_eq!(desc.enumerable, Some(false));
}

#[test]
fn stack_trace_limit_that_is_not_a_number_means_no_stack() {
    let mut vm = Vm::new();
    let error = global_fn(&mut vm, "Error");
    vm.put(error, PropertyKey::from("stackTraceLimit"), s("x"), true).unwrap();
    let e = vm.construct(error, &[s("lim")], None).unwrap().as_object().unwrap();
    assert_eq!(own_keys(&mut vm, e), ["message"]);
    assert!(get(&mut vm, e, "stack").is_undefined());
}

#[test]
fn capture_stack_trace_defines_stack_on_any_object() {
    let mut vm = Vm::new();
    let error = global_fn(&mut vm, "Error");
    let capture = get(&mut vm, error, "captureStackTrace");
    let o = vm.new_object();
    vm.define_value(o, PropertyKey::from("name"), s("N"), attrs::ALL);
    vm.define_value(o, PropertyKey::from("message"), s("M"), attrs::ALL);
    vm.call(&capture, Value::Object(error), &[Value::Object(o)]).unwrap();
    assert_eq!(text(&get(&mut vm, o, "stack")), "N: M");
    let err = vm.call(&capture, Value::Object(error), &[Value::Number(1.0)]).unwrap_err();
    let err = err.as_object().unwrap();
    assert_eq!(text(&get(&mut vm, err, "message")), "invalid_argument");
    let frozen = vm.new_object();
    vm.prevent_extensions(frozen).unwrap();
    let err = vm.call(&capture, Value::Object(error), &[Value::Object(frozen)]).unwrap_err();
    let err = err.as_object().unwrap();
    assert_eq!(text(&get(&mut vm, err, "message")), "Cannot define property stack, object is not extensible");
}

#[test]
fn to_string_follows_the_spec_and_rejects_primitives() {
    let mut vm = Vm::new();
    let proto = vm.intrinsic(Intrinsic::ErrorPrototype);
    let to_string = get(&mut vm, proto, "toString");
    let cases = [(None, Some("m"), "Error: m"), (Some(""), Some("m"), "m"), (Some("n"), Some(""), "n"), (None, None, "Error")];
    for (name, message, expected) in cases {
        let o = vm.new_object();
        if let Some(n) = name {
            vm.define_value(o, PropertyKey::from("name"), s(n), attrs::ALL);
        }
        if let Some(m) = message {
            vm.define_value(o, PropertyKey::from("message"), s(m), attrs::ALL);
        }
        assert_eq!(text(&vm.call(&to_string, Value::Object(o), &[]).unwrap()), expected);
    }
    let err = vm.call(&to_string, Value::Number(1.0), &[]).unwrap_err().as_object().unwrap();
    assert_eq!(
        text(&get(&mut vm, err, "message")),
        "Method Error.prototype.toString called on incompatible receiver 1"
    );
}

#[test]
fn vm_new_error_matches_the_constructors() {
    let mut vm = Vm::new();
    let e = vm.new_error(ErrorKind::RangeError, "too far");
    assert_eq!(own_keys(&mut vm, e), ["stack", "message"]);
    assert_eq!(text(&get(&mut vm, e, "stack")), "RangeError: too far");
    let proto = vm.heap.get(e).proto.unwrap();
    assert_eq!(proto, vm.intrinsic(Intrinsic::RangeErrorPrototype));
}
