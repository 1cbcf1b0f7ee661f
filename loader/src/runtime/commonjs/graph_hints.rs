//! The CommonJS modules of the ES module graph, in the order the graph's evaluation is
//! expected to run them: the prefetch hints for `import` of CommonJS ([`super::prefetch`]).
//!
//! Evaluation visits a module's requested modules depth first, in request order, and runs a
//! module after the modules it requests (the post-order of `InnerModuleEvaluation`, §16.2.1.5.3.1).
//! The same walk over the records' [[LoadedModules]] gives the order here. It is only a guess
//! (top-level await and modules loaded later change it), which is all a hint needs.

use super::with_state;
use crate::module::graph::ModuleGraph;
use crate::module::record::{ModuleId, ModuleKind, SyntheticKind};
use crate::runtime::module_runtime::with_runtime;
use modjs_vm::{JsResult, Vm};

/// Hands the CommonJS records added to the module graph since the last call to the prefetch
/// worker, in expected evaluation order.
pub fn hint_new_commonjs_records(vm: &mut Vm) -> JsResult<()> {
    let order = with_runtime(vm, |rt, _| {
        let from = rt.commonjs.prefetch_hinted_records;
        if rt.graph.len() <= from {
            return None;
        }
        rt.commonjs.prefetch_hinted_records = rt.graph.len();
        Some(commonjs_records_in_evaluation_order(&rt.graph, from))
    })
    .flatten();
    let Some(order) = order else { return Ok(()) };
    if order.is_empty() {
        return Ok(());
    }
    with_state(vm, |st, _| {
        if let Some(p) = st.prefetcher() {
            p.hint_in_order(order);
        }
    })
}

/// The file paths of the CommonJS records with ids from `from` on, in the post-order of a
/// depth-first walk that starts at each of them in id order (records before `from` count as
/// visited).
pub fn commonjs_records_in_evaluation_order(graph: &ModuleGraph, from: usize) -> Vec<String> {
    let n = graph.len();
    let mut visited = vec![false; n.saturating_sub(from)];
    let mut out = Vec::new();
    // (record, index of the next requested module to visit)
    let mut stack: Vec<(ModuleId, usize)> = Vec::new();
    for start in from..n {
        if visited[start - from] {
            continue;
        }
        visited[start - from] = true;
        stack.push((ModuleId(start as u32), 0));
        while let Some((id, next)) = stack.last().copied() {
            let children = graph.get(id).cyclic().map(|c| c.loaded_modules.as_slice()).unwrap_or(&[]);
            if let Some(child) = children.get(next) {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                let k = child.index();
                if k >= from && k < n && !visited[k - from] {
                    visited[k - from] = true;
                    stack.push((*child, 0));
                }
                continue;
            }
            stack.pop();
            let record = graph.get(id);
            if let ModuleKind::Synthetic(s) = &record.kind {
                if let (SyntheticKind::CommonJs { .. }, Some(path)) = (&s.kind, &record.path) {
                    out.push(path.clone());
                }
            }
        }
    }
    out
}
