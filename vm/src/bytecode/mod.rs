//! Bytecode: the instruction set ([`Insn`]) and the compiled form of a function
//! ([`FunctionTemplate`]).

pub mod insn;
pub mod template;

pub use insn::{CompareOp, ErrorType, ImmOp, Insn, MethodKind, Reg, NO_TEXT, SPREAD_ARGC};
pub use template::{Capture, CompiledFunction, Constant, FunctionTemplate, SourceInfo, TemplateKind, TemplateSite};
