//! The variable environment that sloppy direct eval code declares into: EvalDeclarationInstantiation
//! (§19.2.1.3) with Annex B.3.2.3 (block functions in eval code) and B.3.4 (a `var` of a catch
//! parameter's name).
//!
//! The `var` and function declarations of sloppy direct eval code are bindings of the *caller's*
//! variable environment. When the caller is global code they are properties of the global object,
//! which `Vm::perform_direct_eval` creates before the eval code runs. When the caller is a
//! function, a name the function declares at its top level is that very binding (the eval code
//! reaches its cell through the caller's binding table, `eval_scope.rs`); any other name needs a
//! binding the compiler could not know of. So a sloppy function whose own code calls `eval(...)`
//! has one more hidden binding, `%with@var@…`, first in the scope of its parameters and vars (a
//! scope of its own inside that of its hidden bindings and its own name), in a cell that starts
//! `undefined`. The first eval code that declares such a name stores there an object
//! (`ObjectKind::DeclarativeEnvironment`, without prototype) whose own properties are the new
//! bindings (`DeclareEvalVar`, `SetEvalVar`). The hidden binding is an environment of the `with`
//! machinery (`with_scope.rs`): every reference, in the function, in the functions nested in it
//! and in the eval code it runs, to a name the function does not declare asks that object first
//! (HasBinding without @@unscopables: `Vm::object_environment_has_binding`), so the new bindings
//! shadow outer and global ones, and `delete` removes them. Functions whose code does not call
//! eval, and strict ones, compile exactly as before.

use modjs_parser::ast::Span;

use super::scope::{Binding, BindingKind, Loc};
use super::{CResult, Compiler};
use crate::bytecode::{Insn, Reg, TemplateKind};

/// The name prefix of a function's hidden binding holding the object record of the variables
/// eval code declared in it. It is a `%with@` name: binding tables carry it like a with object.
pub const VAR_ENV_PREFIX: &str = "%with@var@";

/// Whether `name` is the hidden binding of a function's eval-declared variables.
pub fn is_var_env_name(name: &str) -> bool {
    name.starts_with(VAR_ENV_PREFIX)
}

/// Flags of a binding in the table of a direct eval call, for EvalDeclarationInstantiation
/// step 3 (the lexical environments between the call and the caller's variable environment).
pub mod table_flags {
    /// Declared in a lexical scope between the call and the caller's variable environment (or
    /// in the global lexical record): a `var` or function of that name in the eval code is a
    /// SyntaxError, and a block function of that name is not hoisted (B.3.2.3).
    pub const LEXICAL: u8 = 1;
    /// A catch clause's parameter: a `var` of its name is allowed (B.3.4).
    pub const CATCH: u8 = 2;
}

/// What the function around a direct eval call allows its eval code (PerformEval §19.2.1.1 steps
/// 5-8, known statically): bits of the table's `length`.
pub mod context {
    /// `new.target` (the call is inside a non-arrow function).
    pub const NEW_TARGET: u32 = 1;
    /// `super.x` (inside a method).
    pub const SUPER_PROPERTY: u32 = 2;
    /// `super(...)` (inside a derived class constructor).
    pub const SUPER_CALL: u32 = 4;
    /// `arguments` is forbidden (inside a class field initializer).
    pub const NO_ARGUMENTS: u32 = 8;
    /// The call is in the parameter expressions of a non-arrow function: its arguments object
    /// is bound in the parameters' scope, between the call and the variable environment, so
    /// eval code may not declare `arguments` (EvalDeclarationInstantiation step 3).
    pub const IN_PARAMETERS: u32 = 16;
}

/// Where a `var` or function declared by sloppy eval code lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalVarTarget {
    /// A binding the calling function declares itself: upvalue `idx` of the eval code.
    Static(u16),
    /// A property of the object record in the cell of upvalue `env` of the eval code (the
    /// calling function's hidden binding), created on demand.
    Dynamic(u16),
    /// A property of the global object (the caller is global code).
    Global,
}

