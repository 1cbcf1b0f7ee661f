//! `util.format` (and so `console.log`): a format string with `%` placeholders, then every
//! remaining argument — strings as they are, anything else through `util.inspect` — joined by
//! spaces. This follows Node v20's `formatWithOptions`.
//!
//! The placeholder scan is kept apart from the conversions so it can be tested on its own:
//! [`expand_placeholders`] walks the format string and asks a callback for each argument's text.

use super::inspect::{self, format_number, Compact, InspectOptions};
use crate::conversions::string_to_number::{parse_float, parse_int};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

/// `util.format(...args)`.
pub fn format(vm: &mut Vm, args: &[Value]) -> JsResult<String> {
    format_with_options(vm, &InspectOptions::default(), args)
}

/// `util.formatWithOptions(options, ...args)`: the format string's placeholders replaced, then
/// each remaining argument — strings as they are, anything else inspected with `opts` — after a
/// space.
///
/// Counts as a native frame while it runs (it holds `args` while calling into JavaScript), so no
/// collection happens before it returns.
pub fn format_with_options(vm: &mut Vm, opts: &InspectOptions, args: &[Value]) -> JsResult<String> {
    vm.native_depth += 1;
    let result = format_arguments(vm, opts, args);
    vm.native_depth -= 1;
    result
}

fn format_arguments(vm: &mut Vm, opts: &InspectOptions, args: &[Value]) -> JsResult<String> {
    let mut out = String::new();
    let mut next = 0;
    let mut separator = "";
    if let Some(Value::String(first)) = args.first() {
        if args.len() == 1 {
            return Ok(first.to_rust_lossy());
        }
        let expanded = expand_placeholders(first.as_units(), args.len(), |placeholder, index| {
            convert_argument(vm, opts, placeholder, &args[index])
        })?;
        if expanded.next_arg > 0 {
            out = expanded.text;
            next = expanded.next_arg;
            separator = " ";
        }
    }
    for value in &args[next..] {
        out.push_str(separator);
        match value {
            Value::String(s) => out.push_str(&s.to_rust_lossy()),
            other => out.push_str(&inspect::inspect(vm, other, opts.clone())?),
        }
        separator = " ";
    }
    Ok(out)
}

/// `util.format(...args)` as a built-in function (for the `node:util` module).
pub fn util_format_native(vm: &mut Vm, args: &crate::native::CallArgs) -> JsResult<Value> {
    let text = format(vm, &args.args)?;
    Ok(Value::from(text.as_str()))
}

/// `util.formatWithOptions(inspectOptions, ...args)` as a built-in function. Like Node, the
/// options must be an object (arrays included).
pub fn util_format_with_options_native(vm: &mut Vm, args: &crate::native::CallArgs) -> JsResult<Value> {
    let Value::Object(options) = args.get(0) else {
        return Err(super::node_errors::invalid_arg_type(vm, "inspectOptions", "object", &args.get(0)));
    };
    let mut opts = InspectOptions::default();
    inspect::options::read_options(vm, options, &mut opts)?;
    let text = format_with_options(vm, &opts, args.rest(1))?;
    Ok(Value::from(text.as_str()))
}

/// The text one placeholder stands for.
fn convert_argument(vm: &mut Vm, opts: &InspectOptions, placeholder: Placeholder, arg: &Value) -> JsResult<String> {
    let numeric_separator = opts.numeric_separator;
    Ok(match placeholder {
        Placeholder::String => match arg {
            Value::Number(n) => format_number(*n, numeric_separator),
            Value::BigInt(b) => inspect::format_bigint(b, numeric_separator),
            Value::Object(o) if !vm.is_callable_object(*o) && has_built_in_to_string(vm, *o)? => {
                let shallow = InspectOptions { compact: Compact::Level(3), depth: Some(0), ..opts.clone() };
                inspect::inspect(vm, arg, shallow)?
            }
            Value::Symbol(sym) => sym.descriptive_string(),
            other => vm.to_string(other)?.to_rust_lossy(),
        },
        Placeholder::Json => json_stringify(vm, arg)?,
        Placeholder::Number => match arg {
            Value::BigInt(b) => inspect::format_bigint(b, numeric_separator),
            Value::Symbol(_) => "NaN".to_string(),
            // `Number(arg)`: a BigInt wrapper gives its value as a number.
            other => {
                let n = match vm.to_numeric(other)? {
                    crate::conversions::Numeric::Number(n) => n,
                    crate::conversions::Numeric::BigInt(b) => b.to_f64(),
                };
                format_number(n, numeric_separator)
            }
        },
        Placeholder::Integer => match arg {
            Value::BigInt(b) => inspect::format_bigint(b, numeric_separator),
            Value::Symbol(_) => "NaN".to_string(),
            other => {
                let text = vm.to_string(other)?;
                format_number(parse_int(text.as_units(), 0), numeric_separator)
            }
        },
        Placeholder::Float => match arg {
            Value::Symbol(_) => "NaN".to_string(),
            other => {
                let text = vm.to_string(other)?;
                format_number(parse_float(text.as_units()), numeric_separator)
            }
        },
        Placeholder::Object => inspect::inspect(vm, arg, opts.clone())?,
        Placeholder::ObjectHidden => {
            let deep = InspectOptions { show_hidden: true, show_proxy: true, depth: Some(4), ..opts.clone() };
            inspect::inspect(vm, arg, deep)?
        }
        Placeholder::Css => String::new(),
    })
}

