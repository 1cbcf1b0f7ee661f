//! The object-model built-ins (Object, Function.prototype, Symbol, Reflect, Proxy), called from
//! Rust through their property paths on the global object.

// Argument lists are written as `&[x.clone()]` for readability.
#![allow(clippy::cloned_ref_to_slice_refs)]

use modjs_vm::{CallArgs, JsResult, JsString, ObjRef, PropertyKey, Value, Vm};

/// The value at a dotted path from the global object (`"Object.prototype.toString"`).
fn path(vm: &mut Vm, p: &str) -> Value {
    let mut cur = Value::Object(vm.global());
    for part in p.split('.') {
        cur = vm.get_v(&cur, &PropertyKey::from(part)).expect("property read");
    }
    cur
}

fn call(vm: &mut Vm, f: &str, this: Value, args: &[Value]) -> JsResult<Value> {
    let f = path(vm, f);
    vm.call(&f, this, args)
}

fn call_ok(vm: &mut Vm, f: &str, args: &[Value]) -> Value {
    call(vm, f, Value::Undefined, args).unwrap_or_else(|e| panic!("{f} threw {}", error_text(vm, &e)))
}

fn s(text: &str) -> Value {
    Value::from(text)
}

fn n(x: f64) -> Value {
    Value::Number(x)
}

fn obj(v: &Value) -> ObjRef {
    v.as_object().expect("an object")
}

fn string(vm: &mut Vm, v: &Value) -> String {
    vm.to_string(v).expect("ToString").to_rust_lossy()
}

/// An array's elements joined with commas, nested arrays flattened (Array.prototype.join's
/// output, without depending on it).
fn join(vm: &mut Vm, v: &Value) -> String {
    let list = vm.create_list_from_array_like(v).expect("array-like");
    let parts: Vec<String> = list
        .iter()
        .map(|e| if vm.is_array(e).unwrap() { join(vm, e) } else { string(vm, e) })
        .collect();
    parts.join(",")
}

/// `TypeError: message` of a thrown error.
fn error_text(vm: &mut Vm, e: &Value) -> String {
    let Value::Object(o) = e else { return format!("non-object {:?}", e) };
    let proto = vm.get_prototype_of(*o).unwrap();
    let name = match proto {
        Some(p) if p == vm.intrinsic(modjs_vm::Intrinsic::TypeErrorPrototype) => "TypeError",
        Some(p) if p == vm.intrinsic(modjs_vm::Intrinsic::RangeErrorPrototype) => "RangeError",
        Some(p) if p == vm.intrinsic(modjs_vm::Intrinsic::SyntaxErrorPrototype) => "SyntaxError",
        _ => "?",
    };
    let msg = vm.get(*o, &PropertyKey::from("message")).unwrap();
    format!("{name}: {}", string(vm, &msg))
}

fn throws(vm: &mut Vm, f: &str, this: Value, args: &[Value]) -> String {
    match call(vm, f, this, args) {
        Ok(v) => panic!("{f} returned {:?} instead of throwing", v),
        Err(e) => error_text(vm, &e),
    }
}

fn keys(vm: &mut Vm, o: &Value) -> Vec<String> {
    let arr = call_ok(vm, "Reflect.ownKeys", &[o.clone()]);
    let list = vm.create_list_from_array_like(&arr).unwrap();
    list.iter()
        .map(|k| match k {
            Value::Symbol(s) => s.descriptive_string(),
            other => string(vm, other),
        })
        .collect()
}

fn descriptor(vm: &mut Vm, o: &Value, key: &str) -> String {
    let d = call_ok(vm, "Object.getOwnPropertyDescriptor", &[o.clone(), s(key)]);
    if d.is_undefined() {
        return "undefined".into();
    }
    let mut out = Vec::new();
    for k in keys(vm, &d) {
        let v = vm.get(obj(&d), &PropertyKey::from(k.as_str())).unwrap();
        let shown = match &v {
            Value::Object(_) if vm.is_callable(&v) => "fn".to_string(),
            Value::Symbol(s) => s.descriptive_string(),
            other => string(vm, other),
        };
        out.push(format!("{k}:{shown}"));
    }
    out.join(",")
}

fn new_object_with(vm: &mut Vm, props: &[(&str, Value)]) -> Value {
    let o = vm.new_object();
    for (k, v) in props {
        vm.create_data_property_or_throw(o, PropertyKey::from(*k), v.clone()).unwrap();
    }
    Value::Object(o)
}

// ----- property attributes of the built-ins ---------------------------------------------------

#[test]
fn builtin_functions_have_spec_length_name_and_attributes() {
    let mut vm = Vm::new();
    for (p, len) in [
        ("Object", 1.0),
        ("Object.assign", 2.0),
        ("Object.defineProperty", 3.0),
        ("Object.prototype.hasOwnProperty", 1.0),
        ("Function", 1.0),
        ("Function.prototype", 0.0),
        ("Function.prototype.apply", 2.0),
        ("Function.prototype.bind", 1.0),
        ("Symbol", 0.0),
        ("Reflect.apply", 3.0),
        ("Reflect.construct", 2.0),
        ("Proxy", 2.0),
        ("Proxy.revocable", 2.0),
    ] {
        let f = path(&mut vm, p);
        let d = descriptor(&mut vm, &f, "length");
        assert_eq!(d, format!("value:{len},writable:false,enumerable:false,configurable:true"), "{p}");
    }
    let get_proto = path(&mut vm, "Object.prototype");
    assert_eq!(descriptor(&mut vm, &get_proto, "__proto__"), "get:fn,set:fn,enumerable:false,configurable:true");
    let object = path(&mut vm, "Object");
    assert_eq!(descriptor(&mut vm, &object, "prototype"), "value:[object Object],writable:false,enumerable:false,configurable:false");
    let symbol = path(&mut vm, "Symbol");
    assert_eq!(
        descriptor(&mut vm, &symbol, "iterator"),
        "value:Symbol(Symbol.iterator),writable:false,enumerable:false,configurable:false"
    );
    let bind = path(&mut vm, "Function.prototype.bind");
    assert_eq!(descriptor(&mut vm, &bind, "name"), "value:bind,writable:false,enumerable:false,configurable:true");
}

