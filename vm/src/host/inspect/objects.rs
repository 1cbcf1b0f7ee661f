//! The object walk: which kind of object this is, how its heading reads (`Foo`, `Map(2)`,
//! `[Object: null prototype]`, `Foo [Tag]`), which keys it shows and how each property prints
//! (Node's `formatRaw`, `getConstructorName`, `getPrefix`, `getKeys`, `formatProperty`).

use super::access::{self, Kind};
use super::layout::{reduce_to_single_string, EntriesKind, LayoutState};
use super::primitives::{escape_units, format_string_key, format_symbol_key};
use super::{arrays, circular, collections, errors, functions, Compact, Ctx};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::value::Value;

/// How an object's own entries are produced before its extra keys are appended.
enum Formatter {
    /// No entries of its own: only keys.
    Keys,
    Array,
    Set,
    Map,
    MapIterator,
    SetIterator,
    Promise,
    WeakCollection,
    Namespace,
}

/// Node's `formatRaw`: everything about one object that is not a cycle.
pub(super) fn format_raw(ctx: &mut Ctx, obj: ObjRef, recurse_times: usize) -> JsResult<String> {
    let mut proto_props_buffer = Vec::new();
    let wants_proto_props = ctx.opts.show_hidden && !ctx.beyond_depth(recurse_times);
    let constructor =
        constructor_name(ctx, obj, recurse_times, wants_proto_props.then_some(&mut proto_props_buffer))?;
    // Node: `protoProps` is undefined unless some were found.
    let proto_props = if proto_props_buffer.is_empty() { None } else { Some(proto_props_buffer) };
    let has_proto_props = proto_props.is_some();
    let tag = to_string_tag(ctx, obj)?;
    let kind = access::kind_of(ctx.vm, obj);

    let mut base = String::new();
    let mut formatter = Formatter::Keys;
    let mut entries_kind = EntriesKind::Object;
    let mut braces = ("{".to_string(), "}");
    let keys: Vec<PropertyKey>;

    let iterable_or_null = constructor.is_none() || {
        let iterator = PropertyKey::Symbol(ctx.vm.symbols.iterator.clone());
        ctx.vm.has_property(obj, &iterator)?
    };
    let mut handled = true;
    match &kind {
        Kind::Array if iterable_or_null => {
            let length = access::array_length(ctx.vm, obj);
            let prefix = if constructor.as_deref() != Some("Array") || !tag.is_empty() {
                prefix_of(constructor.as_deref(), &tag, "Array", &format!("({length})"))
            } else {
                String::new()
            };
            keys = non_index_keys(ctx, obj)?;
            braces = (format!("{prefix}["), "]");
            if length == 0 && keys.is_empty() && !has_proto_props {
                return Ok(format!("{}]", braces.0));
            }
            entries_kind = EntriesKind::ArrayLike;
            formatter = Formatter::Array;
        }
        Kind::Set if iterable_or_null => {
            let size = access::set_values(ctx.vm, obj).len();
            let prefix = prefix_of(constructor.as_deref(), &tag, "Set", &format!("({size})"));
            keys = own_keys(ctx, obj)?;
            if size == 0 && keys.is_empty() && !has_proto_props {
                return Ok(format!("{prefix}{{}}"));
            }
            braces = (format!("{prefix}{{"), "}");
            formatter = Formatter::Set;
        }
        Kind::Map if iterable_or_null => {
            let size = access::map_entries(ctx.vm, obj).len();
            let prefix = prefix_of(constructor.as_deref(), &tag, "Map", &format!("({size})"));
            keys = own_keys(ctx, obj)?;
            if size == 0 && keys.is_empty() && !has_proto_props {
                return Ok(format!("{prefix}{{}}"));
            }
            braces = (format!("{prefix}{{"), "}");
            formatter = Formatter::Map;
        }
        Kind::MapIterator if iterable_or_null => {
            keys = own_keys(ctx, obj)?;
            let key_value = access::iterator_preview(ctx.vm, obj).is_some_and(|(_, pairs)| pairs);
            braces = (collections::iterator_braces("Map", &tag, key_value), "}");
            formatter = Formatter::MapIterator;
        }
        Kind::SetIterator if iterable_or_null => {
            keys = own_keys(ctx, obj)?;
            let key_value = access::iterator_preview(ctx.vm, obj).is_some_and(|(_, pairs)| pairs);
            braces = (collections::iterator_braces("Set", &tag, key_value), "}");
            formatter = Formatter::SetIterator;
        }
        _ => {
            handled = false;
            keys = Vec::new();
        }
    }
    let mut keys = keys;
    if !handled {
        keys = own_keys(ctx, obj)?;
        let no_keys = keys.is_empty() && !has_proto_props;
        match &kind {
            Kind::Function => {
                base = functions::function_base(ctx, obj, constructor.as_deref(), &tag)?;
                if no_keys {
                    return Ok(base);
                }
            }
            _ if constructor.as_deref() == Some("Object") => {
                if matches!(kind, Kind::Arguments) {
                    braces.0 = "[Arguments] {".to_string();
                } else if !tag.is_empty() {
                    braces.0 = format!("{}{{", prefix_of(constructor.as_deref(), &tag, "Object", ""));
                }
                if no_keys {
                    return Ok(format!("{}}}", braces.0));
                }
            }
            Kind::RegExp => {
                base = regexp_to_string(ctx, obj)?;
                let prefix = prefix_of(constructor.as_deref(), &tag, "RegExp", "");
                if prefix != "RegExp " {
                    base = format!("{prefix}{base}");
                }
                if no_keys || ctx.beyond_depth(recurse_times) {
                    return Ok(base);
                }
            }
            Kind::Date(time) => {
                base = access::date_display(*time);
                let prefix = prefix_of(constructor.as_deref(), &tag, "Date", "");
                if prefix != "Date " {
                    base = format!("{prefix}{base}");
                }
                if no_keys {
                    return Ok(base);
                }
            }
            Kind::Error => {
                base = errors::format_error(ctx, obj, constructor.as_deref(), &tag, &mut keys)?;
                if keys.is_empty() && !has_proto_props {
                    return Ok(base);
                }
            }
            Kind::Promise => {
                braces.0 = format!("{}{{", prefix_of(constructor.as_deref(), &tag, "Promise", ""));
                formatter = Formatter::Promise;
            }
            Kind::WeakSet => {
                braces.0 = format!("{}{{", prefix_of(constructor.as_deref(), &tag, "WeakSet", ""));
                formatter = Formatter::WeakCollection;
            }
            Kind::WeakMap => {
                braces.0 = format!("{}{{", prefix_of(constructor.as_deref(), &tag, "WeakMap", ""));
                formatter = Formatter::WeakCollection;
            }
            Kind::Namespace => {
                braces.0 = format!("{}{{", prefix_of(constructor.as_deref(), &tag, "Module", ""));
                formatter = Formatter::Namespace;
            }
            Kind::Boxed(primitive) => {
                base = boxed_base(ctx, primitive, constructor.as_deref(), &tag, &mut keys);
                if keys.is_empty() && !has_proto_props {
                    return Ok(base);
                }
            }
            _ => {
                let style = ctx_style(ctx, obj, constructor.as_deref(), &tag);
                if no_keys {
                    return Ok(format!("{style}{{}}"));
                }
                braces.0 = format!("{style}{{");
            }
        }
    }

    if ctx.beyond_depth(recurse_times) {
        let style = ctx_style(ctx, obj, constructor.as_deref(), &tag);
        let name = style.strip_suffix(' ').unwrap_or(&style);
        return Ok(match constructor {
            Some(_) => format!("[{name}]"),
            None => name.to_string(),
        });
    }
    // Node catches V8's stack overflow here; this walk stops when it has used its stack budget
    // (only reachable with `depth: null` or a large depth), so no input can overflow the stack.
    if super::stack_guard::exhausted() {
        let style = ctx_style(ctx, obj, constructor.as_deref(), &tag);
        let name = style.strip_suffix(' ').unwrap_or(&style);
        return Ok(format!("[{name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]"));
    }
    let recurse_times = recurse_times + 1;
    ctx.seen.push(obj);
    ctx.current_depth = recurse_times;

    let result = format_entries(ctx, obj, recurse_times, &formatter, entries_kind, &mut keys);
    let mut output = match result {
        Ok(output) => output,
        Err(e) => {
            ctx.seen.pop();
            return Err(e);
        }
    };
    if let Some(proto_props) = proto_props {
        output.extend(proto_props);
    }
    if let Some(reference) = circular::reference_marker(ctx, obj) {
        if ctx.opts.compact != Compact::Always {
            base = if base.is_empty() { reference } else { format!("{reference} {base}") };
        } else {
            braces.0 = format!("{reference} {}", braces.0);
        }
    }
    ctx.seen.pop();

    if ctx.opts.sorted {
        if entries_kind == EntriesKind::Object {
            sort_by_units(&mut output);
        } else if keys.len() > 1 {
            let start = output.len() - keys.len();
            sort_by_units(&mut output[start..]);
        }
    }

    let pad_start = entries_kind == EntriesKind::ArrayLike && arrays::all_numbers(ctx, obj, output.len())?;
    let state = layout_state(ctx, recurse_times);
    Ok(reduce_to_single_string(&state, output, &base, (&braces.0, braces.1), entries_kind, pad_start))
}

