//! Async generators (§27.6): an async generator object holds a suspended frame (the one
//! suspension mechanism, see `generator.rs`) and the [[AsyncGeneratorQueue]] of requests made by
//! `next`/`return`/`throw`. Each request carries its own promise; the body settles the request
//! at the head of the queue when it yields (`{ value, done: false }`), returns or throws. While
//! the body awaits, the frame is parked in the same object and resumed by promise reactions
//! (`async_function.rs`).

use std::collections::VecDeque;

use super::generator::{SuspendedFrame, RESUME_RETURN, RESUME_THROW};
use crate::builtins::promise::{perform_promise_then, promise_resolve, reject_promise, resolve_promise};
use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::PropertyKey;
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// [[AsyncGeneratorState]].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AsyncGeneratorState {
    SuspendedStart,
    SuspendedYield,
    /// Running, or suspended at an `await` (then `frame` holds the frame).
    Executing,
    AwaitingReturn,
    Completed,
}

/// An AsyncGeneratorRequest: the completion to resume with (a resumption mode and value) and
/// the promise of the `next`/`return`/`throw` call that made it.
pub struct AsyncGeneratorRequest {
    pub mode: i32,
    pub value: Value,
    pub promise: ObjRef,
}

/// An async generator object's internal slots.
pub struct AsyncGeneratorData {
    pub state: AsyncGeneratorState,
    pub frame: Option<SuspendedFrame>,
    pub queue: VecDeque<AsyncGeneratorRequest>,
}

impl Trace for AsyncGeneratorData {
    fn trace(&self, t: &mut Tracer) {
        if let Some(f) = &self.frame {
            f.trace(t);
        }
        for r in &self.queue {
            t.value(&r.value);
            t.obj(r.promise);
        }
    }
}

impl Vm {
    /// The async generator object of a new activation (OrdinaryCreateFromConstructor with the
    /// function's `prototype`, falling back to %AsyncGeneratorPrototype%).
    pub(super) fn new_async_generator_object(&mut self, callee: Option<ObjRef>) -> JsResult<ObjRef> {
        let fallback = self.intrinsic(Intrinsic::AsyncGeneratorPrototype);
        let proto = match callee {
            Some(c) => {
                let key = self.interp.common_keys.prototype.clone();
                match self.get(c, &key)? {
                    Value::Object(p) => p,
                    _ => fallback,
                }
            }
            None => fallback,
        };
        Ok(self.heap.alloc(Object::new(
            Some(proto),
            ObjectKind::AsyncGenerator(Box::new(AsyncGeneratorData {
                state: AsyncGeneratorState::SuspendedStart,
                frame: None,
                queue: VecDeque::new(),
            })),
        )))
    }

    pub(crate) fn async_generator_data(&mut self, g: ObjRef) -> Option<&mut AsyncGeneratorData> {
        match &mut self.heap.get_mut(g).kind {
            ObjectKind::AsyncGenerator(d) => Some(d),
            _ => None,
        }
    }

    pub(crate) fn is_async_generator(&self, g: ObjRef) -> bool {
        matches!(self.heap.get(g).kind, ObjectKind::AsyncGenerator(_))
    }

    /// AsyncGeneratorEnqueue (§27.6.3.4).
    pub(crate) fn async_generator_enqueue(&mut self, g: ObjRef, mode: i32, value: Value, promise: ObjRef) {
        if let Some(d) = self.async_generator_data(g) {
            d.queue.push_back(AsyncGeneratorRequest { mode, value, promise });
        }
    }

    /// AsyncGeneratorCompleteStep (§27.6.3.6): settles the promise of the request at the head
    /// of the queue (removing it) with `completion`, as an iterator result when normal.
    pub(crate) fn async_generator_complete_step(&mut self, g: ObjRef, completion: Result<Value, Value>, done: bool) {
        // 1-3. Remove the first request.
        let Some(next) = self.async_generator_data(g).and_then(|d| d.queue.pop_front()) else {
            return;
        };
        match completion {
            // 5. A throw completion rejects.
            Err(e) => reject_promise(self, next.promise, e),
            // 6. A normal completion resolves with CreateIterResultObject(value, done).
            Ok(v) => {
                let result = self.create_iter_result_object(v, done);
                resolve_promise(self, next.promise, Value::Object(result));
            }
        }
    }

