//! Direct `eval` (PerformEval with direct = true, §19.2.1.1): the call site and the eval code.
//!
//! The scope analysis keeps every binding visible from a direct `eval(...)` call site in a cell
//! (in the calling function and in every function around it). The call site records a table of
//! those bindings — a child template whose name pool holds the names, whose constant pool holds
//! their binding kinds and whose captures are their cells — and emits `DirectEval` before an
//! ordinary `Call`. At run time, when the callee is the realm's %eval%, the string is compiled by
//! [`compile_eval`] with the table as its outermost scope, so its free names resolve to the very
//! same cells; names not in the table fall back to the global object. Any other callee makes
//! `DirectEval` a no-op and the `Call` runs.

use std::rc::Rc;

use modjs_lexer::JsStr;
use modjs_parser::ast::{ArrayElement, Expr, Program, Span, StmtKind};

use super::analysis::{is_with_object_name, THIS};
use super::declarations::{lexically_scoped_declarations, top_level_functions, var_declared_names, LexicalDecl};
use super::function_state::FuncState;
use super::scope::{BindingKind, Loc, Resolved};
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{Capture, Constant, FunctionTemplate, Insn, Reg, SourceInfo, TemplateKind};

/// One binding visible to direct eval code: its name and kind (the run-time table).
#[derive(Clone, Debug)]
pub struct EvalBinding {
    pub name: String,
    pub kind: BindingKind,
}

/// The code of a binding kind in the table's constant pool.
fn kind_code(kind: BindingKind) -> f64 {
    match kind {
        BindingKind::Var | BindingKind::Function | BindingKind::Param | BindingKind::Hidden => 0.0,
        BindingKind::Let => 1.0,
        BindingKind::Const => 2.0,
        BindingKind::ClassInner => 3.0,
        BindingKind::Import => 4.0,
        BindingKind::Callee => 5.0,
        BindingKind::DerivedThis => 6.0,
    }
}

/// The binding kind of a table code (see [`kind_code`]).
pub fn kind_of_code(code: f64) -> BindingKind {
    match (code as u32) % 8 {
        1 => BindingKind::Let,
        2 => BindingKind::Const,
        3 => BindingKind::ClassInner,
        4 => BindingKind::Import,
        5 => BindingKind::Callee,
        6 => BindingKind::DerivedThis,
        _ => BindingKind::Var,
    }
}

/// Reads the table of a `DirectEval` instruction back: the names and kinds, in capture order.
pub fn eval_bindings(table: &FunctionTemplate) -> Vec<EvalBinding> {
    table
        .name_strings
        .iter()
        .zip(table.values.iter())
        .map(|(n, v)| EvalBinding {
            name: n.to_rust_lossy(),
            kind: kind_of_code(match v {
                crate::value::Value::Number(x) => *x,
                _ => 0.0,
            }),
        })
        .collect()
}

impl Compiler {
    /// `eval(args)`: the callee in `base`, `this` of the caller in a temporary, the arguments
    /// from `base + 2`, then `DirectEval` (the eval itself when the callee is %eval%) and the
    /// ordinary call it skips in that case.
    pub(super) fn direct_eval_call(
        &mut self,
        callee: &Expr,
        args: &[ArrayElement],
        base: Reg,
        dst: Reg,
        span: Span,
    ) -> CResult<()> {
        if !self.with_callee("eval", base, span)? {
            self.emit_read("eval", base, span)?;
            self.f().emit(Insn::LoadUndef { dst: base + 1 });
        }
        self.arguments(args, base + 2, false)?;
        let this = self.f().temp(span)?;
        match self.resolve(THIS, span)? {
            Resolved::Local(b) | Resolved::Outer(_, b) if b.kind == BindingKind::DerivedThis => {
                return Err(CompileError::unsupported("direct eval in a derived constructor", span));
            }
            _ => self.emit_read(THIS, this, span)?,
        }
        let table = self.eval_table(span)?;
        let text = self.f().name(&super::expressions::call_printer(callee));
        self.f().mark(span);
        self.f().emit(Insn::DirectEval {
            dst,
            base,
            argc: args.len() as u16,
            table,
            this,
        });
        self.f().emit(Insn::Call {
            dst,
            base,
            argc: args.len() as u16,
            text,
        });
        self.f().next_reg -= 1;
        Ok(())
    }

