//! Early errors (ECMA-262 "Static Semantics: Early Errors") checked after parsing.
//!
//! One recursive walk over the tree (statements in `statements.rs`, expressions in `walk.rs`)
//! carries the syntactic context (`Ctx`: strictness, the enclosing function's kind, where
//! `super`, `new.target`, `yield`, `await` and `arguments` may appear) and three stacks:
//! declaration scopes (`scopes`), labels (`labels`) and class private-name environments
//! (`classes`). Each concern lives in its own file as methods of `Checker`. Every error found
//! is offered to `Checker::error_ordered`, which keeps the one V8 would meet first (the one
//! that starts first in the source, except unresolved private names, which V8 only knows at the
//! end of the outermost class), so the result does not depend on the order of the checks.
//! Messages and underlined spans are V8's (node 20), checked in `tests` and on test262.
//!
//! What the grammar and the token adapter already reject (for example `import` outside the top
//! level of a module, or `yield` as an identifier inside a generator body, where it is always a
//! keyword) is not checked again here.

mod assignment;
mod classes;
mod exports;
mod functions;
mod identifiers;
mod labels;
mod literals;
mod objects;
mod regexp_flags;
mod scopes;
mod statements;
mod walk;

#[cfg(test)]
mod tests;

use crate::ast::{Goal, Program, Span};
use crate::SyntaxError;

