//! Array built-ins driven from Rust (the interpreter is not needed): each test calls the
//! methods as JavaScript would, through property lookup and `Vm::call`.

use modjs_vm::{CallArgs, Intrinsic, JsResult, JsString, PropertyKey, Value, Vm};

fn method(vm: &mut Vm, on: Intrinsic, name: &str) -> Value {
    let o = vm.intrinsic(on);
    vm.get(o, &PropertyKey::from(name)).expect("lookup")
}

fn call_method(vm: &mut Vm, this: Value, name: &str, args: &[Value]) -> JsResult<Value> {
    let f = vm.get_v(&this, &PropertyKey::from(name))?;
    vm.call(&f, this, args)
}

fn nums(vm: &mut Vm, xs: &[f64]) -> Value {
    Value::Object(vm.create_array_from_list(xs.iter().map(|&x| Value::Number(x)).collect()))
}

fn to_str(vm: &mut Vm, v: &Value) -> String {
    vm.to_string(v).map(|s| s.to_rust_lossy()).unwrap_or_else(|_| "<throws>".into())
}

fn joined(vm: &mut Vm, v: Value) -> String {
    let r = call_method(vm, v, "join", &[]).expect("join");
    to_str(vm, &r)
}

fn double(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_number(&args.get(0))?;
    Ok(Value::Number(n * 2.0))
}

fn is_even(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_number(&args.get(0))?;
    Ok(Value::Bool(n % 2.0 == 0.0))
}

fn add(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let a = vm.to_number(&args.get(0))?;
    let b = vm.to_number(&args.get(1))?;
    Ok(Value::Number(a + b))
}

fn descending(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let a = vm.to_number(&args.get(0))?;
    let b = vm.to_number(&args.get(1))?;
    Ok(Value::Number(b - a))
}

fn error_message(vm: &mut Vm, e: Value) -> String {
    let Value::Object(o) = e else { return "not an object".into() };
    let m = vm.get(o, &PropertyKey::from("message")).expect("message");
    to_str(vm, &m)
}

#[test]
fn array_prototype_is_an_array_and_constructor_is_wired() {
    let mut vm = Vm::new();
    let proto = vm.intrinsic(Intrinsic::ArrayPrototype);
    assert!(vm.heap.get(proto).is_array());
    let is_array = method(&mut vm, Intrinsic::Array, "isArray");
    let r = vm.call(&is_array, Value::Undefined, &[Value::Object(proto)]).unwrap();
    assert!(matches!(r, Value::Bool(true)));
    let values = method(&mut vm, Intrinsic::ArrayPrototype, "values");
    let key = PropertyKey::Symbol(vm.symbols.iterator.clone());
    let iter = vm.get(proto, &key).unwrap();
    assert!(vm.same_value(&values, &iter));
    assert!(vm.same_value(&values, &Value::Object(vm.intrinsic(Intrinsic::ArrayPrototypeValues))));
}

#[test]
fn constructor_lengths_and_errors() {
    let mut vm = Vm::new();
    let array = vm.intrinsic(Intrinsic::Array);
    let a = vm.construct(array, &[Value::Number(3.0)], None).unwrap();
    let len = vm.get_v(&a, &PropertyKey::from("length")).unwrap();
    assert_eq!(len.as_number(), Some(3.0));
    assert_eq!(joined(&mut vm, a), ",,");
    let err = vm.construct(array, &[Value::Number(-1.0)], None).unwrap_err();
    assert_eq!(error_message(&mut vm, err), "Invalid array length");
    let b = vm.call(&Value::Object(array), Value::Undefined, &[Value::from("x"), Value::from("y")]).unwrap();
    assert_eq!(joined(&mut vm, b), "x,y");
}