fn sort_by_units(entries: &mut [String]) {
    entries.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
}

/// The entries of the object, then one per key.
fn format_entries(
    ctx: &mut Ctx,
    obj: ObjRef,
    recurse_times: usize,
    formatter: &Formatter,
    entries_kind: EntriesKind,
    keys: &mut Vec<PropertyKey>,
) -> JsResult<Vec<String>> {
    let mut output = match formatter {
        Formatter::Keys => Vec::new(),
        Formatter::Array => arrays::format_array(ctx, obj, recurse_times)?,
        Formatter::Set => collections::format_set(ctx, obj, recurse_times)?,
        Formatter::Map => collections::format_map(ctx, obj, recurse_times)?,
        Formatter::MapIterator | Formatter::SetIterator => collections::format_iterator(ctx, obj, recurse_times)?,
        Formatter::Promise => collections::format_promise(ctx, obj, recurse_times)?,
        Formatter::WeakCollection => vec!["<items unknown>".to_string()],
        Formatter::Namespace => {
            let entries = collections::format_namespace(ctx, obj, recurse_times, keys)?;
            // The namespace formatter consumes the keys.
            keys.clear();
            entries
        }
    };
    for key in keys.iter() {
        let entry = format_property(ctx, obj, recurse_times, key, entries_kind, None)?;
        output.push(entry);
    }
    Ok(output)
}

