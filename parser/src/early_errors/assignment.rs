//! Assignment targets beyond what the grammar checks (ECMA-262 §13.15.1, §13.4.1, §14.7.5.1,
//! AssignmentTargetType): `eval`/`arguments` in strict code, optional chains, call expressions
//! (web-compatible in sloppy code only), and the simple targets required by compound and logical
//! assignment and by `++`/`--`.

use super::identifiers::IdentUse;
use super::walk::unparenthesized;
use super::Checker;
use crate::ast::{AssignOp, Expr, ExprKind, Pattern, PatternKind};

/// AssignmentTargetType of an expression.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TargetType {
    Simple,
    /// A call expression: a runtime ReferenceError in sloppy code, invalid in strict code.
    WebCompat,
    Invalid,
}

impl<'a> Checker<'a> {
    fn target_type(&self, expr: &Expr) -> TargetType {
        match &unparenthesized(expr).kind {
            ExprKind::Ident(id) => {
                if self.ctx.strict && matches!(&*id.name, "eval" | "arguments") {
                    TargetType::Invalid
                } else {
                    TargetType::Simple
                }
            }
            ExprKind::Member { .. } | ExprKind::SuperMember(_) => TargetType::Simple,
            ExprKind::Call {
                optional: false, ..
            } if !self.ctx.strict => TargetType::WebCompat,
            _ => TargetType::Invalid,
        }
    }

    /// Reports an invalid simple target; `eval`/`arguments` get their own message.
    fn invalid_target(&mut self, expr: &Expr, message: &str) {
        let target = unparenthesized(expr);
        if let ExprKind::Ident(id) = &target.kind {
            if matches!(&*id.name, "eval" | "arguments") {
                self.error("Unexpected eval or arguments in strict mode", id.span);
                return;
            }
        }
        self.error(message, expr.span);
    }

    /// `++x`, `x--`: the operand's AssignmentTargetType must be simple (web-compat for calls).
    pub(super) fn check_update_target(&mut self, arg: &Expr, prefix: bool) {
        if self.target_type(arg) == TargetType::Invalid {
            let message = if prefix {
                "Invalid left-hand side expression in prefix operation"
            } else {
                "Invalid left-hand side expression in postfix operation"
            };
            self.invalid_target(arg, message);
        }
    }

    /// `target op= value`: walks the target and checks it.
    pub(super) fn check_assignment(&mut self, op: AssignOp, target: &'a Pattern) {
        let logical = matches!(op, AssignOp::And | AssignOp::Or | AssignOp::Nullish);
        if op != AssignOp::Assign {
            // Compound and logical assignment need a simple target; logical assignment has no
            // web-compatibility exception for calls.
            let ok = match &target.kind {
                PatternKind::Ident(id) => {
                    !(self.ctx.strict && matches!(&*id.name, "eval" | "arguments"))
                }
                PatternKind::Expr(expr) => match self.target_type(expr) {
                    TargetType::Simple => true,
                    TargetType::WebCompat => !logical,
                    TargetType::Invalid => false,
                },
                _ => false,
            };
            if !ok {
                match &target.kind {
                    PatternKind::Ident(id) => {
                        self.error("Unexpected eval or arguments in strict mode", id.span)
                    }
                    PatternKind::Expr(expr) => {
                        self.invalid_target(expr, "Invalid left-hand side in assignment")
                    }
                    _ => self.error("Invalid left-hand side in assignment", target.span),
                }
            }
            self.walk_target_parts(target);
            return;
        }
        self.walk_assignment_target(target);
    }

    /// The target of `=` or of a `for-in`/`for-of` head: an identifier, a member expression or
    /// a destructuring pattern.
    pub(super) fn walk_assignment_target(&mut self, target: &'a Pattern) {
        self.walk_assignment_pattern(target, false, false);
    }

    fn walk_assignment_pattern(&mut self, target: &'a Pattern, nested: bool, shorthand: bool) {
        match &target.kind {
            PatternKind::Ident(id) => {
                self.check_identifier(id, IdentUse::Reference);
                if self.ctx.strict && matches!(&*id.name, "eval" | "arguments") {
                    // V8 words it as a bad element of a pattern unless it is a shorthand
                    // property (`{ eval } = o`) or the whole target.
                    let message = if nested && !shorthand {
                        "Invalid destructuring assignment target"
                    } else {
                        "Unexpected eval or arguments in strict mode"
                    };
                    // A whole target is underlined with its parentheses, `(eval) = 1`.
                    let at = if nested { id.span } else { target.span };
                    self.error(message, at);
                }
            }
            PatternKind::Expr(expr) => {
                // Inside a destructuring pattern the target must be simple: the web-compatible
                // call form exists only for a whole assignment target.
                let ty = self.target_type(expr);
                if ty == TargetType::Invalid || (nested && ty == TargetType::WebCompat) {
                    let message = if nested {
                        "Invalid destructuring assignment target"
                    } else {
                        "Invalid left-hand side in assignment"
                    };
                    self.invalid_target(expr, message);
                }
                self.walk_expr(expr);
            }
            PatternKind::Object { props, rest } => {
                for prop in props {
                    self.walk_prop_key(&prop.key);
                    self.walk_assignment_pattern(&prop.value, true, prop.shorthand);
                }
                if let Some(rest) = rest {
                    self.walk_assignment_pattern(rest, true, false);
                }
            }
            PatternKind::Array { elems, rest } => {
                for elem in elems.iter().flatten() {
                    self.walk_assignment_pattern(elem, true, false);
                }
                if let Some(rest) = rest {
                    self.walk_assignment_pattern(rest, true, false);
                }
            }
            PatternKind::Default { target, default } => {
                self.walk_assignment_pattern(target, nested, shorthand);
                self.walk_expr(default);
            }
        }
    }

    /// Walks the sub-expressions of a compound-assignment target (already checked).
    fn walk_target_parts(&mut self, target: &'a Pattern) {
        match &target.kind {
            PatternKind::Ident(id) => self.check_identifier(id, IdentUse::Reference),
            PatternKind::Expr(expr) => self.walk_expr(expr),
            _ => self.walk_assignment_pattern(target, false, false),
        }
    }
}
