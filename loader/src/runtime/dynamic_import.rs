//! `import()` on the loader's side: HostLoadImportedModule for a dynamic import (§16.2.1.8),
//! FinishLoadingImportedModule and ContinueDynamicImport (§16.2.1.9), over the module map of
//! the running program.
//!
//! The VM evaluates `import(specifier, options)` up to its ModuleRequest Record
//! (`modjs_vm::interpreter::import_call`) and calls [`host_load_imported_module`], which does
//! not load anything yet: like Node, whose loader reads files asynchronously, it queues a job,
//! so the importing code always finishes its synchronous part first and a module is never
//! evaluated in the middle of the expression that imports it. The job
//! ([`continue_dynamic_import_job`]) then
//!
//! 1. resolves the request against the referrer and loads the module's static graph into the
//!    existing module map — a module already there is the same record, hence the same
//!    namespace object ([`ModuleRuntime::load_and_link`]);
//! 2. links and instantiates what is new;
//! 3. calls Evaluate() and, when its promise settles, resolves the `import()` promise with
//!    GetModuleNamespace(module) or rejects it with the evaluation error — the very error
//!    object each time, the module is not run again.
//!
//! Loading and linking failures reject the promise with the error Node gives: resolution
//! errors with their `code` (and `url`), SyntaxErrors for parse and link errors.

use modjs_parser::ast::{ImportPhase, JsStr, Span};
use modjs_parser::module_records::{ImportAttribute, ModuleRequest};
use modjs_vm::builtins::promise::{perform_promise_then, reject_promise, resolve_promise};
use modjs_vm::host::microtask::Job;
use modjs_vm::host::node_errors::node_error;
use modjs_vm::native::CallArgs;
use modjs_vm::object::ObjectKind;
use modjs_vm::{attrs, ErrorKind, JsResult, JsString, ObjRef, PropertyKey, Value, Vm};

use super::module_runtime::{with_runtime, ModuleRuntime};
use crate::module::error::ModuleError;
use crate::module::record::ModuleId;
use crate::module::{construct, link};
use crate::resolve::errors::ResolveError;
use crate::resolve::url::Url;

/// Makes `import()` in `vm` load through the [`ModuleRuntime`] in its host state.
pub fn install(vm: &mut Vm) {
    vm.host_hooks.load_imported_module = Some(host_load_imported_module);
}

/// The module map key of the code that called `import()`: a referrer that is a URL (an ES
/// module) is itself; anything else is a script's or CommonJS module's absolute path, whose
/// `file:` URL it becomes.
pub fn referrer_url(referrer: &str) -> String {
    match Url::parse(referrer) {
        Some(url) => url.href(),
        None => Url::from_file_path(referrer).href(),
    }
}

/// HostLoadImportedModule(referrer, moduleRequest, empty, promiseCapability) for `import()`:
/// queues the job that loads, links and evaluates the module and settles `promise`.
fn host_load_imported_module(vm: &mut Vm, referrer: &str, request: ModuleRequest, promise: ObjRef) {
    let mut slots = vec![
        Value::Object(promise),
        Value::from(referrer_url(referrer).as_str()),
        Value::String(JsString::from_units(request.specifier.0.to_vec())),
        Value::from(call_site_frames(vm).as_str()),
    ];
    for attribute in &request.attributes {
        slots.push(Value::String(JsString::from_units(attribute.key.0.to_vec())));
        slots.push(Value::String(JsString::from_units(attribute.value.0.to_vec())));
    }
    let job = vm.new_native_function_with_slots(PropertyKey::from(""), 0, continue_dynamic_import_job, slots, false);
    vm.event_loop.microtasks.push_back(Job::Callback { callback: Value::Object(job), args: Vec::new() });
}

/// The `stack` frames of the code calling `import()` (as many as an error would capture), for
/// the errors the import rejects with: they are made later, in a job with no JavaScript
/// frames, and Node's own frames there are its loader's internals.
fn call_site_frames(vm: &Vm) -> String {
    const FRAMES: usize = 10;
    vm.capture_stack_trace().iter().take(FRAMES).map(|frame| format!("\n    at {frame}")).collect()
}

/// The native function's data slots.
fn slots(vm: &Vm, f: ObjRef) -> Vec<Value> {
    match &vm.heap.get(f).kind {
        ObjectKind::NativeFunction(nf) => nf.slots.clone(),
        _ => Vec::new(),
    }
}

fn js_str(v: &Value) -> JsStr {
    match v {
        Value::String(s) => JsStr(s.as_units().into()),
        _ => JsStr(Box::new([])),
    }
}

