//! The non-suspending steps of the async iteration syntax: `for await` (§14.7.5.6-7) and `yield*`
//! in async generators (§15.5.5). Every `Await` in those algorithms is an `Await` instruction
//! the compiler places between these steps, so the frame suspends the ordinary way.

use crate::bytecode::{FunctionTemplate, NO_TEXT};
use crate::error::JsResult;
use crate::iteration::IteratorRecord;
use crate::property::PropertyKey;
use crate::value::Value;
use crate::vm::Vm;

use super::generator::{RESUME_NEXT, RESUME_THROW};

/// What `AsyncDelegateCall` did (the compiled `yield*` branches on it after awaiting the
/// result).
pub const DELEGATE_RESULT: i32 = 0;
/// No `throw` method: the iterator's `return` was called (AsyncIteratorClose); after the
/// await the result is checked and the protocol TypeError thrown.
pub const DELEGATE_CLOSED: i32 = 1;
/// A `return` request and no `return` method: the value is awaited and returned.
pub const DELEGATE_RETURN: i32 = 3;

impl Vm {
    /// GetIterator(obj, async) (§7.4.4) for `for await` and `yield*`, with V8's message.
    pub(super) fn get_async_iterator_at(
        &mut self,
        v: &Value,
        t: &FunctionTemplate,
        text: u32,
    ) -> JsResult<IteratorRecord> {
        let async_key = PropertyKey::Symbol(self.symbols.async_iterator.clone());
        let sync_key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let mut method = Value::Undefined;
        if !v.is_nullish() {
            method = self.get_v(v, &async_key)?;
            if method.is_nullish() {
                let sync = self.get_v(v, &sync_key)?;
                if self.is_callable(&sync) {
                    let record = self.get_iterator_from_method(v, &sync)?;
                    return Ok(self.create_async_from_sync_iterator(record));
                }
            }
        }
        if !self.is_callable(&method) {
            let shown = if text == NO_TEXT {
                self.describe_for_error(v)
            } else {
                t.name_strings[text as usize].to_rust_lossy()
            };
            return Err(self.throw_type_error(&format!("{shown} is not async iterable")));
        }
        let iterator = self.call(&method, v.clone(), &[])?;
        let Value::Object(iterator) = iterator else {
            return Err(self.throw_type_error("Result of the Symbol.asyncIterator method is not an object"));
        };
        let next_method = self.get(iterator, &PropertyKey::from("next"))?;
        Ok(IteratorRecord { iterator, next_method, done: false })
    }

    /// The first half of one `yield*` step in an async generator (§15.5.5 step 8): the call
    /// whose result is to be awaited, and which of the cases it was.
    pub(super) fn async_delegate_call(
        &mut self,
        it: &Value,
        next: &Value,
        received: Value,
        mode: i32,
    ) -> JsResult<(Value, i32)> {
        match mode {
            // 8.a.i. Call(next, iterator, « received »).
            RESUME_NEXT => Ok((self.call(next, it.clone(), &[received])?, DELEGATE_RESULT)),
            RESUME_THROW => {
                // 8.b.i-ii. Call the inner `throw` when there is one.
                let key = PropertyKey::from("throw");
                if let Some(f) = self.get_method(it, &key)? {
                    return Ok((self.call(&f, it.clone(), &[received])?, DELEGATE_RESULT));
                }
                // 8.b.iii. AsyncIteratorClose(iteratorRecord, normal), then a TypeError.
                let key = self.interp.common_keys.return_.clone();
                match self.get_method(it, &key)? {
                    Some(f) => Ok((self.call(&f, it.clone(), &[])?, DELEGATE_CLOSED)),
                    None => Err(self.throw_type_error("The iterator does not provide a 'throw' method")),
                }
            }
            _ => {
                // 8.c.ii-iii. No `return`: return the (awaited) value.
                let key = self.interp.common_keys.return_.clone();
                match self.get_method(it, &key)? {
                    // 8.c.iv. Call(return, iterator, « received »).
                    Some(f) => Ok((self.call(&f, it.clone(), &[received])?, DELEGATE_RESULT)),
                    None => Ok((received, DELEGATE_RETURN)),
                }
            }
        }
    }

    /// AsyncIteratorClose (§7.4.13) up to its Await: calls the iterator's `return` (if any)
    /// and answers the result to await. For a throw completion (`quiet`) the errors of these
    /// steps are dropped: the original throw wins.
    pub(super) fn async_iterator_close_call(&mut self, it: &Value, quiet: bool) -> JsResult<Option<Value>> {
        let key = self.interp.common_keys.return_.clone();
        let r = match self.get_method(it, &key) {
            Ok(Some(f)) => self.call(&f, it.clone(), &[]).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        match r {
            Err(_) if quiet => Ok(None),
            other => other,
        }
    }

    /// `Iterator result x is not an object` unless `v` is an object.
    pub(super) fn check_iter_result(&mut self, v: &Value) -> JsResult<()> {
        if v.is_object() {
            return Ok(());
        }
        let shown = self.describe_for_error(v);
        Err(self.throw_type_error(&format!("Iterator result {shown} is not an object")))
    }
}
