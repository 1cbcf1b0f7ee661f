//! Proxy exotic objects (§10.5): every internal method asks the handler's trap, then checks
//! the trap's answer against the target's invariants.
//!
//! `Vm`'s internal methods (`object/ordinary.rs`, `vm.rs`) dispatch here when the object's kind
//! is `ObjectKind::Proxy`. Error messages are V8's.

use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::object::descriptor::complete_property_descriptor;
use crate::object::ordinary::is_compatible_property_descriptor;
use crate::object::ObjectKind;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;
use std::collections::HashSet;

/// A proxy's [[ProxyTarget]] and [[ProxyHandler]]; both `None` once revoked. Whether the proxy
/// has [[Call]] / [[Construct]] is fixed at creation from the target (§10.5.14 ProxyCreate).
pub struct ProxyData {
    pub target: Option<ObjRef>,
    pub handler: Option<ObjRef>,
    pub callable: bool,
    pub constructor: bool,
}

impl Trace for ProxyData {
    fn trace(&self, t: &mut Tracer) {
        if let Some(o) = self.target {
            t.obj(o);
        }
        if let Some(o) = self.handler {
            t.obj(o);
        }
    }
}

/// A value as V8 quotes it inside proxy invariant messages (`'1'`, `'#<Object>'`).
fn shown(vm: &Vm, v: &Value) -> String {
    match v {
        Value::String(s) => s.to_rust_lossy(),
        other => vm.describe_for_error(other),
    }
}

fn key_shown(key: &PropertyKey) -> String {
    key.display()
}

impl Vm {
    /// ProxyCreate (§10.5.14).
    pub fn proxy_create(&mut self, target: &Value, handler: &Value) -> JsResult<ObjRef> {
        // 1-2. Both must be objects.
        let (Value::Object(t), Value::Object(h)) = (target, handler) else {
            return Err(self.throw_type_error("Cannot create proxy with a non-object as target or handler"));
        };
        let (t, h) = (*t, *h);
        // 3-6. A proxy has no prototype of its own; [[Call]]/[[Construct]] mirror the target.
        let callable = self.is_callable_object(t);
        let constructor = self.is_constructor(&Value::Object(t));
        let data = ProxyData { target: Some(t), handler: Some(h), callable, constructor };
        Ok(self.heap.alloc(crate::object::Object::new(None, ObjectKind::Proxy(data))))
    }

    /// Whether `o` is a Proxy exotic object.
    pub fn is_proxy(&self, o: ObjRef) -> bool {
        matches!(self.heap.get(o).kind, ObjectKind::Proxy(_))
    }

    /// Steps 1-4 of every proxy internal method: the handler and target, or the TypeError of a
    /// revoked proxy naming the operation.
    pub(crate) fn proxy_parts(&mut self, o: ObjRef, operation: &str) -> JsResult<(ObjRef, ObjRef)> {
        if let ObjectKind::Proxy(p) = &self.heap.get(o).kind {
            if let (Some(t), Some(h)) = (p.target, p.handler) {
                return Ok((t, h));
            }
        }
        Err(self.throw_type_error(&format!("Cannot perform '{operation}' on a proxy that has been revoked")))
    }

    /// GetMethod(handler, name) with V8's message for a trap that is not callable.
    fn proxy_trap(&mut self, handler: ObjRef, name: &str) -> JsResult<Option<Value>> {
        let trap = self.get(handler, &PropertyKey::from(name))?;
        if trap.is_nullish() {
            return Ok(None);
        }
        if !self.is_callable(&trap) {
            let msg = format!(
                "'{}' returned for property '{name}' of object '{}' is not a function",
                shown(self, &trap),
                self.describe_object_for_error(handler)
            );
            return Err(self.throw_type_error(&msg));
        }
        Ok(Some(trap))
    }

    fn proxy_error(&mut self, trap: &str, detail: &str) -> Value {
        self.throw_type_error(&format!("'{trap}' on proxy: {detail}"))
    }

