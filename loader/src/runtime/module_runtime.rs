//! The module runtime: a linked module graph made runnable in a VM, and the evaluate phase
//! driven over it.
//!
//! [`ModuleRuntime::instantiate`] finishes InitializeEnvironment on the VM side: module
//! environments (see [`super::environment`]), each module's code compiled over its layout of
//! cells, `import.meta` objects, and — for every module of the graph, before any body runs — the
//! hoisted function declarations. [`ModuleRuntime::evaluate`] runs the spec's Evaluate()
//! ([`crate::module::evaluate`]) with this runtime as the [`ModuleExecutor`]: a module body runs
//! when InnerModuleEvaluation says so; a body with top-level await runs as an async function
//! whose settlement calls AsyncModuleExecutionFulfilled/Rejected from a promise reaction.

use modjs_parser::ast::JsStr;
use modjs_vm::builtins::promise::{new_promise, perform_promise_then, reject_promise, resolve_promise};
use modjs_vm::compiler::ModuleBindingKind;
use modjs_vm::native::CallArgs;
use modjs_vm::object::ObjectKind;
use modjs_vm::{attrs, CellRef, ErrorKind, JsResult, ObjRef, PropertyKey, Value, Vm};

use super::environment::ModuleInstances;
use crate::module::evaluate::{
    async_module_execution_fulfilled, async_module_execution_rejected, evaluate, evaluation_root, EvaluateOutcome,
    Evaluation, ModuleExecutor,
};
use crate::module::graph::ModuleGraph;
use crate::module::host::ModuleHost;
use crate::module::record::{ModuleId, ModuleKind, SyntheticKind, ThrownValue};
use crate::module::Trace;
use crate::runtime::commonjs::prefetch::Prefetched;
use crate::resolve::url::Url;

/// A module's compiled body, ready to run.
struct Compiled {
    body: ObjRef,
}

/// Everything the VM side of the module system keeps.
pub struct ModuleRuntime {
    pub graph: ModuleGraph,
    pub instances: ModuleInstances,
    pub evaluation: Evaluation,
    pub trace: Trace,
    compiled: Vec<Option<Compiled>>,
    /// Modules that have an environment but no compiled body yet (normally empty between calls
    /// of [`ModuleRuntime::instantiate`]; a module whose code failed to compile stays here).
    uncompiled: Vec<ModuleId>,
    /// Records below this index were reported to the prefetch workers as loaded.
    hinted_upto: usize,
    /// Thrown values by [`ThrownValue`] handle (also kept in the VM's roots).
    thrown: Vec<Value>,
    /// Settled [[TopLevelCapability]]s, in the order they settled.
    pub settled: Vec<(ModuleId, Result<(), ThrownValue>)>,
    /// The original `JSON.parse`, taken before any user code could replace it.
    json_parse: Option<Value>,
    /// The CommonJS loader's state (`require.cache`, the module table, the resolver).
    pub commonjs: crate::runtime::commonjs::CommonJsState,
    /// HostLoadImportedModule for modules loaded after the entry's graph (`import()`,
    /// `require()` of an ES module): the host that loaded the entry, with its resolver caches.
    /// `None` for a runtime that can load nothing more.
    pub host: Option<Box<dyn ModuleHost>>,
    /// [[TopLevelCapability]] promises by module (indexed like the graph): the promise of every
    /// Evaluate() call, which `import()` waits on (see [`ModuleRuntime::evaluation_promise`]).
    capabilities: Vec<Option<ObjRef>>,
}

impl ModuleRuntime {
    pub fn new(graph: ModuleGraph, trace: Trace) -> ModuleRuntime {
        ModuleRuntime {
            graph,
            instances: ModuleInstances::new(),
            evaluation: Evaluation::new(),
            trace,
            compiled: Vec::new(),
            uncompiled: Vec::new(),
            hinted_upto: 0,
            thrown: Vec::new(),
            settled: Vec::new(),
            json_parse: None,
            commonjs: crate::runtime::commonjs::CommonJsState::new(),
            host: None,
            capabilities: Vec::new(),
        }
    }

