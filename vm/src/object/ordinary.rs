//! The object internal methods (§10.1 ordinary objects), with the Array (§10.4.2) and String
//! (§10.4.3) exotic behaviour folded in. Other exotic objects (proxies, module namespaces, ...)
//! hook in at the top of each method by matching on `ObjectKind`.

use std::cell::Cell;

use crate::error::JsResult;
use crate::gc::{Heap, ObjRef};
use crate::object::{arguments, namespace};
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyDescriptor, PropertyKey, Slot};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// What a property lookup on one object found, without building a descriptor.
enum Found {
    Data(Value),
    Accessor(Option<ObjRef>),
}

#[inline]
fn is_length(key: &PropertyKey) -> bool {
    matches!(key, PropertyKey::String(s) if s.len() == 6 && s.eq_str("length"))
}

/// The own property `key` of `obj`, looked up without side effects (not for proxies).
fn own_lookup(obj: &Object, key: &PropertyKey) -> Option<Found> {
    match (&obj.kind, key) {
        (ObjectKind::Array(a), PropertyKey::Index(i)) => {
            if let Some(v) = a.dense.get(*i as usize) {
                if !v.is_empty() {
                    return Some(Found::Data(v.clone()));
                }
            }
        }
        (ObjectKind::Array(a), k) if is_length(k) => return Some(Found::Data(Value::Number(a.length as f64))),
        (ObjectKind::String(s), PropertyKey::Index(i)) => {
            if let Some(u) = s.at(*i as usize) {
                return Some(Found::Data(Value::String(JsString::from_code_unit(u))));
            }
        }
        (ObjectKind::String(s), k) if is_length(k) => return Some(Found::Data(Value::Number(s.len() as f64))),
        (ObjectKind::Bytes(b), PropertyKey::Index(i)) => {
            return b.get(*i as usize).map(|&byte| Found::Data(Value::Number(byte as f64)));
        }
        _ => {}
    }
    match obj.props.get(key)? {
        Slot::Data { value, .. } => Some(Found::Data(value.clone())),
        Slot::Accessor { get, .. } => Some(Found::Accessor(*get)),
    }
}

/// What `lookup_data_property` found.
pub enum DataLookup<'a> {
    /// A data property's value.
    Found(&'a Value),
    /// No such property anywhere on the chain: the [[Get]] result is undefined.
    Absent,
    /// An accessor, a proxy, a module namespace or an exotic own property is involved: use the
    /// full [[Get]].
    Slow,
}

/// [[Get]] of `key` on `o` when it cannot run code and finds a data property (or nothing):
/// the prototype chain is walked through the property maps, with `hint` the position where
/// the key was found last time (updated on success). The interpreter's fast path.
#[inline]
pub fn lookup_data_property<'a>(heap: &'a Heap, o: ObjRef, key: &PropertyKey, hint: &Cell<u32>) -> DataLookup<'a> {
    let mut cur = o;
    loop {
        let obj = heap.get(cur);
        match &obj.kind {
            ObjectKind::Proxy(_) => return DataLookup::Slow,
            // A namespace's [[Get]] of a string key (§10.4.6.8): the export's binding, or
            // undefined for a name it does not export; uninitialised bindings throw (slow path).
            ObjectKind::Namespace(ns) if !key.is_symbol() => {
                return match ns.exports.get(key) {
                    Some(&cell) => match heap.cell(cell) {
                        Value::Empty => DataLookup::Slow,
                        v => DataLookup::Found(v),
                    },
                    None => DataLookup::Absent,
                };
            }
            ObjectKind::Namespace(_) => return DataLookup::Slow,
            ObjectKind::Array(_) | ObjectKind::String(_) if matches!(key, PropertyKey::Index(_)) || is_length(key) => {
                return DataLookup::Slow
            }
            ObjectKind::Arguments(Some(_)) | ObjectKind::Bytes(_) if matches!(key, PropertyKey::Index(_)) => {
                return DataLookup::Slow
            }
            _ => {}
        }
        let props = &obj.props;
        if let Some(i) = props.index_of_at(hint.get() as usize, key).or_else(|| props.get_index_of(key)) {
            hint.set(i as u32);
            return match props.get_index(i) {
                Some((_, Slot::Data { value, .. })) => DataLookup::Found(value),
                _ => DataLookup::Slow,
            };
        }
        match obj.proto {
            Some(p) => cur = p,
            None => return DataLookup::Absent,
        }
    }
}

/// [[Set]] of `key` on `o` when `o` itself has `key` as a writable data property and no exotic
/// behaviour applies: the value is replaced in place (`Ok`). Otherwise the value is handed back
/// (`Err`) for the full [[Set]].
#[inline]
pub fn set_own_data_property(heap: &mut Heap, o: ObjRef, key: &PropertyKey, value: Value, hint: &Cell<u32>) -> Result<(), Value> {
    let obj = heap.get_mut(o);
    match &obj.kind {
        ObjectKind::Proxy(_) | ObjectKind::Namespace(_) => return Err(value),
        ObjectKind::Array(_) | ObjectKind::String(_) if matches!(key, PropertyKey::Index(_)) || is_length(key) => {
            return Err(value)
        }
        ObjectKind::Arguments(Some(_)) if matches!(key, PropertyKey::Index(_)) => return Err(value),
        _ => {}
    }
    let props = &mut obj.props;
    let Some(i) = props.index_of_at(hint.get() as usize, key).or_else(|| props.get_index_of(key)) else {
        return Err(value);
    };
    match props.get_index_mut(i) {
        Some((_, Slot::Data { value: v, attrs: a })) if *a & attrs::WRITABLE != 0 => {
            hint.set(i as u32);
            *v = value;
            Ok(())
        }
        _ => Err(value),
    }
}

/// What OrdinarySet (§10.1.9) of `key` on `o`, with `o` as the receiver, comes to when it
/// can be decided from the property maps alone.
enum PlainSet {
    /// `o` lacks `key`, is extensible, and the chain has no accessor, no read-only data
    /// property and no exotic behaviour for `key`: a new writable, enumerable, configurable
    /// data property goes on `o` (steps 1.a-c, 2.c-e of OrdinarySetWithOwnDescriptor).
    AddToReceiver,
    /// A prototype has `key` as a read-only data property: the [[Set]] fails (step 2.a).
    ReadOnly,
    /// Anything else: the full [[Set]].
    Slow,
}

