//! Running the tests on a fixed pool of threads, each test isolated with `catch_unwind`.

use crate::features::FeatureFilter;
use crate::frontmatter::parse_frontmatter;
use crate::mode::{Mode, Settings, TestCase};
use crate::outcome::{Outcome, Status, TestResult, VariantResult};
use crate::variant::variants_for;
use crate::watchdog::Watchdog;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Worker stacks are large so that deeply nested test sources do not overflow them (a stack
/// overflow aborts the whole process; it cannot be caught like a panic).
const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;

const WORKER_NAME_PREFIX: &str = "test262-worker-";

thread_local! {
    /// The message of the last panic on this worker thread, recorded by the panic hook.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Everything a worker needs to run a test.
pub struct Suite<'a> {
    pub root: &'a Path,
    pub mode: Mode,
    pub features: &'a FeatureFilter,
    pub settings: &'a Settings,
}

/// Replaces the panic hook: on worker threads a panic's message and location are recorded for
/// the report instead of being printed; elsewhere the default hook still reports it.
pub fn install_panic_hook() {
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let on_worker = std::thread::current().name().is_some_and(|n| n.starts_with(WORKER_NAME_PREFIX));
        if !on_worker {
            default_hook(info);
            return;
        }
        let message = payload_text(info.payload());
        let text = match info.location() {
            Some(at) => format!("{message} (at {}:{})", at.file(), at.line()),
            None => message,
        };
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(text));
    }));
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}

/// Runs every test on `jobs` threads that take the next index from a shared counter. The
/// results come back sorted by path.
pub fn run_all(suite: &Suite<'_>, tests: &[String], jobs: usize) -> Result<Vec<TestResult>, String> {
    let jobs = jobs.max(1);
    let next = AtomicUsize::new(0);
    let watchdog = Watchdog::new(jobs, suite.mode.hung_limit(suite.settings));
    let mut results = std::thread::scope(|scope| {
        let watcher = std::thread::Builder::new()
            .name("test262-watchdog".to_string())
            .spawn_scoped(scope, || watchdog.watch(tests))
            .map_err(|e| format!("cannot start the watchdog thread: {e}"))?;
        let run = || {
            let mut handles = Vec::new();
            for worker in 0..jobs {
                let (next, watchdog) = (&next, &watchdog);
                let handle = std::thread::Builder::new()
                    .name(format!("{WORKER_NAME_PREFIX}{worker}"))
                    .stack_size(WORKER_STACK_BYTES)
                    .spawn_scoped(scope, move || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = tests.get(i) else { break };
                            watchdog.started(worker, i);
                            done.push(run_one(suite, path));
                            watchdog.stopped(worker);
                        }
                        done
                    })
                    .map_err(|e| format!("cannot start a worker thread: {e}"))?;
                handles.push(handle);
            }
            let mut all = Vec::with_capacity(tests.len());
            for handle in handles {
                let done = handle.join().map_err(|_| "a worker thread panicked outside a test".to_string())?;
                all.extend(done);
            }
            Ok::<_, String>(all)
        };
        let all = run();
        // Stop the watchdog however the workers ended, or the scope would wait for it forever.
        watchdog.finish();
        let _ = watcher.join();
        all
    })?;
    results.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(results)
}

/// Reads one test, decides whether it counts, and runs each of its variants.
fn run_one(suite: &Suite<'_>, path: &str) -> TestResult {
    let started = Instant::now();
    let mut result = TestResult { path: path.to_string(), negative: None, status: Status::Broken(String::new()), elapsed: Default::default() };
    let file = suite.root.join(path);
    result.status = match read_source(&file) {
        Err(why) => Status::Broken(why),
        Ok(source) => match parse_frontmatter(&source) {
            Err(why) => Status::Broken(why.to_string()),
            Ok(meta) => {
                result.negative = meta.negative.clone();
                match suite.features.excluding_feature(&meta.features) {
                    Some(feature) => Status::Excluded(feature.to_string()),
                    None => {
                        let case = TestCase { source: &source, meta: &meta, file: &file };
                        let variants = variants_for(&meta)
                            .iter()
                            .map(|&variant| VariantResult { variant, outcome: run_isolated(suite, &case, variant) })
                            .collect();
                        Status::Ran(variants)
                    }
                }
            }
        },
    };
    result.elapsed = started.elapsed();
    result
}

fn read_source(file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))
}

/// Runs one variant; a panic becomes a failure labelled `panic`.
fn run_isolated(suite: &Suite<'_>, case: &TestCase<'_>, variant: crate::variant::Variant) -> Outcome {
    isolate(|| suite.mode.run_variant(case, variant, suite.settings))
}

fn isolate(run: impl FnOnce() -> Outcome) -> Outcome {
    match panic::catch_unwind(AssertUnwindSafe(run)) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let recorded = LAST_PANIC.with(|last| last.borrow_mut().take());
            let message = recorded.unwrap_or_else(|| payload_text(payload.as_ref()));
            Outcome::Fail(format!("panic: {message}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_a_failure_with_its_message_and_location() {
        install_panic_hook();
        let worker = std::thread::Builder::new().name(format!("{WORKER_NAME_PREFIX}test")).spawn(|| {
            let failed = isolate(|| {
                let depth: Option<u32> = None;
                Outcome::Fail(format!("{}", depth.expect("nesting depth")))
            });
            let passed = isolate(|| Outcome::Pass);
            (failed, passed)
        });
        let (failed, passed) = worker.unwrap().join().unwrap();
        match failed {
            Outcome::Fail(why) => {
                assert!(why.starts_with("panic: nesting depth (at "), "{why}");
                assert!(why.contains("worker.rs:"), "{why}");
            }
            Outcome::Pass => panic!("a panicking test passed"),
        }
        assert_eq!(passed, Outcome::Pass);
    }
}
