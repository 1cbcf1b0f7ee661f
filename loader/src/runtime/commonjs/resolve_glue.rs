//! `Module._resolveFilename(request, parent, isMain, options)` and
//! `Module._resolveLookupPaths` over the CommonJS resolver ([`crate::resolve::cjs`]), with
//! the require stack Node puts in `MODULE_NOT_FOUND` (the parent's filename, its parent's, …).

use modjs_vm::{JsResult, Value, Vm};

use super::{errors, with_state};
use crate::resolve::builtins::normalize_requirable_id;
use crate::resolve::cjs::{find_path, node_modules_paths, resolve_filename_from, CjsParent, Required};
use crate::resolve::errors::ResolveError;
use crate::resolve::Resolver;

/// `Module._resolveFilename(request, parent, false, { paths })` for the module at `parent`
/// (an index into the loader's table). A failure is thrown as Node's error.
pub fn resolve_filename(
    vm: &mut Vm,
    request: &str,
    parent: Option<usize>,
    paths: Option<Vec<String>>,
) -> JsResult<Required> {
    // The require stack (the parent's filename, its parent's, …) is only read by errors: it is
    // collected when `paths` needs it or resolution fails (resolution runs no code, so the
    // parents cannot change in between).
    let require_stack = |vm: &mut Vm| with_state(vm, |st, _| parent.map(|p| st.require_stack(p)).unwrap_or_default());
    let filename = with_state(vm, |st, _| parent.and_then(|p| st.entry(p)).map(|e| e.filename.clone()))?;
    let stack = match (&paths, &filename) {
        (Some(_), Some(_)) => require_stack(vm)?,
        _ => Vec::new(),
    };
    let result = with_state(vm, |st, _| {
        let r = &mut st.resolver;
        match (&paths, &filename) {
            (Some(paths), _) => resolve_in_paths(r, request, paths, &stack),
            (None, Some(f)) => resolve_filename_from(r, request, CjsParent::Module(f)),
            (None, None) => {
                let cwd = r.cwd();
                resolve_filename_from(r, request, CjsParent::WithoutFilename(&cwd))
            }
        }
    })?;
    match result {
        Ok(found) => Ok(found),
        Err(e) => {
            let stack = if filename.is_some() { require_stack(vm)? } else { Vec::new() };
            Err(not_found_with_stack(vm, request, e, &stack))
        }
    }
}

/// `_resolveFilename` with `options.paths`: a relative request is looked up in each of the
/// given folders; any other in the `node_modules` folders above each of them (then the global
/// folders), without repeating a folder.
fn resolve_in_paths(
    r: &mut Resolver,
    request: &str,
    paths: &[String],
    stack: &[String],
) -> Result<Required, ResolveError> {
    if normalize_requirable_id(request).is_some() {
        return Ok(Required::Builtin(request.to_string()));
    }
    let relative = request.starts_with("./") || request.starts_with("../");
    let lookup: Vec<String> = if relative {
        paths.to_vec()
    } else {
        let mut out: Vec<String> = Vec::new();
        for p in paths {
            let start = crate::resolve::path::resolve(&r.cwd(), p);
            for dir in node_modules_paths(&start).into_iter().chain(r.global_paths.iter().cloned()) {
                if !out.contains(&dir) {
                    out.push(dir);
                }
            }
        }
        out
    };
    match find_path(r, request, &lookup)? {
        Some(found) => Ok(Required::File(found)),
        None => Err(ResolveError::cjs_module_not_found(request, stack)),
    }
}

/// The resolver reports `MODULE_NOT_FOUND` with only the parent in the require stack: Node
/// lists the whole chain of parents, and sets `requireStack`.
fn not_found_with_stack(vm: &mut Vm, request: &str, e: ResolveError, stack: &[String]) -> Value {
    let plain = format!("Cannot find module '{request}'");
    let is_step_7 = e.code == Some("MODULE_NOT_FOUND")
        && (e.message == plain || e.message.starts_with(&format!("{plain}\nRequire stack:")));
    if is_step_7 {
        let full = ResolveError::cjs_module_not_found(request, stack);
        return errors::module_not_found(vm, &full.message, stack);
    }
    errors::resolve_error(vm, &e)
}

/// `Module._nodeModulePaths(dir)` as an array (`module.paths`).
///
/// Every module gets its own array, but the strings of a folder's list are made once per run
/// (a graph's modules share a few folders).
pub fn node_modules_paths_value(vm: &mut Vm, dir: &str) -> Value {
    let cached = with_state(vm, |st, _| st.module_paths.get(dir).cloned()).ok().flatten();
    let list = match cached {
        Some(list) => list,
        None => {
            let list: Vec<Value> = node_modules_paths(dir).into_iter().map(|p| Value::from(p.as_str())).collect();
            let _ = with_state(vm, |st, _| st.module_paths.insert(dir.to_string(), list.clone()));
            list
        }
    };
    Value::Object(vm.create_array_from_list(list))
}

/// `Module._resolveLookupPaths(request, parent)` (`require.resolve.paths`): `null` for a
/// built-in; the parent's folder for a relative request; otherwise the `node_modules` folders
/// above the parent, then the global folders.
pub fn lookup_paths(vm: &mut Vm, request: &str, parent: Option<usize>) -> JsResult<Value> {
    if normalize_requirable_id(request).is_some() {
        return Ok(Value::Null);
    }
    let paths = with_state(vm, |st, _| {
        let filename = parent.and_then(|p| st.entry(p)).map(|e| e.filename.clone());
        let b = request.as_bytes();
        let relative = b.first() == Some(&b'.')
            && (b.len() == 1 || b[1] == b'/' || (b[1] == b'.' && (b.len() == 2 || b[2] == b'/')));
        if relative {
            let dir = match &filename {
                Some(f) => crate::resolve::path::dirname(f),
                None => ".".to_string(),
            };
            return vec![dir];
        }
        let mut out = match &filename {
            Some(f) => node_modules_paths(&crate::resolve::path::dirname(f)),
            None => node_modules_paths(&st.resolver.cwd()),
        };
        out.extend(st.resolver.global_paths.iter().cloned());
        out
    })?;
    let list = paths.into_iter().map(|p| Value::from(p.as_str())).collect();
    Ok(Value::Object(vm.create_array_from_list(list)))
}
