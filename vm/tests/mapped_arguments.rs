//! Mapped arguments objects (§10.4.4): in a sloppy function with a simple parameter list the
//! elements of `arguments` and the parameters are the same storage; in strict functions and
//! with non-simple parameters they are independent. Each script's completion value is compared
//! with what V8 (node) gives for it.

use modjs_vm::{Value, Vm};

fn run(src: &str) -> String {
    let mut vm = Vm::new();
    let v = vm.run_script(src, "test.js").unwrap_or(Value::from_str("<threw>"));
    match vm.to_string(&v) {
        Ok(s) => s.to_rust_lossy(),
        Err(_) => "<unprintable>".into(),
    }
}

#[test]
fn element_writes_reach_the_parameter_and_back() {
    assert_eq!(run("function f(a) { arguments[0] = 2; return a; } String(f(1))"), "2");
    assert_eq!(run("function f(a) { a = 5; return arguments[0]; } String(f(1))"), "5");
    // A closure writing the parameter is seen through arguments too.
    assert_eq!(run("function f(a) { (() => { a = 10; })(); return arguments[0]; } String(f(1))"), "10");
}

#[test]
fn only_passed_arguments_are_mapped() {
    assert_eq!(run("function f(a) { arguments[0] = 2; return a; } String(f())"), "undefined");
    assert_eq!(run("function f(a, b) { b = 3; return arguments[1] + ',' + arguments.length; } f(1)"), "undefined,1");
}

#[test]
fn strict_and_non_simple_functions_are_unmapped() {
    assert_eq!(run("function f(a) { 'use strict'; arguments[0] = 2; return a; } String(f(1))"), "1");
    assert_eq!(run("function f(a = 0) { arguments[0] = 2; return a; } String(f(1))"), "1");
    assert_eq!(run("function f(a, ...r) { arguments[0] = 2; return a; } String(f(1))"), "1");
}

#[test]
fn delete_and_redefinition_end_the_mapping() {
    assert_eq!(run("function f(a) { delete arguments[0]; arguments[0] = 9; return a + ',' + arguments[0]; } f(1)"), "1,9");
    assert_eq!(
        run("function f(a) { Object.defineProperty(arguments, '0', { writable: false }); a = 7; return a + ',' + arguments[0]; } f(1)"),
        "7,1"
    );
    assert_eq!(
        run("function f(a) { Object.defineProperty(arguments, '0', { value: 4 }); return a + ',' + arguments[0]; } f(1)"),
        "4,4"
    );
    assert_eq!(
        run("function f(a) { Object.defineProperty(arguments, '0', { get() { return 'g'; } }); a = 3; return a + ',' + arguments[0]; } f(1)"),
        "3,g"
    );
}

#[test]
fn a_repeated_parameter_name_maps_its_last_position() {
    assert_eq!(run("function f(a, a) { arguments[0] = 'x'; arguments[1] = 'y'; return a; } f(1, 2)"), "y");
}