    /// Builds the table of every binding visible here (innermost first wins) as a child
    /// template; returns its index. The table lists them outermost first, with the hidden
    /// bindings of the enclosing `with` objects in between (see [`compile_eval`]).
    fn eval_table(&mut self, span: Span) -> CResult<u32> {
        let mut names: Vec<String> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let innermost = self.funcs.len().saturating_sub(1);
        for (k, f) in self.funcs.iter().enumerate().rev() {
            for scope in f.scopes.iter().rev() {
                for b in scope.bindings.iter().rev() {
                    let hidden = (b.name.starts_with('%') && !is_with_object_name(&b.name)) || b.name.starts_with('#');
                    if hidden || seen.contains(&&*b.name) {
                        continue;
                    }
                    seen.push(&b.name);
                    // A register of an enclosing function is out of reach (a sloppy block
                    // function's var binding the analysis did not give a cell): eval code
                    // does not see it.
                    let unreachable = k != innermost && matches!(b.loc, Loc::Reg(_));
                    if b.loc != Loc::Global && !unreachable {
                        names.push(b.name.to_string());
                    }
                }
            }
        }
        names.reverse();
        let strict = self.f().strict;
        let mut table = FuncState::new(
            TemplateKind::Normal,
            JsStr::from_str("eval"),
            strict,
            Default::default(),
            span,
        );
        for name in names {
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
            table.constant(Constant::Number(kind_code(kind) + table.upvalues.len() as f64 * 8.0));
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

/// Compiles direct eval code (EvalDeclarationInstantiation §19.2.1.3 and the body): a function
/// whose upvalue `i` is the cell of `env[i]` and whose register 0 is the caller's `this`.
/// `strict`: the caller is strict code. In strict eval code `var` and function declarations are
/// local to the eval; sloppy eval code that declares them is not supported yet.
pub fn compile_eval(
    program: &Program,
    source: Rc<SourceInfo>,
    env: &[EvalBinding],
    strict: bool,
) -> CResult<Rc<FunctionTemplate>> {
    let strict = strict || program.strict;
    let mut vars = Vec::new();
    var_declared_names(&program.body, &mut vars);
    let mut funcs = Vec::new();
    top_level_functions(&program.body, &mut funcs);
    if !strict && (!vars.is_empty() || !funcs.is_empty()) {
        return Err(CompileError::unsupported(
            "var declarations in sloppy direct eval",
            program.span,
        ));
    }
    let mut c = Compiler::new();
    let info = c.analyses.program(program);
    c.funcs.push(FuncState::new(
        TemplateKind::Normal,
        JsStr::from_str("eval"),
        strict,
        info.clone(),
        program.span,
    ));
    // The caller's environment, outermost first: each with object starts a scope of its own
    // that the bindings after it (declared inside that `with` body) shadow.
    c.push_scope(true);
    for (i, b) in env.iter().enumerate() {
        if is_with_object_name(&b.name) {
            c.push_scope(false);
            c.declare_at(&b.name, BindingKind::Hidden, Loc::Upvalue(i as u16), 0);
            c.enter_with_scope(&b.name);
            continue;
        }
        // A table binding may be read before its initialisation: always TDZ-checked.
        c.declare_at(&b.name, b.kind, Loc::Upvalue(i as u16), u32::MAX);
    }
    // The eval code's own variable environment.
    c.push_scope(true);
    if !env.iter().any(|b| b.name == THIS) {
        if info.captured.contains(THIS) {
            let b = c.declare(THIS, BindingKind::Hidden, 0, program.span)?;
            c.emit_binding_entry(&b);
            c.emit_init(&b, 0)?;
        } else {
            c.declare_at(THIS, BindingKind::Hidden, Loc::Reg(0), 0);
        }
    }
    for id in vars {
        if c.f().scopes.last().and_then(|s| s.find(&id.name)).is_none() {
            let b = c.declare(&id.name, BindingKind::Var, 0, id.span)?;
            c.emit_binding_entry(&b);
        }
    }
    let mut lex = Vec::new();
    lexically_scoped_declarations(&program.body, false, &mut lex);
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
        let b = match c.f().scopes.last().and_then(|s| s.find(&id.name)).cloned() {
            Some(b) => b,
            None => {
                let b = c.declare(&id.name, BindingKind::Function, 0, id.span)?;
                c.emit_binding_entry(&b);
                b
            }
        };
        let mark = c.f().next_reg;
        let t = c.f().temp(id.span)?;
        let idx = c.compile_function(f, JsStr::from_str(&id.name))?;
        c.f().emit(Insn::Closure { dst: t, func: idx });
        c.emit_init(&b, t)?;
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
    Ok(fs.finish().materialize(&source))
}
