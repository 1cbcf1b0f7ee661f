//! Number, Boolean, Math, JSON and the global functions, called from Rust (before the
//! interpreter exists). Expected values and messages are what Node v20 gives.

use modjs_vm::{Intrinsic, JsString, ObjRef, PropertyKey, Value, Vm};

fn global(vm: &mut Vm, name: &str) -> Value {
    let g = vm.global();
    vm.get(g, &PropertyKey::from(name)).expect("global lookup")
}

fn member(vm: &mut Vm, object: &Value, name: &str) -> Value {
    vm.get_v(object, &PropertyKey::from(name)).expect("member lookup")
}

fn s(text: &str) -> Value {
    Value::String(JsString::from(text))
}

fn n(x: f64) -> Value {
    Value::Number(x)
}

/// Calls `path` (like "Math.max" or "parseInt") with `this` undefined... or for a method
/// `this.method(args)`.
fn call_path(vm: &mut Vm, path: &str, args: &[Value]) -> Result<Value, String> {
    let mut parts = path.split('.');
    let first = parts.next().unwrap_or_default();
    let mut this = Value::Undefined;
    let mut f = global(vm, first);
    for part in parts {
        this = f.clone();
        f = member(vm, &this, part);
    }
    vm.call(&f, this, args).map_err(|e| error_text(vm, &e))
}

fn call_method(vm: &mut Vm, this: Value, name: &str, args: &[Value]) -> Result<Value, String> {
    let f = member(vm, &this, name);
    vm.call(&f, this, args).map_err(|e| error_text(vm, &e))
}

/// `Name: message` of a thrown error (the name from its prototype, so this does not depend on
/// the Error built-ins).
fn error_text(vm: &mut Vm, error: &Value) -> String {
    let kinds = [
        (Intrinsic::TypeErrorPrototype, "TypeError"),
        (Intrinsic::RangeErrorPrototype, "RangeError"),
        (Intrinsic::SyntaxErrorPrototype, "SyntaxError"),
        (Intrinsic::URIErrorPrototype, "URIError"),
    ];
    let proto = error.as_object().and_then(|o| vm.heap.get(o).proto);
    let name = kinds.iter().find(|(k, _)| Some(vm.intrinsic(*k)) == proto).map_or("?", |(_, name)| name);
    let message = member(vm, error, "message");
    let message = vm.to_string(&message).map(|s| s.to_rust_lossy()).unwrap_or_default();
    format!("{name}: {message}")
}

fn text(vm: &mut Vm, v: Result<Value, String>) -> String {
    match v {
        Ok(Value::String(s)) => s.to_rust_lossy(),
        Ok(Value::Undefined) => "undefined".into(),
        Ok(other) => vm.to_string(&other).map(|s| s.to_rust_lossy()).unwrap_or_default(),
        Err(e) => format!("throws {e}"),
    }
}

