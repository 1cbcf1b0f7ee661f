//! The microtask queue: V8's queue of promise jobs (HostEnqueuePromiseJob, §9.5.5) and
//! `queueMicrotask` callbacks, run in FIFO order. Node drains it from `processTicksAndRejections`
//! (see `event_loop.rs`).

use crate::builtins::promise::{promise_reaction_job, promise_resolve_thenable_job, PromiseReaction};
use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::native::CallArgs;
use crate::value::Value;
use crate::vm::Vm;

/// One microtask.
pub enum Job {
    /// NewPromiseReactionJob (§27.2.2.1).
    PromiseReaction { reaction: PromiseReaction, argument: Value },
    /// NewPromiseResolveThenableJob (§27.2.2.2).
    PromiseResolveThenable { promise: ObjRef, thenable: Value, then: Value },
    /// A function called with `this` undefined: `queueMicrotask(callback)`, or host work such as
    /// evaluating an ES module entry point inside a job, as Node does.
    Callback { callback: Value, args: Vec<Value> },
}

impl Trace for Job {
    fn trace(&self, t: &mut Tracer) {
        match self {
            Job::PromiseReaction { reaction, argument } => {
                reaction.trace(t);
                t.value(argument);
            }
            Job::PromiseResolveThenable { promise, thenable, then } => {
                t.obj(*promise);
                t.value(thenable);
                t.value(then);
            }
            Job::Callback { callback, args } => {
                t.value(callback);
                t.values(args);
            }
        }
    }
}

/// Runs one job. An `Err` is an exception nothing caught (Node reports it as uncaught).
pub fn run_job(vm: &mut Vm, job: Job) -> JsResult<()> {
    match job {
        Job::PromiseReaction { reaction, argument } => promise_reaction_job(vm, reaction, argument),
        Job::PromiseResolveThenable { promise, thenable, then } => {
            promise_resolve_thenable_job(vm, promise, thenable, then)
        }
        Job::Callback { callback, args } => vm.call(&callback, Value::Undefined, &args).map(|_| ()),
    }
}

/// Runs microtasks until the queue is empty (jobs queued meanwhile run too), collecting garbage
/// between jobs when due. Stops at the first uncaught exception.
pub fn run_microtasks(vm: &mut Vm) -> JsResult<()> {
    while let Some(job) = vm.event_loop.microtasks.pop_front() {
        run_job(vm, job)?;
        vm.maybe_gc();
    }
    Ok(())
}

/// `queueMicrotask(callback)` (HTML's microtask queuing, as Node exposes it).
pub fn queue_microtask(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let callback = args.get(0);
    super::check_callback(vm, &callback)?;
    vm.event_loop.microtasks.push_back(Job::Callback { callback, args: Vec::new() });
    Ok(Value::Undefined)
}
