//! The link phase: Link() and InnerModuleLinking of Cyclic Module Records (§16.2.1.5.1,
//! §16.2.1.5.1.1) and InitializeEnvironment of Source Text Module Records (§16.2.1.7.3.1).
//!
//! No JavaScript runs here. InitializeEnvironment resolves every import and records the
//! module's bindings in an [`EnvironmentPlan`]; the VM creates the binding cells from it.

use crate::fast_hash::FastHashSet as HashSet;

use modjs_parser::ast::JsStr;
use modjs_parser::module_records::{ExportImportName, ImportName};

use super::declarations::DeclarationKind;
use super::error::{commonjs_named_export, ModuleError};
use super::exports::{get_imported_module, resolve_export, ResolveExportResult};
use super::graph::ModuleGraph;
use super::namespace::get_module_namespace;
use super::plan::{BindingName, EnvironmentPlan, ImportBinding, LocalBinding, LocalInit, ResolvedBinding};
use super::record::{DfsIndices, ModuleId, ModuleKind, ModuleStatus, SyntheticKind, SyntheticModule};
use super::trace::Trace;

/// Link() (§16.2.1.5.1) of a Cyclic Module Record: links `module` and everything it depends on.
/// On failure every module of the failed attempt is back to ~unlinked~.
pub fn link(graph: &mut ModuleGraph, module: ModuleId, trace: &mut Trace) -> Result<(), ModuleError> {
    trace.line(0, |t| {
        format!(
            "== link: Link({}) (depth-first; SCC = strongly connected component, Tarjan's algorithm)",
            t.show_url(&graph.get(module).url)
        )
    });
    // 1. Assert: module.[[Status]] is one of unlinked, linked, evaluating-async, or evaluated.
    // 2. Let stack be a new empty List.
    let mut stack: Vec<ModuleId> = Vec::new();
    // 3. Let result be Completion(InnerModuleLinking(module, stack, 0)).
    let result = inner_module_linking(graph, module, &mut stack, 0, trace, 0);
    // 4. If result is an abrupt completion, then
    if let Err(error) = result {
        // a. For each Cyclic Module Record m of stack, do
        for m in stack {
            // i. Assert: m.[[Status]] is linking.
            // ii. Set m.[[Status]] to unlinked.
            if let Some(c) = graph.get_mut(m).cyclic_mut() {
                c.status = ModuleStatus::Unlinked;
            }
            trace.step(1, |t| {
                (t.show_url(&graph.get(m).url), "[[Status]] linking -> unlinked (Link failed)".to_string())
            });
        }
        // b. Assert: module.[[Status]] is unlinked.
        // c. Return ? result.
        return Err(error);
    }
    // 5. Assert: module.[[Status]] is one of linked, evaluating-async, or evaluated.
    // 6. Assert: stack is empty.
    // 7. Return unused.
    trace.step(0, |t| (format!("Link({})", t.show_url(&graph.get(module).url)), "done".to_string()));
    Ok(())
}

