//! Compile entry point for a Source Text Module Record: its [[ECMAScriptCode]] as two templates
//! over one *module environment layout*.
//!
//! Every top-level binding of a module — its imports, `var`s, `let`/`const`/`class`es, functions
//! and `*default*` — lives in a binding cell the loader creates (an import's cell is the
//! exporter's own cell). Both templates reach those cells as upvalues: upvalue `i` is the cell of
//! `layout[i]`. So module code reads an imported binding exactly as a closure reads a captured
//! variable, with a TDZ check, and never copies it.
//!
//! - `init` instantiates the hoisted function declarations into their cells (InitializeEnvironment
//!   step 24.b.iii). The loader runs it for every module of the graph before any module body
//!   runs, which is why a function exported from a module that has not been evaluated yet can
//!   already be called through a cycle.
//! - `body` is ExecuteModule: the statements in order, with imports, re-exports and function
//!   declarations compiled to nothing.

use std::rc::Rc;

use modjs_lexer::JsStr;
use modjs_parser::ast::{ExportDecl, ImportSpecifier, Program, Stmt, StmtKind};

use super::declarations::{lexically_scoped_declarations, var_declared_names, LexicalDecl};
use super::function_state::FuncState;
use super::scope::{BindingKind, Loc};
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{FunctionTemplate, Insn, SourceInfo, TemplateKind};

/// The name of the binding that holds an anonymous default export (ES spec: "*default*").
pub const DEFAULT_BINDING: &str = "*default*";

/// The hidden binding through which `import.meta` is read; the loader fills it with the
/// module's import.meta object (only modules whose layout lists it use it).
pub const IMPORT_META_BINDING: &str = "*import.meta*";

/// How a module-environment binding starts and what assigning to it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleBindingKind {
    /// An import binding: another module's cell, immutable here.
    Import,
    /// `var`: initialised to undefined when the environment is created.
    Var,
    /// `let`, `class`, `*default*`: uninitialised until evaluated.
    Let,
    /// `const`: uninitialised until evaluated, immutable.
    Const,
    /// A function declaration: initialised by `init`.
    Function,
    /// The hidden `import.meta` binding.
    ImportMeta,
}

/// A compiled module.
#[derive(Debug)]
pub struct ModuleCode {
    /// ExecuteModule: the body. Called with `this` undefined.
    pub body: Rc<FunctionTemplate>,
    /// Instantiates the hoisted functions; run once, before any module body of the graph.
    pub init: Rc<FunctionTemplate>,
    /// Upvalue `i` of both templates is the cell of `layout[i]`.
    pub layout: Vec<(JsStr, ModuleBindingKind)>,
    /// Whether the body contains top-level `await` (it must then run as an async function).
    pub has_tla: bool,
}

/// The layout of a module's environment, in a fixed order: imports, then vars, then lexical
/// declarations (functions included), then `*default*` and `import.meta` when used.
fn module_layout(program: &Program, uses_import_meta: bool) -> Vec<(JsStr, ModuleBindingKind)> {
    let mut layout: Vec<(JsStr, ModuleBindingKind)> = Vec::new();
    let push = |layout: &mut Vec<(JsStr, ModuleBindingKind)>, name: &str, kind| {
        let n = JsStr::from_str(name);
        if !layout.iter().any(|(m, _)| *m == n) {
            layout.push((n, kind));
        }
    };
    for stmt in &program.body {
        if let StmtKind::Import(import) = &stmt.kind {
            for s in &import.specifiers {
                let local = match s {
                    ImportSpecifier::Default(id) | ImportSpecifier::Namespace(id) => id,
                    ImportSpecifier::Named { local, .. } => local,
                };
                push(&mut layout, &local.name, ModuleBindingKind::Import);
            }
        }
    }
    let mut vars = Vec::new();
    var_declared_names(&program.body, &mut vars);
    for id in vars {
        push(&mut layout, &id.name, ModuleBindingKind::Var);
    }
    let mut lex = Vec::new();
    lexically_scoped_declarations(&program.body, true, &mut lex);
    for d in &lex {
        match d {
            LexicalDecl::Let(id) | LexicalDecl::Class(id) => push(&mut layout, &id.name, ModuleBindingKind::Let),
            LexicalDecl::Const(id) => push(&mut layout, &id.name, ModuleBindingKind::Const),
            LexicalDecl::Function(f) => {
                if let Some(id) = &f.id {
                    push(&mut layout, &id.name, ModuleBindingKind::Function);
                }
            }
        }
    }
    for stmt in &program.body {
        if let StmtKind::Export(export) = &stmt.kind {
            match &**export {
                ExportDecl::DefaultFunction(f) if f.id.is_none() => {
                    push(&mut layout, DEFAULT_BINDING, ModuleBindingKind::Function)
                }
                ExportDecl::DefaultClass(c) if c.id.is_none() => push(&mut layout, DEFAULT_BINDING, ModuleBindingKind::Let),
                ExportDecl::DefaultExpr(_) => push(&mut layout, DEFAULT_BINDING, ModuleBindingKind::Let),
                _ => {}
            }
        }
    }
    if uses_import_meta {
        push(&mut layout, IMPORT_META_BINDING, ModuleBindingKind::ImportMeta);
    }
    layout
}

