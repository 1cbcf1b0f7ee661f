//! The BigInt constructor (§21.2.1), its functions asIntN/asUintN (§21.2.2) and
//! BigInt.prototype (§21.2.3).

use crate::bigint::BigInt;
use crate::conversions::Hint;
use crate::error::JsResult;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::BigIntPrototype);
    let ctor = vm.new_native_constructor("BigInt", 1, bigint_constructor);
    vm.realm.set_intrinsic(Intrinsic::BigInt, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_method(ctor, "asUintN", 2, bigint_as_uint_n);
    vm.define_method(ctor, "asIntN", 2, bigint_as_int_n);

    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "toLocaleString", 0, bigint_proto_to_locale_string);
    vm.define_method(proto, "toString", 0, bigint_proto_to_string);
    vm.define_method(proto, "valueOf", 0, bigint_proto_value_of);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from("BigInt"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("BigInt"), Value::Object(ctor), attrs::BUILTIN);
}

/// BigInt ( value ) (§21.2.1.1).
fn bigint_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. `new BigInt()` throws.
    if args.new_target.is_some() {
        return Err(vm.throw_type_error("BigInt is not a constructor"));
    }
    // 2. prim = ToPrimitive(value, number).
    let prim = vm.to_primitive(&args.get(0), Hint::Number)?;
    // 3. A Number goes through NumberToBigInt; 4. anything else through ToBigInt.
    let b = match prim {
        Value::Number(n) => vm.number_to_bigint(n)?,
        other => vm.to_bigint(&other)?,
    };
    Ok(Value::BigInt(b))
}

/// The `bits` argument of asIntN/asUintN: ToIndex with V8's message.
fn bits_argument(vm: &mut Vm, v: &Value) -> JsResult<u64> {
    let n = vm.to_integer_or_infinity(v)?;
    if !(0.0..=9007199254740991.0).contains(&n) {
        return Err(vm.throw_range_error("Invalid value: not (convertible to) a safe integer"));
    }
    Ok(n as u64)
}

/// BigInt.asIntN ( bits, bigint ) (§21.2.2.1).
fn bigint_as_int_n(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. bits = ToIndex(bits); 2. bigint = ToBigInt(bigint).
    let bits = bits_argument(vm, &args.get(0))?;
    let b = vm.to_bigint(&args.get(1))?;
    // 3-4. The value modulo 2^bits, read as signed.
    match b.as_int_n(bits) {
        Ok(r) => Ok(Value::from(r)),
        Err(e) => Err(vm.throw_range_error(e.message())),
    }
}

/// BigInt.asUintN ( bits, bigint ) (§21.2.2.2).
fn bigint_as_uint_n(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. bits = ToIndex(bits); 2. bigint = ToBigInt(bigint).
    let bits = bits_argument(vm, &args.get(0))?;
    let b = vm.to_bigint(&args.get(1))?;
    // 3. The value modulo 2^bits.
    match b.as_uint_n(bits) {
        Ok(r) => Ok(Value::from(r)),
        Err(e) => Err(vm.throw_range_error(e.message())),
    }
}

/// ThisBigIntValue (§21.2.3.4.1), with V8's message naming the method.
fn this_bigint_value(vm: &mut Vm, value: &Value, method: &str) -> JsResult<Rc<BigInt>> {
    match value {
        Value::BigInt(b) => return Ok(b.clone()),
        Value::Object(o) => {
            if let ObjectKind::BigInt(b) = &vm.heap.get(*o).kind {
                return Ok(b.clone());
            }
        }
        _ => {}
    }
    Err(vm.throw_type_error(&format!("BigInt.prototype.{method} requires that 'this' be a BigInt")))
}

/// BigInt.prototype.toString ( [ radix ] ) (§21.2.3.3).
fn bigint_proto_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. x = thisBigIntValue(this).
    let x = this_bigint_value(vm, &args.this, "toString")?;
    // 2-4. The radix, 10 when undefined, 2..=36.
    let radix = args.get(0);
    let radix = if radix.is_undefined() { 10.0 } else { vm.to_integer_or_infinity(&radix)? };
    if !(2.0..=36.0).contains(&radix) {
        return Err(vm.throw_range_error("toString() radix argument must be between 2 and 36"));
    }
    // 5. BigInt::toString(x, radix).
    Ok(Value::String(JsString::from(x.to_string_radix(radix as u32))))
}

/// BigInt.prototype.toLocaleString ( ) (§21.2.3.2): V8's default (en-US) grouping of the
/// decimal digits; locales and options are not supported.
fn bigint_proto_to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_bigint_value(vm, &args.this, "toLocaleString")?;
    let digits = x.magnitude_decimal();
    let mut out = String::with_capacity(digits.len() * 4 / 3 + 1);
    if x.is_negative() {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    Ok(Value::String(JsString::from(out)))
}

/// BigInt.prototype.valueOf ( ) (§21.2.3.4).
fn bigint_proto_value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::BigInt(this_bigint_value(vm, &args.this, "valueOf")?))
}
