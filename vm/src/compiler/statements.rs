//! Statements (ECMA-262 §14): blocks and their declaration instantiation, variable
//! declarations, `if`, loops, `switch`, labels, `break`/`continue`/`return`, `throw` and
//! `try`/`catch`/`finally`.

use modjs_parser::ast::*;

use super::control::{ControlKind, COMPLETION_FIRST_JUMP, COMPLETION_NORMAL, COMPLETION_RETURN, COMPLETION_THROW};
use super::declarations::{bound_names, lexically_scoped_declarations, LexicalDecl};
use super::scope::{Binding, BindingKind, Loc};
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{Insn, Reg};

impl Compiler {
    pub(super) fn stmt(&mut self, stmt: &Stmt) -> CResult<()> {
        self.stmt_labeled(stmt, Vec::new())
    }

    pub(super) fn clear_completion(&mut self) {
        if let Some(c) = self.f().completion {
            self.f().emit(Insn::LoadUndef { dst: c });
        }
    }

    fn stmt_labeled(&mut self, stmt: &Stmt, labels: Vec<Box<str>>) -> CResult<()> {
        let mark = self.f().next_reg;
        self.f().mark(stmt.span);
        match &stmt.kind {
            StmtKind::Var(decl) => self.var_decl(decl)?,
            StmtKind::Function(func) => self.function_decl_stmt(func)?,
            StmtKind::Class(class) => {
                let t = self.f().temp(stmt.span)?;
                self.class(class, t, None)?;
                if let Some(id) = &class.id {
                    let b = self.lookup_declared(&id.name, id.span)?;
                    self.emit_init(&b, t)?;
                }
            }
            StmtKind::Expr(e) => match self.f().completion {
                Some(c) => self.expr(e, c)?,
                None => self.expr_discard(e)?,
            },
            StmtKind::Block(body) => {
                if labels.is_empty() {
                    self.block(body)?;
                } else {
                    self.push_control(ControlKind::Breakable { is_switch: false }, labels);
                    self.block(body)?;
                    self.end_breakable();
                }
            }
            StmtKind::Empty | StmtKind::Debugger => {}
            StmtKind::If { test, cons, alt } => {
                self.clear_completion();
                if !labels.is_empty() {
                    self.push_control(ControlKind::Breakable { is_switch: false }, labels);
                }
                let jf = self.jump_if_false(test)?;
                self.sub_stmt(cons)?;
                match alt {
                    Some(alt) => {
                        let je = self.f().emit(Insn::Jump { target: 0 });
                        self.f().patch_here(jf);
                        self.sub_stmt(alt)?;
                        self.f().patch_here(je);
                    }
                    None => self.f().patch_here(jf),
                }
                if self.f().control.last().is_some_and(|c| !c.labels.is_empty() && matches!(c.kind, ControlKind::Breakable { is_switch: false })) {
                    self.end_breakable();
                }
            }
            StmtKind::While { test, body } => {
                self.clear_completion();
                let start = self.f().pc();
                let jf = self.jump_if_false(test)?;
                self.push_control(ControlKind::Loop, labels);
                self.f().control.last_mut().map(|c| c.continue_target = Some(start));
                self.sub_stmt(body)?;
                self.f().emit(Insn::Loop { target: start });
                self.f().patch_here(jf);
                self.end_loop(start);
            }
            StmtKind::DoWhile { body, test } => {
                self.clear_completion();
                let start = self.f().pc();
                self.push_control(ControlKind::Loop, labels);
                self.sub_stmt(body)?;
                let cont = self.f().pc();
                self.patch_continues(cont);
                let jf = self.jump_if_false(test)?;
                self.f().emit(Insn::Loop { target: start });
                self.f().patch_here(jf);
                self.end_loop(cont);
            }
            StmtKind::For { init, test, update, body } => self.for_stmt(init.as_deref(), test.as_deref(), update.as_deref(), body, labels)?,
            StmtKind::ForIn { left, right, body } => self.for_in(left, right, body, labels)?,
            StmtKind::ForOf { left, right, body, is_await } => {
                if *is_await {
                    self.for_await(left, right, body, labels)?
                } else {
                    self.for_of(left, right, body, labels)?
                }
            }
            StmtKind::Continue(label) => self.compile_continue(label.as_ref().map(|l| &*l.name), stmt.span)?,
            StmtKind::Break(label) => self.compile_break(label.as_ref().map(|l| &*l.name), stmt.span)?,
            StmtKind::Return(arg) => {
                let t = self.f().temp(stmt.span)?;
                match arg {
                    Some(e) => {
                        self.expr(e, t)?;
                        if self.f().is_async && self.f().is_generator {
                            // An async generator awaits the operand of `return` (§15.6.2).
                            self.emit_await(t, stmt.span)?;
                        }
                    }
                    None => {
                        self.f().emit(Insn::LoadUndef { dst: t });
                    }
                }
                self.emit_return(t, stmt.span)?;
            }
            StmtKind::Throw(arg) => {
                let t = self.f().temp(stmt.span)?;
                self.expr(arg, t)?;
                self.f().mark(stmt.span);
                self.f().emit(Insn::Throw { src: t });
            }
            StmtKind::With { object, body } => self.with_stmt(stmt.span, object, body, labels)?,
            StmtKind::Switch { discriminant, cases } => self.switch(discriminant, cases, labels)?,
            StmtKind::Labeled { label, body } => {
                let mut labels = labels;
                labels.push(label.name.clone());
                self.stmt_labeled(body, labels)?;
            }
            StmtKind::Try { block, handler, finalizer } => {
                self.clear_completion();
                self.try_stmt(block, handler.as_deref(), finalizer.as_deref())?
            }
            StmtKind::Import(_) | StmtKind::Export(_) => {
                return Err(CompileError::unsupported("import and export in this position", stmt.span))
            }
        }
        self.f().next_reg = mark;
        Ok(())
    }

