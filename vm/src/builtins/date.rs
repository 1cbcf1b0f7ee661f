//! The Date constructor and Date.prototype — ECMA-262 §21.4 (plus getYear, setYear and
//! toGMTString of Annex B.2.3).
//!
//! A Date object is `ObjectKind::Date(time value)`. The day/time arithmetic is in `date_math`,
//! the local time zone (fixed to UTC; see that file) in `date_time_zone`, the string forms in
//! `date_format` and Date.parse's grammar in `date_parse`. Error messages are V8's: getters say
//! "this is not a Date object.", the other methods name themselves in "Method … called on
//! incompatible receiver …".

use super::date_format;
use super::date_math::{
    date_from_time, hour_from_time, make_date, make_day, make_full_year, make_time, min_from_time, month_from_time,
    ms_from_time, sec_from_time, time_clip, week_day, year_from_time, MS_PER_MINUTE,
};
use super::date_parse::parse_date;
use super::date_time_zone::{local_time, utc};
use super::receiver::incompatible_receiver;
use crate::conversions::Hint;
use crate::error::JsResult;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// Creates %Date% and %Date.prototype% and defines the global `Date`.
pub fn install(vm: &mut Vm) {
    let ctor = vm.new_native_constructor("Date", 7, date_constructor);
    vm.realm.set_intrinsic(Intrinsic::Date, ctor);
    // Date.prototype is an ordinary object, not a Date (§21.4.4).
    let proto = vm.intrinsic(Intrinsic::DatePrototype);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_method(ctor, "now", 0, date_now);
    vm.define_method(ctor, "parse", 1, date_parse);
    vm.define_method(ctor, "UTC", 7, date_utc);

    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_method(proto, "toString", 0, date_prototype_to_string);
    vm.define_method(proto, "toDateString", 0, date_prototype_to_date_string);
    vm.define_method(proto, "toTimeString", 0, date_prototype_to_time_string);
    vm.define_method(proto, "toISOString", 0, date_prototype_to_iso_string);
    let to_utc_string = vm.define_method(proto, "toUTCString", 0, date_prototype_to_utc_string);
    // B.2.3.3: toGMTString is the same function object as toUTCString.
    vm.define_value(proto, PropertyKey::from("toGMTString"), Value::Object(to_utc_string), attrs::BUILTIN);
    let methods: [(&str, u32, crate::native::NativeFn); 40] = [
        ("getDate", 0, date_prototype_get_date),
        ("setDate", 1, date_prototype_set_date),
        ("getDay", 0, date_prototype_get_day),
        ("getFullYear", 0, date_prototype_get_full_year),
        ("setFullYear", 3, date_prototype_set_full_year),
        ("getHours", 0, date_prototype_get_hours),
        ("setHours", 4, date_prototype_set_hours),
        ("getMilliseconds", 0, date_prototype_get_milliseconds),
        ("setMilliseconds", 1, date_prototype_set_milliseconds),
        ("getMinutes", 0, date_prototype_get_minutes),
        ("setMinutes", 3, date_prototype_set_minutes),
        ("getMonth", 0, date_prototype_get_month),
        ("setMonth", 2, date_prototype_set_month),
        ("getSeconds", 0, date_prototype_get_seconds),
        ("setSeconds", 2, date_prototype_set_seconds),
        ("getTime", 0, date_prototype_get_time),
        ("setTime", 1, date_prototype_set_time),
        ("getTimezoneOffset", 0, date_prototype_get_timezone_offset),
        ("getUTCDate", 0, date_prototype_get_utc_date),
        ("setUTCDate", 1, date_prototype_set_utc_date),
        ("getUTCDay", 0, date_prototype_get_utc_day),
        ("getUTCFullYear", 0, date_prototype_get_utc_full_year),
        ("setUTCFullYear", 3, date_prototype_set_utc_full_year),
        ("getUTCHours", 0, date_prototype_get_utc_hours),
        ("setUTCHours", 4, date_prototype_set_utc_hours),
        ("getUTCMilliseconds", 0, date_prototype_get_utc_milliseconds),
        ("setUTCMilliseconds", 1, date_prototype_set_utc_milliseconds),
        ("getUTCMinutes", 0, date_prototype_get_utc_minutes),
        ("setUTCMinutes", 3, date_prototype_set_utc_minutes),
        ("getUTCMonth", 0, date_prototype_get_utc_month),
        ("setUTCMonth", 2, date_prototype_set_utc_month),
        ("getUTCSeconds", 0, date_prototype_get_utc_seconds),
        ("setUTCSeconds", 2, date_prototype_set_utc_seconds),
        ("valueOf", 0, date_prototype_value_of),
        ("getYear", 0, date_prototype_get_year),
        ("setYear", 1, date_prototype_set_year),
        ("toJSON", 1, date_prototype_to_json),
        ("toLocaleString", 0, date_prototype_to_locale_string),
        ("toLocaleDateString", 0, date_prototype_to_locale_date_string),
        ("toLocaleTimeString", 0, date_prototype_to_locale_time_string),
    ];
    for (name, length, f) in methods {
        vm.define_method(proto, name, length, f);
    }
    let to_primitive = vm.symbols.to_primitive.clone();
    vm.define_symbol_method(proto, to_primitive, 1, date_prototype_to_primitive, attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Date"), Value::Object(ctor), attrs::BUILTIN);
}

/// The current time as a time value: whole milliseconds since the epoch (§21.4.3.1).
fn current_time() -> f64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(elapsed) => elapsed.as_millis() as f64,
        Err(before) => -(before.duration().as_millis() as f64),
    }
}

