//! The properties of %Array.prototype% (§23.1.3).
//!
//! Every method is generic, as the spec has it: it works on any object through Get, Set,
//! HasProperty and DeletePropertyOrThrow. Plain arrays take fast paths only where the result
//! cannot be told apart: reading an own dense element (no hole) is exactly HasProperty + Get,
//! appending to a fresh array is exactly CreateDataProperty, and the whole-array rewrites
//! (push, pop, splice, ...) check first that the array has no holes, writable length, and that
//! no prototype could intercept an index.

use std::cell::RefCell;

use crate::builtins::array::{
    array_create, array_species_create, create_data_index, delete_index, get_index, get_index_if_present,
    relative_index, require_callable, set_index, set_length, species_is_default,
    this_to_object, MAX_SAFE_LENGTH,
};
use crate::builtins::array_iterator::{create_array_iterator, ArrayIterationKind};
use crate::builtins::array_sort::sort_values;
use crate::conversions::{number_to_string, same_value_zero, is_strictly_equal};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm, proto: ObjRef) {
    // In V8's property order (what Object.getOwnPropertyNames shows).
    vm.define_method(proto, "at", 1, at);
    vm.define_method(proto, "concat", 1, concat);
    vm.define_method(proto, "copyWithin", 2, copy_within);
    vm.define_method(proto, "fill", 1, fill);
    vm.define_method(proto, "find", 1, find);
    vm.define_method(proto, "findIndex", 1, find_index);
    vm.define_method(proto, "findLast", 1, find_last);
    vm.define_method(proto, "findLastIndex", 1, find_last_index);
    vm.define_method(proto, "lastIndexOf", 1, last_index_of);
    vm.define_method(proto, "pop", 0, pop);
    vm.define_method(proto, "push", 1, push);
    vm.define_method(proto, "reverse", 0, reverse);
    vm.define_method(proto, "shift", 0, shift);
    vm.define_method(proto, "unshift", 1, unshift);
    vm.define_method(proto, "slice", 2, slice);
    vm.define_method(proto, "sort", 1, sort);
    vm.define_method(proto, "splice", 2, splice);
    vm.define_method(proto, "includes", 1, includes);
    vm.define_method(proto, "indexOf", 1, index_of);
    vm.define_method(proto, "join", 1, join);
    vm.define_method(proto, "keys", 0, keys);
    vm.define_method(proto, "entries", 0, entries);
    let values_fn = vm.define_method(proto, "values", 0, values);
    vm.define_method(proto, "forEach", 1, for_each);
    vm.define_method(proto, "filter", 1, filter);
    vm.define_method(proto, "flat", 0, flat);
    vm.define_method(proto, "flatMap", 1, flat_map);
    vm.define_method(proto, "map", 1, map);
    vm.define_method(proto, "every", 1, every);
    vm.define_method(proto, "some", 1, some);
    vm.define_method(proto, "reduce", 1, reduce);
    vm.define_method(proto, "reduceRight", 1, reduce_right);
    vm.define_method(proto, "toLocaleString", 0, to_locale_string);
    vm.define_method(proto, "toString", 0, to_string);
    vm.define_method(proto, "toReversed", 0, to_reversed);
    vm.define_method(proto, "toSorted", 1, to_sorted);
    vm.define_method(proto, "toSpliced", 2, to_spliced);
    vm.define_method(proto, "with", 2, with);
    // %Array.prototype.values% is also %Array.prototype%[@@iterator] (§23.1.3.40).
    vm.realm.set_intrinsic(Intrinsic::ArrayPrototypeValues, values_fn);
    let iter_key = PropertyKey::Symbol(vm.symbols.iterator.clone());
    vm.define_value(proto, iter_key, Value::Object(values_fn), attrs::BUILTIN);
    // Array.prototype[@@unscopables] (§23.1.3.41): a null-prototype object of `true`s (in V8's
    // order).
    let unscopables = vm.new_object_with_proto(None);
    for name in [
        "at", "copyWithin", "entries", "fill", "find", "findIndex", "findLast", "findLastIndex", "flat",
        "flatMap", "includes", "keys", "values", "toReversed", "toSorted", "toSpliced",
    ] {
        vm.define_value(unscopables, PropertyKey::from(name), Value::Bool(true), attrs::ALL);
    }
    let key = PropertyKey::Symbol(vm.symbols.unscopables.clone());
    vm.define_value(proto, key, Value::Object(unscopables), attrs::CONFIGURABLE);
}

// ----- helpers -----------------------------------------------------------------------------------

fn num(n: u64) -> Value {
    Value::Number(n as f64)
}

/// Whether no object on `o`'s prototype chain has an element at `key` (or could produce one:
/// only ordinary objects and arrays are looked through; anything else answers false).
fn protos_lack_index(vm: &Vm, o: ObjRef, key: &PropertyKey) -> bool {
    let mut p = vm.heap.get(o).proto;
    while let Some(pr) = p {
        let obj = vm.heap.get(pr);
        match (&obj.kind, key) {
            (ObjectKind::Array(a), PropertyKey::Index(i)) => {
                if a.dense.get(*i as usize).is_some_and(|v| !v.is_empty()) {
                    return false;
                }
            }
            (ObjectKind::Ordinary, _) => {}
            _ => return false,
        }
        if obj.props.contains_key(key) {
            return false;
        }
        p = obj.proto;
    }
    true
}

/// Whether no prototype of `o` has an element in `from..to` (the indices a rewrite would
/// create): then writing them defines own elements without running code.
fn protos_lack_indices(vm: &Vm, o: ObjRef, from: u64, to: u64) -> bool {
    if to - from > 64 {
        return protos_have_no_elements(vm, o);
    }
    (from..to).all(|k| k < u32::MAX as u64 && protos_lack_index(vm, o, &PropertyKey::Index(k as u32)))
}

