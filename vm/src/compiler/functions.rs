//! Functions: FunctionDeclarationInstantiation (§10.2.11) compiled into a function's prologue,
//! then its body.


use modjs_lexer::JsStr;
use modjs_parser::ast::*;

use super::analysis::{ARGUMENTS, CTOR, HOME, NEW_TARGET, THIS};
use super::declarations::{
    bound_names, lexically_scoped_declarations, top_level_functions, var_declared_names,
    LexicalDecl,
};
use super::function_state::FuncState;
use super::scope::{Binding, BindingKind, Loc};
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{Insn, Reg, TemplateKind};

impl Compiler {
    /// Compiles `func` as a child template of the current function; returns its index.
    pub(super) fn compile_function(&mut self, func: &Function, name: JsStr) -> CResult<u32> {
        let kind = match func.kind {
            FunctionKind::Normal => TemplateKind::Normal,
            FunctionKind::Arrow => TemplateKind::Arrow,
            FunctionKind::Method | FunctionKind::Getter | FunctionKind::Setter => TemplateKind::Method,
            FunctionKind::Constructor => TemplateKind::ClassConstructor { derived: false },
        };
        self.compile_function_as(func, name, kind)
    }

    pub(super) fn compile_function_as(&mut self, func: &Function, name: JsStr, kind: TemplateKind) -> CResult<u32> {
        let info = self.analyses.function(func);
        let strict = self.funcs.last().map(|f| f.strict).unwrap_or(false)
            || func.has_use_strict
            || matches!(kind, TemplateKind::ClassConstructor { .. })
            || self.class_depth > 0;
        let span = self.source_span_override.take().unwrap_or(func.span);
        let mut fs = FuncState::new(kind, name, strict, info.clone(), span);
        fs.is_async = func.is_async;
        fs.is_generator = func.is_generator;
        self.funcs.push(fs);
        self.push_scope(true);
        if func.is_async && !func.is_generator {
            // Everything, even parameter initialisation, runs inside the async activation.
            // (An async generator's prologue runs at the call, like a generator's.)
            self.f().emit(Insn::AsyncStart);
        }

        // Registers 1..=n receive the arguments.
        let n_params = func.params.items.len();
        if n_params > u16::MAX as usize - 8 {
            return Err(CompileError::unsupported("this many parameters", func.span));
        }
        self.f().param_count = n_params as u16;
        self.f().temps(n_params as u32, func.span)?;
        self.f().length = func
            .params
            .items
            .iter()
            .take_while(|p| !matches!(p.kind, PatternKind::Default { .. }))
            .count() as u32;

        let is_arrow = func.kind == FunctionKind::Arrow;
        let derived = matches!(kind, TemplateKind::ClassConstructor { derived: true });
        if !is_arrow {
            self.declare_hidden_bindings(&info, derived, func.span)?;
        }
        if let Some(id) = &func.id {
            // A named function expression binds its own name (immutably) inside; a declaration's
            // name is the enclosing scope's binding.
            let declaration = self.analyses.is_declaration(func);
            if matches!(kind, TemplateKind::Normal) && !declaration && self.analyses.is_used(&info, &id.name) {
                let b = self.declare(&id.name, BindingKind::Callee, 0, id.span)?;
                let t = self.f().temp(id.span)?;
                self.f().emit(Insn::LoadCallee { dst: t });
                self.emit_binding_entry(&b);
                self.emit_init(&b, t)?;
                self.f().next_reg -= 1;
            }
        }
        // Sloppy code calling eval: the variables that eval code declares here, in the scope
        // of the parameters and vars, inside that of the function expression's own name (a
        // `var` of that name in eval code shadows it).
        let eval_vars = info.calls_eval && !strict;
        if eval_vars {
            self.push_scope(true);
            self.enter_eval_var_scope(func.span)?;
        }

        // The `arguments` object.
        let mut mapped_arguments: Option<Reg> = None;
        let mut param_names = Vec::new();
        for p in &func.params.items {
            bound_names(p, &mut param_names);
        }
        if let Some(rest) = &func.params.rest {
            bound_names(rest, &mut param_names);
        }
        let body_stmts: &[Stmt] = match &func.body {
            FunctionBody::Block(b) => b,
            FunctionBody::Expr(_) => &[],
        };
        let mut lex = Vec::new();
        lexically_scoped_declarations(body_stmts, false, &mut lex);
        let mut top_funcs = Vec::new();
        top_level_functions(body_stmts, &mut top_funcs);
        if !is_arrow && self.analyses.is_used(&info, ARGUMENTS) {
            let shadowed = param_names.iter().any(|p| &*p.name == ARGUMENTS)
                || top_funcs.iter().any(|f| f.id.as_ref().is_some_and(|i| &*i.name == ARGUMENTS))
                || lex.iter().any(|d| matches!(d, LexicalDecl::Let(i) | LexicalDecl::Const(i) | LexicalDecl::Class(i) if &*i.name == ARGUMENTS));
            if !shadowed {
                self.f().needs_arguments = true;
                let b = self.declare(ARGUMENTS, BindingKind::Var, 0, func.span)?;
                let t = self.f().temp(func.span)?;
                self.f().emit(Insn::CreateArguments { dst: t });
                self.emit_binding_entry(&b);
                self.emit_init(&b, t)?;
                // Sloppy functions with simple parameter lists get a mapped arguments object
                // (FunctionDeclarationInstantiation step 22): the register stays reserved until
                // the parameters exist, then each is mapped.
                if !strict && func.params.is_simple() {
                    mapped_arguments = Some(t);
                } else {
                    self.f().next_reg -= 1;
                }
            }
        }

        // Parameters.
        if func.params.is_simple() {
            let mut mapped_slots = Vec::new();
            for (i, p) in func.params.items.iter().enumerate() {
                let PatternKind::Ident(id) = &p.kind else { continue };
                let reg = (i + 1) as Reg;
                // A mapped parameter lives in a cell, which the arguments object shares.
                if self.captured_here(&id.name) || mapped_arguments.is_some() {
                    let loc = Loc::Cell(self.f().cell_slot(id.span)?);
                    let b = self.declare_at(&id.name, BindingKind::Param, loc, 0);
                    self.emit_binding_entry(&b);
                    self.emit_init(&b, reg)?;
                    if let Loc::Cell(slot) = b.loc {
                        mapped_slots.push((i, &*id.name, slot));
                    }
                } else {
                    self.declare_at(&id.name, BindingKind::Param, Loc::Reg(reg), 0);
                }
            }
            if let Some(args) = mapped_arguments {
                // CreateMappedArgumentsObject step 17: from the last parameter to the first; a
                // name that occurs twice is mapped at its last position only.
                let mut mapped_names: Vec<&str> = Vec::new();
                for &(index, name, slot) in mapped_slots.iter().rev() {
                    if mapped_names.contains(&name) {
                        continue;
                    }
                    mapped_names.push(name);
                    self.f().emit(Insn::MapArgument { args, index: index as u16, slot });
                }
                self.f().next_reg -= 1;
            }
        } else {
            // Every parameter name is in its TDZ until its own initialisation; a read is
            // provably after it only once the whole parameter list is (`(x = x)` checks).
            let params_end = func.params.items.iter().chain(func.params.rest.as_deref()).map(|p| p.span.end).max().unwrap_or(0);
            let mut bindings = Vec::new();
            for id in &param_names {
                let b = self.declare(&id.name, BindingKind::Let, params_end, id.span)?;
                self.emit_binding_entry(&b);
                bindings.push(b);
            }
            self.f().in_parameters = true;
            for (i, p) in func.params.items.iter().enumerate() {
                let reg = (i + 1) as Reg;
                self.bind_pattern_init(p, reg)?;
            }
            if let Some(rest) = &func.params.rest {
                self.f().needs_arguments = true;
                let mark = self.f().next_reg;
                let t = self.f().temp(rest.span)?;
                self.f().emit(Insn::CreateRest { dst: t, from: n_params as u16 });
                self.bind_pattern_init(rest, t)?;
                self.f().next_reg = mark;
            }
            self.f().in_parameters = false;
            // After initialisation parameters behave as plain variables.
            for b in bindings {
                self.retype_binding(b.id, BindingKind::Param);
            }
        }

        // Var declarations, function declarations and lexical declarations of the body.
        let mut vars = Vec::new();
        var_declared_names(body_stmts, &mut vars);
        for id in vars {
            if !self.declared_in_var_scope(&id.name) {
                let b = self.declare(&id.name, BindingKind::Var, 0, id.span)?;
                self.emit_binding_entry(&b);
            }
        }
        if !strict {
            for name in self.annex_b_function_names(body_stmts) {
                if !self.declared_in_var_scope(&name)
                    && !lex.iter().any(|d| matches!(d, LexicalDecl::Let(i) | LexicalDecl::Const(i) | LexicalDecl::Class(i) if *i.name == *name))
                {
                    let b = self.declare(&name, BindingKind::Var, 0, func.span)?;
                    self.emit_binding_entry(&b);
                    self.f().annex_b.push(name.into());
                }
            }
        }
        for d in &lex {
            let (id, kind) = match d {
                LexicalDecl::Let(id) => (*id, BindingKind::Let),
                LexicalDecl::Const(id) => (*id, BindingKind::Const),
                LexicalDecl::Class(id) => (*id, BindingKind::Let),
                LexicalDecl::Function(_) => continue,
            };
            let b = self.declare(&id.name, kind, id.span.end, id.span)?;
            self.emit_binding_entry(&b);
        }
        // Every function name is bound before any of the functions is compiled, so that a
        // function refers to one declared after it in the same body (and not to a global).
        let mut function_bindings = Vec::with_capacity(top_funcs.len());
        for f in &top_funcs {
            let Some(id) = &f.id else { continue };
            let b = match self.find_in_function_scope(&id.name) {
                Some(b) if !matches!(b.kind, BindingKind::Hidden | BindingKind::Callee) => b,
                _ => {
                    let b = self.declare(&id.name, BindingKind::Function, 0, id.span)?;
                    self.emit_binding_entry(&b);
                    b
                }
            };
            function_bindings.push((*f, id, b));
        }
        for (f, id, b) in function_bindings {
            let mark = self.f().next_reg;
            let t = self.f().temp(id.span)?;
            let idx = self.compile_function(f, super::js_str(&id.name))?;
            self.f().emit(Insn::Closure { dst: t, func: idx });
            self.emit_init(&b, t)?;
            self.f().next_reg = mark;
        }

        if matches!(kind, TemplateKind::ClassConstructor { derived: false }) {
            self.f().emit(Insn::InitFields { this: 0 });
        }

        if func.is_generator {
            // The prologue ran at the call; the body runs on the first `next()`.
            let value = self.f().temp(func.span)?;
            let mode = self.f().temp(func.span)?;
            self.f().emit(Insn::InitialYield { dst: value, mode });
            self.resume_dispatch(value, mode, func.span)?;
        }
        match &func.body {
            FunctionBody::Block(body) => {
                for stmt in body {
                    self.stmt(stmt)?;
                }
                let mark = self.f().next_reg;
                let t = self.f().temp(func.span)?;
                self.f().emit(Insn::LoadUndef { dst: t });
                self.f().mark(Span { start: func.span.end.saturating_sub(1), end: func.span.end });
                self.emit_final_return(t, func.span)?;
                self.f().next_reg = mark;
            }
            FunctionBody::Expr(e) => {
                let t = self.f().temp(e.span)?;
                self.expr(e, t)?;
                self.emit_return(t, e.span)?;
            }
        }
        if eval_vars {
            self.withs.pop();
            self.pop_scope();
        }
        self.pop_scope();
        let Some(fs) = self.funcs.pop() else {
            return Err(CompileError::internal("lost a function state", func.span));
        };
        let template = fs.finish();
        let parent = self.f();
        parent.children.push(template);
        Ok((parent.children.len() - 1) as u32)
    }

