//! %AsyncIteratorPrototype% (§27.1.3): the prototype of every built-in async iterator
//! prototype, whose @@asyncIterator returns the iterator itself.

use crate::error::JsResult;
use crate::native::CallArgs;
use crate::property::attrs;
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::AsyncIteratorPrototype);
    let sym = vm.symbols.async_iterator.clone();
    vm.define_symbol_method(proto, sym, 0, async_iterator_prototype_async_iterator, attrs::BUILTIN);
}

/// %AsyncIteratorPrototype%[@@asyncIterator]() (§27.1.3.1): returns the this value.
fn async_iterator_prototype_async_iterator(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this.clone())
}
