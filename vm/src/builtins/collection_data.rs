//! The entry list behind Map and Set ([[MapData]], [[SetData]]): insertion-ordered entries
//! looked up by SameValueZero through a hash index.
//!
//! The spec's list never shrinks: a deleted entry's key becomes ~empty~ and iterators (and
//! `forEach`) walk positions, skipping emptied entries and seeing entries appended after them.
//! Here a deleted entry becomes a tombstone, and when tombstones outnumber live entries the list
//! is compacted. Every walk in progress owns a *cursor* (a shared position); the list keeps weak
//! handles to the cursors and moves each one to the equivalent position when it compacts. A
//! cursor disappears with its iterator object, so abandoned iterators cost nothing.

use crate::gc::{ObjRef, Trace, Tracer};
use crate::string::JsString;
use crate::symbol::Symbol;
use crate::value::Value;
use std::cell::Cell;
use modjs_parser::fast_hash::FastHashMap as HashMap;
use std::rc::{Rc, Weak};

/// A `Value` as a hash key under SameValueZero: -0 is +0, and every NaN is the same key.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum CollectionKey {
    Undefined,
    Null,
    Bool(bool),
    /// The bits of the normalised number.
    Number(u64),
    String(JsString),
    Symbol(Symbol),
    Object(ObjRef),
    BigInt(std::rc::Rc<crate::bigint::BigInt>),
}

impl CollectionKey {
    pub fn from_value(v: &Value) -> CollectionKey {
        match v {
            Value::Undefined | Value::Empty => CollectionKey::Undefined,
            Value::Null => CollectionKey::Null,
            Value::Bool(b) => CollectionKey::Bool(*b),
            Value::Number(n) => CollectionKey::Number(normalise_number(*n).to_bits()),
            Value::String(s) => CollectionKey::String(s.clone()),
            Value::Symbol(s) => CollectionKey::Symbol(s.clone()),
            Value::Object(o) => CollectionKey::Object(*o),
            Value::BigInt(b) => CollectionKey::BigInt(b.clone()),
        }
    }
}

/// -0 becomes +0 (what Map.prototype.set and Set.prototype.add store) and NaNs one NaN.
pub fn normalise_number(n: f64) -> f64 {
    if n == 0.0 {
        0.0
    } else if n.is_nan() {
        f64::NAN
    } else {
        n
    }
}

/// The key to store for `v`: numbers normalised so that `-0` is stored as `+0`.
pub fn canonical_key_value(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::Number(normalise_number(n)),
        other => other,
    }
}

/// A walk's position in a `CollectionData`, shared with the list so compaction can move it.
pub type Cursor = Rc<Cell<usize>>;

#[derive(Default)]
pub struct CollectionData {
    /// Entries in insertion order; `None` is a deleted entry.
    entries: Vec<Option<(Value, Value)>>,
    /// Where each live key is in `entries`.
    index: HashMap<CollectionKey, usize>,
    /// The cursors of walks that may still continue.
    cursors: Vec<Weak<Cell<usize>>>,
}

impl CollectionData {
    pub fn new() -> CollectionData {
        CollectionData::default()
    }

    /// The number of live entries (the `size` getter).
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn get(&self, key: &Value) -> Option<&Value> {
        let pos = *self.index.get(&CollectionKey::from_value(key))?;
        self.entries.get(pos)?.as_ref().map(|(_, v)| v)
    }

    pub fn has(&self, key: &Value) -> bool {
        self.index.contains_key(&CollectionKey::from_value(key))
    }

    /// Sets the value of an existing key, or appends a new entry (with -0 stored as +0).
    pub fn set(&mut self, key: Value, value: Value) {
        let key = canonical_key_value(key);
        let hash_key = CollectionKey::from_value(&key);
        if let Some(&pos) = self.index.get(&hash_key) {
            if let Some(Some(entry)) = self.entries.get_mut(pos) {
                entry.1 = value;
                return;
            }
        }
        self.index.insert(hash_key, self.entries.len());
        self.entries.push(Some((key, value)));
    }

    /// Deletes the entry for `key`; whether there was one.
    pub fn delete(&mut self, key: &Value) -> bool {
        let Some(pos) = self.index.remove(&CollectionKey::from_value(key)) else {
            return false;
        };
        if let Some(slot) = self.entries.get_mut(pos) {
            *slot = None;
        }
        let tombstones = self.entries.len() - self.index.len();
        if tombstones > 16 && tombstones > self.index.len() {
            self.compact();
        }
        true
    }

    /// Deletes every entry; walks in progress continue with entries added later.
    pub fn clear(&mut self) {
        self.index.clear();
        for slot in &mut self.entries {
            *slot = None;
        }
        self.compact();
    }

    /// Removes the tombstones, moving every live cursor to the position of the first live entry
    /// at or after its old position.
    fn compact(&mut self) {
        // live_before[p] = number of live entries before old position p.
        let mut live_before = Vec::with_capacity(self.entries.len() + 1);
        let mut live = 0usize;
        for slot in &self.entries {
            live_before.push(live);
            if slot.is_some() {
                live += 1;
            }
        }
        live_before.push(live);
        self.cursors.retain(|weak| match weak.upgrade() {
            Some(cursor) => {
                let old = cursor.get().min(live_before.len() - 1);
                cursor.set(live_before[old]);
                true
            }
            None => false,
        });
        self.entries.retain(Option::is_some);
        for (pos, slot) in self.entries.iter().enumerate() {
            if let Some((k, _)) = slot {
                self.index.insert(CollectionKey::from_value(k), pos);
            }
        }
    }

    /// A new cursor at the first entry, kept up to date by compaction.
    pub fn new_cursor(&mut self) -> Cursor {
        // Forget cursors whose walks are gone so the list does not grow without bound.
        if self.cursors.len() >= 32 {
            self.cursors.retain(|w| w.strong_count() > 0);
        }
        let cursor = Rc::new(Cell::new(0));
        self.cursors.push(Rc::downgrade(&cursor));
        cursor
    }

    /// The live entry at or after the cursor, advancing the cursor past it; `None` at the end.
    pub fn next_entry(&self, cursor: &Cursor) -> Option<(Value, Value)> {
        let mut pos = cursor.get();
        while pos < self.entries.len() {
            if let Some((k, v)) = &self.entries[pos] {
                cursor.set(pos + 1);
                return Some((k.clone(), v.clone()));
            }
            pos += 1;
        }
        cursor.set(pos);
        None
    }
}

impl Trace for CollectionData {
    fn trace(&self, t: &mut Tracer) {
        for (k, v) in self.entries.iter().flatten() {
            t.value(k);
            t.value(v);
        }
    }
}

impl CollectionData {
    /// The live entries in order (for inspection; walks that may run code use cursors).
    pub fn entries(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|(k, v)| (k, v))
    }
}

/// What a Map or Set iterator yields (the spec's *kind*: key, value or key+value).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IterationKind {
    Keys,
    Values,
    Entries,
}

/// The state of a %MapIteratorPrototype% / %SetIteratorPrototype% object: the collection (until
/// the iterator is exhausted) and the position in it.
pub struct CollectionIterator {
    pub collection: Option<ObjRef>,
    pub cursor: Cursor,
    pub kind: IterationKind,
}

impl Trace for CollectionIterator {
    fn trace(&self, t: &mut Tracer) {
        if let Some(c) = self.collection {
            t.obj(c);
        }
    }
}

impl CollectionData {
    /// The live entries a walk at `cursor` has still to visit, without moving it.
    pub fn remaining(&self, cursor: &Cursor) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().skip(cursor.get()).flatten().map(|(k, v)| (k, v))
    }
}
