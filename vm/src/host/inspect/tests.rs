//! util.inspect over real VM objects (built through the core API), compared with what node v20
//! prints for the same values.

use super::*;
use crate::error::ErrorKind;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::symbol::Symbol;

fn s(text: &str) -> Value {
    Value::from(text)
}

fn n(x: f64) -> Value {
    Value::Number(x)
}

fn object(vm: &mut Vm, entries: Vec<(&str, Value)>) -> Value {
    let obj = vm.new_object();
    for (k, v) in entries {
        vm.define_value(obj, PropertyKey::from(k), v, attrs::ALL);
    }
    Value::Object(obj)
}

fn array(vm: &mut Vm, values: Vec<Value>) -> Value {
    Value::Object(vm.create_array_from_list(values))
}

use crate::host::test_support::vm;

fn show(vm: &mut Vm, v: &Value) -> String {
    match inspect_default(vm, v) {
        Ok(text) => text,
        Err(_) => panic!("inspect threw"),
    }
}

fn nothing(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Undefined)
}

#[test]
fn primitives() {
    let mut vm = vm();
    assert_eq!(show(&mut vm, &n(-0.0)), "-0");
    assert_eq!(show(&mut vm, &n(42.0)), "42");
    assert_eq!(show(&mut vm, &n(f64::NAN)), "NaN");
    assert_eq!(show(&mut vm, &s("it's")), "\"it's\"");
    assert_eq!(show(&mut vm, &Value::Null), "null");
    assert_eq!(show(&mut vm, &Value::Undefined), "undefined");
    assert_eq!(show(&mut vm, &Value::Bool(true)), "true");
    let sym = Value::Symbol(Symbol::new(Some(JsString::from("tag"))));
    assert_eq!(show(&mut vm, &sym), "Symbol(tag)");
}

#[test]
fn plain_objects_and_arrays() {
    let mut vm = vm();
    let o = object(
        &mut vm,
        vec![("s", s("str")), ("n", n(1.0)), ("b", Value::Bool(false)), ("u", Value::Undefined), ("nul", Value::Null)],
    );
    assert_eq!(show(&mut vm, &o), "{ s: 'str', n: 1, b: false, u: undefined, nul: null }");
    let strings = vec![s("s"), s("it's"), s("say \"hi\""), s("both ' and \""), s("new\nline")];
    let a = array(&mut vm, strings);
    assert_eq!(show(&mut vm, &a), "[ 's', \"it's\", 'say \"hi\"', `both ' and \"`, 'new\\nline' ]");
    let empty_obj = vm.new_object();
    let empty_arr = array(&mut vm, vec![]);
    assert_eq!(show(&mut vm, &Value::Object(empty_obj)), "{}");
    assert_eq!(show(&mut vm, &empty_arr), "[]");
    let zeros = array(&mut vm, vec![n(1.5), n(-0.0), n(0.0)]);
    assert_eq!(show(&mut vm, &zeros), "[ 1.5, -0, 0 ]");
}

#[test]
fn depth_limit_and_compact_nesting() {
    let mut vm = vm();
    let level4 = object(&mut vm, vec![("level4", s("hidden"))]);
    let level3 = object(&mut vm, vec![("level3", level4)]);
    let inner3 = array(&mut vm, vec![n(3.0)]);
    let inner2 = array(&mut vm, vec![n(2.0), inner3]);
    let inner1 = array(&mut vm, vec![n(1.0), inner2]);
    let arr = array(&mut vm, vec![inner1]);
    let level1 = object(&mut vm, vec![("level2", level3), ("arr", arr)]);
    let deep = object(&mut vm, vec![("level1", level1)]);
    assert_eq!(show(&mut vm, &deep), "{ level1: { level2: { level3: [Object] }, arr: [ [Array] ] } }");

    let c = vm.new_object();
    let b = object(&mut vm, vec![("c", Value::Object(c))]);
    let a = object(&mut vm, vec![("b", b)]);
    let top = object(&mut vm, vec![("a", a)]);
    let list = array(&mut vm, vec![top]);
    assert_eq!(show(&mut vm, &list), "[ { a: { b: [Object] } } ]");

    // Four levels on one line are too many for compact = 3.
    let d = object(&mut vm, vec![("d", n(1.0))]);
    let c = object(&mut vm, vec![("c", d)]);
    let b = object(&mut vm, vec![("b", c)]);
    let a = object(&mut vm, vec![("a", b)]);
    let opts = InspectOptions { depth: None, ..InspectOptions::default() };
    let text = inspect(&mut vm, &a, opts).unwrap_or_default();
    assert_eq!(text, "{\n  a: { b: { c: { d: 1 } } }\n}");
}

