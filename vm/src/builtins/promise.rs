//! Promise objects (ECMA-262 §27.2): the abstract operations the rest of the VM uses (async
//! functions, the module loader, the host), the `Promise` constructor and `Promise.prototype`.
//! The combinators (`Promise.all` and friends) are in `promise_combinators.rs`.
//!
//! ## Representation
//! A promise is an object of kind `ObjectKind::Promise(PromiseData)`: its state, its result and
//! its two reaction lists, as in the spec's internal slots (Table 89).
//!
//! ## Resolving functions
//! `CreateResolvingFunctions` makes two built-in functions that share an *alreadyResolved* flag.
//! Here each function's `slots` are `[promise, partner]`, where the partner is the other
//! function of the pair; settling through either one clears the promise slot of **both**, so
//! "slot 0 is undefined" is the shared flag being true (and the promise is no longer kept alive
//! by functions that can no longer settle it).
//!
//! ## Jobs
//! Reaction jobs and resolve-thenable jobs go to the VM's microtask queue
//! (`host::microtask`), which `host::event_loop` drains as Node does.

use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::host::microtask::Job;
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// [[PromiseState]].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PromiseState {
    Pending,
    Fulfilled,
    Rejected,
}

/// The internal slots of a promise instance.
pub struct PromiseData {
    pub state: PromiseState,
    /// [[PromiseResult]]: the value or reason once settled (undefined while pending).
    pub result: Value,
    pub fulfill_reactions: Vec<PromiseReaction>,
    pub reject_reactions: Vec<PromiseReaction>,
    /// [[PromiseIsHandled]]: whether a handler was ever attached (for rejection tracking).
    pub is_handled: bool,
}

impl PromiseData {
    pub fn pending() -> PromiseData {
        PromiseData {
            state: PromiseState::Pending,
            result: Value::Undefined,
            fulfill_reactions: Vec::new(),
            reject_reactions: Vec::new(),
            is_handled: false,
        }
    }
}

impl Trace for PromiseData {
    fn trace(&self, t: &mut Tracer) {
        t.value(&self.result);
        self.fulfill_reactions.trace(t);
        self.reject_reactions.trace(t);
    }
}

/// A PromiseCapability Record (§27.2.1.1).
#[derive(Clone, Debug)]
pub struct PromiseCapability {
    pub promise: ObjRef,
    pub resolve: Value,
    pub reject: Value,
}

impl Trace for PromiseCapability {
    fn trace(&self, t: &mut Tracer) {
        t.obj(self.promise);
        t.value(&self.resolve);
        t.value(&self.reject);
    }
}

/// [[Type]] of a PromiseReaction Record.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReactionType {
    Fulfill,
    Reject,
}

/// A PromiseReaction Record (§27.2.1.2). `handler: None` is the spec's ~empty~.
#[derive(Clone, Debug)]
pub struct PromiseReaction {
    pub capability: Option<PromiseCapability>,
    pub kind: ReactionType,
    pub handler: Option<Value>,
}

impl Trace for PromiseReaction {
    fn trace(&self, t: &mut Tracer) {
        self.capability.trace(t);
        self.handler.trace(t);
    }
}

// ----- queries ---------------------------------------------------------------------------------

/// IsPromise (§27.2.1.6).
pub fn is_promise(vm: &Vm, v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(vm.heap.get(*o).kind, ObjectKind::Promise(_)))
}

/// The state and result of a promise, or `None` when `obj` is not a promise (for
/// `util.inspect`: `Promise { 1 }`, `Promise { <pending> }`, `Promise { <rejected> 1 }`).
pub fn promise_state(vm: &Vm, obj: ObjRef) -> Option<(PromiseState, Value)> {
    match &vm.heap.get(obj).kind {
        ObjectKind::Promise(p) => Some((p.state, p.result.clone())),
        _ => None,
    }
}

fn promise_data(vm: &mut Vm, p: ObjRef) -> Option<&mut PromiseData> {
    match &mut vm.heap.get_mut(p).kind {
        ObjectKind::Promise(d) => Some(d),
        _ => None,
    }
}

// ----- creation --------------------------------------------------------------------------------

/// A new pending promise whose prototype is %Promise.prototype%.
pub fn new_promise(vm: &mut Vm) -> ObjRef {
    let proto = vm.intrinsic(Intrinsic::PromisePrototype);
    vm.heap.alloc(Object::new(Some(proto), ObjectKind::Promise(Box::new(PromiseData::pending()))))
}