/// InnerModuleLinking(module, stack, index) (§16.2.1.5.1.1): Tarjan's strongly connected
/// components over the requested modules; each component becomes ~linked~ together once its
/// root (the module whose [[DFSAncestorIndex]] equals its [[DFSIndex]]) is finished.
pub fn inner_module_linking(
    graph: &mut ModuleGraph,
    module: ModuleId,
    stack: &mut Vec<ModuleId>,
    mut index: u32,
    trace: &mut Trace,
    depth: usize,
) -> Result<u32, ModuleError> {
    // 1. If module is not a Cyclic Module Record, then
    //    a. Perform ? module.Link(). (A synthetic record's Link() does nothing.)
    //    b. Return index.
    let Some(cyclic) = graph.get(module).cyclic() else {
        trace.step(depth, |t| {
            let left = format!("InnerModuleLinking({})", t.show_url(&graph.get(module).url));
            (left, "not a Cyclic Module Record: nothing to link".to_string())
        });
        return Ok(index);
    };
    // 2. If module.[[Status]] is one of linking, linked, evaluating-async, or evaluated, then
    //    a. Return index.
    let status = cyclic.status;
    if status != ModuleStatus::Unlinked {
        trace.step(depth, |t| {
            let shown = t.show_url(&graph.get(module).url);
            let right = match status {
                ModuleStatus::Linking(_) => format!("already linking: {shown} is on the stack (a cycle)"),
                other => format!("already {}", other.name()),
            };
            (format!("InnerModuleLinking({shown})"), right)
        });
        return Ok(index);
    }
    // 3. Assert: module.[[Status]] is unlinked.
    // 4. Set module.[[Status]] to linking.
    // 5. Set module.[[DFSIndex]] to index.
    // 6. Set module.[[DFSAncestorIndex]] to index.
    let mut dfs = DfsIndices { dfs_index: index, dfs_ancestor_index: index };
    set_status(graph, module, ModuleStatus::Linking(dfs));
    trace.step(depth, |t| {
        (
            format!("InnerModuleLinking({})", t.show_url(&graph.get(module).url)),
            format!(
                "[[Status]] unlinked -> linking, [[DFSIndex]] {}, [[DFSAncestorIndex]] {}",
                dfs.dfs_index, dfs.dfs_ancestor_index
            ),
        )
    });
    // 7. Set index to index + 1.
    index += 1;
    // 8. Append module to stack.
    stack.push(module);
    // 9. For each ModuleRequest Record required of module.[[RequestedModules]], do
    //    a. Let requiredModule be GetImportedModule(module, required).
    let required_modules: Vec<ModuleId> =
        graph.get(module).cyclic().map(|c| c.loaded_modules.clone()).unwrap_or_default();
    for required_module in required_modules {
        // b. Set index to ? InnerModuleLinking(requiredModule, stack, index).
        index = inner_module_linking(graph, required_module, stack, index, trace, depth + 1)?;
        // c. If requiredModule is a Cyclic Module Record, then
        //    i. Assert: requiredModule.[[Status]] is one of linking, linked, evaluating-async,
        //       or evaluated.
        //    ii. Assert: requiredModule.[[Status]] is linking if and only if stack contains
        //        requiredModule.
        //    iii. If requiredModule.[[Status]] is linking, then
        //         1. Set module.[[DFSAncestorIndex]] to min(module.[[DFSAncestorIndex]],
        //            requiredModule.[[DFSAncestorIndex]]).
        if let Some(ModuleStatus::Linking(required)) = graph.get(required_module).cyclic().map(|c| c.status) {
            if required.dfs_ancestor_index < dfs.dfs_ancestor_index {
                trace.step(depth + 1, |t| {
                    (
                        t.show_url(&graph.get(module).url),
                        format!(
                            "[[DFSAncestorIndex]] {} -> {} (as {} is still linking)",
                            dfs.dfs_ancestor_index,
                            required.dfs_ancestor_index,
                            t.show_url(&graph.get(required_module).url)
                        ),
                    )
                });
                dfs.dfs_ancestor_index = required.dfs_ancestor_index;
                set_status(graph, module, ModuleStatus::Linking(dfs));
            }
        }
    }
    // 10. Perform ? module.InitializeEnvironment().
    initialize_environment(graph, module, trace, depth + 1)?;
    // 11. Assert: module occurs exactly once in stack.
    // 12. Assert: module.[[DFSAncestorIndex]] ≤ module.[[DFSIndex]].
    // 13. If module.[[DFSAncestorIndex]] = module.[[DFSIndex]], then
    if dfs.dfs_ancestor_index == dfs.dfs_index {
        // a. Let done be false.
        // b. Repeat, while done is false,
        let mut component = Vec::new();
        // i. Let requiredModule be the last element of stack.
        // ii. Remove the last element of stack.
        while let Some(required_module) = stack.pop() {
            // iii. Assert: requiredModule is a Cyclic Module Record.
            // iv. Set requiredModule.[[Status]] to linked.
            if let Some(ModuleStatus::Linking(d)) = graph.get(required_module).cyclic().map(|c| c.status) {
                set_status(graph, required_module, ModuleStatus::Linked(d));
            }
            component.push(required_module);
            // v. If requiredModule and module are the same Module Record, set done to true.
            if required_module == module {
                break;
            }
        }
        trace.step(depth, |t| {
            let members: Vec<String> = component.iter().rev().map(|m| t.show_url(&graph.get(*m).url)).collect();
            (
                format!("SCC {{{}}}", members.join(", ")),
                format!(
                    "[[Status]] linking -> linked (root {}: [[DFSAncestorIndex]] = [[DFSIndex]] = {})",
                    t.show_url(&graph.get(module).url),
                    dfs.dfs_index
                ),
            )
        });
    }
    // 14. Return index.
    Ok(index)
}

fn set_status(graph: &mut ModuleGraph, module: ModuleId, status: ModuleStatus) {
    if let Some(c) = graph.get_mut(module).cyclic_mut() {
        c.status = status;
    }
}

/// What the error message names for an import: its specifier as written.
fn specifier_text(s: &JsStr) -> String {
    s.to_string_lossy()
}

