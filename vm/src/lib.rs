//! # modjs-vm — the bytecode compiler, the interpreter and the built-ins
//!
//! This crate turns a checked AST (from `modjs-parser`) into bytecode and runs it.
//!
//! ## Values (`value.rs`)
//! `Value` is a 16-byte enum: undefined, null, booleans, numbers (`f64`), strings, symbols,
//! objects, and the internal `Empty` marker (an uninitialised binding or an array hole — never
//! visible to JavaScript). Strings (`string.rs`) are immutable UTF-16 code-unit arrays behind an
//! `Rc` with a hash computed once; symbols (`symbol.rs`) are `Rc`s compared by identity. Neither
//! can form cycles, so neither needs the collector. Objects are `ObjRef` handles (4 bytes, `Copy`).
//!
//! ## Objects (`object/`, `property.rs`)
//! An `Object` has a prototype, an extensible flag, a `kind` (`ObjectKind`: ordinary, array,
//! function, error, map, promise, ... — the internal slots) and an insertion-ordered property map
//! keyed by `PropertyKey` (array index / string / symbol). Arrays keep their elements in a dense
//! vector. The internal methods ([[Get]], [[DefineOwnProperty]], ...) are methods on `Vm` named
//! after the spec, in `object/ordinary.rs`; exotic objects dispatch on `kind` there.
//!
//! ## Memory (`gc/`)
//! Objects and binding cells live in arenas of the `Heap`, reclaimed by a mark-sweep tracing
//! collector: cycles are collected. Everything holding handles implements `Trace`. Collection only
//! happens at *safe points*: the interpreter calls `Vm::maybe_gc` between instructions and the host
//! between jobs, and it collects only when `Vm::native_depth == 0`, i.e. when no built-in function
//! (which may keep handles in Rust locals) is running. The roots are the realm, the interpreter's
//! register stack and frames, suspended generators, the job queue and timers, and `Vm::roots`.
//!
//! ## Binding cells (`gc::CellRef`)
//! A variable that a closure captures, and every module-level binding, lives in a *cell*: a heap
//! slot holding one `Value`, shared by every environment that refers to the variable. A cell
//! holding `Value::Empty` is uninitialised: reading it throws the TDZ `ReferenceError`. An ES module
//! import is the exporter's cell itself, which is what makes imports live.
//!
//! ## Built-ins (`builtins/`, `native.rs`, `realm.rs`)
//! A built-in function is an object of kind `NativeFunction` holding a Rust `fn(&mut Vm,
//! &CallArgs) -> JsResult<Value>` and optional data slots. Each built-in file installs its objects
//! into the realm's intrinsics table (`Intrinsic` ids) and the global object.

pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod conversions;
pub mod error;
pub mod gc;
pub mod host;
pub mod iterator;
pub mod native;
pub mod object;
pub mod property;
pub mod realm;
pub mod string;
pub mod symbol;
pub mod value;
pub mod vm;

pub use error::{ErrorKind, JsResult, StackFrameInfo};
pub use gc::{CellRef, ObjRef};
pub use native::{CallArgs, NativeFn};
pub use property::{attrs, PropertyDescriptor, PropertyKey};
pub use realm::Intrinsic;
pub use string::JsString;
pub use symbol::Symbol;
pub use value::Value;
pub use vm::Vm;
