//! Promises, the job queues and the event loop, driven from Rust with built-in functions as
//! callbacks (no interpreter involved). Each ordering asserted here was checked against node v20
//! with the equivalent JavaScript (quoted above each test).

use modjs_vm::builtins::promise::{
    new_promise, perform_promise_then, promise_resolve, promise_state, reject_promise, resolve_promise,
    PromiseState,
};
use modjs_vm::host::event_loop::{process_ticks_and_rejections, run_as_microtask, run_event_loop, Uncaught};
use modjs_vm::object::ObjectKind;
use modjs_vm::{CallArgs, JsResult, ObjRef, PropertyKey, Value, Vm};

/// A built-in that appends `label` (and its first argument, when there is one) to the log.
fn log_fn(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (log, label, result) = slots(vm, args.callee);
    let mut entry = label.to_rust_lossy_string();
    if !args.is_empty() {
        entry.push(':');
        entry.push_str(&show(vm, &args.get(0)));
    }
    push_log(vm, log, entry);
    Ok(result)
}

trait Lossy {
    fn to_rust_lossy_string(&self) -> String;
}
impl Lossy for Value {
    fn to_rust_lossy_string(&self) -> String {
        match self {
            Value::String(s) => s.to_rust_lossy(),
            _ => String::new(),
        }
    }
}

fn slots(vm: &Vm, f: ObjRef) -> (ObjRef, Value, Value) {
    match &vm.heap.get(f).kind {
        ObjectKind::NativeFunction(nf) => {
            let log = nf.slots[0].as_object().expect("log array");
            (log, nf.slots[1].clone(), nf.slots.get(2).cloned().unwrap_or(Value::Undefined))
        }
        _ => panic!("not a native"),
    }
}

fn show(vm: &mut Vm, v: &Value) -> String {
    match v {
        Value::Object(o) => {
            if let ObjectKind::Array(a) = &vm.heap.get(*o).kind {
                let items = a.dense.clone();
                let parts: Vec<String> = items.iter().map(|x| show(vm, x)).collect();
                return format!("[{}]", parts.join(","));
            }
            let msg = vm.get(*o, &PropertyKey::from("message")).unwrap_or(Value::Undefined);
            match msg {
                Value::String(s) => s.to_rust_lossy(),
                _ => "object".into(),
            }
        }
        other => vm.to_string(other).map(|s| s.to_rust_lossy()).unwrap_or_default(),
    }
}

fn push_log(vm: &mut Vm, log: ObjRef, entry: String) {
    if let ObjectKind::Array(a) = &mut vm.heap.get_mut(log).kind {
        a.dense.push(Value::from(entry.as_str()));
        a.length += 1;
    }
}

/// `[Symbol.iterator]` of the test iterables: an iterator over the array in slot 0.
fn iterable_iterator(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let items = match &args.this {
        Value::Object(o) => vm.get(*o, &PropertyKey::from("items"))?,
        _ => Value::Undefined,
    };
    let it = vm.new_object();
    vm.define_value(it, PropertyKey::from("items"), items, modjs_vm::attrs::ALL);
    vm.define_value(it, PropertyKey::from("i"), Value::Number(0.0), modjs_vm::attrs::ALL);
    vm.define_method(it, "next", 0, iterable_next);
    Ok(Value::Object(it))
}

fn iterable_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let it = args.this.as_object().expect("iterator");
    let items = vm.get(it, &PropertyKey::from("items"))?.as_object().expect("items");
    let i = vm.get(it, &PropertyKey::from("i"))?.as_number().unwrap_or(0.0);
    let len = vm.get(items, &PropertyKey::from("length"))?.as_number().unwrap_or(0.0);
    let result = vm.new_object();
    if i < len {
        let v = vm.get(items, &PropertyKey::Index(i as u32))?;
        vm.put(it, PropertyKey::from("i"), Value::Number(i + 1.0), true)?;
        vm.define_value(result, PropertyKey::from("value"), v, modjs_vm::attrs::ALL);
        vm.define_value(result, PropertyKey::from("done"), Value::Bool(false), modjs_vm::attrs::ALL);
    } else {
        vm.define_value(result, PropertyKey::from("value"), Value::Undefined, modjs_vm::attrs::ALL);
        vm.define_value(result, PropertyKey::from("done"), Value::Bool(true), modjs_vm::attrs::ALL);
    }
    Ok(Value::Object(result))
}