/// The smallest index `>= from` (or `len`) at which `o` may have an element, so that loops
/// over a sparse array skip its holes. Exact only for arrays whose prototypes have no elements
/// (then an absent own element is absent); otherwise `from` itself.
fn next_candidate(vm: &Vm, o: ObjRef, from: u64, len: u64) -> u64 {
    let obj = vm.heap.get(o);
    let ObjectKind::Array(a) = &obj.kind else { return from };
    if from >= len || !protos_have_no_elements(vm, o) {
        return from;
    }
    let mut best = len;
    if (from as usize) < a.dense.len() {
        if let Some(p) = a.dense[from as usize..].iter().position(|v| !v.is_empty()) {
            best = from + p as u64;
        }
    }
    for k in obj.props.keys() {
        if let PropertyKey::Index(i) = k {
            let i = *i as u64;
            if i >= from && i < best {
                best = i;
            }
        }
    }
    best
}

/// The largest index `<= from` at which `o` may have an element (`None`: there is none), the
/// mirror of `next_candidate` for the loops that run backwards.
fn prev_candidate(vm: &Vm, o: ObjRef, from: u64) -> Option<u64> {
    let obj = vm.heap.get(o);
    let ObjectKind::Array(a) = &obj.kind else { return Some(from) };
    if !protos_have_no_elements(vm, o) {
        return Some(from);
    }
    let mut best: Option<u64> = None;
    let dense_end = (a.dense.len() as u64).min(from + 1) as usize;
    if let Some(p) = a.dense[..dense_end].iter().rposition(|v| !v.is_empty()) {
        best = Some(p as u64);
    }
    for k in obj.props.keys() {
        if let PropertyKey::Index(i) = k {
            let i = *i as u64;
            if i <= from && best.is_none_or(|b| i > b) {
                best = Some(i);
            }
        }
    }
    best
}

/// Whether `o` is an extensible array with a writable length, no holes and no elements outside
/// its dense storage: then reading, writing and deleting its elements below `length` runs no code
/// and cannot fail, and whole-array rewrites may work on the vector directly.
fn is_packed_array(vm: &Vm, o: ObjRef) -> bool {
    let obj = vm.heap.get(o);
    match &obj.kind {
        ObjectKind::Array(a) => {
            obj.extensible
                && a.length_writable
                && a.dense.len() == a.length as usize
                && !a.dense.iter().any(Value::is_empty)
                && !obj.props.keys().any(|k| matches!(k, PropertyKey::Index(_)))
        }
        _ => false,
    }
}

fn dense_mut(vm: &mut Vm, o: ObjRef) -> Option<&mut crate::object::ArrayData> {
    match &mut vm.heap.get_mut(o).kind {
        ObjectKind::Array(a) => Some(a),
        _ => None,
    }
}

/// The arguments of the callback-taking iteration methods: the callback and thisArg.
fn callback_args(vm: &mut Vm, args: &CallArgs) -> JsResult<(Value, Value)> {
    let f = args.get(0);
    require_callable(vm, &f)?;
    Ok((f, args.get(1)))
}

// ----- methods -----------------------------------------------------------------------------------

/// Array.prototype.at(index) (§23.1.3.1).
fn at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    let len = vm.length_of_array_like(o)?;
    let rel = vm.to_integer_or_infinity(&args.get(0))?;
    let k = if rel >= 0.0 { rel } else { len as f64 + rel };
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::Undefined);
    }
    get_index(vm, o, k as u64)
}

/// IsConcatSpreadable (§23.1.3.2.1).
fn is_concat_spreadable(vm: &mut Vm, v: &Value) -> JsResult<bool> {
    let Value::Object(o) = v else { return Ok(false) };
    let key = PropertyKey::Symbol(vm.symbols.is_concat_spreadable.clone());
    let spreadable = vm.get(*o, &key)?;
    if !spreadable.is_undefined() {
        return Ok(vm.to_boolean(&spreadable));
    }
    vm.is_array(v)
}

/// Array.prototype.concat(...items) (§23.1.3.2).
fn concat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.concat")?;
    let a = array_species_create(vm, o, 0)?;
    let mut n: u64 = 0;
    let mut items = Vec::with_capacity(args.len() + 1);
    items.push(Value::Object(o));
    items.extend(args.args.iter().cloned());
    for e in items {
        if is_concat_spreadable(vm, &e)? {
            let Value::Object(eo) = e else { continue };
            let len = vm.length_of_array_like(eo)?;
            if n + len > MAX_SAFE_LENGTH {
                return Err(vm.throw_type_error("Invalid array length"));
            }
            // A sparse array is walked by its own keys rather than by every index.
            if len > 1 << 20 && vm.heap.get(eo).is_array() && protos_have_no_elements(vm, eo) {
                let keys = vm.own_property_keys(eo)?;
                for key in keys {
                    if let PropertyKey::Index(k) = key {
                        if (k as u64) < len {
                            let v = vm.get(eo, &PropertyKey::Index(k))?;
                            create_data_index(vm, a, n + k as u64, v)?;
                        }
                    }
                }
                n += len;
                continue;
            }
            for k in 0..len {
                if let Some(v) = get_index_if_present(vm, eo, k)? {
                    create_data_index(vm, a, n, v)?;
                }
                n += 1;
            }
        } else {
            if n >= MAX_SAFE_LENGTH {
                return Err(vm.throw_type_error("Invalid array length"));
            }
            create_data_index(vm, a, n, e)?;
            n += 1;
        }
    }
    set_length(vm, a, n)?;
    Ok(Value::Object(a))
}

