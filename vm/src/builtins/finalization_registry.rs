//! FinalizationRegistry objects (§26.2).
//!
//! Registrations are kept as the spec's cells: the held value strongly, the target and the
//! unregister token weakly (the collector forgets them when they die, through
//! `Object::clear_dead_weak_entries`). The cleanup callback is never called: the spec leaves
//! whether and when cleanup jobs run to the host (§9.13 HostEnqueueFinalizationRegistryCleanupJob),
//! and scheduling them after collections is not implemented.

use crate::builtins::receiver::{describe_receiver, incompatible_receiver};
use crate::builtins::weak_collection::WeakKey;
use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// One Record of [[Cells]]: `target` is `None` once the target was collected.
struct Cell {
    target: Option<WeakKey>,
    held_value: Value,
    unregister_token: Option<WeakKey>,
}

/// [[CleanupCallback]] and [[Cells]].
pub struct FinalizationRegistryData {
    cleanup: Value,
    cells: Vec<Cell>,
}

impl Trace for FinalizationRegistryData {
    fn trace(&self, t: &mut Tracer) {
        t.value(&self.cleanup);
        for cell in &self.cells {
            t.value(&cell.held_value);
        }
    }
}

fn is_live(key: &WeakKey, t: &Tracer) -> bool {
    match key {
        WeakKey::Object(o) => t.is_marked(*o),
        WeakKey::Symbol(_) => true,
    }
}

impl FinalizationRegistryData {
    /// How many registrations the registry holds.
    pub fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// After marking: forget dead targets and tokens; a cell with neither can never be observed
    /// again (no cleanup will run for it and nothing can unregister it), so it goes.
    pub fn clear_dead_entries(&mut self, t: &Tracer) {
        for cell in &mut self.cells {
            if cell.target.as_ref().is_some_and(|k| !is_live(k, t)) {
                cell.target = None;
            }
            if cell.unregister_token.as_ref().is_some_and(|k| !is_live(k, t)) {
                cell.unregister_token = None;
            }
        }
        self.cells.retain(|c| c.target.is_some() || c.unregister_token.is_some());
    }
}

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::FinalizationRegistryPrototype);
    let ctor = vm.new_native_constructor("FinalizationRegistry", 1, finalization_registry_constructor);
    vm.realm.set_intrinsic(Intrinsic::FinalizationRegistry, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);

    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "register", 2, finalization_registry_register);
    vm.define_method(proto, "unregister", 1, finalization_registry_unregister);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from_str("FinalizationRegistry"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("FinalizationRegistry"), Value::Object(ctor), attrs::BUILTIN);
}

/// FinalizationRegistry ( cleanupCallback ) (§26.2.1.1).
fn finalization_registry_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(new_target) = args.new_target else {
        return Err(vm.throw_type_error("Constructor FinalizationRegistry requires 'new'"));
    };
    // 2. If IsCallable(cleanupCallback) is false, throw a TypeError exception.
    let cleanup = args.get(0);
    if !vm.is_callable(&cleanup) {
        return Err(vm.throw_type_error("FinalizationRegistry: cleanup must be callable"));
    }
    // 3-8. Create the registry with an empty [[Cells]] list.
    let kind = ObjectKind::FinalizationRegistry(Box::new(FinalizationRegistryData { cleanup, cells: Vec::new() }));
    let registry = vm.object_create_from_constructor(new_target, Intrinsic::FinalizationRegistryPrototype, kind)?;
    Ok(Value::Object(registry))
}

/// RequireInternalSlot(finalizationRegistry, [[Cells]]).
fn this_registry(vm: &mut Vm, this: &Value, method: &str) -> JsResult<ObjRef> {
    if let Value::Object(o) = this {
        if matches!(vm.heap.get(*o).kind, ObjectKind::FinalizationRegistry(_)) {
            return Ok(*o);
        }
    }
    Err(incompatible_receiver(vm, method, this))
}

fn registry_data(vm: &mut Vm, registry: ObjRef) -> Option<&mut FinalizationRegistryData> {
    match &mut vm.heap.get_mut(registry).kind {
        ObjectKind::FinalizationRegistry(d) => Some(d),
        _ => None,
    }
}

fn invalid_token(vm: &mut Vm, token: &Value) -> Value {
    let shown = describe_receiver(vm, token);
    vm.throw_type_error(&format!("Invalid unregisterToken ('{shown}')"))
}

/// FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] ) (§26.2.3.2).
fn finalization_registry_register(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let registry = this_registry(vm, &args.this, "FinalizationRegistry.prototype.register")?;
    let (target, held_value, token) = (args.get(0), args.get(1), args.get(2));
    // 3. If CanBeHeldWeakly(target) is false, throw a TypeError exception.
    let Some(target_key) = WeakKey::from_value(&target) else {
        return Err(vm.throw_type_error("FinalizationRegistry.prototype.register: invalid target"));
    };
    // 4. If SameValue(target, heldValue) is true, throw a TypeError exception.
    if vm.same_value(&target, &held_value) {
        return Err(vm.throw_type_error("FinalizationRegistry.prototype.register: target and holdings must not be same"));
    }
    // 5. The token must be undefined or something that can be held weakly.
    let unregister_token = match WeakKey::from_value(&token) {
        Some(k) => Some(k),
        None if token.is_undefined() => None,
        None => return Err(invalid_token(vm, &token)),
    };
    // 6-7. Append the cell.
    if let Some(d) = registry_data(vm, registry) {
        d.cells.push(Cell { target: Some(target_key), held_value, unregister_token });
    }
    Ok(Value::Undefined)
}

/// FinalizationRegistry.prototype.unregister ( unregisterToken ) (§26.2.3.3).
fn finalization_registry_unregister(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let registry = this_registry(vm, &args.this, "FinalizationRegistry.prototype.unregister")?;
    // 3. If CanBeHeldWeakly(unregisterToken) is false, throw a TypeError exception.
    let token = args.get(0);
    let Some(key) = WeakKey::from_value(&token) else {
        return Err(invalid_token(vm, &token));
    };
    // 4-6. Remove every cell registered with this token; report whether there was one.
    let Some(d) = registry_data(vm, registry) else {
        return Ok(Value::Bool(false));
    };
    let before = d.cells.len();
    d.cells.retain(|c| c.unregister_token.as_ref() != Some(&key));
    Ok(Value::Bool(d.cells.len() != before))
}