pub(super) fn layout_state(ctx: &Ctx, recurse_times: usize) -> LayoutState {
    LayoutState {
        break_length: ctx.opts.break_length,
        compact: ctx.opts.compact,
        indentation: ctx.indentation,
        current_depth: ctx.current_depth,
        recurse_times,
        max_array_length: ctx.opts.max_array_length,
    }
}

/// The own `Symbol.toStringTag` value to show: a string, read with [[Get]] (a throwing getter
/// counts as no tag), and only when it is not an own enumerable property (that one is printed as
/// a key anyway; with `showHidden`, any own property).
fn to_string_tag(ctx: &mut Ctx, obj: ObjRef) -> JsResult<String> {
    let key = PropertyKey::Symbol(ctx.vm.symbols.to_string_tag.clone());
    let tag = match ctx.vm.get(obj, &key) {
        Ok(Value::String(s)) => s.to_rust_lossy(),
        _ => return Ok(String::new()),
    };
    if tag.is_empty() {
        return Ok(tag);
    }
    let own = ctx.vm.get_own_property(obj, &key)?;
    let printed_as_key = match own {
        Some(desc) => ctx.opts.show_hidden || desc.enumerable == Some(true),
        None => false,
    };
    Ok(if printed_as_key { String::new() } else { tag })
}