/// The compile state of direct eval code: what it knows of its caller.
#[derive(Default)]
pub struct EvalState {
    /// Index in the eval code's scopes of its first own scope (those before come from the
    /// caller's table).
    pub own_scopes: usize,
    /// The table flags of the caller's bindings, by binding id.
    pub table_flags: Vec<(u32, u8)>,
    /// The caller's [`context`] bits (a direct eval inside eval code inherits them).
    pub context: u32,
    /// Sloppy eval code: where each of its var-scoped names lives.
    pub targets: Vec<(Box<str>, EvalVarTarget)>,
}

impl Compiler {
    /// The hidden binding of the variables direct eval code declares in a sloppy function whose
    /// code calls eval: a cell holding `undefined` until then, declared first in the scope just
    /// pushed for the function's parameters and vars, and an environment every reference to a
    /// name not declared there (or inside) asks first.
    pub(super) fn enter_eval_var_scope(&mut self, span: Span) -> CResult<()> {
        let name = format!("{VAR_ENV_PREFIX}{}.{}", self.hidden_salt, span.start);
        let slot = self.f().cell_slot(span)?;
        let b = self.declare_at(&name, BindingKind::Hidden, Loc::Cell(slot), 0);
        self.emit_binding_entry(&b);
        self.enter_with_scope(&name);
        Ok(())
    }

    /// The [`table_flags`] of binding `b`, declared in scope `s` of function `k`, seen from a
    /// direct eval call in the innermost function.
    pub(super) fn eval_table_flags(&self, k: usize, s: usize, b: &Binding) -> u8 {
        let innermost = self.funcs.len() - 1;
        if k != innermost {
            return 0;
        }
        let f = &self.funcs[k];
        let catch = if f.scopes.get(s).is_some_and(|scope| scope.is_catch) { table_flags::CATCH } else { 0 };
        let lexical = match &self.eval {
            // Eval code: its own scopes are lexical (its variable environment is the
            // caller's); the caller's bindings keep the flags the caller's table gave them.
            Some(e) if k == 0 => {
                if s < e.own_scopes {
                    return e.table_flags.iter().find(|(id, _)| *id == b.id).map_or(0, |(_, fl)| *fl);
                }
                true
            }
            // Global code: everything the table holds is lexical (its vars are global
            // object properties, not in the table).
            _ if f.kind == TemplateKind::Script => true,
            // A function: block scopes, and the top-level lexical declarations (in the scope
            // of its vars, which a function calling eval has inside that of its hidden
            // bindings).
            _ => {
                let var_scope = f.scopes.iter().rposition(|scope| scope.is_function).unwrap_or(0);
                s > var_scope
                    || (s == var_scope
                        && matches!(b.kind, BindingKind::Let | BindingKind::Const | BindingKind::ClassInner))
            }
        };
        if lexical {
            table_flags::LEXICAL | catch
        } else {
            0
        }
    }

    /// The [`context`] bits of a direct eval call here: from the innermost non-arrow function.
    pub(super) fn eval_context(&self) -> u32 {
        use context::*;
        let in_parameters = match (self.funcs.last(), &self.eval) {
            (Some(_), Some(e)) if self.funcs.len() == 1 => e.context & IN_PARAMETERS,
            (Some(f), _) if f.in_parameters && f.kind != TemplateKind::Arrow => IN_PARAMETERS,
            _ => 0,
        };
        in_parameters | self.function_eval_context()
    }

    /// The [`context`] bits the innermost non-arrow function gives.
    fn function_eval_context(&self) -> u32 {
        use context::*;
        for (k, f) in self.funcs.iter().enumerate().rev() {
            if k == 0 {
                if let Some(e) = &self.eval {
                    return e.context & !IN_PARAMETERS;
                }
            }
            return match f.kind {
                TemplateKind::Arrow => continue,
                TemplateKind::Script | TemplateKind::Module => 0,
                TemplateKind::Normal => NEW_TARGET,
                TemplateKind::Method => NEW_TARGET | SUPER_PROPERTY,
                TemplateKind::ClassConstructor { derived } => {
                    NEW_TARGET | SUPER_PROPERTY | if derived { SUPER_CALL } else { 0 }
                }
                TemplateKind::FieldInitializer => NEW_TARGET | SUPER_PROPERTY | NO_ARGUMENTS,
            };
        }
        0
    }

