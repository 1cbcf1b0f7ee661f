//! Compile entry points: a Script (ScriptEvaluation's code plus what
//! GlobalDeclarationInstantiation needs to know).

use std::rc::Rc;

use modjs_lexer::JsStr;
use modjs_parser::ast::{Program, StmtKind};

use super::declarations::{
    lexically_scoped_declarations, top_level_functions, var_declared_names, LexicalDecl,
};
use super::function_state::FuncState;
use super::scope::{BindingKind, Loc};
use super::{js_str, CResult, Compiler};
use modjs_parser::fast_hash::FastHashSet as HashSet;
use crate::bytecode::{CompiledFunction, FunctionTemplate, Insn, SourceInfo, TemplateKind};

/// A compiled Script.
#[derive(Debug)]
pub struct ScriptCode {
    /// The top-level code. Register 0 is `this` (the global object); upvalue `i` is the cell of
    /// `lexical[i]` in the realm's global declarative record.
    pub template: Rc<FunctionTemplate>,
    /// VarDeclaredNames that are not function names, in order (CreateGlobalVarBinding).
    pub var_names: Vec<JsStr>,
    /// Names of the top-level function declarations (the code itself creates them with
    /// `DeclareGlobalFunction` before anything else runs).
    pub function_names: Vec<JsStr>,
    /// The top-level lexical declarations: name and whether it is `const`.
    pub lexical: Vec<(JsStr, bool)>,
}

/// A compiled Script before it meets the VM thread (see [`CompiledFunction`]): `Send`, so a
/// script (a CommonJS module's wrapper) can be compiled where it was parsed.
#[derive(Debug)]
pub struct CompiledScript {
    pub code: CompiledFunction,
    pub var_names: Vec<JsStr>,
    pub function_names: Vec<JsStr>,
    pub lexical: Vec<(JsStr, bool)>,
}

impl CompiledScript {
    /// The script's code, made for this thread.
    pub fn materialize(self, source: &Rc<SourceInfo>) -> ScriptCode {
        let CompiledScript { code, var_names, function_names, lexical } = self;
        ScriptCode { template: code.materialize(source), var_names, function_names, lexical }
    }
}

/// Compiles a checked Script.
pub fn compile_script(program: &Program, source: Rc<SourceInfo>) -> CResult<ScriptCode> {
    Ok(compile_script_portable(program)?.materialize(&source))
}

