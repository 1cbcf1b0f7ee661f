//! Direct `eval` (PerformEval with direct = true, §19.2.1.1): the call site and the eval code.
//!
//! The scope analysis keeps every binding visible from a direct `eval(...)` call site in a cell
//! (in the calling function and in every function around it). The call site records a table of
//! those bindings — a child template whose name pool holds the names, whose constant pool holds
//! their binding kinds and whose captures are their cells — and emits `DirectEval` before an
//! ordinary `Call`. At run time, when the callee is the realm's %eval%, the string is compiled by
//! [`compile_eval`] with the table as its outermost scope, so its free names resolve to the very
//! same cells; names not in the table fall back to the global object. Any other callee makes
//! `DirectEval` a no-op and the `Call` runs. The table also says, per binding, whether it is a
//! lexical declaration between the call and the caller's variable environment, and, in its
//! `length`, what the caller allows (`super`, `new.target`, `arguments`): see
//! `eval_var_scope.rs`, which handles the `var` and function declarations of sloppy eval code.

use std::rc::Rc;

use modjs_parser::ast::{ArrayElement, Expr, Program, Span, StmtKind};

use super::analysis::{is_with_object_name, CTOR, HOME, THIS};
use super::declarations::{lexically_scoped_declarations, top_level_functions, var_declared_names, LexicalDecl};
use super::eval_var_scope::{
    eval_declaration_instantiation, EvalState, EvalVarTarget, GlobalEvalDeclarations, GlobalName,
};
use super::function_state::FuncState;
use super::scope::{BindingKind, Loc, Resolved};
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{Capture, Constant, FunctionTemplate, Insn, Reg, SourceInfo, TemplateKind};

/// One binding visible to direct eval code: its name, kind and
/// [`table_flags`](super::eval_var_scope::table_flags) (the run-time table).
#[derive(Clone, Debug)]
pub struct EvalBinding {
    pub name: String,
    pub kind: BindingKind,
    pub flags: u8,
}

/// The code of a binding kind in the table's constant pool.
fn kind_code(kind: BindingKind) -> u32 {
    match kind {
        BindingKind::Var | BindingKind::Function | BindingKind::Param | BindingKind::Hidden => 0,
        BindingKind::Let => 1,
        BindingKind::Const => 2,
        BindingKind::ClassInner => 3,
        BindingKind::Import => 4,
        BindingKind::Callee => 5,
        BindingKind::DerivedThis => 6,
    }
}

/// The binding kind of a table code (see [`kind_code`]).
pub fn kind_of_code(code: u32) -> BindingKind {
    match code % 8 {
        1 => BindingKind::Let,
        2 => BindingKind::Const,
        3 => BindingKind::ClassInner,
        4 => BindingKind::Import,
        5 => BindingKind::Callee,
        6 => BindingKind::DerivedThis,
        _ => BindingKind::Var,
    }
}

/// The constant of table entry `index`: its kind code, its flags (two bits) and the index,
/// which keeps the constants of the entries distinct in the deduplicated pool.
fn entry_code(kind: BindingKind, flags: u8, index: usize) -> f64 {
    (kind_code(kind) + 8 * (flags as u32 & 3)) as f64 + index as f64 * 32.0
}

/// Reads the table of a `DirectEval` instruction back: the names, kinds and flags, in capture
/// order.
pub fn eval_bindings(table: &FunctionTemplate) -> Vec<EvalBinding> {
    table
        .name_strings
        .iter()
        .zip(table.values.iter())
        .map(|(n, v)| {
            let code = match v {
                crate::value::Value::Number(x) if *x >= 0.0 => (*x % 32.0) as u32,
                _ => 0,
            };
            EvalBinding { name: n.to_rust_lossy(), kind: kind_of_code(code), flags: (code / 8) as u8 }
        })
        .collect()
}

