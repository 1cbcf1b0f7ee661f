//! Map, Set, their iterators, WeakMap/WeakSet/WeakRef, driven from Rust through the built-in
//! functions themselves (property lookups and calls, as JavaScript would make them).

use modjs_vm::object::ObjectKind;
use modjs_vm::{attrs, CallArgs, JsResult, JsString, ObjRef, PropertyKey, Value, Vm};

fn s(text: &str) -> Value {
    Value::String(JsString::from(text))
}
fn n(x: f64) -> Value {
    Value::Number(x)
}

fn global(vm: &mut Vm, name: &str) -> ObjRef {
    let g = vm.global();
    vm.get(g, &PropertyKey::from(name)).unwrap().as_object().expect("a global")
}

fn new(vm: &mut Vm, ctor: &str, args: &[Value]) -> JsResult<ObjRef> {
    let c = global(vm, ctor);
    vm.construct(c, args, None).map(|v| v.as_object().unwrap())
}

/// `obj.method(...args)`.
fn invoke(vm: &mut Vm, obj: ObjRef, method: &str, args: &[Value]) -> JsResult<Value> {
    vm.invoke(&Value::Object(obj), &PropertyKey::from(method), args)
}

fn size(vm: &mut Vm, obj: ObjRef) -> f64 {
    vm.get(obj, &PropertyKey::from("size")).unwrap().as_number().unwrap()
}

fn message(vm: &mut Vm, err: Value) -> String {
    let e = err.as_object().expect("an error object");
    vm.get(e, &PropertyKey::from("message")).unwrap().as_string().unwrap().to_rust_lossy()
}

fn show(v: &Value) -> String {
    match v {
        Value::Number(x) => x.to_string(),
        Value::String(t) => t.to_rust_lossy(),
        Value::Bool(b) => b.to_string(),
        Value::Undefined => "undefined".into(),
        _ => "?".into(),
    }
}

/// Drains an iterator object through its `next` method; arrays show as `[k,v]`.
fn drain(vm: &mut Vm, it: Value) -> Vec<String> {
    let mut rec = vm.get_iterator(&it, modjs_vm::IteratorHint::Sync).unwrap();
    let mut out = Vec::new();
    while let Some(v) = vm.iterator_step_value(&mut rec).unwrap() {
        out.push(match &v {
            Value::Object(o) => {
                let items = vm.create_list_from_array_like(&Value::Object(*o)).unwrap();
                format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(","))
            }
            other => show(other),
        });
    }
    out
}

fn array(vm: &mut Vm, items: Vec<Value>) -> Value {
    Value::Object(vm.create_array_from_list(items))
}

#[test]
fn map_keys_use_same_value_zero_and_keep_insertion_order() {
    let mut vm = Vm::new();
    let m = new(&mut vm, "Map", &[]).unwrap();
    invoke(&mut vm, m, "set", &[n(-0.0), s("zero")]).unwrap();
    invoke(&mut vm, m, "set", &[n(f64::NAN), s("nan")]).unwrap();
    invoke(&mut vm, m, "set", &[s("1"), s("string one")]).unwrap();
    invoke(&mut vm, m, "set", &[n(1.0), s("number one")]).unwrap();
    invoke(&mut vm, m, "set", &[n(0.0), s("zero again")]).unwrap();
    assert_eq!(size(&mut vm, m), 4.0);
    assert_eq!(show(&invoke(&mut vm, m, "get", &[n(0.0)]).unwrap()), "zero again");
    assert_eq!(show(&invoke(&mut vm, m, "get", &[n(-f64::NAN)]).unwrap()), "nan");
    assert_eq!(show(&invoke(&mut vm, m, "get", &[n(1.0)]).unwrap()), "number one");
    // -0 is stored as +0.
    let keys = invoke(&mut vm, m, "keys", &[]).unwrap();
    let mut rec = vm.get_iterator(&keys, modjs_vm::IteratorHint::Sync).unwrap();
    let first = vm.iterator_step_value(&mut rec).unwrap().unwrap().as_number().unwrap();
    assert!(first == 0.0 && first.is_sign_positive());
    let entries = invoke(&mut vm, m, "entries", &[]).unwrap();
    assert_eq!(drain(&mut vm, entries), ["[0,zero again]", "[NaN,nan]", "[1,string one]", "[1,number one]"]);
}

