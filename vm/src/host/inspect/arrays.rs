//! Arrays: elements in order, runs of holes as `<N empty items>`, and no more than
//! `maxArrayLength` entries before `... N more items` (Node's `formatArray` and
//! `formatSpecialArray`).

use super::access;
use super::objects::format_element;
use super::Ctx;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::PropertyKey;
use crate::value::Value;

/// `... 1 more item` / `... N more items`.
pub(super) fn remaining_text(remaining: u64) -> String {
    let plural = if remaining > 1 { "s" } else { "" };
    format!("... {remaining} more item{plural}")
}

fn empty_items_text(count: u64) -> String {
    let plural = if count > 1 { "s" } else { "" };
    format!("<{count} empty item{plural}>")
}

/// The entries of an array: its elements up to `maxArrayLength`, switching to the sparse walk
/// at the first hole.
pub(super) fn format_array(ctx: &mut Ctx, obj: ObjRef, recurse_times: usize) -> JsResult<Vec<String>> {
    let length = access::array_length(ctx.vm, obj) as u64;
    let shown = length.min(ctx.opts.max_array_length as u64);
    let mut output = Vec::new();
    for i in 0..shown {
        let key = PropertyKey::Index(i as u32);
        let Some(desc) = ctx.vm.get_own_property(obj, &key)? else {
            return format_sparse_array(ctx, obj, recurse_times, shown as usize, output, i);
        };
        output.push(format_element(ctx, obj, recurse_times, &desc, false)?.1);
    }
    if length > shown {
        output.push(remaining_text(length - shown));
    }
    Ok(output)
}

/// The rest of an array from its first hole at `first_hole`: the enumerable own keys are walked
/// in order and every gap between consecutive indices becomes one `<N empty items>` entry; at
/// most `max_entries` entries in all.
fn format_sparse_array(
    ctx: &mut Ctx,
    obj: ObjRef,
    recurse_times: usize,
    max_entries: usize,
    mut output: Vec<String>,
    first_hole: u64,
) -> JsResult<Vec<String>> {
    let keys = ctx.vm.enumerable_own_keys(obj)?;
    let length = access::array_length(ctx.vm, obj) as u64;
    let mut index = first_hole;
    let mut position = first_hole as usize;
    while position < keys.len() && output.len() < max_entries {
        // Only index keys continue the walk; the first other key ends it.
        let PropertyKey::Index(key_index) = keys[position] else {
            break;
        };
        let key_index = key_index as u64;
        if key_index != index {
            output.push(empty_items_text(key_index.saturating_sub(index)));
            index = key_index;
            if output.len() == max_entries {
                break;
            }
        }
        let key = PropertyKey::Index(key_index as u32);
        let text = match ctx.vm.get_own_property(obj, &key)? {
            Some(desc) => format_element(ctx, obj, recurse_times, &desc, false)?.1,
            None => "undefined".to_string(),
        };
        output.push(text);
        index += 1;
        position += 1;
    }
    let remaining = length.saturating_sub(index);
    if output.len() != max_entries {
        if remaining > 0 {
            output.push(empty_items_text(remaining));
        }
    } else if remaining > 0 {
        output.push(remaining_text(remaining));
    }
    Ok(output)
}

/// Whether the first `count` elements are all numbers (then grouped columns are right-aligned).
/// Reads with [[Get]], as Node does; only asked when the entries are about to be grouped.
pub(super) fn all_numbers(ctx: &mut Ctx, obj: ObjRef, count: usize) -> JsResult<bool> {
    if count <= 6 {
        return Ok(false);
    }
    for i in 0..count {
        let key = PropertyKey::from_index(i as u32);
        if !matches!(ctx.vm.get(obj, &key)?, Value::Number(_)) {
            return Ok(false);
        }
    }
    Ok(true)
}
