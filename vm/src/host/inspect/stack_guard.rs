//! A stack budget for the recursive walk: deeply nested values with an unlimited `depth` must end
//! in Node's "Inspection interrupted prematurely" marker, not in a stack overflow. The budget is
//! measured from the outermost inspection on this thread (an inspection started from JavaScript
//! called by another one shares it).

use std::cell::Cell;

/// Stack bytes the walk may use below the outermost inspection (a 2 MiB thread keeps half free).
const STACK_BUDGET: usize = 1024 * 1024;

thread_local! {
    /// Address of a local of the outermost active inspection, and how many are active.
    static BASE: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

fn here() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Marks the start of an inspection; the returned guard ends it.
pub(super) fn enter() -> Guard {
    BASE.with(|base| {
        let (address, active) = base.get();
        let address = if active == 0 { here() } else { address };
        base.set((address, active + 1));
    });
    Guard
}

pub(super) struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        BASE.with(|base| {
            let (address, active) = base.get();
            base.set((address, active.saturating_sub(1)));
        });
    }
}

/// Whether the walk has used up its stack budget.
pub(super) fn exhausted() -> bool {
    BASE.with(|base| {
        let (address, active) = base.get();
        active > 0 && address.abs_diff(here()) > STACK_BUDGET
    })
}
