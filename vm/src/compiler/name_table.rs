//! The distinct names of one compilation, numbered in the order they are first met.
//!
//! The scope analysis looks up every identifier it meets. A general map keyed by owned strings
//! allocated a box per new name and hashed each new name twice (lookup, then insert); this
//! table keeps all the texts in one buffer and probes an open-addressed index once per name.

/// Slots of a fresh table (it doubles when half full).
const INITIAL_SLOTS: usize = 128;

/// One name: its hash and where its text is.
#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    start: u32,
    len: u32,
}

#[derive(Default)]
pub struct NameTable {
    /// The texts of all names, one after another.
    text: Vec<u8>,
    /// Per number: the name.
    entries: Vec<Entry>,
    /// The index: per slot, 0 when empty, else the number of the name there plus one. Its length
    /// is zero or a power of two.
    slots: Vec<u32>,
}

/// An odd constant with well-spread bits (the multiplier of the parser's `FastHasher`).
const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;

fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

fn half_word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(w) as u64
}

/// A hash of `bytes`: one rotate, xor and multiply per 8 bytes, the last 1–7 bytes read as
/// (possibly overlapping) fixed-size pieces rather than copied one by one. Names are short, so
/// this is most of the cost of a lookup.
fn hash_of(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let mut h = (n as u64).wrapping_mul(MULTIPLIER);
    let mut at = 0;
    while at + 8 <= n {
        h = (h.rotate_left(5) ^ word(bytes, at)).wrapping_mul(MULTIPLIER);
        at += 8;
    }
    let rest = n - at;
    if rest > 0 {
        let w = if rest >= 4 {
            half_word(bytes, at) | half_word(bytes, n - 4) << 32
        } else {
            bytes[at] as u64 | (bytes[at + rest / 2] as u64) << 8 | (bytes[n - 1] as u64) << 16
        };
        h = (h.rotate_left(5) ^ w).wrapping_mul(MULTIPLIER);
    }
    h
}

/// The first slot to look at for `hash`: the multiply mixes into the high bits.
fn home_slot(hash: u64, mask: usize) -> usize {
    (hash >> 40) as usize & mask
}

impl NameTable {
    /// The text of name `id`.
    #[cfg(test)]
    fn text(&self, id: u32) -> &str {
        let e = self.entries[id as usize];
        std::str::from_utf8(&self.text[e.start as usize..(e.start + e.len) as usize]).unwrap_or("")
    }

    /// The slot holding `name`, or the empty slot where it belongs (`slots` is not empty).
    fn probe(&self, name: &[u8], hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = home_slot(hash, mask);
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return i;
            }
            let e = self.entries[(slot - 1) as usize];
            if e.hash == hash
                && e.len as usize == name.len()
                && self.text[e.start as usize..e.start as usize + name.len()] == *name
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The number of `name`, if the table has it.
    pub fn get(&self, name: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let bytes = name.as_bytes();
        match self.slots[self.probe(bytes, hash_of(bytes))] {
            0 => None,
            slot => Some(slot - 1),
        }
    }

    /// The number of `name`, which is added if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if self.slots.len() <= self.entries.len() * 2 {
            self.grow();
        }
        let bytes = name.as_bytes();
        let hash = hash_of(bytes);
        let i = self.probe(bytes, hash);
        if self.slots[i] != 0 {
            return self.slots[i] - 1;
        }
        let id = self.entries.len() as u32;
        self.entries.push(Entry { hash, start: self.text.len() as u32, len: bytes.len() as u32 });
        self.text.extend_from_slice(bytes);
        self.slots[i] = id + 1;
        id
    }

    /// Doubles the index (or makes the first one) and puts every name back in it.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(INITIAL_SLOTS);
        self.slots = vec![0; size];
        if self.text.capacity() == 0 {
            self.text.reserve(INITIAL_SLOTS * 4);
            self.entries.reserve(INITIAL_SLOTS / 2);
        }
        let mask = size - 1;
        for (id, e) in self.entries.iter().enumerate() {
            let mut i = home_slot(e.hash, mask);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = id as u32 + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_names_in_order_of_first_sight() {
        let mut t = NameTable::default();
        assert_eq!(t.get("a"), None);
        assert_eq!(t.intern("a"), 0);
        assert_eq!(t.intern("b"), 1);
        assert_eq!(t.intern("a"), 0);
        assert_eq!(t.intern(""), 2);
        assert_eq!(t.get("b"), Some(1));
        assert_eq!(t.get("c"), None);
        assert_eq!(t.text(1), "b");
        assert_eq!(t.text(2), "");
    }

    #[test]
    fn keeps_every_name_through_growth() {
        let mut t = NameTable::default();
        let names: Vec<String> =
            (0..5000).map(|i| format!("v_{i}")).chain(["é".to_string(), "日本".to_string()]).collect();
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.intern(n), i as u32);
        }
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.get(n), Some(i as u32));
            assert_eq!(t.text(i as u32), n);
        }
        assert_eq!(t.intern("v_new"), names.len() as u32);
        assert_eq!(t.get("v_5000"), None);
        assert_eq!(t.get("v_1"), Some(1));
        assert_ne!(hash_of(b"ab"), hash_of(b"ba"));
        assert_ne!(hash_of(b"abcdefgh"), hash_of(b"abcdefgi"));
    }
}