/// The [[DateValue]] of `value` when it is a Date object.
fn date_value_of(vm: &Vm, value: &Value) -> Option<f64> {
    match value {
        Value::Object(o) => match vm.heap.get(*o).kind {
            ObjectKind::Date(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// thisTimeValue for the getters, which V8 reports as "this is not a Date object.".
fn this_time_value(vm: &mut Vm, this: &Value) -> JsResult<f64> {
    match date_value_of(vm, this) {
        Some(t) => Ok(t),
        None => Err(vm.throw_type_error("this is not a Date object.")),
    }
}

/// thisTimeValue for the other methods, whose TypeError names the method.
fn this_time_value_for(vm: &mut Vm, this: &Value, method: &str) -> JsResult<f64> {
    match date_value_of(vm, this) {
        Some(t) => Ok(t),
        None => Err(incompatible_receiver(vm, &format!("Date.prototype.{method}"), this)),
    }
}

/// Sets the [[DateValue]] of a Date object (already checked to be one).
fn set_date_value(vm: &mut Vm, this: &Value, t: f64) {
    if let Value::Object(o) = this {
        if let ObjectKind::Date(slot) = &mut vm.heap.get_mut(*o).kind {
            *slot = t;
        }
    }
}

/// Date(...values) — §21.4.2.1.
fn date_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: called as a function, the current time as a string.
    let Some(new_target) = args.new_target else {
        return Ok(Value::from(date_format::to_date_string(current_time()).as_str()));
    };
    // Steps 2–5: the time value.
    let dv = match args.len() {
        0 => current_time(),
        1 => {
            let value = args.get(0);
            let tv = match date_value_of(vm, &value) {
                Some(t) => t,
                None => match vm.to_primitive(&value, Hint::Default)? {
                    Value::String(s) => parse_date(s.as_units()),
                    v => vm.to_number(&v)?,
                },
            };
            time_clip(tv)
        }
        n => {
            let mut parts = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
            for (i, part) in parts.iter_mut().enumerate().take(n) {
                *part = vm.to_number(&args.get(i))?;
            }
            let [y, m, dt, h, min, s, milli] = parts;
            let yr = make_full_year(y);
            let final_date = make_date(make_day(yr, m, dt), make_time(h, min, s, milli));
            time_clip(utc(final_date))
        }
    };
    // Steps 6–8.
    let o = vm.object_create_from_constructor(new_target, Intrinsic::DatePrototype, ObjectKind::Date(dv))?;
    Ok(Value::Object(o))
}

/// Date.now() — §21.4.3.1.
fn date_now(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(current_time()))
}

/// Date.parse(string) — §21.4.3.2.
fn date_parse(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(&args.get(0))?;
    Ok(Value::Number(parse_date(s.as_units())))
}

/// Date.UTC(year [, month [, date [, hours [, minutes [, seconds [, ms]]]]]]) — §21.4.3.4.
fn date_utc(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Steps 1–7: ToNumber of each argument given; defaults for the others.
    let mut parts = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (i, part) in parts.iter_mut().enumerate().take(args.len()) {
        *part = vm.to_number(&args.get(i))?;
    }
    let [y, m, dt, h, min, s, milli] = parts;
    // Steps 8–9.
    let yr = make_full_year(y);
    Ok(Value::Number(time_clip(make_date(make_day(yr, m, dt), make_time(h, min, s, milli)))))
}

/// A calendar field of a time value, as the getters read it.
#[derive(Clone, Copy)]
enum Field {
    FullYear,
    Month,
    Date,
    Day,
    Hours,
    Minutes,
    Seconds,
    Milliseconds,
}

/// The shared body of the getters (§21.4.4.2–§21.4.4.19): `field` of the local time (or of the
/// UTC time for the getUTC… methods), NaN for an invalid date.
fn get_field(vm: &mut Vm, args: &CallArgs, field: Field, in_utc: bool) -> JsResult<Value> {
    let t = this_time_value(vm, &args.this)?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    let t = if in_utc { t } else { local_time(t) };
    let value = match field {
        Field::FullYear => year_from_time(t),
        Field::Month => month_from_time(t),
        Field::Date => date_from_time(t),
        Field::Day => week_day(t),
        Field::Hours => hour_from_time(t),
        Field::Minutes => min_from_time(t),
        Field::Seconds => sec_from_time(t),
        Field::Milliseconds => ms_from_time(t),
    };
    Ok(Value::Number(value))
}

macro_rules! getters {
    ($($(#[$doc:meta])* $name:ident => $field:ident, $utc:expr;)*) => {$(
        $(#[$doc])*
        fn $name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
            get_field(vm, args, Field::$field, $utc)
        }
    )*};
}

getters! {
    /// Date.prototype.getDate() — §21.4.4.2.
    date_prototype_get_date => Date, false;
    /// Date.prototype.getDay() — §21.4.4.3.
    date_prototype_get_day => Day, false;
    /// Date.prototype.getFullYear() — §21.4.4.4.
    date_prototype_get_full_year => FullYear, false;
    /// Date.prototype.getHours() — §21.4.4.5.
    date_prototype_get_hours => Hours, false;
    /// Date.prototype.getMilliseconds() — §21.4.4.6.
    date_prototype_get_milliseconds => Milliseconds, false;
    /// Date.prototype.getMinutes() — §21.4.4.7.
    date_prototype_get_minutes => Minutes, false;
    /// Date.prototype.getMonth() — §21.4.4.8.
    date_prototype_get_month => Month, false;
    /// Date.prototype.getSeconds() — §21.4.4.9.
    date_prototype_get_seconds => Seconds, false;
    /// Date.prototype.getUTCDate() — §21.4.4.12.
    date_prototype_get_utc_date => Date, true;
    /// Date.prototype.getUTCDay() — §21.4.4.13.
    date_prototype_get_utc_day => Day, true;
    /// Date.prototype.getUTCFullYear() — §21.4.4.14.
    date_prototype_get_utc_full_year => FullYear, true;
    /// Date.prototype.getUTCHours() — §21.4.4.15.
    date_prototype_get_utc_hours => Hours, true;
    /// Date.prototype.getUTCMilliseconds() — §21.4.4.16.
    date_prototype_get_utc_milliseconds => Milliseconds, true;
    /// Date.prototype.getUTCMinutes() — §21.4.4.17.
    date_prototype_get_utc_minutes => Minutes, true;
    /// Date.prototype.getUTCMonth() — §21.4.4.18.
    date_prototype_get_utc_month => Month, true;
    /// Date.prototype.getUTCSeconds() — §21.4.4.19.
    date_prototype_get_utc_seconds => Seconds, true;
}

/// Date.prototype.getTime() — §21.4.4.10.
fn date_prototype_get_time(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(this_time_value(vm, &args.this)?))
}

/// Date.prototype.valueOf() — §21.4.4.44.
fn date_prototype_value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(this_time_value(vm, &args.this)?))
}