#[test]
fn long_arrays_group_and_stop_at_one_hundred() {
    let mut vm = vm();
    let nums = array(&mut vm, (0..30).map(|i| n((i * 7) as f64)).collect());
    assert_eq!(
        show(&mut vm, &nums),
        "[\n    0,   7,  14,  21,  28,  35,  42,  49,\n   56,  63,  70,  77,  84,  91,  98, 105,\n  112, 119, 126, 133, 140, 147, 154, 161,\n  168, 175, 182, 189, 196, 203\n]"
    );
    let many = array(&mut vm, (0..120).map(|i| n(i as f64)).collect());
    let text = show(&mut vm, &many);
    assert!(text.ends_with("  96, 97, 98, 99,\n  ... 20 more items\n]"), "{text}");
    let words = object(
        &mut vm,
        vec![
            ("alpha", s("aaaaaaaaaaaa")),
            ("beta", s("bbbbbbbbbbbb")),
            ("gamma", s("cccccccccccc")),
            ("delta", s("dddddddddddd")),
        ],
    );
    assert_eq!(
        show(&mut vm, &words),
        "{\n  alpha: 'aaaaaaaaaaaa',\n  beta: 'bbbbbbbbbbbb',\n  gamma: 'cccccccccccc',\n  delta: 'dddddddddddd'\n}"
    );
}

#[test]
fn holes_and_extra_keys() {
    let mut vm = vm();
    let sparse = array(&mut vm, vec![n(1.0), Value::Empty, n(3.0), Value::Empty, Value::Empty, Value::Empty, n(7.0)]);
    assert_eq!(show(&mut vm, &sparse), "[ 1, <1 empty item>, 3, <3 empty items>, 7 ]");
    let with_prop = vm.create_array_from_list(vec![n(1.0), n(2.0)]);
    vm.define_value(with_prop, PropertyKey::from("extra"), s("x"), attrs::ALL);
    assert_eq!(show(&mut vm, &Value::Object(with_prop)), "[ 1, 2, extra: 'x' ]");
    let holes = array(&mut vm, vec![Value::Empty; 5]);
    assert_eq!(show(&mut vm, &holes), "[ <5 empty items> ]");
}

#[test]
fn cycles() {
    let mut vm = vm();
    let circ = vm.new_object();
    vm.define_value(circ, PropertyKey::from("name"), s("c"), attrs::ALL);
    vm.define_value(circ, PropertyKey::from("self"), Value::Object(circ), attrs::ALL);
    assert_eq!(show(&mut vm, &Value::Object(circ)), "<ref *1> { name: 'c', self: [Circular *1] }");
    // Two cycles are numbered in the order they are found (the inner one first).
    let a = vm.new_object();
    let b = vm.new_object();
    vm.define_value(a, PropertyKey::from("b"), Value::Object(b), attrs::ALL);
    vm.define_value(b, PropertyKey::from("b"), Value::Object(b), attrs::ALL);
    vm.define_value(b, PropertyKey::from("a"), Value::Object(a), attrs::ALL);
    assert_eq!(
        show(&mut vm, &Value::Object(a)),
        "<ref *2> { b: <ref *1> { b: [Circular *1], a: [Circular *2] } }"
    );
}

#[test]
fn accessors_print_without_running() {
    let mut vm = vm();
    let obj = vm.new_object();
    let getter = vm.new_native_function("get g", 0, nothing);
    let setter = vm.new_native_function("set s", 1, nothing);
    vm.define_value(obj, PropertyKey::from("plain"), n(1.0), attrs::ALL);
    vm.define_accessor(obj, PropertyKey::from("g"), Some(getter), None, attrs::ENUMERABLE | attrs::CONFIGURABLE);
    vm.define_accessor(obj, PropertyKey::from("s"), None, Some(setter), attrs::ENUMERABLE | attrs::CONFIGURABLE);
    vm.define_accessor(obj, PropertyKey::from("gs"), Some(getter), Some(setter), attrs::ENUMERABLE);
    assert_eq!(show(&mut vm, &Value::Object(obj)), "{ plain: 1, g: [Getter], s: [Setter], gs: [Getter/Setter] }");
}

