//! The Number constructor and Number.prototype — ECMA-262 §21.1.
//!
//! The digit work (ToString, radix strings, toFixed/toExponential/toPrecision, the en-US
//! toLocaleString) is in `conversions/`; this file does the argument handling, the range
//! checks and V8's error messages.

use crate::conversions::number_to_locale_string::number_to_locale_string;
use crate::conversions::number_to_string::{
    number_to_exponential, number_to_fixed, number_to_precision, number_to_string, number_to_string_radix,
};
use crate::conversions::Numeric;
use crate::error::JsResult;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// Creates %Number% and %Number.prototype% and defines the global `Number`. Expects the global
/// functions (parseInt, parseFloat) to be installed already: `Number.parseInt === parseInt`.
pub fn install(vm: &mut Vm) {
    let ctor = vm.new_native_constructor("Number", 1, number_constructor);
    vm.realm.set_intrinsic(Intrinsic::Number, ctor);
    let proto = vm.intrinsic(Intrinsic::NumberPrototype);
    // The prototype is itself a Number object whose [[NumberData]] is +0 (§21.1.3).
    vm.heap.get_mut(proto).kind = ObjectKind::Number(0.0);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);

    // Statics, in V8's property order.
    vm.define_method(ctor, "isFinite", 1, number_is_finite);
    vm.define_method(ctor, "isInteger", 1, number_is_integer);
    vm.define_method(ctor, "isNaN", 1, number_is_nan);
    vm.define_method(ctor, "isSafeInteger", 1, number_is_safe_integer);
    let global = vm.global();
    for name in ["parseFloat", "parseInt"] {
        let f = vm.get_own_property_plain(global, &PropertyKey::from(name)).and_then(|d| d.value);
        if let Some(f) = f {
            vm.define_value(ctor, PropertyKey::from(name), f, attrs::BUILTIN);
        }
    }
    let constants: [(&str, f64); 8] = [
        ("MAX_VALUE", f64::MAX),
        ("MIN_VALUE", 5e-324),
        ("NaN", f64::NAN),
        ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
        ("POSITIVE_INFINITY", f64::INFINITY),
        ("MAX_SAFE_INTEGER", 9007199254740991.0),
        ("MIN_SAFE_INTEGER", -9007199254740991.0),
        ("EPSILON", f64::EPSILON),
    ];
    for (name, value) in constants {
        vm.define_value(ctor, PropertyKey::from(name), Value::Number(value), attrs::NONE);
    }

    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "toExponential", 1, number_prototype_to_exponential);
    vm.define_method(proto, "toFixed", 1, number_prototype_to_fixed);
    vm.define_method(proto, "toPrecision", 1, number_prototype_to_precision);
    vm.define_method(proto, "toString", 1, number_prototype_to_string);
    vm.define_method(proto, "valueOf", 0, number_prototype_value_of);
    vm.define_method(proto, "toLocaleString", 0, number_prototype_to_locale_string);

    vm.define_value(global, PropertyKey::from("Number"), Value::Object(ctor), attrs::BUILTIN);
}

/// Number(value) — §21.1.1.1.
fn number_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Steps 1–2: ToNumeric of the argument, +0 without one.
    let n = if args.is_empty() {
        0.0
    } else {
        match vm.to_numeric(&args.get(0))? {
            Numeric::Number(n) => n,
            // Step 2.b: a BigInt becomes 𝔽(ℝ(prim)).
            Numeric::BigInt(b) => b.to_f64(),
        }
    };
    // Step 3: called as a function, the number itself.
    let Some(new_target) = args.new_target else {
        return Ok(Value::Number(n));
    };
    // Steps 4–6: a Number object.
    let o = vm.object_create_from_constructor(new_target, Intrinsic::NumberPrototype, ObjectKind::Number(n))?;
    Ok(Value::Object(o))
}

/// Number.isFinite(number) — §21.1.2.2.
fn number_is_finite(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(matches!(args.get(0), Value::Number(n) if n.is_finite())))
}

/// Number.isInteger(number) — §21.1.2.3 (IsIntegralNumber).
fn number_is_integer(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(matches!(args.get(0), Value::Number(n) if is_integral_number(n))))
}

/// Number.isNaN(number) — §21.1.2.4.
fn number_is_nan(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(matches!(args.get(0), Value::Number(n) if n.is_nan())))
}

