//! Objects: a prototype link, an extensible flag, the properties, and a `kind` that says which
//! internal slots and which exotic behaviour the object has.
//!
//! Properties live in an insertion-ordered map keyed by `PropertyKey` (`property_map.rs`: a
//! vector searched by key fingerprints, with a hash index once it is large). Arrays keep their
//! elements in a dense vector (holes are `Value::Empty`); an element that is not a plain
//! writable/enumerable/configurable data property, or that lies far beyond the dense part, lives
//! in the property map instead.
//!
//! The internal methods ([[GetOwnProperty]], [[DefineOwnProperty]], [[Get]], [[Set]], ...) are in
//! `ordinary.rs` (with the array and string exotic parts) and dispatch on `kind` for the others.

pub mod arguments;
pub mod namespace;
pub mod descriptor;
pub mod integrity;
pub mod ordinary;
pub mod proxy;
mod hasher;
pub mod property_map;

use crate::gc::{ObjRef, Trace, Tracer};
use crate::native::{BoundFunction, NativeFunction};
use crate::property::Slot;
use crate::string::JsString;
use crate::symbol::Symbol;
use crate::value::Value;

pub use hasher::KeyHasher;
pub use integrity::IntegrityLevel;
pub use proxy::ProxyData;

pub use property_map::PropertyMap;

pub struct Object {
    /// [[Prototype]]
    pub proto: Option<ObjRef>,
    /// [[Extensible]]
    pub extensible: bool,
    pub kind: ObjectKind,
    pub props: PropertyMap,
    /// [[PrivateElements]] (class private fields, methods and accessors), kept apart from the
    /// properties; `None` for the vast majority of objects.
    pub private: Option<Box<crate::interpreter::private::PrivateElements>>,
}

/// An Array exotic object's own state (§10.4.2): dense elements and the `length` property.
pub struct ArrayData {
    /// Elements `0..dense.len()`; `Value::Empty` is a hole (the element may then be in `props`).
    pub dense: Vec<Value>,
    /// The value of `length`; `dense.len() <= length`.
    pub length: u32,
    pub length_writable: bool,
}