    /// [[GetPrototypeOf]] (§10.5.1).
    pub(crate) fn proxy_get_prototype_of(&mut self, o: ObjRef) -> JsResult<Option<ObjRef>> {
        let (target, handler) = self.proxy_parts(o, "getPrototypeOf")?;
        let Some(trap) = self.proxy_trap(handler, "getPrototypeOf")? else {
            return self.get_prototype_of(target);
        };
        let handler_proto = self.call(&trap, Value::Object(handler), &[Value::Object(target)])?;
        let handler_proto = match handler_proto {
            Value::Object(p) => Some(p),
            Value::Null => None,
            _ => return Err(self.proxy_error("getPrototypeOf", "trap returned neither object nor null")),
        };
        if self.is_extensible(target)? {
            return Ok(handler_proto);
        }
        let target_proto = self.get_prototype_of(target)?;
        if handler_proto != target_proto {
            return Err(self.proxy_error(
                "getPrototypeOf",
                "proxy target is non-extensible but the trap did not return its actual prototype",
            ));
        }
        Ok(handler_proto)
    }

    /// [[SetPrototypeOf]] (§10.5.2).
    pub(crate) fn proxy_set_prototype_of(&mut self, o: ObjRef, v: Option<ObjRef>) -> JsResult<bool> {
        let (target, handler) = self.proxy_parts(o, "setPrototypeOf")?;
        let Some(trap) = self.proxy_trap(handler, "setPrototypeOf")? else {
            return self.set_prototype_of(target, v);
        };
        let proto_value = v.map(Value::Object).unwrap_or(Value::Null);
        let r = self.call(&trap, Value::Object(handler), &[Value::Object(target), proto_value])?;
        if !self.to_boolean(&r) {
            return Ok(false);
        }
        if self.is_extensible(target)? {
            return Ok(true);
        }
        let target_proto = self.get_prototype_of(target)?;
        if v != target_proto {
            return Err(self.proxy_error(
                "setPrototypeOf",
                "trap returned truish for setting a new prototype on the non-extensible proxy target",
            ));
        }
        Ok(true)
    }

    /// [[IsExtensible]] (§10.5.3).
    pub(crate) fn proxy_is_extensible(&mut self, o: ObjRef) -> JsResult<bool> {
        let (target, handler) = self.proxy_parts(o, "isExtensible")?;
        let Some(trap) = self.proxy_trap(handler, "isExtensible")? else {
            return self.is_extensible(target);
        };
        let r = self.call(&trap, Value::Object(handler), &[Value::Object(target)])?;
        let result = self.to_boolean(&r);
        let target_result = self.is_extensible(target)?;
        if result != target_result {
            let detail =
                format!("trap result does not reflect extensibility of proxy target (which is '{target_result}')");
            return Err(self.proxy_error("isExtensible", &detail));
        }
        Ok(result)
    }

    /// [[PreventExtensions]] (§10.5.4).
    pub(crate) fn proxy_prevent_extensions(&mut self, o: ObjRef) -> JsResult<bool> {
        let (target, handler) = self.proxy_parts(o, "preventExtensions")?;
        let Some(trap) = self.proxy_trap(handler, "preventExtensions")? else {
            return self.prevent_extensions(target);
        };
        let r = self.call(&trap, Value::Object(handler), &[Value::Object(target)])?;
        let result = self.to_boolean(&r);
        if result && self.is_extensible(target)? {
            return Err(self.proxy_error("preventExtensions", "trap returned truish but the proxy target is extensible"));
        }
        Ok(result)
    }

