//! The `Vm`: one agent with its heap, its realm and everything the interpreter and the host keep
//! between calls. Also the entry points for calling and constructing functions from Rust.

use crate::error::{JsResult, StackFrameInfo};
use crate::gc::{Heap, ObjRef, Trace, Tracer};
use crate::native::{CallArgs, NativeFn, NativeFunction};
use crate::object::{ArrayData, Object, ObjectKind};
use crate::property::{attrs, PropertyDescriptor, PropertyKey, Slot};
use crate::realm::{Intrinsic, Realm};
use crate::string::JsString;
use crate::symbol::{Symbol, WellKnownSymbols};
use crate::value::Value;
use indexmap::IndexMap;

/// How deeply Rust code (built-ins calling back into JavaScript) may nest before
/// `RangeError: Maximum call stack size exceeded` is thrown instead of overflowing the Rust stack.
pub const MAX_NATIVE_DEPTH: u32 = 1500;

pub struct Vm {
    pub heap: Heap,
    pub realm: Realm,
    pub symbols: WellKnownSymbols,
    /// The GlobalSymbolRegistry (`Symbol.for`).
    pub symbol_registry: IndexMap<JsString, Symbol>,
    /// How many Rust frames that may hold unrooted `ObjRef`s are active (built-ins running,
    /// Rust code calling into JavaScript). The collector only runs when this is zero.
    pub native_depth: u32,
    /// Collection is allowed while `native_depth <= gc_floor`. Normally 0; a host that starts
    /// JavaScript from a built-in while holding no unrooted handle (the module loader running a
    /// module body) raises it for the duration, so the body's own loops are safe points.
    pub gc_floor: u32,
    /// Values the host keeps alive explicitly.
    pub roots: Vec<Value>,
    /// Binding cells the host keeps alive explicitly (module environments).
    pub root_cells: Vec<crate::gc::CellRef>,
    /// The embedder's own state (the module loader's runtime), reachable from built-ins the
    /// embedder defines. Take it out while using it; put it back afterwards.
    pub host_state: Option<Box<dyn std::any::Any>>,
    /// The embedder's host hooks (HostLoadImportedModule for `import()`).
    pub host_hooks: crate::interpreter::import_call::HostHooks,
    /// The embedder's registry of Node's built-in module objects (kept apart from `host_state`,
    /// which is taken while the module runtime runs module bodies, so that built-ins those bodies
    /// call can still reach it). Objects it holds are kept alive through `roots`.
    pub host_builtins: Option<Box<dyn std::any::Any>>,
    /// The register stack, frames and handlers of the bytecode interpreter.
    pub interp: crate::interpreter::Interpreter,
    /// The host's queues: microtasks, nextTicks, timers, immediates, rejection tracking.
    pub event_loop: crate::host::event_loop::EventLoop,
    /// Buffered standard output (console and `process.stdout` write through it).
    pub stdio: crate::host::process::Stdio,
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}

fn placeholder_function(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Undefined)
}

impl Vm {
    /// A VM with a fresh realm whose built-ins are installed.
    pub fn new() -> Vm {
        let mut heap = Heap::new();
        // %Object.prototype% and %Function.prototype% first: everything else inherits from them.
        let object_prototype = heap.alloc(Object::ordinary(None));
        let function_prototype = heap.alloc(Object::new(
            Some(object_prototype),
            ObjectKind::NativeFunction(NativeFunction { f: placeholder_function, constructor: false, slots: Vec::new() }),
        ));
        let mut intrinsics = Vec::with_capacity(Intrinsic::ALL.len());
        for &which in Intrinsic::ALL {
            let obj = match which {
                Intrinsic::ObjectPrototype => object_prototype,
                Intrinsic::FunctionPrototype => function_prototype,
                _ => heap.alloc(Object::ordinary(Some(object_prototype))),
            };
            intrinsics.push(obj);
        }
        let global = heap.alloc(Object::ordinary(Some(object_prototype)));
        let mut vm = Vm {
            heap,
            realm: Realm::new(intrinsics, global),
            symbols: WellKnownSymbols::new(),
            symbol_registry: IndexMap::new(),
            native_depth: 0,
            gc_floor: 0,
            roots: Vec::new(),
            root_cells: Vec::new(),
            host_state: None,
            host_hooks: Default::default(),
            host_builtins: None,
            interp: crate::interpreter::Interpreter::new(),
            event_loop: crate::host::event_loop::EventLoop::new(),
            stdio: crate::host::process::Stdio::default(),
        };
        crate::builtins::install_all(&mut vm);
        vm
    }

