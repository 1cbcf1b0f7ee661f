//! # modjs-vm — the bytecode compiler, the interpreter and the built-ins
//!
//! This crate turns a checked AST (from `modjs-parser`) into bytecode and runs it.
//!
//! ## Values (`value.rs`)
//! `Value` is a 16-byte enum: undefined, null, booleans, numbers (`f64`), strings, symbols,
//! BigInts, objects, and the internal `Empty` marker (an uninitialised binding or an array hole —
//! never visible to JavaScript). Strings (`string.rs`) are immutable UTF-16 code-unit arrays
//! behind an `Rc` with a hash computed once; symbols (`symbol.rs`) are `Rc`s compared by
//! identity; BigInts (`bigint/`, sign and 32-bit limbs) are immutable `Rc`s compared by value.
//! None can form cycles, so none needs the collector. Objects are `ObjRef` handles (4 bytes,
//! `Copy`). The interpreter's fast paths handle numbers only; BigInts take the operators' slow
//! paths (`interpreter/operators.rs`).
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
//! between jobs, and it collects only when `Vm::native_depth <= Vm::gc_floor` (normally 0), i.e.
//! when no built-in function (which may keep handles in Rust locals) is running; the module
//! loader raises the floor while a module body runs, since it holds nothing unrooted itself.
//! The roots are the realm, the interpreter's
//! register stack and frames, suspended generators, the job queue and timers, and `Vm::roots`.
//! *When* to collect is decided by two budgets since the last collection, whichever runs out
//! first: the number of allocations, and their bytes (each object's arena slot, property map and
//! dense elements, counted when allocated and as they grow). Each budget is what survived the
//! last collection, with floors of 100,000 allocations and 2 MiB, so the heap at most about
//! doubles between collections and a program making a few large arrays still collects.
//!
//! ## Binding cells (`gc::CellRef`)
//! A variable that a closure captures, and every module-level binding, lives in a *cell*: a heap
//! slot holding one `Value`, shared by every environment that refers to the variable. A cell
//! holding `Value::Empty` is uninitialised: reading it throws the TDZ `ReferenceError`. An ES module
//! import is the exporter's cell itself, which is what makes imports live.
//!
//! ## Bytecode (`bytecode/`) and the compiler (`compiler/`)
//! The compiler turns a checked AST into `FunctionTemplate`s: register-based instructions
//! (`Insn`, an enum with inline `u16` register / `u32` pool operands), a constant pool (made
//! into `Value`s once), a name pool (made into `PropertyKey`s once), child templates, the
//! register and cell-slot counts, and a pc → source offset table for stack traces. A scope
//! analysis first finds the names each function's nested functions use; a binding whose name
//! is among them lives in a *cell* (the frame's cell slot, captured by closures as upvalues),
//! every other binding in a register. `let`/`const`/`class` bindings start as `Value::Empty`
//! and reads check it unless the read is provably after the declaration in the same function.
//! Script top-level `var`/`function` are global-object properties, top-level
//! `let`/`const`/`class` are cells of the realm's global declarative record, handed to the
//! script as upvalues. `break`/`continue`/`return` through `finally` blocks and `for-of` loops
//! are routed at compile time (completion codes in registers), so the interpreter has no
//! completion records. What the compiler cannot handle yet is a
//! `SyntaxError: modjs does not support <feature> yet`.
//!
//! ## The interpreter (`interpreter/`)
//! Each call frame is a window on one shared register stack (register 0 = `this`, then the
//! arguments, then locals and temporaries) and on a stack of cell slots. A call from bytecode
//! to bytecode pushes a frame whose window starts at the caller's argument registers and keeps
//! running in the same loop — no Rust recursion, no argument copy; more than
//! `interpreter::MAX_FRAMES` frames is `RangeError: Maximum call stack size exceeded`. Rust
//! calling JavaScript (`Vm::call`) runs a nested loop counted in `native_depth`. A function
//! object made from bytecode is `ObjectKind::Function(Closure)`: template, captured cells,
//! home object, class field initialiser. `try` pushes a handler (target pc, exception
//! register); a throw unwinds frames to the innermost handler. Loop back-edges and function
//! entry are the GC safe points.
//!
//! Suspension is one mechanism: a generator's `yield`, an async function's `await` and a
//! module body's top-level `await` move the frame's registers, cell slots, pc and handlers
//! into a heap object (`ObjectKind::Generator`), and resuming pushes them back as an entry
//! frame with the sent value and a resumption mode (next / throw / return) in registers; the
//! code after each suspension point dispatches on the mode, so `return()` runs `finally`
//! blocks like any `return`. An async activation's state also holds its promise; `await`
//! uses PromiseResolve + PerformPromiseThen and is resumed from the reaction jobs.
//! Class private elements live in `Object::private`, apart from the properties.
//!
//! ## Built-ins (`builtins/`, `native.rs`, `realm.rs`)
//! A built-in function is an object of kind `NativeFunction` holding a Rust `fn(&mut Vm,
//! &CallArgs) -> JsResult<Value>` and optional data slots. Each built-in file installs its objects
//! into the realm's intrinsics table (`Intrinsic` ids) and the global object.

pub mod bigint;
pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod conversions;
pub mod error;
pub mod gc;
pub mod host;
pub mod interpreter;
pub mod iteration;
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
pub use iteration::{IteratorHint, IteratorRecord};
pub use native::{CallArgs, NativeFn};
pub use property::{attrs, PropertyDescriptor, PropertyKey};
pub use realm::Intrinsic;
pub use string::JsString;
pub use symbol::Symbol;
pub use value::Value;
pub use vm::Vm;
