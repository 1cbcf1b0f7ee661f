//! Realms (§9.3): the global object, the global declarative record, and the intrinsics.
//!
//! Every intrinsic object has an `Intrinsic` id. When a realm is created, every id gets an object
//! at once (prototypes as ordinary objects inheriting from %Object.prototype%), so built-in
//! installers can refer to each other in any order; each installer then fills in its objects,
//! replacing the placeholder for constructors and functions with `set_intrinsic`.

use crate::gc::{CellRef, ObjRef, Trace, Tracer};
use crate::string::JsString;
use indexmap::IndexMap;

macro_rules! intrinsics {
    ($($name:ident),* $(,)?) => {
        /// The well-known intrinsic objects (§6.1.7.4), `%Name%` in the spec.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(u16)]
        pub enum Intrinsic { $($name),* }
        impl Intrinsic {
            pub const ALL: &'static [Intrinsic] = &[$(Intrinsic::$name),*];
            pub fn name(self) -> &'static str {
                match self { $(Intrinsic::$name => stringify!($name)),* }
            }
        }
    };
}

intrinsics! {
    ObjectPrototype, Object, FunctionPrototype, Function,
    ArrayPrototype, Array, ArrayIteratorPrototype, ArrayPrototypeValues, ArrayIteratorPrototypeNext,
    StringPrototype, String, StringIteratorPrototype,
    NumberPrototype, Number, BooleanPrototype, Boolean, SymbolPrototype, Symbol,
    BigIntPrototype, BigInt,
    ErrorPrototype, Error, EvalErrorPrototype, EvalError, RangeErrorPrototype, RangeError,
    ReferenceErrorPrototype, ReferenceError, SyntaxErrorPrototype, SyntaxError,
    TypeErrorPrototype, TypeError, URIErrorPrototype, URIError,
    AggregateErrorPrototype, AggregateError,
    IteratorPrototype, AsyncIteratorPrototype, AsyncFromSyncIteratorPrototype,
    GeneratorFunctionPrototype, GeneratorFunction, GeneratorPrototype,
    AsyncFunctionPrototype, AsyncFunction,
    AsyncGeneratorFunctionPrototype, AsyncGeneratorFunction, AsyncGeneratorPrototype,
    PromisePrototype, Promise,
    MapPrototype, Map, MapIteratorPrototype, SetPrototype, Set, SetIteratorPrototype,
    WeakMapPrototype, WeakMap, WeakSetPrototype, WeakSet, WeakRefPrototype, WeakRef,
    RegExpPrototype, RegExp, RegExpStringIteratorPrototype,
    DatePrototype, Date,
    Proxy, Reflect, Math, JSON, ThrowTypeError,
    CallSitePrototype, FinalizationRegistryPrototype, FinalizationRegistry,
    ArrayBufferPrototype, ArrayBuffer,
    Eval,
}

pub struct Realm {
    intrinsics: Vec<ObjRef>,
    /// The global object.
    pub global: ObjRef,
    /// The global environment's declarative record: top-level `let`/`const`/`class` of scripts.
    pub global_lexicals: IndexMap<JsString, GlobalLexical>,
}

/// A global lexical binding: its cell and whether it is `const`.
#[derive(Clone, Copy, Debug)]
pub struct GlobalLexical {
    pub cell: CellRef,
    pub mutable: bool,
}

impl Realm {
    pub(crate) fn new(intrinsics: Vec<ObjRef>, global: ObjRef) -> Realm {
        Realm { intrinsics, global, global_lexicals: IndexMap::new() }
    }

    #[inline]
    pub fn intrinsic(&self, which: Intrinsic) -> ObjRef {
        self.intrinsics[which as usize]
    }

    pub fn set_intrinsic(&mut self, which: Intrinsic, obj: ObjRef) {
        self.intrinsics[which as usize] = obj;
    }
}

impl Trace for Realm {
    fn trace(&self, t: &mut Tracer) {
        for o in &self.intrinsics {
            t.obj(*o);
        }
        t.obj(self.global);
        for l in self.global_lexicals.values() {
            t.cell(l.cell);
        }
    }
}