/// CreateResolvingFunctions (§27.2.1.3): `(resolve, reject)` for `promise`.
pub fn create_resolving_functions(vm: &mut Vm, promise: ObjRef) -> (ObjRef, ObjRef) {
    let slots = vec![Value::Object(promise), Value::Undefined];
    let resolve = vm.new_native_function_with_slots(PropertyKey::from(""), 1, promise_resolve_function, slots, false);
    let slots = vec![Value::Object(promise), Value::Object(resolve)];
    let reject = vm.new_native_function_with_slots(PropertyKey::from(""), 1, promise_reject_function, slots, false);
    set_slot(vm, resolve, 1, Value::Object(reject));
    (resolve, reject)
}

fn set_slot(vm: &mut Vm, f: ObjRef, i: usize, v: Value) {
    if let ObjectKind::NativeFunction(nf) = &mut vm.heap.get_mut(f).kind {
        if let Some(s) = nf.slots.get_mut(i) {
            *s = v;
        }
    }
}

pub(crate) fn slot(vm: &Vm, f: ObjRef, i: usize) -> Value {
    match &vm.heap.get(f).kind {
        ObjectKind::NativeFunction(nf) => nf.slots.get(i).cloned().unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    }
}

/// The alreadyResolved check shared by a pair of resolving functions: returns the promise to
/// settle, or `None` when either function of the pair has already been called; marks the pair.
fn take_resolving_target(vm: &mut Vm, f: ObjRef) -> Option<ObjRef> {
    let Value::Object(promise) = slot(vm, f, 0) else { return None };
    set_slot(vm, f, 0, Value::Undefined);
    if let Value::Object(partner) = slot(vm, f, 1) {
        set_slot(vm, partner, 0, Value::Undefined);
    }
    Some(promise)
}

/// Promise Resolve Functions (§27.2.1.3.2).
fn promise_resolve_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Steps 1-6: the alreadyResolved flag.
    let Some(promise) = take_resolving_target(vm, args.callee) else { return Ok(Value::Undefined) };
    resolve_promise(vm, promise, args.get(0));
    Ok(Value::Undefined)
}

/// Promise Reject Functions (§27.2.1.3.1).
fn promise_reject_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(promise) = take_resolving_target(vm, args.callee) else { return Ok(Value::Undefined) };
    reject_promise(vm, promise, args.get(0));
    Ok(Value::Undefined)
}

/// Steps 7-16 of Promise Resolve Functions (§27.2.1.3.2): resolve `promise` with `resolution`,
/// adopting the state of a thenable through a PromiseResolveThenableJob. (The caller has dealt
/// with the alreadyResolved flag; a settled promise is left alone.)
pub fn resolve_promise(vm: &mut Vm, promise: ObjRef, resolution: Value) {
    if !is_pending(vm, promise) {
        return;
    }
    // 7. If SameValue(resolution, promise) is true, reject with a TypeError.
    if let Value::Object(r) = &resolution {
        if *r == promise {
            let err = vm.throw_type_error("Chaining cycle detected for promise #<Promise>");
            reject_promise(vm, promise, err);
            return;
        }
    }
    // 8. Not an object: fulfill.
    let Value::Object(thenable) = resolution else {
        fulfill_promise(vm, promise, resolution);
        return;
    };
    // 9-10. Get(resolution, "then"); an abrupt completion rejects.
    let then = match vm.get(thenable, &PropertyKey::from("then")) {
        Ok(t) => t,
        Err(e) => {
            reject_promise(vm, promise, e);
            return;
        }
    };
    // 11. Not callable: fulfill with the object itself.
    if !vm.is_callable(&then) {
        fulfill_promise(vm, promise, Value::Object(thenable));
        return;
    }
    // 12-15. Enqueue a PromiseResolveThenableJob.
    host_enqueue_promise_job(vm, Job::PromiseResolveThenable { promise, thenable: Value::Object(thenable), then });
}

fn is_pending(vm: &Vm, p: ObjRef) -> bool {
    matches!(&vm.heap.get(p).kind, ObjectKind::Promise(d) if d.state == PromiseState::Pending)
}