/// Node's `getConstructorName`: the `name` of the first `constructor` found on the prototype
/// chain (starting with the object itself) that is a function with a non-empty name of which the
/// object is an instance. `None` when the chain ends without one and the object's prototype is
/// null; when the prototype is not null, V8's internal class name followed by the prototype's
/// description in angle brackets (`Object <Complex prototype>`, `Foo <[Object: null
/// prototype] {}>`).
///
/// With `proto_props` (the `showHidden` option), the non-method properties that user-defined
/// prototypes add (getters, fields on the prototype) are formatted into it, as Node shows them.
pub(super) fn constructor_name(
    ctx: &mut Ctx,
    obj: ObjRef,
    recurse_times: usize,
    mut proto_props: Option<&mut Vec<String>>,
) -> JsResult<Option<String>> {
    let mut current = Some(obj);
    let mut first_proto: Option<Option<ObjRef>> = None;
    let constructor_key = PropertyKey::from("constructor");
    while let Some(o) = current {
        if let Some(PropertyDescriptor { value: Some(Value::Object(f)), .. }) =
            ctx.vm.get_own_property(o, &constructor_key)?
        {
            if ctx.vm.is_callable_object(f) {
                let name = ctx.vm.get(f, &PropertyKey::from("name"))?;
                let name = access::display_string(ctx.vm, &name)?;
                if !name.is_empty() && access::is_instance_of(ctx.vm, obj, f) {
                    if let Some(output) = proto_props.as_deref_mut() {
                        let first = first_proto.flatten();
                        if first != Some(o) || !access::is_built_in_constructor_name(ctx.vm, &name) {
                            add_prototype_properties(ctx, obj, first.unwrap_or(obj), recurse_times, output)?;
                        }
                    }
                    return Ok(Some(name));
                }
            }
        }
        current = ctx.vm.get_prototype_of(o)?;
        if first_proto.is_none() {
            first_proto = Some(current);
        }
    }
    let Some(Some(first_proto)) = first_proto else {
        return Ok(None);
    };
    let internal = access::internal_constructor_name(ctx.vm, obj)?;
    if ctx.beyond_depth(recurse_times) || super::stack_guard::exhausted() {
        return Ok(Some(format!("{internal} <Complex prototype>")));
    }
    match constructor_name(ctx, first_proto, recurse_times + 1, proto_props)? {
        Some(proto_name) => Ok(Some(format!("{internal} <{proto_name}>"))),
        None => {
            let opts = super::InspectOptions { depth: Some(-1), custom_inspect: false, ..ctx.opts.clone() };
            let shown = super::inspect(ctx.vm, &Value::Object(first_proto), opts)?;
            Ok(Some(format!("{internal} <{shown}>")))
        }
    }
}

