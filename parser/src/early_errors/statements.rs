//! The statement walk, with the rules that belong to statements themselves: strict-mode `with`
//! (§14.11.1), `return` outside functions, declarations in single-statement positions
//! (§14.6.1 IsLabelledFunction, Annex B.3.3 and B.3.1), `for` heads (§14.7.4.1, §14.7.5.1,
//! Annex B.3.5 initializers in `for-in` heads).

use super::identifiers::IdentUse;
use super::scopes::{bound_names, ListLevel, ParamDuplicates, ScopeKind};
use super::Checker;
use crate::ast::{
    Expr, ExprKind, ForHead, ForInit, Function, MemberProp, Pattern, PatternKind, Span, Stmt,
    StmtKind, VarDecl, VarKind,
};

/// What a binding pattern declares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum BindingKind {
    /// `var`: hoisted to the function scope.
    Var,
    /// `let`/`const` (declared with their statement list or `for` head).
    Lexical,
    /// Parameters and catch parameters (declared by the caller).
    Other,
}

/// Where a single statement (not a statement list item) sits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SubStatement {
    /// The consequent or alternative of an `if`: a sloppy plain function is allowed (B.3.3).
    If,
    /// The body of a loop or `with`.
    Other,
}

impl<'a> Checker<'a> {
    pub(super) fn walk_statements(&mut self, stmts: &'a [Stmt]) {
        for stmt in stmts {
            self.walk_statement(stmt);
        }
    }

    /// A statement list in a new block scope.
    fn walk_block(&mut self, stmts: &'a [Stmt]) {
        self.with_scope(ScopeKind::Block, |this| {
            this.declare_statement_list(stmts, ListLevel::Block);
            this.walk_statements(stmts);
        });
    }

    pub(super) fn walk_statement(&mut self, stmt: &'a Stmt) {
        match &stmt.kind {
            StmtKind::Var(decl) => self.walk_declaration(decl),
            StmtKind::Function(func) => self.walk_function_declaration(func),
            StmtKind::Class(class) => self.walk_class(class),
            StmtKind::Expr(expr) => {
                let outer = self.statement_start.replace(stmt.span.start);
                self.walk_expr(expr);
                self.statement_start = outer;
            }
            StmtKind::Block(stmts) => self.walk_block(stmts),
            StmtKind::Empty | StmtKind::Debugger => {}
            StmtKind::If { test, cons, alt } => {
                self.walk_expr(test);
                self.walk_sub_statement(cons, SubStatement::If);
                if let Some(alt) = alt {
                    self.walk_sub_statement(alt, SubStatement::If);
                }
            }
            StmtKind::For {
                init,
                test,
                update,
                body,
            } => {
                let lexical =
                    matches!(init.as_deref(), Some(ForInit::Var(d)) if d.kind != VarKind::Var);
                let kind = if lexical {
                    ScopeKind::Block
                } else {
                    ScopeKind::Var
                };
                let walk = |this: &mut Self| {
                    match init.as_deref() {
                        Some(ForInit::Var(decl)) => {
                            if lexical {
                                this.declare_for_lexical(decl);
                            }
                            this.walk_declaration(decl);
                        }
                        Some(ForInit::Expr(expr)) => this.walk_expr(expr),
                        None => {}
                    }
                    if let Some(test) = test {
                        this.walk_expr(test);
                    }
                    if let Some(update) = update {
                        this.walk_expr(update);
                    }
                    this.walk_loop_body(body);
                };
                if kind == ScopeKind::Block {
                    self.with_scope(ScopeKind::Block, walk);
                } else {
                    walk(self);
                }
            }
            StmtKind::ForIn { left, right, body } => self.walk_for_in_of(left, right, body, true),
            StmtKind::ForOf {
                left, right, body, ..
            } => self.walk_for_in_of(left, right, body, false),
            StmtKind::While { test, body } => {
                self.walk_expr(test);
                self.walk_loop_body(body);
            }
            StmtKind::DoWhile { body, test } => {
                self.walk_loop_body(body);
                self.walk_expr(test);
            }
            StmtKind::Continue(label) => {
                self.check_continue(label.as_ref(), Self::head(stmt.span, 8))
            }
            StmtKind::Break(label) => self.check_break(label.as_ref(), Self::head(stmt.span, 5)),
            StmtKind::Return(arg) => {
                if !self.ctx.can_return {
                    self.error("Illegal return statement", Self::head(stmt.span, 6));
                }
                if let Some(arg) = arg {
                    self.walk_expr(arg);
                }
            }
            StmtKind::Throw(arg) => self.walk_expr(arg),
            StmtKind::With { object, body } => {
                if self.ctx.strict {
                    self.error(
                        "Strict mode code may not include a with statement",
                        Self::head(stmt.span, 4),
                    );
                }
                self.walk_expr(object);
                self.walk_sub_statement(body, SubStatement::Other);
            }
            StmtKind::Switch {
                discriminant,
                cases,
            } => {
                self.walk_expr(discriminant);
                self.with_scope(ScopeKind::Block, |this| {
                    for case in cases {
                        this.declare_statement_list(&case.body, ListLevel::Block);
                    }
                    this.ctx.breakable_depth += 1;
                    for case in cases {
                        if let Some(test) = &case.test {
                            this.walk_expr(test);
                        }
                        this.walk_statements(&case.body);
                    }
                    this.ctx.breakable_depth -= 1;
                });
            }
            StmtKind::Labeled { label, body } => {
                self.enter_label(label, body);
                self.walk_labelled_item(body);
                self.leave_label();
            }
            StmtKind::Try {
                block,
                handler,
                finalizer,
            } => {
                self.walk_block(block);
                if let Some(handler) = handler {
                    self.walk_catch(handler);
                }
                if let Some(finalizer) = finalizer {
                    self.walk_block(finalizer);
                }
            }
            StmtKind::Import(import) => self.walk_import(import),
            StmtKind::Export(export) => self.walk_export(export),
        }
    }