/// FulfillPromise (§27.2.1.4).
pub fn fulfill_promise(vm: &mut Vm, promise: ObjRef, value: Value) {
    let Some(data) = promise_data(vm, promise) else { return };
    if data.state != PromiseState::Pending {
        return;
    }
    let reactions = std::mem::take(&mut data.fulfill_reactions);
    data.reject_reactions.clear();
    data.result = value.clone();
    data.state = PromiseState::Fulfilled;
    trigger_promise_reactions(vm, reactions, value);
}

/// RejectPromise (§27.2.1.7). Also the `reject_promise(vm, p, reason)` the interpreter uses.
pub fn reject_promise(vm: &mut Vm, promise: ObjRef, reason: Value) {
    let Some(data) = promise_data(vm, promise) else { return };
    if data.state != PromiseState::Pending {
        return;
    }
    let reactions = std::mem::take(&mut data.reject_reactions);
    data.fulfill_reactions.clear();
    data.result = reason.clone();
    data.state = PromiseState::Rejected;
    let handled = data.is_handled;
    if !handled {
        host_promise_rejection_tracker(vm, promise, RejectionOperation::Reject);
    }
    trigger_promise_reactions(vm, reactions, reason);
}

/// TriggerPromiseReactions (§27.2.1.8).
fn trigger_promise_reactions(vm: &mut Vm, reactions: Vec<PromiseReaction>, argument: Value) {
    for reaction in reactions {
        host_enqueue_promise_job(vm, Job::PromiseReaction { reaction, argument: argument.clone() });
    }
}

/// HostEnqueuePromiseJob (§9.5.5): onto the microtask queue.
pub fn host_enqueue_promise_job(vm: &mut Vm, job: Job) {
    vm.event_loop.microtasks.push_back(job);
}

/// The operation argument of HostPromiseRejectionTracker.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RejectionOperation {
    Reject,
    Handle,
}

/// HostPromiseRejectionTracker (§27.2.1.9), as Node implements it: a promise rejected without a
/// handler is remembered; getting a handler later forgets it. Whatever is still remembered when
/// the microtasks have drained is an unhandled rejection (`host::event_loop`).
pub fn host_promise_rejection_tracker(vm: &mut Vm, promise: ObjRef, operation: RejectionOperation) {
    let pending = &mut vm.event_loop.pending_rejections;
    match operation {
        RejectionOperation::Reject => pending.push(promise),
        RejectionOperation::Handle => pending.retain(|p| *p != promise),
    }
}

// ----- jobs ------------------------------------------------------------------------------------

/// The body of a job made by NewPromiseReactionJob (§27.2.2.1).
pub fn promise_reaction_job(vm: &mut Vm, reaction: PromiseReaction, argument: Value) -> JsResult<()> {
    // d-e. The handler's completion (an empty handler passes the argument through). The job
    // was taken off the queue, so while the handler runs (and the collector may run, when the
    // job queue is drained from the event loop) only these roots keep the capability alive.
    let rooted = vm.roots.len();
    if let Some(cap) = &reaction.capability {
        vm.roots.extend([Value::Object(cap.promise), cap.resolve.clone(), cap.reject.clone()]);
    }
    let handler_result = match &reaction.handler {
        None => match reaction.kind {
            ReactionType::Fulfill => Ok(argument),
            ReactionType::Reject => Err(argument),
        },
        Some(h) => vm.call(h, Value::Undefined, &[argument]),
    };
    vm.roots.truncate(rooted);
    // f. No capability (await's internal reactions): nothing more to do.
    let Some(cap) = reaction.capability else {
        // The spec asserts that such handlers never throw; if one does, it is uncaught.
        return handler_result.map(|_| ());
    };
    // g-h. Settle the derived promise.
    match handler_result {
        Err(e) => vm.call(&cap.reject, Value::Undefined, &[e]).map(|_| ()),
        Ok(v) => vm.call(&cap.resolve, Value::Undefined, &[v]).map(|_| ()),
    }
}

/// The body of a job made by NewPromiseResolveThenableJob (§27.2.2.2).
pub fn promise_resolve_thenable_job(vm: &mut Vm, promise: ObjRef, thenable: Value, then: Value) -> JsResult<()> {
    let (resolve, reject) = create_resolving_functions(vm, promise);
    if let Err(e) = vm.call(&then, thenable, &[Value::Object(resolve), Value::Object(reject)]) {
        vm.call(&Value::Object(reject), Value::Undefined, &[e])?;
    }
    Ok(())
}

