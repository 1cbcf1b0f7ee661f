//! The CommonJS module wrapper: Node v20 compiles a module's text as the body of
//! `function (exports, require, module, __filename, __dirname) { … }` (`wrapSafe`, which uses
//! V8's `CompileFunction`: the parameters are given apart from the text, so the file's lines
//! and columns are its own — line 1 is not shifted by a wrapper prefix).
//!
//! Here the text is parsed once as a function body (a Script whose top level may `return`),
//! its statements become the body of a function expression with the five parameters, and that
//! function is checked (a function's early errors: `let exports` clashes with the parameter,
//! `'use strict'` applies to the body, `new.target` is allowed) and compiled through the
//! ordinary Script entry point. Every span is a span of the file's text, which is the
//! SourceInfo's text; the SourceInfo's name is the absolute filename (stack traces, and the
//! referrer of `import()`).

use std::rc::Rc;

use modjs_parser::ast::{
    Expr, ExprKind, Function, FunctionBody, FunctionKind, Goal, Ident, Params, Pattern, PatternKind, Program, Span,
    Stmt, StmtKind,
};
use modjs_parser::SyntaxError;
use modjs_vm::bytecode::SourceInfo;
use modjs_vm::compiler::{compile_script_portable, CompileError, CompiledScript};
use modjs_vm::{attrs, JsResult, ObjRef, PropertyKey, Value, Vm};

/// The wrapper's parameters, in order (Node's `wrapper` / `cjsParseCache` parameters).
pub const WRAPPER_PARAMETERS: [&str; 5] = ["exports", "require", "module", "__filename", "__dirname"];

/// Parses `source` as a CommonJS module: a program made of one parenthesised function
/// expression whose body is the module's statements, with every early error checked.
pub fn parse_wrapper(source: &str) -> Result<Program, SyntaxError> {
    let body = modjs_parser::parse_function_body_unchecked(source)?;
    let whole = Span { start: 0, end: source.len() as u32 };
    let at_start = Span { start: 0, end: 0 };
    let items = WRAPPER_PARAMETERS
        .iter()
        .map(|name| Pattern {
            kind: PatternKind::Ident(Ident { name: (*name).into(), span: at_start, escaped: false }),
            span: at_start,
        })
        .collect();
    let function = Function {
        id: None,
        kind: FunctionKind::Normal,
        is_async: false,
        is_generator: false,
        params: Params { items, rest: None, span: at_start },
        body: FunctionBody::Block(body.body),
        has_use_strict: body.strict,
        span: whole,
    };
    let function = Expr { kind: ExprKind::Function(Box::new(function)), span: whole };
    let paren = Expr { kind: ExprKind::Paren(Box::new(function)), span: whole };
    let program = Program {
        goal: Goal::Script,
        body: vec![Stmt { kind: StmtKind::Expr(Box::new(paren)), span: whole }],
        strict: false,
        span: whole,
    };
    modjs_parser::early_errors::check(&program, source)?;
    Ok(program)
}

/// A CommonJS module's wrapper, parsed and compiled but not yet a function: it holds nothing
/// tied to a thread, so the work can be done ahead on another one (the prefetch worker, the
/// module graph's parse workers). An error is kept and thrown when the module is loaded.
pub type PreparedWrapper = Result<CompiledScript, WrapperError>;

/// Why a module's text does not become a wrapper function.
#[derive(Debug)]
pub enum WrapperError {
    /// The text does not parse (or breaks an early-error rule).
    Syntax(SyntaxError),
    /// modjs cannot compile it ("modjs does not support ... yet").
    Compile(CompileError),
}

/// Parses and compiles the wrapper of `source` (the tree is dropped on the calling thread).
pub fn prepare_wrapper(source: &str) -> PreparedWrapper {
    let program = parse_wrapper(source).map_err(WrapperError::Syntax)?;
    compile_wrapper_program(&program)
}

/// Compiles a checked wrapper program (from [`parse_wrapper`]).
pub fn compile_wrapper_program(program: &Program) -> PreparedWrapper {
    compile_script_portable(program).map_err(WrapperError::Compile)
}

/// The wrapper function of the module at `filename` from its prepared code; a syntax or
/// compile error is thrown as the `SyntaxError` Node throws.
pub fn instantiate_wrapper(vm: &mut Vm, filename: &str, source: &str, prepared: PreparedWrapper) -> JsResult<ObjRef> {
    let code = match prepared {
        Ok(code) => code,
        Err(WrapperError::Syntax(e)) => return Err(syntax_error(vm, filename, source, &e)),
        Err(WrapperError::Compile(e)) => return Err(vm.throw_syntax_error(&e.message)),
    };
    let info = Rc::new(SourceInfo::new(filename, source));
    match vm.evaluate_script(&code.materialize(&info))? {
        Value::Object(f) => Ok(f),
        _ => Err(vm.throw_syntax_error("modjs internal error: the CommonJS wrapper is not a function")),
    }
}

/// The `SyntaxError` thrown for a module that does not compile. Its stack starts with the
/// place of the error in the module (`at /abs/file.js:LINE:COLUMN`), where the report of an
/// uncaught error takes its source excerpt from: Node shows the module's line, not the
/// `require` call's.
pub fn syntax_error(vm: &mut Vm, filename: &str, source: &str, error: &SyntaxError) -> Value {
    let thrown = vm.throw_syntax_error(&error.message);
    let Value::Object(o) = &thrown else { return thrown };
    let key = PropertyKey::from("stack");
    if let Ok(Value::String(stack)) = vm.get(*o, &key) {
        let text = stack.to_rust_lossy();
        let (heading, frames) = text.find("\n    at ").map_or((text.as_str(), ""), |i| text.split_at(i));
        let index = modjs_lexer::LineIndex::new(source);
        let (line, column) = index.line_col(source, (error.span.start as usize).min(source.len()));
        let stack = format!("{heading}\n    at {filename}:{line}:{}{frames}", column + 1);
        vm.define_value(*o, key, Value::from(stack.as_str()), attrs::BUILTIN);
    }
    thrown
}

/// `wrapSafe(filename, content)`: parses and compiles the module text into its wrapper
/// function. A syntax error is thrown as a `SyntaxError` ([`syntax_error`]).
pub fn wrap_safe(vm: &mut Vm, filename: &str, source: &str) -> JsResult<ObjRef> {
    instantiate_wrapper(vm, filename, source, prepare_wrapper(source))
}
