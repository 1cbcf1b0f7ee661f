//! `import(specifier [, options])`: EvaluateImportCall (§13.3.10.2) up to the host hook.
//!
//! The interpreter evaluates the two operands (the `ImportCall` instruction); everything after —
//! the promise capability, ToString of the specifier, the validation of the options bag, the
//! ModuleRequest Record — is here, and the loading itself is the embedder's
//! HostLoadImportedModule ([`HostHooks::load_imported_module`]), which settles the promise when
//! the module graph has been loaded, linked and evaluated (or failed). Every failure after the
//! operands rejects the promise; nothing here throws.

use modjs_parser::ast::{ImportPhase, JsStr, Span};
use modjs_parser::module_records::{ImportAttribute, ModuleRequest};

use crate::builtins::promise::{new_promise, reject_promise};
use crate::error::ErrorKind;
use crate::gc::ObjRef;
use crate::property::PropertyKey;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// HostLoadImportedModule(referrer, moduleRequest, hostDefined, promiseCapability) for
/// `import()`: `referrer` is the SourceInfo name of the code that made the call (a module's URL,
/// or the absolute path of a script or CommonJS module); the host must eventually resolve
/// `promise` with the module's namespace object or reject it. The promise is reachable only
/// through the caller's register until the hook returns: a hook that keeps it for later must
/// root it (a job, a promise reaction or `vm.roots`).
pub type HostLoadImportedModule = fn(vm: &mut Vm, referrer: &str, request: ModuleRequest, promise: ObjRef);

/// The hooks an embedder installs on the VM.
#[derive(Default, Clone, Copy)]
pub struct HostHooks {
    /// What `import()` calls; `None` (a bare VM) rejects every `import()` with a TypeError.
    pub load_imported_module: Option<HostLoadImportedModule>,
}

/// Rejects `promise` with a new TypeError and returns it (the "reject and return" steps).
fn reject_with_type_error(vm: &mut Vm, promise: ObjRef, message: &str) -> Value {
    let error = vm.new_error(ErrorKind::TypeError, message);
    reject_promise(vm, promise, Value::Object(error));
    Value::Object(promise)
}

/// IfAbruptRejectPromise(value, capability): the thrown value rejects the promise.
macro_rules! if_abrupt_reject_promise {
    ($vm:expr, $promise:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(thrown) => {
                reject_promise($vm, $promise, thrown);
                return Value::Object($promise);
            }
        }
    };
}