/// Whether `obj` behaves as an ordinary object for [[GetOwnProperty]]/[[DefineOwnProperty]]
/// of `key`.
#[inline]
fn plain_for_key(obj: &Object, key: &PropertyKey) -> bool {
    match &obj.kind {
        ObjectKind::Ordinary | ObjectKind::Function(_) | ObjectKind::NativeFunction(_) | ObjectKind::Error => true,
        ObjectKind::Array(_) => !matches!(key, PropertyKey::Index(_)) && !is_length(key),
        _ => false,
    }
}

/// Whether [[Set]] of element `i` on array `o` (its own receiver) is an append to its dense
/// elements: `i` is the length, all elements are dense, the array is extensible with a
/// writable length, and no prototype has element `i` (ArraySetLength and
/// ValidateAndApplyPropertyDescriptor then just add the element and bump the length).
fn appends_dense_element(heap: &Heap, o: ObjRef, i: u32) -> bool {
    let obj = heap.get(o);
    let ObjectKind::Array(a) = &obj.kind else { return false };
    let key = PropertyKey::Index(i);
    if !obj.extensible
        || !a.length_writable
        || i != a.length
        || a.dense.len() != a.length as usize
        || i >= u32::MAX - 1
        || obj.props.contains_key(&key)
    {
        return false;
    }
    let mut next = obj.proto;
    while let Some(p) = next {
        let proto = heap.get(p);
        match &proto.kind {
            ObjectKind::Ordinary => {}
            ObjectKind::Array(pa) if pa.dense.len() <= i as usize => {}
            _ => return false,
        }
        if proto.props.contains_key(&key) {
            return false;
        }
        next = proto.proto;
    }
    true
}

fn plain_set_outcome(heap: &Heap, o: ObjRef, key: &PropertyKey) -> PlainSet {
    let receiver = heap.get(o);
    // The receiver gets the new property through ValidateAndApplyPropertyDescriptor, which
    // an extensible object without the key, ordinary for it, accepts as a plain insertion.
    if !plain_for_key(receiver, key) || !receiver.extensible || receiver.props.contains_key(key) {
        return PlainSet::Slow;
    }
    let mut next = receiver.proto;
    while let Some(p) = next {
        let obj = heap.get(p);
        if !plain_for_key(obj, key) {
            return PlainSet::Slow;
        }
        match obj.props.get(key) {
            Some(Slot::Data { attrs: a, .. }) if *a & attrs::WRITABLE != 0 => return PlainSet::AddToReceiver,
            Some(Slot::Data { .. }) => return PlainSet::ReadOnly,
            Some(Slot::Accessor { .. }) => return PlainSet::Slow,
            None => next = obj.proto,
        }
    }
    PlainSet::AddToReceiver
}

impl Vm {
    /// [[GetPrototypeOf]] — OrdinaryGetPrototypeOf (§10.1.1.1), or the proxy's.
    pub fn get_prototype_of(&mut self, o: ObjRef) -> JsResult<Option<ObjRef>> {
        if self.is_proxy(o) {
            return self.nested(|vm| vm.proxy_get_prototype_of(o));
        }
        Ok(self.heap.get(o).proto)
    }

    /// [[SetPrototypeOf]] — OrdinarySetPrototypeOf (§10.1.2.1); %Object.prototype% is an
    /// immutable prototype exotic object (§10.4.7) and proxies ask their handler.
    pub fn set_prototype_of(&mut self, o: ObjRef, v: Option<ObjRef>) -> JsResult<bool> {
        if self.is_proxy(o) {
            return self.nested(|vm| vm.proxy_set_prototype_of(o, v));
        }
        // SetImmutablePrototype (§10.4.7.2): only the current prototype may be "set".
        if o == self.intrinsic(crate::realm::Intrinsic::ObjectPrototype) {
            return Ok(self.heap.get(o).proto == v);
        }
        // 1-3. Same value: nothing to do.
        let current = self.heap.get(o).proto;
        if current == v {
            return Ok(true);
        }
        // 4-5. A non-extensible object's prototype cannot change.
        if !self.heap.get(o).extensible {
            return Ok(false);
        }
        // 6-8. Refuse to create a cycle (stopping at objects with a non-ordinary [[GetPrototypeOf]]).
        let mut p = v;
        while let Some(pr) = p {
            if pr == o {
                return Ok(false);
            }
            // 8.c.i. A proxy's [[GetPrototypeOf]] is not ordinary: stop looking.
            if self.is_proxy(pr) {
                break;
            }
            p = self.heap.get(pr).proto;
        }
        // 9. Set O.[[Prototype]] to V.
        self.heap.get_mut(o).proto = v;
        Ok(true)
    }

    /// [[IsExtensible]] — OrdinaryIsExtensible (§10.1.3.1), or the proxy's.
    pub fn is_extensible(&mut self, o: ObjRef) -> JsResult<bool> {
        if self.is_proxy(o) {
            return self.nested(|vm| vm.proxy_is_extensible(o));
        }
        Ok(self.heap.get(o).extensible)
    }

    /// [[PreventExtensions]] — OrdinaryPreventExtensions (§10.1.4.1), or the proxy's.
    pub fn prevent_extensions(&mut self, o: ObjRef) -> JsResult<bool> {
        if self.is_proxy(o) {
            return self.nested(|vm| vm.proxy_prevent_extensions(o));
        }
        self.heap.get_mut(o).extensible = false;
        Ok(true)
    }

