//! The evaluate phase: Evaluate() and InnerModuleEvaluation of Cyclic Module Records
//! (§16.2.1.5.3, §16.2.1.5.3.1) with the asynchronous path for top-level await:
//! ExecuteAsyncModule, GatherAvailableAncestors, AsyncModuleExecutionFulfilled and
//! AsyncModuleExecutionRejected (§16.2.1.5.3.2–5).
//!
//! The algorithms only decide *which* module body runs *when*; running a body is the host's
//! ([`ModuleExecutor`]): the VM executes a module's code, and for a module with top-level await
//! it starts the body and later reports how it settled by calling
//! [`async_module_execution_fulfilled`] or [`async_module_execution_rejected`] — from a promise
//! reaction job, so that completions interleave with other jobs exactly as the spec says.
//! Promise capabilities are the host's too: a module's [[TopLevelCapability]] is a flag here, and
//! the executor is told when it must be resolved or rejected.

use super::graph::ModuleGraph;
use super::record::{AsyncEvaluation, DfsIndices, ModuleId, ModuleStatus, ThrownValue};
use super::trace::Trace;

/// What the evaluate phase needs from the host.
pub trait ModuleExecutor {
    /// ExecuteModule() of a module without top-level await: runs its body to completion.
    fn execute_module(&mut self, graph: &mut ModuleGraph, module: ModuleId) -> Result<(), ThrownValue>;

    /// ExecuteModule(capability) of a module with top-level await: starts its body. When the
    /// body's promise settles, the host calls [`async_module_execution_fulfilled`] or
    /// [`async_module_execution_rejected`] (ExecuteAsyncModule's onFulfilled / onRejected).
    fn execute_module_async(&mut self, graph: &mut ModuleGraph, module: ModuleId);

    /// Evaluate() of a record that is not a Cyclic Module Record (JSON, built-in and CommonJS
    /// facades): runs its evaluation steps the first time and returns the same outcome after.
    fn evaluate_synthetic(&mut self, graph: &mut ModuleGraph, module: ModuleId) -> Result<(), ThrownValue>;

    /// Resolve or reject `module`'s [[TopLevelCapability]] promise.
    fn settle_top_level_capability(
        &mut self,
        graph: &mut ModuleGraph,
        module: ModuleId,
        result: Result<(), ThrownValue>,
    );
}

/// How Evaluate() left its promise: settled at once (the synchronous case) or pending until
/// asynchronous modules finish.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EvaluateOutcome {
    /// The promise is already settled (`Err` holds the rejection).
    Settled(Result<(), ThrownValue>),
    /// The promise will be settled through [`ModuleExecutor::settle_top_level_capability`].
    Pending,
    /// Evaluate() was already called on this cycle root: the existing promise is the answer.
    AlreadyRequested,
}

/// The state the evaluate phase keeps across calls: the counter that orders modules becoming
/// asynchronous (the order GatherAvailableAncestors' callers sort by).
#[derive(Debug, Default)]
pub struct Evaluation {
    next_async_order: u64,
}

impl Evaluation {
    pub fn new() -> Evaluation {
        Evaluation::default()
    }
}

fn show(graph: &ModuleGraph, t: &Trace, m: ModuleId) -> String {
    t.show_url(&graph.get(m).url)
}

fn status(graph: &ModuleGraph, m: ModuleId) -> Option<ModuleStatus> {
    graph.get(m).cyclic().map(|c| c.status)
}

fn set_status(graph: &mut ModuleGraph, m: ModuleId, status: ModuleStatus) {
    if let Some(c) = graph.get_mut(m).cyclic_mut() {
        c.status = status;
    }
}

fn has_tla(graph: &ModuleGraph, m: ModuleId) -> bool {
    graph.get(m).source_text().map(|s| s.records.has_tla).unwrap_or(false)
}

fn cycle_root(graph: &ModuleGraph, m: ModuleId) -> ModuleId {
    graph.get(m).cyclic().and_then(|c| c.cycle_root).unwrap_or(m)
}

