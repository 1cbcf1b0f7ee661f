//! Module environments over in-memory graphs: imports are the exporters' cells.

use modjs_parser::ast::JsStr;
use modjs_vm::{PropertyKey, Value, Vm};

use super::environment::ModuleInstances;
use crate::module::host::MemoryHost;
use crate::module::{construct, link, ModuleGraph, ModuleId, Trace};

fn instantiated(files: &[(&str, &str)]) -> (Vm, ModuleGraph, ModuleInstances) {
    let mut h = files.iter().fold(MemoryHost::new(), |h, (p, s)| h.file(p, s));
    let mut trace = Trace::off();
    let (mut graph, root) = construct(&mut h, files[0].0, &mut trace).unwrap_or_else(|e| panic!("construct: {e}"));
    link(&mut graph, root, &mut trace).unwrap_or_else(|e| panic!("link: {e}"));
    let mut vm = Vm::new();
    let mut instances = ModuleInstances::new();
    instances.instantiate(&mut vm, &mut graph);
    (vm, graph, instances)
}

fn id(graph: &ModuleGraph, file: &str) -> ModuleId {
    graph.lookup(&format!("file:///{file}")).unwrap_or_else(|| panic!("{file} not loaded"))
}

fn s(x: &str) -> JsStr {
    JsStr::from_str(x)
}

#[test]
fn an_import_is_the_exporters_cell_through_renames_and_reexports() {
    let (mut vm, graph, inst) = instantiated(&[
        ("/main.mjs", "import { count as c, v } from './mid.mjs'; import d from './lib.mjs';"),
        ("/mid.mjs", "export { count } from './lib.mjs'; export var v = 1;"),
        ("/lib.mjs", "export let count = 0; export default 42;"),
    ]);
    let main = inst.environment(id(&graph, "main.mjs")).expect("main has an environment");
    let lib = id(&graph, "lib.mjs");
    let count_cell = inst.local_cell(lib, &s("count")).expect("lib's count");
    assert_eq!(main.imports.get(&s("c")).copied(), Some(count_cell), "renamed re-export reaches lib's cell");
    assert_eq!(main.imports.get(&s("d")).copied(), inst.local_cell(lib, &s("*default*")));
    // let starts uninitialised (TDZ), var starts undefined.
    assert!(vm.heap.cell(count_cell).is_empty());
    let v = inst.local_cell(id(&graph, "mid.mjs"), &s("v")).expect("mid's v");
    assert!(vm.heap.cell(v).is_undefined());
    // Live: writing the exporter's cell is what the importer's binding holds.
    vm.heap.cell_set(count_cell, Value::Number(3.0));
    let imported = main.imports[&s("c")];
    assert_eq!(vm.heap.cell(imported).as_number(), Some(3.0));
    // Cells survive collections: the module map keeps them.
    vm.collect_garbage();
    assert_eq!(vm.heap.cell(imported).as_number(), Some(3.0));
}

#[test]
fn namespace_imports_hold_one_namespace_object_per_module() {
    let (mut vm, graph, mut inst) = instantiated(&[
        ("/main.mjs", "import * as a from './lib.mjs'; import * as b from './lib.mjs'; import { ns } from './re.mjs';"),
        ("/re.mjs", "export * as ns from './lib.mjs';"),
        ("/lib.mjs", "export let x = 1; export function f() {}"),
    ]);
    let main = inst.environment(id(&graph, "main.mjs")).expect("env");
    let (a, b, ns) = (main.imports[&s("a")], main.imports[&s("b")], main.imports[&s("ns")]);
    assert_eq!(a, b);
    assert_eq!(a, ns, "export * as ns is the same namespace object");
    let Value::Object(obj) = vm.heap.cell(a).clone() else { panic!("namespace cell holds an object") };
    let lib = id(&graph, "lib.mjs");
    assert_eq!(inst.namespace(lib), Some(obj));
    let keys: Vec<String> = vm.own_property_keys(obj).expect("keys").iter().map(|k| k.display()).collect();
    assert_eq!(keys, ["f", "x", "Symbol(Symbol.toStringTag)"]);
    // TDZ through the namespace, then live.
    assert!(vm.get(obj, &PropertyKey::from("x")).is_err());
    let x = inst.local_cell(lib, &s("x")).expect("x");
    vm.heap.cell_set(x, Value::Number(7.0));
    assert_eq!(vm.get(obj, &PropertyKey::from("x")).expect("read").as_number(), Some(7.0));
    let mut graph = graph;
    assert_eq!(inst.namespace_cell(&mut vm, &mut graph, lib), a, "created once");
}

#[test]
fn synthetic_modules_get_a_cell_per_export() {
    let (vm, graph, inst) = instantiated(&[("/main.mjs", "import { join } from 'node:path';")]);
    let path = graph.lookup("node:path").expect("node:path loaded");
    let join = inst.local_cell(path, &s("join")).expect("join cell");
    assert!(vm.heap.cell(join).is_empty(), "filled when the built-in module is evaluated");
    let main = inst.environment(id(&graph, "main.mjs")).expect("env");
    assert_eq!(main.imports[&s("join")], join);
}