impl Compiler {
    /// Declares every layout entry as upvalue `i` of the function being compiled.
    fn declare_module_layout(&mut self, layout: &[(JsStr, ModuleBindingKind)]) {
        for (i, (name, kind)) in layout.iter().enumerate() {
            let kind = match kind {
                ModuleBindingKind::Import => BindingKind::Import,
                ModuleBindingKind::Var | ModuleBindingKind::Function => BindingKind::Var,
                ModuleBindingKind::Let => BindingKind::Let,
                ModuleBindingKind::Const => BindingKind::Const,
                ModuleBindingKind::ImportMeta => BindingKind::Hidden,
            };
            // An import can be uninitialised at any read (cycles): no read is provably after
            // its initialisation.
            let decl_end = if kind == BindingKind::Import { u32::MAX } else { 0 };
            let name = name.to_string_lossy();
            self.declare_at(&name, kind, Loc::Upvalue(i as u16), decl_end);
        }
    }

    /// `this` at the top level of a module is undefined (the caller passes it in register 0).
    fn declare_module_this(&mut self, program: &Program) -> CResult<()> {
        if self.f().info.captured.contains("this") {
            let b = self.declare("this", BindingKind::Hidden, 0, program.span)?;
            self.emit_binding_entry(&b);
            self.emit_init(&b, 0)?;
        } else {
            self.declare_at("this", BindingKind::Hidden, Loc::Reg(0), 0);
        }
        Ok(())
    }

    fn finish_module_function(&mut self, program: &Program, source: &Rc<SourceInfo>) -> CResult<Rc<FunctionTemplate>> {
        self.pop_scope();
        let Some(fs) = self.funcs.pop() else {
            return Err(CompileError::internal("lost the module state", program.span));
        };
        Ok(Rc::new(fs.finish(source.clone())))
    }

    /// One statement of the module body (ExecuteModule).
    fn module_item(&mut self, stmt: &Stmt) -> CResult<()> {
        match &stmt.kind {
            // Imports were bound at link time; function declarations by `init`.
            StmtKind::Import(_) | StmtKind::Function(_) => Ok(()),
            StmtKind::Export(export) => match &**export {
                ExportDecl::Named { .. } | ExportDecl::All { .. } | ExportDecl::DefaultFunction(_) => Ok(()),
                ExportDecl::Decl(decl) => match decl.kind {
                    StmtKind::Function(_) => Ok(()),
                    _ => self.stmt(decl),
                },
                ExportDecl::DefaultClass(class) => {
                    let mark = self.f().next_reg;
                    let t = self.f().temp(stmt.span)?;
                    let (binding, name) = match &class.id {
                        Some(id) => (id.name.to_string(), None),
                        None => (DEFAULT_BINDING.to_string(), Some("default")),
                    };
                    self.class(class, t, name)?;
                    let b = self.lookup_module_binding(&binding, stmt)?;
                    self.emit_init(&b, t)?;
                    self.f().next_reg = mark;
                    Ok(())
                }
                ExportDecl::DefaultExpr(e) => {
                    // `export default <expr>`: NamedEvaluation with "default", then
                    // InitializeBinding("*default*").
                    let mark = self.f().next_reg;
                    let t = self.f().temp(stmt.span)?;
                    self.expr_named(e, t, "default")?;
                    let b = self.lookup_module_binding(DEFAULT_BINDING, stmt)?;
                    self.emit_init(&b, t)?;
                    self.f().next_reg = mark;
                    Ok(())
                }
            },
            _ => self.stmt(stmt),
        }
    }

