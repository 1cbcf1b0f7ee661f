//! Scope analysis: which bindings closures capture.
//!
//! A binding lives in a frame register unless some nested function refers to it, in which case
//! it lives in a heap cell the closures share. For each function this pass computes the names
//! that are *free* in it (used but not declared inside it) and the names that are free in the
//! functions directly nested in it (its *captured* names). The compiler gives a binding a cell
//! when its name is among the captured names of the function that declares it. Shadowing can
//! only make this conservative (an extra cell), never wrong.
//!
//! `this`, `new.target`, the home object (`%home`) and the class constructor (`%ctor`) are
//! treated as names that every non-arrow function declares, so an arrow function that uses them
//! captures them like any variable.

use modjs_parser::fast_hash::{FastHashMap as HashMap, FastHashSet as HashSet};
use std::rc::Rc;

use modjs_parser::ast::*;

use super::declarations::{
    bound_names, lexically_scoped_declarations, top_level_functions, var_declared_names, Each,
    LexicalDecl,
};

pub const THIS: &str = "this";
pub const NEW_TARGET: &str = "new.target";
pub const HOME: &str = "%home";
pub const CTOR: &str = "%ctor";
pub const ARGUMENTS: &str = "arguments";

/// The hidden binding holding the object of the `with` statement that starts at `stmt_start`
/// (unique within a source text).
pub fn with_object_name(stmt_start: u32) -> String {
    format!("%with@{stmt_start}")
}

/// Whether `name` is the hidden binding of a `with` object ([`with_object_name`]).
pub fn is_with_object_name(name: &str) -> bool {
    name.starts_with("%with@")
}

/// What the analysis found for one function.
#[derive(Default, Debug)]
pub struct FunctionInfo {
    /// Every name the analysis met in the function (declared or referenced), numbered.
    names: HashMap<Box<str>, u32>,
    /// Per name number: referenced in the body, including free in a nested function.
    used: Vec<bool>,
    /// Per name number: used inside the function (or free in its nested functions) and not
    /// declared in it.
    free: Vec<bool>,
    /// Names free in the functions nested directly in this one.
    pub captured: HashSet<Box<str>>,
    /// The function contains a direct `eval(...)` call (itself or in a nested function): every
    /// binding visible there is kept in a cell (see `eval_scope.rs`).
    pub has_direct_eval: bool,
    /// The function's own code (not a nested function's) contains a direct `eval(...)` call:
    /// in sloppy code that eval may declare variables in the function's variable environment
    /// (see `eval_var_scope.rs`).
    pub calls_eval: bool,
}

impl FunctionInfo {
    /// Is `name` referenced in the body (or free in a nested function)?
    pub fn is_used(&self, name: &str) -> bool {
        self.names.get(name).is_some_and(|&id| self.used[id as usize])
    }

    /// The names used in the function and not declared in it (unordered).
    pub fn free_names(&self) -> impl Iterator<Item = &Box<str>> {
        self.names.iter().filter(|(_, &id)| self.free[id as usize]).map(|(name, _)| name)
    }
}

/// Memoised analyses, keyed by the address of the AST node (the AST outlives the compilation).
#[derive(Default)]
pub struct Analyses {
    cache: HashMap<usize, Rc<FunctionInfo>>,
    /// The function nodes (by address) met as declarations rather than expressions: their name
    /// is a binding of the enclosing scope, not one of their own.
    declarations: HashSet<usize>,
}

impl Analyses {
    pub fn function(&mut self, func: &Function) -> Rc<FunctionInfo> {
        let key = func as *const Function as usize;
        if let Some(info) = self.cache.get(&key) {
            return info.clone();
        }
        let declaration = self.declarations.contains(&key);
        let mut a = Analyzer::new(self);
        a.function_body(func, declaration);
        let info = Rc::new(a.finish());
        self.cache.insert(key, info.clone());
        info
    }

