//! `Module._load` and `Module.prototype.load` (Node v20.20, `lib/internal/modules/cjs/loader.js`).
//!
//! `Module._load(request, parent, isMain)`:
//! 1. `node:` requests are built-ins (or `ERR_UNKNOWN_BUILTIN_MODULE`);
//! 2. `Module._resolveFilename` (see [`super::resolve_glue`]);
//! 3. a module in `Module._cache` under that filename: its `exports` when it is loaded; when
//!    it is still loading (a cycle), its `exports` as they are now — unless the ES module loader
//!    only put it there, in which case it is loaded now;
//! 4. a built-in named without `node:`;
//! 5. otherwise a new module is put in the cache *before* it runs, then loaded; if loading
//!    throws, it is removed from the cache and from its parent's `children`.
//!
//! `Module.prototype.load(filename)` sets `filename` and `paths`, runs the extension's handler
//! (`.json`, `.node`, `.mjs`, and `.js` for everything else) and sets `loaded`.

use modjs_vm::{ErrorKind, JsResult, ObjRef, PropertyKey, Value, Vm};

use super::format::{detect_and_prepare, require_format, Detection, RequireFormat};
use super::prefetch::{Parsed, Prefetched};
use super::module_object::{get, get_symbol, new_module, remove_child, set, set_symbol, update_children};
use super::require_function::make_require_function;
use super::resolve_glue::{node_modules_paths_value, resolve_filename};
use super::wrapper::{compile_wrapper_program, instantiate_wrapper, parse_wrapper, syntax_error, PreparedWrapper, WrapperError};
use super::{errors, esm_interop, json, shared, with_state, Parent};
use crate::resolve::builtins::can_be_required_by_users;
use crate::resolve::cjs::Required;
use crate::resolve::path::dirname;

/// `Module._load(request, parent, false)` for `require(request)` in the module `parent`.
pub fn require_request(vm: &mut Vm, request: &str, parent: Option<usize>) -> JsResult<Value> {
    // 1. `node:` built-ins skip resolution and the cache.
    if let Some(id) = request.strip_prefix("node:") {
        if !can_be_required_by_users(id) {
            return Err(errors::unknown_builtin_module(vm, request));
        }
        return load_builtin(vm, id);
    }
    // Node's `relativeResolveCache`: the same request from the same folder names the same file
    // as long as that file is in the cache.
    let cache_key = with_state(vm, |st, _| {
        parent.and_then(|p| st.entry(p)).map(|e| format!("{}\0{}", dirname(&e.filename), request))
    })?;
    if let Some(key) = &cache_key {
        if let Some(filename) = with_state(vm, |st, _| st.relative_resolve_cache.get(key).cloned())? {
            let s = shared(vm)?;
            if vm.get(s.cache, &PropertyKey::from(filename.as_str()))?.is_object() {
                let parent = parent.map(Parent::Module).unwrap_or(Parent::Undefined);
                return load_file(vm, &filename, parent, false);
            }
            with_state(vm, |st, _| st.relative_resolve_cache.remove(key))?;
        }
    }
    match resolve_filename(vm, request, parent, None)? {
        Required::Builtin(id) => {
            let s = shared(vm)?;
            if let Value::Object(cached) = vm.get(s.cache, &PropertyKey::from(id.as_str()))? {
                return get(vm, cached, "exports");
            }
            load_builtin(vm, &id)
        }
        Required::File(filename) => {
            let parent = parent.map(Parent::Module).unwrap_or(Parent::Undefined);
            let result = load_file(vm, &filename, parent, false);
            if let Some(key) = cache_key {
                with_state(vm, |st, _| {
                    if result.is_ok() {
                        st.relative_resolve_cache.insert(key, filename);
                    } else {
                        st.relative_resolve_cache.remove(&key);
                    }
                })?;
            }
            result
        }
    }
}

