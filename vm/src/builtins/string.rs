//! The String constructor and %String.prototype% (§22.1), with the Annex B HTML methods
//! (§B.2.2). The pattern methods (match, replace, search, split, ...) delegate to the argument's
//! @@match / @@replace / ... methods, which RegExp provides (`regexp.rs`).

use crate::builtins::array::index_key;
use crate::builtins::array_prototype::MAX_STRING_LENGTH;
use crate::builtins::regexp::{is_regexp, regexp_create_from_values};
use crate::builtins::string_iterator::create_string_iterator;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::StringPrototype);
    // %String.prototype% is itself a String exotic object whose value is "" (§22.1.3).
    vm.heap.get_mut(proto).kind = ObjectKind::String(JsString::empty());

    let ctor = vm.new_native_constructor("String", 1, string_constructor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_method(ctor, "fromCharCode", 1, from_char_code);
    vm.define_method(ctor, "fromCodePoint", 1, from_code_point);
    vm.define_method(ctor, "raw", 1, raw);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.realm.set_intrinsic(Intrinsic::String, ctor);
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("String"), Value::Object(ctor), attrs::BUILTIN);

    // In V8's property order.
    vm.define_method(proto, "anchor", 1, anchor);
    vm.define_method(proto, "at", 1, at);
    vm.define_method(proto, "big", 0, big);
    vm.define_method(proto, "blink", 0, blink);
    vm.define_method(proto, "bold", 0, bold);
    vm.define_method(proto, "charAt", 1, char_at);
    vm.define_method(proto, "charCodeAt", 1, char_code_at);
    vm.define_method(proto, "codePointAt", 1, code_point_at);
    vm.define_method(proto, "concat", 1, concat);
    vm.define_method(proto, "endsWith", 1, ends_with);
    vm.define_method(proto, "fontcolor", 1, fontcolor);
    vm.define_method(proto, "fontsize", 1, fontsize);
    vm.define_method(proto, "fixed", 0, fixed);
    vm.define_method(proto, "includes", 1, includes);
    vm.define_method(proto, "indexOf", 1, index_of);
    vm.define_method(proto, "isWellFormed", 0, is_well_formed);
    vm.define_method(proto, "italics", 0, italics);
    vm.define_method(proto, "lastIndexOf", 1, last_index_of);
    vm.define_method(proto, "link", 1, link);
    vm.define_method(proto, "localeCompare", 1, locale_compare);
    vm.define_method(proto, "match", 1, match_);
    vm.define_method(proto, "matchAll", 1, match_all);
    vm.define_method(proto, "normalize", 0, normalize);
    vm.define_method(proto, "padEnd", 1, pad_end);
    vm.define_method(proto, "padStart", 1, pad_start);
    vm.define_method(proto, "repeat", 1, repeat);
    vm.define_method(proto, "replace", 2, replace);
    vm.define_method(proto, "replaceAll", 2, replace_all);
    vm.define_method(proto, "search", 1, search);
    vm.define_method(proto, "slice", 2, slice);
    vm.define_method(proto, "small", 0, small);
    vm.define_method(proto, "split", 2, split);
    vm.define_method(proto, "strike", 0, strike);
    vm.define_method(proto, "sub", 0, sub);
    vm.define_method(proto, "substr", 2, substr);
    vm.define_method(proto, "substring", 2, substring);
    vm.define_method(proto, "sup", 0, sup);
    vm.define_method(proto, "startsWith", 1, starts_with);
    vm.define_method(proto, "toString", 0, to_string);
    vm.define_method(proto, "toWellFormed", 0, to_well_formed);
    vm.define_method(proto, "trim", 0, trim);
    // trimLeft / trimRight are the same function objects as trimStart / trimEnd (§B.2.2.15-16).
    let trim_start_fn = vm.define_method(proto, "trimStart", 0, trim_start);
    vm.define_value(proto, PropertyKey::from("trimLeft"), Value::Object(trim_start_fn), attrs::BUILTIN);
    let trim_end_fn = vm.define_method(proto, "trimEnd", 0, trim_end);
    vm.define_value(proto, PropertyKey::from("trimRight"), Value::Object(trim_end_fn), attrs::BUILTIN);
    vm.define_method(proto, "toLocaleLowerCase", 0, to_lower_case);
    vm.define_method(proto, "toLocaleUpperCase", 0, to_upper_case);
    vm.define_method(proto, "toLowerCase", 0, to_lower_case);
    vm.define_method(proto, "toUpperCase", 0, to_upper_case);
    vm.define_method(proto, "valueOf", 0, value_of);
    let sym = vm.symbols.iterator.clone();
    vm.define_symbol_method(proto, sym, 0, string_iterator, attrs::BUILTIN);
}

// ----- helpers -----------------------------------------------------------------------------------

/// RequireObjectCoercible(this) then ToString, with V8's message naming the method.
fn this_string(vm: &mut Vm, this: &Value, method: &str) -> JsResult<JsString> {
    match this {
        Value::String(s) => Ok(s.clone()),
        Value::Undefined | Value::Null | Value::Empty => {
            Err(vm.throw_type_error(&format!("String.prototype.{method} called on null or undefined")))
        }
        other => vm.to_string(other),
    }
}