fn evaluation_error(graph: &ModuleGraph, m: ModuleId) -> Option<ThrownValue> {
    graph.get(m).cyclic().and_then(|c| c.evaluation_error)
}

/// The module whose [[TopLevelCapability]] Evaluate() of `module` uses (Evaluate() step 3): a
/// module already evaluated (or evaluating asynchronously) answers through its [[CycleRoot]],
/// the root of the strongly connected component it was evaluated in — e.g. the second
/// `import()` of a module of a finished cycle.
pub fn evaluation_root(graph: &ModuleGraph, module: ModuleId) -> ModuleId {
    if matches!(status(graph, module), Some(ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated)) {
        cycle_root(graph, module)
    } else {
        module
    }
}

/// Evaluate() (§16.2.1.5.3) of a Cyclic Module Record: evaluates `module` and everything it
/// depends on, in post-order, each strongly connected component once.
pub fn evaluate(
    state: &mut Evaluation,
    graph: &mut ModuleGraph,
    module: ModuleId,
    host: &mut dyn ModuleExecutor,
    trace: &mut Trace,
) -> EvaluateOutcome {
    trace.line(0, |t| {
        format!(
            "== evaluate: Evaluate({}) (post-order: a body runs after the bodies it imports)",
            show(graph, t, module)
        )
    });
    // 1-2. Assert: module.[[Status]] is one of linked, evaluating-async, or evaluated.
    // 3. If module.[[Status]] is either evaluating-async or evaluated, set module to
    //    module.[[CycleRoot]].
    let module = evaluation_root(graph, module);
    // 4. If module.[[TopLevelCapability]] is not empty, return its promise.
    if graph.get(module).cyclic().map(|c| c.top_level_capability).unwrap_or(false) {
        trace.step(0, |t| {
            (
                format!("Evaluate({})", show(graph, t, module)),
                "[[TopLevelCapability]] exists: its promise again".to_string(),
            )
        });
        return EvaluateOutcome::AlreadyRequested;
    }
    // 5. Let stack be a new empty List.
    let mut stack: Vec<ModuleId> = Vec::new();
    // 6-7. Let capability be ! NewPromiseCapability(%Promise%); set module.[[TopLevelCapability]].
    if let Some(c) = graph.get_mut(module).cyclic_mut() {
        c.top_level_capability = true;
    }
    // 8. Let result be Completion(InnerModuleEvaluation(module, stack, 0)).
    let result = inner_module_evaluation(state, graph, module, &mut stack, 0, host, trace, 0);
    match result {
        // 9. If result is an abrupt completion, then
        Err(error) => {
            trace.line(0, |_| "abrupt completion: every module left on the stack gets the error".to_string());
            // a. For each Cyclic Module Record m of stack: status evaluated, [[EvaluationError]] result.
            for m in stack {
                set_status(graph, m, ModuleStatus::Evaluated);
                if let Some(c) = graph.get_mut(m).cyclic_mut() {
                    c.evaluation_error = Some(error);
                }
                trace.step(1, |t| {
                    (show(graph, t, m), "[[Status]] evaluating -> evaluated, [[EvaluationError]] set".to_string())
                });
            }
            // b-c. Assert: module is evaluated with that error.
            // d. Perform ! Call(capability.[[Reject]], undefined, « result.[[Value]] »).
            trace.step(0, |t| (format!("Evaluate({})", show(graph, t, module)), "promise rejected".to_string()));
            EvaluateOutcome::Settled(Err(error))
        }
        // 10. Else,
        Ok(_) => {
            // a-b. Assert: module is evaluating-async or evaluated, without an error.
            // c. If module.[[AsyncEvaluation]] is false, resolve the capability now.
            let pending = graph.get(module).cyclic().map(|c| c.async_evaluation.is_pending()).unwrap_or(false);
            if !pending {
                trace.step(0, |t| (format!("Evaluate({})", show(graph, t, module)), "promise fulfilled".to_string()));
                EvaluateOutcome::Settled(Ok(()))
            } else {
                trace.step(0, |t| {
                    let left = format!("Evaluate({})", show(graph, t, module));
                    (left, "promise pending until the asynchronous modules finish".to_string())
                });
                EvaluateOutcome::Pending
            }
            // d. Assert: stack is empty.
        }
    }
    // 11. Return capability.[[Promise]].
}

