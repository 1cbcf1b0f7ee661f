//! RegExp String Iterators (§22.2.9): what `String.prototype.matchAll` returns, and
//! %RegExpStringIteratorPrototype%.

use crate::builtins::regexp::regexp_string_iterator_step;
use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// The iterator's state: the regexp and string, the `g` and `u`/`v` flags, and whether it is done.
pub struct RegExpStringIteratorData {
    pub regexp: ObjRef,
    pub string: JsString,
    pub global: bool,
    pub full_unicode: bool,
    pub done: bool,
}

impl Trace for RegExpStringIteratorData {
    fn trace(&self, t: &mut Tracer) {
        t.obj(self.regexp);
    }
}

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::RegExpStringIteratorPrototype);
    let iterator_prototype = vm.intrinsic(Intrinsic::IteratorPrototype);
    vm.heap.get_mut(proto).proto = Some(iterator_prototype);
    vm.define_method(proto, "next", 0, regexp_string_iterator_next);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from("RegExp String Iterator"), attrs::CONFIGURABLE);
}

/// CreateRegExpStringIterator(R, S, global, fullUnicode) (§22.2.9.1).
pub fn create_regexp_string_iterator(vm: &mut Vm, regexp: ObjRef, string: JsString, global: bool, full_unicode: bool) -> ObjRef {
    let proto = vm.intrinsic(Intrinsic::RegExpStringIteratorPrototype);
    vm.heap.alloc(Object::new(
        Some(proto),
        ObjectKind::RegExpStringIterator(RegExpStringIteratorData { regexp, string, global, full_unicode, done: false }),
    ))
}

/// %RegExpStringIteratorPrototype%.next() (§22.2.9.2.1).
fn regexp_string_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let state = match &args.this {
        Value::Object(o) => match &vm.heap.get(*o).kind {
            ObjectKind::RegExpStringIterator(d) => Some((*o, d.regexp, d.string.clone(), d.global, d.full_unicode, d.done)),
            _ => None,
        },
        _ => None,
    };
    let Some((it, r, s, global, full_unicode, done)) = state else {
        let shown = vm.describe_for_error(&args.this);
        return Err(vm.throw_type_error(&format!(
            "Method RegExp String Iterator.prototype.next called on incompatible receiver {shown}"
        )));
    };
    if done {
        return Ok(Value::Object(vm.create_iter_result_object(Value::Undefined, true)));
    }
    let step = regexp_string_iterator_step(vm, r, &s, global, full_unicode)?;
    let finished = step.is_none() || !global;
    if finished {
        if let ObjectKind::RegExpStringIterator(d) = &mut vm.heap.get_mut(it).kind {
            d.done = true;
        }
    }
    match step {
        Some(m) => Ok(Value::Object(vm.create_iter_result_object(m, false))),
        None => Ok(Value::Object(vm.create_iter_result_object(Value::Undefined, true))),
    }
}