/// StringIndexOf(string, searchValue, fromIndex) (§6.1.4.1): the first index ≥ `from` where
/// `needle` occurs, or `None`.
pub fn string_index_of(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    let n = needle.len();
    if n == 0 {
        return if from <= hay.len() { Some(from) } else { None };
    }
    if from + n > hay.len() {
        return None;
    }
    let first = needle[0];
    let last_start = hay.len() - n;
    let mut i = from;
    while i <= last_start {
        // Skip to the next occurrence of the first unit.
        match hay[i..=last_start].iter().position(|&u| u == first) {
            Some(p) => i += p,
            None => return None,
        }
        if hay[i..i + n] == *needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The last index ≤ `from` where `needle` occurs.
fn string_last_index_of(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    let n = needle.len();
    if n > hay.len() {
        return None;
    }
    let mut i = from.min(hay.len() - n);
    loop {
        if hay[i..i + n] == *needle {
            return Some(i);
        }
        if i == 0 {
            return None;
        }
        i -= 1;
    }
}

/// A position argument clamped to `0..=len` (ToIntegerOrInfinity, then clamp).
fn clamp_position(vm: &mut Vm, v: &Value, len: usize) -> JsResult<usize> {
    let n = vm.to_integer_or_infinity(v)?;
    Ok(n.max(0.0).min(len as f64) as usize)
}

/// CodePointAt (§11.1.4): `(code point, code unit count)` at `i`.
pub fn code_point_at_units(units: &[u16], i: usize) -> (u32, usize) {
    let first = units[i];
    if (0xD800..0xDC00).contains(&first) && i + 1 < units.len() {
        let second = units[i + 1];
        if (0xDC00..0xE000).contains(&second) {
            let cp = 0x10000 + (((first as u32) - 0xD800) << 10) + ((second as u32) - 0xDC00);
            return (cp, 2);
        }
    }
    (first as u32, 1)
}

/// Appends the UTF-16 encoding of a code point.
pub fn push_code_point(out: &mut Vec<u16>, cp: u32) {
    if cp < 0x10000 {
        out.push(cp as u16);
    } else {
        let c = cp - 0x10000;
        out.push(0xD800 + (c >> 10) as u16);
        out.push(0xDC00 + (c & 0x3FF) as u16);
    }
}

/// Whether a code unit is in the spec's WhiteSpace or LineTerminator sets (what trim removes).
pub fn is_trimmable(u: u16) -> bool {
    matches!(
        u,
        0x0009 | 0x000A | 0x000B | 0x000C | 0x000D | 0x0020 | 0x00A0 | 0x1680 | 0x2000..=0x200A
            | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

fn str_value(units: Vec<u16>) -> Value {
    Value::String(JsString::from_units(units))
}

// ----- the constructor ---------------------------------------------------------------------------

/// StringCreate(value, prototype) (§10.4.3.4).
pub fn string_create(vm: &mut Vm, value: JsString, proto: ObjRef) -> ObjRef {
    vm.heap.alloc(Object::new(Some(proto), ObjectKind::String(value)))
}

/// String(value) (§22.1.1.1).
fn string_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = if args.is_empty() {
        JsString::empty()
    } else {
        match (&args.args[0], args.new_target) {
            // 2.a. String(symbol) is SymbolDescriptiveString(symbol).
            (Value::Symbol(sym), None) => JsString::from(sym.descriptive_string()),
            (v, _) => vm.to_string(v)?,
        }
    };
    let Some(new_target) = args.new_target else { return Ok(Value::String(s)) };
    let proto = vm.get_prototype_from_constructor(new_target, Intrinsic::StringPrototype)?;
    Ok(Value::Object(string_create(vm, s, proto)))
}

/// String.fromCharCode(...codeUnits) (§22.1.2.1).
fn from_char_code(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let [a] = args.args.as_slice() {
        let u = vm.to_uint16(a)?;
        return Ok(Value::String(JsString::from_code_unit(u)));
    }
    let mut out = Vec::with_capacity(args.len());
    for a in &args.args {
        out.push(vm.to_uint16(a)?);
    }
    Ok(str_value(out))
}

/// String.fromCodePoint(...codePoints) (§22.1.2.2).
fn from_code_point(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut out = Vec::with_capacity(args.len());
    for a in &args.args {
        let n = vm.to_number(a)?;
        if n.fract() != 0.0 || !(0.0..=1114111.0).contains(&n) || n.is_nan() {
            let shown = crate::conversions::number_to_string(n);
            return Err(vm.throw_range_error(&format!("Invalid code point {shown}")));
        }
        push_code_point(&mut out, n as u32);
    }
    Ok(str_value(out))
}

/// String.raw(template, ...substitutions) (§22.1.2.4).
fn raw(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let cooked = vm.to_object(&args.get(0))?;
    let raw_value = vm.get(cooked, &PropertyKey::from("raw"))?;
    let literals = vm.to_object(&raw_value)?;
    let literal_count = vm.length_of_array_like(literals)?;
    let mut out: Vec<u16> = Vec::new();
    let subs = args.rest(1);
    let mut next_index: u64 = 0;
    while next_index < literal_count {
        let lit = vm.get(literals, &index_key(next_index))?;
        let s = vm.to_string(&lit)?;
        out.extend_from_slice(s.as_units());
        if next_index + 1 == literal_count {
            break;
        }
        if let Some(sub) = subs.get(next_index as usize) {
            let s = vm.to_string(sub)?;
            out.extend_from_slice(s.as_units());
        }
        next_index += 1;
    }
    Ok(str_value(out))
}

// ----- prototype methods -------------------------------------------------------------------------

/// thisStringValue (§22.1.3.35.1).
fn this_string_value(vm: &mut Vm, this: &Value, method: &str) -> JsResult<JsString> {
    match this {
        Value::String(s) => return Ok(s.clone()),
        Value::Object(o) => {
            if let ObjectKind::String(s) = &vm.heap.get(*o).kind {
                return Ok(s.clone());
            }
        }
        _ => {}
    }
    Err(vm.throw_type_error(&format!("String.prototype.{method} requires that 'this' be a String")))
}

/// String.prototype.toString() (§22.1.3.29).
fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::String(this_string_value(vm, &args.this, "toString")?))
}

/// String.prototype.valueOf() (§22.1.3.35).
fn value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::String(this_string_value(vm, &args.this, "valueOf")?))
}

