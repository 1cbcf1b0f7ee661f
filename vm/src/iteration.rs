//! Operations on iterator objects (§7.4): the protocol every consumer of iterables goes through
//! (`for-of`, spread, destructuring, `Array.from`, `new Map(iterable)`, `Promise.all`, ...).
//!
//! An *Iterator Record* pairs an iterator object with the `next` method read once when the
//! iterator was obtained. The functions below follow the spec's steps; their messages are V8's.

use crate::error::JsResult;
use crate::gc::{ObjRef, Trace, Tracer};
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// The Iterator Record (§7.4.1).
#[derive(Clone, Debug)]
pub struct IteratorRecord {
    /// [[Iterator]]
    pub iterator: ObjRef,
    /// [[NextMethod]]
    pub next_method: Value,
    /// [[Done]]
    pub done: bool,
}

impl Trace for IteratorRecord {
    fn trace(&self, t: &mut Tracer) {
        t.obj(self.iterator);
        t.value(&self.next_method);
    }
}

/// Which protocol GetIterator follows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IteratorHint {
    Sync,
    Async,
}

impl Vm {
    fn not_iterable_error(&mut self, v: &Value) -> Value {
        let what = match v {
            Value::Object(_) => self.typeof_value(v).to_string(),
            other => crate::builtins::receiver::describe_value_type(other),
        };
        self.throw_type_error(&format!("{what} is not iterable (cannot read property Symbol(Symbol.iterator))"))
    }

    /// GetIteratorDirect (§7.4.2): an iterator record for an object that is itself an iterator.
    pub fn get_iterator_direct(&mut self, obj: ObjRef) -> JsResult<IteratorRecord> {
        // 1. Let nextMethod be ? Get(obj, "next").
        let key = self.interp.common_keys.next.clone();
        let next_method = self.get(obj, &key)?;
        // 2-3. Return the Iterator Record.
        Ok(IteratorRecord { iterator: obj, next_method, done: false })
    }

    /// GetIteratorFromMethod (§7.4.3).
    pub fn get_iterator_from_method(&mut self, obj: &Value, method: &Value) -> JsResult<IteratorRecord> {
        // 1. Let iterator be ? Call(method, obj).
        let iterator = self.call(method, obj.clone(), &[])?;
        // 2. If iterator is not an Object, throw a TypeError exception.
        let Value::Object(iterator) = iterator else {
            return Err(self.throw_type_error("Result of the Symbol.iterator method is not an object"));
        };
        // 3-5. Read `next` once and return the record.
        let key = self.interp.common_keys.next.clone();
        let next_method = self.get(iterator, &key)?;
        Ok(IteratorRecord { iterator, next_method, done: false })
    }

    /// GetIterator (§7.4.4).
    pub fn get_iterator(&mut self, obj: &Value, hint: IteratorHint) -> JsResult<IteratorRecord> {
        let iterator_key = PropertyKey::Symbol(self.symbols.iterator.clone());
        if hint == IteratorHint::Async {
            // 1.a. Let method be ? GetMethod(obj, @@asyncIterator).
            let async_key = PropertyKey::Symbol(self.symbols.async_iterator.clone());
            let method = self.get_iterator_method(obj, &async_key)?;
            if let Some(method) = method {
                return self.get_iterator_from_method(obj, &method);
            }
            // 1.b. Fall back to the sync protocol, wrapped by CreateAsyncFromSyncIterator.
            let Some(sync_method) = self.get_iterator_method(obj, &iterator_key)? else {
                return Err(self.not_iterable_error(obj));
            };
            let sync_record = self.get_iterator_from_method(obj, &sync_method)?;
            return Ok(self.create_async_from_sync_iterator(sync_record));
        }
        // 2. Let method be ? GetMethod(obj, @@iterator).
        // 3. If method is undefined, throw a TypeError exception.
        let Some(method) = self.get_iterator_method(obj, &iterator_key)? else {
            return Err(self.not_iterable_error(obj));
        };
        // 4. Return ? GetIteratorFromMethod(obj, method).
        self.get_iterator_from_method(obj, &method)
    }

    /// GetMethod(obj, key) for an iterator method; V8 reports a non-callable method as "not
    /// iterable", like a missing one.
    fn get_iterator_method(&mut self, obj: &Value, key: &PropertyKey) -> JsResult<Option<Value>> {
        if obj.is_nullish() {
            return Err(self.not_iterable_error(obj));
        }
        let method = self.get_v(obj, key)?;
        if method.is_nullish() {
            return Ok(None);
        }
        if !self.is_callable(&method) {
            return Err(self.not_iterable_error(obj));
        }
        Ok(Some(method))
    }

