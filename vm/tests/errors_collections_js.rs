//! Error, Map, Set, the weak collections and the stack-trace API used from JavaScript through
//! `Vm::run_script`; each script's completion value (ToString) is compared with what Node v20
//! prints.

use modjs_vm::{PropertyKey, Value, Vm};

fn run(src: &str) -> String {
    let mut vm = Vm::new();
    let result = vm.run_script(src, "/test/file.js");
    match result {
        Ok(v) => vm.to_string(&v).map(|s| s.to_rust_lossy()).unwrap_or_else(|_| "<unprintable>".into()),
        Err(e) => {
            let text = match &e {
                Value::Object(o) => {
                    let stack = vm.get(*o, &PropertyKey::from("stack")).unwrap_or(Value::Undefined);
                    vm.to_string(&stack).map(|s| s.to_rust_lossy()).unwrap_or_default()
                }
                other => vm.to_string(other).map(|s| s.to_rust_lossy()).unwrap_or_default(),
            };
            format!("threw {text}")
        }
    }
}

#[track_caller]
fn check(src: &str, expected: &str) {
    assert_eq!(run(src), expected, "script: {src}");
}

/// The first line of the string a script completes with.
fn first_line(src: &str) -> String {
    run(src).lines().next().unwrap_or_default().to_string()
}

#[test]
fn subclass_names_set_in_the_constructor_head_the_stack() {
    let src = "class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr'; } }\nnew MyErr('boom').stack";
    assert_eq!(first_line(src), "MyErr: boom");
    check("class E2 extends Error {}; new E2('x') instanceof E2", "true");
    assert_eq!(first_line("class E2 extends Error {}; new E2('x').stack"), "Error: x");
    assert_eq!(first_line("const e = new Error('a'); e.message = 'b'; e.stack"), "Error: b");
    assert_eq!(first_line("const e = new Error('a'); e.stack; e.message = 'b'; e.stack"), "Error: a");
    check("Object.getOwnPropertyNames(new Error('a', {cause: 1})).join()", "stack,message,cause");
}

#[test]
fn stacks_list_the_frames_of_the_call() {
    let out = run("function inner() { return new Error('deep'); }\nfunction outer() { return inner(); }\nouter().stack");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Error: deep");
    assert!(lines.len() >= 3, "{out}");
    assert!(lines[1].starts_with("    at inner (/test/file.js:1:"), "{out}");
    assert!(lines[2].starts_with("    at outer (/test/file.js:2:"), "{out}");
    let limited = run("Error.stackTraceLimit = 1; function a() { return new Error('x'); } function b() { return a(); } b().stack");
    assert_eq!(limited.lines().count(), 2, "{limited}");
}

