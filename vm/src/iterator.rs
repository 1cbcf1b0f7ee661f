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
        let method = self.get_v(obj, &key)?;
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

    /// GetIteratorFromMethod (§7.4.2).
    pub fn get_iterator_from_method(&mut self, obj: &Value, method: &Value) -> JsResult<IteratorRecord> {
        let iterator = self.call(method, obj.clone(), &[])?;
        if !iterator.is_object() {
            return Err(self.throw_type_error("Result of the Symbol.iterator method is not an object"));
        }
        let next_method = self.get_v(&iterator, &PropertyKey::from("next"))?;
        Ok(IteratorRecord { iterator, next_method, done: false })
    }

    /// IteratorStepValue (§7.4.8): the next value, or `None` when the iterator is done.
    pub fn iterator_step_value(&mut self, record: &mut IteratorRecord) -> JsResult<Option<Value>> {
        // IteratorNext: call next; a throw or a non-object result marks the record done.
        let result = match self.call(&record.next_method, record.iterator.clone(), &[]) {
            Ok(r) => r,
            Err(e) => {
                record.done = true;
                return Err(e);
            }
        };
        let Value::Object(r) = result else {
            record.done = true;
            let msg = format!("Iterator result {} is not an object", self.describe_value_plain(&result));
            return Err(self.throw_type_error(&msg));
        };
        let done = match self.get(r, &PropertyKey::from("done")) {
            Ok(d) => self.to_boolean(&d),
            Err(e) => {
                record.done = true;
                return Err(e);
            }
        };
        if done {
            record.done = true;
            return Ok(None);
        }
        match self.get(r, &PropertyKey::from("value")) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                record.done = true;
                Err(e)
            }
        }
    }

    /// IteratorClose (§7.4.11) for a throw completion: calls `return` and rethrows `error`
    /// (errors from `return` itself are swallowed, as the spec's step 5 says for throws).
    pub fn iterator_close_with_error(&mut self, record: &IteratorRecord, error: Value) -> Value {
        let key = PropertyKey::from("return");
        if let Ok(ret) = self.get_v(&record.iterator, &key) {
            if !ret.is_nullish() {
                let _ = self.call(&ret, record.iterator.clone(), &[]);
            }
        }
        error
    }

    /// IteratorClose (§7.4.11) for a normal completion: calls `return`, whose result must be an
    /// object.
    pub fn iterator_close(&mut self, record: &IteratorRecord) -> JsResult<()> {
        let key = PropertyKey::from("return");
        let ret = self.get_v(&record.iterator, &key)?;
        if ret.is_nullish() {
            return Ok(());
        }
        let result = self.call(&ret, record.iterator.clone(), &[])?;
        if !result.is_object() {
            let msg = format!("Iterator result {} is not an object", self.describe_value_plain(&result));
            return Err(self.throw_type_error(&msg));
        }
        Ok(())
    }

    /// CreateIterResultObject (§7.4.14): `{ value, done }`.
    pub fn create_iter_result_object(&mut self, value: Value, done: bool) -> Value {
        let obj = self.new_object();
        self.define_value(obj, PropertyKey::from("value"), value, crate::property::attrs::ALL);
        self.define_value(obj, PropertyKey::from("done"), Value::Bool(done), crate::property::attrs::ALL);
        Value::Object(obj)
    }
}