    /// CreateAsyncFromSyncIterator (§27.1.6.1): the object whose `next`/`return`/`throw` (on
    /// %AsyncFromSyncIteratorPrototype%) await the sync iterator's results.
    pub fn create_async_from_sync_iterator(&mut self, sync: IteratorRecord) -> IteratorRecord {
        let proto = self.intrinsic(Intrinsic::AsyncFromSyncIteratorPrototype);
        let obj = self.heap.alloc(Object::new(Some(proto), ObjectKind::AsyncFromSyncIterator(sync)));
        let next_method = match self.get_own_property_plain(proto, &PropertyKey::from("next")) {
            Some(d) => d.value.unwrap_or(Value::Undefined),
            None => Value::Undefined,
        };
        IteratorRecord { iterator: obj, next_method, done: false }
    }

    /// IteratorNext (§7.4.6): calls `next` (with `value` when given) and checks the result.
    pub fn iterator_next(&mut self, record: &mut IteratorRecord, value: Option<Value>) -> JsResult<ObjRef> {
        let this = Value::Object(record.iterator);
        let next = record.next_method.clone();
        // 1-2. Call next with or without the value; a throw marks the record done.
        let result = match value {
            None => self.call(&next, this, &[]),
            Some(v) => self.call(&next, this, &[v]),
        };
        let result = match result {
            Ok(r) => r,
            Err(e) => {
                record.done = true;
                return Err(e);
            }
        };
        // 3. If result is not an Object, throw a TypeError exception.
        match result {
            Value::Object(o) => Ok(o),
            other => {
                record.done = true;
                let shown = self.describe_for_error(&other);
                Err(self.throw_type_error(&format!("Iterator result {shown} is not an object")))
            }
        }
    }

    /// IteratorComplete (§7.4.7): ToBoolean(? Get(iterResult, "done")).
    pub fn iterator_complete(&mut self, result: ObjRef) -> JsResult<bool> {
        let key = self.interp.common_keys.done.clone();
        let done = self.get(result, &key)?;
        Ok(crate::conversions::to_boolean(&done))
    }

    /// IteratorValue (§7.4.8): ? Get(iterResult, "value").
    pub fn iterator_value(&mut self, result: ObjRef) -> JsResult<Value> {
        let key = self.interp.common_keys.value.clone();
        self.get(result, &key)
    }

    /// IteratorStep (§7.4.9): the next result object, or `None` when the iterator is done.
    pub fn iterator_step(&mut self, record: &mut IteratorRecord) -> JsResult<Option<ObjRef>> {
        // 1. Let result be ? IteratorNext(iteratorRecord).
        let result = self.iterator_next(record, None)?;
        // 2-4. Let done be Completion(IteratorComplete(result)); an abrupt done marks the record.
        let done = match self.iterator_complete(result) {
            Ok(d) => d,
            Err(e) => {
                record.done = true;
                return Err(e);
            }
        };
        // 5. If done is true, set [[Done]] to true and return DONE.
        if done {
            record.done = true;
            return Ok(None);
        }
        // 6. Return result.
        Ok(Some(result))
    }