    /// The runtime with `host` as its HostLoadImportedModule for later loads.
    pub fn with_host(mut self, host: Box<dyn ModuleHost>) -> ModuleRuntime {
        self.host = Some(host);
        self
    }

    /// The value behind a thrown-value handle.
    pub fn thrown_value(&self, t: ThrownValue) -> Value {
        self.thrown.get(t.0 as usize).cloned().unwrap_or(Value::Undefined)
    }

    fn remember_thrown(&mut self, vm: &mut Vm, v: Value) -> ThrownValue {
        vm.roots.push(v.clone());
        self.thrown.push(v);
        ThrownValue((self.thrown.len() - 1) as u32)
    }

    /// Creates the environments, compiles every new Source Text Module Record and instantiates
    /// the hoisted functions of all of them (before any module body runs).
    pub fn instantiate(&mut self, vm: &mut Vm) -> JsResult<()> {
        if self.json_parse.is_none() {
            let global = vm.global();
            let json = vm.get(global, &PropertyKey::from("JSON"))?;
            if json.is_object() {
                self.json_parse = Some(vm.get_v(&json, &PropertyKey::from("parse"))?);
            }
        }
        let created = self.instances.instantiate(vm, &mut self.graph);
        self.uncompiled.extend(created);
        if self.compiled.len() < self.graph.len() {
            self.compiled.resize_with(self.graph.len(), || None);
        }
        let mut inits = Vec::new();
        let pending = std::mem::take(&mut self.uncompiled);
        for (at, &id) in pending.iter().enumerate() {
            let index = id.index();
            if self.compiled[index].is_some() {
                continue;
            }
            let record = self.graph.get(id);
            let ModuleKind::SourceText(m) = &record.kind else {
                continue;
            };
            if m.environment.is_none() {
                continue;
            }
            let (init, body) = match &m.ecmascript_code {
                Ok(c) => (c.init.clone(), c.body.clone()),
                Err(e) => {
                    let message = e.message.clone();
                    self.uncompiled.extend_from_slice(&pending[at..]);
                    return Err(vm.throw_syntax_error(&message));
                }
            };
            // `import.meta` makes an object (and needs the runtime mutably): made first, so the
            // bindings can be read from the record in place.
            let needs_meta = m.ecmascript_code.as_ref().is_ok_and(|c| {
                c.bindings.iter().any(|b| matches!(b.kind, ModuleBindingKind::ImportMeta))
            });
            let meta = if needs_meta { Some(self.import_meta_cell(vm, id)) } else { None };
            let record = self.graph.get(id);
            let ModuleKind::SourceText(m) = &record.kind else {
                continue;
            };
            let bindings = match &m.ecmascript_code {
                Ok(c) => &c.bindings[..],
                Err(_) => &[],
            };
            let mut cells = Vec::with_capacity(bindings.len());
            let mut missing = None;
            for binding in bindings {
                let name = &binding.name;
                let cell = match binding.kind {
                    ModuleBindingKind::Import | ModuleBindingKind::ImportNamespace => {
                        self.instances.environment(id).and_then(|e| e.imports.get(name).copied())
                    }
                    ModuleBindingKind::ImportMeta => meta,
                    _ => self.instances.local_cell(id, name),
                };
                match cell {
                    Some(c) => cells.push(c),
                    None => {
                        missing = Some(format!(
                            "modjs internal error: no binding cell for '{}' in {}",
                            name.to_string_lossy(),
                            record.url
                        ));
                        break;
                    }
                }
            }
            if let Some(msg) = missing {
                self.uncompiled.extend_from_slice(&pending[at..]);
                return Err(vm.throw_error(ErrorKind::Error, &msg));
            }
            let init = vm.module_function(init, cells.clone());
            let body = vm.module_function(body, cells);
            vm.roots.push(Value::Object(body));
            vm.roots.push(Value::Object(init));
            self.compiled[index] = Some(Compiled { body });
            inits.push(init);
        }
        // InitializeEnvironment step 24.b.iii for every module, before any evaluation.
        for init in inits {
            vm.run_module_function(init)?;
        }
        Ok(())
    }

