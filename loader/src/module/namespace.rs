//! GetModuleNamespace (§16.2.1.10) as the linker needs it: the unambiguous exported names of a
//! module with their resolved bindings, in the key order Node v20 shows (V8 keeps
//! integer-like keys first, in numeric order, then the rest sorted by code units — the spec's
//! ModuleNamespaceCreate only says "sorted").

use std::cmp::Ordering;
use crate::fast_hash::FastHashSet as HashSet;

use modjs_parser::ast::JsStr;

use super::exports::{get_exported_names, resolve_export, ResolveExportResult};
use super::graph::ModuleGraph;
use super::plan::NamespacePlan;
use super::record::ModuleId;

/// GetModuleNamespace(module): computes the namespace's exports once and keeps them in the
/// graph (the module's [[Namespace]] field, as far as linking is concerned).
pub fn get_module_namespace(graph: &mut ModuleGraph, module: ModuleId) {
    // 1. Assert: If module is a Cyclic Module Record, then module.[[Status]] is not new or unlinked.
    // 2. Let namespace be module.[[Namespace]].
    // 3. If namespace is empty, then
    if graph.namespace(module).is_some() {
        return;
    }
    // a. Let exportedNames be module.GetExportedNames().
    let exported_names = get_exported_names(graph, module, &mut HashSet::default());
    // b. Let unambiguousNames be a new empty List.
    let mut exports = Vec::new();
    // c. For each element name of exportedNames, do
    for name in exported_names {
        // i. Let resolution be module.ResolveExport(name).
        // ii. If resolution is a ResolvedBinding Record, append name to unambiguousNames.
        if let ResolveExportResult::Resolved(binding) = resolve_export(graph, module, &name, &mut HashSet::default()) {
            exports.push((name, binding));
        }
    }
    // d. Set namespace to ModuleNamespaceCreate(module, unambiguousNames): its exports sorted,
    //    here in Node's order.
    exports.sort_by(|a, b| node_namespace_order(&a.0, &b.0));
    graph.namespaces[module.index()] = Some(NamespacePlan { exports });
}

/// The array index a property key denotes (a canonical decimal below 2^32 − 1), if any.
fn array_index(key: &JsStr) -> Option<u32> {
    let units = key.units();
    if units.is_empty() || units.len() > 10 || (units.len() > 1 && units[0] == u16::from(b'0')) {
        return None;
    }
    let mut n: u64 = 0;
    for &u in units {
        if !(u16::from(b'0')..=u16::from(b'9')).contains(&u) {
            return None;
        }
        n = n * 10 + u64::from(u - u16::from(b'0'));
    }
    if n < u64::from(u32::MAX) {
        Some(n as u32)
    } else {
        None
    }
}

/// Node's namespace key order: integer-like names first in numeric order, then the others by
/// UTF-16 code units.
pub fn node_namespace_order(a: &JsStr, b: &JsStr) -> Ordering {
    match (array_index(a), array_index(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.units().cmp(b.units()),
    }
}
