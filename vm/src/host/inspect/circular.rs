//! Cycles: an object met again while it is still being formatted prints as `[Circular *N]`, and
//! the object itself then gets `<ref *N>` in front (numbers in order of discovery).

use super::Ctx;
use crate::gc::ObjRef;

/// `[Circular *N]` for `obj`, which is being formatted further out; numbers it on first sight.
pub(super) fn circular_marker(ctx: &mut Ctx, obj: ObjRef) -> String {
    let next = ctx.circular.len() + 1;
    let index = *ctx.circular.entry(obj).or_insert(next);
    format!("[Circular *{index}]")
}

/// `<ref *N>` when `obj` turned out to be referred to from inside itself.
pub(super) fn reference_marker(ctx: &Ctx, obj: ObjRef) -> Option<String> {
    ctx.circular.get(&obj).map(|index| format!("<ref *{index}>"))
}
