//! The promise combinators (ECMA-262 §27.2.4.1-5): `Promise.all`, `Promise.allSettled`,
//! `Promise.any`, `Promise.race`.
//!
//! ## Shared state
//! The element functions of one `Promise.all` call share the *values* list and the
//! *remainingElementsCount* record. Both live in one internal array object (never exposed to
//! JavaScript, no prototype): element 0 is the remaining count, elements 1.. are the values (or
//! errors, for `any`). Each element function's `slots` are
//! `[alreadyCalled, index, shared, capability.resolve or reject, partner]`; for `allSettled`
//! the fulfill and reject functions of one element are partners that share *alreadyCalled*
//! (calling either marks both).

use super::promise::{new_promise_capability, slot, PromiseCapability};
use crate::error::{ErrorKind, JsResult};
use crate::iteration::{IteratorHint, IteratorRecord};
use crate::gc::ObjRef;
use crate::native::{CallArgs, NativeFn};
use crate::object::{ArrayData, Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

// ----- shared records ----------------------------------------------------------------------------

/// A new shared record: remaining count 1 and an empty list.
fn new_shared_record(vm: &mut Vm) -> ObjRef {
    let data = ArrayData { dense: vec![Value::Number(1.0)], length: 1, length_writable: true };
    vm.heap.alloc(Object::new(None, ObjectKind::Array(data)))
}

fn record_items(vm: &mut Vm, rec: ObjRef) -> &mut Vec<Value> {
    match &mut vm.heap.get_mut(rec).kind {
        ObjectKind::Array(a) => &mut a.dense,
        _ => unreachable_record(),
    }
}

#[cold]
fn unreachable_record() -> ! {
    panic!("modjs internal error: a promise combinator record is not an array")
}

/// Appends undefined to the list (a new element's place).
fn record_push_placeholder(vm: &mut Vm, rec: ObjRef) {
    record_items(vm, rec).push(Value::Undefined);
}

fn record_set(vm: &mut Vm, rec: ObjRef, index: usize, v: Value) {
    if let Some(slot) = record_items(vm, rec).get_mut(index + 1) {
        *slot = v;
    }
}

/// Adds `delta` to remainingElementsCount and returns the new count.
fn record_add_remaining(vm: &mut Vm, rec: ObjRef, delta: f64) -> f64 {
    let items = record_items(vm, rec);
    let n = items.first().and_then(Value::as_number).unwrap_or(0.0) + delta;
    if let Some(first) = items.first_mut() {
        *first = Value::Number(n);
    }
    n
}

/// The list as a fresh array (CreateArrayFromList(values)).
fn record_to_array(vm: &mut Vm, rec: ObjRef) -> Value {
    let values = record_items(vm, rec)[1..].to_vec();
    Value::Object(vm.create_array_from_list(values))
}

// ----- the common driver -------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Combinator {
    All,
    AllSettled,
    Any,
    Race,
}

impl Combinator {
    fn name(self) -> &'static str {
        match self {
            Combinator::All => "Promise.all",
            Combinator::AllSettled => "Promise.allSettled",
            Combinator::Any => "Promise.any",
            Combinator::Race => "Promise.race",
        }
    }
}

/// The steps every combinator shares (§27.2.4.1 steps 1-9 and the others alike):
/// NewPromiseCapability(C), GetPromiseResolve(C), GetIterator, the Perform* loop, and closing
/// the iterator / rejecting the capability on an abrupt completion.
fn run_combinator(vm: &mut Vm, args: &CallArgs, which: Combinator) -> JsResult<Value> {
    let c = args.this.clone();
    if !c.is_object() {
        let msg = format!("{} called on non-object", which.name());
        return Err(vm.throw_type_error(&msg));
    }
    // 2. Let promiseCapability be ? NewPromiseCapability(C).
    let cap = new_promise_capability(vm, &c)?;
    // 3-4. GetPromiseResolve(C); IfAbruptRejectPromise.
    let promise_resolve = match get_promise_resolve(vm, &c) {
        Ok(f) => f,
        Err(e) => return if_abrupt_reject_promise(vm, e, &cap),
    };
    // 5-6. GetIterator(iterable, sync); IfAbruptRejectPromise.
    let mut record = match vm.get_iterator(&args.get(0), IteratorHint::Sync) {
        Ok(r) => r,
        Err(e) => return if_abrupt_reject_promise(vm, e, &cap),
    };
    // 7. Perform the loop.
    let result = perform(vm, which, &mut record, &c, &cap, &promise_resolve);
    // 8. On an abrupt completion: close the iterator unless it is done, then reject.
    match result {
        Ok(v) => Ok(v),
        Err(e) => {
            let e = if record.done { e } else { vm.iterator_close_with_error(&record, e) };
            if_abrupt_reject_promise(vm, e, &cap)
        }
    }
}