#[test]
fn capture_stack_trace_omits_frames_above_the_constructor() {
    let out = run(
        "function Custom() { const o = {message: 'm'}; Error.captureStackTrace(o, Custom); return o.stack; }\n\
         function caller() { return Custom(); }\ncaller()",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Error: m");
    assert!(lines.get(1).is_some_and(|l| l.starts_with("    at caller ")), "{out}");
}

#[test]
fn error_prototypes_and_to_string() {
    check("'' + new RangeError('r') + '|' + RangeError.prototype.name + '|' + (RangeError.prototype.message === '')", "RangeError: r|RangeError|true");
    check("Object.getPrototypeOf(TypeError) === Error && Object.getPrototypeOf(TypeError.prototype) === Error.prototype", "true");
    check("Error('x') instanceof Error && TypeError('y') instanceof TypeError", "true");
    check("Object.prototype.toString.call(new URIError) + Object.prototype.toString.call(Error.prototype)", "[object Error][object Object]");
    check("try { Error.prototype.toString.call(1) } catch (e) { e.message }", "Method Error.prototype.toString called on incompatible receiver 1");
    check("const e = new AggregateError(new Set([1, 2]), 'many'); e.errors.join() + '|' + e.message + '|' + Object.getOwnPropertyNames(e).join()", "1,2|many|stack,message,errors");
}

#[test]
fn map_and_set_from_javascript() {
    check("const m = new Map([[1, 'a'], [2, 'b']]); let s = ''; for (const [k, v] of m) s += k + v; s + m.size", "1a2b2");
    check("[...new Set([3, 3, 4, NaN, NaN, -0, 0])].join()", "3,4,NaN,0");
    check(
        "const s = new Set([1, 2, 3]); const seen = []; for (const v of s) { seen.push(v); if (v === 1) { s.delete(2); s.add(4); } } seen.join()",
        "1,3,4",
    );
    check("const m = new Map(); m.set(m, m); m.get(m) === m && m.has(m) && !m.has({})", "true");
    check("class M extends Map { constructor(x) { super(x); this.tag = 't'; } } const m = new M([[1, 2]]); m.get(1) + m.tag + (m instanceof Map)", "2ttrue");
    check("try { new Map([1]) } catch (e) { e.message }", "Iterator value 1 is not an entry object");
    check("try { Map() } catch (e) { e.message }", "Constructor Map requires 'new'");
    check("try { Map.prototype.get.call([], 1) } catch (e) { e.message }", "Method Map.prototype.get called on incompatible receiver [object Array]");
    check("Object.prototype.toString.call(new Map().entries()) + Object.prototype.toString.call(new Set)", "[object Map Iterator][object Set]");
    check("const it = new Map([[1, 2]]).keys(); it[Symbol.iterator]() === it", "true");
    check("Map[Symbol.species] === Map && Object.getOwnPropertyDescriptor(Map, Symbol.species).get.name", "get [Symbol.species]");
}

#[test]
fn iterator_close_runs_when_the_adder_throws() {
    check(
        "let closed = false;
         const iterable = { [Symbol.iterator]() { return { next() { return { value: [1, 2], done: false }; }, return() { closed = true; return {}; } }; } };
         class Bad extends Map { set() { throw new Error('no'); } }
         try { new Bad(iterable) } catch (e) { e.message + closed }",
        "notrue",
    );
}

#[test]
fn weak_collections_from_javascript() {
    check("const k = {}; const w = new WeakMap([[k, 1]]); w.get(k) + '|' + w.has({}) + '|' + w.delete(k) + w.has(k)", "1|false|truefalse");
    check("try { new WeakSet([1]) } catch (e) { e.message }", "Invalid value used in weak set");
    check("const o = {}; new WeakRef(o).deref() === o", "true");
}

#[test]
fn async_from_sync_iterators_await_each_value() {
    use modjs_vm::builtins::promise::{promise_state, PromiseState};
    let mut vm = Vm::new();
    let set = vm.run_script("new Set([1, Promise.resolve(2)])", "/test/file.js").unwrap();
    let mut rec = vm.get_iterator(&set, modjs_vm::IteratorHint::Async).unwrap();
    let mut results = Vec::new();
    for _ in 0..3 {
        let p = vm.iterator_next(&mut rec, None).unwrap();
        results.push(p);
    }
    modjs_vm::host::microtask::run_microtasks(&mut vm).unwrap();
    let mut seen = Vec::new();
    for p in results {
        let Some((PromiseState::Fulfilled, Value::Object(r))) = promise_state(&vm, p) else {
            panic!("a fulfilled promise of an iterator result");
        };
        let value = vm.get(r, &PropertyKey::from("value")).unwrap();
        let done = vm.get(r, &PropertyKey::from("done")).unwrap();
        seen.push(format!("{}:{}", vm.to_string(&value).unwrap().to_rust_lossy(), vm.to_string(&done).unwrap().to_rust_lossy()));
    }
    assert_eq!(seen, ["1:false", "2:false", "undefined:true"]);
}

#[test]
fn async_from_sync_rejections_close_the_sync_iterator() {
    use modjs_vm::builtins::promise::{promise_state, PromiseState};
    let mut vm = Vm::new();
    let iterable = vm
        .run_script(
            "var closed = false;
             ({ [Symbol.iterator]() { return {
                 next() { return { value: Promise.reject(new Error('r')), done: false }; },
                 return() { closed = true; return {}; } }; } })",
            "/test/file.js",
        )
        .unwrap();
    let mut rec = vm.get_iterator(&iterable, modjs_vm::IteratorHint::Async).unwrap();
    let p = vm.iterator_next(&mut rec, None).unwrap();
    modjs_vm::host::microtask::run_microtasks(&mut vm).unwrap();
    let Some((PromiseState::Rejected, Value::Object(e))) = promise_state(&vm, p) else {
        panic!("a rejected promise");
    };
    let message = vm.get(e, &PropertyKey::from("message")).unwrap();
    assert_eq!(vm.to_string(&message).unwrap().to_rust_lossy(), "r");
    let g = vm.global();
    assert!(matches!(vm.get(g, &PropertyKey::from("closed")).unwrap(), Value::Bool(true)));
}

#[test]
fn prepare_stack_trace_receives_call_sites() {
    let src = "function getCallers() {
            const saved = Error.prepareStackTrace;
            Error.prepareStackTrace = (err, sites) => sites;
            const holder = {};
            Error.captureStackTrace(holder, getCallers);
            const sites = holder.stack;
            Error.prepareStackTrace = saved;
            return sites;
        }
        function caller() { return getCallers(); }
        const sites = caller();
        const first = sites[0];
        [typeof sites.length, first.getFunctionName(), first.getFileName(), typeof first.getLineNumber(),
         first.isNative(), first.getTypeName()].join();";
    check(src, "number,caller,/test/file.js,number,false,");
    // Node's default is a function, and leaving it in place gives the usual text.
    check("typeof Error.prepareStackTrace + Error.prepareStackTrace.name", "functionErrorPrepareStackTrace");
    let first = run("Error.prepareStackTrace = (e, s) => 'custom ' + e.message; new Error('m').stack");
    assert_eq!(first, "custom m");
}