/// Whether no prototype of `o` has any element (so HasProperty on an index is an own lookup).
fn protos_have_no_elements(vm: &Vm, o: ObjRef) -> bool {
    let mut p = vm.heap.get(o).proto;
    while let Some(pr) = p {
        let obj = vm.heap.get(pr);
        match &obj.kind {
            ObjectKind::Array(a) if a.dense.is_empty() => {}
            ObjectKind::Ordinary => {}
            _ => return false,
        }
        if obj.props.keys().any(|k| matches!(k, PropertyKey::Index(_))) {
            return false;
        }
        p = obj.proto;
    }
    true
}

/// Array.prototype.copyWithin(target, start [, end]) (§23.1.3.4).
fn copy_within(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.copyWithin")?;
    let len = vm.length_of_array_like(o)?;
    let to = relative_index(vm, &args.get(0), len, 0)?;
    let from = relative_index(vm, &args.get(1), len, 0)?;
    let fin = relative_index(vm, &args.get(2), len, len)?;
    // 11. Let count be min(final - from, len - to).
    let count = fin.saturating_sub(from).min(len - to);
    let (mut from, mut to, mut count) = (from, to, count);
    // 12. Copy backwards when the ranges overlap that way.
    let backwards = from < to && to < from + count;
    if backwards {
        from = from + count - 1;
        to = to + count - 1;
    }
    while count > 0 {
        match get_index_if_present(vm, o, from)? {
            Some(v) => set_index(vm, o, to, v)?,
            None => delete_index(vm, o, to)?,
        }
        if backwards {
            from = from.wrapping_sub(1);
            to = to.wrapping_sub(1);
        } else {
            from += 1;
            to += 1;
        }
        count -= 1;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.entries() (§23.1.3.5).
fn entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    Ok(Value::Object(create_array_iterator(vm, o, ArrayIterationKind::KeyValue)))
}

/// Array.prototype.keys() (§23.1.3.19).
fn keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    Ok(Value::Object(create_array_iterator(vm, o, ArrayIterationKind::Key)))
}

/// Array.prototype.values() (§23.1.3.37).
fn values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    Ok(Value::Object(create_array_iterator(vm, o, ArrayIterationKind::Value)))
}

/// Array.prototype.every(callbackfn [, thisArg]) (§23.1.3.6).
fn every(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.every")?;
    let len = vm.length_of_array_like(o)?;
    let (f, this_arg) = callback_args(vm, args)?;
    let mut k = 0;
    while k < len {
        let Some(v) = get_index_if_present(vm, o, k)? else {
            k = next_candidate(vm, o, k + 1, len);
            continue;
        };
        let r = vm.call(&f, this_arg.clone(), &[v, num(k), Value::Object(o)])?;
        if !vm.to_boolean(&r) {
            return Ok(Value::Bool(false));
        }
        k += 1;
    }
    Ok(Value::Bool(true))
}

/// Array.prototype.some(callbackfn [, thisArg]) (§23.1.3.29).
fn some(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.some")?;
    let len = vm.length_of_array_like(o)?;
    let (f, this_arg) = callback_args(vm, args)?;
    let mut k = 0;
    while k < len {
        let Some(v) = get_index_if_present(vm, o, k)? else {
            k = next_candidate(vm, o, k + 1, len);
            continue;
        };
        let r = vm.call(&f, this_arg.clone(), &[v, num(k), Value::Object(o)])?;
        if vm.to_boolean(&r) {
            return Ok(Value::Bool(true));
        }
        k += 1;
    }
    Ok(Value::Bool(false))
}

/// Array.prototype.forEach(callbackfn [, thisArg]) (§23.1.3.15).
fn for_each(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.forEach")?;
    let len = vm.length_of_array_like(o)?;
    let (f, this_arg) = callback_args(vm, args)?;
    let mut k = 0;
    while k < len {
        let Some(v) = get_index_if_present(vm, o, k)? else {
            k = next_candidate(vm, o, k + 1, len);
            continue;
        };
        vm.call(&f, this_arg.clone(), &[v, num(k), Value::Object(o)])?;
        k += 1;
    }
    Ok(Value::Undefined)
}

/// Array.prototype.map(callbackfn [, thisArg]) (§23.1.3.21).
fn map(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.map")?;
    let len = vm.length_of_array_like(o)?;
    let (f, this_arg) = callback_args(vm, args)?;
    let a = array_species_create(vm, o, len)?;
    let mut k = 0;
    while k < len {
        let Some(v) = get_index_if_present(vm, o, k)? else {
            k = next_candidate(vm, o, k + 1, len);
            continue;
        };
        let mapped = vm.call(&f, this_arg.clone(), &[v, num(k), Value::Object(o)])?;
        create_data_index(vm, a, k, mapped)?;
        k += 1;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.filter(callbackfn [, thisArg]) (§23.1.3.8).
fn filter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.filter")?;
    let len = vm.length_of_array_like(o)?;
    let (f, this_arg) = callback_args(vm, args)?;
    let a = array_species_create(vm, o, 0)?;
    let mut to = 0;
    let mut k = 0;
    while k < len {
        let Some(v) = get_index_if_present(vm, o, k)? else {
            k = next_candidate(vm, o, k + 1, len);
            continue;
        };
        let selected = vm.call(&f, this_arg.clone(), &[v.clone(), num(k), Value::Object(o)])?;
        if vm.to_boolean(&selected) {
            create_data_index(vm, a, to, v)?;
            to += 1;
        }
        k += 1;
    }
    Ok(Value::Object(a))
}

/// FindViaPredicate (§23.1.3.12.1): `(index, value)` of the first match in the direction.
fn find_via_predicate(vm: &mut Vm, args: &CallArgs, name: &str, ascending: bool) -> JsResult<(f64, Value)> {
    let o = this_to_object(vm, &args.this, name)?;
    let len = vm.length_of_array_like(o)?;
    let (f, this_arg) = callback_args(vm, args)?;
    for i in 0..len {
        let k = if ascending { i } else { len - 1 - i };
        let v = get_index(vm, o, k)?;
        let r = vm.call(&f, this_arg.clone(), &[v.clone(), num(k), Value::Object(o)])?;
        if vm.to_boolean(&r) {
            return Ok((k as f64, v));
        }
    }
    Ok((-1.0, Value::Undefined))
}

/// Array.prototype.find (§23.1.3.9).
fn find(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(find_via_predicate(vm, args, "Array.prototype.find", true)?.1)
}

/// Array.prototype.findIndex (§23.1.3.10).
fn find_index(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(find_via_predicate(vm, args, "Array.prototype.findIndex", true)?.0))
}

