//! %IteratorPrototype% (§27.1.2): the prototype of every built-in iterator prototype, whose
//! @@iterator returns the iterator itself.

use crate::error::JsResult;
use crate::native::CallArgs;
use crate::property::attrs;
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::IteratorPrototype);
    let sym = vm.symbols.iterator.clone();
    vm.define_symbol_method(proto, sym, 0, iterator_prototype_iterator, attrs::BUILTIN);
}

/// %IteratorPrototype%[@@iterator]() (§27.1.2.1): returns the this value.
fn iterator_prototype_iterator(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this.clone())
}
