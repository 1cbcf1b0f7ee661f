//! Property descriptor records and descriptor objects (§6.2.6.4-6): the conversions that
//! `Object.defineProperty`, `Reflect`, proxies and `Object.getOwnPropertyDescriptor` share.

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::object::ordinary::DataLookup;
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
    /// One field of ToPropertyDescriptor: `Some(Get(o, key))` when HasProperty(o, key). When
    /// the chain holds `key` as a data property or not at all (no proxy, no accessor), neither
    /// step can run code, and one walk of the property maps answers both.
    fn descriptor_field(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<Option<Value>> {
        let hint = std::cell::Cell::new(0);
        match crate::object::ordinary::lookup_data_property(&self.heap, o, key, &hint) {
            DataLookup::Found(v) => return Ok(Some(v.clone())),
            DataLookup::Absent => return Ok(None),
            DataLookup::Slow => {}
        }
        if self.has_property(o, key)? {
            return Ok(Some(self.get(o, key)?));
        }
        Ok(None)
    }

    pub fn to_property_descriptor(&mut self, obj: &Value) -> JsResult<PropertyDescriptor> {
        // 1. Must be an object.
        let Value::Object(o) = obj else {
            let msg = format!("Property description must be an object: {}", self.describe_value_plain(obj));
            return Err(self.throw_type_error(&msg));
        };
        let o = *o;
        let mut desc = PropertyDescriptor::default();
        let keys = &self.interp.common_keys;
        let (k_enumerable, k_configurable, k_value) = (keys.enumerable.clone(), keys.configurable.clone(), keys.value.clone());
        let (k_writable, k_get, k_set) = (keys.writable.clone(), keys.get.clone(), keys.set.clone());
        // 3-14. Each field: HasProperty, then Get, in the spec's order.
        if let Some(v) = self.descriptor_field(o, &k_enumerable)? {
            desc.enumerable = Some(self.to_boolean(&v));
        }
        if let Some(v) = self.descriptor_field(o, &k_configurable)? {
            desc.configurable = Some(self.to_boolean(&v));
        }
        if let Some(v) = self.descriptor_field(o, &k_value)? {
            desc.value = Some(v);
        }
        if let Some(v) = self.descriptor_field(o, &k_writable)? {
            desc.writable = Some(self.to_boolean(&v));
        }
        if let Some(getter) = self.descriptor_field(o, &k_get)? {
            if !getter.is_undefined() && !self.is_callable(&getter) {
                let msg = format!("Getter must be a function: {}", self.describe_value_plain(&getter));
                return Err(self.throw_type_error(&msg));
            }
            desc.get = Some(getter);
        }
        if let Some(setter) = self.descriptor_field(o, &k_set)? {
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
