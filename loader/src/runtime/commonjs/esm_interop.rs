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

use modjs_parser::ast::JsStr;
use modjs_vm::{ErrorKind, JsResult, ObjRef, PropertyKey, Value, Vm};

use super::load::load_file;
use super::Parent;

/// Runs (or finds in the cache) the CommonJS module at `filename` for an `import`, and reads
/// the values of its exports: `default` first, then each of `names` (the statically detected
/// names, `default` excluded) that `module.exports` has as an own property.
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
        if !vm.has_own_property(object, &key)? {
            continue;
        }
        // A getter may throw: the export is then undefined.
        let value = vm.get(object, &key).unwrap_or(Value::Undefined);
        out.push((name.clone(), value));
    }
    Ok(out)
}

/// `loadESMFromCJS(module, filename)`: `require()` of an ES module.
pub fn load_esm_from_cjs(vm: &mut Vm, _module: ObjRef, filename: &str, _source: &str) -> JsResult<()> {
    let msg = format!("modjs does not support require() of the ES module {filename} yet");
    Err(vm.throw_error(ErrorKind::Error, &msg))
}
