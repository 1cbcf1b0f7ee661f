//! Object Environment Records whose [[IsWithEnvironment]] is true (§9.1.1.2): the environment a
//! `with` statement puts in front of the scope chain. The compiler keeps the binding object in a
//! hidden binding and asks these operations, at run time, whether an identifier reference
//! resolves to one of its properties (see `compiler/with_scope.rs`).

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::object::ObjectKind;
use crate::property::PropertyKey;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// HasBinding(N) (§9.1.1.2.1) of a with environment over `binding_object`; for the object
    /// record of a function's eval-declared variables (`eval_environment.rs`), HasBinding of a
    /// declarative record (§9.1.1.1.1): an own property, no @@unscopables.
    pub fn object_environment_has_binding(&mut self, binding_object: ObjRef, key: &PropertyKey) -> JsResult<bool> {
        if matches!(self.heap.get(binding_object).kind, ObjectKind::DeclarativeEnvironment) {
            return Ok(self.heap.get(binding_object).props.get(key).is_some());
        }
        // 2. Let foundBinding be ? HasProperty(bindingObject, N).
        // 3. If foundBinding is false, return false.
        if !self.has_property(binding_object, key)? {
            return Ok(false);
        }
        // 4. (withEnvironment is true.) 5. Let unscopables be ? Get(bindingObject, @@unscopables).
        let unscopables_key = PropertyKey::Symbol(self.symbols.unscopables.clone());
        let unscopables = self.get(binding_object, &unscopables_key)?;
        // 6. If unscopables is an Object: let blocked be ToBoolean(? Get(unscopables, N)); if
        //    blocked is true, return false.
        if let Value::Object(u) = unscopables {
            let blocked = self.get(u, key)?;
            if self.to_boolean(&blocked) {
                return Ok(false);
            }
        }
        // 7. Return true.
        Ok(true)
    }

    /// GetBindingValue(N, S) (§9.1.1.2.6): the property may have vanished since HasBinding.
    pub fn object_environment_get_binding_value(
        &mut self,
        binding_object: ObjRef,
        name: &JsString,
        key: &PropertyKey,
        strict: bool,
    ) -> JsResult<Value> {
        // 2. Let value be ? HasProperty(bindingObject, N).
        if !self.has_property(binding_object, key)? {
            // 3. If value is false: if S is false, return undefined; else throw a ReferenceError.
            if !strict {
                return Ok(Value::Undefined);
            }
            return Err(self.throw_reference_error(&format!("{} is not defined", name.to_rust_lossy())));
        }
        // 4. Return ? Get(bindingObject, N).
        self.get(binding_object, key)
    }

    /// SetMutableBinding(N, V, S) (§9.1.1.2.5).
    pub fn object_environment_set_mutable_binding(
        &mut self,
        binding_object: ObjRef,
        name: &JsString,
        key: &PropertyKey,
        value: Value,
        strict: bool,
    ) -> JsResult<()> {
        // 2. Let stillExists be ? HasProperty(bindingObject, N).
        let still_exists = self.has_property(binding_object, key)?;
        // 3. If stillExists is false and S is true, throw a ReferenceError exception.
        if !still_exists && strict {
            return Err(self.throw_reference_error(&format!("{} is not defined", name.to_rust_lossy())));
        }
        // 4. Perform ? Set(bindingObject, N, V, S).
        let ok = self.set(binding_object, key.clone(), value, &Value::Object(binding_object))?;
        if !ok && strict {
            return Err(self.failed_assignment_error(binding_object, key));
        }
        Ok(())
    }
}
