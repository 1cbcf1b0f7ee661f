//! Helpers for the grammar's actions: node construction, the cover grammars (expressions
//! reinterpreted as assignment targets, binding patterns and arrow parameters), directive
//! prologues, and V8's wording for parse errors.

use lalrpop_util::{ErrorRecovery, ParseError};
use modjs_lexer::{Name, Tok};

use crate::adapter::ParseCtx;
use crate::ast::*;
use crate::error::SyntaxError;

pub type PResult<T> = Result<T, ParseError<usize, Tok, SyntaxError>>;

pub fn sp(l: usize, r: usize) -> Span {
    Span::new(l, r)
}

pub fn user<T>(message: impl Into<String>, span: Span) -> PResult<T> {
    Err(ParseError::User { error: SyntaxError::new(message, span) })
}

pub fn ident(n: Name, l: usize, r: usize) -> Ident {
    Ident { name: n.name, span: sp(l, r), escaped: n.escaped }
}

/// An identifier made from a keyword token used as an IdentifierName (`a.if`, `{ class: 1 }`).
pub fn keyword_ident(t: &Tok, l: usize, r: usize) -> Ident {
    Ident { name: t.text().into(), span: sp(l, r), escaped: false }
}

pub fn ex(kind: ExprKind, l: usize, r: usize) -> Expr {
    Expr { kind, span: sp(l, r) }
}

pub fn st(kind: StmtKind, l: usize, r: usize) -> Stmt {
    Stmt { kind, span: sp(l, r) }
}

pub fn bx<T>(t: T) -> Box<T> {
    Box::new(t)
}

/// The first element of a list that the grammar extends one element at a time: room for a
/// few more from the start, instead of regrowing from one.
pub fn list_of<T>(first: T) -> Vec<T> {
    let mut v = Vec::with_capacity(LIST_START_CAPACITY);
    v.push(first);
    v
}

/// What a list rule's `Vec` starts with (Vec's own first growth step).
pub const LIST_START_CAPACITY: usize = 4;

pub fn num_lit(t: Tok) -> ExprKind {
    match t {
        Tok::Num { value, legacy_octal } => ExprKind::Num { value, legacy_octal },
        _ => ExprKind::Null,
    }
}

pub fn str_lit(t: Tok) -> (JsStr, bool) {
    match t {
        Tok::Str { value, legacy_octal_escape } => (value, legacy_octal_escape),
        _ => (JsStr::default(), false),
    }
}

pub fn regex_lit(t: Tok) -> ExprKind {
    match t {
        Tok::Regex(parts) => ExprKind::Regex { body: parts.body, flags: parts.flags },
        _ => ExprKind::Null,
    }
}

pub fn require_word(n: &Name, word: &str, l: usize, r: usize) -> PResult<()> {
    if &*n.name == word && !n.escaped {
        Ok(())
    } else if &*n.name == word {
        user("Keyword must not contain escaped characters", sp(l, r))
    } else {
        user(format!("Unexpected identifier '{}'", n.name), sp(l, r))
    }
}

pub fn binary(op: BinaryOp, a: Expr, b: Expr) -> Expr {
    let span = a.span.to(b.span);
    Expr { kind: ExprKind::Binary { op, left: bx(a), right: bx(b) }, span }
}

pub fn logical(op: LogicalOp, a: Expr, b: Expr) -> Expr {
    let span = a.span.to(b.span);
    Expr { kind: ExprKind::Logical { op, left: bx(a), right: bx(b) }, span }
}

// ---------------------------------------------------------------------------------------------
// Cover grammars
// ---------------------------------------------------------------------------------------------

/// Is `e` a valid simple assignment target (AssignmentTargetType simple)?
fn is_simple_target(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Ident(_) => true,
        ExprKind::Member { .. } | ExprKind::SuperMember(_) => true,
        ExprKind::Paren(inner) => is_simple_target(inner),
        _ => false,
    }
}

fn strip_parens(e: Expr) -> Expr {
    match e.kind {
        ExprKind::Paren(inner) => strip_parens(*inner),
        _ => e,
    }
}

/// The target of `++x`, `x += 1` and friends: must be simple.
pub fn simple_target(e: Expr, what: &str) -> PResult<Expr> {
    if is_simple_target(&e) {
        Ok(e)
    } else {
        let span = e.span;
        user(format!("Invalid left-hand side {what}"), span)
    }
}