    fn lookup_module_binding(&self, name: &str, stmt: &Stmt) -> CResult<super::scope::Binding> {
        self.find_local(name)
            .ok_or_else(|| CompileError::internal(&format!("module binding '{name}' was not declared"), stmt.span))
    }
}

/// Whether the module may read `import.meta` (also inside functions). An over-approximation
/// from the text (the tokens may be separated by whitespace or comments): a module that merely
/// mentions both words gets an unused hidden binding, never a missing one.
fn uses_import_meta(source_text: &str) -> bool {
    source_text.contains("import") && source_text.contains("meta")
}

/// Compiles a checked Module.
pub fn compile_module(program: &Program, source: Rc<SourceInfo>, has_tla: bool) -> CResult<ModuleCode> {
    let layout = module_layout(program, uses_import_meta(&source.text));
    let mut c = Compiler::new(source.clone());
    let info = c.analyses.program(program);

    // `init`: create the hoisted functions in their cells (InitializeEnvironment 24.b.iii).
    let fs = FuncState::new(TemplateKind::Module, JsStr::from_str(""), true, info.clone(), program.span);
    c.funcs.push(fs);
    c.push_scope(true);
    c.declare_module_layout(&layout);
    c.declare_module_this(program)?;
    for stmt in &program.body {
        let (func, binding, name) = match &stmt.kind {
            StmtKind::Function(f) => match &f.id {
                Some(id) => (f, id.name.to_string(), id.name.to_string()),
                None => continue,
            },
            StmtKind::Export(export) => match &**export {
                ExportDecl::Decl(decl) => match &decl.kind {
                    StmtKind::Function(f) => match &f.id {
                        Some(id) => (f, id.name.to_string(), id.name.to_string()),
                        None => continue,
                    },
                    _ => continue,
                },
                ExportDecl::DefaultFunction(f) => match &f.id {
                    Some(id) => (f, id.name.to_string(), id.name.to_string()),
                    None => (f, DEFAULT_BINDING.to_string(), "default".to_string()),
                },
                _ => continue,
            },
            _ => continue,
        };
        let mark = c.f().next_reg;
        let r = c.f().temp(func.span)?;
        let idx = c.compile_function(func, JsStr::from_str(&name))?;
        c.f().emit(Insn::Closure { dst: r, func: idx });
        let b = c.lookup_module_binding(&binding, stmt)?;
        c.emit_init(&b, r)?;
        c.f().next_reg = mark;
    }
    let undef = c.f().temp(program.span)?;
    c.f().emit(Insn::LoadUndef { dst: undef });
    c.f().emit(Insn::Return { src: undef });
    let init = c.finish_module_function(program, &source)?;

    // `body`: ExecuteModule.
    let mut fs = FuncState::new(TemplateKind::Module, JsStr::from_str(""), true, info, program.span);
    fs.is_async = has_tla;
    c.funcs.push(fs);
    c.push_scope(true);
    c.declare_module_layout(&layout);
    c.declare_module_this(program)?;
    for stmt in &program.body {
        c.module_item(stmt)?;
    }
    let undef = c.f().temp(program.span)?;
    c.f().emit(Insn::LoadUndef { dst: undef });
    c.f().emit(Insn::Return { src: undef });
    let body = c.finish_module_function(program, &source)?;
    Ok(ModuleCode { body, init, layout, has_tla })
}
