//! Iteration: the iterator protocol operations (§7.4) and the `for-in` key enumeration
//! (§14.7.5.9 EnumerateObjectProperties, as V8 orders it).

use std::collections::HashSet;

use crate::error::JsResult;
use crate::iteration::IteratorRecord;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::object::{Object, ObjectKind};
use crate::property::PropertyKey;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// GetIterator at a source site: "x is not iterable" names the source expression `text`
    /// (name pool of `t`); without text, the generic message (or, for a spread in call
    /// arguments, V8's "Spread syntax requires ..." message).
    pub(super) fn get_iterator_at(&mut self, v: &Value, t: &crate::bytecode::FunctionTemplate, text: u32, spread: bool) -> JsResult<IteratorRecord> {
        if text == crate::bytecode::NO_TEXT && !spread {
            return self.get_iterator_for_syntax(v);
        }
        let key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let method = if v.is_nullish() { Value::Undefined } else { self.get_v(v, &key)? };
        if !self.is_callable(&method) {
            if text == crate::bytecode::NO_TEXT {
                return Err(self.throw_type_error("Spread syntax requires ...iterable[Symbol.iterator] to be a function"));
            }
            let shown = t.name_strings[text as usize].to_rust_lossy();
            return Err(self.throw_type_error(&format!("{shown} is not iterable")));
        }
        self.get_iterator_from_method(v, &method)
    }

    /// The values of a spread element `...v`.
    pub(super) fn spread_values(&mut self, v: &Value, t: &crate::bytecode::FunctionTemplate, text: u32) -> JsResult<Vec<Value>> {
        if let Some(values) = self.fast_array_values(v) {
            return Ok(values);
        }
        let mut rec = self.get_iterator_at(v, t, text, true)?;
        let mut out = Vec::new();
        while let Some(x) = self.iterator_step_value(&mut rec)? {
            out.push(x);
        }
        Ok(out)
    }

    /// Every remaining value of an iterable (spread, rest).
    pub fn iterable_to_list(&mut self, iterable: &Value) -> JsResult<Vec<Value>> {
        // Arrays whose iteration is the built-in one are copied directly.
        if let Some(values) = self.fast_array_values(iterable) {
            return Ok(values);
        }
        let rec = self.get_iterator_for_syntax(iterable)?;
        let mut out = Vec::new();
        let iterator = Value::Object(rec.iterator);
        while let Some(v) = self.iterator_next_value(&iterator, &rec.next_method)? {
            out.push(v);
        }
        Ok(out)
    }

    /// The elements of a dense array with no holes whose `@@iterator` is the original
    /// `%Array.prototype.values%` and whose array iterator `next` is untouched (so iterating it
    /// cannot run user code); `None` otherwise.
    fn fast_array_values(&mut self, v: &Value) -> Option<Vec<Value>> {
        let Value::Object(o) = v else { return None };
        let obj = self.heap.get(*o);
        let ObjectKind::Array(a) = &obj.kind else { return None };
        if a.dense.len() != a.length as usize || a.dense.iter().any(|x| x.is_empty()) {
            return None;
        }
        if !obj.props.is_empty() || obj.proto != Some(self.intrinsic(crate::realm::Intrinsic::ArrayPrototype)) {
            return None;
        }
        let values_fn = self.intrinsic(crate::realm::Intrinsic::ArrayPrototypeValues);
        let proto = self.intrinsic(crate::realm::Intrinsic::ArrayPrototype);
        let key = PropertyKey::Symbol(self.symbols.iterator.clone());
        match self.heap.get(proto).props.get(&key) {
            Some(crate::property::Slot::Data { value: Value::Object(f), .. }) if *f == values_fn => {}
            _ => return None,
        }
        let iter_proto = self.intrinsic(crate::realm::Intrinsic::ArrayIteratorPrototype);
        match self.heap.get(iter_proto).props.get(&self.interp.common_keys.next) {
            Some(crate::property::Slot::Data { value: Value::Object(f), .. })
                if *f == self.intrinsic(crate::realm::Intrinsic::ArrayIteratorPrototypeNext) => {}
            _ => return None,
        }
        let ObjectKind::Array(a) = &self.heap.get(*o).kind else { return None };
        Some(a.dense.clone())
    }
}

/// The state of a `for-in` loop: the keys collected up front, re-checked for presence as they
/// are visited.
pub struct ForInIterator {
    pub object: Option<ObjRef>,
    pub keys: Vec<PropertyKey>,
    pub next: usize,
}

impl Trace for ForInIterator {
    fn trace(&self, t: &mut Tracer) {
        if let Some(o) = self.object {
            t.obj(o);
        }
    }
}

impl Vm {
    /// EnumerateObjectProperties: the enumerable string keys of `o` and its prototypes, each
    /// once, own keys first.
    pub fn for_in_start(&mut self, v: &Value) -> JsResult<Value> {
        let mut keys = Vec::new();
        let object = if v.is_nullish() { None } else { Some(self.to_object(v)?) };
        if let Some(start) = object {
            let mut seen: HashSet<PropertyKey> = HashSet::new();
            let mut cur = Some(start);
            while let Some(o) = cur {
                for k in self.own_property_keys(o)? {
                    if k.is_symbol() || seen.contains(&k) {
                        continue;
                    }
                    seen.insert(k.clone());
                    if let Some(d) = self.get_own_property(o, &k)? {
                        if d.enumerable == Some(true) {
                            keys.push(k);
                        }
                    }
                }
                cur = self.get_prototype_of(o)?;
            }
        }
        let proto = self.intrinsic(crate::realm::Intrinsic::ObjectPrototype);
        let it = self.heap.alloc(Object::new(
            Some(proto),
            ObjectKind::ForInIterator(Box::new(ForInIterator { object, keys, next: 0 })),
        ));
        Ok(Value::Object(it))
    }

    /// The next key still present, as a string value; `None` when exhausted.
    pub fn for_in_next(&mut self, iter: &Value) -> JsResult<Option<Value>> {
        let Value::Object(it) = iter else { return Ok(None) };
        loop {
            let (object, key) = match &mut self.heap.get_mut(*it).kind {
                ObjectKind::ForInIterator(state) => {
                    let Some(k) = state.keys.get(state.next).cloned() else { return Ok(None) };
                    state.next += 1;
                    (state.object, k)
                }
                _ => return Ok(None),
            };
            let Some(o) = object else { return Ok(None) };
            // A key deleted during the loop is not visited.
            if self.has_property(o, &key)? {
                return Ok(Some(key.to_value()));
            }
        }
    }
}
