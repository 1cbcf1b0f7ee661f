//! The operators' slow paths (§13.15.3 ApplyStringOrNumericBinaryOperator, §7.2.13
//! IsLessThan, §13.10.2 InstanceofOperator, ...). The dispatch loop handles numbers inline and
//! calls these for everything else, BigInts included.

use crate::bigint::bitwise::BitOp;
use crate::bigint::{string_to_bigint, BigInt};
use crate::bytecode::Insn;
use crate::conversions::{Hint, Numeric};
use std::cmp::Ordering;
use crate::error::JsResult;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// Number::exponentiate (§6.1.6.1.3): one definition for `**` and `Math.pow`.
pub use crate::builtins::math::number_exponentiate;

impl Vm {
    /// The `+` operator (§13.15.3 steps 1-2 for `+`).
    pub fn op_add(&mut self, a: &Value, b: &Value) -> JsResult<Value> {
        // Primitives are their own ToPrimitive: a string with a string or an integer is joined
        // directly.
        match (a, b) {
            (Value::String(x), Value::String(y)) => return Ok(Value::String(JsString::concat(x, y))),
            (Value::String(x), Value::Number(n)) => {
                if let Some(s) = JsString::concat_integer(x, *n, true) {
                    return Ok(Value::String(s));
                }
            }
            (Value::Number(n), Value::String(y)) => {
                if let Some(s) = JsString::concat_integer(y, *n, false) {
                    return Ok(Value::String(s));
                }
            }
            _ => {}
        }
        let lp = self.to_primitive(a, Hint::Default)?;
        let rp = self.to_primitive(b, Hint::Default)?;
        if matches!(lp, Value::String(_)) || matches!(rp, Value::String(_)) {
            let ls = self.to_string(&lp)?;
            let rs = self.to_string(&rp)?;
            return Ok(Value::String(JsString::concat(&ls, &rs)));
        }
        self.op_arithmetic(Insn::Add { dst: 0, lhs: 0, rhs: 0 }, &lp, &rp)
    }

    /// The numeric binary operators (§13.15.3 steps 3-8), on values that are not both
    /// numbers: ToNumeric on each side, then the Number or the BigInt operation; mixing the
    /// two types is a TypeError. `Insn::Add` here is numeric addition only.
    pub fn op_arithmetic(&mut self, insn: Insn, a: &Value, b: &Value) -> JsResult<Value> {
        let x = self.to_numeric(a)?;
        let y = self.to_numeric(b)?;
        match (x, y) {
            (Numeric::Number(x), Numeric::Number(y)) => Ok(Value::Number(number_binary(insn, x, y))),
            (Numeric::BigInt(x), Numeric::BigInt(y)) => self.bigint_binary(insn, &x, &y),
            _ => Err(self.throw_type_error("Cannot mix BigInt and other types, use explicit conversions")),
        }
    }

    /// The BigInt operations of Table 38 (§6.1.6.2), failures as V8's errors.
    fn bigint_binary(&mut self, insn: Insn, x: &BigInt, y: &BigInt) -> JsResult<Value> {
        let r = match insn {
            Insn::Sub { .. } => x.sub(y),
            Insn::Mul { .. } => x.mul(y),
            Insn::Div { .. } => x.div(y),
            Insn::Rem { .. } => x.rem(y),
            Insn::Exp { .. } => x.pow(y),
            Insn::Shl { .. } => x.shl(y),
            Insn::Shr { .. } => x.shr(y),
            // BigInt::unsignedRightShift (§6.1.6.2.11) always throws.
            Insn::UShr { .. } => {
                return Err(self.throw_type_error("BigInts have no unsigned right shift, use >> instead"))
            }
            Insn::BitAnd { .. } => Ok(x.bitwise(y, BitOp::And)),
            Insn::BitOr { .. } => Ok(x.bitwise(y, BitOp::Or)),
            Insn::BitXor { .. } => Ok(x.bitwise(y, BitOp::Xor)),
            _ => x.add(y),
        };
        match r {
            Ok(v) => Ok(Value::from(v)),
            Err(e) => Err(self.throw_range_error(e.message())),
        }
    }