    /// Where the var-scoped name `name` of the eval code being compiled lives, if it is one.
    fn eval_var_target(&self, name: &str) -> Option<EvalVarTarget> {
        if self.funcs.len() != 1 {
            return None;
        }
        let e = self.eval.as_ref()?;
        e.targets.iter().find(|(n, _)| **n == *name).map(|(_, t)| *t)
    }

    /// Initialises the eval code's var-scoped binding `name` (a function declaration's value)
    /// with `src`: InitializeBinding or SetMutableBinding on the caller's variable environment,
    /// or CreateGlobalFunctionBinding(name, src, true) (EvalDeclarationInstantiation step 17).
    pub(super) fn emit_eval_function_init(&mut self, name: &str, src: Reg, span: Span) -> CResult<()> {
        let Some(target) = self.eval_var_target(name) else {
            return Err(super::CompileError::internal("an eval function without a binding", span));
        };
        let n = self.f().name(name);
        self.f().emit(match target {
            EvalVarTarget::Static(idx) => Insn::SetUpvalue { idx, src },
            EvalVarTarget::Dynamic(env) => Insn::SetEvalVar { env, name: n, src },
            EvalVarTarget::Global => Insn::DeclareGlobalFunction { name: n, src, deletable: true },
        });
        Ok(())
    }

    /// Annex B.3.2.3 in eval code: when a block function declaration of the eval code's top
    /// level function state is evaluated, its value is copied to the var binding of its name
    /// (genv.SetMutableBinding(F, fobj, false)). Returns false when `name` has no such binding
    /// here (not eval code, or not hoisted).
    pub(super) fn eval_block_function_copy(&mut self, name: &str, span: Span) -> CResult<bool> {
        let Some(target) = self.eval_var_target(name) else { return Ok(false) };
        let mark = self.f().next_reg;
        let t = self.f().temp(span)?;
        self.emit_read(name, t, span)?;
        let n = self.f().name(name);
        self.f().emit(match target {
            EvalVarTarget::Static(idx) => Insn::SetUpvalue { idx, src: t },
            EvalVarTarget::Dynamic(env) => Insn::SetEvalVar { env, name: n, src: t },
            EvalVarTarget::Global => Insn::SetGlobal { name: n, src: t },
        });
        self.f().next_reg = mark;
        Ok(true)
    }
}

/// What EvalDeclarationInstantiation asks the global environment about a name when the eval
/// code's variable environment is the global one (answered when the eval code is compiled,
/// which is the moment it is instantiated).
#[derive(Clone, Copy, Debug, Default)]
pub struct GlobalName {
    /// HasLexicalDeclaration: a script's `let`/`const`/`class` of that name exists.
    pub lexical: bool,
    /// CanDeclareGlobalVar (§9.1.1.4.15).
    pub can_declare_var: bool,
}

/// The global bindings sloppy eval code whose variable environment is the global one declares,
/// in the order EvalDeclarationInstantiation creates them; `Vm::perform_direct_eval` checks
/// (steps 8 and 10) and creates them (steps 11, 17 and 18: all deletable) before the code runs,
/// and the code's prologue gives the functions their values.
#[derive(Clone, Debug, Default)]
pub struct GlobalEvalDeclarations {
    /// Block functions hoisted by B.3.2.3 (CreateGlobalVarBinding(F, true)).
    pub annex_b: Vec<String>,
    /// Top-level function declarations (CreateGlobalFunctionBinding(fn, fo, true)).
    pub functions: Vec<String>,
    /// `var` names (CreateGlobalVarBinding(vn, true)).
    pub vars: Vec<String>,
}

/// The compile-time part of EvalDeclarationInstantiation (§19.2.1.3) for sloppy eval code.
pub struct EvalDeclarations {
    /// Where each var-scoped name lives.
    pub targets: Vec<(Box<str>, EvalVarTarget)>,
    /// The block functions B.3.2.3 hoists (their values are copied when evaluated).
    pub annex_b: Vec<Box<str>>,
    /// When the variable environment is the global one: what to create there.
    pub global: Option<GlobalEvalDeclarations>,
}

