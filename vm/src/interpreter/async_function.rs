//! Async functions (§27.7): an activation runs synchronously until its first `await`, then its
//! frame is suspended (the generator mechanism) and resumed by promise reactions. The call
//! returns the activation's promise, settled when the body returns or throws.

use super::generator::{GeneratorData, GeneratorStatus, RESUME_NEXT, RESUME_THROW};
use crate::builtins::promise::{new_promise, perform_promise_then, promise_resolve, reject_promise, resolve_promise};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::PropertyKey;
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// AsyncFunctionStart's setup: the activation's state object and its result promise.
    pub(super) fn async_start(&mut self) -> ObjRef {
        let promise = new_promise(self);
        let proto = self.intrinsic(Intrinsic::ObjectPrototype);
        self.heap.alloc(Object::new(
            Some(proto),
            ObjectKind::Generator(Box::new(GeneratorData {
                status: GeneratorStatus::Executing,
                frame: None,
                promise: Some(promise),
                suspended_once: false,
            })),
        ))
    }

    /// The promise of an async activation, if `state` is one.
    pub(super) fn async_promise(&mut self, state: ObjRef) -> Option<ObjRef> {
        self.generator_data(state).and_then(|d| d.promise)
    }

    /// What a suspending or finishing async frame hands back to whoever ran it: the promise
    /// the first time (the caller of the async function), `undefined` afterwards (a reaction
    /// job).
    pub(super) fn async_handoff(&mut self, state: ObjRef) -> Value {
        let Some(d) = self.generator_data(state) else { return Value::Undefined };
        let first = !d.suspended_once;
        d.suspended_once = true;
        match (first, d.promise) {
            (true, Some(p)) => Value::Object(p),
            _ => Value::Undefined,
        }
    }

    /// The body returned `v`: resolve the promise.
    pub(super) fn async_complete(&mut self, state: ObjRef, result: Result<Value, Value>) {
        let promise = match self.generator_data(state) {
            Some(d) => {
                d.status = GeneratorStatus::Completed;
                d.frame = None;
                d.promise
            }
            None => None,
        };
        if let Some(p) = promise {
            match result {
                Ok(v) => resolve_promise(self, p, v),
                Err(e) => reject_promise(self, p, e),
            }
        }
    }

    /// Await's reactions (§27.7.5.3 steps 3-9): `PromiseResolve(%Promise%, v)`, then
    /// continuations that resume `state`.
    pub(super) fn await_value(&mut self, state: ObjRef, v: Value) -> JsResult<()> {
        let ctor = Value::Object(self.intrinsic(Intrinsic::Promise));
        let promise = promise_resolve(self, &ctor, v)?;
        let on_fulfilled = self.new_native_function_with_slots(
            PropertyKey::from(""),
            1,
            await_fulfilled,
            vec![Value::Object(state)],
            false,
        );
        let on_rejected = self.new_native_function_with_slots(
            PropertyKey::from(""),
            1,
            await_rejected,
            vec![Value::Object(state)],
            false,
        );
        perform_promise_then(self, promise, Value::Object(on_fulfilled), Value::Object(on_rejected), None);
        Ok(())
    }

    /// Resumes a suspended async activation with a value (or a throw).
    fn async_resume(&mut self, state: ObjRef, value: Value, mode: i32) -> JsResult<Value> {
        if self.is_async_generator(state) {
            return self.async_generator_resume_await(state, value, mode);
        }
        super::calls::check_depth(self)?;
        let frame = match self.generator_data(state) {
            Some(d) if d.status == GeneratorStatus::SuspendedYield => {
                d.status = GeneratorStatus::Executing;
                d.frame.take()
            }
            _ => None,
        };
        let Some(frame) = frame else { return Ok(Value::Undefined) };
        self.push_suspended(frame, value, mode, state)?;
        self.native_depth += 1;
        let r = super::dispatch::run(self);
        self.native_depth -= 1;
        r.map(|_| Value::Undefined)
    }
}

fn state_of(vm: &Vm, args: &CallArgs) -> Option<ObjRef> {
    match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(nf) => nf.slots.first().and_then(|v| v.as_object()),
        _ => None,
    }
}

/// Await Fulfilled Functions.
fn await_fulfilled(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(state) = state_of(vm, args) else { return Ok(Value::Undefined) };
    vm.async_resume(state, args.get(0), RESUME_NEXT)
}

/// Await Rejected Functions.
fn await_rejected(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(state) = state_of(vm, args) else { return Ok(Value::Undefined) };
    vm.async_resume(state, args.get(0), RESUME_THROW)
}
