//! GetExportedNames and ResolveExport of Source Text Module Records (§16.2.1.7.2.1 and
//! §16.2.1.7.2.2) and of the synthetic records, plus GetImportedModule (§16.2.1.9).

use crate::fast_hash::FastHashSet as HashSet;

use indexmap::IndexSet;
use modjs_parser::ast::JsStr;
use modjs_parser::module_records::{ExportImportName, ModuleRequest};

use super::graph::ModuleGraph;
use super::plan::{BindingName, ResolvedBinding};
use super::record::{ModuleId, ModuleKind, SourceTextModule};

/// What ResolveExport returns: a ResolvedBinding Record, null, or ~ambiguous~.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ResolveExportResult {
    Resolved(ResolvedBinding),
    /// null: the name is not exported (or only through a circular re-export).
    NotFound,
    /// ~ambiguous~: two `export *` provide different bindings for the name.
    Ambiguous,
}

/// GetImportedModule(referrer, request) (§16.2.1.9): the record [[LoadedModules]] holds for a
/// request of `referrer`.
pub fn get_imported_module(referrer: &SourceTextModule, request: &ModuleRequest) -> Option<ModuleId> {
    // 1. Let records be the LoadedModules entries whose [[Specifier]] and [[Attributes]] match
    //    request (ModuleRequestsEqual). 2. Assert: exactly one. 3. Return its [[Module]].
    let index = referrer.request_index(request)?;
    referrer.cyclic.loaded_modules.get(index).copied()
}

/// GetExportedNames([exportStarSet]) (§16.2.1.7.2.1), for any kind of record. `export_star_set`
/// holds the modules whose star exports are already being collected.
pub fn get_exported_names(
    graph: &ModuleGraph,
    module: ModuleId,
    export_star_set: &mut HashSet<ModuleId>,
) -> Vec<JsStr> {
    let m = match &graph.get(module).kind {
        ModuleKind::SourceText(m) => m,
        // A synthetic record's exports are its fixed list.
        ModuleKind::Synthetic(s) => return s.export_names.clone(),
    };
    // 1. Assert: module.[[Status]] is not new.
    // 2. If exportStarSet is not present, set exportStarSet to a new empty List.
    // 3. If exportStarSet contains module, then
    //    a. Assert: We've reached the starting point of an export * circularity.
    //    b. Return a new empty List.
    // 4. Append module to exportStarSet.
    if !export_star_set.insert(module) {
        return Vec::new();
    }
    // 5. Let exportedNames be a new empty List. (An insertion-ordered set, so that the
    //    "does not contain" test of step 8 is not a linear scan.)
    let mut exported_names: IndexSet<JsStr> = IndexSet::new();
    // 6. For each ExportEntry Record e of module.[[LocalExportEntries]], do
    //    a. Assert: module provides the direct binding for this export.
    //    b. Assert: e.[[ExportName]] is not null.
    //    c. Append e.[[ExportName]] to exportedNames.
    // 7. For each ExportEntry Record e of module.[[IndirectExportEntries]], do the same.
    for e in m.records.local_export_entries.iter().chain(&m.records.indirect_export_entries) {
        if let Some(name) = &e.export_name {
            exported_names.insert(name.clone());
        }
    }
    // 8. For each ExportEntry Record e of module.[[StarExportEntries]], do
    for e in &m.records.star_export_entries {
        let Some(request) = &e.module_request else { continue };
        // a. Assert: e.[[ModuleRequest]] is not null.
        // b. Let requestedModule be GetImportedModule(module, e.[[ModuleRequest]]).
        let Some(requested_module) = get_imported_module(m, request) else { continue };
        // c. Let starNames be requestedModule.GetExportedNames(exportStarSet).
        let star_names = get_exported_names(graph, requested_module, export_star_set);
        // d. For each element n of starNames, do
        //    i. If n is not "default", then
        //       1. If exportedNames does not contain n, append n to exportedNames.
        for n in star_names {
            if !n.eq_str("default") {
                exported_names.insert(n);
            }
        }
    }
    // 9. Return exportedNames.
    exported_names.into_iter().collect()
}

/// ResolveExport(exportName[, resolveSet]) (§16.2.1.7.2.2), for any kind of record.
/// `resolve_set` holds the (module, name) pairs already being resolved.
///
/// Like V8 (and so Node), a name that has once resolved to a binding is answered from a cache
/// afterwards: the spec recomputes it on every call, which makes InitializeEnvironment quadratic
/// along a chain of re-exports. Only successful resolutions are kept; null and ~ambiguous~ are
/// always recomputed.
pub fn resolve_export(
    graph: &ModuleGraph,
    module: ModuleId,
    export_name: &JsStr,
    resolve_set: &mut HashSet<(ModuleId, JsStr)>,
) -> ResolveExportResult {
    let key = (module, export_name.clone());
    if let Some(binding) = graph.resolved_exports.borrow().get(&key) {
        return ResolveExportResult::Resolved(binding.clone());
    }
    let result = resolve_export_uncached(graph, module, export_name, resolve_set);
    if let ResolveExportResult::Resolved(binding) = &result {
        graph.resolved_exports.borrow_mut().insert(key, binding.clone());
    }
    result
}