/// EvalDeclarationInstantiation (§19.2.1.3) of sloppy eval code, as far as the compiler decides
/// it: the SyntaxError of step 3 (a declared name that a lexical declaration between the call
/// and the variable environment binds, Annex B.3.4 allowing a simple catch parameter's name),
/// which block functions B.3.2.3 hoists, and where every var-scoped name lives. `env` is the
/// caller's binding table; `var_names` the VarDeclaredNames of the body in source order, with
/// `function_names` (its top-level function declarations) among them; `block_functions` the
/// B.3.2.3 candidates; `lexical_names` the body's top-level lexical declarations;
/// `in_parameters`: [`context::IN_PARAMETERS`]; `global` answers for the global environment.
pub fn eval_declaration_instantiation(
    env: &[super::eval_scope::EvalBinding],
    var_names: &[&str],
    function_names: &[&str],
    block_functions: &[String],
    lexical_names: &[&str],
    in_parameters: bool,
    global: &mut dyn FnMut(&str) -> GlobalName,
    span: Span,
) -> CResult<EvalDeclarations> {
    // 1-2. The caller's variable environment: the innermost function record in the table,
    // else the global one.
    let var_env = env.iter().rposition(|b| is_var_env_name(&b.name));
    let entry = |name: &str| env.iter().enumerate().rev().find(|(_, b)| b.name == name);
    let blocked = |flags: u8| flags & table_flags::LEXICAL != 0 && flags & table_flags::CATCH == 0;
    let entry_blocks =
        |name: &str| (in_parameters && name == "arguments") || entry(name).is_some_and(|(_, b)| blocked(b.flags));
    // 3. No declared name may be bound by a lexical declaration between the call and varEnv
    // (nor be a global lexical declaration when varEnv is the global record).
    for name in var_names {
        if entry_blocks(name) || (var_env.is_none() && global(name).lexical) {
            return Err(super::CompileError::syntax(&format!("Identifier '{name}' has already been declared"), span));
        }
    }
    let target_of = |name: &str| match var_env {
        None => EvalVarTarget::Global,
        Some(m) => match entry(name) {
            // A binding of the calling function's own variable environment.
            Some((i, b)) if i > m && b.flags & table_flags::LEXICAL == 0 && b.kind != BindingKind::Callee => {
                EvalVarTarget::Static(i as u16)
            }
            _ => EvalVarTarget::Dynamic(m as u16),
        },
    };
    let mut targets: Vec<(Box<str>, EvalVarTarget)> = Vec::new();
    let mut global_decls = GlobalEvalDeclarations::default();
    // B.3.2.3 (step 11 as Annex B modifies it): a block function whose name no lexical
    // declaration around it binds, and (global) that can be a global var, gets a var binding.
    let mut annex_b = Vec::new();
    for name in block_functions {
        if lexical_names.contains(&name.as_str()) || entry_blocks(name) {
            continue;
        }
        if var_env.is_none() {
            let g = global(name);
            if g.lexical || !g.can_declare_var {
                continue;
            }
        }
        annex_b.push(Box::<str>::from(name.as_str()));
        if !var_names.contains(&name.as_str()) {
            targets.push((name.as_str().into(), target_of(name)));
            if var_env.is_none() {
                global_decls.annex_b.push(name.clone());
            }
        }
    }
    // 8-10, 17-18: the functions (the last declaration of a name wins, created first), then
    // the vars that are not functions.
    for name in function_names {
        if !targets.iter().any(|(n, _)| **n == **name) {
            targets.push(((*name).into(), target_of(name)));
            global_decls.functions.push(name.to_string());
        }
    }
    for name in var_names {
        if !targets.iter().any(|(n, _)| **n == **name) {
            targets.push(((*name).into(), target_of(name)));
            global_decls.vars.push(name.to_string());
        }
    }
    Ok(EvalDeclarations { targets, annex_b, global: var_env.is_none().then_some(global_decls) })
}
