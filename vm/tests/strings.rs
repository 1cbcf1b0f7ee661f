//! String and RegExp built-ins driven from Rust: methods are looked up and called as JavaScript
//! would call them.

use modjs_vm::{CallArgs, Intrinsic, JsResult, JsString, PropertyKey, Value, Vm};

fn s(x: &str) -> Value {
    Value::from(x)
}

fn call_method(vm: &mut Vm, this: Value, name: &str, args: &[Value]) -> JsResult<Value> {
    let f = vm.get_v(&this, &PropertyKey::from(name))?;
    vm.call(&f, this, args)
}

fn call_sym(vm: &mut Vm, this: Value, sym: modjs_vm::Symbol, args: &[Value]) -> JsResult<Value> {
    let f = vm.get_v(&this, &PropertyKey::Symbol(sym))?;
    vm.call(&f, this, args)
}

fn show(vm: &mut Vm, v: &Value) -> String {
    match v {
        Value::String(x) => x.to_rust_lossy(),
        Value::Object(_) => {
            let r = call_method(vm, v.clone(), "join", &[s("|")]).expect("join");
            r.as_string().map(|x| x.to_rust_lossy()).unwrap_or_default()
        }
        other => vm.to_string(other).map(|x| x.to_rust_lossy()).unwrap_or_default(),
    }
}

fn str_call(vm: &mut Vm, this: &str, name: &str, args: &[Value]) -> String {
    let r = call_method(vm, s(this), name, args).expect(name);
    show(vm, &r)
}

fn message(vm: &mut Vm, e: Value) -> String {
    let m = vm.get_v(&e, &PropertyKey::from("message")).unwrap();
    show(vm, &m)
}

fn regexp(vm: &mut Vm, p: &str, f: &str) -> Value {
    Value::Object(vm.regexp_create(JsString::from(p), JsString::from(f)).expect("valid pattern"))
}