    /// `this`, `new.target`, the home object and the active constructor of a non-arrow function,
    /// each declared only when the function (or an arrow inside it) uses it.
    pub(super) fn declare_hidden_bindings(&mut self, info: &super::analysis::FunctionInfo, derived: bool, span: Span) -> CResult<()> {
        let this_kind = if derived { BindingKind::DerivedThis } else { BindingKind::Hidden };
        if self.analyses.is_captured(info, THIS) {
            let b = self.declare(THIS, this_kind, 0, span)?;
            self.emit_binding_entry(&b);
            self.emit_init(&b, 0)?;
        } else {
            self.declare_at(THIS, this_kind, Loc::Reg(0), 0);
        }
        for (name, insn) in [
            (NEW_TARGET, Insn::LoadNewTarget { dst: 0 }),
            (HOME, Insn::LoadHomeObject { dst: 0 }),
            (CTOR, Insn::LoadCallee { dst: 0 }),
        ] {
            if !self.analyses.is_used(info, name) {
                continue;
            }
            let b = self.declare(name, BindingKind::Hidden, 0, span)?;
            let dst = match b.loc {
                Loc::Reg(r) => r,
                _ => self.f().temp(span)?,
            };
            self.f().emit(match insn {
                Insn::LoadNewTarget { .. } => Insn::LoadNewTarget { dst },
                Insn::LoadHomeObject { .. } => Insn::LoadHomeObject { dst },
                _ => Insn::LoadCallee { dst },
            });
            if let Loc::Cell(_) = b.loc {
                self.emit_binding_entry(&b);
                self.emit_init(&b, dst)?;
                self.f().next_reg -= 1;
            }
        }
        Ok(())
    }

