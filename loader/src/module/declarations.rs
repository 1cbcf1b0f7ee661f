//! The top-level declarations of a Module body that InitializeEnvironment (§16.2.1.7.3.1,
//! steps 18–24) instantiates: VarScopedDeclarations / VarDeclaredNames and
//! LexicallyScopedDeclarations of the ModuleItemList (§8.2 "Scope Analysis").
//!
//! Module code is strict, so a function declared inside a block is block-scoped and is not a
//! module binding; `var` anywhere outside a function is.

use std::collections::HashSet;

use modjs_parser::ast::{
    ExportDecl, ForHead, ForInit, Pattern, PatternKind, Program, Stmt, StmtKind, VarDecl, VarKind,
};

/// How one top-level binding is declared.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DeclarationKind {
    /// `var` (anywhere in the module body outside functions).
    Var,
    /// `let`.
    Let,
    /// `const`.
    Const,
    /// `class C {}` / `export default class {}`.
    Class,
    /// A function, generator or async function declaration (`export default function` too).
    Function,
    /// `export default <expression>;`: the `*default*` binding.
    DefaultExpression,
}

/// One top-level binding with its declaring statement.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Declaration {
    /// The bound name (`*default*` for an anonymous default export).
    pub name: String,
    pub kind: DeclarationKind,
    /// The index in the module body of the statement that declares it (for a function: the
    /// declaration the VM instantiates at link time).
    pub statement: usize,
}

/// A Module body's top-level bindings, in source order.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct TopLevelDeclarations {
    /// VarDeclaredNames of the body, de-duplicated, in source order.
    pub var_names: Vec<Declaration>,
    /// LexicallyScopedDeclarations of the body: `let`, `const`, `class`, functions (in module
    /// code, top-level functions are lexical declarations) and `*default*`.
    pub lexical: Vec<Declaration>,
}

/// Collects VarDeclaredNames and LexicallyScopedDeclarations of a module body.
pub fn top_level_declarations(program: &Program) -> TopLevelDeclarations {
    let mut out = TopLevelDeclarations::default();
    let mut seen_vars: HashSet<String> = HashSet::new();
    for (index, item) in program.body.iter().enumerate() {
        match &item.kind {
            StmtKind::Export(decl) => match &**decl {
                ExportDecl::Decl(stmt) => declare_statement(stmt, index, &mut out, &mut seen_vars),
                ExportDecl::DefaultFunction(f) => {
                    // export default function f(){} binds f; the anonymous form binds *default*.
                    let name = f.id.as_ref().map_or("*default*".to_string(), |id| id.name.to_string());
                    out.lexical.push(Declaration { name, kind: DeclarationKind::Function, statement: index });
                }
                ExportDecl::DefaultClass(c) => {
                    let name = c.id.as_ref().map_or("*default*".to_string(), |id| id.name.to_string());
                    out.lexical.push(Declaration { name, kind: DeclarationKind::Class, statement: index });
                }
                ExportDecl::DefaultExpr(_) => out.lexical.push(Declaration {
                    name: "*default*".to_string(),
                    kind: DeclarationKind::DefaultExpression,
                    statement: index,
                }),
                ExportDecl::Named { .. } | ExportDecl::All { .. } => {}
            },
            _ => declare_statement(item, index, &mut out, &mut seen_vars),
        }
    }
    out
}

/// The declarations one top-level statement contributes.
fn declare_statement(stmt: &Stmt, index: usize, out: &mut TopLevelDeclarations, seen_vars: &mut HashSet<String>) {
    match &stmt.kind {
        StmtKind::Var(decl) if decl.kind != VarKind::Var => {
            let kind = if decl.kind == VarKind::Let { DeclarationKind::Let } else { DeclarationKind::Const };
            let mut names = Vec::new();
            for d in &decl.decls {
                bound_names(&d.target, &mut names);
            }
            for name in names {
                out.lexical.push(Declaration { name, kind, statement: index });
            }
        }
        StmtKind::Function(f) => {
            if let Some(id) = &f.id {
                out.lexical.push(Declaration {
                    name: id.name.to_string(),
                    kind: DeclarationKind::Function,
                    statement: index,
                });
            }
        }
        StmtKind::Class(c) => {
            if let Some(id) = &c.id {
                out.lexical.push(Declaration {
                    name: id.name.to_string(),
                    kind: DeclarationKind::Class,
                    statement: index,
                });
            }
        }
        _ => var_declared_names(stmt, index, out, seen_vars),
    }
}