/// Array.prototype.findLast (§23.1.3.11).
fn find_last(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(find_via_predicate(vm, args, "Array.prototype.findLast", false)?.1)
}

/// Array.prototype.findLastIndex (§23.1.3.12).
fn find_last_index(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(find_via_predicate(vm, args, "Array.prototype.findLastIndex", false)?.0))
}

/// Array.prototype.fill(value [, start [, end]]) (§23.1.3.7).
fn fill(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.fill")?;
    let len = vm.length_of_array_like(o)?;
    let value = args.get(0);
    let k = relative_index(vm, &args.get(1), len, 0)?;
    let fin = relative_index(vm, &args.get(2), len, len)?;
    if k < fin && is_packed_array(vm, o) {
        if let Some(a) = dense_mut(vm, o) {
            for slot in &mut a.dense[k as usize..fin as usize] {
                *slot = value.clone();
            }
        }
        return Ok(Value::Object(o));
    }
    for i in k..fin {
        set_index(vm, o, i, value.clone())?;
    }
    Ok(Value::Object(o))
}

/// FlattenIntoArray (§23.1.3.13.1). `depth` is a number (may be +∞); `level` bounds recursion.
#[allow(clippy::too_many_arguments)]
fn flatten_into_array(
    vm: &mut Vm,
    target: ObjRef,
    source: ObjRef,
    source_len: u64,
    start: u64,
    depth: f64,
    mapper: Option<(&Value, &Value)>,
    level: u32,
) -> JsResult<u64> {
    if level > 5000 {
        return Err(vm.throw_range_error("Maximum call stack size exceeded"));
    }
    let mut target_index = start;
    for source_index in 0..source_len {
        let Some(mut element) = get_index_if_present(vm, source, source_index)? else { continue };
        if let Some((f, this_arg)) = mapper {
            element = vm.call(f, this_arg.clone(), &[element, num(source_index), Value::Object(source)])?;
        }
        let should_flatten = depth > 0.0 && vm.is_array(&element)?;
        if let (true, Value::Object(eo)) = (should_flatten, &element) {
            let new_depth = if depth == f64::INFINITY { depth } else { depth - 1.0 };
            let element_len = vm.length_of_array_like(*eo)?;
            target_index = flatten_into_array(vm, target, *eo, element_len, target_index, new_depth, None, level + 1)?;
        } else {
            if target_index >= MAX_SAFE_LENGTH {
                return Err(vm.throw_type_error("Invalid array length"));
            }
            create_data_index(vm, target, target_index, element)?;
            target_index += 1;
        }
    }
    Ok(target_index)
}

/// Array.prototype.flat([depth]) (§23.1.3.13).
fn flat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.flat")?;
    let source_len = vm.length_of_array_like(o)?;
    let depth_arg = args.get(0);
    let depth = if depth_arg.is_undefined() {
        1.0
    } else {
        let d = vm.to_integer_or_infinity(&depth_arg)?;
        if d < 0.0 {
            0.0
        } else {
            d
        }
    };
    let a = array_species_create(vm, o, 0)?;
    flatten_into_array(vm, a, o, source_len, 0, depth, None, 0)?;
    Ok(Value::Object(a))
}

/// Array.prototype.flatMap(mapperFunction [, thisArg]) (§23.1.3.14).
fn flat_map(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.flatMap")?;
    let source_len = vm.length_of_array_like(o)?;
    let (f, this_arg) = callback_args(vm, args)?;
    let a = array_species_create(vm, o, 0)?;
    flatten_into_array(vm, a, o, source_len, 0, 1.0, Some((&f, &this_arg)), 0)?;
    Ok(Value::Object(a))
}

/// Array.prototype.includes(searchElement [, fromIndex]) (§23.1.3.16).
fn includes(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.includes")?;
    let len = vm.length_of_array_like(o)?;
    if len == 0 {
        return Ok(Value::Bool(false));
    }
    let target = args.get(0);
    let start = relative_index(vm, &args.get(1), len, 0)?;
    for k in start..len {
        let v = get_index(vm, o, k)?;
        if same_value_zero(&v, &target) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// Array.prototype.indexOf(searchElement [, fromIndex]) (§23.1.3.17).
fn index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.indexOf")?;
    let len = vm.length_of_array_like(o)?;
    if len == 0 {
        return Ok(Value::Number(-1.0));
    }
    let target = args.get(0);
    let start = relative_index(vm, &args.get(1), len, 0)?;
    // Own dense elements are compared in place (strict equality runs no code); the generic loop
    // takes over at the first hole or past the dense part.
    let mut k = start;
    if let ObjectKind::Array(a) = &vm.heap.get(o).kind {
        let end = (a.dense.len() as u64).min(len);
        while k < end {
            let v = &a.dense[k as usize];
            if v.is_empty() {
                break;
            }
            if is_strictly_equal(v, &target) {
                return Ok(num(k));
            }
            k += 1;
        }
    }
    while k < len {
        let Some(v) = get_index_if_present(vm, o, k)? else {
            k = next_candidate(vm, o, k + 1, len);
            continue;
        };
        if is_strictly_equal(&v, &target) {
        return Ok(num(k));
        }
        k += 1;
    }
    Ok(Value::Number(-1.0))
}

/// Array.prototype.lastIndexOf(searchElement [, fromIndex]) (§23.1.3.20).
fn last_index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.lastIndexOf")?;
    let len = vm.length_of_array_like(o)?;
    if len == 0 {
        return Ok(Value::Number(-1.0));
    }
    let target = args.get(0);
    // 4-6. fromIndex defaults to len - 1; negative counts from the end.
    let from = if args.len() > 1 { vm.to_integer_or_infinity(&args.get(1))? } else { len as f64 - 1.0 };
    let start = if from == f64::NEG_INFINITY {
        return Ok(Value::Number(-1.0));
    } else if from >= 0.0 {
        from.min(len as f64 - 1.0)
    } else {
        len as f64 + from
    };
    if start < 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let mut k = start as u64;
    loop {
        match get_index_if_present(vm, o, k)? {
            Some(v) => {
                if is_strictly_equal(&v, &target) {
                    return Ok(num(k));
                }
            }
            None => match prev_candidate(vm, o, k) {
                Some(p) if p < k => {
                    k = p;
                    continue;
                }
                Some(_) => {}
                None => break,
            },
        }
        if k == 0 {
            break;
        }
        k -= 1;
    }
    Ok(Value::Number(-1.0))
}