/// An iterable over `items` (built by hand: the array iterator is another helper's).
fn iterable(vm: &mut Vm, items: Vec<Value>) -> Value {
    let arr = vm.create_array_from_list(items);
    let obj = vm.new_object();
    vm.define_value(obj, PropertyKey::from("items"), Value::Object(arr), modjs_vm::attrs::ALL);
    let sym = vm.symbols.iterator.clone();
    vm.define_symbol_method(obj, sym, 0, iterable_iterator, modjs_vm::attrs::ALL);
    Value::Object(obj)
}

struct Fixture {
    vm: Vm,
    log: ObjRef,
}

impl Fixture {
    fn new() -> Fixture {
        let mut vm = Vm::new();
        let log = vm.create_array_from_list(Vec::new());
        vm.roots.push(Value::Object(log));
        Fixture { vm, log }
    }

    /// A logging callback returning `result`.
    fn cb_returning(&mut self, label: &str, result: Value) -> Value {
        let slots = vec![Value::Object(self.log), Value::from(label), result];
        Value::Object(self.vm.new_native_function_with_slots(PropertyKey::from(label), 1, log_fn, slots, false))
    }

    fn cb(&mut self, label: &str) -> Value {
        self.cb_returning(label, Value::Undefined)
    }

    fn entries(&self) -> Vec<String> {
        match &self.vm.heap.get(self.log).kind {
            ObjectKind::Array(a) => a.dense.iter().map(|v| v.to_rust_lossy_string()).collect(),
            _ => Vec::new(),
        }
    }

    fn global_fn(&mut self, path: &[&str]) -> Value {
        let mut v = Value::Object(self.vm.global());
        for p in path {
            v = self.vm.get_v(&v, &PropertyKey::from(*p)).expect("property");
        }
        v
    }

    fn call(&mut self, path: &[&str], this: Value, args: &[Value]) -> Value {
        let f = self.global_fn(path);
        self.vm.call(&f, this, args).expect("call")
    }

    fn then(&mut self, p: &Value, on_f: Value, on_r: Value) -> Value {
        self.vm.invoke(p, &PropertyKey::from("then"), &[on_f, on_r]).expect("then")
    }

    fn promise_ctor(&mut self) -> Value {
        self.global_fn(&["Promise"])
    }

    fn resolved(&mut self, v: Value) -> Value {
        let c = self.promise_ctor();
        self.call(&["Promise", "resolve"], c, &[v])
    }

    fn rejected(&mut self, v: Value) -> Value {
        let c = self.promise_ctor();
        self.call(&["Promise", "reject"], c, &[v])
    }

    fn drain(&mut self) {
        match process_ticks_and_rejections(&mut self.vm) {
            Ok(()) => {}
            Err(Uncaught::Exception(e)) => panic!("uncaught exception {}", show(&mut self.vm, &e)),
            Err(Uncaught::Rejection { reason, .. }) => panic!("unhandled rejection {}", show(&mut self.vm, &reason)),
        }
    }
}

/// ```js
/// Promise.resolve(1).then(a).then(b); Promise.resolve(2).then(c); // a:1 c:2 b
/// ```
#[test]
fn reactions_run_in_fifo_rounds() {
    let mut f = Fixture::new();
    let p1 = f.resolved(Value::Number(1.0));
    let a = f.cb("a");
    let q = f.then(&p1, a, Value::Undefined);
    let b = f.cb("b");
    f.then(&q, b, Value::Undefined);
    let p2 = f.resolved(Value::Number(2.0));
    let c = f.cb("c");
    f.then(&p2, c, Value::Undefined);
    assert!(f.entries().is_empty(), "reactions are jobs, not synchronous calls");
    f.drain();
    assert_eq!(f.entries(), ["a:1", "c:2", "b:undefined"]);
}

