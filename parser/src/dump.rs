//! A readable, deterministic dump of the AST — what `modjs parse --ast` prints.
//!
//! One node per line, children indented by two spaces. Each line reads
//!
//! ```text
//! label: Kind details @startLine:startCol-endLine:endCol
//! ```
//!
//! where `Kind` is the name of the node's variant in [`crate::ast`] (so a reader can look it up;
//! patterns — binding patterns and assignment targets, [`PatternKind`] — are prefixed `Pat`),
//! `label` names the field of the parent that holds the node (left out for list items), and the
//! span uses Node's conventions: 1-based lines, 0-based columns counted in UTF-16 code units.
//! String values are printed JSON-escaped in double quotes; numbers the way JavaScript prints
//! them (`0.1`, `1e+21`).
//!
//! The dump recurses as deep as the tree is: callers that may hold very deep trees run it on a
//! thread with a large stack (the CLI does).

use std::fmt::Write as _;

use modjs_lexer::LineIndex;

use crate::ast::*;

/// Dumps a whole Script or Module. `src` must be the text `program` was parsed from (it is
/// used only to turn byte offsets into lines and columns).
pub fn dump_program(program: &Program, src: &str) -> String {
    let mut d = Dumper { out: String::new(), src, index: LineIndex::new(src), depth: 0 };
    d.program(program);
    d.out
}

struct Dumper<'a> {
    out: String,
    src: &'a str,
    index: LineIndex,
    depth: usize,
}

/// A JavaScript string value, JSON-escaped and quoted.
fn js(s: &JsStr) -> String {
    format!("{s:?}")
}

/// Rust text, JSON-escaped and quoted.
fn quoted(s: &str) -> String {
    js(&JsStr::from_str(s))
}

/// Number::toString(10) (ECMA-262 §6.1.6.1.20) for the values a literal can have.
pub fn number_to_string(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if v < 0.0 {
        return format!("-{}", number_to_string(-v));
    }
    // Rust's `{:e}` gives the shortest digits that round-trip: "d.ddde±x".
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let k = digits.len() as i64;
    // n: the position of the decimal point relative to the digits (value = 0.digits × 10^n).
    let n = exp.parse::<i64>().unwrap_or(0) + 1;
    if k <= n && n <= 21 {
        // The digits followed by n − k zeros.
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let sign = if e < 0 { '-' } else { '+' };
        if k == 1 {
            format!("{digits}e{sign}{}", e.abs())
        } else {
            format!("{}.{}e{sign}{}", &digits[..1], &digits[1..], e.abs())
        }
    }
}

fn unary_op(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Minus => "-",
        UnaryOp::Plus => "+",
        UnaryOp::Not => "!",
        UnaryOp::BitNot => "~",
        UnaryOp::Typeof => "typeof",
        UnaryOp::Void => "void",
        UnaryOp::Delete => "delete",
    }
}

fn binary_op(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Eq => "==",
        BinaryOp::NotEq => "!=",
        BinaryOp::StrictEq => "===",
        BinaryOp::StrictNotEq => "!==",
        BinaryOp::Lt => "<",
        BinaryOp::LtEq => "<=",
        BinaryOp::Gt => ">",
        BinaryOp::GtEq => ">=",
        BinaryOp::Shl => "<<",
        BinaryOp::Shr => ">>",
        BinaryOp::UShr => ">>>",
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        BinaryOp::Mod => "%",
        BinaryOp::Exp => "**",
        BinaryOp::BitOr => "|",
        BinaryOp::BitXor => "^",
        BinaryOp::BitAnd => "&",
        BinaryOp::In => "in",
        BinaryOp::Instanceof => "instanceof",
    }
}

fn logical_op(op: LogicalOp) -> &'static str {
    match op {
        LogicalOp::And => "&&",
        LogicalOp::Or => "||",
        LogicalOp::Nullish => "??",
    }
}

