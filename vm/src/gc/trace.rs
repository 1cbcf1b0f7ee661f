//! Tracing: how the collector finds every object and cell that is still reachable.

use super::heap::{CellRef, ObjRef};
use crate::value::Value;

/// Implemented by everything that can hold heap references: it reports each of them to the
/// tracer. Forgetting a reference here means the object can be freed while still in use.
pub trait Trace {
    fn trace(&self, t: &mut Tracer);
}

/// The marking state: a grey worklist of objects and cells found but not yet scanned.
pub struct Tracer {
    pub(super) obj_marks: Vec<bool>,
    pub(super) cell_marks: Vec<bool>,
    pub(super) grey_objs: Vec<ObjRef>,
    pub(super) grey_cells: Vec<CellRef>,
}

impl Tracer {
    #[inline]
    pub fn obj(&mut self, r: ObjRef) {
        let i = r.index();
        if i < self.obj_marks.len() && !self.obj_marks[i] {
            self.obj_marks[i] = true;
            self.grey_objs.push(r);
        }
    }

    #[inline]
    pub fn cell(&mut self, c: CellRef) {
        let i = c.index();
        if i < self.cell_marks.len() && !self.cell_marks[i] {
            self.cell_marks[i] = true;
            self.grey_cells.push(c);
        }
    }

    #[inline]
    pub fn value(&mut self, v: &Value) {
        if let Value::Object(o) = v {
            self.obj(*o);
        }
    }

    pub fn values(&mut self, vs: &[Value]) {
        for v in vs {
            self.value(v);
        }
    }

    /// Whether an object has been marked so far (used to clear weak entries after marking).
    pub fn is_marked(&self, r: ObjRef) -> bool {
        self.obj_marks.get(r.index()).copied().unwrap_or(false)
    }
}

impl Trace for Value {
    fn trace(&self, t: &mut Tracer) {
        t.value(self)
    }
}

impl<T: Trace> Trace for Vec<T> {
    fn trace(&self, t: &mut Tracer) {
        for x in self {
            x.trace(t);
        }
    }
}

impl<T: Trace> Trace for Option<T> {
    fn trace(&self, t: &mut Tracer) {
        if let Some(x) = self {
            x.trace(t);
        }
    }
}

impl Trace for ObjRef {
    fn trace(&self, t: &mut Tracer) {
        t.obj(*self)
    }
}

impl Trace for CellRef {
    fn trace(&self, t: &mut Tracer) {
        t.cell(*self)
    }
}
