//! BigInt::leftShift, signedRightShift, bitwiseAND/OR/XOR, bitwiseNOT (§6.1.6.2.2,
//! §6.1.6.2.9-§6.1.6.2.10, §6.1.6.2.18-§6.1.6.2.20) and BigInt.asIntN/asUintN's modular
//! reductions (§21.2.2.1-2). Negative values act as infinitely sign-extended two's complement.

use super::magnitude;
use super::{BigInt, BigIntError, BigIntResult, MAX_BITS};

/// The bitwise operators on two's complement.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BitOp {
    And,
    Or,
    Xor,
}

impl BigInt {
    /// BigInt::bitwiseNOT (§6.1.6.2.2): -x - 1.
    pub fn not(&self) -> BigIntResult {
        self.neg().sub(&BigInt::from_u64(1))
    }

    /// BigInt::leftShift (§6.1.6.2.9): x × 2^y, a right shift for negative y.
    pub fn shl(&self, count: &BigInt) -> BigIntResult {
        if count.negative {
            return Ok(self.shr_by(count));
        }
        self.shl_by(count)
    }

    /// BigInt::signedRightShift (§6.1.6.2.10): BigInt::leftShift(x, -y).
    pub fn shr(&self, count: &BigInt) -> BigIntResult {
        if count.negative {
            return self.shl_by(count);
        }
        Ok(self.shr_by(count))
    }

    /// x × 2^|count|.
    fn shl_by(&self, count: &BigInt) -> BigIntResult {
        if self.is_zero() {
            return Ok(BigInt::zero());
        }
        let bits = match count.magnitude.len() {
            0 => 0,
            1 | 2 => BigInt::from_parts(false, count.magnitude.clone()).to_i64().unwrap_or(i64::MAX) as u64,
            _ => u64::MAX,
        };
        if bits > MAX_BITS {
            return Err(BigIntError::TooBig);
        }
        BigInt::checked(self.negative, magnitude::shl(&self.magnitude, bits))
    }

    /// floor(x / 2^|count|).
    fn shr_by(&self, count: &BigInt) -> BigInt {
        let bits = match count.magnitude.len() {
            0 => 0,
            1 | 2 => BigInt::from_parts(false, count.magnitude.clone()).to_i64().unwrap_or(i64::MAX) as u64,
            _ => u64::MAX,
        };
        if !self.negative {
            return BigInt::from_parts(false, magnitude::shr(&self.magnitude, bits));
        }
        // Rounding towards -∞ for negative x: -((|x| - 1) >> n) - 1.
        let shifted = magnitude::shr(&magnitude::decrement(&self.magnitude), bits);
        BigInt::from_parts(true, magnitude::add_small(&shifted, 1))
    }

    /// BigInt::bitwiseAND/OR/XOR (§6.1.6.2.18-20) through BigIntBitwiseOp.
    pub fn bitwise(&self, other: &BigInt, op: BitOp) -> BigInt {
        // One limb more than either operand holds both signs.
        let len = self.magnitude.len().max(other.magnitude.len()) + 1;
        let a = self.twos_complement(len);
        let b = other.twos_complement(len);
        let out: Vec<u32> = a
            .iter()
            .zip(&b)
            .map(|(&x, &y)| match op {
                BitOp::And => x & y,
                BitOp::Or => x | y,
                BitOp::Xor => x ^ y,
            })
            .collect();
        BigInt::from_twos_complement(out)
    }

    /// The low `len` limbs of the value's two's complement form.
    fn twos_complement(&self, len: usize) -> Vec<u32> {
        if !self.negative {
            let mut v = self.magnitude.clone();
            v.resize(len, 0);
            return v;
        }
        // -m is !(m - 1).
        let mut v = magnitude::decrement(&self.magnitude);
        v.resize(len, 0);
        for x in v.iter_mut() {
            *x = !*x;
        }
        v
    }

    /// Reads limbs as two's complement, the top bit being the sign.
    fn from_twos_complement(mut v: Vec<u32>) -> BigInt {
        let negative = v.last().is_some_and(|&top| top & 0x8000_0000 != 0);
        if !negative {
            return BigInt::from_parts(false, v);
        }
        for x in v.iter_mut() {
            *x = !*x;
        }
        magnitude::normalize(&mut v);
        BigInt::from_parts(true, magnitude::add_small(&v, 1))
    }

    /// BigInt.asUintN's value (§21.2.2.2): x modulo 2^bits.
    pub fn as_uint_n(&self, bits: u64) -> BigIntResult {
        if bits == 0 {
            return Ok(BigInt::zero());
        }
        if !self.negative {
            if self.bit_length() <= bits {
                return Ok(self.clone());
            }
            return Ok(BigInt::from_parts(false, low_bits(&self.magnitude, bits)));
        }
        // 2^bits - (|x| mod 2^bits), when the reduced magnitude is not zero.
        if bits > MAX_BITS {
            return Err(BigIntError::TooBig);
        }
        let low = low_bits(&self.magnitude, bits);
        if low.is_empty() {
            return Ok(BigInt::zero());
        }
        let modulus = magnitude::shl(&[1], bits);
        Ok(BigInt::from_parts(false, magnitude::sub(&modulus, &low)))
    }

    /// BigInt.asIntN's value (§21.2.2.1): x modulo 2^bits, as a signed `bits`-bit integer.
    pub fn as_int_n(&self, bits: u64) -> BigIntResult {
        if bits == 0 {
            return Ok(BigInt::zero());
        }
        // Values that already fit in `bits` signed bits are unchanged (this also covers every
        // huge `bits`).
        if self.fits_signed(bits) {
            return Ok(self.clone());
        }
        let m = self.as_uint_n(bits)?;
        // 3. If mod ≥ 2^(bits-1), mod - 2^bits.
        if m.bit_length() == bits {
            let modulus = magnitude::shl(&[1], bits);
            return Ok(BigInt::from_parts(true, magnitude::sub(&modulus, &m.magnitude)));
        }
        Ok(m)
    }

    /// -2^(bits-1) <= x < 2^(bits-1).
    fn fits_signed(&self, bits: u64) -> bool {
        let len = self.bit_length();
        if len < bits {
            return true;
        }
        // -2^(bits-1) itself: a magnitude of exactly one set bit, at bits-1.
        self.negative
            && len == bits
            && match self.magnitude.split_last() {
                Some((top, low)) => top.is_power_of_two() && low.iter().all(|&x| x == 0),
                None => false,
            }
    }
}

/// a modulo 2^bits.
fn low_bits(a: &[u32], bits: u64) -> Vec<u32> {
    let limbs = bits / 32;
    if limbs >= a.len() as u64 {
        return a.to_vec();
    }
    let mut v = a[..limbs as usize].to_vec();
    let rest = (bits % 32) as u32;
    if rest != 0 {
        v.push(a[limbs as usize] & ((1u32 << rest) - 1));
    }
    magnitude::normalize(&mut v);
    v
}