// ----- capabilities and then ---------------------------------------------------------------------

/// NewPromiseCapability (§27.2.1.5).
pub fn new_promise_capability(vm: &mut Vm, c: &Value) -> JsResult<PromiseCapability> {
    // 1. If IsConstructor(C) is false, throw a TypeError exception.
    let ctor = match c {
        Value::Object(o) if vm.is_constructor(c) => *o,
        _ => {
            let msg = format!("{} is not a constructor", vm.describe_for_error(c));
            return Err(vm.throw_type_error(&msg));
        }
    };
    // Fast path for %Promise% itself: no observable difference.
    if ctor == vm.intrinsic(Intrinsic::Promise) {
        let promise = new_promise(vm);
        let (resolve, reject) = create_resolving_functions(vm, promise);
        return Ok(PromiseCapability { promise, resolve: Value::Object(resolve), reject: Value::Object(reject) });
    }
    // 2-4. The executor closure records resolve and reject in its own slots.
    let executor = vm.new_native_function_with_slots(
        PropertyKey::from(""),
        2,
        get_capabilities_executor,
        vec![Value::Undefined, Value::Undefined],
        false,
    );
    // 5. Let promise be ? Construct(C, « executor »).
    let promise = vm.construct(ctor, &[Value::Object(executor)], None)?;
    let resolve = slot(vm, executor, 0);
    let reject = slot(vm, executor, 1);
    // 6-7. Both must be callable.
    if !vm.is_callable(&resolve) || !vm.is_callable(&reject) {
        return Err(vm.throw_type_error("Promise resolve or reject function is not callable"));
    }
    let Value::Object(promise) = promise else {
        return Err(vm.throw_type_error("Promise resolve or reject function is not callable"));
    };
    Ok(PromiseCapability { promise, resolve, reject })
}

/// GetCapabilitiesExecutor Functions (§27.2.1.5 step 2).
fn get_capabilities_executor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let f = args.callee;
    if !slot(vm, f, 0).is_undefined() || !slot(vm, f, 1).is_undefined() {
        return Err(vm.throw_type_error("Promise executor has already been invoked with non-undefined arguments"));
    }
    set_slot(vm, f, 0, args.get(0));
    set_slot(vm, f, 1, args.get(1));
    Ok(Value::Undefined)
}

/// PromiseResolve (§27.2.4.7.1): `x` itself when it is a promise made by `c`, else a new
/// promise from `c` resolved with `x`.
pub fn promise_resolve(vm: &mut Vm, c: &Value, x: Value) -> JsResult<ObjRef> {
    if let Value::Object(xo) = &x {
        if is_promise(vm, &x) {
            let x_constructor = vm.get(*xo, &PropertyKey::from("constructor"))?;
            if vm.same_value(&x_constructor, c) {
                return Ok(*xo);
            }
        }
    }
    let cap = new_promise_capability(vm, c)?;
    vm.call(&cap.resolve, Value::Undefined, &[x])?;
    Ok(cap.promise)
}

/// PerformPromiseThen (§27.2.5.4.1). Returns the capability's promise, or undefined without one.
pub fn perform_promise_then(
    vm: &mut Vm,
    promise: ObjRef,
    on_fulfilled: Value,
    on_rejected: Value,
    capability: Option<PromiseCapability>,
) -> Value {
    // 3-6. Handlers that are not callable are ~empty~.
    let on_fulfilled = if vm.is_callable(&on_fulfilled) { Some(on_fulfilled) } else { None };
    let on_rejected = if vm.is_callable(&on_rejected) { Some(on_rejected) } else { None };
    let result = capability.as_ref().map_or(Value::Undefined, |c| Value::Object(c.promise));
    let fulfill_reaction =
        PromiseReaction { capability: capability.clone(), kind: ReactionType::Fulfill, handler: on_fulfilled };
    let reject_reaction = PromiseReaction { capability, kind: ReactionType::Reject, handler: on_rejected };
    let Some(data) = promise_data(vm, promise) else { return result };
    match data.state {
        // 9. Pending: remember both reactions.
        PromiseState::Pending => {
            data.fulfill_reactions.push(fulfill_reaction);
            data.reject_reactions.push(reject_reaction);
            data.is_handled = true;
        }
        // 10. Fulfilled: a reaction job now.
        PromiseState::Fulfilled => {
            let value = data.result.clone();
            data.is_handled = true;
            host_enqueue_promise_job(vm, Job::PromiseReaction { reaction: fulfill_reaction, argument: value });
        }
        // 11. Rejected: tell the tracker it is handled now, then a reaction job.
        PromiseState::Rejected => {
            let reason = data.result.clone();
            let was_handled = data.is_handled;
            data.is_handled = true;
            if !was_handled {
                host_promise_rejection_tracker(vm, promise, RejectionOperation::Handle);
            }
            host_enqueue_promise_job(vm, Job::PromiseReaction { reaction: reject_reaction, argument: reason });
        }
    }
    result
}

