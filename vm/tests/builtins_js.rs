//! Array, String and RegExp built-ins exercised from JavaScript through `Vm::run_script`: each
//! case is a script whose completion value, converted with String(), must equal what Node prints
//! for `String(<same expression>)` (the expected texts were checked against node v20).

use modjs_vm::{Intrinsic, PropertyKey, Value, Vm};

fn run(src: &str) -> String {
    let mut vm = Vm::new();
    match vm.run_script(src, "test.js") {
        Ok(v) => match vm.to_string(&v) {
            Ok(s) => s.to_rust_lossy(),
            Err(_) => "<unprintable>".into(),
        },
        Err(e) => {
            // The error's kind, from its prototype.
            let proto = e.as_object().and_then(|o| vm.heap.get(o).proto);
            let name = [
                (Intrinsic::TypeErrorPrototype, "TypeError"),
                (Intrinsic::RangeErrorPrototype, "RangeError"),
                (Intrinsic::SyntaxErrorPrototype, "SyntaxError"),
                (Intrinsic::ReferenceErrorPrototype, "ReferenceError"),
            ]
            .iter()
            .find(|(i, _)| Some(vm.intrinsic(*i)) == proto)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| "Error".into());
            let msg = vm.get_v(&e, &PropertyKey::from("message")).unwrap_or(Value::Undefined);
            let msg = vm.to_string(&msg).map(|s| s.to_rust_lossy()).unwrap_or_default();
            format!("{name}: {msg}")
        }
    }
}

