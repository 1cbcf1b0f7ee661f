//! Type conversion and comparison abstract operations (§7.1, §7.2).

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::object::{Object, ObjectKind};
use crate::property::PropertyKey;
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// The preferred type of ToPrimitive.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Hint {
    Default,
    Number,
    String,
}

pub mod number_to_string;
pub mod string_to_number;
pub mod number_to_locale_string;
pub mod to_bigint;

pub use to_bigint::Numeric;

pub use number_to_string::number_to_string;

/// StringToNumber (§7.1.4.1.1) of a string value.
pub fn string_to_number(s: &JsString) -> f64 {
    string_to_number::string_to_number(s.as_units())
}

/// SameValue (§7.2.10).
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x.is_nan() && y.is_nan() {
                true
            } else {
                x == y && x.is_sign_negative() == y.is_sign_negative()
            }
        }
        _ => same_value_non_number(a, b),
    }
}

/// SameValueZero (§7.2.11).
pub fn same_value_zero(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.is_nan() && y.is_nan()) || x == y,
        _ => same_value_non_number(a, b),
    }
}

/// IsStrictlyEqual (§7.2.15).
pub fn is_strictly_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y,
        _ => same_value_non_number(a, b),
    }
}

/// SameValueNonNumber (§7.2.12).
fn same_value_non_number(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Symbol(x), Value::Symbol(y)) => x == y,
        (Value::Object(x), Value::Object(y)) => x == y,
        (Value::BigInt(x), Value::BigInt(y)) => x == y,
        (Value::Empty, Value::Empty) => true,
        _ => false,
    }
}