fn assign_op(op: AssignOp) -> &'static str {
    match op {
        AssignOp::Assign => "=",
        AssignOp::Add => "+=",
        AssignOp::Sub => "-=",
        AssignOp::Mul => "*=",
        AssignOp::Div => "/=",
        AssignOp::Mod => "%=",
        AssignOp::Exp => "**=",
        AssignOp::Shl => "<<=",
        AssignOp::Shr => ">>=",
        AssignOp::UShr => ">>>=",
        AssignOp::BitOr => "|=",
        AssignOp::BitXor => "^=",
        AssignOp::BitAnd => "&=",
        AssignOp::And => "&&=",
        AssignOp::Or => "||=",
        AssignOp::Nullish => "??=",
    }
}

fn var_kind(k: VarKind) -> &'static str {
    match k {
        VarKind::Var => "var",
        VarKind::Let => "let",
        VarKind::Const => "const",
    }
}

fn phase(p: ImportPhase) -> &'static str {
    match p {
        ImportPhase::Evaluation => "",
        ImportPhase::Defer => " defer",
        ImportPhase::Source => " source",
    }
}

fn escaped(id: &Ident) -> &'static str {
    if id.escaped {
        " (escaped)"
    } else {
        ""
    }
}

impl<'a> Dumper<'a> {
    fn pos(&self, offset: u32) -> String {
        let (l, c) = self.index.line_col(self.src, offset as usize);
        format!("{l}:{c}")
    }

