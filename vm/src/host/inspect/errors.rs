//! Errors: their `stack` (or `Name: message` in brackets when it has no frames), the heading
//! adjusted when the constructor or tag differ from the name (`E2 [Error]: m`), `[cause]` and
//! other own properties in braces (Node v20's `formatError`, `improveStack`,
//! `removeDuplicateErrorKeys`, `getStackFrames`).
//!
//! [`inspect_error`] is what an uncaught exception prints (the CLI adds Node's source excerpt
//! above and `Node.js v20...` below).

use super::access;
use super::{Ctx, InspectOptions};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::PropertyKey;
use crate::value::Value;
use crate::vm::Vm;

/// The text Node prints for an uncaught exception `thrown`: a string as it is, anything else as
/// `util.inspect` shows it (errors with their stack and their own enumerable properties in
/// braces). For values that are not errors, Node adds the line
/// ``(Use `node --trace-uncaught ...` to show where the exception was thrown)`` after it.
pub fn inspect_error(vm: &mut Vm, thrown: &Value) -> String {
    if let Value::String(s) = thrown {
        return s.to_rust_lossy();
    }
    // Node prints a BigInt as V8 converts it to a string, without the `n`.
    if let Value::BigInt(b) = thrown {
        return b.to_string_radix(10);
    }
    match super::inspect(vm, thrown, InspectOptions::default()) {
        Ok(text) => text,
        // Inspecting ran user code that threw: fall back to what cannot throw.
        Err(_) => fallback_text(vm, thrown),
    }
}

fn fallback_text(vm: &mut Vm, thrown: &Value) -> String {
    if let Value::Object(obj) = thrown {
        if let Some(crate::property::PropertyDescriptor { value: Some(Value::String(s)), .. }) =
            vm.get_own_property_plain(*obj, &PropertyKey::from("stack"))
        {
            return s.to_rust_lossy();
        }
        return "[object Object]".to_string();
    }
    let ctx = Ctx::new(vm, InspectOptions::default());
    ctx.format_primitive(thrown)
}

/// `Error.prototype.toString` applied to `err` (§20.5.3.4).
pub(super) fn error_to_string(ctx: &mut Ctx, err: ObjRef) -> JsResult<String> {
    let name = ctx.vm.get(err, &PropertyKey::from("name"))?;
    let name = if name.is_undefined() { "Error".to_string() } else { ctx.vm.to_string(&name)?.to_rust_lossy() };
    let message = ctx.vm.get(err, &PropertyKey::from("message"))?;
    let message = if message.is_undefined() { String::new() } else { ctx.vm.to_string(&message)?.to_rust_lossy() };
    Ok(if name.is_empty() {
        message
    } else if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    })
}

/// `err.stack` when truthy (as a string), otherwise `Error.prototype.toString(err)`.
fn stack_string(ctx: &mut Ctx, err: ObjRef) -> JsResult<String> {
    let stack = ctx.vm.get(err, &PropertyKey::from("stack"))?;
    if ctx.vm.to_boolean(&stack) {
        return Ok(ctx.vm.to_string(&stack)?.to_rust_lossy());
    }
    error_to_string(ctx, err)
}

