//! Unit tests of the BigInt arithmetic (expected values computed with Python's integers).

use super::bitwise::BitOp;
use super::{parse_literal, string_to_bigint, BigInt, BigIntError};
use std::cmp::Ordering;

fn big(s: &str) -> BigInt {
    let units: Vec<u16> = s.encode_utf16().collect();
    string_to_bigint(&units).expect("test input is a valid integer")
}

fn dec(b: &BigInt) -> String {
    b.to_string_radix(10)
}

#[test]
fn parses_and_prints_in_every_radix() {
    let n = big("-123456789012345678901234567890");
    assert_eq!(dec(&n), "-123456789012345678901234567890");
    assert_eq!(n.to_string_radix(16), "-18ee90ff6c373e0ee4e3f0ad2");
    assert_eq!(n.to_string_radix(36), "-byw97um9s91dlz68tsi");
    assert_eq!(big("0x1f").to_string_radix(2), "11111");
    assert_eq!(dec(&big("0o777")), "511");
    assert_eq!(dec(&big("0B101")), "5");
    assert_eq!(dec(&big("  42\n")), "42");
    assert_eq!(dec(&big("")), "0");
    assert_eq!(dec(&big("-0")), "0");
    assert!(!big("-0").is_negative());
    for bad in ["1.5", "1e3", "-0x1", "0x", "1n", "1_0", "abc", "+", "--1"] {
        let units: Vec<u16> = bad.encode_utf16().collect();
        assert!(string_to_bigint(&units).is_none(), "{bad}");
    }
    assert_eq!(parse_literal("1_000").map(|b| dec(&b)), Some("1000".to_string()));
    assert_eq!(parse_literal("0xFF").map(|b| dec(&b)), Some("255".to_string()));
}

#[test]
fn arithmetic_matches_python() {
    let a = big("123456789012345678901234567890123456789");
    let b = big("-987654321098765432109876543210");
    assert_eq!(dec(&a.add(&b).unwrap()), "123456788024691357802469135780246913579");
    assert_eq!(dec(&a.sub(&b).unwrap()), "123456789999999999999999999999999999999");
    assert_eq!(dec(&a.mul(&b).unwrap()), "-121932631137021795226185032733744855963362292333223746380111126352690");
    assert_eq!(dec(&a.div(&b).unwrap()), "-124999998");
    assert_eq!(dec(&a.rem(&b).unwrap()), "850308642085030864208626543209");
    assert_eq!(dec(&b.div(&big("7")).unwrap()), "-141093474442680776015696649030");
    assert_eq!(dec(&b.rem(&big("7")).unwrap()), "0");
    assert_eq!(dec(&big("-7").rem(&big("2")).unwrap()), "-1");
    assert_eq!(dec(&big("3").pow(&big("100")).unwrap()), "515377520732011331036461129765621272702107522001");
    assert_eq!(dec(&big("-2").pow(&big("65")).unwrap()), "-36893488147419103232");
    assert_eq!(big("1").div(&big("0")), Err(BigIntError::DivisionByZero));
    assert_eq!(big("2").pow(&big("-1")), Err(BigIntError::NegativeExponent));
    assert_eq!(big("2").pow(&big("1073741824")), Err(BigIntError::TooBig));
    assert_eq!(big("1").shl(&big("1073741824")), Err(BigIntError::TooBig));
    assert_eq!(dec(&big("-1").pow(&big("100000000000000000000001")).unwrap()), "-1");
}

#[test]
fn division_exercises_the_add_back_step() {
    // Cases where Algorithm D's first estimate is too large.
    let u = big("0x7fffffff800000010000000000000000");
    let v = big("0x800000008000000200000005");
    let q = u.div(&v).unwrap();
    let r = u.rem(&v).unwrap();
    assert_eq!(dec(&q.mul(&v).unwrap().add(&r).unwrap()), dec(&u));
    assert!(r.cmp(&v) == Ordering::Less && !r.is_negative());
    let x = big("340282366920938463463374607431768211455"); // 2^128 - 1
    let y = big("18446744073709551617"); // 2^64 + 1
    assert_eq!(dec(&x.div(&y).unwrap()), "18446744073709551615");
    assert_eq!(dec(&x.rem(&y).unwrap()), "0");
}

#[test]
fn shifts_and_bitwise_use_twos_complement() {
    assert_eq!(dec(&big("-5").shr(&big("1")).unwrap()), "-3");
    assert_eq!(dec(&big("-5").shl(&big("-1")).unwrap()), "-3");
    assert_eq!(dec(&big("5").shr(&big("-3")).unwrap()), "40");
    assert_eq!(dec(&big("-1").shr(&big("100000000000000000000")).unwrap()), "-1");
    assert_eq!(dec(&big("12").bitwise(&big("-7"), BitOp::And)), "8");
    assert_eq!(dec(&big("-12").bitwise(&big("7"), BitOp::Or)), "-9");
    assert_eq!(dec(&big("-12").bitwise(&big("-7"), BitOp::Xor)), "13");
    assert_eq!(dec(&big("0xffffffffffffffff").bitwise(&big("-0"), BitOp::Or)), "18446744073709551615");
    assert_eq!(dec(&big("5").not().unwrap()), "-6");
    assert_eq!(dec(&big("-1").as_uint_n(64).unwrap()), "18446744073709551615");
    assert_eq!(dec(&big("18446744073709551615").as_int_n(64).unwrap()), "-1");
    assert_eq!(dec(&big("-9223372036854775808").as_int_n(64).unwrap()), "-9223372036854775808");
    assert_eq!(dec(&big("9223372036854775808").as_int_n(64).unwrap()), "-9223372036854775808");
    assert_eq!(dec(&big("255").as_int_n(8).unwrap()), "-1");
    assert_eq!(dec(&big("-129").as_int_n(8).unwrap()), "127");
    assert_eq!(dec(&big("-4").as_uint_n(2).unwrap()), "0");
    assert_eq!(dec(&big("7").as_int_n(1 << 50).unwrap()), "7");
}

#[test]
fn converts_to_and_from_numbers() {
    assert_eq!(big("9007199254740993").to_f64(), 9007199254740992.0);
    assert_eq!(big("9007199254740995").to_f64(), 9007199254740996.0);
    assert_eq!(big("-18446744073709551617").to_f64(), -18446744073709551616.0);
    assert_eq!(BigInt::from_integral_f64(1e21).to_string_radix(10), "1000000000000000000000");
    assert_eq!(BigInt::from_integral_f64(-5.0).to_string_radix(10), "-5");
    assert_eq!(BigInt::from_integral_f64(f64::MAX).to_f64(), f64::MAX);
    let two_1024 = big("1").shl(&big("1024")).unwrap();
    assert_eq!(two_1024.to_f64(), f64::INFINITY);
    assert_eq!(big("1").compare_f64(1.5), Some(Ordering::Less));
    assert_eq!(big("-2").compare_f64(-1.5), Some(Ordering::Less));
    assert_eq!(big("-1").compare_f64(-1.5), Some(Ordering::Greater));
    assert_eq!(big("3").compare_f64(3.0), Some(Ordering::Equal));
    assert_eq!(big("3").compare_f64(f64::NAN), None);
    assert_eq!(big("3").compare_f64(f64::NEG_INFINITY), Some(Ordering::Greater));
}