// ----- Object ---------------------------------------------------------------------------------

#[test]
fn object_define_property_validates_descriptors_with_v8_messages() {
    let mut vm = Vm::new();
    let o = Value::Object(vm.new_object());
    assert_eq!(throws(&mut vm, "Object.defineProperty", Value::Undefined, &[n(1.0), s("x"), Value::Undefined]),
        "TypeError: Object.defineProperty called on non-object");
    assert_eq!(throws(&mut vm, "Object.defineProperty", Value::Undefined, &[o.clone(), s("x"), n(1.0)]),
        "TypeError: Property description must be an object: 1");
    let bad_get = new_object_with(&mut vm, &[("get", n(1.0))]);
    assert_eq!(throws(&mut vm, "Object.defineProperty", Value::Undefined, &[o.clone(), s("x"), bad_get]),
        "TypeError: Getter must be a function: 1");
    let f = path(&mut vm, "Object");
    let both = new_object_with(&mut vm, &[("get", f), ("value", n(1.0))]);
    assert_eq!(throws(&mut vm, "Object.defineProperty", Value::Undefined, &[o.clone(), s("x"), both]),
        "TypeError: Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, #<Object>");
    // A non-writable, non-configurable property cannot change value.
    let d = new_object_with(&mut vm, &[("value", n(1.0))]);
    call_ok(&mut vm, "Object.defineProperty", &[o.clone(), s("x"), d]);
    assert_eq!(descriptor(&mut vm, &o, "x"), "value:1,writable:false,enumerable:false,configurable:false");
    let d2 = new_object_with(&mut vm, &[("value", n(2.0))]);
    assert_eq!(throws(&mut vm, "Object.defineProperty", Value::Undefined, &[o.clone(), s("x"), d2]),
        "TypeError: Cannot redefine property: x");
    call_ok(&mut vm, "Object.preventExtensions", &[o.clone()]);
    let d3 = new_object_with(&mut vm, &[("value", n(2.0))]);
    assert_eq!(throws(&mut vm, "Object.defineProperty", Value::Undefined, &[o.clone(), s("y"), d3]),
        "TypeError: Cannot define property y, object is not extensible");
}

#[test]
fn object_keys_values_entries_follow_property_order_and_enumerability() {
    let mut vm = Vm::new();
    let o = new_object_with(&mut vm, &[("b", n(1.0)), ("2", n(2.0)), ("a", n(3.0)), ("0", n(4.0))]);
    let hidden = new_object_with(&mut vm, &[("value", n(9.0))]);
    call_ok(&mut vm, "Object.defineProperty", &[o.clone(), s("hidden"), hidden]);
    let k = call_ok(&mut vm, "Object.keys", &[o.clone()]);
    assert_eq!(join(&mut vm, &k), "0,2,b,a");
    let v = call_ok(&mut vm, "Object.values", &[o.clone()]);
    assert_eq!(join(&mut vm, &v), "4,2,1,3");
    let e = call_ok(&mut vm, "Object.entries", &[o.clone()]);
    assert_eq!(join(&mut vm, &e), "0,4,2,2,b,1,a,3");
    let names = call_ok(&mut vm, "Object.getOwnPropertyNames", &[o.clone()]);
    assert_eq!(join(&mut vm, &names), "0,2,b,a,hidden");
    // Primitives are converted; a string's indices come first.
    let sk = call_ok(&mut vm, "Object.keys", &[s("hi")]);
    assert_eq!(join(&mut vm, &sk), "0,1");
    assert_eq!(throws(&mut vm, "Object.keys", Value::Undefined, &[Value::Null]),
        "TypeError: Cannot convert undefined or null to object");
}

#[test]
fn object_assign_create_and_define_properties() {
    let mut vm = Vm::new();
    let src = new_object_with(&mut vm, &[("a", n(1.0)), ("b", n(2.0))]);
    let target = new_object_with(&mut vm, &[("a", n(0.0))]);
    let r = call_ok(&mut vm, "Object.assign", &[target.clone(), Value::Null, src.clone()]);
    assert!(vm.same_value(&r, &target));
    let a = vm.get(obj(&target), &PropertyKey::from("a")).unwrap();
    assert_eq!(a.as_number(), Some(1.0));

    let x_desc = new_object_with(&mut vm, &[("value", n(5.0)), ("enumerable", Value::Bool(true))]);
    let props = new_object_with(&mut vm, &[("x", x_desc)]);
    let created = call_ok(&mut vm, "Object.create", &[Value::Null, props]);
    assert!(vm.get_prototype_of(obj(&created)).unwrap().is_none());
    assert_eq!(descriptor(&mut vm, &created, "x"), "value:5,writable:false,enumerable:true,configurable:false");
    assert_eq!(throws(&mut vm, "Object.create", Value::Undefined, &[n(1.0)]),
        "TypeError: Object prototype may only be an Object or null: 1");
}