/// Steps 3 and 5 of `Module._load` for a resolved file: the cached module's exports, or a new
/// module cached and loaded.
pub fn load_file(vm: &mut Vm, filename: &str, parent: Parent, is_main: bool) -> JsResult<Value> {
    let s = shared(vm)?;
    let key = PropertyKey::from(filename);
    let parent_object = match parent {
        Parent::Module(p) => with_state(vm, |st, _| st.entry(p).map(|e| e.object))?,
        _ => None,
    };
    let module = match vm.get(s.cache, &key)? {
        Value::Object(cached) => {
            if let Some(p) = parent_object {
                update_children(vm, p, cached, true)?;
            }
            let loaded = get(vm, cached, "loaded")?;
            if vm.to_boolean(&loaded) {
                return get(vm, cached, "exports");
            }
            // Still loading and required from CommonJS: a cycle gets the exports as they are —
            // unless it is an ES module, which cannot be handed out half evaluated.
            if !get_symbol(vm, cached, &s.is_cached_by_esm_loader)? {
                let esm_cycle = with_state(vm, |st, _| {
                    let index = st.index_of(cached).filter(|i| st.is_es_module(*i))?;
                    match st.entry(index).map(|e| e.parent) {
                        Some(Parent::Module(p)) => Some(st.entry(p).map(|e| e.filename.clone())),
                        _ => Some(None),
                    }
                })?;
                if let Some(from) = esm_cycle {
                    return Err(errors::require_cycle_module(vm, filename, from.as_deref(), false));
                }
                return get(vm, cached, "exports");
            }
            // Put in the cache by the ES module loader and not run yet: run it now.
            set_symbol(vm, cached, &s.is_cached_by_esm_loader, false)?;
            cached
        }
        _ => {
            let (module, index) = new_module(vm, filename, parent)?;
            if is_main {
                set(vm, module, "id", Value::from("."))?;
                set_symbol(vm, module, &s.is_main, true)?;
                with_state(vm, |st, _| st.main = Some(index))?;
            } else {
                set_symbol(vm, module, &s.is_main, false)?;
            }
            vm.put(s.cache, key.clone(), Value::Object(module), true)?;
            set_symbol(vm, module, &s.is_cached_by_esm_loader, false)?;
            module
        }
    };
    if let Err(thrown) = module_prototype_load(vm, module, filename) {
        // A module that throws is forgotten: the next require runs it again.
        vm.delete_property(s.cache, &key)?;
        if let Some(p) = parent_object {
            remove_child(vm, p, module)?;
        }
        return Err(thrown);
    }
    get(vm, module, "exports")
}

/// Runs the program's entry as Node's `Module._load(main, null, true)`: `module.id` is `'.'`
/// and `require.main` is this module. `filename` is the entry's real path.
pub fn load_main(vm: &mut Vm, filename: &str) -> JsResult<()> {
    load_file(vm, filename, Parent::Null, true).map(|_| ())
}

/// What `createRequire(filename)(specifier)` does: `require` from a module at `filename`
/// (which need not exist).
pub fn require_from(vm: &mut Vm, filename: &str, specifier: &str) -> JsResult<Value> {
    let (module, index) = new_module(vm, filename, Parent::Undefined)?;
    set(vm, module, "filename", Value::from(filename))?;
    let paths = node_modules_paths_value(vm, &dirname(filename));
    set(vm, module, "paths", paths)?;
    require_request(vm, specifier, Some(index))
}

/// `Module.prototype.load(filename)`.
pub fn module_prototype_load(vm: &mut Vm, module: ObjRef, filename: &str) -> JsResult<()> {
    set(vm, module, "filename", Value::from(filename))?;
    let paths = node_modules_paths_value(vm, &dirname(filename));
    set(vm, module, "paths", paths)?;
    let ext = find_longest_registered_extension(filename);
    run_extension(vm, module, filename, ext)?;
    set(vm, module, "loaded", Value::Bool(true))
}

/// `findLongestRegisteredExtension`: `.json` and `.node` have their own handlers (and `.mjs`
/// goes to the ES module loader); every other file is loaded as `.js`.
fn find_longest_registered_extension(filename: &str) -> &'static str {
    let base = &filename[filename.rfind('/').map_or(0, |i| i + 1)..];
    if base.ends_with(".json") && base.len() > ".json".len() {
        ".json"
    } else if base.ends_with(".node") && base.len() > ".node".len() {
        ".node"
    } else if base.ends_with(".mjs") {
        ".mjs"
    } else {
        ".js"
    }
}

/// `Module._extensions[ext](module, filename)`.
pub fn run_extension(vm: &mut Vm, module: ObjRef, filename: &str, ext: &str) -> JsResult<()> {
    match ext {
        ".json" => json::load_json(vm, module, filename),
        ".node" => {
            let msg = format!("modjs cannot load native addons: {filename}");
            Err(vm.throw_error(ErrorKind::Error, &msg))
        }
        ".mjs" => {
            let source = read_source(vm, filename)?;
            esm_interop::load_esm_from_cjs(vm, module, filename, &source)
        }
        _ => load_js(vm, module, filename),
    }
}

