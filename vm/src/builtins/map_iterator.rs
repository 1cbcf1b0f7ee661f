//! %MapIteratorPrototype% (§24.1.5.2) and its `next`, shared in shape with Set iterators.

use crate::builtins::collection_data::{CollectionIterator, IterationKind};
use crate::builtins::receiver::incompatible_receiver;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::MapIteratorPrototype);
    let iterator_prototype = vm.intrinsic(Intrinsic::IteratorPrototype);
    vm.heap.get_mut(proto).proto = Some(iterator_prototype);
    vm.define_method(proto, "next", 0, map_iterator_next);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from_str("Map Iterator"), attrs::CONFIGURABLE);
}

/// %MapIteratorPrototype%.next ( ) (§24.1.5.2.1).
fn map_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let it = match &args.this {
        Value::Object(o) if matches!(vm.heap.get(*o).kind, ObjectKind::MapIterator(_)) => *o,
        _ => return Err(incompatible_receiver(vm, "Map Iterator.prototype.next", &args.this)),
    };
    collection_iterator_next(vm, it)
}

/// The state of a Map or Set iterator object.
fn iterator_state(vm: &mut Vm, it: ObjRef) -> Option<&mut CollectionIterator> {
    match &mut vm.heap.get_mut(it).kind {
        ObjectKind::MapIterator(s) | ObjectKind::SetIterator(s) => Some(s),
        _ => None,
    }
}

/// One step of a Map or Set iterator: the next live entry as the iterator's kind asks for it,
/// or `{ value: undefined, done: true }` (for good) once the end is reached.
pub fn collection_iterator_next(vm: &mut Vm, it: ObjRef) -> JsResult<Value> {
    let (collection, cursor, kind) = match iterator_state(vm, it) {
        Some(CollectionIterator { collection: Some(c), cursor, kind }) => (*c, cursor.clone(), *kind),
        _ => return Ok(Value::Object(vm.create_iter_result_object(Value::Undefined, true))),
    };
    let entry = match &vm.heap.get(collection).kind {
        ObjectKind::Map(d) | ObjectKind::Set(d) => d.next_entry(&cursor),
        _ => None,
    };
    let Some((key, value)) = entry else {
        if let Some(state) = iterator_state(vm, it) {
            state.collection = None;
        }
        return Ok(Value::Object(vm.create_iter_result_object(Value::Undefined, true)));
    };
    let result = match kind {
        IterationKind::Keys => key,
        IterationKind::Values => value,
        IterationKind::Entries => Value::Object(vm.create_array_from_list(vec![key, value])),
    };
    Ok(Value::Object(vm.create_iter_result_object(result, false)))
}