/// InnerModuleEvaluation(module, stack, index) (§16.2.1.5.3.1).
#[allow(clippy::too_many_arguments)]
pub fn inner_module_evaluation(
    state: &mut Evaluation,
    graph: &mut ModuleGraph,
    module: ModuleId,
    stack: &mut Vec<ModuleId>,
    mut index: u32,
    host: &mut dyn ModuleExecutor,
    trace: &mut Trace,
    depth: usize,
) -> Result<u32, ThrownValue> {
    // 1. If module is not a Cyclic Module Record, then
    let Some(current) = status(graph, module) else {
        // a-c. Evaluate() it; its promise is already settled: a rejection is thrown.
        trace.step(depth, |t| {
            let left = format!("InnerModuleEvaluation({})", show(graph, t, module));
            (left, "not a Cyclic Module Record: Evaluate() it".to_string())
        });
        host.evaluate_synthetic(graph, module)?;
        // d. Return index.
        return Ok(index);
    };
    match current {
        // 2. If module.[[Status]] is either evaluating-async or evaluated, then
        ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated => {
            trace.step(depth, |t| {
                let left = format!("InnerModuleEvaluation({})", show(graph, t, module));
                let error =
                    if evaluation_error(graph, module).is_some() { ", with an [[EvaluationError]]" } else { "" };
                (left, format!("already {}{}", current.name(), error))
            });
            // a. If module.[[EvaluationError]] is empty, return index.
            // b. Otherwise, return ? module.[[EvaluationError]].
            return match evaluation_error(graph, module) {
                None => Ok(index),
                Some(e) => Err(e),
            };
        }
        // 3. If module.[[Status]] is evaluating, return index.
        ModuleStatus::Evaluating(_) => {
            trace.step(depth, |t| {
                let shown = show(graph, t, module);
                (
                    format!("InnerModuleEvaluation({shown})"),
                    format!("already evaluating: {shown} is on the stack (a cycle)"),
                )
            });
            return Ok(index);
        }
        // 4. Assert: module.[[Status]] is linked.
        _ => {}
    }
    // 5-7. Set module.[[Status]] to evaluating, [[DFSIndex]] and [[DFSAncestorIndex]] to index.
    let mut dfs = DfsIndices { dfs_index: index, dfs_ancestor_index: index };
    set_status(graph, module, ModuleStatus::Evaluating(dfs));
    // 8. Set module.[[PendingAsyncDependencies]] to 0.
    if let Some(c) = graph.get_mut(module).cyclic_mut() {
        c.pending_async_dependencies = Some(0);
    }
    trace.step(depth, |t| {
        (
            format!("InnerModuleEvaluation({})", show(graph, t, module)),
            format!(
                "[[Status]] linked -> evaluating, [[DFSIndex]] {}, [[DFSAncestorIndex]] {}",
                dfs.dfs_index, dfs.dfs_ancestor_index
            ),
        )
    });
    // 9. Set index to index + 1.
    index += 1;
    // 10. Append module to stack.
    stack.push(module);
    // 11. For each ModuleRequest Record required of module.[[RequestedModules]], do
    let required_modules: Vec<ModuleId> =
        graph.get(module).cyclic().map(|c| c.loaded_modules.clone()).unwrap_or_default();
    for required in required_modules {
        // a. Let requiredModule be GetImportedModule(module, required).
        // b. Set index to ? InnerModuleEvaluation(requiredModule, stack, index).
        index = inner_module_evaluation(state, graph, required, stack, index, host, trace, depth + 1)?;
        // c. If requiredModule is a Cyclic Module Record, then
        let Some(required_status) = status(graph, required) else { continue };
        let mut required_module = required;
        if let ModuleStatus::Evaluating(r) = required_status {
            // iii. If requiredModule.[[Status]] is evaluating, then
            //      1. module.[[DFSAncestorIndex]] = min(its own, requiredModule's).
            if r.dfs_ancestor_index < dfs.dfs_ancestor_index {
                trace.step(depth + 1, |t| {
                    (
                        show(graph, t, module),
                        format!(
                            "[[DFSAncestorIndex]] {} -> {} (as {} is still evaluating)",
                            dfs.dfs_ancestor_index,
                            r.dfs_ancestor_index,
                            show(graph, t, required)
                        ),
                    )
                });
                dfs.dfs_ancestor_index = r.dfs_ancestor_index;
                set_status(graph, module, ModuleStatus::Evaluating(dfs));
            }
        } else {
            // iv. Else,
            //     1. Set requiredModule to requiredModule.[[CycleRoot]].
            required_module = cycle_root(graph, required);
            //     2. Assert: requiredModule.[[Status]] is either evaluating-async or evaluated.
            //     3. If requiredModule.[[EvaluationError]] is not empty, return ? it.
            if let Some(e) = evaluation_error(graph, required_module) {
                return Err(e);
            }
        }
        // v. If requiredModule.[[AsyncEvaluation]] is true, then
        let required_async =
            graph.get(required_module).cyclic().map(|c| c.async_evaluation.is_pending()).unwrap_or(false);
        if required_async {
            // 1. module.[[PendingAsyncDependencies]] + 1.
            // 2. Append module to requiredModule.[[AsyncParentModules]].
            let mut now = 0;
            if let Some(c) = graph.get_mut(module).cyclic_mut() {
                now = c.pending_async_dependencies.unwrap_or(0) + 1;
                c.pending_async_dependencies = Some(now);
            }
            if let Some(c) = graph.get_mut(required_module).cyclic_mut() {
                c.async_parent_modules.push(module);
            }
            trace.step(depth + 1, |t| {
                let (shown, waited) = (show(graph, t, module), show(graph, t, required_module));
                (
                    shown.clone(),
                    format!(
                        "[[PendingAsyncDependencies]] {} -> {now}, waits for {waited} ({waited}.[[AsyncParentModules]] += {shown})",
                        now - 1
                    ),
                )
            });
        }
    }
    // 12. If module.[[PendingAsyncDependencies]] > 0 or module.[[HasTLA]] is true, then
    let pending = graph.get(module).cyclic().and_then(|c| c.pending_async_dependencies).unwrap_or(0);
    if pending > 0 || has_tla(graph, module) {
        // a-c. Set module.[[AsyncEvaluation]] to true (recording the order).
        let order = state.next_async_order;
        state.next_async_order += 1;
        if let Some(c) = graph.get_mut(module).cyclic_mut() {
            c.async_evaluation = AsyncEvaluation::Order(order);
        }
        trace.step(depth + 1, |t| {
            (
                show(graph, t, module),
                format!(
                    "[[AsyncEvaluation]] true (order {}){}",
                    order,
                    if has_tla(graph, module) { ", [[HasTLA]] true" } else { "" }
                ),
            )
        });
        // d. If module.[[PendingAsyncDependencies]] = 0, perform ExecuteAsyncModule(module).
        if pending == 0 {
            execute_async_module(graph, module, host, trace, depth + 1);
        }
    } else {
        // 13. Else, perform ? module.ExecuteModule().
        trace.step(depth + 1, |t| (format!("ExecuteModule({})", show(graph, t, module)), "runs the body".to_string()));
        if let Err(e) = host.execute_module(graph, module) {
            trace.step(depth + 1, |t| (show(graph, t, module), "the body threw: an abrupt completion".to_string()));
            return Err(e);
        }
    }
    // 14-15. Assert: module occurs once in stack; [[DFSAncestorIndex]] ≤ [[DFSIndex]].
    // 16. If module.[[DFSAncestorIndex]] = module.[[DFSIndex]], then
    if dfs.dfs_ancestor_index == dfs.dfs_index {
        let mut component = Vec::new();
        // b. Repeat, while done is false,
        while let Some(required_module) = stack.pop() {
            // iv-v. evaluated, or evaluating-async when [[AsyncEvaluation]] is true.
            let is_async =
                graph.get(required_module).cyclic().map(|c| c.async_evaluation.is_pending()).unwrap_or(false);
            set_status(
                graph,
                required_module,
                if is_async { ModuleStatus::EvaluatingAsync } else { ModuleStatus::Evaluated },
            );
            // vii. Set requiredModule.[[CycleRoot]] to module.
            if let Some(c) = graph.get_mut(required_module).cyclic_mut() {
                c.cycle_root = Some(module);
            }
            component.push(required_module);
            // vi. If requiredModule and module are the same Module Record, set done to true.
            if required_module == module {
                break;
            }
        }
        trace.step(depth, |t| {
            let members: Vec<ModuleId> = component.iter().rev().copied().collect();
            let names: Vec<String> = members.iter().map(|m| show(graph, t, *m)).collect();
            // The new status, or each member's when they differ (some members wait for
            // asynchronous modules, others do not).
            let statuses: Vec<&str> = members.iter().map(|m| status(graph, *m).map_or("?", |s| s.name())).collect();
            let new_status = match statuses.first() {
                Some(first) if statuses.iter().all(|s| s == first) => first.to_string(),
                _ => {
                    let each: Vec<String> = names.iter().zip(&statuses).map(|(n, s)| format!("{n} {s}")).collect();
                    each.join(", ")
                }
            };
            (
                format!("SCC {{{}}}", names.join(", ")),
                format!("[[Status]] evaluating -> {new_status}, [[CycleRoot]] {}", show(graph, t, module)),
            )
        });
    }
    // 17. Return index.
    Ok(index)
}

