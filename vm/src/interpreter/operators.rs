//! The operators' slow paths (§13.15.3 ApplyStringOrNumericBinaryOperator, §7.2.13
//! IsLessThan, §13.10.2 InstanceofOperator, ...). The dispatch loop handles numbers inline and
//! calls these for everything else.

use crate::bytecode::Insn;
use crate::conversions::Hint;
use crate::error::JsResult;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// Number::exponentiate (§6.1.6.1.3): one definition for `**` and `Math.pow`.
pub use crate::builtins::math::number_exponentiate;

impl Vm {
    /// The `+` operator (§13.15.3 steps 1-2 for `+`).
    pub fn op_add(&mut self, a: &Value, b: &Value) -> JsResult<Value> {
        if let (Value::String(x), Value::String(y)) = (a, b) {
            return Ok(Value::String(JsString::concat(x, y)));
        }
        let lp = self.to_primitive(a, Hint::Default)?;
        let rp = self.to_primitive(b, Hint::Default)?;
        if matches!(lp, Value::String(_)) || matches!(rp, Value::String(_)) {
            let ls = self.to_string(&lp)?;
            let rs = self.to_string(&rp)?;
            return Ok(Value::String(JsString::concat(&ls, &rs)));
        }
        let x = self.to_number(&lp)?;
        let y = self.to_number(&rp)?;
        Ok(Value::Number(x + y))
    }

    /// The numeric binary operators other than `+`, on values that are not both numbers.
    pub fn op_arithmetic(&mut self, insn: Insn, a: &Value, b: &Value) -> JsResult<Value> {
        Ok(Value::Number(match insn {
            Insn::Shl { .. } => {
                let x = self.to_int32(a)?;
                let y = self.to_uint32(b)?;
                x.wrapping_shl(y & 31) as f64
            }
            Insn::Shr { .. } => {
                let x = self.to_int32(a)?;
                let y = self.to_uint32(b)?;
                (x >> (y & 31)) as f64
            }
            Insn::UShr { .. } => {
                let x = self.to_uint32(a)?;
                let y = self.to_uint32(b)?;
                (x >> (y & 31)) as f64
            }
            Insn::BitAnd { .. } => {
                let x = self.to_int32(a)?;
                let y = self.to_int32(b)?;
                (x & y) as f64
            }
            Insn::BitOr { .. } => {
                let x = self.to_int32(a)?;
                let y = self.to_int32(b)?;
                (x | y) as f64
            }
            Insn::BitXor { .. } => {
                let x = self.to_int32(a)?;
                let y = self.to_int32(b)?;
                (x ^ y) as f64
            }
            _ => {
                let x = self.to_numeric(a)?;
                let y = self.to_numeric(b)?;
                arithmetic(insn, x, y)
            }
        }))
    }

    /// IsLessThan (§7.2.13): `Some(bool)` or `None` for undefined (NaN involved).
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
        if let (Value::String(a), Value::String(b)) = (&px, &py) {
            return Ok(Some(a.as_units() < b.as_units()));
        }
        let nx = self.to_numeric(&px)?;
        let ny = self.to_numeric(&py)?;
        if nx.is_nan() || ny.is_nan() {
            return Ok(None);
        }
        Ok(Some(nx < ny))
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