/// ```js
/// process.nextTick(t1); Promise.resolve().then(p1); process.nextTick(t2); // t1 t2 p1
/// ```
#[test]
fn next_ticks_run_before_promise_jobs() {
    let mut f = Fixture::new();
    let t1 = f.cb("t1");
    f.call(&["process", "nextTick"], Value::Undefined, &[t1]);
    let p = f.resolved(Value::Undefined);
    let p1 = f.cb("p1");
    f.then(&p, p1, Value::Undefined);
    let t2 = f.cb("t2");
    f.call(&["process", "nextTick"], Value::Undefined, &[t2, Value::from("x")]);
    f.drain();
    assert_eq!(f.entries(), ["t1", "t2:x", "p1:undefined"]);
}

/// In an ES module the body runs inside a job: its promise jobs run before its ticks.
/// ```js
/// // esm.mjs
/// process.nextTick(tick); Promise.resolve().then(promise); // promise, tick
/// ```
#[test]
fn a_module_body_run_as_a_microtask_sees_promises_before_ticks() {
    fn body(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        let (_, tick, promise) = slots(vm, args.callee);
        let g = Value::Object(vm.global());
        let process = vm.get_v(&g, &PropertyKey::from("process"))?;
        vm.invoke(&process, &PropertyKey::from("nextTick"), &[tick])?;
        let ctor = vm.get_v(&g, &PropertyKey::from("Promise"))?;
        let p = promise_resolve(vm, &ctor, Value::Undefined)?;
        vm.invoke(&Value::Object(p), &PropertyKey::from("then"), &[promise])?;
        Ok(Value::Undefined)
    }
    let mut f = Fixture::new();
    let tick = f.cb("tick");
    let promise = f.cb("promise");
    let module = f.vm.new_native_function_with_slots(
        PropertyKey::from("m"),
        0,
        body,
        vec![Value::Object(f.log), tick, promise],
        false,
    );
    assert!(run_as_microtask(&mut f.vm, Value::Object(module)).is_ok());
    assert_eq!(f.entries(), ["promise:undefined", "tick"]);
}

/// A thenable is adopted through a PromiseResolveThenableJob: two extra job turns.
/// ```js
/// const p = new Promise(r => r(Promise.resolve(1))); p.then(x);
/// Promise.resolve().then(a).then(b).then(c); // a b x:1 c
/// ```
#[test]
fn resolving_with_a_promise_takes_two_extra_turns() {
    let mut f = Fixture::new();
    let inner = f.resolved(Value::Number(1.0));
    let p = new_promise(&mut f.vm);
    resolve_promise(&mut f.vm, p, inner);
    let x = f.cb("x");
    f.then(&Value::Object(p), x, Value::Undefined);
    let start = f.resolved(Value::Undefined);
    let (a, b, c) = (f.cb("a"), f.cb("b"), f.cb("c"));
    let q = f.then(&start, a, Value::Undefined);
    let q = f.then(&q, b, Value::Undefined);
    f.then(&q, c, Value::Undefined);
    f.drain();
    assert_eq!(f.entries(), ["a:undefined", "b:undefined", "x:1", "c:undefined"]);
}

/// ```js
/// const p = new Promise(r => r(p)); // TypeError: Chaining cycle detected for promise #<Promise>
/// ```
#[test]
fn resolving_a_promise_with_itself_rejects_it() {
    let mut f = Fixture::new();
    let p = new_promise(&mut f.vm);
    resolve_promise(&mut f.vm, p, Value::Object(p));
    let r = f.cb("r");
    f.then(&Value::Object(p), Value::Undefined, r);
    f.drain();
    assert_eq!(f.entries(), ["r:Chaining cycle detected for promise #<Promise>"]);
}

