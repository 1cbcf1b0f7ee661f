//! BigInt::unaryMinus, add, subtract, multiply, divide, remainder and exponentiate
//! (§6.1.6.2.1-§6.1.6.2.8).

use super::magnitude;
use super::{BigInt, BigIntError, BigIntResult, MAX_BITS};
use std::cmp::Ordering;

impl BigInt {
    /// BigInt::unaryMinus (§6.1.6.2.1).
    pub fn neg(&self) -> BigInt {
        BigInt::from_parts(!self.negative, self.magnitude.clone())
    }

    /// BigInt::add (§6.1.6.2.7).
    pub fn add(&self, other: &BigInt) -> BigIntResult {
        if self.negative == other.negative {
            return BigInt::checked(self.negative, magnitude::add(&self.magnitude, &other.magnitude));
        }
        // Opposite signs: subtract the smaller magnitude from the larger one.
        match magnitude::compare(&self.magnitude, &other.magnitude) {
            Ordering::Equal => Ok(BigInt::zero()),
            Ordering::Greater => {
                Ok(BigInt::from_parts(self.negative, magnitude::sub(&self.magnitude, &other.magnitude)))
            }
            Ordering::Less => Ok(BigInt::from_parts(other.negative, magnitude::sub(&other.magnitude, &self.magnitude))),
        }
    }

    /// BigInt::subtract (§6.1.6.2.8).
    pub fn sub(&self, other: &BigInt) -> BigIntResult {
        self.add(&other.neg())
    }

    /// BigInt::multiply (§6.1.6.2.4).
    pub fn mul(&self, other: &BigInt) -> BigIntResult {
        if self.is_zero() || other.is_zero() {
            return Ok(BigInt::zero());
        }
        if self.bit_length() + other.bit_length() - 1 > MAX_BITS {
            return Err(BigIntError::TooBig);
        }
        BigInt::checked(self.negative != other.negative, magnitude::mul(&self.magnitude, &other.magnitude))
    }

    /// BigInt::divide (§6.1.6.2.5): the quotient rounded towards zero.
    pub fn div(&self, other: &BigInt) -> BigIntResult {
        if other.is_zero() {
            return Err(BigIntError::DivisionByZero);
        }
        let (q, _) = magnitude::div_rem(&self.magnitude, &other.magnitude);
        Ok(BigInt::from_parts(self.negative != other.negative, q))
    }

    /// BigInt::remainder (§6.1.6.2.6): the result has the dividend's sign.
    pub fn rem(&self, other: &BigInt) -> BigIntResult {
        if other.is_zero() {
            return Err(BigIntError::DivisionByZero);
        }
        let (_, r) = magnitude::div_rem(&self.magnitude, &other.magnitude);
        Ok(BigInt::from_parts(self.negative, r))
    }

    /// BigInt::exponentiate (§6.1.6.2.3).
    pub fn pow(&self, exponent: &BigInt) -> BigIntResult {
        // 1. A negative exponent is a RangeError.
        if exponent.negative {
            return Err(BigIntError::NegativeExponent);
        }
        // 2. Anything to the 0 is 1 (0n ** 0n too).
        if exponent.is_zero() {
            return Ok(BigInt::from_u64(1));
        }
        // Bases whose powers never grow: 0, 1 and -1.
        if self.is_zero() {
            return Ok(BigInt::zero());
        }
        let odd = exponent.magnitude[0] & 1 == 1;
        if self.magnitude == [1] {
            return Ok(BigInt::from_parts(self.negative && odd, vec![1]));
        }
        let Some(e) = exponent.to_i64().filter(|&e| (e as u64) <= MAX_BITS) else {
            return Err(BigIntError::TooBig);
        };
        let e = e as u64;
        let bits = self.bit_length();
        if (bits - 1).saturating_mul(e) + 1 > MAX_BITS {
            return Err(BigIntError::TooBig);
        }
        let negative = self.negative && odd;
        // A power of two is a shift.
        let is_power_of_two = match self.magnitude.split_last() {
            Some((top, low)) => top.is_power_of_two() && low.iter().all(|&x| x == 0),
            None => false,
        };
        if is_power_of_two {
            return BigInt::checked(negative, magnitude::shl(&[1], (bits - 1) * e));
        }
        // Square and multiply, from the exponent's high bit down.
        let mut result: Vec<u32> = vec![1];
        for i in (0..64 - e.leading_zeros()).rev() {
            result = magnitude::mul(&result, &result);
            if (e >> i) & 1 == 1 {
                result = magnitude::mul(&result, &self.magnitude);
            }
        }
        BigInt::checked(negative, result)
    }
}