/// The job [`host_load_imported_module`] queued: FinishLoadingImportedModule, then
/// ContinueDynamicImport(promiseCapability, moduleCompletion).
fn continue_dynamic_import_job(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let data = slots(vm, args.callee);
    let (Some(Value::Object(promise)), Some(Value::String(referrer))) = (data.first(), data.get(1)) else {
        return Ok(Value::Undefined);
    };
    let promise = *promise;
    let referrer = referrer.to_rust_lossy();
    let frames = match data.get(3) {
        Some(Value::String(s)) => s.to_rust_lossy(),
        _ => String::new(),
    };
    let attributes = data
        .get(4..)
        .unwrap_or(&[])
        .chunks(2)
        .map(|kv| ImportAttribute { key: js_str(&kv[0]), value: js_str(kv.get(1).unwrap_or(&Value::Undefined)) })
        .collect();
    let request = ModuleRequest {
        specifier: js_str(data.get(2).unwrap_or(&Value::Undefined)),
        attributes,
        phase: ImportPhase::Evaluation,
        span: Span::default(),
    };
    // Module bodies may run (and collect garbage) below: keep the promise alive meanwhile.
    vm.roots.push(Value::Object(promise));
    let loaded = with_runtime(vm, |rt, vm| -> Result<(ModuleId, ObjRef), ModuleError> {
        // FinishLoadingImportedModule and ContinueDynamicImport steps 1-3 (the load), then
        // step 5.a: Link().
        let module = rt.load_and_link(vm, &referrer, &request)?;
        // 5.c. Let evaluatePromise be module.Evaluate().
        Ok((module, rt.evaluation_promise(vm, module)))
    });
    unroot(vm, promise);
    match loaded {
        // 1. If moduleCompletion is an abrupt completion, reject; 5.b. the same for Link().
        Some(Err(error)) => {
            let reason = module_error_value(vm, &error);
            set_stack_frames(vm, &reason, &(syntax_error_frame(&error) + &frames));
            reject_promise(vm, promise, reason);
        }
        Some(Ok((module, evaluate_promise))) => {
            // 5.d. fulfilledClosure: resolve with GetModuleNamespace(module).
            let on_fulfilled = vm.new_native_function_with_slots(
                PropertyKey::from(""),
                0,
                resolve_with_namespace,
                vec![Value::Object(promise), Value::Number(module.0 as f64)],
                false,
            );
            // 4. rejectedClosure: reject with the reason.
            let on_rejected = vm.new_native_function_with_slots(
                PropertyKey::from(""),
                1,
                reject_import,
                vec![Value::Object(promise)],
                false,
            );
            // 5.e-f. Perform PerformPromiseThen(evaluatePromise, onFulfilled, onRejected).
            perform_promise_then(vm, evaluate_promise, Value::Object(on_fulfilled), Value::Object(on_rejected), None);
        }
        None => {
            let error = vm.new_error(ErrorKind::TypeError, "modjs: import() needs a module runtime, and there is none");
            reject_promise(vm, promise, Value::Object(error));
        }
    }
    Ok(Value::Undefined)
}

/// Gives a loader error made in the job the frames of the `import()` call: `stack` becomes its
/// heading (`Name [CODE]: message`, as V8 formatted it) followed by `frames`.
fn set_stack_frames(vm: &mut Vm, error: &Value, frames: &str) {
    let Value::Object(error) = error else { return };
    let key = PropertyKey::from("stack");
    let Ok(Value::String(stack)) = vm.get(*error, &key) else { return };
    let text = stack.to_rust_lossy();
    let heading = text.find("\n    at ").map_or(text.as_str(), |i| &text[..i]);
    let stack = format!("{heading}{frames}");
    vm.define_value(*error, key, Value::from(stack.as_str()), attrs::BUILTIN);
}

/// For a module that does not parse, the place of the error as a first stack frame (where
/// the report of an uncaught error takes its source excerpt from, as Node shows the module's
/// line and a caret under the error); nothing for other errors.
fn syntax_error_frame(error: &ModuleError) -> String {
    let ModuleError::Syntax { url, source, error } = error else { return String::new() };
    let index = modjs_lexer::LineIndex::new(source);
    let (line, column) = index.line_col(source, (error.span.start as usize).min(source.len()));
    format!("\n    at {url}:{line}:{}", column + 1)
}

/// Removes the last occurrence of `promise` from the VM's roots.
fn unroot(vm: &mut Vm, promise: ObjRef) {
    if let Some(i) = vm.roots.iter().rposition(|v| matches!(v, Value::Object(o) if *o == promise)) {
        vm.roots.remove(i);
    }
}

