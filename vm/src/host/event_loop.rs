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
//! * **I/O completions** (the `fs` callbacks) are delivered in the *poll* phase. The work itself
//!   is done when it is requested; only its callback waits, for as many loop iterations as
//!   libuv's thread-pool round trips would take (see [`IoCompletion`]).
//! * The loop ends when no timer, immediate or pending I/O that keeps it alive is left.
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

/// A finished I/O request whose callback is still to be delivered in a poll phase.
///
/// Node's asynchronous file operations are chains of thread-pool requests (`readFile` is open,
/// fstat, read, close), each completing in a later poll phase. `steps` is that number of round
/// trips; one step completes per poll phase. A step submitted during the current iteration is
/// only complete when the poll phase would block anyway (nothing else to run); while immediates
/// are waiting, the poll phase only collects steps submitted two iterations ago or earlier —
/// thread-pool work takes longer than a turn of the loop.
pub struct IoCompletion {
    pub steps: u32,
    /// The loop iteration in which the current step was submitted.
    pub submitted: u64,
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
    /// I/O requests whose callbacks wait for a poll phase, in submission order.
    pub io: VecDeque<IoCompletion>,
    /// Loop iterations started so far (0 while the main program runs).
    pub iteration: u64,
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
            io: VecDeque::new(),
            iteration: 0,
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

    /// Whether a timer, immediate or I/O request still keeps the loop alive.
    pub fn is_alive(&self) -> bool {
        self.refed_handles > 0 || !self.io.is_empty()
    }

    /// Queues the callback of an I/O request that takes `steps` thread-pool round trips.
    pub fn queue_io(&mut self, steps: u32, callback: Value, args: Vec<Value>) {
        let submitted = self.iteration;
        self.io.push_back(IoCompletion { steps: steps.max(1), submitted, callback, args });
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
        for io in &self.io {
            t.value(&io.callback);
            t.values(&io.args);
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
        vm.event_loop.iteration += 1;
        // Timers phase.
        let now = vm.event_loop.now();
        run_timers(vm, now)?;
        // Poll phase: I/O callbacks; with nothing else to do, sleep until the first timer is due.
        if !vm.event_loop.io.is_empty() {
            run_io(vm)?;
        } else if vm.event_loop.live_immediates == 0 {
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

/// The poll phase's I/O: advances every pending request by one step (see [`IoCompletion`]) and
/// runs the callbacks of those that finished, in submission order, each followed by the ticks
/// and microtasks.
fn run_io(vm: &mut Vm) -> Result<(), Uncaught> {
    let iteration = vm.event_loop.iteration;
    let blocking = vm.event_loop.live_immediates == 0;
    let ready_before = if blocking { iteration + 1 } else { iteration.saturating_sub(1) };
    let mut done = Vec::new();
    let mut kept = VecDeque::new();
    for mut io in std::mem::take(&mut vm.event_loop.io) {
        if io.submitted < ready_before {
            io.steps -= 1;
            io.submitted = iteration;
            if io.steps == 0 {
                done.push(io);
                continue;
            }
        }
        kept.push_back(io);
    }
    vm.event_loop.io = kept;
    // The finished callbacks are roots while they wait their turn.
    let base = vm.roots.len();
    for io in &done {
        vm.roots.push(io.callback.clone());
        vm.roots.extend(io.args.iter().cloned());
    }
    let mut result = Ok(());
    for io in done {
        if let Err(e) = vm.call(&io.callback, Value::Undefined, &io.args) {
            result = Err(Uncaught::Exception(e));
            break;
        }
        if let Err(u) = process_ticks_and_rejections(vm) {
            result = Err(u);
            break;
        }
    }
    vm.roots.truncate(base);
    vm.maybe_gc();
    result
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