/// Date.prototype.getTimezoneOffset() — §21.4.4.11: minutes from local time to UTC.
fn date_prototype_get_timezone_offset(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let t = this_time_value(vm, &args.this)?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number((t - local_time(t)) / MS_PER_MINUTE + 0.0))
}

/// Date.prototype.getYear() — B.2.3.1: the local year minus 1900.
fn date_prototype_get_year(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let t = this_time_value_for(vm, &args.this, "getYear")?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number(year_from_time(local_time(t)) - 1900.0))
}

/// The parts a setter replaces, in the order of MakeDay and MakeTime's arguments.
const YEAR: usize = 0;
const MONTH: usize = 1;
const DATE: usize = 2;
const HOURS: usize = 3;
const MINUTES: usize = 4;
const SECONDS: usize = 5;
const MILLISECONDS: usize = 6;

/// The shared body of the setters setFullYear … setMilliseconds and their UTC forms
/// (§21.4.4.20–§21.4.4.34): the first argument replaces part `first`, each further argument
/// given (up to `count`) the part after it; the other parts come from the current (local or
/// UTC) time. All arguments are converted before an invalid date makes the result NaN, except
/// for setFullYear, which starts from +0 then. The date value is read before the conversions,
/// as the spec says (V8 in Node 20 reads it after them, which only shows when an argument's
/// valueOf changes the same date).
fn set_parts(vm: &mut Vm, args: &CallArgs, method: &str, first: usize, count: usize, in_utc: bool) -> JsResult<Value> {
    // Steps 1–2: thisTimeValue.
    let t = this_time_value_for(vm, &args.this, method)?;
    // Steps 3–5: ToNumber of the arguments present (the first always).
    let mut given = Vec::with_capacity(count);
    for i in 0..count {
        if i == 0 || i < args.len() {
            given.push(vm.to_number(&args.get(i))?);
        }
    }
    // Step 6: an invalid date stays invalid (setFullYear starts from +0 instead).
    let t = if t.is_nan() {
        if first != YEAR {
            return Ok(Value::Number(f64::NAN));
        }
        0.0
    } else if in_utc {
        t
    } else {
        local_time(t)
    };
    // The remaining steps: the parts of t, replaced by the arguments, put together again.
    let mut parts = [
        year_from_time(t),
        month_from_time(t),
        date_from_time(t),
        hour_from_time(t),
        min_from_time(t),
        sec_from_time(t),
        ms_from_time(t),
    ];
    for (i, value) in given.into_iter().enumerate() {
        parts[first + i] = value;
    }
    let [y, m, dt, h, min, s, milli] = parts;
    let date = make_date(make_day(y, m, dt), make_time(h, min, s, milli));
    let u = time_clip(if in_utc { date } else { utc(date) });
    set_date_value(vm, &args.this, u);
    Ok(Value::Number(u))
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident => $method:literal, $first:ident, $count:literal, $utc:expr;)*) => {$(
        $(#[$doc])*
        fn $name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
            set_parts(vm, args, $method, $first, $count, $utc)
        }
    )*};
}