/// ContinueDynamicImport's fulfilledClosure: GetModuleNamespace(module), then resolve.
fn resolve_with_namespace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let data = slots(vm, args.callee);
    let (Some(Value::Object(promise)), Some(Value::Number(module))) = (data.first(), data.get(1)) else {
        return Ok(Value::Undefined);
    };
    let (promise, module) = (*promise, ModuleId(*module as u32));
    // a. Let namespace be GetModuleNamespace(module).
    let namespace = with_runtime(vm, |rt, vm| rt.namespace_object(vm, module)).unwrap_or(Value::Undefined);
    // b. Perform ! Call(promiseCapability.[[Resolve]], undefined, « namespace »).
    resolve_promise(vm, promise, namespace);
    Ok(Value::Undefined)
}

/// ContinueDynamicImport's rejectedClosure.
fn reject_import(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(Value::Object(promise)) = slots(vm, args.callee).first() {
        reject_promise(vm, *promise, args.get(0));
    }
    Ok(Value::Undefined)
}

impl ModuleRuntime {
    /// HostLoadImportedModule(referrer, request) into this runtime's module map, then Link()
    /// and the VM side of InitializeEnvironment: the id of the requested module, ready for
    /// Evaluate(). `referrer_url` is the importing module's URL (a script's or CommonJS module's
    /// `file:` URL: see [`referrer_url`]). New modules of the requested graph are loaded (a URL
    /// already in the map is its record); a failure leaves the map without them, except a link
    /// error, after which the loaded records stay ~unlinked~ as the spec has it.
    pub fn load_and_link(
        &mut self,
        vm: &mut Vm,
        referrer_url: &str,
        request: &ModuleRequest,
    ) -> Result<ModuleId, ModuleError> {
        let Some(host) = self.host.as_mut() else {
            return Err(ModuleError::Resolve(ResolveError {
                name: "TypeError",
                code: None,
                message: "modjs: this program's module runtime cannot load modules".to_string(),
                url: None,
            }));
        };
        let trace = &mut self.trace;
        trace.line(0, |t| {
            format!(
                "== import({:?}) from {}: load into the module map, link, evaluate",
                request.specifier,
                t.show_url(referrer_url)
            )
        });
        let resolution = host.resolve_imported_module(referrer_url, request)?;
        let commonjs = &self.commonjs;
        let already_required = |path: &str| commonjs.was_required(path);
        let loader = construct::CommonJsLoader {
            prefetcher: commonjs.running_prefetcher(),
            already_required: Some(&already_required),
        };
        let module = construct::load_into(host.as_mut(), &mut self.graph, resolution, trace, loader)?;
        link(&mut self.graph, module, trace)?;
        if let Err(thrown) = self.instantiate(vm) {
            return Err(thrown_as_module_error(vm, &thrown));
        }
        Ok(module)
    }
}

/// An exception of the instantiation (a module modjs cannot compile) as a module error.
fn thrown_as_module_error(vm: &mut Vm, thrown: &Value) -> ModuleError {
    let name = match thrown {
        Value::Object(o) => match vm.get(*o, &PropertyKey::from("name")) {
            Ok(Value::String(s)) if s.to_rust_lossy() == "SyntaxError" => "SyntaxError",
            _ => "Error",
        },
        _ => "Error",
    };
    let message = match thrown {
        Value::Object(o) => match vm.get(*o, &PropertyKey::from("message")) {
            Ok(Value::String(s)) => s.to_rust_lossy(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    ModuleError::Resolve(ResolveError { name, code: None, message, url: None })
}


/// A loading or linking error as the JavaScript value Node rejects `import()` with: Node's
/// error class with `code` (and `url` for a missing file) for resolution and load-phase errors,
/// a SyntaxError for a module that does not parse or link.
pub fn module_error_value(vm: &mut Vm, error: &ModuleError) -> Value {
    match error {
        ModuleError::Resolve(e) => {
            let kind = ErrorKind::from_name(e.name);
            let value = match e.code {
                Some(code) => node_error(vm, kind, code, &e.message),
                None => Value::Object(vm.new_error(kind, &e.message)),
            };
            if let (Value::Object(o), Some(url)) = (&value, &e.url) {
                vm.define_value(*o, PropertyKey::from("url"), Value::from(url.as_str()), attrs::ALL);
            }
            value
        }
        ModuleError::Syntax { error, .. } => Value::Object(vm.new_error(ErrorKind::SyntaxError, &error.message)),
        ModuleError::Link { message, .. } => Value::Object(vm.new_error(ErrorKind::SyntaxError, message)),
    }
}