/// Node's `hasBuiltInToString`: whether `%s` should inspect the object rather than call its
/// `toString`/`Symbol.toPrimitive`. True when it has neither, or when the nearest prototype
/// defining the one it has belongs to a built-in constructor (Object, Array, Error, ...); false
/// for an own method or one from a user class.
fn has_built_in_to_string(vm: &mut Vm, obj: ObjRef) -> JsResult<bool> {
    let to_string_key = PropertyKey::from("toString");
    let to_primitive_key = PropertyKey::Symbol(vm.symbols.to_primitive.clone());
    let to_string = vm.get(obj, &to_string_key)?;
    let has_to_primitive = {
        let v = vm.get(obj, &to_primitive_key)?;
        vm.is_callable(&v)
    };
    let mut look_for_to_string = true;
    let mut look_for_to_primitive = true;
    if !vm.is_callable(&to_string) {
        if !has_to_primitive {
            return Ok(true);
        }
        if vm.get_own_property(obj, &to_primitive_key)?.is_some() {
            return Ok(false);
        }
        look_for_to_string = false;
    } else if vm.get_own_property(obj, &to_string_key)?.is_some() {
        return Ok(false);
    } else if !has_to_primitive {
        look_for_to_primitive = false;
    } else if vm.get_own_property(obj, &to_primitive_key)?.is_some() {
        return Ok(false);
    }
    // The nearest prototype that defines the method.
    let mut pointer = obj;
    loop {
        let Some(next) = vm.get_prototype_of(pointer)? else {
            return Ok(true);
        };
        pointer = next;
        let defines = (look_for_to_string && vm.get_own_property(pointer, &to_string_key)?.is_some())
            || (look_for_to_primitive && vm.get_own_property(pointer, &to_primitive_key)?.is_some());
        if defines {
            break;
        }
    }
    let Some(PropertyDescriptor { value: Some(Value::Object(constructor)), .. }) =
        vm.get_own_property(pointer, &PropertyKey::from("constructor"))?
    else {
        return Ok(false);
    };
    if !vm.is_callable_object(constructor) {
        return Ok(false);
    }
    let name = vm.get(constructor, &PropertyKey::from("name"))?;
    let name = super::inspect::access::display_string(vm, &name)?;
    Ok(super::inspect::access::is_built_in_constructor_name(vm, &name))
}

/// `%j`: `JSON.stringify(value)` (the global one), `undefined` when it returns undefined, and
/// `[Circular]` when it throws V8's circular-structure TypeError.
fn json_stringify(vm: &mut Vm, value: &Value) -> JsResult<String> {
    let global = vm.global();
    let json = vm.get(global, &PropertyKey::from("JSON"))?;
    let stringify = vm.get_v(&json, &PropertyKey::from("stringify"))?;
    match vm.call(&stringify, json, std::slice::from_ref(value)) {
        Ok(Value::String(s)) => Ok(s.to_rust_lossy()),
        Ok(other) => Ok(vm.to_string(&other)?.to_rust_lossy()),
        Err(thrown) => {
            if is_circular_structure_error(vm, &thrown) {
                Ok("[Circular]".to_string())
            } else {
                Err(thrown)
            }
        }
    }
}

/// A TypeError whose message's first line is V8's `Converting circular structure to JSON`.
fn is_circular_structure_error(vm: &mut Vm, thrown: &Value) -> bool {
    let Value::Object(err) = thrown else {
        return false;
    };
    let name = vm.get(*err, &PropertyKey::from("name")).ok();
    let message = vm.get(*err, &PropertyKey::from("message")).ok();
    match (name, message) {
        (Some(Value::String(name)), Some(Value::String(message))) => {
            let message = message.to_rust_lossy();
            name.to_rust_lossy() == "TypeError"
                && message.split('\n').next() == Some("Converting circular structure to JSON")
        }
        _ => false,
    }
}

