//! The heap arenas. An object is named by an `ObjRef` (an index into the object arena) and a
//! binding cell by a `CellRef` (an index into the cell arena). Freed slots are reused.
//!
//! Collection (`Heap::collect`) is mark-sweep: the caller traces the roots into a `Tracer`, the
//! heap scans the grey worklist until it is empty, clears weak entries whose keys died, and frees
//! every unmarked slot. The VM only collects at safe points (see the crate documentation).

use super::trace::{Trace, Tracer};
use crate::object::Object;
use crate::value::Value;

/// A handle to a heap object.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct ObjRef(u32);

/// A handle to a binding cell: one variable's storage, shared by every closure and module
/// environment that refers to the variable. `Value::Empty` in a cell means "uninitialised" (TDZ).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct CellRef(u32);

impl ObjRef {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl CellRef {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

pub struct Heap {
    objects: Vec<Option<Object>>,
    free_objects: Vec<u32>,
    cells: Vec<Value>,
    cell_live: Vec<bool>,
    free_cells: Vec<u32>,
    /// Allocations since the last collection, and how many trigger the next one.
    allocated: usize,
    threshold: usize,
    /// Bytes allocated since the last collection (objects, cells and the storage they own, as
    /// estimated by `Object::approx_bytes` and reported by `note_bytes`), and how many trigger
    /// the next one.
    allocated_bytes: usize,
    byte_threshold: usize,
    pub collections: usize,
}

/// The collection policy: collect when either the number of allocations or their bytes since
/// the last collection reach `GROWTH_FACTOR` times what survived the last collection (the heap
/// may triple between collections, so a steadily growing heap — a large module graph being
/// evaluated — is traced a bounded number of times per doubling), but never more often than
/// every `INITIAL_THRESHOLD` allocations or
/// `MIN_BYTE_THRESHOLD` bytes. Counting bytes matters for programs that allocate few but large
/// objects (arrays of thousands of elements): counting objects alone lets them pile up.
const INITIAL_THRESHOLD: usize = 100_000;
const MIN_BYTE_THRESHOLD: usize = 2 << 20;
const GROWTH_FACTOR: usize = 2;
const CELL_BYTES: usize = std::mem::size_of::<Value>() + 1;

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    pub fn new() -> Heap {
        Heap {
            objects: Vec::new(),
            free_objects: Vec::new(),
            cells: Vec::new(),
            cell_live: Vec::new(),
            free_cells: Vec::new(),
            allocated: 0,
            threshold: INITIAL_THRESHOLD,
            allocated_bytes: 0,
            byte_threshold: MIN_BYTE_THRESHOLD,
            collections: 0,
        }
    }

    pub fn alloc(&mut self, obj: Object) -> ObjRef {
        self.allocated += 1;
        self.allocated_bytes += obj.approx_bytes();
        if let Some(i) = self.free_objects.pop() {
            self.objects[i as usize] = Some(obj);
            ObjRef(i)
        } else {
            self.objects.push(Some(obj));
            ObjRef((self.objects.len() - 1) as u32)
        }
    }

    #[inline]
    pub fn get(&self, r: ObjRef) -> &Object {
        match self.objects.get(r.0 as usize) {
            Some(Some(o)) => o,
            _ => dangling(r),
        }
    }

    #[inline]
    pub fn get_mut(&mut self, r: ObjRef) -> &mut Object {
        match self.objects.get_mut(r.0 as usize) {
            Some(Some(o)) => o,
            _ => dangling(r),
        }
    }

    pub fn alloc_cell(&mut self, v: Value) -> CellRef {
        self.allocated += 1;
        self.allocated_bytes += CELL_BYTES;
        if let Some(i) = self.free_cells.pop() {
            self.cells[i as usize] = v;
            self.cell_live[i as usize] = true;
            CellRef(i)
        } else {
            self.cells.push(v);
            self.cell_live.push(true);
            CellRef((self.cells.len() - 1) as u32)
        }
    }

    #[inline]
    pub fn cell(&self, c: CellRef) -> &Value {
        &self.cells[c.0 as usize]
    }

    #[inline]
    pub fn cell_mut(&mut self, c: CellRef) -> &mut Value {
        &mut self.cells[c.0 as usize]
    }

    #[inline]
    pub fn cell_set(&mut self, c: CellRef, v: Value) {
        self.cells[c.0 as usize] = v;
    }

    /// Accounts for storage an existing object grew by (array elements, properties).
    #[inline]
    pub fn note_bytes(&mut self, bytes: usize) {
        self.allocated_bytes += bytes;
    }

    /// Makes the next safe point collect, however little was allocated (`$262.gc()`).
    pub fn request_collection(&mut self) {
        self.allocated = self.allocated.max(self.threshold);
    }

    /// Whether enough has been allocated since the last collection to collect again.
    #[inline]
    pub fn wants_collection(&self) -> bool {
        self.allocated >= self.threshold || self.allocated_bytes >= self.byte_threshold
    }

