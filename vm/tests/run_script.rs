//! Scripts run end to end through `Vm::run_script`; results are checked through the completion
//! value (converted with ToString) or the thrown error's constructor name and message.

use modjs_vm::{PropertyKey, Value, Vm};

fn show(vm: &mut Vm, v: &Value) -> String {
    match vm.to_string(v) {
        Ok(s) => s.to_rust_lossy(),
        Err(_) => "<unprintable>".into(),
    }
}

/// Runs `src`; the completion value as a string, or `Name: message` of what it threw.
fn run(src: &str) -> String {
    let mut vm = Vm::new();
    match vm.run_script(src, "test.js") {
        Ok(v) => show(&mut vm, &v),
        Err(e) => thrown(&mut vm, &e),
    }
}

fn thrown(vm: &mut Vm, e: &Value) -> String {
    let Value::Object(o) = e else { return format!("throw {}", show(vm, e)) };
    let msg = vm.get(*o, &PropertyKey::from("message")).unwrap_or(Value::Undefined);
    let proto = vm.get_prototype_of(*o).ok().flatten();
    let name = match proto {
        Some(p) => {
            let ctor = vm.get(p, &PropertyKey::from("constructor")).unwrap_or(Value::Undefined);
            match ctor {
                Value::Object(c) => {
                    let n = vm.get(c, &PropertyKey::from("name")).unwrap_or(Value::Undefined);
                    show(vm, &n)
                }
                _ => "?".into(),
            }
        }
        None => "?".into(),
    };
    let kind = error_kind_from_proto(vm, *o).unwrap_or(name);
    format!("{}: {}", kind, show(vm, &msg))
}

/// The error kind by prototype identity (independent of the Error constructors' installation).
fn error_kind_from_proto(vm: &mut Vm, o: modjs_vm::ObjRef) -> Option<String> {
    use modjs_vm::Intrinsic::*;
    let proto = vm.get_prototype_of(o).ok().flatten()?;
    for (i, name) in [
        (TypeErrorPrototype, "TypeError"),
        (ReferenceErrorPrototype, "ReferenceError"),
        (SyntaxErrorPrototype, "SyntaxError"),
        (RangeErrorPrototype, "RangeError"),
        (ErrorPrototype, "Error"),
    ] {
        if vm.intrinsic(i) == proto {
            return Some(name.to_string());
        }
    }
    None
}

#[test]
fn literals_and_arithmetic() {
    assert_eq!(run("1 + 2 * 3"), "7");
    assert_eq!(run("'a' + 1 + 2"), "a12");
    assert_eq!(run("1 + 2 + 'a'"), "3a");
    assert_eq!(run("7 % 3 + 2 ** 10 - 10 / 4"), "1022.5");
    assert_eq!(run("(5 & 3) | (1 << 4) ^ (-16 >> 2) ^ (-1 >>> 28)"), "-29");
    assert_eq!(run("-'3' + +'4'"), "1");
    assert_eq!(run("!0 + ''"), "true");
    assert_eq!(run("~5"), "-6");
    assert_eq!(run("null == undefined"), "true");
    assert_eq!(run("null === undefined"), "false");
    assert_eq!(run("'10' < '9'"), "true");
    assert_eq!(run("10 < 9"), "false");
    assert_eq!(run("NaN <= NaN"), "false");
    assert_eq!(run("typeof 1 + typeof 'x' + typeof undefined + typeof null + typeof {} + typeof function(){}"), "numberstringundefinedobjectobjectfunction");
    assert_eq!(run("typeof notDeclaredAnywhere"), "undefined");
    assert_eq!(run("void 1"), "undefined");
    assert_eq!(run("1, 2, 3"), "3");
    assert_eq!(run("`a${1 + 1}b${'c'}`"), "a2bc");
}