/// Node's `addPrototypeProperties`: up to three user-defined prototype levels (stopping at a
/// built-in constructor's prototype), each key not shadowed by the object or a nearer level,
/// except `constructor` and methods, formatted as a property of `main`.
fn add_prototype_properties(
    ctx: &mut Ctx,
    main: ObjRef,
    start: ObjRef,
    recurse_times: usize,
    output: &mut Vec<String>,
) -> JsResult<()> {
    let mut level = start;
    let mut seen_keys: Vec<PropertyKey> = Vec::new();
    let mut previous: Vec<PropertyKey> = Vec::new();
    for depth in 0..3 {
        if depth != 0 || main == level {
            let Some(next) = ctx.vm.get_prototype_of(level)? else {
                return Ok(());
            };
            level = next;
            if let Some(PropertyDescriptor { value: Some(Value::Object(c)), .. }) =
                ctx.vm.get_own_property(level, &PropertyKey::from("constructor"))?
            {
                if ctx.vm.is_callable_object(c) {
                    let name = ctx.vm.get(c, &PropertyKey::from("name"))?;
                    let name = access::display_string(ctx.vm, &name)?;
                    if access::is_built_in_constructor_name(ctx.vm, &name) {
                        return Ok(());
                    }
                }
            }
        }
        if depth != 0 {
            seen_keys.append(&mut previous);
        }
        let keys = ctx.vm.own_property_keys(level)?;
        ctx.seen.push(main);
        let result = (|| -> JsResult<()> {
            for key in &keys {
                let skip = *key == PropertyKey::from("constructor")
                    || ctx.vm.get_own_property(main, key)?.is_some()
                    || (depth != 0 && seen_keys.contains(key));
                if skip {
                    continue;
                }
                let Some(desc) = ctx.vm.get_own_property(level, key)? else {
                    continue;
                };
                if desc.value.as_ref().is_some_and(|v| ctx.vm.is_callable(v)) {
                    continue;
                }
                let entry = format_property_of(ctx, level, main, recurse_times, key, Some(desc))?;
                output.push(entry);
            }
            Ok(())
        })();
        ctx.seen.pop();
        result?;
        previous = keys;
    }
    Ok(())
}

/// Node's `getPrefix`: the heading before the braces, with a trailing space.
pub(super) fn prefix_of(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None => {
            if !tag.is_empty() && fallback != tag {
                format!("[{fallback}{size}: null prototype] [{tag}] ")
            } else {
                format!("[{fallback}{size}: null prototype] ")
            }
        }
        Some(name) => {
            if !tag.is_empty() && name != tag {
                format!("{name}{size} [{tag}] ")
            } else {
                format!("{name}{size} ")
            }
        }
    }
}

/// Node's `getCtxStyle`: the prefix of an object of no special kind; a null-prototype object
/// falls back to its internal class name.
pub(super) fn ctx_style(ctx: &mut Ctx, obj: ObjRef, constructor: Option<&str>, tag: &str) -> String {
    let mut fallback = String::new();
    if constructor.is_none() {
        fallback = access::internal_constructor_name(ctx.vm, obj).unwrap_or_else(|_| "Object".to_string());
        if fallback == tag {
            fallback = "Object".to_string();
        }
    }
    prefix_of(constructor, tag, &fallback, "")
}

/// Node's `getKeys`: own enumerable string keys (array indices included), then own enumerable
/// symbols; with `showHidden`, all own keys.
pub(super) fn own_keys(ctx: &mut Ctx, obj: ObjRef) -> JsResult<Vec<PropertyKey>> {
    let all = ctx.vm.own_property_keys(obj)?;
    if ctx.opts.show_hidden {
        return Ok(all);
    }
    let mut keys = Vec::with_capacity(all.len());
    for key in all {
        match ctx.vm.get_own_property(obj, &key) {
            Ok(Some(desc)) if desc.enumerable == Some(true) => keys.push(key),
            Ok(_) => {}
            // A module namespace's uninitialised binding: Node falls back to all names.
            Err(e) => {
                if access::is_namespace(ctx.vm, obj) {
                    return Ok(ctx.vm.own_property_keys(obj)?.into_iter().filter(|k| !k.is_symbol()).collect());
                }
                return Err(e);
            }
        }
    }
    Ok(keys)
}

/// The keys of an array other than its indices (V8's `getOwnNonIndexProperties`).
fn non_index_keys(ctx: &mut Ctx, obj: ObjRef) -> JsResult<Vec<PropertyKey>> {
    let keys = own_keys(ctx, obj)?;
    Ok(keys.into_iter().filter(|k| !matches!(k, PropertyKey::Index(_))).collect())
}