/// IfAbruptRejectPromise (§27.2.1.1.1): reject the capability and return its promise.
fn if_abrupt_reject_promise(vm: &mut Vm, error: Value, cap: &PromiseCapability) -> JsResult<Value> {
    vm.call(&cap.reject, Value::Undefined, &[error])?;
    Ok(Value::Object(cap.promise))
}

/// GetPromiseResolve (§27.2.4.1.1).
fn get_promise_resolve(vm: &mut Vm, c: &Value) -> JsResult<Value> {
    let resolve = vm.get_v(c, &PropertyKey::from("resolve"))?;
    if !vm.is_callable(&resolve) {
        return Err(vm.throw_type_error("Promise resolve or reject function is not callable"));
    }
    Ok(resolve)
}

fn new_element_function(vm: &mut Vm, f: NativeFn, index: usize, shared: ObjRef, target: &Value) -> ObjRef {
    let slots = vec![Value::Bool(false), Value::Number(index as f64), Value::Object(shared), target.clone(), Value::Undefined];
    vm.new_native_function_with_slots(PropertyKey::from(""), 1, f, slots, false)
}

/// PerformPromiseAll / AllSettled / Any / Race (§27.2.4.1.2, .2.1, .3.1, .5.1).
fn perform(
    vm: &mut Vm,
    which: Combinator,
    record: &mut IteratorRecord,
    c: &Value,
    cap: &PromiseCapability,
    promise_resolve: &Value,
) -> JsResult<Value> {
    // (No collection can happen while this built-in runs, so the record needs no root.)
    let shared = new_shared_record(vm);
    perform_loop(vm, which, record, c, cap, promise_resolve, shared)
}

fn perform_loop(
    vm: &mut Vm,
    which: Combinator,
    record: &mut IteratorRecord,
    c: &Value,
    cap: &PromiseCapability,
    promise_resolve: &Value,
    shared: ObjRef,
) -> JsResult<Value> {
    let mut index = 0usize;
    loop {
        // a. Let next be ? IteratorStepValue(iteratorRecord).
        let Some(next) = vm.iterator_step_value(record)? else {
            // b. Done: remainingElementsCount - 1; settle when it reaches 0.
            if which != Combinator::Race && record_add_remaining(vm, shared, -1.0) == 0.0 {
                let list = record_to_array(vm, shared);
                if which == Combinator::Any {
                    let err = aggregate_error(vm, list);
                    vm.call(&cap.reject, Value::Undefined, &[err])?;
                } else {
                    vm.call(&cap.resolve, Value::Undefined, &[list])?;
                }
            }
            return Ok(Value::Object(cap.promise));
        };
        // d-e. Let nextPromise be ? Call(promiseResolve, constructor, « next »).
        let next_promise = vm.call(promise_resolve, c.clone(), &[next])?;
        let (on_fulfilled, on_rejected) = match which {
            Combinator::Race => (cap.resolve.clone(), cap.reject.clone()),
            Combinator::All => {
                record_push_placeholder(vm, shared);
                let f = new_element_function(vm, promise_all_resolve_element, index, shared, &cap.resolve);
                record_add_remaining(vm, shared, 1.0);
                (Value::Object(f), cap.reject.clone())
            }
            Combinator::AllSettled => {
                record_push_placeholder(vm, shared);
                let f = new_element_function(vm, promise_all_settled_resolve_element, index, shared, &cap.resolve);
                let r = new_element_function(vm, promise_all_settled_reject_element, index, shared, &cap.resolve);
                set_slot(vm, f, 4, Value::Object(r));
                set_slot(vm, r, 4, Value::Object(f));
                record_add_remaining(vm, shared, 1.0);
                (Value::Object(f), Value::Object(r))
            }
            Combinator::Any => {
                record_push_placeholder(vm, shared);
                let r = new_element_function(vm, promise_any_reject_element, index, shared, &cap.reject);
                record_add_remaining(vm, shared, 1.0);
                (cap.resolve.clone(), Value::Object(r))
            }
        };
        // Perform ? Invoke(nextPromise, "then", « onFulfilled, onRejected »).
        vm.invoke(&next_promise, &PropertyKey::from("then"), &[on_fulfilled, on_rejected])?;
        index += 1;
    }
}