/// String.prototype.at(index) (§22.1.3.1).
fn at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "at")?;
    let len = s.len() as f64;
    let rel = vm.to_integer_or_infinity(&args.get(0))?;
    let k = if rel >= 0.0 { rel } else { len + rel };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    Ok(str_value(vec![s.as_units()[k as usize]]))
}

/// String.prototype.charAt(pos) (§22.1.3.2).
fn char_at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "charAt")?;
    let pos = vm.to_integer_or_infinity(&args.get(0))?;
    if pos < 0.0 || pos >= s.len() as f64 {
        return Ok(Value::String(JsString::empty()));
    }
    Ok(Value::String(JsString::from_code_unit(s.as_units()[pos as usize])))
}

/// String.prototype.charCodeAt(pos) (§22.1.3.3).
fn char_code_at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // The common case, without conversions: a string and a number inside it (ToIntegerOrInfinity
    // of a non-negative number is its truncation).
    if let (Value::String(s), Some(Value::Number(n))) = (&args.this, args.args.first()) {
        if *n >= 0.0 && *n < s.len() as f64 {
            return Ok(Value::Number(s.as_units()[*n as usize] as f64));
        }
    }
    let s = this_string(vm, &args.this, "charCodeAt")?;
    let pos = vm.to_integer_or_infinity(&args.get(0))?;
    if pos < 0.0 || pos >= s.len() as f64 {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number(s.as_units()[pos as usize] as f64))
}

/// String.prototype.codePointAt(pos) (§22.1.3.4).
fn code_point_at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "codePointAt")?;
    let pos = vm.to_integer_or_infinity(&args.get(0))?;
    if pos < 0.0 || pos >= s.len() as f64 {
        return Ok(Value::Undefined);
    }
    Ok(Value::Number(code_point_at_units(s.as_units(), pos as usize).0 as f64))
}

/// String.prototype.concat(...args) (§22.1.3.5).
fn concat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "concat")?;
    let mut out = s.as_units().to_vec();
    for a in &args.args {
        let t = vm.to_string(a)?;
        out.extend_from_slice(t.as_units());
        if out.len() > MAX_STRING_LENGTH {
            return Err(vm.throw_range_error("Invalid string length"));
        }
    }
    Ok(str_value(out))
}

/// The search-string argument of startsWith/endsWith/includes, which must not be a RegExp.
fn search_string_arg(vm: &mut Vm, v: &Value, method: &str) -> JsResult<JsString> {
    if is_regexp(vm, v)? {
        return Err(vm.throw_type_error(&format!(
            "First argument to String.prototype.{method} must not be a regular expression"
        )));
    }
    vm.to_string(v)
}

/// String.prototype.endsWith(searchString [, endPosition]) (§22.1.3.7).
fn ends_with(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "endsWith")?;
    let search = search_string_arg(vm, &args.get(0), "endsWith")?;
    let len = s.len();
    let end = if args.get(1).is_undefined() { len } else { clamp_position(vm, &args.get(1), len)? };
    let n = search.len();
    if n > end {
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(s.as_units()[end - n..end] == *search.as_units()))
}

/// String.prototype.startsWith(searchString [, position]) (§22.1.3.24).
fn starts_with(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "startsWith")?;
    let search = search_string_arg(vm, &args.get(0), "startsWith")?;
    let len = s.len();
    let start = clamp_position(vm, &args.get(1), len)?;
    let n = search.len();
    if start + n > len {
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(s.as_units()[start..start + n] == *search.as_units()))
}