#[test]
fn basic_string_methods() {
    let mut vm = Vm::new();
    assert_eq!(str_call(&mut vm, "hello", "slice", &[Value::Number(-3.0)]), "llo");
    assert_eq!(str_call(&mut vm, "hello", "substring", &[Value::Number(3.0), Value::Number(1.0)]), "el");
    assert_eq!(str_call(&mut vm, "hello", "substr", &[Value::Number(-4.0), Value::Number(2.0)]), "el");
    assert_eq!(str_call(&mut vm, "hello", "indexOf", &[s("l")]), "2");
    assert_eq!(str_call(&mut vm, "hello", "lastIndexOf", &[s("l")]), "3");
    assert_eq!(str_call(&mut vm, "hello", "at", &[Value::Number(-1.0)]), "o");
    assert_eq!(str_call(&mut vm, "5", "padStart", &[Value::Number(3.0), s("0")]), "005");
    assert_eq!(str_call(&mut vm, "ab", "padEnd", &[Value::Number(5.0), s("xy")]), "abxyx");
    assert_eq!(str_call(&mut vm, "ab", "repeat", &[Value::Number(3.0)]), "ababab");
    assert_eq!(str_call(&mut vm, " \u{a0}\u{feff}x\n\u{2028}", "trim", &[]), "x");
    assert_eq!(str_call(&mut vm, "a,b,,c", "split", &[s(",")]), "a|b||c");
    assert_eq!(str_call(&mut vm, "abc", "split", &[s("")]), "a|b|c");
    assert_eq!(str_call(&mut vm, "a-b-c", "split", &[s("-"), Value::Number(2.0)]), "a|b");
    assert_eq!(str_call(&mut vm, "straße", "toUpperCase", &[]), "STRASSE");
    assert_eq!(str_call(&mut vm, "ΑΣ", "toLowerCase", &[]), "ας");
    assert_eq!(str_call(&mut vm, "abc", "startsWith", &[s("b"), Value::Number(1.0)]), "true");
    assert_eq!(str_call(&mut vm, "abc", "endsWith", &[s("b"), Value::Number(2.0)]), "true");
    assert_eq!(str_call(&mut vm, "x", "anchor", &[s("a\"b")]), "<a name=\"a&quot;b\">x</a>");
    assert_eq!(str_call(&mut vm, "aXbX", "replaceAll", &[s("X"), s("[$&]")]), "a[X]b[X]");
    assert_eq!(str_call(&mut vm, "abc", "replace", &[s("b"), s("$`$'")]), "aacc");
    let err = call_method(&mut vm, s("a"), "repeat", &[Value::Number(-1.0)]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Invalid count value: -1");
    let trim = vm.get_v(&s(""), &PropertyKey::from("trim")).unwrap();
    let err = vm.call(&trim, Value::Null, &[]).unwrap_err();
    assert_eq!(message(&mut vm, err), "String.prototype.trim called on null or undefined");
}

#[test]
fn constructor_and_statics() {
    let mut vm = Vm::new();
    let string = Value::Object(vm.intrinsic(Intrinsic::String));
    let sym = Value::Symbol(modjs_vm::Symbol::new(Some(JsString::from("d"))));
    let r = vm.call(&string, Value::Undefined, &[sym]).unwrap();
    assert_eq!(show(&mut vm, &r), "Symbol(d)");
    let r = call_method(&mut vm, string.clone(), "fromCodePoint", &[Value::Number(0x1F600 as f64)]).unwrap();
    assert_eq!(r.as_string().unwrap().as_units(), &[0xD83D, 0xDE00]);
    let err = call_method(&mut vm, string.clone(), "fromCodePoint", &[Value::Number(-1.0)]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Invalid code point -1");
    let r = call_method(&mut vm, string, "fromCharCode", &[Value::Number(0x10041 as f64)]).unwrap();
    assert_eq!(show(&mut vm, &r), "A");
    let string_ctor = vm.intrinsic(Intrinsic::String);
    let wrapper = vm.construct(string_ctor, &[s("ab")], None).unwrap();
    let len = vm.get_v(&wrapper, &PropertyKey::from("length")).unwrap();
    assert_eq!(len.as_number(), Some(2.0));
    let v = call_method(&mut vm, wrapper, "valueOf", &[]).unwrap();
    assert_eq!(show(&mut vm, &v), "ab");
}

#[test]
fn string_iterator_yields_code_points() {
    let mut vm = Vm::new();
    let text = Value::String(JsString::from_units(vec![0x61, 0xD83D, 0xDE00, 0xD800]));
    let sym = vm.symbols.iterator.clone();
    let it = call_sym(&mut vm, text, sym, &[]).unwrap();
    let mut lens = Vec::new();
    loop {
        let r = call_method(&mut vm, it.clone(), "next", &[]).unwrap();
        let done = vm.get_v(&r, &PropertyKey::from("done")).unwrap();
        if vm.to_boolean(&done) {
            break;
        }
        let v = vm.get_v(&r, &PropertyKey::from("value")).unwrap();
        lens.push(v.as_string().map(|x| x.len()).unwrap_or(0));
    }
    assert_eq!(lens, vec![1, 2, 1]);
}

#[test]
fn regexp_exec_groups_and_flags() {
    let mut vm = Vm::new();
    let re = regexp(&mut vm, "(?<y>\\d{4})-(\\d\\d)", "dg");
    let m = call_method(&mut vm, re.clone(), "exec", &[s("on 2024-05 and 1999-12")]).unwrap();
    assert_eq!(show(&mut vm, &m), "2024-05|2024|05");
    let idx = vm.get_v(&m, &PropertyKey::from("index")).unwrap();
    assert_eq!(idx.as_number(), Some(3.0));
    let groups = vm.get_v(&m, &PropertyKey::from("groups")).unwrap();
    let y = vm.get_v(&groups, &PropertyKey::from("y")).unwrap();
    assert_eq!(show(&mut vm, &y), "2024");
    let indices = vm.get_v(&m, &PropertyKey::from("indices")).unwrap();
    let first = vm.get_v(&indices, &PropertyKey::Index(0)).unwrap();
    assert_eq!(show(&mut vm, &first), "3|10");
    let last = vm.get_v(&re, &PropertyKey::from("lastIndex")).unwrap();
    assert_eq!(last.as_number(), Some(10.0));
    let flags = vm.get_v(&re, &PropertyKey::from("flags")).unwrap();
    assert_eq!(show(&mut vm, &flags), "dg");
    let text = call_method(&mut vm, re, "toString", &[]).unwrap();
    assert_eq!(show(&mut vm, &text), "/(?<y>\\d{4})-(\\d\\d)/dg");
    let slash = regexp(&mut vm, "a/b", "");
    let src = vm.get_v(&slash, &PropertyKey::from("source")).unwrap();
    assert_eq!(show(&mut vm, &src), "a\\/b");
}

#[test]
fn regexp_errors_use_v8_wording() {
    let mut vm = Vm::new();
    let e = vm.regexp_create(JsString::from("("), JsString::from("")).unwrap_err();
    assert_eq!(message(&mut vm, e), "Invalid regular expression: /(/: Unterminated group");
    let e = vm.regexp_create(JsString::from("a"), JsString::from("gg")).unwrap_err();
    assert_eq!(message(&mut vm, e), "Invalid flags supplied to RegExp constructor 'gg'");
    let e = vm.regexp_create(JsString::from("[b-a]"), JsString::from("")).unwrap_err();
    assert_eq!(message(&mut vm, e), "Invalid regular expression: /[b-a]/: Range out of order in character class");
}

#[test]
fn string_methods_delegate_to_regexp() {
    let mut vm = Vm::new();
    let re = regexp(&mut vm, "o", "g");
    assert_eq!(str_call(&mut vm, "foo boo", "replace", &[re.clone(), s("0")]), "f00 b00");
    let m = call_method(&mut vm, s("foo boo"), "match", &[re.clone()]).unwrap();
    assert_eq!(show(&mut vm, &m), "o|o|o|o");
    let re2 = regexp(&mut vm, "(\\w)(\\d)?", "g");
    assert_eq!(str_call(&mut vm, "a1b", "replace", &[re2, s("[$2$1]")]), "[1a][b]");
    let sep = regexp(&mut vm, "\\s*(,)\\s*", "");
    assert_eq!(str_call(&mut vm, "a , b,c", "split", &[sep]), "a|,|b|,|c");
    let empty = regexp(&mut vm, "", "");
    assert_eq!(str_call(&mut vm, "abc", "split", &[empty]), "a|b|c");
    let word = regexp(&mut vm, "b+", "");
    assert_eq!(str_call(&mut vm, "aabbb", "search", &[word]), "2");
    let digits = regexp(&mut vm, "\\d", "g");
    let it = call_method(&mut vm, s("a1b2"), "matchAll", &[digits]).unwrap();
    let mut seen = Vec::new();
    loop {
        let r = call_method(&mut vm, it.clone(), "next", &[]).unwrap();
        let done = vm.get_v(&r, &PropertyKey::from("done")).unwrap();
        if vm.to_boolean(&done) {
            break;
        }
        let v = vm.get_v(&r, &PropertyKey::from("value")).unwrap();
        seen.push(show(&mut vm, &v));
    }
    assert_eq!(seen, vec!["1", "2"]);
    let non_global = regexp(&mut vm, "a", "");
    let err = call_method(&mut vm, s("x"), "matchAll", &[non_global]).unwrap_err();
    assert_eq!(message(&mut vm, err), "String.prototype.matchAll called with a non-global RegExp argument");
    // A pattern given as a string is compiled.
    let m = call_method(&mut vm, s("xaay"), "match", &[s("a+")]).unwrap();
    assert_eq!(show(&mut vm, &m), "aa");
}

#[test]
fn sticky_and_unicode_matching() {
    let mut vm = Vm::new();
    let re = regexp(&mut vm, "a", "y");
    let t = call_method(&mut vm, re.clone(), "test", &[s("ba")]).unwrap();
    assert!(matches!(t, Value::Bool(false)));
    vm.put(re.as_object().unwrap(), PropertyKey::from("lastIndex"), Value::Number(1.0), true).unwrap();
    let t = call_method(&mut vm, re, "test", &[s("ba")]).unwrap();
    assert!(matches!(t, Value::Bool(true)));
    let astral = Value::String(JsString::from_units(vec![0xD83D, 0xDE00]));
    let dot_u = regexp(&mut vm, "^.$", "u");
    let t = call_method(&mut vm, dot_u, "test", &[astral.clone()]).unwrap();
    assert!(matches!(t, Value::Bool(true)));
    let dot = regexp(&mut vm, "^.$", "");
    let t = call_method(&mut vm, dot, "test", &[astral]).unwrap();
    assert!(matches!(t, Value::Bool(false)));
}

fn upper(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = vm.to_string(&args.get(0))?;
    Ok(Value::String(JsString::from(m.to_rust_lossy().to_uppercase())))
}

#[test]
fn replace_with_a_function() {
    let mut vm = Vm::new();
    let f = Value::Object(vm.new_native_function("upper", 1, upper));
    let re = regexp(&mut vm, "[aeiou]", "g");
    assert_eq!(str_call(&mut vm, "banana", "replace", &[re, f]), "bAnAnA");
}
