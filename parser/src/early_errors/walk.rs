//! The expression walk, with the rules that belong to single expressions: `delete` in strict
//! code (§13.5.1.1), `super` (§13.3.7.1 via Contains SuperProperty/SuperCall of the enclosing
//! functions), `new.target` (§15.1.1), `import.meta` (§16.2.1.1, Module only), `yield` and
//! `await` expressions in formal parameters (§15.5.1, §15.8.1) and the other places where they
//! cannot appear.

use super::identifiers::IdentUse;
use super::Checker;
use crate::ast::{ArrayElement, Expr, ExprKind, Goal, Ident, MemberProp, PropKey, UnaryOp};

/// Removes any number of parentheses: `((x))` → `x`.
pub(super) fn unparenthesized(mut expr: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &expr.kind {
        expr = inner;
    }
    expr
}

impl<'a> Checker<'a> {
    pub(super) fn walk_exprs(&mut self, elems: &'a [ArrayElement]) {
        for elem in elems {
            match elem {
                ArrayElement::Expr(e) | ArrayElement::Spread(e) => self.walk_expr(e),
            }
        }
    }

    pub(super) fn walk_prop_key(&mut self, key: &'a PropKey) {
        match key {
            PropKey::Computed(expr) => self.walk_expr(expr),
            PropKey::Private(name) => self.check_private_reference(name),
            PropKey::Ident(_) | PropKey::Str(..) | PropKey::Num(..) | PropKey::BigInt(..) => {}
        }
    }

    fn walk_member_prop(&mut self, prop: &'a MemberProp) {
        match prop {
            MemberProp::Name(_) => {}
            MemberProp::Computed(expr) => self.walk_expr(expr),
            MemberProp::Private(name) => self.check_private_reference(name),
        }
    }

