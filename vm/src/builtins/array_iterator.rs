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
    vm.define_method(proto, "next", 0, array_iterator_next);
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
    let state = match &args.this {
        Value::Object(o) => match &vm.heap.get(*o).kind {
            ObjectKind::ArrayIterator(d) => Some((*o, d.iterated, d.next_index, d.kind)),
            _ => None,
        },
        _ => None,
    };
    let Some((it, iterated, index, kind)) = state else {
        let shown = vm.describe_for_error(&args.this);
        return Err(vm.throw_type_error(&format!(
            "Method Array Iterator.prototype.next called on incompatible receiver {shown}"
        )));
    };
    let Some(a) = iterated else {
        return Ok(Value::Object(vm.create_iter_result_object(Value::Undefined, true)));
    };
    let len = vm.length_of_array_like(a)?;
    if index >= len {
        if let ObjectKind::ArrayIterator(d) = &mut vm.heap.get_mut(it).kind {
            d.iterated = None;
        }
        return Ok(Value::Object(vm.create_iter_result_object(Value::Undefined, true)));
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
    Ok(Value::Object(vm.create_iter_result_object(result, false)))
}