    /// The analysis of a function declaration (`function f() {}` as a statement, or
    /// `export default function f() {}`), which — unlike a named function expression — does not
    /// bind its own name inside its body (FunctionDeclaration's InstantiateFunctionObject uses
    /// the enclosing environment; only a named FunctionExpression gets a funcEnv for its name).
    pub fn function_declaration(&mut self, func: &Function) -> Rc<FunctionInfo> {
        self.declarations.insert(func as *const Function as usize);
        self.function(func)
    }

    /// Whether `func` was met as a declaration ([`Analyses::function_declaration`]).
    pub fn is_declaration(&self, func: &Function) -> bool {
        self.declarations.contains(&(func as *const Function as usize))
    }

    /// A Script or Module top level: behaves as a function body whose top-level declarations
    /// are all visible.
    pub fn program(&mut self, program: &Program) -> Rc<FunctionInfo> {
        let key = program as *const Program as usize;
        if let Some(info) = self.cache.get(&key) {
            return info.clone();
        }
        let mut a = Analyzer::new(self);
        a.push_scope();
        for name in [THIS, NEW_TARGET, HOME, CTOR] {
            a.declare(name);
        }
        a.declare_body(&program.body, program.goal == Goal::Module);
        if program.goal == Goal::Module {
            for stmt in &program.body {
                if let StmtKind::Import(decl) = &stmt.kind {
                    for spec in &decl.specifiers {
                        match spec {
                            ImportSpecifier::Default(id)
                            | ImportSpecifier::Namespace(id)
                            | ImportSpecifier::Named { local: id, .. } => a.declare(&id.name),
                        }
                    }
                }
            }
        }
        a.stmts(&program.body);
        let info = Rc::new(a.finish());
        self.cache.insert(key, info.clone());
        info
    }

    /// The synthetic function running a class's field initialisers (or a static block): the
    /// given expressions and statements are its body.
    pub fn initializer(&mut self, key: usize, exprs: &[&Expr], blocks: &[&[Stmt]]) -> Rc<FunctionInfo> {
        if let Some(info) = self.cache.get(&key) {
            return info.clone();
        }
        let mut a = Analyzer::new(self);
        a.push_scope();
        for name in [THIS, NEW_TARGET, HOME, CTOR, ARGUMENTS] {
            a.declare(name);
        }
        for e in exprs {
            a.expr(e);
        }
        for block in blocks {
            a.push_scope();
            a.declare_body(block, false);
            a.stmts(block);
            a.pop_scope();
        }
        let info = Rc::new(a.finish());
        self.cache.insert(key, info.clone());
        info
    }
}

/// The analysis of one function body. Names are interned to small numbers on first sight, so
/// each declaration or reference hashes its name once; the open scopes are a count per name
/// (how many open scopes declare it) with a log of declarations to undo when a scope closes.
struct Analyzer<'c> {
    cache: &'c mut Analyses,
    ids: HashMap<Box<str>, u32>,
    /// Per name: the number of open scopes that declare it.
    declared: Vec<u32>,
    /// Per name: referenced in the body (see [`FunctionInfo::used`]).
    used: Vec<bool>,
    /// Per name: referenced somewhere no open scope declared it (see [`FunctionInfo::free`]).
    free: Vec<bool>,
    /// Names declared by the open scopes, in order; `marks` holds where each scope's begin.
    log: Vec<u32>,
    marks: Vec<usize>,
    info: FunctionInfo,
    /// The hidden bindings of the `with` statements enclosing the current position.
    withs: Vec<Box<str>>,
    /// Names of the function declarations met in blocks (a sloppy function also gets a var
    /// binding of that name, Annex B.3.3).
    block_functions: Vec<Box<str>>,
}

impl<'c> Analyzer<'c> {
    fn new(cache: &'c mut Analyses) -> Self {
        Analyzer {
            cache,
            ids: HashMap::with_capacity_and_hasher(64, Default::default()),
            declared: Vec::with_capacity(64),
            used: Vec::with_capacity(64),
            free: Vec::with_capacity(64),
            // Every analysis declares names (`this` and the other per-function names at least)
            // in a few scopes: room for a small function, so the log does not grow step by step.
            log: Vec::with_capacity(32),
            marks: Vec::with_capacity(8),
            info: FunctionInfo::default(),
            withs: Vec::new(),
            block_functions: Vec::new(),
        }
    }