    /// [[GetOwnProperty]] (§10.5.5).
    pub(crate) fn proxy_get_own_property(
        &mut self,
        o: ObjRef,
        key: &PropertyKey,
    ) -> JsResult<Option<PropertyDescriptor>> {
        const TRAP: &str = "getOwnPropertyDescriptor";
        let (target, handler) = self.proxy_parts(o, TRAP)?;
        let Some(trap) = self.proxy_trap(handler, TRAP)? else {
            return self.get_own_property(target, key);
        };
        // 8-9. The trap's answer must be an object or undefined.
        let result = self.call(&trap, Value::Object(handler), &[Value::Object(target), key.to_value()])?;
        if !result.is_object() && !result.is_undefined() {
            let detail = format!("trap returned neither object nor undefined for property '{}'", key_shown(key));
            return Err(self.proxy_error(TRAP, &detail));
        }
        let target_desc = self.get_own_property(target, key)?;
        // 11. undefined: the property may only be hidden when the target allows it to vanish.
        if result.is_undefined() {
            let Some(td) = target_desc else { return Ok(None) };
            if td.configurable == Some(false) {
                let detail = format!(
                    "trap returned undefined for property '{}' which is non-configurable in the proxy target",
                    key_shown(key)
                );
                return Err(self.proxy_error(TRAP, &detail));
            }
            if !self.is_extensible(target)? {
                let detail = format!(
                    "trap returned undefined for property '{}' which exists in the non-extensible proxy target",
                    key_shown(key)
                );
                return Err(self.proxy_error(TRAP, &detail));
            }
            return Ok(None);
        }
        // 12-15. A descriptor compatible with the target's property.
        let extensible_target = self.is_extensible(target)?;
        let mut result_desc = self.to_property_descriptor(&result)?;
        complete_property_descriptor(&mut result_desc);
        if !is_compatible_property_descriptor(extensible_target, &result_desc, target_desc.as_ref()) {
            let detail = format!(
                "trap returned descriptor for property '{}' that is incompatible with the existing property in the proxy target",
                key_shown(key)
            );
            return Err(self.proxy_error(TRAP, &detail));
        }
        // 16. Non-configurability may only be reported for a non-configurable target property.
        if result_desc.configurable == Some(false) {
            let target_configurable = target_desc.as_ref().and_then(|d| d.configurable);
            if target_configurable != Some(false) {
                let detail = format!(
                    "trap reported non-configurability for property '{}' which is either non-existent or configurable in the proxy target",
                    key_shown(key)
                );
                return Err(self.proxy_error(TRAP, &detail));
            }
            if result_desc.writable == Some(false) && target_desc.as_ref().and_then(|d| d.writable) == Some(true) {
                let detail = format!(
                    "trap reported non-configurable and writable for property '{}' which is non-configurable, non-writable in the proxy target",
                    key_shown(key)
                );
                return Err(self.proxy_error(TRAP, &detail));
            }
        }
        Ok(Some(result_desc))
    }

