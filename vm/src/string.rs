//! JavaScript strings: immutable sequences of UTF-16 code units.
//!
//! A `JsString` is a reference-counted pointer, so cloning one is cheap and strings never need the
//! garbage collector (they cannot form cycles). The hash is computed once, the first time it is
//! asked for (most strings made at run time — concatenations, numbers turned to text — are never
//! used as keys), and cached, so strings used as property keys hash in O(1); equality first
//! compares pointers.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;

struct StrData {
    /// The content hash, or `HASH_UNKNOWN` until first needed.
    hash: Cell<u64>,
    units: Box<[u16]>,
}

/// A hash not computed yet (a string whose hash really is 0 just recomputes it each time).
const HASH_UNKNOWN: u64 = 0;

/// An immutable JavaScript string value (a list of UTF-16 code units).
#[derive(Clone)]
pub struct JsString(Rc<StrData>);

thread_local! {
    /// The strings of one ASCII code unit, by code unit.
    static ASCII_UNITS: Box<[JsString]> = (0..128u16).map(|u| JsString::from_units(vec![u])).collect();
}

fn hash_units(units: &[u16]) -> u64 {
    // FNV-1a over the code units: fast, deterministic, good enough for property keys.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &u in units {
        h ^= u as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl JsString {
    pub fn from_units(units: Vec<u16>) -> JsString {
        JsString(Rc::new(StrData { hash: Cell::new(HASH_UNKNOWN), units: units.into_boxed_slice() }))
    }

    /// The one-code-unit string `u`; the ASCII ones are made once per thread and shared
    /// (string building one character at a time makes many of them).
    pub fn from_code_unit(u: u16) -> JsString {
        if u < 128 {
            return ASCII_UNITS.with(|table| table[u as usize].clone());
        }
        JsString::from_units(vec![u])
    }

    /// The decimal digits of `n` (with a leading `-` when negative): Number::toString of a
    /// safe integer, made without an intermediate Rust string.
    pub fn from_integer(n: i64) -> JsString {
        let mut buf = [0u16; 21];
        JsString::from_slice(integer_digits(n, &mut buf))
    }

    /// `s` joined with ToString of the Number `n` (after `s` when `after`, else before), in one
    /// step when `n` is a safe integer (-0 included: it prints as 0); `None` otherwise. The
    /// `"x" + i` of string building, without a string for the digits.
    pub fn concat_integer(s: &JsString, n: f64, after: bool) -> Option<JsString> {
        if n.fract() != 0.0 || n.abs() >= 9007199254740992.0 {
            return None;
        }
        let mut buf = [0u16; 21];
        let digits = integer_digits(n as i64, &mut buf);
        let mut v = Vec::with_capacity(s.len() + digits.len());
        if after {
            v.extend_from_slice(s.as_units());
            v.extend_from_slice(digits);
        } else {
            v.extend_from_slice(digits);
            v.extend_from_slice(s.as_units());
        }
        Some(JsString::from_units(v))
    }

    pub fn from_slice(units: &[u16]) -> JsString {
        JsString::from_units(units.to_vec())
    }

    pub fn empty() -> JsString {
        JsString::from_units(Vec::new())
    }

    pub fn as_units(&self) -> &[u16] {
        &self.0.units
    }

    pub fn len(&self) -> usize {
        self.0.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.units.is_empty()
    }

    /// The string as Rust text; lone surrogates become U+FFFD.
    pub fn to_rust_lossy(&self) -> String {
        String::from_utf16_lossy(&self.0.units)
    }

    pub fn concat(a: &JsString, b: &JsString) -> JsString {
        if a.is_empty() {
            return b.clone();
        }
        if b.is_empty() {
            return a.clone();
        }
        let mut v = Vec::with_capacity(a.len() + b.len());
        v.extend_from_slice(a.as_units());
        v.extend_from_slice(b.as_units());
        JsString::from_units(v)
    }

    /// The one shared string with these contents in this thread (compiled property names, the
    /// names of built-ins): keys made this way are the same allocation, so property lookups
    /// match them by pointer. Interned strings live as long as the thread.
    pub fn interned(units: &[u16]) -> JsString {
        let hash = hash_units(units);
        INTERNED.with(|table| {
            let mut table = table.borrow_mut();
            let Interned { first, more } = &mut *table;
            match first.entry(hash) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    let s = JsString(Rc::new(StrData { hash: Cell::new(hash), units: units.into() }));
                    slot.insert(s.clone());
                    s
                }
                std::collections::hash_map::Entry::Occupied(slot) => {
                    if slot.get().as_units() == units {
                        return slot.get().clone();
                    }
                    let others = more.entry(hash).or_default();
                    if let Some(s) = others.iter().find(|s| s.as_units() == units) {
                        return s.clone();
                    }
                    let s = JsString(Rc::new(StrData { hash: Cell::new(hash), units: units.into() }));
                    others.push(s.clone());
                    s
                }
            }
        })
    }

    pub fn interned_str(s: &str) -> JsString {
        JsString::interned(&units_of_str(s))
    }

    /// The cached hash of the contents.
    #[inline]
    pub fn hash_code(&self) -> u64 {
        let h = self.0.hash.get();
        if h != HASH_UNKNOWN {
            return h;
        }
        let h = hash_units(&self.0.units);
        self.0.hash.set(h);
        h
    }

    #[inline]
    pub fn ptr_eq(a: &JsString, b: &JsString) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    /// CanonicalNumericIndexString restricted to array indices: `Some(i)` when the string is the
    /// canonical decimal form of an integer `i` with `0 <= i < 2^32 - 1` (§6.1.7).
    pub fn as_array_index(&self) -> Option<u32> {
        array_index_of_units(self.as_units())
    }

    /// Code unit at `i`.
    pub fn at(&self, i: usize) -> Option<u16> {
        self.0.units.get(i).copied()
    }

    pub fn substring(&self, start: usize, end: usize) -> JsString {
        JsString::from_slice(&self.0.units[start..end])
    }

    pub fn eq_str(&self, s: &str) -> bool {
        if s.is_ascii() {
            // One code unit per byte: compare lengths, then the units directly.
            let units = &self.0.units;
            return units.len() == s.len() && units.iter().zip(s.bytes()).all(|(&u, b)| u == b as u16);
        }
        self.0.units.iter().copied().eq(s.encode_utf16())
    }
}