impl Vm {
    /// EvaluateImportCall(specifierExpression, optionsExpression) (§13.3.10.2) from step 7, with
    /// `specifier` and `options` already evaluated (steps 3–6; `options` is undefined when
    /// absent). `referrer` is GetActiveScriptOrModule() (step 1) as the SourceInfo name of the
    /// running code. Returns the promise.
    pub fn evaluate_import_call(&mut self, referrer: &str, specifier: Value, options: Value) -> Value {
        let referrer = self.active_script_or_module(referrer);
        // 7. Let promiseCapability be ! NewPromiseCapability(%Promise%).
        let promise = new_promise(self);
        // 8. Let specifierString be Completion(ToString(specifier)).
        // 9. IfAbruptRejectPromise(specifierString, promiseCapability).
        let specifier_string = if_abrupt_reject_promise!(self, promise, self.to_string(&specifier));
        // 10. Let attributes be a new empty List.
        let mut attributes: Vec<(JsString, JsString)> = Vec::new();
        // 11. If options is not undefined, then
        if !matches!(options, Value::Undefined) {
            // a. If options is not an Object, reject with a TypeError and return.
            let Value::Object(options) = options else {
                return reject_with_type_error(self, promise, "The second argument to import() must be an object");
            };
            // b. Let attributesObj be Completion(Get(options, "with")).
            // c. IfAbruptRejectPromise(attributesObj, promiseCapability).
            let mut attributes_obj =
                if_abrupt_reject_promise!(self, promise, self.get(options, &PropertyKey::from("with")));
            // Node v20's V8 still reads the deprecated `assert` when `with` is absent.
            if matches!(attributes_obj, Value::Undefined) {
                attributes_obj =
                    if_abrupt_reject_promise!(self, promise, self.get(options, &PropertyKey::from("assert")));
            }
            // d. If attributesObj is not undefined, then
            if !matches!(attributes_obj, Value::Undefined) {
                // i. If attributesObj is not an Object, reject with a TypeError and return.
                let Value::Object(attributes_obj) = attributes_obj else {
                    return reject_with_type_error(self, promise, "The 'assert' option must be an object");
                };
                // ii. Let entries be Completion(EnumerableOwnProperties(attributesObj, key+value)).
                // iii. IfAbruptRejectPromise(entries, promiseCapability).
                let entries = if_abrupt_reject_promise!(self, promise, self.enumerable_own_entries(attributes_obj));
                // iv. For each element entry of entries, do
                for (key, value) in entries {
                    // 1-3. If key is a String (always, here) and value is not a String, reject.
                    let Value::String(value) = value else {
                        return reject_with_type_error(self, promise, "Import assertion value must be a string");
                    };
                    // 3.b. Append the ImportAttribute Record { [[Key]]: key, [[Value]]: value }.
                    attributes.push((key, value));
                }
            }
            // e. AllImportAttributesSupported(attributes) is the host's: Node accepts every
            //    key here and reports unsupported ones from its loader (a TypeError too).
            // f. Sort attributes according to the lexicographic order of their [[Key]] field.
            attributes.sort_by(|a, b| a.0.as_units().cmp(b.0.as_units()));
        }
        // 12. Let moduleRequest be a new ModuleRequest Record { [[Specifier]]: specifierString,
        //     [[Attributes]]: attributes }.
        let request = ModuleRequest {
            specifier: JsStr(specifier_string.as_units().into()),
            attributes: attributes
                .into_iter()
                .map(|(k, v)| ImportAttribute { key: JsStr(k.as_units().into()), value: JsStr(v.as_units().into()) })
                .collect(),
            phase: ImportPhase::Evaluation,
            span: Span::default(),
        };
        // 13. Perform HostLoadImportedModule(referrer, moduleRequest, empty, promiseCapability).
        match self.host_hooks.load_imported_module {
            Some(hook) => hook(self, &referrer, request, promise),
            None => {
                return reject_with_type_error(
                    self,
                    promise,
                    "modjs: this host cannot load modules (no import() hook)",
                );
            }
        }
        // 14. Return promiseCapability.[[Promise]].
        Value::Object(promise)
    }

    /// GetActiveScriptOrModule() as a SourceInfo name: `running` (the running code's) when it
    /// names a script or module — an absolute path or a URL. Code without one of its own (a
    /// function made by the Function constructor, a `$262.evalScript` text) uses its nearest
    /// caller's, as Node does through V8's host-defined options.
    fn active_script_or_module(&self, running: &str) -> String {
        fn names_a_script_or_module(name: &str) -> bool {
            let scheme = name.split_once(':').map(|(s, _)| s).unwrap_or("");
            name.starts_with('/')
                || (scheme.len() > 1 && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        }
        if names_a_script_or_module(running) {
            return running.to_string();
        }
        self.interp
            .frames
            .iter()
            .rev()
            .map(|f| f.template.source.path.as_str())
            .find(|p| names_a_script_or_module(p))
            .unwrap_or(running)
            .to_string()
    }

    /// EnumerableOwnProperties(O, key+value) (§7.3.23) as (key, value) pairs: string keys in
    /// [[OwnPropertyKeys]] order whose property is enumerable when it is reached.
    fn enumerable_own_entries(&mut self, o: ObjRef) -> crate::error::JsResult<Vec<(JsString, Value)>> {
        // 1. Let ownKeys be ? O.[[OwnPropertyKeys]]().
        let own_keys = self.own_property_keys(o)?;
        // 2. Let results be a new empty List.
        let mut results = Vec::new();
        // 3. For each element key of ownKeys, do
        for key in own_keys {
            // a. If key is a String, then
            let Some(name) = key.to_js_string() else { continue };
            // i. Let desc be ? O.[[GetOwnProperty]](key).
            // ii. If desc is not undefined and desc.[[Enumerable]] is true, then
            let Some(desc) = self.get_own_property(o, &key)? else { continue };
            if desc.enumerable != Some(true) {
                continue;
            }
            // 1-2. Let value be ? Get(O, key); append the entry.
            let value = self.get(o, &key)?;
            results.push((name, value));
        }
        // 4. Return results.
        Ok(results)
    }
}
