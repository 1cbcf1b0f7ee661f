//! Scripts whose results depend on the cases the interpreter's and the object model's fast
//! paths must leave to the full algorithms: inherited read-only properties and setters,
//! proxies on the prototype chain, non-extensible receivers, array appends that a prototype
//! intercepts, property keys made at run time, and Number remainder signs. Each script's
//! completion value (as a string) is compared with what Node prints for it.

use modjs_vm::{Value, Vm};

fn run(src: &str) -> String {
    let mut vm = Vm::new();
    match vm.run_script(src, "fast_paths.js") {
        Ok(v) => match vm.to_string(&v) {
            Ok(s) => s.to_rust_lossy(),
            Err(_) => "<unprintable>".into(),
        },
        Err(e) => match e {
            Value::Object(_) => "<threw>".into(),
            _ => "<threw a primitive>".into(),
        },
    }
}

#[test]
fn assignment_respects_an_inherited_read_only_property() {
    let sloppy = "var p = Object.defineProperty({}, 'x', { value: 1 });
        var o = Object.create(p); o.x = 2; String(o.x) + Object.keys(o).length";
    assert_eq!(run(sloppy), "10");
    let strict = "'use strict'; var p = Object.freeze({ x: 1 }); var o = Object.create(p);
        var r; try { o.x = 2; r = 'no error'; } catch (e) { r = e.constructor.name; } r";
    assert_eq!(run(strict), "TypeError");
}

#[test]
fn assignment_calls_an_inherited_setter() {
    let src = "var log = ''; var p = { set x(v) { log += v; } }; var o = Object.create(p);
        o.x = 5; o['x'] = 6; log + ':' + o.hasOwnProperty('x')";
    assert_eq!(run(src), "56:false");
}

#[test]
fn assignment_through_a_proxy_prototype_reaches_its_trap() {
    let src = "var log = []; var p = new Proxy({}, { set(t, k, v, r) { log.push(k); return Reflect.set(t, k, v, r); } });
        var o = Object.create(p); o.z = 1; o['w'] = 2; log.join() + ':' + o.hasOwnProperty('z') + o.hasOwnProperty('w')";
    assert_eq!(run(src), "z,w:truetrue");
}

#[test]
fn non_extensible_receivers_get_no_new_property() {
    let src = "'use strict'; var o = Object.preventExtensions({}); var r;
        try { o.x = 1; r = 'no error'; } catch (e) { r = e.constructor.name; } r + ':' + ('x' in o)";
    assert_eq!(run(src), "TypeError:false");
    let sloppy = "var o = Object.preventExtensions({ a: 1 }); o.b = 2; o.a = 3; o.a + ':' + ('b' in o)";
    assert_eq!(run(sloppy), "3:false");
}

#[test]
fn functions_and_arrays_take_new_named_properties() {
    assert_eq!(run("function f() {} f.extra = 1; f.extra + ':' + Object.keys(f).join()"), "1:extra");
    assert_eq!(run("var a = [1]; a.tag = 'x'; a.tag + a.length + Object.keys(a).join()"), "x10,tag");
}

#[test]
fn dictionary_objects_count_with_computed_keys() {
    let src = "var c = {}; var w = ['a', 'b', 'a', 'c', 'a'];
        for (var i = 0; i < w.length; i++) { c[w[i]] = (c[w[i]] || 0) + 1; } JSON.stringify(c)";
    assert_eq!(run(src), "{\"a\":3,\"b\":1,\"c\":1}");
    // A key built at run time finds the property a literal made, and the other way round.
    let src = "var o = { ab: 1 }; var k = 'a' + 'b'; o[k] + ':' + (k in o) + ':' + Object.keys({ [k]: 2 })[0]";
    assert_eq!(run(src), "1:true:ab");
}

#[test]
fn array_appends_through_set() {
    assert_eq!(run("var a = [1]; a[1] = 2; a[2] = 3; a.length + ':' + a.join()"), "3:1,2,3");
    // A setter for the index on Array.prototype intercepts the append.
    let src = "Object.defineProperty(Array.prototype, '2', { set(v) { this.seen = v; }, configurable: true });
        var a = [1, 2]; a[2] = 9; var r = a.length + ':' + a.seen; delete Array.prototype[2]; r";
    assert_eq!(run(src), "2:9");
    let src = "'use strict'; var a = Object.freeze([1]); var r;
        try { a[1] = 2; r = 'no error'; } catch (e) { r = e.constructor.name; } r + a.length";
    assert_eq!(run(src), "TypeError1");
    let src =
        "var a = [1, 2]; Object.defineProperty(a, 'length', { writable: false }); a[2] = 3; a.length + ':' + a[2]";
    assert_eq!(run(src), "2:undefined");
}

#[test]
fn descriptor_fields_come_from_getters_and_prototypes() {
    let src = "var d = { get enumerable() { return true; }, value: 3 };
        var o = Object.defineProperty({}, 'q', d); Object.keys(o).join() + o.q";
    assert_eq!(run(src), "q3");
    let src = "var d = Object.create({ value: 4, writable: true }); var o = Object.defineProperty({}, 'q', d);
        var before = o.q; o.q = 5; before + ':' + o.q + ':' + Object.keys(o).length";
    assert_eq!(run(src), "4:5:0");
}

#[test]
fn strings_built_one_character_at_a_time_and_integers_as_text() {
    let src = "var s = ''; for (var i = 0; i < 5; i++) s += String.fromCharCode(97 + i);
        s + (-0) + 12 + (-7) + 9007199254740991 + 1.5 + String.fromCharCode(0x20ac) + 'xyz'.charAt(1)";
    assert_eq!(run(src), "abcde012-790071992547409911.5€y");
}

#[test]
fn remainder_keeps_the_dividend_sign() {
    let src = "[7 % 3, -7 % 3, 7 % -3, (-0) % 5, 0 % 5, 5.5 % 2, 2147483647 % 2, 4294967296 % 3, 5 % 0]
        .map(function (x) { return Object.is(x, -0) ? '-0' : String(x); }).join()";
    assert_eq!(run(src), "1,-1,1,-0,0,1.5,1,1,NaN");
}