/// Compiles a checked Script into code that is not tied to a thread yet.
pub fn compile_script_portable(program: &Program) -> CResult<CompiledScript> {
    let mut c = Compiler::new();
    let info = c.analyses.program(program);
    let mut fs = FuncState::new(TemplateKind::Script, super::js_str(""), program.strict, info, program.span);
    fs.name = super::js_str("");
    c.funcs.push(fs);
    c.push_scope(true);
    if c.captured_here("this") {
        let b = c.declare("this", BindingKind::Hidden, 0, program.span)?;
        c.emit_binding_entry(&b);
        c.emit_init(&b, 0)?;
    } else {
        c.declare_at("this", BindingKind::Hidden, Loc::Reg(0), 0);
    }

    // GlobalDeclarationInstantiation's view of the body.
    let mut lexical = Vec::new();
    let mut lex = Vec::new();
    lexically_scoped_declarations(&program.body, false, &mut lex);
    for (i, d) in lex.iter().enumerate() {
        let (id, kind, is_const) = match d {
            LexicalDecl::Let(id) => (*id, BindingKind::Let, false),
            LexicalDecl::Const(id) => (*id, BindingKind::Const, true),
            LexicalDecl::Class(id) => (*id, BindingKind::Let, false),
            LexicalDecl::Function(f) => match &f.id {
                Some(id) => (id, BindingKind::Let, false),
                None => continue,
            },
        };
        c.declare_at(&id.name, kind, Loc::Upvalue(i as u16), id.span.end);
        lexical.push((super::js_str(&id.name), is_const));
    }
    let mut funcs = Vec::new();
    top_level_functions(&program.body, &mut funcs);
    let mut function_names: Vec<JsStr> = Vec::new();
    for f in funcs.iter().rev() {
        if let Some(id) = &f.id {
            let name = super::js_str(&id.name);
            if !function_names.contains(&name) {
                function_names.push(name);
                c.declare_at(&id.name, BindingKind::Var, Loc::Global, 0);
            }
        }
    }
    function_names.reverse();
    let mut vars = Vec::new();
    var_declared_names(&program.body, &mut vars);
    let mut var_names: Vec<JsStr> = Vec::new();
    for id in vars {
        let name = super::js_str(&id.name);
        if !function_names.contains(&name) && !var_names.contains(&name) {
            var_names.push(name);
            c.declare_at(&id.name, BindingKind::Var, Loc::Global, 0);
        }
    }
    if !program.strict {
        for name in c.annex_b_function_names(&program.body) {
            let js = super::js_str(&name);
            if !function_names.contains(&js) && !var_names.contains(&js) && !lexical.iter().any(|(n, _)| *n == js) {
                var_names.push(js);
                c.declare_at(&name, BindingKind::Var, Loc::Global, 0);
            }
        }
    }

    let completion = c.f().temp(program.span)?;
    c.f().emit(Insn::LoadUndef { dst: completion });
    c.f().completion = Some(completion);

    // Function declarations are instantiated before the body runs, in source order (a later
    // declaration of the same name overwrites an earlier one).
    for f in &funcs {
        let Some(id) = &f.id else { continue };
        let mark = c.f().next_reg;
        let r = c.f().temp(id.span)?;
        let idx = c.compile_function(f, super::js_str(&id.name))?;
        c.f().emit(Insn::Closure { dst: r, func: idx });
        let n = c.f().name(&id.name);
        c.f().emit(Insn::DeclareGlobalFunction { name: n, src: r, deletable: false });
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
    let Some(fs) = c.funcs.pop() else {
        return Err(super::CompileError::internal("lost the script state", program.span));
    };
    Ok(CompiledScript { code: fs.finish(), var_names, function_names, lexical })
}

/// How a module-level binding starts (InitializeEnvironment, §16.2.1.6.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleBindingKind {
    /// `var`: initialised to `undefined`.
    Var,
    /// A hoisted function declaration: `ModuleCode::init` stores the function object.
    Function,
    /// `let`, `class` and the `*default*` of `export default <expression>`: uninitialised.
    Let,
    /// `const`: uninitialised, immutable.
    Const,
    /// `import x` / `import { x }`: the exporting module's cell (TDZ-checked, immutable).
    Import,
    /// `import * as ns`: a cell holding the namespace object.
    ImportNamespace,
    /// `import.meta`: a cell the host fills with the module's import.meta object.
    ImportMeta,
}

impl ModuleBindingKind {
    /// The value a fresh cell of a local binding of this kind starts with.
    pub fn initial_value(self) -> crate::value::Value {
        match self {
            ModuleBindingKind::Var | ModuleBindingKind::Function => crate::value::Value::Undefined,
            _ => crate::value::Value::Empty,
        }
    }

    /// Whether the cell is provided by another module (or the host) rather than created.
    pub fn is_import(self) -> bool {
        matches!(self, ModuleBindingKind::Import | ModuleBindingKind::ImportNamespace | ModuleBindingKind::ImportMeta)
    }
}

/// One module-level binding: its local name (`*default*` for an anonymous default export,
/// `import.meta` for the meta object) and kind. Its index is its cell's index in the cell
/// list given to `init` and `body`.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleBinding {
    pub name: JsStr,
    pub kind: ModuleBindingKind,
}

/// A compiled Module: two templates sharing one environment, the cells of `bindings` (upvalue
/// `i` is the cell of `bindings[i]`).
#[derive(Debug)]
pub struct ModuleCode {
    /// Creates the hoisted functions into their cells (run during linking, so functions are
    /// callable from other modules before this one evaluates).
    pub init: Rc<FunctionTemplate>,
    /// The module body (ExecuteModule). `this` is undefined.
    pub body: Rc<FunctionTemplate>,
    pub bindings: Vec<ModuleBinding>,
}

impl ModuleCode {
    /// The cell index of the binding named `name`.
    pub fn binding_index(&self, name: &str) -> Option<usize> {
        self.bindings.iter().position(|b| b.name.eq_str(name))
    }
}

const IMPORT_META: &str = "import.meta";

