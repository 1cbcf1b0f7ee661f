//! The `with` statement (§14.11) and the identifier references inside its body.
//!
//! `with (obj) body` puts an object Environment Record (§9.1.1.2) in front of the scope chain
//! while `body` runs. modjs resolves names statically, so the compiler keeps the object in a
//! hidden binding (`%with@N`, a register, or a cell when a function created in the body can use
//! it) and records the statement in `Compiler::withs`. A reference to a name that may resolve
//! to a with object — no binding of that name is declared inside the innermost `with` body
//! around it — first asks each candidate object, innermost first (`WithHasBinding`: HasProperty
//! and @@unscopables); the first that has the binding is the reference's base, and reads,
//! writes, calls and `delete` go through it (`WithGetBinding`, `WithSetBinding`, `DeleteProp`,
//! the object as `this`). When none has it, the statically resolved binding is used exactly as
//! outside a `with`. Code that is not inside a `with` body compiles as before.
//!
//! Direct eval code inside a `with` body gets the with objects from the caller's binding table
//! (`eval_scope.rs`), in scope order, and compiles its references the same way.

use modjs_parser::ast::{Expr, Span, Stmt};

use super::analysis::with_object_name;
use super::control::ControlKind;
use super::scope::{BindingKind, Loc};
use super::{CResult, Compiler};
use crate::bytecode::{Insn, Reg};

/// A `with` statement whose body encloses the code being compiled.
pub struct WithScope {
    /// The hidden binding holding the binding object.
    hidden: Box<str>,
    /// Index in `Compiler::funcs` of the function containing the statement.
    func: usize,
    /// Index in that function's scopes of the scope holding the hidden binding: bindings in
    /// later scopes (declared inside the body) shadow the object.
    scope: usize,
}

/// Whether `name` can be written as an IdentifierReference (the compiler's hidden bindings —
/// `this`, `new.target`, `%home`, `#private`, `import.meta`, `%with@N` — never resolve through
/// a with object).
fn is_identifier_reference(name: &str) -> bool {
    name != super::analysis::THIS && !name.contains(['%', '#', '.'])
}

impl Compiler {
    /// `with (object) body` (§14.11.2).
    pub(super) fn with_stmt(&mut self, span: Span, object: &Expr, body: &Stmt, labels: Vec<Box<str>>) -> CResult<()> {
        // The completion value is the body's, or undefined (UpdateEmpty(C, undefined)).
        self.clear_completion();
        let labelled = !labels.is_empty();
        if labelled {
            self.push_control(ControlKind::Breakable { is_switch: false }, labels);
        }
        // 1-3. Let obj be ? ToObject(? GetValue(? Evaluation of Expression)).
        let obj = self.f().temp(span)?;
        self.expr(object, obj)?;
        self.f().mark(object.span);
        self.f().emit(Insn::ToObject { dst: obj, src: obj });
        // 4-6. A new object Environment Record for obj (withEnvironment true) in front of the
        // running one: here, a hidden binding in a scope of its own.
        self.push_scope(false);
        let hidden = with_object_name(span.start);
        if self.captured_here(&hidden) {
            let b = self.declare(&hidden, BindingKind::Hidden, 0, span)?;
            self.emit_binding_entry(&b);
            self.emit_init(&b, obj)?;
        } else {
            self.declare_at(&hidden, BindingKind::Hidden, Loc::Reg(obj), 0);
        }
        self.enter_with_scope(&hidden);
        // 7-8. Evaluate the body; the old environment is restored whatever its completion.
        let r = self.sub_stmt(body);
        self.withs.pop();
        self.pop_scope();
        r?;
        if labelled {
            self.end_breakable();
        }
        Ok(())
    }

    /// Makes the hidden binding `hidden`, just declared in the innermost scope, a with object
    /// for the code compiled after it (direct eval code inside a `with` body: the table of the
    /// caller's bindings lists the with objects in scope order).
    pub(super) fn enter_with_scope(&mut self, hidden: &str) {
        let func = self.funcs.len() - 1;
        let scope = self.f().scopes.len() - 1;
        self.withs.push(WithScope { hidden: hidden.into(), func, scope });
    }

