//! Symbols: unique values compared by identity, with an optional description.

use crate::string::JsString;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

pub struct SymbolData {
    pub description: Option<JsString>,
    /// `Some(key)` for symbols made by `Symbol.for(key)` (the GlobalSymbolRegistry).
    pub registered_key: Option<JsString>,
}

/// A Symbol value. Two `Symbol`s are equal only when they are the same symbol.
#[derive(Clone)]
pub struct Symbol(pub Rc<SymbolData>);

impl Symbol {
    pub fn new(description: Option<JsString>) -> Symbol {
        Symbol(Rc::new(SymbolData { description, registered_key: None }))
    }

    pub fn registered(key: JsString) -> Symbol {
        Symbol(Rc::new(SymbolData { description: Some(key.clone()), registered_key: Some(key) }))
    }

    pub fn description(&self) -> Option<JsString> {
        self.0.description.clone()
    }

    /// SymbolDescriptiveString (§20.4.3.3.1): `Symbol(desc)`.
    pub fn descriptive_string(&self) -> String {
        match &self.0.description {
            Some(d) => format!("Symbol({})", d.to_rust_lossy()),
            None => "Symbol()".to_string(),
        }
    }
}

impl PartialEq for Symbol {
    fn eq(&self, other: &Symbol) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for Symbol {}

impl Symbol {
    /// The symbol's identity as a number (its allocation's address).
    #[inline]
    pub fn address(&self) -> u64 {
        Rc::as_ptr(&self.0) as usize as u64
    }
}

impl Hash for Symbol {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (Rc::as_ptr(&self.0) as usize).hash(state)
    }
}

impl std::fmt::Debug for Symbol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.descriptive_string())
    }
}

/// The well-known symbols (§6.1.5.1), shared by every realm of one agent.
pub struct WellKnownSymbols {
    pub async_iterator: Symbol,
    pub has_instance: Symbol,
    pub is_concat_spreadable: Symbol,
    pub iterator: Symbol,
    pub match_: Symbol,
    pub match_all: Symbol,
    pub replace: Symbol,
    pub search: Symbol,
    pub species: Symbol,
    pub split: Symbol,
    pub to_primitive: Symbol,
    pub to_string_tag: Symbol,
    pub unscopables: Symbol,
}

impl WellKnownSymbols {
    pub fn new() -> WellKnownSymbols {
        let s = |d: &str| Symbol::new(Some(JsString::from(d)));
        WellKnownSymbols {
            async_iterator: s("Symbol.asyncIterator"),
            has_instance: s("Symbol.hasInstance"),
            is_concat_spreadable: s("Symbol.isConcatSpreadable"),
            iterator: s("Symbol.iterator"),
            match_: s("Symbol.match"),
            match_all: s("Symbol.matchAll"),
            replace: s("Symbol.replace"),
            search: s("Symbol.search"),
            species: s("Symbol.species"),
            split: s("Symbol.split"),
            to_primitive: s("Symbol.toPrimitive"),
            to_string_tag: s("Symbol.toStringTag"),
            unscopables: s("Symbol.unscopables"),
        }
    }

    /// `(property name on the Symbol constructor, symbol)` in the spec's table order.
    pub fn all(&self) -> [(&'static str, &Symbol); 13] {
        [
            ("asyncIterator", &self.async_iterator),
            ("hasInstance", &self.has_instance),
            ("isConcatSpreadable", &self.is_concat_spreadable),
            ("iterator", &self.iterator),
            ("match", &self.match_),
            ("matchAll", &self.match_all),
            ("replace", &self.replace),
            ("search", &self.search),
            ("species", &self.species),
            ("split", &self.split),
            ("toPrimitive", &self.to_primitive),
            ("toStringTag", &self.to_string_tag),
            ("unscopables", &self.unscopables),
        ]
    }
}

impl Default for WellKnownSymbols {
    fn default() -> Self {
        Self::new()
    }
}