/// ```js
/// Promise.reject(new Error('x')); // after the microtasks: unhandled, exit 1
/// ```
#[test]
fn a_rejection_without_handler_is_reported_after_the_microtasks() {
    let mut f = Fixture::new();
    let err = f.vm.throw_type_error("boom");
    let p = f.rejected(err.clone());
    // A handler attached within the same drain (in a microtask) would make it handled; none is.
    let a = f.cb("a");
    let other = f.resolved(Value::Undefined);
    f.then(&other, a, Value::Undefined);
    match process_ticks_and_rejections(&mut f.vm) {
        Err(Uncaught::Rejection { promise, reason }) => {
            assert_eq!(Value::Object(promise).as_object(), p.as_object());
            assert_eq!(reason.as_object(), err.as_object());
        }
        _ => panic!("expected an unhandled rejection"),
    }
    assert_eq!(f.entries(), ["a:undefined"], "the microtasks ran first");
}

/// ```js
/// const p = Promise.reject(1); Promise.resolve().then(() => p.catch(h)); // handled: h:1
/// ```
#[test]
fn a_handler_added_by_a_microtask_counts() {
    fn attach(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        let (_, target, handler) = slots(vm, args.callee);
        vm.invoke(&target, &PropertyKey::from("catch"), &[handler])
    }
    let mut f = Fixture::new();
    let p = f.rejected(Value::Number(1.0));
    let h = f.cb("h");
    let attach_fn =
        f.vm.new_native_function_with_slots(PropertyKey::from("attach"), 0, attach, vec![Value::Object(f.log), p, h], false);
    let start = f.resolved(Value::Undefined);
    f.then(&start, Value::Object(attach_fn), Value::Undefined);
    f.drain();
    assert_eq!(f.entries(), ["h:1"]);
}

/// ```js
/// Promise.all([1, Promise.resolve(2), thenableResolvingTo3]).then(v) // v:[1,2,3]
/// Promise.all([Promise.reject(e1), 1]).catch(r)                     // r:e1
/// ```
#[test]
fn promise_all_collects_in_input_order_and_rejects_on_first_failure() {
    let mut f = Fixture::new();
    let two = f.resolved(Value::Number(2.0));
    let late = new_promise(&mut f.vm);
    let list = iterable(&mut f.vm, vec![Value::Number(1.0), two, Value::Object(late)]);
    let c = f.promise_ctor();
    let all = f.call(&["Promise", "all"], c.clone(), &[list]);
    let v = f.cb("v");
    f.then(&all, v, Value::Undefined);
    f.drain();
    assert!(f.entries().is_empty(), "still waiting for the third element");
    resolve_promise(&mut f.vm, late, Value::Number(3.0));
    f.drain();
    assert_eq!(f.entries(), ["v:[1,2,3]"]);

    let e1 = f.vm.throw_type_error("e1");
    let bad = f.rejected(e1);
    let list = iterable(&mut f.vm, vec![bad, Value::Number(1.0)]);
    let all = f.call(&["Promise", "all"], c, &[list]);
    let r = f.cb("r");
    f.then(&all, Value::Undefined, r);
    f.drain();
    assert_eq!(f.entries(), ["v:[1,2,3]", "r:e1"]);
}

