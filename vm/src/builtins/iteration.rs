//! The iterator abstract operations (§7.4) that built-ins use to consume iterables from Rust:
//! `Array.from`, and anything else that walks an iterator without the interpreter's help.

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::PropertyKey;
use crate::value::Value;
use crate::vm::Vm;

/// An Iterator Record (§7.4.1).
pub struct IteratorRecord {
    pub iterator: ObjRef,
    pub next_method: Value,
    pub done: bool,
}

/// GetIteratorFromMethod (§7.4.2).
pub fn get_iterator_from_method(vm: &mut Vm, obj: &Value, method: &Value) -> JsResult<IteratorRecord> {
    // 1. Let iterator be ? Call(method, obj).
    let iterator = vm.call(method, obj.clone(), &[])?;
    // 2. If iterator is not an Object, throw a TypeError exception.
    let Value::Object(iterator) = iterator else {
        return Err(vm.throw_type_error("Result of the Symbol.iterator method is not an object"));
    };
    // 3. Let nextMethod be ? Get(iterator, "next").
    let next_method = vm.get(iterator, &PropertyKey::from("next"))?;
    // 4-5. The record.
    Ok(IteratorRecord { iterator, next_method, done: false })
}

/// GetIterator(obj, sync) (§7.4.3).
pub fn get_iterator(vm: &mut Vm, obj: &Value) -> JsResult<IteratorRecord> {
    let key = PropertyKey::Symbol(vm.symbols.iterator.clone());
    // 3. Let method be ? GetMethod(obj, @@iterator).
    match vm.get_method(obj, &key)? {
        Some(method) => get_iterator_from_method(vm, obj, &method),
        // 4. If method is undefined, throw a TypeError exception.
        None => {
            let shown = vm.describe_for_error(obj);
            Err(vm.throw_type_error(&format!("{shown} is not iterable")))
        }
    }
}

/// IteratorStepValue (§7.4.10): the next value, or `None` when the iterator is done.
pub fn iterator_step_value(vm: &mut Vm, record: &mut IteratorRecord) -> JsResult<Option<Value>> {
    // IteratorNext: Call(nextMethod, iterator); the result must be an object.
    let result = match vm.call(&record.next_method, Value::Object(record.iterator), &[]) {
        Ok(r) => r,
        Err(e) => {
            record.done = true;
            return Err(e);
        }
    };
    let Value::Object(result) = result else {
        record.done = true;
        let shown = vm.describe_for_error(&result);
        return Err(vm.throw_type_error(&format!("Iterator result {shown} is not an object")));
    };
    // IteratorComplete: ToBoolean(? Get(iterResult, "done")).
    let done = match vm.get(result, &PropertyKey::from("done")) {
        Ok(d) => vm.to_boolean(&d),
        Err(e) => {
            record.done = true;
            return Err(e);
        }
    };
    if done {
        record.done = true;
        return Ok(None);
    }
    // IteratorValue: Get(iterResult, "value").
    match vm.get(result, &PropertyKey::from("value")) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            record.done = true;
            Err(e)
        }
    }
}

/// IteratorClose (§7.4.11) for an abrupt completion: calls `return` and rethrows `error`
/// (an error from `return` itself is dropped in favour of the original one).
pub fn iterator_close_with_error(vm: &mut Vm, record: &IteratorRecord, error: Value) -> Value {
    let key = PropertyKey::from("return");
    if let Ok(Some(ret)) = vm.get_method(&Value::Object(record.iterator), &key) {
        let _ = vm.call(&ret, Value::Object(record.iterator), &[]);
    }
    error
}

/// IteratorClose (§7.4.11) for a normal completion: `return`'s result must be an object.
pub fn iterator_close(vm: &mut Vm, record: &IteratorRecord) -> JsResult<()> {
    let key = PropertyKey::from("return");
    let Some(ret) = vm.get_method(&Value::Object(record.iterator), &key)? else { return Ok(()) };
    let r = vm.call(&ret, Value::Object(record.iterator), &[])?;
    if !r.is_object() {
        let shown = vm.describe_for_error(&r);
        return Err(vm.throw_type_error(&format!("Iterator result {shown} is not an object")));
    }
    Ok(())
}

/// CreateIterResultObject (§7.4.14).
pub fn create_iter_result_object(vm: &mut Vm, value: Value, done: bool) -> Value {
    let obj = vm.new_object();
    vm.define_value(obj, PropertyKey::from("value"), value, crate::property::attrs::ALL);
    vm.define_value(obj, PropertyKey::from("done"), Value::Bool(done), crate::property::attrs::ALL);
    Value::Object(obj)
}
