//! %AsyncGeneratorFunction.prototype% (§27.4.3) and %AsyncGeneratorPrototype% (§27.6.1):
//! `next`, `return` and `throw` queue a request on the async generator and answer its promise
//! (the machinery is in `interpreter/async_generator.rs`).

use crate::builtins::promise::{new_promise, reject_promise, resolve_promise};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::interpreter::async_generator::AsyncGeneratorState;
use crate::interpreter::generator::{RESUME_NEXT, RESUME_RETURN, RESUME_THROW};
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let function_proto = vm.intrinsic(Intrinsic::FunctionPrototype);
    let async_iterator_proto = vm.intrinsic(Intrinsic::AsyncIteratorPrototype);
    let fn_proto = vm.intrinsic(Intrinsic::AsyncGeneratorFunctionPrototype);
    let proto = vm.intrinsic(Intrinsic::AsyncGeneratorPrototype);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());

    // %AsyncGeneratorFunction.prototype% (§27.4.3).
    vm.heap.get_mut(fn_proto).proto = Some(function_proto);
    vm.define_value(fn_proto, PropertyKey::from("prototype"), Value::Object(proto), attrs::CONFIGURABLE);
    vm.define_value(fn_proto, tag.clone(), Value::from("AsyncGeneratorFunction"), attrs::CONFIGURABLE);

    // %AsyncGeneratorPrototype% (§27.6.1).
    vm.heap.get_mut(proto).proto = Some(async_iterator_proto);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(fn_proto), attrs::CONFIGURABLE);
    vm.define_method(proto, "next", 1, async_generator_next);
    vm.define_method(proto, "return", 1, async_generator_return);
    vm.define_method(proto, "throw", 1, async_generator_throw);
    vm.define_value(proto, tag, Value::from("AsyncGenerator"), attrs::CONFIGURABLE);
}

/// AsyncGeneratorValidate (§27.6.3.3) with IfAbruptRejectPromise: the generator and its state,
/// or `Err(promise)` already rejected with V8's TypeError.
fn validate(
    vm: &mut Vm,
    args: &CallArgs,
    promise: ObjRef,
    method: &str,
) -> Result<(ObjRef, AsyncGeneratorState), Value> {
    if let Value::Object(g) = &args.this {
        if let Some(d) = vm.async_generator_data(*g) {
            return Ok((*g, d.state));
        }
    }
    let shown = crate::builtins::receiver::describe_receiver(vm, &args.this);
    let e = vm.throw_type_error(&format!(
        "Method [AsyncGenerator].prototype.{method} called on incompatible receiver {shown}"
    ));
    reject_promise(vm, promise, e);
    Err(Value::Object(promise))
}

fn set_state(vm: &mut Vm, g: ObjRef, state: AsyncGeneratorState) {
    if let Some(d) = vm.async_generator_data(g) {
        d.state = state;
        if state == AsyncGeneratorState::Completed {
            d.frame = None;
        }
    }
}

/// AsyncGenerator.prototype.next ( value ) (§27.6.1.2).
fn async_generator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 2. Let promiseCapability be ! NewPromiseCapability(%Promise%).
    let promise = new_promise(vm);
    // 3-5. Validate.
    let (g, state) = match validate(vm, args, promise, "next") {
        Ok(x) => x,
        Err(p) => return Ok(p),
    };
    // 6. A completed generator answers { undefined, done: true }.
    if state == AsyncGeneratorState::Completed {
        let result = vm.create_iter_result_object(Value::Undefined, true);
        resolve_promise(vm, promise, Value::Object(result));
        return Ok(Value::Object(promise));
    }
    // 7-8. AsyncGeneratorEnqueue(generator, NormalCompletion(value), promiseCapability).
    vm.async_generator_enqueue(g, RESUME_NEXT, args.get(0), promise);
    // 9. A suspended generator runs now; otherwise the request waits in the queue.
    if matches!(state, AsyncGeneratorState::SuspendedStart | AsyncGeneratorState::SuspendedYield) {
        vm.async_generator_resume(g, args.get(0), RESUME_NEXT);
    }
    Ok(Value::Object(promise))
}

/// AsyncGenerator.prototype.return ( value ) (§27.6.1.3).
fn async_generator_return(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let promise = new_promise(vm);
    let (g, state) = match validate(vm, args, promise, "return") {
        Ok(x) => x,
        Err(p) => return Ok(p),
    };
    // 5-6. Enqueue the return completion.
    vm.async_generator_enqueue(g, RESUME_RETURN, args.get(0), promise);
    match state {
        // 8. Not started or completed: await the value and settle.
        AsyncGeneratorState::SuspendedStart | AsyncGeneratorState::Completed => {
            set_state(vm, g, AsyncGeneratorState::AwaitingReturn);
            vm.async_generator_await_return(g);
        }
        // 9. Suspended at a yield: resume with the return completion.
        AsyncGeneratorState::SuspendedYield => vm.async_generator_resume(g, args.get(0), RESUME_RETURN),
        // 10. Executing or awaiting-return: the request waits.
        _ => {}
    }
    Ok(Value::Object(promise))
}

/// AsyncGenerator.prototype.throw ( exception ) (§27.6.1.4).
fn async_generator_throw(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let promise = new_promise(vm);
    let (g, mut state) = match validate(vm, args, promise, "throw") {
        Ok(x) => x,
        Err(p) => return Ok(p),
    };
    // 6. A generator that has not started is completed.
    if state == AsyncGeneratorState::SuspendedStart {
        set_state(vm, g, AsyncGeneratorState::Completed);
        state = AsyncGeneratorState::Completed;
    }
    // 7. A completed generator rejects with the exception.
    if state == AsyncGeneratorState::Completed {
        reject_promise(vm, promise, args.get(0));
        return Ok(Value::Object(promise));
    }
    // 8-9. Enqueue the throw completion.
    vm.async_generator_enqueue(g, RESUME_THROW, args.get(0), promise);
    // 10. Suspended at a yield: resume with it.
    if state == AsyncGeneratorState::SuspendedYield {
        vm.async_generator_resume(g, args.get(0), RESUME_THROW);
    }
    Ok(Value::Object(promise))
}