#[test]
fn variables_scopes_and_tdz() {
    assert_eq!(run("var a = 1; let b = 2; const c = 3; a + b + c"), "6");
    assert_eq!(run("let x = 1; { let x = 2; } x"), "1");
    assert_eq!(run("x; let x = 1"), "ReferenceError: Cannot access 'x' before initialization");
    assert_eq!(run("function f() { return y } f(); let y = 1"), "ReferenceError: Cannot access 'y' before initialization");
    assert_eq!(run("const k = 1; k = 2"), "TypeError: Assignment to constant variable.");
    assert_eq!(run("undefinedName"), "ReferenceError: undefinedName is not defined");
    assert_eq!(run("'use strict'; undeclared = 1"), "ReferenceError: undeclared is not defined");
    assert_eq!(run("sloppyGlobal = 5; sloppyGlobal"), "5");
    assert_eq!(run("var g = 1; globalThis.g === undefined ? 'no globalThis' : 'x'; this.g"), "1");
    assert_eq!(run("switch (1) { case 0: let q = 1; case 1: q }"), "ReferenceError: Cannot access 'q' before initialization");
}

#[test]
fn control_flow() {
    assert_eq!(run("let s = 0; for (let i = 0; i < 10; i++) { if (i % 2) continue; s += i } s"), "20");
    assert_eq!(run("let n = 0; while (true) { if (++n > 5) break } n"), "6");
    assert_eq!(run("let n = 0; do { n++ } while (n < 3); n"), "3");
    assert_eq!(run("let r = ''; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j == 1) continue outer; if (i == 2) break outer; r += i + '' + j } } r"), "0010");
    assert_eq!(run("let r; switch (3) { case 1: r = 'a'; break; case 3: r = 'c'; case 4: r += 'd'; break; default: r = 'z' } r"), "cd");
    assert_eq!(run("let r; switch (9) { case 1: r = 'a'; break; default: r = 'z'; case 2: r += '2' } r"), "z2");
    assert_eq!(run("lbl: { 1; break lbl; 2 }"), "1");
    assert_eq!(run("1 ? 'y' : 'n'"), "y");
    assert_eq!(run("0 || null || 'x'"), "x");
    assert_eq!(run("1 && 0"), "0");
    assert_eq!(run("null ?? 0 ?? 1"), "0");
}

#[test]
fn functions_and_closures() {
    assert_eq!(run("function add(a, b) { return a + b } add(2, 3)"), "5");
    assert_eq!(run("function f(a, b) { return b } f(1) === undefined"), "true");
    assert_eq!(run("function counter() { let n = 0; return () => ++n } let c = counter(); c(); c(); c()"), "3");
    assert_eq!(run("let fs = []; for (let i = 0; i < 3; i++) fs.push = 0; let a = []; for (let i = 0; i < 3; i++) a[i] = () => i; a[0]() + a[1]() + a[2]()"), "3");
    assert_eq!(run("function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } fact(10)"), "3628800");
    assert_eq!(run("hoisted(); function hoisted() { return 'h' } hoisted()"), "h");
    assert_eq!(run("var f = function named() { return typeof named }; f()"), "function");
    assert_eq!(run("(function () { return this })() === this"), "true");
    assert_eq!(run("(function () { 'use strict'; return this })()"), "undefined");
    assert_eq!(run("let o = { v: 1, m() { return this.v } }; o.m()"), "1");
    assert_eq!(run("let o = { v: 2, m() { return () => this.v } }; o.m()()"), "2");
    assert_eq!(run("function f() { return arguments.length } f(1, 2, 3)"), "3");
    assert_eq!(run("function f(a, ...rest) { return rest.length } f(1, 2, 3)"), "2");
    assert_eq!(run("function f(a, b = a + 1) { return b } f(1)"), "2");
    assert_eq!(run("function f() { return f.name + f.length } f()"), "f0");
    assert_eq!(run("let anon = function () {}; anon.name"), "anon");
    assert_eq!(run("let arrow = () => {}; arrow.name"), "arrow");
    assert_eq!(run("function deep(n) { return n == 0 ? 0 : 1 + deep(n - 1) } deep(5000)"), "5000");
    assert_eq!(run("function inf() { return inf() } inf()"), "RangeError: Maximum call stack size exceeded");
    assert_eq!(run("let x = 1; x()"), "TypeError: x is not a function");
    assert_eq!(run("let o = {}; o.method()"), "TypeError: o.method is not a function");
    assert_eq!(run("{ function inBlock() { return 1 } } inBlock()"), "1");
}