    /// The cell holding a module's `import.meta` object (§13.3.12.1 with Node's
    /// HostGetImportMetaProperties: `url` and `resolve`, and for file: modules `filename` and
    /// `dirname`).
    fn import_meta_cell(&mut self, vm: &mut Vm, id: ModuleId) -> CellRef {
        let url = self.graph.get(id).url.clone();
        let meta = vm.new_object_with_proto(None);
        if let Some(u) = Url::parse(&url) {
            if u.scheme == "file" {
                if let Ok(path) = u.to_file_path() {
                    let dir = crate::resolve::path::dirname(&path);
                    vm.define_value(meta, PropertyKey::from("dirname"), Value::from(dir.as_str()), attrs::ALL);
                    vm.define_value(meta, PropertyKey::from("filename"), Value::from(path.as_str()), attrs::ALL);
                }
            }
        }
        let resolve = super::import_meta_resolve::new_resolve_function(vm, &url);
        vm.define_value(meta, PropertyKey::from("resolve"), Value::Object(resolve), attrs::ALL);
        vm.define_value(meta, PropertyKey::from("url"), Value::from(url.as_str()), attrs::ALL);
        let cell = vm.heap.alloc_cell(Value::Object(meta));
        vm.root_cells.push(cell);
        cell
    }

    /// Evaluate() of `root` (which must be linked and instantiated).
    ///
    /// The promise of the [[TopLevelCapability]] Evaluate() creates is kept (see
    /// [`ModuleRuntime::evaluation_promise`]), already settled when the outcome is.
    pub fn evaluate(&mut self, vm: &mut Vm, root: ModuleId) -> EvaluateOutcome {
        self.hint_commonjs_facades(root);
        let capability_holder = evaluation_root(&self.graph, root);
        let outcome = self.run_evaluate(vm, root);
        match outcome {
            EvaluateOutcome::Settled(result) => {
                let promise = self.new_capability(vm, capability_holder);
                self.settle_capability(vm, promise, result);
            }
            EvaluateOutcome::Pending => {
                self.new_capability(vm, capability_holder);
            }
            EvaluateOutcome::AlreadyRequested => {}
        }
        outcome
    }

    /// Hands the prepared wrappers of the CommonJS modules the evaluation of `root` will run to
    /// `require`'s loader, and their requirements to the prefetch workers (see
    /// [`crate::runtime::commonjs::facade_hints`]), with the files loaded into the module map
    /// since the last hint. Nothing happens without prefetch workers: each facade then hands
    /// over its wrapper when it runs.
    fn hint_commonjs_facades(&mut self, root: ModuleId) {
        let facades = crate::runtime::commonjs::facade_hints::facades_in_evaluation_order(&self.graph, root);
        if facades.is_empty() || !self.commonjs.prefetching() {
            return;
        }
        let mut prepared = Vec::with_capacity(facades.len());
        for m in facades {
            let record = self.graph.get_mut(m);
            let Some(path) = record.path.clone() else { continue };
            let ModuleKind::Synthetic(s) = &mut record.kind else { continue };
            let (Some(wrapper), SyntheticKind::CommonJs { source }) = (s.prepared.take(), &mut s.kind) else { continue };
            match Prefetched::prepared_until_changed(std::mem::take(source), wrapper, &path) {
                Ok(entry) => prepared.push((path, entry)),
                // Left with the facade, which hands it over when it runs.
                Err((text, wrapper)) => {
                    *source = text;
                    s.prepared = Some(wrapper);
                }
            }
        }
        let loaded: Vec<String> =
            (self.hinted_upto..self.graph.len()).filter_map(|i| self.graph.get(ModuleId(i as u32)).path.clone()).collect();
        self.hinted_upto = self.graph.len();
        self.commonjs.hint_facades(prepared, loaded);
    }

