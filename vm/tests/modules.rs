//! Module bodies compiled for the loader: bindings are cells the caller provides, imports are
//! the exporting module's cells (live, TDZ-checked, read-only), hoisted functions exist before
//! the body runs.

use modjs_vm::compiler::{ModuleBindingKind, ModuleCode};
use modjs_vm::{CellRef, PropertyKey, Value, Vm};

/// Links `importer` to `exporter` by name (import `x` reads the exporter's binding `x`).
fn link(vm: &mut Vm, exporter: &ModuleCode, exporter_cells: &[CellRef], importer: &ModuleCode) -> Vec<CellRef> {
    vm.new_module_cells(importer, |_, name| exporter.binding_index(name).map(|i| exporter_cells[i]))
}

fn global(vm: &mut Vm, name: &str) -> String {
    let g = vm.global();
    let v = vm.get(g, &PropertyKey::from(name)).unwrap();
    vm.to_string(&v).unwrap().to_rust_lossy()
}

fn message(vm: &mut Vm, e: Value) -> String {
    match e {
        Value::Object(o) => {
            let m = vm.get(o, &PropertyKey::from("message")).unwrap();
            vm.to_string(&m).unwrap().to_rust_lossy()
        }
        other => vm.to_string(&other).unwrap().to_rust_lossy(),
    }
}

#[test]
fn imports_are_live_bindings_of_the_exporter() {
    let mut vm = Vm::new();
    let a = vm.compile_module_source("export let count = 1; export function inc() { count++ } export default 'dflt';", "a.mjs").unwrap();
    let b = vm
        .compile_module_source(
            "import { count, inc } from './a.mjs'; import d from './a.mjs';\n\
             const before = count; inc(); globalThis.out = before + ',' + count + ',' + d;",
            "b.mjs",
        )
        .unwrap();
    assert_eq!(a.bindings.iter().find(|x| x.name.eq_str("inc")).unwrap().kind, ModuleBindingKind::Function);
    let a_cells = vm.new_module_cells(&a, |_, _| None);
    let b_cells = link(&mut vm, &a, &a_cells, &b);
    // `b` never names `default`: link its local `d` to a's `*default*`.
    let d = b.binding_index("d").unwrap();
    let mut b_cells = b_cells;
    b_cells[d] = a_cells[a.binding_index("*default*").unwrap()];
    vm.instantiate_module_functions(&a, &a_cells).unwrap();
    vm.instantiate_module_functions(&b, &b_cells).unwrap();
    vm.evaluate_module_body(&a, &a_cells).unwrap();
    vm.evaluate_module_body(&b, &b_cells).unwrap();
    assert_eq!(global(&mut vm, "out"), "1,2,dflt");
}

#[test]
fn hoisted_functions_exist_before_evaluation_and_tdz_applies_to_imports() {
    let mut vm = Vm::new();
    let a = vm.compile_module_source("export function f() { return 'f' } export let later = 1;", "a.mjs").unwrap();
    let b = vm.compile_module_source("import { f, later } from './a.mjs'; globalThis.r = f(); later;", "b.mjs").unwrap();
    let a_cells = vm.new_module_cells(&a, |_, _| None);
    let b_cells = link(&mut vm, &a, &a_cells, &b);
    vm.instantiate_module_functions(&a, &a_cells).unwrap();
    vm.instantiate_module_functions(&b, &b_cells).unwrap();
    // b runs before a (as in a cycle): the function works, the let is in its TDZ.
    let err = vm.evaluate_module_body(&b, &b_cells).unwrap_err();
    assert_eq!(global(&mut vm, "r"), "f");
    assert_eq!(message(&mut vm, err), "Cannot access 'later' before initialization");
}

#[test]
fn assigning_an_import_is_a_type_error_and_module_code_is_strict() {
    let mut vm = Vm::new();
    let a = vm.compile_module_source("export let x = 1;", "a.mjs").unwrap();
    let b = vm.compile_module_source("import { x } from './a.mjs'; x = 2;", "b.mjs").unwrap();
    let a_cells = vm.new_module_cells(&a, |_, _| None);
    let b_cells = link(&mut vm, &a, &a_cells, &b);
    vm.evaluate_module_body(&a, &a_cells).unwrap();
    let err = vm.evaluate_module_body(&b, &b_cells).unwrap_err();
    assert_eq!(message(&mut vm, err), "Assignment to constant variable.");
    let c = vm.compile_module_source("undeclared = 1", "c.mjs").unwrap();
    let c_cells = vm.new_module_cells(&c, |_, _| None);
    let err = vm.evaluate_module_body(&c, &c_cells).unwrap_err();
    assert_eq!(message(&mut vm, err), "undeclared is not defined");
}

#[test]
fn default_exports_and_import_meta() {
    let mut vm = Vm::new();
    let a = vm
        .compile_module_source("export default function () { return 1 } globalThis.n = import.meta.url; globalThis.t = typeof this;", "a.mjs")
        .unwrap();
    let meta = vm.new_object();
    vm.define_value(meta, PropertyKey::from("url"), Value::from("file:///a.mjs"), modjs_vm::attrs::ALL);
    let meta_cell = vm.heap.alloc_cell(Value::Object(meta));
    let cells = vm.new_module_cells(&a, |_, name| (name == "import.meta").then_some(meta_cell));
    vm.instantiate_module_functions(&a, &cells).unwrap();
    let f = vm.heap.cell(cells[a.binding_index("*default*").unwrap()]).clone();
    let name = vm.get_property_of_value(&f, &PropertyKey::from("name")).unwrap();
    assert_eq!(vm.to_string(&name).unwrap().to_rust_lossy(), "default");
    vm.evaluate_module_body(&a, &cells).unwrap();
    assert_eq!(global(&mut vm, "n"), "file:///a.mjs");
    assert_eq!(global(&mut vm, "t"), "undefined");
}