/// Node's `formatProperty`: `name: value` for one key (only the value for array elements). The
/// descriptor is read without calling getters; `desc` may be passed when already known.
pub(super) fn format_property(
    ctx: &mut Ctx,
    obj: ObjRef,
    recurse_times: usize,
    key: &PropertyKey,
    kind: EntriesKind,
    desc: Option<PropertyDescriptor>,
) -> JsResult<String> {
    format_property_as(ctx, obj, obj, recurse_times, key, kind, desc)
}

/// A property found on the prototype `holder` shown as one of `main` (getters run on `main`).
fn format_property_of(
    ctx: &mut Ctx,
    holder: ObjRef,
    main: ObjRef,
    recurse_times: usize,
    key: &PropertyKey,
    desc: Option<PropertyDescriptor>,
) -> JsResult<String> {
    format_property_as(ctx, holder, main, recurse_times, key, EntriesKind::Object, desc)
}

fn format_property_as(
    ctx: &mut Ctx,
    obj: ObjRef,
    receiver: ObjRef,
    recurse_times: usize,
    key: &PropertyKey,
    kind: EntriesKind,
    desc: Option<PropertyDescriptor>,
) -> JsResult<String> {
    let desc = match desc {
        Some(d) => d,
        None => match ctx.vm.get_own_property(obj, key)? {
            Some(d) => d,
            // Keys added for display (an inherited `cause`): read through [[Get]].
            None => {
                let value = ctx.vm.get(obj, key)?;
                PropertyDescriptor { value: Some(value), enumerable: Some(true), ..Default::default() }
            }
        },
    };
    let (separator, value_text) =
        format_element(ctx, receiver, recurse_times, &desc, kind == EntriesKind::Object)?;
    Ok(format!("{}:{}{}", property_name(key, &desc), separator, value_text))
}

/// The value of a property as shown after `name:` (returned with the separator to put before
/// it), or alone for an array element: the formatted value, `[Getter]`, `[Setter]`,
/// `[Getter/Setter]`, or with the `getters` option the getter's result.
pub(super) fn format_element(
    ctx: &mut Ctx,
    obj: ObjRef,
    recurse_times: usize,
    desc: &PropertyDescriptor,
    object_entry: bool,
) -> JsResult<(String, String)> {
    let space = " ".to_string();
    if let Some(value) = desc.value.as_ref().filter(|v| !v.is_undefined()) {
        let diff = if ctx.opts.compact != Compact::Always || !object_entry { 2 } else { 3 };
        ctx.indentation += diff;
        let result = ctx.format_value(value, recurse_times);
        let separator = match &result {
            // The fill-lines mode moves a value wider than a line below its name.
            Ok(text) if diff == 3 && ctx.opts.break_length < super::layout::string_width(text) => {
                format!("\n{}", " ".repeat(ctx.indentation))
            }
            _ => space,
        };
        ctx.indentation -= diff;
        return Ok((separator, result?));
    }
    let getter = desc.get.as_ref().filter(|g| !g.is_undefined());
    let setter = desc.set.as_ref().filter(|s| !s.is_undefined());
    if let Some(getter) = getter {
        let label = if setter.is_some() { "Getter/Setter" } else { "Getter" };
        if ctx.opts.getters {
            return Ok((space, getter_result(ctx, obj, recurse_times, getter, label)));
        }
        return Ok((space, format!("[{label}]")));
    }
    if setter.is_some() {
        return Ok((space, "[Setter]".to_string()));
    }
    Ok((space, "undefined".to_string()))
}