#[test]
fn null_prototype_symbols_and_key_quoting() {
    let mut vm = vm();
    let bare = vm.new_object_with_proto(None);
    vm.define_value(bare, PropertyKey::from("x"), n(1.0), attrs::ALL);
    let empty = vm.new_object_with_proto(None);
    assert_eq!(show(&mut vm, &Value::Object(bare)), "[Object: null prototype] { x: 1 }");
    assert_eq!(show(&mut vm, &Value::Object(empty)), "[Object: null prototype] {}");

    let obj = vm.new_object();
    let sym = Symbol::new(Some(JsString::from("tag")));
    vm.define_value(obj, PropertyKey::Symbol(sym), s("symbol key"), attrs::ALL);
    vm.define_value(obj, PropertyKey::from("needs-quotes"), n(1.0), attrs::ALL);
    vm.define_value(obj, PropertyKey::from("valid_id"), n(2.0), attrs::ALL);
    vm.define_value(obj, PropertyKey::from("3"), s("numeric"), attrs::ALL);
    assert_eq!(
        show(&mut vm, &Value::Object(obj)),
        "{\n  '3': 'numeric',\n  'needs-quotes': 1,\n  valid_id: 2,\n  [Symbol(tag)]: 'symbol key'\n}"
    );
    // Hidden keys are listed only with showHidden, in brackets.
    let hidden = vm.new_object();
    vm.define_value(hidden, PropertyKey::from("a-b"), n(1.0), attrs::NONE);
    assert_eq!(show(&mut vm, &Value::Object(hidden)), "{}");
    let opts = InspectOptions { show_hidden: true, ..InspectOptions::default() };
    assert_eq!(inspect(&mut vm, &Value::Object(hidden), opts).unwrap_or_default(), "{ [a-b]: 1 }");
}

#[test]
fn functions_and_instances() {
    let mut vm = vm();
    let f = vm.new_native_function("named", 0, nothing);
    assert_eq!(show(&mut vm, &Value::Object(f)), "[Function: named]");
    let anon = vm.new_native_function("", 0, nothing);
    assert_eq!(show(&mut vm, &Value::Object(anon)), "[Function (anonymous)]");
    vm.define_value(f, PropertyKey::from("x"), n(1.0), attrs::ALL);
    assert_eq!(show(&mut vm, &Value::Object(f)), "[Function: named] { x: 1 }");

    // An instance of a constructor `Dog`: its prototype's `constructor` names it.
    let dog = vm.new_native_constructor("Dog", 0, nothing);
    let proto = vm.new_object();
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(dog), attrs::BUILTIN);
    vm.define_value(dog, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    let instance = vm.new_object_with_proto(Some(proto));
    vm.define_value(instance, PropertyKey::from("legs"), n(4.0), attrs::ALL);
    assert_eq!(show(&mut vm, &Value::Object(instance)), "Dog { legs: 4 }");
    let bare_instance = vm.new_object_with_proto(Some(proto));
    assert_eq!(show(&mut vm, &Value::Object(bare_instance)), "Dog {}");
    // A prototype object itself is named by the next constructor up the chain.
    assert_eq!(show(&mut vm, &Value::Object(proto)), "{}");
}

#[test]
fn errors_without_frames_print_in_brackets() {
    let mut vm = vm();
    let err = vm.new_error(ErrorKind::TypeError, "bad thing");
    assert_eq!(show(&mut vm, &Value::Object(err)), "[TypeError: bad thing]");
    vm.define_value(err, PropertyKey::from("code"), s("E_X"), attrs::ALL);
    assert_eq!(show(&mut vm, &Value::Object(err)), "[TypeError: bad thing] { code: 'E_X' }");
    let with_frames = vm.new_error(ErrorKind::Error, "m");
    let stack = s("Error: m\n    at f (file.js:1:2)");
    vm.define_value(with_frames, PropertyKey::from("stack"), stack, attrs::BUILTIN);
    let list = array(&mut vm, vec![Value::Object(with_frames)]);
    assert_eq!(show(&mut vm, &list), "[\n  Error: m\n      at f (file.js:1:2)\n]");
    assert_eq!(inspect_error(&mut vm, &Value::Object(with_frames)), "Error: m\n    at f (file.js:1:2)");
    assert_eq!(inspect_error(&mut vm, &s("abc")), "abc");
}

#[test]
fn boxed_primitives_and_dates() {
    let mut vm = vm();
    let proto = vm.intrinsic(Intrinsic::NumberPrototype);
    let boxed = vm.heap.alloc(crate::object::Object::new(Some(proto), crate::object::ObjectKind::Number(-0.0)));
    assert_eq!(show(&mut vm, &Value::Object(boxed)), "[Number: -0]");
    let date = vm.heap.alloc(crate::object::Object::new(None, crate::object::ObjectKind::Date(0.0)));
    assert_eq!(show(&mut vm, &Value::Object(date)), "[Date: null prototype] 1970-01-01T00:00:00.000Z");
}

