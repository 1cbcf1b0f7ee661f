//! %SetIteratorPrototype% (§24.2.6.2).

use crate::builtins::map_iterator::collection_iterator_next;
use crate::builtins::receiver::incompatible_receiver;
use crate::error::JsResult;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::SetIteratorPrototype);
    let iterator_prototype = vm.intrinsic(Intrinsic::IteratorPrototype);
    vm.heap.get_mut(proto).proto = Some(iterator_prototype);
    vm.define_method(proto, "next", 0, set_iterator_next);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from_str("Set Iterator"), attrs::CONFIGURABLE);
}

/// %SetIteratorPrototype%.next ( ) (§24.2.6.2.1).
fn set_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match &args.this {
        Value::Object(o) if matches!(vm.heap.get(*o).kind, ObjectKind::SetIterator(_)) => {
            collection_iterator_next(vm, *o)
        }
        _ => Err(incompatible_receiver(vm, "Set Iterator.prototype.next", &args.this)),
    }
}