#[test]
fn map_filter_reduce_with_native_callbacks() {
    let mut vm = Vm::new();
    let a = nums(&mut vm, &[1.0, 2.0, 3.0, 4.0]);
    let f = Value::Object(vm.new_native_function("double", 1, double));
    let m = call_method(&mut vm, a.clone(), "map", &[f]).unwrap();
    assert_eq!(joined(&mut vm, m), "2,4,6,8");
    let even = Value::Object(vm.new_native_function("isEven", 1, is_even));
    let fl = call_method(&mut vm, a.clone(), "filter", &[even]).unwrap();
    assert_eq!(joined(&mut vm, fl), "2,4");
    let plus = Value::Object(vm.new_native_function("add", 2, add));
    let sum = call_method(&mut vm, a.clone(), "reduce", &[plus.clone()]).unwrap();
    assert_eq!(sum.as_number(), Some(10.0));
    let empty = nums(&mut vm, &[]);
    let err = call_method(&mut vm, empty, "reduce", &[plus]).unwrap_err();
    assert_eq!(error_message(&mut vm, err), "Reduce of empty array with no initial value");
    let err = call_method(&mut vm, a, "map", &[Value::Undefined]).unwrap_err();
    assert_eq!(error_message(&mut vm, err), "undefined is not a function");
}

#[test]
fn sort_is_stable_and_puts_undefined_last() {
    let mut vm = Vm::new();
    let a = Value::Object(vm.create_array_from_list(vec![
        Value::Number(10.0),
        Value::Undefined,
        Value::Number(9.0),
        Value::Number(1.0),
        Value::from("b"),
    ]));
    let s = call_method(&mut vm, a.clone(), "sort", &[]).unwrap();
    assert_eq!(joined(&mut vm, s), "1,10,9,b,");
    let xs: Vec<f64> = (0..100).map(|i| ((i * 37) % 101) as f64).collect();
    let b = nums(&mut vm, &xs);
    let desc = Value::Object(vm.new_native_function("desc", 2, descending));
    let sorted = call_method(&mut vm, b.clone(), "toSorted", &[desc]).unwrap();
    let mut expect = xs.clone();
    expect.sort_by(|x, y| y.partial_cmp(x).unwrap());
    let expect: Vec<String> = expect.iter().map(|x| x.to_string()).collect();
    assert_eq!(joined(&mut vm, sorted), expect.join(","));
    // toSorted leaves the original alone.
    let first = vm.get_v(&b, &PropertyKey::Index(1)).unwrap();
    assert_eq!(first.as_number(), Some(37.0));
    let err = call_method(&mut vm, b, "sort", &[Value::Number(3.0)]).unwrap_err();
    assert_eq!(error_message(&mut vm, err), "The comparison function must be either a function or undefined");
}

#[test]
fn splice_slice_push_pop_shift_unshift() {
    let mut vm = Vm::new();
    let a = nums(&mut vm, &[1.0, 2.0, 3.0, 4.0, 5.0]);
    let removed = call_method(&mut vm, a.clone(), "splice", &[Value::Number(1.0), Value::Number(2.0), Value::from("x")]).unwrap();
    assert_eq!(joined(&mut vm, removed), "2,3");
    assert_eq!(joined(&mut vm, a.clone()), "1,x,4,5");
    let s = call_method(&mut vm, a.clone(), "slice", &[Value::Number(-2.0)]).unwrap();
    assert_eq!(joined(&mut vm, s), "4,5");
    let n = call_method(&mut vm, a.clone(), "push", &[Value::Number(6.0), Value::Number(7.0)]).unwrap();
    assert_eq!(n.as_number(), Some(6.0));
    let p = call_method(&mut vm, a.clone(), "pop", &[]).unwrap();
    assert_eq!(p.as_number(), Some(7.0));
    let f = call_method(&mut vm, a.clone(), "shift", &[]).unwrap();
    assert_eq!(f.as_number(), Some(1.0));
    let n = call_method(&mut vm, a.clone(), "unshift", &[Value::from("a"), Value::from("b")]).unwrap();
    assert_eq!(n.as_number(), Some(6.0));
    assert_eq!(joined(&mut vm, a.clone()), "a,b,x,4,5,6");
    let r = call_method(&mut vm, a.clone(), "reverse", &[]).unwrap();
    assert_eq!(joined(&mut vm, r), "6,5,4,x,b,a");
    let i = call_method(&mut vm, a.clone(), "indexOf", &[Value::from("x")]).unwrap();
    assert_eq!(i.as_number(), Some(3.0));
    let i = call_method(&mut vm, a.clone(), "lastIndexOf", &[Value::Number(6.0), Value::Number(-7.0)]).unwrap();
    assert_eq!(i.as_number(), Some(-1.0));
    let inc = call_method(&mut vm, a, "includes", &[Value::from("b")]).unwrap();
    assert!(matches!(inc, Value::Bool(true)));
}