/// Node's `formatError`. May remove `name`, `message` and `stack` from `keys` (when the stack
/// already shows them) and add `cause` and `errors`.
pub(super) fn format_error(
    ctx: &mut Ctx,
    err: ObjRef,
    constructor: Option<&str>,
    tag: &str,
    keys: &mut Vec<PropertyKey>,
) -> JsResult<String> {
    let name_value = ctx.vm.get(err, &PropertyKey::from("name"))?;
    let name =
        if name_value.is_nullish() { "Error".to_string() } else { ctx.vm.to_string(&name_value)?.to_rust_lossy() };
    let stack = stack_string(ctx, err)?;
    remove_duplicate_error_keys(ctx, err, &stack, keys)?;

    let cause_key = PropertyKey::from("cause");
    if ctx.vm.has_property(err, &cause_key)? && !keys.contains(&cause_key) {
        keys.push(cause_key);
    }
    let errors_key = PropertyKey::from("errors");
    let errors = ctx.vm.get(err, &errors_key)?;
    if access::is_array(ctx.vm, &errors) && !keys.contains(&errors_key) {
        keys.push(errors_key);
    }

    let mut stack = improve_stack(stack, constructor, &name, tag);

    // Frames start after the message (when the stack contains it).
    let message = ctx.vm.get(err, &PropertyKey::from("message"))?;
    let mut search_from = 0usize;
    if ctx.vm.to_boolean(&message) {
        let message = ctx.vm.to_string(&message)?.to_rust_lossy();
        // Node's `(message && stack.indexOf(message)) || -1`: a match at 0 counts as none.
        if let Some(pos) = stack.find(&message) {
            if pos != 0 {
                search_from = pos + message.len();
            }
        }
    }
    match stack.get(search_from..).and_then(|rest| rest.find("\n    at")) {
        None => stack = format!("[{stack}]"),
        Some(offset) => {
            let frames_start = search_from + offset;
            let heading = stack[..frames_start].to_string();
            let frames = stack_frames(ctx, err, &stack[frames_start + 1..])?;
            stack = format!("{heading}\n{}", frames.join("\n"));
        }
    }
    if ctx.indentation != 0 {
        let indentation = format!("\n{}", " ".repeat(ctx.indentation));
        stack = stack.replace('\n', &indentation);
    }
    Ok(stack)
}

/// Unless `showHidden`, own `name`, `message` and `stack` keys are not listed again when the
/// stack text already contains their value.
fn remove_duplicate_error_keys(ctx: &mut Ctx, err: ObjRef, stack: &str, keys: &mut Vec<PropertyKey>) -> JsResult<()> {
    if ctx.opts.show_hidden || keys.is_empty() {
        return Ok(());
    }
    for name in ["name", "message", "stack"] {
        let key = PropertyKey::from(name);
        if let Some(index) = keys.iter().position(|k| *k == key) {
            let value = ctx.vm.get(err, &key)?;
            let text = access::display_string(ctx.vm, &value)?;
            if stack.contains(&text) {
                keys.remove(index);
            }
        }
    }
    Ok(())
}

/// Node's `improveStack`: when the stack starts with the error's name (a name ending in `Error`),
/// shows the constructor and tag instead where they differ (`E2 [Error]: m`,
/// `[Error: null prototype]: m`).
fn improve_stack(stack: String, constructor: Option<&str>, name: &str, tag: &str) -> String {
    let mut len = name.len();
    let looks_normal = name.ends_with("Error")
        && stack.starts_with(name)
        && matches!(stack.as_bytes().get(len), None | Some(b':') | Some(b'\n'));
    if constructor.is_some() && !looks_normal {
        return stack;
    }
    let mut fallback = "Error".to_string();
    if constructor.is_none() {
        let found = leading_error_name(&stack);
        len = found.len();
        fallback = if found.is_empty() { "Error".to_string() } else { found };
    }
    let prefix_full = super::objects::prefix_of(constructor, tag, &fallback, "");
    let prefix = prefix_full.strip_suffix(' ').unwrap_or(&prefix_full);
    if name == prefix {
        return stack;
    }
    let rest = stack.get(len..).unwrap_or("");
    if prefix.contains(name) {
        if len == 0 {
            format!("{prefix}: {stack}")
        } else {
            format!("{prefix}{rest}")
        }
    } else {
        format!("{prefix} [{name}]{rest}")
    }
}

/// For a null-prototype error, the name its stack starts with: a capitalised word (letters,
/// digits, spaces, `_[]()-`) followed by `:` or by a frame line, or a whole stack that is one
/// `...Error` word.
fn leading_error_name(stack: &str) -> String {
    let bytes = stack.as_bytes();
    if bytes.first().is_some_and(|b| b.is_ascii_uppercase()) {
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b"_ []()-".contains(&b);
        // The class is greedy and backtracks: take the longest candidate that is followed
        // by `:` or by a newline, whitespace and `at`.
        let mut end = 1;
        while end < bytes.len() && allowed(bytes[end]) {
            end += 1;
        }
        while end >= 2 {
            let after = &stack[end..];
            if after.starts_with(':') || starts_with_frame(after) {
                return stack[..end].to_string();
            }
            end -= 1;
        }
    }
    let whole_word = !stack.is_empty()
        && stack.ends_with("Error")
        && stack.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if whole_word {
        return stack.to_string();
    }
    String::new()
}