/// Declares every module-level binding (`names[i]` is the name of `bindings[i]`, shared by the
/// bindings of both functions) as an upvalue of the function being compiled.
fn declare_module_bindings(c: &mut Compiler, bindings: &[ModuleBinding], names: &[Rc<str>], ends: &[u32]) {
    if let Some(scope) = c.f().scopes.last_mut() {
        scope.bindings.reserve(bindings.len());
    }
    for (i, ((b, name), end)) in bindings.iter().zip(names).zip(ends).enumerate() {
        let kind = match b.kind {
            ModuleBindingKind::Var => BindingKind::Var,
            ModuleBindingKind::Function => BindingKind::Function,
            ModuleBindingKind::Let => BindingKind::Let,
            ModuleBindingKind::Const => BindingKind::Const,
            ModuleBindingKind::Import => BindingKind::Import,
            ModuleBindingKind::ImportNamespace | ModuleBindingKind::ImportMeta => BindingKind::Const,
        };
        c.declare_shared(name.clone(), kind, Loc::Upvalue(i as u16), *end);
    }
}

/// A compiled Module before it meets the VM thread (see [`CompiledFunction`]): `Send`, so
/// modules are compiled on the threads that parse them.
#[derive(Debug)]
pub struct CompiledModule {
    pub init: CompiledFunction,
    pub body: CompiledFunction,
    pub bindings: Vec<ModuleBinding>,
}

impl CompiledModule {
    /// The module's code, made for this thread.
    pub fn materialize(self, source: &Rc<SourceInfo>) -> ModuleCode {
        let CompiledModule { init, body, bindings } = self;
        ModuleCode { init: init.materialize(source), body: body.materialize(source), bindings }
    }
}

