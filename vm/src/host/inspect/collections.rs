//! Collections and other objects whose entries are internal: Map (`k => v`), Set, their
//! iterators (`[Map Entries] { [ k, v ] }`), promises (`Promise { <pending> }`,
//! `Promise { <rejected> e }`) and module namespaces (`a: <uninitialized>` for bindings still in
//! their temporal dead zone).

use super::access::{self, PromiseState};
use super::arrays::remaining_text;
use super::layout::{reduce_to_single_string, EntriesKind};
use super::objects::{format_property, layout_state, property_name};
use super::Ctx;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::value::Value;

/// Formats `values` one level deeper, two columns further in, at most `maxArrayLength` of them.
fn format_values(ctx: &mut Ctx, values: &[Value], recurse_times: usize) -> JsResult<Vec<String>> {
    let shown = values.len().min(ctx.opts.max_array_length);
    let mut output = Vec::with_capacity(shown + 1);
    ctx.indentation += 2;
    for value in &values[..shown] {
        match ctx.format_value(value, recurse_times) {
            Ok(text) => output.push(text),
            Err(e) => {
                ctx.indentation -= 2;
                return Err(e);
            }
        }
    }
    ctx.indentation -= 2;
    if values.len() > shown {
        output.push(remaining_text((values.len() - shown) as u64));
    }
    Ok(output)
}

/// A Set's entries.
pub(super) fn format_set(ctx: &mut Ctx, obj: ObjRef, recurse_times: usize) -> JsResult<Vec<String>> {
    let values = access::set_values(ctx.vm, obj);
    format_values(ctx, &values, recurse_times)
}

/// A Map's entries as `key => value`.
pub(super) fn format_map(ctx: &mut Ctx, obj: ObjRef, recurse_times: usize) -> JsResult<Vec<String>> {
    let entries = access::map_entries(ctx.vm, obj);
    let shown = entries.len().min(ctx.opts.max_array_length);
    let mut output = Vec::with_capacity(shown + 1);
    ctx.indentation += 2;
    let result: JsResult<()> = (|| {
        for (key, value) in &entries[..shown] {
            let k = ctx.format_value(key, recurse_times)?;
            let v = ctx.format_value(value, recurse_times)?;
            output.push(format!("{k} => {v}"));
        }
        Ok(())
    })();
    ctx.indentation -= 2;
    result?;
    if entries.len() > shown {
        output.push(remaining_text((entries.len() - shown) as u64));
    }
    Ok(output)
}

/// The opening brace of a Map or Set iterator: `[Map Iterator] {`, `[Set Entries] {` for
/// iterators of `[key, value]` pairs, with a differing tag in front.
pub(super) fn iterator_braces(type_name: &str, tag: &str, key_value: bool) -> String {
    let plain = format!("{type_name} Iterator");
    let mut label = tag.to_string();
    if label != plain {
        if !label.is_empty() {
            label.push_str("] [");
        }
        label.push_str(&plain);
    }
    if key_value {
        if let Some(stem) = label.strip_suffix(" Iterator") {
            label = format!("{stem} Entries");
        }
    }
    format!("[{label}] {{")
}

/// The entries an iterator has left, without advancing it: values, or `[ key, value ]` pairs.
pub(super) fn format_iterator(ctx: &mut Ctx, obj: ObjRef, recurse_times: usize) -> JsResult<Vec<String>> {
    let Some((entries, key_value)) = access::iterator_preview(ctx.vm, obj) else {
        return Ok(Vec::new());
    };
    if !key_value {
        return format_values(ctx, &entries, recurse_times);
    }
    let pairs = entries.len() / 2;
    let shown = pairs.min(ctx.opts.max_array_length);
    let mut output = Vec::with_capacity(shown + 1);
    ctx.indentation += 2;
    let result: JsResult<()> = (|| {
        for pair in entries.chunks(2).take(shown) {
            let mut parts = Vec::with_capacity(2);
            for value in pair {
                parts.push(ctx.format_value(value, recurse_times)?);
            }
            let state = layout_state(ctx, recurse_times);
            output.push(reduce_to_single_string(&state, parts, "", ("[", "]"), EntriesKind::ArrayLike, true));
        }
        Ok(())
    })();
    ctx.indentation -= 2;
    result?;
    if pairs > shown {
        output.push(remaining_text((pairs - shown) as u64));
    }
    Ok(output)
}

/// A promise's state: `<pending>`, its value, or `<rejected> reason`.
pub(super) fn format_promise(ctx: &mut Ctx, obj: ObjRef, recurse_times: usize) -> JsResult<Vec<String>> {
    let (result, rejected) = match access::promise_state(ctx.vm, obj) {
        PromiseState::Pending => return Ok(vec!["<pending>".to_string()]),
        PromiseState::Fulfilled(v) => (v, false),
        PromiseState::Rejected(v) => (v, true),
    };
    ctx.indentation += 2;
    let text = ctx.format_value(&result, recurse_times);
    ctx.indentation -= 2;
    let text = text?;
    Ok(vec![if rejected { format!("<rejected> {text}") } else { text }])
}

/// A module namespace's exports in its key order; a binding that is not initialised yet (reading
/// it throws a ReferenceError) shows `<uninitialized>`.
pub(super) fn format_namespace(
    ctx: &mut Ctx,
    obj: ObjRef,
    recurse_times: usize,
    keys: &[PropertyKey],
) -> JsResult<Vec<String>> {
    let mut output = Vec::with_capacity(keys.len());
    for key in keys {
        match ctx.vm.get_own_property(obj, key) {
            Ok(desc) => {
                output.push(format_property(ctx, obj, recurse_times, key, EntriesKind::Object, desc)?);
            }
            Err(e) if access::is_reference_error(ctx.vm, &e) => {
                let shown = PropertyDescriptor { enumerable: Some(true), ..Default::default() };
                output.push(format!("{}: <uninitialized>", property_name(key, &shown)));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(output)
}
