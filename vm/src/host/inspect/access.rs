//! What the inspector asks of the VM beyond the internal methods: which kind of object a value is
//! and the contents of internal slots (array length, Map/Set entries, promise state, iterator
//! previews, dates). Everything that depends on `ObjectKind` payloads is here, so a new kind or a
//! changed payload touches this file only.

use super::options::{Compact, InspectOptions};
use crate::bytecode::TemplateKind;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyDescriptor, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::symbol::Symbol;
use crate::value::Value;
use crate::vm::Vm;

/// The kinds of object `util.inspect` tells apart.
pub enum Kind {
    Ordinary,
    Array,
    /// Anything callable.
    Function,
    /// An object with [[ErrorData]], or one inheriting from `Error.prototype`.
    Error,
    /// A Number, String, Boolean or Symbol object, with its primitive.
    Boxed(Value),
    Arguments,
    Date(f64),
    RegExp,
    Map,
    Set,
    WeakMap,
    WeakSet,
    Promise,
    /// A module namespace exotic object.
    Namespace,
    MapIterator,
    SetIterator,
}

pub fn kind_of(vm: &Vm, obj: ObjRef) -> Kind {
    match &vm.heap.get(obj).kind {
        ObjectKind::Array(_) => Kind::Array,
        ObjectKind::NativeFunction(_) | ObjectKind::BoundFunction(_) | ObjectKind::Function(_) => Kind::Function,
        ObjectKind::Error => Kind::Error,
        ObjectKind::Boolean(b) => Kind::Boxed(Value::Bool(*b)),
        ObjectKind::Number(n) => Kind::Boxed(Value::Number(*n)),
        ObjectKind::String(s) => Kind::Boxed(Value::String(s.clone())),
        ObjectKind::Symbol(s) => Kind::Boxed(Value::Symbol(s.clone())),
        ObjectKind::BigInt(b) => Kind::Boxed(Value::BigInt(b.clone())),
        ObjectKind::Arguments(_) => Kind::Arguments,
        ObjectKind::Date(t) => Kind::Date(*t),
        ObjectKind::Namespace(_) => Kind::Namespace,
        ObjectKind::Promise(_) => Kind::Promise,
        ObjectKind::RegExp(_) => Kind::RegExp,
        // The walker looks through proxies before asking (see `Ctx::format_value`); a proxy
        // met here (a proxy's target that is itself a proxy) is walked through its traps.
        ObjectKind::Proxy(p) if p.callable => Kind::Function,
        ObjectKind::Proxy(_) => Kind::Ordinary,
        ObjectKind::AsyncFromSyncIterator(_) => Kind::Ordinary,
        ObjectKind::Map(_) => Kind::Map,
        ObjectKind::Set(_) => Kind::Set,
        ObjectKind::MapIterator(_) => Kind::MapIterator,
        ObjectKind::SetIterator(_) => Kind::SetIterator,
        ObjectKind::WeakMap(_) => Kind::WeakMap,
        ObjectKind::WeakSet(_) => Kind::WeakSet,
        ObjectKind::WeakRef(_) | ObjectKind::CallSite(_) | ObjectKind::FinalizationRegistry(_) => Kind::Ordinary,
        ObjectKind::Ordinary => {
            if inherits_from(vm, obj, Intrinsic::ErrorPrototype) {
                Kind::Error
            } else {
                Kind::Ordinary
            }
        }
        // Kinds added by other built-ins print as plain objects until the walker knows them.
        #[allow(unreachable_patterns)]
        _ => Kind::Ordinary,
    }
}

/// Whether `obj`'s prototype chain (read from the heap, no traps) contains the intrinsic.
fn inherits_from(vm: &Vm, obj: ObjRef, which: Intrinsic) -> bool {
    let target = vm.intrinsic(which);
    let mut current = vm.heap.get(obj).proto;
    // A chain longer than this is a cycle through exotic objects; give up.
    for _ in 0..10_000 {
        match current {
            Some(p) if p == target => return true,
            Some(p) => current = vm.heap.get(p).proto,
            None => return false,
        }
    }
    false
}

