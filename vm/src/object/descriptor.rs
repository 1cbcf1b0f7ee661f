//! Property descriptor records and descriptor objects (§6.2.6.4-6): the conversions that
//! `Object.defineProperty`, `Reflect`, proxies and `Object.getOwnPropertyDescriptor` share.

use crate::error::JsResult;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

/// CompletePropertyDescriptor (§6.2.6.6): fills absent fields with their defaults.
pub fn complete_property_descriptor(desc: &mut PropertyDescriptor) {
    // 2-3. A generic or data descriptor gets a value and writability; an accessor gets both functions.
    if desc.is_generic() || desc.is_data() {
        desc.value.get_or_insert(Value::Undefined);
        desc.writable.get_or_insert(false);
    } else {
        desc.get.get_or_insert(Value::Undefined);
        desc.set.get_or_insert(Value::Undefined);
    }
    // 4-5.
    desc.enumerable.get_or_insert(false);
    desc.configurable.get_or_insert(false);
}

impl Vm {
    /// FromPropertyDescriptor (§6.2.6.4): `undefined` for no descriptor, otherwise a fresh object
    /// with one data property per present field, in the spec's order.
    pub fn from_property_descriptor(&mut self, desc: Option<&PropertyDescriptor>) -> Value {
        let Some(desc) = desc else { return Value::Undefined };
        let obj = self.new_object();
        let fields: [(&str, Option<Value>); 6] = [
            ("value", desc.value.clone()),
            ("writable", desc.writable.map(Value::Bool)),
            ("get", desc.get.clone()),
            ("set", desc.set.clone()),
            ("enumerable", desc.enumerable.map(Value::Bool)),
            ("configurable", desc.configurable.map(Value::Bool)),
        ];
        for (name, v) in fields {
            if let Some(v) = v {
                // A fresh ordinary object: CreateDataPropertyOrThrow cannot fail.
                self.define_value(obj, PropertyKey::from(name), v, crate::property::attrs::ALL);
            }
        }
        Value::Object(obj)
    }

    /// ToPropertyDescriptor (§6.2.6.5).
    pub fn to_property_descriptor(&mut self, obj: &Value) -> JsResult<PropertyDescriptor> {
        // 1. Must be an object.
        let Value::Object(o) = obj else {
            let msg = format!("Property description must be an object: {}", self.describe_value_plain(obj));
            return Err(self.throw_type_error(&msg));
        };
        let o = *o;
        let mut desc = PropertyDescriptor::default();
        // 3-14. Each field: HasProperty, then Get, in the spec's order.
        if self.has_property(o, &PropertyKey::from("enumerable"))? {
            let v = self.get(o, &PropertyKey::from("enumerable"))?;
            desc.enumerable = Some(self.to_boolean(&v));
        }
        if self.has_property(o, &PropertyKey::from("configurable"))? {
            let v = self.get(o, &PropertyKey::from("configurable"))?;
            desc.configurable = Some(self.to_boolean(&v));
        }
        if self.has_property(o, &PropertyKey::from("value"))? {
            desc.value = Some(self.get(o, &PropertyKey::from("value"))?);
        }
        if self.has_property(o, &PropertyKey::from("writable"))? {
            let v = self.get(o, &PropertyKey::from("writable"))?;
            desc.writable = Some(self.to_boolean(&v));
        }
        if self.has_property(o, &PropertyKey::from("get"))? {
            let getter = self.get(o, &PropertyKey::from("get"))?;
            if !getter.is_undefined() && !self.is_callable(&getter) {
                let msg = format!("Getter must be a function: {}", self.describe_value_plain(&getter));
                return Err(self.throw_type_error(&msg));
            }
            desc.get = Some(getter);
        }
        if self.has_property(o, &PropertyKey::from("set"))? {
            let setter = self.get(o, &PropertyKey::from("set"))?;
            if !setter.is_undefined() && !self.is_callable(&setter) {
                let msg = format!("Setter must be a function: {}", self.describe_value_plain(&setter));
                return Err(self.throw_type_error(&msg));
            }
            desc.set = Some(setter);
        }
        // 15. Accessor and data fields together are invalid.
        if desc.is_accessor() && desc.is_data() {
            let msg = format!(
                "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, {}",
                self.describe_object_for_error(o)
            );
            return Err(self.throw_type_error(&msg));
        }
        Ok(desc)
    }

    /// A value as V8 prints it after a colon in TypeError messages (`1`, `foo`, `#<Object>`).
    pub fn describe_value_plain(&self, v: &Value) -> String {
        match v {
            Value::String(s) => s.to_rust_lossy(),
            Value::Object(o) => self.describe_object_for_error(*o),
            other => self.describe_for_error(other),
        }
    }
}
