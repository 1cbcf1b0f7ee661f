//! The compiler accepts the language it claims to support, and rejects the rest with the
//! "does not support" SyntaxError instead of panicking.

use std::rc::Rc;

use modjs_parser::ast::Goal;
use modjs_vm::bytecode::{Insn, SourceInfo};
use modjs_vm::compiler::{compile_script, CompileError, ScriptCode};

fn compile(src: &str) -> Result<ScriptCode, CompileError> {
    let program = modjs_parser::parse(src, Goal::Script).expect("test source parses");
    compile_script(&program, Rc::new(SourceInfo::new("test.js", src)))
}

#[test]
fn compiles_core_statements_and_expressions() {
    let sources = [
        "var a = 1, b = a + 2; a * b;",
        "let x = 1; const y = x; { let x = 2; x + y }",
        "function f(a, b = 2, ...c) { return a + b + c.length } f(1)",
        "for (let i = 0; i < 3; i++) { if (i == 1) continue; else break; }",
        "for (var k in {a: 1}) ; for (const v of [1, 2]) v;",
        "out: while (true) { do { break out; } while (false) }",
        "switch (3) { case 1: let z = 1; break; default: z; case 2: }",
        "try { throw 1 } catch (e) { e } finally { 2 }",
        "function g() { try { return 1 } finally { for (;;) break } }",
        "var o = { a, b: 2, [1 + 1]: 3, get c() { return 1 }, set c(v) {}, m() {}, ...o, __proto__: null }",
        "let [p, , q = 2, ...r] = [1, 2]; let { s, t: { u } = {}, ...w } = {};",
        "[a.b, c[0]] = [1, 2]; ({ x: a.y } = {});",
        "x ??= 1; x ||= 2; x &&= 3; x **= 2; a?.b?.[c]?.(d);",
        "class A { p = 1; static s = 2; [Symbol.iterator]() {} get g() { return this.p } static { this.t = 3 } }",
        "class B extends A { constructor() { super(); super.m(); } f = () => this }",
        "`a${1}b${2}`; typeof zz; delete o.a; void 0; new A(...[1]);",
        "function h() { return arguments.length + new.target } (() => this)();",
    ];
    for src in sources {
        if let Err(e) = compile(src) {
            panic!("{src}: {}", e.message);
        }
    }
}

#[test]
fn bigint_literals_become_bigint_constants() {
    let code = compile("x = 0x1_0000_0000_0000_0000n; y = { 0b11n: 1 };").unwrap();
    let bigints: Vec<String> = code
        .template
        .values
        .iter()
        .filter_map(|v| match v {
            modjs_vm::Value::BigInt(b) => Some(b.to_string_radix(10)),
            _ => None,
        })
        .collect();
    assert_eq!(bigints, ["18446744073709551616"]);
    // A BigInt property key is its decimal string.
    assert!(code.template.values.iter().any(|v| matches!(v, modjs_vm::Value::String(s) if s.to_rust_lossy() == "3")));
}

#[test]
fn captured_bindings_get_cells_and_others_registers() {
    let code = compile("function f() { let a = 1; let b = 2; return () => a + b; } function g() { let a = 1; return a; }").unwrap();
    let f = &code.template.children[0];
    assert_eq!(f.cell_count, 2);
    assert_eq!(f.children[0].captures.len(), 2);
    let g = &code.template.children[1];
    assert_eq!(g.cell_count, 0);
    assert!(!g.code.iter().any(|i| matches!(i, Insn::NewCell { .. })));
}

#[test]
fn script_declarations_are_reported_for_global_instantiation() {
    let code = compile("var a; function f() {} let b; const c = 1; class D {}").unwrap();
    let vars: Vec<String> = code.var_names.iter().map(|s| s.to_string_lossy()).collect();
    assert_eq!(vars, ["a"]);
    let funcs: Vec<String> = code.function_names.iter().map(|s| s.to_string_lossy()).collect();
    assert_eq!(funcs, ["f"]);
    let lex: Vec<(String, bool)> = code.lexical.iter().map(|(s, c)| (s.to_string_lossy(), *c)).collect();
    assert_eq!(lex, [("b".to_string(), false), ("c".to_string(), true), ("D".to_string(), false)]);
}

#[test]
fn with_objects_are_asked_only_inside_with_bodies() {
    let has = |t: &modjs_vm::bytecode::FunctionTemplate| t.code.iter().any(|i| matches!(i, Insn::WithHasBinding { .. }));
    // No `with`: names compile to the static binding only.
    let code = compile("var x = 1; function f(a) { return a + x; } f(x);").unwrap();
    assert!(!has(&code.template) && !has(&code.template.children[0]));
    // Inside a `with` body the with object is asked first, also from a closure, which captures
    // it in a cell; a name declared inside the body does not ask it.
    let code = compile("function f(o) { with (o) { let own = 1; return () => x + own; } }").unwrap();
    let f = &code.template.children[0];
    assert_eq!(f.cell_count, 2);
    let arrow = &f.children[0];
    let asked = arrow.code.iter().filter(|i| matches!(i, Insn::WithHasBinding { .. })).count();
    assert_eq!(asked, 1);
}