/// String.prototype.includes(searchString [, position]) (§22.1.3.8).
fn includes(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "includes")?;
    let search = search_string_arg(vm, &args.get(0), "includes")?;
    let start = clamp_position(vm, &args.get(1), s.len())?;
    Ok(Value::Bool(string_index_of(s.as_units(), search.as_units(), start).is_some()))
}

/// String.prototype.indexOf(searchString [, position]) (§22.1.3.9).
fn index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "indexOf")?;
    let search = vm.to_string(&args.get(0))?;
    let start = clamp_position(vm, &args.get(1), s.len())?;
    Ok(Value::Number(string_index_of(s.as_units(), search.as_units(), start).map(|i| i as f64).unwrap_or(-1.0)))
}

/// String.prototype.lastIndexOf(searchString [, position]) (§22.1.3.11).
fn last_index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "lastIndexOf")?;
    let search = vm.to_string(&args.get(0))?;
    let num_pos = vm.to_number(&args.get(1))?;
    let pos = if num_pos.is_nan() { f64::INFINITY } else { num_pos.trunc() };
    let len = s.len();
    let start = pos.max(0.0).min(len as f64) as usize;
    Ok(Value::Number(
        string_last_index_of(s.as_units(), search.as_units(), start).map(|i| i as f64).unwrap_or(-1.0),
    ))
}

/// Whether the code units are well-formed UTF-16 (no lone surrogates).
fn well_formed(units: &[u16]) -> bool {
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if (0xD800..0xDC00).contains(&u) {
            if i + 1 < units.len() && (0xDC00..0xE000).contains(&units[i + 1]) {
                i += 2;
                continue;
            }
            return false;
        }
        if (0xDC00..0xE000).contains(&u) {
            return false;
        }
        i += 1;
    }
    true
}

/// String.prototype.isWellFormed() (§22.1.3.10).
fn is_well_formed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "isWellFormed")?;
    Ok(Value::Bool(well_formed(s.as_units())))
}

/// String.prototype.toWellFormed() (§22.1.3.31): lone surrogates become U+FFFD.
fn to_well_formed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "toWellFormed")?;
    if well_formed(s.as_units()) {
        return Ok(Value::String(s));
    }
    let units = s.as_units();
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let (cp, n) = code_point_at_units(units, i);
        if (0xD800..0xE000).contains(&cp) {
            out.push(0xFFFD);
        } else {
            push_code_point(&mut out, cp);
        }
        i += n;
    }
    Ok(str_value(out))
}

/// String.prototype.localeCompare(that) (§22.1.3.12). Without locale data this compares
/// case-insensitively first and lets lower case come first on a tie, which is what the root
/// collation does for plain letters; other scripts compare by code units.
fn locale_compare(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "localeCompare")?;
    let that = vm.to_string(&args.get(0))?;
    let a = s.to_rust_lossy();
    let b = that.to_rust_lossy();
    let primary = a.to_lowercase().cmp(&b.to_lowercase());
    let ord = if primary != std::cmp::Ordering::Equal {
        primary
    } else {
        // Lower case sorts before upper case: compare with the case inverted.
        let inv = |t: &str| -> String {
            t.chars().map(|c| if c.is_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
        };
        inv(&a).cmp(&inv(&b))
    };
    Ok(Value::Number(match ord {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    }))
}

/// String.prototype.normalize([form]) (§22.1.3.15). The form is validated; the Unicode
/// composition tables are not built in, so a string is returned unchanged. That is exact for
/// ASCII in every form and for text below U+0300 in NFC.
fn normalize(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "normalize")?;
    let form = args.get(0);
    if !form.is_undefined() {
        let f = vm.to_string(&form)?;
        if !["NFC", "NFD", "NFKC", "NFKD"].iter().any(|n| f.eq_str(n)) {
            return Err(vm.throw_range_error("The normalization form should be one of NFC, NFD, NFKC, NFKD."));
        }
    }
    Ok(Value::String(s))
}

/// StringPad (§22.1.3.17.2) for padStart / padEnd.
fn string_pad(vm: &mut Vm, args: &CallArgs, method: &str, at_start: bool) -> JsResult<Value> {
    let s = this_string(vm, &args.this, method)?;
    let max_length = vm.to_length(&args.get(0))?;
    let len = s.len() as u64;
    if max_length <= len {
        return Ok(Value::String(s));
    }
    let fill = args.get(1);
    let filler = if fill.is_undefined() { JsString::from(" ") } else { vm.to_string(&fill)? };
    if filler.is_empty() {
        return Ok(Value::String(s));
    }
    if max_length > MAX_STRING_LENGTH as u64 {
        return Err(vm.throw_range_error("Invalid string length"));
    }
    let fill_len = (max_length - len) as usize;
    let mut pad: Vec<u16> = Vec::with_capacity(max_length as usize);
    while pad.len() < fill_len {
        let take = (fill_len - pad.len()).min(filler.len());
        pad.extend_from_slice(&filler.as_units()[..take]);
    }
    let out = if at_start {
        pad.extend_from_slice(s.as_units());
        pad
    } else {
        let mut o = s.as_units().to_vec();
        o.extend_from_slice(&pad);
        o
    };
    Ok(str_value(out))
}