    /// Evaluate() of `module` as the spec has it: the promise of the [[TopLevelCapability]] it
    /// returns (a new one, or the existing promise of the module's cycle root when Evaluate()
    /// was already called on it), settled when the module and its dependencies have run.
    pub fn evaluation_promise(&mut self, vm: &mut Vm, module: ModuleId) -> ObjRef {
        let holder = evaluation_root(&self.graph, module);
        self.evaluate(vm, module);
        match self.capabilities.get(holder.index()).copied().flatten() {
            Some(promise) => promise,
            // Evaluate() was called on this root before this runtime kept promises: it can
            // only have been settled synchronously.
            None => {
                let promise = self.new_capability(vm, holder);
                let result = match self.graph.get(holder).cyclic().and_then(|c| c.evaluation_error) {
                    Some(error) => Err(error),
                    None => Ok(()),
                };
                self.settle_capability(vm, promise, result);
                promise
            }
        }
    }

    /// NewPromiseCapability(%Promise%) for `module`'s [[TopLevelCapability]] (rooted: it lives
    /// as long as the module map). A rejection of it is never reported as unhandled — whoever
    /// awaits the module handles it.
    fn new_capability(&mut self, vm: &mut Vm, module: ModuleId) -> ObjRef {
        let promise = new_promise(vm);
        if let ObjectKind::Promise(data) = &mut vm.heap.get_mut(promise).kind {
            data.is_handled = true;
        }
        vm.roots.push(Value::Object(promise));
        if self.capabilities.len() <= module.index() {
            self.capabilities.resize(module.index() + 1, None);
        }
        self.capabilities[module.index()] = Some(promise);
        promise
    }

    /// Resolves or rejects a [[TopLevelCapability]] promise.
    fn settle_capability(&mut self, vm: &mut Vm, promise: ObjRef, result: Result<(), ThrownValue>) {
        match result {
            Ok(()) => resolve_promise(vm, promise, Value::Undefined),
            Err(t) => {
                let error = self.thrown_value(t);
                reject_promise(vm, promise, error);
            }
        }
    }

    /// GetModuleNamespace(module) (§16.2.1.10) on the VM side: the module's namespace object,
    /// created on first use and the same object ever after.
    pub fn namespace_object(&mut self, vm: &mut Vm, module: ModuleId) -> Value {
        let cell = self.instances.namespace_cell(vm, &mut self.graph, module);
        vm.heap.cell(cell).clone()
    }

    /// Runs Evaluate() over the graph with this runtime as the executor.
    fn run_evaluate(&mut self, vm: &mut Vm, root: ModuleId) -> EvaluateOutcome {
        let mut trace = std::mem::take(&mut self.trace);
        let mut evaluation = std::mem::take(&mut self.evaluation);
        let mut graph = std::mem::take(&mut self.graph);
        let outcome = {
            let mut exec = Executor { vm, rt: self };
            evaluate(&mut evaluation, &mut graph, root, &mut exec, &mut trace)
        };
        self.graph = graph;
        self.evaluation = evaluation;
        self.trace = trace;
        outcome
    }
}

/// Runs a module body (or starts an async one) as a collection safe point.
///
/// Module bodies are started from built-ins (the entry's evaluation job, the reactions of
/// asynchronous modules), so `native_depth` is above zero and the collector would never run
/// during a module's top-level code — a loop there would grow memory without bound. Nothing on
/// the Rust stack between the host's job loop and this call holds an unrooted handle (the body
/// function, the module cells, namespaces and thrown values are all VM roots), so the body's
/// own frame (one entry level deeper) is made a level where collection may happen; built-ins it
/// calls are deeper still and keep their protection.
fn run_at_safe_point(vm: &mut Vm, body: ObjRef) -> JsResult<Value> {
    let floor = std::mem::replace(&mut vm.gc_floor, vm.native_depth + 1);
    let result = vm.run_module_function(body);
    vm.gc_floor = floor;
    result
}

/// The runtime as the evaluate phase's host.
struct Executor<'a> {
    vm: &'a mut Vm,
    rt: &'a mut ModuleRuntime,
}