/// `Module._extensions['.js']`: CommonJS, or an ES module when the package scope says so or
/// syntax detection finds ES module syntax.
///
/// The text and its parse come from the [`super::prefetch`] worker when it has them for this
/// file (and the parse was made for the format decided here); otherwise they are made here
/// and the worker is told what this file requires.
fn load_js(vm: &mut Vm, module: ObjRef, filename: &str) -> JsResult<()> {
    let (source, parsed) = match take_prefetched(vm, filename)? {
        Some(p) => (p.source, p.parsed),
        None => {
            let source = read_source(vm, filename)?;
            with_state(vm, |st, _| {
                if let Some(p) = st.prefetcher() {
                    p.scan_children(filename, &source);
                }
            })?;
            (source, None)
        }
    };
    let format = match with_state(vm, |st, _| require_format(&mut st.resolver, filename))? {
        Ok(f) => f,
        Err(e) => return Err(errors::resolve_error(vm, &e)),
    };
    let index = with_state(vm, |st, _| st.index_of(module))?;
    match format {
        RequireFormat::Module => esm_interop::load_esm_from_cjs(vm, module, filename, &source),
        RequireFormat::CommonJs => {
            let prepared = match parsed.and_then(Parsed::for_commonjs) {
                Some(p) => p,
                None => prepare_here(vm, &source)?,
            };
            compile_and_run(vm, module, index, filename, &source, prepared).map(|_| ())
        }
        RequireFormat::Detect => match parsed.and_then(Parsed::for_detection).unwrap_or_else(|| detect_and_prepare(&source)) {
            Detection::CommonJs(prepared) => compile_and_run(vm, module, index, filename, &source, prepared).map(|_| ()),
            Detection::Module => esm_interop::load_esm_from_cjs(vm, module, filename, &source),
            Detection::Error(e) => Err(syntax_error(vm, filename, &source, &e)),
        },
    }
}

/// Parses and compiles a wrapper on this thread; the tree goes to the prefetch worker to be
/// freed off the VM thread, when there is one.
pub fn prepare_here(vm: &mut Vm, source: &str) -> JsResult<PreparedWrapper> {
    let program = match parse_wrapper(source) {
        Ok(p) => p,
        Err(e) => return Ok(Err(WrapperError::Syntax(e))),
    };
    let prepared = compile_wrapper_program(&program);
    with_state(vm, |st, _| match st.prefetcher() {
        Some(p) => p.dispose(program),
        None => drop(program),
    })?;
    Ok(prepared)
}

/// The prefetched text (and parse) of `filename`, when the worker has it.
pub fn take_prefetched(vm: &mut Vm, filename: &str) -> JsResult<Option<Prefetched>> {
    with_state(vm, |st, _| st.take_prefetched(filename))
}

/// The text of a module file (`fs.readFileSync(filename, 'utf8')`).
pub fn read_source(vm: &mut Vm, filename: &str) -> JsResult<String> {
    match std::fs::read(filename) {
        Ok(bytes) => Ok(crate::cjs_exports::utf8_text(bytes)),
        Err(e) => Err(errors::file_read_error(vm, filename, &e)),
    }
}

/// `Module.prototype._compile(content, filename)`: the wrapper function called with `this` =
/// `module.exports` and `(exports, require, module, __filename, __dirname)`.
pub fn compile_and_run(
    vm: &mut Vm,
    module: ObjRef,
    index: Option<usize>,
    filename: &str,
    source: &str,
    prepared: PreparedWrapper,
) -> JsResult<Value> {
    let s = shared(vm)?;
    let wrapper = instantiate_wrapper(vm, filename, source, prepared)?;
    let require = make_require_function(vm, module, index)?;
    let exports = get(vm, module, "exports")?;
    let dir = dirname(filename);
    set_symbol(vm, module, &s.is_executing, true)?;
    let args = [
        exports.clone(),
        Value::Object(require),
        Value::Object(module),
        Value::from(filename),
        Value::from(dir.as_str()),
    ];
    let result = call_at_safe_point(vm, wrapper, exports, &args);
    set_symbol(vm, module, &s.is_executing, false)?;
    result
}

/// Calls a module's wrapper so that the collector may run inside its top-level code.
///
/// Collection happens only while `native_depth <= gc_floor`. When this loader was entered
/// straight from the host (`native_depth == gc_floor`) or from a `require` called directly by
/// code that may itself collect (`native_depth == gc_floor + 1`: only the `require` built-in is
/// between), no Rust frame below holds an unrooted handle — the module object is kept by the
/// loader's table and the function and arguments sit in the new frame — so the wrapper's frame
/// may collect too. Any other caller (a `require` reached through `Array.prototype.map`, a
/// getter, `Reflect.apply`) keeps the floor where it is.
fn call_at_safe_point(vm: &mut Vm, f: ObjRef, this: Value, args: &[Value]) -> JsResult<Value> {
    if vm.native_depth > vm.gc_floor + 1 {
        return vm.call(&Value::Object(f), this, args);
    }
    let floor = std::mem::replace(&mut vm.gc_floor, vm.native_depth + 1);
    let result = vm.call(&Value::Object(f), this, args);
    vm.gc_floor = floor;
    result
}

/// `loadBuiltinModule(id)`: the exports of a built-in (`module` is this loader's own).
pub fn load_builtin(vm: &mut Vm, id: &str) -> JsResult<Value> {
    if id == "module" {
        return super::module_builtin(vm);
    }
    match super::builtin_glue::builtin_exports(vm, id)? {
        Some(v) => Ok(v),
        None => {
            let msg = format!("modjs does not support the built-in module 'node:{id}' yet");
            Err(vm.throw_error(ErrorKind::Error, &msg))
        }
    }
}