/// ```js
/// Promise.allSettled([1, Promise.reject(2)]) // [{status:'fulfilled',value:1},{status:'rejected',reason:2}]
/// Promise.any([Promise.reject(1), Promise.reject(2)]) // AggregateError, errors [1,2]
/// Promise.race([new Promise(() => {}), Promise.resolve(5)]) // 5
/// Promise.all(1) // rejects: number 1 is not iterable (...) — before race's reaction runs
/// ```
#[test]
fn all_settled_any_race_and_non_iterables() {
    let mut f = Fixture::new();
    let c = f.promise_ctor();
    let two = f.rejected(Value::Number(2.0));
    let list = iterable(&mut f.vm, vec![Value::Number(1.0), two]);
    let settled = f.call(&["Promise", "allSettled"], c.clone(), &[list]);
    let s = f.cb("s");
    f.then(&settled, s, Value::Undefined);
    f.drain();
    let settled_value = match promise_state(&f.vm, settled.as_object().unwrap()) {
        Some((PromiseState::Fulfilled, Value::Object(arr))) => arr,
        _ => panic!("allSettled did not fulfill"),
    };
    let second = f.vm.get(settled_value, &PropertyKey::Index(1)).unwrap();
    let status = f.vm.get_v(&second, &PropertyKey::from("status")).unwrap();
    let reason = f.vm.get_v(&second, &PropertyKey::from("reason")).unwrap();
    assert_eq!(status.to_rust_lossy_string(), "rejected");
    assert_eq!(reason.as_number(), Some(2.0));

    let (r1, r2) = (f.rejected(Value::Number(1.0)), f.rejected(Value::Number(2.0)));
    let list = iterable(&mut f.vm, vec![r1, r2]);
    let any = f.call(&["Promise", "any"], c.clone(), &[list]);
    let a = f.cb("any");
    f.then(&any, Value::Undefined, a);
    f.drain();
    let Some((PromiseState::Rejected, Value::Object(agg))) = promise_state(&f.vm, any.as_object().unwrap()) else {
        panic!("any did not reject")
    };
    let errors = f.vm.get(agg, &PropertyKey::from("errors")).unwrap();
    assert_eq!(show(&mut f.vm, &errors), "[1,2]");

    let forever = new_promise(&mut f.vm);
    let five = f.resolved(Value::Number(5.0));
    let list = iterable(&mut f.vm, vec![Value::Object(forever), five]);
    let race = f.call(&["Promise", "race"], c.clone(), &[list]);
    let r = f.cb("race");
    f.then(&race, r, Value::Undefined);

    let all = f.call(&["Promise", "all"], c, &[Value::Number(1.0)]);
    let n = f.cb("not-iterable");
    f.then(&all, Value::Undefined, n);
    f.drain();
    let e = f.entries();
    assert_eq!(
        &e[e.len() - 2..],
        ["not-iterable:number 1 is not iterable (cannot read property Symbol(Symbol.iterator))", "race:5"]
    );
}

/// ```js
/// Promise.resolve(1).finally(f).then(v)   // f v:1
/// Promise.reject(2).finally(g).catch(r)   // g r:2
/// ```
#[test]
fn finally_passes_values_and_reasons_through() {
    let mut f = Fixture::new();
    let one = f.resolved(Value::Number(1.0));
    let fin = f.cb("f");
    let p = f.vm.invoke(&one, &PropertyKey::from("finally"), &[fin]).unwrap();
    let v = f.cb("v");
    f.then(&p, v, Value::Undefined);
    let two = f.rejected(Value::Number(2.0));
    let g = f.cb("g");
    let q = f.vm.invoke(&two, &PropertyKey::from("finally"), &[g]).unwrap();
    let r = f.cb("r");
    f.vm.invoke(&q, &PropertyKey::from("catch"), &[r]).unwrap();
    f.drain();
    assert_eq!(f.entries(), ["f", "g", "v:1", "r:2"]);
}

/// The exports the interpreter's `await` uses: a reaction with no capability.
#[test]
fn perform_promise_then_without_capability_and_direct_settling() {
    let mut f = Fixture::new();
    let p = new_promise(&mut f.vm);
    let (ok, bad) = (f.cb("ok"), f.cb("bad"));
    let r = perform_promise_then(&mut f.vm, p, ok, bad, None);
    assert!(r.is_undefined());
    reject_promise(&mut f.vm, p, Value::Number(7.0));
    reject_promise(&mut f.vm, p, Value::Number(8.0)); // already settled: ignored
    f.drain();
    assert_eq!(f.entries(), ["bad:7"]);
    assert!(matches!(promise_state(&f.vm, p), Some((PromiseState::Rejected, Value::Number(n))) if n == 7.0));
}