setters! {
    /// Date.prototype.setDate(date) — §21.4.4.20.
    date_prototype_set_date => "setDate", DATE, 1, false;
    /// Date.prototype.setFullYear(year [, month [, date]]) — §21.4.4.21.
    date_prototype_set_full_year => "setFullYear", YEAR, 3, false;
    /// Date.prototype.setHours(hour [, min [, sec [, ms]]]) — §21.4.4.22.
    date_prototype_set_hours => "setHours", HOURS, 4, false;
    /// Date.prototype.setMilliseconds(ms) — §21.4.4.23.
    date_prototype_set_milliseconds => "setMilliseconds", MILLISECONDS, 1, false;
    /// Date.prototype.setMinutes(min [, sec [, ms]]) — §21.4.4.24.
    date_prototype_set_minutes => "setMinutes", MINUTES, 3, false;
    /// Date.prototype.setMonth(month [, date]) — §21.4.4.25.
    date_prototype_set_month => "setMonth", MONTH, 2, false;
    /// Date.prototype.setSeconds(sec [, ms]) — §21.4.4.26.
    date_prototype_set_seconds => "setSeconds", SECONDS, 2, false;
    /// Date.prototype.setUTCDate(date) — §21.4.4.28.
    date_prototype_set_utc_date => "setUTCDate", DATE, 1, true;
    /// Date.prototype.setUTCFullYear(year [, month [, date]]) — §21.4.4.29.
    date_prototype_set_utc_full_year => "setUTCFullYear", YEAR, 3, true;
    /// Date.prototype.setUTCHours(hour [, min [, sec [, ms]]]) — §21.4.4.30.
    date_prototype_set_utc_hours => "setUTCHours", HOURS, 4, true;
    /// Date.prototype.setUTCMilliseconds(ms) — §21.4.4.31.
    date_prototype_set_utc_milliseconds => "setUTCMilliseconds", MILLISECONDS, 1, true;
    /// Date.prototype.setUTCMinutes(min [, sec [, ms]]) — §21.4.4.32.
    date_prototype_set_utc_minutes => "setUTCMinutes", MINUTES, 3, true;
    /// Date.prototype.setUTCMonth(month [, date]) — §21.4.4.33.
    date_prototype_set_utc_month => "setUTCMonth", MONTH, 2, true;
    /// Date.prototype.setUTCSeconds(sec [, ms]) — §21.4.4.34.
    date_prototype_set_utc_seconds => "setUTCSeconds", SECONDS, 2, true;
}

/// Date.prototype.setTime(time) — §21.4.4.27.
fn date_prototype_set_time(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    this_time_value_for(vm, &args.this, "setTime")?;
    let t = vm.to_number(&args.get(0))?;
    let v = time_clip(t);
    set_date_value(vm, &args.this, v);
    Ok(Value::Number(v))
}