    /// The unary numeric operators on a value that is not a number (§13.5.4-§13.5.6, §13.4.2
    /// for `++`/`--`): `Insn::Neg`, `BitNot`, `Inc`, `Dec`, or `ToNumeric` alone.
    pub fn op_unary_numeric(&mut self, insn: Insn, v: &Value) -> JsResult<Value> {
        let n = self.to_numeric(v)?;
        let b = match n {
            Numeric::Number(n) => {
                return Ok(Value::Number(match insn {
                    Insn::Neg { .. } => -n,
                    Insn::BitNot { .. } => !crate::conversions::number_to_int32(n) as f64,
                    Insn::Inc { .. } => n + 1.0,
                    Insn::Dec { .. } => n - 1.0,
                    _ => n,
                }))
            }
            Numeric::BigInt(b) => b,
        };
        let r = match insn {
            Insn::Neg { .. } => Ok(b.neg()),
            Insn::BitNot { .. } => b.not(),
            Insn::Inc { .. } => b.add(&BigInt::from_u64(1)),
            Insn::Dec { .. } => b.sub(&BigInt::from_u64(1)),
            _ => return Ok(Value::BigInt(b)),
        };
        match r {
            Ok(v) => Ok(Value::from(v)),
            Err(e) => Err(self.throw_range_error(e.message())),
        }
    }

    /// IsLessThan (§7.2.13): `Some(bool)` or `None` for undefined (NaN involved, or a string
    /// that is no BigInt compared with a BigInt).
    pub fn is_less_than(&mut self, x: &Value, y: &Value, left_first: bool) -> JsResult<Option<bool>> {
        let (px, py) = if left_first {
            let px = self.to_primitive(x, Hint::Number)?;
            let py = self.to_primitive(y, Hint::Number)?;
            (px, py)
        } else {
            let py = self.to_primitive(y, Hint::Number)?;
            let px = self.to_primitive(x, Hint::Number)?;
            (px, py)
        };
        match (&px, &py) {
            // 3. Two strings: by code units.
            (Value::String(a), Value::String(b)) => return Ok(Some(a.as_units() < b.as_units())),
            // 4.a-b. BigInt and String: the string as a BigInt.
            (Value::String(a), Value::BigInt(b)) => {
                return Ok(string_to_bigint(a.as_units()).map(|a| a < **b));
            }
            (Value::BigInt(a), Value::String(b)) => {
                return Ok(string_to_bigint(b.as_units()).map(|b| **a < b));
            }
            _ => {}
        }
        // 4.c-d. ToNumeric on both.
        let nx = self.to_numeric(&px)?;
        let ny = self.to_numeric(&py)?;
        Ok(match (nx, ny) {
            (Numeric::Number(a), Numeric::Number(b)) => {
                if a.is_nan() || b.is_nan() {
                    None
                } else {
                    Some(a < b)
                }
            }
            (Numeric::BigInt(a), Numeric::BigInt(b)) => Some(a < b),
            (Numeric::BigInt(a), Numeric::Number(b)) => a.compare_f64(b).map(|o| o == Ordering::Less),
            (Numeric::Number(a), Numeric::BigInt(b)) => b.compare_f64(a).map(|o| o == Ordering::Greater),
        })
    }

    /// The relational operators `<`, `<=`, `>`, `>=` (§13.10.1).
    pub fn op_compare(&mut self, insn: Insn, a: &Value, b: &Value) -> JsResult<bool> {
        Ok(match insn {
            Insn::Lt { .. } => self.is_less_than(a, b, true)? == Some(true),
            Insn::Gt { .. } => self.is_less_than(b, a, false)? == Some(true),
            Insn::LtEq { .. } => self.is_less_than(b, a, false)? == Some(false),
            _ => self.is_less_than(a, b, true)? == Some(false),
        })
    }

    /// The `in` operator (§13.10.1 RelationalExpression `in`).
    pub fn op_in(&mut self, key: &Value, target: &Value) -> JsResult<bool> {
        let Value::Object(o) = target else {
            let k = match key {
                Value::String(s) => s.to_rust_lossy(),
                other => self.describe_for_error(other),
            };
            let t = self.describe_for_error(target);
            return Err(self.throw_type_error(&format!("Cannot use 'in' operator to search for '{k}' in {t}")));
        };
        let k = self.to_property_key(key)?;
        self.has_property(*o, &k)
    }
}