#[test]
fn objects_and_arrays() {
    assert_eq!(run("let o = { a: 1, b: { c: 2 } }; o.a + o.b.c + o['a']"), "4");
    assert_eq!(run("let o = {}; o.x = 5; o['y'] = 6; o.x * o.y"), "30");
    assert_eq!(run("let a = [1, 2, 3]; a[1] = 20; a[0] + a[1] + a[2]"), "24");
    assert_eq!(run("let a = [1, , 3]; a.length"), "3");
    assert_eq!(run("let k = 'dyn'; let o = { [k + 1]: 1 }; o.dyn1"), "1");
    assert_eq!(run("let x = 1; let o = { x }; o.x"), "1");
    assert_eq!(run("let o = { get g() { return 7 }, set s(v) { this.v = v } }; o.s = 3; o.g + o.v"), "10");
    assert_eq!(run("let o = { a: 1, b: 2 }; let c = { ...o, b: 3 }; c.a + c.b"), "4");
    assert_eq!(run("let o = { a: 1 }; delete o.a; 'a' in o"), "false");
    assert_eq!(run("let o = { __proto__: { inherited: 9 } }; o.inherited"), "9");
    assert_eq!(run("let u; u.x"), "TypeError: Cannot read properties of undefined (reading 'x')");
    assert_eq!(run("null.x = 1"), "TypeError: Cannot set properties of null (setting 'x')");
    assert_eq!(run("let a = {}; a?.b?.c"), "undefined");
    assert_eq!(run("let a = null; a?.b.c.d"), "undefined");
    assert_eq!(run("let a = { f() { return 1 } }; a.g?.() ?? a.f?.()"), "1");
    assert_eq!(run("let o = {a: 1}; o.a += 2; o.a++; o.a"), "4");
    assert_eq!(run("let o = {}; o.n ??= 5; o.n ||= 6; o.n &&= 7; o.n"), "7");
    assert_eq!(run("'abc'.length + 'abc'[1]"), "3b");
    assert_eq!(run("function F() { this.v = 1 } let f = new F(); f.v + (f instanceof F ? 1 : 0)"), "2");
    assert_eq!(run("function F() { return { w: 2 } } new F().w"), "2");
    assert_eq!(run("let s = ''; for (let k in { a: 1, b: 2, c: 3 }) s += k; s"), "abc");
    assert_eq!(run("let s = ''; let o = { a: 1, b: 2 }; for (let k in o) { delete o.b; s += k } s"), "a");
}

#[test]
fn destructuring() {
    assert_eq!(run("let { x, y: { z } = { z: 5 }, ...rest } = { x: 1, p: 2, q: 3 }; x + z + rest.q"), "9");
    assert_eq!(run("let o = {}; ({ a: o.x, b: o['y'] = 9 } = { a: 1 }); o.x + o.y"), "10");
    assert_eq!(run("let { a } = null"), "TypeError: Cannot destructure property 'a' of 'null' as it is null.");
}

