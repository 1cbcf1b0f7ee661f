//! An object's own properties: an insertion-ordered map from `PropertyKey` to `Slot`.
//!
//! Most objects have a handful of properties, so the entries are one vector searched linearly;
//! each entry carries a 32-bit fingerprint of its key, so a search compares integers in one
//! contiguous block and only looks at key contents on a fingerprint match. Once a map grows past
//! `LINEAR_LIMIT` entries (the global object, prototypes, objects used as dictionaries) it also
//! keeps a hash index from key to position. Iteration is always in insertion order.
//!
//! Positions are stable until a property is removed, which lets the interpreter remember where
//! it found a key last time (`get_index` / `index_of_at`).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::hasher::KeyHasher;
use crate::property::{PropertyKey, Slot};

/// Up to this many entries a map has no hash index.
const LINEAR_LIMIT: usize = 8;

struct Entry {
    fingerprint: u32,
    key: PropertyKey,
    slot: Slot,
}

type Index = HashMap<PropertyKey, u32, BuildHasherDefault<KeyHasher>>;

#[derive(Default)]
pub struct PropertyMap {
    entries: Vec<Entry>,
    index: Option<Box<Index>>,
    /// Whether an integer-index key was ever inserted (never reset): when false, no element
    /// lookup needs to search (array methods ask this of every prototype).
    had_index_key: bool,
}

/// A cheap 32-bit digest of a key (strings cache their hash; symbols are compared by address).
#[inline]
pub fn fingerprint(key: &PropertyKey) -> u32 {
    match key {
        PropertyKey::Index(i) => i.wrapping_mul(0x9e37_79b9),
        PropertyKey::String(s) => {
            let h = s.hash_code();
            (h ^ (h >> 32)) as u32
        }
        PropertyKey::Symbol(s) => {
            let a = s.address();
            (a ^ (a >> 32)) as u32 ^ 0x5bd1_e995
        }
    }
}

