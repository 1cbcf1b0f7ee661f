//! The object-model built-ins run as JavaScript: each script's completion value (ToString) or
//! thrown error (`Name: message`) is compared with what Node.js v20 prints for the same script
//! (the expected texts were produced by running each script in a fresh `vm` context of node:
//! `cd vm/tests/objects_js_gen && node gen.js | node mkrs.js > ../objects_js.rs`).

use modjs_vm::{Intrinsic, PropertyKey, Value, Vm};

/// Appended to every script (its declaration is hoisted; the completion value is unchanged): a
/// deterministic rendering of values that needs no JSON.
const PRELUDE: &str = r#"function show(v) {
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "function") return "fn";
  if (v === null || typeof v !== "object") return "" + v;
  if (Array.isArray(v)) return "[" + v.map(show).join(",") + "]";
  return "{" + Reflect.ownKeys(v).map(function (k) { return show(k) + ":" + show(v[k]) }).join(",") + "}";
}
"#;

fn show(vm: &mut Vm, v: &Value) -> String {
    match vm.to_string(v) {
        Ok(s) => s.to_rust_lossy(),
        Err(_) => "<unprintable>".into(),
    }
}

/// `Name: message` of a thrown value, the name found from its prototype (so that it does not
/// depend on the Error constructors).
fn thrown(vm: &mut Vm, e: &Value) -> String {
    let Value::Object(o) = e else { return format!("throw {}", show(vm, e)) };
    let proto = vm.get_prototype_of(*o).ok().flatten();
    let mut name = "?";
    for (which, n) in [
        (Intrinsic::TypeErrorPrototype, "TypeError"),
        (Intrinsic::RangeErrorPrototype, "RangeError"),
        (Intrinsic::ReferenceErrorPrototype, "ReferenceError"),
        (Intrinsic::SyntaxErrorPrototype, "SyntaxError"),
        (Intrinsic::ErrorPrototype, "Error"),
    ] {
        if proto == Some(vm.intrinsic(which)) {
            name = n;
        }
    }
    let msg = vm.get(*o, &PropertyKey::from("message")).unwrap_or(Value::Undefined);
    format!("{name}: {}", show(vm, &msg))
}

fn run(src: &str) -> String {
    let mut vm = Vm::new();
    let text = format!("{src}\n{PRELUDE}");
    match vm.run_script(&text, "objects.js") {
        Ok(v) => show(&mut vm, &v),
        Err(e) => thrown(&mut vm, &e),
    }
}