/// Errors thrown by the constructor and the methods, with V8's messages.
#[test]
fn type_errors_have_v8_messages() {
    let mut f = Fixture::new();
    let ctor = f.promise_ctor();
    let msg = |vm: &mut Vm, r: JsResult<Value>| match r {
        Err(e) => show(vm, &e),
        Ok(_) => "no error".into(),
    };
    let r = f.vm.call(&ctor, Value::Undefined, &[]);
    assert_eq!(msg(&mut f.vm, r), "Promise constructor cannot be invoked without 'new'");
    let r = f.vm.construct(ctor.as_object().unwrap(), &[Value::Number(1.0)], None);
    assert_eq!(msg(&mut f.vm, r), "Promise resolver 1 is not a function");
    let then = f.global_fn(&["Promise", "prototype", "then"]);
    let r = f.vm.call(&then, Value::Number(1.0), &[]);
    assert_eq!(msg(&mut f.vm, r), "Method Promise.prototype.then called on incompatible receiver 1");
    let resolve = f.global_fn(&["Promise", "resolve"]);
    let r = f.vm.call(&resolve, Value::Number(1.0), &[]);
    assert_eq!(msg(&mut f.vm, r), "PromiseResolve called on non-object");
    let r = f.vm.call(&resolve, Value::Object(f.log), &[]);
    assert_eq!(msg(&mut f.vm, r), "object is not a constructor");
}

/// ```js
/// setTimeout(t10, 60); setTimeout(t0, 0); setImmediate(i); Promise.resolve().then(p);
/// // p, t0 and i in either order (node: depends on the 1 ms clock), then t10
/// setTimeout(a, 5); setTimeout(b, 5) // same delay: creation order
/// ```
#[test]
fn timers_run_by_expiry_then_creation_order() {
    let mut f = Fixture::new();
    let (t10, t0, a, b, p, i) = (f.cb("t10"), f.cb("t0"), f.cb("a"), f.cb("b"), f.cb("p"), f.cb("i"));
    f.call(&["setTimeout"], Value::Undefined, &[t10, Value::Number(60.0)]);
    f.call(&["setTimeout"], Value::Undefined, &[t0, Value::Number(0.0)]);
    f.call(&["setTimeout"], Value::Undefined, &[a, Value::Number(5.0), Value::from("A")]);
    f.call(&["setTimeout"], Value::Undefined, &[b, Value::Number(5.0)]);
    f.call(&["setImmediate"], Value::Undefined, &[i]);
    let start = f.resolved(Value::Undefined);
    f.then(&start, p, Value::Undefined);
    f.drain();
    assert!(run_event_loop(&mut f.vm).is_ok());
    let e = f.entries();
    assert_eq!(e[0], "p:undefined");
    let pos = |s: &str| e.iter().position(|x| x == s).unwrap_or(usize::MAX);
    assert!(pos("t0") < pos("a:A"));
    assert!(pos("a:A") < pos("b") && pos("b") < pos("t10"));
    assert!(pos("i") < pos("a:A"), "the immediate runs in the first loop iteration");
    assert_eq!(e.len(), 6);
}