/// Number.isSafeInteger(number) — §21.1.2.5.
fn number_is_safe_integer(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(matches!(args.get(0), Value::Number(n) if is_integral_number(n) && n.abs() <= 9007199254740991.0)))
}

/// IsIntegralNumber (§7.2.6) of a Number.
pub fn is_integral_number(n: f64) -> bool {
    n.is_finite() && n.trunc() == n
}

/// thisNumberValue(value) — §21.1.3.7.1; `method` names the caller in V8's TypeError.
fn this_number_value(vm: &mut Vm, value: &Value, method: &str) -> JsResult<f64> {
    match value {
        Value::Number(n) => return Ok(*n),
        Value::Object(o) => {
            if let ObjectKind::Number(n) = vm.heap.get(*o).kind {
                return Ok(n);
            }
        }
        _ => {}
    }
    Err(vm.throw_type_error(&format!("Number.prototype.{method} requires that 'this' be a Number")))
}

fn string_value(s: String) -> Value {
    Value::String(JsString::from(s))
}

/// Number.prototype.toExponential(fractionDigits) — §21.1.3.2.
fn number_prototype_to_exponential(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: x.
    let x = this_number_value(vm, &args.this, "toExponential")?;
    // Step 2: f = ToIntegerOrInfinity(fractionDigits).
    let fraction_digits = args.get(0);
    let f = vm.to_integer_or_infinity(&fraction_digits)?;
    // Step 4: non-finite numbers print as they are, before the range check.
    if !x.is_finite() {
        return Ok(string_value(number_to_string(x)));
    }
    // Step 5: the range.
    if !(0.0..=100.0).contains(&f) {
        return Err(vm.throw_range_error("toExponential() argument must be between 0 and 100"));
    }
    let digits = if fraction_digits.is_undefined() { None } else { Some(f as u32) };
    Ok(string_value(number_to_exponential(x, digits)))
}

/// Number.prototype.toFixed(fractionDigits) — §21.1.3.3.
fn number_prototype_to_fixed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: x.
    let x = this_number_value(vm, &args.this, "toFixed")?;
    // Steps 2–5: f, checked before x is looked at.
    let f = vm.to_integer_or_infinity(&args.get(0))?;
    if !(0.0..=100.0).contains(&f) {
        return Err(vm.throw_range_error("toFixed() digits argument must be between 0 and 100"));
    }
    // Steps 6–12.
    Ok(string_value(number_to_fixed(x, f as u32)))
}

/// Number.prototype.toLocaleString() — §21.1.3.4 (ECMA-402's version with Node's default
/// locale, en-US, and no options).
fn number_prototype_to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_number_value(vm, &args.this, "toLocaleString")?;
    Ok(string_value(number_to_locale_string(x)))
}

/// Number.prototype.toPrecision(precision) — §21.1.3.5.
fn number_prototype_to_precision(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: x.
    let x = this_number_value(vm, &args.this, "toPrecision")?;
    // Step 2: no precision is ToString(x).
    let precision = args.get(0);
    if precision.is_undefined() {
        return Ok(string_value(number_to_string(x)));
    }
    // Step 3: p.
    let p = vm.to_integer_or_infinity(&precision)?;
    // Step 4: non-finite numbers print as they are.
    if !x.is_finite() {
        return Ok(string_value(number_to_string(x)));
    }
    // Step 5: the range.
    if !(1.0..=100.0).contains(&p) {
        return Err(vm.throw_range_error("toPrecision() argument must be between 1 and 100"));
    }
    Ok(string_value(number_to_precision(x, p as u32)))
}

/// Number.prototype.toString(radix) — §21.1.3.6.
fn number_prototype_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: x.
    let x = this_number_value(vm, &args.this, "toString")?;
    // Steps 2–3: the radix, 10 when undefined.
    let radix = args.get(0);
    let radix = if radix.is_undefined() { 10.0 } else { vm.to_integer_or_infinity(&radix)? };
    // Step 4: the range.
    if !(2.0..=36.0).contains(&radix) {
        return Err(vm.throw_range_error("toString() radix argument must be between 2 and 36"));
    }
    // Step 5: Number::toString(x, radix).
    Ok(string_value(number_to_string_radix(x, radix as u32)))
}

/// Number.prototype.valueOf() — §21.1.3.7.
fn number_prototype_value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(this_number_value(vm, &args.this, "valueOf")?))
}
