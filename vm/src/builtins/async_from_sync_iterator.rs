//! %AsyncFromSyncIteratorPrototype% (§27.1.6.2): what `for await` and `yield*` in async
//! generators use on an iterable that only has `[Symbol.iterator]`. Each method calls the sync
//! iterator and answers with a promise of the result, awaiting the value it produced.

use crate::builtins::promise::{new_promise_capability, perform_promise_then, promise_resolve, PromiseCapability};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::iteration::IteratorRecord;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::PropertyKey;
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::AsyncFromSyncIteratorPrototype);
    let async_iterator_prototype = vm.intrinsic(Intrinsic::AsyncIteratorPrototype);
    vm.heap.get_mut(proto).proto = Some(async_iterator_prototype);
    vm.define_method(proto, "next", 1, async_from_sync_next);
    vm.define_method(proto, "return", 1, async_from_sync_return);
    vm.define_method(proto, "throw", 1, async_from_sync_throw);
}

/// The [[SyncIteratorRecord]] of the this value (only the VM makes these objects).
fn sync_record(vm: &Vm, this: &Value) -> Option<IteratorRecord> {
    match this {
        Value::Object(o) => match &vm.heap.get(*o).kind {
            ObjectKind::AsyncFromSyncIterator(r) => Some(r.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The capability every method answers through: NewPromiseCapability(%Promise%).
fn promise_capability(vm: &mut Vm) -> JsResult<PromiseCapability> {
    let promise = Value::Object(vm.intrinsic(Intrinsic::Promise));
    new_promise_capability(vm, &promise)
}

/// IfAbruptRejectPromise (§27.2.1.1.1): on `Err`, reject the capability's promise and answer it.
fn reject_with(vm: &mut Vm, cap: &PromiseCapability, error: Value) -> JsResult<Value> {
    vm.call(&cap.reject, Value::Undefined, &[error])?;
    Ok(Value::Object(cap.promise))
}

fn incompatible(vm: &mut Vm, method: &str, this: &Value) -> Value {
    crate::builtins::receiver::incompatible_receiver(vm, method, this)
}

/// %AsyncFromSyncIteratorPrototype%.next ( [ value ] ) (§27.1.6.2.1).
fn async_from_sync_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(mut record) = sync_record(vm, &args.this) else {
        return Err(incompatible(vm, "next", &args.this));
    };
    // 3. Let promiseCapability be ! NewPromiseCapability(%Promise%).
    let cap = promise_capability(vm)?;
    // 5. Let result be Completion(IteratorNext(syncIteratorRecord[, value])).
    let value = if args.is_empty() { None } else { Some(args.get(0)) };
    let result = vm.iterator_next(&mut record, value);
    // 6. IfAbruptRejectPromise(result, promiseCapability).
    let result = match result {
        Ok(r) => r,
        Err(e) => return reject_with(vm, &cap, e),
    };
    // 7. Return AsyncFromSyncIteratorContinuation(result, promiseCapability, record, true).
    async_from_sync_iterator_continuation(vm, result, cap, &record, true)
}

/// %AsyncFromSyncIteratorPrototype%.return ( [ value ] ) (§27.1.6.2.2).
fn async_from_sync_return(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(record) = sync_record(vm, &args.this) else {
        return Err(incompatible(vm, "return", &args.this));
    };
    let cap = promise_capability(vm)?;
    let sync_iterator = Value::Object(record.iterator);
    // 5-6. Let return be Completion(GetMethod(syncIterator, "return")); IfAbruptRejectPromise.
    let method = match vm.get_method(&sync_iterator, &PropertyKey::from("return")) {
        Ok(m) => m,
        Err(e) => return reject_with(vm, &cap, e),
    };
    // 7. If return is undefined, resolve with CreateIterResultObject(value, true).
    let Some(method) = method else {
        let result = vm.create_iter_result_object(args.get(0), true);
        vm.call(&cap.resolve, Value::Undefined, &[Value::Object(result)])?;
        return Ok(Value::Object(cap.promise));
    };
    // 8-9. Call return with or without the value; IfAbruptRejectPromise.
    let result = if args.is_empty() {
        vm.call(&method, sync_iterator, &[])
    } else {
        vm.call(&method, sync_iterator, &[args.get(0)])
    };
    let result = match result {
        Ok(r) => r,
        Err(e) => return reject_with(vm, &cap, e),
    };
    // 10. If result is not an Object, reject with a TypeError.
    let Value::Object(result) = result else {
        let shown = vm.describe_for_error(&result);
        let error = vm.throw_type_error(&format!("Iterator result {shown} is not an object"));
        return reject_with(vm, &cap, error);
    };
    // 11. Return AsyncFromSyncIteratorContinuation(result, promiseCapability, record, false).
    async_from_sync_iterator_continuation(vm, result, cap, &record, false)
}

/// %AsyncFromSyncIteratorPrototype%.throw ( [ value ] ) (§27.1.6.2.3).
fn async_from_sync_throw(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(record) = sync_record(vm, &args.this) else {
        return Err(incompatible(vm, "throw", &args.this));
    };
    let cap = promise_capability(vm)?;
    let sync_iterator = Value::Object(record.iterator);
    // 5-6. Let throw be Completion(GetMethod(syncIterator, "throw")); IfAbruptRejectPromise.
    let method = match vm.get_method(&sync_iterator, &PropertyKey::from("throw")) {
        Ok(m) => m,
        Err(e) => return reject_with(vm, &cap, e),
    };
    // 7. If throw is undefined: close the sync iterator, then reject with a TypeError (the
    //    delegation protocol was violated).
    let Some(method) = method else {
        if let Err(e) = vm.iterator_close(&record, Ok(Value::Undefined)) {
            return reject_with(vm, &cap, e);
        }
        let error = vm.throw_type_error("The iterator does not provide a 'throw' method");
        return reject_with(vm, &cap, error);
    };
    // 8-9. Call throw with or without the value; IfAbruptRejectPromise.
    let result = if args.is_empty() {
        vm.call(&method, sync_iterator, &[])
    } else {
        vm.call(&method, sync_iterator, &[args.get(0)])
    };
    let result = match result {
        Ok(r) => r,
        Err(e) => return reject_with(vm, &cap, e),
    };
    // 10. If result is not an Object, reject with a TypeError.
    let Value::Object(result) = result else {
        let shown = vm.describe_for_error(&result);
        let error = vm.throw_type_error(&format!("Iterator result {shown} is not an object"));
        return reject_with(vm, &cap, error);
    };
    // 11. Return AsyncFromSyncIteratorContinuation(result, promiseCapability, record, true).
    async_from_sync_iterator_continuation(vm, result, cap, &record, true)
}

/// AsyncFromSyncIteratorContinuation (§27.1.6.4).
fn async_from_sync_iterator_continuation(
    vm: &mut Vm,
    result: ObjRef,
    cap: PromiseCapability,
    record: &IteratorRecord,
    close_on_rejection: bool,
) -> JsResult<Value> {
    // 1-2. Let done be Completion(IteratorComplete(result)); IfAbruptRejectPromise.
    let done = match vm.iterator_complete(result) {
        Ok(d) => d,
        Err(e) => return reject_with(vm, &cap, e),
    };
    // 3-4. Let value be Completion(IteratorValue(result)); IfAbruptRejectPromise.
    let value = match vm.iterator_value(result) {
        Ok(v) => v,
        Err(e) => return reject_with(vm, &cap, e),
    };
    // 5. Let valueWrapper be Completion(PromiseResolve(%Promise%, value)).
    let promise_ctor = Value::Object(vm.intrinsic(Intrinsic::Promise));
    let mut value_wrapper = promise_resolve(vm, &promise_ctor, value);
    // 6. If valueWrapper is abrupt, done is false and closeOnRejection is true, close the
    //    iterator (the throw completion wins).
    if let Err(e) = &value_wrapper {
        if !done && close_on_rejection {
            value_wrapper = match vm.iterator_close(record, Err(e.clone())) {
                Err(e) | Ok(e) => Err(e),
            };
        }
    }
    // 7. IfAbruptRejectPromise(valueWrapper, promiseCapability).
    let value_wrapper = match value_wrapper {
        Ok(w) => w,
        Err(e) => return reject_with(vm, &cap, e),
    };
    // 8-9. onFulfilled: v => CreateIterResultObject(v, done).
    let on_fulfilled =
        vm.new_native_function_with_slots(PropertyKey::from(""), 1, unwrap, vec![Value::Bool(done)], false);
    // 11-12. onRejected: close the sync iterator with the rejection, unless done or not asked.
    let on_rejected = if done || !close_on_rejection {
        Value::Undefined
    } else {
        let slots = vec![Value::Object(record.iterator), record.next_method.clone()];
        Value::Object(vm.new_native_function_with_slots(PropertyKey::from(""), 1, close_iterator, slots, false))
    };
    // 13-14. PerformPromiseThen(valueWrapper, onFulfilled, onRejected, promiseCapability).
    let promise = cap.promise;
    perform_promise_then(vm, value_wrapper, Value::Object(on_fulfilled), on_rejected, Some(cap));
    Ok(Value::Object(promise))
}

fn slots_of(vm: &Vm, f: ObjRef) -> Vec<Value> {
    match &vm.heap.get(f).kind {
        ObjectKind::NativeFunction(n) => n.slots.clone(),
        _ => Vec::new(),
    }
}

/// The Async-from-Sync Iterator Value Unwrap function (§27.1.6.4 step 8).
fn unwrap(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let done = matches!(slots_of(vm, args.callee).first(), Some(Value::Bool(true)));
    Ok(Value::Object(vm.create_iter_result_object(args.get(0), done)))
}

/// The closeIterator function (§27.1.6.4 step 12): IteratorClose with the rejection reason.
fn close_iterator(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let slots = slots_of(vm, args.callee);
    let (Some(Value::Object(iterator)), Some(next_method)) = (slots.first(), slots.get(1)) else {
        return Err(args.get(0));
    };
    let record = IteratorRecord { iterator: *iterator, next_method: next_method.clone(), done: false };
    vm.iterator_close(&record, Err(args.get(0)))
}