    /// A declaration statement or `for (;;)` head: `const` and destructuring declarations need
    /// an initializer (§14.3.1.1, §14.3.2; the grammar makes it optional for all forms).
    fn walk_declaration(&mut self, decl: &'a VarDecl) {
        for d in &decl.decls {
            if d.init.is_some() {
                continue;
            }
            if !matches!(d.target.kind, PatternKind::Ident(_)) {
                self.error("Missing initializer in destructuring declaration", d.span);
            } else if decl.kind == VarKind::Const {
                self.error("Missing initializer in const declaration", d.span);
            }
        }
        self.walk_var_decl(decl);
    }

    /// `var`/`let`/`const`: binding names (the lexical ones were declared with their list) and
    /// initializers.
    fn walk_var_decl(&mut self, decl: &'a VarDecl) {
        let kind = match decl.kind {
            VarKind::Var => BindingKind::Var,
            VarKind::Let | VarKind::Const => BindingKind::Lexical,
        };
        for d in &decl.decls {
            self.walk_binding_pattern(&d.target, kind);
            if let Some(init) = &d.init {
                self.walk_expr(init);
            }
        }
    }

    /// `for (let/const …)`: BoundNames may not repeat (§14.7.4.1, §14.7.5.1).
    fn declare_for_lexical(&mut self, decl: &'a VarDecl) {
        let mut names = Vec::new();
        for d in &decl.decls {
            bound_names(&d.target, &mut names);
        }
        self.declare_lexical_names(&names);
    }

    fn walk_for_in_of(
        &mut self,
        left: &'a ForHead,
        right: &'a crate::ast::Expr,
        body: &'a Stmt,
        is_in: bool,
    ) {
        match left {
            ForHead::Var(decl) if decl.kind != VarKind::Var => {
                self.with_scope(ScopeKind::Block, |this| {
                    this.declare_for_lexical(decl);
                    this.walk_var_decl(decl);
                    this.check_for_in_of_initializer(decl, is_in);
                    this.walk_expr(right);
                    this.walk_loop_body(body);
                });
            }
            ForHead::Var(decl) => {
                self.walk_var_decl(decl);
                self.check_for_in_of_initializer(decl, is_in);
                self.walk_expr(right);
                self.walk_loop_body(body);
            }
            ForHead::Pattern(target) => {
                self.walk_assignment_target(target);
                self.walk_expr(right);
                self.walk_loop_body(body);
            }
        }
    }

    /// Annex B.3.5: `for (var x = 1 in o)` is allowed only in sloppy code, for `var` with a
    /// single identifier; every other initializer in a for-in/of head is an error.
    fn check_for_in_of_initializer(&mut self, decl: &VarDecl, is_in: bool) {
        for d in &decl.decls {
            let Some(init) = &d.init else { continue };
            let annex_b = is_in
                && !self.ctx.strict
                && decl.kind == VarKind::Var
                && matches!(d.target.kind, PatternKind::Ident(_));
            if !annex_b {
                let message = if is_in {
                    "for-in loop variable declaration may not have an initializer."
                } else {
                    "for-of loop variable declaration may not have an initializer."
                };
                self.error(message, d.target.span.to(init.span));
            }
        }
    }

