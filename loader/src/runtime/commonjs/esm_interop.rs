//! Where CommonJS and ES modules meet.
//!
//! **An ES module importing CommonJS** (Node v20.20's `createCJSModuleWrap`): the CommonJS
//! record's evaluation runs the module through `Module._load(filename, undefined, false)` —
//! the same cache as `require`, so a module some `require` already ran is not run again —
//! then fills the record's exports once: `default` is `module.exports`, and each statically
//! detected name that is an own property of `module.exports` takes its value at that moment
//! (a getter that throws gives `undefined`; later changes are not seen).
//!
//! **`require()` of an ES module** (Node v20.20 without flags): loads, links and evaluates the
//! module graph synchronously and returns the namespace.

use modjs_parser::ast::{ImportPhase, JsStr, Span};
use modjs_parser::module_records::ModuleRequest;
use modjs_vm::object::namespace::module_namespace_create;
use modjs_vm::object::ObjectKind;
use modjs_vm::{attrs, CellRef, ErrorKind, JsResult, JsString, ObjRef, PropertyKey, Value, Vm};

use super::load::load_file;
use super::{errors, with_state, Parent};
use crate::module::evaluate::EvaluateOutcome;
use crate::module::graph::ModuleGraph;
use crate::module::namespace::node_namespace_order;
use crate::module::record::{ModuleId, ModuleStatus};
use crate::resolve::url::Url;
use crate::runtime::dynamic_import::module_error_value;
use crate::runtime::module_runtime::with_runtime;

/// Runs (or finds in the cache) the CommonJS module at `filename` for an `import`, and reads
/// the values of its exports: `default` first, then each of `names` (the statically detected
/// names, `default` excluded): its value when `module.exports` has it as an own property, else
/// `undefined`.
pub fn load_for_import(vm: &mut Vm, filename: &str, names: &[JsStr]) -> JsResult<Vec<(JsStr, Value)>> {
    let exports = load_file(vm, filename, Parent::Undefined, false)?;
    let mut out = Vec::with_capacity(names.len() + 1);
    out.push((JsStr::from_str("default"), exports.clone()));
    let object = match &exports {
        Value::Object(o) => Some(*o),
        Value::Undefined | Value::Null => None,
        other => Some(vm.to_object(other)?),
    };
    let Some(object) = object else { return Ok(out) };
    for name in names {
        if name.to_string_lossy() == "default" {
            continue;
        }
        let key = PropertyKey::from_string(modjs_vm::JsString::from_slice(name.units()));
        // A name that is not an own property stays undefined; a getter may throw: the export
        // is then undefined too.
        let value = if vm.has_own_property(object, &key)? {
            vm.get(object, &key).unwrap_or(Value::Undefined)
        } else {
            Value::Undefined
        };
        out.push((name.clone(), value));
    }
    Ok(out)
}