fn num(v: Result<Value, String>) -> f64 {
    match v {
        Ok(Value::Number(x)) => x,
        other => panic!("expected a number, got {:?}", other.map(|v| v.as_number())),
    }
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn number_prototype_methods_and_their_errors() {
    let mut vm = Vm::new();
    let cases: Vec<(Value, &str, Vec<Value>, &str)> = vec![
        (n(1.005), "toFixed", vec![n(2.0)], "1.00"),
        (n(1e21), "toFixed", vec![n(2.0)], "1e+21"),
        (n(255.0), "toString", vec![n(16.0)], "ff"),
        (n(255.0), "toString", vec![n(16.9)], "ff"),
        (n(25.0), "toString", vec![Value::Undefined], "25"),
        (n(123.456), "toExponential", vec![], "1.23456e+2"),
        (n(123.456), "toExponential", vec![n(2.0)], "1.23e+2"),
        (n(f64::NAN), "toExponential", vec![n(f64::INFINITY)], "NaN"),
        (n(123456.0), "toPrecision", vec![n(2.0)], "1.2e+5"),
        (n(f64::NAN), "toPrecision", vec![n(1000.0)], "NaN"),
        (n(1.5), "toPrecision", vec![], "1.5"),
        (n(1234567.891), "toLocaleString", vec![], "1,234,567.891"),
        (n(1.0), "toString", vec![n(1.0)], "throws RangeError: toString() radix argument must be between 2 and 36"),
        (n(1.0), "toFixed", vec![n(101.0)], "throws RangeError: toFixed() digits argument must be between 0 and 100"),
        (n(f64::NAN), "toFixed", vec![n(-1.0)], "throws RangeError: toFixed() digits argument must be between 0 and 100"),
        (n(1.0), "toExponential", vec![n(-1.0)], "throws RangeError: toExponential() argument must be between 0 and 100"),
        (n(1.0), "toPrecision", vec![n(0.0)], "throws RangeError: toPrecision() argument must be between 1 and 100"),
    ];
    for (this, method, args, expected) in cases {
        let got = call_method(&mut vm, this, method, &args);
        assert_eq!(text(&mut vm, got), expected, "{method}");
    }
    // Called on something that is not a Number.
    let proto = global(&mut vm, "Number");
    let proto = member(&mut vm, &proto, "prototype");
    let to_string = member(&mut vm, &proto, "toString");
    let r = vm.call(&to_string, s("x"), &[]).map_err(|e| error_text(&mut vm, &e));
    assert_eq!(r.err().as_deref(), Some("TypeError: Number.prototype.toString requires that 'this' be a Number"));
    // Number.prototype is itself a Number (+0).
    let got = call_method(&mut vm, proto, "valueOf", &[]);
    assert!(same(num(got), 0.0));
}

#[test]
fn number_constructor_and_statics() {
    let mut vm = Vm::new();
    assert!(same(num(call_path(&mut vm, "Number", &[s(" 0x1F ")])), 31.0));
    assert!(same(num(call_path(&mut vm, "Number", &[])), 0.0));
    assert!(num(call_path(&mut vm, "Number", &[s("1_000")])).is_nan());
    let number = global(&mut vm, "Number");
    let Value::Object(ctor) = number.clone() else { panic!("Number is an object") };
    let wrapped = vm.construct(ctor, &[s("42")], None).expect("new Number");
    let got = call_method(&mut vm, wrapped, "toFixed", &[n(1.0)]);
    assert_eq!(text(&mut vm, got), "42.0");
    let checks: [(&str, Value, bool); 8] = [
        ("isInteger", n(5.0), true),
        ("isInteger", n(5.5), false),
        ("isInteger", s("5"), false),
        ("isSafeInteger", n(9007199254740992.0), false),
        ("isSafeInteger", n(9007199254740991.0), true),
        ("isNaN", s("abc"), false),
        ("isFinite", n(f64::INFINITY), false),
        ("isFinite", n(1.0), true),
    ];
    for (name, arg, expected) in checks {
        let f = member(&mut vm, &number, name);
        assert!(matches!(vm.call(&f, number.clone(), &[arg]), Ok(Value::Bool(b)) if b == expected), "Number.{name}");
    }
    assert!(same(member(&mut vm, &number, "EPSILON").as_number().unwrap_or(0.0), f64::EPSILON));
    assert!(same(member(&mut vm, &number, "MIN_VALUE").as_number().unwrap_or(0.0), 5e-324));
    let parse_int = global(&mut vm, "parseInt");
    let number_parse_int = member(&mut vm, &number, "parseInt");
    assert!(vm.same_value(&parse_int, &number_parse_int), "Number.parseInt === parseInt");
    // V8's own-property order.
    let keys: Vec<String> = vm.own_property_keys(ctor).unwrap_or_default().iter().map(|k| k.display()).collect();
    assert_eq!(
        keys.join(","),
        "length,name,prototype,isFinite,isInteger,isNaN,isSafeInteger,parseFloat,parseInt,MAX_VALUE,MIN_VALUE,NaN,NEGATIVE_INFINITY,POSITIVE_INFINITY,MAX_SAFE_INTEGER,MIN_SAFE_INTEGER,EPSILON"
    );
}

#[test]
fn boolean_constructor_and_prototype() {
    let mut vm = Vm::new();
    assert!(matches!(call_path(&mut vm, "Boolean", &[s("")]), Ok(Value::Bool(false))));
    assert!(matches!(call_path(&mut vm, "Boolean", &[n(f64::NAN)]), Ok(Value::Bool(false))));
    assert!(matches!(call_path(&mut vm, "Boolean", &[s("0")]), Ok(Value::Bool(true))));
    let Value::Object(ctor) = global(&mut vm, "Boolean") else { panic!("Boolean is an object") };
    let wrapped = vm.construct(ctor, &[n(0.0)], None).expect("new Boolean");
    let got = call_method(&mut vm, wrapped.clone(), "toString", &[]);
    assert_eq!(text(&mut vm, got), "false");
    assert!(vm.to_boolean(&wrapped), "a Boolean object is truthy");
    let proto = member(&mut vm, &Value::Object(ctor), "prototype");
    let value_of = member(&mut vm, &proto, "valueOf");
    let r = vm.call(&value_of, s("true"), &[]).map_err(|e| error_text(&mut vm, &e));
    assert_eq!(r.err().as_deref(), Some("TypeError: Boolean.prototype.valueOf requires that 'this' be a Boolean"));
}

#[test]
fn global_functions() {
    let mut vm = Vm::new();
    assert!(same(num(call_path(&mut vm, "parseInt", &[s("  -0x1A"), Value::Undefined])), -26.0));
    assert!(same(num(call_path(&mut vm, "parseInt", &[s("11"), n(2.0)])), 3.0));
    assert!(same(num(call_path(&mut vm, "parseInt", &[s("-0")])), -0.0));
    assert!(same(num(call_path(&mut vm, "parseFloat", &[s("3.25e1x")])), 32.5));
    assert!(same(num(call_path(&mut vm, "parseFloat", &[n(-0.0)])), 0.0), "ToString(-0) is \"0\"");
    assert!(matches!(call_path(&mut vm, "isNaN", &[s("abc")]), Ok(Value::Bool(true))));
    assert!(matches!(call_path(&mut vm, "isFinite", &[s("12")]), Ok(Value::Bool(true))));
    let got = call_path(&mut vm, "encodeURIComponent", &[s("a b&ü")]);
    assert_eq!(text(&mut vm, got), "a%20b%26%C3%BC");
    let got = call_path(&mut vm, "decodeURI", &[s("%41%2F")]);
    assert_eq!(text(&mut vm, got), "A%2F");
    let got = call_path(&mut vm, "decodeURIComponent", &[s("%C0%80")]);
    assert_eq!(text(&mut vm, got), "throws URIError: URI malformed");
    let got = call_path(&mut vm, "escape", &[s("ü@")]);
    assert_eq!(text(&mut vm, got), "%FC@");
}

#[test]
fn math_functions() {
    let mut vm = Vm::new();
    let cases: Vec<(&str, Vec<Value>, f64)> = vec![
        ("Math.max", vec![], f64::NEG_INFINITY),
        ("Math.max", vec![n(-0.0), n(0.0)], 0.0),
        ("Math.min", vec![n(0.0), n(-0.0)], -0.0),
        ("Math.max", vec![n(1.0), s("x"), n(3.0)], f64::NAN),
        ("Math.round", vec![n(-0.5)], -0.0),
        ("Math.round", vec![n(2.5)], 3.0),
        ("Math.round", vec![n(-2.5)], -2.0),
        ("Math.round", vec![n(0.49999999999999994)], 0.0),
        ("Math.round", vec![n(4503599627370495.5)], 4503599627370496.0),
        ("Math.sign", vec![n(-3.0)], -1.0),
        ("Math.sign", vec![n(-0.0)], -0.0),
        ("Math.fround", vec![n(5.5)], 5.5),
        ("Math.fround", vec![n(5.05)], 5.050000190734863),
        ("Math.imul", vec![n(0xffffffffu32 as f64), n(5.0)], -5.0),
        ("Math.clz32", vec![n(1.0)], 31.0),
        ("Math.clz32", vec![n(-1.0)], 0.0),
        ("Math.hypot", vec![n(3.0), n(4.0)], 5.0),
        ("Math.hypot", vec![n(f64::NAN), n(f64::NEG_INFINITY)], f64::INFINITY),
        ("Math.hypot", vec![], 0.0),
        ("Math.hypot", vec![n(1e200), n(1e200)], 1.414213562373095e200),
        ("Math.hypot", vec![n(3.0), n(4.0), n(5.0)], 7.0710678118654755),
        ("Math.hypot", vec![n(0.1), n(0.2), n(0.3)], 0.37416573867739417),
        ("Math.pow", vec![n(1.0), n(f64::INFINITY)], f64::NAN),
        ("Math.pow", vec![n(f64::NAN), n(0.0)], 1.0),
        ("Math.pow", vec![n(2.0), n(10.0)], 1024.0),
        ("Math.trunc", vec![n(-4.7)], -4.0),
        ("Math.ceil", vec![n(-0.5)], -0.0),
        ("Math.abs", vec![s("-2")], 2.0),
        ("Math.sqrt", vec![n(-1.0)], f64::NAN),
        ("Math.atan2", vec![n(1.0), n(1.0)], std::f64::consts::FRAC_PI_4),
        // Last digits where the platform's libm and V8's fdlibm disagree (node's values).
        ("Math.exp", vec![n(29.202938079833984)], 4815871202131.48),
        ("Math.tan", vec![n(29.202938079833984)], 1.336975746773801),
        ("Math.atan2", vec![n(9.947462677955627), n(-6.132907271385193)], 2.123281519233208),
        ("Math.pow", vec![n(2.362373471260071), n(-5.922026634216309)], 0.006152050640092065),
    ];
    for (path, args, expected) in cases {
        let got = num(call_path(&mut vm, path, &args));
        assert!(same(got, expected), "{path}: got {got:e}, expected {expected:e}");
    }
    let math = global(&mut vm, "Math");
    let pi = member(&mut vm, &math, "PI");
    assert!(same(pi.as_number().unwrap_or(0.0), std::f64::consts::PI));
    // Math.random: in [0, 1), not constant, and the same sequence in every new VM.
    let first: Vec<f64> = (0..5).map(|_| num(call_path(&mut vm, "Math.random", &[]))).collect();
    assert!(first.iter().all(|x| (0.0..1.0).contains(x)));
    assert!(first.windows(2).any(|w| w[0] != w[1]));
    let mut other = Vm::new();
    let again: Vec<f64> = (0..5).map(|_| num(call_path(&mut other, "Math.random", &[]))).collect();
    assert_eq!(first, again);
    let Value::Object(math) = math else { panic!("Math is an object") };
    let keys: Vec<String> = vm.own_property_keys(math).unwrap_or_default().iter().map(|k| k.display()).collect();
    assert_eq!(
        keys.join(","),
        "abs,acos,acosh,asin,asinh,atan,atanh,atan2,ceil,cbrt,expm1,clz32,cos,cosh,exp,floor,fround,hypot,imul,log,log1p,log2,log10,max,min,pow,random,round,sign,sin,sinh,sqrt,tan,tanh,trunc,E,LN10,LN2,LOG10E,LOG2E,PI,SQRT1_2,SQRT2,Symbol(Symbol.toStringTag)"
    );
}

fn json_parse(vm: &mut Vm, source: &str) -> Result<Value, String> {
    call_path(vm, "JSON.parse", &[s(source)])
}

fn stringify(vm: &mut Vm, args: &[Value]) -> String {
    let got = call_path(vm, "JSON.stringify", args);
    text(vm, got)
}

#[test]
fn json_round_trips_and_formats() {
    let mut vm = Vm::new();
    let source = r#"{"b":[1,-0.0,1e400,"x\u0000y",true,null,{}],"a":{"2":1,"1":2},"b2":"\ud800"}"#;
    let parsed = json_parse(&mut vm, source).expect("valid JSON");
    // node: JSON.stringify(JSON.parse(source))
    assert_eq!(
        stringify(&mut vm, std::slice::from_ref(&parsed)),
        r#"{"b":[1,0,null,"x\u0000y",true,null,{}],"a":{"1":2,"2":1},"b2":"\ud800"}"#
    );
    // node: JSON.stringify(JSON.parse(source), null, 2)
    assert_eq!(
        stringify(&mut vm, &[parsed.clone(), Value::Null, n(2.0)]),
        "{\n  \"b\": [\n    1,\n    0,\n    null,\n    \"x\\u0000y\",\n    true,\n    null,\n    {}\n  ],\n  \"a\": {\n    \"1\": 2,\n    \"2\": 1\n  },\n  \"b2\": \"\\ud800\"\n}"
    );
    // node: JSON.stringify(JSON.parse(source), ["a", 1, "b2"], "--")
    let list = Value::Object(vm.create_array_from_list(vec![s("a"), n(1.0), s("b2")]));
    assert_eq!(
        stringify(&mut vm, &[parsed, list, s("--")]),
        "{\n--\"a\": {\n----\"1\": 2\n--},\n--\"b2\": \"\\ud800\"\n}"
    );
    assert_eq!(stringify(&mut vm, &[Value::Undefined]), "undefined");
    assert_eq!(stringify(&mut vm, &[s("a\"b")]), "\"a\\\"b\"");
    assert_eq!(stringify(&mut vm, &[n(f64::NAN)]), "null");
    let empty = Value::Object(vm.create_array_from_list(vec![]));
    assert_eq!(stringify(&mut vm, &[empty, Value::Null, n(4.0)]), "[]");
}

#[test]
fn json_parse_errors_are_v8s() {
    let mut vm = Vm::new();
    let cases = [
        ("{\"a\":1,}", "SyntaxError: Expected double-quoted property name in JSON at position 7"),
        ("", "SyntaxError: Unexpected end of JSON input"),
        ("[1,]", "SyntaxError: Unexpected token ']', \"[1,]\" is not valid JSON"),
        ("undefined", "SyntaxError: \"undefined\" is not valid JSON"),
    ];
    for (source, expected) in cases {
        assert_eq!(json_parse(&mut vm, source).err().as_deref(), Some(expected), "{source:?}");
    }
    // JSON.parse(undefined) parses the string "undefined".
    let r = call_path(&mut vm, "JSON.parse", &[]);
    assert_eq!(r.err().as_deref(), Some("SyntaxError: \"undefined\" is not valid JSON"));
}

#[test]
fn json_cycles_and_depth() {
    let mut vm = Vm::new();
    // const o = {a: {b: [1, {}]}}; o.a.b[1].c = o;
    let o = vm.new_object();
    let a = vm.new_object();
    let inner = vm.new_object();
    let b = vm.create_array_from_list(vec![n(1.0), Value::Object(inner)]);
    vm.create_data_property_or_throw(o, PropertyKey::from("a"), Value::Object(a)).expect("define");
    vm.create_data_property_or_throw(a, PropertyKey::from("b"), Value::Object(b)).expect("define");
    vm.create_data_property_or_throw(inner, PropertyKey::from("c"), Value::Object(o)).expect("define");
    assert_eq!(
        stringify(&mut vm, &[Value::Object(o)]),
        "throws TypeError: Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    |     property 'a' -> object with constructor 'Object'\n    |     property 'b' -> object with constructor 'Array'\n    |     index 1 -> object with constructor 'Object'\n    --- property 'c' closes the circle"
    );
    // The same object twice (not a cycle) is fine.
    let shared = vm.new_object();
    let twice = vm.create_array_from_list(vec![Value::Object(shared), Value::Object(shared)]);
    assert_eq!(stringify(&mut vm, &[Value::Object(twice)]), "[{},{}]");
    // 100,000 nested arrays: RangeError, not a crash.
    let mut deep: ObjRef = vm.create_array_from_list(vec![]);
    for _ in 0..100_000 {
        deep = vm.create_array_from_list(vec![Value::Object(deep)]);
    }
    assert_eq!(stringify(&mut vm, &[Value::Object(deep)]), "throws RangeError: Maximum call stack size exceeded");
    // JSON.parse itself takes any depth.
    let depth = 100_000;
    let source = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(json_parse(&mut vm, &source).is_ok());
}