/// Compiles a checked Module.
/// `has_tla`: the body contains top-level `await` and runs as an async function.
pub fn compile_module<'p>(program: &'p Program, has_tla: bool) -> CResult<CompiledModule> {
    use modjs_parser::ast::{ExportDecl, ImportSpecifier};
    let mut c = Compiler::new();
    let info = c.analyses.program(program);

    // The environment: imports, var names, lexical declarations and hoisted functions.
    // The names as Rust text too (`names[i]` is `bindings[i]`'s), and a set of them: a module
    // may have hundreds of bindings, and a search of the list per binding was quadratic.
    let mut bindings: Vec<ModuleBinding> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::with_capacity_and_hasher(64, Default::default());
    let mut ends: Vec<u32> = Vec::new();
    let mut add = |bindings: &mut Vec<ModuleBinding>, ends: &mut Vec<u32>, name: &'p str, kind: ModuleBindingKind, end: u32| {
        if seen.insert(name) {
            bindings.push(ModuleBinding { name: js_str(name), kind });
            names.push(name);
            ends.push(end);
        }
    };
    for stmt in &program.body {
        if let StmtKind::Import(decl) = &stmt.kind {
            for spec in &decl.specifiers {
                match spec {
                    // An import may be uninitialised whenever it is read (cycles): always checked.
                    ImportSpecifier::Default(id) | ImportSpecifier::Named { local: id, .. } => {
                        add(&mut bindings, &mut ends, &id.name, ModuleBindingKind::Import, u32::MAX)
                    }
                    ImportSpecifier::Namespace(id) => {
                        add(&mut bindings, &mut ends, &id.name, ModuleBindingKind::ImportNamespace, 0)
                    }
                }
            }
        }
    }
    let mut vars = Vec::new();
    var_declared_names(&program.body, &mut vars);
    for id in vars {
        add(&mut bindings, &mut ends, &id.name, ModuleBindingKind::Var, 0);
    }
    let mut lex = Vec::new();
    lexically_scoped_declarations(&program.body, true, &mut lex);
    let mut hoisted = Vec::new();
    for d in &lex {
        match d {
            LexicalDecl::Let(id) | LexicalDecl::Class(id) => add(&mut bindings, &mut ends, &id.name, ModuleBindingKind::Let, id.span.end),
            LexicalDecl::Const(id) => add(&mut bindings, &mut ends, &id.name, ModuleBindingKind::Const, id.span.end),
            LexicalDecl::Function(f) => {
                if let Some(id) = &f.id {
                    add(&mut bindings, &mut ends, &id.name, ModuleBindingKind::Function, 0);
                    hoisted.push((*f, &*id.name, &*id.name));
                }
            }
        }
    }
    for stmt in &program.body {
        if let StmtKind::Export(e) = &stmt.kind {
            match &**e {
                ExportDecl::DefaultFunction(f) if f.id.is_none() => {
                    add(&mut bindings, &mut ends, DEFAULT_LOCAL, ModuleBindingKind::Function, 0);
                    hoisted.push((&**f, DEFAULT_LOCAL, "default"));
                }
                ExportDecl::DefaultClass(cl) if cl.id.is_none() => {
                    add(&mut bindings, &mut ends, DEFAULT_LOCAL, ModuleBindingKind::Let, stmt.span.end)
                }
                ExportDecl::DefaultExpr(_) => add(&mut bindings, &mut ends, DEFAULT_LOCAL, ModuleBindingKind::Let, stmt.span.end),
                _ => {}
            }
        }
    }
    if c.analyses.is_used(&info, IMPORT_META) {
        add(&mut bindings, &mut ends, IMPORT_META, ModuleBindingKind::ImportMeta, 0);
    }

    let names: Vec<Rc<str>> = names.into_iter().map(Rc::from).collect();

    // `init`: the hoisted function objects.
    c.funcs.push(FuncState::new(TemplateKind::Module, super::js_str(""), true, info.clone(), program.span));
    c.push_scope(true);
    c.declare_at("this", BindingKind::Hidden, Loc::Reg(0), 0);
    declare_module_bindings(&mut c, &bindings, &names, &ends);
    for (f, binding, fname) in &hoisted {
        let mark = c.f().next_reg;
        let r = c.f().temp(f.span)?;
        let idx = c.compile_function(f, super::js_str(fname))?;
        c.f().emit(Insn::Closure { dst: r, func: idx });
        let Some(b) = c.find_local(binding) else {
            return Err(super::CompileError::internal("module function binding", f.span));
        };
        c.emit_init(&b, r)?;
        c.f().next_reg = mark;
    }
    let r = c.f().temp(program.span)?;
    c.f().emit(Insn::LoadUndef { dst: r });
    c.f().emit(Insn::Return { src: r });
    c.pop_scope();
    let Some(init) = c.funcs.pop() else {
        return Err(super::CompileError::internal("lost the module init state", program.span));
    };
    let init = init.finish();

    // `body`: the statements.
    let mut body_state = FuncState::new(TemplateKind::Module, super::js_str(""), true, info.clone(), program.span);
    body_state.is_async = has_tla;
    c.funcs.push(body_state);
    c.push_scope(true);
    if has_tla {
        // An async activation: calling the body returns its promise.
        c.f().emit(Insn::AsyncStart);
    }
    if c.analyses.is_captured(&info, "this") {
        let b = c.declare("this", BindingKind::Hidden, 0, program.span)?;
        c.emit_binding_entry(&b);
        c.emit_init(&b, 0)?;
    } else {
        c.declare_at("this", BindingKind::Hidden, Loc::Reg(0), 0);
    }
    declare_module_bindings(&mut c, &bindings, &names, &ends);
    for stmt in &program.body {
        c.f().mark(stmt.span);
        match &stmt.kind {
            StmtKind::Import(_) | StmtKind::Function(_) => {}
            StmtKind::Export(e) => match &**e {
                ExportDecl::Named { .. } | ExportDecl::All { .. } | ExportDecl::DefaultFunction(_) => {}
                ExportDecl::Decl(d) => c.stmt(d)?,
                ExportDecl::DefaultClass(cl) => {
                    let mark = c.f().next_reg;
                    let t = c.f().temp(stmt.span)?;
                    c.class(cl, t, Some("default"))?;
                    let name = cl.id.as_ref().map(|i| i.name.to_string()).unwrap_or_else(|| DEFAULT_LOCAL.to_string());
                    let Some(b) = c.find_local(&name) else {
                        return Err(super::CompileError::internal("default class binding", stmt.span));
                    };
                    c.emit_init(&b, t)?;
                    c.f().next_reg = mark;
                }
                ExportDecl::DefaultExpr(e) => {
                    let mark = c.f().next_reg;
                    let t = c.f().temp(stmt.span)?;
                    c.expr_named(e, t, "default")?;
                    let Some(b) = c.find_local(DEFAULT_LOCAL) else {
                        return Err(super::CompileError::internal("default binding", stmt.span));
                    };
                    c.emit_init(&b, t)?;
                    c.f().next_reg = mark;
                }
            },
            _ => c.stmt(stmt)?,
        }
    }
    let r = c.f().temp(program.span)?;
    c.f().emit(Insn::LoadUndef { dst: r });
    c.f().emit(Insn::Return { src: r });
    c.pop_scope();
    let Some(body) = c.funcs.pop() else {
        return Err(super::CompileError::internal("lost the module body state", program.span));
    };
    Ok(CompiledModule { init, body: body.finish(), bindings })
}

const DEFAULT_LOCAL: &str = modjs_parser::module_records::DEFAULT_LOCAL_NAME;
