//! Timers and immediates as Node provides them (lib/timers.js, lib/internal/timers.js):
//! `setTimeout`, `setInterval`, `setImmediate` and their `clear*` functions, and the `Timeout` /
//! `Immediate` objects they return.
//!
//! A timer's state lives in its object (`ObjectKind::Timer(TimerData)`); the event loop keeps the
//! armed timeouts in a map ordered by (expiry, creation order) and the immediates in a FIFO queue
//! (`event_loop.rs` runs them). Delays follow Node: the argument is converted with ToNumber, and
//! anything that is not in `1..=2^31-1` becomes 1 ms.

use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

/// Node's TIMEOUT_MAX: the longest delay (2^31 - 1 ms).
const TIMEOUT_MAX: f64 = 2147483647.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TimerKind {
    /// `setTimeout` or `setInterval` (a repeating timeout).
    Timeout,
    Immediate,
}

/// The state of a `Timeout` or `Immediate` object.
pub struct TimerData {
    pub kind: TimerKind,
    /// The async id, which is also the timer's primitive value (`+timeout`).
    pub id: u64,
    pub callback: Value,
    pub args: Vec<Value>,
    /// The delay in ms (after Node's clamping).
    pub delay: f64,
    /// `setInterval`: re-armed after each run.
    pub repeat: bool,
    /// Whether the timer keeps the event loop alive (`ref()`/`unref()`).
    pub refed: bool,
    /// The key in the armed-timeouts map (timeouts), or `Some((0, seq))` for a queued immediate;
    /// `None` when the timer is not armed (ran, or was cleared).
    pub armed: Option<(u64, u64)>,
    /// Cleared by `clearTimeout`/`close()`: `refresh()` no longer re-arms it.
    pub cleared: bool,
}

impl Trace for TimerData {
    fn trace(&self, t: &mut Tracer) {
        t.value(&self.callback);
        t.values(&self.args);
    }
}

fn timer_data(vm: &mut Vm, o: ObjRef) -> Option<&mut TimerData> {
    match &mut vm.heap.get_mut(o).kind {
        ObjectKind::Timer(d) => Some(d),
        _ => None,
    }
}

/// Node's delay normalisation (`after *= 1; if (!(after >= 1 && after <= TIMEOUT_MAX)) after = 1`).
fn normalise_delay(vm: &mut Vm, after: &Value) -> JsResult<f64> {
    let n = vm.to_number(after)?;
    Ok(if (1.0..=TIMEOUT_MAX).contains(&n) { n } else { 1.0 })
}

/// Creates a Timeout object and arms it.
fn create_timeout(vm: &mut Vm, args: &CallArgs, repeat: bool) -> JsResult<Value> {
    let callback = args.get(0);
    super::check_callback(vm, &callback)?;
    let delay = normalise_delay(vm, &args.get(1))?;
    let extra = args.rest(2).to_vec();
    let id = vm.event_loop.next_async_id();
    let proto = vm.event_loop.timeout_prototype;
    let timer_args = if extra.is_empty() { Value::Undefined } else { Value::Object(vm.create_array_from_list(extra.clone())) };
    let data = TimerData {
        kind: TimerKind::Timeout,
        id,
        callback: callback.clone(),
        args: extra,
        delay,
        repeat,
        refed: true,
        armed: None,
        cleared: false,
    };
    let obj = vm.heap.alloc(Object::new(proto, ObjectKind::Timer(Box::new(data))));
    // The own properties Node's Timeout has that do not depend on its list bookkeeping.
    let repeat_value = if repeat { Value::Number(delay) } else { Value::Null };
    vm.define_value(obj, PropertyKey::from("_idleTimeout"), Value::Number(delay), attrs::ALL);
    vm.define_value(obj, PropertyKey::from("_onTimeout"), callback, attrs::ALL);
    vm.define_value(obj, PropertyKey::from("_timerArgs"), timer_args, attrs::ALL);
    vm.define_value(obj, PropertyKey::from("_repeat"), repeat_value, attrs::ALL);
    vm.define_value(obj, PropertyKey::from("_destroyed"), Value::Bool(false), attrs::ALL);
    let now = vm.event_loop.now();
    arm_timeout(vm, obj, now);
    Ok(Value::Object(obj))
}

