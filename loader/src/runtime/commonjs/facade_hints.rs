//! Hints for the prefetch workers from an ES module graph that is about to be evaluated.
//!
//! The CommonJS modules an ES module graph imports (their facades) were parsed with the graph,
//! but what *they* `require` is only found when they run, one after the other on the VM thread.
//! Just before Evaluate() the graph already says which facades will run and in which order —
//! the post-order of InnerModuleEvaluation over [[LoadedModules]] — so the prefetch workers are
//! given all of them at once, in that order, and can start on the files the first facades
//! require while the graph's ES modules run. Each file the module map already holds is marked
//! as loaded for the workers, so they do not read and parse it again in vain.
//!
//! A hint changes no behaviour: the workers only read and parse (see [`super::prefetch`]).

use crate::fast_hash::FastHashSet;
use crate::module::graph::ModuleGraph;
use crate::module::record::{ModuleId, ModuleKind, ModuleStatus, SyntheticKind};

/// The CommonJS facades below `root` that have not run yet, in the order evaluation will reach
/// them: a depth-first walk of [[LoadedModules]] in request order, a module listed after its
/// dependencies (as InnerModuleEvaluation runs them). Modules that are evaluating or evaluated
/// are not entered, so the walk costs only what this evaluation will run.
pub fn facades_in_evaluation_order(graph: &ModuleGraph, root: ModuleId) -> Vec<ModuleId> {
    let mut facades = Vec::new();
    // A set, not a flag per record: `require` of an ES module evaluates a small new graph in a
    // large module map, once per required module.
    let mut visited: FastHashSet<ModuleId> = FastHashSet::default();
    // (module, index of its next dependency to visit)
    let mut stack: Vec<(ModuleId, usize)> = Vec::new();
    let mut enter = |m: ModuleId, stack: &mut Vec<(ModuleId, usize)>, facades: &mut Vec<ModuleId>| {
        if m.index() >= graph.len() || !visited.insert(m) {
            return;
        }
        match &graph.get(m).kind {
            ModuleKind::SourceText(s) if matches!(s.cyclic.status, ModuleStatus::Linked(_)) => stack.push((m, 0)),
            ModuleKind::SourceText(_) => {}
            ModuleKind::Synthetic(s) => {
                if matches!(s.kind, SyntheticKind::CommonJs { .. }) && s.prepared.is_some() {
                    facades.push(m);
                }
            }
        }
    };
    enter(root, &mut stack, &mut facades);
    while let Some(&mut (m, ref mut next)) = stack.last_mut() {
        let dependencies = graph.get(m).cyclic().map_or(&[][..], |c| &c.loaded_modules[..]);
        match dependencies.get(*next) {
            Some(&dependency) => {
                *next += 1;
                enter(dependency, &mut stack, &mut facades);
            }
            None => {
                stack.pop();
            }
        }
    }
    facades
}
