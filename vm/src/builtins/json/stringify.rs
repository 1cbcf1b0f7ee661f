//! JSON.stringify — ECMA-262 §25.5.2.
//!
//! SerializeJSONProperty / SerializeJSONObject / SerializeJSONArray are followed step by step,
//! but the recursion through nested objects is kept on an explicit stack of open objects, so
//! deep input throws V8's RangeError instead of overflowing the Rust stack, and the stack
//! doubles as the spec's `state.[[Stack]]` for cycle detection. The text is written into one
//! buffer as members are produced: the spec's `partial` lists and joins give the same text,
//! since a member is left out only when it serializes to undefined, which is known before
//! anything of it is written.

use super::circular_structure_message::{circular_structure_message, PathKey};
use super::quote::quote_json_string;
use crate::conversions::number_to_string::number_to_string;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::PropertyKey;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// How deep stringify may nest (V8 runs out of stack between 3,000 and 5,000 levels).
const MAX_STRINGIFY_DEPTH: usize = 4000;

/// The JSON Serialization Record of §25.5.2.1 (its [[Stack]] is `Serializer::open`).
struct Serializer {
    replacer_function: Option<Value>,
    property_list: Option<Vec<PropertyKey>>,
    gap: Vec<u16>,
    indent: Vec<u16>,
    open: Vec<OpenValue>,
    /// The text so far.
    out: Vec<u16>,
}

/// An object or array being serialized.
struct OpenValue {
    object: ObjRef,
    /// The key it was reached by, and whether its holder is an array (for cycle messages).
    key: PropertyKey,
    holder_is_array: bool,
    is_array: bool,
    members: Members,
    next: usize,
    /// Whether a member has been written (the spec's `partial` is not empty).
    has_members: bool,
    stepback: Vec<u16>,
}