#[test]
fn freeze_seal_and_their_tests() {
    let mut vm = Vm::new();
    let o = new_object_with(&mut vm, &[("a", n(1.0))]);
    assert!(matches!(call_ok(&mut vm, "Object.isFrozen", &[o.clone()]), Value::Bool(false)));
    call_ok(&mut vm, "Object.seal", &[o.clone()]);
    assert!(matches!(call_ok(&mut vm, "Object.isSealed", &[o.clone()]), Value::Bool(true)));
    assert!(matches!(call_ok(&mut vm, "Object.isFrozen", &[o.clone()]), Value::Bool(false)));
    assert_eq!(descriptor(&mut vm, &o, "a"), "value:1,writable:true,enumerable:true,configurable:false");
    call_ok(&mut vm, "Object.freeze", &[o.clone()]);
    assert!(matches!(call_ok(&mut vm, "Object.isFrozen", &[o.clone()]), Value::Bool(true)));
    assert_eq!(descriptor(&mut vm, &o, "a"), "value:1,writable:false,enumerable:true,configurable:false");
    // Frozen arrays keep their elements and refuse new ones.
    let arr = Value::Object(vm.create_array_from_list(vec![n(1.0), n(2.0)]));
    call_ok(&mut vm, "Object.freeze", &[arr.clone()]);
    assert_eq!(descriptor(&mut vm, &arr, "0"), "value:1,writable:false,enumerable:true,configurable:false");
    assert_eq!(descriptor(&mut vm, &arr, "length"), "value:2,writable:false,enumerable:false,configurable:false");
    assert!(!vm.set(obj(&arr), PropertyKey::Index(2), n(3.0), &arr).unwrap());
    // Primitives are returned as they are and count as frozen.
    assert!(matches!(call_ok(&mut vm, "Object.freeze", &[n(3.0)]), Value::Number(x) if x == 3.0));
    assert!(matches!(call_ok(&mut vm, "Object.isFrozen", &[n(3.0)]), Value::Bool(true)));
}

#[test]
fn prototypes_can_be_read_and_set_with_the_immutable_object_prototype() {
    let mut vm = Vm::new();
    let a = Value::Object(vm.new_object());
    let b = call_ok(&mut vm, "Object.create", &[a.clone()]);
    let got = call_ok(&mut vm, "Object.getPrototypeOf", &[b.clone()]);
    assert!(vm.same_value(&got, &a));
    assert_eq!(throws(&mut vm, "Object.setPrototypeOf", Value::Undefined, &[a.clone(), b.clone()]),
        "TypeError: Cyclic __proto__ value");
    assert_eq!(throws(&mut vm, "Object.setPrototypeOf", Value::Undefined, &[Value::Undefined, b.clone()]),
        "TypeError: Object.setPrototypeOf called on null or undefined");
    let op = path(&mut vm, "Object.prototype");
    assert_eq!(throws(&mut vm, "Object.setPrototypeOf", Value::Undefined, &[op.clone(), a.clone()]),
        "TypeError: Immutable prototype object 'Object.prototype' cannot have their prototype set");
    // Setting the same (null) prototype is allowed.
    call_ok(&mut vm, "Object.setPrototypeOf", &[op.clone(), Value::Null]);
    call_ok(&mut vm, "Object.preventExtensions", &[a.clone()]);
    assert_eq!(throws(&mut vm, "Object.setPrototypeOf", Value::Undefined, &[a.clone(), Value::Null]),
        "TypeError: #<Object> is not extensible");
    // __proto__ accessor.
    let get_proto = call_ok(&mut vm, "Object.getOwnPropertyDescriptor", &[op.clone(), s("__proto__")]);
    let getter = vm.get(obj(&get_proto), &PropertyKey::from("get")).unwrap();
    let name = vm.get(obj(&getter), &PropertyKey::from("name")).unwrap();
    assert_eq!(string(&mut vm, &name), "get __proto__");
    let p = vm.call(&getter, b.clone(), &[]).unwrap();
    assert!(vm.same_value(&p, &a));
    let p = vm.call(&getter, n(1.0), &[]).unwrap();
    assert_eq!(p.as_object(), Some(vm.intrinsic(modjs_vm::Intrinsic::NumberPrototype)));
}

#[test]
fn object_prototype_to_string_uses_builtin_tags_and_to_string_tag() {
    let mut vm = Vm::new();
    let cases: Vec<(Value, &str)> = vec![
        (Value::Undefined, "[object Undefined]"),
        (Value::Null, "[object Null]"),
        (n(1.0), "[object Number]"),
        (s("x"), "[object String]"),
        (Value::Bool(true), "[object Boolean]"),
        (Value::Object(vm.create_array_from_list(vec![])), "[object Array]"),
        (path(&mut vm, "Object"), "[object Function]"),
        (path(&mut vm, "Reflect"), "[object Reflect]"),
        (Value::Object(vm.new_object()), "[object Object]"),
    ];
    for (v, expected) in cases {
        let r = call(&mut vm, "Object.prototype.toString", v, &[]).unwrap();
        assert_eq!(string(&mut vm, &r), expected);
    }
    let tagged = vm.new_object();
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.create_data_property_or_throw(tagged, tag.clone(), s("Custom")).unwrap();
    let r = call(&mut vm, "Object.prototype.toString", Value::Object(tagged), &[]).unwrap();
    assert_eq!(string(&mut vm, &r), "[object Custom]");
    // A non-string tag is ignored.
    let arr = vm.create_array_from_list(vec![]);
    vm.create_data_property_or_throw(arr, tag, n(1.0)).unwrap();
    let r = call(&mut vm, "Object.prototype.toString", Value::Object(arr), &[]).unwrap();
    assert_eq!(string(&mut vm, &r), "[object Array]");
    // A proxy of an array is an array.
    let handler = Value::Object(vm.new_object());
    let arr2 = Value::Object(vm.create_array_from_list(vec![]));
    let p = new_proxy(&mut vm, arr2, handler).unwrap();
    let r = call(&mut vm, "Object.prototype.toString", p, &[]).unwrap();
    assert_eq!(string(&mut vm, &r), "[object Array]");
}

