//! Compile-time scopes and bindings, and how a name resolves: a register or cell of the current
//! frame, an upvalue of the closure, or a global.

use modjs_parser::ast::Span;

use super::{CompileError, Compiler};
use crate::bytecode::{Capture, Insn, Reg};

/// Where a binding's value lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    /// A frame register (never captured).
    Reg(Reg),
    /// A frame cell slot (captured by closures).
    Cell(u16),
    /// A cell the running closure captured (Script/Module top-level bindings handed in).
    Upvalue(u16),
    /// A property of the global object (Script top-level `var`/`function`).
    Global,
}

/// How a binding was declared (decides TDZ checks and what assignment does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    Var,
    Function,
    Param,
    Let,
    Const,
    /// A class's inner name binding: immutable.
    ClassInner,
    /// An `import` binding: immutable, TDZ-checked.
    Import,
    /// A named function expression's own name: assignment is ignored (sloppy) or throws.
    Callee,
    /// `this` in a derived constructor (uninitialised until `super()`).
    DerivedThis,
    /// `this`, `new.target` and the other per-function hidden bindings.
    Hidden,
}

impl BindingKind {
    /// Whether the binding starts uninitialised.
    pub fn has_tdz(self) -> bool {
        matches!(
            self,
            BindingKind::Let | BindingKind::Const | BindingKind::ClassInner | BindingKind::Import
        )
    }
}

#[derive(Clone, Debug)]
pub struct Binding {
    /// Shared: a binding is cloned at every resolution of its name.
    pub name: std::rc::Rc<str>,
    pub id: u32,
    pub loc: Loc,
    pub kind: BindingKind,
    /// End offset of the declaration: uses after it in the same function and scope instance
    /// need no TDZ check (except in switch case blocks).
    pub decl_end: u32,
    /// Declared directly in a switch case block (where textual order proves nothing).
    pub in_switch: bool,
}

#[derive(Default)]
pub struct Scope {
    pub bindings: Vec<Binding>,
    /// The scope of a function body (var declarations land here).
    pub is_function: bool,
    /// Cell slot and register marks to restore on exit.
    pub reg_mark: u32,
    pub cell_mark: u32,
    pub in_switch: bool,
    /// The scope of a catch clause's parameter (Annex B.3.4: direct eval code in it may still
    /// declare a `var` of the parameter's name).
    pub is_catch: bool,
}

impl Scope {
    pub fn find(&self, name: &str) -> Option<&Binding> {
        // Length and first byte first: most bindings differ there, without a call to compare
        // the text.
        let first = name.as_bytes().first();
        self.bindings
            .iter()
            .rev()
            .find(|b| b.name.len() == name.len() && b.name.as_bytes().first() == first && &*b.name == name)
    }
}

/// A resolved reference.
#[derive(Clone, Debug)]
pub enum Resolved {
    /// A binding of the current frame (`Loc::Reg`, `Loc::Cell`, `Loc::Upvalue` or `Loc::Global`).
    Local(Binding),
    /// A binding of an enclosing function, reached through upvalue `idx`.
    Outer(u16, Binding),
    /// No declaration: a global object property or global lexical binding.
    Global,
}

impl Compiler {
    pub(super) fn push_scope(&mut self, is_function: bool) {
        let f = self.f();
        let scope = Scope {
            bindings: Vec::new(),
            is_function,
            reg_mark: f.next_reg,
            cell_mark: f.next_cell,
            in_switch: false,
            is_catch: false,
        };
        f.scopes.push(scope);
    }

    pub(super) fn pop_scope(&mut self) {
        let f = self.f();
        if let Some(scope) = f.scopes.pop() {
            f.next_reg = scope.reg_mark;
            f.next_cell = scope.cell_mark;
        }
    }

    /// Declares `name` in the innermost scope: in a cell when a nested function captures the
    /// name, else in a fresh register. Emits nothing.
    pub(super) fn declare(&mut self, name: &str, kind: BindingKind, decl_end: u32, span: Span) -> Result<Binding, CompileError> {
        let captured = self.captured_here(name);
        let loc = if captured {
            Loc::Cell(self.f().cell_slot(span)?)
        } else {
            Loc::Reg(self.f().temp(span)?)
        };
        Ok(self.declare_at(name, kind, loc, decl_end))
    }

    /// Whether a nested function of the function being compiled uses `name` free (so that a
    /// binding of that name here lives in a cell).
    pub(super) fn captured_here(&self, name: &str) -> bool {
        self.funcs.last().is_some_and(|f| self.analyses.is_captured(&f.info, name))
    }

    /// Declares `name` at a given location.
    pub(super) fn declare_at(&mut self, name: &str, kind: BindingKind, loc: Loc, decl_end: u32) -> Binding {
        self.declare_shared(name.into(), kind, loc, decl_end)
    }

