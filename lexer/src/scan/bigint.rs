//! The decimal digits of a BigInt literal written in base 2, 8, 10 or 16 (§12.9.3.2
//! BigInt value): a small arbitrary-precision base conversion.

/// Converts the digit values `digits` (most significant first) in base `radix` to the decimal
/// spelling of the same integer, without leading zeros (`"0"` for zero).
pub fn digits_to_decimal(digits: impl Iterator<Item = u32>, radix: u32) -> String {
    const LIMB: u64 = 1_000_000_000;
    // Little-endian limbs in base 10^9.
    let mut limbs: Vec<u32> = Vec::new();
    for d in digits {
        let mut carry = u64::from(d);
        for limb in limbs.iter_mut() {
            let v = u64::from(*limb) * u64::from(radix) + carry;
            *limb = (v % LIMB) as u32;
            carry = v / LIMB;
        }
        while carry > 0 {
            limbs.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }
    let Some((most, rest)) = limbs.split_last() else {
        return "0".to_string();
    };
    let mut out = most.to_string();
    for limb in rest.iter().rev() {
        out.push_str(&format!("{limb:09}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::digits_to_decimal;

    fn hex(s: &str) -> String {
        digits_to_decimal(s.chars().map(|c| c.to_digit(16).unwrap()), 16)
    }

    #[test]
    fn converts_between_bases() {
        assert_eq!(hex("0"), "0");
        assert_eq!(hex("000"), "0");
        assert_eq!(hex("10"), "16");
        assert_eq!(hex("ffffffffffffffff"), "18446744073709551615");
        assert_eq!(
            hex("1000000000000000000000000"),
            "79228162514264337593543950336"
        );
        assert_eq!(
            digits_to_decimal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0].into_iter(), 10),
            "1000000000"
        );
        assert_eq!(digits_to_decimal([7, 7, 7].into_iter(), 8), "511");
    }
}