#[test]
fn exceptions() {
    assert_eq!(run("try { throw 1 } catch (e) { e + 1 }"), "2");
    assert_eq!(run("let r = ''; try { r += 'a'; throw 0 } catch { r += 'b' } finally { r += 'c' } r"), "abc");
    assert_eq!(run("function f() { try { return 'try' } finally { log = 'fin' } } var log; f() + log"), "tryfin");
    assert_eq!(run("function f() { try { return 1 } finally { return 2 } } f()"), "2");
    assert_eq!(run("let n = 0; for (let i = 0; i < 5; i++) { try { if (i == 3) break; continue } finally { n++ } } n"), "4");
    assert_eq!(run("function f() { try { throw 'x' } finally { } } try { f() } catch (e) { 'caught ' + e }"), "caught x");
    assert_eq!(run("throw 'bare'"), "throw bare");
    assert_eq!(run("try { null.x } catch (e) { e.message }"), "Cannot read properties of null (reading 'x')");
    assert_eq!(run("function thrower() { throw 5 } function mid() { return thrower() + 1 } try { mid() } catch (e) { e }"), "5");
    assert_eq!(run("let r = ''; try { try { throw 1 } finally { r += 'f1' } } catch (e) { r += 'c' + e } r"), "f1c1");
}

#[test]
fn classes() {
    assert_eq!(run("class A { constructor(x) { this.x = x } get double() { return this.x * 2 } static make() { return new A(4) } } A.make().double"), "8");
    assert_eq!(run("class A { f = 1; g = this.f + 1 } let a = new A(); a.f + a.g"), "3");
    assert_eq!(run("class A { m() { return 'A' } } class B extends A { m() { return super.m() + 'B' } } new B().m()"), "AB");
    assert_eq!(run("class A { constructor() { this.t = new.target === B } } class B extends A {} new B().t"), "true");
    assert_eq!(run("class A { constructor(v) { this.v = v } } class B extends A { constructor() { super(7) } } new B().v"), "7");
    assert_eq!(run("class A {} A()"), "TypeError: Class constructor A cannot be invoked without 'new'");
    assert_eq!(run("class A {} class B extends A { constructor() { this.x = 1 } } new B()"), "ReferenceError: Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
    assert_eq!(run("class A extends 5 {}"), "TypeError: Class extends value 5 is not a constructor or null");
    assert_eq!(run("class S { static x = 3; static { this.y = this.x + 1 } } S.y"), "4");
    assert_eq!(run("let k = 'dyn'; class C { [k]() { return 1 } static [k + 2] = 2 } new C().dyn() + C.dyn2"), "3");
    assert_eq!(run("class C { static m() { return C.name } } C.m()"), "C");
    assert_eq!(run("class A { x = 1 } class B extends A { y = this.x + 1 } new B().y"), "2");
}

/// Array destructuring, spread and for-of over arrays and custom iterables. These need
/// `Array.prototype[Symbol.iterator]` and the `Symbol` global, which the built-ins helpers
/// install.
#[test]
fn iteration_protocol() {
    let src = "let it = { [Symbol.iterator]() { let i = 0; return { next: () => ({ done: i >= 3, value: i++ }), return: () => { closed = true; return {} } } } };
               var closed = false; let s = 0; for (const v of it) { if (v == 1) break; s += 10 } s + '' + closed";
    assert_eq!(run(src), "10true");
    assert_eq!(run("let a = [1, 2]; let b = [0, ...a, 3]; b.length + '' + b[2]"), "42");
    assert_eq!(run("let [a, b = 2, ...c] = [1, undefined, 3, 4]; a + b + c.length"), "5");
    assert_eq!(run("let a, b; [a, b] = [1, 2]; [a, b] = [b, a]; a * 10 + b"), "21");
    assert_eq!(run("function f({ a, b } = {}, [c] = [3]) { return (a ?? 1) + (b ?? 2) + c } f()"), "6");
    assert_eq!(run("let s = 0; for (const [k, v] of [[1, 2], [3, 4]]) s += k * v; s"), "14");
}

/// A custom iterable built without any built-in: for-of, spread and destructuring drive the
/// protocol, and `break`/throw close the iterator.
#[test]
fn iteration_protocol_without_builtins() {
    // The iterator key is taken from a test-only global (see `run_with_iterator_key`).
    let setup = "var closed = 0; function iterable(n) { let o = {}; o[ITER] = function () { let i = 0; return { next() { return { done: i >= n, value: i++ } }, return() { closed++; return {} } } }; return o }\n";
    assert_eq!(run_with_iterator_key(&format!("{setup} let s = ''; for (const v of iterable(3)) s += v; s + closed")), "0120");
    assert_eq!(run_with_iterator_key(&format!("{setup} let s = ''; for (const v of iterable(3)) {{ if (v == 1) break; s += v }} s + closed")), "01");
    assert_eq!(run_with_iterator_key(&format!("{setup} try {{ for (const v of iterable(3)) throw 'x' }} catch (e) {{}} closed")), "1");
    assert_eq!(run_with_iterator_key(&format!("{setup} let [a, , b, c = 9] = iterable(3); '' + a + b + c + closed")), "0290");
    assert_eq!(run_with_iterator_key(&format!("{setup} let [a] = iterable(3); '' + a + closed")), "01");
    assert_eq!(run_with_iterator_key(&format!("{setup} let [a, ...r] = iterable(4); '' + a + r.length + closed")), "030");
    assert_eq!(run_with_iterator_key(&format!("{setup} let arr = [...iterable(2), 5]; arr.length + '' + arr[1] + arr[2]")), "315");
    assert_eq!(run_with_iterator_key(&format!("{setup} function f(a, b, c) {{ return a + b + c }} f(...iterable(3))")), "3");
    assert_eq!(run_with_iterator_key("for (const x of 5) {}"), "TypeError: 5 is not iterable");
}

/// Runs `src` with a global `ITER` bound to the VM's @@iterator symbol.
fn run_with_iterator_key(src: &str) -> String {
    let mut vm = Vm::new();
    let sym = vm.symbols.iterator.clone();
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("ITER"), Value::Symbol(sym), modjs_vm::attrs::ALL);
    match vm.run_script(src, "test.js") {
        Ok(v) => show(&mut vm, &v),
        Err(e) => thrown(&mut vm, &e),
    }
}