    fn finish(mut self) -> FunctionInfo {
        // Direct eval code can reach the Annex B var bindings of block functions too, wherever
        // the eval is: they get cells.
        if self.info.has_direct_eval {
            for name in self.block_functions {
                self.info.captured.insert(name);
            }
        }
        FunctionInfo { names: self.ids, used: self.used, free: self.free, ..self.info }
    }

    fn intern(&mut self, name: &str) -> usize {
        if let Some(&id) = self.ids.get(name) {
            return id as usize;
        }
        let id = self.declared.len();
        self.ids.insert(name.into(), id as u32);
        self.declared.push(0);
        self.used.push(false);
        self.free.push(false);
        id
    }

    fn push_scope(&mut self) {
        self.marks.push(self.log.len());
    }

    fn pop_scope(&mut self) {
        if let Some(mark) = self.marks.pop() {
            for id in self.log.drain(mark..) {
                self.declared[id as usize] -= 1;
            }
        }
    }

    fn declare(&mut self, name: &str) {
        if self.marks.is_empty() {
            return;
        }
        let id = self.intern(name);
        self.declared[id] += 1;
        self.log.push(id as u32);
    }

    fn reference(&mut self, name: &str) {
        let id = self.intern(name);
        self.used[id] = true;
        if self.declared[id] == 0 {
            self.free[id] = true;
        }
    }

    /// A nested function: its free names are captured here and referenced from here.
    fn nested(&mut self, info: Rc<FunctionInfo>) {
        if info.has_direct_eval {
            self.direct_eval_site();
        }
        // A function created in a `with` body looks names up in the with objects: it captures
        // them whatever names it uses.
        for name in &self.withs {
            if !self.info.captured.contains(name) {
                self.info.captured.insert(name.clone());
            }
        }
        for name in info.free_names() {
            if !self.info.captured.contains(name) {
                self.info.captured.insert(name.clone());
            }
            self.reference(name);
        }
    }

    /// A direct eval may use any binding visible here: all of them get cells, and the hidden
    /// per-function bindings count as used.
    fn direct_eval_site(&mut self) {
        self.info.has_direct_eval = true;
        for (name, &id) in &self.ids {
            if self.declared[id as usize] > 0 {
                self.info.captured.insert(name.clone());
            }
        }
        for name in [THIS, NEW_TARGET, ARGUMENTS, HOME, CTOR] {
            self.info.captured.insert(name.into());
            self.reference(name);
        }
    }

    /// Declares the var-scoped and top-level lexical names of a body in the current scope.
    fn declare_body(&mut self, body: &[Stmt], functions_are_lexical: bool) {
        var_declared_names(body, &mut Each(|id: &Ident| self.declare(&id.name)));
        top_level_functions(
            body,
            &mut Each(|f: &Function| {
                if let Some(id) = &f.id {
                    self.declare(&id.name);
                }
            }),
        );
        self.declare_lexical(body, functions_are_lexical);
    }

    /// Declares the names `pattern` binds.
    fn declare_bound_names(&mut self, pattern: &Pattern) {
        bound_names(pattern, &mut Each(|id: &Ident| self.declare(&id.name)));
    }

    fn declare_lexical(&mut self, body: &[Stmt], functions_are_lexical: bool) {
        lexically_scoped_declarations(body, functions_are_lexical, &mut Each(|d| self.declare_lexical_decl(d, functions_are_lexical)));
    }

    fn declare_lexical_decl(&mut self, d: LexicalDecl, functions_are_lexical: bool) {
        match d {
            LexicalDecl::Let(id) | LexicalDecl::Const(id) | LexicalDecl::Class(id) => self.declare(&id.name),
            LexicalDecl::Function(f) => {
                if let Some(id) = &f.id {
                    self.declare(&id.name);
                    if functions_are_lexical {
                        self.block_functions.push(id.name.clone());
                    }
                }
            }
        }
    }