/// Error objects (for a `cause` whose frames may be collapsed).
pub fn is_error(vm: &Vm, obj: ObjRef) -> bool {
    matches!(kind_of(vm, obj), Kind::Error)
}

/// `Array.isArray`.
pub fn is_array(vm: &Vm, value: &Value) -> bool {
    matches!(value, Value::Object(o) if vm.heap.get(*o).is_array())
}

/// Whether a thrown value is a ReferenceError (what reading an uninitialised binding throws).
pub fn is_reference_error(vm: &Vm, thrown: &Value) -> bool {
    matches!(thrown, Value::Object(o) if inherits_from(vm, *o, Intrinsic::ReferenceErrorPrototype))
}

/// Module namespace exotic objects.
pub fn is_namespace(vm: &Vm, obj: ObjRef) -> bool {
    matches!(kind_of(vm, obj), Kind::Namespace)
}

/// An array's `length`.
pub fn array_length(vm: &Vm, obj: ObjRef) -> u32 {
    match &vm.heap.get(obj).kind {
        ObjectKind::Array(a) => a.length,
        _ => 0,
    }
}

/// How a function was written: `class`, `async`, generator (`function*`), and its source text
/// when it has one (Node tells classes apart by their text).
#[derive(Default, Clone)]
pub struct FunctionFlavour {
    pub is_class: bool,
    pub is_async: bool,
    pub is_generator: bool,
    pub source_text: Option<String>,
}

pub fn function_flavour(vm: &Vm, obj: ObjRef) -> FunctionFlavour {
    // Built-in and bound functions are plain functions.
    let Some(closure) = vm.closure(obj) else {
        return FunctionFlavour::default();
    };
    let template = &closure.template;
    let (start, end) = (template.span.0 as usize, template.span.1 as usize);
    let source_text = template.source.text.get(start..end).map(str::to_string);
    FunctionFlavour {
        is_class: matches!(template.kind, TemplateKind::ClassConstructor { .. }),
        is_async: template.is_async,
        is_generator: template.is_generator,
        source_text,
    }
}

/// A Set's values in insertion order.
pub fn set_values(vm: &Vm, obj: ObjRef) -> Vec<Value> {
    match &vm.heap.get(obj).kind {
        ObjectKind::Set(d) => d.entries().map(|(k, _)| k.clone()).collect(),
        _ => Vec::new(),
    }
}

/// A Map's entries in insertion order.
pub fn map_entries(vm: &Vm, obj: ObjRef) -> Vec<(Value, Value)> {
    match &vm.heap.get(obj).kind {
        ObjectKind::Map(d) => d.entries().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Vec::new(),
    }
}

/// A Map or Set iterator's remaining entries (flattened `k, v, k, v` when it yields pairs) and
/// whether it yields pairs.
pub fn iterator_preview(vm: &Vm, obj: ObjRef) -> Option<(Vec<Value>, bool)> {
    use crate::builtins::collection_data::IterationKind;
    let state = match &vm.heap.get(obj).kind {
        ObjectKind::MapIterator(s) | ObjectKind::SetIterator(s) => s,
        _ => return None,
    };
    let pairs = state.kind == IterationKind::Entries;
    let Some(collection) = state.collection else {
        return Some((Vec::new(), pairs));
    };
    let data = match &vm.heap.get(collection).kind {
        ObjectKind::Map(d) | ObjectKind::Set(d) => d,
        _ => return Some((Vec::new(), pairs)),
    };
    let mut out = Vec::new();
    for (k, v) in data.remaining(&state.cursor) {
        match state.kind {
            IterationKind::Keys => out.push(k.clone()),
            IterationKind::Values => out.push(v.clone()),
            IterationKind::Entries => {
                out.push(k.clone());
                out.push(v.clone());
            }
        }
    }
    Some((out, pairs))
}