    /// Writes one node line: `label: text @span`.
    fn line(&mut self, label: Option<&str>, text: &str, span: Option<Span>) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        if let Some(label) = label {
            self.out.push_str(label);
            self.out.push_str(": ");
        }
        self.out.push_str(text);
        if let Some(span) = span {
            let (a, b) = (self.pos(span.start), self.pos(span.end));
            let _ = write!(self.out, " @{a}-{b}");
        }
        self.out.push('\n');
    }

    /// Runs `f` one level deeper.
    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }

    /// A labelled list: `label:` then one item per line, or `label: []` when empty.
    fn list<T>(&mut self, label: &str, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        if items.is_empty() {
            self.line(Some(label), "[]", None);
            return;
        }
        self.line(Some(label), &format!("({})", items.len()), None);
        self.nested(|d| {
            for item in items {
                f(d, item);
            }
        });
    }

    fn ident(&mut self, label: Option<&str>, id: &Ident) {
        self.line(label, &format!("Ident {}{}", id.name, escaped(id)), Some(id.span));
    }

    // ----- program and statements ---------------------------------------------------------

    fn program(&mut self, p: &Program) {
        let goal = match p.goal {
            Goal::Script => "Script",
            Goal::Module => "Module",
        };
        let strict = if p.strict { " strict" } else { "" };
        self.line(None, &format!("Program {goal}{strict}"), Some(p.span));
        self.nested(|d| {
            for s in &p.body {
                d.stmt(None, s);
            }
        });
    }

    fn body(&mut self, label: &str, stmts: &[Stmt]) {
        self.list(label, stmts, |d, s| d.stmt(None, s));
    }

    fn stmt(&mut self, label: Option<&str>, s: &Stmt) {
        let span = Some(s.span);
        match &s.kind {
            StmtKind::Var(decl) => self.var_decl(label, decl),
            StmtKind::Function(f) => self.function(label, "Function", f),
            StmtKind::Class(c) => self.class(label, c),
            StmtKind::Expr(e) => {
                self.line(label, "ExprStmt", span);
                self.nested(|d| d.expr(None, e));
            }
            StmtKind::Block(stmts) => {
                self.line(label, &format!("Block ({})", stmts.len()), span);
                self.nested(|d| {
                    for s in stmts {
                        d.stmt(None, s);
                    }
                });
            }
            StmtKind::Empty => self.line(label, "Empty", span),
            StmtKind::Debugger => self.line(label, "Debugger", span),
            StmtKind::If { test, cons, alt } => {
                self.line(label, "If", span);
                self.nested(|d| {
                    d.expr(Some("test"), test);
                    d.stmt(Some("cons"), cons);
                    if let Some(alt) = alt {
                        d.stmt(Some("alt"), alt);
                    }
                });
            }
            StmtKind::For { init, test, update, body } => {
                self.line(label, "For", span);
                self.nested(|d| {
                    match init.as_deref() {
                        Some(ForInit::Var(v)) => d.var_decl(Some("init"), v),
                        Some(ForInit::Expr(e)) => d.expr(Some("init"), e),
                        None => d.line(Some("init"), "none", None),
                    }
                    match test {
                        Some(t) => d.expr(Some("test"), t),
                        None => d.line(Some("test"), "none", None),
                    }
                    match update {
                        Some(u) => d.expr(Some("update"), u),
                        None => d.line(Some("update"), "none", None),
                    }
                    d.stmt(Some("body"), body);
                });
            }
            StmtKind::ForIn { left, right, body } => {
                self.line(label, "ForIn", span);
                self.nested(|d| {
                    d.for_head(left);
                    d.expr(Some("right"), right);
                    d.stmt(Some("body"), body);
                });
            }
            StmtKind::ForOf { left, right, body, is_await } => {
                let text = if *is_await { "ForOf await" } else { "ForOf" };
                self.line(label, text, span);
                self.nested(|d| {
                    d.for_head(left);
                    d.expr(Some("right"), right);
                    d.stmt(Some("body"), body);
                });
            }
            StmtKind::While { test, body } => {
                self.line(label, "While", span);
                self.nested(|d| {
                    d.expr(Some("test"), test);
                    d.stmt(Some("body"), body);
                });
            }
            StmtKind::DoWhile { body, test } => {
                self.line(label, "DoWhile", span);
                self.nested(|d| {
                    d.stmt(Some("body"), body);
                    d.expr(Some("test"), test);
                });
            }
            StmtKind::Continue(target) | StmtKind::Break(target) => {
                let kind =
                    if matches!(s.kind, StmtKind::Continue(_)) { "Continue" } else { "Break" };
                match target {
                    Some(l) => self.line(label, &format!("{kind} {}", l.name), span),
                    None => self.line(label, kind, span),
                }
            }
            StmtKind::Return(arg) => {
                self.line(label, "Return", span);
                if let Some(arg) = arg {
                    self.nested(|d| d.expr(None, arg));
                }
            }
            StmtKind::Throw(arg) => {
                self.line(label, "Throw", span);
                self.nested(|d| d.expr(None, arg));
            }
            StmtKind::With { object, body } => {
                self.line(label, "With", span);
                self.nested(|d| {
                    d.expr(Some("object"), object);
                    d.stmt(Some("body"), body);
                });
            }
            StmtKind::Switch { discriminant, cases } => {
                self.line(label, "Switch", span);
                self.nested(|d| {
                    d.expr(Some("discriminant"), discriminant);
                    d.list("cases", cases, |d, c| {
                        let text = if c.test.is_some() { "Case" } else { "Default" };
                        d.line(None, text, Some(c.span));
                        d.nested(|d| {
                            if let Some(t) = &c.test {
                                d.expr(Some("test"), t);
                            }
                            d.body("body", &c.body);
                        });
                    });
                });
            }
            StmtKind::Labeled { label: l, body } => {
                self.line(label, &format!("Labeled {}", l.name), span);
                self.nested(|d| d.stmt(None, body));
            }
            StmtKind::Try { block, handler, finalizer } => {
                self.line(label, "Try", span);
                self.nested(|d| {
                    d.body("block", block);
                    if let Some(h) = handler {
                        d.line(Some("handler"), "Catch", Some(h.span));
                        d.nested(|d| {
                            if let Some(p) = &h.param {
                                d.pattern(Some("param"), p);
                            }
                            d.body("body", &h.body);
                        });
                    }
                    if let Some(f) = finalizer {
                        d.body("finalizer", f);
                    }
                });
            }
            StmtKind::Import(decl) => self.import_decl(label, decl, s.span),
            StmtKind::Export(decl) => self.export_decl(label, decl, s.span),
        }
    }

    fn var_decl(&mut self, label: Option<&str>, v: &VarDecl) {
        self.line(label, &format!("Var {}", var_kind(v.kind)), Some(v.span));
        self.nested(|d| {
            for decl in &v.decls {
                d.line(None, "Declarator", Some(decl.span));
                d.nested(|d| {
                    d.pattern(Some("target"), &decl.target);
                    if let Some(init) = &decl.init {
                        d.expr(Some("init"), init);
                    }
                });
            }
        });
    }

    fn for_head(&mut self, head: &ForHead) {
        match head {
            ForHead::Var(v) => self.var_decl(Some("left"), v),
            ForHead::Pattern(p) => self.pattern(Some("left"), p),
        }
    }

    // ----- functions and classes ----------------------------------------------------------

    fn function(&mut self, label: Option<&str>, node: &str, f: &Function) {
        let mut text = String::from(node);
        let kind = match f.kind {
            FunctionKind::Normal | FunctionKind::Arrow => "",
            FunctionKind::Method => " method",
            FunctionKind::Getter => " get",
            FunctionKind::Setter => " set",
            FunctionKind::Constructor => " constructor",
        };
        text.push_str(kind);
        if f.is_async {
            text.push_str(" async");
        }
        if f.is_generator {
            text.push_str(" generator");
        }
        if let Some(id) = &f.id {
            let _ = write!(text, " {}", id.name);
        }
        if f.has_use_strict {
            text.push_str(" \"use strict\"");
        }
        self.line(label, &text, Some(f.span));
        self.nested(|d| {
            if let Some(id) = &f.id {
                d.ident(Some("id"), id);
            }
            d.params(&f.params);
            match &f.body {
                FunctionBody::Block(stmts) => d.body("body", stmts),
                FunctionBody::Expr(e) => d.expr(Some("body"), e),
            }
        });
    }

    fn params(&mut self, p: &Params) {
        if p.items.is_empty() && p.rest.is_none() {
            self.line(Some("params"), "[]", Some(p.span));
            return;
        }
        let simple = if p.is_simple() { " simple" } else { "" };
        let rest = if p.rest.is_some() { " + rest" } else { "" };
        self.line(Some("params"), &format!("({}{rest}){simple}", p.items.len()), Some(p.span));
        self.nested(|d| {
            for item in &p.items {
                d.pattern(None, item);
            }
            if let Some(rest) = &p.rest {
                d.pattern(Some("rest"), rest);
            }
        });
    }

    fn class(&mut self, label: Option<&str>, c: &Class) {
        let text = match &c.id {
            Some(id) => format!("Class {}", id.name),
            None => "Class".to_string(),
        };
        self.line(label, &text, Some(c.span));
        self.nested(|d| {
            if let Some(id) = &c.id {
                d.ident(Some("id"), id);
            }
            if let Some(sup) = &c.super_class {
                d.expr(Some("extends"), sup);
            }
            d.list("body", &c.body, |d, m| d.class_member(m));
        });
    }

    fn class_member(&mut self, m: &ClassMember) {
        let span = Some(m.span);
        match &m.kind {
            ClassMemberKind::Method { key, is_static, func } => {
                let text = if *is_static { "Method static" } else { "Method" };
                self.line(None, text, span);
                self.nested(|d| {
                    d.prop_key(key);
                    d.function(Some("value"), "Function", func);
                });
            }
            ClassMemberKind::Field { key, is_static, value } => {
                let text = if *is_static { "Field static" } else { "Field" };
                self.line(None, text, span);
                self.nested(|d| {
                    d.prop_key(key);
                    if let Some(v) = value {
                        d.expr(Some("value"), v);
                    }
                });
            }
            ClassMemberKind::StaticBlock(stmts) => {
                self.line(None, "StaticBlock", span);
                self.nested(|d| d.body("body", stmts));
            }
            ClassMemberKind::Empty => self.line(None, "Empty", span),
        }
    }

    fn prop_key(&mut self, key: &PropKey) {
        let label = Some("key");
        match key {
            PropKey::Ident(id) => self.ident(label, id),
            PropKey::Str(s, span) => self.line(label, &format!("Str {}", js(s)), Some(*span)),
            PropKey::Num(n, span) => {
                self.line(label, &format!("Num {}", number_to_string(*n)), Some(*span))
            }
            PropKey::BigInt(digits, span) => {
                self.line(label, &format!("BigInt {digits}n"), Some(*span))
            }
            PropKey::Computed(e) => {
                self.line(label, "Computed", None);
                self.nested(|d| d.expr(None, e));
            }
            PropKey::Private(id) => {
                self.line(label, &format!("Private #{}", id.name), Some(id.span))
            }
        }
    }

    // ----- expressions --------------------------------------------------------------------

    fn args(&mut self, label: &str, args: &[ArrayElement]) {
        self.list(label, args, |d, a| d.array_element(a));
    }

    fn array_element(&mut self, a: &ArrayElement) {
        match a {
            ArrayElement::Expr(e) => self.expr(None, e),
            ArrayElement::Spread(e) => {
                self.line(None, "Spread", Some(e.span));
                self.nested(|d| d.expr(None, e));
            }
        }
    }

    fn member_prop(&mut self, prop: &MemberProp) {
        match prop {
            MemberProp::Name(id) => self.ident(Some("prop"), id),
            MemberProp::Computed(e) => self.expr(Some("prop"), e),
            MemberProp::Private(id) => {
                self.line(Some("prop"), &format!("Private #{}", id.name), Some(id.span))
            }
        }
    }

    fn template(&mut self, label: Option<&str>, t: &Template) {
        self.line(label, "Template", Some(t.span));
        self.nested(|d| {
            // Quasis and substitutions alternate: quasi, expr, quasi, …, quasi.
            for (i, q) in t.quasis.iter().enumerate() {
                let cooked = match &q.cooked {
                    Some(c) => js(c),
                    None => "undefined".to_string(),
                };
                d.line(None, &format!("Quasi cooked={cooked} raw={}", js(&q.raw)), None);
                if let Some(e) = t.exprs.get(i) {
                    d.expr(None, e);
                }
            }
        });
    }

    fn expr(&mut self, label: Option<&str>, e: &Expr) {
        let span = Some(e.span);
        match &e.kind {
            ExprKind::This => self.line(label, "This", span),
            ExprKind::Ident(id) => {
                self.line(label, &format!("Ident {}{}", id.name, escaped(id)), span)
            }
            ExprKind::Null => self.line(label, "Null", span),
            ExprKind::Bool(b) => self.line(label, &format!("Bool {b}"), span),
            ExprKind::Num { value, legacy_octal } => {
                let octal = if *legacy_octal { " (legacy octal)" } else { "" };
                self.line(label, &format!("Num {}{octal}", number_to_string(*value)), span)
            }
            ExprKind::BigInt(digits) => self.line(label, &format!("BigInt {digits}n"), span),
            ExprKind::Str { value, legacy_octal_escape } => {
                let octal = if *legacy_octal_escape { " (legacy octal escape)" } else { "" };
                self.line(label, &format!("Str {}{octal}", js(value)), span)
            }
            ExprKind::Regex { body, flags } => self.line(
                label,
                &format!("Regex body={} flags={}", quoted(body), quoted(flags)),
                span,
            ),
            ExprKind::Template(t) => self.template(label, t),
            ExprKind::TaggedTemplate { tag, quasi } => {
                self.line(label, "TaggedTemplate", span);
                self.nested(|d| {
                    d.expr(Some("tag"), tag);
                    d.template(Some("quasi"), quasi);
                });
            }
            ExprKind::Array(elems) => {
                if elems.is_empty() {
                    self.line(label, "Array []", span);
                    return;
                }
                self.line(label, &format!("Array ({})", elems.len()), span);
                self.nested(|d| {
                    for el in elems {
                        match el {
                            Some(a) => d.array_element(a),
                            None => d.line(None, "Hole", None),
                        }
                    }
                });
            }
            ExprKind::Object(props) => {
                if props.is_empty() {
                    self.line(label, "Object {}", span);
                    return;
                }
                self.line(label, &format!("Object ({})", props.len()), span);
                self.nested(|d| {
                    for p in props {
                        d.property(p);
                    }
                });
            }
            ExprKind::Function(f) => self.function(label, "Function", f),
            ExprKind::Arrow(f) => self.function(label, "Arrow", f),
            ExprKind::Class(c) => self.class(label, c),
            ExprKind::Unary { op, arg } => {
                self.line(label, &format!("Unary {}", unary_op(*op)), span);
                self.nested(|d| d.expr(None, arg));
            }
            ExprKind::Update { op, prefix, arg } => {
                let op = match op {
                    UpdateOp::Inc => "++",
                    UpdateOp::Dec => "--",
                };
                let fix = if *prefix { "prefix" } else { "postfix" };
                self.line(label, &format!("Update {fix} {op}"), span);
                self.nested(|d| d.expr(None, arg));
            }
            ExprKind::Binary { op, left, right } => {
                self.line(label, &format!("Binary {}", binary_op(*op)), span);
                self.nested(|d| {
                    d.expr(Some("left"), left);
                    d.expr(Some("right"), right);
                });
            }
            ExprKind::Logical { op, left, right } => {
                self.line(label, &format!("Logical {}", logical_op(*op)), span);
                self.nested(|d| {
                    d.expr(Some("left"), left);
                    d.expr(Some("right"), right);
                });
            }
            ExprKind::PrivateIn { name, right } => {
                self.line(label, &format!("PrivateIn #{}", name.name), span);
                self.nested(|d| d.expr(Some("right"), right));
            }
            ExprKind::Assign { op, target, value } => {
                self.line(label, &format!("Assign {}", assign_op(*op)), span);
                self.nested(|d| {
                    d.pattern(Some("target"), target);
                    d.expr(Some("value"), value);
                });
            }
            ExprKind::Cond { test, cons, alt } => {
                self.line(label, "Cond", span);
                self.nested(|d| {
                    d.expr(Some("test"), test);
                    d.expr(Some("cons"), cons);
                    d.expr(Some("alt"), alt);
                });
            }
            ExprKind::Seq(items) => {
                self.line(label, &format!("Seq ({})", items.len()), span);
                self.nested(|d| {
                    for item in items {
                        d.expr(None, item);
                    }
                });
            }
            ExprKind::Paren(inner) => {
                self.line(label, "Paren", span);
                self.nested(|d| d.expr(None, inner));
            }
            ExprKind::Call { callee, args, optional } => {
                self.line(label, if *optional { "Call ?." } else { "Call" }, span);
                self.nested(|d| {
                    d.expr(Some("callee"), callee);
                    d.args("args", args);
                });
            }
            ExprKind::New { callee, args } => {
                self.line(label, "New", span);
                self.nested(|d| {
                    d.expr(Some("callee"), callee);
                    match args {
                        Some(args) => d.args("args", args),
                        None => d.line(Some("args"), "none (no parentheses)", None),
                    }
                });
            }
            ExprKind::Member { object, prop, optional } => {
                let computed =
                    if matches!(prop, MemberProp::Computed(_)) { " [computed]" } else { "" };
                let opt = if *optional { " ?." } else { "" };
                self.line(label, &format!("Member{opt}{computed}"), span);
                self.nested(|d| {
                    d.expr(Some("object"), object);
                    d.member_prop(prop);
                });
            }
            ExprKind::SuperMember(prop) => {
                self.line(label, "SuperMember", span);
                self.nested(|d| d.member_prop(prop));
            }
            ExprKind::SuperCall(args) => {
                self.line(label, "SuperCall", span);
                self.nested(|d| d.args("args", args));
            }
            ExprKind::OptionalChain(inner) => {
                self.line(label, "OptionalChain", span);
                self.nested(|d| d.expr(None, inner));
            }
            ExprKind::Yield { arg, delegate } => {
                self.line(label, if *delegate { "Yield*" } else { "Yield" }, span);
                if let Some(arg) = arg {
                    self.nested(|d| d.expr(None, arg));
                }
            }
            ExprKind::Await(arg) => {
                self.line(label, "Await", span);
                self.nested(|d| d.expr(None, arg));
            }
            ExprKind::NewTarget => self.line(label, "NewTarget", span),
            ExprKind::ImportMeta => self.line(label, "ImportMeta", span),
            ExprKind::ImportCall { source, options, phase: p } => {
                self.line(label, &format!("ImportCall{}", phase(*p)), span);
                self.nested(|d| {
                    d.expr(Some("source"), source);
                    if let Some(o) = options {
                        d.expr(Some("options"), o);
                    }
                });
            }
        }
    }

    fn property(&mut self, p: &Property) {
        let span = Some(p.span);
        match &p.kind {
            PropertyKind::Init { key, value } => {
                self.line(None, "Init", span);
                self.nested(|d| {
                    d.prop_key(key);
                    d.expr(Some("value"), value);
                });
            }
            PropertyKind::Shorthand(id) => {
                self.line(None, &format!("Shorthand {}{}", id.name, escaped(id)), span)
            }
            PropertyKind::CoverInit { name, default } => {
                self.line(None, &format!("CoverInit {}", name.name), span);
                self.nested(|d| d.expr(Some("default"), default));
            }
            PropertyKind::Method { key, func } => {
                self.line(None, "Method", span);
                self.nested(|d| {
                    d.prop_key(key);
                    d.function(Some("value"), "Function", func);
                });
            }
            PropertyKind::Spread(e) => {
                self.line(None, "Spread", span);
                self.nested(|d| d.expr(None, e));
            }
        }
    }

    // ----- patterns -----------------------------------------------------------------------

    fn pattern(&mut self, label: Option<&str>, p: &Pattern) {
        let span = Some(p.span);
        match &p.kind {
            PatternKind::Ident(id) => {
                self.line(label, &format!("PatIdent {}{}", id.name, escaped(id)), span)
            }
            PatternKind::Object { props, rest } => {
                self.line(label, "PatObject", span);
                self.nested(|d| {
                    for prop in props {
                        let text = if prop.shorthand { "PatProp shorthand" } else { "PatProp" };
                        d.line(None, text, Some(prop.span));
                        d.nested(|d| {
                            d.prop_key(&prop.key);
                            d.pattern(Some("value"), &prop.value);
                        });
                    }
                    if let Some(rest) = rest {
                        d.pattern(Some("rest"), rest);
                    }
                });
            }
            PatternKind::Array { elems, rest } => {
                self.line(label, "PatArray", span);
                self.nested(|d| {
                    for el in elems {
                        match el {
                            Some(p) => d.pattern(None, p),
                            None => d.line(None, "Elision", None),
                        }
                    }
                    if let Some(rest) = rest {
                        d.pattern(Some("rest"), rest);
                    }
                });
            }
            PatternKind::Default { target, default } => {
                self.line(label, "PatDefault", span);
                self.nested(|d| {
                    d.pattern(Some("target"), target);
                    d.expr(Some("default"), default);
                });
            }
            PatternKind::Expr(e) => {
                self.line(label, "PatExpr", span);
                self.nested(|d| d.expr(None, e));
            }
        }
    }

    // ----- modules ------------------------------------------------------------------------

    fn module_export_name(&mut self, label: &str, n: &ModuleExportName) {
        match n {
            ModuleExportName::Ident(id) => self.ident(Some(label), id),
            ModuleExportName::Str(s) => {
                self.line(Some(label), &format!("Str {}", js(&s.value)), Some(s.span))
            }
        }
    }

    fn source(&mut self, s: &StrLit) {
        self.line(Some("source"), &format!("Str {}", js(&s.value)), Some(s.span));
    }

    fn attributes(&mut self, attrs: &Option<ImportAttributes>) {
        let Some(attrs) = attrs else { return };
        let kw = match attrs.keyword {
            AttributesKeyword::With => "with",
            AttributesKeyword::Assert => "assert",
        };
        self.line(Some("attributes"), &format!("ImportAttributes {kw}"), Some(attrs.span));
        self.nested(|d| {
            for a in &attrs.list {
                d.line(None, &format!("ImportAttribute value={}", js(&a.value)), Some(a.span));
                d.nested(|d| d.module_export_name("key", &a.key));
            }
        });
    }

    fn import_decl(&mut self, label: Option<&str>, decl: &ImportDecl, span: Span) {
        self.line(label, &format!("Import{}", phase(decl.phase)), Some(span));
        self.nested(|d| {
            d.list("specifiers", &decl.specifiers, |d, spec| match spec {
                ImportSpecifier::Default(id) => {
                    d.line(None, "Default", Some(id.span));
                    d.nested(|d| d.ident(Some("local"), id));
                }
                ImportSpecifier::Namespace(id) => {
                    d.line(None, "Namespace", Some(id.span));
                    d.nested(|d| d.ident(Some("local"), id));
                }
                ImportSpecifier::Named { imported, local } => {
                    d.line(None, "Named", Some(imported.span().to(local.span)));
                    d.nested(|d| {
                        d.module_export_name("imported", imported);
                        d.ident(Some("local"), local);
                    });
                }
            });
            d.source(&decl.source);
            d.attributes(&decl.attributes);
        });
    }

    fn export_decl(&mut self, label: Option<&str>, decl: &ExportDecl, span: Span) {
        match decl {
            ExportDecl::Named { specifiers, source, attributes } => {
                self.line(label, "Export Named", Some(span));
                self.nested(|d| {
                    d.list("specifiers", specifiers, |d, s| {
                        d.line(None, "ExportSpecifier", Some(s.span));
                        d.nested(|d| {
                            d.module_export_name("local", &s.local);
                            d.module_export_name("exported", &s.exported);
                        });
                    });
                    if let Some(source) = source {
                        d.source(source);
                    }
                    d.attributes(attributes);
                });
            }
            ExportDecl::All { exported, source, attributes } => {
                self.line(label, "Export All", Some(span));
                self.nested(|d| {
                    if let Some(name) = exported {
                        d.module_export_name("exported", name);
                    }
                    d.source(source);
                    d.attributes(attributes);
                });
            }
            ExportDecl::Decl(stmt) => {
                self.line(label, "Export Decl", Some(span));
                self.nested(|d| d.stmt(None, stmt));
            }
            ExportDecl::DefaultFunction(f) => {
                self.line(label, "Export DefaultFunction", Some(span));
                self.nested(|d| d.function(None, "Function", f));
            }
            ExportDecl::DefaultClass(c) => {
                self.line(label, "Export DefaultClass", Some(span));
                self.nested(|d| d.class(None, c));
            }
            ExportDecl::DefaultExpr(e) => {
                self.line(label, "Export DefaultExpr", Some(span));
                self.nested(|d| d.expr(None, e));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::number_to_string;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        let cases: [(f64, &str); 12] = [
            (0.0, "0"),
            (1.0, "1"),
            (42.0, "42"),
            (0.1, "0.1"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123.456, "123.456"),
            (f64::INFINITY, "Infinity"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (v, want) in cases {
            assert_eq!(number_to_string(v), want, "{v:e}");
        }
    }
}
