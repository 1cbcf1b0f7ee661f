//! Functions and classes: `[Function: f]`, `[Function (anonymous)]`, `[AsyncFunction: f]`,
//! `[GeneratorFunction: g]`, `[class A]`, `[class B extends A]`, with the constructor name or tag
//! added when they are unusual (Node's `getFunctionBase` and `getClassBase`).

use super::access;
use super::Ctx;
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::PropertyKey;
use crate::value::Value;

/// The heading of a function object.
pub(super) fn function_base(ctx: &mut Ctx, obj: ObjRef, constructor: Option<&str>, tag: &str) -> JsResult<String> {
    let flavour = access::function_flavour(ctx.vm, obj);
    // Node reads the source text; a class constructor whose recorded text is not the class
    // (only its `constructor` method) falls back to what the compiler knows.
    let is_class = match &flavour.source_text {
        Some(text) if text.starts_with("class") || !flavour.is_class => looks_like_class(text),
        _ => flavour.is_class,
    };
    if is_class {
        return class_base(ctx, obj, constructor, tag);
    }
    let mut type_name = String::from("Function");
    if flavour.is_generator {
        type_name.insert_str(0, "Generator");
    }
    if flavour.is_async {
        type_name.insert_str(0, "Async");
    }
    let mut base = format!("[{type_name}");
    if constructor.is_none() {
        base.push_str(" (null prototype)");
    }
    let name = ctx.vm.get(obj, &PropertyKey::from("name"))?;
    if matches!(&name, Value::String(s) if s.is_empty()) {
        base.push_str(" (anonymous)");
    } else {
        base.push_str(": ");
        base.push_str(&access::display_string(ctx.vm, &name)?);
    }
    base.push(']');
    if let Some(constructor) = constructor {
        if constructor != type_name {
            base.push(' ');
            base.push_str(constructor);
        }
    }
    if !tag.is_empty() && constructor != Some(tag) {
        base.push_str(&format!(" [{tag}]"));
    }
    Ok(base)
}

/// The heading of a class constructor: its own `name` (or `(anonymous)`) and the `name` of the
/// class it extends, read from its prototype.
fn class_base(ctx: &mut Ctx, obj: ObjRef, constructor: Option<&str>, tag: &str) -> JsResult<String> {
    let name_key = PropertyKey::from("name");
    let mut name = String::from("(anonymous)");
    if ctx.vm.get_own_property(obj, &name_key)?.is_some() {
        let value = ctx.vm.get(obj, &name_key)?;
        if ctx.vm.to_boolean(&value) {
            name = access::display_string(ctx.vm, &value)?;
        }
    }
    let mut base = format!("class {name}");
    if let Some(constructor) = constructor {
        if constructor != "Function" {
            base.push_str(&format!(" [{constructor}]"));
        }
    }
    if !tag.is_empty() && constructor != Some(tag) {
        base.push_str(&format!(" [{tag}]"));
    }
    if constructor.is_some() {
        if let Some(parent) = ctx.vm.get_prototype_of(obj)? {
            let super_name = ctx.vm.get(parent, &name_key)?;
            if ctx.vm.to_boolean(&super_name) {
                base.push_str(" extends ");
                base.push_str(&access::display_string(ctx.vm, &super_name)?);
            }
        }
    } else {
        base.push_str(" extends [null prototype]");
    }
    Ok(format!("[{base}]"))
}

/// Node decides "class" from `Function.prototype.toString`: the text starts with `class`, ends
/// with `}`, and before its first `{` there is no `(` — or, if there is, the text (comments
/// replaced by the word `undefined`, as Node's replace without a replacement does) still matches
/// whitespace, no `(`, then `{`. So `class C extends mixin(B) {}` counts as a function.
pub(super) fn looks_like_class(source: &str) -> bool {
    let Some(body) = source.strip_prefix("class").and_then(|rest| rest.strip_suffix('}')) else {
        return false;
    };
    let Some(brace) = body.find('{') else {
        return false;
    };
    if !body[..brace].contains('(') {
        return true;
    }
    let stripped = replace_comments_with_undefined(body);
    // ^\s+[^(]*?\s*{ : leading whitespace, then a `{` before any `(`.
    let trimmed = stripped.trim_start();
    if trimmed.len() == stripped.len() {
        return false;
    }
    match (trimmed.find('{'), trimmed.find('(')) {
        (Some(b), Some(p)) => b < p,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Replaces `// ...\n` line comments (up to and including the newline) and `/* ... */` block
/// comments with `undefined`.
fn replace_comments_with_undefined(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let line = rest.find("//");
        let block = rest.find("/*");
        let (start, is_line) = match (line, block) {
            (Some(l), Some(b)) => (l.min(b), l < b),
            (Some(l), None) => (l, true),
            (None, Some(b)) => (b, false),
            (None, None) => break,
        };
        let end = if is_line {
            rest[start..].find('\n').map(|i| start + i + 1)
        } else {
            rest[start + 2..].find("*/").map(|i| start + 2 + i + 2)
        };
        match end {
            Some(end) => {
                out.push_str(&rest[..start]);
                out.push_str("undefined");
                rest = &rest[end..];
            }
            None => {
                // An unterminated comment does not match; keep scanning after its opener.
                out.push_str(&rest[..start + 2]);
                rest = &rest[start + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::looks_like_class;

    #[test]
    fn class_detection_follows_the_source_text() {
        assert!(looks_like_class("class A {}"));
        assert!(looks_like_class("class Dog extends Animal { bark() {} }"));
        assert!(looks_like_class("class /* c */ D {}"));
        assert!(looks_like_class("class {}"));
        // A call in the heritage makes Node fall back to "function".
        assert!(!looks_like_class("class C extends mixin(Object) {}"));
        assert!(!looks_like_class("class B extends (class{}) {}"));
        assert!(!looks_like_class("function f() {}"));
        assert!(!looks_like_class("function Foo() { [native code] }"));
        assert!(!looks_like_class("classy"));
    }
}