    /// The body of `func` (its parameters and statements) as the function being analysed.
    fn function_body(&mut self, func: &Function, declaration: bool) {
        self.push_scope();
        if func.kind != FunctionKind::Arrow {
            for name in [THIS, NEW_TARGET, HOME, CTOR, ARGUMENTS] {
                self.declare(name);
            }
        }
        for p in &func.params.items {
            self.declare_bound_names(p);
        }
        if let Some(rest) = &func.params.rest {
            self.declare_bound_names(rest);
        }
        if let Some(id) = &func.id {
            // A named function expression's own name (a declaration's name belongs to the
            // enclosing scope: uses of it in the body are free here).
            if !declaration {
                self.declare(&id.name);
            }
        }
        for p in &func.params.items {
            self.pattern(p);
        }
        if let Some(rest) = &func.params.rest {
            self.pattern(rest);
        }
        match &func.body {
            FunctionBody::Block(body) => {
                self.declare_body(body, false);
                self.stmts(body);
            }
            FunctionBody::Expr(e) => self.expr(e),
        }
        self.pop_scope();
    }

    fn function(&mut self, func: &Function) {
        let info = self.cache.function(func);
        self.nested(info);
    }

    fn function_declaration(&mut self, func: &Function) {
        let info = self.cache.function_declaration(func);
        self.nested(info);
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn block(&mut self, body: &[Stmt]) {
        self.push_scope();
        self.declare_lexical(body, true);
        self.stmts(body);
        self.pop_scope();
    }

    fn var_decl(&mut self, decl: &VarDecl) {
        for d in &decl.decls {
            self.pattern(&d.target);
            if let Some(init) = &d.init {
                self.expr(init);
            }
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Var(decl) => self.var_decl(decl),
            StmtKind::Function(func) => self.function_declaration(func),
            StmtKind::Class(class) => self.class(class),
            StmtKind::Expr(e) | StmtKind::Throw(e) => self.expr(e),
            StmtKind::Block(body) => self.block(body),
            StmtKind::Empty | StmtKind::Debugger => {}
            StmtKind::If { test, cons, alt } => {
                self.expr(test);
                self.sub_stmt(cons);
                if let Some(alt) = alt {
                    self.sub_stmt(alt);
                }
            }
            StmtKind::For { init, test, update, body } => {
                self.push_scope();
                if let Some(init) = init {
                    match &**init {
                        ForInit::Var(decl) => {
                            if decl.kind != VarKind::Var {
                                for d in &decl.decls {
                                    self.declare_bound_names(&d.target);
                                }
                            }
                            self.var_decl(decl);
                        }
                        ForInit::Expr(e) => self.expr(e),
                    }
                }
                if let Some(t) = test {
                    self.expr(t);
                }
                if let Some(u) = update {
                    self.expr(u);
                }
                self.sub_stmt(body);
                self.pop_scope();
            }
            StmtKind::ForIn { left, right, body } | StmtKind::ForOf { left, right, body, .. } => {
                self.push_scope();
                match &**left {
                    ForHead::Var(decl) => {
                        if decl.kind != VarKind::Var {
                            for d in &decl.decls {
                                self.declare_bound_names(&d.target);
                            }
                        }
                        self.var_decl(decl);
                    }
                    ForHead::Pattern(p) => self.pattern(p),
                }
                self.expr(right);
                self.sub_stmt(body);
                self.pop_scope();
            }
            StmtKind::While { test, body } | StmtKind::DoWhile { body, test } => {
                self.expr(test);
                self.sub_stmt(body);
            }
            StmtKind::Continue(_) | StmtKind::Break(_) => {}
            StmtKind::Return(e) => {
                if let Some(e) = e {
                    self.expr(e);
                }
            }
            StmtKind::With { object, body } => {
                self.expr(object);
                let name: Box<str> = with_object_name(stmt.span.start).into();
                self.push_scope();
                self.declare(&name);
                self.withs.push(name);
                self.sub_stmt(body);
                self.withs.pop();
                self.pop_scope();
            }
            StmtKind::Switch { discriminant, cases } => {
                self.expr(discriminant);
                self.push_scope();
                for case in cases {
                    self.declare_lexical(&case.body, true);
                }
                for case in cases {
                    if let Some(t) = &case.test {
                        self.expr(t);
                    }
                    self.stmts(&case.body);
                }
                self.pop_scope();
            }
            StmtKind::Labeled { body, .. } => self.stmt(body),
            StmtKind::Try { block, handler, finalizer } => {
                self.block(block);
                if let Some(h) = handler {
                    self.push_scope();
                    if let Some(p) = &h.param {
                        self.declare_bound_names(p);
                        self.pattern(p);
                    }
                    self.block(&h.body);
                    self.pop_scope();
                }
                if let Some(f) = finalizer {
                    self.block(f);
                }
            }
            StmtKind::Import(_) => {}
            StmtKind::Export(export) => match &**export {
                ExportDecl::Named { specifiers, source: None, .. } => {
                    for s in specifiers {
                        if let ModuleExportName::Ident(id) = &s.local {
                            self.reference(&id.name);
                        }
                    }
                }
                ExportDecl::Named { .. } | ExportDecl::All { .. } => {}
                ExportDecl::Decl(decl) => self.stmt(decl),
                ExportDecl::DefaultFunction(f) => self.function_declaration(f),
                ExportDecl::DefaultClass(c) => self.class(c),
                ExportDecl::DefaultExpr(e) => self.expr(e),
            },
        }
    }

    /// A statement in a position where a lone function declaration acts as its own block.
    fn sub_stmt(&mut self, stmt: &Stmt) {
        if let StmtKind::Function(f) = &stmt.kind {
            self.push_scope();
            if let Some(id) = &f.id {
                self.declare(&id.name);
                self.block_functions.push(id.name.clone());
            }
            self.function_declaration(f);
            self.pop_scope();
        } else {
            self.stmt(stmt);
        }
    }

    fn class(&mut self, class: &Class) {
        self.push_scope();
        if let Some(id) = &class.id {
            self.declare(&id.name);
        }
        for m in &class.body {
            match &m.kind {
                ClassMemberKind::Method { key: PropKey::Private(id), .. }
                | ClassMemberKind::Field { key: PropKey::Private(id), .. } => {
                    // The synthetic initializer functions read every private name.
                    let name = format!("#{}", id.name);
                    self.declare(&name);
                    self.info.captured.insert(name.into());
                }
                _ => {}
            }
        }
        if let Some(sup) = &class.super_class {
            self.expr(sup);
        }
        let mut instance = Vec::new();
        let mut statics: Vec<&Expr> = Vec::new();
        let mut blocks: Vec<&[Stmt]> = Vec::new();
        for m in &class.body {
            match &m.kind {
                ClassMemberKind::Method { key, func, .. } => {
                    self.prop_key(key);
                    self.function(func);
                }
                ClassMemberKind::Field { key, is_static, value } => {
                    self.prop_key(key);
                    if let Some(v) = value {
                        if *is_static {
                            statics.push(v);
                        } else {
                            instance.push(&**v);
                        }
                    }
                }
                ClassMemberKind::StaticBlock(body) => blocks.push(body),
                ClassMemberKind::Empty => {}
            }
        }
        let key = class as *const Class as usize;
        let info = self.cache.initializer(key, &instance, &[]);
        self.nested(info);
        let info = self.cache.initializer(key + 1, &statics, &blocks);
        self.nested(info);
        // Private names used in member expressions inside the class resolve to these cells.
        self.pop_scope();
    }

    fn prop_key(&mut self, key: &PropKey) {
        match key {
            PropKey::Computed(e) => self.expr(e),
            PropKey::Private(id) => self.reference(&format!("#{}", id.name)),
            _ => {}
        }
    }

    fn pattern(&mut self, p: &Pattern) {
        match &p.kind {
            PatternKind::Ident(id) => self.reference(&id.name),
            PatternKind::Object { props, rest } => {
                for prop in props {
                    self.prop_key(&prop.key);
                    self.pattern(&prop.value);
                }
                if let Some(r) = rest {
                    self.pattern(r);
                }
            }
            PatternKind::Array { elems, rest } => {
                for e in elems.iter().flatten() {
                    self.pattern(e);
                }
                if let Some(r) = rest {
                    self.pattern(r);
                }
            }
            PatternKind::Default { target, default } => {
                self.pattern(target);
                self.expr(default);
            }
            PatternKind::Expr(e) => self.expr(e),
        }
    }

    fn elements(&mut self, elems: &[ArrayElement]) {
        for el in elems {
            match el {
                ArrayElement::Expr(e) | ArrayElement::Spread(e) => self.expr(e),
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::This => self.reference(THIS),
            ExprKind::Ident(id) => self.reference(&id.name),
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Num { .. }
            | ExprKind::BigInt(_)
            | ExprKind::Str { .. }
            | ExprKind::Regex { .. } => {}
            ExprKind::ImportMeta => self.reference("import.meta"),
            ExprKind::Template(t) => {
                for x in &t.exprs {
                    self.expr(x);
                }
            }
            ExprKind::TaggedTemplate { tag, quasi } => {
                self.expr(tag);
                for x in &quasi.exprs {
                    self.expr(x);
                }
            }
            ExprKind::Array(elems) => {
                for el in elems.iter().flatten() {
                    match el {
                        ArrayElement::Expr(e) | ArrayElement::Spread(e) => self.expr(e),
                    }
                }
            }
            ExprKind::Object(props) => {
                for p in props {
                    match &p.kind {
                        PropertyKind::Init { key, value } => {
                            self.prop_key(key);
                            self.expr(value);
                        }
                        PropertyKind::Shorthand(id) => self.reference(&id.name),
                        PropertyKind::CoverInit { name, default } => {
                            self.reference(&name.name);
                            self.expr(default);
                        }
                        PropertyKind::Method { key, func } => {
                            self.prop_key(key);
                            self.function(func);
                        }
                        PropertyKind::Spread(e) => self.expr(e),
                    }
                }
            }
            ExprKind::Function(f) | ExprKind::Arrow(f) => self.function(f),
            ExprKind::Class(c) => self.class(c),
            ExprKind::Unary { arg, .. } | ExprKind::Update { arg, .. } => self.expr(arg),
            ExprKind::Binary { left, right, .. } | ExprKind::Logical { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::PrivateIn { name, right } => {
                self.reference(&format!("#{}", name.name));
                self.expr(right);
            }
            ExprKind::Assign { target, value, .. } => {
                self.pattern(target);
                self.expr(value);
            }
            ExprKind::Cond { test, cons, alt } => {
                self.expr(test);
                self.expr(cons);
                self.expr(alt);
            }
            ExprKind::Seq(list) => {
                for x in list {
                    self.expr(x);
                }
            }
            ExprKind::Paren(x) | ExprKind::OptionalChain(x) | ExprKind::Await(x) => self.expr(x),
            ExprKind::Call { callee, args, .. } => {
                if matches!(&super::expressions::unparen(callee).kind, ExprKind::Ident(id) if &*id.name == "eval") {
                    self.info.calls_eval = true;
                    self.direct_eval_site();
                }
                self.expr(callee);
                self.elements(args);
            }
            ExprKind::New { callee, args } => {
                self.expr(callee);
                if let Some(args) = args {
                    self.elements(args);
                }
            }
            ExprKind::Member { object, prop, .. } => {
                self.expr(object);
                match prop {
                    MemberProp::Name(_) => {}
                    MemberProp::Computed(x) => self.expr(x),
                    MemberProp::Private(id) => self.reference(&format!("#{}", id.name)),
                }
            }
            ExprKind::SuperMember(prop) => {
                self.reference(THIS);
                self.reference(HOME);
                if let MemberProp::Computed(x) = prop {
                    self.expr(x);
                }
            }
            ExprKind::SuperCall(args) => {
                self.reference(THIS);
                self.reference(NEW_TARGET);
                self.reference(CTOR);
                self.elements(args);
            }
            ExprKind::Yield { arg, .. } => {
                if let Some(a) = arg {
                    self.expr(a);
                }
            }
            ExprKind::NewTarget => self.reference(NEW_TARGET),
            ExprKind::ImportCall { source, options, .. } => {
                self.expr(source);
                if let Some(o) = options {
                    self.expr(o);
                }
            }
        }
    }
}