/// The steps of ResolveExport, for a (module, name) not in the cache.
fn resolve_export_uncached(
    graph: &ModuleGraph,
    module: ModuleId,
    export_name: &JsStr,
    resolve_set: &mut HashSet<(ModuleId, JsStr)>,
) -> ResolveExportResult {
    let m = match &graph.get(module).kind {
        ModuleKind::SourceText(m) => m,
        // A synthetic record provides each name of its list as its own binding.
        ModuleKind::Synthetic(s) => {
            return if s.export_names.contains(export_name) {
                ResolveExportResult::Resolved(ResolvedBinding {
                    module,
                    binding_name: BindingName::Name(export_name.clone()),
                })
            } else {
                ResolveExportResult::NotFound
            };
        }
    };
    // 1. Assert: module.[[Status]] is not new.
    // 2. If resolveSet is not present, set resolveSet to a new empty List.
    // 3. For each Record { [[Module]], [[ExportName]] } r of resolveSet: if module and
    //    r.[[Module]] are the same Module Record and exportName is r.[[ExportName]], then
    //    a. Assert: This is a circular import request.
    //    b. Return null.
    // 4. Append the Record { [[Module]]: module, [[ExportName]]: exportName } to resolveSet.
    if !resolve_set.insert((module, export_name.clone())) {
        return ResolveExportResult::NotFound;
    }
    // 5. For each ExportEntry Record e of module.[[LocalExportEntries]], do
    for e in &m.records.local_export_entries {
        // a. If e.[[ExportName]] is exportName, then
        if e.export_name.as_ref() == Some(export_name) {
            // i. Assert: module provides the direct binding for this export.
            // ii. Return ResolvedBinding Record { [[Module]]: module, [[BindingName]]: e.[[LocalName]] }.
            let local = e.local_name.clone().unwrap_or_else(|| export_name.clone());
            return ResolveExportResult::Resolved(ResolvedBinding { module, binding_name: BindingName::Name(local) });
        }
    }
    // 6. For each ExportEntry Record e of module.[[IndirectExportEntries]], do
    for e in &m.records.indirect_export_entries {
        // a. If e.[[ExportName]] is exportName, then
        if e.export_name.as_ref() != Some(export_name) {
            continue;
        }
        // i. Assert: e.[[ModuleRequest]] is not null.
        // ii. Let importedModule be GetImportedModule(module, e.[[ModuleRequest]]).
        let Some(imported_module) = e.module_request.as_ref().and_then(|r| get_imported_module(m, r)) else {
            return ResolveExportResult::NotFound;
        };
        return match &e.import_name {
            // iii. If e.[[ImportName]] is all, then
            //      1. Assert: module does not provide the direct binding for this export.
            //      2. Return ResolvedBinding Record { [[Module]]: importedModule,
            //         [[BindingName]]: namespace }.
            Some(ExportImportName::All) => ResolveExportResult::Resolved(ResolvedBinding {
                module: imported_module,
                binding_name: BindingName::Namespace,
            }),
            // iv. Else,
            //      1. Assert: module imports a specific binding for this export.
            //      2. Return importedModule.ResolveExport(e.[[ImportName]], resolveSet).
            Some(ExportImportName::Name(import_name)) => {
                resolve_export(graph, imported_module, import_name, resolve_set)
            }
            Some(ExportImportName::AllButDefault) | None => ResolveExportResult::NotFound,
        };
    }
    // 7. If exportName is "default", then
    //    a. Assert: A default export was not explicitly defined by this module.
    //    b. Return null.
    //    c. NOTE: A default export cannot be provided by an export * from.
    if export_name.eq_str("default") {
        return ResolveExportResult::NotFound;
    }
    // 8. Let starResolution be null.
    let mut star_resolution: Option<ResolvedBinding> = None;
    // 9. For each ExportEntry Record e of module.[[StarExportEntries]], do
    for e in &m.records.star_export_entries {
        // a. Assert: e.[[ModuleRequest]] is not null.
        // b. Let importedModule be GetImportedModule(module, e.[[ModuleRequest]]).
        let Some(imported_module) = e.module_request.as_ref().and_then(|r| get_imported_module(m, r)) else { continue };
        // c. Let resolution be importedModule.ResolveExport(exportName, resolveSet).
        match resolve_export(graph, imported_module, export_name, resolve_set) {
            // d. If resolution is ambiguous, return ambiguous.
            ResolveExportResult::Ambiguous => return ResolveExportResult::Ambiguous,
            ResolveExportResult::NotFound => {}
            // e. If resolution is not null, then
            ResolveExportResult::Resolved(resolution) => match &star_resolution {
                // i. Assert: resolution is a ResolvedBinding Record.
                // ii. If starResolution is null, set starResolution to resolution.
                None => star_resolution = Some(resolution),
                // iii. Else,
                //   1. Assert: There is more than one * import that includes the requested name.
                //   2. If resolution.[[Module]] and starResolution.[[Module]] are not the same
                //      Module Record, return ambiguous.
                //   3. If resolution.[[BindingName]] is not starResolution.[[BindingName]] and
                //      either of them is namespace, return ambiguous.
                //   4. If both [[BindingName]]s are Strings and differ, return ambiguous.
                //   (3 and 4 together: the binding names differ.)
                Some(star) => {
                    if resolution.module != star.module || resolution.binding_name != star.binding_name {
                        return ResolveExportResult::Ambiguous;
                    }
                }
            },
        }
    }
    // 10. Return starResolution.
    match star_resolution {
        Some(r) => ResolveExportResult::Resolved(r),
        None => ResolveExportResult::NotFound,
    }
}
