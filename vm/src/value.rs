//! The `Value` type: what a register, a property or a binding cell holds.

use crate::bigint::BigInt;
use crate::gc::ObjRef;
use std::rc::Rc;
use crate::string::JsString;
use crate::symbol::Symbol;

/// An ECMAScript language value.
///
/// Objects are handles into the garbage-collected heap (`ObjRef`, 4 bytes, `Copy`); strings,
/// symbols and BigInts are reference counted (they cannot form cycles). A `Value` is 16 bytes.
///
/// `repr(C, u8)` puts every payload at offset 8 (the tag alone in the first word), so that a
/// value is a tag byte and one 8-byte payload wherever it is copied: the optimiser keeps
/// register-to-register copies in scalar registers instead of assembling them in memory.
#[derive(Debug)]
#[repr(C, u8)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(JsString),
    Symbol(Symbol),
    /// A BigInt (§6.1.6.2); shared, never mutated. Placed beside the other reference-counted
    /// variants so that `overwrite`'s drop test stays one range check on the tag.
    BigInt(Rc<BigInt>),
    Object(ObjRef),
    /// Internal marker, never visible to JavaScript: an uninitialised binding (TDZ) in a register
    /// or a cell, or a hole in an array's dense elements.
    Empty,
}

impl Clone for Value {
    /// Written out (rather than derived) to be inlined into the interpreter's dispatch loop,
    /// where a register copy is the most frequent operation.
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Undefined => Value::Undefined,
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(*n),
            Value::String(s) => Value::String(s.clone()),
            Value::Symbol(s) => Value::Symbol(s.clone()),
            Value::Object(o) => Value::Object(*o),
            Value::BigInt(b) => Value::BigInt(b.clone()),
            Value::Empty => Value::Empty,
        }
    }
}

/// Stores `v` in `slot`. The old value is dropped only when it holds a reference count (a
/// string, a symbol or a BigInt): the other variants have no drop glue, so the common store is a
/// plain write instead of a call to the drop routine. The slot's tag is tested before anything
/// is moved, so that the common path does not copy the old payload out first.
#[inline(always)]
pub fn overwrite(slot: &mut Value, v: Value) {
    if matches!(slot, Value::String(_) | Value::Symbol(_) | Value::BigInt(_)) {
        *slot = v;
    } else {
        std::mem::forget(std::mem::replace(slot, v));
    }
}

impl Value {
    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    pub fn is_nullish(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }
    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }
    pub fn as_object(&self) -> Option<ObjRef> {
        match self {
            Value::Object(o) => Some(*o),
            _ => None,
        }
    }
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_string(&self) -> Option<&JsString> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn from_str(s: &str) -> Value {
        Value::String(JsString::from(s))
    }
    /// `true` for primitives that are not objects (the spec's "is not an Object").
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
}

impl From<BigInt> for Value {
    fn from(b: BigInt) -> Value {
        Value::BigInt(Rc::new(b))
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<JsString> for Value {
    fn from(s: JsString) -> Value {
        Value::String(s)
    }
}
impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Value {
        Value::Object(o)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(JsString::from(s))
    }
}