/// An expression used as the target of `=` or of `for-in`/`for-of`: object and array literals
/// become destructuring patterns (AssignmentPattern), everything else must be simple.
pub fn assignment_target(e: Expr, msg: &str) -> PResult<Pattern> {
    let span = e.span;
    match e.kind {
        ExprKind::Object(_) | ExprKind::Array(_) => to_pattern(e, false, msg),
        _ if is_simple_target(&e) => {
            let e = strip_parens(e);
            match e.kind {
                ExprKind::Ident(id) => Ok(Pattern { kind: PatternKind::Ident(id), span }),
                _ => Ok(Pattern { kind: PatternKind::Expr(bx(e)), span }),
            }
        }
        _ => user(msg.to_string(), span),
    }
}

/// An object/array literal used as a binding pattern (`let {a} = …`, parameters).
pub fn binding_target(e: Expr) -> PResult<Pattern> {
    to_pattern(e, true, "Invalid destructuring assignment target")
}

/// Converts an expression to a pattern. `binding`: only identifiers may be bound (no member
/// expressions, no parentheses).
fn to_pattern(e: Expr, binding: bool, msg: &str) -> PResult<Pattern> {
    let span = e.span;
    match e.kind {
        ExprKind::Ident(id) => Ok(Pattern { kind: PatternKind::Ident(id), span }),
        ExprKind::Object(props) => {
            let mut out = Vec::with_capacity(props.len());
            let mut rest = None;
            let n = props.len();
            for (i, p) in props.into_iter().enumerate() {
                let pspan = p.span;
                match p.kind {
                    PropertyKind::Init { key, value } => {
                        let value = element_pattern(*value, binding, msg)?;
                        out.push(ObjectPatternProp { key, value, shorthand: false, span: pspan });
                    }
                    PropertyKind::Shorthand(id) => {
                        let value = Pattern { kind: PatternKind::Ident(id.clone()), span: id.span };
                        out.push(ObjectPatternProp {
                            key: PropKey::Ident(id),
                            value,
                            shorthand: true,
                            span: pspan,
                        });
                    }
                    PropertyKind::CoverInit { name, default } => {
                        let target = Pattern { kind: PatternKind::Ident(name.clone()), span: name.span };
                        let value = Pattern {
                            kind: PatternKind::Default { target: bx(target), default },
                            span: pspan,
                        };
                        out.push(ObjectPatternProp {
                            key: PropKey::Ident(name),
                            value,
                            shorthand: true,
                            span: pspan,
                        });
                    }
                    PropertyKind::Spread(arg) => {
                        if i + 1 != n {
                            return user("Rest element must be last element", pspan);
                        }
                        let t = if binding {
                            match arg.kind {
                                ExprKind::Ident(_) => to_pattern(arg, true, msg)?,
                                _ => return user("`...` must be followed by an identifier in declaration contexts", arg.span),
                            }
                        } else {
                            match &arg.kind {
                                ExprKind::Object(_) | ExprKind::Array(_) => {
                                    return user("`...` must be followed by an assignable reference in assignment contexts", arg.span)
                                }
                                _ => assignment_target(arg, msg)?,
                            }
                        };
                        rest = Some(bx(t));
                    }
                    PropertyKind::Method { .. } => return user(msg.to_string(), pspan),
                }
            }
            Ok(Pattern { kind: PatternKind::Object { props: out, rest }, span })
        }
        ExprKind::Array(elems) => {
            let mut out = Vec::with_capacity(elems.len());
            let mut rest = None;
            let n = elems.len();
            for (i, el) in elems.into_iter().enumerate() {
                match el {
                    None => out.push(None),
                    Some(ArrayElement::Expr(x)) => out.push(Some(element_pattern(x, binding, msg)?)),
                    Some(ArrayElement::Spread(x)) => {
                        if i + 1 != n {
                            return user("Rest element must be last element", x.span);
                        }
                        if let ExprKind::Assign { .. } = x.kind {
                            return user("Rest element may not have a default initializer", x.span);
                        }
                        rest = Some(bx(element_pattern(x, binding, msg)?));
                    }
                }
            }
            Ok(Pattern { kind: PatternKind::Array { elems: out, rest }, span })
        }
        _ if !binding => assignment_target(e, msg),
        _ => user(msg.to_string(), span),
    }
}

