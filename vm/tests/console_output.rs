//! Programs run through the interpreter with their console output compared to what node v20
//! prints for them (recorded with `node main.js`): util.format, util.inspect and the console over
//! real objects, classes and closures.

use modjs_vm::host::console::capture;
use modjs_vm::Vm;

/// Runs `source` as a script and returns what it wrote to stdout; fails on an uncaught error.
fn stdout_of(source: &str) -> String {
    let mut vm = Vm::new();
    let (result, out, _err) = capture(&mut vm, |vm| vm.run_script(source, "main.js"));
    if let Err(thrown) = result {
        let shown = modjs_vm::host::inspect::inspect_error(&mut vm, &thrown);
        panic!("uncaught: {shown}");
    }
    out
}

#[test]
fn format_specifiers() {
    let source = r##"
console.log('%s is %d years', 'Bob', 42);
console.log('%i %d %f', 42.9, '17', '2.5');
console.log('%d', 'abc', '%s', -0);
console.log('%s', { nested: { deep: 1 } }, '%s');
console.log('100%% sure', 'extra', 1);
console.log('%s and %s', 'only one');
console.log('%o', { a: [1, 2] });
console.log('%O', { a: { b: { c: { d: 1 } } } });
console.log('%s %s %s %s', null, undefined, Symbol('q'), [1, [2, [3]]]);
console.log('%c styled', 'color: red');
console.log('%s', { toString() { return 'custom'; } }, '%x');
"##;
    let node = r##"Bob is 42 years
42 17 2.5
NaN %s -0
{ nested: [Object] } %s
100% sure extra 1
only one and %s
{ a: [ 1, 2, [length]: 2 ] }
{ a: { b: { c: [Object] } } }
null undefined Symbol(q) [ 1, [Array] ]
 styled
custom %x
"##;
    assert_eq!(stdout_of(source), node);
}

#[test]
fn functions_and_classes() {
    let source = r##"
function named() {}
const arrow = () => {};
class Animal { constructor() { this.legs = 4; } }
class Dog extends Animal { bark() {} }
console.log(named, arrow, function () {}, Animal, Dog, class {});
console.log(new Dog(), [named, Dog], new Animal());
console.log({ method() {}, arrow, klass: class {} });
const fnp = function () {}; fnp.x = 1; console.log(fnp, Object.assign(() => {}, { y: 2 }));
class Point { constructor(x, y) { this.x = x; this.y = y; } }
console.log(new Point(1, 2), [new Point(3, 4)], { p: new Point(5, 6) });
class Empty {} console.log(new Empty(), [new Empty()], named.bind(null), Object);
"##;
    let node = r##"[Function: named] [Function: arrow] [Function (anonymous)] [class Animal] [class Dog extends Animal] [class (anonymous)]
Dog { legs: 4 } [ [Function: named], [class Dog extends Animal] ] Animal { legs: 4 }
{
  method: [Function: method],
  arrow: [Function: arrow],
  klass: [class klass]
}
[Function: fnp] { x: 1 } [Function (anonymous)] { y: 2 }
Point { x: 1, y: 2 } [ Point { x: 3, y: 4 } ] { p: Point { x: 5, y: 6 } }
Empty {} [ Empty {} ] [Function: bound named] [Function: Object]
"##;
    assert_eq!(stdout_of(source), node);
}

#[test]
fn holes_cycles_accessors() {
    let source = r##"
const sparse = [1, , 3]; sparse[6] = 7; console.log(sparse, [, , 1, , ], new Array(3));
const withProp = [1, 2]; withProp.extra = 'x'; console.log(withProp);
const circ = { name: 'c' }; circ.self = circ; console.log(circ);
const a = {}, b = {}; a.b = b; b.b = b; b.a = a; console.log(a);
const arr = [1]; arr.push(arr); console.log(arr);
console.log({ plain: 1, get g() { return 1; }, set s(v) {}, get gs() { return 2; }, set gs(v) {} });
"##;
    let node = r##"[ 1, <1 empty item>, 3, <3 empty items>, 7 ] [ <2 empty items>, 1, <1 empty item> ] [ <3 empty items> ]
[ 1, 2, extra: 'x' ]
<ref *1> { name: 'c', self: [Circular *1] }
<ref *2> { b: <ref *1> { b: [Circular *1], a: [Circular *2] } }
<ref *1> [ 1, [Circular *1] ]
{ plain: 1, g: [Getter], s: [Setter], gs: [Getter/Setter] }
"##;
    assert_eq!(stdout_of(source), node);
}