/// A recognised placeholder.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Placeholder {
    /// `%s`: `String(value)`, numbers with `-0`, objects without their own `toString` inspected
    /// to depth 0.
    String,
    /// `%d`: `Number(value)`.
    Number,
    /// `%i`: `parseInt(value)`.
    Integer,
    /// `%f`: `parseFloat(value)`.
    Float,
    /// `%j`: `JSON.stringify(value)`, `[Circular]` for cycles.
    Json,
    /// `%o`: inspect with hidden properties, proxies shown, depth 4.
    ObjectHidden,
    /// `%O`: inspect with the default options.
    Object,
    /// `%c`: CSS for browsers; consumes its argument and prints nothing.
    Css,
}

impl Placeholder {
    fn from_unit(unit: u16) -> Option<Placeholder> {
        Some(match unit {
            0x73 => Placeholder::String,       // s
            0x64 => Placeholder::Number,       // d
            0x69 => Placeholder::Integer,      // i
            0x66 => Placeholder::Float,        // f
            0x6a => Placeholder::Json,         // j
            0x6f => Placeholder::ObjectHidden, // o
            0x4f => Placeholder::Object,       // O
            0x63 => Placeholder::Css,          // c
            _ => return None,
        })
    }
}

const PERCENT: u16 = b'%' as u16;

/// The result of scanning a format string.
#[derive(Debug, PartialEq, Eq)]
pub struct Expanded {
    /// The format string with its placeholders replaced.
    pub text: String,
    /// Index of the first argument that still has to be appended (the format string itself is
    /// argument 0). When no placeholder was replaced this is 0: the format string is then printed
    /// like any other string argument.
    pub next_arg: usize,
}

