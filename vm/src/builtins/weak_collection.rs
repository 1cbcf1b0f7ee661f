//! The entries of WeakMap and WeakSet: ephemerons. An entry keeps its value alive only while its
//! key is alive through something else; when the collector finds the key unreachable, the entry
//! is dropped (see `Object::trace_ephemerons` and `Object::clear_dead_weak_entries`).

use crate::gc::{ObjRef, Tracer};
use crate::symbol::Symbol;
use crate::value::Value;
use modjs_parser::fast_hash::FastHashMap as HashMap;

/// A key that can be held weakly: an object, or a symbol not in the global registry.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum WeakKey {
    Object(ObjRef),
    /// Symbols are reference counted rather than collected, so an entry with a symbol key lives
    /// as long as the collection (its value is always traced).
    Symbol(Symbol),
}

impl WeakKey {
    /// CanBeHeldWeakly (§9.13): objects, and symbols that `Symbol.for` did not make.
    pub fn from_value(v: &Value) -> Option<WeakKey> {
        match v {
            Value::Object(o) => Some(WeakKey::Object(*o)),
            Value::Symbol(s) if s.0.registered_key.is_none() => Some(WeakKey::Symbol(s.clone())),
            _ => None,
        }
    }
}

/// [[WeakMapData]] / [[WeakSetData]] (a WeakSet stores `undefined` as every value). Never
/// iterated in an observable way, so a hash map is enough.
#[derive(Default)]
pub struct WeakData {
    entries: HashMap<WeakKey, Value>,
}

impl WeakData {
    pub fn new() -> WeakData {
        WeakData::default()
    }

    pub fn get(&self, key: &WeakKey) -> Option<&Value> {
        self.entries.get(key)
    }

    pub fn has(&self, key: &WeakKey) -> bool {
        self.entries.contains_key(key)
    }

    pub fn set(&mut self, key: WeakKey, value: Value) {
        self.entries.insert(key, value);
    }

    pub fn delete(&mut self, key: &WeakKey) -> bool {
        self.entries.remove(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Marks the values of the entries whose keys are marked (the collector repeats this until
    /// nothing new is marked).
    pub fn trace_ephemerons(&self, t: &mut Tracer) {
        for (k, v) in &self.entries {
            let live = match k {
                WeakKey::Object(o) => t.is_marked(*o),
                WeakKey::Symbol(_) => true,
            };
            if live {
                t.value(v);
            }
        }
    }

    /// Drops the entries whose keys were not marked.
    pub fn clear_dead_entries(&mut self, t: &Tracer) {
        self.entries.retain(|k, _| match k {
            WeakKey::Object(o) => t.is_marked(*o),
            WeakKey::Symbol(_) => true,
        });
    }
}