#[test]
fn object_prototype_methods_and_annex_b_accessors() {
    let mut vm = Vm::new();
    let o = new_object_with(&mut vm, &[("a", n(1.0))]);
    assert!(matches!(call(&mut vm, "Object.prototype.hasOwnProperty", o.clone(), &[s("a")]).unwrap(), Value::Bool(true)));
    assert!(matches!(call(&mut vm, "Object.prototype.hasOwnProperty", o.clone(), &[s("toString")]).unwrap(), Value::Bool(false)));
    assert!(matches!(call(&mut vm, "Object.prototype.propertyIsEnumerable", o.clone(), &[s("a")]).unwrap(), Value::Bool(true)));
    let op = path(&mut vm, "Object.prototype");
    assert!(matches!(call(&mut vm, "Object.prototype.isPrototypeOf", op.clone(), &[o.clone()]).unwrap(), Value::Bool(true)));
    assert!(matches!(call(&mut vm, "Object.prototype.isPrototypeOf", op.clone(), &[n(1.0)]).unwrap(), Value::Bool(false)));
    assert_eq!(throws(&mut vm, "Object.prototype.hasOwnProperty", Value::Null, &[s("a")]),
        "TypeError: Cannot convert undefined or null to object");
    assert_eq!(throws(&mut vm, "Object.prototype.toLocaleString", Value::Undefined, &[]),
        "TypeError: Object.prototype.toLocaleString called on null or undefined");
    let r = call(&mut vm, "Object.prototype.toLocaleString", o.clone(), &[]).unwrap();
    assert_eq!(string(&mut vm, &r), "[object Object]");

    let getter = path(&mut vm, "Object.keys");
    call(&mut vm, "Object.prototype.__defineGetter__", o.clone(), &[s("g"), getter.clone()]).unwrap();
    assert_eq!(descriptor(&mut vm, &o, "g"), "get:fn,set:undefined,enumerable:true,configurable:true");
    let child = call_ok(&mut vm, "Object.create", &[o.clone()]);
    let found = call(&mut vm, "Object.prototype.__lookupGetter__", child.clone(), &[s("g")]).unwrap();
    assert!(vm.same_value(&found, &getter));
    let none = call(&mut vm, "Object.prototype.__lookupSetter__", child, &[s("g")]).unwrap();
    assert!(none.is_undefined());
    assert_eq!(throws(&mut vm, "Object.prototype.__defineSetter__", o.clone(), &[s("g"), n(1.0)]),
        "TypeError: Object.prototype.__defineSetter__: Expecting function");
}

#[test]
fn object_constructor_converts_and_creates() {
    let mut vm = Vm::new();
    let r = call_ok(&mut vm, "Object", &[n(5.0)]);
    let r2 = call(&mut vm, "Object.prototype.toString", r.clone(), &[]).unwrap();
    assert_eq!(string(&mut vm, &r2), "[object Number]");
    let fresh = call_ok(&mut vm, "Object", &[Value::Null]);
    assert!(fresh.is_object());
    let o = Value::Object(vm.new_object());
    let same = call_ok(&mut vm, "Object", &[o.clone()]);
    assert!(vm.same_value(&same, &o));
    assert!(matches!(call_ok(&mut vm, "Object.is", &[n(f64::NAN), n(f64::NAN)]), Value::Bool(true)));
    assert!(matches!(call_ok(&mut vm, "Object.is", &[n(0.0), n(-0.0)]), Value::Bool(false)));
    assert!(matches!(call_ok(&mut vm, "Object.hasOwn", &[s("ab"), n(1.0)]), Value::Bool(true)));
}

#[test]
fn get_own_property_descriptors_and_symbols() {
    let mut vm = Vm::new();
    let o = new_object_with(&mut vm, &[("a", n(1.0))]);
    let sym = call_ok(&mut vm, "Symbol", &[s("tag")]);
    let key = vm.to_property_key(&sym).unwrap();
    vm.create_data_property_or_throw(obj(&o), key, n(2.0)).unwrap();
    let syms = call_ok(&mut vm, "Object.getOwnPropertySymbols", &[o.clone()]);
    let list = vm.create_list_from_array_like(&syms).unwrap();
    assert_eq!(list.len(), 1);
    assert!(vm.same_value(&list[0], &sym));
    let all = call_ok(&mut vm, "Object.getOwnPropertyDescriptors", &[o.clone()]);
    assert_eq!(keys(&mut vm, &all), ["a", "Symbol(tag)"]);
}

// ----- Function.prototype ---------------------------------------------------------------------

fn return_this_and_args(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut list = vec![args.this.clone()];
    list.extend(args.args.iter().cloned());
    Ok(Value::Object(vm.create_array_from_list(list)))
}

