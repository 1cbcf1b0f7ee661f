//! String iterators (§22.1.5): CreateStringIterator and %StringIteratorPrototype%, which yield
//! the string's code points (a surrogate pair is one step, a lone surrogate is its own step).

use crate::builtins::string::code_point_at_units;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// A String Iterator's state: the string (`None` once exhausted) and the next code-unit index.
pub struct StringIteratorData {
    pub string: Option<JsString>,
    pub position: usize,
}

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::StringIteratorPrototype);
    let iterator_prototype = vm.intrinsic(Intrinsic::IteratorPrototype);
    vm.heap.get_mut(proto).proto = Some(iterator_prototype);
    vm.define_method(proto, "next", 0, string_iterator_next);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from("String Iterator"), attrs::CONFIGURABLE);
}

/// CreateStringIterator (the closure of §22.1.3.36 as an object with state).
pub fn create_string_iterator(vm: &mut Vm, s: JsString) -> ObjRef {
    let proto = vm.intrinsic(Intrinsic::StringIteratorPrototype);
    vm.heap.alloc(Object::new(
        Some(proto),
        ObjectKind::StringIterator(StringIteratorData { string: Some(s), position: 0 }),
    ))
}

/// %StringIteratorPrototype%.next() (§22.1.5.1.1).
fn string_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let step = match &mut args.this.as_object().map(|o| &mut vm.heap.get_mut(o).kind) {
        Some(ObjectKind::StringIterator(d)) => Some(match &d.string {
            Some(s) if d.position < s.len() => {
                let (cp, n) = code_point_at_units(s.as_units(), d.position);
                let piece = JsString::from_slice(&s.as_units()[d.position..d.position + n]);
                let _ = cp;
                d.position += n;
                Some(piece)
            }
            _ => {
                d.string = None;
                None
            }
        }),
        _ => None,
    };
    match step {
        None => {
            let shown = vm.describe_for_error(&args.this);
            Err(vm.throw_type_error(&format!(
                "Method String Iterator.prototype.next called on incompatible receiver {shown}"
            )))
        }
        Some(Some(piece)) => Ok(Value::Object(vm.create_iter_result_object(Value::String(piece), false))),
        Some(None) => Ok(Value::Object(vm.create_iter_result_object(Value::Undefined, true))),
    }
}