    pub(super) fn walk_expr(&mut self, expr: &'a Expr) {
        match &expr.kind {
            ExprKind::This | ExprKind::Null | ExprKind::Bool(_) | ExprKind::BigInt(_) => {}
            ExprKind::Ident(id) => self.check_identifier(id, IdentUse::Reference),
            ExprKind::Num { legacy_octal, .. } => {
                if *legacy_octal && self.ctx.strict {
                    self.strict_legacy_number(expr.span);
                }
            }
            ExprKind::Str {
                legacy_octal_escape,
                ..
            } => {
                if *legacy_octal_escape && self.ctx.strict {
                    self.strict_legacy_escape(expr.span);
                }
            }
            ExprKind::Regex { flags, .. } => self.check_regexp_flags(flags, expr.span),
            ExprKind::Template(template) => {
                self.check_template_cooked(template);
                for e in &template.exprs {
                    self.walk_expr(e);
                }
            }
            ExprKind::TaggedTemplate { tag, quasi } => {
                self.walk_expr(tag);
                for e in &quasi.exprs {
                    self.walk_expr(e);
                }
            }
            ExprKind::Array(elems) => {
                for elem in elems.iter().flatten() {
                    match elem {
                        ArrayElement::Expr(e) | ArrayElement::Spread(e) => self.walk_expr(e),
                    }
                }
            }
            ExprKind::Object(props) => self.walk_object_literal(props),
            ExprKind::Function(func) => self.walk_function_expression(func),
            ExprKind::Arrow(func) => self.walk_arrow(func),
            ExprKind::Class(class) => self.walk_class(class),
            ExprKind::Unary { op, arg } => {
                if *op == UnaryOp::Delete {
                    self.check_delete(arg);
                }
                self.walk_expr(arg);
            }
            ExprKind::Update { prefix, arg, .. } => {
                self.check_update_target(arg, *prefix);
                self.walk_expr(arg);
            }
            ExprKind::Binary { .. } | ExprKind::Logical { .. } => self.walk_operator_chain(expr),
            ExprKind::PrivateIn { name, right } => {
                self.check_private_reference(name);
                self.walk_expr(right);
            }
            ExprKind::Assign { op, target, value } => {
                self.check_assignment(*op, target);
                self.walk_expr(value);
            }
            ExprKind::Cond { test, cons, alt } => {
                self.walk_expr(test);
                self.walk_expr(cons);
                self.walk_expr(alt);
            }
            ExprKind::Seq(exprs) => {
                for e in exprs {
                    self.walk_expr(e);
                }
            }
            ExprKind::Paren(inner) => self.walk_expr(inner),
            ExprKind::Call { callee, args, .. } => {
                self.walk_expr(callee);
                self.walk_exprs(args);
            }
            ExprKind::New { callee, args } => {
                self.walk_expr(callee);
                if let Some(args) = args {
                    self.walk_exprs(args);
                }
            }
            ExprKind::Member { object, prop, .. } => {
                self.walk_expr(object);
                self.walk_member_prop(prop);
            }
            ExprKind::SuperMember(prop) => {
                if !self.ctx.super_property {
                    self.error("'super' keyword unexpected here", Self::head(expr.span, 5));
                }
                if let MemberProp::Private(name) = prop {
                    self.error("Unexpected private field", name.span);
                }
                self.walk_member_prop(prop);
            }
            ExprKind::SuperCall(args) => {
                if !self.ctx.super_call {
                    self.error("'super' keyword unexpected here", Self::head(expr.span, 5));
                }
                self.walk_exprs(args);
            }
            ExprKind::OptionalChain(inner) => self.walk_expr(inner),
            ExprKind::Yield { arg, .. } => {
                if self.ctx.in_params {
                    self.error(
                        "Yield expression not allowed in formal parameter",
                        expr.span,
                    );
                } else if !self.ctx.is_generator {
                    self.error("Unexpected identifier 'yield'", expr.span);
                }
                if let Some(arg) = arg {
                    self.walk_expr(arg);
                }
            }
            ExprKind::Await(arg) => {
                if self.ctx.in_params {
                    self.error(
                        "Illegal await-expression in formal parameters of async function",
                        Self::head(expr.span, 5),
                    );
                } else if self.ctx.in_static_block {
                    self.error("Unexpected reserved word", Self::head(expr.span, 5));
                } else if !self.ctx.is_async && !self.ctx.module_top {
                    self.error(
                        "await is only valid in async functions and the top level bodies of modules",
                        Self::head(expr.span, 5),
                    );
                }
                self.walk_expr(arg);
            }
            ExprKind::NewTarget => {
                if !self.ctx.new_target {
                    self.error(
                        "new.target expression is not allowed here",
                        Self::tail(expr.span, 6),
                    );
                }
            }
            ExprKind::ImportMeta => {
                if self.goal == Goal::Script {
                    self.error(
                        "Cannot use 'import.meta' outside a module",
                        Self::tail(expr.span, 4),
                    );
                }
            }
            ExprKind::ImportCall {
                source, options, ..
            } => {
                self.walk_expr(source);
                if let Some(options) = options {
                    self.walk_expr(options);
                }
            }
        }
    }

    /// A left-deep chain of binary operators (`a + b + c + …` can be tens of thousands deep):
    /// walked down its left spine in a loop, so only the right operands recurse.
    fn walk_operator_chain(&mut self, expr: &'a Expr) {
        let mut rights = Vec::new();
        let mut e = expr;
        while let ExprKind::Binary { left, right, .. } | ExprKind::Logical { left, right, .. } =
            &e.kind
        {
            rights.push(&**right);
            e = left;
        }
        self.walk_expr(e);
        for right in rights.into_iter().rev() {
            self.walk_expr(right);
        }
    }

    /// `delete x` in strict code (§13.5.1.1) and `delete x.#p` (always).
    fn check_delete(&mut self, arg: &'a Expr) {
        let target = unparenthesized(arg);
        // V8 points at the last character of the operand (the closing parenthesis if any), or
        // at the name of an unparenthesized private member.
        let private_at = |name: &Ident| {
            if std::ptr::eq(target, arg) {
                name.span
            } else {
                Self::tail(arg.span, 1)
            }
        };
        let private = match &target.kind {
            ExprKind::Ident(_) if self.ctx.strict => {
                let at = Self::tail(arg.span, 1);
                self.error("Delete of an unqualified identifier in strict mode.", at);
                None
            }
            ExprKind::Member {
                prop: MemberProp::Private(name),
                ..
            } => Some(name),
            ExprKind::OptionalChain(chain) => match &chain.kind {
                ExprKind::Member {
                    prop: MemberProp::Private(name),
                    ..
                } => Some(name),
                _ => None,
            },
            _ => None,
        };
        if let Some(name) = private {
            self.error("Private fields can not be deleted", private_at(name));
        }
    }
}