#[test]
fn keys_symbols_null_prototype() {
    let source = r##"
const bare = Object.create(null); bare.x = 1; console.log(bare, Object.create(null));
const sym = Symbol('tag');
console.log({ [sym]: 'symbol key', 'needs-quotes': 1, valid_id: 2, 3: 'numeric', __proto__x: 1 }, sym, Symbol());
console.log({ 'a-b': 1, "it's": 2, '': 3, 'é': 4, _x: 5, $y: 6, A1: 7, '1a': 8, '01': 9 });
console.log(Object.assign(Object.create({ inherited: 1 }), { own: 2 }));
"##;
    let node = r##"[Object: null prototype] { x: 1 } [Object: null prototype] {}
{
  '3': 'numeric',
  'needs-quotes': 1,
  valid_id: 2,
  __proto__x: 1,
  [Symbol(tag)]: 'symbol key'
} Symbol(tag) Symbol()
{
  'a-b': 1,
  "it's": 2,
  '': 3,
  'é': 4,
  _x: 5,
  '$y': 6,
  A1: 7,
  '1a': 8,
  '01': 9
}
{ own: 2 }
"##;
    assert_eq!(stdout_of(source), node);
}

#[test]
fn line_breaking_and_grouping() {
    let source = r##"
const nums = []; for (let i = 0; i < 30; i++) nums.push(i * 7); console.log(nums);
const many = []; for (let i = 0; i < 120; i++) many.push(i); console.log(many);
const strs = []; for (let i = 0; i < 26; i++) { let s = ''; for (let j = 0; j <= i % 5; j++) s += 'x'; strs.push(s); } console.log(strs);
const mixed = []; for (let i = 0; i < 10; i++) mixed.push(i % 2 ? 'odd' : i); console.log(mixed);
console.log({ alpha: 'aaaaaaaaaaaa', beta: 'bbbbbbbbbbbb', gamma: 'cccccccccccc', delta: 'dddddddddddd' });
const items = []; for (let i = 0; i < 8; i++) items.push('item' + i); console.log({ arr: items });
const rows = []; for (let i = 0; i < 7; i++) rows.push({ a: i, b: i * 2 }); console.log(rows);
let long = ''; for (let i = 0; i < 70; i++) long += 'x'; console.log({ s: long + '\n' + 'tail of the string' });
"##;
    let node = r##"[
    0,   7,  14,  21,  28,  35,  42,  49,
   56,  63,  70,  77,  84,  91,  98, 105,
  112, 119, 126, 133, 140, 147, 154, 161,
  168, 175, 182, 189, 196, 203
]
[
   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,
  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,
  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
  96, 97, 98, 99,
  ... 20 more items
]
[
  'x',     'xx',    'xxx',   'xxxx',
  'xxxxx', 'x',     'xx',    'xxx',
  'xxxx',  'xxxxx', 'x',     'xx',
  'xxx',   'xxxx',  'xxxxx', 'x',
  'xx',    'xxx',   'xxxx',  'xxxxx',
  'x',     'xx',    'xxx',   'xxxx',
  'xxxxx', 'x'
]
[
  0,     'odd', 2,
  'odd', 4,     'odd',
  6,     'odd', 8,
  'odd'
]
{
  alpha: 'aaaaaaaaaaaa',
  beta: 'bbbbbbbbbbbb',
  gamma: 'cccccccccccc',
  delta: 'dddddddddddd'
}
{
  arr: [
    'item0', 'item1',
    'item2', 'item3',
    'item4', 'item5',
    'item6', 'item7'
  ]
}
[
  { a: 0, b: 0 },
  { a: 1, b: 2 },
  { a: 2, b: 4 },
  { a: 3, b: 6 },
  { a: 4, b: 8 },
  { a: 5, b: 10 },
  { a: 6, b: 12 }
]
{
  s: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' +
    'tail of the string'
}
"##;
    assert_eq!(stdout_of(source), node);
}

#[test]
fn nesting_and_depth() {
    let source = r##"
const deep = { level1: { level2: { level3: { level4: 'hidden' } }, arr: [[1, [2, [3]]]] } };
console.log(deep);
console.log([{ a: { b: { c: {} } } }]);
console.log({ empty: {}, emptyArr: [], fn() {} });
console.log({ a: { b: { c: 1 } } }, [[[[1]]]], [[]], [{}]);
console.log([['a', 1], ['b', 2]], [[1, 2, [3, 4, [5, [6]]]]]);
"##;
    let node = r##"{ level1: { level2: { level3: [Object] }, arr: [ [Array] ] } }
[ { a: { b: [Object] } } ]
{ empty: {}, emptyArr: [], fn: [Function: fn] }
{ a: { b: { c: 1 } } } [ [ [ [Array] ] ] ] [ [] ] [ {} ]
[ [ 'a', 1 ], [ 'b', 2 ] ] [ [ 1, 2, [ 3, 4, [Array] ] ] ]
"##;
    assert_eq!(stdout_of(source), node);
}