    pub fn intrinsic(&self, which: Intrinsic) -> ObjRef {
        self.realm.intrinsic(which)
    }

    pub fn global(&self) -> ObjRef {
        self.realm.global
    }

    // ----- object creation -------------------------------------------------------------------

    /// OrdinaryObjectCreate(%Object.prototype%).
    pub fn new_object(&mut self) -> ObjRef {
        let proto = self.intrinsic(Intrinsic::ObjectPrototype);
        self.heap.alloc(Object::ordinary(Some(proto)))
    }

    pub fn new_object_with_proto(&mut self, proto: Option<ObjRef>) -> ObjRef {
        self.heap.alloc(Object::ordinary(proto))
    }

    /// CreateArrayFromList (§7.3.18).
    pub fn create_array_from_list(&mut self, values: Vec<Value>) -> ObjRef {
        let proto = self.intrinsic(Intrinsic::ArrayPrototype);
        let length = values.len() as u32;
        self.heap.alloc(Object::new(
            Some(proto),
            ObjectKind::Array(ArrayData { dense: values, length, length_writable: true }),
        ))
    }

    /// A built-in function object with `length` and `name` (§10.3.4 CreateBuiltinFunction).
    pub fn new_native_function(&mut self, name: &str, length: u32, f: NativeFn) -> ObjRef {
        self.new_native_function_with_slots(PropertyKey::interned(name), length, f, Vec::new(), false)
    }

    /// A built-in constructor (has [[Construct]]).
    pub fn new_native_constructor(&mut self, name: &str, length: u32, f: NativeFn) -> ObjRef {
        self.new_native_function_with_slots(PropertyKey::interned(name), length, f, Vec::new(), true)
    }

    /// The general form: `name` may be a symbol key (`[Symbol.iterator]`), `slots` carry data.
    pub fn new_native_function_with_slots(
        &mut self,
        name: PropertyKey,
        length: u32,
        f: NativeFn,
        slots: Vec<Value>,
        constructor: bool,
    ) -> ObjRef {
        let proto = self.intrinsic(Intrinsic::FunctionPrototype);
        let func = self
            .heap
            .alloc(Object::new(Some(proto), ObjectKind::NativeFunction(NativeFunction { f, constructor, slots })));
        let keys = &self.interp.common_keys;
        let (length_key, name_key) = (keys.length.clone(), keys.name.clone());
        let name_value = function_name_for_key(&name, None);
        // A new object: the two keys are known to be absent, and the map gets its final size.
        let props = &mut self.heap.get_mut(func).props;
        props.reserve_exact(2);
        props.push_new(length_key, Slot::Data { value: Value::Number(length as f64), attrs: attrs::CONFIGURABLE });
        props.push_new(name_key, Slot::Data { value: Value::String(name_value), attrs: attrs::CONFIGURABLE });
        let bytes = self.heap.get(func).props.heap_bytes();
        self.heap.note_bytes(bytes);
        func
    }

    /// Defines a built-in method: writable, non-enumerable, configurable.
    pub fn define_method(&mut self, obj: ObjRef, name: &str, length: u32, f: NativeFn) -> ObjRef {
        let func = self.new_native_function(name, length, f);
        self.define_value(obj, PropertyKey::interned(name), Value::Object(func), attrs::BUILTIN);
        func
    }

    /// Defines a built-in method under a symbol key; its name is `[description]`.
    pub fn define_symbol_method(&mut self, obj: ObjRef, sym: Symbol, length: u32, f: NativeFn, a: u8) -> ObjRef {
        let key = PropertyKey::Symbol(sym);
        let func = self.new_native_function_with_slots(key.clone(), length, f, Vec::new(), false);
        self.define_value(obj, key, Value::Object(func), a);
        func
    }

    /// Defines a built-in accessor property with a getter (and optional setter) function;
    /// the functions are named `get name` / `set name`.
    pub fn define_getter(&mut self, obj: ObjRef, key: PropertyKey, get: NativeFn, set: Option<NativeFn>, a: u8) {
        let getter = self.new_native_function_with_slots(key.clone(), 0, get, Vec::new(), false);
        let gname = function_name_for_key(&key, Some("get"));
        self.define_value(getter, PropertyKey::from("name"), Value::String(gname), attrs::CONFIGURABLE);
        let setter = set.map(|s| {
            let f = self.new_native_function_with_slots(key.clone(), 1, s, Vec::new(), false);
            let sname = function_name_for_key(&key, Some("set"));
            self.define_value(f, PropertyKey::from("name"), Value::String(sname), attrs::CONFIGURABLE);
            f
        });
        self.heap.get_mut(obj).props.insert(key, Slot::Accessor { get: Some(getter), set: setter, attrs: a });
    }