fn set_slot(vm: &mut Vm, f: ObjRef, i: usize, v: Value) {
    if let ObjectKind::NativeFunction(nf) = &mut vm.heap.get_mut(f).kind {
        if let Some(s) = nf.slots.get_mut(i) {
            *s = v;
        }
    }
}

/// An AggregateError with `errors` (§27.2.4.3.1 step 8.b.i-iii).
fn aggregate_error(vm: &mut Vm, errors: Value) -> Value {
    let err = vm.new_error(ErrorKind::AggregateError, "All promises were rejected");
    vm.define_value(err, PropertyKey::from("errors"), errors, attrs::BUILTIN);
    Value::Object(err)
}

/// The alreadyCalled check of an element function (marking its partner too); returns
/// `(index, shared record, target function)` when this is the first call.
fn element_call(vm: &mut Vm, f: ObjRef) -> Option<(usize, ObjRef, Value)> {
    if matches!(slot(vm, f, 0), Value::Bool(true)) {
        return None;
    }
    set_slot(vm, f, 0, Value::Bool(true));
    if let Value::Object(partner) = slot(vm, f, 4) {
        set_slot(vm, partner, 0, Value::Bool(true));
    }
    let index = slot(vm, f, 1).as_number().unwrap_or(0.0) as usize;
    let Value::Object(shared) = slot(vm, f, 2) else { return None };
    Some((index, shared, slot(vm, f, 3)))
}

/// Stores `value` at the element's index; when it was the last element, calls `target` with
/// the list (or, for `any`, with an AggregateError of it).
fn element_settle(vm: &mut Vm, f: ObjRef, value: Value, any: bool) -> JsResult<Value> {
    let Some((index, shared, target)) = element_call(vm, f) else { return Ok(Value::Undefined) };
    record_set(vm, shared, index, value);
    if record_add_remaining(vm, shared, -1.0) == 0.0 {
        let list = record_to_array(vm, shared);
        let arg = if any { aggregate_error(vm, list) } else { list };
        return vm.call(&target, Value::Undefined, &[arg]);
    }
    Ok(Value::Undefined)
}

/// Promise.all Resolve Element Functions (§27.2.4.1.3).
fn promise_all_resolve_element(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    element_settle(vm, args.callee, args.get(0), false)
}

/// `{ status, value|reason }` for allSettled.
fn settled_record(vm: &mut Vm, fulfilled: bool, v: Value) -> Value {
    let obj = vm.new_object();
    let (status, key) = if fulfilled { ("fulfilled", "value") } else { ("rejected", "reason") };
    vm.define_value(obj, PropertyKey::from("status"), Value::from(status), attrs::ALL);
    vm.define_value(obj, PropertyKey::from(key), v, attrs::ALL);
    Value::Object(obj)
}

/// Promise.allSettled Resolve Element Functions (§27.2.4.2.2).
fn promise_all_settled_resolve_element(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if matches!(slot(vm, args.callee, 0), Value::Bool(true)) {
        return Ok(Value::Undefined);
    }
    let rec = settled_record(vm, true, args.get(0));
    element_settle(vm, args.callee, rec, false)
}

/// Promise.allSettled Reject Element Functions (§27.2.4.2.3).
fn promise_all_settled_reject_element(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if matches!(slot(vm, args.callee, 0), Value::Bool(true)) {
        return Ok(Value::Undefined);
    }
    let rec = settled_record(vm, false, args.get(0));
    element_settle(vm, args.callee, rec, false)
}

/// Promise.any Reject Element Functions (§27.2.4.3.2).
fn promise_any_reject_element(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    element_settle(vm, args.callee, args.get(0), true)
}

/// Promise.all ( iterable ) (§27.2.4.1).
fn promise_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    run_combinator(vm, args, Combinator::All)
}

/// Promise.allSettled ( iterable ) (§27.2.4.2).
fn promise_all_settled(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    run_combinator(vm, args, Combinator::AllSettled)
}

/// Promise.any ( iterable ) (§27.2.4.3).
fn promise_any(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    run_combinator(vm, args, Combinator::Any)
}

/// Promise.race ( iterable ) (§27.2.4.5).
fn promise_race(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    run_combinator(vm, args, Combinator::Race)
}

/// Defines the combinators on the Promise constructor (in V8's property order).
pub fn install(vm: &mut Vm, ctor: ObjRef) {
    vm.define_method(ctor, "all", 1, promise_all);
    vm.define_method(ctor, "allSettled", 1, promise_all_settled);
    vm.define_method(ctor, "any", 1, promise_any);
    vm.define_method(ctor, "race", 1, promise_race);
}
