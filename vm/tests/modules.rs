//! Module code over binding cells handed in by the caller (what the loader does).

use std::rc::Rc;

use modjs_parser::ast::Goal;
use modjs_vm::bytecode::SourceInfo;
use modjs_vm::compiler::{compile_module, ModuleBindingKind, ModuleCode};
use modjs_vm::{CellRef, PropertyKey, Value, Vm};

fn compile(src: &str) -> ModuleCode {
    let program = modjs_parser::parse(src, Goal::Module).unwrap_or_else(|e| panic!("parse: {}", e.message));
    let has_tla = false;
    compile_module(&program, has_tla)
        .unwrap_or_else(|e| panic!("compile: {}", e.message))
        .materialize(&Rc::new(SourceInfo::new("/m.mjs", src)))
}

/// Cells for a layout: imports get `imports[name]`, the rest fresh cells in their initial state.
fn cells_for(vm: &mut Vm, code: &ModuleCode, imports: &[(&str, CellRef)]) -> Vec<CellRef> {
    code.bindings
        .iter()
        .map(|b| {
            let name = b.name.to_string_lossy();
            match b.kind {
                ModuleBindingKind::Import => imports.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).expect("import cell"),
                kind => vm.heap.alloc_cell(kind.initial_value()),
            }
        })
        .collect()
}

fn cell_of(code: &ModuleCode, cells: &[CellRef], name: &str) -> CellRef {
    cells[code.binding_index(name).expect("a module binding")]
}

fn message(vm: &mut Vm, thrown: Value) -> String {
    let m = vm.get_v(&thrown, &PropertyKey::from("message")).expect("message");
    vm.to_string(&m).expect("string").to_rust_lossy()
}

#[test]
fn hoisted_functions_exist_before_the_body_and_lexicals_start_in_tdz() {
    let mut vm = Vm::new();
    let code = compile("export function f() { return x; } export let x = 1; export default 40 + 2; var v;");
    let cells = cells_for(&mut vm, &code, &[]);
    let init = vm.module_function(code.init.clone(), cells.clone());
    vm.run_module_function(init).expect("init runs");
    let f = vm.heap.cell(cell_of(&code, &cells, "f")).clone();
    assert!(vm.is_callable(&f), "f is instantiated by init");
    // Calling f before the body ran: x is in TDZ.
    let err = vm.call(&f, Value::Undefined, &[]).expect_err("TDZ");
    assert_eq!(message(&mut vm, err), "Cannot access 'x' before initialization");
    let body = vm.module_function(code.body.clone(), cells.clone());
    vm.run_module_function(body).expect("body runs");
    assert_eq!(vm.call(&f, Value::Undefined, &[]).expect("call").as_number(), Some(1.0));
    assert_eq!(vm.heap.cell(cell_of(&code, &cells, "*default*")).as_number(), Some(42.0));
    assert!(vm.heap.cell(cell_of(&code, &cells, "v")).is_undefined());
}

#[test]
fn imports_read_the_exporters_cell_live_and_cannot_be_assigned() {
    let mut vm = Vm::new();
    let shared = vm.heap.alloc_cell(Value::Empty);
    let code = compile("import { count } from './lib.mjs'; export function read() { return count; } export function write() { count = 5; }");
    let cells = cells_for(&mut vm, &code, &[("count", shared)]);
    let init = vm.module_function(code.init.clone(), cells.clone());
    vm.run_module_function(init).expect("init");
    let body = vm.module_function(code.body.clone(), cells.clone());
    vm.run_module_function(body).expect("body");
    let read = vm.heap.cell(cell_of(&code, &cells, "read")).clone();
    let err = vm.call(&read, Value::Undefined, &[]).expect_err("TDZ");
    assert_eq!(message(&mut vm, err), "Cannot access 'count' before initialization");
    vm.heap.cell_set(shared, Value::Number(3.0));
    assert_eq!(vm.call(&read, Value::Undefined, &[]).expect("read").as_number(), Some(3.0));
    vm.heap.cell_set(shared, Value::Number(4.0));
    assert_eq!(vm.call(&read, Value::Undefined, &[]).expect("read").as_number(), Some(4.0));
    let write = vm.heap.cell(cell_of(&code, &cells, "write")).clone();
    let err = vm.call(&write, Value::Undefined, &[]).expect_err("const");
    assert_eq!(message(&mut vm, err), "Assignment to constant variable.");
}

#[test]
fn anonymous_defaults_are_named_default_and_this_is_undefined() {
    let mut vm = Vm::new();
    let code = compile("export default function () {} export const t = typeof this; export const c = class {};");
    let cells = cells_for(&mut vm, &code, &[]);
    let init = vm.module_function(code.init.clone(), cells.clone());
    vm.run_module_function(init).expect("init");
    let body = vm.module_function(code.body.clone(), cells.clone());
    vm.run_module_function(body).expect("body");
    let d = vm.heap.cell(cell_of(&code, &cells, "*default*")).clone();
    let name = vm.get_v(&d, &PropertyKey::from("name")).expect("name");
    assert_eq!(vm.to_string(&name).expect("s").to_rust_lossy(), "default");
    let t = vm.heap.cell(cell_of(&code, &cells, "t")).clone();
    assert_eq!(vm.to_string(&t).expect("s").to_rust_lossy(), "undefined");
}

#[test]
fn a_body_with_top_level_await_returns_its_promise() {
    let src = "globalThis.steps = 'a'; await null; steps += 'c'; export const late = 1;";
    let program = modjs_parser::parse(src, Goal::Module).unwrap();
    let code = compile_module(&program, true).unwrap().materialize(&Rc::new(SourceInfo::new("/t.mjs", src)));
    let mut vm = Vm::new();
    let cells = cells_for(&mut vm, &code, &[]);
    let body = vm.module_function(code.body.clone(), cells.clone());
    let p = vm.run_module_function(body).unwrap();
    assert!(modjs_vm::builtins::promise::is_promise(&vm, &p));
    vm.run_script("steps += 'b'", "s.js").unwrap();
    assert!(modjs_vm::host::event_loop::process_ticks_and_rejections(&mut vm).is_ok());
    let g = vm.global();
    let steps = vm.get(g, &PropertyKey::from("steps")).unwrap();
    assert_eq!(vm.to_string(&steps).unwrap().to_rust_lossy(), "abc");
    let late = vm.heap.cell(cell_of(&code, &cells, "late")).clone();
    assert_eq!(vm.to_string(&late).unwrap().to_rust_lossy(), "1");
}