    /// Creates or replaces an own data property directly (no checks: for built-ins and for
    /// objects the VM has just made). Array elements go through the array's dense storage.
    pub fn define_value(&mut self, obj: ObjRef, key: PropertyKey, value: Value, a: u8) {
        if a == attrs::ALL {
            if let (PropertyKey::Index(_), ObjectKind::Array(_)) = (&key, &self.heap.get(obj).kind) {
                let desc = PropertyDescriptor::data_attrs(value, a);
                let _ = crate::object::ordinary::array_define_own_property(self, obj, key, desc);
                return;
            }
        }
        self.insert_property(obj, key, Slot::Data { value, attrs: a });
    }

    /// Defines an accessor property directly (no checks).
    pub fn define_accessor(&mut self, obj: ObjRef, key: PropertyKey, get: Option<ObjRef>, set: Option<ObjRef>, a: u8) {
        self.insert_property(obj, key, Slot::Accessor { get, set, attrs: a });
    }

    /// Stores a property slot (replacing one under the same key in place), telling the collector
    /// how much the property map grew. The one place property storage grows outside `Heap::alloc`.
    /// `insert_property` of a key `obj` is known not to have (no second search).
    pub(crate) fn insert_new_property(&mut self, obj: ObjRef, key: PropertyKey, slot: Slot) {
        let props = &mut self.heap.get_mut(obj).props;
        let before = props.heap_bytes();
        props.push_new(key, slot);
        let grown = props.heap_bytes().saturating_sub(before);
        self.heap.note_bytes(grown);
    }

    pub(crate) fn insert_property(&mut self, obj: ObjRef, key: PropertyKey, slot: Slot) {
        let props = &mut self.heap.get_mut(obj).props;
        let before = props.heap_bytes();
        props.insert(key, slot);
        let grown = props.heap_bytes().saturating_sub(before);
        self.heap.note_bytes(grown);
    }

    // ----- calling ---------------------------------------------------------------------------

    /// IsCallable (§7.2.3).
    pub fn is_callable(&self, v: &Value) -> bool {
        match v {
            Value::Object(o) => self.is_callable_object(*o),
            _ => false,
        }
    }

    pub fn is_callable_object(&self, o: ObjRef) -> bool {
        match &self.heap.get(o).kind {
            ObjectKind::NativeFunction(_) | ObjectKind::BoundFunction(_) | ObjectKind::Function(_) => true,
            ObjectKind::Proxy(p) => p.callable,
            _ => false,
        }
    }

    /// IsConstructor (§7.2.4). Bound functions are followed iteratively (chains can be long).
    pub fn is_constructor(&self, v: &Value) -> bool {
        let Value::Object(mut o) = v else { return false };
        loop {
            match &self.heap.get(o).kind {
                ObjectKind::NativeFunction(f) => return f.constructor,
                ObjectKind::BoundFunction(b) => o = b.target,
                ObjectKind::Proxy(p) => return p.constructor,
                ObjectKind::Function(c) => return c.template.is_constructor(),
                _ => return false,
            }
        }
    }

    /// Call(F, V, argumentsList) (§7.3.14).
    pub fn call(&mut self, f: &Value, this: Value, args: &[Value]) -> JsResult<Value> {
        let Value::Object(callee) = f else {
            return Err(self.throw_type_error(&format!("{} is not a function", self.describe_for_error(f))));
        };
        let callee = *callee;
        match &self.heap.get(callee).kind {
            ObjectKind::NativeFunction(nf) => {
                let f = nf.f;
                self.call_native(f, CallArgs { this, args: args.to_vec(), callee, new_target: None })
            }
            ObjectKind::BoundFunction(b) => {
                let target = Value::Object(b.target);
                let bound_this = b.this.clone();
                let mut all = b.args.clone();
                all.extend_from_slice(args);
                self.nested(|vm| vm.call(&target, bound_this, &all))
            }
            ObjectKind::Proxy(p) if p.callable => self.nested(|vm| vm.proxy_call(callee, this, args)),
            ObjectKind::Function(_) => crate::interpreter::call_closure(self, callee, this, args),
            _ => Err(self.throw_type_error(&format!("{} is not a function", self.describe_for_error(f)))),
        }
    }