thread_local! {
    /// The arrays whose `join` / `toLocaleString` is running on this thread. V8 turns a cycle
    /// (an array that contains itself) into the empty string instead of recursing forever.
    static JOIN_STACK: RefCell<Vec<ObjRef>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `o` on the join stack, or returns "" when `o` is already being joined.
fn with_cycle_guard(vm: &mut Vm, o: ObjRef, f: impl FnOnce(&mut Vm) -> JsResult<JsString>) -> JsResult<JsString> {
    let cyclic = JOIN_STACK.with(|s| s.borrow().contains(&o));
    if cyclic {
        return Ok(JsString::empty());
    }
    JOIN_STACK.with(|s| s.borrow_mut().push(o));
    let r = f(vm);
    JOIN_STACK.with(|s| {
        s.borrow_mut().pop();
    });
    r
}

/// Appends ToString(v) to `out` (strings and numbers without a detour through `JsString`).
fn push_to_string(vm: &mut Vm, out: &mut Vec<u16>, v: &Value) -> JsResult<()> {
    match v {
        Value::String(s) => out.extend_from_slice(s.as_units()),
        Value::Number(n) => {
            let n = *n;
            if (0.0..1e9).contains(&n) && n.fract() == 0.0 {
                let mut buf = itoa_u32(n as u32);
                out.append(&mut buf);
            } else {
                out.extend(number_to_string(n).encode_utf16());
            }
        }
        other => {
            let s = vm.to_string(other)?;
            out.extend_from_slice(s.as_units());
        }
    }
    Ok(())
}

fn itoa_u32(mut n: u32) -> Vec<u16> {
    let mut digits = Vec::with_capacity(10);
    loop {
        digits.push(b'0' as u16 + (n % 10) as u16);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    digits
}

/// Array.prototype.join(separator) (§23.1.3.18).
fn join(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.join")?;
    let len = vm.length_of_array_like(o)?;
    let sep_arg = args.get(0);
    let sep = if sep_arg.is_undefined() { JsString::from(",") } else { vm.to_string(&sep_arg)? };
    let s = with_cycle_guard(vm, o, |vm| {
        let mut out: Vec<u16> = Vec::new();
        for k in 0..len {
            if k > 0 {
                out.extend_from_slice(sep.as_units());
                if out.len() > MAX_STRING_LENGTH {
                    return Err(vm.throw_range_error("Invalid string length"));
                }
            }
            let element = get_index(vm, o, k)?;
            if !element.is_nullish() {
                push_to_string(vm, &mut out, &element)?;
            }
        }
        Ok(JsString::from_units(out))
    })?;
    Ok(Value::String(s))
}

/// V8's maximum string length (2^29 - 24 code units).
pub const MAX_STRING_LENGTH: usize = (1 << 29) - 24;

/// Array.prototype.toString() (§23.1.3.36).
fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let array = vm.to_object(&args.this)?;
    let func = vm.get(array, &PropertyKey::from("join"))?;
    if vm.is_callable(&func) {
        return vm.call(&func, Value::Object(array), &[]);
    }
    // 3. The intrinsic %Object.prototype.toString% (not whatever the property holds now).
    let call = CallArgs { this: Value::Object(array), args: Vec::new(), callee: args.callee, new_target: None };
    crate::builtins::object::object_proto_to_string(vm, &call)
}

/// Array.prototype.toLocaleString() (§23.1.3.32, with ECMA-402's arguments ignored).
fn to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let array = vm.to_object(&args.this)?;
    let len = vm.length_of_array_like(array)?;
    let s = with_cycle_guard(vm, array, |vm| {
        let mut out: Vec<u16> = Vec::new();
        for k in 0..len {
            if k > 0 {
                out.push(b',' as u16);
            }
            let element = get_index(vm, array, k)?;
            if !element.is_nullish() {
                let r = vm.invoke(&element, &PropertyKey::from("toLocaleString"), &[])?;
                let s = vm.to_string(&r)?;
                out.extend_from_slice(s.as_units());
            }
        }
        Ok(JsString::from_units(out))
    })?;
    Ok(Value::String(s))
}

/// Array.prototype.pop() (§23.1.3.22).
fn pop(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.pop")?;
    // Fast path: the last element is an own dense element and length is writable.
    if let ObjectKind::Array(a) = &mut vm.heap.get_mut(o).kind {
        if a.length_writable && a.length > 0 && a.dense.len() == a.length as usize {
            if let Some(last) = a.dense.last() {
                if !last.is_empty() {
                    let v = a.dense.pop().unwrap_or(Value::Undefined);
                    a.length -= 1;
                    return Ok(v);
                }
            }
        }
    }
    let len = vm.length_of_array_like(o)?;
    if len == 0 {
        set_length(vm, o, 0)?;
        return Ok(Value::Undefined);
    }
    let new_len = len - 1;
    let element = get_index(vm, o, new_len)?;
    delete_index(vm, o, new_len)?;
    set_length(vm, o, new_len)?;
    Ok(element)
}

