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
    if flavour.is_class {
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