    /// Construct(F, argumentsList, newTarget) (§7.3.15).
    pub fn construct(&mut self, f: ObjRef, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
        let new_target = new_target.unwrap_or(f);
        match &self.heap.get(f).kind {
            ObjectKind::NativeFunction(nf) if nf.constructor => {
                let func = nf.f;
                self.call_native(
                    func,
                    CallArgs { this: Value::Undefined, args: args.to_vec(), callee: f, new_target: Some(new_target) },
                )
            }
            ObjectKind::BoundFunction(b) => {
                let target = b.target;
                let mut all = b.args.clone();
                all.extend_from_slice(args);
                let nt = if new_target == f { target } else { new_target };
                self.nested(|vm| vm.construct(target, &all, Some(nt)))
            }
            ObjectKind::Proxy(p) if p.constructor => self.nested(|vm| vm.proxy_construct(f, args, new_target)),
            ObjectKind::Function(_) => crate::interpreter::construct_closure(self, f, args, new_target),
            _ => {
                let v = Value::Object(f);
                Err(self.throw_type_error(&format!("{} is not a constructor", self.describe_for_error(&v))))
            }
        }
    }

    /// Runs `f` as one more level of Rust recursion (proxy traps, bound function chains), so that
    /// a long chain throws `RangeError` instead of overflowing the Rust stack.
    pub fn nested<T>(&mut self, f: impl FnOnce(&mut Vm) -> JsResult<T>) -> JsResult<T> {
        if self.native_depth >= MAX_NATIVE_DEPTH {
            return Err(self.throw_range_error("Maximum call stack size exceeded"));
        }
        self.native_depth += 1;
        let r = f(self);
        self.native_depth -= 1;
        r
    }

    /// Runs a built-in, counting it as a native frame (no collection while it runs).
    pub fn call_native(&mut self, f: NativeFn, args: CallArgs) -> JsResult<Value> {
        self.call_native_by_ref(f, &args)
    }

    /// `call_native` leaving the arguments to the caller (which may reuse their storage).
    #[inline]
    pub fn call_native_by_ref(&mut self, f: NativeFn, args: &CallArgs) -> JsResult<Value> {
        if self.native_depth >= MAX_NATIVE_DEPTH {
            return Err(self.throw_range_error("Maximum call stack size exceeded"));
        }
        self.native_depth += 1;
        let r = f(self, args);
        self.native_depth -= 1;
        r
    }

    /// A short description of a value for error messages (`undefined`, `x`, `#<Object>`), as V8
    /// prints the callee in "... is not a function" when no source text is available.
    pub fn describe_for_error(&self, v: &Value) -> String {
        match v {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => crate::conversions::number_to_string(*n),
            Value::String(s) => format!("\"{}\"", s.to_rust_lossy()),
            Value::Symbol(s) => s.descriptive_string(),
            Value::BigInt(b) => b.to_string_radix(10),
            Value::Object(o) => {
                let obj = self.heap.get(*o);
                if obj.is_array() {
                    "object".into()
                } else {
                    "#<Object>".into()
                }
            }
            Value::Empty => "undefined".into(),
        }
    }

    /// The call stack as `at ...` lines (the interpreter provides the frames).
    pub fn capture_stack_trace(&self) -> Vec<StackFrameInfo> {
        self.interpreter_stack_trace()
    }

    // ----- garbage collection ----------------------------------------------------------------

    /// Collects if enough was allocated and no native frame is active (a safe point).
    #[inline]
    pub fn maybe_gc(&mut self) {
        if self.native_depth <= self.gc_floor && self.heap.wants_collection() {
            self.collect_garbage();
        }
    }

    /// A full mark-sweep collection from the VM's roots. Only call at a safe point.
    pub fn collect_garbage(&mut self) {
        let mut t = self.heap.tracer();
        self.trace_roots(&mut t);
        self.heap.collect(t);
    }

    fn trace_roots(&self, t: &mut Tracer) {
        self.realm.trace(t);
        self.roots.trace(t);
        self.root_cells.trace(t);
        self.interp.trace(t);
        self.event_loop.trace(t);
    }
}

/// SetFunctionName's name computation (§10.2.9): `[description]` for symbols, optional prefix.
pub fn function_name_for_key(key: &PropertyKey, prefix: Option<&str>) -> JsString {
    // A string key without surrogates is the name itself: share it (no conversion, no copy).
    // Surrogates take the general path, which writes a lone one as U+FFFD.
    if let (None, PropertyKey::String(s)) = (prefix, key) {
        if !s.as_units().iter().any(|&u| (0xD800..0xE000).contains(&u)) {
            return s.clone();
        }
    }
    let base = match key {
        PropertyKey::Symbol(s) => match s.description() {
            Some(d) => format!("[{}]", d.to_rust_lossy()),
            None => String::new(),
        },
        other => other.display(),
    };
    match prefix {
        Some(p) => JsString::from(format!("{p} {base}")),
        None => JsString::from(base),
    }
}