/// One element of a destructuring pattern: a target with an optional `= default`.
fn element_pattern(e: Expr, binding: bool, msg: &str) -> PResult<Pattern> {
    let span = e.span;
    match e.kind {
        ExprKind::Assign { op: AssignOp::Assign, target, value } => {
            // `target` was already converted when the assignment was parsed; in a binding
            // context it must not contain member expressions.
            let target = if binding { pattern_to_binding(*target, msg)? } else { *target };
            Ok(Pattern { kind: PatternKind::Default { target: bx(target), default: value }, span })
        }
        _ if binding => to_pattern(e, true, msg),
        ExprKind::Object(_) | ExprKind::Array(_) => to_pattern(e, false, msg),
        _ => assignment_target(e, msg),
    }
}

/// Re-checks an assignment pattern for use as a binding pattern: no member-expression targets
/// anywhere inside it.
fn pattern_to_binding(p: Pattern, msg: &str) -> PResult<Pattern> {
    check_binding(&p, msg)?;
    Ok(p)
}

fn check_binding(p: &Pattern, msg: &str) -> PResult<()> {
    match &p.kind {
        PatternKind::Expr(e) => user(msg.to_string(), e.span),
        PatternKind::Ident(_) => Ok(()),
        PatternKind::Object { props, rest } => {
            for pr in props {
                check_binding(&pr.value, msg)?;
            }
            if let Some(r) = rest {
                check_binding(r, msg)?;
            }
            Ok(())
        }
        PatternKind::Array { elems, rest } => {
            for el in elems.iter().flatten() {
                check_binding(el, msg)?;
            }
            if let Some(r) = rest {
                check_binding(r, msg)?;
            }
            Ok(())
        }
        PatternKind::Default { target, .. } => check_binding(target, msg),
    }
}

/// The parenthesised cover `( … )` before it is known to be an expression or arrow parameters.
///
/// Like [`ForHeadParts`], it sits on the parser's value stack, whose slots are as large as the
/// largest value type: expressions inside it are boxed.
pub struct Cover {
    pub items: Vec<Expr>,
    pub rest: Option<Box<Expr>>,
    pub trailing_comma: bool,
    pub span: Span,
}

/// CoverParenthesizedExpressionAndArrowParameterList as a ParenthesizedExpression.
pub fn cover_to_expr(c: Cover) -> PResult<Expr> {
    if let Some(rest) = c.rest {
        return user("Unexpected token '...'", Span::new((rest.span.start as usize).saturating_sub(3), rest.span.start as usize));
    }
    if c.items.is_empty() {
        return user("Unexpected token ')'", Span::new((c.span.end as usize).saturating_sub(1), c.span.end as usize));
    }
    if c.trailing_comma {
        return user("Unexpected token ')'", Span::new((c.span.end as usize).saturating_sub(1), c.span.end as usize));
    }
    let mut items = c.items;
    let inner = if items.len() == 1 {
        items.pop().unwrap_or(Expr { kind: ExprKind::Null, span: c.span })
    } else {
        let span = items[0].span.to(items[items.len() - 1].span);
        Expr { kind: ExprKind::Seq(items), span }
    };
    Ok(Expr { kind: ExprKind::Paren(bx(inner)), span: c.span })
}

/// Arrow parameters from a parenthesised cover.
pub fn cover_to_params(c: Cover) -> PResult<Params> {
    let mut items = Vec::with_capacity(c.items.len());
    for e in c.items {
        items.push(param_pattern(e)?);
    }
    let rest = match c.rest {
        Some(r) => Some(bx(rest_param(*r)?)),
        None => None,
    };
    Ok(Params { items, rest, span: c.span })
}

