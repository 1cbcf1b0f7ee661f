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

/// Workers held back by the window are woken when this many more items have been consumed
/// (or as soon as the consumer itself has to wait): one wake-up per batch instead of one per
/// item.
const REFILL_EVERY: usize = WINDOW / 4;

/// What the workers and the consumer share.
struct Shared<T> {
    results: Vec<Option<T>>,
    /// Items the consumer has taken (`results[..consumed]` are gone).
    consumed: usize,
    /// Set when the consumer stopped early (an error): workers quit.
    stop: bool,
    /// The consumer is waiting for a result (a worker that stores one wakes it).
    consumer_waiting: bool,
    /// Workers waiting for the window to move.
    workers_waiting: usize,
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
    let shared = Mutex::new(Shared {
        results: (0..n).map(|_| None).collect(),
        consumed: 0,
        stop: false,
        consumer_waiting: false,
        workers_waiting: 0,
    });
    // Separate conditions, so that a result wakes only the consumer and a moved window only
    // the workers; each is signalled only when someone waits on it (a signal is a system call).
    let for_consumer = Condvar::new();
    let for_workers = Condvar::new();
    let next = AtomicUsize::new(0);
    let lock = || shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    std::thread::scope(|scope| {
        let mut spawned = 0;
        for i in 0..workers {
            let (inputs, work, on_panic, next, for_consumer, for_workers, lock) =
                (&inputs, &work, &on_panic, &next, &for_consumer, &for_workers, &lock);
            let worker = move || loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= n {
                    break;
                }
                // Wait until k is inside the window (or the consumer gave up).
                let mut s = lock();
                while !s.stop && k >= s.consumed + WINDOW {
                    s.workers_waiting += 1;
                    s = for_workers.wait(s).unwrap_or_else(|poisoned| poisoned.into_inner());
                    s.workers_waiting -= 1;
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
                let consumer_waiting = {
                    let mut s = lock();
                    s.results[k] = Some(value);
                    s.consumer_waiting
                };
                // Signalled after the lock is released, so that the consumer does not wake up
                // only to wait for it.
                if consumer_waiting {
                    for_consumer.notify_one();
                }
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
            consume_in_order(n, &lock, &for_consumer, &for_workers, &mut consume)
        };
        if result.is_err() {
            lock().stop = true;
            for_workers.notify_all();
        }
        result
    })
}

/// The consumer's side: waits for each result in turn and hands it to `consume`.
fn consume_in_order<'a, T, E>(
    n: usize,
    lock: &impl Fn() -> MutexGuard<'a, Shared<T>>,
    for_consumer: &Condvar,
    for_workers: &Condvar,
    consume: &mut impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E>
where
    T: 'a,
{
    for k in 0..n {
        let value = {
            let mut s = lock();
            let value = loop {
                if let Some(v) = s.results[k].take() {
                    break v;
                }
                // Workers held back by the window must run before this can be waited for
                // (item k itself may be one of theirs).
                if s.workers_waiting > 0 {
                    for_workers.notify_all();
                }
                s.consumer_waiting = true;
                s = for_consumer.wait(s).unwrap_or_else(|poisoned| poisoned.into_inner());
                s.consumer_waiting = false;
            };
            s.consumed = k + 1;
            let refill = s.workers_waiting > 0 && s.consumed % REFILL_EVERY == 0;
            drop(s);
            if refill {
                for_workers.notify_all();
            }
            value
        };
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