/// VarDeclaredNames of a statement (§8.2.6), added to `out.var_names` without duplicates.
/// Explicit work list instead of recursion, so deep nesting cannot overflow the stack.
fn var_declared_names(stmt: &Stmt, index: usize, out: &mut TopLevelDeclarations, seen_vars: &mut HashSet<String>) {
    let mut work: Vec<&Stmt> = vec![stmt];
    while let Some(s) = work.pop() {
        let mut found: Vec<&VarDecl> = Vec::new();
        // Children are pushed in reverse so they come off the list in source order.
        let mut children: Vec<&Stmt> = Vec::new();
        match &s.kind {
            StmtKind::Var(decl) if decl.kind == VarKind::Var => found.push(decl),
            StmtKind::Block(body) => children.extend(body.iter()),
            StmtKind::If { cons, alt, .. } => {
                children.push(cons);
                if let Some(a) = alt {
                    children.push(a);
                }
            }
            StmtKind::For { init, body, .. } => {
                if let Some(init) = init {
                    if let ForInit::Var(decl) = &**init {
                        if decl.kind == VarKind::Var {
                            found.push(decl);
                        }
                    }
                }
                children.push(body);
            }
            StmtKind::ForIn { left, body, .. } | StmtKind::ForOf { left, body, .. } => {
                if let ForHead::Var(decl) = &**left {
                    if decl.kind == VarKind::Var {
                        found.push(decl);
                    }
                }
                children.push(body);
            }
            StmtKind::While { body, .. } | StmtKind::DoWhile { body, .. } | StmtKind::With { body, .. } => {
                children.push(body)
            }
            StmtKind::Labeled { body, .. } => children.push(body),
            StmtKind::Try { block, handler, finalizer } => {
                children.extend(block.iter());
                if let Some(h) = handler {
                    children.extend(h.body.iter());
                }
                if let Some(f) = finalizer {
                    children.extend(f.iter());
                }
            }
            StmtKind::Switch { cases, .. } => {
                for c in cases {
                    children.extend(c.body.iter());
                }
            }
            _ => {}
        }
        for decl in found {
            let mut names = Vec::new();
            for d in &decl.decls {
                bound_names(&d.target, &mut names);
            }
            for name in names {
                if seen_vars.insert(name.clone()) {
                    out.var_names.push(Declaration { name, kind: DeclarationKind::Var, statement: index });
                }
            }
        }
        work.extend(children.into_iter().rev());
    }
}

/// BoundNames of a binding pattern (§8.2.1), in source order.
pub fn bound_names(pattern: &Pattern, out: &mut Vec<String>) {
    let mut work: Vec<&Pattern> = vec![pattern];
    while let Some(p) = work.pop() {
        let mut children: Vec<&Pattern> = Vec::new();
        match &p.kind {
            PatternKind::Ident(id) => out.push(id.name.to_string()),
            PatternKind::Object { props, rest } => {
                children.extend(props.iter().map(|prop| &prop.value));
                if let Some(r) = rest {
                    children.push(r);
                }
            }
            PatternKind::Array { elems, rest } => {
                children.extend(elems.iter().flatten());
                if let Some(r) = rest {
                    children.push(r);
                }
            }
            PatternKind::Default { target, .. } => children.push(target),
            PatternKind::Expr(_) => {}
        }
        work.extend(children.into_iter().rev());
    }
}
