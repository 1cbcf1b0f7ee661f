//! Module namespace exotic objects (§10.4.6): the object `import * as ns` binds. Its string-keyed
//! properties are the module's exports, each read through the exporting module's binding cell,
//! so they are live and throw while the binding is uninitialised (TDZ).
//!
//! The object is created once per module by the loader (GetModuleNamespace), with the export
//! names already in Node's order and each resolved to its final cell.

use crate::error::JsResult;
use crate::gc::{CellRef, ObjRef, Trace, Tracer};
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyDescriptor, PropertyKey};
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;
use indexmap::IndexMap;
use std::hash::BuildHasherDefault;

/// [[Exports]] with the cell each name resolves to (§10.4.6, table "Module Namespace Exotic
/// Object Internal Slots"; [[Module]] is the loader's). Keyed like property maps: by the key's
/// own cached hash, so a lookup (every `ns.x` in a program) does not run a general hasher.
pub struct NamespaceData {
    pub exports: IndexMap<PropertyKey, CellRef, BuildHasherDefault<crate::object::KeyHasher>>,
}

impl Trace for NamespaceData {
    fn trace(&self, t: &mut Tracer) {
        for c in self.exports.values() {
            t.cell(*c);
        }
    }
}

/// ModuleNamespaceCreate (§10.4.6.12): `exports` in the order the namespace lists them.
pub fn module_namespace_create(vm: &mut Vm, exports: Vec<(JsString, CellRef)>) -> ObjRef {
    let map = exports.into_iter().map(|(name, cell)| (PropertyKey::from_string(name), cell)).collect();
    let mut obj = Object::new(None, ObjectKind::Namespace(Box::new(NamespaceData { exports: map })));
    obj.extensible = false;
    let ns = vm.heap.alloc(obj);
    // §28.3.1 @@toStringTag: "Module", not writable, enumerable or configurable.
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(ns, tag, Value::from("Module"), attrs::NONE);
    ns
}

fn export_cell(vm: &Vm, o: ObjRef, key: &PropertyKey) -> Option<CellRef> {
    match &vm.heap.get(o).kind {
        ObjectKind::Namespace(ns) => ns.exports.get(key).copied(),
        _ => None,
    }
}

/// [[Get]] (§10.4.6.8) for a string key: the binding's current value; TDZ throws V8's
/// "Cannot access 'x' before initialization".
pub fn namespace_get(vm: &mut Vm, o: ObjRef, key: &PropertyKey) -> JsResult<Value> {
    let Some(cell) = export_cell(vm, o, key) else { return Ok(Value::Undefined) };
    let v = vm.heap.cell(cell).clone();
    if v.is_empty() {
        let msg = format!("Cannot access '{}' before initialization", key.display());
        return Err(vm.throw_reference_error(&msg));
    }
    Ok(v)
}

/// [[GetOwnProperty]] (§10.4.6.5) for a string key: `{ value, writable: true, enumerable: true,
/// configurable: false }`. In TDZ V8 throws "x is not defined" here.
pub fn namespace_get_own_property(vm: &mut Vm, o: ObjRef, key: &PropertyKey) -> JsResult<Option<PropertyDescriptor>> {
    let Some(cell) = export_cell(vm, o, key) else { return Ok(None) };
    let v = vm.heap.cell(cell).clone();
    if v.is_empty() {
        let msg = format!("{} is not defined", key.display());
        return Err(vm.throw_reference_error(&msg));
    }
    Ok(Some(PropertyDescriptor::data(v, true, true, false)))
}

/// [[DefineOwnProperty]] (§10.4.6.6) for a string key: succeeds only when it would change
/// nothing.
pub fn namespace_define_own_property(
    vm: &mut Vm,
    o: ObjRef,
    key: &PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<bool> {
    // 2. Let current be ? O.[[GetOwnProperty]](P). 3. If undefined, return false.
    let Some(current) = namespace_get_own_property(vm, o, key)? else { return Ok(false) };
    // 4-7. configurable true, enumerable false, accessor, writable false: false.
    if desc.configurable == Some(true) || desc.enumerable == Some(false) || desc.is_accessor() || desc.writable == Some(false)
    {
        return Ok(false);
    }
    // 8. If Desc has [[Value]], return SameValue(Desc.[[Value]], current.[[Value]]).
    if let Some(v) = &desc.value {
        return Ok(crate::conversions::same_value(v, current.value.as_ref().unwrap_or(&Value::Undefined)));
    }
    // 9. Return true.
    Ok(true)
}

/// [[HasProperty]] / [[Delete]] helper: whether `key` is an export name.
pub fn namespace_has_export(vm: &Vm, o: ObjRef, key: &PropertyKey) -> bool {
    export_cell(vm, o, key).is_some()
}

/// [[OwnPropertyKeys]] (§10.4.6.11): the export names, then the symbol keys.
pub fn namespace_own_property_keys(vm: &Vm, o: ObjRef) -> Vec<PropertyKey> {
    let obj = vm.heap.get(o);
    let mut keys: Vec<PropertyKey> = match &obj.kind {
        ObjectKind::Namespace(ns) => ns.exports.keys().cloned().collect(),
        _ => Vec::new(),
    };
    keys.extend(obj.props.keys().filter(|k| k.is_symbol()).cloned());
    keys
}
