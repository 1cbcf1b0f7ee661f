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

use modjs_parser::fast_hash::FastHashMap as HashMap;
use std::rc::Rc;

use modjs_parser::ast::*;

use super::name_table::NameTable;

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

/// The numbers of the names every analysis knows: the per-function hidden bindings and
/// `import.meta`. Other names are numbered from [`FIRST_FREE_ID`] in the order they are met.
const THIS_ID: u32 = 0;
const NEW_TARGET_ID: u32 = 1;
const HOME_ID: u32 = 2;
const CTOR_ID: u32 = 3;
const ARGUMENTS_ID: u32 = 4;
const IMPORT_META_ID: u32 = 5;
const FIRST_FREE_ID: u32 = 6;

/// The fixed number of `name`, if it is one of the names every analysis knows.
fn fixed_id(name: &str) -> Option<u32> {
    match name {
        THIS => Some(THIS_ID),
        NEW_TARGET => Some(NEW_TARGET_ID),
        HOME => Some(HOME_ID),
        CTOR => Some(CTOR_ID),
        ARGUMENTS => Some(ARGUMENTS_ID),
        "import.meta" => Some(IMPORT_META_ID),
        _ => None,
    }
}

/// What the analysis found for one function, as sorted name numbers (see
/// [`Analyses::name_id`]).
#[derive(Default, Debug)]
pub struct FunctionInfo {
    /// The used names, then the free names, then the captured names: `used_end` and
    /// `free_end` split them.
    ids: Box<[u32]>,
    used_end: u32,
    free_end: u32,
    /// The function contains a direct `eval(...)` call (itself or in a nested function): every
    /// binding visible there is kept in a cell (see `eval_scope.rs`).
    pub has_direct_eval: bool,
    /// The function's own code (not a nested function's) contains a direct `eval(...)` call:
    /// in sloppy code that eval may declare variables in the function's variable environment
    /// (see `eval_var_scope.rs`).
    pub calls_eval: bool,
    /// The function was met as a declaration (see [`Analyses::function_declaration`]).
    declaration: bool,
}

impl FunctionInfo {
    /// Names referenced in the body, including those free in a nested function.
    fn used(&self) -> &[u32] {
        &self.ids[..self.used_end as usize]
    }

    /// Names used inside the function (or free in its nested functions) and not declared in it.
    fn free(&self) -> &[u32] {
        &self.ids[self.used_end as usize..self.free_end as usize]
    }

    /// Names free in the functions nested directly in this one.
    fn captured(&self) -> &[u32] {
        &self.ids[self.free_end as usize..]
    }
}

/// The analyses of one compilation: the names met (numbered), and each function's findings,
/// memoised by the address of its AST node (the AST outlives the compilation).
#[derive(Default)]
pub struct Analyses {
    cache: HashMap<usize, Rc<FunctionInfo>>,
    /// Names other than the fixed ones (numbered from [`FIRST_FREE_ID`] on).
    names: NameTable,
    /// Per name number: the state of the walk (see [`NameState`]).
    states: Vec<NameState>,
    /// The functions being analysed, innermost last.
    frames: Vec<Frame>,
    /// Names declared by the open scopes, in order, each with the [`NameState::scope_depth`]
    /// it hid; `marks` holds where each scope's begin.
    log: Vec<(u32, u32)>,
    marks: Vec<usize>,
    /// The names each open function has used, left free and captured so far (each function
    /// owns the part of each stack from its frame's base on).
    used: Vec<u32>,
    free: Vec<u32>,
    captured: Vec<u32>,
    /// The hidden bindings of the `with` statements enclosing the current position.
    withs: Vec<u32>,
    /// Names of the function declarations met in blocks (a sloppy function also gets a var
    /// binding of that name, Annex B.3.3).
    block_functions: Vec<u32>,
    /// The number of the last function begun (stamps in [`NameState`] name functions by it).
    serial: u32,
}

/// What the walk knows of one name.
#[derive(Clone, Copy)]
struct NameState {
    /// The depth (index in `frames`) of the innermost function with an open scope declaring
    /// the name, or `NOT_DECLARED`.
    scope_depth: u32,
    /// The last function (by serial) whose `used` / `free` / `captured` list got the name: a
    /// function lists a name at most once between its nested functions.
    used_in: u32,
    free_in: u32,
    captured_in: u32,
}

const NOT_DECLARED: u32 = u32::MAX;

