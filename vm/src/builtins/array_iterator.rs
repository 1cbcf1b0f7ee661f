//! Array iterators (§23.1.5): CreateArrayIterator and %ArrayIteratorPrototype%.

use crate::builtins::array::get_index;
use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// What an array iterator yields: keys, values or `[key, value]` entries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ArrayIterationKind {
    Key,
    Value,
    KeyValue,
}

/// The internal slots of an Array Iterator: [[IteratedArrayLike]] (`None` once exhausted),
/// [[ArrayLikeNextIndex]] and [[ArrayLikeIterationKind]].
pub struct ArrayIteratorData {
    pub iterated: Option<ObjRef>,
    pub next_index: u64,
    pub kind: ArrayIterationKind,
}

impl Trace for ArrayIteratorData {
    fn trace(&self, t: &mut Tracer) {
        if let Some(o) = self.iterated {
            t.obj(o);
        }
    }
}

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::ArrayIteratorPrototype);
    let iterator_prototype = vm.intrinsic(Intrinsic::IteratorPrototype);
    vm.heap.get_mut(proto).proto = Some(iterator_prototype);
    let next = vm.define_method(proto, "next", 0, array_iterator_next);
    vm.realm.set_intrinsic(Intrinsic::ArrayIteratorPrototypeNext, next);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from("Array Iterator"), attrs::CONFIGURABLE);
}

/// CreateArrayIterator(array, kind) (§23.1.5.1).
pub fn create_array_iterator(vm: &mut Vm, array: ObjRef, kind: ArrayIterationKind) -> ObjRef {
    let proto = vm.intrinsic(Intrinsic::ArrayIteratorPrototype);
    vm.heap.alloc(Object::new(
        Some(proto),
        ObjectKind::ArrayIterator(ArrayIteratorData { iterated: Some(array), next_index: 0, kind }),
    ))
}

/// %ArrayIteratorPrototype%.next() (§23.1.5.2.1).
fn array_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let is_array_iterator = match &args.this {
        Value::Object(o) => matches!(vm.heap.get(*o).kind, ObjectKind::ArrayIterator(_)),
        _ => false,
    };
    let (Value::Object(it), true) = (&args.this, is_array_iterator) else {
        let shown = vm.describe_for_error(&args.this);
        return Err(vm.throw_type_error(&format!(
            "Method Array Iterator.prototype.next called on incompatible receiver {shown}"
        )));
    };
    let (value, done) = match array_iterator_step(vm, *it)? {
        Some(v) => (v, false),
        None => (Value::Undefined, true),
    };
    Ok(Value::Object(vm.create_iter_result_object(value, done)))
}

/// The steps of %ArrayIteratorPrototype%.next() after its receiver check: the next value of
/// the Array Iterator `it`, or `None` once it is exhausted. The interpreter's `for-of` calls
/// this directly when the iterator's `next` is the original one, which skips allocating the
/// result object (CreateIteratorResultObject): that object never escapes, so nothing can tell.
pub fn array_iterator_step(vm: &mut Vm, it: ObjRef) -> JsResult<Option<Value>> {
    let ObjectKind::ArrayIterator(d) = &vm.heap.get(it).kind else { return Ok(None) };
    let (iterated, index, kind) = (d.iterated, d.next_index, d.kind);
    let Some(a) = iterated else {
        return Ok(None);
    };
    // A dense array needs no [[Get]]: read the element directly.
    if let (ObjectKind::Array(arr), ArrayIterationKind::Value) = (&vm.heap.get(a).kind, kind) {
        if let Some(v) = arr.dense.get(index as usize).filter(|v| !v.is_empty()) {
            let v = v.clone();
            if let ObjectKind::ArrayIterator(d) = &mut vm.heap.get_mut(it).kind {
                d.next_index = index + 1;
            }
            return Ok(Some(v));
        }
    }
    let len = vm.length_of_array_like(a)?;
    if index >= len {
        if let ObjectKind::ArrayIterator(d) = &mut vm.heap.get_mut(it).kind {
            d.iterated = None;
        }
        return Ok(None);
    }
    if let ObjectKind::ArrayIterator(d) = &mut vm.heap.get_mut(it).kind {
        d.next_index = index + 1;
    }
    let result = match kind {
        ArrayIterationKind::Key => Value::Number(index as f64),
        ArrayIterationKind::Value => get_index(vm, a, index)?,
        ArrayIterationKind::KeyValue => {
            let v = get_index(vm, a, index)?;
            Value::Object(vm.create_array_from_list(vec![Value::Number(index as f64), v]))
        }
    };
    Ok(Some(result))
}