    /// AsyncGeneratorResume (§27.6.3.7): runs the suspended body with `completion` until it
    /// yields, awaits or finishes.
    pub(crate) fn async_generator_resume(&mut self, g: ObjRef, value: Value, mode: i32) {
        let frame = match self.async_generator_data(g) {
            Some(d) => {
                // 5. Set generator.[[AsyncGeneratorState]] to executing.
                d.state = AsyncGeneratorState::Executing;
                d.frame.take()
            }
            None => return,
        };
        let Some(frame) = frame else {
            // Nothing left to run: the body is over.
            self.async_generator_body_completed(g, Ok(Value::Undefined));
            return;
        };
        if let Err(e) = super::calls::check_depth(self).and_then(|_| self.push_suspended(frame, value, mode, g)) {
            self.async_generator_body_completed(g, Err(e));
            return;
        }
        // 6-8. Resume it; it hands control back (to here) when it yields, awaits or finishes,
        // each of which has already done its bookkeeping.
        self.native_depth += 1;
        let r = super::dispatch::run(self);
        self.native_depth -= 1;
        if let Err(e) = r {
            self.async_generator_body_completed(g, Err(e));
        }
    }

    /// AsyncGeneratorStart step 4.e-i: the body returned `v` or threw: the generator is
    /// completed, the head request gets the result and the other requests are drained.
    pub(crate) fn async_generator_body_completed(&mut self, g: ObjRef, result: Result<Value, Value>) {
        match self.async_generator_data(g) {
            Some(d) => {
                d.state = AsyncGeneratorState::Completed;
                d.frame = None;
            }
            None => return,
        }
        self.async_generator_complete_step(g, result, true);
        self.async_generator_drain_queue(g);
    }

    /// AsyncGeneratorYield (§27.6.3.8) of an already awaited `value`, from the body's frame at
    /// `pc`: settles the head request with `{ value, done: false }`. When another request is
    /// waiting, the body continues at once with its completion (returned as value and mode);
    /// otherwise the frame is suspended (`None`).
    pub(super) fn async_generator_yield(
        &mut self,
        pc: usize,
        value: Value,
        dst: u16,
        mode: u16,
    ) -> Option<(Value, i32)> {
        let g = self.interp.frames.last().and_then(|f| f.generator)?;
        // 9. AsyncGeneratorCompleteStep(generator, completion, false).
        self.async_generator_complete_step(g, Ok(value), false);
        // 10-11. A queued request resumes the body without suspending it.
        if let Some(next) = self.async_generator_data(g).and_then(|d| d.queue.front()) {
            return Some((next.value.clone(), next.mode));
        }
        // 12. Otherwise suspend: state suspended-yield, control back to the caller.
        let (s, _) = self.suspend_top_frame(pc, dst, mode)?;
        if let Some(d) = self.async_generator_data(g) {
            d.state = AsyncGeneratorState::SuspendedYield;
            d.frame = Some(s);
        }
        None
    }