#[test]
fn call_apply_and_bind() {
    let mut vm = Vm::new();
    let f = Value::Object(vm.new_native_function("target", 3, return_this_and_args));
    let r = call(&mut vm, "Function.prototype.call", f.clone(), &[s("t"), n(1.0), n(2.0)]).unwrap();
    assert_eq!(join(&mut vm, &r), "t,1,2");
    let arr = Value::Object(vm.create_array_from_list(vec![n(3.0), n(4.0)]));
    let r = call(&mut vm, "Function.prototype.apply", f.clone(), &[s("u"), arr]).unwrap();
    assert_eq!(join(&mut vm, &r), "u,3,4");
    let r = call(&mut vm, "Function.prototype.apply", f.clone(), &[s("u"), Value::Null]).unwrap();
    assert_eq!(join(&mut vm, &r), "u");
    assert_eq!(throws(&mut vm, "Function.prototype.apply", n(1.0), &[]),
        "TypeError: Function.prototype.apply was called on 1, which is a number and not a function");

    let bound = call(&mut vm, "Function.prototype.bind", f.clone(), &[s("b"), n(1.0)]).unwrap();
    assert_eq!(descriptor(&mut vm, &bound, "name"), "value:bound target,writable:false,enumerable:false,configurable:true");
    assert_eq!(descriptor(&mut vm, &bound, "length"), "value:2,writable:false,enumerable:false,configurable:true");
    let r = vm.call(&bound, s("ignored"), &[n(9.0)]).unwrap();
    assert_eq!(join(&mut vm, &r), "b,1,9");
    // More bound arguments than parameters: length 0. Bound of bound: "bound bound target".
    let bound2 = call(&mut vm, "Function.prototype.bind", bound.clone(), &[Value::Undefined, n(1.0), n(2.0), n(3.0)]).unwrap();
    assert_eq!(descriptor(&mut vm, &bound2, "length"), "value:0,writable:false,enumerable:false,configurable:true");
    let name = vm.get(obj(&bound2), &PropertyKey::from("name")).unwrap();
    assert_eq!(string(&mut vm, &name), "bound bound target");
    assert_eq!(throws(&mut vm, "Function.prototype.bind", n(1.0), &[]), "TypeError: Bind must be called on a function");
}

#[test]
fn function_to_string_for_builtins_and_errors() {
    let mut vm = Vm::new();
    let f = path(&mut vm, "Object.keys");
    let r = call(&mut vm, "Function.prototype.toString", f.clone(), &[]).unwrap();
    assert_eq!(string(&mut vm, &r), "function keys() { [native code] }");
    let bound = call(&mut vm, "Function.prototype.bind", f, &[]).unwrap();
    let r = call(&mut vm, "Function.prototype.toString", bound, &[]).unwrap();
    assert_eq!(string(&mut vm, &r), "function () { [native code] }");
    let o = Value::Object(vm.new_object());
    assert_eq!(throws(&mut vm, "Function.prototype.toString", o, &[]),
        "TypeError: Function.prototype.toString requires that 'this' be a Function");
    let f = call_ok(&mut vm, "Function", &[s("a"), s("return a + 1")]);
    assert_eq!(vm.call(&f, Value::Undefined, &[n(41.0)]).unwrap().as_number(), Some(42.0));
    assert_eq!(throws(&mut vm, "Function", Value::Undefined, &[s("a) {"), s("}")]),
        "SyntaxError: Arg string terminates parameters early");
}

#[test]
fn instanceof_uses_has_instance_and_prototype_chains() {
    let mut vm = Vm::new();
    let object = path(&mut vm, "Object");
    let o = Value::Object(vm.new_object());
    assert!(vm.instanceof_operator(&o, &object).unwrap());
    assert!(!vm.instanceof_operator(&n(1.0), &object).unwrap());
    let bound = call(&mut vm, "Function.prototype.bind", object.clone(), &[]).unwrap();
    assert!(vm.instanceof_operator(&o, &bound).unwrap());
    let e = vm.instanceof_operator(&o, &n(1.0)).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Right-hand side of 'instanceof' is not an object");
    let plain = Value::Object(vm.new_object());
    let e = vm.instanceof_operator(&o, &plain).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Right-hand side of 'instanceof' is not callable");
    // A function whose prototype is not an object.
    let f = Value::Object(vm.new_native_function("f", 0, return_this_and_args));
    let e = vm.instanceof_operator(&o, &f).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Function has non-object prototype 'undefined' in instanceof check");
}

#[test]
fn throw_type_error_is_frozen_and_guards_function_prototype() {
    let mut vm = Vm::new();
    let fp = path(&mut vm, "Function.prototype");
    let d = call_ok(&mut vm, "Object.getOwnPropertyDescriptor", &[fp.clone(), s("caller")]);
    let getter = vm.get(obj(&d), &PropertyKey::from("get")).unwrap();
    let e = vm.call(&getter, Value::Undefined, &[]).unwrap_err();
    assert!(error_text(&mut vm, &e).starts_with("TypeError: 'caller', 'callee', and 'arguments' properties"));
    assert!(matches!(call_ok(&mut vm, "Object.isFrozen", &[getter]), Value::Bool(true)));
}

// ----- Symbol ---------------------------------------------------------------------------------