    /// [`Compiler::declare_at`] with a name string that other bindings may share.
    pub(super) fn declare_shared(&mut self, name: std::rc::Rc<str>, kind: BindingKind, loc: Loc, decl_end: u32) -> Binding {
        self.next_binding_id += 1;
        let id = self.next_binding_id;
        let f = self.f();
        let in_switch = f.scopes.last().map(|s| s.in_switch).unwrap_or(false);
        let b = Binding { name, id, loc, kind, decl_end, in_switch };
        if let Some(scope) = f.scopes.last_mut() {
            scope.bindings.push(b.clone());
        }
        b
    }

    /// Finds a binding in the current function only.
    pub(super) fn find_local(&self, name: &str) -> Option<Binding> {
        let f = self.funcs.last()?;
        f.scopes.iter().rev().find_map(|s| s.find(name)).cloned()
    }

    /// Resolves `name` from the current function outwards, adding upvalues along the way.
    pub(super) fn resolve(&mut self, name: &str, span: Span) -> Result<Resolved, CompileError> {
        let depth = self.funcs.len();
        for k in (0..depth).rev() {
            let found = self.funcs[k].scopes.iter().rev().find_map(|s| s.find(name)).cloned();
            let Some(binding) = found else { continue };
            if k == depth - 1 {
                return Ok(Resolved::Local(binding));
            }
            if binding.loc == Loc::Global {
                return Ok(Resolved::Global);
            }
            // Thread the cell through every function between the declaring one and this one.
            let mut capture = match binding.loc {
                Loc::Cell(slot) => Capture::Cell(slot),
                Loc::Upvalue(idx) => Capture::Upvalue(idx),
                _ => {
                    return Err(CompileError::internal(
                        &format!("'{name}' is captured but lives in a register"),
                        span,
                    ))
                }
            };
            let mut idx = 0;
            for j in k + 1..depth {
                let f = &mut self.funcs[j];
                idx = match f.upvalues.iter().position(|u| u.binding_id == binding.id) {
                    Some(i) => i,
                    None => {
                        f.upvalues.push(super::function_state::Upvalue { binding_id: binding.id, capture });
                        f.upvalues.len() - 1
                    }
                };
                if idx > u16::MAX as usize {
                    return Err(CompileError::unsupported("closures capturing this many variables", span));
                }
                capture = Capture::Upvalue(idx as u16);
            }
            return Ok(Resolved::Outer(idx as u16, binding));
        }
        Ok(Resolved::Global)
    }

    /// Whether a read of `binding` at source offset `pos` must check for the TDZ.
    fn needs_tdz_check(binding: &Binding, outer: bool, pos: u32) -> bool {
        binding.kind.has_tdz() && (outer || binding.in_switch || pos < binding.decl_end)
    }

    /// Emits a read of `name` into `dst`.
    pub(super) fn emit_read(&mut self, name: &str, dst: Reg, span: Span) -> Result<(), CompileError> {
        if !self.withs.is_empty() {
            let mark = self.f().next_reg;
            if let Some(base) = self.with_base(name, span)? {
                self.with_reference_read(base, name, dst, span, false)?;
                self.f().next_reg = mark;
                return Ok(());
            }
        }
        let resolved = self.resolve(name, span)?;
        self.emit_read_resolved(&resolved, name, dst, span, false)
    }

    pub(super) fn emit_read_resolved(&mut self, r: &Resolved, name: &str, dst: Reg, span: Span, for_typeof: bool) -> Result<(), CompileError> {
        match r {
            Resolved::Global => {
                let n = self.f().name(name);
                self.f().emit(if for_typeof {
                    Insn::GetGlobalOrUndefined { dst, name: n }
                } else {
                    Insn::GetGlobal { dst, name: n }
                });
            }
            Resolved::Local(b) => {
                let check = Self::needs_tdz_check(b, false, span.start);
                self.emit_read_loc(b, b.loc, check, dst, span, for_typeof)?;
            }
            Resolved::Outer(idx, b) => {
                let check = Self::needs_tdz_check(b, true, span.start);
                self.emit_read_loc(b, Loc::Upvalue(*idx), check, dst, span, for_typeof)?;
            }
        }
        if let Resolved::Local(b) | Resolved::Outer(_, b) = r {
            if b.kind == BindingKind::DerivedThis {
                self.f().emit(Insn::CheckThis { src: dst });
            }
        }
        Ok(())
    }

    fn emit_read_loc(&mut self, b: &Binding, loc: Loc, check: bool, dst: Reg, _span: Span, for_typeof: bool) -> Result<(), CompileError> {
        let name_idx = if check { self.f().name(&b.name) } else { 0 };
        let f = self.f();
        match loc {
            Loc::Reg(r) => {
                if r != dst {
                    f.emit(Insn::Move { dst, src: r });
                }
                if check {
                    f.emit(Insn::CheckTdz { src: dst, name: name_idx });
                }
            }
            Loc::Cell(slot) => {
                f.emit(if check {
                    Insn::GetCellChecked { dst, slot, name: name_idx }
                } else {
                    Insn::GetCell { dst, slot }
                });
            }
            Loc::Upvalue(idx) => {
                f.emit(if check {
                    Insn::GetUpvalueChecked { dst, idx, name: name_idx }
                } else {
                    Insn::GetUpvalue { dst, idx }
                });
            }
            Loc::Global => {
                let n = f.name(&b.name);
                f.emit(if for_typeof {
                    Insn::GetGlobalOrUndefined { dst, name: n }
                } else {
                    Insn::GetGlobal { dst, name: n }
                });
            }
        }
        Ok(())
    }