/// SpeciesConstructor(O, %Promise%) (§7.3.22).
fn species_constructor(vm: &mut Vm, o: ObjRef) -> JsResult<Value> {
    let default = Value::Object(vm.intrinsic(Intrinsic::Promise));
    let c = vm.get(o, &PropertyKey::from("constructor"))?;
    if c.is_undefined() {
        return Ok(default);
    }
    let Value::Object(co) = c else {
        return Err(vm.throw_type_error("The .constructor property is not an object"));
    };
    let species = vm.symbols.species.clone();
    let s = vm.get(co, &PropertyKey::Symbol(species))?;
    if s.is_nullish() {
        return Ok(default);
    }
    if vm.is_constructor(&s) {
        return Ok(s);
    }
    Err(vm.throw_type_error("object.constructor[Symbol.species] is not a constructor"))
}

// ----- the constructor ---------------------------------------------------------------------------

/// Promise ( executor ) (§27.2.3.1).
fn promise_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(new_target) = args.new_target else {
        return Err(vm.throw_type_error("Promise constructor cannot be invoked without 'new'"));
    };
    // 2. If IsCallable(executor) is false, throw a TypeError exception.
    let executor = args.get(0);
    if !vm.is_callable(&executor) {
        let msg = format!("Promise resolver {} is not a function", vm.describe_for_error_plain(&executor));
        return Err(vm.throw_type_error(&msg));
    }
    // 3-7. OrdinaryCreateFromConstructor(NewTarget, "%Promise.prototype%", ...), pending.
    let proto = vm.get_prototype_from_constructor(new_target, Intrinsic::PromisePrototype)?;
    let promise = vm.heap.alloc(Object::new(Some(proto), ObjectKind::Promise(Box::new(PromiseData::pending()))));
    // 8-10. Run the executor with fresh resolving functions; a throw rejects.
    let (resolve, reject) = create_resolving_functions(vm, promise);
    if let Err(e) = vm.call(&executor, Value::Undefined, &[Value::Object(resolve), Value::Object(reject)]) {
        vm.call(&Value::Object(reject), Value::Undefined, &[e])?;
    }
    Ok(Value::Object(promise))
}

impl Vm {
    /// How V8 shows a value inside a message such as "Promise resolver 1 is not a function":
    /// primitives by their string form, objects as `#<Object>`.
    fn describe_for_error_plain(&self, v: &Value) -> String {
        match v {
            Value::String(s) => s.to_rust_lossy(),
            other => self.describe_for_error(other),
        }
    }
}

/// Promise.resolve ( x ) (§27.2.4.7).
fn promise_static_resolve(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if !args.this.is_object() {
        return Err(vm.throw_type_error("PromiseResolve called on non-object"));
    }
    promise_resolve(vm, &args.this, args.get(0)).map(Value::Object)
}

/// Promise.reject ( r ) (§27.2.4.6).
fn promise_static_reject(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if !args.this.is_object() {
        return Err(vm.throw_type_error("PromiseReject called on non-object"));
    }
    let cap = new_promise_capability(vm, &args.this)?;
    vm.call(&cap.reject, Value::Undefined, &[args.get(0)])?;
    Ok(Value::Object(cap.promise))
}

/// get Promise [ @@species ] (§27.2.4.8).
fn promise_get_species(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this.clone())
}

// ----- Promise.prototype ---------------------------------------------------------------------------

