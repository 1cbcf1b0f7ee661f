//! The garbage-collected heap: objects and binding cells, reclaimed by a mark-sweep tracing
//! collector (so cycles are collected).

mod heap;
mod trace;

pub use heap::{CellRef, Heap, ObjRef};
pub use trace::{Trace, Tracer};