/// Replaces the placeholders of `format` (argument 0 of `arg_count`) by what `convert` returns for
/// the placeholder and the index of the argument it consumes. A placeholder with no argument left
/// stays as written; `%%` becomes `%` unless the format string is the only argument; unknown
/// `%x` stays.
pub fn expand_placeholders<E>(
    format: &[u16],
    arg_count: usize,
    mut convert: impl FnMut(Placeholder, usize) -> Result<String, E>,
) -> Result<Expanded, E> {
    if arg_count <= 1 {
        // A lone format string is printed exactly as written.
        return Ok(Expanded { text: String::from_utf16_lossy(format), next_arg: 0 });
    }
    let mut text: Vec<u16> = Vec::with_capacity(format.len());
    let mut arg = 0usize;
    let mut last = 0usize;
    let mut i = 0usize;
    while i + 1 < format.len() {
        if format[i] == PERCENT {
            i += 1;
            let next = format[i];
            if arg + 1 != arg_count {
                if next == PERCENT {
                    // Keep the first `%`, drop the second.
                    text.extend_from_slice(&format[last..i]);
                    last = i + 1;
                } else if let Some(placeholder) = Placeholder::from_unit(next) {
                    arg += 1;
                    let replacement = convert(placeholder, arg)?;
                    text.extend_from_slice(&format[last..i - 1]);
                    text.extend(replacement.encode_utf16());
                    last = i + 1;
                }
            } else if next == PERCENT {
                text.extend_from_slice(&format[last..i]);
                last = i + 1;
            }
        }
        i += 1;
    }
    if last == 0 {
        return Ok(Expanded { text: String::from_utf16_lossy(format), next_arg: 0 });
    }
    if last < format.len() {
        text.extend_from_slice(&format[last..]);
    }
    Ok(Expanded { text: String::from_utf16_lossy(&text), next_arg: arg + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::property::PropertyKey;

    /// Expands with arguments that print as `<placeholder letter><index>`.
    fn expand(format: &str, arg_count: usize) -> (String, usize) {
        let units: Vec<u16> = format.encode_utf16().collect();
        let result = expand_placeholders::<()>(&units, arg_count, |p, i| {
            let letter = match p {
                Placeholder::String => "s",
                Placeholder::Number => "d",
                Placeholder::Integer => "i",
                Placeholder::Float => "f",
                Placeholder::Json => "j",
                Placeholder::ObjectHidden => "o",
                Placeholder::Object => "O",
                Placeholder::Css => return Ok(String::new()),
            };
            Ok(format!("<{letter}{i}>"))
        });
        match result {
            Ok(e) => (e.text, e.next_arg),
            Err(()) => panic!("the callback does not fail"),
        }
    }

    #[test]
    fn placeholders_take_arguments_in_order() {
        assert_eq!(expand("%s is %d years", 3), ("<s1> is <d2> years".into(), 3));
        assert_eq!(expand("%i %d %f", 4), ("<i1> <d2> <f3>".into(), 4));
        assert_eq!(expand("%j%o%O", 4), ("<j1><o2><O3>".into(), 4));
        assert_eq!(expand("a%cb", 2), ("ab".into(), 2));
    }

    #[test]
    fn placeholders_without_arguments_stay() {
        assert_eq!(expand("%s and %s", 2), ("<s1> and %s".into(), 2));
        // Nothing replaced: the format string is printed as a plain argument.
        assert_eq!(expand("%s", 1), ("%s".into(), 0));
        assert_eq!(expand("100%% sure", 1), ("100%% sure".into(), 0));
    }

    #[test]
    fn double_percent_and_unknown_letters() {
        assert_eq!(expand("100%% sure", 3), ("100% sure".into(), 1));
        assert_eq!(expand("%x %s", 2), ("%x <s1>".into(), 2));
        assert_eq!(expand("%", 2), ("%".into(), 0));
        assert_eq!(expand("50%", 2), ("50%".into(), 0));
        assert_eq!(expand("%s%", 2), ("<s1>%".into(), 2));
        // `%%` after the last argument was used still collapses.
        assert_eq!(expand("%s %%", 2), ("<s1> %".into(), 2));
    }

    fn format_values(vm: &mut Vm, args: &[Value]) -> String {
        match format(vm, args) {
            Ok(text) => text,
            Err(_) => panic!("util.format threw"),
        }
    }

    fn nested_object(vm: &mut Vm) -> Value {
        let inner = vm.new_object();
        vm.define_value(inner, PropertyKey::from("deep"), Value::Number(1.0), crate::property::attrs::ALL);
        let outer = vm.new_object();
        vm.define_value(outer, PropertyKey::from("nested"), Value::Object(inner), crate::property::attrs::ALL);
        Value::Object(outer)
    }

    #[test]
    fn conversions_follow_node() {
        let mut vm = Vm::new();
        let s = |t: &str| Value::from(t);
        assert_eq!(format_values(&mut vm, &[s("%s is %d years"), s("Bob"), Value::Number(42.0)]), "Bob is 42 years");
        let args = [s("%i %d %f"), Value::Number(42.9), s("17"), s("2.5")];
        assert_eq!(format_values(&mut vm, &args), "42 17 2.5");
        assert_eq!(format_values(&mut vm, &[s("%d"), s("abc")]), "NaN");
        assert_eq!(format_values(&mut vm, &[s("%s"), Value::Number(-0.0)]), "-0");
        assert_eq!(format_values(&mut vm, &[s("%d %i"), Value::Number(-0.0), Value::Number(-0.5)]), "-0 -0");
        assert_eq!(format_values(&mut vm, &[s("%f"), Value::Number(-0.0)]), "0");
        let sym = Value::Symbol(crate::symbol::Symbol::new(Some(crate::string::JsString::from("z"))));
        assert_eq!(format_values(&mut vm, &[s("%s %d"), sym.clone(), sym]), "Symbol(z) NaN");
        assert_eq!(format_values(&mut vm, &[s("%s %s"), Value::Null, Value::Undefined]), "null undefined");
        let nested = nested_object(&mut vm);
        assert_eq!(format_values(&mut vm, &[s("%s"), nested.clone()]), "{ nested: [Object] }");
        assert_eq!(format_values(&mut vm, &[s("%O"), nested.clone()]), "{ nested: { deep: 1 } }");
        assert_eq!(format_values(&mut vm, &[s("100%% sure"), s("extra"), Value::Number(1.0)]), "100% sure extra 1");
        assert_eq!(format_values(&mut vm, &[s("%s and %s"), s("only one")]), "only one and %s");
        assert_eq!(format_values(&mut vm, &[s("a"), nested, s("b")]), "a { nested: { deep: 1 } } b");
        assert_eq!(format_values(&mut vm, &[Value::Number(1.0), s("%s")]), "1 %s");
        assert_eq!(format_values(&mut vm, &[]), "");
    }

    #[test]
    fn percent_s_calls_a_user_to_string() {
        fn to_string(_vm: &mut Vm, _args: &crate::native::CallArgs) -> JsResult<Value> {
            Ok(Value::from("TS"))
        }
        let mut vm = Vm::new();
        let obj = vm.new_object();
        let f = vm.new_native_function("toString", 0, to_string);
        vm.define_value(obj, PropertyKey::from("toString"), Value::Object(f), crate::property::attrs::ALL);
        assert_eq!(format_values(&mut vm, &[Value::from("%s!"), Value::Object(obj)]), "TS!");
        let bare = vm.new_object_with_proto(None);
        assert_eq!(format_values(&mut vm, &[Value::from("%s"), Value::Object(bare)]), "[Object: null prototype] {}");
    }
}
