//! CommonJS modules as Node v20.20 runs them (`lib/internal/modules/cjs/loader.js`), and their
//! meeting points with ES modules.
//!
//! A CommonJS module is a function of `(exports, require, module, __filename, __dirname)`
//! called with `this` = `module.exports`; `require` is synchronous, and a module is put in
//! `require.cache` *before* its code runs, so a cycle hands out the partially filled exports.
//!
//! Files, one concept each:
//! - [`wrapper`]: the module text compiled as the wrapper function (`wrapSafe`);
//! - [`format`]: CommonJS or ES module for a file that `require` loads, and Node v20.20's
//!   syntax detection for files without a fixed format;
//! - [`module_object`]: the `Module` objects (`new Module(id, parent)`, `Module.prototype`)
//!   and the table of the modules this run created (parents, for the require stack);
//! - [`require_function`]: `makeRequireFunction` — `require`, `require.resolve`,
//!   `require.resolve.paths`, `require.main`, `require.cache`, `require.extensions`;
//! - [`load`]: `Module._load` (the cache, cycles, removal of a module that throws) and
//!   `Module.prototype.load` with the extension handlers (`.js`, `.json`, `.mjs`, `.node`);
//! - [`resolve_glue`]: `Module._resolveFilename` over the resolver in
//!   [`crate::resolve::cjs`], with Node's require stack in `MODULE_NOT_FOUND`;
//! - [`errors`]: resolution failures and the `ERR_REQUIRE_*` errors as JavaScript values;
//! - [`json`]: `require('./x.json')`;
//! - [`esm_interop`]: an ES module importing CommonJS (the CommonJS record's evaluation) and
//!   `require()` of an ES module;
//! - [`module_builtin`]: the `module` built-in (`createRequire`, `builtinModules`, …);
//! - [`prefetch`] and [`require_scan`]: the files a module's `require('…')` calls name are
//!   read and parsed ahead on a worker thread while the VM thread runs.
//!
//! The state lives in [`CommonJsState`], one field of the
//! [`crate::runtime::module_runtime::ModuleRuntime`] every program has as the VM's host state.
//! Natives reach it through [`with_state`] for short, JavaScript-free moments only: module code
//! runs with the runtime back in place, so a nested `require` finds it.

pub mod builtin_glue;
pub mod errors;
pub mod esm_interop;
pub mod esm_scope_hint;
pub mod facade_hints;
pub mod format;
pub mod json;
pub mod load;
pub mod module_builtin;
pub mod module_object;
pub mod prefetch;
pub mod require_function;
pub mod require_scan;
pub mod resolve_glue;
pub mod wrapper;

#[cfg(test)]
mod prefetch_tests;
#[cfg(test)]
mod tests;

use crate::fast_hash::FastHashMap as HashMap;

use modjs_vm::{JsResult, ObjRef, Symbol, Value, Vm};

use crate::module::record::{ModuleId, ThrownValue};
use crate::resolve::Resolver;
use crate::runtime::module_runtime::with_runtime;

pub use load::{load_main, require_from};
pub use module_builtin::module_builtin;

/// One module object this run created, as the loader knows it.
#[derive(Debug, Clone)]
pub struct ModuleEntry {
    /// The `Module` object.
    pub object: ObjRef,
    /// Its `filename` when it was created (`module.filename` may be changed by code).
    pub filename: String,
    /// The module that first required it (Node's `kModuleParent`).
    pub parent: Parent,
    /// An ES module loaded by `require` (`module[kFormat] === 'module'`).
    pub is_es_module: bool,
}

/// A module's `parent` as Node records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    /// `null`: the main module.
    Null,
    /// `undefined`: a module imported from ESM, or made by `createRequire`.
    Undefined,
    /// The module (by index) whose `require` loaded it first.
    Module(usize),
}

/// The objects every CommonJS module shares, made on first use.
#[derive(Clone)]
pub struct SharedObjects {
    /// `Module._cache` = `require.cache`: a null-prototype object keyed by filename.
    pub cache: ObjRef,
    /// `Module._extensions` = `require.extensions`.
    pub extensions: ObjRef,
    /// `Module.prototype`.
    pub module_prototype: ObjRef,
    /// The `Module` constructor (the `module` built-in's export).
    pub module_constructor: ObjRef,
    /// An array holding every module object made (they stay alive: the table refers to them).
    pub all_modules: ObjRef,
    /// The symbols Node keys its module bookkeeping with (they show in `console.log(module)`).
    pub is_main: Symbol,
    pub is_cached_by_esm_loader: Symbol,
    pub is_executing: Symbol,
    /// The original `JSON.parse`, taken before user code could replace it.
    pub json_parse: Value,
}

