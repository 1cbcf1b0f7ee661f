//! Creating the object a built-in constructor returns, with the prototype `new.target` asks for
//! (what makes `class MyMap extends Map {}` instances inherit from `MyMap.prototype`).

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::object::{Object, ObjectKind};
use crate::property::PropertyKey;
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// GetPrototypeFromConstructor (§10.1.14).
    pub fn get_prototype_from_constructor(&mut self, constructor: ObjRef, default: Intrinsic) -> JsResult<ObjRef> {
        // 1-2. Let proto be ? Get(constructor, "prototype").
        let proto = self.get(constructor, &PropertyKey::from("prototype"))?;
        match proto {
            Value::Object(p) => Ok(p),
            // 3. If proto is not an Object, use the intrinsic of the constructor's realm (there
            //    is one realm per VM, so GetFunctionRealm is this realm).
            _ => Ok(self.intrinsic(default)),
        }
    }

    /// OrdinaryCreateFromConstructor (§10.1.13): a new object of `kind` whose prototype comes
    /// from `constructor` (normally NewTarget), falling back to the intrinsic `default`.
    pub fn ordinary_create_from_constructor(
        &mut self,
        constructor: ObjRef,
        default: Intrinsic,
        kind: ObjectKind,
    ) -> JsResult<ObjRef> {
        let proto = self.get_prototype_from_constructor(constructor, default)?;
        Ok(self.heap.alloc(Object::new(Some(proto), kind)))
    }
}