/// ExecuteAsyncModule(module) (§16.2.1.5.3.2): starts a module with top-level await; the host
/// reports its completion through the two functions below.
pub fn execute_async_module(
    graph: &mut ModuleGraph,
    module: ModuleId,
    host: &mut dyn ModuleExecutor,
    trace: &mut Trace,
    depth: usize,
) {
    // 1-2. Assert: evaluating or evaluating-async, and module.[[HasTLA]] is true.
    // 3-6. The capability and its reactions (onFulfilled / onRejected) are the host's.
    trace.step(depth, |t| {
        (
            format!("ExecuteAsyncModule({})", show(graph, t, module)),
            "starts the body; it settles in a later job".to_string(),
        )
    });
    // 7. Perform ! module.ExecuteModule(capability).
    host.execute_module_async(graph, module);
}

/// GatherAvailableAncestors(module, execList) (§16.2.1.5.3.3).
pub fn gather_available_ancestors(
    graph: &mut ModuleGraph,
    module: ModuleId,
    exec_list: &mut Vec<ModuleId>,
    trace: &mut Trace,
    depth: usize,
) {
    // 1. For each Cyclic Module Record m of module.[[AsyncParentModules]], do
    let parents: Vec<ModuleId> = graph.get(module).cyclic().map(|c| c.async_parent_modules.clone()).unwrap_or_default();
    for m in parents {
        // a. If execList does not contain m and m.[[CycleRoot]].[[EvaluationError]] is empty, then
        let root = cycle_root(graph, m);
        if exec_list.contains(&m) || evaluation_error(graph, root).is_some() {
            continue;
        }
        // i-iv. Assert: evaluating-async, no error, [[AsyncEvaluation]] true, pending > 0.
        // v. Set m.[[PendingAsyncDependencies]] to m.[[PendingAsyncDependencies]] - 1.
        let left = match graph.get_mut(m).cyclic_mut() {
            Some(c) => {
                let n = c.pending_async_dependencies.unwrap_or(0).saturating_sub(1);
                c.pending_async_dependencies = Some(n);
                n
            }
            None => continue,
        };
        trace.step(depth, |t| {
            let ready = if left == 0 { ": ready, appended to execList" } else { "" };
            (show(graph, t, m), format!("[[PendingAsyncDependencies]] {} -> {left}{ready}", left + 1))
        });
        // vi. If m.[[PendingAsyncDependencies]] = 0, then
        if left == 0 {
            // 1. Append m to execList.
            exec_list.push(m);
            // 2. If m.[[HasTLA]] is false, perform GatherAvailableAncestors(m, execList).
            if !has_tla(graph, m) {
                gather_available_ancestors(graph, m, exec_list, trace, depth + 1);
            }
        }
    }
}