fn param_pattern(e: Expr) -> PResult<Pattern> {
    let span = e.span;
    match e.kind {
        ExprKind::Ident(id) => Ok(Pattern { kind: PatternKind::Ident(id), span }),
        ExprKind::Assign { op: AssignOp::Assign, target, value } => {
            let target = pattern_to_binding(*target, "Invalid destructuring assignment target")?;
            Ok(Pattern { kind: PatternKind::Default { target: bx(target), default: value }, span })
        }
        ExprKind::Object(_) | ExprKind::Array(_) => binding_target(e),
        ExprKind::Await(_) => user("Illegal await-expression in formal parameters of async function", span),
        _ => user("Invalid destructuring assignment target", span),
    }
}

pub fn rest_param(e: Expr) -> PResult<Pattern> {
    let span = e.span;
    match e.kind {
        ExprKind::Ident(id) => Ok(Pattern { kind: PatternKind::Ident(id), span }),
        ExprKind::Object(_) | ExprKind::Array(_) => binding_target(e),
        _ => user("Invalid destructuring assignment target", span),
    }
}

/// Arrow parameters from `async(…)` (CoverCallExpressionAndAsyncArrowHead).
pub fn call_to_async_params(callee: Expr, args: Vec<ArrayElement>, span: Span) -> PResult<Params> {
    match &callee.kind {
        ExprKind::Ident(id) if &*id.name == "async" && !id.escaped => {}
        _ => return user("Malformed arrow function parameter list", span),
    }
    let mut items = Vec::new();
    let mut rest = None;
    let n = args.len();
    for (i, a) in args.into_iter().enumerate() {
        match a {
            ArrayElement::Expr(e) => items.push(param_pattern(e)?),
            ArrayElement::Spread(e) => {
                if i + 1 != n {
                    return user("Rest parameter must be last formal parameter", e.span);
                }
                rest = Some(bx(rest_param(e)?));
            }
        }
    }
    Ok(Params { items, rest, span })
}

// ---------------------------------------------------------------------------------------------
// Directive prologues
// ---------------------------------------------------------------------------------------------