/// With the `getters` option: `[Getter: 1]`, `[Getter] { a: 1 }`, or the error it threw.
fn getter_result(ctx: &mut Ctx, obj: ObjRef, recurse_times: usize, getter: &Value, label: &str) -> String {
    ctx.indentation += 2;
    let text = match ctx.vm.call(getter, Value::Object(obj), &[]) {
        Ok(Value::Null) => format!("[{label}: null]"),
        Ok(Value::Object(o)) => match ctx.format_value(&Value::Object(o), recurse_times) {
            Ok(t) => format!("[{label}] {t}"),
            Err(e) => thrown_text(ctx, label, &e, recurse_times),
        },
        Ok(primitive) => format!("[{label}: {}]", ctx.format_primitive(&primitive)),
        Err(e) => thrown_text(ctx, label, &e, recurse_times),
    };
    ctx.indentation -= 2;
    text
}

fn thrown_text(ctx: &mut Ctx, label: &str, error: &Value, recurse_times: usize) -> String {
    let shown = ctx.format_value(error, recurse_times).unwrap_or_default();
    format!("[{label}: <Inspection threw ({shown})>]")
}

/// The name part of a property: symbols as `[Symbol(x)]`, `['__proto__']`, non-enumerable keys
/// in brackets (escaped, unquoted), plain identifiers bare, anything else quoted.
pub(super) fn property_name(key: &PropertyKey, desc: &PropertyDescriptor) -> String {
    match key {
        PropertyKey::Symbol(sym) => {
            let description = sym.description();
            format!("[{}]", format_symbol_key(description.as_ref().map(|d| d.as_units())))
        }
        other => {
            let units: Vec<u16> = match other {
                PropertyKey::Index(i) => i.to_string().encode_utf16().collect(),
                PropertyKey::String(s) => s.as_units().to_vec(),
                PropertyKey::Symbol(_) => Vec::new(),
            };
            if units == "__proto__".encode_utf16().collect::<Vec<u16>>() {
                "['__proto__']".to_string()
            } else if desc.enumerable == Some(false) {
                format!("[{}]", escape_units(&units, true))
            } else {
                format_string_key(&units)
            }
        }
    }
}

/// `RegExp.prototype.toString` of a regular expression: `/source/flags` read through `source` and
/// `flags`, as Node shows it.
fn regexp_to_string(ctx: &mut Ctx, obj: ObjRef) -> JsResult<String> {
    let source = ctx.vm.get(obj, &PropertyKey::from("source"))?;
    let source = ctx.vm.to_string(&source)?.to_rust_lossy();
    let flags = ctx.vm.get(obj, &PropertyKey::from("flags"))?;
    let flags = ctx.vm.to_string(&flags)?.to_rust_lossy();
    Ok(format!("/{source}/{flags}"))
}

/// Node's `getBoxedBase`: `[Number: 3]`, `[String: 'ab']`, `[Boolean (MyBool): true] [Tag]`.
/// A String object's index keys are dropped (they only repeat the characters).
fn boxed_base(
    ctx: &mut Ctx,
    primitive: &Value,
    constructor: Option<&str>,
    tag: &str,
    keys: &mut Vec<PropertyKey>,
) -> String {
    let type_name = match primitive {
        Value::Number(_) => "Number",
        Value::String(s) => {
            let length = s.len();
            let drop = keys.iter().take(length).filter(|k| matches!(k, PropertyKey::Index(_))).count();
            keys.drain(..drop);
            "String"
        }
        Value::Bool(_) => "Boolean",
        Value::BigInt(_) => "BigInt",
        _ => "Symbol",
    };
    let mut base = format!("[{type_name}");
    if constructor != Some(type_name) {
        match constructor {
            None => base.push_str(" (null prototype)"),
            Some(name) => base.push_str(&format!(" ({name})")),
        }
    }
    let shown = ctx.format_primitive(primitive);
    base.push_str(&format!(": {shown}]"));
    if !tag.is_empty() && Some(tag) != constructor {
        base.push_str(&format!(" [{tag}]"));
    }
    base
}