/// Which kind of object this is: its internal slots and exotic behaviour.
pub enum ObjectKind {
    Ordinary,
    Array(ArrayData),
    NativeFunction(NativeFunction),
    BoundFunction(Box<BoundFunction>),
    /// An object with an [[ErrorData]] slot.
    Error,
    Boolean(bool),
    Number(f64),
    /// A String exotic object (§10.4.3).
    String(JsString),
    Symbol(Symbol),
    /// An arguments object: its elements are ordinary own properties; a mapped one (sloppy
    /// functions with simple parameters, §10.4.4) also has a [[ParameterMap]] (`arguments.rs`).
    Arguments(Option<Box<arguments::ParameterMap>>),
    /// [[DateValue]]: a time value in ms since the epoch, or NaN (§21.4; builtins/date.rs).
    Date(f64),
    /// A module namespace exotic object (§10.4.6).
    Namespace(Box<namespace::NamespaceData>),
    /// A Proxy exotic object (§10.5).
    Proxy(ProxyData),
    /// An Array Iterator (§23.1.5).
    ArrayIterator(crate::builtins::array_iterator::ArrayIteratorData),
    /// A String Iterator (§22.1.5).
    StringIterator(crate::builtins::string_iterator::StringIteratorData),
    /// A RegExp instance: [[OriginalSource]], [[OriginalFlags]], [[RegExpMatcher]] (§22.2.3.1).
    RegExp(Box<crate::builtins::regexp::RegExpData>),
    /// A RegExp String Iterator (§22.2.9).
    RegExpStringIterator(crate::builtins::regexp_string_iterator::RegExpStringIteratorData),
    /// An ECMAScript function object (bytecode closure, §10.2).
    Function(Box<crate::interpreter::Closure>),
    /// The state of a `for-in` loop.
    ForInIterator(Box<crate::interpreter::ForInIterator>),
    /// A generator object: its state and suspended frame (§27.5).
    Generator(Box<crate::interpreter::generator::GeneratorData>),
    /// An async generator object: its state, suspended frame and request queue (§27.6).
    AsyncGenerator(Box<crate::interpreter::async_generator::AsyncGeneratorData>),
    /// An iterator made by CreateAsyncFromSyncIterator: [[SyncIteratorRecord]].
    AsyncFromSyncIterator(crate::iteration::IteratorRecord),
    /// [[MapData]]
    Map(Box<crate::builtins::collection_data::CollectionData>),
    /// [[SetData]]
    Set(Box<crate::builtins::collection_data::CollectionData>),
    /// A Map Iterator (§24.1.5).
    MapIterator(Box<crate::builtins::collection_data::CollectionIterator>),
    /// A Set Iterator (§24.2.6).
    SetIterator(Box<crate::builtins::collection_data::CollectionIterator>),
    /// [[WeakMapData]]: entries held weakly by key (ephemerons).
    WeakMap(Box<crate::builtins::weak_collection::WeakData>),
    /// [[WeakSetData]]
    WeakSet(Box<crate::builtins::weak_collection::WeakData>),
    /// [[WeakRefTarget]]: `Value::Undefined` once the target was collected.
    WeakRef(Value),
    /// A V8 CallSite: one frame of a captured stack (`Error.prepareStackTrace`).
    CallSite(Box<crate::error::StackFrameInfo>),
    /// [[CleanupCallback]] and [[Cells]] of a FinalizationRegistry.
    FinalizationRegistry(Box<crate::builtins::finalization_registry::FinalizationRegistryData>),
    /// A promise's internal slots (§27.2.6).
    Promise(Box<crate::builtins::promise::PromiseData>),
    /// A byte array whose bytes are its integer-indexed own properties (a Node `Buffer`; the
    /// VM has no typed arrays yet): indices below the length read and write bytes (values are
    /// converted as a `Uint8Array` converts them), other indices are ignored.
    Bytes(Vec<u8>),
    /// A `Timeout` or `Immediate` object of the host (timers.rs).
    Timer(Box<crate::host::timers::TimerData>),
    /// The object record of the variables sloppy direct eval code declared in a function
    /// (interpreter/eval_environment.rs); never reachable from JavaScript.
    DeclarativeEnvironment,
}

impl Object {
    pub fn new(proto: Option<ObjRef>, kind: ObjectKind) -> Object {
        Object { proto, extensible: true, kind, props: PropertyMap::default(), private: None }
    }

    pub fn ordinary(proto: Option<ObjRef>) -> Object {
        Object::new(proto, ObjectKind::Ordinary)
    }

    /// An estimate of the bytes this object occupies (its slot in the arena plus the storage it
    /// owns), which the collector uses to decide when to collect (see `Heap::wants_collection`).
    pub fn approx_bytes(&self) -> usize {
        let own = match &self.kind {
            ObjectKind::Array(a) => a.dense.capacity() * std::mem::size_of::<Value>(),
            ObjectKind::Bytes(b) => b.capacity(),
            ObjectKind::Function(c) => {
                std::mem::size_of::<crate::interpreter::Closure>() + 16 + c.upvalues.len() * 4
            }
            _ => 0,
        };
        std::mem::size_of::<Object>() + self.props.heap_bytes() + own
    }

    pub fn is_array(&self) -> bool {
        matches!(self.kind, ObjectKind::Array(_))
    }

    /// Weak collections trace their values only for live keys; called to a fixpoint.
    pub fn trace_ephemerons(&self, t: &mut Tracer) {
        match &self.kind {
            ObjectKind::WeakMap(d) | ObjectKind::WeakSet(d) => d.trace_ephemerons(t),
            _ => {}
        }
    }

