//! The built-in objects: one file per constructor or namespace object, each with an
//! `install(vm)` that fills the realm's intrinsics and defines the global.

pub mod function;
pub mod error;
pub mod error_stack;
mod global_object;
pub mod json;
pub mod receiver;
pub mod uri_coding;
pub mod object;
pub mod proxy;
pub mod reflect;
pub mod symbol;
pub mod array;
pub mod array_iterator;
pub mod array_prototype;
pub mod array_sort;
pub mod iterator_prototype;
pub mod promise;
pub mod promise_combinators;

use crate::vm::Vm;

/// Installs every built-in into the VM's realm, in dependency order.
pub fn install_all(vm: &mut Vm) {
    global_object::install(vm);
    object::install(vm);
    function::install(vm);
    symbol::install(vm);
    reflect::install(vm);
    proxy::install(vm);
    iterator_prototype::install(vm);
    array::install(vm);
    array_iterator::install(vm);
    error::install(vm);
    promise::install(vm);
    crate::host::install(vm);
}
