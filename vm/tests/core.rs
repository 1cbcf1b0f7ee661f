//! The object model and the collector, exercised from Rust (no interpreter involved).

use modjs_vm::{attrs, PropertyDescriptor, PropertyKey, Value, Vm};

fn num(v: &Value) -> f64 {
    v.as_number().expect("a number")
}

#[test]
fn properties_keep_creation_order_with_indices_first() {
    let mut vm = Vm::new();
    let o = vm.new_object();
    for k in ["b", "2", "a", "0"] {
        vm.create_data_property_or_throw(o, PropertyKey::from(k), Value::Number(1.0)).unwrap();
    }
    let keys: Vec<String> = vm.own_property_keys(o).unwrap().iter().map(|k| k.display()).collect();
    assert_eq!(keys, ["0", "2", "b", "a"]);
}

#[test]
fn array_length_tracks_elements_and_truncates() {
    let mut vm = Vm::new();
    let a = vm.create_array_from_list(vec![Value::Number(1.0), Value::Number(2.0)]);
    vm.put(a, PropertyKey::Index(5), Value::Number(6.0), true).unwrap();
    assert_eq!(num(&vm.get(a, &PropertyKey::from("length")).unwrap()), 6.0);
    assert!(vm.get(a, &PropertyKey::Index(3)).unwrap().is_undefined());
    vm.put(a, PropertyKey::from("length"), Value::Number(1.0), true).unwrap();
    assert!(vm.get(a, &PropertyKey::Index(5)).unwrap().is_undefined());
    let keys: Vec<String> = vm.own_property_keys(a).unwrap().iter().map(|k| k.display()).collect();
    assert_eq!(keys, ["0", "length"]);
    let err = vm.put(a, PropertyKey::from("length"), Value::Number(-1.0), true);
    assert!(err.is_err());
    // A far index goes to the sparse part and still counts.
    vm.put(a, PropertyKey::Index(4_000_000_000), Value::Number(7.0), true).unwrap();
    assert_eq!(num(&vm.get(a, &PropertyKey::from("length")).unwrap()), 4_000_000_001.0);
}

#[test]
fn non_configurable_properties_resist_redefinition() {
    let mut vm = Vm::new();
    let o = vm.new_object();
    let key = PropertyKey::from("x");
    vm.define_property_or_throw(o, key.clone(), PropertyDescriptor::data(Value::Number(1.0), false, true, false))
        .unwrap();
    assert!(!vm.define_own_property(o, key.clone(), PropertyDescriptor::data_attrs(Value::Number(2.0), attrs::ALL)).unwrap());
    // Same value is allowed.
    let same = PropertyDescriptor { value: Some(Value::Number(1.0)), ..Default::default() };
    assert!(vm.define_own_property(o, key.clone(), same).unwrap());
    assert!(!vm.set(o, key.clone(), Value::Number(3.0), &Value::Object(o)).unwrap());
    assert!(!vm.delete_property(o, &key).unwrap());
}

#[test]
fn prototype_cycles_are_refused() {
    let mut vm = Vm::new();
    let a = vm.new_object();
    let b = vm.new_object_with_proto(Some(a));
    assert!(!vm.set_prototype_of(a, Some(b)).unwrap());
    assert!(vm.set_prototype_of(b, None).unwrap());
}

#[test]
fn cyclic_garbage_is_collected_and_roots_survive() {
    let mut vm = Vm::new();
    vm.collect_garbage();
    let baseline = vm.heap.live_objects();
    let kept = vm.new_object();
    vm.roots.push(Value::Object(kept));
    for _ in 0..1000 {
        let x = vm.new_object();
        let y = vm.new_object();
        vm.put(x, PropertyKey::from("y"), Value::Object(y), true).unwrap();
        vm.put(y, PropertyKey::from("x"), Value::Object(x), true).unwrap();
    }
    let cell = vm.heap.alloc_cell(Value::Object(kept));
    let _ = cell;
    vm.collect_garbage();
    assert_eq!(vm.heap.live_objects(), baseline + 1);
    assert_eq!(vm.heap.live_cells(), 0);
    vm.put(kept, PropertyKey::from("still"), Value::Bool(true), true).unwrap();
}