#[test]
fn module_namespaces_show_uninitialised_bindings() {
    let mut vm = vm();
    let a = vm.heap.alloc_cell(Value::Empty);
    let b = vm.heap.alloc_cell(n(1.0));
    let exports = vec![(JsString::from("a"), a), (JsString::from("b"), b)];
    let ns = crate::object::namespace::module_namespace_create(&mut vm, exports);
    assert_eq!(show(&mut vm, &Value::Object(ns)), "[Module: null prototype] { a: <uninitialized>, b: 1 }");
    vm.heap.cell_set(a, s("x"));
    assert_eq!(show(&mut vm, &Value::Object(ns)), "[Module: null prototype] { a: 'x', b: 1 }");
    let empty = crate::object::namespace::module_namespace_create(&mut vm, Vec::new());
    assert_eq!(show(&mut vm, &Value::Object(empty)), "[Module: null prototype] {  }");
}

#[test]
fn namespaces_in_a_cycle() {
    let mut vm = vm();
    let a_b = vm.heap.alloc_cell(Value::Undefined);
    let a_loaded = vm.heap.alloc_cell(Value::Bool(true));
    let b_a = vm.heap.alloc_cell(Value::Undefined);
    let b_loaded = vm.heap.alloc_cell(Value::Bool(true));
    let a = crate::object::namespace::module_namespace_create(
        &mut vm,
        vec![(JsString::from("b"), a_b), (JsString::from("loaded"), a_loaded)],
    );
    let b = crate::object::namespace::module_namespace_create(
        &mut vm,
        vec![(JsString::from("a"), b_a), (JsString::from("loaded"), b_loaded)],
    );
    vm.heap.cell_set(a_b, Value::Object(b));
    vm.heap.cell_set(b_a, Value::Object(a));
    assert_eq!(
        show(&mut vm, &Value::Object(a)),
        "<ref *1> [Module: null prototype] {\n  b: [Module: null prototype] { a: [Circular *1], loaded: true },\n  loaded: true\n}"
    );
}

/// `class Animal { get kind() {} eat() {} }`, `class Dog extends Animal { bark() {} }`, and a
/// Dog instance with `legs: 4`.
fn dog_instance(vm: &mut Vm) -> Value {
    let object_proto = vm.intrinsic(Intrinsic::ObjectPrototype);
    let animal = vm.new_native_constructor("Animal", 0, nothing);
    let animal_proto = vm.new_object_with_proto(Some(object_proto));
    vm.define_value(animal_proto, PropertyKey::from("constructor"), Value::Object(animal), attrs::BUILTIN);
    vm.define_value(animal, PropertyKey::from("prototype"), Value::Object(animal_proto), attrs::NONE);
    let getter = vm.new_native_function("get kind", 0, nothing);
    vm.define_accessor(animal_proto, PropertyKey::from("kind"), Some(getter), None, attrs::CONFIGURABLE);
    let eat = vm.new_native_function("eat", 0, nothing);
    vm.define_value(animal_proto, PropertyKey::from("eat"), Value::Object(eat), attrs::BUILTIN);
    let dog = vm.new_native_constructor("Dog", 0, nothing);
    let dog_proto = vm.new_object_with_proto(Some(animal_proto));
    vm.define_value(dog_proto, PropertyKey::from("constructor"), Value::Object(dog), attrs::BUILTIN);
    vm.define_value(dog, PropertyKey::from("prototype"), Value::Object(dog_proto), attrs::NONE);
    let bark = vm.new_native_function("bark", 0, nothing);
    vm.define_value(dog_proto, PropertyKey::from("bark"), Value::Object(bark), attrs::BUILTIN);
    let instance = vm.new_object_with_proto(Some(dog_proto));
    vm.define_value(instance, PropertyKey::from("legs"), n(4.0), attrs::ALL);
    Value::Object(instance)
}

#[test]
fn show_hidden_lists_prototype_accessors() {
    let mut vm = vm();
    let dog = dog_instance(&mut vm);
    assert_eq!(show(&mut vm, &dog), "Dog { legs: 4 }");
    let opts = InspectOptions { show_hidden: true, ..InspectOptions::default() };
    assert_eq!(inspect(&mut vm, &dog, opts).unwrap_or_default(), "Dog { legs: 4, [kind]: [Getter] }");
}

#[test]
fn unlimited_depth_stops_before_the_stack_runs_out() {
    let mut vm = vm();
    let mut inner = array(&mut vm, vec![]);
    for _ in 0..5_000 {
        inner = array(&mut vm, vec![inner]);
    }
    let opts = InspectOptions { depth: None, ..InspectOptions::default() };
    let text = inspect(&mut vm, &inner, opts).unwrap_or_default();
    assert!(text.contains("[Array: Inspection interrupted prematurely. Maximum call stack size exceeded.]"));
    assert!(text.starts_with("[\n  [\n    ["), "{}", &text[..40]);
}
