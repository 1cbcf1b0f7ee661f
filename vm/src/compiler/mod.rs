//! The bytecode compiler: AST → [`FunctionTemplate`]s.
//!
//! One pass per function over the checked AST, after a scope analysis ([`analysis`]) that tells
//! which bindings closures capture. Bindings live in frame registers, or in heap cells when
//! captured (see [`scope`]). Expressions are compiled into a destination register; temporaries
//! are allocated stack-wise above the bindings. Anything the compiler does not handle yet is a
//! `SyntaxError: modjs does not support <feature> yet`, never a wrong program.

pub mod analysis;
mod async_iteration;
mod classes;
mod control;
pub mod declarations;
pub mod eval_scope;
pub mod eval_var_scope;
mod expressions;
mod function_state;
mod functions;
mod name_table;
mod patterns;
mod program;
mod scope;
mod statements;
mod with_scope;

use modjs_lexer::JsStr;
use modjs_parser::ast::Span;

use analysis::Analyses;
use function_state::FuncState;

pub use program::{
    compile_module, compile_script, compile_script_portable, CompiledModule, CompiledScript, ModuleBinding,
    ModuleBindingKind, ModuleCode, ScriptCode,
};

/// A compile-time error: thrown as a `SyntaxError` with this message.
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub message: String,
    pub span: Span,
}

impl CompileError {
    /// `modjs does not support <feature> yet`.
    pub fn unsupported(feature: &str, span: Span) -> CompileError {
        CompileError { message: format!("modjs does not support {feature} yet"), span }
    }

    /// An error the program itself causes, thrown as a SyntaxError with `message` (V8's text).
    pub fn syntax(message: &str, span: Span) -> CompileError {
        CompileError { message: message.to_string(), span }
    }

    /// A compiler bug surfaced as a SyntaxError rather than a panic.
    pub fn internal(what: &str, span: Span) -> CompileError {
        CompileError { message: format!("modjs internal compiler error: {what}"), span }
    }
}

pub type CResult<T> = Result<T, CompileError>;

/// The compiler: the stack of functions being compiled (innermost last).
pub struct Compiler {
    analyses: Analyses,
    funcs: Vec<FuncState>,
    next_binding_id: u32,
    /// Nesting depth of class bodies (class code is strict).
    class_depth: u32,
    /// The source text of the value the next destructuring pattern takes apart (for V8's
    /// "x is not iterable").
    destructure_text: Option<String>,
    /// The source span the next compiled function reports (a class constructor: its class).
    source_span_override: Option<Span>,
    /// The `with` statements whose bodies enclose the code being compiled (innermost last).
    withs: Vec<with_scope::WithScope>,
    /// Compiling direct eval code: what it knows of its caller (`eval_scope.rs`).
    eval: Option<eval_var_scope::EvalState>,
    /// Makes the names of hidden bindings unique across compilations whose code shares
    /// environments (eval code and its caller): 0 for a Script or Module, a fresh number for
    /// each eval code.
    hidden_salt: u32,
    /// The buffer of [`Compiler::printed_name`].
    printer_text: String,
}

impl Compiler {
    fn new() -> Compiler {
        Compiler { analyses: Analyses::default(), funcs: Vec::new(), next_binding_id: 0, class_depth: 0, destructure_text: None, source_span_override: None, withs: Vec::new(), eval: None, hidden_salt: 0, printer_text: String::new() }
    }

    /// The function being compiled.
    fn f(&mut self) -> &mut FuncState {
        // The stack is never empty while compiling: entry points push the top-level state
        // before anything calls this.
        match self.funcs.last_mut() {
            Some(f) => f,
            None => unreachable_state(),
        }
    }
}

/// `s` as UTF-16 (what `JsStr::from_str` makes), without the general encoder's per-character
/// growth for the ASCII names nearly all code uses.
pub(crate) fn js_str(s: &str) -> JsStr {
    if s.is_ascii() {
        return JsStr(s.bytes().map(u16::from).collect());
    }
    JsStr::from_str(s)
}

#[cold]
fn unreachable_state() -> ! {
    panic!("compiler used without a function state")
}
