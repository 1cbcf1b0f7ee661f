//! The built-in objects: one file per constructor or namespace object, each with an
//! `install(vm)` that fills the realm's intrinsics and defines the global.

pub mod boolean;
pub mod global_functions;
mod global_object;
pub mod json;
pub mod math;
pub mod number;
pub mod uri_coding;

use crate::vm::Vm;

/// Installs every built-in into the VM's realm, in dependency order.
pub fn install_all(vm: &mut Vm) {
    global_object::install(vm);
    global_functions::install(vm);
    number::install(vm);
    boolean::install(vm);
    math::install(vm);
    json::install(vm);
}