/// Everything the CommonJS loader keeps for one program.
pub struct CommonJsState {
    /// Resolution state (the package.json cache) shared by every `require`.
    pub resolver: Resolver,
    shared: Option<SharedObjects>,
    /// Every module object made, by creation order.
    modules: Vec<ModuleEntry>,
    by_object: HashMap<ObjRef, usize>,
    /// The main module (`require.main`, `process.mainModule`), when the entry is CommonJS.
    main: Option<usize>,
    /// The `module` built-in's exports, once made.
    module_builtin: Option<ObjRef>,
    /// The `__esModule` facades of required ES modules, by module record.
    facades: HashMap<ModuleId, ObjRef>,
    /// Node's `relativeResolveCache`: `folder \0 request` to the filename it resolved to.
    relative_resolve_cache: HashMap<String, String>,
    /// `Module._nodeModulePaths(folder)` as the strings `module.paths` holds, by folder.
    module_paths: HashMap<String, Vec<Value>>,
    /// How each CommonJS module record of the ES module graph evaluated (it is evaluated once).
    record_outcomes: HashMap<ModuleId, Result<(), ThrownValue>>,
    /// Whether files are prefetched (set before the first `require`).
    pub prefetch_mode: prefetch::PrefetchMode,
    /// The prefetch worker, started by the first file `require` loads.
    prefetcher: Option<prefetch::Prefetcher>,
    prefetch_started: bool,
    /// Wrappers of CommonJS modules imported from ES modules, prepared while the module graph
    /// was constructed, by filename: the next load of the file takes its entry.
    prepared: HashMap<String, prefetch::Prefetched>,
    /// The filenames of every module object made ([`Self::was_required`]).
    required_files: crate::fast_hash::FastHashSet<String>,
}

impl Default for CommonJsState {
    fn default() -> Self {
        CommonJsState::new()
    }
}

impl CommonJsState {
    pub fn new() -> CommonJsState {
        CommonJsState {
            resolver: Resolver::new(),
            shared: None,
            modules: Vec::new(),
            by_object: HashMap::default(),
            main: None,
            module_builtin: None,
            facades: HashMap::default(),
            record_outcomes: HashMap::default(),
            relative_resolve_cache: HashMap::default(),
            module_paths: HashMap::default(),
            prefetch_mode: prefetch::PrefetchMode::On,
            prefetcher: None,
            prefetch_started: false,
            prepared: HashMap::default(),
            required_files: Default::default(),
        }
    }

    /// Keeps the prepared text and wrapper of `filename` for its next load, and has the
    /// prefetch workers start on the files it requires (it is about to run).
    pub fn deposit_prepared(&mut self, filename: String, prepared: prefetch::Prefetched) {
        if let Some(p) = self.prefetcher() {
            p.scan_children(&filename, &prepared.source);
        }
        self.prepared.insert(filename, prepared);
    }

    /// Whether the prefetch workers run (they are started if need be).
    pub fn prefetching(&mut self) -> bool {
        self.prefetcher().is_some()
    }

    /// Takes over the prepared wrappers of the CommonJS modules of an ES module graph that is
    /// about to run, in the order they will run, for whichever load comes first (the facade's,
    /// or a `require` of the same file by a module that runs earlier), and tells the prefetch
    /// workers what they require (see [`facade_hints`]); `loaded` are the files the module map
    /// already holds.
    pub fn hint_facades(&mut self, facades: Vec<(String, prefetch::Prefetched)>, loaded: Vec<String>) {
        let Some(p) = self.prefetcher() else { return };
        let files: Vec<(String, String)> = facades.iter().map(|(f, p)| (f.clone(), p.source.clone())).collect();
        p.scan_in_order(files, loaded);
        self.prepared.extend(facades);
    }

    /// The prefetch worker if it was started (this does not start it).
    pub fn running_prefetcher(&self) -> Option<&prefetch::Prefetcher> {
        self.prefetcher.as_ref()
    }

    /// Drops what [`Self::deposit_prepared`] kept for `filename` and no load took.
    pub fn discard_prepared(&mut self, filename: &str) {
        self.prepared.remove(filename);
    }

    /// The prepared or prefetched text (and parse) of `filename`, when there is one.
    pub fn take_prefetched(&mut self, filename: &str) -> Option<prefetch::Prefetched> {
        if let Some(p) = self.prepared.remove(filename) {
            // A file changed since it was prepared is read anew.
            return p.is_fresh(filename).then_some(p);
        }
        self.prefetcher().and_then(|p| p.take(filename))
    }