/// String.prototype.padEnd(maxLength [, fillString]) (§22.1.3.16).
fn pad_end(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_pad(vm, args, "padEnd", false)
}

/// String.prototype.padStart(maxLength [, fillString]) (§22.1.3.17).
fn pad_start(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_pad(vm, args, "padStart", true)
}

/// String.prototype.repeat(count) (§22.1.3.18).
fn repeat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "repeat")?;
    let n = vm.to_integer_or_infinity(&args.get(0))?;
    if n < 0.0 || n == f64::INFINITY {
        let shown = crate::conversions::number_to_string(n);
        return Err(vm.throw_range_error(&format!("Invalid count value: {shown}")));
    }
    if n == 0.0 || s.is_empty() {
        return Ok(Value::String(JsString::empty()));
    }
    if s.len() as f64 * n > MAX_STRING_LENGTH as f64 {
        return Err(vm.throw_range_error("Invalid string length"));
    }
    Ok(str_value(s.as_units().repeat(n as usize)))
}

/// String.prototype.slice(start, end) (§22.1.3.22).
fn slice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "slice")?;
    let len = s.len() as u64;
    let from = crate::builtins::array::relative_index(vm, &args.get(0), len, 0)? as usize;
    let to = crate::builtins::array::relative_index(vm, &args.get(1), len, len)? as usize;
    if from >= to {
        return Ok(Value::String(JsString::empty()));
    }
    if from == 0 && to == s.len() {
        return Ok(Value::String(s));
    }
    Ok(Value::String(s.substring(from, to)))
}

/// String.prototype.substring(start, end) (§22.1.3.25).
fn substring(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "substring")?;
    let len = s.len();
    let start = clamp_position(vm, &args.get(0), len)?;
    let end = if args.get(1).is_undefined() { len } else { clamp_position(vm, &args.get(1), len)? };
    let (from, to) = (start.min(end), start.max(end));
    Ok(Value::String(s.substring(from, to)))
}

/// String.prototype.substr(start, length) (§B.2.2.1).
fn substr(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "substr")?;
    let size = s.len() as u64;
    let start = crate::builtins::array::relative_index(vm, &args.get(0), size, 0)?;
    let length = args.get(1);
    let int_length =
        if length.is_undefined() { size as f64 } else { vm.to_integer_or_infinity(&length)? };
    let int_length = int_length.max(0.0).min(size as f64);
    let end = ((start as f64 + int_length).min(size as f64)) as usize;
    let start = start as usize;
    if start >= end {
        return Ok(Value::String(JsString::empty()));
    }
    Ok(Value::String(s.substring(start, end)))
}

/// TrimString (§22.1.3.32.1).
fn trim_string(vm: &mut Vm, this: &Value, method: &str, start: bool, end: bool) -> JsResult<Value> {
    let s = this_string(vm, this, method)?;
    let units = s.as_units();
    let mut a = 0;
    let mut b = units.len();
    if start {
        while a < b && is_trimmable(units[a]) {
            a += 1;
        }
    }
    if end {
        while b > a && is_trimmable(units[b - 1]) {
            b -= 1;
        }
    }
    if a == 0 && b == units.len() {
        return Ok(Value::String(s));
    }
    Ok(Value::String(s.substring(a, b)))
}

/// String.prototype.trim() (§22.1.3.32).
fn trim(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    trim_string(vm, &args.this, "trim", true, true)
}

/// String.prototype.trimStart() (§22.1.3.34).
fn trim_start(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    trim_string(vm, &args.this, "trimStart", true, false)
}

/// String.prototype.trimEnd() (§22.1.3.33).
fn trim_end(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    trim_string(vm, &args.this, "trimEnd", false, true)
}

/// Maps the string's well-formed runs through Rust's full Unicode case mapping (which knows the
/// special cases: 'ß' → "SS", final sigma, ...); lone surrogates are kept as they are.
fn map_case(units: &[u16], upper: bool) -> Vec<u16> {
    // ASCII fast path.
    if units.iter().all(|&u| u < 0x80) {
        return units
            .iter()
            .map(|&u| {
                let b = u as u8;
                (if upper { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() }) as u16
            })
            .collect();
    }
    let mut out = Vec::with_capacity(units.len());
    let mut run_start = 0;
    let mut i = 0;
    let flush = |out: &mut Vec<u16>, run: &[u16]| {
        if run.is_empty() {
            return;
        }
        let text = String::from_utf16_lossy(run);
        let mapped = if upper { text.to_uppercase() } else { text.to_lowercase() };
        out.extend(mapped.encode_utf16());
    };
    while i < units.len() {
        let (cp, n) = code_point_at_units(units, i);
        if (0xD800..0xE000).contains(&cp) {
            flush(&mut out, &units[run_start..i]);
            out.push(cp as u16);
            run_start = i + 1;
        }
        i += n;
    }
    flush(&mut out, &units[run_start..]);
    out
}

