//! Direct and indirect `eval` run through `Vm::run_script`; each expected string is what
//! Node v20 gives for the same script.

use modjs_vm::Vm;

fn run(src: &str) -> String {
    let mut vm = Vm::new();
    match vm.run_script(src, "/test.js") {
        Ok(v) => vm
            .to_string(&v)
            .map(|s| s.to_rust_lossy())
            .unwrap_or_else(|_| "<to_string throws>".into()),
        Err(e) => {
            let s = vm.to_string(&e).map(|s| s.to_rust_lossy()).unwrap_or_default();
            format!("throws {s}")
        }
    }
}

#[test]
fn eval_code_reads_and_writes_the_callers_locals() {
    let src = "function f(a, b) { let x = 1; eval('x = x + a; b = \"B\"'); return x + b; } f(10, 20)";
    assert_eq!(run(src), "11B");
}

#[test]
fn closures_made_in_eval_capture_the_callers_variables() {
    let src = "function f() { let n = 1; const g = eval('() => ++n'); g(); g(); return n; } f()";
    assert_eq!(run(src), "3");
    let src = "function outer() { let deep = 'd'; return function () { return eval('deep + 1'); }; } outer()()";
    assert_eq!(run(src), "d1");
}

#[test]
fn eval_sees_this_and_arguments() {
    assert_eq!(
        run("function f() { return eval('this.k + arguments.length'); } f.call({ k: 1 }, 7, 8)"),
        "3"
    );
}

#[test]
fn const_and_tdz_rules_hold_inside_eval() {
    assert_eq!(
        run("function f() { const c = 1; eval('c = 2'); } f()"),
        "throws TypeError: Assignment to constant variable."
    );
    assert_eq!(
        run("function f() { eval('t'); let t = 1; } f()"),
        "throws ReferenceError: Cannot access 't' before initialization"
    );
}

#[test]
fn strict_eval_keeps_its_declarations_local() {
    assert_eq!(
        run("function f() { 'use strict'; eval('var own = 1'); return typeof own; } f()"),
        "undefined"
    );
    assert_eq!(
        run("function f() { eval('let z = 7'); return typeof z; } f()"),
        "undefined"
    );
}

#[test]
fn a_local_named_eval_is_an_ordinary_call() {
    assert_eq!(
        run("function f(n) { var eval = (s) => 'mine:' + s; return eval('n'); } f(1)"),
        "mine:n"
    );
}

#[test]
fn the_completion_value_is_the_result_and_non_strings_pass_through() {
    assert_eq!(
        run("function f() { return eval('if (true) { 5; } else { 6; }'); } f()"),
        "5"
    );
    assert_eq!(run("function f() { return eval(42); } f()"), "42");
}

#[test]
fn syntax_errors_in_eval_code_throw_at_the_call() {
    assert_eq!(
        run("function f() { try { eval('let = ;'); } catch (e) { return e.name; } } f()"),
        "SyntaxError"
    );
}

#[test]
fn indirect_eval_uses_the_global_environment() {
    assert_eq!(
        run("var g = 2; function f() { var g = 3; return (0, eval)('g'); } f()"),
        "2"
    );
    assert_eq!(run("(0, eval)('var fromEval = 6'); fromEval"), "6");
}

#[test]
fn sloppy_var_declarations_in_direct_eval_join_the_callers_variables() {
    assert_eq!(run("function f() { eval('var leak = 1'); return leak; } f() + typeof leak"), "1undefined");
}

#[test]
fn eval_code_of_a_strict_caller_is_strict() {
    assert_eq!(
        run("function f() { 'use strict'; eval('var public = 1'); } f()"),
        "throws SyntaxError: Unexpected strict mode reserved word"
    );
    assert_eq!(run("function f() { eval('var public = 1'); return public; } f()"), "1");
}

#[test]
fn new_target_is_allowed_in_eval_code_inside_a_function() {
    assert_eq!(
        run("function F() { return eval('new.target === F'); } String(new F() instanceof F) + F()"),
        "truefalse"
    );
    assert_eq!(run("try { eval('new.target'); } catch (e) { e.name }"), "SyntaxError");
}

#[test]
fn eval_in_a_nested_function_sees_annex_b_block_functions() {
    // The var binding a sloppy block function gets (Annex B.3.3) is reachable from eval code
    // in a nested function, whether the eval comes before or after the block.
    let src = "function outer() { { function fn() { return 'f'; } } return (function () { return eval('fn()'); })(); } outer()";
    assert_eq!(run(src), "f");
    let src = "function outer() { const e = () => eval('typeof fn'); { function fn() {} } return e(); } outer()";
    assert_eq!(run(src), "function");
}