#[test]
fn symbols_registry_and_prototype() {
    let mut vm = Vm::new();
    let a = call_ok(&mut vm, "Symbol.for", &[s("k")]);
    let b = call_ok(&mut vm, "Symbol.for", &[s("k")]);
    assert!(vm.same_value(&a, &b));
    let key = call_ok(&mut vm, "Symbol.keyFor", &[a.clone()]);
    assert_eq!(string(&mut vm, &key), "k");
    let local = call_ok(&mut vm, "Symbol", &[s("d")]);
    assert!(call_ok(&mut vm, "Symbol.keyFor", &[local.clone()]).is_undefined());
    assert_eq!(throws(&mut vm, "Symbol.keyFor", Value::Undefined, &[s("x")]), "TypeError: x is not a symbol");
    let text = call(&mut vm, "Symbol.prototype.toString", local.clone(), &[]).unwrap();
    assert_eq!(string(&mut vm, &text), "Symbol(d)");
    let sp = path(&mut vm, "Symbol.prototype");
    let d = call_ok(&mut vm, "Object.getOwnPropertyDescriptor", &[sp.clone(), s("description")]);
    let getter = vm.get(obj(&d), &PropertyKey::from("get")).unwrap();
    let desc = vm.call(&getter, local.clone(), &[]).unwrap();
    assert_eq!(string(&mut vm, &desc), "d");
    let none = call_ok(&mut vm, "Symbol", &[]);
    assert!(vm.call(&getter, none, &[]).unwrap().is_undefined());
    let e = vm.call(&getter, n(1.0), &[]).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Symbol.prototype.description requires that 'this' be a Symbol");
    let ctor = obj(&path(&mut vm, "Symbol"));
    let e = vm.construct(ctor, &[], None).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Symbol is not a constructor");
    // A Symbol wrapper object unwraps.
    let wrapper = Value::Object(vm.to_object(&local).unwrap());
    let v = call(&mut vm, "Symbol.prototype.valueOf", wrapper, &[]).unwrap();
    assert!(vm.same_value(&v, &local));
    let tag = call(&mut vm, "Object.prototype.toString", local, &[]).unwrap();
    assert_eq!(string(&mut vm, &tag), "[object Symbol]");
}

// ----- Reflect --------------------------------------------------------------------------------

#[test]
fn reflect_functions_mirror_internal_methods() {
    let mut vm = Vm::new();
    let o = new_object_with(&mut vm, &[("a", n(1.0))]);
    assert_eq!(throws(&mut vm, "Reflect.get", Value::Undefined, &[n(1.0), s("x")]), "TypeError: Reflect.get called on non-object");
    assert!(matches!(call_ok(&mut vm, "Reflect.has", &[o.clone(), s("a")]), Value::Bool(true)));
    assert!(matches!(call_ok(&mut vm, "Reflect.has", &[o.clone(), s("toString")]), Value::Bool(true)));
    assert!(matches!(call_ok(&mut vm, "Reflect.set", &[o.clone(), s("b"), n(2.0)]), Value::Bool(true)));
    assert!(matches!(call_ok(&mut vm, "Reflect.deleteProperty", &[o.clone(), s("a")]), Value::Bool(true)));
    assert_eq!(keys(&mut vm, &o), ["b"]);
    let frozen = call_ok(&mut vm, "Object.freeze", &[o.clone()]);
    assert!(matches!(call_ok(&mut vm, "Reflect.set", &[frozen.clone(), s("b"), n(3.0)]), Value::Bool(false)));
    assert!(matches!(call_ok(&mut vm, "Reflect.defineProperty", &[frozen.clone(), s("c"), o.clone()]), Value::Bool(false)));
    assert!(matches!(call_ok(&mut vm, "Reflect.isExtensible", &[frozen.clone()]), Value::Bool(false)));
    // Reflect.set with a receiver defines on the receiver.
    let target = Value::Object(vm.new_object());
    let receiver = Value::Object(vm.new_object());
    call_ok(&mut vm, "Reflect.set", &[target.clone(), s("x"), n(1.0), receiver.clone()]);
    assert_eq!(keys(&mut vm, &target).len(), 0);
    assert_eq!(keys(&mut vm, &receiver), ["x"]);
    // apply and construct.
    let f = Value::Object(vm.new_native_function("f", 0, return_this_and_args));
    let args = Value::Object(vm.create_array_from_list(vec![n(1.0)]));
    let r = call_ok(&mut vm, "Reflect.apply", &[f.clone(), s("t"), args.clone()]);
    assert_eq!(join(&mut vm, &r), "t,1");
    assert_eq!(throws(&mut vm, "Reflect.construct", Value::Undefined, &[f.clone(), args.clone()]), "TypeError: [object Function] is not a constructor".replace("[object Function]", &vm.describe_value_plain(&f)));
    let object = path(&mut vm, "Object");
    let made = call_ok(&mut vm, "Reflect.construct", &[object, args]);
    let text = call(&mut vm, "Object.prototype.toString", made, &[]).unwrap();
    assert_eq!(string(&mut vm, &text), "[object Number]");
    assert_eq!(throws(&mut vm, "Reflect.setPrototypeOf", Value::Undefined, &[o.clone(), n(1.0)]),
        "TypeError: Object prototype may only be an Object or null: 1");
}

// ----- Proxy ----------------------------------------------------------------------------------

/// A `get` trap answering `"trapped:" + key`.
fn get_trap(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let k = vm.to_string(&args.get(1))?;
    Ok(Value::String(JsString::concat(&JsString::from("trapped:"), &k)))
}

fn false_trap(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(false))
}

fn true_trap(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(true))
}

fn keys_trap(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Object(vm.create_array_from_list(vec![s("z"), s("a")])))
}

fn duplicate_keys_trap(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Object(vm.create_array_from_list(vec![s("a"), s("a")])))
}

fn two_trap(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(n(2.0))
}