enum Members {
    Indices(u64),
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

/// What SerializeJSONProperty makes of one value.
enum Serialized {
    Text(Vec<u16>),
    Undefined,
    /// An object or array to serialize member by member.
    Open(ObjRef),
}

fn ascii(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// JSON.stringify(value [, replacer [, space]]) — §25.5.2.
pub fn json_stringify(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let value = args.get(0);
    let replacer = args.get(1);
    let mut space = args.get(2);
    let mut state = Serializer {
        replacer_function: None,
        property_list: None,
        gap: Vec::new(),
        indent: Vec::new(),
        open: Vec::new(),
        out: Vec::new(),
    };
    // Step 4: the replacer — a function, or an array listing the property names to keep.
    if let Value::Object(r) = replacer {
        if vm.is_callable(&replacer) {
            state.replacer_function = Some(replacer.clone());
        } else if vm.is_array(&replacer)? {
            let mut list: Vec<PropertyKey> = Vec::new();
            let len = vm.length_of_array_like(r)?;
            for k in 0..len {
                let prop = vm.get(r, &PropertyKey::from_index(k as u32))?;
                let item = match &prop {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(_) => Some(vm.to_string(&prop)?),
                    Value::Object(o) if matches!(vm.heap.get(*o).kind, ObjectKind::String(_) | ObjectKind::Number(_)) => {
                        Some(vm.to_string(&prop)?)
                    }
                    _ => None,
                };
                if let Some(item) = item {
                    let key = PropertyKey::from_string(item);
                    if !list.contains(&key) {
                        list.push(key);
                    }
                }
            }
            state.property_list = Some(list);
        }
    }
    // Step 5: Number and String objects as space are unwrapped.
    if let Value::Object(o) = space {
        match vm.heap.get(o).kind {
            ObjectKind::Number(_) => space = Value::Number(vm.to_number(&space)?),
            ObjectKind::String(_) => space = Value::String(vm.to_string(&space)?),
            _ => {}
        }
    }
    // Steps 6–8: the gap — up to ten spaces, or the first ten units of a string.
    match &space {
        Value::Number(_) => {
            let n = vm.to_integer_or_infinity(&space)?.min(10.0);
            if n >= 1.0 {
                state.gap = vec![u16::from(b' '); n as usize];
            }
        }
        Value::String(s) => state.gap = s.as_units()[..s.len().min(10)].to_vec(),
        _ => {}
    }
    // Steps 9–10: a wrapper object holds the value under "".
    let wrapper = vm.new_object();
    vm.create_data_property_or_throw(wrapper, PropertyKey::from(""), value)?;
    // Step 11: SerializeJSONProperty(state, "", wrapper).
    match serialize_json_property(vm, &state, &PropertyKey::from(""), wrapper)? {
        Serialized::Text(text) => Ok(Value::String(JsString::from_units(text))),
        Serialized::Undefined => Ok(Value::Undefined),
        Serialized::Open(object) => {
            open_value(vm, &mut state, object, PropertyKey::from(""), false)?;
            serialize_open_values(vm, &mut state)?;
            Ok(Value::String(JsString::from_units(state.out)))
        }
    }
}

/// SerializeJSONProperty(state, key, holder) — §25.5.2.2, up to the point where an object
/// or array would be serialized (that is left to the caller's stack).
fn serialize_json_property(vm: &mut Vm, state: &Serializer, key: &PropertyKey, holder: ObjRef) -> JsResult<Serialized> {
    // Step 1: value = Get(holder, key).
    let mut value = vm.get(holder, key)?;
    // Step 2: toJSON, of objects and BigInts.
    if matches!(value, Value::Object(_) | Value::BigInt(_)) {
        let to_json = vm.get_v(&value, &PropertyKey::from("toJSON"))?;
        if vm.is_callable(&to_json) {
            value = vm.call(&to_json, value, &[key.to_value()])?;
        }
    }
    // Step 3: the replacer function.
    if let Some(replacer) = &state.replacer_function {
        value = vm.call(replacer, Value::Object(holder), &[key.to_value(), value])?;
    }
    // Step 4: wrapper objects are unwrapped.
    if let Value::Object(o) = value {
        match vm.heap.get(o).kind {
            ObjectKind::Number(_) => value = Value::Number(vm.to_number(&value)?),
            ObjectKind::String(_) => value = Value::String(vm.to_string(&value)?),
            ObjectKind::Boolean(b) => value = Value::Bool(b),
            ObjectKind::BigInt(ref b) => value = Value::BigInt(b.clone()),
            _ => {}
        }
    }
    // Steps 5–12.
    Ok(match value {
        Value::Null => Serialized::Text(ascii("null")),
        Value::Bool(b) => Serialized::Text(ascii(if b { "true" } else { "false" })),
        Value::String(s) => {
            let mut out = Vec::with_capacity(s.len() + 2);
            quote_json_string(s.as_units(), &mut out);
            Serialized::Text(out)
        }
        Value::Number(n) if n.is_finite() => Serialized::Text(ascii(&number_to_string(n))),
        Value::Number(_) => Serialized::Text(ascii("null")),
        // Step 10: BigInts have no JSON form.
        Value::BigInt(_) => return Err(vm.throw_type_error("Do not know how to serialize a BigInt")),
        Value::Object(o) if !vm.is_callable(&value) => Serialized::Open(o),
        _ => Serialized::Undefined,
    })
}

/// The opening steps of SerializeJSONObject / SerializeJSONArray (§25.5.2.5 steps 1–5,
/// §25.5.2.6 steps 1–6): the cycle check, the stack push, the indent, and the members.
fn open_value(vm: &mut Vm, state: &mut Serializer, object: ObjRef, key: PropertyKey, holder_is_array: bool) -> JsResult<()> {
    // Step 1: a value already on the stack is a cycle.
    if let Some(start) = state.open.iter().position(|v| v.object == object) {
        let message = cycle_message(vm, state, start, &key, holder_is_array);
        return Err(vm.throw_type_error(&message));
    }
    if state.open.len() >= MAX_STRINGIFY_DEPTH {
        return Err(vm.throw_range_error("Maximum call stack size exceeded"));
    }
    // Steps 3–4: the indent grows by the gap.
    let stepback = state.indent.clone();
    state.indent.extend_from_slice(&state.gap);
    let is_array = vm.is_array(&Value::Object(object))?;
    let members = if is_array {
        Members::Indices(vm.length_of_array_like(object)?)
    } else if let Some(list) = &state.property_list {
        Members::Keys(list.clone())
    } else {
        Members::Keys(vm.enumerable_own_keys(object)?)
    };
    state.out.push(u16::from(if is_array { b'[' } else { b'{' }));
    state.open.push(OpenValue {
        object,
        key,
        holder_is_array,
        is_array,
        members,
        next: 0,
        has_members: false,
        stepback,
    });
    Ok(())
}

/// Serializes members of the open values until the outermost one is finished.
fn serialize_open_values(vm: &mut Vm, state: &mut Serializer) -> JsResult<()> {
    loop {
        let Some(top) = state.open.last_mut() else {
            return Ok(());
        };
        let (object, is_array) = (top.object, top.is_array);
        if let Some(key) = top.members.get(top.next) {
            top.next += 1;
            match serialize_json_property(vm, state, &key, object)? {
                Serialized::Text(text) => {
                    begin_member(state, &key);
                    state.out.extend_from_slice(&text);
                }
                // §25.5.2.6 step 8.b: undefined array elements are "null"; object members
                // that serialize to undefined are left out.
                Serialized::Undefined => {
                    if is_array {
                        begin_member(state, &key);
                        state.out.extend_from_slice(&ascii("null"));
                    }
                }
                Serialized::Open(inner) => {
                    begin_member(state, &key);
                    open_value(vm, state, inner, key, is_array)?;
                }
            }
            continue;
        }
        // All members done: close this value.
        let Some(done) = state.open.pop() else {
            return Ok(());
        };
        close_value(state, &done);
        state.indent = done.stepback;
        if state.open.is_empty() {
            return Ok(());
        }
    }
}

/// Writes what comes before a member of the innermost open value: the separator (§25.5.2.5
/// steps 10–11, §25.5.2.6 steps 10–11: "," without a gap, ",\n" and the indent with one), then
/// for objects the quoted key, ":" and, with a gap, a space (§25.5.2.5 step 8.b).
fn begin_member(state: &mut Serializer, key: &PropertyKey) {
    let Some(top) = state.open.last_mut() else {
        return;
    };
    if top.has_members {
        state.out.push(u16::from(b','));
    }
    top.has_members = true;
    if !state.gap.is_empty() {
        state.out.push(u16::from(b'\n'));
        state.out.extend_from_slice(&state.indent);
    }
    if !top.is_array {
        let name = key.to_js_string().unwrap_or_else(JsString::empty);
        quote_json_string(name.as_units(), &mut state.out);
        state.out.push(u16::from(b':'));
        if !state.gap.is_empty() {
            state.out.push(u16::from(b' '));
        }
    }
}

/// Closes a value: with a gap and members, a line break and the outer indent before the
/// closing bracket.
fn close_value(state: &mut Serializer, done: &OpenValue) {
    if done.has_members && !state.gap.is_empty() {
        state.out.push(u16::from(b'\n'));
        state.out.extend_from_slice(&done.stepback);
    }
    state.out.push(u16::from(if done.is_array { b']' } else { b'}' }));
}

/// V8's message for a cycle: the path from the object met again (`open[start]`) to `key`.
fn cycle_message(vm: &Vm, state: &Serializer, start: usize, key: &PropertyKey, holder_is_array: bool) -> String {
    let path_key = |key: &PropertyKey, holder_is_array: bool| match (key, holder_is_array) {
        (PropertyKey::Index(i), true) => PathKey::Index(*i),
        (k, _) => PathKey::Property(k.display()),
    };
    let start_ctor = constructor_name(vm, state.open[start].object);
    let steps: Vec<(PathKey, String)> = state.open[start + 1..]
        .iter()
        .map(|v| (path_key(&v.key, v.holder_is_array), constructor_name(vm, v.object)))
        .collect();
    circular_structure_message(&start_ctor, &steps, &path_key(key, holder_is_array))
}

/// The name V8 shows for an object's constructor: the `name` of the first function found as a
/// plain data property `constructor` on the object or its prototypes; otherwise "Array" for
/// arrays and "Object" for the rest. (V8 knows the function that created the object; this
/// reads what the object shows.)
fn constructor_name(vm: &Vm, object: ObjRef) -> String {
    let constructor_key = PropertyKey::from("constructor");
    let name_key = PropertyKey::from("name");
    let mut current = Some(object);
    let mut steps = 0;
    while let Some(o) = current {
        if let Some(Value::Object(ctor)) = vm.get_own_property_plain(o, &constructor_key).and_then(|d| d.value) {
            if vm.is_callable_object(ctor) {
                if let Some(Value::String(name)) = vm.get_own_property_plain(ctor, &name_key).and_then(|d| d.value) {
                    if !name.is_empty() {
                        return name.to_rust_lossy();
                    }
                }
            }
        }
        steps += 1;
        if steps > 10_000 {
            break;
        }
        current = vm.heap.get(o).proto;
    }
    if vm.heap.get(object).is_array() { "Array" } else { "Object" }.to_string()
}