/// Inserts a timeout into the armed map, expiring `delay` ms after `start`.
pub(crate) fn arm_timeout(vm: &mut Vm, obj: ObjRef, start: u64) {
    disarm(vm, obj);
    let seq = vm.event_loop.next_seq();
    let Some(data) = timer_data(vm, obj) else { return };
    let expiry = start + data.delay.ceil() as u64;
    data.armed = Some((expiry, seq));
    let refed = data.refed;
    vm.event_loop.timers.insert((expiry, seq), obj);
    if refed {
        vm.event_loop.refed_handles += 1;
    }
}

/// Removes a timer (timeout or immediate) from its queue, if armed.
pub(crate) fn disarm(vm: &mut Vm, obj: ObjRef) {
    let Some(data) = timer_data(vm, obj) else { return };
    let Some(key) = data.armed.take() else { return };
    let (kind, refed) = (data.kind, data.refed);
    if refed {
        vm.event_loop.refed_handles -= 1;
    }
    match kind {
        TimerKind::Timeout => {
            vm.event_loop.timers.remove(&key);
        }
        // Immediates are skipped lazily when their turn comes.
        TimerKind::Immediate => vm.event_loop.live_immediates -= 1,
    }
}

/// setTimeout(callback, delay, ...args).
fn set_timeout(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_timeout(vm, args, false)
}

/// setInterval(callback, delay, ...args).
fn set_interval(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_timeout(vm, args, true)
}

/// setImmediate(callback, ...args).
fn set_immediate(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let callback = args.get(0);
    super::check_callback(vm, &callback)?;
    let extra = args.rest(1).to_vec();
    let id = vm.event_loop.next_async_id();
    let seq = vm.event_loop.next_seq();
    let proto = vm.event_loop.immediate_prototype;
    let argv = if extra.is_empty() { Value::Undefined } else { Value::Object(vm.create_array_from_list(extra.clone())) };
    let data = TimerData {
        kind: TimerKind::Immediate,
        id,
        callback: callback.clone(),
        args: extra,
        delay: 0.0,
        repeat: false,
        refed: true,
        armed: Some((0, seq)),
        cleared: false,
    };
    let obj = vm.heap.alloc(Object::new(proto, ObjectKind::Timer(Box::new(data))));
    vm.define_value(obj, PropertyKey::from("_onImmediate"), callback, attrs::ALL);
    vm.define_value(obj, PropertyKey::from("_argv"), argv, attrs::ALL);
    vm.define_value(obj, PropertyKey::from("_destroyed"), Value::Bool(false), attrs::ALL);
    vm.event_loop.immediates.push_back(obj);
    vm.event_loop.live_immediates += 1;
    vm.event_loop.refed_handles += 1;
    Ok(Value::Object(obj))
}

/// The timer an argument of `clearTimeout` names: a Timeout object, or the number (or numeric
/// string) its `[Symbol.toPrimitive]` returned.
fn timer_from_argument(vm: &mut Vm, v: &Value, kind: TimerKind) -> Option<ObjRef> {
    match v {
        Value::Object(o) => match &vm.heap.get(*o).kind {
            ObjectKind::Timer(d) if d.kind == kind => Some(*o),
            _ => None,
        },
        Value::Number(_) | Value::String(_) if kind == TimerKind::Timeout => {
            let n = vm.to_number(v).ok()?;
            vm.event_loop.timers.values().copied().find(|o| match &vm.heap.get(*o).kind {
                ObjectKind::Timer(d) => d.id as f64 == n,
                _ => false,
            })
        }
        _ => None,
    }
}

/// clearTimeout(timeout) / clearInterval(timeout): both accept either kind of Timeout.
fn clear_timeout(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(t) = timer_from_argument(vm, &args.get(0), TimerKind::Timeout) {
        unenroll(vm, t);
    }
    Ok(Value::Undefined)
}

/// Disarms a timeout for good, as Node's `unenroll` does (`_destroyed`, `_idleTimeout = -1`).
pub(crate) fn unenroll(vm: &mut Vm, t: ObjRef) {
    disarm(vm, t);
    if let Some(d) = timer_data(vm, t) {
        d.repeat = false;
        d.cleared = true;
    }
    vm.define_value(t, PropertyKey::from("_idleTimeout"), Value::Number(-1.0), attrs::ALL);
    vm.define_value(t, PropertyKey::from("_destroyed"), Value::Bool(true), attrs::ALL);
}

/// clearImmediate(immediate).
fn clear_immediate(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(t) = timer_from_argument(vm, &args.get(0), TimerKind::Immediate) {
        disarm(vm, t);
        vm.define_value(t, PropertyKey::from("_destroyed"), Value::Bool(true), attrs::ALL);
    }
    Ok(Value::Undefined)
}