    /// A statement in an `if`/loop body position: a lone function declaration there acts as if
    /// it were in its own block (Annex B.3.4).
    pub(super) fn sub_stmt(&mut self, stmt: &Stmt) -> CResult<()> {
        if let StmtKind::Function(_) = stmt.kind {
            self.block(std::slice::from_ref(stmt))
        } else {
            self.stmt(stmt)
        }
    }

    /// The binding a declaration in the current scope created.
    fn lookup_declared(&self, name: &str, span: Span) -> CResult<Binding> {
        self.find_local(name).ok_or_else(|| CompileError::internal(&format!("'{name}' was not declared"), span))
    }

    /// A block: instantiates its lexical declarations (hoisting its functions), then runs it.
    pub(super) fn block(&mut self, body: &[Stmt]) -> CResult<()> {
        let mut lex = Vec::new();
        lexically_scoped_declarations(body, true, &mut lex);
        if lex.is_empty() {
            for s in body {
                self.stmt(s)?;
            }
            return Ok(());
        }
        self.push_scope(false);
        self.instantiate_block(&lex)?;
        for s in body {
            self.stmt(s)?;
        }
        self.pop_scope();
        Ok(())
    }

    /// BlockDeclarationInstantiation (§14.2.3): fresh bindings, functions created first.
    pub(super) fn instantiate_block(&mut self, lex: &[LexicalDecl]) -> CResult<()> {
        let mut funcs = Vec::new();
        for d in lex {
            match d {
                LexicalDecl::Let(id) | LexicalDecl::Class(id) => {
                    let b = self.declare(&id.name, BindingKind::Let, id.span.end, id.span)?;
                    self.emit_binding_entry(&b);
                }
                LexicalDecl::Const(id) => {
                    let b = self.declare(&id.name, BindingKind::Const, id.span.end, id.span)?;
                    self.emit_binding_entry(&b);
                }
                LexicalDecl::Function(f) => {
                    let Some(id) = &f.id else { continue };
                    // Sloppy duplicates in one block: the last one wins.
                    let existing = self.f().scopes.last().and_then(|s| s.find(&id.name)).cloned();
                    let b = match existing {
                        Some(b) => b,
                        None => {
                            let b = self.declare(&id.name, BindingKind::Function, 0, id.span)?;
                            self.emit_binding_entry(&b);
                            b
                        }
                    };
                    funcs.push((*f, b));
                }
            }
        }
        for (f, b) in funcs {
            let mark = self.f().next_reg;
            let t = self.f().temp(f.span)?;
            let name = f.id.as_ref().map(|i| super::js_str(&i.name)).unwrap_or(super::js_str(""));
            let idx = self.compile_function(f, name)?;
            self.f().emit(Insn::Closure { dst: t, func: idx });
            self.emit_init(&b, t)?;
            self.f().next_reg = mark;
        }
        Ok(())
    }

