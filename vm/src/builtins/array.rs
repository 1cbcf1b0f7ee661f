//! The Array constructor (§23.1.1, §23.1.2) and the array abstract operations the methods share:
//! ArrayCreate, ArraySpeciesCreate, IsArray, and the element access helpers with their fast paths
//! for plain dense arrays. The prototype methods are in `array_prototype.rs`.

use crate::conversions::number_to_string;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::{ArrayData, Object, ObjectKind};
use crate::property::{attrs, PropertyKey, Slot};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// 2^53 - 1, the largest length of an array-like.
pub const MAX_SAFE_LENGTH: u64 = 9_007_199_254_740_991;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::ArrayPrototype);
    // %Array.prototype% is itself an Array exotic object (§23.1.3).
    vm.heap.get_mut(proto).kind =
        ObjectKind::Array(ArrayData { dense: Vec::new(), length: 0, length_writable: true });

    let ctor = vm.new_native_constructor("Array", 1, array_constructor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_method(ctor, "isArray", 1, array_is_array);
    vm.define_method(ctor, "from", 1, array_from);
    vm.define_method(ctor, "of", 0, array_of);
    let species = PropertyKey::Symbol(vm.symbols.species.clone());
    vm.define_getter(ctor, species, array_species_getter, None, attrs::CONFIGURABLE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.realm.set_intrinsic(Intrinsic::Array, ctor);
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Array"), Value::Object(ctor), attrs::BUILTIN);

    crate::builtins::array_prototype::install(vm, proto);
}

// ----- shared abstract operations ----------------------------------------------------------------

/// The property key of an index that may exceed the array-index range (array-likes go up to
/// 2^53 - 1): `Index` below 2^32 - 1, the number's string otherwise.
#[inline]
pub fn index_key(k: u64) -> PropertyKey {
    if k < u32::MAX as u64 {
        PropertyKey::Index(k as u32)
    } else {
        PropertyKey::String(JsString::from(number_to_string(k as f64)))
    }
}

/// ToObject(this value) with V8's message naming the method: `Array.prototype.map called on
/// null or undefined`.
pub fn this_to_object(vm: &mut Vm, this: &Value, method: &str) -> JsResult<ObjRef> {
    match this {
        Value::Object(o) => Ok(*o),
        Value::Undefined | Value::Null | Value::Empty => {
            Err(vm.throw_type_error(&format!("{method} called on null or undefined")))
        }
        other => vm.to_object(other),
    }
}

/// The callback argument of an iteration method, which must be callable.
pub fn require_callable(vm: &mut Vm, f: &Value) -> JsResult<()> {
    if vm.is_callable(f) {
        Ok(())
    } else {
        let shown = vm.describe_for_error(f);
        Err(vm.throw_type_error(&format!("{shown} is not a function")))
    }
}

/// A relative index argument (`start`, `end`, ...) resolved against `len` as the spec does
/// it: ToIntegerOrInfinity, negative values count from the end, clamped to `0..=len`.
/// `undefined` gives `default`.
pub fn relative_index(vm: &mut Vm, v: &Value, len: u64, default: u64) -> JsResult<u64> {
    if v.is_undefined() {
        return Ok(default);
    }
    let rel = vm.to_integer_or_infinity(v)?;
    Ok(if rel < 0.0 {
        let r = len as f64 + rel;
        if r < 0.0 {
            0
        } else {
            r as u64
        }
    } else if rel > len as f64 {
        len
    } else {
        rel as u64
    })
}

/// The own dense element `k` of a plain array, if it is there (no hole): then HasProperty is
/// true and Get returns it without running code.
#[inline]
pub fn dense_element(vm: &Vm, o: ObjRef, k: u64) -> Option<Value> {
    if let ObjectKind::Array(a) = &vm.heap.get(o).kind {
        if let Some(v) = a.dense.get(k as usize) {
            if !v.is_empty() {
                return Some(v.clone());
            }
        }
    }
    None
}

/// Get(O, ! ToString(𝔽(k))).
#[inline]
pub fn get_index(vm: &mut Vm, o: ObjRef, k: u64) -> JsResult<Value> {
    if let Some(v) = dense_element(vm, o, k) {
        return Ok(v);
    }
    vm.get(o, &index_key(k))
}

/// HasProperty(O, Pk) followed by Get(O, Pk) when present: `None` for an absent element.
#[inline]
pub fn get_index_if_present(vm: &mut Vm, o: ObjRef, k: u64) -> JsResult<Option<Value>> {
    if let Some(v) = dense_element(vm, o, k) {
        return Ok(Some(v));
    }
    let key = index_key(k);
    if vm.has_property(o, &key)? {
        Ok(Some(vm.get(o, &key)?))
    } else {
        Ok(None)
    }
}

/// Set(O, Pk, V, true).
#[inline]
pub fn set_index(vm: &mut Vm, o: ObjRef, k: u64, v: Value) -> JsResult<()> {
    vm.put(o, index_key(k), v, true)
}

/// DeletePropertyOrThrow(O, Pk).
pub fn delete_index(vm: &mut Vm, o: ObjRef, k: u64) -> JsResult<()> {
    vm.delete_property_or_throw(o, &index_key(k))
}

/// Set(O, "length", 𝔽(len), true).
pub fn set_length(vm: &mut Vm, o: ObjRef, len: u64) -> JsResult<()> {
    if let ObjectKind::Array(a) = &mut vm.heap.get_mut(o).kind {
        // A writable length that does not shrink: nothing to delete, nothing can object.
        if a.length_writable && len >= a.length as u64 && len <= u32::MAX as u64 {
            a.length = len as u32;
            return Ok(());
        }
    }
    vm.put(o, PropertyKey::from("length"), Value::Number(len as f64), true)
}

/// CreateDataPropertyOrThrow(A, Pk, V), with a fast path for appending to a plain array.
#[inline]
pub fn create_data_index(vm: &mut Vm, a: ObjRef, k: u64, v: Value) -> JsResult<()> {
    let obj = vm.heap.get_mut(a);
    if obj.extensible {
        if let ObjectKind::Array(arr) = &mut obj.kind {
            let dl = arr.dense.len() as u64;
            if k >= dl
                && k < dl + 64
                && k < (1 << 26)
                && (k < arr.length as u64 || arr.length_writable)
                && (obj.props.is_empty() || !obj.props.contains_key(&PropertyKey::Index(k as u32)))
            {
                arr.dense.resize(k as usize, Value::Empty);
                arr.dense.push(v);
                if k >= arr.length as u64 {
                    arr.length = k as u32 + 1;
                }
                return Ok(());
            }
        }
    }
    vm.create_data_property_or_throw(a, index_key(k), v)
}

/// ArrayCreate(length, proto) (§10.4.2.2).
pub fn array_create(vm: &mut Vm, length: u64, proto: Option<ObjRef>) -> JsResult<ObjRef> {
    // 1. If length > 2^32 - 1, throw a RangeError exception.
    if length > u32::MAX as u64 {
        return Err(vm.throw_range_error("Invalid array length"));
    }
    let proto = proto.unwrap_or_else(|| vm.intrinsic(Intrinsic::ArrayPrototype));
    let dense = Vec::with_capacity((length as usize).min(1 << 16));
    Ok(vm.heap.alloc(Object::new(
        Some(proto),
        ObjectKind::Array(ArrayData { dense, length: length as u32, length_writable: true }),
    )))
}

/// Whether ArraySpeciesCreate on `o` would surely make a plain array: `o` is an array with no
/// own `constructor`, its prototype is %Array.prototype% whose `constructor` is %Array%, and
/// %Array%[@@species] is still the original getter. Only looks, never runs code.
pub fn species_is_default(vm: &Vm, o: ObjRef) -> bool {
    let obj = vm.heap.get(o);
    let proto = vm.intrinsic(Intrinsic::ArrayPrototype);
    if !obj.is_array() || obj.proto != Some(proto) {
        return false;
    }
    let ctor_key = &vm.interp.common_keys.constructor;
    if obj.props.contains_key(ctor_key) {
        return false;
    }
    let array = vm.intrinsic(Intrinsic::Array);
    match vm.heap.get(proto).props.get(ctor_key) {
        Some(Slot::Data { value: Value::Object(c), .. }) if *c == array => {}
        _ => return false,
    }
    let species = PropertyKey::Symbol(vm.symbols.species.clone());
    match vm.heap.get(array).props.get(&species) {
        Some(Slot::Accessor { get: Some(g), .. }) => match &vm.heap.get(*g).kind {
            ObjectKind::NativeFunction(nf) => nf.f as usize == (array_species_getter as crate::native::NativeFn) as usize,
            _ => false,
        },
        _ => false,
    }
}

/// ArraySpeciesCreate(originalArray, length) (§10.4.2.3).
pub fn array_species_create(vm: &mut Vm, original: ObjRef, length: u64) -> JsResult<ObjRef> {
    if species_is_default(vm, original) {
        return array_create(vm, length, None);
    }
    // 1-2. Not an array: ArrayCreate(length).
    if !vm.is_array(&Value::Object(original))? {
        return array_create(vm, length, None);
    }
    // 3. Let C be ? Get(originalArray, "constructor").
    let ctor_key = vm.interp.common_keys.constructor.clone();
    let mut c = vm.get(original, &ctor_key)?;
    // 4. (Other realms' %Array% would become undefined; there is one realm.)
    // 5. If C is an Object, C = Get(C, @@species); null becomes undefined.
    if let Value::Object(co) = c {
        let species = PropertyKey::Symbol(vm.symbols.species.clone());
        c = vm.get(co, &species)?;
        if c.is_null() {
            c = Value::Undefined;
        }
    }
    // 6. If C is undefined, return ? ArrayCreate(length).
    if c.is_undefined() {
        return array_create(vm, length, None);
    }
    // 7. If IsConstructor(C) is false, throw a TypeError exception.
    if !vm.is_constructor(&c) {
        return Err(vm.throw_type_error("object.constructor[Symbol.species] is not a constructor"));
    }
    // 8. Return ? Construct(C, « 𝔽(length) »).
    let Value::Object(co) = c else {
        return Err(vm.throw_type_error("object.constructor[Symbol.species] is not a constructor"));
    };
    match vm.construct(co, &[Value::Number(length as f64)], None)? {
        Value::Object(a) => Ok(a),
        other => {
            let shown = vm.describe_for_error(&other);
            Err(vm.throw_type_error(&format!("{shown} is not an object")))
        }
    }
}

// ----- the constructor and its static methods ---------------------------------------------------

/// Array(...values) (§23.1.1.1).
fn array_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. If NewTarget is undefined, let newTarget be the active function object.
    let new_target = args.new_target.unwrap_or(args.callee);
    // 2. Let proto be ? GetPrototypeFromConstructor(newTarget, "%Array.prototype%").
    let proto = vm.get_prototype_from_constructor(new_target, Intrinsic::ArrayPrototype)?;
    match args.len() {
        // 4. No arguments: an empty array.
        0 => Ok(Value::Object(array_create(vm, 0, Some(proto))?)),
        // 5. One argument: a length, or the only element.
        1 => {
            let len = args.get(0);
            let array = array_create(vm, 0, Some(proto))?;
            let int_len = match &len {
                Value::Number(n) => {
                    let int_len = vm.to_uint32(&len)?;
                    if int_len as f64 != *n {
                        return Err(vm.throw_range_error("Invalid array length"));
                    }
                    int_len
                }
                _ => {
                    vm.create_data_property_or_throw(array, PropertyKey::Index(0), len)?;
                    1
                }
            };
            set_length(vm, array, int_len as u64)?;
            Ok(Value::Object(array))
        }
        // 6. Several arguments: the elements.
        n => {
            let array = array_create(vm, n as u64, Some(proto))?;
            if let ObjectKind::Array(a) = &mut vm.heap.get_mut(array).kind {
                a.dense = args.args.clone();
            }
            Ok(Value::Object(array))
        }
    }
}

