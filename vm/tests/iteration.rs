//! The iterator protocol operations (§7.4), driven by iterators made of Rust functions.

use modjs_vm::object::ObjectKind;
use modjs_vm::{CallArgs, IteratorHint, JsResult, PropertyKey, Value, Vm};

/// `next` of a counting iterator: slot 0 is the count so far, slot 1 the limit.
fn counting_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (n, limit) = match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(f) => (f.slots[0].as_number().unwrap(), f.slots[1].as_number().unwrap()),
        _ => unreachable!(),
    };
    if let ObjectKind::NativeFunction(f) = &mut vm.heap.get_mut(args.callee).kind {
        f.slots[0] = Value::Number(n + 1.0);
    }
    let r = vm.create_iter_result_object(Value::Number(n), n >= limit);
    Ok(Value::Object(r))
}

fn return_self(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this.clone())
}

/// `return` that records it was called (on the iterator, as `closed`) and returns `slots[0]`.
fn recording_return(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = args.this.as_object().unwrap();
    vm.define_value(o, PropertyKey::from("closed"), Value::Bool(true), modjs_vm::attrs::ALL);
    match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(f) => Ok(f.slots[0].clone()),
        _ => unreachable!(),
    }
}

fn counting_iterable(vm: &mut Vm, limit: f64, return_value: Option<Value>) -> Value {
    let it = vm.new_object();
    let next = vm.new_native_function_with_slots(
        PropertyKey::from("next"),
        0,
        counting_next,
        vec![Value::Number(0.0), Value::Number(limit)],
        false,
    );
    vm.define_value(it, PropertyKey::from("next"), Value::Object(next), modjs_vm::attrs::ALL);
    if let Some(rv) = return_value {
        let ret = vm.new_native_function_with_slots(PropertyKey::from("return"), 0, recording_return, vec![rv], false);
        vm.define_value(it, PropertyKey::from("return"), Value::Object(ret), modjs_vm::attrs::ALL);
    }
    let sym = vm.symbols.iterator.clone();
    vm.define_symbol_method(it, sym, 0, return_self, modjs_vm::attrs::BUILTIN);
    Value::Object(it)
}

fn message(vm: &mut Vm, err: Value) -> String {
    let o = err.as_object().expect("an error object");
    let m = vm.get(o, &PropertyKey::from("message")).unwrap();
    m.as_string().unwrap().to_rust_lossy()
}

#[test]
fn iterate_to_list_collects_every_value() {
    let mut vm = Vm::new();
    let iterable = counting_iterable(&mut vm, 3.0, None);
    let values: Vec<f64> = vm.iterate_to_list(&iterable).unwrap().iter().map(|v| v.as_number().unwrap()).collect();
    assert_eq!(values, [0.0, 1.0, 2.0]);
}

#[test]
fn step_value_marks_the_record_done() {
    let mut vm = Vm::new();
    let iterable = counting_iterable(&mut vm, 1.0, None);
    let mut rec = vm.get_iterator(&iterable, IteratorHint::Sync).unwrap();
    assert_eq!(vm.iterator_step_value(&mut rec).unwrap().and_then(|v| v.as_number()), Some(0.0));
    assert!(!rec.done);
    assert!(vm.iterator_step_value(&mut rec).unwrap().is_none());
    assert!(rec.done);
}

#[test]
fn non_iterables_get_v8_messages() {
    let mut vm = Vm::new();
    for (v, text) in [
        (Value::Number(5.0), "number 5 is not iterable (cannot read property Symbol(Symbol.iterator))"),
        (Value::Bool(true), "boolean true is not iterable (cannot read property Symbol(Symbol.iterator))"),
        (Value::Undefined, "undefined is not iterable (cannot read property Symbol(Symbol.iterator))"),
    ] {
        let err = vm.get_iterator(&v, IteratorHint::Sync).unwrap_err();
        assert_eq!(message(&mut vm, err), text);
    }
    let o = Value::Object(vm.new_object());
    let err = vm.get_iterator(&o, IteratorHint::Sync).unwrap_err();
    assert_eq!(message(&mut vm, err), "object is not iterable (cannot read property Symbol(Symbol.iterator))");
}

#[test]
fn iterator_close_calls_return_and_checks_its_result() {
    let mut vm = Vm::new();
    let iterable = counting_iterable(&mut vm, 5.0, Some(Value::Number(1.0)));
    let rec = vm.get_iterator(&iterable, IteratorHint::Sync).unwrap();
    // A normal completion: the non-object result of `return` is a TypeError.
    let err = vm.iterator_close(&rec, Ok(Value::Undefined)).unwrap_err();
    assert_eq!(message(&mut vm, err), "Iterator result 1 is not an object");
    let closed = vm.get(rec.iterator, &PropertyKey::from("closed")).unwrap();
    assert!(matches!(closed, Value::Bool(true)));
    // A throw completion wins over the bad result.
    let thrown = Value::from_str("original");
    let err = vm.iterator_close(&rec, Err(thrown)).unwrap_err();
    assert_eq!(err.as_string().unwrap().to_rust_lossy(), "original");
}

#[test]
fn iterator_close_without_return_passes_the_completion_through() {
    let mut vm = Vm::new();
    let iterable = counting_iterable(&mut vm, 5.0, None);
    let rec = vm.get_iterator(&iterable, IteratorHint::Sync).unwrap();
    let v = vm.iterator_close(&rec, Ok(Value::Number(7.0))).unwrap();
    assert_eq!(v.as_number(), Some(7.0));
}