#[test]
fn iteration_sees_additions_and_skips_deletions_even_across_compaction() {
    let mut vm = Vm::new();
    let m = new(&mut vm, "Map", &[]).unwrap();
    for i in 0..40 {
        invoke(&mut vm, m, "set", &[n(i as f64), n(i as f64)]).unwrap();
    }
    let it = invoke(&mut vm, m, "keys", &[]).unwrap();
    let mut rec = vm.get_iterator(&it, modjs_vm::IteratorHint::Sync).unwrap();
    // Visit 0..=4, then delete 0..=34 (compacting the list), add 100.
    for i in 0..5 {
        assert_eq!(vm.iterator_step_value(&mut rec).unwrap().unwrap().as_number(), Some(i as f64));
    }
    for i in 0..35 {
        invoke(&mut vm, m, "delete", &[n(i as f64)]).unwrap();
    }
    invoke(&mut vm, m, "set", &[n(100.0), n(0.0)]).unwrap();
    let mut rest = Vec::new();
    while let Some(v) = vm.iterator_step_value(&mut rec).unwrap() {
        rest.push(v.as_number().unwrap());
    }
    assert_eq!(rest, [35.0, 36.0, 37.0, 38.0, 39.0, 100.0]);
    // An exhausted iterator stays exhausted even when entries are added.
    invoke(&mut vm, m, "set", &[n(200.0), n(0.0)]).unwrap();
    assert!(vm.iterator_step_value(&mut rec).unwrap().is_none());
    let it = it.as_object().unwrap();
    let r = invoke(&mut vm, it, "next", &[]).unwrap().as_object().unwrap();
    assert!(matches!(vm.get(r, &PropertyKey::from("done")).unwrap(), Value::Bool(true)));
}

#[test]
fn clear_during_iteration_continues_with_new_entries() {
    let mut vm = Vm::new();
    let set = new(&mut vm, "Set", &[]).unwrap();
    for v in ["a", "b", "c"] {
        invoke(&mut vm, set, "add", &[s(v)]).unwrap();
    }
    let it = invoke(&mut vm, set, "values", &[]).unwrap();
    let mut rec = vm.get_iterator(&it, modjs_vm::IteratorHint::Sync).unwrap();
    assert_eq!(show(&vm.iterator_step_value(&mut rec).unwrap().unwrap()), "a");
    invoke(&mut vm, set, "clear", &[]).unwrap();
    invoke(&mut vm, set, "add", &[s("d")]).unwrap();
    assert_eq!(show(&vm.iterator_step_value(&mut rec).unwrap().unwrap()), "d");
    assert!(vm.iterator_step_value(&mut rec).unwrap().is_none());
    assert_eq!(size(&mut vm, set), 1.0);
}

/// A forEach callback that deletes the first key it sees and adds a new one once.
fn mutating_callback(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = args.get(2).as_object().unwrap();
    let log = args.this.as_object().unwrap();
    let len = vm.length_of_array_like(log).unwrap() as u32;
    vm.create_data_property_or_throw(log, PropertyKey::Index(len), args.get(1)).unwrap();
    if len == 0 {
        vm.invoke(&Value::Object(m), &PropertyKey::from("delete"), &[s("b")])?;
        vm.invoke(&Value::Object(m), &PropertyKey::from("set"), &[s("z"), n(26.0)])?;
    }
    Ok(Value::Undefined)
}

#[test]
fn for_each_passes_value_key_map_and_tolerates_mutation() {
    let mut vm = Vm::new();
    let m = new(&mut vm, "Map", &[]).unwrap();
    for (i, k) in ["a", "b", "c"].iter().enumerate() {
        invoke(&mut vm, m, "set", &[s(k), n(i as f64)]).unwrap();
    }
    let callback = vm.new_native_function("cb", 3, mutating_callback);
    let log = array(&mut vm, vec![]);
    invoke(&mut vm, m, "forEach", &[Value::Object(callback), log.clone()]).unwrap();
    let seen = vm.create_list_from_array_like(&log).unwrap();
    assert_eq!(seen.iter().map(show).collect::<Vec<_>>(), ["a", "c", "z"]);
    let err = invoke(&mut vm, m, "forEach", &[n(1.0)]).unwrap_err();
    assert_eq!(message(&mut vm, err), "number 1 is not a function");
}