    /// IteratorStepValue (§7.4.10): the next value, or `None` when the iterator is done.
    pub fn iterator_step_value(&mut self, record: &mut IteratorRecord) -> JsResult<Option<Value>> {
        // 1-2. Let result be ? IteratorStep(iteratorRecord); DONE → DONE.
        let Some(result) = self.iterator_step(record)? else {
            return Ok(None);
        };
        // 3-5. Let value be Completion(IteratorValue(result)); abrupt marks the record done.
        match self.iterator_value(result) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                record.done = true;
                Err(e)
            }
        }
    }

    /// IteratorClose (§7.4.11): calls the iterator's `return` method when a consumer stops early.
    /// `completion` is the completion that caused the close (`Ok` for break/return, `Err` for a
    /// throw); a throw completion wins over anything `return` does.
    pub fn iterator_close(&mut self, record: &IteratorRecord, completion: JsResult<Value>) -> JsResult<Value> {
        // 1-2. Let iterator be iteratorRecord.[[Iterator]].
        let iterator = Value::Object(record.iterator);
        // 3. Let innerResult be Completion(GetMethod(iterator, "return")).
        let inner = match self.get_method(&iterator, &PropertyKey::from("return")) {
            // 4.a-b. If return is undefined, return ? completion.
            Ok(None) => return completion,
            // 4.c. Set innerResult to Completion(Call(return, iterator)).
            Ok(Some(ret)) => self.call(&ret, iterator, &[]),
            Err(e) => Err(e),
        };
        // 5. If completion is a throw completion, return ? completion.
        let value = completion?;
        // 6. If innerResult is a throw completion, return ? innerResult.
        let inner = inner?;
        // 7. If innerResult.[[Value]] is not an Object, throw a TypeError exception.
        if !inner.is_object() {
            let shown = self.describe_for_error(&inner);
            return Err(self.throw_type_error(&format!("Iterator result {shown} is not an object")));
        }
        // 8. Return ? completion.
        Ok(value)
    }

    /// IfAbruptCloseIterator (§7.4.13): on `Err`, close the iterator (the error wins) and
    /// return the error; on `Ok`, the value.
    pub fn if_abrupt_close_iterator<T>(&mut self, value: JsResult<T>, record: &IteratorRecord) -> JsResult<T> {
        match value {
            Ok(v) => Ok(v),
            // IteratorClose given a throw completion always returns a throw completion.
            Err(e) => Err(match self.iterator_close(record, Err(e)) {
                Err(e) | Ok(e) => e,
            }),
        }
    }

    /// CreateIterResultObject (§7.4.14): `{ value, done }`.
    pub fn create_iter_result_object(&mut self, value: Value, done: bool) -> ObjRef {
        let obj = self.new_object();
        let keys = &self.interp.common_keys;
        let (value_key, done_key) = (keys.value.clone(), keys.done.clone());
        self.define_value(obj, value_key, value, attrs::ALL);
        self.define_value(obj, done_key, Value::Bool(done), attrs::ALL);
        obj
    }

    /// IteratorToList (§7.4.15): every remaining value of the iterator.
    pub fn iterator_to_list(&mut self, record: &mut IteratorRecord) -> JsResult<Vec<Value>> {
        let mut values = Vec::new();
        while let Some(v) = self.iterator_step_value(record)? {
            values.push(v);
        }
        Ok(values)
    }

    /// GetIterator(value, sync) followed by IteratorToList: the values of an iterable.
    pub fn iterate_to_list(&mut self, iterable: &Value) -> JsResult<Vec<Value>> {
        let mut record = self.get_iterator(iterable, IteratorHint::Sync)?;
        self.iterator_to_list(&mut record)
    }

    /// IteratorClose for a throw completion, as built-ins use it: closes the iterator and
    /// returns `error` to be thrown (whatever `return` does is ignored).
    pub fn iterator_close_with_error(&mut self, record: &IteratorRecord, error: Value) -> Value {
        match self.iterator_close(record, Err(error)) {
            Err(e) | Ok(e) => e,
        }
    }

    // ----- the language's own iteration (for-of, spread, destructuring) ---------------------
    // The interpreter keeps an iterator and its `next` method in two registers; these take them
    // separately.

    /// GetIterator(obj, sync) as for-of, spread and array destructuring do it: V8 names the
    /// iterated value there ("x is not iterable"), not with the built-ins' longer form.
    pub fn get_iterator_for_syntax(&mut self, obj: &Value) -> JsResult<IteratorRecord> {
        let key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let method = if obj.is_nullish() { Value::Undefined } else { self.get_v(obj, &key)? };
        if !self.is_callable(&method) {
            let shown = match obj {
                Value::Object(_) => "object".to_string(),
                other => self.describe_for_error(other),
            };
            return Err(self.throw_type_error(&format!("{shown} is not iterable")));
        }
        self.get_iterator_from_method(obj, &method)
    }

    /// IteratorStepValue on an iterator and `next` method held separately.
    pub fn iterator_next_value(&mut self, iterator: &Value, next: &Value) -> JsResult<Option<Value>> {
        if let (Value::Object(it), Value::Object(f)) = (iterator, next) {
            if *f == self.intrinsic(crate::realm::Intrinsic::ArrayIteratorPrototypeNext)
                && matches!(self.heap.get(*it).kind, ObjectKind::ArrayIterator(_))
            {
                return crate::builtins::array_iterator::array_iterator_step(self, *it);
            }
        }
        let result = self.call(next, iterator.clone(), &[])?;
        let Value::Object(r) = result else {
            let shown = self.describe_for_error(&result);
            return Err(self.throw_type_error(&format!("Iterator result {shown} is not an object")));
        };
        if self.iterator_complete(r)? {
            return Ok(None);
        }
        Ok(Some(self.iterator_value(r)?))
    }

    /// IteratorClose for a normal completion on a bare iterator.
    pub fn iterator_close_value(&mut self, iterator: &Value) -> JsResult<()> {
        let Value::Object(o) = iterator else { return Ok(()) };
        let record = IteratorRecord { iterator: *o, next_method: Value::Undefined, done: false };
        self.iterator_close(&record, Ok(Value::Undefined)).map(|_| ())
    }

    /// IteratorClose for a throw completion on a bare iterator (the throw wins).
    pub fn iterator_close_quietly(&mut self, iterator: &Value) {
        if let Value::Object(o) = iterator {
            let record = IteratorRecord { iterator: *o, next_method: Value::Undefined, done: false };
            let _ = self.iterator_close(&record, Err(Value::Undefined));
        }
    }
}