/// Does the directive prologue of `body` contain a Use Strict Directive (the exact code units
/// `"use strict"` or `'use strict'`)?
pub fn has_use_strict(body: &[Stmt], src: &str) -> bool {
    for s in body {
        match &s.kind {
            StmtKind::Expr(e) => match &e.kind {
                ExprKind::Str { .. } => {
                    let raw = src.get(e.span.start as usize..e.span.end as usize).unwrap_or("");
                    if raw == "'use strict'" || raw == "\"use strict\"" {
                        return true;
                    }
                }
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Automatic semicolon insertion (ECMA-262 §12.10)
// ---------------------------------------------------------------------------------------------

/// Decides whether the error the parser recovered from is a place where a semicolon may be
/// inserted: nothing was popped or dropped, and the offending token is `}`, the end of input,
/// or preceded by a line terminator (§12.10.1 rules 1 and 2). `do_while`: rule 1's extra case
/// after the `)` of a do-while statement.
pub fn automatic_semicolon(
    ctx: &ParseCtx,
    e: ErrorRecovery<usize, Tok, SyntaxError>,
    bang_start: usize,
    do_while: bool,
) -> PResult<()> {
    if !e.dropped_tokens.is_empty() {
        return Err(e.error);
    }
    match &e.error {
        ParseError::UnrecognizedEof { .. } => Ok(()),
        ParseError::UnrecognizedToken { token: (l, tok, _), .. } => {
            let prev_end = ctx.end_before(*l).unwrap_or(*l);
            if bang_start < prev_end {
                // States were popped: this is not an insertion point.
                return Err(e.error);
            }
            if do_while || *tok == Tok::RBrace || ctx.newline_between(prev_end, *l) {
                Ok(())
            } else {
                Err(e.error)
            }
        }
        _ => Err(e.error),
    }
}

/// V8's message for an unexpected token.
pub fn unexpected_message(tok: &Tok, ctx: &ParseCtx, l: usize, r: usize) -> String {
    let text = ctx.src.get(l..r).unwrap_or("");
    match tok {
        Tok::Eof => "Unexpected end of input".into(),
        Tok::Ident(n) => {
            if is_strict_reserved(&n.name) {
                "Unexpected strict mode reserved word".into()
            } else {
                format!("Unexpected identifier '{}'", n.name)
            }
        }
        Tok::Num { .. } | Tok::BigInt(_) => "Unexpected number".into(),
        Tok::Str { .. } => "Unexpected string".into(),
        Tok::NoSubstitutionTemplate(_) | Tok::TemplateHead(_) | Tok::TemplateMiddle(_) | Tok::TemplateTail(_) => {
            "Unexpected template string".into()
        }
        Tok::Regex(_) => "Unexpected regular expression".into(),
        Tok::PrivateName(_) => format!("Unexpected identifier '{}'", text),
        Tok::AutoSemi => "Unexpected token ';'".into(),
        Tok::Let | Tok::Static | Tok::Yield | Tok::YieldNoOperand => "Unexpected strict mode reserved word".into(),
        Tok::Await => "Unexpected reserved word".into(),
        _ => format!("Unexpected token '{}'", tok.text()),
    }
}

fn is_strict_reserved(s: &str) -> bool {
    matches!(s, "implements" | "interface" | "let" | "package" | "private" | "protected" | "public" | "static" | "yield")
}

/// Turns lalrpop's error into a SyntaxError with V8's wording and the offending span.
pub fn convert_error(e: ParseError<usize, Tok, SyntaxError>, ctx: &ParseCtx) -> SyntaxError {
    match e {
        ParseError::User { error } => error,
        ParseError::UnrecognizedToken { token: (l, tok, r), .. } => {
            if let Some(at) = await_used_as_operator(&tok, ctx, l) {
                return SyntaxError::new(
                    "await is only valid in async functions and the top level bodies of modules",
                    at,
                );
            }
            SyntaxError::new(unexpected_message(&tok, ctx, l, r), Span::new(l, r))
        }
        ParseError::UnrecognizedEof { location, .. } => {
            SyntaxError::new("Unexpected end of input", Span::new(location, location))
        }
        ParseError::InvalidToken { location } => {
            SyntaxError::new("Invalid or unexpected token", Span::new(location, location + 1))
        }
        ParseError::ExtraToken { token: (l, tok, r) } => {
            SyntaxError::new(unexpected_message(&tok, ctx, l, r), Span::new(l, r))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Node builders used by several productions
// ---------------------------------------------------------------------------------------------

pub fn unary(op: UnaryOp, a: Expr, l: usize, r: usize) -> Expr {
    ex(ExprKind::Unary { op, arg: bx(a) }, l, r)
}

pub fn update(op: UpdateOp, prefix: bool, a: Expr, l: usize, r: usize) -> PResult<Expr> {
    let what = if prefix { "expression in prefix operation" } else { "expression in postfix operation" };
    let a = simple_target(a, what)?;
    Ok(ex(ExprKind::Update { op, prefix, arg: bx(a) }, l, r))
}

/// A declaration with one binding (the left side of for-in/for-of).
pub fn single_decl(kind: VarKind, target: Pattern, init: Option<Expr>, l: usize, r: usize) -> VarDecl {
    let span = sp(l, r);
    VarDecl { kind, decls: vec![VarDeclarator { target, init: init.map(bx), span }], span }
}

/// The head of a `for` statement, waiting for its body.
///
/// Every parser stack slot is as large as the largest value type of the grammar, and every
/// shift and reduction moves whole slots: the expressions are boxed here so that this type
/// stays below the size of an expression (unboxed it was the largest type, by far).
pub enum ForHeadParts {
    For(Option<ForInit>, Option<Box<Expr>>, Option<Box<Expr>>),
    In(ForHead, Box<Expr>),
    /// `bool`: `for await`.
    Of(ForHead, Box<Expr>, bool),
}

impl ForHeadParts {
    pub fn finish(self, body: Stmt, l: usize, r: usize) -> Stmt {
        let body = bx(body);
        let kind = match self {
            ForHeadParts::For(init, test, update) => {
                StmtKind::For { init: init.map(bx), test, update, body }
            }
            ForHeadParts::In(left, right) => StmtKind::ForIn { left: bx(left), right, body },
            ForHeadParts::Of(left, right, is_await) => {
                StmtKind::ForOf { left: bx(left), right, body, is_await }
            }
        };
        st(kind, l, r)
    }
}

pub fn method_fn(
    kind: FunctionKind,
    is_async: bool,
    is_generator: bool,
    params: Params,
    body: (Vec<Stmt>, bool),
    l: usize,
    r: usize,
) -> Function {
    Function {
        id: None,
        kind,
        is_async,
        is_generator,
        params,
        body: FunctionBody::Block(body.0),
        has_use_strict: body.1,
        span: sp(l, r),
    }
}

/// A class method; a non-static method named `constructor` is the class constructor.
pub fn method_member(m: (PropKey, Function), is_static: bool, l: usize, r: usize) -> ClassMember {
    let (key, mut func) = m;
    let is_ctor_name = match &key {
        PropKey::Ident(i) => &*i.name == "constructor",
        PropKey::Str(s, _) => s.eq_str("constructor"),
        _ => false,
    };
    if !is_static && is_ctor_name && func.kind == FunctionKind::Method && !func.is_async && !func.is_generator {
        func.kind = FunctionKind::Constructor;
    }
    ClassMember { kind: ClassMemberKind::Method { key, is_static, func: bx(func) }, span: sp(l, r) }
}

pub enum ArrowBodyParts {
    Block((Vec<Stmt>, bool)),
    Expr(Expr),
}

pub fn arrow(params: Params, is_async: bool, body: ArrowBodyParts, l: usize, r: usize) -> Expr {
    let (body, has_use_strict) = match body {
        ArrowBodyParts::Block((b, s)) => (FunctionBody::Block(b), s),
        ArrowBodyParts::Expr(e) => (FunctionBody::Expr(bx(e)), false),
    };
    let f = Function {
        id: None,
        kind: FunctionKind::Arrow,
        is_async,
        is_generator: false,
        params,
        body,
        has_use_strict,
        span: sp(l, r),
    };
    ex(ExprKind::Arrow(bx(f)), l, r)
}

/// `import.meta`, or the callee part of `import.defer(…)` / `import.source(…)` (completed by
/// [`call`]).
pub fn import_meta_or_phase(ctx: &ParseCtx, n: Name, l: usize, nl: usize, r: usize) -> PResult<Expr> {
    if n.escaped {
        return user("Keyword must not contain escaped characters", sp(nl, r));
    }
    let phase = match &*n.name {
        "meta" => return Ok(ex(ExprKind::ImportMeta, l, r)),
        "defer" => ImportPhase::Defer,
        "source" => ImportPhase::Source,
        _ => return user(format!("Unexpected identifier '{}'", n.name), sp(nl, r)),
    };
    ctx.pending_phase_calls.set(ctx.pending_phase_calls.get() + 1);
    let placeholder = ex(ExprKind::Null, r, r);
    Ok(ex(ExprKind::ImportCall { source: bx(placeholder), options: None, phase }, l, r))
}

fn is_phase_placeholder(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::ImportCall { source, phase, .. }
        if *phase != ImportPhase::Evaluation && matches!(source.kind, ExprKind::Null) && source.span.start == e.span.end)
}

/// `callee(args)`; completes `import.defer(…)` / `import.source(…)`.
pub fn call(ctx: &ParseCtx, callee: Expr, args: Vec<ArrayElement>, l: usize, r: usize) -> PResult<Expr> {
    if is_phase_placeholder(&callee) {
        ctx.pending_phase_calls.set(ctx.pending_phase_calls.get().saturating_sub(1));
        let phase = match callee.kind {
            ExprKind::ImportCall { phase, .. } => phase,
            _ => ImportPhase::Evaluation,
        };
        let mut it = args.into_iter();
        let source = match it.next() {
            Some(ArrayElement::Expr(e)) => e,
            _ => return user("Unexpected token ')'", sp(r.saturating_sub(1), r)),
        };
        if it.next().is_some() {
            return user("Unexpected token ','", sp(l, r));
        }
        return Ok(ex(ExprKind::ImportCall { source: bx(source), options: None, phase }, l, r));
    }
    Ok(ex(ExprKind::Call { callee: bx(callee), args, optional: false }, l, r))
}

/// One link of an optional chain: `?.x`, `.x`, `?.(…)`, `(…)`, with its end offset.
pub enum ChainLink {
    Member(MemberProp, bool, usize),
    Call(Vec<ArrayElement>, bool, usize),
}

/// Folds the links onto `base` and wraps the result as one OptionalChain node.
pub fn optional_chain(base: Expr, links: Vec<ChainLink>, l: usize, r: usize) -> Expr {
    let mut e = match base.kind {
        ExprKind::OptionalChain(inner) => *inner,
        _ => base,
    };
    for link in links {
        e = match link {
            ChainLink::Member(prop, optional, end) => {
                ex(ExprKind::Member { object: bx(e), prop, optional }, l, end)
            }
            ChainLink::Call(args, optional, end) => {
                ex(ExprKind::Call { callee: bx(e), args, optional }, l, end)
            }
        };
    }
    ex(ExprKind::OptionalChain(bx(e)), l, r)
}

/// Annex B.3.3/B.3.4 allow only plain function declarations as the body of `if` or a label;
/// async functions and generators there are SyntaxErrors.
pub fn plain_function_only(s: &Stmt) -> PResult<()> {
    if let StmtKind::Function(f) = &s.kind {
        if f.is_async || f.is_generator {
            let what = if f.is_async { "Async functions" } else { "Generators" };
            return user(
                format!("{what} can only be declared at the top level or inside a block."),
                s.span,
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Binary expressions by precedence (§13.6–§13.13)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOpTok {
    Nullish,
    Or,
    And,
    Bin(BinaryOp),
}

impl BinOpTok {
    /// Binding power: higher binds tighter. `??` shares the lowest level with `||`; mixing
    /// them without parentheses is rejected when the nodes are built.
    fn precedence(self) -> u8 {
        match self {
            BinOpTok::Nullish | BinOpTok::Or => 1,
            BinOpTok::And => 2,
            BinOpTok::Bin(op) => match op {
                BinaryOp::BitOr => 3,
                BinaryOp::BitXor => 4,
                BinaryOp::BitAnd => 5,
                BinaryOp::Eq | BinaryOp::NotEq | BinaryOp::StrictEq | BinaryOp::StrictNotEq => 6,
                BinaryOp::Lt
                | BinaryOp::Gt
                | BinaryOp::LtEq
                | BinaryOp::GtEq
                | BinaryOp::Instanceof
                | BinaryOp::In => 7,
                BinaryOp::Shl | BinaryOp::Shr | BinaryOp::UShr => 8,
                BinaryOp::Add | BinaryOp::Sub => 9,
                BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 10,
                BinaryOp::Exp => 11,
            },
        }
    }
}

fn is_private_operand(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::PrivateIn { right, .. } if right.span.start == e.span.end && matches!(right.kind, ExprKind::Null))
}

fn is_logical(e: &Expr, nullish: bool) -> bool {
    match &e.kind {
        ExprKind::Logical { op: LogicalOp::Nullish, .. } => nullish,
        ExprKind::Logical { .. } => !nullish,
        _ => false,
    }
}

/// Combines two operands with one operator, enforcing the grammar's restrictions that the
/// flat parse cannot: `??` is not mixed with `||`/`&&`, a unary expression is not the base of
/// `**`, and `#x` stands only on the left of `in`.
fn combine(op: BinOpTok, a: Expr, b: Expr) -> PResult<Expr> {
    if is_private_operand(&b) {
        return user(format!("Unexpected identifier '#{}'", private_name(&b)), b.span);
    }
    if is_private_operand(&a) && op != BinOpTok::Bin(BinaryOp::In) {
        return user(format!("Unexpected identifier '#{}'", private_name(&a)), a.span);
    }
    match op {
        BinOpTok::Nullish => {
            if is_logical(&a, false) || is_logical(&b, false) {
                return user("Unexpected token '??'", a.span.to(b.span));
            }
            Ok(logical(LogicalOp::Nullish, a, b))
        }
        BinOpTok::Or | BinOpTok::And => {
            if is_logical(&a, true) || is_logical(&b, true) {
                let t = if op == BinOpTok::Or { "||" } else { "&&" };
                return user(format!("Unexpected token '{t}'"), a.span.to(b.span));
            }
            let lop = if op == BinOpTok::Or { LogicalOp::Or } else { LogicalOp::And };
            Ok(logical(lop, a, b))
        }
        BinOpTok::Bin(BinaryOp::Exp) => {
            if matches!(a.kind, ExprKind::Unary { .. } | ExprKind::Await(_)) {
                return user(
                    "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence",
                    a.span,
                );
            }
            Ok(binary(BinaryOp::Exp, a, b))
        }
        BinOpTok::Bin(BinaryOp::In) if is_private_operand(&a) => {
            let span = a.span.to(b.span);
            let name = match a.kind {
                ExprKind::PrivateIn { name, .. } => name,
                _ => return user("Unexpected token 'in'", span),
            };
            Ok(Expr { kind: ExprKind::PrivateIn { name, right: bx(b) }, span })
        }
        BinOpTok::Bin(op) => Ok(binary(op, a, b)),
    }
}

fn private_name(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::PrivateIn { name, .. } => &name.name,
        _ => "",
    }
}

/// Arranges `first op1 e1 op2 e2 …` into a tree by precedence (left-associative, except `**`).
/// Iterative (an explicit operand/operator stack), so long chains need no recursion.
pub fn binary_expression(first: Expr, rest: Vec<(BinOpTok, Expr)>) -> PResult<Expr> {
    // Most binary expressions have one operator: no precedence to arrange, no stacks.
    if rest.len() == 1 {
        if let Some((op, second)) = rest.into_iter().next() {
            let e = combine(op, first, second)?;
            if is_private_operand(&e) {
                return user(format!("Unexpected identifier '#{}'", private_name(&e)), e.span);
            }
            return Ok(e);
        }
        return user("Unexpected end of input", Span::default());
    }
    let mut operands: Vec<Expr> = Vec::with_capacity(rest.len() + 1);
    let mut operators: Vec<BinOpTok> = Vec::with_capacity(rest.len());
    operands.push(first);
    for (op, e) in rest {
        let p = op.precedence();
        while let Some(&top) = operators.last() {
            let tp = top.precedence();
            // `**` is right-associative: an equal-precedence `**` on the stack waits.
            let reduce = tp > p || (tp == p && op != BinOpTok::Bin(BinaryOp::Exp));
            if !reduce {
                break;
            }
            operators.pop();
            let b = operands.pop();
            let a = operands.pop();
            if let (Some(a), Some(b)) = (a, b) {
                operands.push(combine(top, a, b)?);
            }
        }
        operators.push(op);
        operands.push(e);
    }
    while let Some(top) = operators.pop() {
        let b = operands.pop();
        let a = operands.pop();
        if let (Some(a), Some(b)) = (a, b) {
            operands.push(combine(top, a, b)?);
        }
    }
    match operands.pop() {
        Some(e) if !is_private_operand(&e) => Ok(e),
        Some(e) => user(format!("Unexpected identifier '#{}'", private_name(&e)), e.span),
        None => user("Unexpected end of input", Span::default()),
    }
}

/// `for (let of …)` and `for (async of …)` are not for-of loops over a variable named `let` or
/// `async` (§14.7.5: the lookahead restrictions of ForInOfStatement); `for await (async of …)`
/// is allowed.
pub fn for_of_lhs_not_let_or_async(lhs: &Expr, is_await: bool) -> PResult<()> {
    if let ExprKind::Ident(id) = &lhs.kind {
        if !id.escaped && (&*id.name == "let" || (&*id.name == "async" && !is_await)) {
            return user(format!("The left-hand side of a for-of loop may not be '{}'.", id.name), id.span);
        }
    }
    Ok(())
}

/// `await x` outside async code: the identifier `await` directly followed by the start of an
/// operand. V8 reports this case by name (and underlines `await`) instead of the operand.
fn await_used_as_operator(tok: &Tok, ctx: &ParseCtx, l: usize) -> Option<Span> {
    let starts_operand = matches!(
        tok,
        Tok::Ident(_)
            | Tok::Num { .. }
            | Tok::Str { .. }
            | Tok::BigInt(_)
            | Tok::This
            | Tok::New
            | Tok::Null
            | Tok::True
            | Tok::False
            | Tok::Function
            | Tok::Class
            | Tok::Typeof
            | Tok::Void
            | Tok::Delete
            | Tok::Bang
            | Tok::Tilde
    );
    if !starts_operand {
        return None;
    }
    let before = ctx.src.get(..l)?.trim_end_matches([' ', '\t']);
    let start = before.strip_suffix("await").map(|rest| rest.len())?;
    let boundary = before[..start].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$'));
    boundary.then(|| Span::new(start, start + 5))
}