/// Checks every early error of `program`; returns the first one in source order.
pub fn check(program: &Program, src: &str) -> Result<(), SyntaxError> {
    let mut checker = Checker::new(program.goal, src);
    checker.check_program(program);
    match checker.error {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// What the code calling a direct eval allows its eval code (PerformEval §19.2.1.1 steps 5-10).
#[derive(Clone, Copy, Debug, Default)]
pub struct EvalContext {
    /// The caller is strict code: so is the eval code.
    pub strict: bool,
    /// The call is inside a (non-arrow) function: `new.target` is allowed.
    pub new_target: bool,
    /// The call is inside a method: `super.x` is allowed.
    pub super_property: bool,
    /// The call is inside a derived class constructor: `super()` is allowed.
    pub super_call: bool,
    /// The call is inside a class field initializer or static block: `arguments` is forbidden.
    pub no_arguments: bool,
}

/// Checks the early errors of direct eval code (a Script) in the context of its caller.
pub fn check_eval(program: &Program, src: &str, cx: EvalContext) -> Result<(), SyntaxError> {
    check_eval_in_classes(program, src, cx, &[])
}

/// [`check_eval`] for eval code called inside class bodies whose private names (without the
/// `#`) are `private_names`: references to them are valid (PerformEval step 11,
/// AllPrivateIdentifiersValid with the caller's private environment).
pub fn check_eval_in_classes<'a>(
    program: &'a Program,
    src: &'a str,
    cx: EvalContext,
    private_names: &'a [String],
) -> Result<(), SyntaxError> {
    let mut checker = Checker::new(program.goal, src);
    if !private_names.is_empty() {
        checker.classes.push(classes::PrivateEnvironment::of_names(private_names));
    }
    checker.ctx.new_target = cx.new_target;
    checker.ctx.super_property = cx.super_property;
    checker.ctx.super_call = cx.super_call;
    checker.ctx.no_arguments = cx.no_arguments;
    checker.eval_strict = cx.strict;
    checker.check_program(program);
    match checker.error {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// The syntactic context of the code being walked. It is copied and replaced when the walk
/// enters a function, a class, a field initializer or a static block, and restored afterwards.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    /// Strict mode code.
    strict: bool,
    /// Inside an async function (its parameters or body): `await` is a keyword.
    is_async: bool,
    /// Inside a generator (its parameters or body): `yield` is a keyword.
    is_generator: bool,
    /// Walking formal parameters: `yield`/`await` expressions are errors here.
    in_params: bool,
    /// Directly inside a class static block (no function boundary in between): the identifier
    /// `await` is reserved.
    in_static_block: bool,
    /// Inside a class field initializer or static block, arrow functions included:
    /// `arguments` is forbidden.
    no_arguments: bool,
    /// The top level of a module (outside every function): `await` expressions are allowed.
    module_top: bool,
    /// `new.target` is allowed.
    new_target: bool,
    /// `super.x` is allowed.
    super_property: bool,
    /// `super()` is allowed.
    super_call: bool,
    /// `return` is allowed.
    can_return: bool,
    /// The enclosing iteration statements (of the current function).
    loop_depth: u32,
    /// The enclosing iteration and switch statements (of the current function).
    breakable_depth: u32,
    /// Index into [`Checker::labels`] where the current function's labels begin.
    label_base: usize,
}

/// The state of one check.
struct Checker<'a> {
    goal: Goal,
    src: &'a str,
    /// The earliest error found so far, with the position that orders it.
    error: Option<(u32, SyntaxError)>,
    ctx: Ctx,
    scopes: Vec<scopes::Scope<'a>>,
    labels: Vec<labels::Label<'a>>,
    classes: Vec<classes::PrivateEnvironment<'a>>,
    /// Set while walking the members of a class that has an `extends` clause (read when the
    /// walk enters the class constructor).
    class_has_heritage: bool,
    /// The end of the outermost class being walked (where V8 reports unresolved private names).
    outermost_class_end: Option<u32>,
    /// Direct eval code of a strict caller ([`check_eval`]).
    eval_strict: bool,
    /// The start of the expression statement being walked (V8 words some identifier errors
    /// differently at the start of a statement, where the identifier could be a label).
    statement_start: Option<u32>,
    /// Module only: the `export { x }` references to check once all top-level declarations
    /// are known.
    pending_export_locals: Vec<&'a crate::ast::Ident>,
}

impl<'a> Checker<'a> {
    fn new(goal: Goal, src: &'a str) -> Checker<'a> {
        Checker {
            goal,
            src,
            error: None,
            ctx: Ctx {
                strict: goal == Goal::Module,
                is_async: false,
                is_generator: false,
                in_params: false,
                in_static_block: false,
                no_arguments: false,
                module_top: goal == Goal::Module,
                new_target: false,
                super_property: false,
                super_call: false,
                can_return: false,
                loop_depth: 0,
                breakable_depth: 0,
                label_base: 0,
            },
            scopes: Vec::new(),
            labels: Vec::new(),
            classes: Vec::new(),
            class_has_heritage: false,
            outermost_class_end: None,
            eval_strict: false,
            statement_start: None,
            pending_export_locals: Vec::new(),
        }
    }

    /// Records an error unless one that starts earlier is already known. `message` is only
    /// called when the error is kept, so callers can format names lazily.
    fn error_with(&mut self, span: Span, message: impl FnOnce() -> String) {
        self.error_ordered(span.start, span, message);
    }

    /// Records an error that V8 detects at source position `order` although it reports it at
    /// `span` (for example unresolved private names, known only at the end of the class).
    fn error_ordered(&mut self, order: u32, span: Span, message: impl FnOnce() -> String) {
        if let Some((known, _)) = &self.error {
            if *known <= order {
                return;
            }
        }
        self.error = Some((order, SyntaxError::new(message(), span)));
    }

    fn error(&mut self, message: &str, span: Span) {
        self.error_with(span, || message.to_string());
    }

    /// The first `len` bytes of `span` (V8 often underlines only a keyword).
    fn head(span: Span, len: u32) -> Span {
        Span {
            start: span.start,
            end: span.start.saturating_add(len).min(span.end.max(span.start)),
        }
    }

    /// The last `len` bytes of `span`.
    fn tail(span: Span, len: u32) -> Span {
        Span {
            start: span.end.saturating_sub(len).max(span.start),
            end: span.end,
        }
    }

    /// Script / Module: the whole program.
    fn check_program(&mut self, program: &'a Program) {
        self.ctx.strict = program.strict || program.goal == Goal::Module || self.eval_strict;
        self.with_var_scope(|this| {
            let top = match program.goal {
                Goal::Script => scopes::ListLevel::ScriptTop,
                Goal::Module => scopes::ListLevel::ModuleTop,
            };
            this.declare_statement_list(&program.body, top);
            this.walk_statements(&program.body);
            if program.goal == Goal::Module {
                this.check_module_exports(program);
            }
        });
    }
}
