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
    let program = match parse_wrapper(source) {
        Ok(p) => p,
        Err(e) => return Err(syntax_error(vm, filename, source, &e)),
    };
    compile_wrapper(vm, filename, source, &program)
}
