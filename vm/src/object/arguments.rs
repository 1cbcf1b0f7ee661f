//! Arguments exotic objects (§10.4.4): the `arguments` of a sloppy function with a simple
//! parameter list, whose elements alias the parameters.
//!
//! The object keeps its elements as ordinary data properties, like an unmapped arguments object,
//! plus a parameter map ([[ParameterMap]]): for each mapped index, the binding cell of the
//! parameter. While an index is mapped, reading the element reads the cell and writing it writes
//! the cell, so `arguments[0] = 2` changes `a` and `a = 5` changes `arguments[0]`. Deleting the
//! element, redefining it as an accessor or making it non-writable removes the mapping, as the
//! spec says. The compiler puts every parameter of such a function in a cell
//! (`Insn::MapArgument`), so closures and the arguments object share the same storage.

use crate::gc::{CellRef, ObjRef};
use crate::object::ordinary::ordinary_define_own_property;
use crate::object::ObjectKind;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::vm::Vm;

/// [[ParameterMap]]: per argument index, the parameter's cell while the index is mapped.
#[derive(Default)]
pub struct ParameterMap {
    cells: Vec<Option<CellRef>>,
}

impl ParameterMap {
    /// Maps argument `index` to the parameter cell `cell`.
    pub fn map(&mut self, index: usize, cell: CellRef) {
        if self.cells.len() <= index {
            self.cells.resize(index + 1, None);
        }
        self.cells[index] = Some(cell);
    }

    /// The cell `key` is mapped to, if it is a mapped index.
    pub fn mapped(&self, key: &PropertyKey) -> Option<CellRef> {
        match key {
            PropertyKey::Index(i) => self.cells.get(*i as usize).copied().flatten(),
            _ => None,
        }
    }

    /// Removes the mapping of `key` (`map.[[Delete]](P)`).
    pub fn unmap(&mut self, key: &PropertyKey) {
        if let PropertyKey::Index(i) = key {
            if let Some(c) = self.cells.get_mut(*i as usize) {
                *c = None;
            }
        }
    }

    pub fn cells(&self) -> impl Iterator<Item = CellRef> + '_ {
        self.cells.iter().flatten().copied()
    }
}

/// The cell a mapped arguments object `o` maps `key` to, if any.
pub fn mapped_cell(vm: &Vm, o: ObjRef, key: &PropertyKey) -> Option<CellRef> {
    match &vm.heap.get(o).kind {
        ObjectKind::Arguments(Some(map)) => map.mapped(key),
        _ => None,
    }
}

fn unmap(vm: &mut Vm, o: ObjRef, key: &PropertyKey) {
    if let ObjectKind::Arguments(Some(map)) = &mut vm.heap.get_mut(o).kind {
        map.unmap(key);
    }
}

/// [[DefineOwnProperty]] of an arguments exotic object (§10.4.4.2).
pub fn arguments_define_own_property(vm: &mut Vm, o: ObjRef, key: PropertyKey, desc: PropertyDescriptor) -> bool {
    // 1-2. Is the key mapped?
    let mapped = mapped_cell(vm, o, &key);
    // 3-4. A data descriptor that makes a mapped element non-writable without giving a value
    //      keeps the element's current (mapped) value.
    let mut new_arg_desc = desc.clone();
    if let Some(cell) = mapped {
        if desc.is_data() && desc.value.is_none() && desc.writable == Some(false) {
            new_arg_desc.value = Some(vm.heap.cell(cell).clone());
        }
    }
    // 5-6. OrdinaryDefineOwnProperty.
    if !ordinary_define_own_property(vm, o, key.clone(), new_arg_desc) {
        return false;
    }
    // 7. Keep the parameter in step, or stop mapping.
    if let Some(cell) = mapped {
        if desc.is_accessor() {
            unmap(vm, o, &key);
        } else {
            if let Some(v) = &desc.value {
                vm.heap.cell_set(cell, v.clone());
            }
            if desc.writable == Some(false) {
                unmap(vm, o, &key);
            }
        }
    }
    true
}

/// The end of [[Delete]] of an arguments exotic object (§10.4.4.5 step 4): a deleted element
/// is no longer mapped.
pub fn arguments_deleted(vm: &mut Vm, o: ObjRef, key: &PropertyKey) {
    unmap(vm, o, key);
}