/// The [`context`](super::eval_var_scope::context) bits of a `DirectEval` table (kept in its
/// `length`).
pub fn eval_context_of(table: &FunctionTemplate) -> u32 {
    table.length
}

impl Compiler {
    /// `eval(args)`: the callee in `base`, `this` of the caller in a temporary, the arguments
    /// from `base + 2` (`spread`: an array of them there), then `DirectEval` (the eval itself
    /// when the callee is %eval%) and the ordinary call it skips in that case.
    pub(super) fn direct_eval_call(
        &mut self,
        callee: &Expr,
        args: &[ArrayElement],
        spread: bool,
        base: Reg,
        dst: Reg,
        span: Span,
    ) -> CResult<()> {
        if !self.with_callee("eval", base, span)? {
            self.emit_read("eval", base, span)?;
            self.f().emit(Insn::LoadUndef { dst: base + 1 });
        }
        self.arguments(args, base + 2, spread)?;
        let this = self.f().temp(span)?;
        match self.resolve(THIS, span)? {
            // `this` of a derived constructor may still be uninitialised: the eval code reads
            // (and `super()` in it binds) the binding itself, which the table holds.
            Resolved::Local(b) | Resolved::Outer(_, b) if b.kind == BindingKind::DerivedThis => {
                self.f().emit(Insn::LoadUndef { dst: this });
            }
            _ => self.emit_read(THIS, this, span)?,
        }
        let table = self.eval_table(span)?;
        let text = self.printed_name(callee);
        self.f().mark(span);
        let argc = if spread { crate::bytecode::SPREAD_ARGC } else { args.len() as u16 };
        self.f().emit(Insn::DirectEval { dst, base, argc, table, this });
        self.f().emit(if spread { Insn::CallSpread { dst, base, text } } else { Insn::Call { dst, base, argc, text } });
        self.f().next_reg -= 1;
        Ok(())
    }

    /// Builds the table of every binding visible here (innermost first wins) as a child
    /// template; returns its index. The table lists them outermost first, with the hidden
    /// bindings of the enclosing `with` objects in between (see [`compile_eval`]).
    fn eval_table(&mut self, span: Span) -> CResult<u32> {
        let mut names: Vec<(String, u8)> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let innermost = self.funcs.len().saturating_sub(1);
        for (k, f) in self.funcs.iter().enumerate().rev() {
            for (s, scope) in f.scopes.iter().enumerate().rev() {
                for b in scope.bindings.iter().rev() {
                    let hidden = b.name.starts_with('%') && !is_with_object_name(&b.name) && *b.name != *HOME && *b.name != *CTOR;
                    if hidden || seen.contains(&&*b.name) {
                        continue;
                    }
                    seen.push(&b.name);
                    // A register of an enclosing function is out of reach (a sloppy block
                    // function's var binding the analysis did not give a cell): eval code
                    // does not see it.
                    let unreachable = k != innermost && matches!(b.loc, Loc::Reg(_));
                    if b.loc != Loc::Global && !unreachable {
                        names.push((b.name.to_string(), self.eval_table_flags(k, s, b)));
                    }
                }
            }
        }
        names.reverse();
        let strict = self.f().strict;
        let mut table = FuncState::new(
            TemplateKind::Normal,
            super::js_str("eval"),
            strict,
            Default::default(),
            span,
        );
        table.length = self.eval_context();
        for (name, flags) in names {
            let (capture, kind) = match self.resolve(&name, span)? {
                Resolved::Local(b) => match b.loc {
                    Loc::Cell(slot) => (Capture::Cell(slot), b.kind),
                    Loc::Upvalue(idx) => (Capture::Upvalue(idx), b.kind),
                    // A binding the eval cannot reach (`this` of a script in register 0 is
                    // passed separately).
                    _ => continue,
                },
                Resolved::Outer(idx, b) => (Capture::Upvalue(idx), b.kind),
                Resolved::Global => continue,
            };
            table.name(&name);
            table.constant(Constant::Number(entry_code(kind, flags, table.upvalues.len())));
            table
                .upvalues
                .push(super::function_state::Upvalue { binding_id: 0, capture });
        }
        let template = table.finish();
        let f = self.f();
        f.children.push(template);
        Ok((f.children.len() - 1) as u32)
    }
}

