//! Declarations: duplicate lexical declarations and lexical/var conflicts in every scope
//! (ECMA-262 §14.2.1 Block, §14.12.1 switch, §14.15.1 try/catch, §14.7.*.1 for heads,
//! §15.2.1 function bodies, §15.7.1 static blocks, §16.1.1 Script, §16.2.1.1 Module, and the
//! Annex B.3.2.4 / B.3.4 relaxations).
//!
//! Each scope collects the LexicallyDeclaredNames of its own statement list when the walk enters
//! it, before any nested statement is walked. A `var` binding met later during the walk is
//! checked against every scope it is hoisted through, up to the nearest function (or script,
//! module, static block) scope, so each conflict is found whichever declaration comes first,
//! in one pass.


use crate::fast_hash::FastHashMap as NameMap;
use super::Checker;
use crate::ast::{
    ExportDecl, Function, Ident, ImportSpecifier, Pattern, PatternKind, Span, Stmt, StmtKind,
    VarKind,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ScopeKind {
    /// A function body, a class static block, a Script or a Module: `var` stops here.
    Var,
    /// A block, a switch case block or a `for (let …)` head.
    Block,
    /// A catch clause: the parameter and the body's lexical declarations.
    Catch { param_is_pattern: bool },
}

/// Where a statement list sits, which decides whether its function declarations are lexical.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ListLevel {
    /// Script top level: function declarations are var-scoped (TopLevelLexicallyDeclaredNames).
    ScriptTop,
    /// Function body or static block top level: the same as a Script.
    FunctionTop,
    /// Module top level: function declarations and imports are lexical.
    ModuleTop,
    /// A block or case block: function declarations are lexical.
    Block,
}

/// Whether a parameter list may bind a name twice.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ParamDuplicates {
    /// Sloppy simple parameter lists of plain functions (§15.2.1, "UniqueFormalParameters" not
    /// applied).
    Allowed,
    /// Strict, arrow, method or non-simple parameter lists.
    Error,
    /// Catch parameters (reported as a redeclaration).
    Redeclaration,
}

/// How a lexically declared name was declared (for Annex B.3.2.4, which lets sloppy code declare
/// the same plain function twice in one block).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LexicalOrigin {
    SloppyBlockFunction,
    Other,
}

#[derive(Debug)]
pub(super) struct Scope<'a> {
    pub(super) kind: ScopeKind,
    lexical: NameMap<&'a str, (Span, LexicalOrigin)>,
    /// Function declarations at the top level of a function/script (var-scoped, but still in
    /// conflict with this scope's lexical declarations).
    top_functions: NameMap<&'a str, Span>,
    /// Formal parameters (function scope) or the catch parameter's names (catch scope).
    params: NameMap<&'a str, Span>,
    /// Module scope only: names declared by `var` anywhere in the module (for the exported
    /// bindings check).
    vars: NameMap<&'a str, Span>,
}

impl<'a> Scope<'a> {
    fn new(kind: ScopeKind) -> Scope<'a> {
        Scope {
            kind,
            lexical: NameMap::default(),
            top_functions: NameMap::default(),
            params: NameMap::default(),
            vars: NameMap::default(),
        }
    }

    /// Whether `name` is declared at the top level of this scope (module export check).
    pub(super) fn declares(&self, name: &str) -> bool {
        self.lexical.contains_key(name)
            || self.top_functions.contains_key(name)
            || self.vars.contains_key(name)
    }
}

/// Where V8 reports a redeclaration by a binding identifier: its first character.
fn at_identifier(id: &Ident) -> Span {
    Span {
        start: id.span.start,
        end: id.span.start.saturating_add(1),
    }
}

/// Where V8 reports a redeclaration by a function declaration: the first character of the
/// declaration.
fn at_function(func: &Function) -> Span {
    Span {
        start: func.span.start,
        end: func.span.start + 1,
    }
}

/// The later of two spans (V8 reports a redeclaration at the second declaration).
fn later(a: Span, b: Span) -> Span {
    if a.start >= b.start {
        a
    } else {
        b
    }
}

impl<'a> Checker<'a> {
    pub(super) fn with_var_scope(&mut self, f: impl FnOnce(&mut Self)) {
        self.with_scope(ScopeKind::Var, f)
    }

    pub(super) fn with_scope(&mut self, kind: ScopeKind, f: impl FnOnce(&mut Self)) {
        self.scopes.push(Scope::new(kind));
        f(self);
        self.scopes.pop();
    }

    fn redeclared(&mut self, name: &str, span: Span) {
        self.error_with(span, || {
            format!("Identifier '{name}' has already been declared")
        });
    }