/// Array.isArray(arg) (§23.1.2.2).
fn array_is_array(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(vm.is_array(&args.get(0))?))
}

/// A new array-like from `C` (when it is a constructor) or a plain array.
fn construct_or_array(vm: &mut Vm, c: &Value, len: Option<u64>) -> JsResult<ObjRef> {
    if let (true, Value::Object(co)) = (vm.is_constructor(c), c) {
        let args: Vec<Value> = len.map(|l| vec![Value::Number(l as f64)]).unwrap_or_default();
        match vm.construct(*co, &args, None)? {
            Value::Object(a) => Ok(a),
            other => {
                let shown = vm.describe_for_error(&other);
                Err(vm.throw_type_error(&format!("{shown} is not an object")))
            }
        }
    } else {
        array_create(vm, len.unwrap_or(0), None)
    }
}

/// Array.from(items [, mapfn [, thisArg]]) (§23.1.2.1).
fn array_from(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let c = args.this.clone();
    let items = args.get(0);
    let mapfn = args.get(1);
    let this_arg = args.get(2);
    // 2-3. mapfn must be callable when given.
    let mapping = !mapfn.is_undefined();
    if mapping {
        require_callable(vm, &mapfn)?;
    }
    // 4. Let usingIterator be ? GetMethod(items, @@iterator).
    let iter_key = PropertyKey::Symbol(vm.symbols.iterator.clone());
    if items.is_nullish() {
        return Err(vm.throw_type_error(&format!("{} is not iterable", vm.describe_for_error(&items))));
    }
    if let Some(using_iterator) = vm.get_method(&items, &iter_key)? {
        // 5.a-c. A from the constructor (no length argument) or a plain array.
        let a = construct_or_array(vm, &c, None)?;
        // 5.d. Let iteratorRecord be ? GetIteratorFromMethod(items, usingIterator).
        let mut record = vm.get_iterator_from_method(&items, &using_iterator)?;
        // 5.e-f. Step through the iterator.
        let mut k: u64 = 0;
        loop {
            if k >= MAX_SAFE_LENGTH {
                let err = vm.throw_type_error("Array.from: too many elements");
                return Err(vm.iterator_close_with_error(&record, err));
            }
            let Some(next) = vm.iterator_step_value(&mut record)? else {
                set_length(vm, a, k)?;
                return Ok(Value::Object(a));
            };
            let value = if mapping {
                match vm.call(&mapfn, this_arg.clone(), &[next, Value::Number(k as f64)]) {
                    Ok(v) => v,
                    Err(e) => return Err(vm.iterator_close_with_error(&record, e)),
                }
            } else {
                next
            };
            if let Err(e) = create_data_index(vm, a, k, value) {
                return Err(vm.iterator_close_with_error(&record, e));
            }
            k += 1;
        }
    }
    // 7. Let arrayLike be ! ToObject(items).
    let array_like = vm.to_object(&items)?;
    // 8. Let len be ? LengthOfArrayLike(arrayLike).
    let len = vm.length_of_array_like(array_like)?;
    // 9-10. A from the constructor with len, or ArrayCreate(len).
    let a = construct_or_array(vm, &c, Some(len))?;
    // 11-12. Copy (and map) the elements.
    for k in 0..len {
        let kvalue = get_index(vm, array_like, k)?;
        let value = if mapping { vm.call(&mapfn, this_arg.clone(), &[kvalue, Value::Number(k as f64)])? } else { kvalue };
        create_data_index(vm, a, k, value)?;
    }
    // 13. Perform ? Set(A, "length", 𝔽(len), true).
    set_length(vm, a, len)?;
    Ok(Value::Object(a))
}

/// Array.of(...items) (§23.1.2.3).
fn array_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let len = args.len() as u64;
    let a = construct_or_array(vm, &args.this, Some(len))?;
    for (k, item) in args.args.iter().enumerate() {
        create_data_index(vm, a, k as u64, item.clone())?;
    }
    set_length(vm, a, len)?;
    Ok(Value::Object(a))
}

/// get Array[@@species] (§23.1.2.5): returns the this value.
fn array_species_getter(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this.clone())
}