/// Date.prototype.setYear(year) — B.2.3.2: two-digit years mean 19xx.
fn date_prototype_set_year(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Steps 1–3.
    let t = this_time_value_for(vm, &args.this, "setYear")?;
    let y = vm.to_number(&args.get(0))?;
    // Step 4: an invalid date starts from +0.
    let t = if t.is_nan() { 0.0 } else { local_time(t) };
    // Steps 5–6.
    let yyyy = make_full_year(y);
    if yyyy.is_nan() {
        set_date_value(vm, &args.this, f64::NAN);
        return Ok(Value::Number(f64::NAN));
    }
    // Steps 7–10.
    let d = make_day(yyyy, month_from_time(t), date_from_time(t));
    let date = make_date(d, super::date_math::time_within_day(t));
    let u = time_clip(utc(date));
    set_date_value(vm, &args.this, u);
    Ok(Value::Number(u))
}

/// The shared body of the string methods: the text of the time value, or of "Invalid Date".
fn string_method(vm: &mut Vm, args: &CallArgs, method: &str, format: fn(f64) -> String) -> JsResult<Value> {
    let tv = this_time_value_for(vm, &args.this, method)?;
    Ok(Value::from(format(tv).as_str()))
}

/// Date.prototype.toString() — §21.4.4.41.
fn date_prototype_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_method(vm, args, "toString", date_format::to_date_string)
}

/// Date.prototype.toDateString() — §21.4.4.35.
fn date_prototype_to_date_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_method(vm, args, "toDateString", date_format::to_date_only_string)
}

/// Date.prototype.toTimeString() — §21.4.4.42.
fn date_prototype_to_time_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_method(vm, args, "toTimeString", date_format::to_time_only_string)
}

/// Date.prototype.toUTCString() — §21.4.4.43 (also Date.prototype.toGMTString, B.2.3.3).
fn date_prototype_to_utc_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_method(vm, args, "toUTCString", date_format::to_utc_string)
}

/// Date.prototype.toLocaleString([locales [, options]]) — §21.4.4.39, as en-US.
fn date_prototype_to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_method(vm, args, "toLocaleString", date_format::to_locale_string)
}

/// Date.prototype.toLocaleDateString([locales [, options]]) — §21.4.4.38, as en-US.
fn date_prototype_to_locale_date_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_method(vm, args, "toLocaleDateString", date_format::to_locale_date_string)
}

/// Date.prototype.toLocaleTimeString([locales [, options]]) — §21.4.4.40, as en-US.
fn date_prototype_to_locale_time_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_method(vm, args, "toLocaleTimeString", date_format::to_locale_time_string)
}

/// Date.prototype.toISOString() — §21.4.4.36: RangeError for an invalid date.
fn date_prototype_to_iso_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let tv = this_time_value_for(vm, &args.this, "toISOString")?;
    if !tv.is_finite() {
        return Err(vm.throw_range_error("Invalid time value"));
    }
    Ok(Value::from(date_format::iso_string(tv).as_str()))
}

/// Date.prototype.toJSON(key) — §21.4.4.37: null for a non-finite time value, otherwise
/// whatever the object's toISOString method returns (the method is generic).
fn date_prototype_to_json(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Steps 1–2.
    let o = vm.to_object(&args.this)?;
    let tv = vm.to_primitive(&Value::Object(o), Hint::Number)?;
    // Step 3.
    if let Value::Number(n) = tv {
        if !n.is_finite() {
            return Ok(Value::Null);
        }
    }
    // Step 4: Invoke(O, "toISOString").
    let method = vm.get(o, &PropertyKey::from("toISOString"))?;
    if !vm.is_callable(&method) {
        return Err(vm.throw_type_error("toISOString is not a function"));
    }
    vm.call(&method, Value::Object(o), &[])
}

/// Date.prototype [ @@toPrimitive ] (hint) — §21.4.4.45: "default" counts as "string".
fn date_prototype_to_primitive(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Steps 1–2.
    let Value::Object(o) = args.this else {
        return Err(incompatible_receiver(vm, "Date.prototype [ @@toPrimitive ]", &args.this));
    };
    // Steps 3–5.
    let hint = args.get(0);
    let try_first = match &hint {
        Value::String(s) if s.eq_str("string") || s.eq_str("default") => Hint::String,
        Value::String(s) if s.eq_str("number") => Hint::Number,
        _ => {
            let shown = super::receiver::describe_receiver(vm, &hint);
            return Err(vm.throw_type_error(&format!("Invalid hint: {shown}")));
        }
    };
    // Step 6.
    vm.ordinary_to_primitive(o, try_first)
}