    /// The binding of `name` in the innermost function-level scope.
    pub(super) fn find_in_function_scope(&self, name: &str) -> Option<Binding> {
        let f = self.funcs.last()?;
        let scope = f.scopes.iter().rev().find(|s| s.is_function)?;
        scope.find(name).cloned()
    }

    /// Whether `name` already has a binding a `var` declaration reuses: a parameter or an
    /// earlier var, not the name of a function expression (which lives in a scope of its own
    /// outside the body's, so a `var` of that name shadows it — §15.2.5).
    fn declared_in_var_scope(&self, name: &str) -> bool {
        matches!(self.find_in_function_scope(name), Some(b) if b.kind != BindingKind::Callee)
    }

    pub(super) fn retype_binding(&mut self, id: u32, kind: BindingKind) {
        for scope in self.f().scopes.iter_mut().rev() {
            for b in scope.bindings.iter_mut() {
                if b.id == id {
                    b.kind = kind;
                    return;
                }
            }
        }
    }

    /// The `return` at the end of a function or after finally blocks: derived constructors
    /// check the value and fall back to `this`.
    pub(super) fn emit_final_return(&mut self, src: Reg, span: Span) -> CResult<()> {
        if matches!(self.f().kind, TemplateKind::ClassConstructor { derived: true }) {
            let mark = self.f().next_reg;
            let t = self.f().temp(span)?;
            let resolved = self.resolve(THIS, span)?;
            // Read without the check: ReturnDerived decides whether `this` is needed.
            match &resolved {
                super::scope::Resolved::Local(b) => match b.loc {
                    Loc::Reg(r) => {
                        self.f().emit(Insn::Move { dst: t, src: r });
                    }
                    Loc::Cell(slot) => {
                        self.f().emit(Insn::GetCell { dst: t, slot });
                    }
                    _ => return Err(CompileError::internal("derived this location", span)),
                },
                _ => return Err(CompileError::internal("derived this location", span)),
            }
            self.f().emit(Insn::ReturnDerived { src, this: t });
            self.f().next_reg = mark;
        } else {
            self.f().emit(Insn::Return { src });
        }
        Ok(())
    }