#[test]
fn constructors_take_iterables_and_report_bad_entries() {
    let mut vm = Vm::new();
    let items = vec![n(1.0), n(2.0), n(1.0)];
    let list = array(&mut vm, items);
    // Arrays are iterable only once the Array built-ins exist; a Set is iterable here.
    let src = new(&mut vm, "Set", &[]).unwrap();
    for v in vm.create_list_from_array_like(&list).unwrap() {
        invoke(&mut vm, src, "add", &[v]).unwrap();
    }
    let copy = new(&mut vm, "Set", &[Value::Object(src)]).unwrap();
    assert_eq!(size(&mut vm, copy), 2.0);
    let entries = invoke(&mut vm, copy, "entries", &[]).unwrap();
    assert_eq!(drain(&mut vm, entries), ["[1,1]", "[2,2]"]);
    // A Map from a Set of non-objects: the first value is not an entry object.
    let err = new(&mut vm, "Map", &[Value::Object(src)]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Iterator value 1 is not an entry object");
    let err = new(&mut vm, "Map", &[n(5.0)]).unwrap_err();
    assert_eq!(message(&mut vm, err), "number 5 is not iterable (cannot read property Symbol(Symbol.iterator))");
    // Without `new`.
    let map_ctor = global(&mut vm, "Map");
    let err = vm.call(&Value::Object(map_ctor), Value::Undefined, &[]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Constructor Map requires 'new'");
    // AggregateError collects its errors from an iterable.
    let agg = new(&mut vm, "AggregateError", &[Value::Object(src), s("many")]).unwrap();
    let errors = vm.get(agg, &PropertyKey::from("errors")).unwrap();
    assert_eq!(vm.create_list_from_array_like(&errors).unwrap().len(), 2);
}

#[test]
fn methods_reject_other_receivers_with_v8_messages() {
    let mut vm = Vm::new();
    let map_proto = vm.intrinsic(modjs_vm::Intrinsic::MapPrototype);
    let get = vm.get(map_proto, &PropertyKey::from("get")).unwrap();
    let plain = vm.new_object();
    let err = vm.call(&get, Value::Object(plain), &[]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Method Map.prototype.get called on incompatible receiver #<Object>");
    let set = new(&mut vm, "Set", &[]).unwrap();
    let err = vm.call(&get, Value::Object(set), &[]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Method Map.prototype.get called on incompatible receiver #<Set>");
    let size_desc = vm.get_own_property(map_proto, &PropertyKey::from("size")).unwrap().unwrap();
    let err = vm.call(&size_desc.get.unwrap(), n(1.0), &[]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Method get Map.prototype.size called on incompatible receiver 1");
}

#[test]
fn prototype_shapes_follow_the_spec() {
    let mut vm = Vm::new();
    let set_proto = vm.intrinsic(modjs_vm::Intrinsic::SetPrototype);
    let keys = vm.get(set_proto, &PropertyKey::from("keys")).unwrap();
    let values = vm.get(set_proto, &PropertyKey::from("values")).unwrap();
    let iter_key = PropertyKey::Symbol(vm.symbols.iterator.clone());
    let at_iterator = vm.get(set_proto, &iter_key).unwrap();
    assert_eq!(keys.as_object(), values.as_object());
    assert_eq!(at_iterator.as_object(), values.as_object());
    let map_proto = vm.intrinsic(modjs_vm::Intrinsic::MapPrototype);
    let names: Vec<String> = vm.own_property_keys(map_proto).unwrap().iter().map(|k| k.display()).collect();
    assert_eq!(
        names,
        ["constructor", "get", "set", "has", "delete", "clear", "entries", "forEach", "keys", "size", "values",
         "Symbol(Symbol.iterator)", "Symbol(Symbol.toStringTag)"]
    );
    // Iterator prototypes inherit from %IteratorPrototype%, whose @@iterator returns this.
    let mip = vm.intrinsic(modjs_vm::Intrinsic::MapIteratorPrototype);
    let ip = vm.intrinsic(modjs_vm::Intrinsic::IteratorPrototype);
    assert_eq!(vm.heap.get(mip).proto, Some(ip));
    let m = new(&mut vm, "Map", &[]).unwrap();
    let it = invoke(&mut vm, m, "entries", &[]).unwrap();
    let f = vm.get_v(&it, &iter_key).unwrap();
    assert_eq!(vm.call(&f, it.clone(), &[]).unwrap().as_object(), it.as_object());
    let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    assert_eq!(show(&vm.get_v(&it, &tag_key).unwrap()), "Map Iterator");
}

#[test]
fn weak_collections_drop_entries_whose_keys_die() {
    let mut vm = Vm::new();
    let wm = new(&mut vm, "WeakMap", &[]).unwrap();
    let ws = new(&mut vm, "WeakSet", &[]).unwrap();
    let kept = vm.new_object();
    let dropped = vm.new_object();
    // The value refers back to its own key: an ephemeron cycle that must not keep it alive.
    let value_of_dropped = vm.new_object();
    vm.define_value(value_of_dropped, PropertyKey::from("key"), Value::Object(dropped), attrs::ALL);
    let value_of_kept = vm.new_object();
    invoke(&mut vm, wm, "set", &[Value::Object(kept), Value::Object(value_of_kept)]).unwrap();
    invoke(&mut vm, wm, "set", &[Value::Object(dropped), Value::Object(value_of_dropped)]).unwrap();
    invoke(&mut vm, ws, "add", &[Value::Object(dropped)]).unwrap();
    let wr = new(&mut vm, "WeakRef", &[Value::Object(dropped)]).unwrap();
    vm.roots.extend([Value::Object(wm), Value::Object(ws), Value::Object(kept), Value::Object(wr)]);
    let before = vm.heap.live_objects();
    vm.collect_garbage();
    assert!(vm.heap.live_objects() < before);
    let count = |vm: &Vm, o: ObjRef| match &vm.heap.get(o).kind {
        ObjectKind::WeakMap(d) | ObjectKind::WeakSet(d) => d.len(),
        _ => usize::MAX,
    };
    assert_eq!(count(&vm, wm), 1);
    assert_eq!(count(&vm, ws), 0);
    // The live key's value survived the collection and is still reachable.
    let got = invoke(&mut vm, wm, "get", &[Value::Object(kept)]).unwrap();
    assert_eq!(got.as_object(), Some(value_of_kept));
    assert!(vm.heap.get(value_of_kept).props.is_empty());
    assert!(invoke(&mut vm, wr, "deref", &[]).unwrap().is_undefined());
}

#[test]
fn weak_keys_must_be_objects_or_unregistered_symbols() {
    let mut vm = Vm::new();
    let wm = new(&mut vm, "WeakMap", &[]).unwrap();
    let err = invoke(&mut vm, wm, "set", &[n(1.0), n(1.0)]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Invalid value used as weak map key");
    let registered = Value::Symbol(modjs_vm::Symbol::registered(JsString::from("x")));
    assert!(invoke(&mut vm, wm, "set", &[registered, n(1.0)]).is_err());
    let sym = Value::Symbol(modjs_vm::Symbol::new(None));
    invoke(&mut vm, wm, "set", &[sym.clone(), n(2.0)]).unwrap();
    assert_eq!(invoke(&mut vm, wm, "get", &[sym]).unwrap().as_number(), Some(2.0));
    assert!(matches!(invoke(&mut vm, wm, "has", &[n(1.0)]).unwrap(), Value::Bool(false)));
    let ws = new(&mut vm, "WeakSet", &[]).unwrap();
    let err = invoke(&mut vm, ws, "add", &[s("x")]).unwrap_err();
    assert_eq!(message(&mut vm, err), "Invalid value used in weak set");
    let err = new(&mut vm, "WeakRef", &[n(1.0)]).unwrap_err();
    assert_eq!(message(&mut vm, err), "WeakRef: invalid target");
}

#[test]
fn finalization_registry_keeps_held_values_but_not_targets_or_tokens() {
    let mut vm = Vm::new();
    let registry = vm
        .run_script(
            "var r = new FinalizationRegistry(() => {});
             var keptToken = {};
             (function () { r.register({}, { held: 1 }, keptToken); r.register({}, { held: 2 }, {}); })();
             r",
            "test.js",
        )
        .unwrap()
        .as_object()
        .unwrap();
    let cells = |vm: &Vm| match &vm.heap.get(registry).kind {
        ObjectKind::FinalizationRegistry(d) => d.cell_count(),
        _ => usize::MAX,
    };
    assert_eq!(cells(&vm), 2);
    vm.roots.push(Value::Object(registry));
    vm.collect_garbage();
    // The cell whose target and token both died is gone; the one with a live token stays, and
    // can still be unregistered.
    assert_eq!(cells(&vm), 1);
    let token = vm.run_script("keptToken", "t.js").unwrap();
    assert_eq!(show(&invoke(&mut vm, registry, "unregister", &[token]).unwrap()), "true");
    assert_eq!(cells(&vm), 0);
}