#[test]
fn function_source_text() {
    assert_eq!(run("function f(a) { return a }\nf.toString()"), "function f(a) { return a }");
    assert_eq!(run("let o = { m(x) { } }; o.m.toString()"), "m(x) { }");
    assert_eq!(run("((a, b) => a + b).toString()"), "(a, b) => a + b");
    assert_eq!(run("class A { static s() {} }; A.s.toString()"), "s() {}");
    assert_eq!(run("class A { constructor() {} }; A.toString()"), "class A { constructor() {} }");
    assert_eq!(run("class B { }; B.toString()"), "class B { }");
}

#[test]
fn generators() {
    assert_eq!(run("function* g() { yield 1; yield 2; return 3 } let it = g(); let a = it.next(), b = it.next(), c = it.next(), d = it.next(); [a.value, a.done, b.value, c.value, c.done, d.value, d.done].join()"), "1,false,2,3,true,,true");
    assert_eq!(run("function* g() { let x = yield 1; yield x * 2 } let it = g(); it.next(); it.next(21).value"), "42");
    assert_eq!(run("function* g() { yield 1; yield 2; yield 3 } [...g()].join('-')"), "1-2-3");
    assert_eq!(run("function* g() { try { yield 1; yield 2 } finally { log.push('fin') } } var log = []; for (const v of g()) { log.push(v); break } log.join()"), "1,fin");
    assert_eq!(run("function* g() { try { yield 1 } catch (e) { yield 'caught ' + e } } let it = g(); it.next(); it.throw('boom').value"), "caught boom");
    assert_eq!(run("function* g() { yield 1; yield 2 } let it = g(); it.next(); let r = it.return(9); [r.value, r.done, it.next().done].join()"), "9,true,true");
    assert_eq!(run("function* inner() { let x = yield 'a'; return x + 1 } function* outer() { let r = yield* inner(); yield r } let it = outer(); [it.next().value, it.next(41).value].join()"), "a,42");
    assert_eq!(run("function* h() { yield 'a'; yield 'b' } function* g() { yield* [1, 2]; yield* h() } [...g()].join()"), "1,2,a,b");
    assert_eq!(run("function* g(a, b = a * 2) { yield a + b } g(1).next().value"), "3");
    assert_eq!(run("function* g() { yield this.v } g.call({ v: 5 }).next().value"), "5");
    assert_eq!(run("function* g() { throw 'inside' } let it = g(); try { it.next() } catch (e) { e + it.next().done }"), "insidetrue");
    assert_eq!(run("function* g() { it.next() } let it = g(); try { it.next() } catch (e) { e.message }"), "Generator is already running");
    assert_eq!(run("function* g() {} Object.getPrototypeOf(g) === Object.getPrototypeOf(function*(){}) && Object.getPrototypeOf(g()) === g.prototype"), "true");
    assert_eq!(run("let o = { *m() { yield 7 } }; o.m().next().value"), "7");
    assert_eq!(run("class C { static *[Symbol.iterator]() { yield 'x' } } [...C].join()"), "x");
    assert_eq!(run("function* g() { let i = 0; while (true) yield i++ } let it = g(); for (let k = 0; k < 1000; k++) it.next(); it.next().value"), "1000");
}

