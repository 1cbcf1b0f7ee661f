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
use modjs_vm::compiler::compile_script;
use modjs_vm::{JsResult, ObjRef, Value, Vm};

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

/// Compiles a checked wrapper program (from [`parse_wrapper`]) of the module at `filename`
/// and returns the wrapper function.
pub fn compile_wrapper(vm: &mut Vm, filename: &str, source: &str, program: &Program) -> JsResult<ObjRef> {
    let info = Rc::new(SourceInfo::new(filename, source));
    let code = match compile_script(program, info) {
        Ok(c) => c,
        Err(e) => return Err(vm.throw_syntax_error(&e.message)),
    };
    match vm.evaluate_script(&code)? {
        Value::Object(f) => Ok(f),
        _ => Err(vm.throw_syntax_error("modjs internal error: the CommonJS wrapper is not a function")),
    }
}

/// `wrapSafe(filename, content)`: parses and compiles the module text into its wrapper
/// function. A syntax error is thrown as a `SyntaxError`.
pub fn wrap_safe(vm: &mut Vm, filename: &str, source: &str) -> JsResult<ObjRef> {
    let program = match parse_wrapper(source) {
        Ok(p) => p,
        Err(e) => return Err(vm.throw_syntax_error(&e.message)),
    };
    compile_wrapper(vm, filename, source, &program)
}
