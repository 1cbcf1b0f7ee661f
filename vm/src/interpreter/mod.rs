//! The interpreter: frames on one shared register stack, and the dispatch loop.
//!
//! Each call frame is a window on `Interpreter::stack` (its registers) and on
//! `Interpreter::cells` (the cell slots of its captured bindings). A call from bytecode to
//! bytecode pushes a frame and continues in the same loop — no Rust recursion; the callee's
//! window starts right at the caller's argument registers (register 0 = `this`, then the
//! arguments), so arguments are never copied. Rust code calling JavaScript (`Vm::call`) runs a
//! nested loop that returns when its entry frame returns, counted in `Vm::native_depth`.
//!
//! Exceptions: `TryStart` pushes a handler (target pc and exception register) tagged with the
//! frame depth; a throw pops to the innermost handler of the innermost frame that has one,
//! leaving the frames above it.

mod async_function;
pub mod async_generator;
pub mod async_iteration;
mod calls;
pub mod closure;
pub mod direct_eval;
mod dispatch;
mod eval_environment;
pub mod generator;
pub mod private;
mod globals;
pub mod import_call;
mod iteration;
mod module;
mod object_environment;
mod operators;
mod script;
mod stack_trace;

use std::rc::Rc;

use crate::bytecode::FunctionTemplate;
use crate::gc::{CellRef, ObjRef, Trace, Tracer};
use crate::string::JsString;
use crate::value::Value;

pub use calls::{call_closure, construct_closure};
pub use closure::{Closure, CommonKeys};
pub use iteration::ForInIterator;

/// More frames than this throw `RangeError: Maximum call stack size exceeded`.
pub const MAX_FRAMES: usize = 10_000;

/// Default Rust stack budget for nested interpreter entries: safe on a 2 MiB thread (the
/// smallest stack Rust gives a spawned thread by default).
pub const DEFAULT_NATIVE_STACK_BUDGET: usize = 1 << 20;

/// One activation of a bytecode function.
pub struct Frame {
    pub template: Rc<FunctionTemplate>,
    /// The function object (None for Script code).
    pub callee: Option<ObjRef>,
    pub upvalues: Rc<[CellRef]>,
    /// First register (register 0, `this`) in the register stack.
    pub base: usize,
    /// First cell slot in the cell stack.
    pub cell_base: usize,
    /// The next instruction (saved while another frame runs or an error is being made).
    pub pc: usize,
    /// Absolute register receiving the return value in the caller.
    pub ret: usize,
    pub new_target: Value,
    /// The full argument list, kept when the function uses `arguments` or a rest parameter.
    pub args: Vec<Value>,
    /// [[Construct]] of a base constructor: a non-object return value gives `this`.
    pub construct: bool,
    /// Returning from this frame leaves the dispatch loop (Rust called in).
    pub entry: bool,
    /// Number of exception handlers below this frame's.
    pub handler_base: usize,
    /// The generator object whose body this frame runs.
    pub generator: Option<ObjRef>,
}

/// An active `try` region.
#[derive(Clone, Copy)]
pub struct Handler {
    pub target: u32,
    pub exc: u16,
}

/// The interpreter state the `Vm` owns.
pub struct Interpreter {
    /// The register stack. It must never get shorter (only `resize` it upward): the dispatch
    /// loop relies on that to read registers without bounds checks.
    pub stack: Vec<Value>,
    pub cells: Vec<CellRef>,
    pub frames: Vec<Frame>,
    pub handlers: Vec<Handler>,
    pub common_keys: CommonKeys,
    /// `typeof` results, made once.
    pub typeof_strings: TypeofStrings,
    /// A cell that fills unused cell slots (never read: `NewCell` runs before any use).
    pub placeholder_cell: Option<CellRef>,
    /// Cells kept alive for the host: module environments (`Vm::new_module_cells`).
    pub cell_roots: Vec<CellRef>,
    /// Rust stack use: the address of a local at the outermost entry into the interpreter, and
    /// how many bytes below it nested entries (Rust calling JavaScript calling Rust ...) may
    /// reach before `RangeError: Maximum call stack size exceeded`. The host should set the
    /// budget to a safe fraction of the thread's stack size.
    pub stack_origin: usize,
    pub native_stack_budget: usize,
    /// GetTemplateObject's [[TemplateMap]]: per template (kept alive here so its address
    /// stays unique) and site, the frozen template object.
    pub template_objects: Vec<(Rc<FunctionTemplate>, u32, ObjRef)>,
    /// Emptied argument vectors of finished native calls, reused by the next ones (always
    /// empty: nothing to trace).
    pub arg_vectors: Vec<Vec<Value>>,
}

pub struct TypeofStrings {
    pub undefined: JsString,
    pub object: JsString,
    pub boolean: JsString,
    pub number: JsString,
    pub string: JsString,
    pub symbol: JsString,
    pub function: JsString,
    pub bigint: JsString,
}

impl TypeofStrings {
    fn new() -> Self {
        TypeofStrings {
            undefined: JsString::from("undefined"),
            object: JsString::from("object"),
            boolean: JsString::from("boolean"),
            number: JsString::from("number"),
            string: JsString::from("string"),
            symbol: JsString::from("symbol"),
            function: JsString::from("function"),
            bigint: JsString::from("bigint"),
        }
    }

    pub fn get(&self, name: &str) -> JsString {
        match name {
            "undefined" => self.undefined.clone(),
            "object" => self.object.clone(),
            "boolean" => self.boolean.clone(),
            "number" => self.number.clone(),
            "string" => self.string.clone(),
            "symbol" => self.symbol.clone(),
            "function" => self.function.clone(),
            _ => self.bigint.clone(),
        }
    }
}

impl Default for Interpreter {
    fn default() -> Self {
        Interpreter::new()
    }
}

impl Interpreter {
    pub fn new() -> Interpreter {
        Interpreter {
            stack: Vec::new(),
            cells: Vec::new(),
            frames: Vec::new(),
            handlers: Vec::new(),
            common_keys: CommonKeys::new(),
            typeof_strings: TypeofStrings::new(),
            placeholder_cell: None,
            cell_roots: Vec::new(),
            template_objects: Vec::new(),
            arg_vectors: Vec::new(),
            stack_origin: 0,
            native_stack_budget: DEFAULT_NATIVE_STACK_BUDGET,
        }
    }

    /// One past the last register in use (the top frame's window end).
    pub fn live_top(&self) -> usize {
        match self.frames.last() {
            Some(f) => f.base + f.template.register_count as usize,
            None => 0,
        }
    }
}

impl Trace for Interpreter {
    fn trace(&self, t: &mut Tracer) {
        let top = self.live_top().min(self.stack.len());
        t.values(&self.stack[..top]);
        for c in &self.cells {
            t.cell(*c);
        }
        if let Some(c) = self.placeholder_cell {
            t.cell(c);
        }
        for c in &self.cell_roots {
            t.cell(*c);
        }
        for (_, _, o) in &self.template_objects {
            t.obj(*o);
        }
        for f in &self.frames {
            if let Some(c) = f.callee {
                t.obj(c);
            }
            for c in f.upvalues.iter() {
                t.cell(*c);
            }
            t.value(&f.new_target);
            t.values(&f.args);
            if let Some(g) = f.generator {
                t.obj(g);
            }
        }
    }
}
