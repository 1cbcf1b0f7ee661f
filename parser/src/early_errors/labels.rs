//! Labels, `break` and `continue` (ECMA-262 §14.13.1 ContainsDuplicateLabels,
//! ContainsUndefinedBreakTarget, ContainsUndefinedContinueTarget; §14.8.1, §14.9.1).
//! Labels are visible only inside the function (or static block, or field initializer) that
//! declares them.

use super::identifiers::IdentUse;
use super::Checker;
use crate::ast::{Ident, Span, Stmt, StmtKind};

#[derive(Debug)]
pub(super) struct Label<'a> {
    name: &'a str,
    /// The labelled statement is (after any further labels) an iteration statement.
    is_loop: bool,
    /// The number of scopes open where the label was declared: V8 only knows a non-iteration
    /// label as a `continue` target (to say it is not an iteration) from inside a block, switch
    /// or try statement it labels; elsewhere the label is "undefined".
    scope_depth: usize,
}

/// Whether `stmt`, looking through nested labels, is an IterationStatement.
pub(super) fn is_iteration(stmt: &Stmt) -> bool {
    let mut stmt = stmt;
    loop {
        match &stmt.kind {
            StmtKind::Labeled { body, .. } => stmt = body,
            StmtKind::For { .. }
            | StmtKind::ForIn { .. }
            | StmtKind::ForOf { .. }
            | StmtKind::While { .. }
            | StmtKind::DoWhile { .. } => return true,
            _ => return false,
        }
    }
}

impl<'a> Checker<'a> {
    fn find_label(&self, name: &str) -> Option<&Label<'a>> {
        self.labels[self.ctx.label_base..]
            .iter()
            .rev()
            .find(|l| l.name == name)
    }

    /// ContainsDuplicateLabels: enters `label: body`; the caller walks `body` and then calls
    /// [`Checker::leave_label`].
    pub(super) fn enter_label(&mut self, label: &'a Ident, body: &Stmt) {
        self.check_identifier(label, IdentUse::Label);
        if self.find_label(&label.name).is_some() {
            let name = &label.name;
            self.error_with(label.span, || {
                format!("Label '{name}' has already been declared")
            });
        }
        self.labels.push(Label {
            name: &label.name,
            is_loop: is_iteration(body),
            scope_depth: self.scopes.len(),
        });
    }

    pub(super) fn leave_label(&mut self) {
        self.labels.pop();
    }

    /// ContainsUndefinedBreakTarget, and `break` outside every loop and switch.
    pub(super) fn check_break(&mut self, label: Option<&'a Ident>, span: Span) {
        match label {
            None => {
                if self.ctx.breakable_depth == 0 {
                    self.error("Illegal break statement", span);
                }
            }
            Some(label) => {
                self.check_identifier(label, IdentUse::Label);
                if self.find_label(&label.name).is_none() {
                    let name = &label.name;
                    self.error_with(label.span, || format!("Undefined label '{name}'"));
                }
            }
        }
    }

    /// ContainsUndefinedContinueTarget, and `continue` outside every loop.
    pub(super) fn check_continue(&mut self, label: Option<&'a Ident>, span: Span) {
        if self.ctx.loop_depth == 0 && label.is_none() {
            self.error(
                "Illegal continue statement: no surrounding iteration statement",
                span,
            );
            return;
        }
        let Some(label) = label else { return };
        self.check_identifier(label, IdentUse::Label);
        let name = &label.name;
        match self.find_label(name) {
            Some(l) if !l.is_loop && self.scopes.len() > l.scope_depth => {
                self.error_with(label.span, || {
                    format!(
                    "Illegal continue statement: '{name}' does not denote an iteration statement"
                )
                })
            }
            Some(l) if l.is_loop => {}
            _ => self.error_with(label.span, || format!("Undefined label '{name}'")),
        }
    }
}
