//! The declarations of sloppy direct eval code (EvalDeclarationInstantiation §19.2.1.3) where
//! ECMA-262 (and test262) and V8 — hence node — disagree, and the shape of the code the
//! compiler makes for functions that call eval. What node agrees with is in
//! tests/fixtures/run/eval-*.js.

use std::rc::Rc;

use modjs_parser::ast::Goal;
use modjs_vm::bytecode::{FunctionTemplate, Insn, SourceInfo};
use modjs_vm::compiler::compile_script;
use modjs_vm::Vm;

fn run(src: &str) -> String {
    let mut vm = Vm::new();
    match vm.run_script(src, "/test.js") {
        Ok(v) => vm.to_string(&v).map(|s| s.to_rust_lossy()).unwrap_or_else(|_| "<to_string throws>".into()),
        Err(e) => {
            let s = vm.to_string(&e).map(|s| s.to_rust_lossy()).unwrap_or_default();
            format!("throws {s}")
        }
    }
}

#[test]
fn eval_in_parameter_expressions_cannot_declare_arguments() {
    // The arguments object is bound in the parameters' scope, between the eval code and the
    // function's variable environment (V8 allows the declaration).
    assert_eq!(
        run("function f(p = eval('var arguments')) {} try { f(); } catch (e) { e.name + ': ' + e.message }"),
        "SyntaxError: Identifier 'arguments' has already been declared"
    );
    // An arrow function has no arguments object of its own.
    assert_eq!(run("((p = eval('var arguments = 1')) => arguments)()"), "1");
}

#[test]
fn global_functions_are_created_before_global_vars() {
    // Steps 17 then 18 (V8 creates the var first).
    assert_eq!(run("(0, eval)('var ordB; function ordA() {}'); Object.keys(globalThis).filter((k) => k.startsWith('ord')).join()"), "ordA,ordB");
}

#[test]
fn a_block_function_that_cannot_be_a_global_var_is_not_hoisted() {
    // B.3.2.3: CanDeclareGlobalVar is false, so no binding and no error (V8 throws a TypeError).
    assert_eq!(
        run("Object.preventExtensions(globalThis); (0, eval)('{ function notHoisted() {} }'); typeof notHoisted"),
        "undefined"
    );
}

#[test]
fn eval_vars_are_deletable_and_shadow_outer_bindings() {
    let src = "var v = 'outer'; function f() { const read = () => v; eval('var v = \"inner\"'); const r = [read(), delete v, read()]; return r.join(); } f()";
    assert_eq!(run(src), "inner,true,outer");
}

fn compile(src: &str) -> Rc<FunctionTemplate> {
    let program = modjs_parser::parse(src, Goal::Script).expect("test source parses");
    compile_script(&program, Rc::new(SourceInfo::new("test.js", src))).expect("compiles").template
}

fn count(t: &FunctionTemplate, pred: fn(&Insn) -> bool) -> usize {
    t.code.iter().filter(|i| pred(i)).count() + t.children.iter().map(|c| count(c, pred)).sum::<usize>()
}

#[test]
fn only_sloppy_functions_calling_eval_look_names_up_in_an_eval_environment() {
    let lookup = |i: &Insn| matches!(i, Insn::WithHasBinding { .. });
    // No eval: no run-time lookups at all.
    assert_eq!(count(&compile("function f(a) { var b = a; return g(b) + c; }"), lookup), 0);
    // Strict code cannot get variables from eval code.
    assert_eq!(count(&compile("function f(a) { 'use strict'; eval(a); return g(a) + c; }"), lookup), 0);
    // Sloppy: `eval`, `g` and `c` may be declared by the eval code (`a` is the function's own).
    assert_eq!(count(&compile("function f(a) { eval(a); return g(a) + c; }"), lookup), 3);
    // A closure made there looks its free names up too.
    assert_eq!(count(&compile("function f(a) { eval(a); return () => z; }"), lookup), 2);
}

#[test]
fn eval_with_spread_arguments_is_a_direct_eval() {
    // §13.3.6.1: the callee reference decides, whatever the arguments look like (V8 makes it
    // an indirect eval).
    assert_eq!(
        run("function f() { var x = 'local'; return [eval(...['x', 'ignored']), eval(...[]), eval(...[1])].join(); } f()"),
        "local,,1"
    );
    assert_eq!(run("function f() { eval(...['var spreadVar = 2']); return spreadVar; } f()"), "2");
}
