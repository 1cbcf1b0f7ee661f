//! The Math object — ECMA-262 §21.3.
//!
//! Functions with an exactly specified result (abs, ceil, floor, round, trunc, sign, fround,
//! imul, clz32, max, min, sqrt) are computed exactly; `hypot` uses V8's algorithm (scale by
//! the largest magnitude, Kahan-summed squares), which gives Node's last digit.
//!
//! The transcendental functions are only specified as "implementation-approximated", and Node
//! prints enough digits to show a last-bit difference. V8 computes most of them with fdlibm;
//! the `libm` crate follows the same fdlibm/musl algorithms and agrees with Node far more
//! often than the platform's libm: measured on 20,000 arguments each, e.g. exp 0 vs 1,775
//! differences, atan2 8 vs 3,181, tan 0 vs 679. Each function below uses whichever of the two
//! agreed more often (tanh, log10, log1p stay on the platform's); cbrt differs in both (~8%).
//!
//! `Math.random` is a xorshift128+ generator with a fixed seed, so runs are reproducible.

use crate::error::JsResult;
use crate::native::{CallArgs, NativeFn, NativeFunction};
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// The seed of `Math.random` in a new realm.
const RANDOM_SEED: u64 = 0x2545_F491_4F6C_DD1D;

/// Creates %Math% and defines the global `Math`.
pub fn install(vm: &mut Vm) {
    let math = vm.intrinsic(Intrinsic::Math);
    // Functions in V8's property order.
    let functions: [(&str, u32, NativeFn); 23] = [
        ("abs", 1, math_abs),
        ("acos", 1, math_acos),
        ("acosh", 1, math_acosh),
        ("asin", 1, math_asin),
        ("asinh", 1, math_asinh),
        ("atan", 1, math_atan),
        ("atanh", 1, math_atanh),
        ("atan2", 2, math_atan2),
        ("ceil", 1, math_ceil),
        ("cbrt", 1, math_cbrt),
        ("expm1", 1, math_expm1),
        ("clz32", 1, math_clz32),
        ("cos", 1, math_cos),
        ("cosh", 1, math_cosh),
        ("exp", 1, math_exp),
        ("floor", 1, math_floor),
        ("fround", 1, math_fround),
        ("hypot", 2, math_hypot),
        ("imul", 2, math_imul),
        ("log", 1, math_log),
        ("log1p", 1, math_log1p),
        ("log2", 1, math_log2),
        ("log10", 1, math_log10),
    ];
    for (name, length, f) in functions {
        vm.define_method(math, name, length, f);
    }
    vm.define_method(math, "max", 2, math_max);
    vm.define_method(math, "min", 2, math_min);
    vm.define_method(math, "pow", 2, math_pow);
    let random = vm.new_native_function_with_slots(
        PropertyKey::from("random"),
        0,
        math_random,
        xorshift_state_to_slots(seed_state(RANDOM_SEED)),
        false,
    );
    vm.define_value(math, PropertyKey::from("random"), Value::Object(random), attrs::BUILTIN);
    let functions: [(&str, u32, NativeFn); 8] = [
        ("round", 1, math_round),
        ("sign", 1, math_sign),
        ("sin", 1, math_sin),
        ("sinh", 1, math_sinh),
        ("sqrt", 1, math_sqrt),
        ("tan", 1, math_tan),
        ("tanh", 1, math_tanh),
        ("trunc", 1, math_trunc),
    ];
    for (name, length, f) in functions {
        vm.define_method(math, name, length, f);
    }

    // §21.3.1 value properties: not writable, enumerable or configurable.
    let constants: [(&str, f64); 8] = [
        ("E", std::f64::consts::E),
        ("LN10", std::f64::consts::LN_10),
        ("LN2", std::f64::consts::LN_2),
        ("LOG10E", std::f64::consts::LOG10_E),
        ("LOG2E", std::f64::consts::LOG2_E),
        ("PI", std::f64::consts::PI),
        ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
        ("SQRT2", std::f64::consts::SQRT_2),
    ];
    for (name, value) in constants {
        vm.define_value(math, PropertyKey::from(name), Value::Number(value), attrs::NONE);
    }
    // §21.3.1.9 Math[@@toStringTag].
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(math, tag, Value::String(JsString::from("Math")), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Math"), Value::Object(math), attrs::BUILTIN);
}

/// Defines `math_<name>(x)` built-ins whose result is a function of ToNumber(x).
macro_rules! unary_math_functions {
    ($($(#[$doc:meta])* $name:ident => $f:expr;)*) => {
        $(
            $(#[$doc])*
            fn $name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
                let x = vm.to_number(&args.get(0))?;
                let f: fn(f64) -> f64 = $f;
                Ok(Value::Number(f(x)))
            }
        )*
    };
}

unary_math_functions! {
    /// Math.abs(x) — §21.3.2.1.
    math_abs => f64::abs;
    /// Math.acos(x) — §21.3.2.2.
    math_acos => libm::acos;
    /// Math.acosh(x) — §21.3.2.3.
    math_acosh => libm::acosh;
    /// Math.asin(x) — §21.3.2.4.
    math_asin => libm::asin;
    /// Math.asinh(x) — §21.3.2.5.
    math_asinh => libm::asinh;
    /// Math.atan(x) — §21.3.2.6.
    math_atan => libm::atan;
    /// Math.atanh(x) — §21.3.2.7.
    math_atanh => libm::atanh;
    /// Math.cbrt(x) — §21.3.2.9.
    math_cbrt => f64::cbrt;
    /// Math.ceil(x) — §21.3.2.10.
    math_ceil => f64::ceil;
    /// Math.cos(x) — §21.3.2.12.
    math_cos => libm::cos;
    /// Math.cosh(x) — §21.3.2.13.
    math_cosh => libm::cosh;
    /// Math.exp(x) — §21.3.2.14.
    math_exp => exp;
    /// Math.expm1(x) — §21.3.2.15.
    math_expm1 => libm::expm1;
    /// Math.floor(x) — §21.3.2.16.
    math_floor => f64::floor;
    /// Math.fround(x) — §21.3.2.17.
    math_fround => fround;
    /// Math.log(x) — §21.3.2.20.
    math_log => libm::log;
    /// Math.log1p(x) — §21.3.2.21.
    math_log1p => f64::ln_1p;
    /// Math.log10(x) — §21.3.2.22.
    math_log10 => f64::log10;
    /// Math.log2(x) — §21.3.2.23.
    math_log2 => f64::log2;
    /// Math.round(x) — §21.3.2.28.
    math_round => round;
    /// Math.sign(x) — §21.3.2.29.
    math_sign => sign;
    /// Math.sin(x) — §21.3.2.30.
    math_sin => libm::sin;
    /// Math.sinh(x) — §21.3.2.31.
    math_sinh => libm::sinh;
    /// Math.sqrt(x) — §21.3.2.32.
    math_sqrt => f64::sqrt;
    /// Math.tan(x) — §21.3.2.33.
    math_tan => libm::tan;
    /// Math.tanh(x) — §21.3.2.34.
    math_tanh => f64::tanh;
    /// Math.trunc(x) — §21.3.2.35.
    math_trunc => f64::trunc;
}

/// Math.atan2(y, x) — §21.3.2.8.
fn math_atan2(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let y = vm.to_number(&args.get(0))?;
    let x = vm.to_number(&args.get(1))?;
    Ok(Value::Number(libm::atan2(y, x)))
}

/// Math.clz32(x) — §21.3.2.11.
fn math_clz32(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_uint32(&args.get(0))?;
    Ok(Value::Number(f64::from(n.leading_zeros())))
}

/// e^x. V8's fdlibm `exp` returns the correctly rounded constant for x = 1 (the algorithm
/// alone is one bit off there); otherwise the two agree.
pub fn exp(x: f64) -> f64 {
    if x == 1.0 {
        std::f64::consts::E
    } else {
        libm::exp(x)
    }
}

/// The nearest binary32 value (ties to even), widened back (Math.fround).
pub fn fround(x: f64) -> f64 {
    x as f32 as f64
}

/// Math.hypot(...args) — §21.3.2.18, computed as V8 does.
fn math_hypot(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Steps 1–2: every argument is converted first.
    let mut numbers = Vec::with_capacity(args.len());
    for v in &args.args {
        numbers.push(vm.to_number(v)?);
    }
    Ok(Value::Number(hypot(&numbers)))
}

/// The square root of the sum of squares: +∞ if any value is infinite (even with a NaN), NaN
/// if any is NaN, +0 if all are zeros; otherwise the magnitudes are divided by the largest
/// and the squares summed with Kahan compensation before scaling back.
pub fn hypot(values: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut any_nan = false;
    for v in values {
        let a = v.abs();
        if a.is_nan() {
            any_nan = true;
        } else if a > max {
            max = a;
        }
    }
    if max == f64::INFINITY {
        return f64::INFINITY;
    }
    if any_nan {
        return f64::NAN;
    }
    if max == 0.0 {
        return 0.0;
    }
    let mut sum = 0.0f64;
    let mut compensation = 0.0f64;
    for v in values {
        let scaled = v.abs() / max;
        let summand = scaled * scaled - compensation;
        let next = sum + summand;
        compensation = (next - sum) - summand;
        sum = next;
    }
    sum.sqrt() * max
}

/// Math.imul(x, y) — §21.3.2.19.
fn math_imul(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let a = vm.to_uint32(&args.get(0))?;
    let b = vm.to_uint32(&args.get(1))?;
    Ok(Value::Number(f64::from(a.wrapping_mul(b) as i32)))
}

/// Math.max(...args) — §21.3.2.24.
fn math_max(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1–2: all arguments are converted before any is compared.
    let mut numbers = Vec::with_capacity(args.len());
    for v in &args.args {
        numbers.push(vm.to_number(v)?);
    }
    // Steps 3–5: NaN wins; +0 is larger than −0.
    let mut highest = f64::NEG_INFINITY;
    for n in numbers {
        if n.is_nan() {
            return Ok(Value::Number(f64::NAN));
        }
        if n > highest || (n == 0.0 && highest == 0.0 && highest.is_sign_negative()) {
            highest = n;
        }
    }
    Ok(Value::Number(highest))
}

/// Math.min(...args) — §21.3.2.25.
fn math_min(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut numbers = Vec::with_capacity(args.len());
    for v in &args.args {
        numbers.push(vm.to_number(v)?);
    }
    // NaN wins; −0 is smaller than +0.
    let mut lowest = f64::INFINITY;
    for n in numbers {
        if n.is_nan() {
            return Ok(Value::Number(f64::NAN));
        }
        if n < lowest || (n == 0.0 && lowest == 0.0 && n.is_sign_negative()) {
            lowest = n;
        }
    }
    Ok(Value::Number(lowest))
}

/// Math.pow(base, exponent) — §21.3.2.26.
fn math_pow(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let base = vm.to_number(&args.get(0))?;
    let exponent = vm.to_number(&args.get(1))?;
    Ok(Value::Number(number_exponentiate(base, exponent)))
}

/// Number::exponentiate(base, exponent) — §6.1.6.1.3 (also the `**` operator). It differs
/// from C's `pow` where the exponent is NaN (always NaN) and where |base| = 1 and the
/// exponent is infinite (NaN, not 1).
pub fn number_exponentiate(base: f64, exponent: f64) -> f64 {
    if exponent.is_nan() {
        return f64::NAN;
    }
    if exponent == 0.0 {
        return 1.0;
    }
    if exponent.is_infinite() && base.abs() == 1.0 {
        return f64::NAN;
    }
    libm::pow(base, exponent)
}

/// Math.random() — §21.3.2.27: xorshift128+, its state kept in the function's slots.
fn math_random(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let callee = args.callee;
    let state = match &vm.heap.get(callee).kind {
        ObjectKind::NativeFunction(NativeFunction { slots, .. }) => xorshift_state_from_slots(slots),
        _ => None,
    };
    let mut state = state.unwrap_or_else(|| seed_state(RANDOM_SEED));
    let value = xorshift128plus_next(&mut state);
    if let ObjectKind::NativeFunction(NativeFunction { slots, .. }) = &mut vm.heap.get_mut(callee).kind {
        *slots = xorshift_state_to_slots(state);
    }
    Ok(Value::Number(value))
}

/// Reseeds the realm's `Math.random` (for hosts that want a different reproducible sequence).
pub fn seed_random(vm: &mut Vm, seed: u64) {
    let math = vm.intrinsic(Intrinsic::Math);
    if let Some(Value::Object(random)) =
        vm.get_own_property_plain(math, &PropertyKey::from("random")).and_then(|d| d.value)
    {
        if let ObjectKind::NativeFunction(NativeFunction { slots, .. }) = &mut vm.heap.get_mut(random).kind {
            *slots = xorshift_state_to_slots(seed_state(seed));
        }
    }
}

/// Two non-zero 64-bit state words from a seed (splitmix64 steps).
fn seed_state(seed: u64) -> [u64; 2] {
    let mut z = seed;
    let mut next = || {
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = z;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    };
    let a = next();
    let b = next();
    if a == 0 && b == 0 {
        [1, 2]
    } else {
        [a, b]
    }
}

/// One xorshift128+ step; the result uses the top 52 bits of the new first word as the
/// fraction of a double in [1, 2), minus 1.
fn xorshift128plus_next(state: &mut [u64; 2]) -> f64 {
    let mut s1 = state[0];
    let s0 = state[1];
    state[0] = s0;
    s1 ^= s1 << 23;
    s1 ^= s1 >> 17;
    s1 ^= s0;
    s1 ^= s0 >> 26;
    state[1] = s1;
    f64::from_bits((state[0] >> 12) | 0x3FF0_0000_0000_0000) - 1.0
}

/// The state as four Numbers of 32 bits each (slots hold Values).
fn xorshift_state_to_slots(state: [u64; 2]) -> Vec<Value> {
    state.iter().flat_map(|&w| [Value::Number((w >> 32) as f64), Value::Number((w & 0xFFFF_FFFF) as f64)]).collect()
}

fn xorshift_state_from_slots(slots: &[Value]) -> Option<[u64; 2]> {
    let word = |i: usize| -> Option<u64> {
        let hi = slots.get(i)?.as_number()? as u64;
        let lo = slots.get(i + 1)?.as_number()? as u64;
        Some((hi << 32) | lo)
    };
    Some([word(0)?, word(2)?])
}

/// The integer closest to x, halves rounded up, −0 kept for values in [−0.5, −0]
/// (Math.round).
pub fn round(x: f64) -> f64 {
    if !x.is_finite() || x.trunc() == x {
        return x;
    }
    let floor = x.floor();
    // x − floor(x) is exact for non-integral doubles.
    let rounded = if x - floor >= 0.5 { floor + 1.0 } else { floor };
    if rounded == 0.0 && x < 0.0 {
        -0.0
    } else {
        rounded
    }
}

/// −1, +1, or x itself for zeros and NaN (Math.sign).
pub fn sign(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 {
        x
    } else if x > 0.0 {
        1.0
    } else {
        -1.0
    }
}