/// (script, what node prints for it)
const CASES: &[(&str, &str)] = &[
    (
        r#"Object.keys({b:1, 2:2, a:3, 0:4}).join()"#,
        r#"0,2,b,a"#,
    ),
    (
        r#"show(Object.entries({x:1, y:[2]}))"#,
        r#"[[x,1],[y,[2]]]"#,
    ),
    (
        r#"var o = Object.create({inherited: 1}, {own: {value: 2, enumerable: true}}); Object.keys(o).join() + "|" + o.inherited"#,
        r#"own|1"#,
    ),
    (
        r#"var o = {}; Object.defineProperty(o, "x", {value: 1}); show(Object.getOwnPropertyDescriptor(o, "x"))"#,
        r#"{value:1,writable:false,enumerable:false,configurable:false}"#,
    ),
    (
        r#"var o = Object.freeze({a: 1, b: {c: 2}}); o.a = 5; o.b.c = 3; [o.a, o.b.c, Object.isFrozen(o), Object.isFrozen(o.b), Object.isSealed(o)].join()"#,
        r#"1,3,true,false,true"#,
    ),
    (
        r#""use strict"; var o = Object.freeze({a: 1}); o.a = 2"#,
        r#"TypeError: Cannot assign to read only property 'a' of object '#<Object>'"#,
    ),
    (
        r#""use strict"; var o = Object.seal({a: 1}); o.a = 2; delete o.a"#,
        r#"TypeError: Cannot delete property 'a' of #<Object>"#,
    ),
    (
        r#""use strict"; var o = Object.preventExtensions({}); o.b = 1"#,
        r#"TypeError: Cannot add property b, object is not extensible"#,
    ),
    (
        r#"Object.assign({a: 1}, null, "xy", {b: 2}, [5]).toString() + show(Object.assign({a: 1}, null, "xy", {b: 2}, [5]))"#,
        r#"[object Object]{0:5,1:y,a:1,b:2}"#,
    ),
    (
        r#"Object.getOwnPropertyNames("ab").join()"#,
        r#"0,1,length"#,
    ),
    (
        r#"Object.getOwnPropertyNames([1, 2]).join()"#,
        r#"0,1,length"#,
    ),
    (
        r#"var s = Symbol("q"); var o = {[s]: 1, a: 2}; Object.getOwnPropertySymbols(o).length + (Object.getOwnPropertySymbols(o)[0] === s)"#,
        r#"2"#,
    ),
    (
        r#"show(Object.fromEntries([["a", 1], ["b", 2]]))"#,
        r#"{a:1,b:2}"#,
    ),
    (
        r#"Object.fromEntries([1])"#,
        r#"TypeError: Iterator value 1 is not an entry object"#,
    ),
    (
        r#"Object.fromEntries(undefined)"#,
        r#"TypeError: undefined is not iterable"#,
    ),
    (
        r#"[Object.is(NaN, NaN), Object.is(0, -0), Object.is("a", "a")].join()"#,
        r#"true,false,true"#,
    ),
    (
        r#"Object.setPrototypeOf(1, null)"#,
        r#"1"#,
    ),
    (
        r#"var a = {}; var b = Object.create(a); Object.setPrototypeOf(a, b)"#,
        r#"TypeError: Cyclic __proto__ value"#,
    ),
    (
        r#"Object.setPrototypeOf(Object.prototype, {})"#,
        r#"TypeError: Immutable prototype object 'Object.prototype' cannot have their prototype set"#,
    ),
    (
        r#"Object.prototype.__proto__ = {}"#,
        r#"TypeError: Immutable prototype object 'Object.prototype' cannot have their prototype set"#,
    ),
    (
        r#"var o = {}; o.__proto__ = Array.prototype; Array.isArray(o) + "," + (o instanceof Array)"#,
        r#"false,true"#,
    ),
    (
        r#"({}).__proto__ === Object.prototype"#,
        r#"true"#,
    ),
    (
        r#"Object.getPrototypeOf(1) === Object.getPrototypeOf(2)"#,
        r#"true"#,
    ),
    (
        r#"Object.hasOwn({a: 1}, "a") + "," + Object.hasOwn([], "length")"#,
        r#"true,true"#,
    ),
    (
        r#"Object.defineProperty({}, "x", {get: 1})"#,
        r#"TypeError: Getter must be a function: 1"#,
    ),
    (
        r#"Object.defineProperty({}, "x", {get() {}, value: 1})"#,
        r#"TypeError: Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, #<Object>"#,
    ),
    (
        r#"Object.defineProperty(1, "x", {})"#,
        r#"TypeError: Object.defineProperty called on non-object"#,
    ),
    (
        r#"class Foo {}; Object.setPrototypeOf(Object.preventExtensions(new Foo), {})"#,
        r#"TypeError: #<Foo> is not extensible"#,
    ),
    (
        r#""use strict"; var o = Object.defineProperty([], "length", {writable: false}); o[0] = 1"#,
        r#"TypeError: Cannot assign to read only property 'length' of object '[object Array]'"#,
    ),
    (
        r#"var a = [1, 2, 3]; Object.defineProperty(a, 1, {configurable: false}); a.length = 0; a.length + ":" + a.join()"#,
        r#"2:1,2"#,
    ),
    (
        r#"var a = []; a[4294967294] = 1; a.length"#,
        r#"4294967295"#,
    ),
    (
        r#"Object.values("hi").join() + Object.entries([7]).join()"#,
        r#"h,i0,7"#,
    ),
    (
        r#"show(Object.getOwnPropertyDescriptors({get a() { return 1 }, b: 2}))"#,
        r#"{a:{get:fn,set:undefined,enumerable:true,configurable:true},b:{value:2,writable:true,enumerable:true,configurable:true}}"#,
    ),
    (
        r#"[Object.prototype.toString.call(null), Object.prototype.toString.call([]), Object.prototype.toString.call(function(){}), Object.prototype.toString.call(arguments => 1), Object.prototype.toString.call(Symbol()), Object.prototype.toString.call(0)].join()"#,
        r#"[object Null],[object Array],[object Function],[object Function],[object Symbol],[object Number]"#,
    ),
    (
        r#"(function() { return Object.prototype.toString.call(arguments) })()"#,
        r#"[object Arguments]"#,
    ),
    (
        r#"var o = {[Symbol.toStringTag]: "Custom"}; "" + o"#,
        r#"[object Custom]"#,
    ),
    (
        r#"class Q { get [Symbol.toStringTag]() { return "QQ" } }; "" + new Q"#,
        r#"[object QQ]"#,
    ),
    (
        r#"Object.prototype.toString.call(new Proxy([], {}))"#,
        r#"[object Array]"#,
    ),
    (
        r#"Object.prototype.toString.call(new Proxy(function(){}, {}))"#,
        r#"[object Function]"#,
    ),
    (
        r#"Object.prototype.toString.call(Reflect)"#,
        r#"[object Reflect]"#,
    ),
    (
        r#"({a: 1}).hasOwnProperty("a") + "," + ({}).propertyIsEnumerable("toString") + "," + Object.prototype.isPrototypeOf([])"#,
        r#"true,false,true"#,
    ),
    (
        r#"var o = {}; o.__defineGetter__("x", function() { return 7 }); o.x + "," + (Object.create(o).__lookupGetter__("x") === Object.getOwnPropertyDescriptor(o, "x").get)"#,
        r#"7,true"#,
    ),
    (
        r#"({}).__defineSetter__("x", 1)"#,
        r#"TypeError: Object.prototype.__defineSetter__: Expecting function"#,
    ),
    (
        r#"Object.prototype.toLocaleString.call({toString() { return "mine" }})"#,
        r#"mine"#,
    ),
    (
        r#"typeof Object.prototype.valueOf.call("s")"#,
        r#"object"#,
    ),
    (
        r#"Object.prototype.hasOwnProperty.call(null, "x")"#,
        r#"TypeError: Cannot convert undefined or null to object"#,
    ),
    (
        r#"function f(a, b, c) { return [this.x, a, b, c].join() }; var g = f.bind({x: 1}, 2); [g(3, 4), g.name, g.length, f.call({x: 5}, 6), f.apply({x: 7}, [8, 9])].join("|")"#,
        r#"1,2,3,4|bound f|2|5,6,,|7,8,9,"#,
    ),
    (
        r#"function f(a, b) {} ; var g = f.bind(null, 1, 2, 3); g.length + "," + g.name + "," + Object.getOwnPropertyDescriptor(g, "name").writable"#,
        r#"0,bound f,false"#,
    ),
    (
        r#"class A { constructor(x) { this.x = x } }; var B = A.bind(null, 5); var b = new B; b.x + "," + (b instanceof A) + "," + (b instanceof B)"#,
        r#"5,true,true"#,
    ),
    (
        r#"var f = function() {}; Object.defineProperty(f, "length", {value: -Infinity}); f.bind().length"#,
        r#"0"#,
    ),
    (
        r#"var f = function() {}; Object.defineProperty(f, "length", {value: Infinity}); f.bind(null, 1).length"#,
        r#"Infinity"#,
    ),
    (
        r#"var f = function() {}; Object.defineProperty(f, "name", {value: 5}); f.bind().name === "bound ""#,
        r#"true"#,
    ),
    (
        r#"Function.prototype.bind.call(1)"#,
        r#"TypeError: Bind must be called on a function"#,
    ),
    (
        r#"Function.prototype.toString.call({})"#,
        r#"TypeError: Function.prototype.toString requires that 'this' be a Function"#,
    ),
    (
        r#"Object.keys.toString() + "|" + (function () {}).bind().toString()"#,
        r#"function keys() { [native code] }|function () { [native code] }"#,
    ),
    (
        r#"Object.getOwnPropertyDescriptor(Object.prototype, "__proto__").get.toString()"#,
        r#"function get __proto__() { [native code] }"#,
    ),
    (
        r#"Reflect.apply(1)"#,
        r#"TypeError: Function.prototype.apply was called on 1, which is a number and not a function"#,
    ),
    (
        r#"Function.prototype.apply.call(function (a, b) { return a + b }, null, {length: 2, 0: 1, 1: 2})"#,
        r#"3"#,
    ),
    (
        r#"function F() {}; F.prototype = 1; ({}) instanceof F"#,
        r#"TypeError: Function has non-object prototype '1' in instanceof check"#,
    ),
    (
        r#"({}) instanceof {}"#,
        r#"TypeError: Right-hand side of 'instanceof' is not callable"#,
    ),
    (
        r#"({}) instanceof 1"#,
        r#"TypeError: Right-hand side of 'instanceof' is not an object"#,
    ),
    (
        r#"var O = {[Symbol.hasInstance](v) { return v === 1 }}; (1 instanceof O) + "," + (2 instanceof O)"#,
        r#"true,false"#,
    ),
    (
        r#"Object.getOwnPropertyNames(Function.prototype).sort().join()"#,
        r#"apply,arguments,bind,call,caller,constructor,length,name,toString"#,
    ),
    (
        r#"(function () { "use strict"; return Object.getOwnPropertyDescriptor(Function.prototype, "caller").get === Object.getOwnPropertyDescriptor(Function.prototype, "arguments").set })()"#,
        r#"true"#,
    ),
    (
        r#"Function.prototype.caller"#,
        r#"TypeError: 'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them"#,
    ),
    (
        r#"typeof Function.prototype + "," + Function.prototype() + "," + Function.prototype.length + "," + show(Function.prototype.name)"#,
        r#"function,undefined,0,"#,
    ),
    (
        r#"Function.prototype[Symbol.hasInstance].call(Array, [])"#,
        r#"true"#,
    ),
    (
        r#"Function.prototype[Symbol.hasInstance].name"#,
        r#"[Symbol.hasInstance]"#,
    ),
    (
        r#"Function("a,b", "return a + b")(1, 2) + "," + Function("a", "b", "return a * b")(3, 4)"#,
        r#"3,12"#,
    ),
    (
        r#"Function("a", "b", "return a * b").toString()"#,
        r#"function anonymous(a,b
) {
return a * b
}"#,
    ),
    (
        r#"Function().toString() + "|" + Function().name + "|" + Function("x", "").length"#,
        r#"function anonymous(
) {

}|anonymous|1"#,
    ),
    (
        r#"Function("return typeof anonymous")()"#,
        r#"undefined"#,
    ),
    (
        r#"Function("a) {", "}")"#,
        r#"SyntaxError: Arg string terminates parameters early"#,
    ),
    (
        r#"Function("", "}); (function(){")"#,
        r#"SyntaxError: Single function literal required"#,
    ),
    (
        r#"Function("a b", "")"#,
        r#"SyntaxError: Arg string terminates parameters early"#,
    ),
    (
        r#"Function("return 1 +")"#,
        r#"SyntaxError: Unexpected token '}'"#,
    ),
    (
        r#"(function () { "use strict"; return Function("return this")() === globalThis })()"#,
        r#"true"#,
    ),
    (
        r#"typeof Function("'use strict'; return this")()"#,
        r#"undefined"#,
    ),
    (
        r#"var f = new Function("return this.x"); f.call({x: 7}) + "," + (Object.getPrototypeOf(f) === Function.prototype) + "," + f.hasOwnProperty("prototype")"#,
        r#"7,true,true"#,
    ),
    (
        r#"class F extends Function {}; var g = new F("return 5"); (g instanceof F) + "," + g()"#,
        r#"true,5"#,
    ),
    (
        r#"var GF = Object.getPrototypeOf(function* () {}).constructor; var g = new GF("a", "yield a; yield a * 2"); var it = g(3); [GF.name, GF.length, it.next().value, it.next().value, it.next().done, Object.getPrototypeOf(GF) === Function, g.toString()].join()"#,
        r#"GeneratorFunction,1,3,6,true,true,function* anonymous(a
) {
yield a; yield a * 2
}"#,
    ),
    (
        r#"var AF = Object.getPrototypeOf(async function () {}).constructor; var f = AF("return 1"); [AF.name, f.toString(), Object.getPrototypeOf(f) === AF.prototype, typeof f().then].join()"#,
        r#"AsyncFunction,async function anonymous(
) {
return 1
},true,function"#,
    ),
    (
        r#"var GF = Object.getPrototypeOf(function* () {}).constructor; show(Object.getOwnPropertyDescriptor(GF.prototype, "constructor"))"#,
        r#"{value:fn,writable:false,enumerable:false,configurable:true}"#,
    ),
    (
        r#"var s = Symbol("d"); [s.toString(), s.description, Symbol().description, typeof s, Symbol.for("k") === Symbol.for("k"), Symbol.keyFor(Symbol.for("k")), Symbol.keyFor(s)].join()"#,
        r#"Symbol(d),d,,symbol,true,k,"#,
    ),
    (
        r#"new Symbol()"#,
        r#"TypeError: Symbol is not a constructor"#,
    ),
    (
        r#"Symbol() + """#,
        r#"TypeError: Cannot convert a Symbol value to a string"#,
    ),
    (
        r#"Symbol.keyFor("x")"#,
        r#"TypeError: x is not a symbol"#,
    ),
    (
        r#"Object(Symbol("w")).toString() + "," + typeof Object(Symbol("w")) + "," + (Object(Symbol.iterator) == Symbol.iterator)"#,
        r#"Symbol(w),object,true"#,
    ),
    (
        r#"Symbol.prototype.toString.call(1)"#,
        r#"TypeError: Symbol.prototype.toString requires that 'this' be a Symbol"#,
    ),
    (
        r#"Symbol.iterator.toString() + Symbol.asyncIterator.description"#,
        r#"Symbol(Symbol.iterator)Symbol.asyncIterator"#,
    ),
    (
        r#"Symbol.prototype[Symbol.toPrimitive].name + Symbol.prototype[Symbol.toStringTag]"#,
        r#"[Symbol.toPrimitive]Symbol"#,
    ),
    (
        r#"show(Object.getOwnPropertyNames(Symbol).sort())"#,
        r#"[asyncDispose,asyncIterator,dispose,for,hasInstance,isConcatSpreadable,iterator,keyFor,length,match,matchAll,name,prototype,replace,search,species,split,toPrimitive,toStringTag,unscopables]"#,
    ),
    (
        r#"show(Symbol("x"))"#,
        r#"Symbol(x)"#,
    ),
    (
        r#"Symbol("x").description.length + Symbol(undefined).toString()"#,
        r#"1Symbol()"#,
    ),
    (
        r#"Symbol.dispose.toString() + "," + Symbol.asyncDispose.description + "," + Symbol.keyFor(Symbol.dispose)"#,
        r#"Symbol(nodejs.dispose),nodejs.asyncDispose,nodejs.dispose"#,
    ),
    (
        r#"Reflect.ownKeys({b: 1, [Symbol.iterator]: 2, 1: 3}).map(show).join()"#,
        r#"1,b,Symbol(Symbol.iterator)"#,
    ),
    (
        r#"var o = {}; [Reflect.defineProperty(o, "x", {value: 1}), Reflect.defineProperty(o, "x", {value: 2}), Reflect.set(o, "x", 3), Reflect.get(o, "x")].join()"#,
        r#"true,false,false,1"#,
    ),
    (
        r#"var o = {get x() { return this.y }}; Reflect.get(o, "x", {y: 9})"#,
        r#"9"#,
    ),
    (
        r#"var r = {}; Reflect.set({set x(v) { this.z = v }}, "x", 4, r); r.z"#,
        r#"4"#,
    ),
    (
        r#"class A { constructor() { this.nt = new.target } }; class B {}; Reflect.construct(A, [], B).nt === B"#,
        r#"true"#,
    ),
    (
        r#"Reflect.construct(function () {}, [], Object.keys)"#,
        r#"TypeError: function keys() { [native code] } is not a constructor"#,
    ),
    (
        r#"Reflect.construct(Object.keys, [])"#,
        r#"TypeError: function keys() { [native code] } is not a constructor"#,
    ),
    (
        r#"Reflect.getPrototypeOf(1)"#,
        r#"TypeError: Reflect.getPrototypeOf called on non-object"#,
    ),
    (
        r#"Reflect.has([], "length") + "," + Reflect.deleteProperty(Object.freeze({a: 1}), "a") + "," + Reflect.isExtensible(Object.seal({}))"#,
        r#"true,false,false"#,
    ),
    (
        r#"Reflect.setPrototypeOf({}, 1)"#,
        r#"TypeError: Object prototype may only be an Object or null: 1"#,
    ),
    (
        r#"Reflect.setPrototypeOf(Object.preventExtensions({}), {})"#,
        r#"false"#,
    ),
    (
        r#""" + Reflect"#,
        r#"[object Reflect]"#,
    ),
    (
        r#"var log = []; var p = new Proxy({a: 1}, {get(t, k, r) { log.push(show(k)); return Reflect.get(t, k, r) }}); p.a + p.b + "|" + log.join()"#,
        r#"NaN|a,b"#,
    ),
    (
        r#"var p = new Proxy({}, {has(t, k) { return k === "yes" }}); ("yes" in p) + "," + ("no" in p)"#,
        r#"true,false"#,
    ),
    (
        r#"var p = new Proxy({}, {ownKeys() { return ["b", "a", Symbol.iterator] }, getOwnPropertyDescriptor(t, k) { return {value: k.toString(), enumerable: true, configurable: true} }}); Object.keys(p).join() + "|" + show(p)"#,
        r#"b,a|{b:undefined,a:undefined,Symbol(Symbol.iterator):undefined}"#,
    ),
    (
        r#"var p = new Proxy(function (a) { return a * 2 }, {apply(t, th, args) { return t(args[0]) + 1 }}); p(5)"#,
        r#"11"#,
    ),
    (
        r#"var p = new Proxy(class { constructor(x) { this.x = x } }, {construct(t, args, nt) { return {made: args[0]} }}); new p(3).made"#,
        r#"3"#,
    ),
    (
        r#"var p = new Proxy(function () {}, {construct() { return 1 }}); new p"#,
        r#"TypeError: 'construct' on proxy: trap returned non-object ('1')"#,
    ),
    (
        r#"new Proxy(1, {})"#,
        r#"TypeError: Cannot create proxy with a non-object as target or handler"#,
    ),
    (
        r#"Proxy({}, {})"#,
        r#"TypeError: Constructor Proxy requires 'new'"#,
    ),
    (
        r#"var r = Proxy.revocable({}, {}); r.revoke(); r.proxy.x"#,
        r#"TypeError: Cannot perform 'get' on a proxy that has been revoked"#,
    ),
    (
        r#"var r = Proxy.revocable({}, {}); r.revoke(); typeof r.proxy + "," + Object.keys(r).join()"#,
        r#"object,proxy,revoke"#,
    ),
    (
        r#"var r = Proxy.revocable(function(){}, {}); r.revoke(); typeof r.proxy"#,
        r#"function"#,
    ),
    (
        r#"new Proxy(Object.defineProperty({}, "x", {value: 1}), {get() { return 2 }}).x"#,
        r#"TypeError: 'get' on proxy: property 'x' is a read-only and non-configurable data property on the proxy target but the proxy did not return its actual value (expected '1' but got '2')"#,
    ),
    (
        r#"var p = new Proxy(Object.preventExtensions({x: 1}), {ownKeys() { return [] }}); Object.keys(p)"#,
        r#"TypeError: 'ownKeys' on proxy: trap result did not include 'x'"#,
    ),
    (
        r#"var p = new Proxy({}, {getPrototypeOf() { return Array.prototype }}); (p instanceof Array) + "," + Array.isArray(p)"#,
        r#"true,false"#,
    ),
    (
        r#"var p = new Proxy({}, {set(t, k, v) { t[k] = v * 2; return true }}); p.x = 2; p.x"#,
        r#"4"#,
    ),
    (
        r#""use strict"; var p = new Proxy({}, {set() { return false }}); p.x = 1"#,
        r#"TypeError: 'set' on proxy: trap returned falsish for property 'x'"#,
    ),
    (
        r#""use strict"; var p = new Proxy({}, {deleteProperty() { return false }}); delete p.x"#,
        r#"TypeError: 'deleteProperty' on proxy: trap returned falsish for property 'x'"#,
    ),
    (
        r#"var p = new Proxy({}, {defineProperty(t, k, d) { return Reflect.defineProperty(t, k, {value: d.value + 1, writable: true, enumerable: true, configurable: true}) }}); p.a = 1; p.a"#,
        r#"2"#,
    ),
    (
        r#"var p = new Proxy({}, {getOwnPropertyDescriptor() { return {value: 1, configurable: false} }}); Object.getOwnPropertyDescriptor(p, "x")"#,
        r#"TypeError: 'getOwnPropertyDescriptor' on proxy: trap reported non-configurability for property 'x' which is either non-existent or configurable in the proxy target"#,
    ),
    (
        r#"Object.freeze(new Proxy({}, {defineProperty() { return false }, ownKeys() { return ["a"] }}))"#,
        r#"TypeError: 'ownKeys' on proxy: trap returned extra keys but proxy target is non-extensible"#,
    ),
    (
        r#"var p = new Proxy({a: 1}, {}); Object.freeze(p); Object.isFrozen(p) + "," + Object.isFrozen(Object.getPrototypeOf(p) === Object.prototype ? {} : {})"#,
        r#"true,false"#,
    ),
    (
        r#"typeof Proxy + "," + Proxy.length + "," + Proxy.name + "," + ("prototype" in Proxy)"#,
        r#"function,2,Proxy,false"#,
    ),
    (
        r#"var p = new Proxy([1, 2, 3], {}); p.length + "," + Array.prototype.join.call(p) + "," + show(p)"#,
        r#"3,1,2,3,[1,2,3]"#,
    ),
    (
        r#"var seen = []; var h = new Proxy({}, {get(t, k) { seen.push(k); return undefined }}); var p = new Proxy({}, h); p.x; p.y = 1; "z" in p; delete p.w; Object.keys(p); seen.join()"#,
        r#"get,set,getOwnPropertyDescriptor,defineProperty,has,deleteProperty,ownKeys,getOwnPropertyDescriptor"#,
    ),
];

#[test]
fn scripts_match_node() {
    let mut failures = Vec::new();
    for (src, expected) in CASES {
        let got = run(src);
        if got != *expected {
            failures.push(format!("script: {src}\n  expected: {expected}\n  got:      {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} scripts differ from node:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}