    /// Declares the names bound by a function's formal parameters (or a catch parameter) in the
    /// innermost scope.
    pub(super) fn declare_params(&mut self, names: &[&'a Ident], duplicates: ParamDuplicates) {
        for id in names {
            let Some(scope) = self.scopes.last_mut() else {
                return;
            };
            if scope.params.insert(&id.name, id.span).is_none() {
                continue;
            }
            match duplicates {
                ParamDuplicates::Allowed => {}
                ParamDuplicates::Error => self.error(
                    "Duplicate parameter name not allowed in this context",
                    id.span,
                ),
                ParamDuplicates::Redeclaration => self.redeclared(&id.name, at_identifier(id)),
            }
        }
    }

    /// Adds one LexicallyDeclaredName to the innermost scope; `at` is where a conflict with an
    /// earlier declaration is reported.
    fn declare_lexical(&mut self, id: &'a Ident, origin: LexicalOrigin, at: Span) {
        let Some(scope) = self.scopes.last_mut() else {
            return;
        };
        let name: &'a str = &id.name;
        if let Some(&(_, previous)) = scope.lexical.get(name) {
            // Annex B.3.2.4: in sloppy code a block may declare the same plain function twice.
            if !(previous == LexicalOrigin::SloppyBlockFunction
                && origin == LexicalOrigin::SloppyBlockFunction)
            {
                self.redeclared(name, at);
            }
            return;
        }
        scope.lexical.insert(name, (at, origin));
        if scope.top_functions.contains_key(name) || scope.params.contains_key(name) {
            self.redeclared(name, at);
        }
    }

    /// A function declaration at the top level of a function body or script: var-scoped.
    fn declare_top_function(&mut self, id: &'a Ident, at: Span) {
        let Some(scope) = self.scopes.last_mut() else {
            return;
        };
        let name: &'a str = &id.name;
        scope.top_functions.insert(name, at);
        if let Some(&(span, _)) = scope.lexical.get(name) {
            let at = later(span, at);
            self.redeclared(name, at);
        }
    }

    /// A name bound by `var` (VarDeclaredNames): hoisted through the enclosing blocks up to the
    /// nearest var scope; a lexical declaration of the same name in any of them is an error.
    pub(super) fn declare_var(&mut self, id: &'a Ident) {
        let name: &'a str = &id.name;
        let mut conflict = None;
        for scope in self.scopes.iter_mut().rev() {
            if let Some(&(span, _)) = scope.lexical.get(name) {
                // V8 reports a conflict at the later declaration in a function, script or
                // module scope, but at the `var` binding in a block.
                conflict = Some(if scope.kind == ScopeKind::Var {
                    later(span, at_identifier(id))
                } else {
                    at_identifier(id)
                });
                break;
            }
            match scope.kind {
                // Annex B.3.4: `catch (e) { var e }` is allowed when the parameter is a plain
                // identifier (for every form of var binding, since ECMA-262 PR #1393).
                ScopeKind::Catch {
                    param_is_pattern: true,
                } if scope.params.contains_key(name) => {
                    conflict = Some(id.span);
                    break;
                }
                ScopeKind::Var => {
                    if self.goal == crate::ast::Goal::Module {
                        scope.vars.entry(name).or_insert(id.span);
                    }
                    break;
                }
                _ => {}
            }
        }
        if let Some(at) = conflict {
            self.redeclared(name, at);
        }
    }

    /// Collects the lexical declarations (and, at a function or script top level, the function
    /// declarations) of a statement list into the innermost scope.
    pub(super) fn declare_statement_list(&mut self, stmts: &'a [Stmt], level: ListLevel) {
        for stmt in stmts {
            self.declare_statement(stmt, level);
        }
    }

    fn declare_statement(&mut self, stmt: &'a Stmt, level: ListLevel) {
        match &stmt.kind {
            StmtKind::Var(decl) if decl.kind != VarKind::Var => {
                let mut names = Vec::new();
                for d in &decl.decls {
                    bound_names(&d.target, &mut names);
                }
                for id in names {
                    self.declare_lexical(id, LexicalOrigin::Other, at_identifier(id));
                }
            }
            StmtKind::Class(class) => {
                if let Some(id) = &class.id {
                    self.declare_lexical(id, LexicalOrigin::Other, class.span);
                }
            }
            StmtKind::Function(func) => {
                let Some(id) = &func.id else { return };
                match level {
                    ListLevel::ScriptTop | ListLevel::FunctionTop => {
                        self.declare_top_function(id, at_function(func))
                    }
                    ListLevel::ModuleTop => {
                        self.declare_lexical(id, LexicalOrigin::Other, at_function(func))
                    }
                    ListLevel::Block => {
                        let plain = !func.is_async && !func.is_generator;
                        let origin = if plain && !self.ctx.strict {
                            LexicalOrigin::SloppyBlockFunction
                        } else {
                            LexicalOrigin::Other
                        };
                        self.declare_lexical(id, origin, at_function(func));
                    }
                }
            }
            // LexicallyDeclaredNames of a LabelledStatement is that of its function.
            StmtKind::Labeled { body, .. } => self.declare_statement(body, level),
            StmtKind::Import(import) => {
                for spec in &import.specifiers {
                    let local = match spec {
                        ImportSpecifier::Default(id) | ImportSpecifier::Namespace(id) => id,
                        ImportSpecifier::Named { local, .. } => local,
                    };
                    self.declare_lexical(local, LexicalOrigin::Other, at_identifier(local));
                }
            }
            StmtKind::Export(export) => match &**export {
                ExportDecl::Decl(inner) => self.declare_statement(inner, level),
                ExportDecl::DefaultFunction(func) => {
                    if let Some(id) = &func.id {
                        self.declare_lexical(id, LexicalOrigin::Other, at_function(func));
                    }
                }
                ExportDecl::DefaultClass(class) => {
                    if let Some(id) = &class.id {
                        self.declare_lexical(id, LexicalOrigin::Other, class.span);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// The names of a `for (let/const …)` head, declared in the loop's own scope.
    pub(super) fn declare_lexical_names(&mut self, names: &[&'a Ident]) {
        for id in names {
            self.declare_lexical(id, LexicalOrigin::Other, at_identifier(id));
        }
    }

    /// A function declaration that is the body of an `if` (Annex B.3.3): it behaves as if it
    /// were alone in a block.
    pub(super) fn declare_if_function(&mut self, id: &'a Ident, func: &Function) {
        self.declare_lexical(id, LexicalOrigin::SloppyBlockFunction, at_function(func));
    }
}

/// BoundNames of a binding pattern, in source order.
pub(super) fn bound_names<'a>(pattern: &'a Pattern, out: &mut Vec<&'a Ident>) {
    match &pattern.kind {
        PatternKind::Ident(id) => out.push(id),
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