    /// What the prefetcher did so far (`None` when it was not started).
    pub fn prefetch_stats(&self) -> Option<prefetch::PrefetchStats> {
        self.prefetcher.as_ref().map(|p| p.stats())
    }

    /// The prefetch worker, started on first use with this program's resolver settings
    /// (`None` when it could not be started).
    pub fn prefetcher(&mut self) -> Option<&prefetch::Prefetcher> {
        if !self.prefetch_started && self.prefetch_mode != prefetch::PrefetchMode::Off {
            // `MODJS_CJS_PREFETCH=0` turns it off (to compare timings on the same binary).
            if std::env::var("MODJS_CJS_PREFETCH").is_ok_and(|v| v == "0") {
                self.prefetch_mode = prefetch::PrefetchMode::Off;
                return None;
            }
            self.prefetch_started = true;
            self.prefetcher = prefetch::Prefetcher::start(prefetch::ResolverSettings {
                current_dir: self.resolver.current_dir.clone(),
                user_conditions: self.resolver.user_conditions.clone(),
                global_paths: self.resolver.global_paths.clone(),
            });
            if let Some(p) = &self.prefetcher {
                p.set_patient(self.prefetch_mode == prefetch::PrefetchMode::Patient);
            }
        }
        self.prefetcher.as_ref()
    }

    /// Whether a module object was made for `filename` in this run (it was loaded by `require`
    /// or for an `import`; it may have been deleted from `require.cache` since).
    pub fn was_required(&self, filename: &str) -> bool {
        self.required_files.contains(filename)
    }

    /// The module entry at `index`.
    pub fn entry(&self, index: usize) -> Option<&ModuleEntry> {
        self.modules.get(index)
    }

    /// The index of a module object this run made.
    pub fn index_of(&self, object: ObjRef) -> Option<usize> {
        self.by_object.get(&object).copied()
    }

    /// The main module's index.
    pub fn main(&self) -> Option<usize> {
        self.main
    }

    fn register(&mut self, entry: ModuleEntry) -> usize {
        let index = self.modules.len();
        self.by_object.insert(entry.object, index);
        self.required_files.insert(entry.filename.clone());
        self.modules.push(entry);
        index
    }

    /// The outcome of a CommonJS module record's evaluation, when it was evaluated.
    pub fn record_outcome(&self, record: ModuleId) -> Option<Result<(), ThrownValue>> {
        self.record_outcomes.get(&record).copied()
    }

    /// Remembers how a CommonJS module record evaluated.
    pub fn set_record_outcome(&mut self, record: ModuleId, outcome: Result<(), ThrownValue>) {
        self.record_outcomes.insert(record, outcome);
    }

    /// Records that the module at `index` is an ES module loaded by `require`.
    fn mark_es_module(&mut self, index: usize) {
        if let Some(e) = self.modules.get_mut(index) {
            e.is_es_module = true;
        }
    }

    /// Whether the module at `index` is an ES module loaded by `require`.
    pub fn is_es_module(&self, index: usize) -> bool {
        self.modules.get(index).is_some_and(|e| e.is_es_module)
    }

    /// Node's require stack from the module at `index`: its filename, then its parent's, …
    pub fn require_stack(&self, index: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut cursor = Some(index);
        while let Some(i) = cursor {
            let Some(entry) = self.modules.get(i) else { break };
            out.push(entry.filename.clone());
            cursor = match entry.parent {
                // A parent is always created before its child: the walk ends.
                Parent::Module(p) if p < i => Some(p),
                _ => None,
            };
        }
        out
    }
}

/// Runs `f` with the CommonJS state. `f` must not run JavaScript (the runtime is out of the
/// VM while it runs). Throws when the program has no module runtime.
pub fn with_state<R>(vm: &mut Vm, f: impl FnOnce(&mut CommonJsState, &mut Vm) -> R) -> JsResult<R> {
    match with_runtime(vm, |rt, vm| f(&mut rt.commonjs, vm)) {
        Some(r) => Ok(r),
        None => Err(vm.throw_error(modjs_vm::ErrorKind::Error, "modjs internal error: no module runtime for require")),
    }
}

/// The shared objects, made on first use.
pub fn shared(vm: &mut Vm) -> JsResult<SharedObjects> {
    if let Some(s) = with_state(vm, |st, _| st.shared.clone())? {
        return Ok(s);
    }
    let made = module_object::make_shared_objects(vm)?;
    with_state(vm, |st, _| {
        // The global folders come from the environment, read once.
        st.resolver.global_paths = crate::resolve::node_global_paths();
        st.shared.get_or_insert(made).clone()
    })
}
