//! Destructuring (§8.6.2 BindingInitialization, §13.15.5 DestructuringAssignmentEvaluation):
//! object and array patterns, defaults and rest elements, for declarations (initialisation of
//! fresh bindings) and for assignments (PutValue on any reference).

use modjs_parser::ast::*;

use super::expressions::{is_anonymous_function, unparen};
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{Insn, Reg};

impl Compiler {
    /// Binds `pattern` to the value in `src`; `init` selects declaration semantics.
    pub(super) fn destructure(&mut self, pattern: &Pattern, src: Reg, init: bool) -> CResult<()> {
        let mark = self.f().next_reg;
        let r = self.destructure_inner(pattern, src, init);
        self.f().next_reg = mark;
        r
    }

    fn destructure_inner(&mut self, pattern: &Pattern, src: Reg, init: bool) -> CResult<()> {
        // The source text of the destructured value applies to the outermost pattern only.
        let text = self.destructure_text.take();
        match &pattern.kind {
            PatternKind::Ident(id) => self.bind_name(&id.name, src, init, id.span),
            PatternKind::Expr(e) => {
                let reference = self.reference(unparen(e))?;
                self.reference_put(&reference, src, e.span);
                Ok(())
            }
            PatternKind::Default { target, default } => {
                let v = self.f().temp(pattern.span)?;
                self.f().emit(Insn::Move { dst: v, src });
                self.apply_default(target, default, v)?;
                self.destructure_inner(target, v, init)
            }
            PatternKind::Object { props, rest } => self.object_pattern(props, rest.as_deref(), src, init, pattern.span),
            PatternKind::Array { elems, rest } => self.array_pattern(elems, rest.as_deref(), src, init, pattern.span, text),
        }
    }

    /// `v = v === undefined ? default : v`, naming an anonymous function after the target.
    fn apply_default(&mut self, target: &Pattern, default: &Expr, v: Reg) -> CResult<()> {
        let skip = self.f().emit(Insn::JumpIfNotUndefined { src: v, target: 0 });
        match &target.kind {
            PatternKind::Ident(id) if is_anonymous_function(default) => self.expr_named(default, v, &id.name)?,
            _ => self.expr(default, v)?,
        }
        self.f().patch_here(skip);
        Ok(())
    }

    fn bind_name(&mut self, name: &str, src: Reg, init: bool, span: Span) -> CResult<()> {
        if init {
            let b = self
                .find_local(name)
                .ok_or_else(|| CompileError::internal(&format!("'{name}' was not declared"), span))?;
            self.emit_init(&b, src)
        } else {
            self.emit_assign(name, src, span)
        }
    }

    /// A target that is a plain reference (not a nested pattern): evaluated before the value
    /// is fetched, as the spec orders it.
    fn is_reference_target(p: &Pattern) -> Option<&Expr> {
        match &p.kind {
            PatternKind::Expr(e) => Some(e),
            PatternKind::Default { target, .. } => match &target.kind {
                PatternKind::Expr(e) => Some(e),
                _ => None,
            },
            _ => None,
        }
    }

