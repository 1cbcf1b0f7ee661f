//! SetIntegrityLevel and TestIntegrityLevel (§7.3.15, §7.3.16): what `Object.freeze`,
//! `Object.seal`, `Object.isFrozen` and `Object.isSealed` do.

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::PropertyDescriptor;
use crate::vm::Vm;

/// The two integrity levels.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IntegrityLevel {
    Sealed,
    Frozen,
}

impl Vm {
    /// SetIntegrityLevel (§7.3.15). `Ok(false)` when [[PreventExtensions]] refused.
    pub fn set_integrity_level(&mut self, o: ObjRef, level: IntegrityLevel) -> JsResult<bool> {
        // 3-4. Stop new properties first.
        if !self.prevent_extensions(o)? {
            return Ok(false);
        }
        // 5. keys = O.[[OwnPropertyKeys]]().
        let keys = self.own_property_keys(o)?;
        match level {
            // 6. Sealed: every property becomes non-configurable.
            IntegrityLevel::Sealed => {
                for k in keys {
                    let desc = PropertyDescriptor { configurable: Some(false), ..Default::default() };
                    self.define_property_or_throw(o, k, desc)?;
                }
            }
            // 7. Frozen: also non-writable for data properties.
            IntegrityLevel::Frozen => {
                for k in keys {
                    let Some(current) = self.get_own_property(o, &k)? else { continue };
                    let desc = if current.is_accessor() {
                        PropertyDescriptor { configurable: Some(false), ..Default::default() }
                    } else {
                        PropertyDescriptor { configurable: Some(false), writable: Some(false), ..Default::default() }
                    };
                    self.define_property_or_throw(o, k, desc)?;
                }
            }
        }
        Ok(true)
    }

    /// TestIntegrityLevel (§7.3.16).
    pub fn test_integrity_level(&mut self, o: ObjRef, level: IntegrityLevel) -> JsResult<bool> {
        // 1-3. An extensible object has no integrity level.
        if self.is_extensible(o)? {
            return Ok(false);
        }
        // 4-5. Every own property must be non-configurable (and non-writable when frozen).
        let keys = self.own_property_keys(o)?;
        for k in keys {
            if let Some(current) = self.get_own_property(o, &k)? {
                if current.configurable == Some(true) {
                    return Ok(false);
                }
                if level == IntegrityLevel::Frozen && current.is_data() && current.writable == Some(true) {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
}