/// Runs `src`, then the event loop; returns the global `out` as a string.
fn run_async(src: &str) -> String {
    let mut vm = Vm::new();
    if let Err(e) = vm.run_script(src, "test.js") {
        return thrown(&mut vm, &e);
    }
    if modjs_vm::host::event_loop::process_ticks_and_rejections(&mut vm).is_err() {
        return "<uncaught>".into();
    }
    if modjs_vm::host::event_loop::run_event_loop(&mut vm).is_err() {
        return "<uncaught>".into();
    }
    let g = vm.global();
    let v = vm.get(g, &PropertyKey::from("out")).unwrap_or(Value::Undefined);
    show(&mut vm, &v)
}

#[test]
fn async_functions() {
    assert_eq!(run_async("var out = ''; async function f() { out += 'a'; await null; out += 'c'; return 'r' } f().then(v => out += v); out += 'b'"), "abcr");
    assert_eq!(run_async("var out; async function f() { try { await Promise.reject('no') } catch (e) { return 'caught ' + e } } f().then(v => out = v)"), "caught no");
    assert_eq!(run_async("var out; async function f() { throw 'sync' } f().catch(e => out = 'rejected ' + e)"), "rejected sync");
    assert_eq!(run_async("var out; async function f(a = (() => { throw 'param' })()) {} f().catch(e => out = e)"), "param");
    assert_eq!(run_async("var out = []; async function a() { out.push(1); await 0; out.push(3) } a(); Promise.resolve().then(() => out.push(2)); Promise.resolve().then(() => 0).then(() => out.push(4)); out = out"), "1,3,2,4");
    // Awaiting another async function's promise costs the ticks V8 takes (node prints this order).
    assert_eq!(run_async("var out = []; async function a() { await null; out.push('a1'); await null; out.push('a2') } async function b() { out.push('b0'); await a(); out.push('b1') } b(); Promise.resolve().then(() => out.push('p1')).then(() => out.push('p2')).then(() => out.push('p3')).then(() => out.push('p4'))"), "b0,a1,p1,a2,p2,b1,p3,p4");
    assert_eq!(run_async("var out; const f = async (x) => (await x) * 2; f(Promise.resolve(21)).then(v => out = v)"), "42");
    assert_eq!(run_async("var out; class C { async m() { return this.v } } let c = new C(); c.v = 'method'; c.m().then(v => out = v)"), "method");
    assert_eq!(run_async("var out = 0; async function loop() { for (let i = 0; i < 100; i++) out += await i } loop()"), "4950");
    assert_eq!(run_async("var out; async function f() { return 1 } out = Object.prototype.toString.call(f())"), "[object Promise]");
    assert_eq!(run_async("var out; async function f() { try { return await 1 } finally { out = 'finally' } } f()"), "finally");
}