#[test]
fn incompatible_receivers_are_shown_as_v8_shows_them() {
    let prefix = "Method Map.prototype.get called on incompatible receiver ";
    for (receiver, shown) in [
        ("function f(){}", "function f(){}"),
        ("new (class Foo {})", "#<Foo>"),
        ("Object.create(null)", "[object Object]"),
        ("new Error('x')", "Error: x"),
        ("'ab'", "ab"),
        ("Map", "function Map() { [native code] }"),
    ] {
        let src = format!("try {{ Map.prototype.get.call({receiver}, 1) }} catch (e) {{ e.message }}");
        assert_eq!(run(&src), format!("{prefix}{shown}"), "receiver {receiver}");
    }
}

#[test]
fn util_inspect_shows_collection_contents() {
    use modjs_vm::host::inspect::{inspect, InspectOptions};
    let mut vm = Vm::new();
    let cases = [
        ("new Map([[1, 'a'], ['k', {x: 1}]])", "Map(2) { 1 => 'a', 'k' => { x: 1 } }"),
        ("new Set([1, 'two'])", "Set(2) { 1, 'two' }"),
        ("const it = new Map([[1, 'a'], ['k', {x: 1}]]).entries(); it.next(); it", "[Map Entries] { [ 'k', { x: 1 } ] }"),
        ("new Set([5]).values()", "[Set Iterator] { 5 }"),
        ("new WeakMap()", "WeakMap { <items unknown> }"),
    ];
    for (src, expected) in cases {
        let v = vm.run_script(src, "/test/file.js").unwrap();
        assert_eq!(inspect(&mut vm, &v, InspectOptions::default()).unwrap(), expected, "{src}");
    }
}

#[test]
fn finalization_registry_validates_and_unregisters() {
    check(
        "const r = new FinalizationRegistry(() => {}); const o = {}, token = {};
         r.register(o, 'held', token); r.register({}, 'other', token);
         [r.unregister(token), r.unregister(token), Object.prototype.toString.call(r)].join()",
        "true,false,[object FinalizationRegistry]",
    );
    check("try { FinalizationRegistry() } catch (e) { e.message }", "Constructor FinalizationRegistry requires 'new'");
    check("try { new FinalizationRegistry(1) } catch (e) { e.message }", "FinalizationRegistry: cleanup must be callable");
    check(
        "const r = new FinalizationRegistry(() => {}); const o = {}; try { r.register(o, o) } catch (e) { e.message }",
        "FinalizationRegistry.prototype.register: target and holdings must not be same",
    );
    check(
        "const r = new FinalizationRegistry(() => {}); try { r.register({}, 1, 5) } catch (e) { e.message }",
        "Invalid unregisterToken ('5')",
    );
    check("FinalizationRegistry.length + FinalizationRegistry.prototype.register.length", "3");
}