/// [[PromiseState]] with [[PromiseResult]].
pub enum PromiseState {
    Pending,
    Fulfilled(Value),
    Rejected(Value),
}

pub fn promise_state(vm: &Vm, obj: ObjRef) -> PromiseState {
    use crate::builtins::promise::PromiseState as State;
    match crate::builtins::promise::promise_state(vm, obj) {
        Some((State::Fulfilled, v)) => PromiseState::Fulfilled(v),
        Some((State::Rejected, v)) => PromiseState::Rejected(v),
        _ => PromiseState::Pending,
    }
}

/// V8's internal constructor name of an object whose prototype chain has no usable
/// `constructor`: a string `Symbol.toStringTag` data property if there is one, else the name of
/// the object's kind.
pub fn internal_constructor_name(vm: &mut Vm, obj: ObjRef) -> JsResult<String> {
    let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    let mut current = Some(obj);
    let mut steps = 0;
    while let Some(o) = current {
        if let Some(PropertyDescriptor { value: Some(Value::String(s)), .. }) = vm.get_own_property_plain(o, &tag_key)
        {
            return Ok(s.to_rust_lossy());
        }
        current = vm.heap.get(o).proto;
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    Ok(match kind_of(vm, obj) {
        Kind::Ordinary | Kind::Namespace => "Object",
        Kind::Array => "Array",
        Kind::Function => "Function",
        Kind::Error => "Error",
        Kind::Boxed(Value::Number(_)) => "Number",
        Kind::Boxed(Value::String(_)) => "String",
        Kind::Boxed(Value::Bool(_)) => "Boolean",
        Kind::Boxed(Value::BigInt(_)) => "BigInt",
        Kind::Boxed(_) => "Symbol",
        Kind::Arguments => "Arguments",
        Kind::Date(_) => "Date",
        Kind::RegExp => "RegExp",
        Kind::Map => "Map",
        Kind::Set => "Set",
        Kind::WeakMap => "WeakMap",
        Kind::WeakSet => "WeakSet",
        Kind::Promise => "Promise",
        Kind::MapIterator => "Map Iterator",
        Kind::SetIterator => "Set Iterator",
    }
    .to_string())
}

/// `obj instanceof f` (Node's `isInstanceof`: any exception counts as `false`).
pub fn is_instance_of(vm: &mut Vm, obj: ObjRef, f: ObjRef) -> bool {
    vm.instanceof_operator(&Value::Object(obj), &Value::Object(f)).unwrap_or(false)
}

/// Whether `name` names one of the built-in constructors on the global object (Node's
/// `builtInObjects`: the capitalised global names present before user code runs — here: a
/// capitalised global property that still holds a built-in function).
pub fn is_built_in_constructor_name(vm: &mut Vm, name: &str) -> bool {
    let mut chars = name.chars();
    let capitalised = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && name.len() > 1
        && chars.all(|c| c.is_ascii_alphanumeric());
    if !capitalised {
        return false;
    }
    let global = vm.global();
    match vm.get_own_property_plain(global, &PropertyKey::from(name)) {
        Some(PropertyDescriptor { value: Some(Value::Object(f)), .. }) => {
            matches!(vm.heap.get(f).kind, ObjectKind::NativeFunction(_))
        }
        _ => false,
    }
}

/// A proxy's [[ProxyTarget]] and [[ProxyHandler]] (`None` once revoked); `None` for other objects.
pub fn proxy_details(vm: &Vm, obj: ObjRef) -> Option<(Option<ObjRef>, Option<ObjRef>)> {
    match &vm.heap.get(obj).kind {
        ObjectKind::Proxy(p) => Some((p.target, p.handler)),
        _ => None,
    }
}

/// A value as a template literal would show it, except that a symbol gives its descriptive
/// string instead of throwing.
pub fn display_string(vm: &mut Vm, value: &Value) -> JsResult<String> {
    match value {
        Value::Symbol(s) => Ok(s.descriptive_string()),
        other => Ok(vm.to_string(other)?.to_rust_lossy()),
    }
}

/// `Symbol.for('nodejs.util.inspect.custom')` if it was ever created (only then can an object
/// have a custom inspect method).
pub fn custom_inspect_symbol(vm: &Vm) -> Option<Symbol> {
    vm.symbol_registry.get(&JsString::from("nodejs.util.inspect.custom")).cloned()
}

/// Whether `value` is the built-in `util.inspect` (whose own custom-inspect key is ignored).
pub fn is_util_inspect(vm: &Vm, value: &Value) -> bool {
    match value {
        Value::Object(o) => match &vm.heap.get(*o).kind {
            ObjectKind::NativeFunction(nf) => std::ptr::fn_addr_eq(nf.f, super::util_inspect_native as crate::native::NativeFn),
            _ => false,
        },
        _ => false,
    }
}

/// Whether `obj.constructor.prototype === obj` (a prototype object: its custom inspect method
/// is not used on itself).
pub fn is_constructor_prototype(vm: &mut Vm, obj: ObjRef) -> JsResult<bool> {
    let constructor = vm.get(obj, &PropertyKey::from("constructor"))?;
    let Value::Object(c) = constructor else {
        return Ok(false);
    };
    let prototype = vm.get(c, &PropertyKey::from("prototype"))?;
    Ok(matches!(prototype, Value::Object(p) if p == obj))
}

/// The options object passed to a custom inspect method.
pub fn options_object(vm: &mut Vm, opts: &InspectOptions, depth: Value) -> ObjRef {
    let obj = vm.new_object();
    let number = |n: usize| if n == usize::MAX { Value::Number(f64::INFINITY) } else { Value::Number(n as f64) };
    let compact = match opts.compact {
        Compact::Never => Value::Bool(false),
        Compact::Always => Value::Bool(true),
        Compact::Level(n) => Value::Number(n as f64),
    };
    let fields: [(&str, Value); 12] = [
        ("showHidden", Value::Bool(opts.show_hidden)),
        ("depth", depth),
        ("colors", Value::Bool(false)),
        ("customInspect", Value::Bool(opts.custom_inspect)),
        ("showProxy", Value::Bool(opts.show_proxy)),
        ("maxArrayLength", number(opts.max_array_length)),
        ("maxStringLength", number(opts.max_string_length)),
        ("breakLength", number(opts.break_length)),
        ("compact", compact),
        ("sorted", Value::Bool(opts.sorted)),
        ("getters", Value::Bool(opts.getters)),
        ("numericSeparator", Value::Bool(opts.numeric_separator)),
    ];
    for (name, value) in fields {
        vm.define_value(obj, PropertyKey::from(name), value, attrs::ALL);
    }
    obj
}

/// A `util.inspect` function value to hand to custom inspect methods.
pub fn util_inspect_function(vm: &mut Vm) -> Value {
    Value::Object(vm.new_native_function("inspect", 2, super::util_inspect_native))
}

/// `Date.prototype.toISOString` of a time value, or `Invalid Date` (what `Date.prototype.toString`
/// gives for NaN), as Node shows dates.
pub fn date_display(time: f64) -> String {
    if !time.is_finite() {
        return crate::builtins::date_format::INVALID_DATE.to_string();
    }
    crate::builtins::date_format::iso_string(time)
}

#[cfg(test)]
mod tests {
    use super::date_display;

    #[test]
    fn dates_in_iso_form() {
        assert_eq!(date_display(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(date_display(1_700_000_000_123.0), "2023-11-14T22:13:20.123Z");
        assert_eq!(date_display(-1.0), "1969-12-31T23:59:59.999Z");
        assert_eq!(date_display(951_782_400_000.0), "2000-02-29T00:00:00.000Z");
        assert_eq!(date_display(f64::NAN), "Invalid Date");
        assert_eq!(date_display(-62_198_755_200_000.0), "-000001-01-01T00:00:00.000Z");
    }
}