fn starts_with_frame(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('\n') else {
        return false;
    };
    let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace());
    trimmed.len() < rest.len() && trimmed.starts_with("at")
}

/// The frame lines; frames also at the end of the `cause`'s stack are replaced by
/// `... N lines matching cause stack trace ...`.
fn stack_frames(ctx: &mut Ctx, err: ObjRef, frames_text: &str) -> JsResult<Vec<String>> {
    let mut frames: Vec<String> = frames_text.split('\n').map(str::to_string).collect();
    let cause = ctx.vm.get(err, &PropertyKey::from("cause")).unwrap_or(Value::Undefined);
    let Value::Object(cause) = cause else {
        return Ok(frames);
    };
    if !access::is_error(ctx.vm, cause) {
        return Ok(frames);
    }
    let cause_stack = stack_string(ctx, cause)?;
    let Some(start) = cause_stack.find("\n    at") else {
        return Ok(frames);
    };
    let cause_frames: Vec<&str> = cause_stack[start + 1..].split('\n').collect();
    let (len, offset) = identical_sequence_range(&frames, &cause_frames);
    if len > 0 {
        let skipped = len - 2;
        let message = format!("    ... {skipped} lines matching cause stack trace ...");
        frames.splice(offset + 1..offset + 1 + skipped, [message]);
    }
    Ok(frames)
}

/// The first run of more than three lines of `a` that also appears in `b` (with more than
/// three lines of `b` left from its start): `(length, offset in a)`, or `(0, 0)`.
fn identical_sequence_range(a: &[String], b: &[&str]) -> (usize, usize) {
    for i in 0..a.len().saturating_sub(3) {
        let Some(pos) = b.iter().position(|line| *line == a[i]) else {
            continue;
        };
        let rest = b.len() - pos;
        if rest > 3 {
            let mut len = 1;
            let max_len = (a.len() - i).min(rest);
            while max_len > len && a[i + len] == b[pos + len] {
                len += 1;
            }
            if len > 3 {
                return (len, i);
            }
        }
    }
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_heading_shows_a_differing_constructor() {
        let s = "Error: m\n    at f (x:1:1)".to_string();
        assert_eq!(improve_stack(s.clone(), Some("E2"), "Error", ""), "E2 [Error]: m\n    at f (x:1:1)");
        assert_eq!(improve_stack(s.clone(), Some("Error"), "Error", ""), s);
        // Names not ending in Error, or stacks not starting with the name, are left alone.
        assert_eq!(improve_stack("Custom: m3".into(), Some("Error"), "Custom", ""), "Custom: m3");
        assert_eq!(improve_stack("Error: m4".into(), Some("Error"), "MyError", ""), "Error: m4");
        let v = "ValidationError: bad".to_string();
        assert_eq!(improve_stack(v.clone(), Some("ValidationError"), "ValidationError", ""), v);
        // A subclass whose name contains the error name replaces it.
        assert_eq!(improve_stack("Error: x".into(), Some("HttpError"), "Error", ""), "HttpError: x");
    }

    #[test]
    fn null_prototype_errors() {
        assert_eq!(improve_stack("Error: m11".into(), None, "Error", ""), "[Error: null prototype]: m11");
        assert_eq!(leading_error_name("TypeError: x"), "TypeError");
        assert_eq!(leading_error_name("Bad Thing\n    at x"), "Bad Thing");
        assert_eq!(leading_error_name("FooError"), "FooError");
        assert_eq!(leading_error_name("lower: x"), "");
    }

    #[test]
    fn cause_frames_are_collapsed() {
        let a: Vec<String> = ["    at a", "    at b", "    at c", "    at d", "    at e"].map(String::from).to_vec();
        let b = ["    at z", "    at b", "    at c", "    at d", "    at e"];
        assert_eq!(identical_sequence_range(&a, &b), (4, 1));
        assert_eq!(identical_sequence_range(&a[..3], &b), (0, 0));
    }
}