/// String.prototype.toLowerCase() (§22.1.3.28), also toLocaleLowerCase.
fn to_lower_case(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "toLowerCase")?;
    Ok(str_value(map_case(s.as_units(), false)))
}

/// String.prototype.toUpperCase() (§22.1.3.30), also toLocaleUpperCase.
fn to_upper_case(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "toUpperCase")?;
    Ok(str_value(map_case(s.as_units(), true)))
}

/// String.prototype[@@iterator]() (§22.1.3.36).
fn string_iterator(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_string(vm, &args.this, "[Symbol.iterator]")?;
    Ok(Value::Object(create_string_iterator(vm, s)))
}

// ----- the pattern methods -----------------------------------------------------------------------

/// RequireObjectCoercible(this) for the pattern methods (the value itself is kept: a regexp's
/// @@method receives it unconverted).
fn require_coercible(vm: &mut Vm, this: &Value, method: &str) -> JsResult<Value> {
    if this.is_nullish() {
        return Err(vm.throw_type_error(&format!("String.prototype.{method} called on null or undefined")));
    }
    Ok(this.clone())
}

/// Calls `arg[@@symbol](o, ...)` when the argument is an object with that method (step 2 of
/// match/replace/...).
fn delegate(vm: &mut Vm, arg: &Value, symbol: crate::symbol::Symbol, call_args: &[Value]) -> JsResult<Option<Value>> {
    // Only objects are asked (a string primitive's @@match etc. from String.prototype is not).
    if !arg.is_object() {
        return Ok(None);
    }
    match vm.get_method(arg, &PropertyKey::Symbol(symbol))? {
        Some(m) => Ok(Some(vm.call(&m, arg.clone(), call_args)?)),
        None => Ok(None),
    }
}

/// String.prototype.match(regexp) (§22.1.3.13).
fn match_(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_coercible(vm, &args.this, "match")?;
    let regexp = args.get(0);
    let sym = vm.symbols.match_.clone();
    if let Some(r) = delegate(vm, &regexp, sym.clone(), std::slice::from_ref(&o))? {
        return Ok(r);
    }
    let s = vm.to_string(&o)?;
    let rx = regexp_create_from_values(vm, &regexp, &Value::Undefined)?;
    vm.invoke(&Value::Object(rx), &PropertyKey::Symbol(sym), &[Value::String(s)])
}

/// Whether a regexp argument's `flags` contain "g" (matchAll / replaceAll require it).
fn require_global_flag(vm: &mut Vm, regexp: &Value, method: &str) -> JsResult<()> {
    if is_regexp(vm, regexp)? {
        let flags = vm.get_v(regexp, &PropertyKey::from("flags"))?;
        if flags.is_nullish() {
            return Err(vm.throw_type_error(&format!("String.prototype.{method} called on null or undefined")));
        }
        let f = vm.to_string(&flags)?;
        if !f.as_units().contains(&(b'g' as u16)) {
            return Err(vm.throw_type_error(&format!(
                "String.prototype.{method} called with a non-global RegExp argument"
            )));
        }
    }
    Ok(())
}

/// String.prototype.matchAll(regexp) (§22.1.3.14).
fn match_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_coercible(vm, &args.this, "matchAll")?;
    let regexp = args.get(0);
    if !regexp.is_nullish() {
        require_global_flag(vm, &regexp, "matchAll")?;
    }
    let sym = vm.symbols.match_all.clone();
    if let Some(r) = delegate(vm, &regexp, sym.clone(), std::slice::from_ref(&o))? {
        return Ok(r);
    }
    let s = vm.to_string(&o)?;
    let rx = regexp_create_from_values(vm, &regexp, &Value::from("g"))?;
    vm.invoke(&Value::Object(rx), &PropertyKey::Symbol(sym), &[Value::String(s)])
}

/// String.prototype.search(regexp) (§22.1.3.21).
fn search(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_coercible(vm, &args.this, "search")?;
    let regexp = args.get(0);
    let sym = vm.symbols.search.clone();
    if let Some(r) = delegate(vm, &regexp, sym.clone(), std::slice::from_ref(&o))? {
        return Ok(r);
    }
    let s = vm.to_string(&o)?;
    let rx = regexp_create_from_values(vm, &regexp, &Value::Undefined)?;
    vm.invoke(&Value::Object(rx), &PropertyKey::Symbol(sym), &[Value::String(s)])
}

