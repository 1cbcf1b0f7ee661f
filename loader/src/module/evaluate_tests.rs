//! The evaluate phase over in-memory graphs, with an executor that records which bodies run and
//! lets each test decide when asynchronous modules finish.

use super::evaluate::{
    async_module_execution_fulfilled, async_module_execution_rejected, evaluate, EvaluateOutcome, Evaluation,
    ModuleExecutor,
};
use super::host::MemoryHost;
use super::record::ThrownValue;
use super::*;

/// Records executions; a module whose source contains `throw` fails with ThrownValue(its id).
#[derive(Default)]
struct Recorder {
    log: Vec<String>,
    started_async: Vec<ModuleId>,
    settled: Vec<(String, Result<(), ThrownValue>)>,
}

fn name(graph: &ModuleGraph, m: ModuleId) -> String {
    graph.get(m).url.rsplit('/').next().unwrap_or("").to_string()
}

impl ModuleExecutor for Recorder {
    fn execute_module(&mut self, graph: &mut ModuleGraph, m: ModuleId) -> Result<(), ThrownValue> {
        self.log.push(name(graph, m));
        let throws = graph.get(m).source_text().map(|s| s.source.contains("throw")).unwrap_or(false);
        if throws {
            Err(ThrownValue(m.0))
        } else {
            Ok(())
        }
    }
    fn execute_module_async(&mut self, graph: &mut ModuleGraph, m: ModuleId) {
        self.log.push(format!("{} (async start)", name(graph, m)));
        self.started_async.push(m);
    }
    fn evaluate_synthetic(&mut self, graph: &mut ModuleGraph, m: ModuleId) -> Result<(), ThrownValue> {
        self.log.push(format!("{} (synthetic)", name(graph, m)));
        Ok(())
    }
    fn settle_top_level_capability(&mut self, graph: &mut ModuleGraph, m: ModuleId, r: Result<(), ThrownValue>) {
        self.settled.push((name(graph, m), r));
    }
}

fn linked(files: &[(&str, &str)]) -> (ModuleGraph, ModuleId) {
    let mut h = files.iter().fold(MemoryHost::new(), |h, (p, s)| h.file(p, s));
    let mut trace = Trace::off();
    let (mut graph, root) = construct(&mut h, files[0].0, &mut trace).unwrap_or_else(|e| panic!("construct: {e}"));
    link(&mut graph, root, &mut trace).unwrap_or_else(|e| panic!("link: {e}"));
    (graph, root)
}

fn id(graph: &ModuleGraph, file: &str) -> ModuleId {
    graph.lookup(&format!("file:///{file}")).unwrap_or_else(|| panic!("{file} not loaded"))
}

#[test]
fn post_order_with_a_cycle_runs_the_dependency_side_first() {
    let (mut graph, root) = linked(&[
        ("/main.mjs", "import './even.mjs'; import './other.mjs';"),
        ("/even.mjs", "import './odd.mjs'; export function even() {}"),
        ("/odd.mjs", "import './even.mjs'; export function odd() {}"),
        ("/other.mjs", "export const x = 1;"),
    ]);
    let mut rec = Recorder::default();
    let out = evaluate(&mut Evaluation::new(), &mut graph, root, &mut rec, &mut Trace::off());
    assert_eq!(out, EvaluateOutcome::Settled(Ok(())));
    assert_eq!(rec.log, ["odd.mjs", "even.mjs", "other.mjs", "main.mjs"]);
    // Both members of the cycle have even.mjs as their [[CycleRoot]].
    let even = id(&graph, "even.mjs");
    for f in ["even.mjs", "odd.mjs"] {
        let c = graph.get(id(&graph, f)).cyclic().expect("cyclic");
        assert_eq!(c.cycle_root, Some(even));
        assert_eq!(c.status, ModuleStatus::Evaluated);
    }
    // A second Evaluate() of the root reuses the first promise and runs nothing.
    let again = evaluate(&mut Evaluation::new(), &mut graph, root, &mut rec, &mut Trace::off());
    assert_eq!(again, EvaluateOutcome::AlreadyRequested);
    assert_eq!(rec.log.len(), 4);
}