    fn walk_loop_body(&mut self, body: &'a Stmt) {
        self.ctx.loop_depth += 1;
        self.ctx.breakable_depth += 1;
        self.walk_sub_statement(body, SubStatement::Other);
        self.ctx.loop_depth -= 1;
        self.ctx.breakable_depth -= 1;
    }

    /// The body of a labelled statement: a LabelledItem may be a function declaration in sloppy
    /// code (B.3.1); a lexical declaration or class is never allowed.
    fn walk_labelled_item(&mut self, body: &'a Stmt) {
        match &body.kind {
            StmtKind::Function(func) => {
                self.check_single_statement_function(func, true);
                self.walk_function_declaration(func);
            }
            StmtKind::Expr(expr) if starts_with_let_bracket(expr) => {
                self.error(
                    "Lexical declaration cannot appear in a single-statement context",
                    Self::head(body.span, 3),
                );
                self.walk_statement(body);
            }
            StmtKind::Class(_) => {
                self.error("Unexpected token 'class'", body.span);
                self.walk_statement(body);
            }
            StmtKind::Var(decl) if decl.kind != VarKind::Var => {
                let message = if decl.kind == VarKind::Const {
                    "Unexpected token 'const'"
                } else {
                    "Lexical declaration cannot appear in a single-statement context"
                };
                self.error(message, body.span);
                self.walk_statement(body);
            }
            _ => self.walk_statement(body),
        }
    }

    /// A Statement position (not a StatementListItem): declarations are errors except the
    /// Annex B.3.3 function in an `if`.
    fn walk_sub_statement(&mut self, stmt: &'a Stmt, position: SubStatement) {
        match &stmt.kind {
            StmtKind::Function(func) => {
                self.check_single_statement_function(func, position == SubStatement::If);
                // B.3.3: as if the function declaration were the only statement of a block.
                self.with_scope(ScopeKind::Block, |this| {
                    if let Some(id) = &func.id {
                        this.declare_if_function(id, func);
                    }
                    this.walk_function_declaration(func);
                });
            }
            StmtKind::Labeled { body, .. } if is_labelled_function(body) => {
                // IsLabelledFunction(Statement) is an error in `if`, loop and `with` bodies.
                let message = if self.ctx.strict {
                    "In strict mode code, functions can only be declared at top level or inside a block."
                } else {
                    "In non-strict mode code, functions can only be declared at top level, inside a block, or as the body of an if statement."
                };
                let mut item = &**body;
                while let StmtKind::Labeled { body, .. } = &item.kind {
                    item = body;
                }
                self.error(message, Self::head(item.span, 8));
                self.walk_statement(stmt);
            }
            StmtKind::Expr(expr) if starts_with_let_bracket(expr) => {
                // `if (x) let\n[a] = 0`: an ExpressionStatement may not begin with `let [`
                // (§14.5), and a lexical declaration may not stand here.
                self.error(
                    "Lexical declaration cannot appear in a single-statement context",
                    Self::head(stmt.span, 3),
                );
                self.walk_statement(stmt);
            }
            StmtKind::Var(decl) if decl.kind != VarKind::Var => {
                self.error(
                    "Lexical declaration cannot appear in a single-statement context",
                    stmt.span,
                );
                self.walk_var_decl(decl);
            }
            StmtKind::Class(class) => {
                self.error("Unexpected token 'class'", stmt.span);
                self.walk_class(class);
            }
            _ => self.walk_statement(stmt),
        }
    }

    /// A function declaration in a single-statement position: allowed only as a plain function in
    /// sloppy code, as the body of an `if` (`in_if`) or of a label (B.3.3, B.3.1).
    fn check_single_statement_function(&mut self, func: &Function, allowed_position: bool) {
        let message = if func.is_async {
            "Async functions can only be declared at the top level or inside a block."
        } else if self.ctx.strict {
            "In strict mode code, functions can only be declared at top level or inside a block."
        } else if func.is_generator {
            "Generators can only be declared at the top level or inside a block."
        } else if !allowed_position {
            "In non-strict mode code, functions can only be declared at top level, inside a block, or as the body of an if statement."
        } else {
            return;
        };
        // V8 underlines the first keyword of the declaration, or the `*` of a generator.
        let at = if func.is_async {
            Self::head(func.span, 5)
        } else if func.is_generator && !self.ctx.strict {
            let text = self
                .src
                .as_bytes()
                .get(func.span.start as usize..func.span.end as usize);
            match text.and_then(|t| t.iter().position(|&b| b == b'*')) {
                Some(star) => Self::head(
                    Span::new(func.span.start as usize + star, func.span.end as usize),
                    1,
                ),
                None => Self::head(func.span, 8),
            }
        } else {
            Self::head(func.span, 8)
        };
        self.error(message, at);
    }