#[test]
fn generic_methods_work_on_array_likes() {
    let mut vm = Vm::new();
    let o = vm.new_object();
    vm.put(o, PropertyKey::from("length"), Value::Number(2.0), true).unwrap();
    vm.put(o, PropertyKey::Index(0), Value::from("a"), true).unwrap();
    vm.put(o, PropertyKey::Index(1), Value::from("b"), true).unwrap();
    let push = method(&mut vm, Intrinsic::ArrayPrototype, "push");
    let n = vm.call(&push, Value::Object(o), &[Value::from("c")]).unwrap();
    assert_eq!(n.as_number(), Some(3.0));
    let join = method(&mut vm, Intrinsic::ArrayPrototype, "join");
    let s = vm.call(&join, Value::Object(o), &[Value::from("-")]).unwrap();
    assert_eq!(to_str(&mut vm, &s), "a-b-c");
    let err = vm.call(&join, Value::Null, &[]).unwrap_err();
    assert_eq!(error_message(&mut vm, err), "Array.prototype.join called on null or undefined");
}

#[test]
fn concat_flat_and_holes() {
    let mut vm = Vm::new();
    let inner = nums(&mut vm, &[2.0, 3.0]);
    let deep = Value::Object(vm.create_array_from_list(vec![Value::Number(4.0), inner.clone()]));
    let a = Value::Object(vm.create_array_from_list(vec![Value::Number(1.0), deep]));
    let f = call_method(&mut vm, a.clone(), "flat", &[Value::Number(f64::INFINITY)]).unwrap();
    assert_eq!(joined(&mut vm, f), "1,4,2,3");
    let c = call_method(&mut vm, inner, "concat", &[Value::Number(9.0), a]).unwrap();
    let len = vm.get_v(&c, &PropertyKey::from("length")).unwrap();
    assert_eq!(len.as_number(), Some(5.0));
    // A hole is skipped by forEach-style methods but read as undefined by join.
    let array = vm.intrinsic(Intrinsic::Array);
    let holey = vm.construct(array, &[Value::Number(3.0)], None).unwrap();
    vm.put(holey.as_object().unwrap(), PropertyKey::Index(1), Value::from("m"), true).unwrap();
    let idx = call_method(&mut vm, holey.clone(), "indexOf", &[Value::Undefined]).unwrap();
    assert_eq!(idx.as_number(), Some(-1.0));
    let inc = call_method(&mut vm, holey.clone(), "includes", &[Value::Undefined]).unwrap();
    assert!(matches!(inc, Value::Bool(true)));
    assert_eq!(joined(&mut vm, holey), ",m,");
}

#[test]
fn join_of_a_cyclic_array_is_empty_there() {
    let mut vm = Vm::new();
    let a = vm.create_array_from_list(vec![Value::Number(1.0)]);
    let push = method(&mut vm, Intrinsic::ArrayPrototype, "push");
    vm.call(&push, Value::Object(a), &[Value::Object(a)]).unwrap();
    assert_eq!(joined(&mut vm, Value::Object(a)), "1,");
}

#[test]
fn iterators_step_through_entries() {
    let mut vm = Vm::new();
    let a = Value::Object(vm.create_array_from_list(vec![Value::from("p"), Value::from("q")]));
    let it = call_method(&mut vm, a, "entries", &[]).unwrap();
    let mut seen = Vec::new();
    loop {
        let r = call_method(&mut vm, it.clone(), "next", &[]).unwrap();
        let done = vm.get_v(&r, &PropertyKey::from("done")).unwrap();
        if vm.to_boolean(&done) {
            break;
        }
        let v = vm.get_v(&r, &PropertyKey::from("value")).unwrap();
        seen.push(to_str(&mut vm, &v));
    }
    assert_eq!(seen, vec!["0,p", "1,q"]);
    // Array.from drives the same iterator protocol.
    let from = method(&mut vm, Intrinsic::Array, "from");
    let array = Value::Object(vm.intrinsic(Intrinsic::Array));
    let src = nums(&mut vm, &[5.0, 6.0]);
    let it = call_method(&mut vm, src, "keys", &[]).unwrap();
    let copy = vm.call(&from, array, &[it]).unwrap();
    assert_eq!(joined(&mut vm, copy), "0,1");
    let _ = JsString::from("");
}