/// One function being analysed.
struct Frame {
    serial: u32,
    log_base: usize,
    used_base: usize,
    free_base: usize,
    captured_base: usize,
    withs_base: usize,
    block_functions_base: usize,
    has_direct_eval: bool,
    calls_eval: bool,
}

impl Analyses {
    pub fn function(&mut self, func: &Function) -> Rc<FunctionInfo> {
        if let Some(info) = self.cache.get(&(func as *const Function as usize)) {
            return info.clone();
        }
        self.function_body(func, false)
    }

    /// The analysis of a function declaration (`function f() {}` as a statement, or
    /// `export default function f() {}`), which — unlike a named function expression — does not
    /// bind its own name inside its body (FunctionDeclaration's InstantiateFunctionObject uses
    /// the enclosing environment; only a named FunctionExpression gets a funcEnv for its name).
    pub fn function_declaration(&mut self, func: &Function) -> Rc<FunctionInfo> {
        if let Some(info) = self.cache.get(&(func as *const Function as usize)) {
            return info.clone();
        }
        self.function_body(func, true)
    }

    /// Whether `func` was met as a declaration ([`Analyses::function_declaration`]).
    pub fn is_declaration(&self, func: &Function) -> bool {
        self.cache.get(&(func as *const Function as usize)).is_some_and(|info| info.declaration)
    }

    /// The number of `name`, if the analysis met it.
    pub fn name_id(&self, name: &str) -> Option<u32> {
        fixed_id(name).or_else(|| self.names.get(name).map(|i| FIRST_FREE_ID + i))
    }

    /// Is `name` referenced in the body of the function `info` describes (or free in a nested
    /// function)?
    pub fn is_used(&self, info: &FunctionInfo, name: &str) -> bool {
        self.name_id(name).is_some_and(|id| info.used().binary_search(&id).is_ok())
    }

    /// Is `name` free in a function nested directly in the one `info` describes (so that a
    /// binding of that name there lives in a cell)?
    pub fn is_captured(&self, info: &FunctionInfo, name: &str) -> bool {
        self.name_id(name).is_some_and(|id| info.captured().binary_search(&id).is_ok())
    }

    /// A Script or Module top level: behaves as a function body whose top-level declarations
    /// are all visible.
    pub fn program(&mut self, program: &Program) -> Rc<FunctionInfo> {
        let key = program as *const Program as usize;
        if let Some(info) = self.cache.get(&key) {
            return info.clone();
        }
        // Room for the functions and names of a small program, so the tables do not grow step
        // by step.
        self.cache.reserve(16);
        self.states.reserve(128);
        self.log.reserve(64);
        self.marks.reserve(16);
        self.frames.reserve(8);
        self.used.reserve(64);
        self.free.reserve(64);
        self.captured.reserve(32);
        self.begin_function();
        self.push_scope();
        for id in [THIS_ID, NEW_TARGET_ID, HOME_ID, CTOR_ID] {
            self.declare(id);
        }
        self.declare_body(&program.body, program.goal == Goal::Module);
        if program.goal == Goal::Module {
            for stmt in &program.body {
                if let StmtKind::Import(decl) = &stmt.kind {
                    for spec in &decl.specifiers {
                        match spec {
                            ImportSpecifier::Default(id)
                            | ImportSpecifier::Namespace(id)
                            | ImportSpecifier::Named { local: id, .. } => self.declare_name(&id.name),
                        }
                    }
                }
            }
        }
        self.stmts(&program.body);
        self.pop_scope();
        self.end_function(key, false)
    }

    /// The synthetic function running a class's field initialisers (or a static block): the
    /// given expressions and statements are its body.
    pub fn initializer(&mut self, key: usize, exprs: &[&Expr], blocks: &[&[Stmt]]) -> Rc<FunctionInfo> {
        if let Some(info) = self.cache.get(&key) {
            return info.clone();
        }
        self.begin_function();
        self.push_scope();
        for id in [THIS_ID, NEW_TARGET_ID, HOME_ID, CTOR_ID, ARGUMENTS_ID] {
            self.declare(id);
        }
        for e in exprs {
            self.expr(e);
        }
        for block in blocks {
            self.push_scope();
            self.declare_body(block, false);
            self.stmts(block);
            self.pop_scope();
        }
        self.pop_scope();
        self.end_function(key, false)
    }
}