    /// `catch (param) { body }`: the parameter's names may not repeat nor be redeclared
    /// lexically in the body (§14.15.1); `var` redeclaration follows Annex B.3.4.
    fn walk_catch(&mut self, handler: &'a crate::ast::CatchClause) {
        let param_is_pattern =
            matches!(&handler.param, Some(p) if !matches!(p.kind, PatternKind::Ident(_)));
        self.with_scope(ScopeKind::Catch { param_is_pattern }, |this| {
            if let Some(param) = &handler.param {
                let mut names = Vec::new();
                bound_names(param, &mut names);
                this.declare_params(&names, ParamDuplicates::Redeclaration);
                this.walk_binding_pattern(param, BindingKind::Other);
            }
            this.declare_statement_list(&handler.body, ListLevel::Block);
            this.walk_statements(&handler.body);
        });
    }

    /// Binding patterns of declarations, parameters and catch clauses.
    pub(super) fn walk_binding_pattern(&mut self, pattern: &'a Pattern, kind: BindingKind) {
        match &pattern.kind {
            PatternKind::Ident(id) => {
                let usage = match kind {
                    BindingKind::Lexical => IdentUse::LexicalBinding,
                    BindingKind::Var | BindingKind::Other => IdentUse::Binding,
                };
                self.check_identifier(id, usage);
                if kind == BindingKind::Var {
                    self.declare_var(id);
                }
            }
            PatternKind::Object { props, rest } => {
                for prop in props {
                    self.walk_prop_key(&prop.key);
                    self.walk_binding_pattern(&prop.value, kind);
                }
                if let Some(rest) = rest {
                    self.walk_binding_pattern(rest, kind);
                }
            }
            PatternKind::Array { elems, rest } => {
                for elem in elems.iter().flatten() {
                    self.walk_binding_pattern(elem, kind);
                }
                if let Some(rest) = rest {
                    self.walk_binding_pattern(rest, kind);
                }
            }
            PatternKind::Default { target, default } => {
                self.walk_binding_pattern(target, kind);
                self.walk_expr(default);
            }
            PatternKind::Expr(expr) => {
                self.error("Invalid destructuring assignment target", expr.span);
                self.walk_expr(expr);
            }
        }
    }
}

/// IsLabelledFunction: a (possibly nested) label whose item is a function declaration.
fn is_labelled_function(stmt: &Stmt) -> bool {
    let mut stmt = stmt;
    loop {
        match &stmt.kind {
            StmtKind::Labeled { body, .. } => stmt = body,
            StmtKind::Function(_) => return true,
            _ => return false,
        }
    }
}

/// Whether an expression statement's first tokens are `let [` (its leftmost operand is a
/// computed member access on the identifier `let`).
fn starts_with_let_bracket(expr: &Expr) -> bool {
    let start = expr.span.start;
    let mut e = expr;
    loop {
        e = match &e.kind {
            ExprKind::Member { object, prop, .. } => {
                if let ExprKind::Ident(id) = &object.kind {
                    return &*id.name == "let"
                        && !id.escaped
                        && id.span.start == start
                        && matches!(prop, MemberProp::Computed(_));
                }
                object
            }
            ExprKind::Call { callee, .. } => callee,
            ExprKind::TaggedTemplate { tag, .. } => tag,
            ExprKind::Binary { left, .. } | ExprKind::Logical { left, .. } => left,
            ExprKind::Cond { test, .. } => test,
            ExprKind::Update {
                prefix: false, arg, ..
            } => arg,
            ExprKind::OptionalChain(inner) => inner,
            ExprKind::Seq(exprs) => match exprs.first() {
                Some(first) => first,
                None => return false,
            },
            ExprKind::Assign { target, .. } => match &target.kind {
                PatternKind::Expr(inner) => inner,
                _ => return false,
            },
            _ => return false,
        };
    }
}
