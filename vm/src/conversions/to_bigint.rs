//! Conversions to BigInt: ToBigInt (§7.1.13), NumberToBigInt (§21.2.1.1.1), and the
//! Number-or-BigInt result of ToNumeric (§7.1.3).

use super::{number_to_string, Hint};
use crate::bigint::{string_to_bigint, BigInt};
use crate::error::JsResult;
use crate::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// A numeric value: what ToNumeric returns.
#[derive(Clone, Debug)]
pub enum Numeric {
    Number(f64),
    BigInt(Rc<BigInt>),
}

impl Numeric {
    pub fn into_value(self) -> Value {
        match self {
            Numeric::Number(n) => Value::Number(n),
            Numeric::BigInt(b) => Value::BigInt(b),
        }
    }
}

impl Vm {
    /// ToBigInt (§7.1.13), with V8's messages.
    pub fn to_bigint(&mut self, v: &Value) -> JsResult<Rc<BigInt>> {
        // 1. prim = ToPrimitive(argument, number).
        let prim = self.to_primitive(v, Hint::Number)?;
        // 2. By the type of prim (Table 12).
        match &prim {
            Value::BigInt(b) => Ok(b.clone()),
            Value::Bool(b) => Ok(Rc::new(BigInt::from_u64(*b as u64))),
            Value::String(s) => match string_to_bigint(s.as_units()) {
                Some(b) => Ok(Rc::new(b)),
                None => {
                    let msg = format!("Cannot convert {} to a BigInt", s.to_rust_lossy());
                    Err(self.throw_syntax_error(&msg))
                }
            },
            Value::Undefined | Value::Empty => Err(self.throw_type_error("Cannot convert undefined to a BigInt")),
            Value::Null => Err(self.throw_type_error("Cannot convert null to a BigInt")),
            Value::Number(n) => {
                let msg = format!("Cannot convert {} to a BigInt", number_to_string(*n));
                Err(self.throw_type_error(&msg))
            }
            Value::Symbol(s) => {
                let msg = format!("Cannot convert {} to a BigInt", s.descriptive_string());
                Err(self.throw_type_error(&msg))
            }
            // ToPrimitive never returns an object.
            Value::Object(_) => Err(self.throw_type_error("Cannot convert object to primitive value")),
        }
    }

    /// NumberToBigInt (§21.2.1.1.1): a RangeError for NaN, infinities and fractions.
    pub fn number_to_bigint(&mut self, n: f64) -> JsResult<Rc<BigInt>> {
        // 1. If IsIntegralNumber(number) is false, throw a RangeError.
        if !n.is_finite() || n.trunc() != n {
            let msg = format!(
                "The number {} cannot be converted to a BigInt because it is not an integer",
                number_to_string(n)
            );
            return Err(self.throw_range_error(&msg));
        }
        // 2. Return ℤ(ℝ(number)).
        Ok(Rc::new(BigInt::from_integral_f64(n)))
    }
}
