//! The event loop, in Node v20's order.
//!
//! * **After every macrotask** (the main script, each timer callback, each immediate) Node runs
//!   `processTicksAndRejections`: the whole `process.nextTick` queue (ticks queued by ticks
//!   included), then the whole microtask queue (promise jobs, `queueMicrotask`), again and again
//!   until both are empty; then the promises that were rejected without a handler are checked,
//!   and the first one still unhandled ends the process (Node's default `--unhandled-rejections=
//!   throw` with no `unhandledRejection` listener). See [`process_ticks_and_rejections`].
//! * **One loop iteration** (libuv's `uv_run`): the *timers* phase runs every timeout that has
//!   expired by the time the phase starts, by expiry time then creation order; the *poll* phase
//!   sleeps until the next timeout when there is nothing else to do; the *check* phase runs the
//!   immediates that were queued before it started (ones queued meanwhile wait for the next
//!   iteration). See [`run_event_loop`].
//! * The loop ends when no timer or immediate that keeps it alive (`ref`ed) is left.
//!
//! An ES module entry point runs *inside* a microtask (Node evaluates modules from a promise job),
//! which is why its promise jobs run before its `nextTick`s: see [`run_as_microtask`].

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use super::microtask::{run_microtasks, Job};
use super::timers::{arm_timeout, TimerKind};
use crate::builtins::promise::promise_state;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

/// See [`EventLoop::after_drain_hook`].
pub type AfterDrainHook = fn(&mut Vm) -> Result<(), Uncaught>;

/// A `process.nextTick(callback, ...args)` entry.
pub struct Tick {
    pub callback: Value,
    pub args: Vec<Value>,
}

/// Why the program stopped early: an exception nothing caught, or a rejection nothing handled.
pub enum Uncaught {
    Exception(Value),
    Rejection { promise: ObjRef, reason: Value },
}

/// The host's queues, kept on the `Vm` (and traced as roots).
pub struct EventLoop {
    /// V8's microtask queue: promise jobs and `queueMicrotask` callbacks.
    pub microtasks: VecDeque<Job>,
    /// Node's nextTick queue.
    pub ticks: VecDeque<Tick>,
    /// Armed timeouts by (expiry in loop ms, creation sequence).
    pub timers: BTreeMap<(u64, u64), ObjRef>,
    /// Immediates in creation order (cleared ones are skipped when reached).
    pub immediates: VecDeque<ObjRef>,
    /// The immediates of the check phase that is running.
    pub immediate_batch: VecDeque<ObjRef>,
    /// How many queued immediates are not cleared.
    pub live_immediates: usize,
    /// Armed timers and immediates that keep the loop alive.
    pub refed_handles: usize,
    /// Promises rejected while they had no handler and not handled since (Node's
    /// `pendingUnhandledRejections`), in rejection order.
    pub pending_rejections: Vec<ObjRef>,
    /// `Timeout.prototype` and `Immediate.prototype` (set by `timers::install`).
    pub timeout_prototype: Option<ObjRef>,
    pub immediate_prototype: Option<ObjRef>,
    /// What `process.exit` does after flushing (a test can replace it).
    pub exit_hook: fn(i32) -> !,
    /// Called each time the ticks and microtasks have drained (after the rejection check): the
    /// embedder's chance to end the program, e.g. when the entry module's evaluation rejected.
    pub after_drain_hook: Option<AfterDrainHook>,
    start: Instant,
    seq: u64,
    async_id: u64,
}

fn exit_process(code: i32) -> ! {
    std::process::exit(code)
}

impl Default for EventLoop {
    fn default() -> Self {
        EventLoop::new()
    }
}

impl EventLoop {
    pub fn new() -> EventLoop {
        EventLoop {
            microtasks: VecDeque::new(),
            ticks: VecDeque::new(),
            timers: BTreeMap::new(),
            immediates: VecDeque::new(),
            immediate_batch: VecDeque::new(),
            live_immediates: 0,
            refed_handles: 0,
            pending_rejections: Vec::new(),
            timeout_prototype: None,
            immediate_prototype: None,
            exit_hook: exit_process,
            after_drain_hook: None,
            start: Instant::now(),
            seq: 0,
            // Node's first user async ids start after its own bootstrap resources.
            async_id: 1,
        }
    }