    /// AsyncGeneratorAwaitReturn (§27.6.3.9): the head request is a `return`: await its value,
    /// then settle it (`{ value, done: true }` or a rejection) and drain the queue.
    pub(crate) fn async_generator_await_return(&mut self, g: ObjRef) {
        // 1-5. The completion of the head request.
        let value = match self.async_generator_data(g).and_then(|d| d.queue.front()) {
            Some(r) => r.value.clone(),
            None => return,
        };
        // 6. Let promiseCompletion be Completion(PromiseResolve(%Promise%, completion.[[Value]])).
        let ctor = Value::Object(self.intrinsic(Intrinsic::Promise));
        let promise = match promise_resolve(self, &ctor, value) {
            Ok(p) => p,
            Err(e) => {
                // 7. An abrupt completion settles the request at once.
                if let Some(d) = self.async_generator_data(g) {
                    d.state = AsyncGeneratorState::Completed;
                }
                self.async_generator_complete_step(g, Err(e), true);
                self.async_generator_drain_queue(g);
                return;
            }
        };
        // 10-14. Reactions completing the step.
        let slots = vec![Value::Object(g)];
        let on_fulfilled =
            self.new_native_function_with_slots(PropertyKey::from(""), 1, await_return_fulfilled, slots.clone(), false);
        let on_rejected =
            self.new_native_function_with_slots(PropertyKey::from(""), 1, await_return_rejected, slots, false);
        perform_promise_then(self, promise, Value::Object(on_fulfilled), Value::Object(on_rejected), None);
    }

    /// AsyncGeneratorDrainQueue (§27.6.3.10): settles the requests made after the body
    /// completed, until one is a `return` (which awaits its value first).
    pub(crate) fn async_generator_drain_queue(&mut self, g: ObjRef) {
        loop {
            // 3. If queue is empty, return.
            let Some(d) = self.async_generator_data(g) else {
                return;
            };
            let Some(next) = d.queue.front() else { return };
            let (mode, value) = (next.mode, next.value.clone());
            match mode {
                // 5.c. A return completion awaits its value.
                RESUME_RETURN => {
                    d.state = AsyncGeneratorState::AwaitingReturn;
                    self.async_generator_await_return(g);
                    return;
                }
                // 5.d. A throw completion rejects; a normal one gives `{ undefined, done: true }`.
                RESUME_THROW => self.async_generator_complete_step(g, Err(value), true),
                _ => self.async_generator_complete_step(g, Ok(Value::Undefined), true),
            }
        }
    }

    /// Resumes an async generator's frame parked at an `await` (from the await reactions).
    pub(super) fn async_generator_resume_await(&mut self, g: ObjRef, value: Value, mode: i32) -> JsResult<Value> {
        let frame = match self.async_generator_data(g) {
            Some(d) if d.state == AsyncGeneratorState::Executing => d.frame.take(),
            _ => None,
        };
        let Some(frame) = frame else {
            return Ok(Value::Undefined);
        };
        if let Err(e) = super::calls::check_depth(self).and_then(|_| self.push_suspended(frame, value, mode, g)) {
            self.async_generator_body_completed(g, Err(e));
            return Ok(Value::Undefined);
        }
        self.native_depth += 1;
        let r = super::dispatch::run(self);
        self.native_depth -= 1;
        if let Err(e) = r {
            self.async_generator_body_completed(g, Err(e));
        }
        Ok(Value::Undefined)
    }
}

fn generator_of(vm: &Vm, args: &CallArgs) -> Option<ObjRef> {
    match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(nf) => nf.slots.first().and_then(|v| v.as_object()),
        _ => None,
    }
}

/// AsyncGeneratorAwaitReturn's fulfilledClosure (step 10).
fn await_return_fulfilled(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(g) = generator_of(vm, args) {
        if let Some(d) = vm.async_generator_data(g) {
            d.state = AsyncGeneratorState::Completed;
        }
        vm.async_generator_complete_step(g, Ok(args.get(0)), true);
        vm.async_generator_drain_queue(g);
    }
    Ok(Value::Undefined)
}

/// AsyncGeneratorAwaitReturn's rejectedClosure (step 12).
fn await_return_rejected(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(g) = generator_of(vm, args) {
        if let Some(d) = vm.async_generator_data(g) {
            d.state = AsyncGeneratorState::Completed;
        }
        vm.async_generator_complete_step(g, Err(args.get(0)), true);
        vm.async_generator_drain_queue(g);
    }
    Ok(Value::Undefined)
}