/// Array.prototype.push(...items) (§23.1.3.23).
fn push(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.push")?;
    // Fast path: appending to an array whose prototypes have no element at the new indices.
    let fast = {
        let obj = vm.heap.get(o);
        match &obj.kind {
            ObjectKind::Array(a) => {
                obj.extensible
                    && a.length_writable
                    && a.dense.len() == a.length as usize
                    && (a.length as u64 + args.len() as u64) < u32::MAX as u64
                    && (0..args.len() as u32)
                        .all(|i| protos_lack_index(vm, o, &PropertyKey::Index(a.length + i)))
            }
            _ => false,
        }
    };
    if fast {
        if let Some(a) = dense_mut(vm, o) {
            let before = a.dense.capacity();
            a.dense.extend(args.args.iter().cloned());
            a.length = a.dense.len() as u32;
            let (length, grown) = (a.length, (a.dense.capacity() - before) * std::mem::size_of::<Value>());
            vm.heap.note_bytes(grown);
            return Ok(num(length as u64));
        }
    }
    let len = vm.length_of_array_like(o)?;
    let arg_count = args.len() as u64;
    if len + arg_count > MAX_SAFE_LENGTH {
        return Err(vm.throw_type_error(&format!(
            "Pushing {arg_count} elements on an array-like of length {len} is disallowed, as the total surpasses 2**53-1"
        )));
    }
    let mut len = len;
    for e in &args.args {
        set_index(vm, o, len, e.clone())?;
        len += 1;
    }
    set_length(vm, o, len)?;
    Ok(num(len))
}

/// Array.prototype.reduce(callbackfn [, initialValue]) (§23.1.3.24).
fn reduce(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.reduce")?;
    let len = vm.length_of_array_like(o)?;
    let f = args.get(0);
    require_callable(vm, &f)?;
    let mut k = 0;
    let mut acc = if args.len() >= 2 {
        args.get(1)
    } else {
        loop {
            if k >= len {
                return Err(vm.throw_type_error("Reduce of empty array with no initial value"));
            }
            let v = get_index_if_present(vm, o, k)?;
            k += 1;
            if let Some(v) = v {
                break v;
            }
        }
    };
    while k < len {
        let Some(v) = get_index_if_present(vm, o, k)? else {
            k = next_candidate(vm, o, k + 1, len);
            continue;
        };
        acc = vm.call(&f, Value::Undefined, &[acc, v, num(k), Value::Object(o)])?;
        k += 1;
    }
    Ok(acc)
}

/// Array.prototype.reduceRight(callbackfn [, initialValue]) (§23.1.3.25).
fn reduce_right(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.reduceRight")?;
    let len = vm.length_of_array_like(o)?;
    let f = args.get(0);
    require_callable(vm, &f)?;
    // `k` counts down; `k` is one past the next index to visit.
    let mut k = len;
    let mut acc = if args.len() >= 2 {
        args.get(1)
    } else {
        loop {
            if k == 0 {
                return Err(vm.throw_type_error("Reduce of empty array with no initial value"));
            }
            k -= 1;
            if let Some(v) = get_index_if_present(vm, o, k)? {
                break v;
            }
        }
    };
    while k > 0 {
        k -= 1;
        if let Some(v) = get_index_if_present(vm, o, k)? {
            acc = vm.call(&f, Value::Undefined, &[acc, v, num(k), Value::Object(o)])?;
        }
    }
    Ok(acc)
}