#[test]
fn primitives_and_strings() {
    let source = r##"
console.log('plain', 42, -0, 1.5e21, NaN, true, null, undefined, 1e-7, -1.5);
console.log(['s', "it's", 'say "hi"', `both ' and "`, 'new\nline', 'tab\there', 'back\\slash']);
console.log({ s: 'str', n: 1, b: false, u: undefined, nul: null });
console.log();
console.log('a', 'b', 1, {}, []);
console.log([undefined, null, NaN, Infinity, -Infinity], [1.5, -0, 0, -1], { z: -0 });
"##;
    let node = r##"plain 42 -0 1.5e+21 NaN true null undefined 1e-7 -1.5
[
  's',
  "it's",
  'say "hi"',
  `both ' and "`,
  'new\nline',
  'tab\there',
  'back\\slash'
]
{ s: 'str', n: 1, b: false, u: undefined, nul: null }

a b 1 {} []
[ undefined, null, NaN, Infinity, -Infinity ] [ 1.5, -0, 0, -1 ] { z: -0 }
"##;
    assert_eq!(stdout_of(source), node);
}

#[test]
fn promises_regexps_and_json() {
    let source = r##"
const pending = new Promise(() => {});
const resolved = Promise.resolve({ ok: true });
const rejected = Promise.reject(new Error('no'));
rejected.catch(() => {});
console.log(pending, resolved, Promise.resolve(), [Promise.resolve([1, { a: { b: 1 } }])]);
const rj = Promise.reject(3); rj.catch(() => {}); console.log(rj, { p: Promise.resolve(2) });
console.log(/a\/b/g, [/x/], { r: /y/i }, new RegExp('a/b'));
const re = /q/; re.extra = 1; console.log(re);
console.log('%j', { a: [1, 'two'] });
const circ = { name: 'c' }; circ.self = circ; console.log('%j', circ);
console.log(new Number(3), new String('ab'), new Boolean(false), [new Number(-0)]);
const err = new TypeError('bad thing'); console.log(err.name, err.message, String(err));
"##;
    let node = r##"Promise { <pending> } Promise { { ok: true } } Promise { undefined } [ Promise { [ 1, [Object] ] } ]
Promise { <rejected> 3 } { p: Promise { 2 } }
/a\/b/g [ /x/ ] { r: /y/i } /a\/b/
/q/ { extra: 1 }
{"a":[1,"two"]}
[Circular]
[Number: 3] [String: 'ab'] [Boolean: false] [ [Number: -0] ]
TypeError bad thing TypeError: bad thing
"##;
    assert_eq!(stdout_of(source), node);
}

#[test]
fn maps_and_sets() {
    let source = r##"
console.log(new Map([[1, { a: 1 }], ['x', [1, 2]]]), new Set([1, 'a', [2]]), new Map(), new Set());
console.log([new Map([[{ k: 1 }, new Set([new Map([[1, 2]])])]])]);
const m = new Map([[1, 2], [3, 4]]);
const it = m.entries(); it.next();
console.log(it, m.keys(), m.values(), new Set([5]).entries(), new Set([6, 7]).values());
console.log(new WeakMap(), new WeakSet());
const big = new Set(); for (let i = 0; i < 120; i++) big.add(i); console.log(big);
const withKey = new Map([['a', 1]]); withKey.extra = true; console.log(withKey);
class MyMap extends Map {} console.log(new MyMap([[1, 2]]), { s: new Set(['nested']) });
"##;
    let node = r##"Map(2) { 1 => { a: 1 }, 'x' => [ 1, 2 ] } Set(3) { 1, 'a', [ 2 ] } Map(0) {} Set(0) {}
[ Map(1) { { k: 1 } => Set(1) { [Map] } } ]
[Map Entries] { [ 3, 4 ] } [Map Iterator] { 1, 3 } [Map Iterator] { 2, 4 } [Set Entries] { [ 5, 5 ] } [Set Iterator] { 6, 7 }
WeakMap { <items unknown> } WeakSet { <items unknown> }
Set(120) {
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
  17,
  18,
  19,
  20,
  21,
  22,
  23,
  24,
  25,
  26,
  27,
  28,
  29,
  30,
  31,
  32,
  33,
  34,
  35,
  36,
  37,
  38,
  39,
  40,
  41,
  42,
  43,
  44,
  45,
  46,
  47,
  48,
  49,
  50,
  51,
  52,
  53,
  54,
  55,
  56,
  57,
  58,
  59,
  60,
  61,
  62,
  63,
  64,
  65,
  66,
  67,
  68,
  69,
  70,
  71,
  72,
  73,
  74,
  75,
  76,
  77,
  78,
  79,
  80,
  81,
  82,
  83,
  84,
  85,
  86,
  87,
  88,
  89,
  90,
  91,
  92,
  93,
  94,
  95,
  96,
  97,
  98,
  99,
  ... 20 more items
}
Map(1) { 'a' => 1, extra: true }
MyMap(1) [Map] { 1 => 2 } { s: Set(1) { 'nested' } }
"##;
    assert_eq!(stdout_of(source), node);
}
