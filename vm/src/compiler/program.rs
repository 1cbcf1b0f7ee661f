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
use super::{CResult, Compiler};
use crate::bytecode::{FunctionTemplate, Insn, SourceInfo, TemplateKind};

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

/// Compiles a checked Script.
pub fn compile_script(program: &Program, source: Rc<SourceInfo>) -> CResult<ScriptCode> {
    let mut c = Compiler::new(source.clone());
    let info = c.analyses.program(program);
    let mut fs = FuncState::new(TemplateKind::Script, JsStr::from_str(""), program.strict, info, program.span);
    fs.name = JsStr::from_str("");
    c.funcs.push(fs);
    c.push_scope(true);
    if c.f().info.captured.contains("this") {
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
        lexical.push((JsStr::from_str(&id.name), is_const));
    }
    let mut funcs = Vec::new();
    top_level_functions(&program.body, &mut funcs);
    let mut function_names: Vec<JsStr> = Vec::new();
    for f in funcs.iter().rev() {
        if let Some(id) = &f.id {
            let name = JsStr::from_str(&id.name);
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
        let name = JsStr::from_str(&id.name);
        if !function_names.contains(&name) && !var_names.contains(&name) {
            var_names.push(name);
            c.declare_at(&id.name, BindingKind::Var, Loc::Global, 0);
        }
    }
    if !program.strict {
        for name in c.annex_b_function_names(&program.body) {
            let js = JsStr::from_str(&name);
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
        let idx = c.compile_function(f, JsStr::from_str(&id.name))?;
        c.f().emit(Insn::Closure { dst: r, func: idx });
        let n = c.f().name(&id.name);
        c.f().emit(Insn::DeclareGlobalFunction { name: n, src: r });
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
    Ok(ScriptCode { template: Rc::new(fs.finish(source)), var_names, function_names, lexical })
}