/// Array.prototype.reverse() (§23.1.3.26).
fn reverse(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.reverse")?;
    if is_packed_array(vm, o) {
        if let Some(a) = dense_mut(vm, o) {
            a.dense.reverse();
        }
        return Ok(Value::Object(o));
    }
    let len = vm.length_of_array_like(o)?;
    let middle = len / 2;
    let mut lower = 0;
    while lower != middle {
        let upper = len - lower - 1;
        let lower_exists = get_index_if_present(vm, o, lower)?;
        let upper_exists = get_index_if_present(vm, o, upper)?;
        match (lower_exists, upper_exists) {
            (Some(lv), Some(uv)) => {
                set_index(vm, o, lower, uv)?;
                set_index(vm, o, upper, lv)?;
            }
            (None, Some(uv)) => {
                set_index(vm, o, lower, uv)?;
                delete_index(vm, o, upper)?;
            }
            (Some(lv), None) => {
                delete_index(vm, o, lower)?;
                set_index(vm, o, upper, lv)?;
            }
            (None, None) => {}
        }
        lower += 1;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.shift() (§23.1.3.27).
fn shift(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.shift")?;
    if is_packed_array(vm, o) {
        if let Some(a) = dense_mut(vm, o) {
            if a.dense.is_empty() {
                return Ok(Value::Undefined);
            }
            let first = a.dense.remove(0);
            a.length -= 1;
            return Ok(first);
        }
    }
    let len = vm.length_of_array_like(o)?;
    if len == 0 {
        set_length(vm, o, 0)?;
        return Ok(Value::Undefined);
    }
    let first = get_index(vm, o, 0)?;
    for k in 1..len {
        match get_index_if_present(vm, o, k)? {
            Some(v) => set_index(vm, o, k - 1, v)?,
            None => delete_index(vm, o, k - 1)?,
        }
    }
    delete_index(vm, o, len - 1)?;
    set_length(vm, o, len - 1)?;
    Ok(first)
}

/// Array.prototype.unshift(...items) (§23.1.3.38).
fn unshift(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.unshift")?;
    let arg_count = args.len() as u64;
    if is_packed_array(vm, o) {
        let fits = match &vm.heap.get(o).kind {
            ObjectKind::Array(a) => {
                (a.length as u64 + arg_count) < u32::MAX as u64
                    && protos_lack_indices(vm, o, a.length as u64, a.length as u64 + arg_count)
            }
            _ => false,
        };
        if fits {
            if let Some(a) = dense_mut(vm, o) {
                a.dense.splice(0..0, args.args.iter().cloned());
                a.length = a.dense.len() as u32;
                return Ok(num(a.length as u64));
            }
        }
    }
    let len = vm.length_of_array_like(o)?;
    if arg_count > 0 {
        if len + arg_count > MAX_SAFE_LENGTH {
            return Err(vm.throw_type_error("Invalid array length"));
        }
        let mut k = len;
        while k > 0 {
            let from = k - 1;
            let to = k + arg_count - 1;
            match get_index_if_present(vm, o, from)? {
                Some(v) => set_index(vm, o, to, v)?,
                None => delete_index(vm, o, to)?,
            }
            k -= 1;
        }
        for (j, e) in args.args.iter().enumerate() {
            set_index(vm, o, j as u64, e.clone())?;
        }
    }
    set_length(vm, o, len + arg_count)?;
    Ok(num(len + arg_count))
}

/// Array.prototype.slice(start, end) (§23.1.3.28).
fn slice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.slice")?;
    let len = vm.length_of_array_like(o)?;
    let k = relative_index(vm, &args.get(0), len, 0)?;
    let fin = relative_index(vm, &args.get(1), len, len)?;
    let count = fin.saturating_sub(k);
    // A range of own dense elements without holes is copied directly.
    if species_is_default(vm, o) {
        let part = match &vm.heap.get(o).kind {
            ObjectKind::Array(a) if count == 0 => Some(Vec::new()),
            ObjectKind::Array(a) if (fin as usize) <= a.dense.len() => {
                let range = &a.dense[k as usize..fin as usize];
                if range.iter().any(Value::is_empty) {
                    None
                } else {
                    Some(range.to_vec())
                }
            }
            _ => None,
        };
        if let Some(part) = part {
            return Ok(Value::Object(vm.create_array_from_list(part)));
        }
    }
    let a = array_species_create(vm, o, count)?;
    let mut n = 0;
    for i in k..fin {
        if let Some(v) = get_index_if_present(vm, o, i)? {
            create_data_index(vm, a, n, v)?;
        }
        n += 1;
    }
    set_length(vm, a, n)?;
    Ok(Value::Object(a))
}

/// Array.prototype.sort(comparefn) (§23.1.3.30).
fn sort(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let comparefn = args.get(0);
    if !comparefn.is_undefined() && !vm.is_callable(&comparefn) {
        return Err(vm.throw_type_error("The comparison function must be either a function or undefined"));
    }
    let obj = vm.to_object(&args.this)?;
    let len = vm.length_of_array_like(obj)?;
    // SortIndexedProperties(obj, len, SortCompare, skip-holes).
    let items = collect_present(vm, obj, len)?;
    let item_count = items.len() as u64;
    let sorted = sort_values(vm, items, &comparefn)?;
    if is_packed_array(vm, obj) && item_count == len {
        if let Some(a) = dense_mut(vm, obj) {
            if a.dense.len() as u64 == len {
                a.dense = sorted;
                return Ok(Value::Object(obj));
            }
        }
    }
    for (j, v) in sorted.into_iter().enumerate() {
        set_index(vm, obj, j as u64, v)?;
    }
    // The remaining indices are deleted, preserving the number of holes.
    delete_range(vm, obj, item_count, len)?;
    Ok(Value::Object(obj))
}

/// The present elements of `o` below `len`, in index order (SortIndexedProperties' skip-holes
/// collection). A huge sparse array is read through its own keys.
fn collect_present(vm: &mut Vm, o: ObjRef, len: u64) -> JsResult<Vec<Value>> {
    if len > 1 << 20 && vm.heap.get(o).is_array() && protos_have_no_elements(vm, o) {
        let mut out = Vec::new();
        for key in vm.own_property_keys(o)? {
            if let PropertyKey::Index(k) = key {
                if (k as u64) < len {
                    out.push(vm.get(o, &PropertyKey::Index(k))?);
                }
            }
        }
        return Ok(out);
    }
    let mut items = Vec::with_capacity(len.min(1 << 20) as usize);
    let mut k = 0;
    while k < len {
        let Some(v) = get_index_if_present(vm, o, k)? else {
            k = next_candidate(vm, o, k + 1, len);
            continue;
        };
        items.push(v);
        k += 1;
    }
    Ok(items)
}

/// DeletePropertyOrThrow for every index in `from..to` (present or not).
fn delete_range(vm: &mut Vm, o: ObjRef, from: u64, to: u64) -> JsResult<()> {
    if to - from > 1 << 20 && vm.heap.get(o).is_array() {
        // Only the present ones can be deleted; the rest are no-ops.
        for key in vm.own_property_keys(o)? {
            if let PropertyKey::Index(k) = key {
                if (k as u64) >= from && (k as u64) < to {
                    vm.delete_property_or_throw(o, &key)?;
                }
            }
        }
        return Ok(());
    }
    for k in from..to {
        delete_index(vm, o, k)?;
    }
    Ok(())
}

/// Array.prototype.splice(start, deleteCount, ...items) (§23.1.3.31).
fn splice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_to_object(vm, &args.this, "Array.prototype.splice")?;
    let len = vm.length_of_array_like(o)?;
    let actual_start = relative_index(vm, &args.get(0), len, 0)?;
    let items: &[Value] = args.rest(2);
    let item_count = items.len() as u64;
    // 8-10. actualDeleteCount.
    let actual_delete_count = if args.is_empty() {
        0
    } else if args.len() == 1 {
        len - actual_start
    } else {
        let dc = vm.to_integer_or_infinity(&args.get(1))?;
        dc.max(0.0).min((len - actual_start) as f64) as u64
    };
    // 11. The new length must stay within 2^53 - 1.
    if len + item_count - actual_delete_count > MAX_SAFE_LENGTH {
        return Err(vm.throw_type_error("Invalid array length"));
    }
    // Fast path: a packed plain array spliced in place.
    if species_is_default(vm, o)
        && is_packed_array(vm, o)
        && len + item_count - actual_delete_count < u32::MAX as u64
        && (item_count <= actual_delete_count || protos_lack_indices(vm, o, len, len + item_count - actual_delete_count))
    {
        let removed: Vec<Value> = match dense_mut(vm, o) {
            Some(a) => {
                let s = actual_start as usize;
                let r: Vec<Value> =
                    a.dense.splice(s..s + actual_delete_count as usize, items.iter().cloned()).collect();
                a.length = a.dense.len() as u32;
                r
            }
            None => Vec::new(),
        };
        return Ok(Value::Object(vm.create_array_from_list(removed)));
    }
    // 12. Let A be ? ArraySpeciesCreate(O, actualDeleteCount).
    let a = array_species_create(vm, o, actual_delete_count)?;
    // 13-14. Copy the deleted elements into A.
    for k in 0..actual_delete_count {
        if let Some(v) = get_index_if_present(vm, o, actual_start + k)? {
            create_data_index(vm, a, k, v)?;
        }
    }
    set_length(vm, a, actual_delete_count)?;
    // 15-17. Move the tail.
    if item_count < actual_delete_count {
        for k in actual_start..len - actual_delete_count {
            let from = k + actual_delete_count;
            let to = k + item_count;
            match get_index_if_present(vm, o, from)? {
                Some(v) => set_index(vm, o, to, v)?,
                None => delete_index(vm, o, to)?,
            }
        }
        let mut k = len;
        while k > len - actual_delete_count + item_count {
            delete_index(vm, o, k - 1)?;
            k -= 1;
        }
    } else if item_count > actual_delete_count {
        let mut k = len - actual_delete_count;
        while k > actual_start {
            let from = k + actual_delete_count - 1;
            let to = k + item_count - 1;
            match get_index_if_present(vm, o, from)? {
                Some(v) => set_index(vm, o, to, v)?,
                None => delete_index(vm, o, to)?,
            }
            k -= 1;
        }
    }
    // 18-19. Insert the items.
    for (i, e) in items.iter().enumerate() {
        set_index(vm, o, actual_start + i as u64, e.clone())?;
    }
    set_length(vm, o, len - actual_delete_count + item_count)?;
    Ok(Value::Object(a))
}