/// Promise.prototype.then ( onFulfilled, onRejected ) (§27.2.5.4).
fn promise_prototype_then(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let promise = match &args.this {
        Value::Object(o) if is_promise(vm, &args.this) => *o,
        other => {
            let msg = format!(
                "Method Promise.prototype.then called on incompatible receiver {}",
                vm.describe_for_error_plain(other)
            );
            return Err(vm.throw_type_error(&msg));
        }
    };
    let c = species_constructor(vm, promise)?;
    let cap = new_promise_capability(vm, &c)?;
    Ok(perform_promise_then(vm, promise, args.get(0), args.get(1), Some(cap)))
}

/// Promise.prototype.catch ( onRejected ) (§27.2.5.1).
fn promise_prototype_catch(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    vm.invoke(&args.this, &PropertyKey::from("then"), &[Value::Undefined, args.get(0)])
}

/// Promise.prototype.finally ( onFinally ) (§27.2.5.3).
fn promise_prototype_finally(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1-2. The receiver must be an object.
    let Value::Object(promise) = &args.this else {
        return Err(vm.throw_type_error("Promise.prototype.finally called on non-object"));
    };
    // 3. Let C be ? SpeciesConstructor(promise, %Promise%).
    let c = species_constructor(vm, *promise)?;
    let on_finally = args.get(0);
    // 5-6. Wrap a callable onFinally so that it passes the value or reason through.
    let (then_finally, catch_finally) = if vm.is_callable(&on_finally) {
        let slots = vec![on_finally, c];
        let then_f = vm.new_native_function_with_slots(PropertyKey::from(""), 1, then_finally_function, slots.clone(), false);
        let catch_f = vm.new_native_function_with_slots(PropertyKey::from(""), 1, catch_finally_function, slots, false);
        (Value::Object(then_f), Value::Object(catch_f))
    } else {
        (on_finally.clone(), on_finally)
    };
    // 7. Return ? Invoke(promise, "then", « thenFinally, catchFinally »).
    vm.invoke(&args.this, &PropertyKey::from("then"), &[then_finally, catch_finally])
}

/// thenFinallyClosure (§27.2.5.3 step 6.a): run onFinally, then pass the value on.
fn then_finally_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    finally_continuation(vm, args, value_thunk_function)
}

/// catchFinallyClosure (§27.2.5.3 step 6.c): run onFinally, then rethrow the reason.
fn catch_finally_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    finally_continuation(vm, args, thrower_function)
}

fn finally_continuation(vm: &mut Vm, args: &CallArgs, then: crate::native::NativeFn) -> JsResult<Value> {
    let on_finally = slot(vm, args.callee, 0);
    let c = slot(vm, args.callee, 1);
    // i. Let result be ? Call(onFinally, undefined).
    let result = vm.call(&on_finally, Value::Undefined, &[])?;
    // ii. Let p be ? PromiseResolve(C, result).
    let p = promise_resolve(vm, &c, result)?;
    // iii-v. A function that returns the value (or throws the reason), given to p.then.
    let f = vm.new_native_function_with_slots(PropertyKey::from(""), 0, then, vec![args.get(0)], false);
    vm.invoke(&Value::Object(p), &PropertyKey::from("then"), &[Value::Object(f)])
}

fn value_thunk_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(slot(vm, args.callee, 0))
}

fn thrower_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Err(slot(vm, args.callee, 0))
}

// ----- installation --------------------------------------------------------------------------------

pub fn install(vm: &mut Vm) {
    let ctor = vm.new_native_constructor("Promise", 1, promise_constructor);
    let proto = vm.intrinsic(Intrinsic::PromisePrototype);
    vm.realm.set_intrinsic(Intrinsic::Promise, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);

    // Static methods in V8's property order.
    super::promise_combinators::install(vm, ctor);
    vm.define_method(ctor, "resolve", 1, promise_static_resolve);
    vm.define_method(ctor, "reject", 1, promise_static_reject);
    let species = vm.symbols.species.clone();
    vm.define_getter(ctor, PropertyKey::Symbol(species), promise_get_species, None, attrs::CONFIGURABLE);

    vm.define_method(proto, "then", 2, promise_prototype_then);
    vm.define_method(proto, "catch", 1, promise_prototype_catch);
    vm.define_method(proto, "finally", 1, promise_prototype_finally);
    let tag = vm.symbols.to_string_tag.clone();
    vm.define_value(proto, PropertyKey::Symbol(tag), Value::String(JsString::from("Promise")), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Promise"), Value::Object(ctor), attrs::BUILTIN);
}