    /// A function declaration statement: created when its scope was entered; in sloppy code a
    /// block-level one is also copied to its var binding here (Annex B.3.3).
    fn function_decl_stmt(&mut self, func: &Function) -> CResult<()> {
        let Some(id) = &func.id else { return Ok(()) };
        let at_function_level = self.f().scopes.last().is_some_and(|s| s.is_function);
        if at_function_level || self.f().strict {
            return Ok(());
        }
        let is_annex_b = self.f().annex_b.iter().any(|n| **n == *id.name) || self.f().kind == crate::bytecode::TemplateKind::Script;
        if !is_annex_b || self.eval_block_function_copy(&id.name, id.span)? {
            return Ok(());
        }
        let Some(target) = self.find_in_function_scope(&id.name) else { return Ok(()) };
        if !matches!(target.kind, BindingKind::Var | BindingKind::Function | BindingKind::Param) {
            return Ok(());
        }
        let t = self.f().temp(id.span)?;
        self.emit_read(&id.name, t, id.span)?;
        self.emit_init(&target, t)?;
        Ok(())
    }

    // ----- declarations -----------------------------------------------------------------------

    pub(super) fn var_decl(&mut self, decl: &VarDecl) -> CResult<()> {
        for d in &decl.decls {
            let mark = self.f().next_reg;
            match (&d.init, decl.kind) {
                (None, VarKind::Var) => {}
                (None, _) => {
                    // `let x;` initialises to undefined.
                    if let PatternKind::Ident(id) = &d.target.kind {
                        let b = self.lookup_declared(&id.name, id.span)?;
                        let t = self.f().temp(d.span)?;
                        self.f().emit(Insn::LoadUndef { dst: t });
                        self.emit_init(&b, t)?;
                    }
                }
                (Some(init), kind) => {
                    let t = self.f().temp(d.span)?;
                    match &d.target.kind {
                        PatternKind::Ident(id) => {
                            // `var x = v` resolves `x` before evaluating `v` (a with object
                            // that has `x` receives the value).
                            let base = if kind == VarKind::Var { self.with_base(&id.name, id.span)? } else { None };
                            self.expr_named(init, t, &id.name)?;
                            if kind == VarKind::Var {
                                self.ident_reference_write(base, &id.name, t, id.span)?;
                            } else {
                                let b = self.lookup_declared(&id.name, id.span)?;
                                self.emit_init(&b, t)?;
                            }
                        }
                        _ => {
                            self.expr(init, t)?;
                            self.destructure_text = Some(super::expressions::call_printer(init));
                            if kind == VarKind::Var {
                                self.assign_pattern(&d.target, t)?;
                            } else {
                                self.bind_pattern_init(&d.target, t)?;
                            }
                        }
                    }
                }
            }
            self.f().next_reg = mark;
        }
        Ok(())
    }

    /// Binds a declaration pattern to the value in `src` with initialisation semantics (let,
    /// const, parameters, catch parameters): each name is found in the current scopes.
    pub(super) fn bind_pattern_init(&mut self, pattern: &Pattern, src: Reg) -> CResult<()> {
        self.destructure(pattern, src, true)
    }