impl PropertyMap {
    /// Bytes of storage this map holds outside its owner (for the collector's accounting).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.index.as_ref().map_or(0, |i| i.capacity() * (std::mem::size_of::<PropertyKey>() + 8))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Makes room for exactly `additional` more entries (for objects whose properties are known
    /// when they are made, such as a function's `length`, `name` and `prototype`).
    pub fn reserve_exact(&mut self, additional: usize) {
        self.entries.reserve_exact(additional);
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The position of `key`, if present.
    #[inline]
    pub fn get_index_of(&self, key: &PropertyKey) -> Option<usize> {
        if let Some(index) = &self.index {
            return index.get(key).map(|&i| i as usize);
        }
        let fp = fingerprint(key);
        self.entries.iter().position(|e| e.fingerprint == fp && e.key == *key)
    }

    /// The key and slot at position `i`.
    #[inline]
    pub fn get_index(&self, i: usize) -> Option<(&PropertyKey, &Slot)> {
        self.entries.get(i).map(|e| (&e.key, &e.slot))
    }

    #[inline]
    pub fn get_index_mut(&mut self, i: usize) -> Option<(&PropertyKey, &mut Slot)> {
        self.entries.get_mut(i).map(|e| (&e.key, &mut e.slot))
    }

    /// `Some(hint)` when the key at position `hint` (a remembered position) is `key`: one
    /// comparison instead of a search.
    #[inline]
    pub fn index_of_at(&self, hint: usize, key: &PropertyKey) -> Option<usize> {
        let e = self.entries.get(hint)?;
        if e.key.same_identity(key) || (e.fingerprint == fingerprint(key) && e.key == *key) {
            Some(hint)
        } else {
            None
        }
    }

    #[inline]
    pub fn get(&self, key: &PropertyKey) -> Option<&Slot> {
        let i = self.get_index_of(key)?;
        Some(&self.entries[i].slot)
    }

    #[inline]
    pub fn get_mut(&mut self, key: &PropertyKey) -> Option<&mut Slot> {
        let i = self.get_index_of(key)?;
        Some(&mut self.entries[i].slot)
    }

    pub fn contains_key(&self, key: &PropertyKey) -> bool {
        if matches!(key, PropertyKey::Index(_)) && !self.had_index_key {
            return false;
        }
        self.get_index_of(key).is_some()
    }

    /// Sets `key` to `slot`: an existing property keeps its position; a new one goes last.
    /// Returns the replaced slot.
    pub fn insert(&mut self, key: PropertyKey, slot: Slot) -> Option<Slot> {
        if let Some(i) = self.get_index_of(&key) {
            return Some(std::mem::replace(&mut self.entries[i].slot, slot));
        }
        self.push_new(key, slot);
        None
    }

    /// Appends a property under a key the map does not hold (an object being made, whose keys
    /// are known to be distinct, or a key just searched for): `insert` without the search.
    pub fn push_new(&mut self, key: PropertyKey, slot: Slot) {
        debug_assert!(self.get_index_of(&key).is_none());
        self.had_index_key |= matches!(key, PropertyKey::Index(_));
        let fp = fingerprint(&key);
        let pos = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), pos as u32);
        }
        self.entries.push(Entry { fingerprint: fp, key, slot });
        if self.index.is_none() && self.entries.len() > LINEAR_LIMIT {
            self.rebuild_index();
        }
    }

    /// Removes `key`, keeping the order of the others. O(n).
    pub fn shift_remove(&mut self, key: &PropertyKey) -> Option<Slot> {
        let i = self.get_index_of(key)?;
        let e = self.entries.remove(i);
        if self.index.is_some() {
            if self.entries.len() > LINEAR_LIMIT {
                self.rebuild_index();
            } else {
                self.index = None;
            }
        }
        Some(e.slot)
    }

    fn rebuild_index(&mut self) {
        let mut index = Index::with_capacity_and_hasher(self.entries.len(), Default::default());
        for (i, e) in self.entries.iter().enumerate() {
            index.insert(e.key.clone(), i as u32);
        }
        self.index = Some(Box::new(index));
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &PropertyKey> + ExactSizeIterator {
        self.entries.iter().map(|e| &e.key)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Slot> + ExactSizeIterator {
        self.entries.iter().map(|e| &e.slot)
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter { inner: self.entries.iter() }
    }
}

/// The entries in insertion order.
pub struct Iter<'a> {
    inner: std::slice::Iter<'a, Entry>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a PropertyKey, &'a Slot);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|e| (&e.key, &e.slot))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|e| (&e.key, &e.slot))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a PropertyMap {
    type Item = (&'a PropertyKey, &'a Slot);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::property::attrs;
    use crate::value::Value;

    fn data(n: f64) -> Slot {
        Slot::Data { value: Value::Number(n), attrs: attrs::ALL }
    }

    fn number(s: Option<&Slot>) -> Option<f64> {
        match s {
            Some(Slot::Data { value: Value::Number(n), .. }) => Some(*n),
            _ => None,
        }
    }

    /// Insertion order, replacement in place and removal behave like an ordered map, on both
    /// sides of the size where the hash index appears.
    #[test]
    fn keeps_insertion_order_across_the_index_threshold() {
        for count in [3usize, LINEAR_LIMIT, LINEAR_LIMIT + 1, 40] {
            let mut m = PropertyMap::default();
            for i in 0..count {
                assert!(m.insert(PropertyKey::from(format!("k{i}").as_str()), data(i as f64)).is_none());
            }
            m.insert(PropertyKey::Index(7), data(-1.0));
            // Replacing keeps the position.
            assert_eq!(number(m.insert(PropertyKey::from("k0"), data(100.0)).as_ref()), Some(0.0));
            assert_eq!(m.len(), count + 1);
            assert_eq!(number(m.get(&PropertyKey::from("k0"))), Some(100.0));
            assert_eq!(m.keys().next(), Some(&PropertyKey::from("k0")));
            // Removing keeps the others' order.
            assert_eq!(number(m.shift_remove(&PropertyKey::from("k1")).as_ref()), Some(1.0));
            assert!(!m.contains_key(&PropertyKey::from("k1")));
            let keys: Vec<String> = m.keys().map(|k| k.display()).collect();
            let mut want: Vec<String> = (0..count).filter(|&i| i != 1).map(|i| format!("k{i}")).collect();
            want.push("7".into());
            assert_eq!(keys, want);
            for (i, k) in m.keys().enumerate() {
                assert_eq!(m.get_index_of(k), Some(i));
                assert_eq!(m.index_of_at(i, k), Some(i));
            }
            assert_eq!(number(m.get(&PropertyKey::Index(7))), Some(-1.0));
            assert!(m.get(&PropertyKey::Index(8)).is_none());
        }
    }

    /// A key equal in contents but a different string object is found, also through a
    /// remembered position; a wrong position is refused.
    #[test]
    fn finds_equal_keys_directly_and_through_hints() {
        let mut m = PropertyMap::default();
        let stored = PropertyKey::from("width");
        m.insert(stored.clone(), data(1.0));
        let other = PropertyKey::from("width");
        assert_eq!(m.get_index_of(&other), Some(0));
        assert_eq!(m.index_of_at(0, &stored), Some(0));
        assert_eq!(m.index_of_at(0, &other), Some(0));
        m.insert(PropertyKey::from("height"), data(2.0));
        assert_eq!(m.index_of_at(1, &stored), None);
        assert_eq!(m.index_of_at(2, &stored), None);
    }
}