/// The walk. All functions of a program are analysed in one pass over its tree: names are
/// numbered on first sight (so each declaration or reference hashes its name once), and each
/// name's state says which function declares it innermost, with a log of declarations to undo
/// when a scope closes. A function's lists are finished when its body ends; its free names
/// then count as used (and captured) at its place in the enclosing function.
impl Analyses {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(id) = fixed_id(name) {
            return id;
        }
        FIRST_FREE_ID + self.names.intern(name)
    }

    fn state(&mut self, id: u32) -> &mut NameState {
        let i = id as usize;
        if i >= self.states.len() {
            let blank = NameState { scope_depth: NOT_DECLARED, used_in: 0, free_in: 0, captured_in: 0 };
            self.states.resize(i + 1, blank);
        }
        &mut self.states[i]
    }

    fn begin_function(&mut self) {
        self.serial += 1;
        self.frames.push(Frame {
            serial: self.serial,
            log_base: self.log.len(),
            used_base: self.used.len(),
            free_base: self.free.len(),
            captured_base: self.captured.len(),
            withs_base: self.withs.len(),
            block_functions_base: self.block_functions.len(),
            has_direct_eval: false,
            calls_eval: false,
        });
    }

    /// Finishes the innermost function (its scopes all closed): records its findings under
    /// `key` and hands its free names to the enclosing function.
    fn end_function(&mut self, key: usize, declaration: bool) -> Rc<FunctionInfo> {
        // Direct eval code can reach the Annex B var bindings of block functions too, wherever
        // the eval is: they get cells.
        if self.frames.last().is_some_and(|f| f.has_direct_eval) {
            let base = self.frames.last().map_or(0, |f| f.block_functions_base);
            for i in base..self.block_functions.len() {
                let id = self.block_functions[i];
                self.capture(id);
            }
        }
        let Some(frame) = self.frames.pop() else {
            return Rc::new(FunctionInfo::default());
        };
        let used = &mut self.used[frame.used_base..];
        used.sort_unstable();
        let free = &mut self.free[frame.free_base..];
        free.sort_unstable();
        let captured = &mut self.captured[frame.captured_base..];
        captured.sort_unstable();
        let mut ids = Vec::with_capacity(used.len() + free.len() + captured.len());
        push_distinct(&mut ids, &self.used[frame.used_base..]);
        let used_end = ids.len() as u32;
        push_distinct(&mut ids, &self.free[frame.free_base..]);
        let free_end = ids.len() as u32;
        push_distinct(&mut ids, &self.captured[frame.captured_base..]);
        self.used.truncate(frame.used_base);
        self.free.truncate(frame.free_base);
        self.captured.truncate(frame.captured_base);
        self.withs.truncate(frame.withs_base);
        self.block_functions.truncate(frame.block_functions_base);
        let info = Rc::new(FunctionInfo {
            ids: ids.into_boxed_slice(),
            used_end,
            free_end,
            has_direct_eval: frame.has_direct_eval,
            calls_eval: frame.calls_eval,
            declaration,
        });
        self.cache.insert(key, info.clone());
        if !self.frames.is_empty() {
            self.nested(&info);
        }
        info
    }

    fn push_scope(&mut self) {
        self.marks.push(self.log.len());
    }

    fn pop_scope(&mut self) {
        if let Some(mark) = self.marks.pop() {
            // Undone in reverse, so a name declared twice gets its first hidden state back.
            while self.log.len() > mark {
                let Some((id, hidden)) = self.log.pop() else { break };
                self.states[id as usize].scope_depth = hidden;
            }
        }
    }

    fn declare(&mut self, id: u32) {
        if self.marks.is_empty() || self.frames.is_empty() {
            return;
        }
        let depth = self.frames.len() as u32 - 1;
        let state = self.state(id);
        let hidden = state.scope_depth;
        state.scope_depth = depth;
        self.log.push((id, hidden));
    }

    fn declare_name(&mut self, name: &str) {
        let id = self.intern(name);
        self.declare(id);
    }

    fn reference(&mut self, id: u32) {
        let Some(frame) = self.frames.last() else { return };
        let (serial, depth) = (frame.serial, self.frames.len() as u32 - 1);
        let state = self.state(id);
        let new_use = state.used_in != serial;
        state.used_in = serial;
        // Free unless an open scope of this function declares it (such a declaration is the
        // innermost one).
        let new_free = state.scope_depth != depth && state.free_in != serial;
        if new_free {
            state.free_in = serial;
        }
        if new_use {
            self.used.push(id);
        }
        if new_free {
            self.free.push(id);
        }
    }

    fn reference_name(&mut self, name: &str) {
        let id = self.intern(name);
        self.reference(id);
    }

    fn capture(&mut self, id: u32) {
        let Some(frame) = self.frames.last() else { return };
        let serial = frame.serial;
        let state = self.state(id);
        if state.captured_in != serial {
            state.captured_in = serial;
            self.captured.push(id);
        }
    }

    /// A nested function: its free names are captured here and referenced from here.
    fn nested(&mut self, info: &FunctionInfo) {
        if info.has_direct_eval {
            self.direct_eval_site();
        }
        // A function created in a `with` body looks names up in the with objects: it captures
        // them whatever names it uses.
        let base = self.frames.last().map_or(0, |f| f.withs_base);
        for i in base..self.withs.len() {
            let id = self.withs[i];
            self.capture(id);
        }
        for &id in info.free() {
            self.capture(id);
            self.reference(id);
        }
    }

    /// A direct eval may use any binding visible here: all of them get cells, and the hidden
    /// per-function bindings count as used.
    fn direct_eval_site(&mut self) {
        let Some(frame) = self.frames.last_mut() else { return };
        frame.has_direct_eval = true;
        let base = frame.log_base;
        for i in base..self.log.len() {
            let id = self.log[i].0;
            self.capture(id);
        }
        for id in [THIS_ID, NEW_TARGET_ID, ARGUMENTS_ID, HOME_ID, CTOR_ID] {
            self.capture(id);
            self.reference(id);
        }
    }

    /// Declares the var-scoped and top-level lexical names of a body in the current scope.
    fn declare_body(&mut self, body: &[Stmt], functions_are_lexical: bool) {
        var_declared_names(body, &mut Each(|id: &Ident| self.declare_name(&id.name)));
        top_level_functions(
            body,
            &mut Each(|f: &Function| {
                if let Some(id) = &f.id {
                    self.declare_name(&id.name);
                }
            }),
        );
        self.declare_lexical(body, functions_are_lexical);
    }

    /// Declares the names `pattern` binds.
    fn declare_bound_names(&mut self, pattern: &Pattern) {
        bound_names(pattern, &mut Each(|id: &Ident| self.declare_name(&id.name)));
    }

    fn declare_lexical(&mut self, body: &[Stmt], functions_are_lexical: bool) {
        lexically_scoped_declarations(body, functions_are_lexical, &mut Each(|d| self.declare_lexical_decl(d, functions_are_lexical)));
    }

    fn declare_lexical_decl(&mut self, d: LexicalDecl, functions_are_lexical: bool) {
        match d {
            LexicalDecl::Let(id) | LexicalDecl::Const(id) | LexicalDecl::Class(id) => self.declare_name(&id.name),
            LexicalDecl::Function(f) => {
                if let Some(id) = &f.id {
                    let id = self.intern(&id.name);
                    self.declare(id);
                    if functions_are_lexical {
                        self.block_functions.push(id);
                    }
                }
            }
        }
    }

    /// The body of `func` (its parameters and statements) as a function of its own, nested in
    /// the function being analysed (if any).
    fn function_body(&mut self, func: &Function, declaration: bool) -> Rc<FunctionInfo> {
        self.begin_function();
        self.push_scope();
        if func.kind != FunctionKind::Arrow {
            for id in [THIS_ID, NEW_TARGET_ID, HOME_ID, CTOR_ID, ARGUMENTS_ID] {
                self.declare(id);
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
                self.declare_name(&id.name);
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
        self.end_function(func as *const Function as usize, declaration)
    }

    /// A function met in the walk (a declaration when `declaration`).
    fn nested_function(&mut self, func: &Function, declaration: bool) {
        if let Some(info) = self.cache.get(&(func as *const Function as usize)) {
            let info = info.clone();
            self.nested(&info);
        } else {
            self.function_body(func, declaration);
        }
    }

    /// A class's initializer function met in the walk (see [`Analyses::initializer`]).
    fn nested_initializer(&mut self, key: usize, exprs: &[&Expr], blocks: &[&[Stmt]]) {
        if let Some(info) = self.cache.get(&key) {
            let info = info.clone();
            self.nested(&info);
        } else {
            self.initializer(key, exprs, blocks);
        }
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
            StmtKind::Function(func) => self.nested_function(func, true),
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
                let name = self.intern(&with_object_name(stmt.span.start));
                self.push_scope();
                self.declare(name);
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
                            self.reference_name(&id.name);
                        }
                    }
                }
                ExportDecl::Named { .. } | ExportDecl::All { .. } => {}
                ExportDecl::Decl(decl) => self.stmt(decl),
                ExportDecl::DefaultFunction(f) => self.nested_function(f, true),
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
                let id = self.intern(&id.name);
                self.declare(id);
                self.block_functions.push(id);
            }
            self.nested_function(f, true);
            self.pop_scope();
        } else {
            self.stmt(stmt);
        }
    }

    fn class(&mut self, class: &Class) {
        self.push_scope();
        if let Some(id) = &class.id {
            self.declare_name(&id.name);
        }
        for m in &class.body {
            match &m.kind {
                ClassMemberKind::Method { key: PropKey::Private(id), .. }
                | ClassMemberKind::Field { key: PropKey::Private(id), .. } => {
                    // The synthetic initializer functions read every private name.
                    let name = self.intern(&format!("#{}", id.name));
                    self.declare(name);
                    self.capture(name);
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
                    self.nested_function(func, false);
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
        self.nested_initializer(key, &instance, &[]);
        self.nested_initializer(key + 1, &statics, &blocks);
        // Private names used in member expressions inside the class resolve to these cells.
        self.pop_scope();
    }

    fn prop_key(&mut self, key: &PropKey) {
        match key {
            PropKey::Computed(e) => self.expr(e),
            PropKey::Private(id) => self.reference_name(&format!("#{}", id.name)),
            _ => {}
        }
    }

    fn pattern(&mut self, p: &Pattern) {
        match &p.kind {
            PatternKind::Ident(id) => self.reference_name(&id.name),
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
            ExprKind::This => self.reference(THIS_ID),
            ExprKind::Ident(id) => self.reference_name(&id.name),
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Num { .. }
            | ExprKind::BigInt(_)
            | ExprKind::Str { .. }
            | ExprKind::Regex { .. } => {}
            ExprKind::ImportMeta => self.reference(IMPORT_META_ID),
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
                        PropertyKind::Shorthand(id) => self.reference_name(&id.name),
                        PropertyKind::CoverInit { name, default } => {
                            self.reference_name(&name.name);
                            self.expr(default);
                        }
                        PropertyKind::Method { key, func } => {
                            self.prop_key(key);
                            self.nested_function(func, false);
                        }
                        PropertyKind::Spread(e) => self.expr(e),
                    }
                }
            }
            ExprKind::Function(f) | ExprKind::Arrow(f) => self.nested_function(f, false),
            ExprKind::Class(c) => self.class(c),
            ExprKind::Unary { arg, .. } | ExprKind::Update { arg, .. } => self.expr(arg),
            ExprKind::Binary { left, right, .. } | ExprKind::Logical { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::PrivateIn { name, right } => {
                self.reference_name(&format!("#{}", name.name));
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
                    if let Some(frame) = self.frames.last_mut() {
                        frame.calls_eval = true;
                    }
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
                    MemberProp::Private(id) => self.reference_name(&format!("#{}", id.name)),
                }
            }
            ExprKind::SuperMember(prop) => {
                self.reference(THIS_ID);
                self.reference(HOME_ID);
                if let MemberProp::Computed(x) = prop {
                    self.expr(x);
                }
            }
            ExprKind::SuperCall(args) => {
                self.reference(THIS_ID);
                self.reference(NEW_TARGET_ID);
                self.reference(CTOR_ID);
                self.elements(args);
            }
            ExprKind::Yield { arg, .. } => {
                if let Some(a) = arg {
                    self.expr(a);
                }
            }
            ExprKind::NewTarget => self.reference(NEW_TARGET_ID),
            ExprKind::ImportCall { source, options, .. } => {
                self.expr(source);
                if let Some(o) = options {
                    self.expr(o);
                }
            }
        }
    }
}

/// Appends the distinct items of sorted `items` to `out`.
fn push_distinct(out: &mut Vec<u32>, items: &[u32]) {
    let mut last = None;
    for &id in items {
        if last != Some(id) {
            out.push(id);
            last = Some(id);
        }
    }
}