    /// Weak collections drop the entries whose keys were not marked.
    pub fn clear_dead_weak_entries(&mut self, t: &Tracer) {
        match &mut self.kind {
            ObjectKind::WeakMap(d) | ObjectKind::WeakSet(d) => d.clear_dead_entries(t),
            ObjectKind::WeakRef(target) => crate::builtins::weakref::clear_dead_target(target, t),
            ObjectKind::FinalizationRegistry(d) => d.clear_dead_entries(t),
            _ => {}
        }
    }
}

impl Trace for Object {
    fn trace(&self, t: &mut Tracer) {
        if let Some(p) = self.proto {
            t.obj(p);
        }
        for (k, slot) in &self.props {
            let _ = k;
            match slot {
                Slot::Data { value, .. } => t.value(value),
                Slot::Accessor { get, set, .. } => {
                    if let Some(g) = get {
                        t.obj(*g);
                    }
                    if let Some(s) = set {
                        t.obj(*s);
                    }
                }
            }
        }
        self.kind.trace(t);
        if let Some(p) = &self.private {
            p.trace(t);
        }
    }
}

impl Trace for ObjectKind {
    fn trace(&self, t: &mut Tracer) {
        match self {
            ObjectKind::Array(a) => t.values(&a.dense),
            ObjectKind::NativeFunction(f) => t.values(&f.slots),
            ObjectKind::BoundFunction(b) => {
                t.obj(b.target);
                t.value(&b.this);
                t.values(&b.args);
            }
            ObjectKind::Namespace(ns) => ns.trace(t),
            ObjectKind::Proxy(p) => p.trace(t),
            ObjectKind::ArrayIterator(d) => d.trace(t),
            ObjectKind::RegExpStringIterator(d) => d.trace(t),
            ObjectKind::Function(c) => c.trace(t),
            ObjectKind::ForInIterator(i) => i.trace(t),
            ObjectKind::Generator(g) => g.trace(t),
            ObjectKind::AsyncGenerator(g) => g.trace(t),
            ObjectKind::AsyncFromSyncIterator(r) => r.trace(t),
            ObjectKind::Map(d) | ObjectKind::Set(d) => d.trace(t),
            ObjectKind::MapIterator(i) | ObjectKind::SetIterator(i) => i.trace(t),
            // Weak: traced by `trace_ephemerons`, cleared by `clear_dead_weak_entries`.
            ObjectKind::WeakMap(_) | ObjectKind::WeakSet(_) | ObjectKind::WeakRef(_) => {}
            ObjectKind::CallSite(_) => {}
            ObjectKind::FinalizationRegistry(d) => d.trace(t),
            ObjectKind::Promise(p) => p.trace(t),
            ObjectKind::Timer(d) => d.trace(t),
            ObjectKind::Arguments(Some(map)) => {
                for c in map.cells() {
                    t.cell(c);
                }
            }
            ObjectKind::Ordinary
            | ObjectKind::DeclarativeEnvironment
            | ObjectKind::Bytes(_)
            | ObjectKind::Error
            | ObjectKind::Boolean(_)
            | ObjectKind::Number(_)
            | ObjectKind::String(_)
            | ObjectKind::Symbol(_)
            | ObjectKind::Arguments(None)
            | ObjectKind::StringIterator(_)
            | ObjectKind::RegExp(_)
            | ObjectKind::Date(_) => {}
        }
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    /// Every object of the heap pays for the largest `ObjectKind` variant, so large slots of rare
    /// kinds (promises, bound functions, timers, …) are boxed. This keeps the arena slot small.
    #[test]
    fn object_slot_stays_small() {
        assert!(std::mem::size_of::<ObjectKind>() <= 48, "ObjectKind is {} bytes", std::mem::size_of::<ObjectKind>());
        assert!(std::mem::size_of::<Option<Object>>() <= 104, "Object is {} bytes", std::mem::size_of::<Option<Object>>());
    }
}
