//! The declaration-collecting static semantics the compiler needs: BoundNames,
//! VarDeclaredNames / VarScopedDeclarations (§8.2.6, §8.2.7) and LexicallyScopedDeclarations
//! (§8.2.5) of statement lists.

use modjs_parser::ast::{
    ExportDecl, ForHead, ForInit, Function, Ident, Pattern, PatternKind, Stmt, StmtKind, VarKind,
};

/// Where the collecting functions below put what they find: a `Vec`, or a closure wrapped in
/// [`Each`] that handles each item where it is found (no list is built).
pub trait Collect<T> {
    fn add(&mut self, item: T);
}

impl<T> Collect<T> for Vec<T> {
    fn add(&mut self, item: T) {
        self.push(item);
    }
}

/// A closure as a [`Collect`] sink.
pub struct Each<F>(pub F);

impl<T, F: FnMut(T)> Collect<T> for Each<F> {
    fn add(&mut self, item: T) {
        (self.0)(item);
    }
}

/// BoundNames of a binding pattern, in source order.
pub fn bound_names<'a>(pattern: &'a Pattern, out: &mut impl Collect<&'a Ident>) {
    match &pattern.kind {
        PatternKind::Ident(id) => out.add(id),
        PatternKind::Object { props, rest } => {
            for prop in props {
                bound_names(&prop.value, out);
            }
            if let Some(rest) = rest {
                bound_names(rest, out);
            }
        }
        PatternKind::Array { elems, rest } => {
            for elem in elems.iter().flatten() {
                bound_names(elem, out);
            }
            if let Some(rest) = rest {
                bound_names(rest, out);
            }
        }
        PatternKind::Default { target, .. } => bound_names(target, out),
        PatternKind::Expr(_) => {}
    }
}

/// VarDeclaredNames of a statement list (not entering functions): `var` declarations anywhere
/// in nested statements, including `for (var …)` heads.
pub fn var_declared_names<'a>(stmts: &'a [Stmt], out: &mut impl Collect<&'a Ident>) {
    for stmt in stmts {
        var_names_of_stmt(stmt, out);
    }
}

fn var_names_of_stmt<'a>(stmt: &'a Stmt, out: &mut impl Collect<&'a Ident>) {
    match &stmt.kind {
        StmtKind::Var(decl) if decl.kind == VarKind::Var => {
            for d in &decl.decls {
                bound_names(&d.target, out);
            }
        }
        StmtKind::Block(body) => var_declared_names(body, out),
        StmtKind::If { cons, alt, .. } => {
            var_names_of_stmt(cons, out);
            if let Some(alt) = alt {
                var_names_of_stmt(alt, out);
            }
        }
        StmtKind::For { init, body, .. } => {
            if let Some(init) = init {
                if let ForInit::Var(decl) = &**init {
                    if decl.kind == VarKind::Var {
                        for d in &decl.decls {
                            bound_names(&d.target, out);
                        }
                    }
                }
            }
            var_names_of_stmt(body, out);
        }
        StmtKind::ForIn { left, body, .. } | StmtKind::ForOf { left, body, .. } => {
            if let ForHead::Var(decl) = &**left {
                if decl.kind == VarKind::Var {
                    for d in &decl.decls {
                        bound_names(&d.target, out);
                    }
                }
            }
            var_names_of_stmt(body, out);
        }
        StmtKind::While { body, .. } | StmtKind::DoWhile { body, .. } => {
            var_names_of_stmt(body, out)
        }
        StmtKind::With { body, .. } | StmtKind::Labeled { body, .. } => var_names_of_stmt(body, out),
        StmtKind::Switch { cases, .. } => {
            for case in cases {
                var_declared_names(&case.body, out);
            }
        }
        StmtKind::Try { block, handler, finalizer } => {
            var_declared_names(block, out);
            if let Some(h) = handler {
                var_declared_names(&h.body, out);
            }
            if let Some(f) = finalizer {
                var_declared_names(f, out);
            }
        }
        StmtKind::Export(export) => {
            if let ExportDecl::Decl(decl) = &**export {
                var_names_of_stmt(decl, out);
            }
        }
        _ => {}
    }
}

/// One lexically scoped declaration of a statement list.
pub enum LexicalDecl<'a> {
    Let(&'a Ident),
    Const(&'a Ident),
    Class(&'a Ident),
    Function(&'a Function),
}

/// Declarations of a statement list that a block-like scope binds: `let`/`const`/`class`, and
/// function declarations when `functions_are_lexical` (blocks, case blocks, module top level).
/// At a function body or Script top level function declarations are var-scoped instead (see
/// [`top_level_functions`]).
pub fn lexically_scoped_declarations<'a>(
    stmts: &'a [Stmt],
    functions_are_lexical: bool,
    out: &mut impl Collect<LexicalDecl<'a>>,
) {
    for stmt in stmts {
        lexical_of_stmt(stmt, functions_are_lexical, out);
    }
}

fn lexical_of_stmt<'a>(stmt: &'a Stmt, functions_are_lexical: bool, out: &mut impl Collect<LexicalDecl<'a>>) {
    match &stmt.kind {
        StmtKind::Var(decl) if decl.kind != VarKind::Var => {
            let is_const = decl.kind == VarKind::Const;
            for d in &decl.decls {
                bound_names(
                    &d.target,
                    &mut Each(|id| out.add(if is_const { LexicalDecl::Const(id) } else { LexicalDecl::Let(id) })),
                );
            }
        }
        StmtKind::Class(class) => {
            if let Some(id) = &class.id {
                out.add(LexicalDecl::Class(id));
            }
        }
        StmtKind::Function(func) if functions_are_lexical => out.add(LexicalDecl::Function(func)),
        StmtKind::Labeled { body, .. } => lexical_of_stmt(body, functions_are_lexical, out),
        StmtKind::Export(export) => match &**export {
            ExportDecl::Decl(decl) => lexical_of_stmt(decl, functions_are_lexical, out),
            ExportDecl::DefaultFunction(func) if func.id.is_some() => {
                out.add(LexicalDecl::Function(func))
            }
            ExportDecl::DefaultClass(class) => {
                if let Some(id) = &class.id {
                    out.add(LexicalDecl::Class(id));
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// The function declarations directly in a function body or Script top level (including
/// labelled ones), which are var-scoped there. Later declarations of a name win.
pub fn top_level_functions<'a>(stmts: &'a [Stmt], out: &mut impl Collect<&'a Function>) {
    fn of_stmt<'a>(stmt: &'a Stmt, out: &mut impl Collect<&'a Function>) {
        match &stmt.kind {
            StmtKind::Function(func) => out.add(func),
            StmtKind::Labeled { body, .. } => of_stmt(body, out),
            _ => {}
        }
    }
    for stmt in stmts {
        of_stmt(stmt, out);
    }
}