/// `clearTimeout` before expiry; an interval cleared by its own third run; an unref'd timer
/// does not keep the loop alive.
#[test]
fn clearing_intervals_and_unref() {
    fn tick_interval(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        let (log, _, _) = slots(vm, args.callee);
        push_log(vm, log, "iv".into());
        let n = match &vm.heap.get(log).kind {
            ObjectKind::Array(a) => a.dense.len(),
            _ => 0,
        };
        if n == 3 {
            let g = Value::Object(vm.global());
            let clear = vm.get_v(&g, &PropertyKey::from("clearInterval"))?;
            vm.call(&clear, Value::Undefined, &[args.this.clone()])?;
        }
        Ok(Value::Undefined)
    }
    let mut f = Fixture::new();
    let iv = f.vm.new_native_function_with_slots(
        PropertyKey::from("iv"),
        0,
        tick_interval,
        vec![Value::Object(f.log), Value::Undefined],
        false,
    );
    f.call(&["setInterval"], Value::Undefined, &[Value::Object(iv), Value::Number(1.0)]);
    let never = f.cb("never");
    let t = f.call(&["setTimeout"], Value::Undefined, &[never, Value::Number(2.0)]);
    f.call(&["clearTimeout"], Value::Undefined, &[t]);
    let unrefd = f.cb("unrefd");
    let u = f.call(&["setTimeout"], Value::Undefined, &[unrefd, Value::Number(10_000.0)]);
    let unref = f.vm.get_v(&u, &PropertyKey::from("unref")).unwrap();
    f.vm.call(&unref, u.clone(), &[]).unwrap();
    let has_ref = f.vm.invoke(&u, &PropertyKey::from("hasRef"), &[]).unwrap();
    assert!(matches!(has_ref, Value::Bool(false)));
    let started = std::time::Instant::now();
    assert!(run_event_loop(&mut f.vm).is_ok());
    assert!(started.elapsed().as_millis() < 5_000, "an unref'd timer kept the loop alive");
    assert_eq!(f.entries(), ["iv", "iv", "iv"]);
}

/// An exception thrown by a timer callback stops the loop as uncaught.
#[test]
fn a_throwing_timer_is_uncaught() {
    fn thrower(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
        Err(vm.throw_type_error("late"))
    }
    let mut f = Fixture::new();
    let t = f.vm.new_native_function("t", 0, thrower);
    f.call(&["setTimeout"], Value::Undefined, &[Value::Object(t), Value::Number(1.0)]);
    let after = f.cb("after");
    f.call(&["setTimeout"], Value::Undefined, &[after, Value::Number(3.0)]);
    match run_event_loop(&mut f.vm) {
        Err(Uncaught::Exception(e)) => assert_eq!(show(&mut f.vm, &e), "late"),
        _ => panic!("expected an uncaught exception"),
    }
    assert!(f.entries().is_empty());
}

/// `queueMicrotask` callbacks share the promise-job queue; a bad argument throws Node's error.
#[test]
fn queue_microtask_interleaves_with_promise_jobs() {
    let mut f = Fixture::new();
    let p = f.resolved(Value::Undefined);
    let (a, m) = (f.cb("a"), f.cb("m"));
    f.then(&p, a, Value::Undefined);
    f.call(&["queueMicrotask"], Value::Undefined, &[m]);
    f.drain();
    assert_eq!(f.entries(), ["a:undefined", "m"]);
    let qm = f.global_fn(&["queueMicrotask"]);
    let err = f.vm.call(&qm, Value::Undefined, &[Value::Number(5.0)]).unwrap_err();
    assert_eq!(
        show(&mut f.vm, &err),
        "The \"callback\" argument must be of type function. Received type number (5)"
    );
    let code = f.vm.get_v(&err, &PropertyKey::from("code")).unwrap();
    assert_eq!(code.to_rust_lossy_string(), "ERR_INVALID_ARG_TYPE");
}

/// Promises and their reactions survive collections between jobs.
#[test]
fn garbage_collection_between_jobs_keeps_queued_work() {
    let mut f = Fixture::new();
    let p = new_promise(&mut f.vm);
    let a = f.cb("a");
    perform_promise_then(&mut f.vm, p, a, Value::Undefined, None);
    // Only the reaction (inside the promise) and a timer refer to the promise now.
    let (_, r) = modjs_vm::builtins::promise::create_resolving_functions(&mut f.vm, p);
    let _ = r;
    let resolve_later = f.cb("timer");
    f.call(&["setTimeout"], Value::Undefined, &[resolve_later, Value::Number(1.0)]);
    resolve_promise(&mut f.vm, p, Value::Number(4.0));
    for _ in 0..1000 {
        f.vm.new_object();
    }
    f.vm.collect_garbage();
    f.drain();
    assert!(run_event_loop(&mut f.vm).is_ok());
    f.vm.collect_garbage();
    assert_eq!(f.entries(), ["a:4", "timer"]);
}
