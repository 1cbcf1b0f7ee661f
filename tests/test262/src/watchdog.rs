//! Watching the tests while they run: a test still running after [`SLOW_TEST`] is named on
//! stderr at once (so a CI log shows which test is stuck), and one still running after the
//! mode's hung limit ends the run, since a thread cannot be stopped from outside and a hung
//! parser would otherwise use up CI's whole time budget without saying where.

use crate::report::SLOW_TEST;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const POLL: Duration = Duration::from_millis(250);

/// Exit status for a run given up on a hung test (as for a regression).
const HUNG_EXIT_STATUS: i32 = 1;

pub struct Watchdog {
    /// Per worker: the index of the test it is running and when it started.
    running: Mutex<Vec<Option<(usize, Instant)>>>,
    finished: AtomicBool,
    hung_limit: Duration,
}

impl Watchdog {
    pub fn new(workers: usize, hung_limit: Duration) -> Watchdog {
        Watchdog { running: Mutex::new(vec![None; workers]), finished: AtomicBool::new(false), hung_limit }
    }

    fn slots(&self) -> std::sync::MutexGuard<'_, Vec<Option<(usize, Instant)>>> {
        // Nothing panics while holding the lock, but a poisoned lock still holds valid data.
        self.running.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn started(&self, worker: usize, test: usize) {
        if let Some(slot) = self.slots().get_mut(worker) {
            *slot = Some((test, Instant::now()));
        }
    }

    pub fn stopped(&self, worker: usize) {
        if let Some(slot) = self.slots().get_mut(worker) {
            *slot = None;
        }
    }

    /// Makes [`Watchdog::watch`] return.
    pub fn finish(&self) {
        self.finished.store(true, Ordering::Relaxed);
    }

    /// Polls until [`Watchdog::finish`]; `tests` names the test indices.
    pub fn watch(&self, tests: &[String]) {
        let mut reported = BTreeSet::new();
        while !self.finished.load(Ordering::Relaxed) {
            std::thread::sleep(POLL);
            let now = Instant::now();
            let running: Vec<(usize, Duration)> =
                self.slots().iter().flatten().map(|&(test, since)| (test, now - since)).collect();
            for (test, elapsed) in running {
                let path = tests.get(test).map_or("?", String::as_str);
                if elapsed > self.hung_limit {
                    eprintln!("test262: {path} has run for {} s; giving up on this run", elapsed.as_secs());
                    std::process::exit(HUNG_EXIT_STATUS);
                }
                if elapsed > SLOW_TEST && reported.insert(test) {
                    eprintln!("test262: {path} is still running after {} s", SLOW_TEST.as_secs());
                }
            }
        }
    }
}
