//! A fast hasher for internal maps keyed by names from the program: the early-error passes'
//! name tables (declared names per scope, private names per class, exported names per module)
//! and the loader's maps (the module map by URL, the ResolveExport cache, [[RequestedModules]]
//! indices, the module environments' name → cell tables).
//!
//! The standard library's default (SipHash with random keys) resists hash flooding by an
//! attacker who chooses keys; here every key comes from the program being parsed or loaded (its
//! file names and identifiers), and hashing them was a few percent of parsing and of loading a
//! large graph. None of these maps is iterated in hash order anywhere a user could see it (early
//! errors are ordered by source position; the module map walks its arena; environments are
//! insertion-ordered `IndexMap`s), so the hash function never shows.
//!
//! The mixing step is one rotate, xor and multiply per 8 bytes (the scheme of rustc's FxHash,
//! written here without a new dependency).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher: state is one word, updated per 8-byte chunk of input.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

/// An odd constant with well-spread bits (the golden-ratio based multiplier FxHash uses).
const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

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
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64)
    }

    #[inline]
    fn write_u16(&mut self, n: u16) {
        self.add(n as u64)
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(n as u64)
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n)
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64)
    }
}

/// The `BuildHasher` of [`FastHasher`], for `HashMap::default()` / `IndexMap::default()`.
pub type FastBuild = BuildHasherDefault<FastHasher>;
pub type FastHashMap<K, V> = HashMap<K, V, FastBuild>;
pub type FastHashSet<K> = HashSet<K, FastBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash_of<T: Hash>(v: &T) -> u64 {
        FastBuild::default().hash_one(v)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        assert_eq!(hash_of(&"file:///a/b/m1.mjs"), hash_of(&"file:///a/b/m1.mjs".to_string()));
        let urls: Vec<String> = (0..2000).map(|i| format!("file:///tmp/g/mods/d{:03}/m{}.mjs", i / 250, i)).collect();
        let distinct: FastHashSet<u64> = urls.iter().map(hash_of).collect();
        assert_eq!(distinct.len(), urls.len(), "no collisions among similar URLs");
        assert_ne!(hash_of(&vec![1u8]), hash_of(&vec![1u8, 0]));
    }

    #[test]
    fn maps_work_with_it() {
        let mut m: FastHashMap<String, usize> = FastHashMap::default();
        for i in 0..1000 {
            m.insert(format!("k{i}"), i);
        }
        assert_eq!(m.get("k517"), Some(&517));
        assert_eq!(m.len(), 1000);
    }
}