/// AsyncModuleExecutionFulfilled(module) (§16.2.1.5.3.4): `module`'s asynchronous execution
/// finished; run every ancestor that no longer waits for anything, in [[AsyncEvaluation]] order.
pub fn async_module_execution_fulfilled(
    graph: &mut ModuleGraph,
    module: ModuleId,
    host: &mut dyn ModuleExecutor,
    trace: &mut Trace,
) {
    // 1. If module.[[Status]] is evaluated, then (it failed through another path) return.
    if status(graph, module) == Some(ModuleStatus::Evaluated) {
        return;
    }
    // 2-4. Assert: evaluating-async, [[AsyncEvaluation]] true, no error.
    // 5. Set module.[[AsyncEvaluation]] to done. 6. Set module.[[Status]] to evaluated.
    if let Some(c) = graph.get_mut(module).cyclic_mut() {
        c.async_evaluation = AsyncEvaluation::Done;
        c.status = ModuleStatus::Evaluated;
    }
    trace.step(0, |t| {
        let left = format!("AsyncModuleExecutionFulfilled({})", show(graph, t, module));
        (left, "[[Status]] evaluating-async -> evaluated".to_string())
    });
    // 7. If module.[[TopLevelCapability]] is not empty, resolve it.
    if graph.get(module).cyclic().map(|c| c.top_level_capability).unwrap_or(false) {
        trace.step(1, |t| (format!("Evaluate({})", show(graph, t, module)), "promise fulfilled".to_string()));
        host.settle_top_level_capability(graph, module, Ok(()));
    }
    // 8. Let execList be a new empty List.
    let mut exec_list = Vec::new();
    // 9. Perform GatherAvailableAncestors(module, execList).
    // (The trace shows this step only when someone waits for the module.)
    let waited_on = graph.get(module).cyclic().is_some_and(|c| !c.async_parent_modules.is_empty());
    if waited_on {
        trace.step(1, |t| (format!("GatherAvailableAncestors({})", show(graph, t, module)), String::new()));
    }
    gather_available_ancestors(graph, module, &mut exec_list, trace, 2);
    // 10. Sort execList by the order [[AsyncEvaluation]] became true.
    exec_list.sort_by_key(|m| match graph.get(*m).cyclic().map(|c| c.async_evaluation) {
        Some(AsyncEvaluation::Order(n)) => n,
        _ => u64::MAX,
    });
    if waited_on {
        trace.step(1, |t| {
            let names: Vec<String> = exec_list.iter().map(|m| show(graph, t, *m)).collect();
            ("execList".to_string(), format!("[{}] (sorted by [[AsyncEvaluation]] order)", names.join(", ")))
        });
    }
    // 11. Assert: all have [[AsyncEvaluation]] true, no pending dependencies, no error.
    // 12. For each Cyclic Module Record m of sortedExecList, do
    for m in exec_list {
        // a. If m.[[Status]] is evaluated, then (it already failed) skip it.
        if status(graph, m) == Some(ModuleStatus::Evaluated) {
            trace.step(1, |t| (show(graph, t, m), "already evaluated (with an error): skipped".to_string()));
            continue;
        }
        if has_tla(graph, m) {
            // b. Else if m.[[HasTLA]] is true, perform ExecuteAsyncModule(m).
            execute_async_module(graph, m, host, trace, 1);
        } else {
            // c. Else,
            //    i. Let result be m.ExecuteModule().
            trace.step(1, |t| (format!("ExecuteModule({})", show(graph, t, m)), "runs the body".to_string()));
            match host.execute_module(graph, m) {
                // ii. If result is an abrupt completion, AsyncModuleExecutionRejected(m, error).
                Err(error) => {
                    trace.step(1, |t| (show(graph, t, m), "the body threw: an abrupt completion".to_string()));
                    rejected_at(graph, m, error, host, trace, 1)
                }
                // iii. Else, [[AsyncEvaluation]] done, status evaluated, resolve its capability.
                Ok(()) => {
                    if let Some(c) = graph.get_mut(m).cyclic_mut() {
                        c.async_evaluation = AsyncEvaluation::Done;
                        c.status = ModuleStatus::Evaluated;
                    }
                    trace.step(1, |t| (show(graph, t, m), "[[Status]] evaluating-async -> evaluated".to_string()));
                    if graph.get(m).cyclic().map(|c| c.top_level_capability).unwrap_or(false) {
                        trace
                            .step(1, |t| (format!("Evaluate({})", show(graph, t, m)), "promise fulfilled".to_string()));
                        host.settle_top_level_capability(graph, m, Ok(()));
                    }
                }
            }
        }
    }
    // 13. Return unused.
}