/// GetSubstitution(matched, str, position, captures, namedCaptures, replacementTemplate)
/// (§22.1.3.19.1). `captures` hold strings or undefined.
pub fn get_substitution(
    vm: &mut Vm,
    matched: &[u16],
    s: &[u16],
    position: usize,
    captures: &[Value],
    named_captures: &Value,
    template: &[u16],
) -> JsResult<Vec<u16>> {
    let dollar = b'$' as u16;
    let mut result: Vec<u16> = Vec::with_capacity(template.len());
    let string_length = s.len();
    let mut i = 0;
    let is_digit = |u: u16| (b'0' as u16..=b'9' as u16).contains(&u);
    while i < template.len() {
        let c = template[i];
        if c != dollar || i + 1 >= template.len() {
            result.push(c);
            i += 1;
            continue;
        }
        let next = template[i + 1];
        match next {
            // $$
            _ if next == dollar => {
                result.push(dollar);
                i += 2;
            }
            // $` : the part before the match.
            0x60 => {
                result.extend_from_slice(&s[..position.min(string_length)]);
                i += 2;
            }
            // $& : the match.
            0x26 => {
                result.extend_from_slice(matched);
                i += 2;
            }
            // $' : the part after the match.
            0x27 => {
                let tail = (position + matched.len()).min(string_length);
                result.extend_from_slice(&s[tail..]);
                i += 2;
            }
            // $n / $nn
            d if is_digit(d) => {
                let two = i + 2 < template.len() && is_digit(template[i + 2]);
                let mut digit_count = if two { 2 } else { 1 };
                let mut index = (d - b'0' as u16) as usize;
                if two {
                    index = index * 10 + (template[i + 2] - b'0' as u16) as usize;
                }
                let capture_len = captures.len();
                if index > capture_len && digit_count == 2 {
                    digit_count = 1;
                    index = (d - b'0' as u16) as usize;
                }
                if (1..=capture_len).contains(&index) {
                    let capture = &captures[index - 1];
                    if !capture.is_undefined() {
                        let cs = vm.to_string(capture)?;
                        result.extend_from_slice(cs.as_units());
                    }
                } else {
                    result.extend_from_slice(&template[i..i + 1 + digit_count]);
                }
                i += 1 + digit_count;
            }
            // $<name>
            0x3C => {
                let gt = template[i..].iter().position(|&u| u == b'>' as u16);
                match (gt, named_captures.is_undefined()) {
                    (Some(gt), false) => {
                        let group_name = JsString::from_slice(&template[i + 2..i + gt]);
                        let capture = vm.get_v(named_captures, &PropertyKey::from_string(group_name))?;
                        if !capture.is_undefined() {
                            let cs = vm.to_string(&capture)?;
                            result.extend_from_slice(cs.as_units());
                        }
                        i += gt + 1;
                    }
                    _ => {
                        result.extend_from_slice(&template[i..i + 2]);
                        i += 2;
                    }
                }
            }
            _ => {
                result.push(dollar);
                i += 1;
            }
        }
    }
    Ok(result)
}

/// String.prototype.replace(searchValue, replaceValue) (§22.1.3.19).
fn replace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_coercible(vm, &args.this, "replace")?;
    let search_value = args.get(0);
    let replace_value = args.get(1);
    let sym = vm.symbols.replace.clone();
    if let Some(r) = delegate(vm, &search_value, sym, &[o.clone(), replace_value.clone()])? {
        return Ok(r);
    }
    let string = vm.to_string(&o)?;
    let search_string = vm.to_string(&search_value)?;
    let functional = vm.is_callable(&replace_value);
    let template = if functional { None } else { Some(vm.to_string(&replace_value)?) };
    let Some(position) = string_index_of(string.as_units(), search_string.as_units(), 0) else {
        return Ok(Value::String(string));
    };
    let units = string.as_units();
    let replacement = match &template {
        None => {
            let r = vm.call(
                &replace_value,
                Value::Undefined,
                &[Value::String(search_string.clone()), Value::Number(position as f64), Value::String(string.clone())],
            )?;
            vm.to_string(&r)?.as_units().to_vec()
        }
        Some(t) => get_substitution(vm, search_string.as_units(), units, position, &[], &Value::Undefined, t.as_units())?,
    };
    let mut out = Vec::with_capacity(units.len() + replacement.len());
    out.extend_from_slice(&units[..position]);
    out.extend_from_slice(&replacement);
    out.extend_from_slice(&units[position + search_string.len()..]);
    Ok(str_value(out))
}

/// String.prototype.replaceAll(searchValue, replaceValue) (§22.1.3.20).
fn replace_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_coercible(vm, &args.this, "replaceAll")?;
    let search_value = args.get(0);
    let replace_value = args.get(1);
    if !search_value.is_nullish() {
        require_global_flag(vm, &search_value, "replaceAll")?;
    }
    let sym = vm.symbols.replace.clone();
    if let Some(r) = delegate(vm, &search_value, sym, &[o.clone(), replace_value.clone()])? {
        return Ok(r);
    }
    let string = vm.to_string(&o)?;
    let search_string = vm.to_string(&search_value)?;
    let functional = vm.is_callable(&replace_value);
    let template = if functional { None } else { Some(vm.to_string(&replace_value)?) };
    let search_length = search_string.len();
    let advance_by = search_length.max(1);
    let units = string.as_units();
    let mut positions = Vec::new();
    let mut position = string_index_of(units, search_string.as_units(), 0);
    while let Some(p) = position {
        positions.push(p);
        position = string_index_of(units, search_string.as_units(), p + advance_by);
    }
    let mut end_of_last_match = 0;
    let mut result: Vec<u16> = Vec::with_capacity(units.len());
    for p in positions {
        result.extend_from_slice(&units[end_of_last_match..p]);
        match &template {
            None => {
                let r = vm.call(
                    &replace_value,
                    Value::Undefined,
                    &[Value::String(search_string.clone()), Value::Number(p as f64), Value::String(string.clone())],
                )?;
                let rs = vm.to_string(&r)?;
                result.extend_from_slice(rs.as_units());
            }
            Some(t) => {
                let sub = get_substitution(vm, search_string.as_units(), units, p, &[], &Value::Undefined, t.as_units())?;
                result.extend_from_slice(&sub);
            }
        }
        if result.len() > MAX_STRING_LENGTH {
            return Err(vm.throw_range_error("Invalid string length"));
        }
        end_of_last_match = p + search_length;
    }
    if end_of_last_match < units.len() {
        result.extend_from_slice(&units[end_of_last_match..]);
    }
    Ok(str_value(result))
}