fn check(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (src, expected) in cases {
        let got = run(src);
        if got != *expected {
            failures.push(format!("{src}\n   expected: {expected}\n   got:      {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn arrays_from_javascript() {
    check(&[
        ("[1, 2, 3].map(x => x * 2).join()", "2,4,6"),
        ("[5, 1, 10].sort().join()", "1,10,5"),
        ("[5, 1, 10].sort((a, b) => a - b).join()", "1,5,10"),
        ("[3, 1, 2].toSorted().concat([0]).join('')", "1230"),
        ("[1, [2, [3, [4]]]].flat(2).length", "4"),
        ("[[1, 2], [3]].flatMap(x => x).join('-')", "1-2-3"),
        ("Array.from('abc').join('|')", "a|b|c"),
        ("Array.from({length: 3}, (_, i) => i * i).join()", "0,1,4"),
        ("var it = {[Symbol.iterator]() { var i = 0; return {next: () => ({done: i > 2, value: i++})}; }}; Array.from(it).join()", "0,1,2"),
        ("Array.of(7).length", "1"),
        ("Array(3).length", "3"),
        ("[1, 2, 3].reduce((a, b) => a + b)", "6"),
        ("[1, 2, 3].reduceRight((a, b) => a + '' + b)", "321"),
        ("var a = [1, 2, 3, 4, 5]; a.splice(1, 2, 'x', 'y', 'z'); a.join()", "1,x,y,z,4,5"),
        ("[1, 2, 3].at(-1)", "3"),
        ("[1, 2, 3].findLast(x => x < 3)", "2"),
        ("[1, 2, 3].findLastIndex(x => x > 5)", "-1"),
        ("[NaN].includes(NaN) + ',' + [NaN].indexOf(NaN)", "true,-1"),
        ("[1, 2, 3].with(1, 9).join()", "1,9,3"),
        ("[1, 2, 3].toSpliced(0, 1).join()", "2,3"),
        ("[1, 2, 3].toReversed().join()", "3,2,1"),
        ("[0, 0, 0].fill(7, 1).join()", "0,7,7"),
        ("[1, 2, 3, 4, 5].copyWithin(0, 3).join()", "4,5,3,4,5"),
        ("[...[1, 2].entries()].join(';')", "0,1;1,2"),
        ("[...[7, 8].keys()].join()", "0,1"),
        ("Array.prototype[Symbol.iterator] === Array.prototype.values", "true"),
        ("Object.keys(Array.prototype[Symbol.unscopables]).length", "16"),
        ("[1, , 3].length + ':' + (1 in [1, , 3])", "3:false"),
        ("var o = {length: 2, 0: 'a', 1: 'b'}; Array.prototype.join.call(o, '+')", "a+b"),
        ("var o = {length: 0}; Array.prototype.push.call(o, 1, 2); o.length", "2"),
        ("class A extends Array {}; var x = new A(); x.push(1); (x.map(v => v) instanceof A) + ''", "true"),
        ("var a = [1]; a.push(a); String(a)", "1,"),
        ("[undefined, 3, null, 1].sort().join()", "1,3,,"),
        ("Array.isArray(new Proxy([], {}))", "true"),
        ("[].reduce((a, b) => a)", "TypeError: Reduce of empty array with no initial value"),
        ("new Array(-1)", "RangeError: Invalid array length"),
        ("[1].map(3)", "TypeError: 3 is not a function"),
        ("Array.prototype.map.call(null, x => x)", "TypeError: Array.prototype.map called on null or undefined"),
        ("[1, 2].sort(1)", "TypeError: The comparison function must be either a function or undefined"),
        ("var it = [1][Symbol.iterator](); Object.prototype.toString.call(it)", "[object Array Iterator]"),
        ("Array.prototype.concat.length + ',' + Array.prototype.splice.length + ',' + Array.from.length", "1,2,1"),
        ("[1, 2, 3].indexOf(2, -1)", "-1"),
        // A setter on Array.prototype at a new index runs instead of the fast paths.
        ("var calls = 0; Object.defineProperty(Array.prototype, '0', {set(v) { calls++; }, configurable: true}); var a = []; a.unshift(1); var r = calls + ':' + a.length + ':' + a.hasOwnProperty(0); delete Array.prototype[0]; r", "1:1:false"),
        ("var calls = 0; Object.defineProperty(Array.prototype, '2', {set(v) { calls++; }, configurable: true}); var a = [1, 2]; a.push(3); var r = calls + ':' + a.length + ':' + a.hasOwnProperty(2); delete Array.prototype[2]; r", "1:3:false"),
        // Sparse arrays: holes are skipped, but an element added ahead during the loop is seen.
        ("var a = [1]; a[1000000] = 2; var seen = []; a.forEach((v, i) => { seen.push(i); if (i === 0) a[500] = 'x'; }); seen.join()", "0,500,1000000"),
        ("var a = []; a[5] = 1; a[1000000] = 2; a.lastIndexOf(1) + ',' + a.indexOf(2) + ',' + a.reduce((p, v) => p + v, 0)", "5,1000000,3"),
        ("var a = []; a[3] = 'q'; Array.prototype[1] = 'p'; var r = a.map(v => v + v); delete Array.prototype[1]; r.length + r.join()", "4,pp,,qq"),
        ("[1, 2, 3].lastIndexOf(1, -3)", "0"),
        ("var a = [3, 2, 1]; a.reverse(); a.shift() + a.pop() + a.unshift(0) + a.join()", "60,2"),
    ]);
}

#[test]
fn strings_from_javascript() {
    check(&[
        ("'abc'.toUpperCase() + 'ÄÖ'.toLowerCase()", "ABCäö"),
        ("'ß'.toUpperCase()", "SS"),
        ("'İ'.toLowerCase().length", "2"),
        ("'  x  '.trimStart() + '|' + '  x  '.trimEnd() + '|'", "x  |  x|"),
        ("String.prototype.trimLeft === String.prototype.trimStart", "true"),
        ("'a-b-c'.split('-').length", "3"),
        ("'abc'.padStart(6, '12') + 'abc'.padEnd(5)", "121abcabc  "),
        ("'abc'.at(-1) + 'abc'.charAt(1) + 'abc'.charCodeAt(0)", "cb97"),
        ("'\\u{1F600}'.codePointAt(0)", "128512"),
        ("[...'a\\u{1F600}b'].length", "3"),
        ("String.raw({raw: ['a', 'b', 'c']}, 1)", "a1bc"),
        ("String(Symbol('s'))", "Symbol(s)"),
        ("`${Symbol('s')}`", "TypeError: Cannot convert a Symbol value to a string"),
        ("'aaa'.replaceAll('a', (m, i) => i)", "012"),
        ("'x'.replace('x', '$$-$&-$`')", "$-x-"),
        ("'abc'.localeCompare('abd') + ',' + 'a'.localeCompare('B')", "-1,-1"),
        ("'\\ud800'.isWellFormed() + ',' + '\\ud800x'.toWellFormed().charCodeAt(0)", "false,65533"),
        ("'abc'.substring(2, 0) + 'abc'.substr(1) + 'abc'.slice(-2, -1)", "abbcb"),
        ("'big'.big() + 'x'.link('u\"')", "<big>big</big><a href=\"u&quot;\">x</a>"),
        ("'abc'.repeat(0) === ''", "true"),
        ("'a'.repeat(-1)", "RangeError: Invalid count value: -1"),
        ("'abc'.startsWith(/a/)", "TypeError: First argument to String.prototype.startsWith must not be a regular expression"),
        ("new String('ab').length + typeof new String('x')", "2object"),
        ("Object.getOwnPropertyNames(new String('ab')).join()", "0,1,length"),
        ("String.fromCharCode(104, 105) + String.fromCodePoint(0x41)", "hiA"),
        ("'a,b'.split(',', 1).length", "1"),
        ("'abc'.normalize() + 'x'.normalize('NFKD')", "abcx"),
        ("'x'.normalize('bad')", "RangeError: The normalization form should be one of NFC, NFD, NFKC, NFKD."),
        ("'aXbxc'.indexOf('x') + 'aXbxc'.lastIndexOf('X') + ',' + 'abc'.includes('bc')", "4,true"),
    ]);
}

#[test]
fn regexps_from_javascript() {
    check(&[
        ("/(\\d+)-(\\d+)/.exec('a 10-20 b').slice(1).join()", "10,20"),
        ("var m = /(?<year>\\d{4})/.exec('in 2024'); m.groups.year + m.index", "20243"),
        ("'2024-05-06'.replace(/(\\d+)-(\\d+)-(\\d+)/, '$3/$2/$1')", "06/05/2024"),
        ("'2024-05'.replace(/(?<y>\\d+)-(?<m>\\d+)/, '$<m>.$<y>')", "05.2024"),
        ("'aaa'.replace(/a/g, (m, off) => off)", "012"),
        ("'a1b22c333'.match(/\\d+/g).join('|')", "1|22|333"),
        ("'a1b22'.match(/x/g)", "null"),
        ("[...'a1b2'.matchAll(/\\d/g)].map(m => m.index).join()", "1,3"),
        ("'one two  three'.split(/\\s+/).join('|')", "one|two|three"),
        ("'a1b2c'.split(/(\\d)/).join('|')", "a|1|b|2|c"),
        ("'abc'.split(/(?:)/u).length", "3"),
        ("'XAbc'.search(/[a-z]/)", "2"),
        ("/a/gimsuy.flags + /a/d.hasIndices", "gimsuytrue"),
        ("String(/a\\/b/) + new RegExp('a/b').source", "/a\\/b/a\\/b"),
        ("String(new RegExp(''))", "/(?:)/"),
        ("var r = /a/g; r.test('aa'); r.lastIndex", "1"),
        ("var r = /a/y; r.test('ba')", "false"),
        ("/\\u{1F600}/u.test('\\u{1F600}') + ',' + /^.$/u.test('\\u{1F600}') + ',' + /^.$/.test('\\u{1F600}')", "true,true,false"),
        ("/ß/i.test('SS') + ',' + /[a-z]/i.test('Q')", "false,true"),
        ("new RegExp('(')", "SyntaxError: Invalid regular expression: /(/: Unterminated group"),
        ("new RegExp('a', 'gg')", "SyntaxError: Invalid flags supplied to RegExp constructor 'gg'"),
        ("'x'.replaceAll(/x/, '')", "TypeError: String.prototype.replaceAll called with a non-global RegExp argument"),
        ("RegExp.prototype.exec.call({}, '')", "TypeError: Method RegExp.prototype.exec called on incompatible receiver #<Object>"),
        ("var re = /a/; RegExp(re) === re", "true"),
        ("new RegExp(/ab/g, 'i').flags", "i"),
        ("var d = /(a)(?<n>b)?/d.exec('xa'); d.indices[0].join() + '|' + d.indices[2] + '|' + d.indices.groups.n", "1,2|undefined|undefined"),
        ("Object.keys(/a/d.exec('a')).join()", "0,index,input,groups,indices"),
        ("RegExp.prototype.flags + RegExp.prototype.source + RegExp.prototype.global", "(?:)undefined"),
        ("/(a)|(b)/.exec('b')[1]", "undefined"),
        ("'aaa'.lastIndexOf('a', -5) + '' + 'abcabc'.replace(/b/g, '$0')", "0a$0ca$0c"),
        ("'abc'.replace(/(b)/, '$11')", "ab1c"),
        ("/[\\u{1F600}-\\u{1F64F}]/u.test('\\u{1F610}')", "true"),
        ("var r = /(?<a>x)|(?<b>y)/; var g = r.exec('y').groups; g.a + ',' + g.b", "undefined,y"),
        ("'test'.replace(/t/g, '$`')", "estes"),
    ]);
}
