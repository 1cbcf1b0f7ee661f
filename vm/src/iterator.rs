//! Operations on iterator objects (§7.4): GetIterator, IteratorStepValue, IteratorClose.

use crate::error::JsResult;
use crate::property::PropertyKey;
use crate::value::Value;
use crate::vm::Vm;

/// An Iterator Record (§7.4.1): the iterator, its `next` method and whether it is done.
pub struct IteratorRecord {
    pub iterator: Value,
    pub next_method: Value,
    pub done: bool,
}

impl Vm {
    /// GetIterator(obj, sync) (§7.4.3) with V8's message for a value that is not iterable.
    pub fn get_iterator(&mut self, obj: &Value) -> JsResult<IteratorRecord> {
        let key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let method = if obj.is_nullish() { Value::Undefined } else { self.get_v(obj, &key)? };
        if !self.is_callable(&method) {
            let msg = match obj {
                Value::Object(_) => "object is not iterable".to_string(),
                Value::String(s) => format!("string \"{}\" is not iterable", s.to_rust_lossy()),
                Value::Number(_) => format!("number {} is not iterable", self.describe_for_error(obj)),
                Value::Bool(_) => format!("boolean {} is not iterable", self.describe_for_error(obj)),
                Value::Symbol(_) => format!("symbol {} is not iterable", self.describe_for_error(obj)),
                other => format!("{} is not iterable", self.describe_for_error(other)),
            };
            let msg = format!("{msg} (cannot read property Symbol(Symbol.iterator))");
            return Err(self.throw_type_error(&msg));
        }
        self.get_iterator_from_method(obj, &method)
    }

    /// GetIterator as the language's own iteration (for-of, spread, array destructuring) does
    /// it: V8 names the iterated expression there ("x is not iterable"); built-ins use the longer
    /// form of [`Vm::get_iterator`].
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

    /// GetIteratorFromMethod (§7.4.2).
    pub fn get_iterator_from_method(&mut self, obj: &Value, method: &Value) -> JsResult<IteratorRecord> {
        let iterator = self.call(method, obj.clone(), &[])?;
        if !iterator.is_object() {
            return Err(self.throw_type_error("Result of the Symbol.iterator method is not an object"));
        }
        let next_method = self.get_v(&iterator, &PropertyKey::from("next"))?;
        Ok(IteratorRecord { iterator, next_method, done: false })
    }

    /// IteratorStepValue (§7.4.8): the next value, or `None` when the iterator is done. Any
    /// throw marks the record done (the iterator must then not be closed).
    pub fn iterator_step_value(&mut self, record: &mut IteratorRecord) -> JsResult<Option<Value>> {
        let next = record.next_method.clone();
        let iterator = record.iterator.clone();
        match self.iterator_next_value(&iterator, &next) {
            Ok(Some(v)) => Ok(Some(v)),
            other => {
                record.done = true;
                other
            }
        }
    }

    /// IteratorStepValue on an iterator and its `next` method held separately (as the
    /// interpreter keeps them in registers).
    pub fn iterator_next_value(&mut self, iterator: &Value, next: &Value) -> JsResult<Option<Value>> {
        // IteratorNext: call next; the result must be an object.
        let result = self.call(next, iterator.clone(), &[])?;
        let Value::Object(r) = result else {
            let msg = format!("Iterator result {} is not an object", self.describe_value_plain(&result));
            return Err(self.throw_type_error(&msg));
        };
        // IteratorComplete, then IteratorValue.
        let d = self.get(r, &PropertyKey::from("done"))?;
        if self.to_boolean(&d) {
            return Ok(None);
        }
        Ok(Some(self.get(r, &PropertyKey::from("value"))?))
    }

    /// IteratorClose for a throw completion on a bare iterator: `return()` is called and
    /// whatever it does is ignored.
    pub fn iterator_close_quietly(&mut self, iterator: &Value) {
        let key = PropertyKey::from("return");
        if let Ok(ret) = self.get_v(iterator, &key) {
            if !ret.is_nullish() {
                let _ = self.call(&ret, iterator.clone(), &[]);
            }
        }
    }

    /// IteratorClose for a normal completion on a bare iterator.
    pub fn iterator_close_value(&mut self, iterator: &Value) -> JsResult<()> {
        let ret = self.get_v(iterator, &PropertyKey::from("return"))?;
        if ret.is_nullish() {
            return Ok(());
        }
        let result = self.call(&ret, iterator.clone(), &[])?;
        if !result.is_object() {
            let msg = format!("Iterator result {} is not an object", self.describe_value_plain(&result));
            return Err(self.throw_type_error(&msg));
        }
        Ok(())
    }

    /// IteratorClose (§7.4.11) for a throw completion: calls `return` and rethrows `error`
    /// (errors from `return` itself are swallowed, as the spec's step 5 says for throws).
    pub fn iterator_close_with_error(&mut self, record: &IteratorRecord, error: Value) -> Value {
        let iterator = record.iterator.clone();
        self.iterator_close_quietly(&iterator);
        error
    }

    /// IteratorClose (§7.4.11) for a normal completion: calls `return`, whose result must be an
    /// object.
    pub fn iterator_close(&mut self, record: &IteratorRecord) -> JsResult<()> {
        let iterator = record.iterator.clone();
        self.iterator_close_value(&iterator)
    }

    /// CreateIterResultObject (§7.4.14): `{ value, done }`.
    pub fn create_iter_result_object(&mut self, value: Value, done: bool) -> Value {
        let obj = self.new_object();
        self.define_value(obj, PropertyKey::from("value"), value, crate::property::attrs::ALL);
        self.define_value(obj, PropertyKey::from("done"), Value::Bool(done), crate::property::attrs::ALL);
        Value::Object(obj)
    }
}