    /// Annex B.3.3: names of function declarations in blocks that also get a var binding.
    pub(super) fn annex_b_function_names(&self, body: &[Stmt]) -> Vec<String> {
        fn walk(stmts: &[Stmt], in_block: bool, out: &mut Vec<String>) {
            for s in stmts {
                walk_stmt(s, in_block, out);
            }
        }
        fn walk_stmt(s: &Stmt, in_block: bool, out: &mut Vec<String>) {
            match &s.kind {
                StmtKind::Function(f) if in_block && !f.is_async && !f.is_generator => {
                    if let Some(id) = &f.id {
                        if !out.iter().any(|n| **n == *id.name) {
                            out.push(id.name.to_string());
                        }
                    }
                }
                StmtKind::Block(b) => walk(b, true, out),
                StmtKind::If { cons, alt, .. } => {
                    walk_stmt(cons, true, out);
                    if let Some(a) = alt {
                        walk_stmt(a, true, out);
                    }
                }
                StmtKind::For { body, .. }
                | StmtKind::ForIn { body, .. }
                | StmtKind::ForOf { body, .. }
                | StmtKind::While { body, .. }
                | StmtKind::DoWhile { body, .. }
                | StmtKind::With { body, .. } => walk_stmt(body, true, out),
                StmtKind::Labeled { body, .. } => walk_stmt(body, in_block, out),
                StmtKind::Switch { cases, .. } => {
                    for c in cases {
                        walk(&c.body, true, out);
                    }
                }
                StmtKind::Try { block, handler, finalizer } => {
                    walk(block, true, out);
                    if let Some(h) = handler {
                        walk(&h.body, true, out);
                    }
                    if let Some(f) = finalizer {
                        walk(f, true, out);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(body, false, &mut out);
        out
    }
}
