//! # modjs-parser — from source text to a checked AST and module records
//!
//! The pipeline: the raw lexer (`modjs-lexer`) → the token [`adapter`] (context-sensitive token
//! decisions: regex vs division, block vs object braces, contextual keywords, restricted
//! productions) → the lalrpop grammar (`grammar.lalrpop`, automatic semicolon insertion through
//! error recovery) → the [`ast`] → [`early_errors`] (static semantics) → for modules,
//! [`module_records`] (ParseModule's RequestedModules and import/export entries).

pub mod adapter;
pub mod ast;
mod build;
pub mod dump;
pub mod error;
pub mod early_errors;
pub mod fast_hash;
pub mod module_records;

pub use ast::Goal;

#[allow(clippy::all, unused_parens, unused_variables)]
mod grammar {
    include!(concat!(env!("OUT_DIR"), "/grammar.rs"));
}
pub use error::{ErrorKind, SyntaxError};

/// Parses `src` for the given goal and checks its early errors.
pub fn parse(src: &str, goal: Goal) -> Result<ast::Program, SyntaxError> {
    let program = parse_unchecked(src, goal)?;
    early_errors::check(&program, src)?;
    Ok(program)
}

/// Parses direct eval code: a Script whose early errors are those of its caller's context.
pub fn parse_eval(src: &str, cx: early_errors::EvalContext) -> Result<ast::Program, SyntaxError> {
    parse_eval_in_classes(src, cx, &[])
}

/// [`parse_eval`] for eval code called inside class bodies that declare `private_names`
/// (without the `#`), which the eval code may then refer to.
pub fn parse_eval_in_classes(
    src: &str,
    cx: early_errors::EvalContext,
    private_names: &[String],
) -> Result<ast::Program, SyntaxError> {
    let program = parse_unchecked(src, Goal::Script)?;
    early_errors::check_eval_in_classes(&program, src, cx, private_names)?;
    Ok(program)
}

/// Parses a Script.
pub fn parse_script(src: &str) -> Result<ast::Program, SyntaxError> {
    parse(src, Goal::Script)
}

/// Parses a Module.
pub fn parse_module(src: &str) -> Result<ast::Program, SyntaxError> {
    parse(src, Goal::Module)
}

/// Parses without the early-error pass (grammar and adapter errors only).
pub fn parse_unchecked(src: &str, goal: Goal) -> Result<ast::Program, SyntaxError> {
    parse_with(adapter::ParseCtx::new(src, goal))
}

/// Parses `src` as the statements of a function body (what Node compiles a CommonJS module
/// as): a Script whose top level may `return`. Early errors are not checked: the caller puts
/// the statements into a function (with its parameters) and checks that with
/// [`early_errors::check`], so that the function's rules apply.
pub fn parse_function_body_unchecked(src: &str) -> Result<ast::Program, SyntaxError> {
    let mut ctx = adapter::ParseCtx::new(src, Goal::Script);
    ctx.function_body = true;
    parse_with(ctx)
}

fn parse_with(ctx: adapter::ParseCtx<'_>) -> Result<ast::Program, SyntaxError> {
    let tokens = adapter::Adapter::new(&ctx);
    let parsed = grammar::ProgramParser::new().parse(&ctx, tokens);
    // A lexical or adapter error ended the tokens early: it is the error, whatever the
    // parser made of the shortened input.
    if let Some(e) = ctx.adapter_error.take() {
        return Err(e);
    }
    let program = parsed.map_err(|e| build::convert_error(e, &ctx))?;
    if ctx.pending_phase_calls.get() > 0 {
        return Err(SyntaxError::new("Unexpected token 'import'", ast::Span::default()));
    }
    Ok(program)
}