/// Number::remainder (§6.1.6.1.6): the result has the dividend's sign. Integral operands
/// below 2^53 are exact in integer arithmetic, much cheaper than `fmod`.
#[inline]
pub fn number_remainder(n: f64, d: f64) -> f64 {
    // The common case first: a non-negative int32 (not -0) modulo a positive int32.
    let (ni, di) = (n as i32, d as i32);
    if ni >= 0 && di > 0 && ni as f64 == n && di as f64 == d && n.is_sign_positive() {
        return (ni % di) as f64;
    }
    number_remainder_general(n, d)
}

/// `number_remainder(n, d as f64)` for a divisor known to be an int32 (an immediate operand),
/// small enough to inline into the dispatch loop: a positive int32 dividend modulo a positive
/// divisor is an integer remainder; anything else takes the general path.
#[inline(always)]
pub fn number_remainder_by_int(n: f64, d: i32) -> f64 {
    let ni = n as i32;
    if ni > 0 && d > 0 && ni as f64 == n {
        return (ni % d) as f64;
    }
    number_remainder_general(n, d as f64)
}

fn number_remainder_general(n: f64, d: f64) -> f64 {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if n.abs() < LIMIT && d.abs() < LIMIT && d != 0.0 {
        let (ni, di) = (n as i64, d as i64);
        if ni as f64 == n && di as f64 == d {
            let r = if ni as i32 as i64 == ni && di as i32 as i64 == di {
                (ni as i32).wrapping_rem(di as i32) as f64
            } else {
                (ni % di) as f64
            };
            // A zero result keeps the dividend's sign (-4 % 2 is -0, and so is -0 % 5).
            return if r == 0.0 && n.is_sign_negative() { -0.0 } else { r };
        }
    }
    n % d
}

/// A numeric binary operator on two numbers (the Number column of Table 38).
pub fn number_binary(insn: Insn, x: f64, y: f64) -> f64 {
    use crate::conversions::number_to_int32;
    let shift = number_to_int32(y) as u32 & 31;
    match insn {
        Insn::Shl { .. } => number_to_int32(x).wrapping_shl(shift) as f64,
        Insn::Shr { .. } => (number_to_int32(x) >> shift) as f64,
        Insn::UShr { .. } => ((number_to_int32(x) as u32) >> shift) as f64,
        Insn::BitAnd { .. } => (number_to_int32(x) & number_to_int32(y)) as f64,
        Insn::BitOr { .. } => (number_to_int32(x) | number_to_int32(y)) as f64,
        Insn::BitXor { .. } => (number_to_int32(x) ^ number_to_int32(y)) as f64,
        _ => arithmetic(insn, x, y),
    }
}

/// The numeric part of `-`, `*`, `/`, `%`, `**` on two numbers.
#[inline]
pub fn arithmetic(insn: Insn, x: f64, y: f64) -> f64 {
    match insn {
        Insn::Sub { .. } => x - y,
        Insn::Mul { .. } => x * y,
        Insn::Div { .. } => x / y,
        Insn::Rem { .. } => number_remainder(x, y),
        Insn::Exp { .. } => number_exponentiate(x, y),
        _ => x + y,
    }
}

#[cfg(test)]
mod tests {
    use super::number_remainder;

    /// The integer fast path must agree with `fmod`, including the sign of zero results.
    #[test]
    fn remainder_matches_fmod_and_keeps_the_dividend_sign() {
        let cases: [(f64, f64); 12] = [
            (5.0, 3.0),
            (-5.0, 3.0),
            (5.0, -3.0),
            (-4.0, 2.0),
            (-0.0, 5.0),
            (-2147483648.0, -1.0),
            (1099511627776.0 + 5.0, 7.0),
            (-9007199254740991.0, 10.0),
            (1.5, 1.0),
            (7.0, 0.0),
            (f64::INFINITY, 3.0),
            (3.0, f64::INFINITY),
        ];
        for (n, d) in cases {
            let want = n % d;
            let got = number_remainder(n, d);
            assert!(
                (got.is_nan() && want.is_nan()) || (got == want && got.is_sign_negative() == want.is_sign_negative()),
                "{n} % {d}: {got} vs {want}"
            );
        }
        assert!(number_remainder(-4.0, 2.0).is_sign_negative());
    }
}