/// ToBoolean (§7.1.2).
pub fn to_boolean(v: &Value) -> bool {
    match v {
        Value::Undefined | Value::Null | Value::Empty => false,
        Value::Bool(b) => *b,
        Value::Number(n) => !(*n == 0.0 || n.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::BigInt(b) => !b.is_zero(),
        Value::Symbol(_) | Value::Object(_) => true,
    }
}

/// The integer part of a number as ToInt32 computes it (§7.1.6), also for ToUint32/ToUint16.
#[inline]
pub fn number_to_int32(n: f64) -> i32 {
    if !n.is_finite() {
        return 0;
    }
    if n.abs() < 2147483648.0 {
        return n as i32;
    }
    let m = n.trunc() % 4294967296.0;
    let m = if m < 0.0 { m + 4294967296.0 } else { m };
    m as u32 as i32
}

impl Vm {
    /// ToPrimitive (§7.1.1).
    pub fn to_primitive(&mut self, v: &Value, hint: Hint) -> JsResult<Value> {
        let Value::Object(o) = v else { return Ok(v.clone()) };
        let o = *o;
        // 1.a. exoticToPrim = GetMethod(input, @@toPrimitive).
        let key = PropertyKey::Symbol(self.symbols.to_primitive.clone());
        let exotic = self.get(o, &key)?;
        if !exotic.is_nullish() {
            if !self.is_callable(&exotic) {
                return Err(self.throw_type_error("Symbol.toPrimitive is not a function"));
            }
            let h = match hint {
                Hint::Default => "default",
                Hint::Number => "number",
                Hint::String => "string",
            };
            let r = self.call(&exotic, v.clone(), &[Value::from(h)])?;
            if r.is_object() {
                return Err(self.throw_type_error("Cannot convert object to primitive value"));
            }
            return Ok(r);
        }
        // 1.c-d. OrdinaryToPrimitive with "number" as the default hint.
        self.ordinary_to_primitive(o, if hint == Hint::String { Hint::String } else { Hint::Number })
    }

    /// OrdinaryToPrimitive (§7.1.1.1).
    pub fn ordinary_to_primitive(&mut self, o: ObjRef, hint: Hint) -> JsResult<Value> {
        let order = if hint == Hint::String { ["toString", "valueOf"] } else { ["valueOf", "toString"] };
        for name in order {
            let method = self.get(o, &PropertyKey::from(name))?;
            if self.is_callable(&method) {
                let r = self.call(&method, Value::Object(o), &[])?;
                if !r.is_object() {
                    return Ok(r);
                }
            }
        }
        Err(self.throw_type_error("Cannot convert object to primitive value"))
    }

    pub fn to_boolean(&self, v: &Value) -> bool {
        to_boolean(v)
    }

    /// ToNumber (§7.1.4).
    pub fn to_number(&mut self, v: &Value) -> JsResult<f64> {
        match v {
            Value::Number(n) => Ok(*n),
            Value::Undefined | Value::Empty => Ok(f64::NAN),
            Value::Null => Ok(0.0),
            Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
            Value::String(s) => Ok(string_to_number(s)),
            Value::Symbol(_) => Err(self.throw_type_error("Cannot convert a Symbol value to a number")),
            Value::BigInt(_) => Err(self.throw_type_error("Cannot convert a BigInt value to a number")),
            Value::Object(_) => {
                let p = self.to_primitive(v, Hint::Number)?;
                self.to_number(&p)
            }
        }
    }

    /// ToNumeric (§7.1.3): a Number or a BigInt.
    pub fn to_numeric(&mut self, v: &Value) -> JsResult<Numeric> {
        // 1. primValue = ToPrimitive(value, number).
        let p = self.to_primitive(v, Hint::Number)?;
        // 2. A BigInt stays one.
        if let Value::BigInt(b) = p {
            return Ok(Numeric::BigInt(b));
        }
        // 3. Otherwise ToNumber.
        Ok(Numeric::Number(self.to_number(&p)?))
    }

    /// ToIntegerOrInfinity (§7.1.5).
    pub fn to_integer_or_infinity(&mut self, v: &Value) -> JsResult<f64> {
        let n = self.to_number(v)?;
        // 2-4. NaN, ±0 and values truncating to -0 (-0.5) are +0.
        let t = n.trunc();
        Ok(if n.is_nan() || t == 0.0 { 0.0 } else { t })
    }

    /// ToInt32 (§7.1.6).
    pub fn to_int32(&mut self, v: &Value) -> JsResult<i32> {
        if let Value::Number(n) = v {
            return Ok(number_to_int32(*n));
        }
        let n = self.to_number(v)?;
        Ok(number_to_int32(n))
    }

    /// ToUint32 (§7.1.7).
    pub fn to_uint32(&mut self, v: &Value) -> JsResult<u32> {
        Ok(self.to_int32(v)? as u32)
    }

    /// ToUint16 (§7.1.9).
    pub fn to_uint16(&mut self, v: &Value) -> JsResult<u16> {
        Ok(self.to_int32(v)? as u32 as u16)
    }

    /// ToLength (§7.1.20).
    pub fn to_length(&mut self, v: &Value) -> JsResult<u64> {
        let n = self.to_integer_or_infinity(v)?;
        Ok(if n <= 0.0 { 0 } else { n.min(9007199254740991.0) as u64 })
    }

    /// ToIndex (§7.1.22).
    pub fn to_index(&mut self, v: &Value) -> JsResult<u64> {
        if v.is_undefined() {
            return Ok(0);
        }
        let n = self.to_integer_or_infinity(v)?;
        if !(0.0..=9007199254740991.0).contains(&n) {
            return Err(self.throw_range_error("Invalid index"));
        }
        Ok(n as u64)
    }

    /// ToString (§7.1.17).
    pub fn to_string(&mut self, v: &Value) -> JsResult<JsString> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Undefined | Value::Empty => Ok(JsString::from("undefined")),
            Value::Null => Ok(JsString::from("null")),
            Value::Bool(b) => Ok(JsString::from(if *b { "true" } else { "false" })),
            // Safe integers (-0 included, which prints as 0) are their own digits.
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9007199254740992.0 => Ok(JsString::from_integer(*n as i64)),
            Value::Number(n) => Ok(JsString::from(number_to_string(*n))),
            Value::Symbol(_) => Err(self.throw_type_error("Cannot convert a Symbol value to a string")),
            Value::BigInt(b) => Ok(JsString::from(b.to_string_radix(10))),
            Value::Object(_) => {
                let p = self.to_primitive(v, Hint::String)?;
                self.to_string(&p)
            }
        }
    }

    /// ToObject (§7.1.18).
    pub fn to_object(&mut self, v: &Value) -> JsResult<ObjRef> {
        let (proto, kind) = match v {
            Value::Object(o) => return Ok(*o),
            Value::Undefined | Value::Null | Value::Empty => {
                return Err(self.throw_type_error("Cannot convert undefined or null to object"))
            }
            Value::Bool(b) => (Intrinsic::BooleanPrototype, ObjectKind::Boolean(*b)),
            Value::Number(n) => (Intrinsic::NumberPrototype, ObjectKind::Number(*n)),
            Value::String(s) => (Intrinsic::StringPrototype, ObjectKind::String(s.clone())),
            Value::Symbol(s) => (Intrinsic::SymbolPrototype, ObjectKind::Symbol(s.clone())),
            Value::BigInt(b) => (Intrinsic::BigIntPrototype, ObjectKind::BigInt(b.clone())),
        };
        let proto = self.intrinsic(proto);
        Ok(self.heap.alloc(Object::new(Some(proto), kind)))
    }

    /// ToPropertyKey (§7.1.19).
    pub fn to_property_key(&mut self, v: &Value) -> JsResult<PropertyKey> {
        match v {
            Value::String(s) => Ok(PropertyKey::from_string(s.clone())),
            Value::Symbol(s) => Ok(PropertyKey::Symbol(s.clone())),
            Value::Number(n) => {
                let i = *n as u32;
                if i as f64 == *n && i != u32::MAX && !(*n == 0.0 && n.is_sign_negative()) {
                    Ok(PropertyKey::Index(i))
                } else {
                    Ok(PropertyKey::from_string(JsString::from(number_to_string(*n))))
                }
            }
            Value::Object(_) => {
                let p = self.to_primitive(v, Hint::String)?;
                self.to_property_key(&p)
            }
            other => {
                let s = self.to_string(other)?;
                Ok(PropertyKey::from_string(s))
            }
        }
    }

    /// The result of the `typeof` operator (§13.5.3).
    pub fn typeof_value(&self, v: &Value) -> &'static str {
        match v {
            Value::Undefined | Value::Empty => "undefined",
            Value::Null => "object",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Symbol(_) => "symbol",
            Value::BigInt(_) => "bigint",
            Value::Object(_) => {
                if self.is_callable(v) {
                    "function"
                } else {
                    "object"
                }
            }
        }
    }

    pub fn same_value(&self, a: &Value, b: &Value) -> bool {
        same_value(a, b)
    }

    pub fn is_strictly_equal(&self, a: &Value, b: &Value) -> bool {
        is_strictly_equal(a, b)
    }

    /// IsLooselyEqual (§7.2.14).
    pub fn is_loosely_equal(&mut self, x: &Value, y: &Value) -> JsResult<bool> {
        match (x, y) {
            // 1. Same type: strict equality.
            (Value::Number(_), Value::Number(_))
            | (Value::String(_), Value::String(_))
            | (Value::Bool(_), Value::Bool(_))
            | (Value::Symbol(_), Value::Symbol(_))
            | (Value::Object(_), Value::Object(_))
            | (Value::Undefined, Value::Undefined)
            | (Value::Null, Value::Null)
            | (Value::BigInt(_), Value::BigInt(_)) => Ok(is_strictly_equal(x, y)),
            // 2-3. null == undefined.
            (Value::Undefined | Value::Null, Value::Undefined | Value::Null) => Ok(true),
            // 5-6. Number and String: compare as numbers.
            (Value::Number(a), Value::String(s)) => Ok(*a == string_to_number(s)),
            (Value::String(s), Value::Number(b)) => Ok(string_to_number(s) == *b),
            // 7-8. BigInt and String: StringToBigInt, unequal when that fails.
            (Value::BigInt(b), Value::String(s)) | (Value::String(s), Value::BigInt(b)) => {
                Ok(crate::bigint::string_to_bigint(s.as_units()).is_some_and(|n| n == **b))
            }
            // 9-10. Booleans become numbers.
            (Value::Bool(b), _) => {
                let n = Value::Number(if *b { 1.0 } else { 0.0 });
                self.is_loosely_equal(&n, y)
            }
            (_, Value::Bool(b)) => {
                let n = Value::Number(if *b { 1.0 } else { 0.0 });
                self.is_loosely_equal(x, &n)
            }
            // 11-12. Object against a primitive (not null/undefined): ToPrimitive.
            (Value::Object(_), Value::Number(_) | Value::String(_) | Value::Symbol(_) | Value::BigInt(_)) => {
                let p = self.to_primitive(x, Hint::Default)?;
                self.is_loosely_equal(&p, y)
            }
            (Value::Number(_) | Value::String(_) | Value::Symbol(_) | Value::BigInt(_), Value::Object(_)) => {
                let p = self.to_primitive(y, Hint::Default)?;
                self.is_loosely_equal(x, &p)
            }
            // 13. BigInt and Number: equal mathematical values.
            (Value::BigInt(b), Value::Number(n)) | (Value::Number(n), Value::BigInt(b)) => {
                Ok(b.compare_f64(*n) == Some(std::cmp::Ordering::Equal))
            }
            _ => Ok(false),
        }
    }

    /// GetMethod (§7.3.11).
    pub fn get_method(&mut self, v: &Value, key: &PropertyKey) -> JsResult<Option<Value>> {
        let f = self.get_v(v, key)?;
        if f.is_nullish() {
            return Ok(None);
        }
        if !self.is_callable(&f) {
            return Err(self.throw_type_error(&format!("{} is not a function", self.describe_for_error(&f))));
        }
        Ok(Some(f))
    }

    /// Invoke (§7.3.21).
    pub fn invoke(&mut self, v: &Value, key: &PropertyKey, args: &[Value]) -> JsResult<Value> {
        let f = self.get_v(v, key)?;
        self.call(&f, v.clone(), args)
    }
}