    /// The hidden bindings of the with objects a reference to `name` here must ask first,
    /// innermost first: those of the `with` bodies entered after the scope that declares
    /// `name` (all of them when nothing declares it).
    fn with_candidates(&self, name: &str) -> Vec<Box<str>> {
        if self.withs.is_empty() || !is_identifier_reference(name) {
            return Vec::new();
        }
        let mut declared_at = None;
        'search: for (k, f) in self.funcs.iter().enumerate().rev() {
            for (s, scope) in f.scopes.iter().enumerate().rev() {
                if scope.find(name).is_some() {
                    declared_at = Some((k, s));
                    break 'search;
                }
            }
        }
        self.withs
            .iter()
            .rev()
            .filter(|w| declared_at.map_or(true, |at| (w.func, w.scope) > at))
            .map(|w| w.hidden.clone())
            .collect()
    }

    /// Whether a reference to `name` here may resolve to a with object.
    pub(super) fn may_resolve_to_with(&self, name: &str) -> bool {
        !self.withs.is_empty() && !self.with_candidates(name).is_empty()
    }

    /// ResolveBinding of `name` through the with objects around: a fresh register holding the
    /// first with object that has the binding, or `undefined` when none has (the static
    /// binding applies). `None` (and nothing emitted) when no with object can hold the name.
    pub(super) fn with_base(&mut self, name: &str, span: Span) -> CResult<Option<Reg>> {
        let candidates = self.with_candidates(name);
        if candidates.is_empty() {
            return Ok(None);
        }
        let base = self.f().temp(span)?;
        self.f().emit(Insn::LoadUndef { dst: base });
        let key = self.f().name(name);
        let mut found = Vec::with_capacity(candidates.len());
        for hidden in candidates {
            let mark = self.f().next_reg;
            let env = self.f().temp(span)?;
            self.emit_read(&hidden, env, span)?;
            self.f().mark(span);
            found.push(self.f().emit(Insn::WithHasBinding { base, env, name: key, found: 0 }));
            self.f().next_reg = mark;
        }
        for j in found {
            self.f().patch_here(j);
        }
        Ok(Some(base))
    }

    /// The with-object branch of an operation on a reference resolved by
    /// [`Compiler::with_base`]: when `base` holds an object, `op` runs on it and jumps past the
    /// static-binding code the caller emits next. Returns that jump, to patch after it.
    fn with_branch(&mut self, base: Reg, op: Insn, span: Span) -> usize {
        let to_static = self.f().emit(Insn::JumpIfUndefined { src: base, target: 0 });
        self.f().mark(span);
        self.f().emit(op);
        let end = self.f().emit(Insn::Jump { target: 0 });
        self.f().patch_here(to_static);
        end
    }

    /// GetValue of the reference `name` resolved by [`Compiler::with_base`] (`base`), into
    /// `dst`; `for_typeof`: an unresolvable static reference gives undefined.
    pub(super) fn with_reference_read(
        &mut self,
        base: Reg,
        name: &str,
        dst: Reg,
        span: Span,
        for_typeof: bool,
    ) -> CResult<()> {
        let key = self.f().name(name);
        let end = self.with_branch(base, Insn::WithGetBinding { dst, base, name: key }, span);
        let resolved = self.resolve(name, span)?;
        self.f().mark(span);
        self.emit_read_resolved(&resolved, name, dst, span, for_typeof)?;
        self.f().patch_here(end);
        Ok(())
    }

    /// PutValue of `src` to the reference `name` resolved by [`Compiler::with_base`].
    pub(super) fn with_reference_write(&mut self, base: Reg, name: &str, src: Reg, span: Span) -> CResult<()> {
        let key = self.f().name(name);
        let end = self.with_branch(base, Insn::WithSetBinding { base, name: key, src }, span);
        self.emit_assign_static(name, src, span)?;
        self.f().patch_here(end);
        Ok(())
    }

    /// `delete name` on a reference resolved by [`Compiler::with_base`]: deletes the with
    /// object's property (DeleteBinding, §9.1.1.2.7). Returns the jump to patch after the
    /// static-binding code the caller emits next.
    pub(super) fn with_reference_delete(&mut self, base: Reg, name: &str, dst: Reg, span: Span) -> usize {
        let key = self.f().name(name);
        self.with_branch(base, Insn::DeleteProp { dst, obj: base, key }, span)
    }

    /// A call's callee and `this` for an identifier callee: a with object that has the binding
    /// is `this` (WithBaseObject, §9.1.1.2.10), else `this` is undefined. The callee goes to
    /// `dst`, `this` to `dst + 1`. Returns false (nothing emitted) when no with object can
    /// hold the name.
    pub(super) fn with_callee(&mut self, name: &str, dst: Reg, span: Span) -> CResult<bool> {
        let mark = self.f().next_reg;
        let Some(base) = self.with_base(name, span)? else { return Ok(false) };
        self.with_reference_read(base, name, dst, span, false)?;
        self.f().emit(Insn::WithBaseObject { dst: dst + 1, base });
        self.f().next_reg = mark;
        Ok(true)
    }

    /// GetValue of an identifier reference whose with-object lookup ([`Compiler::with_base`])
    /// was already emitted (`base`), or of its static binding.
    pub(super) fn ident_reference_read(&mut self, base: Option<Reg>, name: &str, dst: Reg, span: Span) -> CResult<()> {
        match base {
            Some(base) => self.with_reference_read(base, name, dst, span, false),
            None => self.emit_read(name, dst, span),
        }
    }

    /// PutValue to an identifier reference resolved as for [`Compiler::ident_reference_read`].
    pub(super) fn ident_reference_write(&mut self, base: Option<Reg>, name: &str, src: Reg, span: Span) -> CResult<()> {
        match base {
            Some(base) => self.with_reference_write(base, name, src, span),
            None => self.emit_assign_static(name, src, span),
        }
    }
}