/// Direct eval code compiled for one call: the function to run and, when its declarations go
/// to the global object, what `Vm::perform_direct_eval` declares there first.
pub struct EvalCode {
    pub template: Rc<FunctionTemplate>,
    pub global: Option<GlobalEvalDeclarations>,
}

/// A number no other compilation of this thread used, to keep the hidden bindings of eval code
/// apart from those of its caller.
fn next_hidden_salt() -> u32 {
    thread_local! {
        static SALT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    SALT.with(|s| {
        let n = s.get().wrapping_add(1).max(1);
        s.set(n);
        n
    })
}

/// Compiles direct eval code (EvalDeclarationInstantiation §19.2.1.3 and the body): a function
/// whose upvalue `i` is the cell of `env[i]` and whose register 0 is the caller's `this`.
/// `strict`: the caller is strict code; `context`: the caller's
/// [`context`](super::eval_var_scope::context) bits; `global` answers for the global environment
/// (see [`eval_declaration_instantiation`]). In strict eval code `var` and function declarations
/// are local to the eval; in sloppy eval code they belong to the caller's variable environment
/// (`eval_var_scope.rs`).
pub fn compile_eval(
    program: &Program,
    source: Rc<SourceInfo>,
    env: &[EvalBinding],
    strict: bool,
    context: u32,
    global: &mut dyn FnMut(&str) -> GlobalName,
) -> CResult<EvalCode> {
    let strict = strict || program.strict;
    let mut vars = Vec::new();
    var_declared_names(&program.body, &mut vars);
    let mut funcs = Vec::new();
    top_level_functions(&program.body, &mut funcs);
    let mut lex = Vec::new();
    lexically_scoped_declarations(&program.body, false, &mut lex);
    let mut c = Compiler::new();
    c.hidden_salt = next_hidden_salt();
    let info = c.analyses.program(program);
    c.funcs.push(FuncState::new(
        TemplateKind::Normal,
        super::js_str("eval"),
        strict,
        info.clone(),
        program.span,
    ));
    // The caller's environment, outermost first: each with object starts a scope of its own
    // that the bindings after it (declared inside that `with` body) shadow.
    c.push_scope(true);
    let mut table_flags = Vec::with_capacity(env.len());
    for (i, b) in env.iter().enumerate() {
        if is_with_object_name(&b.name) {
            c.push_scope(false);
            c.declare_at(&b.name, BindingKind::Hidden, Loc::Upvalue(i as u16), 0);
            c.enter_with_scope(&b.name);
            continue;
        }
        // A table binding may be read before its initialisation: always TDZ-checked.
        let binding = c.declare_at(&b.name, b.kind, Loc::Upvalue(i as u16), u32::MAX);
        table_flags.push((binding.id, b.flags));
    }
    let mut state = EvalState { own_scopes: c.f().scopes.len(), table_flags, context, targets: Vec::new() };
    let mut global_decls = None;
    let mut annex_b = Vec::new();
    if !strict {
        // VarDeclaredNames in source order (function declarations among them).
        let mut declared: Vec<(u32, &str)> = vars.iter().map(|id| (id.span.start, &*id.name)).collect();
        declared.extend(funcs.iter().filter_map(|f| f.id.as_ref()).map(|id| (id.span.start, &*id.name)));
        declared.sort_by_key(|(pos, _)| *pos);
        let var_names: Vec<&str> = declared.iter().map(|(_, n)| *n).collect();
        let function_names: Vec<&str> = funcs.iter().filter_map(|f| f.id.as_ref()).map(|id| &*id.name).collect();
        let lexical_names: Vec<&str> = lex
            .iter()
            .filter_map(|d| match d {
                LexicalDecl::Let(id) | LexicalDecl::Const(id) | LexicalDecl::Class(id) => Some(&*id.name),
                LexicalDecl::Function(_) => None,
            })
            .collect();
        let block_functions = c.annex_b_function_names(&program.body);
        let decls = eval_declaration_instantiation(
            env,
            &var_names,
            &function_names,
            &block_functions,
            &lexical_names,
            context & super::eval_var_scope::context::IN_PARAMETERS != 0,
            global,
            program.span,
        )?;
        state.targets = decls.targets;
        annex_b = decls.annex_b;
        global_decls = decls.global;
    }
    c.eval = Some(state);
    // The eval code's own lexical environment (and, when strict, variable environment).
    c.push_scope(true);
    c.f().annex_b = annex_b;
    if !env.iter().any(|b| b.name == THIS) {
        if c.analyses.is_captured(&info, THIS) {
            let b = c.declare(THIS, BindingKind::Hidden, 0, program.span)?;
            c.emit_binding_entry(&b);
            c.emit_init(&b, 0)?;
        } else {
            c.declare_at(THIS, BindingKind::Hidden, Loc::Reg(0), 0);
        }
    }
    if strict {
        for id in vars {
            if c.f().scopes.last().and_then(|s| s.find(&id.name)).is_none() {
                let b = c.declare(&id.name, BindingKind::Var, 0, id.span)?;
                c.emit_binding_entry(&b);
            }
        }
    } else {
        // The bindings the calling function did not declare itself (steps 11, 17, 18).
        let dynamic: Vec<(Box<str>, u16)> = c
            .eval
            .as_ref()
            .map(|e| {
                e.targets
                    .iter()
                    .filter_map(|(n, t)| match t {
                        EvalVarTarget::Dynamic(env) => Some((n.clone(), *env)),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (name, env) in dynamic {
            let n = c.f().name(&name);
            c.f().emit(Insn::DeclareEvalVar { env, name: n });
        }
    }
    for d in &lex {
        let (id, kind) = match d {
            LexicalDecl::Let(id) | LexicalDecl::Class(id) => (*id, BindingKind::Let),
            LexicalDecl::Const(id) => (*id, BindingKind::Const),
            LexicalDecl::Function(_) => continue,
        };
        let b = c.declare(&id.name, kind, id.span.end, id.span)?;
        c.emit_binding_entry(&b);
    }
    let completion = c.f().temp(program.span)?;
    c.f().emit(Insn::LoadUndef { dst: completion });
    c.f().completion = Some(completion);
    for f in &funcs {
        let Some(id) = &f.id else { continue };
        let mark = c.f().next_reg;
        let t = c.f().temp(id.span)?;
        let idx = c.compile_function(f, super::js_str(&id.name))?;
        c.f().emit(Insn::Closure { dst: t, func: idx });
        if strict {
            let b = match c.f().scopes.last().and_then(|s| s.find(&id.name)).cloned() {
                Some(b) => b,
                None => {
                    let b = c.declare(&id.name, BindingKind::Function, 0, id.span)?;
                    c.emit_binding_entry(&b);
                    b
                }
            };
            c.emit_init(&b, t)?;
        } else {
            c.emit_eval_function_init(&id.name, t, id.span)?;
        }
        c.f().next_reg = mark;
    }
    for stmt in &program.body {
        if let StmtKind::Function(_) = stmt.kind {
            continue;
        }
        c.stmt(stmt)?;
    }
    c.f().emit(Insn::Return { src: completion });
    c.pop_scope();
    c.pop_scope();
    let Some(fs) = c.funcs.pop() else {
        return Err(CompileError::internal("lost the eval state", program.span));
    };
    Ok(EvalCode { template: fs.finish().materialize(&source), global: global_decls })
}