/// Array.prototype.toReversed() (§23.1.3.33).
fn to_reversed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    let len = vm.length_of_array_like(o)?;
    let a = array_create(vm, len, None)?;
    for k in 0..len {
        let v = get_index(vm, o, len - k - 1)?;
        create_data_index(vm, a, k, v)?;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.toSorted(comparefn) (§23.1.3.34).
fn to_sorted(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let comparefn = args.get(0);
    if !comparefn.is_undefined() && !vm.is_callable(&comparefn) {
        return Err(vm.throw_type_error("The comparison function must be either a function or undefined"));
    }
    let o = vm.to_object(&args.this)?;
    let len = vm.length_of_array_like(o)?;
    let a = array_create(vm, len, None)?;
    // SortIndexedProperties(O, len, SortCompare, read-through-holes).
    let mut items = Vec::with_capacity(len.min(1 << 20) as usize);
    for k in 0..len {
        items.push(get_index(vm, o, k)?);
    }
    let sorted = sort_values(vm, items, &comparefn)?;
    for (j, v) in sorted.into_iter().enumerate() {
        create_data_index(vm, a, j as u64, v)?;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.toSpliced(start, skipCount, ...items) (§23.1.3.35).
fn to_spliced(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    let len = vm.length_of_array_like(o)?;
    let actual_start = relative_index(vm, &args.get(0), len, 0)?;
    let items = args.rest(2);
    let insert_count = items.len() as u64;
    let actual_skip_count = if args.is_empty() {
        0
    } else if args.len() == 1 {
        len - actual_start
    } else {
        let sc = vm.to_integer_or_infinity(&args.get(1))?;
        sc.max(0.0).min((len - actual_start) as f64) as u64
    };
    let new_len = len + insert_count - actual_skip_count;
    if new_len > MAX_SAFE_LENGTH {
        return Err(vm.throw_type_error("Invalid array length"));
    }
    let a = array_create(vm, new_len, None)?;
    let mut i = 0;
    let mut r = actual_start + actual_skip_count;
    while i < actual_start {
        let v = get_index(vm, o, i)?;
        create_data_index(vm, a, i, v)?;
        i += 1;
    }
    for e in items {
        create_data_index(vm, a, i, e.clone())?;
        i += 1;
    }
    while i < new_len {
        let v = get_index(vm, o, r)?;
        create_data_index(vm, a, i, v)?;
        i += 1;
        r += 1;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.with(index, value) (§23.1.3.39).
fn with(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(&args.this)?;
    let len = vm.length_of_array_like(o)?;
    let rel = vm.to_integer_or_infinity(&args.get(0))?;
    let actual = if rel >= 0.0 { rel } else { len as f64 + rel };
    if actual >= len as f64 || actual < 0.0 {
        return Err(vm.throw_range_error(&format!("Invalid index : {}", number_to_string(rel))));
    }
    let actual = actual as u64;
    let a = array_create(vm, len, None)?;
    let value = args.get(1);
    for k in 0..len {
        let v = if k == actual { value.clone() } else { get_index(vm, o, k)? };
        create_data_index(vm, a, k, v)?;
    }
    Ok(Value::Object(a))
}