#[test]
fn an_error_is_recorded_on_the_cycle_and_rethrown_to_later_importers() {
    let (mut graph, root) = linked(&[
        ("/main.mjs", "import './a.mjs';"),
        ("/a.mjs", "import './b.mjs';"),
        ("/b.mjs", "import './a.mjs'; throw new Error('b');"),
    ]);
    let mut rec = Recorder::default();
    let mut state = Evaluation::new();
    let out = evaluate(&mut state, &mut graph, root, &mut rec, &mut Trace::off());
    let b = id(&graph, "b.mjs");
    assert_eq!(out, EvaluateOutcome::Settled(Err(ThrownValue(b.0))));
    assert_eq!(rec.log, ["b.mjs"], "nothing after the failing body runs");
    for f in ["main.mjs", "a.mjs", "b.mjs"] {
        let c = graph.get(id(&graph, f)).cyclic().expect("cyclic");
        assert_eq!(c.status, ModuleStatus::Evaluated);
        assert_eq!(c.evaluation_error, Some(ThrownValue(b.0)), "{f}");
    }
}

#[test]
fn top_level_await_defers_the_importer_until_the_dependency_finishes() {
    let (mut graph, root) = linked(&[
        ("/main.mjs", "import './slow.mjs'; import './fast.mjs';"),
        ("/slow.mjs", "await 0;"),
        ("/fast.mjs", "export const x = 1;"),
    ]);
    let mut rec = Recorder::default();
    let mut trace = Trace::on("/");
    let out = evaluate(&mut Evaluation::new(), &mut graph, root, &mut rec, &mut trace);
    assert_eq!(out, EvaluateOutcome::Pending);
    assert_eq!(rec.log, ["slow.mjs (async start)", "fast.mjs"]);
    let main = id(&graph, "main.mjs");
    assert_eq!(graph.get(main).cyclic().map(|c| c.status), Some(ModuleStatus::EvaluatingAsync));
    let slow = rec.started_async[0];
    async_module_execution_fulfilled(&mut graph, slow, &mut rec, &mut trace);
    assert_eq!(rec.log, ["slow.mjs (async start)", "fast.mjs", "main.mjs"]);
    assert_eq!(rec.settled, [("main.mjs".to_string(), Ok(()))]);
    assert_eq!(graph.get(main).cyclic().map(|c| c.status), Some(ModuleStatus::Evaluated));
    assert!(trace.lines().iter().any(|l| l.contains("[[AsyncEvaluation]] true (order 0)")));
}

#[test]
fn ready_ancestors_run_in_the_order_they_became_asynchronous() {
    // main imports x then y; both wait for the same TLA module t.
    let (mut graph, root) = linked(&[
        ("/main.mjs", "import './x.mjs'; import './y.mjs';"),
        ("/x.mjs", "import './t.mjs';"),
        ("/y.mjs", "import './t.mjs';"),
        ("/t.mjs", "await 1;"),
    ]);
    let mut rec = Recorder::default();
    let out = evaluate(&mut Evaluation::new(), &mut graph, root, &mut rec, &mut Trace::off());
    assert_eq!(out, EvaluateOutcome::Pending);
    assert_eq!(rec.log, ["t.mjs (async start)"]);
    let t = id(&graph, "t.mjs");
    async_module_execution_fulfilled(&mut graph, t, &mut rec, &mut Trace::off());
    assert_eq!(rec.log, ["t.mjs (async start)", "x.mjs", "y.mjs", "main.mjs"]);
}

#[test]
fn an_async_rejection_reaches_every_waiting_ancestor() {
    let (mut graph, root) = linked(&[
        ("/main.mjs", "import './x.mjs';"),
        ("/x.mjs", "import './t.mjs';"),
        ("/t.mjs", "await 1;"),
    ]);
    let mut rec = Recorder::default();
    evaluate(&mut Evaluation::new(), &mut graph, root, &mut rec, &mut Trace::off());
    let t = id(&graph, "t.mjs");
    async_module_execution_rejected(&mut graph, t, ThrownValue(99), &mut rec, &mut Trace::off());
    assert_eq!(rec.log, ["t.mjs (async start)"], "x and main never run");
    assert_eq!(rec.settled, [("main.mjs".to_string(), Err(ThrownValue(99)))]);
    for f in ["main.mjs", "x.mjs", "t.mjs"] {
        assert_eq!(graph.get(id(&graph, f)).cyclic().and_then(|c| c.evaluation_error), Some(ThrownValue(99)));
    }
}

#[test]
fn builtin_modules_are_evaluated_at_their_post_order_place() {
    let (mut graph, root) = linked(&[("/main.mjs", "import './a.mjs'; import 'node:path';"), ("/a.mjs", "")]);
    let mut rec = Recorder::default();
    evaluate(&mut Evaluation::new(), &mut graph, root, &mut rec, &mut Trace::off());
    assert_eq!(rec.log, ["a.mjs", "node:path (synthetic)", "main.mjs"]);
}
