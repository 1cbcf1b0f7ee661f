//! Property keys, stored properties and the spec's Property Descriptor record.

use crate::gc::ObjRef;
use crate::string::JsString;
use crate::symbol::Symbol;
use crate::value::Value;

/// A property key (§6.1.7). Array indices are kept as numbers: a key is `Index(i)` exactly when
/// its string form is the canonical decimal spelling of `i < 2^32 - 1`, so `"5"` and `5` are the
/// same key and integer keys can be ordered numerically.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum PropertyKey {
    Index(u32),
    String(JsString),
    Symbol(Symbol),
}

impl PropertyKey {
    pub fn from_string(s: JsString) -> PropertyKey {
        match s.as_array_index() {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::String(s),
        }
    }

    /// The key for a name, made of an interned string (see `JsString::interned`): for the names
    /// of built-ins and the interpreter's frequent keys.
    pub fn interned(name: &str) -> PropertyKey {
        PropertyKey::from_string(JsString::interned_str(name))
    }

    /// The key for a number (ToPropertyKey of a Number: its ToString, canonicalised).
    pub fn from_index(i: u32) -> PropertyKey {
        if i == u32::MAX {
            PropertyKey::String(JsString::from(i.to_string()))
        } else {
            PropertyKey::Index(i)
        }
    }

    /// The same key object (same string or symbol allocation, or the same index): a cheap test
    /// that implies equality (but equal keys need not be identical).
    #[inline]
    pub fn same_identity(&self, other: &PropertyKey) -> bool {
        match (self, other) {
            (PropertyKey::Index(a), PropertyKey::Index(b)) => a == b,
            (PropertyKey::String(a), PropertyKey::String(b)) => JsString::ptr_eq(a, b),
            (PropertyKey::Symbol(a), PropertyKey::Symbol(b)) => a == b,
            _ => false,
        }
    }

    pub fn is_symbol(&self) -> bool {
        matches!(self, PropertyKey::Symbol(_))
    }

    /// The key as a string value (for a symbol: None).
    pub fn to_js_string(&self) -> Option<JsString> {
        match self {
            PropertyKey::Index(i) => Some(JsString::from(i.to_string())),
            PropertyKey::String(s) => Some(s.clone()),
            PropertyKey::Symbol(_) => None,
        }
    }

    /// The key as a JavaScript value (string or symbol), as [[OwnPropertyKeys]] returns it.
    pub fn to_value(&self) -> Value {
        match self {
            PropertyKey::Symbol(s) => Value::Symbol(s.clone()),
            other => Value::String(other.to_js_string().unwrap_or_else(JsString::empty)),
        }
    }

    /// A human-readable form for messages (`x`, `0`, `Symbol(foo)`).
    pub fn display(&self) -> String {
        match self {
            PropertyKey::Index(i) => i.to_string(),
            PropertyKey::String(s) => s.to_rust_lossy(),
            PropertyKey::Symbol(s) => s.descriptive_string(),
        }
    }
}

impl From<&str> for PropertyKey {
    fn from(s: &str) -> PropertyKey {
        PropertyKey::from_string(JsString::from(s))
    }
}
impl From<JsString> for PropertyKey {
    fn from(s: JsString) -> PropertyKey {
        PropertyKey::from_string(s)
    }
}
impl From<Symbol> for PropertyKey {
    fn from(s: Symbol) -> PropertyKey {
        PropertyKey::Symbol(s)
    }
}

/// Property attribute bits.
pub mod attrs {
    pub const WRITABLE: u8 = 1;
    pub const ENUMERABLE: u8 = 2;
    pub const CONFIGURABLE: u8 = 4;
    /// writable + enumerable + configurable: what ordinary assignment creates.
    pub const ALL: u8 = 7;
    /// writable + configurable, not enumerable: built-in methods and data properties.
    pub const BUILTIN: u8 = WRITABLE | CONFIGURABLE;
    pub const NONE: u8 = 0;
}

/// A property as an object stores it.
#[derive(Clone, Debug)]
pub enum Slot {
    Data { value: Value, attrs: u8 },
    Accessor { get: Option<ObjRef>, set: Option<ObjRef>, attrs: u8 },
}

impl Slot {
    pub fn attrs(&self) -> u8 {
        match self {
            Slot::Data { attrs, .. } | Slot::Accessor { attrs, .. } => *attrs,
        }
    }
    pub fn enumerable(&self) -> bool {
        self.attrs() & attrs::ENUMERABLE != 0
    }
    pub fn configurable(&self) -> bool {
        self.attrs() & attrs::CONFIGURABLE != 0
    }
    pub fn to_descriptor(&self) -> PropertyDescriptor {
        match self {
            Slot::Data { value, attrs } => PropertyDescriptor {
                value: Some(value.clone()),
                writable: Some(attrs & attrs::WRITABLE != 0),
                get: None,
                set: None,
                enumerable: Some(attrs & attrs::ENUMERABLE != 0),
                configurable: Some(attrs & attrs::CONFIGURABLE != 0),
            },
            Slot::Accessor { get, set, attrs } => PropertyDescriptor {
                value: None,
                writable: None,
                get: Some(get.map(Value::Object).unwrap_or(Value::Undefined)),
                set: Some(set.map(Value::Object).unwrap_or(Value::Undefined)),
                enumerable: Some(attrs & attrs::ENUMERABLE != 0),
                configurable: Some(attrs & attrs::CONFIGURABLE != 0),
            },
        }
    }
}

/// The Property Descriptor specification type (§6.2.6): every field may be absent.
#[derive(Clone, Debug, Default)]
pub struct PropertyDescriptor {
    pub value: Option<Value>,
    pub writable: Option<bool>,
    pub get: Option<Value>,
    pub set: Option<Value>,
    pub enumerable: Option<bool>,
    pub configurable: Option<bool>,
}

impl PropertyDescriptor {
    pub fn data(value: Value, writable: bool, enumerable: bool, configurable: bool) -> Self {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(writable),
            get: None,
            set: None,
            enumerable: Some(enumerable),
            configurable: Some(configurable),
        }
    }

    pub fn data_attrs(value: Value, a: u8) -> Self {
        Self::data(value, a & attrs::WRITABLE != 0, a & attrs::ENUMERABLE != 0, a & attrs::CONFIGURABLE != 0)
    }

    pub fn accessor(get: Value, set: Value, enumerable: bool, configurable: bool) -> Self {
        PropertyDescriptor {
            value: None,
            writable: None,
            get: Some(get),
            set: Some(set),
            enumerable: Some(enumerable),
            configurable: Some(configurable),
        }
    }

    /// IsAccessorDescriptor (§6.2.6.1).
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }

    /// IsDataDescriptor (§6.2.6.2).
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }

    /// IsGenericDescriptor (§6.2.6.3).
    pub fn is_generic(&self) -> bool {
        !self.is_accessor() && !self.is_data()
    }
}
