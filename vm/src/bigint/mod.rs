//! Arbitrary-precision integers: the mathematical values of the BigInt type (§6.1.6.2).
//!
//! A [`BigInt`] is a sign and a magnitude of 32-bit limbs (see `magnitude.rs`). The operations
//! that can fail return a [`BigIntError`], which the VM turns into V8's RangeError.
//! `Value::BigInt` holds an `Rc<BigInt>`, so copying a value never copies limbs.

mod arithmetic;
pub mod bitwise;
pub mod magnitude;
mod parse;
#[cfg(test)]
mod tests;
mod to_string;

use std::cmp::Ordering;

pub use parse::{parse_literal, string_to_bigint};

/// The most bits a BigInt may have (V8's limit, `kMaxLengthBits`).
pub const MAX_BITS: u64 = 1 << 30;

/// An integer of any size. Zero is never negative.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct BigInt {
    negative: bool,
    /// Little-endian limbs without high zeros.
    magnitude: Vec<u32>,
}

/// Why a BigInt operation has no result.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BigIntError {
    /// The result would have more than [`MAX_BITS`] bits.
    TooBig,
    DivisionByZero,
    NegativeExponent,
}

impl BigIntError {
    /// V8's RangeError message.
    pub fn message(self) -> &'static str {
        match self {
            BigIntError::TooBig => "Maximum BigInt size exceeded",
            BigIntError::DivisionByZero => "Division by zero",
            // V8 names no operand here.
            BigIntError::NegativeExponent => "undefined must be positive",
        }
    }
}

pub type BigIntResult = Result<BigInt, BigIntError>;

impl BigInt {
    pub fn zero() -> BigInt {
        BigInt::default()
    }

    /// Builds a value from a sign and limbs, normalising both.
    pub fn from_parts(negative: bool, mut magnitude: Vec<u32>) -> BigInt {
        magnitude::normalize(&mut magnitude);
        let negative = negative && !magnitude.is_empty();
        BigInt { negative, magnitude }
    }

    /// Like `from_parts`, but fails when the value is over the size limit.
    fn checked(negative: bool, magnitude: Vec<u32>) -> BigIntResult {
        let r = BigInt::from_parts(negative, magnitude);
        if r.bit_length() > MAX_BITS {
            return Err(BigIntError::TooBig);
        }
        Ok(r)
    }

    pub fn from_u64(n: u64) -> BigInt {
        BigInt::from_parts(false, vec![n as u32, (n >> 32) as u32])
    }

    pub fn from_i64(n: i64) -> BigInt {
        let mut r = BigInt::from_u64(n.unsigned_abs());
        r.negative = n < 0 && !r.magnitude.is_empty();
        r
    }

    pub fn is_zero(&self) -> bool {
        self.magnitude.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.negative
    }

    pub fn magnitude(&self) -> &[u32] {
        &self.magnitude
    }

    /// The number of bits of the magnitude.
    pub fn bit_length(&self) -> u64 {
        magnitude::bit_length(&self.magnitude)
    }

    /// The value as an `i64` when it fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.magnitude.len() > 2 {
            return None;
        }
        let m = self.magnitude.first().copied().unwrap_or(0) as u64
            | (self.magnitude.get(1).copied().unwrap_or(0) as u64) << 32;
        if self.negative {
            if m <= 1u64 << 63 {
                return Some((m as i64).wrapping_neg());
            }
            None
        } else {
            i64::try_from(m).ok()
        }
    }

    /// NumberToBigInt's exact conversion (§21.2.1.1.1) of a finite integral number.
    pub fn from_integral_f64(n: f64) -> BigInt {
        debug_assert!(n.is_finite() && n.trunc() == n);
        if n == 0.0 {
            return BigInt::zero();
        }
        let bits = n.to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i64;
        let fraction = bits & ((1u64 << 52) - 1);
        // Normal numbers only: an integral non-zero number is at least 1.
        let mantissa = fraction | (1u64 << 52);
        let shift = exponent - 1075;
        let m = BigInt::from_u64(mantissa);
        let magnitude = if shift >= 0 {
            magnitude::shl(&m.magnitude, shift as u64)
        } else {
            magnitude::shr(&m.magnitude, (-shift) as u64)
        };
        BigInt::from_parts(n < 0.0, magnitude)
    }

    /// ℝ(x) as the nearest Number, ties to even (the Number(bigint) conversion, §21.1.1.1).
    pub fn to_f64(&self) -> f64 {
        let len = self.bit_length();
        let m = if len <= 64 {
            self.low_u64() as f64
        } else if len > 1100 {
            f64::INFINITY
        } else {
            // The top 64 bits, with a sticky bit for whatever lies below: enough for one correct
            // rounding to 53 bits. Scaling by a power of two is then exact (or overflows).
            let shift = len - 64;
            let top = BigInt::from_parts(false, magnitude::shr(&self.magnitude, shift)).low_u64();
            let sticky = magnitude::has_low_bits(&self.magnitude, shift) as u64;
            let approx = (top | sticky) as f64;
            approx * 2f64.powi(shift as i32)
        };
        if self.negative {
            -m
        } else {
            m
        }
    }

    /// The low 64 bits of the magnitude.
    fn low_u64(&self) -> u64 {
        self.magnitude.first().copied().unwrap_or(0) as u64 | (self.magnitude.get(1).copied().unwrap_or(0) as u64) << 32
    }

    /// Compares with a Number (IsLessThan / IsLooselyEqual for BigInt and Number); `None`
    /// when `n` is NaN.
    pub fn compare_f64(&self, n: f64) -> Option<Ordering> {
        if n.is_nan() {
            return None;
        }
        if n == f64::INFINITY {
            return Some(Ordering::Less);
        }
        if n == f64::NEG_INFINITY {
            return Some(Ordering::Greater);
        }
        let floor = n.floor();
        let c = self.cmp(&BigInt::from_integral_f64(floor));
        // For a fractional n, x equal to floor(n) is below n.
        Some(if c == Ordering::Equal && floor != n { Ordering::Less } else { c })
    }
}

impl Ord for BigInt {
    fn cmp(&self, other: &BigInt) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => magnitude::compare(&self.magnitude, &other.magnitude),
            (true, true) => magnitude::compare(&other.magnitude, &self.magnitude),
        }
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &BigInt) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
