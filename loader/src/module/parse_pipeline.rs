//! The construct phase's parse pipeline: a breadth-first level of modules is parsed on worker
//! threads while the constructing thread takes the results **in level order** as soon as each
//! is ready (it compiles them, adds them to the module map and resolves their requests).
//!
//! Consuming in order keeps the phase deterministic — records, ids and the first error are those
//! of a one-at-a-time loop — and consuming while the workers go on overlaps the work of the
//! constructing thread with parsing. The workers stay at most [`WINDOW`] items ahead of the
//! consumer, so only that many parse results (syntax trees, tens of kilobytes each) exist at any
//! time instead of a whole level's (thousands, in a large graph).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How far the workers may run ahead of the consumer.
pub const WINDOW: usize = 64;

/// Stack for parser threads: deep trees are parsed and walked recursively. Only reserved;
/// pages are committed as the stack grows.
pub const WORKER_STACK: usize = 256 << 20;

/// Levels smaller than this are parsed on the calling thread.
const MIN_PARALLEL: usize = 4;

/// What the workers and the consumer share.
struct Shared<T> {
    results: Vec<Option<T>>,
    /// Items the consumer has taken (`results[..consumed]` are gone).
    consumed: usize,
    /// Set when the consumer stopped early (an error): workers quit.
    stop: bool,
}

/// Runs `work(k, input)` for every input on up to `available_parallelism` worker threads and
/// `consume(k, result)` on the calling thread for k = 0, 1, … in order. Stops at the first
/// error of `consume` and returns it. Work that panics yields `on_panic(k)` for its item (so the
/// consumer never waits for a result that cannot come, and a bug in one module's parse is that
/// module's error).
pub fn for_each_in_order<I, T, E>(
    inputs: Vec<I>,
    work: impl Fn(usize, I) -> T + Sync,
    on_panic: impl Fn(usize) -> T + Sync,
    mut consume: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    T: Send,
{
    let n = inputs.len();
    let work = |k: usize, input: I| -> T {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(k, input))).unwrap_or_else(|_| on_panic(k))
    };
    let workers = if n < MIN_PARALLEL { 1 } else { std::thread::available_parallelism().map_or(1, |p| p.get()).min(n) };
    if workers <= 1 {
        for (k, input) in inputs.into_iter().enumerate() {
            consume(k, work(k, input))?;
        }
        return Ok(());
    }
    let inputs: Vec<Mutex<Option<I>>> = inputs.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let shared = Mutex::new(Shared { results: (0..n).map(|_| None).collect(), consumed: 0, stop: false });
    let changed = Condvar::new();
    let next = AtomicUsize::new(0);
    let lock = || shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    std::thread::scope(|scope| {
        let mut spawned = 0;
        for i in 0..workers {
            let (inputs, work, on_panic, next, changed, lock) = (&inputs, &work, &on_panic, &next, &changed, &lock);
            let worker = move || loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= n {
                    break;
                }
                // Wait until k is inside the window (or the consumer gave up).
                let mut s = lock();
                while !s.stop && k >= s.consumed + WINDOW {
                    s = changed.wait(s).unwrap_or_else(|poisoned| poisoned.into_inner());
                }
                if s.stop {
                    break;
                }
                drop(s);
                // Each input is taken exactly once (k is unique), so it is always there.
                let value = match inputs[k].lock().ok().and_then(|mut i| i.take()) {
                    Some(input) => work(k, input),
                    None => on_panic(k),
                };
                lock().results[k] = Some(value);
                changed.notify_all();
            };
            let spawned_ok = std::thread::Builder::new()
                .name(format!("parse-{i}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, worker)
                .is_ok();
            if spawned_ok {
                spawned += 1;
            }
        }
        let result = if spawned == 0 {
            // No worker could be started: do everything here.
            let mut r = Ok(());
            for (k, input) in inputs.iter().enumerate() {
                let Some(input) = input.lock().ok().and_then(|mut i| i.take()) else { continue };
                r = consume(k, work(k, input));
                if r.is_err() {
                    break;
                }
            }
            r
        } else {
            consume_in_order(n, &lock, &changed, &mut consume)
        };
        if result.is_err() {
            lock().stop = true;
            changed.notify_all();
        }
        result
    })
}

/// The consumer's side: waits for each result in turn and hands it to `consume`.
fn consume_in_order<'a, T, E>(
    n: usize,
    lock: &impl Fn() -> MutexGuard<'a, Shared<T>>,
    changed: &Condvar,
    consume: &mut impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E>
where
    T: 'a,
{
    for k in 0..n {
        let value = {
            let mut s = lock();
            loop {
                if let Some(v) = s.results[k].take() {
                    break v;
                }
                s = changed.wait(s).unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        lock().consumed = k + 1;
        changed.notify_all();
        consume(k, value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_order_whatever_the_workers_speed() {
        let inputs: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        let r: Result<(), ()> = for_each_in_order(
            inputs,
            |k, x| {
                // Uneven work so that workers finish out of order.
                if k % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                x * 2
            },
            |_| u64::MAX,
            |k, v| {
                seen.push((k, v));
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        assert_eq!(seen, (0..500).map(|k| (k as usize, k * 2)).collect::<Vec<_>>());
    }

    #[test]
    fn the_first_error_in_order_stops_the_run() {
        let inputs: Vec<usize> = (0..300).collect();
        let mut consumed = 0;
        let r = for_each_in_order(
            inputs,
            |_, x| x,
            |_| usize::MAX,
            |k, v| {
                consumed += 1;
                if v == 150 || v == 200 {
                    Err(k)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err(150));
        assert_eq!(consumed, 151);
    }

    #[test]
    fn a_panicking_worker_yields_the_fallback_instead_of_hanging() {
        let inputs: Vec<usize> = (0..100).collect();
        let mut seen = Vec::new();
        let r: Result<(), ()> = for_each_in_order(
            inputs,
            |_, x| {
                if x == 42 {
                    panic!("worker failure under test");
                }
                x
            },
            |_| usize::MAX,
            |_, v| {
                seen.push(v);
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        assert_eq!(seen.len(), 100);
        assert_eq!(seen[42], usize::MAX);
        assert_eq!(seen[41], 41);
    }
}