#[test]
fn private_class_members() {
    assert_eq!(run("class A { #x = 1; inc() { return ++this.#x } } let a = new A(); a.inc(); a.inc()"), "3");
    assert_eq!(run("class A { #x = 1; static read(o) { return o.#x } } A.read({})"), "TypeError: Cannot read private member #x from an object whose class did not declare it");
    assert_eq!(run("class A { #x; static write(o) { o.#x = 1 } } A.write({})"), "TypeError: Cannot write private member #x to an object whose class did not declare it");
    assert_eq!(run("class A { #m() { return 'm' } call() { return this.#m() } } new A().call()"), "m");
    assert_eq!(run("class A { #v = 2; get #g() { return this.#v * 10 } set #g(x) { this.#v = x } run() { this.#g = 5; return this.#g } } new A().run()"), "50");
    assert_eq!(run("class A { #m() {} static has(o) { return #m in o } } A.has(new A()) + ',' + A.has({})"), "true,false");
    assert_eq!(run("class A { static #count = 0; static next() { return ++A.#count } } A.next(); A.next()"), "2");
    assert_eq!(run("class A { #m() {} static f(o) { o.#m = 1 } } A.f(new A())"), "TypeError: Private method '#m' is not writable");
    assert_eq!(run("class A { #x = 1 } Object.getOwnPropertyNames(new A()).length + Reflect.ownKeys(new A()).length"), "0");
    assert_eq!(run("class B { constructor(o) { return o } } class A extends B { #x = 1; static has(o) { return #x in o } } let o = {}; new A(o); A.has(o)"), "true");
    assert_eq!(run("class B { constructor(o) { return o } } class A extends B { #x = 1 } let o = {}; new A(o); new A(o)"), "TypeError: Cannot initialize #x twice on the same object");
    assert_eq!(run("class A { #m() { return this } get() { return this.#m } } let a = new A(); a.get().name"), "#m");
}

#[test]
fn tagged_templates() {
    assert_eq!(run("function tag(s, ...v) { return s.join('|') + ':' + v.join(',') + ':' + s.raw.join('|') } tag`a${1}b${2}c\\n`"), "a|b|c\n:1,2:a|b|c\\n");
    assert_eq!(run("function id(s) { return s } let f = () => id`x`; f() === f()"), "true");
    assert_eq!(run("function id(s) { return s } id`x` === id`x`"), "false");
    assert_eq!(run("function id(s) { return Object.isFrozen(s) && Object.isFrozen(s.raw) } id`x`"), "true");
    assert_eq!(run("function cooked(s) { return s[0] === undefined && s.raw[0] === '\\\\u{' } cooked`\\u{`"), "true");
    assert_eq!(run("let o = { v: 7, t(s) { return this.v } }; o.t`x`"), "7");
}

/// JavaScript calling a built-in calling JavaScript ... nests Rust frames: the interpreter
/// throws a RangeError before the Rust stack runs out (this test runs on a 2 MiB thread).
#[test]
fn deep_native_reentry_is_a_range_error() {
    let r = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| run("function f() { return [1].map(f) } try { f() } catch (e) { e.message }"))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(r, "Maximum call stack size exceeded");
}

#[test]
fn a_function_sees_functions_declared_after_it_in_the_same_body() {
    // Every hoisted function of a body is bound before any of them is created.
    assert_eq!(
        run("function outer() { function f() { return typeof g + ' ' + g(); } function g() { return 1; } return f(); } outer()"),
        "function 1"
    );
    assert_eq!(run("(function () { function a() { return b(); } function b() { return 'b'; } return a(); })()"), "b");
}