    /// [[DefineOwnProperty]] (§10.5.6).
    pub(crate) fn proxy_define_own_property(
        &mut self,
        o: ObjRef,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        const TRAP: &str = "defineProperty";
        let (target, handler) = self.proxy_parts(o, TRAP)?;
        let Some(trap) = self.proxy_trap(handler, TRAP)? else {
            return self.define_own_property(target, key, desc);
        };
        let desc_obj = self.from_property_descriptor(Some(&desc));
        let args = [Value::Object(target), key.to_value(), desc_obj];
        let r = self.call(&trap, Value::Object(handler), &args)?;
        if !self.to_boolean(&r) {
            return Ok(false);
        }
        let target_desc = self.get_own_property(target, &key)?;
        let extensible_target = self.is_extensible(target)?;
        let setting_config_false = desc.configurable == Some(false);
        match target_desc {
            None => {
                if !extensible_target {
                    let detail = format!(
                        "trap returned truish for adding property '{}'  to the non-extensible proxy target",
                        key_shown(&key)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
                if setting_config_false {
                    let detail = format!(
                        "trap returned truish for defining non-configurable property '{}' which is either non-existent or configurable in the proxy target",
                        key_shown(&key)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
            }
            Some(td) => {
                if !is_compatible_property_descriptor(extensible_target, &desc, Some(&td)) {
                    let detail = format!(
                        "trap returned truish for adding property '{}'  that is incompatible with the existing property in the proxy target",
                        key_shown(&key)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
                if setting_config_false && td.configurable == Some(true) {
                    let detail = format!(
                        "trap returned truish for defining non-configurable property '{}' which is either non-existent or configurable in the proxy target",
                        key_shown(&key)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
                if td.is_data()
                    && td.configurable == Some(false)
                    && td.writable == Some(true)
                    && desc.writable == Some(false)
                {
                    let detail = format!(
                        "trap returned truish for defining non-configurable property '{}' which cannot be non-writable, unless there exists a corresponding non-configurable, non-writable own property of the target object.",
                        key_shown(&key)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
            }
        }
        Ok(true)
    }

    /// [[HasProperty]] (§10.5.7).
    pub(crate) fn proxy_has_property(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<bool> {
        const TRAP: &str = "has";
        let (target, handler) = self.proxy_parts(o, TRAP)?;
        let Some(trap) = self.proxy_trap(handler, TRAP)? else {
            return self.has_property(target, key);
        };
        let r = self.call(&trap, Value::Object(handler), &[Value::Object(target), key.to_value()])?;
        let result = self.to_boolean(&r);
        if !result {
            if let Some(td) = self.get_own_property(target, key)? {
                if td.configurable == Some(false) {
                    let detail = format!(
                        "trap returned falsish for property '{}' which exists in the proxy target as non-configurable",
                        key_shown(key)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
                if !self.is_extensible(target)? {
                    let detail = format!(
                        "trap returned falsish for property '{}' but the proxy target is not extensible",
                        key_shown(key)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
            }
        }
        Ok(result)
    }

    /// [[Get]] (§10.5.8).
    pub(crate) fn proxy_get(&mut self, o: ObjRef, key: &PropertyKey, receiver: &Value) -> JsResult<Value> {
        const TRAP: &str = "get";
        let (target, handler) = self.proxy_parts(o, TRAP)?;
        let Some(trap) = self.proxy_trap(handler, TRAP)? else {
            return self.get_with_receiver(target, key, receiver);
        };
        let args = [Value::Object(target), key.to_value(), receiver.clone()];
        let result = self.call(&trap, Value::Object(handler), &args)?;
        if let Some(td) = self.get_own_property(target, key)? {
            if td.configurable == Some(false) {
                if td.is_data() && td.writable == Some(false) {
                    let actual = td.value.clone().unwrap_or(Value::Undefined);
                    if !crate::conversions::same_value(&result, &actual) {
                        let detail = format!(
                            "property '{}' is a read-only and non-configurable data property on the proxy target but the proxy did not return its actual value (expected '{}' but got '{}')",
                            key_shown(key),
                            shown(self, &actual),
                            shown(self, &result)
                        );
                        return Err(self.proxy_error(TRAP, &detail));
                    }
                }
                if td.is_accessor() && td.get.as_ref().is_none_or(Value::is_undefined) && !result.is_undefined() {
                    let detail = format!(
                        "property '{}' is a non-configurable accessor property on the proxy target and does not have a getter function, but the trap did not return 'undefined' (got '{}')",
                        key_shown(key),
                        shown(self, &result)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
            }
        }
        Ok(result)
    }

    /// [[Set]] (§10.5.9).
    pub(crate) fn proxy_set(&mut self, o: ObjRef, key: PropertyKey, value: Value, receiver: &Value) -> JsResult<bool> {
        const TRAP: &str = "set";
        let (target, handler) = self.proxy_parts(o, TRAP)?;
        let Some(trap) = self.proxy_trap(handler, TRAP)? else {
            return self.set(target, key, value, receiver);
        };
        let args = [Value::Object(target), key.to_value(), value.clone(), receiver.clone()];
        let r = self.call(&trap, Value::Object(handler), &args)?;
        if !self.to_boolean(&r) {
            return Ok(false);
        }
        if let Some(td) = self.get_own_property(target, &key)? {
            if td.configurable == Some(false) {
                if td.is_data() && td.writable == Some(false) {
                    let actual = td.value.clone().unwrap_or(Value::Undefined);
                    if !crate::conversions::same_value(&value, &actual) {
                        let detail = format!(
                            "trap returned truish for property '{}' which exists in the proxy target as a non-configurable and non-writable data property with a different value",
                            key_shown(&key)
                        );
                        return Err(self.proxy_error(TRAP, &detail));
                    }
                }
                if td.is_accessor() && td.set.as_ref().is_none_or(Value::is_undefined) {
                    let detail = format!(
                        "trap returned truish for property '{}' which exists in the proxy target as a non-configurable and non-writable accessor property without a setter",
                        key_shown(&key)
                    );
                    return Err(self.proxy_error(TRAP, &detail));
                }
            }
        }
        Ok(true)
    }

    /// [[Delete]] (§10.5.10).
    pub(crate) fn proxy_delete(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<bool> {
        const TRAP: &str = "deleteProperty";
        let (target, handler) = self.proxy_parts(o, TRAP)?;
        let Some(trap) = self.proxy_trap(handler, TRAP)? else {
            return self.delete_property(target, key);
        };
        let r = self.call(&trap, Value::Object(handler), &[Value::Object(target), key.to_value()])?;
        if !self.to_boolean(&r) {
            return Ok(false);
        }
        let Some(td) = self.get_own_property(target, key)? else { return Ok(true) };
        if td.configurable == Some(false) {
            let detail = format!(
                "trap returned truish for property '{}' which is non-configurable in the proxy target",
                key_shown(key)
            );
            return Err(self.proxy_error(TRAP, &detail));
        }
        if !self.is_extensible(target)? {
            let detail =
                format!("trap returned truish for property '{}' but the proxy target is non-extensible", key_shown(key));
            return Err(self.proxy_error(TRAP, &detail));
        }
        Ok(true)
    }

    /// [[OwnPropertyKeys]] (§10.5.11).
    pub(crate) fn proxy_own_property_keys(&mut self, o: ObjRef) -> JsResult<Vec<PropertyKey>> {
        const TRAP: &str = "ownKeys";
        let (target, handler) = self.proxy_parts(o, TRAP)?;
        let Some(trap) = self.proxy_trap(handler, TRAP)? else {
            return self.own_property_keys(target);
        };
        let array = self.call(&trap, Value::Object(handler), &[Value::Object(target)])?;
        // 8. CreateListFromArrayLike(trapResultArray, « String, Symbol »).
        let values = self.create_list_from_array_like(&array)?;
        let mut trap_result = Vec::with_capacity(values.len());
        let mut seen = HashSet::with_capacity(values.len());
        for v in values {
            let key = match &v {
                Value::String(s) => PropertyKey::from_string(s.clone()),
                Value::Symbol(s) => PropertyKey::Symbol(s.clone()),
                other => {
                    let msg = format!("{} is not a valid property name", shown(self, other));
                    return Err(self.throw_type_error(&msg));
                }
            };
            // 9. No duplicates.
            if !seen.insert(key.clone()) {
                return Err(self.proxy_error(TRAP, "trap returned duplicate entries"));
            }
            trap_result.push(key);
        }
        // 10-16. Sort the target's keys by configurability.
        let extensible_target = self.is_extensible(target)?;
        let target_keys = self.own_property_keys(target)?;
        let mut configurable_keys = Vec::new();
        let mut nonconfigurable_keys = Vec::new();
        for k in target_keys {
            match self.get_own_property(target, &k)? {
                Some(d) if d.configurable == Some(false) => nonconfigurable_keys.push(k),
                _ => configurable_keys.push(k),
            }
        }
        if extensible_target && nonconfigurable_keys.is_empty() {
            return Ok(trap_result);
        }
        // 17-19. Every non-configurable key must be reported.
        let mut unchecked: HashSet<PropertyKey> = trap_result.iter().cloned().collect();
        for k in &nonconfigurable_keys {
            if !unchecked.remove(k) {
                let detail = format!("trap result did not include '{}'", key_shown(k));
                return Err(self.proxy_error(TRAP, &detail));
            }
        }
        if extensible_target {
            return Ok(trap_result);
        }
        // 20-23. A non-extensible target's keys must be reported exactly.
        for k in &configurable_keys {
            if !unchecked.remove(k) {
                let detail = format!("trap result did not include '{}'", key_shown(k));
                return Err(self.proxy_error(TRAP, &detail));
            }
        }
        if !unchecked.is_empty() {
            return Err(self.proxy_error(TRAP, "trap returned extra keys but proxy target is non-extensible"));
        }
        Ok(trap_result)
    }

    /// [[Call]] (§10.5.12).
    pub(crate) fn proxy_call(&mut self, o: ObjRef, this: Value, args: &[Value]) -> JsResult<Value> {
        let (target, handler) = self.proxy_parts(o, "apply")?;
        let Some(trap) = self.proxy_trap(handler, "apply")? else {
            return self.call(&Value::Object(target), this, args);
        };
        let array = self.create_array_from_list(args.to_vec());
        self.call(&trap, Value::Object(handler), &[Value::Object(target), this, Value::Object(array)])
    }

    /// [[Construct]] (§10.5.13).
    pub(crate) fn proxy_construct(&mut self, o: ObjRef, args: &[Value], new_target: ObjRef) -> JsResult<Value> {
        let (target, handler) = self.proxy_parts(o, "construct")?;
        let Some(trap) = self.proxy_trap(handler, "construct")? else {
            return self.construct(target, args, Some(new_target));
        };
        let array = self.create_array_from_list(args.to_vec());
        let call_args = [Value::Object(target), Value::Object(array), Value::Object(new_target)];
        let result = self.call(&trap, Value::Object(handler), &call_args)?;
        if !result.is_object() {
            let detail = format!("trap returned non-object ('{}')", shown(self, &result));
            return Err(self.proxy_error("construct", &detail));
        }
        Ok(result)
    }
}
