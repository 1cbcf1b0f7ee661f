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

#[test]
fn remainder_by_an_immediate_divisor_covers_every_dividend() {
    let src = "var xs = [7, -7, -0, 0, 5.5, 2147483647, 4294967296, NaN, Infinity, -2147483648, 1e300];
        var out = [];
        for (var i = 0; i < xs.length; i++) {
          var x = xs[i];
          out.push([x % 3, x % 1, x % 2147483647, x % 0, x % -3]
            .map(function (r) { return Object.is(r, -0) ? '-0' : String(r); }).join(' '));
        }
        out.join('|')";
    assert_eq!(
        run(src),
        "1 0 7 NaN 1|-1 -0 -7 NaN -1|-0 -0 -0 NaN -0|0 0 0 NaN 0|2.5 0.5 5.5 NaN 2.5|1 0 0 NaN 1|\
         1 0 2 NaN 1|NaN NaN NaN NaN NaN|NaN NaN NaN NaN NaN|-2 -0 -1 NaN -2|0 0 260391960 NaN 0"
    );
}

#[test]
fn strings_joined_with_numbers_print_them_as_to_string_does() {
    let src = "var ns = [-0, 0, -7, 9007199254740991, 9007199254740992, 1.5, NaN, Infinity, -Infinity, 1e21, 123456789012];
        var s = [];
        for (var j = 0; j < ns.length; j++) { var n = ns[j]; s.push('x' + n, n + 'y', '' + n, n + ''); }
        s.join(',')";
    assert_eq!(
        run(src),
        "x0,0y,0,0,x0,0y,0,0,x-7,-7y,-7,-7,x9007199254740991,9007199254740991y,9007199254740991,9007199254740991,\
         x9007199254740992,9007199254740992y,9007199254740992,9007199254740992,x1.5,1.5y,1.5,1.5,xNaN,NaNy,NaN,NaN,\
         xInfinity,Infinityy,Infinity,Infinity,x-Infinity,-Infinityy,-Infinity,-Infinity,x1e+21,1e+21y,1e+21,1e+21,\
         x123456789012,123456789012y,123456789012,123456789012"
    );
}

#[test]
fn functions_named_by_computed_keys() {
    let src = "var k = 'ab'; var sym = Symbol('d');
        var o = { [k + 'c']: function () {}, [sym]: function () {}, [1]: function () {}, ['']: function () {} };
        [o.abc.name, o[sym].name, o[1].name, JSON.stringify(o[''].name), typeof Math.max.name + Math.max.name].join()";
    assert_eq!(run(src), "abc,[d],1,\"\",stringmax");
}

#[test]
fn char_code_at_converts_positions_outside_the_plain_case() {
    let src = "var s = 'abc';
        [1.5, -0.5, -1, 3, 2.999, NaN, '1', undefined, Infinity]
          .map(function (i) { return String(s.charCodeAt(i)); }).join()
        + ':' + String.prototype.charCodeAt.call(12345, 2) + ':' + ''.charCodeAt(0)";
    assert_eq!(run(src), "98,97,NaN,NaN,99,97,98,97,NaN:51:NaN");
}

#[test]
fn object_keys_keeps_the_own_property_key_order_and_filters() {
    let src = "var o = { b: 1, a: 2 }; o[Symbol('s')] = 3; Object.defineProperty(o, 'hidden', { value: 1, enumerable: false });
        o.c = 4; delete o.b; o.b = 5;
        var p = { z: 1, 2: 'x', 1: 'y' }; function f() {} f.k = 1;
        var g = Object.defineProperty({}, 'v', { get: function () { return 1; }, enumerable: true });
        [Object.keys(o), Object.keys(p), Object.keys(f), Object.keys(g), Object.keys(Object.create({ inh: 1 })),
         Object.keys([5, 6]), Object.keys('ab')].map(function (k) { return k.join('.'); }).join('|')";
    assert_eq!(run(src), "a.c.b|1.2.z|k|v||0.1|0.1");
}