#[test]
fn conversions_follow_the_spec() {
    let mut vm = Vm::new();
    assert_eq!(vm.to_string(&Value::Number(-0.0)).unwrap().to_rust_lossy(), "0");
    assert_eq!(vm.to_int32(&Value::Number(4294967297.0)).unwrap(), 1);
    assert_eq!(vm.to_int32(&Value::Number(-1.5)).unwrap(), -1);
    assert_eq!(vm.to_uint32(&Value::Number(-1.0)).unwrap(), 4294967295);
    assert!(vm.is_loosely_equal(&Value::Null, &Value::Undefined).unwrap());
    assert!(vm.is_loosely_equal(&Value::from("1"), &Value::Bool(true)).unwrap());
    assert!(!vm.is_loosely_equal(&Value::Null, &Value::Number(0.0)).unwrap());
    let o = vm.to_object(&Value::from("ab")).unwrap();
    assert_eq!(num(&vm.get(o, &PropertyKey::from("length")).unwrap()), 2.0);
    assert!(vm.to_object(&Value::Undefined).is_err());
    assert_eq!(vm.typeof_value(&Value::Null), "object");
}

#[test]
fn module_namespaces_read_live_cells_and_refuse_changes() {
    use modjs_vm::object::namespace::module_namespace_create;
    use modjs_vm::JsString;
    let mut vm = Vm::new();
    let early = vm.heap.alloc_cell(Value::Empty);
    let f = vm.heap.alloc_cell(Value::Number(1.0));
    let ns = module_namespace_create(&mut vm, vec![(JsString::from("early"), early), (JsString::from("f"), f)]);
    let msg = |vm: &mut Vm, r: Result<Value, Value>| -> String {
        let e = r.expect_err("throws");
        let m = vm.get_v(&e, &PropertyKey::from("message")).unwrap();
        vm.to_string(&m).unwrap().to_rust_lossy()
    };
    let r = vm.get(ns, &PropertyKey::from("early"));
    assert_eq!(msg(&mut vm, r), "Cannot access 'early' before initialization");
    let r = vm.get_own_property(ns, &PropertyKey::from("early")).map(|_| Value::Undefined);
    assert_eq!(msg(&mut vm, r), "early is not defined");
    assert!(vm.has_property(ns, &PropertyKey::from("early")).unwrap());
    assert!(!vm.has_property(ns, &PropertyKey::from("zz")).unwrap());
    // Live: a later write to the cell is what the namespace shows.
    vm.heap.cell_set(early, Value::Number(5.0));
    assert_eq!(num(&vm.get(ns, &PropertyKey::from("early")).unwrap()), 5.0);
    let r = vm.put(ns, PropertyKey::from("early"), Value::Number(6.0), true).map(|_| Value::Undefined);
    assert_eq!(msg(&mut vm, r), "Cannot assign to read only property 'early' of object '[object Module]'");
    let r = vm.put(ns, PropertyKey::from("nope"), Value::Number(6.0), true).map(|_| Value::Undefined);
    assert_eq!(msg(&mut vm, r), "Cannot add property nope, object is not extensible");
    assert!(!vm.delete_property(ns, &PropertyKey::from("f")).unwrap());
    assert!(vm.delete_property(ns, &PropertyKey::from("zz")).unwrap());
    let same = PropertyDescriptor { value: Some(Value::Number(1.0)), ..Default::default() };
    assert!(vm.define_own_property(ns, PropertyKey::from("f"), same).unwrap());
    let other = PropertyDescriptor { value: Some(Value::Number(2.0)), ..Default::default() };
    assert!(!vm.define_own_property(ns, PropertyKey::from("f"), other).unwrap());
    let keys: Vec<String> = vm.own_property_keys(ns).unwrap().iter().map(|k| k.display()).collect();
    assert_eq!(keys, ["early", "f", "Symbol(Symbol.toStringTag)"]);
    assert!(vm.get_prototype_of(ns).unwrap().is_none());
    assert!(!vm.is_extensible(ns).unwrap());
    assert!(!vm.set_prototype_of(ns, Some(vm.intrinsic(modjs_vm::Intrinsic::ObjectPrototype))).unwrap());
    assert!(vm.set_prototype_of(ns, None).unwrap());
    // The cells stay alive through the namespace.
    vm.roots.push(Value::Object(ns));
    vm.collect_garbage();
    assert_eq!(vm.heap.live_cells(), 2);
}