fn handler_with(vm: &mut Vm, traps: &[(&str, modjs_vm::NativeFn)]) -> Value {
    let h = vm.new_object();
    for (name, f) in traps {
        let func = vm.new_native_function(name, 0, *f);
        vm.create_data_property_or_throw(h, PropertyKey::from(*name), Value::Object(func)).unwrap();
    }
    Value::Object(h)
}

fn new_proxy(vm: &mut Vm, target: Value, handler: Value) -> JsResult<Value> {
    let ctor = obj(&path(vm, "Proxy"));
    vm.construct(ctor, &[target, handler], None)
}

#[test]
fn proxies_forward_to_traps_and_targets() {
    let mut vm = Vm::new();
    let target = new_object_with(&mut vm, &[("a", n(1.0))]);
    let empty = Value::Object(vm.new_object());
    let transparent = new_proxy(&mut vm, target.clone(), empty).unwrap();
    assert_eq!(vm.get_v(&transparent, &PropertyKey::from("a")).unwrap().as_number(), Some(1.0));
    vm.put(obj(&transparent), PropertyKey::from("b"), n(2.0), true).unwrap();
    assert_eq!(keys(&mut vm, &target), ["a", "b"]);
    assert_eq!(keys(&mut vm, &transparent), ["a", "b"]);

    let handler = handler_with(&mut vm, &[("get", get_trap), ("ownKeys", keys_trap)]);
    let p = new_proxy(&mut vm, target.clone(), handler).unwrap();
    let v = vm.get_v(&p, &PropertyKey::from("q")).unwrap();
    assert_eq!(string(&mut vm, &v), "trapped:q");
    assert_eq!(keys(&mut vm, &p), ["z", "a"]);
    // Inherited lookups reach the proxy's trap with the original receiver.
    let child = call_ok(&mut vm, "Object.create", &[p.clone()]);
    let v = vm.get_v(&child, &PropertyKey::from("r")).unwrap();
    assert_eq!(string(&mut vm, &v), "trapped:r");
    assert_eq!(throws(&mut vm, "Proxy", Value::Undefined, &[target.clone(), target.clone()]),
        "TypeError: Constructor Proxy requires 'new'");
    let e = new_proxy(&mut vm, n(1.0), target.clone()).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Cannot create proxy with a non-object as target or handler");
}

#[test]
fn proxy_invariants_are_enforced() {
    let mut vm = Vm::new();
    // A non-writable, non-configurable target property must be reported as it is.
    let target = Value::Object(vm.new_object());
    let d = new_object_with(&mut vm, &[("value", n(1.0))]);
    call_ok(&mut vm, "Object.defineProperty", &[target.clone(), s("x"), d]);
    let handler = handler_with(&mut vm, &[("get", two_trap), ("has", false_trap), ("deleteProperty", true_trap)]);
    let p = new_proxy(&mut vm, target.clone(), handler).unwrap();
    let e = vm.get_v(&p, &PropertyKey::from("x")).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: 'get' on proxy: property 'x' is a read-only and non-configurable data property on the proxy target but the proxy did not return its actual value (expected '1' but got '2')");
    let e = vm.has_property(obj(&p), &PropertyKey::from("x")).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: 'has' on proxy: trap returned falsish for property 'x' which exists in the proxy target as non-configurable");
    let e = vm.delete_property(obj(&p), &PropertyKey::from("x")).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: 'deleteProperty' on proxy: trap returned truish for property 'x' which is non-configurable in the proxy target");
    // ownKeys must include the non-configurable key and have no duplicates.
    let handler = handler_with(&mut vm, &[("ownKeys", keys_trap)]);
    let p = new_proxy(&mut vm, target.clone(), handler).unwrap();
    assert_eq!(throws(&mut vm, "Reflect.ownKeys", Value::Undefined, &[p]), "TypeError: 'ownKeys' on proxy: trap result did not include 'x'");
    let handler = handler_with(&mut vm, &[("ownKeys", duplicate_keys_trap)]);
    let plain = Value::Object(vm.new_object());
    let p = new_proxy(&mut vm, plain.clone(), handler).unwrap();
    assert_eq!(throws(&mut vm, "Object.keys", Value::Undefined, &[p]), "TypeError: 'ownKeys' on proxy: trap returned duplicate entries");
    // preventExtensions answering true while the target stays extensible.
    let handler = handler_with(&mut vm, &[("preventExtensions", true_trap)]);
    let p = new_proxy(&mut vm, plain.clone(), handler).unwrap();
    assert_eq!(throws(&mut vm, "Object.preventExtensions", Value::Undefined, &[p]),
        "TypeError: 'preventExtensions' on proxy: trap returned truish but the proxy target is extensible");
    let handler = handler_with(&mut vm, &[("preventExtensions", false_trap)]);
    let p = new_proxy(&mut vm, plain.clone(), handler).unwrap();
    assert_eq!(throws(&mut vm, "Object.freeze", Value::Undefined, &[p.clone()]), "TypeError: 'preventExtensions' on proxy: trap returned falsish");
    assert!(matches!(call_ok(&mut vm, "Reflect.preventExtensions", &[p]), Value::Bool(false)));
    // defineProperty answering false.
    let handler = handler_with(&mut vm, &[("defineProperty", false_trap)]);
    let p = new_proxy(&mut vm, plain.clone(), handler).unwrap();
    let d = new_object_with(&mut vm, &[("value", n(1.0))]);
    assert_eq!(throws(&mut vm, "Object.defineProperty", Value::Undefined, &[p.clone(), s("k"), d.clone()]),
        "TypeError: 'defineProperty' on proxy: trap returned falsish for property 'k'");
    assert!(matches!(call_ok(&mut vm, "Reflect.defineProperty", &[p, s("k"), d]), Value::Bool(false)));
    // A non-callable trap.
    let handler = new_object_with(&mut vm, &[("get", n(1.0))]);
    let p = new_proxy(&mut vm, plain, handler).unwrap();
    let e = vm.get_v(&p, &PropertyKey::from("x")).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: '1' returned for property 'get' of object '#<Object>' is not a function");
}