    /// Assignment-pattern semantics (`var` declarations, `x = …`, `[a, b] = …`).
    pub(super) fn assign_pattern(&mut self, pattern: &Pattern, src: Reg) -> CResult<()> {
        self.destructure(pattern, src, false)
    }

    // ----- conditions -------------------------------------------------------------------------

    /// Compiles `test` and a jump taken when it is falsy; returns the jump to patch.
    pub(super) fn jump_if_false(&mut self, test: &Expr) -> CResult<usize> {
        let mark = self.f().next_reg;
        if let ExprKind::Binary { op, left, right } = &super::expressions::unparen(test).kind {
            use crate::bytecode::CompareOp;
            let cmp = match op {
                BinaryOp::Lt => Some(CompareOp::Lt),
                BinaryOp::LtEq => Some(CompareOp::LtEq),
                BinaryOp::Gt => Some(CompareOp::Gt),
                BinaryOp::GtEq => Some(CompareOp::GtEq),
                BinaryOp::StrictEq => Some(CompareOp::StrictEq),
                BinaryOp::StrictNotEq => Some(CompareOp::StrictNotEq),
                _ => None,
            };
            if let Some(op) = cmp {
                if let Some(value) = super::expressions::int32_literal(right) {
                    let lhs = self.expr_operand(left)?;
                    self.f().mark(test.span);
                    let j = self.f().emit(Insn::JumpIfCompareImmFalse { op, lhs, value, target: 0 });
                    self.f().next_reg = mark;
                    return Ok(j);
                }
                let lhs = match &super::expressions::unparen(left).kind {
                    ExprKind::Ident(id) if !super::expressions::may_assign(right, &id.name) => self.expr_operand(left)?,
                    _ => {
                        let t = self.f().temp(left.span)?;
                        self.expr(left, t)?;
                        t
                    }
                };
                let rhs = self.expr_operand(right)?;
                self.f().mark(test.span);
                let j = self.f().emit(Insn::JumpIfCompareFalse { op, lhs, rhs, target: 0 });
                self.f().next_reg = mark;
                return Ok(j);
            }
        }
        let r = self.expr_operand(test)?;
        let j = self.f().emit(Insn::JumpIfFalse { cond: r, target: 0 });
        self.f().next_reg = mark;
        Ok(j)
    }

    // ----- loops ------------------------------------------------------------------------------

    fn patch_continues(&mut self, target: u32) {
        let f = self.f();
        if let Some(c) = f.control.last_mut() {
            c.continue_target = Some(target);
            let js = std::mem::take(&mut c.continues);
            for j in js {
                f.patch(j, target);
            }
        }
    }

    fn end_loop(&mut self, continue_target: u32) {
        if let Some(c) = self.pop_control() {
            let end = self.f().pc();
            for j in c.breaks {
                self.f().patch(j, end);
            }
            for j in c.continues {
                self.f().patch(j, continue_target);
            }
        }
    }

    pub(super) fn end_breakable(&mut self) {
        if let Some(c) = self.pop_control() {
            let end = self.f().pc();
            for j in c.breaks {
                self.f().patch(j, end);
            }
        }
    }

    fn for_stmt(&mut self, init: Option<&ForInit>, test: Option<&Expr>, update: Option<&Expr>, body: &Stmt, labels: Vec<Box<str>>) -> CResult<()> {
        self.clear_completion();
        let mut scoped = false;
        let mut per_iteration: Vec<u16> = Vec::new();
        if let Some(init) = init {
            match init {
                ForInit::Var(decl) if decl.kind != VarKind::Var => {
                    scoped = true;
                    self.push_scope(false);
                    let mut names = Vec::new();
                    for d in &decl.decls {
                        bound_names(&d.target, &mut names);
                    }
                    for id in names {
                        let kind = if decl.kind == VarKind::Const { BindingKind::Const } else { BindingKind::Let };
                        let b = self.declare(&id.name, kind, id.span.end, id.span)?;
                        self.emit_binding_entry(&b);
                        if let Loc::Cell(slot) = b.loc {
                            if decl.kind == VarKind::Let {
                                per_iteration.push(slot);
                            }
                        }
                    }
                    self.var_decl(decl)?;
                }
                ForInit::Var(decl) => self.var_decl(decl)?,
                ForInit::Expr(e) => self.expr_discard(e)?,
            }
        }
        for &slot in &per_iteration {
            self.f().emit(Insn::CopyCell { slot });
        }
        let start = self.f().pc();
        let exit = match test {
            Some(t) => Some(self.jump_if_false(t)?),
            None => None,
        };
        self.push_control(ControlKind::Loop, labels);
        self.sub_stmt(body)?;
        let cont = self.f().pc();
        self.patch_continues(cont);
        for &slot in &per_iteration {
            self.f().emit(Insn::CopyCell { slot });
        }
        if let Some(u) = update {
            self.expr_discard(u)?;
        }
        self.f().emit(Insn::Loop { target: start });
        if let Some(j) = exit {
            self.f().patch_here(j);
        }
        self.end_loop(cont);
        if scoped {
            self.pop_scope();
        }
        Ok(())
    }

