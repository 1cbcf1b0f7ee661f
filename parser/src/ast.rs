//! The abstract syntax tree of a Script or Module.
//!
//! Every node carries the byte [`Span`] of its source text. The tree keeps what the static
//! semantics and the compiler need and nothing of the concrete syntax: parentheses survive only
//! as [`ExprKind::Paren`] (they matter for assignment targets, `delete` and directives), and the
//! cover grammars (arrow parameters, destructuring assignment) are already resolved.

pub use modjs_lexer::{JsStr, TemplatePart};

/// Byte offsets `start..end` into the source.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end as u32 }
    }
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start, end: other.end }
    }
}

pub type P<T> = Box<T>;

/// An identifier (reference, binding or label). `name` has escapes decoded.
#[derive(Clone, PartialEq, Debug)]
pub struct Ident {
    pub name: Box<str>,
    pub span: Span,
    /// Spelled with a `\u` escape in the source.
    pub escaped: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Goal {
    Script,
    Module,
}

/// A whole Script or Module.
#[derive(Clone, PartialEq, Debug)]
pub struct Program {
    pub goal: Goal,
    pub body: Vec<Stmt>,
    /// The directive prologue contains `"use strict"` (always true for modules).
    pub strict: bool,
    pub span: Span,
}

// ================================================================================================
// Statements
// ================================================================================================

#[derive(Clone, PartialEq, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub enum StmtKind {
    /// `var`/`let`/`const` declaration.
    Var(VarDecl),
    Function(P<Function>),
    Class(P<Class>),
    Expr(P<Expr>),
    Block(Vec<Stmt>),
    Empty,
    Debugger,
    If { test: P<Expr>, cons: P<Stmt>, alt: Option<P<Stmt>> },
    For { init: Option<P<ForInit>>, test: Option<P<Expr>>, update: Option<P<Expr>>, body: P<Stmt> },
    ForIn { left: P<ForHead>, right: P<Expr>, body: P<Stmt> },
    ForOf { left: P<ForHead>, right: P<Expr>, body: P<Stmt>, is_await: bool },
    While { test: P<Expr>, body: P<Stmt> },
    DoWhile { body: P<Stmt>, test: P<Expr> },
    Continue(Option<Ident>),
    Break(Option<Ident>),
    Return(Option<P<Expr>>),
    Throw(P<Expr>),
    With { object: P<Expr>, body: P<Stmt> },
    Switch { discriminant: P<Expr>, cases: Vec<SwitchCase> },
    Labeled { label: Ident, body: P<Stmt> },
    Try { block: Vec<Stmt>, handler: Option<P<CatchClause>>, finalizer: Option<Vec<Stmt>> },
    Import(P<ImportDecl>),
    Export(P<ExportDecl>),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum VarKind {
    Var,
    Let,
    Const,
}

#[derive(Clone, PartialEq, Debug)]
pub struct VarDecl {
    pub kind: VarKind,
    pub decls: Vec<VarDeclarator>,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub struct VarDeclarator {
    pub target: Pattern,
    pub init: Option<P<Expr>>,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub enum ForInit {
    Var(VarDecl),
    Expr(P<Expr>),
}

/// The left side of `for-in` / `for-of`.
#[derive(Clone, PartialEq, Debug)]
pub enum ForHead {
    /// `for (var x in …)`, `for (let [a] of …)`: exactly one declarator; an initializer only in
    /// the Annex B form `for (var x = 1 in o)`.
    Var(VarDecl),
    /// `for (x.y of …)`, `for ([a, b] of …)`: an assignment target.
    Pattern(Pattern),
}

#[derive(Clone, PartialEq, Debug)]
pub struct SwitchCase {
    /// `None` for `default:`.
    pub test: Option<P<Expr>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub struct CatchClause {
    pub param: Option<Pattern>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

// ================================================================================================
// Functions and classes
// ================================================================================================

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FunctionKind {
    /// `function f() {}` declaration or expression.
    Normal,
    /// `=>` function.
    Arrow,
    /// Object-literal or class method (including constructors).
    Method,
    Getter,
    Setter,
    /// A class `constructor` (derived or base).
    Constructor,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Function {
    pub id: Option<Ident>,
    pub kind: FunctionKind,
    pub is_async: bool,
    pub is_generator: bool,
    pub params: Params,
    pub body: FunctionBody,
    /// The body's directive prologue has `"use strict"`.
    pub has_use_strict: bool,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Params {
    pub items: Vec<Pattern>,
    pub rest: Option<P<Pattern>>,
    pub span: Span,
}

impl Params {
    /// IsSimpleParameterList: only plain identifiers, no defaults, patterns or rest.
    pub fn is_simple(&self) -> bool {
        self.rest.is_none() && self.items.iter().all(|p| matches!(p.kind, PatternKind::Ident(_)))
    }
}

#[derive(Clone, PartialEq, Debug)]
pub enum FunctionBody {
    Block(Vec<Stmt>),
    /// Concise arrow body `x => x + 1`.
    Expr(P<Expr>),
}

#[derive(Clone, PartialEq, Debug)]
pub struct Class {
    pub id: Option<Ident>,
    pub super_class: Option<P<Expr>>,
    pub body: Vec<ClassMember>,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub struct ClassMember {
    pub kind: ClassMemberKind,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub enum ClassMemberKind {
    /// A method, getter, setter or the constructor (`func.kind` tells which).
    Method { key: PropKey, is_static: bool, func: P<Function> },
    Field { key: PropKey, is_static: bool, value: Option<P<Expr>> },
    StaticBlock(Vec<Stmt>),
    /// A stray `;` in the class body.
    Empty,
}

// ================================================================================================
// Expressions
// ================================================================================================

#[derive(Clone, PartialEq, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub enum ExprKind {
    This,
    Ident(Ident),
    Null,
    Bool(bool),
    Num { value: f64, legacy_octal: bool },
    BigInt(Box<str>),
    Str { value: JsStr, legacy_octal_escape: bool },
    Regex { body: Box<str>, flags: Box<str> },
    Template(Template),
    TaggedTemplate { tag: P<Expr>, quasi: Template },
    /// `[a, , ...b]`: `None` is a hole.
    Array(Vec<Option<ArrayElement>>),
    Object(Vec<Property>),
    Function(P<Function>),
    Arrow(P<Function>),
    Class(P<Class>),
    Unary { op: UnaryOp, arg: P<Expr> },
    Update { op: UpdateOp, prefix: bool, arg: P<Expr> },
    Binary { op: BinaryOp, left: P<Expr>, right: P<Expr> },
    Logical { op: LogicalOp, left: P<Expr>, right: P<Expr> },
    /// `#x in obj`
    PrivateIn { name: Ident, right: P<Expr> },
    Assign { op: AssignOp, target: P<Pattern>, value: P<Expr> },
    Cond { test: P<Expr>, cons: P<Expr>, alt: P<Expr> },
    Seq(Vec<Expr>),
    Paren(P<Expr>),
    /// `callee(args)`; `optional` for `callee?.(args)`.
    Call { callee: P<Expr>, args: Vec<ArrayElement>, optional: bool },
    New { callee: P<Expr>, args: Option<Vec<ArrayElement>> },
    /// `obj.prop`, `obj[expr]`, `obj.#priv`; `optional` for `obj?.prop`.
    Member { object: P<Expr>, prop: MemberProp, optional: bool },
    /// `super.x` / `super[x]`
    SuperMember(MemberProp),
    /// `super(args)`
    SuperCall(Vec<ArrayElement>),
    /// The whole of an optional chain `a?.b.c` (the chain's short-circuit boundary).
    OptionalChain(P<Expr>),
    Yield { arg: Option<P<Expr>>, delegate: bool },
    Await(P<Expr>),
    NewTarget,
    ImportMeta,
    /// `import(source)` / `import(source, options)`; `phase` for `import.defer(…)` /
    /// `import.source(…)`.
    ImportCall { source: P<Expr>, options: Option<P<Expr>>, phase: ImportPhase },
}

#[derive(Clone, PartialEq, Debug)]
pub struct Template {
    pub quasis: Vec<TemplatePart>,
    pub exprs: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub enum ArrayElement {
    Expr(Expr),
    Spread(Expr),
}

#[derive(Clone, PartialEq, Debug)]
pub enum MemberProp {
    Name(Ident),
    Computed(P<Expr>),
    Private(Ident),
}

#[derive(Clone, PartialEq, Debug)]
pub enum PropKey {
    /// An IdentifierName (reserved words allowed): `{ if: 1 }`.
    Ident(Ident),
    Str(JsStr, Span),
    Num(f64, Span),
    BigInt(Box<str>, Span),
    Computed(P<Expr>),
    /// `#x` (class members only).
    Private(Ident),
}

#[derive(Clone, PartialEq, Debug)]
pub struct Property {
    pub kind: PropertyKind,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub enum PropertyKind {
    /// `key: value`
    Init { key: PropKey, value: P<Expr> },
    /// `{ x }`
    Shorthand(Ident),
    /// `{ x = 1 }`: only valid once the literal becomes a pattern (CoverInitializedName). The
    /// parser reports it as a SyntaxError when it stays an expression.
    CoverInit { name: Ident, default: P<Expr> },
    /// Method, getter or setter (`func.kind`).
    Method { key: PropKey, func: P<Function> },
    /// `...expr`
    Spread(Expr),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnaryOp {
    Minus,
    Plus,
    Not,
    BitNot,
    Typeof,
    Void,
    Delete,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UpdateOp {
    Inc,
    Dec,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinaryOp {
    Eq, NotEq, StrictEq, StrictNotEq, Lt, LtEq, Gt, GtEq,
    Shl, Shr, UShr, Add, Sub, Mul, Div, Mod, Exp,
    BitOr, BitXor, BitAnd, In, Instanceof,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LogicalOp {
    And,
    Or,
    Nullish,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AssignOp {
    Assign,
    Add, Sub, Mul, Div, Mod, Exp, Shl, Shr, UShr, BitOr, BitXor, BitAnd,
    And, Or, Nullish,
}

// ================================================================================================
// Patterns (binding patterns and assignment targets)
// ================================================================================================

#[derive(Clone, PartialEq, Debug)]
pub struct Pattern {
    pub kind: PatternKind,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub enum PatternKind {
    Ident(Ident),
    Object { props: Vec<ObjectPatternProp>, rest: Option<P<Pattern>> },
    /// `None` entries are elisions.
    Array { elems: Vec<Option<Pattern>>, rest: Option<P<Pattern>> },
    /// `target = default` (inside patterns and parameter lists).
    Default { target: P<Pattern>, default: P<Expr> },
    /// A member expression (assignment patterns only), e.g. `[a.b] = …`.
    Expr(P<Expr>),
}

#[derive(Clone, PartialEq, Debug)]
pub struct ObjectPatternProp {
    pub key: PropKey,
    /// For the shorthand `{ x }` / `{ x = 1 }`, an identifier pattern (possibly with a default)
    /// that repeats the key.
    pub value: Pattern,
    pub shorthand: bool,
    pub span: Span,
}

// ================================================================================================
// Modules
// ================================================================================================

/// `import defer` / `import source` (stage 3 proposals parsed for test262) or a plain import.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ImportPhase {
    Evaluation,
    Defer,
    Source,
}

/// `with { type: 'json' }` or the older `assert { … }`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AttributesKeyword {
    With,
    Assert,
}

#[derive(Clone, PartialEq, Debug)]
pub struct ImportAttribute {
    pub key: ModuleExportName,
    pub value: JsStr,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub struct ImportAttributes {
    pub keyword: AttributesKeyword,
    pub list: Vec<ImportAttribute>,
    pub span: Span,
}

#[derive(Clone, PartialEq, Debug)]
pub struct StrLit {
    pub value: JsStr,
    pub span: Span,
}

/// An IdentifierName or a string literal (`export { x as "a-b" }`).
#[derive(Clone, PartialEq, Debug)]
pub enum ModuleExportName {
    Ident(Ident),
    Str(StrLit),
}

impl ModuleExportName {
    pub fn span(&self) -> Span {
        match self {
            ModuleExportName::Ident(i) => i.span,
            ModuleExportName::Str(s) => s.span,
        }
    }
    /// The name as a JS string value.
    pub fn value(&self) -> JsStr {
        match self {
            ModuleExportName::Ident(i) => JsStr::from_str(&i.name),
            ModuleExportName::Str(s) => s.value.clone(),
        }
    }
}

#[derive(Clone, PartialEq, Debug)]
pub struct ImportDecl {
    pub phase: ImportPhase,
    pub specifiers: Vec<ImportSpecifier>,
    pub source: StrLit,
    pub attributes: Option<ImportAttributes>,
}

#[derive(Clone, PartialEq, Debug)]
pub enum ImportSpecifier {
    /// `import x from …`
    Default(Ident),
    /// `import * as ns from …`
    Namespace(Ident),
    /// `import { imported as local } from …`
    Named { imported: ModuleExportName, local: Ident },
}

#[derive(Clone, PartialEq, Debug)]
pub enum ExportDecl {
    /// `export { a, b as c }` and `export { a } from '…'`.
    Named {
        specifiers: Vec<ExportSpecifier>,
        source: Option<StrLit>,
        attributes: Option<ImportAttributes>,
    },
    /// `export * from '…'` and `export * as ns from '…'`.
    All { exported: Option<ModuleExportName>, source: StrLit, attributes: Option<ImportAttributes> },
    /// `export var/let/const/function/class …` (the statement is a declaration).
    Decl(P<Stmt>),
    /// `export default function …` / `export default class …` (possibly anonymous).
    DefaultFunction(P<Function>),
    DefaultClass(P<Class>),
    /// `export default <AssignmentExpression>;`
    DefaultExpr(P<Expr>),
}

#[derive(Clone, PartialEq, Debug)]
pub struct ExportSpecifier {
    pub local: ModuleExportName,
    pub exported: ModuleExportName,
    pub span: Span,
}
