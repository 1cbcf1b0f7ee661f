//! Unsigned arbitrary-precision arithmetic on magnitudes: little-endian vectors of 32-bit limbs
//! with no high zero limbs (zero is the empty vector). The signed BigInt operations build on
//! these.

use std::cmp::Ordering;

/// Drops high zero limbs, so that every value has one representation.
pub fn normalize(v: &mut Vec<u32>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

/// The number of significant bits (0 for zero).
pub fn bit_length(a: &[u32]) -> u64 {
    match a.last() {
        None => 0,
        Some(&top) => (a.len() as u64 - 1) * 32 + (32 - top.leading_zeros() as u64),
    }
}

/// Compares two normalized magnitudes.
pub fn compare(a: &[u32], b: &[u32]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// a + b.
pub fn add(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(long.len() + 1);
    let mut carry = 0u64;
    for (i, &x) in long.iter().enumerate() {
        let s = x as u64 + short.get(i).copied().unwrap_or(0) as u64 + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    if carry != 0 {
        out.push(carry as u32);
    }
    out
}

/// a - b, for a >= b.
pub fn sub(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let mut d = x as i64 - b.get(i).copied().unwrap_or(0) as i64 - borrow;
        borrow = 0;
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        }
        out.push(d as u32);
    }
    normalize(&mut out);
    out
}

/// a + n for a small n.
pub fn add_small(a: &[u32], n: u32) -> Vec<u32> {
    add(a, &[n])
}

/// a - 1, for a >= 1.
pub fn decrement(a: &[u32]) -> Vec<u32> {
    sub(a, &[1])
}

/// a × b, schoolbook.
pub fn mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u64 * y as u64 + out[i + j] as u64 + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        let mut k = i + b.len();
        while carry != 0 {
            let t = out[k] as u64 + carry;
            out[k] = t as u32;
            carry = t >> 32;
            k += 1;
        }
    }
    normalize(&mut out);
    out
}

/// a × m + c in place, for small m and c (used while parsing digits).
pub fn mul_add_small(a: &mut Vec<u32>, m: u32, c: u32) {
    let mut carry = c as u64;
    for limb in a.iter_mut() {
        let t = *limb as u64 * m as u64 + carry;
        *limb = t as u32;
        carry = t >> 32;
    }
    if carry != 0 {
        a.push(carry as u32);
    }
    normalize(a);
}

/// (a / d, a % d) for a non-zero single-limb divisor.
pub fn div_rem_small(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut rem = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (rem << 32) | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    normalize(&mut q);
    (q, rem as u32)
}

/// (u / v, u % v) for non-zero v: Knuth's Algorithm D (TAOCP vol. 2, §4.3.1).
pub fn div_rem(u: &[u32], v: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if compare(u, v) == Ordering::Less {
        return (Vec::new(), u.to_vec());
    }
    if v.len() == 1 {
        let (q, r) = div_rem_small(u, v[0]);
        return (q, if r == 0 { Vec::new() } else { vec![r] });
    }
    // D1. Normalise so that the divisor's top limb has its high bit set.
    let shift = v[v.len() - 1].leading_zeros();
    let vn = shl_bits(v, shift);
    let mut un = shl_bits(u, shift);
    un.resize(u.len() + 1, 0);
    let n = vn.len();
    let m = u.len() - n;
    let base = 1u64 << 32;
    let mut q = vec![0u32; m + 1];
    for j in (0..=m).rev() {
        // D3. Estimate the quotient limb from the top two limbs, then correct it.
        let num = ((un[j + n] as u64) << 32) | un[j + n - 1] as u64;
        let mut qhat = num / vn[n - 1] as u64;
        let mut rhat = num % vn[n - 1] as u64;
        while qhat >= base || qhat * vn[n - 2] as u64 > ((rhat << 32) | un[j + n - 2] as u64) {
            qhat -= 1;
            rhat += vn[n - 1] as u64;
            if rhat >= base {
                break;
            }
        }
        // D4. Multiply and subtract.
        let mut borrow = 0i64;
        let mut carry = 0u64;
        for i in 0..n {
            let p = qhat * vn[i] as u64 + carry;
            carry = p >> 32;
            let t = un[i + j] as i64 - borrow - (p & 0xffff_ffff) as i64;
            un[i + j] = t as u32;
            borrow = (t < 0) as i64;
        }
        let t = un[j + n] as i64 - borrow - carry as i64;
        un[j + n] = t as u32;
        // D5-D6. The estimate was one too large: add the divisor back.
        if t < 0 {
            qhat -= 1;
            let mut c = 0u64;
            for i in 0..n {
                let s = un[i + j] as u64 + vn[i] as u64 + c;
                un[i + j] = s as u32;
                c = s >> 32;
            }
            un[j + n] = un[j + n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    normalize(&mut q);
    // D8. Unnormalise the remainder.
    un.truncate(n);
    let r = shr(&un, shift as u64);
    (q, r)
}

/// a << bits for bits < 32, keeping the carried-out limb.
fn shl_bits(a: &[u32], bits: u32) -> Vec<u32> {
    shl(a, bits as u64)
}

/// a << bits.
pub fn shl(a: &[u32], bits: u64) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let limbs = (bits / 32) as usize;
    let b = (bits % 32) as u32;
    let mut out = vec![0u32; limbs];
    out.reserve(a.len() + 1);
    if b == 0 {
        out.extend_from_slice(a);
    } else {
        let mut carry = 0u32;
        for &x in a {
            out.push((x << b) | carry);
            carry = x >> (32 - b);
        }
        out.push(carry);
    }
    normalize(&mut out);
    out
}

/// a >> bits (towards zero).
pub fn shr(a: &[u32], bits: u64) -> Vec<u32> {
    let limbs = bits / 32;
    if limbs >= a.len() as u64 {
        return Vec::new();
    }
    let limbs = limbs as usize;
    let b = (bits % 32) as u32;
    let src = &a[limbs..];
    let mut out = Vec::with_capacity(src.len());
    if b == 0 {
        out.extend_from_slice(src);
    } else {
        for i in 0..src.len() {
            let hi = src.get(i + 1).copied().unwrap_or(0);
            out.push((src[i] >> b) | (hi << (32 - b)));
        }
    }
    normalize(&mut out);
    out
}

/// `true` when any of the low `bits` bits of `a` is set.
pub fn has_low_bits(a: &[u32], bits: u64) -> bool {
    let limbs = (bits / 32).min(a.len() as u64) as usize;
    if a[..limbs].iter().any(|&x| x != 0) {
        return true;
    }
    let b = (bits % 32) as u32;
    b != 0 && limbs < a.len() && a[limbs] & ((1u32 << b) - 1) != 0
}
