//! References to global bindings (§9.1.1.4 Global Environment Records): the realm's
//! declarative record (script `let`/`const`/`class`) first, then the global object.

use crate::error::JsResult;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// GetValue of an unqualified global reference; `None` when unresolvable.
    pub fn global_lookup(&mut self, name: &JsString, key: &PropertyKey) -> JsResult<Option<Value>> {
        if let Some(l) = self.realm.global_lexicals.get(name) {
            let v = self.heap.cell(l.cell).clone();
            if v.is_empty() {
                let msg = format!("Cannot access '{}' before initialization", name.to_rust_lossy());
                return Err(self.throw_reference_error(&msg));
            }
            return Ok(Some(v));
        }
        let global = self.global();
        // Fast path: an own data property of the (ordinary) global object.
        if let Some(crate::property::Slot::Data { value, .. }) = self.heap.get(global).props.get(key) {
            return Ok(Some(value.clone()));
        }
        if !self.has_property(global, key)? {
            return Ok(None);
        }
        Ok(Some(self.get(global, key)?))
    }

    /// `x` for a global name: ReferenceError when unresolvable.
    pub fn get_global(&mut self, name: &JsString, key: &PropertyKey) -> JsResult<Value> {
        match self.global_lookup(name, key)? {
            Some(v) => Ok(v),
            None => Err(self.throw_reference_error(&format!("{} is not defined", name.to_rust_lossy()))),
        }
    }

    /// PutValue on a global reference.
    pub fn set_global(&mut self, name: &JsString, key: &PropertyKey, value: Value, strict: bool) -> JsResult<()> {
        if let Some(l) = self.realm.global_lexicals.get(name).copied() {
            if self.heap.cell(l.cell).is_empty() {
                let msg = format!("Cannot access '{}' before initialization", name.to_rust_lossy());
                return Err(self.throw_reference_error(&msg));
            }
            if !l.mutable {
                return Err(self.throw_type_error("Assignment to constant variable."));
            }
            self.heap.cell_set(l.cell, value);
            return Ok(());
        }
        let global = self.global();
        if strict && !self.has_property(global, key)? {
            return Err(self.throw_reference_error(&format!("{} is not defined", name.to_rust_lossy())));
        }
        let ok = self.set(global, key.clone(), value, &Value::Object(global))?;
        if !ok && strict {
            return Err(self.failed_assignment_error(global, key));
        }
        Ok(())
    }

    /// CreateGlobalFunctionBinding(N, V, D) (§9.1.1.4.18).
    pub fn create_global_function_binding(&mut self, key: &PropertyKey, value: Value, deletable: bool) -> JsResult<()> {
        let global = self.global();
        let existing = self.get_own_property(global, key)?;
        let desc = match existing {
            Some(d) if d.configurable != Some(true) => PropertyDescriptor {
                value: Some(value.clone()),
                writable: None,
                get: None,
                set: None,
                enumerable: None,
                configurable: None,
            },
            _ => PropertyDescriptor::data(value.clone(), true, true, deletable),
        };
        self.define_property_or_throw(global, key.clone(), desc)?;
        let ok = self.set(global, key.clone(), value, &Value::Object(global))?;
        if !ok {
            return Err(self.failed_assignment_error(global, key));
        }
        Ok(())
    }

    /// `delete x` for an unqualified name that resolves to the global object.
    pub fn delete_global(&mut self, name: &JsString, key: &PropertyKey) -> JsResult<bool> {
        if self.realm.global_lexicals.contains_key(name) {
            return Ok(false);
        }
        let global = self.global();
        self.delete_property(global, key)
    }
}