    /// Emits PutValue of register `src` to the binding `name` (an assignment, not a
    /// declaration's initialisation).
    pub(super) fn emit_assign(&mut self, name: &str, src: Reg, span: Span) -> Result<(), CompileError> {
        if !self.withs.is_empty() {
            let mark = self.f().next_reg;
            if let Some(base) = self.with_base(name, span)? {
                self.with_reference_write(base, name, src, span)?;
                self.f().next_reg = mark;
                return Ok(());
            }
        }
        self.emit_assign_static(name, src, span)
    }

    /// PutValue to the binding `name` resolves to statically (no with object has it).
    pub(super) fn emit_assign_static(&mut self, name: &str, src: Reg, span: Span) -> Result<(), CompileError> {
        let resolved = self.resolve(name, span)?;
        let (b, loc, outer) = match &resolved {
            Resolved::Global => {
                let n = self.f().name(name);
                self.f().emit(Insn::SetGlobal { name: n, src });
                return Ok(());
            }
            Resolved::Local(b) => (b.clone(), b.loc, false),
            Resolved::Outer(idx, b) => (b.clone(), Loc::Upvalue(*idx), true),
        };
        let check = Self::needs_tdz_check(&b, outer, span.start);
        match b.kind {
            BindingKind::Const | BindingKind::ClassInner | BindingKind::Import => {
                if check {
                    let t = self.f().temp(span)?;
                    self.emit_read_loc(&b, loc, true, t, span, false)?;
                    self.f().next_reg -= 1;
                }
                self.f().emit(Insn::ThrowConstAssign);
                Ok(())
            }
            BindingKind::Callee => {
                if self.f().strict {
                    self.f().emit(Insn::ThrowConstAssign);
                }
                Ok(())
            }
            _ => self.emit_write_loc(&b, loc, check, src),
        }
    }

    /// Initialises a binding (declaration semantics: no TDZ check, no const check).
    pub(super) fn emit_init(&mut self, b: &Binding, src: Reg) -> Result<(), CompileError> {
        if b.loc == Loc::Global {
            let n = self.f().name(&b.name);
            self.f().emit(Insn::SetGlobal { name: n, src });
            return Ok(());
        }
        self.emit_write_loc(b, b.loc, false, src)
    }

    fn emit_write_loc(&mut self, b: &Binding, loc: Loc, check: bool, src: Reg) -> Result<(), CompileError> {
        let name_idx = if check { self.f().name(&b.name) } else { 0 };
        let f = self.f();
        match loc {
            Loc::Reg(r) => {
                if check {
                    f.emit(Insn::CheckTdz { src: r, name: name_idx });
                }
                if r != src {
                    f.emit(Insn::Move { dst: r, src });
                }
            }
            Loc::Cell(slot) => {
                f.emit(if check {
                    Insn::SetCellChecked { slot, src, name: name_idx }
                } else {
                    Insn::SetCell { slot, src }
                });
            }
            Loc::Upvalue(idx) => {
                f.emit(if check {
                    Insn::SetUpvalueChecked { idx, src, name: name_idx }
                } else {
                    Insn::SetUpvalue { idx, src }
                });
            }
            Loc::Global => {
                let n = f.name(&b.name);
                f.emit(Insn::SetGlobal { name: n, src });
            }
        }
        Ok(())
    }

    /// Emits the scope-entry initialisation of a binding: a fresh cell, or the empty marker in
    /// its register when it has a TDZ, or `undefined`.
    pub(super) fn emit_binding_entry(&mut self, b: &Binding) {
        let f = self.f();
        match b.loc {
            Loc::Cell(slot) => {
                f.emit(if b.kind.has_tdz() { Insn::NewCell { slot } } else { Insn::NewCellUndefined { slot } });
            }
            Loc::Reg(r) => {
                f.emit(if b.kind.has_tdz() { Insn::LoadEmpty { dst: r } } else { Insn::LoadUndef { dst: r } });
            }
            _ => {}
        }
    }

    /// If `name` resolves to a register of this frame that needs no TDZ check, that register
    /// (so an operand can be read without a copy).
    pub(super) fn local_register(&self, name: &str, pos: u32) -> Option<Reg> {
        if self.may_resolve_to_with(name) {
            return None;
        }
        let f = self.funcs.last()?;
        let b = f.scopes.iter().rev().find_map(|s| s.find(name))?;
        match b.loc {
            Loc::Reg(r) if !Self::needs_tdz_check(b, false, pos) && b.kind != BindingKind::DerivedThis => Some(r),
            _ => None,
        }
    }
}
