//! The JSON object — ECMA-262 §25.5: `JSON.parse` (with its reviver walk) and
//! `JSON.stringify` (in `stringify.rs`).
//!
//! Both walk nested values with explicit stacks rather than Rust recursion. Parsing accepts any
//! depth, as V8 does; the reviver walk and stringify stop at a depth comparable to where V8 runs
//! out of stack and throw the same `RangeError: Maximum call stack size exceeded`.

pub mod circular_structure_message;
pub mod parse_text;
pub mod quote;
pub mod stringify;

use crate::error::{ErrorKind, JsResult};
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;
use parse_text::{parse_json_text, JsonBuilder};

/// How deep the reviver walk of `JSON.parse` may nest (V8 runs out of stack between 1,000
/// and 3,000 levels).
const MAX_REVIVER_DEPTH: usize = 2000;

/// Fills %JSON% and defines the global `JSON`.
pub fn install(vm: &mut Vm) {
    let json = vm.intrinsic(Intrinsic::JSON);
    vm.define_method(json, "parse", 2, json_parse);
    vm.define_method(json, "stringify", 3, stringify::json_stringify);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(json, tag, Value::String(JsString::from("JSON")), attrs::CONFIGURABLE);
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("JSON"), Value::Object(json), attrs::BUILTIN);
}

/// Builds the parsed values as VM objects: arrays and plain objects whose members are defined
/// in source order (a repeated name keeps its first position and its last value).
struct VmBuilder<'a> {
    vm: &'a mut Vm,
}

impl JsonBuilder for VmBuilder<'_> {
    type Value = Value;
    fn null(&mut self) -> Value {
        Value::Null
    }
    fn boolean(&mut self, value: bool) -> Value {
        Value::Bool(value)
    }
    fn number(&mut self, value: f64) -> Value {
        Value::Number(value)
    }
    fn string(&mut self, units: Vec<u16>) -> Value {
        Value::String(JsString::from_units(units))
    }
    fn array(&mut self, elements: Vec<Value>) -> Value {
        Value::Object(self.vm.create_array_from_list(elements))
    }
    fn object(&mut self, members: Vec<(Vec<u16>, Value)>) -> Value {
        let obj = self.vm.new_object();
        for (name, value) in members {
            let key = PropertyKey::from_string(JsString::from_units(name));
            self.vm.define_value(obj, key, value, attrs::ALL);
        }
        Value::Object(obj)
    }
}

/// A SyntaxError whose message is exactly `units` (it may quote any code unit of the source).
fn json_syntax_error(vm: &mut Vm, units: Vec<u16>) -> Value {
    let lossy = String::from_utf16_lossy(&units);
    let error = vm.new_error(ErrorKind::SyntaxError, &lossy);
    vm.define_value(error, PropertyKey::from("message"), Value::String(JsString::from_units(units)), attrs::BUILTIN);
    Value::Object(error)
}

/// JSON.parse(text [, reviver]) — §25.5.1.
fn json_parse(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // Step 1: ToString(text).
    let text = vm.to_string(&args.get(0))?;
    // Steps 2–9: parse and evaluate the JSON text.
    let unfiltered = match parse_json_text(text.as_units(), &mut VmBuilder { vm }) {
        Ok(value) => value,
        Err(e) => return Err(json_syntax_error(vm, e.message)),
    };
    // Step 10: a callable reviver walks the result from a wrapper object.
    let reviver = args.get(1);
    if !vm.is_callable(&reviver) {
        return Ok(unfiltered);
    }
    let root = vm.new_object();
    vm.create_data_property_or_throw(root, PropertyKey::from(""), unfiltered)?;
    internalize_json_property(vm, root, PropertyKey::from(""), &reviver)
}

/// The members still to visit of an object in the reviver walk.
enum Members {
    /// An array: indices `0..length`.
    Indices(u64),
    /// Any other object: its enumerable own string keys, taken when it is entered.
    Keys(Vec<PropertyKey>),
}

impl Members {
    fn get(&self, i: usize) -> Option<PropertyKey> {
        match self {
            Members::Indices(len) => ((i as u64) < *len).then(|| PropertyKey::from_index(i as u32)),
            Members::Keys(keys) => keys.get(i).cloned(),
        }
    }
}

/// An object whose members are being revived.
struct ReviveFrame {
    holder: ObjRef,
    name: PropertyKey,
    object: ObjRef,
    members: Members,
    next: usize,
}

/// InternalizeJSONProperty(holder, name, reviver) — §25.5.1.1, with the recursion over
/// members unrolled into a stack: each object's members are revived (and replaced or deleted)
/// in order before the reviver sees the object itself.
fn internalize_json_property(vm: &mut Vm, holder: ObjRef, name: PropertyKey, reviver: &Value) -> JsResult<Value> {
    let mut stack: Vec<ReviveFrame> = Vec::new();
    let mut entering = Some((holder, name));
    loop {
        if let Some((holder, name)) = entering.take() {
            // Step 1: val = Get(holder, name).
            let val = vm.get(holder, &name)?;
            if let Value::Object(object) = val {
                // Step 2: an object's members are revived first.
                if stack.len() >= MAX_REVIVER_DEPTH {
                    return Err(vm.throw_range_error("Maximum call stack size exceeded"));
                }
                let members = if vm.is_array(&val)? {
                    Members::Indices(vm.length_of_array_like(object)?)
                } else {
                    Members::Keys(vm.enumerable_own_keys(object)?)
                };
                stack.push(ReviveFrame { holder, name, object, members, next: 0 });
            } else {
                // Step 3: Call(reviver, holder, « name, val »).
                let revived = vm.call(reviver, Value::Object(holder), &[name.to_value(), val])?;
                match stack.last() {
                    None => return Ok(revived),
                    Some(parent) => replace_member(vm, parent, revived)?,
                }
            }
        }
        let Some(top) = stack.last_mut() else {
            return Ok(Value::Undefined);
        };
        if let Some(key) = top.members.get(top.next) {
            top.next += 1;
            entering = Some((top.object, key));
            continue;
        }
        // Every member is done: the reviver sees the object (step 3).
        let Some(done) = stack.pop() else {
            return Ok(Value::Undefined);
        };
        let revived = vm.call(reviver, Value::Object(done.holder), &[done.name.to_value(), Value::Object(done.object)])?;
        match stack.last() {
            None => return Ok(revived),
            Some(parent) => replace_member(vm, parent, revived)?,
        }
    }
}

/// Steps 2.b.iii / 2.c.ii.2–3: a revived member replaces the old one, or is deleted when the
/// reviver returned undefined (failures are ignored, as the spec's `?` on a Boolean result).
fn replace_member(vm: &mut Vm, parent: &ReviveFrame, revived: Value) -> JsResult<()> {
    let Some(key) = parent.members.get(parent.next.saturating_sub(1)) else {
        return Ok(());
    };
    if revived.is_undefined() {
        vm.delete_property(parent.object, &key)?;
    } else {
        vm.create_data_property(parent.object, key, revived)?;
    }
    Ok(())
}