/// String.prototype.split(separator, limit) (§22.1.3.23).
fn split(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_coercible(vm, &args.this, "split")?;
    let separator = args.get(0);
    let limit = args.get(1);
    let sym = vm.symbols.split.clone();
    if let Some(r) = delegate(vm, &separator, sym, &[o.clone(), limit.clone()])? {
        return Ok(r);
    }
    let s = vm.to_string(&o)?;
    let lim = if limit.is_undefined() { u32::MAX } else { vm.to_uint32(&limit)? } as usize;
    let r = vm.to_string(&separator)?;
    if lim == 0 {
        return Ok(Value::Object(vm.create_array_from_list(Vec::new())));
    }
    if separator.is_undefined() {
        return Ok(Value::Object(vm.create_array_from_list(vec![Value::String(s)])));
    }
    let units = s.as_units();
    let sep = r.as_units();
    if sep.is_empty() {
        let parts: Vec<Value> = units.iter().take(lim).map(|&u| str_value(vec![u])).collect();
        return Ok(Value::Object(vm.create_array_from_list(parts)));
    }
    if units.is_empty() {
        return Ok(Value::Object(vm.create_array_from_list(vec![Value::String(s)])));
    }
    let mut parts = Vec::new();
    let mut i = 0;
    let mut j = string_index_of(units, sep, 0);
    while let Some(jj) = j {
        parts.push(Value::String(JsString::from_slice(&units[i..jj])));
        if parts.len() >= lim {
            return Ok(Value::Object(vm.create_array_from_list(parts)));
        }
        i = jj + sep.len();
        j = string_index_of(units, sep, i);
    }
    parts.push(Value::String(JsString::from_slice(&units[i..])));
    Ok(Value::Object(vm.create_array_from_list(parts)))
}

// ----- Annex B HTML methods ----------------------------------------------------------------------

/// CreateHTML(string, tag, attribute, value) (§B.2.2.2.1).
fn create_html(vm: &mut Vm, this: &Value, method: &str, tag: &str, attribute: Option<(&str, &Value)>) -> JsResult<Value> {
    let s = this_string(vm, this, method)?;
    let mut out: Vec<u16> = Vec::new();
    out.push(b'<' as u16);
    out.extend(tag.encode_utf16());
    if let Some((name, value)) = attribute {
        let v = vm.to_string(value)?;
        out.push(b' ' as u16);
        out.extend(name.encode_utf16());
        out.extend("=\"".encode_utf16());
        for &u in v.as_units() {
            if u == b'"' as u16 {
                out.extend("&quot;".encode_utf16());
            } else {
                out.push(u);
            }
        }
        out.push(b'"' as u16);
    }
    out.push(b'>' as u16);
    out.extend_from_slice(s.as_units());
    out.extend("</".encode_utf16());
    out.extend(tag.encode_utf16());
    out.push(b'>' as u16);
    Ok(str_value(out))
}

macro_rules! html_method {
    ($fn_name:ident, $method:literal, $tag:literal) => {
        #[doc = concat!("String.prototype.", $method, "() (Annex B.2.2).")]
        fn $fn_name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
            create_html(vm, &args.this, $method, $tag, None)
        }
    };
    ($fn_name:ident, $method:literal, $tag:literal, $attr:literal) => {
        #[doc = concat!("String.prototype.", $method, "(", $attr, ") (Annex B.2.2).")]
        fn $fn_name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
            let v = args.get(0);
            create_html(vm, &args.this, $method, $tag, Some(($attr, &v)))
        }
    };
}

html_method!(anchor, "anchor", "a", "name");
html_method!(big, "big", "big");
html_method!(blink, "blink", "blink");
html_method!(bold, "bold", "b");
html_method!(fixed, "fixed", "tt");
html_method!(fontcolor, "fontcolor", "font", "color");
html_method!(fontsize, "fontsize", "font", "size");
html_method!(italics, "italics", "i");
html_method!(link, "link", "a", "href");
html_method!(small, "small", "small");
html_method!(strike, "strike", "strike");
html_method!(sub, "sub", "sub");
html_method!(sup, "sup", "sup");