    /// For assignment semantics, an identifier target inside a `with` body: its binding is
    /// resolved (the with objects asked) before the value is fetched, as the spec orders it.
    /// Returns the register [`Compiler::with_base`] filled.
    fn early_with_binding(&mut self, p: &Pattern, init: bool) -> CResult<Option<Reg>> {
        if init {
            return Ok(None);
        }
        let id = match &p.kind {
            PatternKind::Ident(id) => id,
            PatternKind::Default { target, .. } => match &target.kind {
                PatternKind::Ident(id) => id,
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        self.with_base(&id.name, id.span)
    }

    /// Binds one element/property value `v` to `target` (which may carry a default).
    /// `reference`: the target's property reference, `with_base`: its early-resolved
    /// identifier binding ([`Compiler::early_with_binding`]), when evaluated before the value.
    fn bind_element(
        &mut self,
        target: &Pattern,
        v: Reg,
        init: bool,
        reference: Option<super::expressions::Reference>,
        with_base: Option<Reg>,
    ) -> CResult<()> {
        if let Some(base) = with_base {
            let id_target = match &target.kind {
                PatternKind::Default { target: t, default } => {
                    self.apply_default(t, default, v)?;
                    t
                }
                _ => target,
            };
            if let PatternKind::Ident(id) = &id_target.kind {
                return self.ident_reference_write(Some(base), &id.name, v, id.span);
            }
        }
        match reference {
            Some(r) => {
                if let PatternKind::Default { target: t, default } = &target.kind {
                    self.apply_default(t, default, v)?;
                }
                self.reference_put(&r, v, target.span);
                Ok(())
            }
            None => self.destructure_inner(target, v, init),
        }
    }

    fn object_pattern(&mut self, props: &[ObjectPatternProp], rest: Option<&Pattern>, src: Reg, init: bool, span: Span) -> CResult<()> {
        self.f().mark(span);
        let first_name = props.first().and_then(|p| match &p.key {
            PropKey::Ident(id) => Some(self.f().name(&id.name)),
            _ => None,
        });
        self.f().emit(Insn::RequireObjectCoercible { src, name: first_name.map(|n| n + 1).unwrap_or(0) });
        // With a rest element every key is kept (in consecutive registers) to exclude it.
        let keys = if rest.is_some() { self.f().temps(props.len() as u32, span)? } else { 0 };
        for (i, p) in props.iter().enumerate() {
            let mark = self.f().next_reg;
            let key = if rest.is_some() { keys + i as Reg } else { self.f().temp(p.span)? };
            let static_name = match &p.key {
                PropKey::Ident(id) if rest.is_none() => Some(self.f().name(&id.name)),
                _ => None,
            };
            if static_name.is_none() {
                self.prop_key(&p.key, key)?;
            }
            let reference = match Self::is_reference_target(&p.value) {
                Some(e) => Some(self.reference(unparen(e))?),
                None => None,
            };
            let with_base = self.early_with_binding(&p.value, init)?;
            let v = self.f().temp(p.span)?;
            self.f().mark(p.span);
            match static_name {
                Some(k) => self.f().emit(Insn::GetProp { dst: v, obj: src, key: k }),
                None => self.f().emit(Insn::GetElem { dst: v, obj: src, key }),
            };
            self.bind_element(&p.value, v, init, reference, with_base)?;
            self.f().next_reg = mark;
        }
        if let Some(rest) = rest {
            let reference = match &rest.kind {
                PatternKind::Expr(e) => Some(self.reference(unparen(e))?),
                _ => None,
            };
            let with_base = self.early_with_binding(rest, init)?;
            let obj = self.f().temp(rest.span)?;
            self.f().emit(Insn::NewObject { dst: obj });
            self.f().emit(Insn::CopyDataProperties { dst: obj, src, excluded: keys, excluded_count: props.len() as u16 });
            self.bind_element(rest, obj, init, reference, with_base)?;
        }
        Ok(())
    }

    fn array_pattern(&mut self, elems: &[Option<Pattern>], rest: Option<&Pattern>, src: Reg, init: bool, span: Span, text: Option<String>) -> CResult<()> {
        // iter, next method, done flag.
        let iter = self.f().temps(3, span)?;
        let exc = self.f().temp(span)?;
        self.f().mark(span);
        let text = match text {
            Some(t) => self.f().name(&t),
            None => crate::bytecode::NO_TEXT,
        };
        self.f().emit(Insn::GetIterator { dst: iter, src, text });
        let try_start = self.f().emit(Insn::TryStart { target: 0, exc });
        // A `return` out of a `yield` in an element closes the iterator (unless done).
        self.push_control(super::control::ControlKind::DestructuringIterator { iter }, Vec::new());
        self.push_control(super::control::ControlKind::Handler, Vec::new());
        for elem in elems {
            let mark = self.f().next_reg;
            match elem {
                None => {
                    let v = self.f().temp(span)?;
                    self.f().emit(Insn::IteratorStep { dst: v, iter });
                }
                Some(target) => {
                    let reference = match Self::is_reference_target(target) {
                        Some(e) => Some(self.reference(unparen(e))?),
                        None => None,
                    };
                    let with_base = self.early_with_binding(target, init)?;
                    let v = self.f().temp(target.span)?;
                    self.f().emit(Insn::IteratorStep { dst: v, iter });
                    self.bind_element(target, v, init, reference, with_base)?;
                }
            }
            self.f().next_reg = mark;
        }
        if let Some(rest) = rest {
            let reference = match &rest.kind {
                PatternKind::Expr(e) => Some(self.reference(unparen(e))?),
                _ => None,
            };
            let with_base = self.early_with_binding(rest, init)?;
            let v = self.f().temp(rest.span)?;
            self.f().emit(Insn::IteratorRest { dst: v, iter });
            self.bind_element(rest, v, init, reference, with_base)?;
        }
        self.pop_control();
        self.pop_control();
        self.f().emit(Insn::TryEnd);
        self.f().emit(Insn::IteratorCloseIfNotDone { iter, quiet: false });
        let skip = self.f().emit(Insn::Jump { target: 0 });
        self.f().patch_here(try_start);
        self.f().emit(Insn::IteratorCloseIfNotDone { iter, quiet: true });
        self.f().emit(Insn::Throw { src: exc });
        self.f().patch_here(skip);
        Ok(())
    }
}
