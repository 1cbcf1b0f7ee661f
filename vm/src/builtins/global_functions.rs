//! The function properties of the global object — ECMA-262 §19.2 (`isFinite`, `isNaN`,
//! `parseFloat`, `parseInt`, the URI functions) and Annex B's `escape` / `unescape`.
//! The string algorithms are in `conversions/string_to_number.rs` and `uri_coding.rs`.

use crate::builtins::uri_coding::{self, UriError, URI_RESERVED_AND_HASH};
use crate::conversions::string_to_number::{parse_float, parse_int};
use crate::error::{ErrorKind, JsResult};
use crate::native::{CallArgs, NativeFn};
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// Defines the global functions. `Number.parseInt` / `Number.parseFloat` reuse the objects
/// made here, so this runs before `number::install`.
pub fn install(vm: &mut Vm) {
    let global = vm.global();
    let functions: [(&str, u32, NativeFn); 10] = [
        ("isFinite", 1, global_is_finite),
        ("isNaN", 1, global_is_nan),
        ("parseFloat", 1, global_parse_float),
        ("parseInt", 2, global_parse_int),
        ("decodeURI", 1, global_decode_uri),
        ("decodeURIComponent", 1, global_decode_uri_component),
        ("encodeURI", 1, global_encode_uri),
        ("encodeURIComponent", 1, global_encode_uri_component),
        ("escape", 1, global_escape),
        ("unescape", 1, global_unescape),
    ];
    for (name, length, f) in functions {
        vm.define_method(global, name, length, f);
    }
}

/// isFinite(number) — §19.2.2.
fn global_is_finite(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_number(&args.get(0))?;
    Ok(Value::Bool(n.is_finite()))
}

/// isNaN(number) — §19.2.3.
fn global_is_nan(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_number(&args.get(0))?;
    Ok(Value::Bool(n.is_nan()))
}

/// parseFloat(string) — §19.2.4.
fn global_parse_float(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: ToString(string).
    let input = vm.to_string(&args.get(0))?;
    // Steps 2–6.
    Ok(Value::Number(parse_float(input.as_units())))
}

/// parseInt(string, radix) — §19.2.5.
fn global_parse_int(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: ToString(string), then step 6: ToInt32(radix) — in that order.
    let input = vm.to_string(&args.get(0))?;
    let radix = vm.to_int32(&args.get(1))?;
    Ok(Value::Number(parse_int(input.as_units(), radix)))
}

/// Runs one of the URI algorithms on ToString(argument 0), turning its failure into V8's
/// `URIError: URI malformed`.
fn uri_function(
    vm: &mut Vm,
    args: &CallArgs,
    algorithm: impl Fn(&[u16]) -> Result<Vec<u16>, UriError>,
) -> JsResult<Value> {
    let string = vm.to_string(&args.get(0))?;
    match algorithm(string.as_units()) {
        Ok(units) => Ok(Value::String(JsString::from_units(units))),
        Err(UriError) => Err(vm.throw_error(ErrorKind::URIError, "URI malformed")),
    }
}

/// decodeURI(encodedURI) — §19.2.6.1.
fn global_decode_uri(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    uri_function(vm, args, |s| uri_coding::decode(s, URI_RESERVED_AND_HASH))
}

/// decodeURIComponent(encodedURIComponent) — §19.2.6.2.
fn global_decode_uri_component(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    uri_function(vm, args, |s| uri_coding::decode(s, ""))
}

/// encodeURI(uri) — §19.2.6.3.
fn global_encode_uri(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    uri_function(vm, args, |s| uri_coding::encode(s, URI_RESERVED_AND_HASH))
}

/// encodeURIComponent(uriComponent) — §19.2.6.4.
fn global_encode_uri_component(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    uri_function(vm, args, |s| uri_coding::encode(s, ""))
}

/// escape(string) — §B.2.1.1.
fn global_escape(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    uri_function(vm, args, |s| Ok(uri_coding::escape(s)))
}

/// unescape(string) — §B.2.1.2.
fn global_unescape(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    uri_function(vm, args, |s| Ok(uri_coding::unescape(s)))
}
