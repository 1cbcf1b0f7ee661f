//! Functions: their context (what `super`, `new.target`, `yield`, `await`, `return` and labels
//! mean inside), their names, formal parameters and bodies (ECMA-262 §15.1.1, §15.2.1, §15.3.1,
//! §15.4.1, §15.5.1, §15.6.1, §15.8.1, §15.9.1).

use super::scopes::{bound_names, ListLevel, ParamDuplicates, ScopeKind};
use super::statements::BindingKind;
use super::{identifiers::IdentUse, Checker, Ctx};
use crate::ast::{ExprKind, Function, FunctionBody, FunctionKind, Span, StmtKind};

/// How a function was written, which decides the context its name is checked in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Site {
    /// A declaration: the name belongs to the enclosing context (but to the function's own
    /// strictness).
    Declaration,
    /// A function expression: the name belongs to the function itself.
    Expression,
    /// An arrow function.
    Arrow,
    /// An object or class method, getter, setter or constructor.
    Method,
}

impl<'a> Checker<'a> {
    pub(super) fn walk_function_declaration(&mut self, func: &'a Function) {
        self.walk_function(func, Site::Declaration);
    }

    pub(super) fn walk_function_expression(&mut self, func: &'a Function) {
        self.walk_function(func, Site::Expression);
    }

    pub(super) fn walk_arrow(&mut self, func: &'a Function) {
        self.walk_function(func, Site::Arrow);
    }

    pub(super) fn walk_method(&mut self, func: &'a Function) {
        self.walk_function(func, Site::Method);
    }

    /// The context inside `func`'s parameters and body.
    fn function_context(&self, func: &Function, strict: bool) -> Ctx {
        let outer = self.ctx;
        let mut ctx = Ctx {
            strict,
            is_async: func.is_async,
            is_generator: func.is_generator,
            in_params: false,
            in_static_block: false,
            no_arguments: false,
            module_top: false,
            new_target: true,
            super_property: matches!(
                func.kind,
                FunctionKind::Method
                    | FunctionKind::Getter
                    | FunctionKind::Setter
                    | FunctionKind::Constructor
            ),
            super_call: func.kind == FunctionKind::Constructor && self.class_has_heritage,
            can_return: true,
            loop_depth: 0,
            breakable_depth: 0,
            label_base: self.labels.len(),
        };
        if func.kind == FunctionKind::Arrow {
            // Arrow functions see the `super`, `new.target` and `arguments` of the code around
            // them.
            ctx.is_generator = false;
            ctx.no_arguments = outer.no_arguments;
            ctx.new_target = outer.new_target;
            ctx.super_property = outer.super_property;
            ctx.super_call = outer.super_call;
        }
        ctx
    }

    fn walk_function(&mut self, func: &'a Function, site: Site) {
        let strict = self.ctx.strict || func.has_use_strict;
        let inner = self.function_context(func, strict);
        let outer = self.ctx;

        // FunctionBodyContainsUseStrict with a non-simple parameter list.
        if func.has_use_strict && !func.params.is_simple() {
            let at = use_strict_directive_span(func).unwrap_or(func.span);
            self.error(
                "Illegal 'use strict' directive in function with non-simple parameter list",
                at,
            );
        }

        // The BindingIdentifier is part of the function's code for strictness, and of the
        // enclosing code (declarations) or the function itself (expressions) for yield/await.
        if let Some(id) = &func.id {
            match site {
                Site::Declaration => {
                    // V8 names `function arguments() {}` in a static block as a strict-mode
                    // binding error rather than a ContainsArguments one.
                    self.ctx.strict = strict;
                    self.ctx.no_arguments = false;
                    self.check_identifier(id, IdentUse::Binding);
                }
                Site::Expression => {
                    self.ctx = inner;
                    self.check_identifier(id, IdentUse::Binding);
                }
                Site::Arrow | Site::Method => {}
            }
            self.ctx = outer;
        }

        self.ctx = inner;
        self.with_scope(ScopeKind::Var, |this| {
            // UniqueFormalParameters for arrows, methods, strict and non-simple lists.
            let unique = strict
                || site == Site::Arrow
                || site == Site::Method
                || func.kind != FunctionKind::Normal
                || !func.params.is_simple();
            let mut names = Vec::new();
            for param in &func.params.items {
                bound_names(param, &mut names);
            }
            if let Some(rest) = &func.params.rest {
                bound_names(rest, &mut names);
            }
            let duplicates = if unique {
                ParamDuplicates::Error
            } else {
                ParamDuplicates::Allowed
            };
            this.declare_params(&names, duplicates);

            this.ctx.in_params = true;
            if site == Site::Arrow {
                // Arrow parameters were parsed as part of the enclosing code: `await` and
                // `yield` are reserved there if they are around the arrow
                // (`async (a = (await) => {}) => {}`).
                this.ctx.in_static_block = outer.in_static_block;
                this.ctx.is_async |= outer.is_async;
                this.ctx.is_generator = outer.is_generator;
            }
            for param in &func.params.items {
                this.walk_binding_pattern(param, BindingKind::Other);
            }
            if let Some(rest) = &func.params.rest {
                this.walk_binding_pattern(rest, BindingKind::Other);
            }
            this.ctx.in_params = false;
            this.ctx.in_static_block = false;
            this.ctx.is_async = inner.is_async;
            this.ctx.is_generator = inner.is_generator;

            match &func.body {
                FunctionBody::Block(stmts) => {
                    this.declare_statement_list(stmts, ListLevel::FunctionTop);
                    this.walk_statements(stmts);
                }
                FunctionBody::Expr(expr) => this.walk_expr(expr),
            }
        });
        self.ctx = outer;
    }
}

/// The span of the `"use strict"` directive in `func`'s directive prologue.
fn use_strict_directive_span(func: &Function) -> Option<Span> {
    let FunctionBody::Block(stmts) = &func.body else {
        return None;
    };
    for stmt in stmts {
        let StmtKind::Expr(expr) = &stmt.kind else {
            return None;
        };
        let ExprKind::Str { value, .. } = &expr.kind else {
            return None;
        };
        if value.eq_str("use strict") {
            return Some(expr.span);
        }
    }
    None
}