#[test]
fn revoked_proxies_throw_and_callable_proxies_call() {
    let mut vm = Vm::new();
    let target = Value::Object(vm.new_native_function("f", 0, return_this_and_args));
    let empty = Value::Object(vm.new_object());
    let r = call_ok(&mut vm, "Proxy.revocable", &[target.clone(), empty]);
    let p = vm.get(obj(&r), &PropertyKey::from("proxy")).unwrap();
    assert_eq!(vm.typeof_value(&p), "function");
    let out = vm.call(&p, s("t"), &[n(1.0)]).unwrap();
    assert_eq!(join(&mut vm, &out), "t,1");
    assert!(!vm.is_constructor(&p));
    let revoke = vm.get(obj(&r), &PropertyKey::from("revoke")).unwrap();
    assert_eq!(descriptor(&mut vm, &revoke, "name"), "value:,writable:false,enumerable:false,configurable:true");
    vm.call(&revoke, Value::Undefined, &[]).unwrap();
    vm.call(&revoke, Value::Undefined, &[]).unwrap();
    let e = vm.get_v(&p, &PropertyKey::from("x")).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Cannot perform 'get' on a proxy that has been revoked");
    let e = vm.call(&p, Value::Undefined, &[]).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Cannot perform 'apply' on a proxy that has been revoked");
    // Still a function after revocation.
    assert_eq!(vm.typeof_value(&p), "function");
    let arr = Value::Object(vm.create_array_from_list(vec![]));
    let empty = Value::Object(vm.new_object());
    let r = call_ok(&mut vm, "Proxy.revocable", &[arr, empty]);
    let p = vm.get(obj(&r), &PropertyKey::from("proxy")).unwrap();
    let revoke = vm.get(obj(&r), &PropertyKey::from("revoke")).unwrap();
    vm.call(&revoke, Value::Undefined, &[]).unwrap();
    let e = vm.is_array(&p).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "TypeError: Cannot perform 'IsArray' on a proxy that has been revoked");
}

#[test]
fn long_proxy_chains_throw_range_errors_instead_of_overflowing() {
    // A main thread's usual 8 MiB stack (test threads get 2 MiB).
    let t = std::thread::Builder::new().stack_size(8 << 20).spawn(long_proxy_chain).unwrap();
    t.join().unwrap();
}

fn long_proxy_chain() {
    let mut vm = Vm::new();
    let mut p = Value::Object(vm.new_object());
    for _ in 0..5000 {
        let h = Value::Object(vm.new_object());
        p = new_proxy(&mut vm, p, h).unwrap();
    }
    let e = vm.get_v(&p, &PropertyKey::from("x")).unwrap_err();
    assert_eq!(error_text(&mut vm, &e), "RangeError: Maximum call stack size exceeded");
}

#[test]
fn object_from_entries_reads_pairs_and_closes_on_bad_entries() {
    let mut vm = Vm::new();
    let a = Value::Object(vm.create_array_from_list(vec![s("x"), n(1.0)]));
    let b = Value::Object(vm.create_array_from_list(vec![s("y"), n(2.0)]));
    let list = Value::Object(vm.create_array_from_list(vec![a, b]));
    // Needs %Array.prototype%[@@iterator]; skip quietly until the arrays helper installs it.
    let iter_key = PropertyKey::Symbol(vm.symbols.iterator.clone());
    if vm.get_v(&list, &iter_key).unwrap().is_undefined() {
        assert_eq!(throws(&mut vm, "Object.fromEntries", Value::Undefined, &[list]),
            "TypeError: object is not iterable (cannot read property Symbol(Symbol.iterator))");
        return;
    }
    let o = call_ok(&mut vm, "Object.fromEntries", &[list]);
    assert_eq!(keys(&mut vm, &o), ["x", "y"]);
    assert_eq!(throws(&mut vm, "Object.fromEntries", Value::Undefined, &[Value::Undefined]), "TypeError: undefined is not iterable");
}

#[test]
fn objects_in_messages_are_named_after_their_constructor_as_v8_does() {
    let mut vm = Vm::new();
    let ctor = Value::Object(vm.new_native_constructor("Foo", 0, return_this_and_args));
    let proto = new_object_with(&mut vm, &[("constructor", ctor)]);
    let instance = call_ok(&mut vm, "Object.create", &[proto]);
    call_ok(&mut vm, "Object.preventExtensions", &[instance.clone()]);
    let empty = Value::Object(vm.new_object());
    assert_eq!(throws(&mut vm, "Object.setPrototypeOf", Value::Undefined, &[instance, empty.clone()]),
        "TypeError: #<Foo> is not extensible");
    let bare = call_ok(&mut vm, "Object.create", &[Value::Null]);
    call_ok(&mut vm, "Object.preventExtensions", &[bare.clone()]);
    assert_eq!(throws(&mut vm, "Object.setPrototypeOf", Value::Undefined, &[bare, empty]),
        "TypeError: [object Object] is not extensible");
}