/// AsyncModuleExecutionRejected(module, error) (§16.2.1.5.3.5): the error spreads to every
/// module waiting on `module`.
pub fn async_module_execution_rejected(
    graph: &mut ModuleGraph,
    module: ModuleId,
    error: ThrownValue,
    host: &mut dyn ModuleExecutor,
    trace: &mut Trace,
) {
    rejected_at(graph, module, error, host, trace, 0);
}

/// [`async_module_execution_rejected`] with its trace lines indented by `depth` (it recurses
/// into the module's [[AsyncParentModules]]).
fn rejected_at(
    graph: &mut ModuleGraph,
    module: ModuleId,
    error: ThrownValue,
    host: &mut dyn ModuleExecutor,
    trace: &mut Trace,
    depth: usize,
) {
    // 1. If module.[[Status]] is evaluated, return (it already has an error).
    if status(graph, module) == Some(ModuleStatus::Evaluated) {
        trace.step(depth, |t| {
            let left = format!("AsyncModuleExecutionRejected({})", show(graph, t, module));
            (left, "already evaluated: nothing to do".to_string())
        });
        return;
    }
    // 2-4. Assert: evaluating-async, [[AsyncEvaluation]] true, no error.
    // 5. Set module.[[EvaluationError]] to ThrowCompletion(error).
    // 6. Set module.[[Status]] to evaluated (and [[AsyncEvaluation]] to done).
    if let Some(c) = graph.get_mut(module).cyclic_mut() {
        c.evaluation_error = Some(error);
        c.status = ModuleStatus::Evaluated;
        c.async_evaluation = AsyncEvaluation::Done;
    }
    trace.step(depth, |t| {
        let left = format!("AsyncModuleExecutionRejected({})", show(graph, t, module));
        (left, "[[Status]] evaluating-async -> evaluated, [[EvaluationError]] set".to_string())
    });
    // 7. For each Cyclic Module Record m of module.[[AsyncParentModules]], reject it too.
    let parents: Vec<ModuleId> = graph.get(module).cyclic().map(|c| c.async_parent_modules.clone()).unwrap_or_default();
    for m in parents {
        rejected_at(graph, m, error, host, trace, depth + 1);
    }
    // 8. If module.[[TopLevelCapability]] is not empty, reject it.
    if graph.get(module).cyclic().map(|c| c.top_level_capability).unwrap_or(false) {
        trace.step(depth + 1, |t| (format!("Evaluate({})", show(graph, t, module)), "promise rejected".to_string()));
        host.settle_top_level_capability(graph, module, Err(error));
    }
    // 9. Return unused.
}
