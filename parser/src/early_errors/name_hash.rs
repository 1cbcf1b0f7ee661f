//! The hasher of the early-error passes' name tables (declared names per scope, private names
//! per class, exported names per module).
//!
//! The keys are short identifiers from the program being checked and the tables live only
//! for one check, so the standard library's SipHash (built to resist collision attacks on
//! long-lived tables) costs more than it protects here: a multiply-and-rotate hash over the
//! key's words does. Iteration order is never observable: every error found is ordered by its
//! source position (see `Checker::error_ordered`), not by the table it came from.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` keyed by names, with [`NameHasher`].
pub(super) type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// Multiply-rotate hashing of whole words (the scheme of rustc's FxHasher, written here).
#[derive(Default, Clone, Copy)]
pub(super) struct NameHasher {
    hash: u64,
}

/// An odd constant with well-mixed bits (from the golden ratio).
const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

impl NameHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for NameHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::NameMap;

    #[test]
    fn names_that_share_a_prefix_or_length_stay_distinct() {
        let mut map: NameMap<&str, usize> = NameMap::default();
        let names = [
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgi",
            "",
            "x1",
            "x2",
        ];
        for (i, n) in names.iter().enumerate() {
            assert!(map.insert(n, i).is_none(), "{n} inserted twice");
        }
        for (i, n) in names.iter().enumerate() {
            assert_eq!(map.get(n), Some(&i));
        }
        assert_eq!(map.get("abcdefg"), None);
    }
}