    /// [[GetOwnProperty]] (§10.1.5, §10.4.2, §10.4.3.1, §10.5.5).
    pub fn get_own_property(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<Option<PropertyDescriptor>> {
        if is_namespace(self, o) && !key.is_symbol() {
            return namespace::namespace_get_own_property(self, o, key);
        }
        if self.is_proxy(o) {
            return self.nested(|vm| vm.proxy_get_own_property(o, key));
        }
        Ok(self.get_own_property_plain(o, key))
    }

    /// [[GetOwnProperty]] for objects whose method cannot run code.
    pub fn get_own_property_plain(&self, o: ObjRef, key: &PropertyKey) -> Option<PropertyDescriptor> {
        let obj = self.heap.get(o);
        match (&obj.kind, key) {
            (ObjectKind::Array(a), PropertyKey::Index(i)) => {
                if let Some(v) = a.dense.get(*i as usize) {
                    if !v.is_empty() {
                        return Some(PropertyDescriptor::data_attrs(v.clone(), attrs::ALL));
                    }
                }
            }
            (ObjectKind::Array(a), k) if is_length(k) => {
                return Some(PropertyDescriptor::data(Value::Number(a.length as f64), a.length_writable, false, false));
            }
            // StringGetOwnProperty (§10.4.3.5)
            (ObjectKind::String(s), PropertyKey::Index(i)) => {
                if let Some(u) = s.at(*i as usize) {
                    let ch = Value::String(JsString::from_code_unit(u));
                    return Some(PropertyDescriptor::data(ch, false, true, false));
                }
            }
            (ObjectKind::String(s), k) if is_length(k) => {
                return Some(PropertyDescriptor::data(Value::Number(s.len() as f64), false, false, false));
            }
            (ObjectKind::Bytes(b), PropertyKey::Index(i)) => {
                let byte = b.get(*i as usize)?;
                return Some(PropertyDescriptor::data_attrs(Value::Number(*byte as f64), attrs::ALL));
            }
            // §10.4.4.1: a mapped element's value is its parameter's.
            (ObjectKind::Arguments(Some(map)), PropertyKey::Index(_)) => {
                let mut desc = obj.props.get(key).map(Slot::to_descriptor)?;
                if let Some(cell) = map.mapped(key) {
                    desc.value = Some(self.heap.cell(cell).clone());
                }
                return Some(desc);
            }
            _ => {}
        }
        obj.props.get(key).map(Slot::to_descriptor)
    }

    /// [[DefineOwnProperty]] (§10.1.6, §10.4.2.1, §10.4.3.2).
    pub fn define_own_property(&mut self, o: ObjRef, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<bool> {
        match &self.heap.get(o).kind {
            ObjectKind::Proxy(_) => self.nested(|vm| vm.proxy_define_own_property(o, key, desc)),
            ObjectKind::Array(_) => array_define_own_property(self, o, key, desc),
            ObjectKind::Namespace(_) if !key.is_symbol() => namespace::namespace_define_own_property(self, o, &key, &desc),
            ObjectKind::String(s) => {
                // §10.4.3.2: the string's own index and length properties are fixed.
                let fixed = match &key {
                    PropertyKey::Index(i) => (*i as usize) < s.len(),
                    k => is_length(k),
                };
                if fixed {
                    let current = self.get_own_property_plain(o, &key);
                    return Ok(is_compatible_property_descriptor(false, &desc, current.as_ref()));
                }
                Ok(ordinary_define_own_property(self, o, key, desc))
            }
            ObjectKind::Bytes(_) if matches!(key, PropertyKey::Index(_)) => bytes_define_own_property(self, o, &key, desc),
            ObjectKind::Arguments(Some(_)) => Ok(arguments::arguments_define_own_property(self, o, key, desc)),
            _ => Ok(ordinary_define_own_property(self, o, key, desc)),
        }
    }

    /// [[HasProperty]] — OrdinaryHasProperty (§10.1.7.1).
    pub fn has_property(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<bool> {
        let mut cur = o;
        loop {
            if self.is_proxy(cur) {
                return self.nested(|vm| vm.proxy_has_property(cur, key));
            }
            let obj = self.heap.get(cur);
            if let (ObjectKind::Namespace(_), false) = (&obj.kind, key.is_symbol()) {
                return Ok(namespace::namespace_has_export(self, cur, key));
            }
            if own_lookup(obj, key).is_some() {
                return Ok(true);
            }
            match obj.proto {
                Some(p) => cur = p,
                None => return Ok(false),
            }
        }
    }

    /// HasOwnProperty (§7.3.12).
    pub fn has_own_property(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<bool> {
        Ok(self.get_own_property(o, key)?.is_some())
    }

    /// [[Get]] with the object itself as receiver.
    #[inline]
    pub fn get(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<Value> {
        self.get_with_receiver(o, key, &Value::Object(o))
    }

    /// [[Get]] — OrdinaryGet (§10.1.8.1), walking the prototype chain.
    pub fn get_with_receiver(&mut self, o: ObjRef, key: &PropertyKey, receiver: &Value) -> JsResult<Value> {
        let mut cur = o;
        loop {
            if self.is_proxy(cur) {
                return self.nested(|vm| vm.proxy_get(cur, key, receiver));
            }
            let obj = self.heap.get(cur);
            if let (ObjectKind::Namespace(_), false) = (&obj.kind, key.is_symbol()) {
                return namespace::namespace_get(self, cur, key);
            }
            // §10.4.4.3: a mapped element reads its parameter.
            if let ObjectKind::Arguments(Some(map)) = &obj.kind {
                if let Some(cell) = map.mapped(key) {
                    return Ok(self.heap.cell(cell).clone());
                }
            }
            match own_lookup(obj, key) {
                Some(Found::Data(v)) => return Ok(v),
                Some(Found::Accessor(Some(getter))) => return self.call(&Value::Object(getter), receiver.clone(), &[]),
                Some(Found::Accessor(None)) => return Ok(Value::Undefined),
                None => match obj.proto {
                    Some(p) => cur = p,
                    None => return Ok(Value::Undefined),
                },
            }
        }
    }

    /// GetV (§7.3.3): property lookup on any value (primitives use their prototype).
    pub fn get_v(&mut self, v: &Value, key: &PropertyKey) -> JsResult<Value> {
        match v {
            Value::Object(o) => self.get(*o, key),
            Value::String(s) => {
                match key {
                    PropertyKey::Index(i) => {
                        if let Some(u) = s.at(*i as usize) {
                            return Ok(Value::String(JsString::from_code_unit(u)));
                        }
                    }
                    k if is_length(k) => return Ok(Value::Number(s.len() as f64)),
                    _ => {}
                }
                let proto = self.intrinsic(crate::realm::Intrinsic::StringPrototype);
                self.get_with_receiver(proto, key, v)
            }
            _ => {
                let o = self.to_object(v)?;
                let proto = self.heap.get(o).proto;
                match proto {
                    Some(p) => self.get_with_receiver(p, key, v),
                    None => Ok(Value::Undefined),
                }
            }
        }
    }

    /// [[Set]] — OrdinarySet (§10.1.9.1).
    pub fn set(&mut self, o: ObjRef, key: PropertyKey, value: Value, receiver: &Value) -> JsResult<bool> {
        // A byte array's indices are always its own (written, or ignored past the end).
        if let (ObjectKind::Bytes(_), PropertyKey::Index(i), Value::Object(r)) = (&self.heap.get(o).kind, &key, receiver) {
            if *r == o {
                let byte = to_uint8(self.to_number(&value)?);
                if let ObjectKind::Bytes(b) = &mut self.heap.get_mut(o).kind {
                    if let Some(slot) = b.get_mut(*i as usize) {
                        *slot = byte;
                    }
                }
                return Ok(true);
            }
        }
        // Fast path: the receiver is the object and the property is an own writable data
        // property of an ordinary object or a dense array element.
        if let Value::Object(r) = receiver {
            if *r == o {
                let obj = self.heap.get_mut(o);
                match (&mut obj.kind, &key) {
                    (ObjectKind::Array(a), PropertyKey::Index(i)) => {
                        if let Some(slot) = a.dense.get_mut(*i as usize) {
                            if !slot.is_empty() {
                                *slot = value;
                                return Ok(true);
                            }
                        }
                    }
                    (ObjectKind::Ordinary, _) | (ObjectKind::NativeFunction(_), _) | (ObjectKind::Error, _) => {
                        if let Some(Slot::Data { value: v, attrs: a }) = obj.props.get_mut(&key) {
                            if *a & attrs::WRITABLE != 0 {
                                *v = value;
                                return Ok(true);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        // Fast path: no object on the chain is exotic for `key` or holds it as an accessor, so
        // OrdinarySet ends in CreateDataProperty on the receiver (or fails on a read-only one).
        if matches!(receiver, Value::Object(r) if *r == o) {
            if let PropertyKey::Index(i) = key {
                if appends_dense_element(&self.heap, o, i) {
                    if let ObjectKind::Array(a) = &mut self.heap.get_mut(o).kind {
                        let before = a.dense.capacity();
                        a.dense.push(value);
                        a.length += 1;
                        let grown = (a.dense.capacity() - before) * std::mem::size_of::<Value>();
                        self.heap.note_bytes(grown);
                        return Ok(true);
                    }
                }
            }
            match plain_set_outcome(&self.heap, o, &key) {
                PlainSet::AddToReceiver => {
                    self.insert_new_property(o, key, Slot::Data { value, attrs: attrs::ALL });
                    return Ok(true);
                }
                PlainSet::ReadOnly => return Ok(false),
                PlainSet::Slow => {}
            }
        }
        // §10.4.6.9: a module namespace's [[Set]] always fails.
        if is_namespace(self, o) {
            return Ok(false);
        }
        // §10.4.4.4: setting a mapped element on the arguments object itself writes its
        // parameter, then the element as usual.
        if matches!(receiver, Value::Object(r) if *r == o) {
            if let Some(cell) = arguments::mapped_cell(self, o, &key) {
                self.heap.cell_set(cell, value.clone());
            }
        }
        if self.is_proxy(o) {
            return self.nested(|vm| vm.proxy_set(o, key, value, receiver));
        }
        let own = self.get_own_property(o, &key)?;
        self.ordinary_set_with_own_descriptor(o, key, value, receiver, own)
    }

    /// OrdinarySetWithOwnDescriptor (§10.1.9.2).
    pub fn ordinary_set_with_own_descriptor(
        &mut self,
        o: ObjRef,
        key: PropertyKey,
        value: Value,
        receiver: &Value,
        own: Option<PropertyDescriptor>,
    ) -> JsResult<bool> {
        // 1. If ownDesc is undefined, then
        let own = match own {
            Some(d) => d,
            None => {
                // a-b. Defer to the prototype, if any.
                if let Some(parent) = self.get_prototype_of(o)? {
                    return self.set(parent, key, value, receiver);
                }
                // c. Otherwise behave as if a writable data property with value undefined existed.
                PropertyDescriptor::data(Value::Undefined, true, true, true)
            }
        };
        // 2. If IsDataDescriptor(ownDesc) is true, then
        if own.is_data() {
            // a. Not writable: fail.
            if own.writable != Some(true) {
                return Ok(false);
            }
            // b. The receiver must be an object.
            let Value::Object(r) = receiver else { return Ok(false) };
            let r = *r;
            // c-d. Update the receiver's own property, or create one.
            match self.get_own_property(r, &key)? {
                Some(existing) => {
                    if existing.is_accessor() || existing.writable != Some(true) {
                        return Ok(false);
                    }
                    let d = PropertyDescriptor { value: Some(value), ..Default::default() };
                    self.define_own_property(r, key, d)
                }
                None => self.define_own_property(r, key, PropertyDescriptor::data(value, true, true, true)),
            }
        } else {
            // 3-7. Accessor: call the setter, if there is one.
            match own.set {
                Some(setter @ Value::Object(_)) => {
                    self.call(&setter, receiver.clone(), &[value])?;
                    Ok(true)
                }
                _ => Ok(false),
            }
        }
    }

    /// [[Delete]] — OrdinaryDelete (§10.1.10.1).
    pub fn delete_property(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<bool> {
        // §10.4.6.10: an export cannot be deleted; anything else "is deleted" already.
        if is_namespace(self, o) && !key.is_symbol() {
            return Ok(!namespace::namespace_has_export(self, o, key));
        }
        if self.is_proxy(o) {
            return self.nested(|vm| vm.proxy_delete(o, key));
        }
        if let (ObjectKind::Bytes(b), PropertyKey::Index(i)) = (&self.heap.get(o).kind, key) {
            return Ok(*i as usize >= b.len());
        }
        let Some(desc) = self.get_own_property(o, key)? else { return Ok(true) };
        if desc.configurable != Some(true) {
            return Ok(false);
        }
        let obj = self.heap.get_mut(o);
        if let (ObjectKind::Array(a), PropertyKey::Index(i)) = (&mut obj.kind, key) {
            let i = *i as usize;
            if i < a.dense.len() && !a.dense[i].is_empty() {
                if i + 1 == a.dense.len() {
                    a.dense.pop();
                } else {
                    a.dense[i] = Value::Empty;
                }
                return Ok(true);
            }
        }
        let mapped = matches!(obj.kind, ObjectKind::Arguments(Some(_)));
        obj.props.shift_remove(key);
        // §10.4.4.5: a deleted element is no longer mapped.
        if mapped {
            arguments::arguments_deleted(self, o, key);
        }
        Ok(true)
    }

    /// [[OwnPropertyKeys]] — OrdinaryOwnPropertyKeys (§10.1.11.1): integer indices ascending,
    /// then strings, then symbols, each in creation order.
    pub fn own_property_keys(&mut self, o: ObjRef) -> JsResult<Vec<PropertyKey>> {
        if self.is_proxy(o) {
            return self.nested(|vm| vm.proxy_own_property_keys(o));
        }
        Ok(self.own_property_keys_plain(o))
    }

    pub fn own_property_keys_plain(&self, o: ObjRef) -> Vec<PropertyKey> {
        if is_namespace(self, o) {
            return namespace::namespace_own_property_keys(self, o);
        }
        let obj = self.heap.get(o);
        let mut keys = Vec::with_capacity(obj.props.len() + 1);
        let mut indices: Vec<u32> = Vec::new();
        match &obj.kind {
            ObjectKind::Array(a) => {
                for (i, v) in a.dense.iter().enumerate() {
                    if !v.is_empty() {
                        indices.push(i as u32);
                    }
                }
            }
            ObjectKind::String(s) => indices.extend(0..s.len() as u32),
            ObjectKind::Bytes(b) => indices.extend(0..b.len() as u32),
            _ => {}
        }
        let dense_count = indices.len();
        for k in obj.props.keys() {
            if let PropertyKey::Index(i) = k {
                indices.push(*i);
            }
        }
        if indices.len() > dense_count {
            indices.sort_unstable();
        }
        keys.extend(indices.into_iter().map(PropertyKey::Index));
        match &obj.kind {
            ObjectKind::Array(_) | ObjectKind::String(_) => keys.push(PropertyKey::from("length")),
            _ => {}
        }
        for k in obj.props.keys() {
            if let PropertyKey::String(_) = k {
                keys.push(k.clone());
            }
        }
        for k in obj.props.keys() {
            if let PropertyKey::Symbol(_) = k {
                keys.push(k.clone());
            }
        }
        keys
    }

    // ----- operations built on the internal methods (§7.3) -----------------------------------

    /// CreateDataProperty (§7.3.5).
    pub fn create_data_property(&mut self, o: ObjRef, key: PropertyKey, value: Value) -> JsResult<bool> {
        self.define_own_property(o, key, PropertyDescriptor::data(value, true, true, true))
    }

    /// CreateDataPropertyOrThrow (§7.3.7).
    pub fn create_data_property_or_throw(&mut self, o: ObjRef, key: PropertyKey, value: Value) -> JsResult<()> {
        let shown = key.display();
        if !self.create_data_property(o, key, value)? {
            return Err(self.throw_type_error(&format!("Cannot add property {shown}, object is not extensible")));
        }
        Ok(())
    }

    /// DefinePropertyOrThrow (§7.3.9), with V8's messages for the reasons it can fail.
    pub fn define_property_or_throw(&mut self, o: ObjRef, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<()> {
        let shown = key.display();
        let existed = !self.is_proxy(o) && self.get_own_property_plain(o, &key).is_some();
        if !self.define_own_property(o, key, desc)? {
            let msg = if self.is_proxy(o) {
                format!("'defineProperty' on proxy: trap returned falsish for property '{shown}'")
            } else if !existed && !self.heap.get(o).extensible {
                format!("Cannot define property {shown}, object is not extensible")
            } else {
                format!("Cannot redefine property: {shown}")
            };
            return Err(self.throw_type_error(&msg));
        }
        Ok(())
    }

    /// IsArray (§7.2.2): arrays, and proxies whose target is an array.
    pub fn is_array(&mut self, v: &Value) -> JsResult<bool> {
        let Value::Object(mut o) = v else { return Ok(false) };
        loop {
            match &self.heap.get(o).kind {
                ObjectKind::Array(_) => return Ok(true),
                ObjectKind::Proxy(_) => o = self.proxy_parts(o, "IsArray")?.0,
                _ => return Ok(false),
            }
        }
    }

    /// GetPrototypeFromConstructor (§10.1.14): `constructor.prototype` when it is an object,
    /// otherwise the realm's intrinsic default (there is one realm).
    pub fn get_prototype_from_constructor(&mut self, constructor: ObjRef, default: Intrinsic) -> JsResult<ObjRef> {
        let key = self.interp.common_keys.prototype.clone();
        let proto = self.get(constructor, &key)?;
        match proto {
            Value::Object(p) => Ok(p),
            _ => {
                // 3.a. GetFunctionRealm throws for a revoked proxy.
                self.get_function_realm(constructor)?;
                Ok(self.intrinsic(default))
            }
        }
    }

    /// GetFunctionRealm (§7.3.24): always the one realm, but a revoked proxy still throws.
    pub fn get_function_realm(&mut self, f: ObjRef) -> JsResult<()> {
        let mut cur = f;
        loop {
            match &self.heap.get(cur).kind {
                ObjectKind::BoundFunction(b) => cur = b.target,
                ObjectKind::Proxy(_) => cur = self.proxy_parts(cur, "GetFunctionRealm")?.0,
                _ => return Ok(()),
            }
        }
    }

    /// OrdinaryCreateFromConstructor (§10.1.13) for an ordinary object.
    pub fn ordinary_create_from_constructor(&mut self, new_target: ObjRef, default: Intrinsic) -> JsResult<ObjRef> {
        self.object_create_from_constructor(new_target, default, ObjectKind::Ordinary)
    }

    /// OrdinaryCreateFromConstructor with the internal slots given by `kind`.
    pub fn object_create_from_constructor(
        &mut self,
        new_target: ObjRef,
        default: Intrinsic,
        kind: ObjectKind,
    ) -> JsResult<ObjRef> {
        let proto = self.get_prototype_from_constructor(new_target, default)?;
        Ok(self.heap.alloc(Object::new(Some(proto), kind)))
    }

    /// Set(O, P, V, Throw) (§7.3.4).
    pub fn put(&mut self, o: ObjRef, key: PropertyKey, value: Value, throw: bool) -> JsResult<()> {
        let shown = if throw { Some(key.clone()) } else { None };
        let ok = self.set(o, key, value, &Value::Object(o))?;
        if !ok {
            if let Some(key) = shown {
                return Err(self.failed_assignment_error(o, &key));
            }
        }
        Ok(())
    }

    /// The TypeError V8 throws when a strict-mode assignment to `o[key]` fails.
    pub fn failed_assignment_error(&mut self, o: ObjRef, key: &PropertyKey) -> Value {
        if self.is_proxy(o) {
            let msg = format!("'set' on proxy: trap returned falsish for property '{}'", key.display());
            return self.throw_type_error(&msg);
        }
        let exists = if is_namespace(self, o) {
            namespace::namespace_has_export(self, o, key) || self.heap.get(o).props.contains_key(key)
        } else {
            let mut cur = Some(o);
            let mut found = false;
            while let Some(c) = cur {
                if self.get_own_property_plain(c, key).is_some() {
                    found = true;
                    break;
                }
                cur = self.heap.get(c).proto;
            }
            found
        };
        // An index at or past a read-only array length: V8 names `length`.
        if let (ObjectKind::Array(arr), PropertyKey::Index(i)) = (&self.heap.get(o).kind, key) {
            if !arr.length_writable && *i >= arr.length {
                let msg = format!(
                    "Cannot assign to read only property 'length' of object '{}'",
                    self.describe_object_for_error(o)
                );
                return self.throw_type_error(&msg);
            }
        }
        let msg = if !exists && !self.heap.get(o).extensible {
            format!("Cannot add property {}, object is not extensible", key.display())
        } else {
            format!("Cannot assign to read only property '{}' of object '{}'", key.display(), self.describe_object_for_error(o))
        };
        self.throw_type_error(&msg)
    }

    /// DeletePropertyOrThrow (§7.3.10).
    pub fn delete_property_or_throw(&mut self, o: ObjRef, key: &PropertyKey) -> JsResult<()> {
        if !self.delete_property(o, key)? {
            return Err(self.failed_delete_error(o, key));
        }
        Ok(())
    }

    /// The TypeError V8 throws when a strict-mode `delete o[key]` fails.
    pub fn failed_delete_error(&mut self, o: ObjRef, key: &PropertyKey) -> Value {
        let msg = if self.is_proxy(o) {
            format!("'deleteProperty' on proxy: trap returned falsish for property '{}'", key.display())
        } else {
            format!("Cannot delete property '{}' of {}", key.display(), self.describe_object_for_error(o))
        };
        self.throw_type_error(&msg)
    }

    /// `#<Object>` / `[object Array]`, as V8 names an object in TypeError messages.
    pub fn describe_object_for_error(&self, o: ObjRef) -> String {
        match &self.heap.get(o).kind {
            ObjectKind::Array(_) => return "[object Array]".into(),
            ObjectKind::Namespace(_) => return "[object Module]".into(),
            ObjectKind::Error => {
                // `Name: message`, read without running code.
                let name = self.data_string_in_chain(o, "name").unwrap_or_else(|| "Error".into());
                return match self.data_string_in_chain(o, "message") {
                    Some(m) if !m.is_empty() => format!("{name}: {m}"),
                    _ => name,
                };
            }
            ObjectKind::NativeFunction(_) | ObjectKind::BoundFunction(_) => {
                let name = match &self.heap.get(o).kind {
                    ObjectKind::NativeFunction(_) => self.data_string_in_chain(o, "name").unwrap_or_default(),
                    _ => String::new(),
                };
                return format!("function {name}() {{ [native code] }}");
            }
            _ => {}
        }
        // V8 names other objects after their constructor (`#<Foo>`), found without side effects.
        match self.data_value_in_chain(o, "constructor") {
            Some(Value::Object(c)) if self.is_callable_object(c) => match self.data_string_in_chain(c, "name") {
                Some(name) if !name.is_empty() => format!("#<{name}>"),
                _ => "[object Object]".into(),
            },
            _ => "[object Object]".into(),
        }
    }

    /// The value of a data property found along the prototype chain, without running code
    /// (stops at accessors and proxies).
    fn data_value_in_chain(&self, o: ObjRef, name: &str) -> Option<Value> {
        let key = PropertyKey::from(name);
        let mut cur = o;
        for _ in 0..10_000 {
            let obj = self.heap.get(cur);
            if matches!(obj.kind, ObjectKind::Proxy(_)) {
                return None;
            }
            match obj.props.get(&key) {
                Some(Slot::Data { value, .. }) => return Some(value.clone()),
                Some(Slot::Accessor { .. }) => return None,
                None => cur = obj.proto?,
            }
        }
        None
    }

    fn data_string_in_chain(&self, o: ObjRef, name: &str) -> Option<String> {
        match self.data_value_in_chain(o, name)? {
            Value::String(s) => Some(s.to_rust_lossy()),
            _ => None,
        }
    }

    /// LengthOfArrayLike (§7.3.19).
    pub fn length_of_array_like(&mut self, o: ObjRef) -> JsResult<u64> {
        if let ObjectKind::Array(a) = &self.heap.get(o).kind {
            return Ok(a.length as u64);
        }
        let key = self.interp.common_keys.length.clone();
        let v = self.get(o, &key)?;
        self.to_length(&v)
    }

    /// CreateListFromArrayLike (§7.3.20), without the element-type restriction.
    pub fn create_list_from_array_like(&mut self, v: &Value) -> JsResult<Vec<Value>> {
        let Value::Object(o) = v else {
            return Err(self.throw_type_error("CreateListFromArrayLike called on non-object"));
        };
        let len = self.length_of_array_like(*o)?;
        let mut out = Vec::with_capacity(len.min(1 << 16) as usize);
        for i in 0..len {
            let key = PropertyKey::from_index(i as u32);
            out.push(self.get(*o, &key)?);
        }
        Ok(out)
    }

    /// EnumerableOwnProperties(O, key) (§7.3.23) for the string keys.
    pub fn enumerable_own_keys(&mut self, o: ObjRef) -> JsResult<Vec<PropertyKey>> {
        let keys = self.own_property_keys(o)?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            if k.is_symbol() {
                continue;
            }
            if let Some(d) = self.get_own_property(o, &k)? {
                if d.enumerable == Some(true) {
                    out.push(k);
                }
            }
        }
        Ok(out)
    }
}

fn is_namespace(vm: &Vm, o: ObjRef) -> bool {
    matches!(vm.heap.get(o).kind, ObjectKind::Namespace(_))
}

/// OrdinaryDefineOwnProperty (§10.1.6.1).
pub fn ordinary_define_own_property(vm: &mut Vm, o: ObjRef, key: PropertyKey, desc: PropertyDescriptor) -> bool {
    let current = vm.get_own_property_plain(o, &key);
    let extensible = vm.heap.get(o).extensible;
    validate_and_apply_property_descriptor(Some((vm, o)), key, extensible, desc, current)
}

/// IsCompatiblePropertyDescriptor (§10.1.6.2).
pub fn is_compatible_property_descriptor(
    extensible: bool,
    desc: &PropertyDescriptor,
    current: Option<&PropertyDescriptor>,
) -> bool {
    validate_and_apply_property_descriptor(None, PropertyKey::Index(0), extensible, desc.clone(), current.cloned())
}

fn same_value_opt(a: &Value, b: &Value) -> bool {
    crate::conversions::same_value(a, b)
}

/// ValidateAndApplyPropertyDescriptor (§10.1.6.3). With `o == None` it only validates.
pub fn validate_and_apply_property_descriptor(
    target: Option<(&mut Vm, ObjRef)>,
    key: PropertyKey,
    extensible: bool,
    desc: PropertyDescriptor,
    current: Option<PropertyDescriptor>,
) -> bool {
    // 2. If current is undefined, then
    let Some(current) = current else {
        // a. Not extensible: cannot add.
        if !extensible {
            return false;
        }
        // b-c. Create an accessor or a data property with defaults for absent fields.
        if let Some((vm, o)) = target {
            let mut a = 0;
            if desc.enumerable == Some(true) {
                a |= attrs::ENUMERABLE;
            }
            if desc.configurable == Some(true) {
                a |= attrs::CONFIGURABLE;
            }
            let slot = if desc.is_accessor() {
                Slot::Accessor { get: desc.get.and_then(|g| g.as_object()), set: desc.set.and_then(|s| s.as_object()), attrs: a }
            } else {
                if desc.writable == Some(true) {
                    a |= attrs::WRITABLE;
                }
                Slot::Data { value: desc.value.unwrap_or(Value::Undefined), attrs: a }
            };
            store_slot(vm, o, key, slot);
        }
        return true;
    };
    // 3. Assert: current is fully populated.
    // 4. An empty descriptor changes nothing.
    if desc.is_generic() && desc.enumerable.is_none() && desc.configurable.is_none() {
        return true;
    }
    // 5. If current.[[Configurable]] is false, then
    if current.configurable == Some(false) {
        // a. Cannot become configurable.
        if desc.configurable == Some(true) {
            return false;
        }
        // b. Cannot change enumerability.
        if let Some(e) = desc.enumerable {
            if Some(e) != current.enumerable {
                return false;
            }
        }
        // c. Cannot change between data and accessor.
        if !desc.is_generic() && desc.is_accessor() != current.is_accessor() {
            return false;
        }
        if current.is_accessor() {
            // d. Accessor: getter and setter must stay the same.
            if let Some(g) = &desc.get {
                if !same_value_opt(g, current.get.as_ref().unwrap_or(&Value::Undefined)) {
                    return false;
                }
            }
            if let Some(s) = &desc.set {
                if !same_value_opt(s, current.set.as_ref().unwrap_or(&Value::Undefined)) {
                    return false;
                }
            }
        } else if current.writable == Some(false) {
            // e. Non-writable data: cannot become writable or change value.
            if desc.writable == Some(true) {
                return false;
            }
            if let Some(v) = &desc.value {
                if !same_value_opt(v, current.value.as_ref().unwrap_or(&Value::Undefined)) {
                    return false;
                }
            }
        }
    }
    // 6. If O is not undefined, then
    if let Some((vm, o)) = target {
        let enumerable = desc.enumerable.or(current.enumerable).unwrap_or(false);
        let configurable = desc.configurable.or(current.configurable).unwrap_or(false);
        let mut a = 0;
        if enumerable {
            a |= attrs::ENUMERABLE;
        }
        if configurable {
            a |= attrs::CONFIGURABLE;
        }
        let slot = if desc.is_accessor() || (desc.is_generic() && current.is_accessor()) {
            // a/c. (Convert to) accessor; absent fields keep current values when it already was one.
            let (cg, cs) = if current.is_accessor() {
                (current.get.clone().and_then(|g| g.as_object()), current.set.clone().and_then(|s| s.as_object()))
            } else {
                (None, None)
            };
            let get = match desc.get { Some(g) => g.as_object(), None => cg };
            let set = match desc.set { Some(s) => s.as_object(), None => cs };
            Slot::Accessor { get, set, attrs: a }
        } else {
            // b/c. (Convert to) data property.
            let (cv, cw) = if current.is_data() {
                (current.value.clone().unwrap_or(Value::Undefined), current.writable.unwrap_or(false))
            } else {
                (Value::Undefined, false)
            };
            let value = desc.value.unwrap_or(cv);
            if desc.writable.unwrap_or(cw) {
                a |= attrs::WRITABLE;
            }
            Slot::Data { value, attrs: a }
        };
        store_slot(vm, o, key, slot);
    }
    true
}

/// Writes a validated property into an object's storage (dense elements when possible).
fn store_slot(vm: &mut Vm, o: ObjRef, key: PropertyKey, slot: Slot) {
    let obj = vm.heap.get_mut(o);
    if let (ObjectKind::Array(a), PropertyKey::Index(i)) = (&mut obj.kind, &key) {
        let i = *i as usize;
        let plain = matches!(slot, Slot::Data { attrs: attrs::ALL, .. });
        if plain && !obj.props.contains_key(&key) {
            if i < a.dense.len() {
                if let Slot::Data { value, .. } = slot {
                    a.dense[i] = value;
                }
                return;
            }
            // Grow the dense part when the gap is small.
            if i <= a.dense.len() + 64 && i < (1 << 26) {
                let before = a.dense.capacity();
                a.dense.resize(i, Value::Empty);
                if let Slot::Data { value, .. } = slot {
                    a.dense.push(value);
                }
                let grown = (a.dense.capacity() - before) * std::mem::size_of::<Value>();
                vm.heap.note_bytes(grown);
                return;
            }
        } else if i < a.dense.len() {
            a.dense[i] = Value::Empty;
        }
    }
    vm.insert_property(o, key, slot);
}

/// [[DefineOwnProperty]] of a byte array's index (as a typed array's, §10.4.5.3): only a
/// writable, enumerable, configurable data property below the length can be defined; its value
/// is stored as a byte.
fn bytes_define_own_property(vm: &mut Vm, o: ObjRef, key: &PropertyKey, desc: PropertyDescriptor) -> JsResult<bool> {
    let PropertyKey::Index(i) = key else { return Ok(false) };
    let len = match &vm.heap.get(o).kind {
        ObjectKind::Bytes(b) => b.len(),
        _ => 0,
    };
    if *i as usize >= len
        || desc.get.is_some()
        || desc.set.is_some()
        || desc.configurable == Some(false)
        || desc.enumerable == Some(false)
        || desc.writable == Some(false)
    {
        return Ok(false);
    }
    if let Some(v) = &desc.value {
        let byte = to_uint8(vm.to_number(v)?);
        if let ObjectKind::Bytes(b) = &mut vm.heap.get_mut(o).kind {
            if let Some(slot) = b.get_mut(*i as usize) {
                *slot = byte;
            }
        }
    }
    Ok(true)
}

/// ToUint8 (§7.1.11).
pub fn to_uint8(n: f64) -> u8 {
    if !n.is_finite() {
        return 0;
    }
    (n.trunc().rem_euclid(256.0)) as u8
}

/// Array exotic [[DefineOwnProperty]] (§10.4.2.1).
pub fn array_define_own_property(vm: &mut Vm, o: ObjRef, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<bool> {
    // 1. "length": ArraySetLength.
    if is_length(&key) {
        return array_set_length(vm, o, desc);
    }
    // 2. An array index:
    if let PropertyKey::Index(index) = key {
        let (length, length_writable) = match &vm.heap.get(o).kind {
            ObjectKind::Array(a) => (a.length, a.length_writable),
            _ => (0, true),
        };
        // e-f. Cannot add at or past a non-writable length.
        if index >= length && !length_writable {
            return Ok(false);
        }
        // g-h. Ordinary definition.
        if !ordinary_define_own_property(vm, o, key, desc) {
            return Ok(false);
        }
        // i. Extend length.
        if index >= length {
            if let ObjectKind::Array(a) = &mut vm.heap.get_mut(o).kind {
                a.length = index + 1;
            }
        }
        return Ok(true);
    }
    // 3. Any other key.
    Ok(ordinary_define_own_property(vm, o, key, desc))
}

/// ArraySetLength (§10.4.2.4).
fn array_set_length(vm: &mut Vm, o: ObjRef, desc: PropertyDescriptor) -> JsResult<bool> {
    let length_key = PropertyKey::from("length");
    // 1. No [[Value]]: only attributes change.
    let Some(value) = desc.value.clone() else {
        return Ok(set_length_attributes(vm, o, &desc, None));
    };
    // 3-5. newLen = ToUint32(Desc.[[Value]]), numberLen = ToNumber(Desc.[[Value]]); must agree.
    let new_len = vm.to_uint32(&value)?;
    let number_len = vm.to_number(&value)?;
    if new_len as f64 != number_len {
        return Err(vm.throw_range_error("Invalid array length"));
    }
    let _ = length_key;
    let (old_len, writable) = match &vm.heap.get(o).kind {
        ObjectKind::Array(a) => (a.length, a.length_writable),
        _ => return Ok(false),
    };
    // 11-12. Growing (or same): just validate and apply.
    if new_len >= old_len {
        return Ok(set_length_attributes(vm, o, &desc, Some(new_len)));
    }
    // 13. Shrinking a non-writable length fails.
    if !writable {
        return Ok(false);
    }
    // 16-17. Delete elements from the end; a non-configurable one stops the deletion.
    let mut blocked_at: Option<u32> = None;
    {
        let obj = vm.heap.get_mut(o);
        let mut sparse: Vec<u32> = obj
            .props
            .keys()
            .filter_map(|k| match k {
                PropertyKey::Index(i) if *i >= new_len => Some(*i),
                _ => None,
            })
            .collect();
        sparse.sort_unstable_by(|a, b| b.cmp(a));
        for i in sparse {
            let key = PropertyKey::Index(i);
            if obj.props.get(&key).map(|s| s.configurable()).unwrap_or(true) {
                obj.props.shift_remove(&key);
            } else {
                blocked_at = Some(i);
                break;
            }
        }
        if let ObjectKind::Array(a) = &mut obj.kind {
            let keep_from = blocked_at.map(|b| b + 1).unwrap_or(new_len) as usize;
            if a.dense.len() > keep_from {
                a.dense.truncate(keep_from);
            }
        }
    }
    let final_len = blocked_at.map(|b| b + 1).unwrap_or(new_len);
    set_length_attributes(vm, o, &desc, Some(final_len));
    Ok(blocked_at.is_none())
}

/// Applies `length`'s new value and writability after validating them against the current ones.
fn set_length_attributes(vm: &mut Vm, o: ObjRef, desc: &PropertyDescriptor, new_len: Option<u32>) -> bool {
    let (len, writable) = match &vm.heap.get(o).kind {
        ObjectKind::Array(a) => (a.length, a.length_writable),
        _ => return false,
    };
    let current = PropertyDescriptor::data(Value::Number(len as f64), writable, false, false);
    let mut check = desc.clone();
    if let Some(n) = new_len {
        check.value = Some(Value::Number(n as f64));
    }
    if !is_compatible_property_descriptor(true, &check, Some(&current)) {
        return false;
    }
    if let ObjectKind::Array(a) = &mut vm.heap.get_mut(o).kind {
        if let Some(n) = new_len {
            a.length = n;
            if a.dense.len() > n as usize {
                a.dense.truncate(n as usize);
            }
        }
        if desc.writable == Some(false) {
            a.length_writable = false;
        }
    }
    true
}