    /// The loop clock: whole milliseconds since the VM started (libuv's `uv_now`).
    pub fn now(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    pub fn next_async_id(&mut self) -> u64 {
        self.async_id += 1;
        self.async_id
    }

    /// Time since the VM started (for `process.hrtime`/`uptime`).
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Whether a timer or immediate still keeps the loop alive.
    pub fn is_alive(&self) -> bool {
        self.refed_handles > 0
    }
}

impl Trace for EventLoop {
    fn trace(&self, t: &mut Tracer) {
        for job in &self.microtasks {
            job.trace(t);
        }
        for tick in &self.ticks {
            t.value(&tick.callback);
            t.values(&tick.args);
        }
        for o in self.timers.values() {
            t.obj(*o);
        }
        for o in self.immediates.iter().chain(&self.immediate_batch) {
            t.obj(*o);
        }
        for o in &self.pending_rejections {
            t.obj(*o);
        }
        self.timeout_prototype.trace(t);
        self.immediate_prototype.trace(t);
    }
}

/// Node's `processTicksAndRejections` (lib/internal/process/task_queues.js): ticks, then
/// microtasks, until both queues are empty; then the unhandled-rejection check.
pub fn process_ticks_and_rejections(vm: &mut Vm) -> Result<(), Uncaught> {
    loop {
        while let Some(tick) = vm.event_loop.ticks.pop_front() {
            vm.call(&tick.callback, Value::Undefined, &tick.args).map_err(Uncaught::Exception)?;
            vm.maybe_gc();
        }
        run_microtasks(vm).map_err(Uncaught::Exception)?;
        if !vm.event_loop.ticks.is_empty() {
            continue;
        }
        process_promise_rejections(vm)?;
        return match vm.event_loop.after_drain_hook {
            Some(hook) => hook(vm),
            None => Ok(()),
        };
    }
}

/// Node's `processPromiseRejections` in `throw` mode: the first promise that was rejected without
/// a handler and still has none is an error.
fn process_promise_rejections(vm: &mut Vm) -> Result<(), Uncaught> {
    let pending = std::mem::take(&mut vm.event_loop.pending_rejections);
    for promise in pending {
        let unhandled = matches!(&vm.heap.get(promise).kind, ObjectKind::Promise(d) if !d.is_handled);
        if unhandled {
            let reason = promise_state(vm, promise).map(|(_, r)| r).unwrap_or(Value::Undefined);
            return Err(Uncaught::Rejection { promise, reason });
        }
    }
    Ok(())
}

/// Queues `callback` as a microtask and runs the queues: how an ES module entry point is
/// evaluated (inside a job, so its promise jobs come before its ticks).
pub fn run_as_microtask(vm: &mut Vm, callback: Value) -> Result<(), Uncaught> {
    vm.event_loop.microtasks.push_back(Job::Callback { callback, args: Vec::new() });
    process_ticks_and_rejections(vm)
}

/// Runs the loop until nothing keeps it alive. Call after the main script ran and
/// [`process_ticks_and_rejections`] ran after it.
pub fn run_event_loop(vm: &mut Vm) -> Result<(), Uncaught> {
    while vm.event_loop.is_alive() {
        // Timers phase.
        let now = vm.event_loop.now();
        run_timers(vm, now)?;
        // Poll phase: nothing to wait for but timers; sleep until the first one is due.
        if vm.event_loop.live_immediates == 0 {
            if !vm.event_loop.is_alive() {
                break;
            }
            if let Some((&(expiry, _), _)) = vm.event_loop.timers.first_key_value() {
                let now = vm.event_loop.now();
                if expiry > now {
                    std::thread::sleep(Duration::from_millis(expiry - now));
                }
            }
        }
        // Check phase.
        run_immediates(vm)?;
    }
    Ok(())
}

/// Node's `processTimers`/`listOnTimeout`: every timeout due at `now`, in order, with the
/// ticks and microtasks processed after each callback.
fn run_timers(vm: &mut Vm, now: u64) -> Result<(), Uncaught> {
    while let Some((&key, &timer)) = vm.event_loop.timers.first_key_value() {
        if key.0 > now {
            break;
        }
        vm.event_loop.timers.remove(&key);
        let (callback, args, refed) = match &mut vm.heap.get_mut(timer).kind {
            ObjectKind::Timer(d) => {
                d.armed = None;
                (d.callback.clone(), d.args.clone(), d.refed)
            }
            _ => continue,
        };
        if refed {
            vm.event_loop.refed_handles -= 1;
        }
        // An interval counts its next period from before the callback runs.
        let start = vm.event_loop.now();
        // The timer is a root while its callback runs (it may clear itself).
        vm.roots.push(Value::Object(timer));
        let result = vm.call(&callback, Value::Object(timer), &args);
        vm.roots.pop();
        let still_repeating = matches!(&vm.heap.get(timer).kind, ObjectKind::Timer(d) if d.repeat && d.armed.is_none());
        if still_repeating {
            arm_timeout(vm, timer, start);
        } else if matches!(&vm.heap.get(timer).kind, ObjectKind::Timer(d) if d.armed.is_none()) {
            vm.define_value(timer, PropertyKey::from("_destroyed"), Value::Bool(true), attrs::ALL);
        }
        result.map_err(Uncaught::Exception)?;
        process_ticks_and_rejections(vm)?;
        vm.maybe_gc();
    }
    Ok(())
}

/// Node's `processImmediate`: the immediates queued before this phase, each followed by the
/// ticks and microtasks.
fn run_immediates(vm: &mut Vm) -> Result<(), Uncaught> {
    vm.event_loop.immediate_batch = std::mem::take(&mut vm.event_loop.immediates);
    while let Some(immediate) = vm.event_loop.immediate_batch.pop_front() {
        let taken = match &mut vm.heap.get_mut(immediate).kind {
            ObjectKind::Timer(d) if d.kind == TimerKind::Immediate && d.armed.is_some() => {
                d.armed = None;
                Some((d.callback.clone(), d.args.clone(), d.refed))
            }
            _ => None,
        };
        let Some((callback, args, refed)) = taken else { continue };
        vm.event_loop.live_immediates -= 1;
        if refed {
            vm.event_loop.refed_handles -= 1;
        }
        vm.define_value(immediate, PropertyKey::from("_destroyed"), Value::Bool(true), attrs::ALL);
        vm.roots.push(Value::Object(immediate));
        let result = vm.call(&callback, Value::Object(immediate), &args);
        vm.roots.pop();
        result.map_err(Uncaught::Exception)?;
        process_ticks_and_rejections(vm)?;
        vm.maybe_gc();
    }
    Ok(())
}
