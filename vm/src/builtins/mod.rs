//! The built-in objects: one file per constructor or namespace object, each with an
//! `install(vm)` that fills the realm's intrinsics and defines the global.

pub mod boolean;
pub mod async_from_sync_iterator;
pub mod async_generator_prototype;
pub mod async_iterator_prototype;
pub mod call_site;
pub mod collection_data;
pub mod finalization_registry;
pub mod dynamic_function;
pub mod function;
pub mod function_kinds;
pub mod error;
pub mod error_stack;
pub mod global_functions;
mod global_object;
pub mod iterator_prototype;
pub mod json;
pub mod math;
pub mod number;
pub mod map;
pub mod map_iterator;
pub mod receiver;
pub mod set;
pub mod set_iterator;
pub mod uri_coding;
pub mod weak_collection;
pub mod weakmap;
pub mod weakref;
pub mod weakset;
pub mod object;
pub mod proxy;
pub mod reflect;
pub mod symbol;
pub mod array;
pub mod array_iterator;
pub mod array_prototype;
pub mod array_sort;
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
    function_kinds::install(vm);
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
    crate::interpreter::direct_eval::install(vm);
    number::install(vm);
    boolean::install(vm);
    math::install(vm);
    json::install(vm);
    call_site::install(vm);
    map::install(vm);
    map_iterator::install(vm);
    set::install(vm);
    set_iterator::install(vm);
    weakmap::install(vm);
    weakset::install(vm);
    weakref::install(vm);
    finalization_registry::install(vm);
    promise::install(vm);
    async_iterator_prototype::install(vm);
    async_from_sync_iterator::install(vm);
    async_generator_prototype::install(vm);
    crate::host::install(vm);
    crate::host::console::install(vm);
    crate::interpreter::generator::install(vm);
}