    pub fn live_objects(&self) -> usize {
        self.objects.len() - self.free_objects.len()
    }

    pub fn live_cells(&self) -> usize {
        self.cells.len() - self.free_cells.len()
    }

    /// A fresh tracer sized for this heap.
    pub fn tracer(&self) -> Tracer {
        Tracer {
            obj_marks: vec![false; self.objects.len()],
            cell_marks: vec![false; self.cells.len()],
            grey_objs: Vec::new(),
            grey_cells: Vec::new(),
        }
    }

    /// Finish marking from the roots already traced into `t`, then sweep.
    pub fn collect(&mut self, mut t: Tracer) {
        self.mark(&mut t);
        // Weak collections: entries whose keys died are removed (ephemeron semantics: a value
        // reachable only through a live key has already been marked by the object's own trace
        // through `Object::trace_ephemerons`, iterated here to a fixpoint).
        loop {
            let before = t.grey_objs.len() + t.grey_cells.len();
            for i in 0..self.objects.len() {
                if t.obj_marks[i] {
                    if let Some(o) = &self.objects[i] {
                        o.trace_ephemerons(&mut t);
                    }
                }
            }
            if t.grey_objs.len() + t.grey_cells.len() == before {
                break;
            }
            self.mark(&mut t);
        }
        for i in 0..self.objects.len() {
            if t.obj_marks[i] {
                if let Some(o) = &mut self.objects[i] {
                    o.clear_dead_weak_entries(&t);
                }
            }
        }
        // Sweep, measuring what survives.
        let mut live_bytes = 0;
        for i in 0..self.objects.len() {
            if t.obj_marks[i] {
                if let Some(o) = &self.objects[i] {
                    live_bytes += o.approx_bytes();
                }
            } else if self.objects[i].is_some() {
                self.objects[i] = None;
                self.free_objects.push(i as u32);
            }
        }
        for i in 0..self.cells.len() {
            if !t.cell_marks[i] && self.cell_live[i] {
                self.cell_live[i] = false;
                self.cells[i] = Value::Undefined;
                self.free_cells.push(i as u32);
            }
        }
        self.collections += 1;
        self.allocated = 0;
        self.allocated_bytes = 0;
        let live = self.live_objects() + self.live_cells();
        self.threshold = INITIAL_THRESHOLD.max(GROWTH_FACTOR * live);
        live_bytes += self.live_cells() * CELL_BYTES;
        self.byte_threshold = MIN_BYTE_THRESHOLD.max(GROWTH_FACTOR * live_bytes);
    }

    fn mark(&self, t: &mut Tracer) {
        loop {
            if let Some(r) = t.grey_objs.pop() {
                if let Some(o) = &self.objects[r.0 as usize] {
                    o.trace(t);
                }
                continue;
            }
            if let Some(c) = t.grey_cells.pop() {
                let v = &self.cells[c.0 as usize];
                t.value(v);
                continue;
            }
            break;
        }
    }
}

#[cold]
#[inline(never)]
fn dangling(r: ObjRef) -> ! {
    // A dangling handle is a bug in the VM (a missing root), never a consequence of input.
    panic!("modjs internal error: object {:?} was used after being collected", r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::{ArrayData, ObjectKind};

    fn array_with_capacity(n: usize) -> Object {
        let dense = Vec::with_capacity(n);
        Object::new(None, ObjectKind::Array(ArrayData { dense, length: 0, length_writable: true }))
    }

    #[test]
    fn few_large_objects_trigger_a_collection() {
        let mut heap = Heap::new();
        heap.alloc(Object::ordinary(None));
        assert!(!heap.wants_collection());
        // Far fewer than INITIAL_THRESHOLD allocations, but more bytes than MIN_BYTE_THRESHOLD.
        for _ in 0..4 {
            heap.alloc(array_with_capacity(MIN_BYTE_THRESHOLD / 64));
        }
        assert!(heap.wants_collection());
    }

    #[test]
    fn growth_reported_after_allocation_counts() {
        let mut heap = Heap::new();
        heap.alloc(array_with_capacity(0));
        assert!(!heap.wants_collection());
        heap.note_bytes(MIN_BYTE_THRESHOLD);
        assert!(heap.wants_collection());
    }

    #[test]
    fn threshold_follows_the_surviving_bytes() {
        let mut heap = Heap::new();
        // Survivors of more than MIN_BYTE_THRESHOLD bytes raise the next threshold to their size.
        let big = heap.alloc(array_with_capacity(MIN_BYTE_THRESHOLD / 8));
        let mut t = heap.tracer();
        t.obj(big);
        heap.collect(t);
        assert!(!heap.wants_collection());
        heap.note_bytes(MIN_BYTE_THRESHOLD + 1);
        assert!(!heap.wants_collection(), "the threshold should have grown with the live heap");
        heap.note_bytes(GROWTH_FACTOR * 2 * MIN_BYTE_THRESHOLD);
        assert!(heap.wants_collection());
    }
}
