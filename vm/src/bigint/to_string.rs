//! BigInt::toString (§6.1.6.2.23): digits in radix 2-36, a `-` for negative values.

use super::magnitude;
use super::BigInt;

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

impl BigInt {
    /// The value's digits in `radix` (2..=36), lower-case letters.
    pub fn to_string_radix(&self, radix: u32) -> String {
        if self.is_zero() {
            return "0".to_string();
        }
        let mut digits: Vec<u8> = if radix.is_power_of_two() {
            power_of_two_digits(&self.magnitude, radix.trailing_zeros())
        } else {
            general_digits(&self.magnitude, radix)
        };
        if self.negative {
            digits.push(b'-');
        }
        digits.reverse();
        digits.into_iter().map(char::from).collect()
    }
}

impl BigInt {
    /// The magnitude's decimal digits (no sign).
    pub fn magnitude_decimal(&self) -> String {
        BigInt::from_parts(false, self.magnitude.clone()).to_string_radix(10)
    }
}

/// Least significant digit first, reading `width` bits at a time.
fn power_of_two_digits(m: &[u32], width: u32) -> Vec<u8> {
    let total = magnitude::bit_length(m);
    let mut out = Vec::with_capacity((total / width as u64 + 1) as usize);
    let mut pos = 0u64;
    while pos < total {
        let limb = (pos / 32) as usize;
        let offset = (pos % 32) as u32;
        let mut window = (m[limb] as u64) >> offset;
        if let Some(&next) = m.get(limb + 1) {
            window |= (next as u64) << (32 - offset);
        }
        out.push(DIGITS[(window & ((1 << width) - 1)) as usize]);
        pos += width as u64;
    }
    out
}

/// Least significant digit first, dividing by the largest power of the radix that fits a limb.
fn general_digits(m: &[u32], radix: u32) -> Vec<u8> {
    let mut chunk_len = 0;
    let mut chunk_scale = 1u64;
    while chunk_scale * radix as u64 <= u32::MAX as u64 {
        chunk_scale *= radix as u64;
        chunk_len += 1;
    }
    let mut out = Vec::new();
    let mut rest = m.to_vec();
    while !rest.is_empty() {
        let (q, mut r) = magnitude::div_rem_small(&rest, chunk_scale as u32);
        rest = q;
        // Every chunk but the most significant one is padded with zeros.
        for _ in 0..chunk_len {
            if rest.is_empty() && r == 0 {
                break;
            }
            out.push(DIGITS[(r % radix) as usize]);
            r /= radix;
        }
    }
    out
}