/// `loadESMFromCJS(module, filename)`: `require()` of an ES module (Node v20.20, unflagged).
///
/// The module's graph is loaded into the program's module map, linked and evaluated
/// synchronously; `module.exports` becomes its namespace — or, when the namespace has a
/// `default` export and no `__esModule`, a namespace that adds `__esModule: true` (Node's
/// "required module facade", whose bindings are the module's own, so it stays live).
/// A graph with top-level await is `ERR_REQUIRE_ASYNC_MODULE`; a module still being
/// evaluated (a cycle through `require`) is `ERR_REQUIRE_CYCLE_MODULE`.
pub fn load_esm_from_cjs(vm: &mut Vm, module: ObjRef, filename: &str, _source: &str) -> JsResult<()> {
    let index = with_state(vm, |st, _| {
        let index = st.index_of(module);
        if let Some(i) = index {
            st.mark_es_module(i);
        }
        index
    })?;
    let href = Url::from_file_path(filename).href();
    let request = ModuleRequest {
        specifier: JsStr::from_str(&href),
        attributes: Vec::new(),
        phase: ImportPhase::Evaluation,
        span: Span::default(),
    };
    let loaded = with_runtime(vm, |rt, vm| -> Result<ModuleId, Value> {
        let id = rt.load_and_link(vm, &href, &request).map_err(|e| module_error_value(vm, &e))?;
        if graph_has_top_level_await(&rt.graph, id) {
            return Err(errors::require_async_module(vm));
        }
        Ok(id)
    });
    let id = match loaded {
        Some(Ok(id)) => id,
        Some(Err(e)) => return Err(e),
        None => return Err(vm.throw_error(ErrorKind::Error, "modjs internal error: no module runtime for require")),
    };
    // A module on the stack of an evaluation that is still running: a cycle.
    let status = with_runtime(vm, |rt, _| rt.graph.get(id).cyclic().map(|c| c.status)).flatten();
    if matches!(status, Some(ModuleStatus::Evaluating(_) | ModuleStatus::EvaluatingAsync)) {
        let from = with_state(vm, |st, _| match index.and_then(|i| st.entry(i)).map(|e| e.parent) {
            Some(Parent::Module(p)) => st.entry(p).map(|e| e.filename.clone()),
            _ => None,
        })?;
        return Err(errors::require_cycle_module(vm, filename, from.as_deref(), true));
    }
    let outcome = with_runtime(vm, |rt, vm| -> Result<Value, Value> {
        match rt.evaluate(vm, id) {
            EvaluateOutcome::Settled(Err(t)) => return Err(rt.thrown_value(t)),
            EvaluateOutcome::Pending => return Err(errors::require_async_module(vm)),
            _ => {}
        }
        if let Some(t) = rt.graph.get(id).cyclic().and_then(|c| c.evaluation_error) {
            return Err(rt.thrown_value(t));
        }
        Ok(rt.namespace_object(vm, id))
    });
    let namespace = match outcome {
        Some(Ok(ns)) => ns,
        Some(Err(e)) => return Err(e),
        None => return Err(vm.throw_error(ErrorKind::Error, "modjs internal error: no module runtime for require")),
    };
    let exports = required_module_facade(vm, id, &namespace)?;
    vm.define_value(module, PropertyKey::from("exports"), exports, attrs::ALL);
    Ok(())
}

/// Whether the graph of `root` has a module with top-level await (V8's `IsGraphAsync`).
fn graph_has_top_level_await(graph: &ModuleGraph, root: ModuleId) -> bool {
    let mut seen = vec![false; graph.len()];
    let mut todo = vec![root];
    while let Some(m) = todo.pop() {
        if m.index() >= seen.len() || seen[m.index()] {
            continue;
        }
        seen[m.index()] = true;
        let record = graph.get(m);
        if record.source_text().is_some_and(|s| s.records.has_tla) {
            return true;
        }
        if let Some(c) = record.cyclic() {
            todo.extend(c.loaded_modules.iter().copied());
        }
    }
    false
}

/// What `require()` of an ES module returns: its namespace, or — when it has a `default`
/// export and no `__esModule` — the same bindings plus `__esModule: true`, made once per
/// module.
fn required_module_facade(vm: &mut Vm, id: ModuleId, namespace: &Value) -> JsResult<Value> {
    let Value::Object(ns) = namespace else { return Ok(namespace.clone()) };
    let ObjectKind::Namespace(data) = &vm.heap.get(*ns).kind else { return Ok(namespace.clone()) };
    let has = |name: &str| data.exports.contains_key(&PropertyKey::from(name));
    if !has("default") || has("__esModule") {
        return Ok(namespace.clone());
    }
    let mut exports: Vec<(JsString, CellRef)> = data
        .exports
        .iter()
        .filter_map(|(k, c)| match k {
            PropertyKey::String(s) => Some((s.clone(), *c)),
            PropertyKey::Index(i) => Some((JsString::from(i.to_string().as_str()), *c)),
            PropertyKey::Symbol(_) => None,
        })
        .collect();
    if let Some(f) = with_state(vm, |st, _| st.facades.get(&id).copied())? {
        return Ok(Value::Object(f));
    }
    let flag = vm.heap.alloc_cell(Value::Bool(true));
    vm.root_cells.push(flag);
    exports.push((JsString::from("__esModule"), flag));
    exports.sort_by(|(a, _), (b, _)| node_namespace_order(&JsStr(a.as_units().into()), &JsStr(b.as_units().into())));
    let facade = module_namespace_create(vm, exports);
    vm.roots.push(Value::Object(facade));
    with_state(vm, |st, _| st.facades.insert(id, facade))?;
    Ok(Value::Object(facade))
}