// ----- Timeout.prototype / Immediate.prototype ---------------------------------------------------

fn this_timer(vm: &mut Vm, args: &CallArgs) -> Option<ObjRef> {
    match &args.this {
        Value::Object(o) if matches!(vm.heap.get(*o).kind, ObjectKind::Timer(_)) => Some(*o),
        _ => None,
    }
}

/// Sets whether a timer keeps the loop alive, keeping the count of such handles.
fn set_refed(vm: &mut Vm, t: ObjRef, refed: bool) {
    let Some(d) = timer_data(vm, t) else { return };
    if d.refed == refed {
        return;
    }
    d.refed = refed;
    if d.armed.is_some() {
        if refed {
            vm.event_loop.refed_handles += 1;
        } else {
            vm.event_loop.refed_handles -= 1;
        }
    }
}

/// `timer.ref()`: returns the timer.
fn timer_ref(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(t) = this_timer(vm, args) {
        set_refed(vm, t, true);
    }
    Ok(args.this.clone())
}

/// `timer.unref()`: returns the timer.
fn timer_unref(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(t) = this_timer(vm, args) {
        set_refed(vm, t, false);
    }
    Ok(args.this.clone())
}

/// `timer.hasRef()`.
fn timer_has_ref(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let refed = this_timer(vm, args).and_then(|t| timer_data(vm, t).map(|d| d.refed)).unwrap_or(false);
    Ok(Value::Bool(refed))
}

/// `timeout.refresh()`: restart the countdown from now (also re-arms a timeout that already
/// ran, as Node does). Returns the timer.
fn timeout_refresh(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(t) = this_timer(vm, args) {
        if timer_data(vm, t).is_some_and(|d| d.kind == TimerKind::Timeout && !d.cleared) {
            let now = vm.event_loop.now();
            arm_timeout(vm, t, now);
        }
    }
    Ok(args.this.clone())
}

/// `timeout.close()`: clearTimeout(this); returns the timer.
fn timeout_close(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(t) = this_timer(vm, args) {
        unenroll(vm, t);
    }
    Ok(args.this.clone())
}

/// `timeout[Symbol.toPrimitive]()`: the timer's id, accepted by `clearTimeout`.
fn timeout_to_primitive(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let id = this_timer(vm, args).and_then(|t| timer_data(vm, t).map(|d| d.id)).unwrap_or(0);
    Ok(Value::Number(id as f64))
}

/// A constructor-like function (so that `util.inspect` names instances `Timeout` / `Immediate`)
/// which throws when called: only the timer functions create timers.
fn timer_class_constructor(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Err(vm.throw_type_error("Illegal constructor"))
}

fn make_class(vm: &mut Vm, name: &str) -> ObjRef {
    let ctor = vm.new_native_function(name, 0, timer_class_constructor);
    let proto = vm.new_object();
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    proto
}

pub fn install(vm: &mut Vm) {
    let timeout_proto = make_class(vm, "Timeout");
    vm.define_method(timeout_proto, "refresh", 0, timeout_refresh);
    vm.define_method(timeout_proto, "unref", 0, timer_unref);
    vm.define_method(timeout_proto, "ref", 0, timer_ref);
    vm.define_method(timeout_proto, "hasRef", 0, timer_has_ref);
    vm.define_method(timeout_proto, "close", 0, timeout_close);
    let to_prim = vm.symbols.to_primitive.clone();
    vm.define_symbol_method(timeout_proto, to_prim, 0, timeout_to_primitive, attrs::BUILTIN);
    vm.event_loop.timeout_prototype = Some(timeout_proto);

    let immediate_proto = make_class(vm, "Immediate");
    vm.define_method(immediate_proto, "ref", 0, timer_ref);
    vm.define_method(immediate_proto, "unref", 0, timer_unref);
    vm.define_method(immediate_proto, "hasRef", 0, timer_has_ref);
    vm.event_loop.immediate_prototype = Some(immediate_proto);

    let global = vm.global();
    let functions: [(&str, u32, crate::native::NativeFn); 6] = [
        ("clearImmediate", 1, clear_immediate),
        ("setImmediate", 4, set_immediate),
        ("clearInterval", 1, clear_timeout),
        ("clearTimeout", 1, clear_timeout),
        ("setInterval", 5, set_interval),
        ("setTimeout", 5, set_timeout),
    ];
    for (name, length, f) in functions {
        let func = vm.new_native_function(name, length, f);
        vm.define_value(global, PropertyKey::from(name), Value::Object(func), attrs::ALL);
    }
}
