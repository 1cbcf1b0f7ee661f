//! Private elements (§7.3.26-32): class private fields, methods and accessors. A Private Name
//! is a `Value::Symbol` that only the private-name instructions ever see (it never reaches a
//! property key); an object's private elements are kept apart from its properties, so proxies,
//! reflection and enumeration never see them.

use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::symbol::Symbol;
use crate::value::Value;
use crate::vm::Vm;

/// A PrivateElement (§6.2.10).
#[derive(Clone)]
pub enum PrivateElement {
    Field(Value),
    Method(ObjRef),
    Accessor { get: Option<ObjRef>, set: Option<ObjRef> },
}

/// An object's [[PrivateElements]].
#[derive(Default)]
pub struct PrivateElements {
    pub entries: Vec<(Symbol, PrivateElement)>,
}

impl Trace for PrivateElements {
    fn trace(&self, t: &mut Tracer) {
        for (_, e) in &self.entries {
            match e {
                PrivateElement::Field(v) => t.value(v),
                PrivateElement::Method(f) => t.obj(*f),
                PrivateElement::Accessor { get, set } => {
                    if let Some(g) = get {
                        t.obj(*g);
                    }
                    if let Some(s) = set {
                        t.obj(*s);
                    }
                }
            }
        }
    }
}

fn name_of(key: &Symbol) -> String {
    key.description().map(|d| d.to_rust_lossy()).unwrap_or_default()
}

impl Vm {
    fn private_find(&self, o: ObjRef, key: &Symbol) -> Option<PrivateElement> {
        let p = self.heap.get(o).private.as_ref()?;
        p.entries.iter().find(|(k, _)| k == key).map(|(_, e)| e.clone())
    }

    /// PrivateFieldAdd (§7.3.31) and PrivateMethodOrAccessorAdd (§7.3.32). An accessor half
    /// joins an existing accessor of the same name (a getter/setter pair).
    pub fn private_element_add(&mut self, o: &Value, key: &Value, element: PrivateElement) -> JsResult<()> {
        let (Value::Object(o), Value::Symbol(key)) = (o, key) else { return Ok(()) };
        if let PrivateElement::Accessor { get, set } = &element {
            let obj = self.heap.get_mut(*o);
            if let Some(p) = obj.private.as_mut() {
                if let Some((_, PrivateElement::Accessor { get: g, set: s })) = p.entries.iter_mut().find(|(k, _)| k == key) {
                    if get.is_some() && g.is_none() {
                        *g = *get;
                        return Ok(());
                    }
                    if set.is_some() && s.is_none() {
                        *s = *set;
                        return Ok(());
                    }
                }
            }
        }
        if self.private_find(*o, key).is_some() {
            let msg = format!("Cannot initialize {} twice on the same object", name_of(key));
            return Err(self.throw_type_error(&msg));
        }
        let obj = self.heap.get_mut(*o);
        obj.private.get_or_insert_with(Default::default).entries.push((key.clone(), element));
        Ok(())
    }

    /// PrivateGet (§7.3.29).
    pub fn private_get(&mut self, o: &Value, key: &Value) -> JsResult<Value> {
        let Value::Symbol(key) = key else { return Ok(Value::Undefined) };
        let found = match o {
            Value::Object(obj) => self.private_find(*obj, key),
            _ => None,
        };
        match found {
            None => {
                let msg = format!("Cannot read private member {} from an object whose class did not declare it", name_of(key));
                Err(self.throw_type_error(&msg))
            }
            Some(PrivateElement::Field(v)) => Ok(v),
            Some(PrivateElement::Method(f)) => Ok(Value::Object(f)),
            Some(PrivateElement::Accessor { get: Some(g), .. }) => self.call(&Value::Object(g), o.clone(), &[]),
            Some(PrivateElement::Accessor { get: None, .. }) => {
                let msg = format!("'{}' was defined without a getter", name_of(key));
                Err(self.throw_type_error(&msg))
            }
        }
    }

    /// PrivateSet (§7.3.30).
    pub fn private_set(&mut self, o: &Value, key: &Value, value: Value) -> JsResult<()> {
        let Value::Symbol(key) = key else { return Ok(()) };
        let found = match o {
            Value::Object(obj) => self.private_find(*obj, key),
            _ => None,
        };
        match found {
            None => {
                let msg = format!("Cannot write private member {} to an object whose class did not declare it", name_of(key));
                Err(self.throw_type_error(&msg))
            }
            Some(PrivateElement::Field(_)) => {
                if let Value::Object(obj) = o {
                    if let Some(p) = self.heap.get_mut(*obj).private.as_mut() {
                        if let Some((_, PrivateElement::Field(v))) = p.entries.iter_mut().find(|(k, _)| k == key) {
                            *v = value;
                        }
                    }
                }
                Ok(())
            }
            Some(PrivateElement::Method(_)) => {
                let msg = format!("Private method '{}' is not writable", name_of(key));
                Err(self.throw_type_error(&msg))
            }
            Some(PrivateElement::Accessor { set: Some(s), .. }) => self.call(&Value::Object(s), o.clone(), &[value]).map(|_| ()),
            Some(PrivateElement::Accessor { set: None, .. }) => {
                let msg = format!("'{}' was defined without a setter", name_of(key));
                Err(self.throw_type_error(&msg))
            }
        }
    }

    /// `#x in o` (§13.10.1, PrivateIdentifier `in`).
    pub fn private_in(&mut self, o: &Value, key: &Value) -> JsResult<bool> {
        let Value::Symbol(k) = key else { return Ok(false) };
        let Value::Object(obj) = o else {
            let shown = self.describe_for_error(o);
            let msg = format!("Cannot use 'in' operator to search for '{}' in {shown}", name_of(k));
            return Err(self.throw_type_error(&msg));
        };
        Ok(self.private_find(*obj, k).is_some())
    }
}
