//! The built-in objects: one file per constructor or namespace object, each with an
//! `install(vm)` that fills the realm's intrinsics and defines the global.

pub mod boolean;
pub mod function;
pub mod error;
pub mod error_stack;
pub mod global_functions;
mod global_object;
pub mod json;
pub mod math;
pub mod number;
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
pub mod regexp;
pub mod regexp_string_iterator;
pub mod string;
pub mod string_iterator;
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
    string::install(vm);
    string_iterator::install(vm);
    regexp::install(vm);
    error::install(vm);
    global_functions::install(vm);
    number::install(vm);
    boolean::install(vm);
    math::install(vm);
    json::install(vm);
    promise::install(vm);
    crate::host::install(vm);
    crate::host::console::install(vm);
    crate::interpreter::generator::install(vm);
}