impl Executor<'_> {
    /// Runs `f`, which runs JavaScript, with the runtime back in the VM's host state, so that
    /// what the code does (`require`, `createRequire`, `require()` of an ES module) can reach
    /// it. `graph` is the module map the evaluate phase is working on: it is lent too, and
    /// both are taken back afterwards (with any records the code added).
    fn with_runtime_lent<R>(&mut self, graph: &mut ModuleGraph, f: impl FnOnce(&mut Vm) -> R) -> R {
        let mut lent = std::mem::replace(self.rt, ModuleRuntime::new(ModuleGraph::new(), Trace::off()));
        std::mem::swap(&mut lent.graph, graph);
        let previous = self.vm.host_state.replace(Box::new(lent));
        let result = f(self.vm);
        let back = std::mem::replace(&mut self.vm.host_state, previous);
        if let Some(Ok(mut rt)) = back.map(|b| b.downcast::<ModuleRuntime>()) {
            std::mem::swap(&mut rt.graph, graph);
            *self.rt = *rt;
        }
        result
    }
}

impl ModuleExecutor for Executor<'_> {
    fn execute_module(&mut self, graph: &mut ModuleGraph, module: ModuleId) -> Result<(), ThrownValue> {
        let Some(Some(compiled)) = self.rt.compiled.get(module.index()) else {
            return Ok(());
        };
        let body = compiled.body;
        match self.with_runtime_lent(graph, |vm| run_at_safe_point(vm, body)) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.rt.remember_thrown(self.vm, e)),
        }
    }

    fn execute_module_async(&mut self, graph: &mut ModuleGraph, module: ModuleId) {
        let Some(Some(compiled)) = self.rt.compiled.get(module.index()) else {
            return;
        };
        let body = compiled.body;
        // The body is an async function: its promise settles when the module finishes.
        let promise = match self.with_runtime_lent(graph, |vm| run_at_safe_point(vm, body)) {
            Ok(Value::Object(p)) => p,
            Ok(other) => {
                let p = new_promise(self.vm);
                resolve_promise(self.vm, p, other);
                p
            }
            Err(e) => {
                // Only a failure to start the body gets here (an async body reports throws
                // through its promise): the same as a rejection.
                let p = new_promise(self.vm);
                reject_promise(self.vm, p, e);
                p
            }
        };
        let id = Value::Number(module.0 as f64);
        let on_fulfilled = self.vm.new_native_function_with_slots(
            PropertyKey::from(""),
            1,
            async_module_fulfilled,
            vec![id.clone()],
            false,
        );
        let on_rejected =
            self.vm.new_native_function_with_slots(PropertyKey::from(""), 1, async_module_rejected, vec![id], false);
        perform_promise_then(self.vm, promise, Value::Object(on_fulfilled), Value::Object(on_rejected), None);
    }

    fn evaluate_synthetic(&mut self, graph: &mut ModuleGraph, module: ModuleId) -> Result<(), ThrownValue> {
        let record = graph.get(module);
        let ModuleKind::Synthetic(s) = &record.kind else {
            return Ok(());
        };
        let default = JsStr::from_str("default");
        let result: JsResult<()> = match &s.kind {
            SyntheticKind::Json { source } => {
                let Some(cell) = self.rt.instances.local_cell(module, &default) else {
                    return Ok(());
                };
                if !self.vm.heap.cell(cell).is_empty() {
                    return Ok(());
                }
                let parse = self.rt.json_parse.clone().unwrap_or(Value::Undefined);
                match self.vm.call(&parse, Value::Undefined, &[Value::from(source.as_str())]) {
                    Ok(v) => {
                        self.vm.heap.cell_set(cell, v);
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
            SyntheticKind::Builtin { id } => {
                let cells: Vec<(JsStr, CellRef)> = match self.rt.instances.environment(module) {
                    Some(env) => env.locals.iter().map(|(name, cell)| (name.clone(), *cell)).collect(),
                    None => Vec::new(),
                };
                // Built-ins may be written in JavaScript, and `node:module` is the CommonJS
                // loader's: the runtime goes back into the VM meanwhile.
                let id = id.clone();
                self.with_runtime_lent(graph, |vm| crate::node::evaluate_builtin_module(vm, &id, &cells))
            }
            SyntheticKind::CommonJs { .. } => {
                // Evaluated once: a later import (or import()) gets the same outcome.
                if let Some(outcome) = self.rt.commonjs.record_outcome(module) {
                    return outcome;
                }
                let filename = Url::parse(&record.url).and_then(|u| u.to_file_path().ok()).unwrap_or_else(|| record.url.clone());
                let names: Vec<JsStr> = s.export_names.iter().filter(|n| **n != default).cloned().collect();
                // The wrapper the parse worker prepared goes to `require`'s loader, which takes
                // it for this file's load instead of reading and compiling the file again.
                if let ModuleKind::Synthetic(s) = &mut graph.get_mut(module).kind {
                    if let (Some(prepared), SyntheticKind::CommonJs { source }) = (s.prepared.take(), &mut s.kind) {
                        let entry = Prefetched::prepared(std::mem::take(source), prepared);
                        self.rt.commonjs.deposit_prepared(filename.clone(), entry);
                    }
                }
                // The module runs JavaScript (and may `require` more): the runtime goes back
                // into the VM meanwhile.
                let loaded = self.with_runtime_lent(graph, |vm| {
                    crate::runtime::commonjs::esm_interop::load_for_import(vm, &filename, &names)
                });
                // Not taken when `require` had already loaded the file: a later load reads it anew.
                self.rt.commonjs.discard_prepared(&filename);
                let outcome = match loaded {
                    Ok(values) => {
                        for (name, value) in values {
                            if let Some(cell) = self.rt.instances.local_cell(module, &name) {
                                self.vm.heap.cell_set(cell, value);
                            }
                        }
                        Ok(())
                    }
                    Err(e) => Err(self.rt.remember_thrown(self.vm, e)),
                };
                self.rt.commonjs.set_record_outcome(module, outcome);
                return outcome;
            }
        };
        result.map_err(|e| self.rt.remember_thrown(self.vm, e))
    }

    fn settle_top_level_capability(
        &mut self,
        _graph: &mut ModuleGraph,
        module: ModuleId,
        result: Result<(), ThrownValue>,
    ) {
        self.rt.settled.push((module, result));
        if let Some(promise) = self.rt.capabilities.get(module.index()).copied().flatten() {
            self.rt.settle_capability(self.vm, promise, result);
        }
    }
}

/// Runs `f` with the module runtime the VM's host state holds, if it is there (not taken by an
/// enclosing operation).
pub fn with_runtime<R>(vm: &mut Vm, f: impl FnOnce(&mut ModuleRuntime, &mut Vm) -> R) -> Option<R> {
    let mut state = vm.host_state.take()?;
    let r = state.downcast_mut::<ModuleRuntime>().map(|rt| f(rt, vm));
    vm.host_state = Some(state);
    r
}

fn module_slot(vm: &Vm, args: &CallArgs) -> Option<ModuleId> {
    match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(nf) => match nf.slots.first() {
            Some(Value::Number(n)) => Some(ModuleId(*n as u32)),
            _ => None,
        },
        _ => None,
    }
}

/// ExecuteAsyncModule's onFulfilled: AsyncModuleExecutionFulfilled(module).
fn async_module_fulfilled(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(m) = module_slot(vm, args) {
        with_runtime(vm, |rt, vm| {
            let mut trace = std::mem::take(&mut rt.trace);
            let mut graph = std::mem::take(&mut rt.graph);
            {
                let mut exec = Executor { vm, rt };
                async_module_execution_fulfilled(&mut graph, m, &mut exec, &mut trace);
            }
            rt.graph = graph;
            rt.trace = trace;
        });
    }
    Ok(Value::Undefined)
}

/// ExecuteAsyncModule's onRejected: AsyncModuleExecutionRejected(module, error).
fn async_module_rejected(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(m) = module_slot(vm, args) {
        let error = args.get(0);
        with_runtime(vm, |rt, vm| {
            let t = rt.remember_thrown(vm, error);
            let mut trace = std::mem::take(&mut rt.trace);
            let mut graph = std::mem::take(&mut rt.graph);
            {
                let mut exec = Executor { vm, rt };
                async_module_execution_rejected(&mut graph, m, t, &mut exec, &mut trace);
            }
            rt.graph = graph;
            rt.trace = trace;
        });
    }
    Ok(Value::Undefined)
}