/// The decimal digits of `n` (with a leading `-` when negative), written at the end of `buf`.
fn integer_digits(n: i64, buf: &mut [u16; 21]) -> &[u16] {
    let mut at = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' as u16 + (m % 10) as u16;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-' as u16;
    }
    &buf[at..]
}

type ByHash<T> = HashMap<u64, T, BuildHasherDefault<crate::object::KeyHasher>>;

/// The interned strings of a thread, by content hash: the first string of each hash in a map
/// of its own (no list to allocate per string), any other string with the same hash beside it.
#[derive(Default)]
struct Interned {
    first: ByHash<JsString>,
    more: ByHash<Vec<JsString>>,
}

thread_local! {
    static INTERNED: RefCell<Interned> = RefCell::new(Interned::default());
}

/// `Some(i)` when `units` is the canonical decimal spelling of an array index.
pub fn array_index_of_units(units: &[u16]) -> Option<u32> {
    if units.is_empty() || units.len() > 10 {
        return None;
    }
    if units[0] == b'0' as u16 {
        return if units.len() == 1 { Some(0) } else { None };
    }
    let mut n: u64 = 0;
    for &u in units {
        if !(b'0' as u16..=b'9' as u16).contains(&u) {
            return None;
        }
        n = n * 10 + (u - b'0' as u16) as u64;
    }
    if n < u32::MAX as u64 {
        Some(n as u32)
    } else {
        None
    }
}

/// The UTF-16 code units of `s`, allocated once at their final size (collecting
/// `encode_utf16` grows the vector step by step: it cannot know the length in advance).
fn units_of_str(s: &str) -> Vec<u16> {
    if s.is_ascii() {
        s.bytes().map(u16::from).collect()
    } else {
        let mut units = Vec::with_capacity(s.encode_utf16().count());
        units.extend(s.encode_utf16());
        units
    }
}

impl From<&str> for JsString {
    fn from(s: &str) -> JsString {
        JsString::from_units(units_of_str(s))
    }
}

impl From<String> for JsString {
    fn from(s: String) -> JsString {
        JsString::from(s.as_str())
    }
}

impl PartialEq for JsString {
    fn eq(&self, other: &JsString) -> bool {
        if Rc::ptr_eq(&self.0, &other.0) {
            return true;
        }
        // Two known hashes that differ settle it without looking at the contents.
        let (a, b) = (self.0.hash.get(), other.0.hash.get());
        if a != HASH_UNKNOWN && b != HASH_UNKNOWN && a != b {
            return false;
        }
        self.0.units == other.0.units
    }
}
impl Eq for JsString {}

impl Hash for JsString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash_code());
    }
}

impl PartialOrd for JsString {
    fn partial_cmp(&self, other: &JsString) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for JsString {
    /// Code-unit order, as IsLessThan compares strings.
    fn cmp(&self, other: &JsString) -> std::cmp::Ordering {
        self.0.units.cmp(&other.0.units)
    }
}

impl fmt::Debug for JsString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_rust_lossy())
    }
}

impl fmt::Display for JsString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rust_lossy())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_indices_are_canonical() {
        assert_eq!(JsString::from("0").as_array_index(), Some(0));
        assert_eq!(JsString::from("4294967294").as_array_index(), Some(4294967294));
        assert_eq!(JsString::from("4294967295").as_array_index(), None);
        assert_eq!(JsString::from("01").as_array_index(), None);
        assert_eq!(JsString::from("-1").as_array_index(), None);
        assert_eq!(JsString::from("1.0").as_array_index(), None);
    }

    #[test]
    fn interned_strings_are_shared() {
        let a = JsString::interned_str("prototype");
        let b = JsString::interned(&"prototype".encode_utf16().collect::<Vec<u16>>());
        assert!(JsString::ptr_eq(&a, &b));
        assert!(!JsString::ptr_eq(&a, &JsString::interned_str("prototypes")));
        assert_eq!(a, JsString::from("prototype"));
    }

    #[test]
    fn equality_and_concat() {
        let a = JsString::from("ab");
        let b = JsString::concat(&JsString::from("a"), &JsString::from("b"));
        assert_eq!(a, b);
        assert!(JsString::from("a") < JsString::from("b"));
        assert!(a.eq_str("ab"));
    }
}