    /// The left side of a for-in/for-of: binds the value in `value` for one iteration. A
    /// `let`/`const` head gets a fresh scope per iteration (the caller pushes it).
    pub(super) fn for_head_bind(&mut self, left: &ForHead, value: Reg) -> CResult<()> {
        match left {
            ForHead::Var(decl) => {
                let Some(d) = decl.decls.first() else {
                    return Err(CompileError::internal("empty for-in/of declaration", decl.span));
                };
                if decl.kind == VarKind::Var {
                    self.assign_pattern(&d.target, value)
                } else {
                    let mut names = Vec::new();
                    bound_names(&d.target, &mut names);
                    for id in names {
                        let kind = if decl.kind == VarKind::Const { BindingKind::Const } else { BindingKind::Let };
                        let b = self.declare(&id.name, kind, id.span.end, id.span)?;
                        self.emit_binding_entry(&b);
                    }
                    self.bind_pattern_init(&d.target, value)
                }
            }
            ForHead::Pattern(p) => self.assign_pattern(p, value),
        }
    }

    /// The TDZ scope in which a `let`/`const` head's expression is evaluated.
    pub(super) fn for_head_tdz_scope(&mut self, left: &ForHead) -> CResult<bool> {
        if let ForHead::Var(decl) = left {
            if decl.kind != VarKind::Var {
                self.push_scope(false);
                let mut names = Vec::new();
                for d in &decl.decls {
                    bound_names(&d.target, &mut names);
                }
                for id in names {
                    let b = self.declare(&id.name, BindingKind::Let, u32::MAX, id.span)?;
                    self.emit_binding_entry(&b);
                }
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn for_in(&mut self, left: &ForHead, right: &Expr, body: &Stmt, labels: Vec<Box<str>>) -> CResult<()> {
        self.clear_completion();
        if let ForHead::Var(decl) = left {
            if let Some(d) = decl.decls.first() {
                if let Some(init) = &d.init {
                    // Annex B: `for (var x = init in o)`.
                    let t = self.f().temp(d.span)?;
                    self.expr(init, t)?;
                    self.assign_pattern(&d.target, t)?;
                }
            }
        }
        let iter = self.f().temp(right.span)?;
        let value = self.f().temp(right.span)?;
        let tdz = self.for_head_tdz_scope(left)?;
        self.expr(right, value)?;
        if tdz {
            self.pop_scope();
        }
        self.f().emit(Insn::ForInStart { dst: iter, obj: value });
        let start = self.f().pc();
        let next = self.f().emit(Insn::ForInNext { dst: value, iter, done: 0 });
        self.push_scope(false);
        self.for_head_bind(left, value)?;
        self.push_control(ControlKind::Loop, labels);
        self.f().control.last_mut().map(|c| c.continue_target = Some(start));
        self.sub_stmt(body)?;
        self.f().emit(Insn::Loop { target: start });
        self.f().patch_here(next);
        self.end_loop(start);
        self.pop_scope();
        Ok(())
    }

    fn for_of(&mut self, left: &ForHead, right: &Expr, body: &Stmt, labels: Vec<Box<str>>) -> CResult<()> {
        self.clear_completion();
        // iter, iter+1 = next method.
        let iter = self.f().temps(2, right.span)?;
        let value = self.f().temp(right.span)?;
        let exc = self.f().temp(right.span)?;
        let tdz = self.for_head_tdz_scope(left)?;
        self.expr(right, value)?;
        if tdz {
            self.pop_scope();
        }
        self.f().mark(right.span);
        let text = self.printed_name(right);
        self.f().emit(Insn::GetIterator { dst: iter, src: value, text });
        let start = self.f().pc();
        let next = self.f().emit(Insn::IteratorNext { dst: value, iter, done: 0 });
        // A throw from the binding or the body closes the iterator, then propagates. Leaving
        // the loop otherwise pops the handler first, then closes the iterator.
        let try_start = self.f().emit(Insn::TryStart { target: 0, exc });
        self.push_control(ControlKind::Iterator { iter }, Vec::new());
        self.push_control(ControlKind::Handler, Vec::new());
        self.push_scope(false);
        self.for_head_bind(left, value)?;
        self.push_control(ControlKind::Loop, labels);
        self.sub_stmt(body)?;
        let cont = self.f().pc();
        self.f().emit(Insn::TryEnd);
        self.f().emit(Insn::Loop { target: start });
        let loop_ctl = self.pop_control();
        self.pop_scope();
        self.pop_control(); // handler
        self.pop_control(); // iterator
        let handler = self.f().pc();
        self.f().patch(try_start, handler);
        self.f().emit(Insn::IteratorCloseQuiet { iter });
        self.f().emit(Insn::Throw { src: exc });
        let mut to_end = Vec::new();
        if let Some(c) = loop_ctl {
            if !c.breaks.is_empty() {
                let pad = self.f().pc();
                for j in c.breaks {
                    self.f().patch(j, pad);
                }
                self.f().emit(Insn::TryEnd);
                self.f().emit(Insn::IteratorClose { iter });
                to_end.push(self.f().emit(Insn::Jump { target: 0 }));
            }
            for j in c.continues {
                self.f().patch(j, cont);
            }
        }
        self.f().patch_here(next);
        for j in to_end {
            self.f().patch_here(j);
        }
        Ok(())
    }

    // ----- switch -----------------------------------------------------------------------------

    fn switch(&mut self, discriminant: &Expr, cases: &[SwitchCase], labels: Vec<Box<str>>) -> CResult<()> {
        self.clear_completion();
        let d = self.f().temp(discriminant.span)?;
        self.expr(discriminant, d)?;
        let mut lex = Vec::new();
        for case in cases {
            lexically_scoped_declarations(&case.body, true, &mut lex);
        }
        self.push_scope(false);
        if let Some(s) = self.f().scopes.last_mut() {
            s.in_switch = true;
        }
        self.instantiate_block(&lex)?;
        let mut case_jumps = Vec::new();
        for case in cases {
            if let Some(test) = &case.test {
                let mark = self.f().next_reg;
                let t = self.expr_operand(test)?;
                case_jumps.push(Some(self.f().emit(Insn::JumpIfStrictEq { lhs: d, rhs: t, target: 0 })));
                self.f().next_reg = mark;
            } else {
                case_jumps.push(None);
            }
        }
        let to_default = self.f().emit(Insn::Jump { target: 0 });
        let mut default_seen = false;
        self.push_control(ControlKind::Breakable { is_switch: true }, labels);
        for (case, j) in cases.iter().zip(case_jumps) {
            match j {
                Some(j) => self.f().patch_here(j),
                None => {
                    self.f().patch_here(to_default);
                    default_seen = true;
                }
            }
            for s in &case.body {
                self.stmt(s)?;
            }
        }
        if !default_seen {
            self.f().patch_here(to_default);
        }
        self.end_breakable();
        self.pop_scope();
        Ok(())
    }

    // ----- try --------------------------------------------------------------------------------

    fn try_stmt(&mut self, block: &[Stmt], handler: Option<&CatchClause>, finalizer: Option<&[Stmt]>) -> CResult<()> {
        match finalizer {
            None => self.try_catch(block, handler),
            Some(fin) => {
                let kind_reg = self.f().temp(Span::default())?;
                let value_reg = self.f().temp(Span::default())?;
                let start = self.f().emit(Insn::TryStart { target: 0, exc: value_reg });
                self.push_control(
                    ControlKind::Finally { kind_reg, value_reg, entry_jumps: Vec::new(), exits: Vec::new() },
                    Vec::new(),
                );
                self.try_catch(block, handler)?;
                self.f().emit(Insn::TryEnd);
                self.f().emit(Insn::LoadInt { dst: kind_reg, value: COMPLETION_NORMAL });
                let to_finally = self.f().emit(Insn::Jump { target: 0 });
                let Some(ctl) = self.pop_control() else {
                    return Err(CompileError::internal("finally control lost", Span::default()));
                };
                let ControlKind::Finally { entry_jumps, exits, .. } = ctl.kind else {
                    return Err(CompileError::internal("finally control mismatch", Span::default()));
                };
                // The throw path: the handler lands here with the exception in value_reg.
                self.f().patch_here(start);
                self.f().emit(Insn::LoadInt { dst: kind_reg, value: COMPLETION_THROW });
                self.f().patch_here(to_finally);
                for j in entry_jumps {
                    self.f().patch_here(j);
                }
                // The finally block keeps its own completion value out of the script's.
                let saved = self.f().completion.take();
                self.block(fin)?;
                self.f().completion = saved;
                let throw_j = self.f().emit(Insn::JumpIfInt { src: kind_reg, value: COMPLETION_THROW, target: 0 });
                let ret_j = self.f().emit(Insn::JumpIfInt { src: kind_reg, value: COMPLETION_RETURN, target: 0 });
                let mut exit_jumps = Vec::new();
                for (n, _) in exits.iter().enumerate() {
                    exit_jumps.push(self.f().emit(Insn::JumpIfInt { src: kind_reg, value: COMPLETION_FIRST_JUMP + n as i32, target: 0 }));
                }
                let done = self.f().emit(Insn::Jump { target: 0 });
                self.f().patch_here(throw_j);
                self.f().emit(Insn::Throw { src: value_reg });
                self.f().patch_here(ret_j);
                self.emit_return(value_reg, Span::default())?;
                for (exit, j) in exits.into_iter().zip(exit_jumps) {
                    self.f().patch_here(j);
                    self.emit_exit(exit, Span::default())?;
                }
                self.f().patch_here(done);
                Ok(())
            }
        }
    }

    fn try_catch(&mut self, block: &[Stmt], handler: Option<&CatchClause>) -> CResult<()> {
        let Some(handler) = handler else {
            return self.block(block);
        };
        let mark = self.f().next_reg;
        let exc = self.f().temp(handler.span)?;
        let start = self.f().emit(Insn::TryStart { target: 0, exc });
        self.push_control(ControlKind::Handler, Vec::new());
        self.block(block)?;
        self.pop_control();
        self.f().emit(Insn::TryEnd);
        let skip = self.f().emit(Insn::Jump { target: 0 });
        self.f().patch_here(start);
        self.push_scope(false);
        let simple = handler.param.as_ref().is_some_and(|p| matches!(p.kind, PatternKind::Ident(_)));
        if let Some(scope) = self.f().scopes.last_mut() {
            scope.is_catch = simple;
        }
        if let Some(param) = &handler.param {
            let mut names = Vec::new();
            bound_names(param, &mut names);
            for id in names {
                let b = self.declare(&id.name, BindingKind::Var, 0, id.span)?;
                self.emit_binding_entry(&b);
            }
            self.bind_pattern_init(param, exc)?;
        }
        self.block(&handler.body)?;
        self.pop_scope();
        self.f().patch_here(skip);
        self.f().next_reg = mark;
        Ok(())
    }
}