/// InitializeEnvironment() (§16.2.1.7.3.1) of a Source Text Module Record: checks that every
/// indirect export resolves, resolves every import to its final binding, and lists the
/// module's own bindings. The result is stored as the module's [`EnvironmentPlan`].
pub fn initialize_environment(
    graph: &mut ModuleGraph,
    module: ModuleId,
    trace: &mut Trace,
    depth: usize,
) -> Result<(), ModuleError> {
    let ModuleKind::SourceText(m) = &graph.get(module).kind else {
        return Ok(());
    };
    let url = graph.get(module).url.clone();
    trace.step(depth, |t| (format!("InitializeEnvironment({})", t.show_url(&url)), String::new()));
    // 1. For each ExportEntry Record e of module.[[IndirectExportEntries]], do
    for e in &m.records.indirect_export_entries {
        // a. Assert: e.[[ExportName]] is not null.
        let Some(export_name) = &e.export_name else {
            continue;
        };
        // b. Let resolution be module.ResolveExport(e.[[ExportName]]).
        let resolution = resolve_export(graph, module, export_name, &mut HashSet::default());
        // c. If resolution is either null or ambiguous, throw a SyntaxError exception.
        // (The message's texts are only made for an error.)
        let specifier = || e.module_request.as_ref().map(|r| specifier_text(&r.specifier)).unwrap_or_default();
        let name = || match &e.import_name {
            Some(ExportImportName::Name(n)) => n.to_string_lossy(),
            _ => export_name.to_string_lossy(),
        };
        match resolution {
            ResolveExportResult::NotFound => {
                return Err(ModuleError::missing_export(&url, &m.source, e.span, &specifier(), &name()));
            }
            ResolveExportResult::Ambiguous => {
                return Err(ModuleError::ambiguous_export(&url, &m.source, e.span, &specifier(), &name()));
            }
            // d. Assert: resolution is a ResolvedBinding Record.
            ResolveExportResult::Resolved(binding) => {
                trace.step(depth + 1, |t| {
                    (format!("export {:?} (indirect)", export_name), format!("-> {}", show_binding(t, graph, &binding)))
                });
            }
        }
    }
    // 2. Assert: All named exports from module are resolvable.
    // 3–6. The realm and the module environment are the VM's; the plan stands for env.
    let mut plan = EnvironmentPlan::default();
    let mut namespaces_needed: Vec<ModuleId> = Vec::new();
    // 7. For each ImportEntry Record in of module.[[ImportEntries]], do
    for entry in &m.records.import_entries {
        // a. Let importedModule be GetImportedModule(module, in.[[ModuleRequest]]).
        let Some(imported_module) = get_imported_module(m, &entry.module_request) else {
            continue;
        };
        let specifier = || specifier_text(&entry.module_request.specifier);
        let target = match &entry.import_name {
            // b. If in.[[ImportName]] is namespace-object, then
            //    i. Let namespace be GetModuleNamespace(importedModule).
            //    ii. Perform ! env.CreateImmutableBinding(in.[[LocalName]], true).
            //    iii. Perform ! env.InitializeBinding(in.[[LocalName]], namespace).
            ImportName::NamespaceObject => {
                namespaces_needed.push(imported_module);
                ResolvedBinding { module: imported_module, binding_name: BindingName::Namespace }
            }
            // c. Else,
            ImportName::Name(import_name) => {
                // i. Let resolution be importedModule.ResolveExport(in.[[ImportName]]).
                match resolve_export(graph, imported_module, import_name, &mut HashSet::default()) {
                    // ii. If resolution is either null or ambiguous, throw a SyntaxError exception.
                    ResolveExportResult::NotFound => {
                        let name = import_name.to_string_lossy();
                        let from_commonjs = matches!(
                            &graph.get(imported_module).kind,
                            ModuleKind::Synthetic(SyntheticModule { kind: SyntheticKind::CommonJs { .. }, .. })
                        );
                        return Err(if from_commonjs {
                            commonjs_named_export(&url, &m.source, entry.span, &specifier(), &name)
                        } else {
                            ModuleError::missing_export(&url, &m.source, entry.span, &specifier(), &name)
                        });
                    }
                    ResolveExportResult::Ambiguous => {
                        return Err(ModuleError::ambiguous_export(
                            &url,
                            &m.source,
                            entry.span,
                            &specifier(),
                            &import_name.to_string_lossy(),
                        ));
                    }
                    // iii. If resolution.[[BindingName]] is namespace, then
                    //      1. Let namespace be GetModuleNamespace(resolution.[[Module]]).
                    //      2–3. Create and initialize an immutable binding to it.
                    // iv. Else, perform env.CreateImportBinding(in.[[LocalName]],
                    //     resolution.[[Module]], resolution.[[BindingName]]).
                    ResolveExportResult::Resolved(binding) => {
                        if binding.binding_name == BindingName::Namespace {
                            namespaces_needed.push(binding.module);
                        }
                        binding
                    }
                }
            }
            // The source-phase proposal's `import source x from "m"`: Node v20 has no module
            // sources.
            ImportName::Source => {
                return Err(ModuleError::Link {
                    url: url.clone(),
                    source: m.source.to_string(),
                    span: entry.span,
                    message: format!("The requested module '{}' does not provide a source phase", specifier()),
                });
            }
        };
        trace.step(depth + 1, |t| {
            let local = entry.local_name.to_string_lossy();
            let clause = match &entry.import_name {
                ImportName::NamespaceObject => format!("* as {local}"),
                ImportName::Name(n) if *n == entry.local_name => format!("{{ {local} }}"),
                ImportName::Name(n) => format!("{{ {:?} as {local} }}", n),
                ImportName::Source => format!("source {local}"),
            };
            (
                format!("import {} from {:?}", clause, entry.module_request.specifier),
                format!("-> {}", show_binding(t, graph, &target)),
            )
        });
        plan.imports.push(ImportBinding { local_name: entry.local_name.clone(), target });
    }
    // 8–17. The execution context for instantiating functions is the VM's.
    // 18. Let code be module.[[ECMAScriptCode]].
    // 19. Let varDeclarations be the VarScopedDeclarations of code.
    // 20. Let declaredVarNames be a new empty List.
    // 21. For each element d of varDeclarations, for each element dn of the BoundNames of d: if
    //     declaredVarNames does not contain dn, CreateMutableBinding(dn, false),
    //     InitializeBinding(dn, undefined), append dn to declaredVarNames.
    for d in &m.declarations.var_names {
        plan.locals.push(LocalBinding { name: JsStr::from_str(&d.name), init: LocalInit::Undefined });
    }
    // 22. Let lexDeclarations be the LexicallyScopedDeclarations of code.
    // 23. Let privateEnv be null.
    // 24. For each element d of lexDeclarations, for each element dn of the BoundNames of d:
    //     i. If IsConstantDeclaration of d is true, CreateImmutableBinding(dn, true).
    //     ii. Else, CreateMutableBinding(dn, false).
    //     iii. If d is a function declaration of any kind, InitializeBinding(dn,
    //          InstantiateFunctionObject(d, env, privateEnv)).
    for d in &m.declarations.lexical {
        let init = match d.kind {
            DeclarationKind::Function => LocalInit::HoistedFunction { statement: d.statement },
            DeclarationKind::Const => LocalInit::Const,
            DeclarationKind::Let
            | DeclarationKind::Class
            | DeclarationKind::DefaultExpression
            | DeclarationKind::Var => LocalInit::Lexical,
        };
        plan.locals.push(LocalBinding { name: JsStr::from_str(&d.name), init });
    }
    // 25–26. Return unused.
    for ns in namespaces_needed {
        if graph.namespace(ns).is_some() {
            continue;
        }
        get_module_namespace(graph, ns);
        trace.step(depth + 1, |t| {
            let names: Vec<String> = graph
                .namespace(ns)
                .map(|n| n.exports.iter().map(|(name, _)| format!("{:?}", name)).collect())
                .unwrap_or_default();
            (
                format!("GetModuleNamespace({})", t.show_url(&graph.get(ns).url)),
                format!("[[Exports]] [{}]", names.join(", ")),
            )
        });
    }
    // (The trace lists the own bindings after the namespaces that step 7 creates.)
    if trace.is_on() && !plan.locals.is_empty() {
        let shown: Vec<String> = plan
            .locals
            .iter()
            .map(|l| {
                let how = match l.init {
                    LocalInit::Undefined => "var: undefined",
                    LocalInit::HoistedFunction { .. } => "function: initialised now",
                    LocalInit::Lexical => "uninitialized: TDZ",
                    LocalInit::Const => "const, uninitialized: TDZ",
                };
                format!("{} ({})", l.name.to_string_lossy(), how)
            })
            .collect();
        trace.step(depth + 1, |_| ("own bindings".to_string(), shown.join(", ")));
    }
    if let Some(m) = graph.get_mut(module).source_text_mut() {
        m.environment = Some(plan);
    }
    Ok(())
}

/// A resolved binding as the trace shows it: `b.mjs foo`, `b.mjs *namespace*`.
fn show_binding(t: &Trace, graph: &ModuleGraph, binding: &ResolvedBinding) -> String {
    let module = t.show_url(&graph.get(binding.module).url);
    match &binding.binding_name {
        BindingName::Name(n) => format!("{} binding {:?}", module, n),
        BindingName::Namespace => format!("namespace of {}", module),
    }
}
