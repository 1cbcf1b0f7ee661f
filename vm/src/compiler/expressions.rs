//! Expressions (ECMA-262 §13): each is compiled into a destination register.

use modjs_lexer::JsStr;
use modjs_parser::ast::*;

use super::analysis::{CTOR, HOME, NEW_TARGET, THIS};
use super::scope::{BindingKind, Resolved};
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{Constant, ImmOp, Insn, MethodKind, Reg};

/// Removes parentheses: `((x))` → `x`.
pub(super) fn unparen(mut e: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &e.kind {
        e = inner;
    }
    e
}

/// IsAnonymousFunctionDefinition: a function, arrow or class expression without a name.
pub(super) fn is_anonymous_function(e: &Expr) -> bool {
    match &unparen_no(e).kind {
        ExprKind::Function(f) => f.id.is_none(),
        ExprKind::Arrow(_) => true,
        ExprKind::Class(c) => c.id.is_none(),
        _ => false,
    }
}

/// Parenthesised functions are not anonymous function *definitions* for naming purposes in
/// the spec, but V8 names them anyway; follow V8.
fn unparen_no(e: &Expr) -> &Expr {
    unparen(e)
}

/// Whether evaluating `e` may assign the binding `name` (conservative).
pub(super) fn may_assign(e: &Expr, name: &str) -> bool {
    fn pat(p: &Pattern, name: &str) -> bool {
        match &p.kind {
            PatternKind::Ident(id) => &*id.name == name,
            PatternKind::Expr(e) => may_assign(e, name),
            _ => true,
        }
    }
    match &e.kind {
        ExprKind::Assign { target, value, .. } => pat(target, name) || may_assign(value, name),
        ExprKind::Update { arg, .. } => match &unparen(arg).kind {
            ExprKind::Ident(id) => &*id.name == name,
            _ => may_assign(arg, name),
        },
        ExprKind::This
        | ExprKind::Ident(_)
        | ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Num { .. }
        | ExprKind::Str { .. }
        | ExprKind::BigInt(_)
        | ExprKind::NewTarget => false,
        ExprKind::Unary { arg, .. } | ExprKind::Paren(arg) => may_assign(arg, name),
        ExprKind::Binary { left, right, .. } | ExprKind::Logical { left, right, .. } => {
            may_assign(left, name) || may_assign(right, name)
        }
        ExprKind::Member { object, prop, .. } => {
            may_assign(object, name)
                || match prop {
                    MemberProp::Computed(k) => may_assign(k, name),
                    _ => false,
                }
        }
        ExprKind::Call { callee, args, .. } => {
            may_assign(callee, name)
                || args.iter().any(|a| match a {
                    ArrayElement::Expr(e) | ArrayElement::Spread(e) => may_assign(e, name),
                })
        }
        ExprKind::Cond { test, cons, alt } => may_assign(test, name) || may_assign(cons, name) || may_assign(alt, name),
        // Anything else: assume it might (nested functions cannot assign a register binding,
        // but be conservative for brevity).
        _ => true,
    }
}

/// The text V8 shows for a callee in "x is not a function" (its CallPrinter, simplified).
pub(super) fn call_printer(e: &Expr) -> String {
    let mut out = String::new();
    call_printer_into(e, &mut out);
    out
}

impl Compiler {
    /// The name-pool entry of `e`'s [`call_printer`] text (written in a buffer the compiler
    /// keeps, so that each call site does not allocate and grow a string).
    pub(super) fn printed_name(&mut self, e: &Expr) -> u32 {
        let mut text = std::mem::take(&mut self.printer_text);
        text.clear();
        call_printer_into(e, &mut text);
        let n = self.f().name(&text);
        self.printer_text = text;
        n
    }
}

/// [`call_printer`] appending to `out` (a member chain is written in one buffer rather than
/// formatted level by level).
fn call_printer_into(e: &Expr, out: &mut String) {
    use std::fmt::Write;
    match &e.kind {
        ExprKind::Ident(id) => out.push_str(&id.name),
        ExprKind::This => out.push_str("this"),
        ExprKind::Null => out.push_str("null"),
        ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ExprKind::Num { value, .. } => {
            // Writing to a String cannot fail.
            let _ = if value.fract() == 0.0 && value.abs() < 1e15 {
                write!(out, "{}", *value as i64)
            } else {
                write!(out, "{value}")
            };
        }
        ExprKind::Str { value, .. } => {
            out.push('"');
            out.push_str(&value.to_string_lossy());
            out.push('"');
        }
        ExprKind::Paren(inner) => call_printer_into(inner, out),
        ExprKind::Array(elems) if elems.is_empty() => out.push_str("[]"),
        ExprKind::Object(props) if props.is_empty() => out.push_str("{}"),
        ExprKind::Member { object, prop, optional } => {
            call_printer_into(object, out);
            let dot = if *optional { "?." } else { "." };
            match prop {
                MemberProp::Name(id) => {
                    out.push_str(dot);
                    out.push_str(&id.name);
                }
                MemberProp::Private(id) => {
                    out.push_str(dot);
                    out.push('#');
                    out.push_str(&id.name);
                }
                MemberProp::Computed(k) => match &k.kind {
                    ExprKind::Str { value, .. } => {
                        out.push_str(dot);
                        out.push_str(&value.to_string_lossy());
                    }
                    _ => {
                        out.push('[');
                        call_printer_into(k, out);
                        out.push(']');
                    }
                },
            }
        }
        ExprKind::SuperMember(prop) => match prop {
            MemberProp::Name(id) => {
                out.push_str("super.");
                out.push_str(&id.name);
            }
            _ => out.push_str("super[...]"),
        },
        ExprKind::OptionalChain(inner) => call_printer_into(inner, out),
        ExprKind::Call { callee, .. } => {
            call_printer_into(callee, out);
            out.push_str("(...)");
        }
        ExprKind::NewTarget => out.push_str("new.target"),
        _ => out.push_str("(intermediate value)"),
    }
}

impl Compiler {
    /// Evaluates `e` and drops the value.
    pub(super) fn expr_discard(&mut self, e: &Expr) -> CResult<()> {
        let mark = self.f().next_reg;
        let t = self.f().temp(e.span)?;
        match &unparen(e).kind {
            // `i++` whose value is unused does what `++i` does (both store ToNumeric(old) ± 1);
            // the prefix form needs no copy of the old value.
            ExprKind::Update { op, prefix: false, arg } => self.update(*op, true, arg, t)?,
            _ => self.expr(e, t)?,
        }
        self.f().next_reg = mark;
        Ok(())
    }

    /// A register holding the value of `e`: a local variable's own register when that needs no
    /// check, else a fresh temporary. The caller must use it before anything can assign it.
    pub(super) fn expr_operand(&mut self, e: &Expr) -> CResult<Reg> {
        if let ExprKind::Ident(id) = &unparen(e).kind {
            if let Some(r) = self.local_register(&id.name, id.span.start) {
                return Ok(r);
            }
        }
        let t = self.f().temp(e.span)?;
        self.expr(e, t)?;
        Ok(t)
    }

    /// NamedEvaluation: an anonymous function or class gets `name`.
    pub(super) fn expr_named(&mut self, e: &Expr, dst: Reg, name: &str) -> CResult<()> {
        let inner = unparen(e);
        match &inner.kind {
            ExprKind::Function(f) if f.id.is_none() => {
                let idx = self.compile_function(f, super::js_str(name))?;
                self.f().emit(Insn::Closure { dst, func: idx });
                Ok(())
            }
            ExprKind::Arrow(f) => {
                let idx = self.compile_function(f, super::js_str(name))?;
                self.f().emit(Insn::Closure { dst, func: idx });
                Ok(())
            }
            ExprKind::Class(c) if c.id.is_none() => self.class(c, dst, Some(name)),
            _ => self.expr(e, dst),
        }
    }

    fn load_number(&mut self, value: f64, dst: Reg) {
        if value.fract() == 0.0 && value >= i32::MIN as f64 && value <= i32::MAX as f64 && !(value == 0.0 && value.is_sign_negative()) {
            self.f().emit(Insn::LoadInt { dst, value: value as i32 });
        } else {
            let idx = self.f().constant(Constant::Number(value));
            self.f().emit(Insn::LoadConst { dst, idx });
        }
    }

    pub(super) fn load_string(&mut self, units: &[u16], dst: Reg) {
        let idx = self.f().constant(Constant::String(JsStr(units.into())));
        self.f().emit(Insn::LoadConst { dst, idx });
    }

    pub(super) fn expr(&mut self, e: &Expr, dst: Reg) -> CResult<()> {
        let mark = self.f().next_reg;
        let r = self.expr_inner(e, dst);
        self.f().next_reg = mark;
        r
    }

    fn expr_inner(&mut self, e: &Expr, dst: Reg) -> CResult<()> {
        match &e.kind {
            ExprKind::This => self.emit_read(THIS, dst, e.span)?,
            ExprKind::Ident(id) => {
                if let Some(base) = self.with_base(&id.name, id.span)? {
                    return self.with_reference_read(base, &id.name, dst, id.span, false);
                }
                let resolved = self.resolve(&id.name, id.span)?;
                if let Resolved::Global = resolved {
                    match &*id.name {
                        "undefined" => {
                            self.f().emit(Insn::LoadUndef { dst });
                            return Ok(());
                        }
                        "NaN" => {
                            self.load_number(f64::NAN, dst);
                            return Ok(());
                        }
                        "Infinity" => {
                            self.load_number(f64::INFINITY, dst);
                            return Ok(());
                        }
                        _ => {}
                    }
                    self.f().mark(id.span);
                }
                self.emit_read_resolved(&resolved, &id.name, dst, id.span, false)?;
            }
            ExprKind::Null => {
                self.f().emit(Insn::LoadNull { dst });
            }
            ExprKind::Bool(b) => {
                self.f().emit(if *b { Insn::LoadTrue { dst } } else { Insn::LoadFalse { dst } });
            }
            ExprKind::Num { value, .. } => self.load_number(*value, dst),
            ExprKind::Str { value, .. } => self.load_string(value.units(), dst),
            ExprKind::BigInt(digits) => {
                let idx = self.f().constant(Constant::BigInt(digits.clone()));
                self.f().emit(Insn::LoadConst { dst, idx });
            }
            ExprKind::Regex { body, flags } => {
                let pattern = self.f().name(body);
                let flags = self.f().name(flags);
                self.f().mark(e.span);
                self.f().emit(Insn::NewRegExp { dst, pattern, flags });
            }
            ExprKind::Template(t) => self.template(t, dst)?,
            ExprKind::TaggedTemplate { tag, quasi } => self.tagged_template(tag, quasi, dst, e.span)?,
            ExprKind::Array(elems) => {
                self.f().emit(Insn::NewArray { dst });
                for el in elems {
                    let mark = self.f().next_reg;
                    match el {
                        None => {
                            self.f().emit(Insn::ArrayPushHole { arr: dst });
                        }
                        Some(ArrayElement::Expr(x)) => {
                            let r = self.expr_operand(x)?;
                            self.f().emit(Insn::ArrayPush { arr: dst, src: r });
                        }
                        Some(ArrayElement::Spread(x)) => {
                            let r = self.expr_operand(x)?;
                            let text = self.printed_name(x);
                            self.f().mark(x.span);
                            self.f().emit(Insn::ArraySpread { arr: dst, src: r, text });
                        }
                    }
                    self.f().next_reg = mark;
                }
            }
            ExprKind::Object(props) => self.object_literal(props, dst)?,
            ExprKind::Function(f) => {
                let name = f.id.as_ref().map(|i| super::js_str(&i.name)).unwrap_or_else(|| super::js_str(""));
                let idx = self.compile_function(f, name)?;
                self.f().emit(Insn::Closure { dst, func: idx });
            }
            ExprKind::Arrow(f) => {
                let idx = self.compile_function(f, super::js_str(""))?;
                self.f().emit(Insn::Closure { dst, func: idx });
            }
            ExprKind::Class(c) => self.class(c, dst, None)?,
            ExprKind::Unary { op, arg } => self.unary(*op, arg, dst, e.span)?,
            ExprKind::Update { op, prefix, arg } => self.update(*op, *prefix, arg, dst)?,
            ExprKind::Binary { op, left, right } => {
                if let Some((imm, value)) = immediate_operand(*op, right) {
                    let lhs = self.expr_operand(left)?;
                    self.f().mark(e.span);
                    self.f().emit(Insn::ArithImm { op: imm, dst, lhs, value });
                    return Ok(());
                }
                let lhs = match &unparen(left).kind {
                    ExprKind::Ident(id) if !may_assign(right, &id.name) => self.expr_operand(left)?,
                    _ => {
                        let t = self.f().temp(left.span)?;
                        self.expr(left, t)?;
                        t
                    }
                };
                let rhs = self.expr_operand(right)?;
                self.f().mark(e.span);
                self.binary(*op, dst, lhs, rhs);
            }
            ExprKind::Logical { op, left, right } => {
                self.expr(left, dst)?;
                let j = self.f().emit(match op {
                    LogicalOp::And => Insn::JumpIfFalse { cond: dst, target: 0 },
                    LogicalOp::Or => Insn::JumpIfTrue { cond: dst, target: 0 },
                    LogicalOp::Nullish => Insn::JumpIfNotNullish { src: dst, target: 0 },
                });
                self.expr(right, dst)?;
                self.f().patch_here(j);
            }
            ExprKind::PrivateIn { name, right } => {
                let key = self.f().temp(e.span)?;
                self.emit_read(&format!("#{}", name.name), key, name.span)?;
                let obj = self.expr_operand(right)?;
                self.f().mark(e.span);
                self.f().emit(Insn::PrivateIn { dst, obj, key });
            }
            ExprKind::Assign { op, target, value } => self.assign(*op, target, value, dst)?,
            ExprKind::Cond { test, cons, alt } => {
                let jf = self.jump_if_false(test)?;
                self.expr(cons, dst)?;
                let je = self.f().emit(Insn::Jump { target: 0 });
                self.f().patch_here(jf);
                self.expr(alt, dst)?;
                self.f().patch_here(je);
            }
            ExprKind::Seq(list) => {
                for (i, x) in list.iter().enumerate() {
                    if i + 1 == list.len() {
                        self.expr(x, dst)?;
                    } else {
                        self.expr_discard(x)?;
                    }
                }
            }
            ExprKind::Paren(inner) => self.expr(inner, dst)?,
            ExprKind::Call { callee, args, optional } => self.call(e, callee, args, *optional, dst)?,
            ExprKind::New { callee, args } => {
                let argc = args.as_ref().map(|a| a.len()).unwrap_or(0);
                let spread = args.as_ref().is_some_and(|a| a.iter().any(|x| matches!(x, ArrayElement::Spread(_))));
                let base = self.f().temps(if spread { 3 } else { argc as u32 + 2 }, e.span)?;
                self.expr(callee, base)?;
                if let Some(args) = args {
                    self.arguments(args, base + 2, spread)?;
                }
                let text = self.printed_name(callee);
                self.f().mark(e.span);
                self.f().emit(if spread {
                    Insn::NewSpread { dst, base, text }
                } else {
                    Insn::New { dst, base, argc: argc as u16, text }
                });
            }
            ExprKind::Member { object, prop, optional } => {
                let obj = self.expr_operand(object)?;
                if *optional {
                    self.optional_short_circuit(obj, e.span)?;
                }
                self.member_get(obj, prop, dst, e.span)?;
            }
            ExprKind::SuperMember(prop) => {
                let (home, this) = self.super_base(e.span)?;
                let key = self.f().temp(e.span)?;
                self.member_key(prop, key)?;
                self.f().mark(e.span);
                self.f().emit(Insn::SuperGet { dst, home, this, key });
            }
            ExprKind::SuperCall(args) => self.super_call(args, dst, e.span)?,
            ExprKind::OptionalChain(inner) => {
                self.f().optional_exits.push(Vec::new());
                let r = self.expr(inner, dst);
                let exits = self.f().optional_exits.pop().unwrap_or_default();
                r?;
                if !exits.is_empty() {
                    let skip = self.f().emit(Insn::Jump { target: 0 });
                    for j in exits {
                        self.f().patch_here(j);
                    }
                    self.f().emit(Insn::LoadUndef { dst });
                    self.f().patch_here(skip);
                }
            }
            ExprKind::Yield { arg, delegate: false } => {
                match arg {
                    Some(a) => self.expr(a, dst)?,
                    None => {
                        self.f().emit(Insn::LoadUndef { dst });
                    }
                }
                if self.f().is_async {
                    return self.async_generator_yield(dst, e.span);
                }
                let mode = self.f().temp(e.span)?;
                self.f().mark(e.span);
                self.f().emit(Insn::Yield { src: dst, dst, mode });
                self.resume_dispatch(dst, mode, e.span)?;
            }
            ExprKind::Yield { arg, delegate: true } => {
                let Some(arg) = arg else {
                    return Err(CompileError::internal("yield* without an operand", e.span));
                };
                if self.f().is_async {
                    self.async_yield_star(arg, dst, e.span)?;
                } else {
                    self.yield_star(arg, dst, e.span)?;
                }
            }
            ExprKind::Await(arg) => {
                self.expr(arg, dst)?;
                self.emit_await(dst, e.span)?;
            }
            ExprKind::NewTarget => self.emit_read(NEW_TARGET, dst, e.span)?,
            ExprKind::ImportMeta => self.emit_read("import.meta", dst, e.span)?,
            ExprKind::ImportCall { source, options, phase } => {
                if *phase != ImportPhase::Evaluation {
                    return Err(CompileError::unsupported("import.source() and import.defer()", e.span));
                }
                // EvaluateImportCall steps 3-6: the specifier, then the options (or undefined).
                let regs = self.f().temps(2, e.span)?;
                self.expr(source, regs)?;
                match options {
                    Some(options) => self.expr(options, regs + 1)?,
                    None => {
                        self.f().emit(Insn::LoadUndef { dst: regs + 1 });
                    }
                }
                self.f().mark(e.span);
                self.f().emit(Insn::ImportCall { dst, specifier: regs, options: regs + 1 });
            }
        }
        Ok(())
    }

    /// In an optional chain: jump to the chain's end (value `undefined`) when `obj` is nullish.
    fn optional_short_circuit(&mut self, obj: Reg, span: Span) -> CResult<()> {
        let j = self.f().emit(Insn::JumpIfNullish { src: obj, target: 0 });
        match self.f().optional_exits.last_mut() {
            Some(list) => {
                list.push(j);
                Ok(())
            }
            None => Err(CompileError::internal("optional access outside a chain", span)),
        }
    }

    pub(super) fn binary(&mut self, op: BinaryOp, dst: Reg, lhs: Reg, rhs: Reg) {
        use BinaryOp::*;
        let insn = match op {
            Eq => Insn::Eq { dst, lhs, rhs },
            NotEq => Insn::NotEq { dst, lhs, rhs },
            StrictEq => Insn::StrictEq { dst, lhs, rhs },
            StrictNotEq => Insn::StrictNotEq { dst, lhs, rhs },
            Lt => Insn::Lt { dst, lhs, rhs },
            LtEq => Insn::LtEq { dst, lhs, rhs },
            Gt => Insn::Gt { dst, lhs, rhs },
            GtEq => Insn::GtEq { dst, lhs, rhs },
            Shl => Insn::Shl { dst, lhs, rhs },
            Shr => Insn::Shr { dst, lhs, rhs },
            UShr => Insn::UShr { dst, lhs, rhs },
            Add => Insn::Add { dst, lhs, rhs },
            Sub => Insn::Sub { dst, lhs, rhs },
            Mul => Insn::Mul { dst, lhs, rhs },
            Div => Insn::Div { dst, lhs, rhs },
            Mod => Insn::Rem { dst, lhs, rhs },
            Exp => Insn::Exp { dst, lhs, rhs },
            BitOr => Insn::BitOr { dst, lhs, rhs },
            BitXor => Insn::BitXor { dst, lhs, rhs },
            BitAnd => Insn::BitAnd { dst, lhs, rhs },
            In => Insn::In { dst, lhs, rhs },
            Instanceof => Insn::InstanceOf { dst, lhs, rhs },
        };
        self.f().emit(insn);
    }

    fn template(&mut self, t: &Template, dst: Reg) -> CResult<()> {
        let cooked = |i: usize| -> CResult<&[u16]> {
            t.quasis
                .get(i)
                .and_then(|q| q.cooked.as_ref())
                .map(|s| s.units())
                .ok_or_else(|| CompileError::internal("template without a cooked string", t.span))
        };
        let first = cooked(0)?.to_vec();
        self.load_string(&first, dst);
        for (i, x) in t.exprs.iter().enumerate() {
            let mark = self.f().next_reg;
            let v = self.f().temp(x.span)?;
            self.expr(x, v)?;
            self.f().mark(x.span);
            self.f().emit(Insn::ToString { dst: v, src: v });
            self.f().emit(Insn::Add { dst, lhs: dst, rhs: v });
            let q = cooked(i + 1)?.to_vec();
            if !q.is_empty() {
                self.load_string(&q, v);
                self.f().emit(Insn::Add { dst, lhs: dst, rhs: v });
            }
            self.f().next_reg = mark;
        }
        Ok(())
    }

    /// The key register of a member access (a string constant or the computed value).
    fn member_key(&mut self, prop: &MemberProp, key: Reg) -> CResult<()> {
        match prop {
            MemberProp::Name(id) => {
                let units: Vec<u16> = id.name.encode_utf16().collect();
                self.load_string(&units, key);
            }
            MemberProp::Computed(k) => {
                self.expr(k, key)?;
                self.f().emit(Insn::ToPropertyKey { dst: key, src: key });
            }
            MemberProp::Private(id) => return Err(CompileError::unsupported("private names here", id.span)),
        }
        Ok(())
    }

    fn member_get(&mut self, obj: Reg, prop: &MemberProp, dst: Reg, span: Span) -> CResult<()> {
        match prop {
            MemberProp::Name(id) => {
                let key = self.f().name(&id.name);
                self.f().mark(id.span);
                self.f().emit(Insn::GetProp { dst, obj, key });
            }
            MemberProp::Computed(k) => {
                let key = self.expr_operand(k)?;
                self.f().mark(span);
                self.f().emit(Insn::GetElem { dst, obj, key });
            }
            MemberProp::Private(id) => {
                let key = self.f().temp(id.span)?;
                self.emit_read(&format!("#{}", id.name), key, id.span)?;
                self.f().mark(id.span);
                self.f().emit(Insn::GetPrivate { dst, obj, key });
            }
        }
        Ok(())
    }

    /// The home object and `this` registers for a `super` property access.
    fn super_base(&mut self, span: Span) -> CResult<(Reg, Reg)> {
        let home = self.f().temp(span)?;
        self.emit_read(HOME, home, span)?;
        let this = self.f().temp(span)?;
        self.emit_read(THIS, this, span)?;
        Ok((home, this))
    }

    /// Arguments into consecutive registers from `first`, or one array at `first` when any is
    /// a spread.
    pub(super) fn arguments(&mut self, args: &[ArrayElement], first: Reg, spread: bool) -> CResult<()> {
        if spread {
            self.f().emit(Insn::NewArray { dst: first });
            for a in args {
                let mark = self.f().next_reg;
                match a {
                    ArrayElement::Expr(x) => {
                        let r = self.expr_operand(x)?;
                        self.f().emit(Insn::ArrayPush { arr: first, src: r });
                    }
                    ArrayElement::Spread(x) => {
                        let r = self.expr_operand(x)?;
                        self.f().mark(x.span);
                        self.f().emit(Insn::ArraySpread { arr: first, src: r, text: crate::bytecode::NO_TEXT });
                    }
                }
                self.f().next_reg = mark;
            }
        } else {
            for (i, a) in args.iter().enumerate() {
                if let ArrayElement::Expr(x) = a {
                    self.expr(x, first + i as Reg)?;
                }
            }
        }
        Ok(())
    }

    fn call(&mut self, whole: &Expr, callee: &Expr, args: &[ArrayElement], optional: bool, dst: Reg) -> CResult<()> {
        if args.len() > u16::MAX as usize - 16 {
            return Err(CompileError::unsupported("calls with this many arguments", whole.span));
        }
        let spread = args.iter().any(|x| matches!(x, ArrayElement::Spread(_)));
        let base = self.f().temps(if spread { 3 } else { args.len() as u32 + 2 }, whole.span)?;
        let callee_inner = unparen(callee);
        let mut mark_span = callee.span;
        match &callee_inner.kind {
            ExprKind::Member { object, prop, optional: opt_member } => {
                self.expr(object, base + 1)?;
                if *opt_member {
                    self.optional_short_circuit(base + 1, callee.span)?;
                }
                self.member_get(base + 1, prop, base, callee.span)?;
                if let MemberProp::Name(id) = prop {
                    mark_span = id.span;
                }
            }
            ExprKind::SuperMember(prop) => {
                let (home, this) = self.super_base(callee.span)?;
                let key = self.f().temp(callee.span)?;
                self.member_key(prop, key)?;
                self.f().emit(Insn::SuperGet { dst: base, home, this, key });
                self.f().emit(Insn::Move { dst: base + 1, src: this });
            }
            ExprKind::Ident(id) if &*id.name == "eval" && !optional => {
                return self.direct_eval_call(callee, args, spread, base, dst, id.span);
            }
            ExprKind::Ident(id) if self.with_callee(&id.name, base, id.span)? => {}
            _ => {
                self.expr(callee, base)?;
                self.f().emit(Insn::LoadUndef { dst: base + 1 });
            }
        }
        if optional {
            self.optional_short_circuit(base, callee.span)?;
        }
        self.arguments(args, base + 2, spread)?;
        let text = self.printed_name(callee);
        self.f().mark(mark_span);
        self.f().emit(if spread {
            Insn::CallSpread { dst, base, text }
        } else {
            Insn::Call { dst, base, argc: args.len() as u16, text }
        });
        Ok(())
    }

    fn super_call(&mut self, args: &[ArrayElement], dst: Reg, span: Span) -> CResult<()> {
        let spread = args.iter().any(|x| matches!(x, ArrayElement::Spread(_)));
        let base = self.f().temps(if spread { 3 } else { args.len() as u32 + 2 }, span)?;
        let ctor = self.f().temp(span)?;
        self.emit_read(CTOR, ctor, span)?;
        self.f().mark(span);
        self.f().emit(Insn::GetSuperConstructor { dst: base, ctor });
        self.emit_read(NEW_TARGET, base + 1, span)?;
        self.arguments(args, base + 2, spread)?;
        self.f().mark(span);
        self.f().emit(if spread {
            Insn::SuperCallSpread { dst, base }
        } else {
            Insn::SuperCall { dst, base, argc: args.len() as u16 }
        });
        // Bind `this` (once), then run the field initialisers.
        let resolved = self.resolve(THIS, span)?;
        let t = self.f().temp(span)?;
        match &resolved {
            Resolved::Local(b) => match b.loc {
                super::scope::Loc::Reg(r) => {
                    self.f().emit(Insn::CheckThisUninitialized { src: r });
                    self.f().emit(Insn::Move { dst: r, src: dst });
                }
                super::scope::Loc::Cell(slot) => {
                    self.f().emit(Insn::GetCell { dst: t, slot });
                    self.f().emit(Insn::CheckThisUninitialized { src: t });
                    self.f().emit(Insn::SetCell { slot, src: dst });
                }
                // Direct eval code: the constructor's binding, from the caller's table.
                super::scope::Loc::Upvalue(idx) => {
                    self.f().emit(Insn::GetUpvalue { dst: t, idx });
                    self.f().emit(Insn::CheckThisUninitialized { src: t });
                    self.f().emit(Insn::SetUpvalue { idx, src: dst });
                }
                _ => return Err(CompileError::internal("this location", span)),
            },
            Resolved::Outer(idx, _) => {
                self.f().emit(Insn::GetUpvalue { dst: t, idx: *idx });
                self.f().emit(Insn::CheckThisUninitialized { src: t });
                self.f().emit(Insn::SetUpvalue { idx: *idx, src: dst });
            }
            Resolved::Global => return Err(CompileError::internal("this location", span)),
        }
        self.f().emit(Insn::InitFieldsFrom { this: dst, ctor });
        Ok(())
    }

    fn unary(&mut self, op: UnaryOp, arg: &Expr, dst: Reg, span: Span) -> CResult<()> {
        match op {
            UnaryOp::Typeof => {
                if let ExprKind::Ident(id) = &unparen(arg).kind {
                    let mark = self.f().next_reg;
                    if let Some(base) = self.with_base(&id.name, id.span)? {
                        self.with_reference_read(base, &id.name, dst, id.span, true)?;
                    } else {
                        let resolved = self.resolve(&id.name, id.span)?;
                        self.emit_read_resolved(&resolved, &id.name, dst, id.span, true)?;
                    }
                    self.f().next_reg = mark;
                } else {
                    self.expr(arg, dst)?;
                }
                self.f().emit(Insn::TypeOf { dst, src: dst });
            }
            UnaryOp::Void => {
                self.expr_discard(arg)?;
                self.f().emit(Insn::LoadUndef { dst });
            }
            UnaryOp::Delete => self.delete(arg, dst, span)?,
            _ => {
                let src = self.expr_operand(arg)?;
                self.f().mark(span);
                self.f().emit(match op {
                    UnaryOp::Minus => Insn::Neg { dst, src },
                    UnaryOp::Plus => Insn::ToNumber { dst, src },
                    UnaryOp::Not => Insn::Not { dst, src },
                    _ => Insn::BitNot { dst, src },
                });
            }
        }
        Ok(())
    }

    fn delete(&mut self, arg: &Expr, dst: Reg, span: Span) -> CResult<()> {
        let inner = unparen(arg);
        match &inner.kind {
            ExprKind::Member { object, prop, optional } => {
                let obj = self.expr_operand(object)?;
                if *optional {
                    self.optional_short_circuit(obj, span)?;
                }
                self.f().mark(span);
                match prop {
                    MemberProp::Name(id) => {
                        let key = self.f().name(&id.name);
                        self.f().emit(Insn::DeleteProp { dst, obj, key });
                    }
                    MemberProp::Computed(k) => {
                        let key = self.expr_operand(k)?;
                        self.f().emit(Insn::DeleteElem { dst, obj, key });
                    }
                    MemberProp::Private(id) => return Err(CompileError::internal("delete of a private name", id.span)),
                }
            }
            ExprKind::OptionalChain(chain) => {
                self.f().optional_exits.push(Vec::new());
                let r = self.delete(chain, dst, span);
                let exits = self.f().optional_exits.pop().unwrap_or_default();
                r?;
                if !exits.is_empty() {
                    let skip = self.f().emit(Insn::Jump { target: 0 });
                    for j in exits {
                        self.f().patch_here(j);
                    }
                    self.f().emit(Insn::LoadTrue { dst });
                    self.f().patch_here(skip);
                }
            }
            ExprKind::SuperMember(_) => {
                let msg = self.f().name("Unsupported reference to 'super'");
                self.f().emit(Insn::ThrowError { kind: crate::bytecode::ErrorType::ReferenceError, msg });
            }
            ExprKind::Ident(id) => {
                let with = match self.with_base(&id.name, id.span)? {
                    Some(base) => Some(self.with_reference_delete(base, &id.name, dst, id.span)),
                    None => None,
                };
                match self.resolve(&id.name, id.span)? {
                    Resolved::Global => {
                        let name = self.f().name(&id.name);
                        self.f().emit(Insn::DeleteGlobal { dst, name });
                    }
                    Resolved::Local(b) | Resolved::Outer(_, b) if b.loc == super::scope::Loc::Global => {
                        let name = self.f().name(&id.name);
                        self.f().emit(Insn::DeleteGlobal { dst, name });
                    }
                    _ => {
                        self.f().emit(Insn::LoadFalse { dst });
                    }
                }
                if let Some(end) = with {
                    self.f().patch_here(end);
                }
            }
            _ => {
                self.expr_discard(arg)?;
                self.f().emit(Insn::LoadTrue { dst });
            }
        }
        Ok(())
    }

    // ----- references: update and assignment --------------------------------------------------

    fn update(&mut self, op: UpdateOp, prefix: bool, arg: &Expr, dst: Reg) -> CResult<()> {
        let step = |c: &mut Compiler, d: Reg, s: Reg| {
            c.f().emit(if op == UpdateOp::Inc { Insn::Inc { dst: d, src: s } } else { Insn::Dec { dst: d, src: s } });
        };
        let target = unparen(arg);
        match &target.kind {
            ExprKind::Ident(id) => {
                // Fast path: a register local updated in place.
                if let Some(r) = self.local_register(&id.name, id.span.start) {
                    let b = self.find_local(&id.name);
                    if b.is_some_and(|b| matches!(b.kind, BindingKind::Var | BindingKind::Let | BindingKind::Param | BindingKind::Function)) {
                        if prefix {
                            step(self, r, r);
                            if dst != r {
                                self.f().emit(Insn::Move { dst, src: r });
                            }
                        } else {
                            self.f().emit(Insn::ToNumeric { dst, src: r });
                            step(self, r, dst);
                        }
                        return Ok(());
                    }
                }
                // The reference is resolved once: a with object found is read and written.
                let base = self.with_base(&id.name, id.span)?;
                let old = self.f().temp(id.span)?;
                self.ident_reference_read(base, &id.name, old, id.span)?;
                if prefix {
                    step(self, dst, old);
                    self.ident_reference_write(base, &id.name, dst, id.span)?;
                } else {
                    let new = self.f().temp(id.span)?;
                    self.f().emit(Insn::ToNumeric { dst, src: old });
                    step(self, new, dst);
                    self.ident_reference_write(base, &id.name, new, id.span)?;
                }
            }
            ExprKind::Member { .. } | ExprKind::SuperMember(_) => {
                let reference = self.reference(target)?;
                let old = self.f().temp(target.span)?;
                self.reference_get(&reference, old, target.span);
                let new = self.f().temp(target.span)?;
                if prefix {
                    step(self, new, old);
                    self.reference_put(&reference, new, target.span);
                    self.f().emit(Insn::Move { dst, src: new });
                } else {
                    self.f().emit(Insn::ToNumeric { dst: old, src: old });
                    step(self, new, old);
                    self.reference_put(&reference, new, target.span);
                    self.f().emit(Insn::Move { dst, src: old });
                }
            }
            _ => return Err(CompileError::internal("invalid update target", arg.span)),
        }
        Ok(())
    }

    fn assign(&mut self, op: AssignOp, target: &Pattern, value: &Expr, dst: Reg) -> CResult<()> {
        match &target.kind {
            PatternKind::Ident(id) => {
                // The reference is resolved before the value is evaluated (a with object's
                // binding is found first).
                let base = self.with_base(&id.name, id.span)?;
                if op == AssignOp::Assign {
                    self.expr_named(value, dst, &id.name)?;
                    self.f().mark(id.span);
                    return self.ident_reference_write(base, &id.name, dst, id.span);
                }
                let cur = self.f().temp(id.span)?;
                self.ident_reference_read(base, &id.name, cur, id.span)?;
                if let Some(jump) = self.logical_assign_test(op, cur) {
                    self.expr_named(value, dst, &id.name)?;
                    self.ident_reference_write(base, &id.name, dst, id.span)?;
                    let end = self.f().emit(Insn::Jump { target: 0 });
                    self.f().patch_here(jump);
                    self.f().emit(Insn::Move { dst, src: cur });
                    self.f().patch_here(end);
                    return Ok(());
                }
                let rhs = self.expr_operand(value)?;
                self.f().mark(target.span);
                self.binary(compound_op(op), dst, cur, rhs);
                self.ident_reference_write(base, &id.name, dst, id.span)
            }
            PatternKind::Expr(e) => {
                let inner = unparen(e);
                let reference = self.reference(inner)?;
                if op == AssignOp::Assign {
                    self.expr(value, dst)?;
                    self.reference_put(&reference, dst, target.span);
                    return Ok(());
                }
                let cur = self.f().temp(target.span)?;
                self.reference_get(&reference, cur, target.span);
                if let Some(jump) = self.logical_assign_test(op, cur) {
                    self.expr(value, dst)?;
                    self.reference_put(&reference, dst, target.span);
                    let end = self.f().emit(Insn::Jump { target: 0 });
                    self.f().patch_here(jump);
                    self.f().emit(Insn::Move { dst, src: cur });
                    self.f().patch_here(end);
                    return Ok(());
                }
                let rhs = self.expr_operand(value)?;
                self.f().mark(target.span);
                self.binary(compound_op(op), dst, cur, rhs);
                self.reference_put(&reference, dst, target.span);
                Ok(())
            }
            _ => {
                // Destructuring assignment: the value of the expression is the right side.
                self.expr(value, dst)?;
                self.destructure_text = Some(call_printer(value));
                self.assign_pattern(target, dst)
            }
        }
    }

    /// For `&&=`, `||=`, `??=`: a jump taken when the assignment is skipped.
    fn logical_assign_test(&mut self, op: AssignOp, cur: Reg) -> Option<usize> {
        let insn = match op {
            AssignOp::And => Insn::JumpIfFalse { cond: cur, target: 0 },
            AssignOp::Or => Insn::JumpIfTrue { cond: cur, target: 0 },
            AssignOp::Nullish => Insn::JumpIfNotNullish { src: cur, target: 0 },
            _ => return None,
        };
        Some(self.f().emit(insn))
    }

    /// Evaluates the base (and key) of a property reference.
    pub(super) fn reference(&mut self, e: &Expr) -> CResult<Reference> {
        match &e.kind {
            ExprKind::Member { object, prop, optional: false } => {
                let obj = self.f().temp(e.span)?;
                self.expr(object, obj)?;
                Ok(match prop {
                    MemberProp::Name(id) => Reference::Named { obj, key: self.f().name(&id.name) },
                    MemberProp::Computed(k) => {
                        let key = self.f().temp(k.span)?;
                        self.expr(k, key)?;
                        Reference::Keyed { obj, key }
                    }
                    MemberProp::Private(id) => {
                        let key = self.f().temp(id.span)?;
                        self.emit_read(&format!("#{}", id.name), key, id.span)?;
                        Reference::Private { obj, key }
                    }
                })
            }
            ExprKind::SuperMember(prop) => {
                let (home, this) = self.super_base(e.span)?;
                let key = self.f().temp(e.span)?;
                self.member_key(prop, key)?;
                Ok(Reference::Super { home, this, key })
            }
            _ => Err(CompileError::internal("not a property reference", e.span)),
        }
    }

    pub(super) fn reference_get(&mut self, r: &Reference, dst: Reg, span: Span) {
        self.f().mark(span);
        match *r {
            Reference::Named { obj, key } => {
                self.f().emit(Insn::GetProp { dst, obj, key });
            }
            Reference::Keyed { obj, key } => {
                // Converted once, so a compound assignment calls toString only once.
                self.f().emit(Insn::ToPropertyKey { dst: key, src: key });
                self.f().emit(Insn::GetElem { dst, obj, key });
            }
            Reference::Private { obj, key } => {
                self.f().emit(Insn::GetPrivate { dst, obj, key });
            }
            Reference::Super { home, this, key } => {
                self.f().emit(Insn::SuperGet { dst, home, this, key });
            }
        }
    }

    pub(super) fn reference_put(&mut self, r: &Reference, src: Reg, span: Span) {
        self.f().mark(span);
        match *r {
            Reference::Named { obj, key } => {
                self.f().emit(Insn::SetProp { obj, key, src });
            }
            Reference::Keyed { obj, key } => {
                self.f().emit(Insn::SetElem { obj, key, src });
            }
            Reference::Private { obj, key } => {
                self.f().emit(Insn::SetPrivate { obj, key, src });
            }
            Reference::Super { home, this, key } => {
                self.f().emit(Insn::SuperSet { home, this, key, src });
            }
        }
    }

    // ----- object literals --------------------------------------------------------------------

    /// The key of a property definition into `key` (computed keys converted with
    /// ToPropertyKey); returns the static name when there is one.
    pub(super) fn prop_key(&mut self, key: &PropKey, dst: Reg) -> CResult<Option<String>> {
        match key {
            PropKey::Ident(id) => {
                let units: Vec<u16> = id.name.encode_utf16().collect();
                self.load_string(&units, dst);
                Ok(Some(id.name.to_string()))
            }
            PropKey::Str(s, _) => {
                self.load_string(s.units(), dst);
                Ok(Some(s.to_string_lossy()))
            }
            PropKey::Num(n, _) => {
                self.load_number(*n, dst);
                self.f().emit(Insn::ToPropertyKey { dst, src: dst });
                // The function name comes from the key at run time (Number::toString).
                Ok(None)
            }
            PropKey::BigInt(digits, _) => {
                // The key is the literal's value as a decimal string (`{ 0x10n: 1 }` is "16").
                let key = crate::bigint::parse_literal(digits).unwrap_or_default().to_string_radix(10);
                let units: Vec<u16> = key.encode_utf16().collect();
                self.load_string(&units, dst);
                Ok(Some(key))
            }
            PropKey::Computed(e) => {
                self.expr(e, dst)?;
                self.f().mark(e.span);
                self.f().emit(Insn::ToPropertyKey { dst, src: dst });
                Ok(None)
            }
            PropKey::Private(id) => Err(CompileError::internal("private key in an object literal", id.span)),
        }
    }

    fn object_literal(&mut self, props: &[Property], dst: Reg) -> CResult<()> {
        self.f().emit(Insn::NewObject { dst });
        for p in props {
            let mark = self.f().next_reg;
            match &p.kind {
                PropertyKind::Init { key, value } => {
                    let is_proto = matches!(key, PropKey::Ident(id) if &*id.name == "__proto__")
                        || matches!(key, PropKey::Str(s, _) if s.eq_str("__proto__"));
                    if is_proto {
                        let v = self.expr_operand(value)?;
                        self.f().emit(Insn::SetProtoLiteral { obj: dst, src: v });
                    } else if let PropKey::Ident(id) = key {
                        let v = self.f().temp(value.span)?;
                        self.expr_named(value, v, &id.name)?;
                        let k = self.f().name(&id.name);
                        self.f().emit(Insn::DefineField { obj: dst, key: k, src: v });
                    } else {
                        let k = self.f().temp(p.span)?;
                        let name = self.prop_key(key, k)?;
                        let v = self.f().temp(value.span)?;
                        match name {
                            Some(n) => self.expr_named(value, v, &n)?,
                            None => {
                                self.expr(value, v)?;
                                if is_anonymous_function(value) {
                                    self.f().emit(Insn::SetFunctionName { func: v, key: k, prefix: 0 });
                                }
                            }
                        }
                        self.f().emit(Insn::DefineElem { obj: dst, key: k, src: v });
                    }
                }
                PropertyKind::Shorthand(id) => {
                    let v = self.f().temp(id.span)?;
                    self.emit_read(&id.name, v, id.span)?;
                    let k = self.f().name(&id.name);
                    self.f().emit(Insn::DefineField { obj: dst, key: k, src: v });
                }
                PropertyKind::CoverInit { name, .. } => {
                    return Err(CompileError::internal("cover-initialized name in an expression", name.span))
                }
                PropertyKind::Method { key, func } => {
                    let k = self.f().temp(p.span)?;
                    let name = self.prop_key(key, k)?;
                    let v = self.f().temp(p.span)?;
                    let fname = name.unwrap_or_default();
                    let idx = self.compile_function(func, super::js_str(&fname))?;
                    self.f().emit(Insn::Closure { dst: v, func: idx });
                    self.f().emit(Insn::SetHomeObject { func: v, home: dst });
                    let kind = match func.kind {
                        FunctionKind::Getter => MethodKind::Getter,
                        FunctionKind::Setter => MethodKind::Setter,
                        _ => MethodKind::Method,
                    };
                    self.f().emit(Insn::DefineMethod { obj: dst, key: k, src: v, kind, enumerable: true });
                }
                PropertyKind::Spread(x) => {
                    let v = self.expr_operand(x)?;
                    self.f().mark(x.span);
                    self.f().emit(Insn::CopyDataProperties { dst, src: v, excluded: 0, excluded_count: 0 });
                }
            }
            self.f().next_reg = mark;
        }
        Ok(())
    }
}

/// An evaluated property reference (registers of its base and key).
#[derive(Clone, Copy)]
pub(super) enum Reference {
    Named { obj: Reg, key: u32 },
    Keyed { obj: Reg, key: Reg },
    Private { obj: Reg, key: Reg },
    Super { home: Reg, this: Reg, key: Reg },
}

/// An arithmetic or bitwise operator whose right operand is an integer literal that fits an
/// `i32` (and is not -0): the operands of `ArithImm`.
fn immediate_operand(op: BinaryOp, right: &Expr) -> Option<(ImmOp, i32)> {
    let v = int32_literal(right)?;
    let imm = match op {
        BinaryOp::Add => ImmOp::Add,
        BinaryOp::Sub => ImmOp::Sub,
        BinaryOp::Mul => ImmOp::Mul,
        BinaryOp::Mod => ImmOp::Rem,
        BinaryOp::Shl => ImmOp::Shl,
        BinaryOp::Shr => ImmOp::Shr,
        BinaryOp::UShr => ImmOp::UShr,
        BinaryOp::BitAnd => ImmOp::BitAnd,
        BinaryOp::BitOr => ImmOp::BitOr,
        BinaryOp::BitXor => ImmOp::BitXor,
        _ => return None,
    };
    Some((imm, v))
}

/// The value of a number literal that is an integer in `i32` range (and not -0).
pub(super) fn int32_literal(e: &Expr) -> Option<i32> {
    let ExprKind::Num { value, .. } = &unparen(e).kind else { return None };
    let v = *value;
    if v.fract() != 0.0 || v < i32::MIN as f64 || v > i32::MAX as f64 || (v == 0.0 && v.is_sign_negative()) {
        return None;
    }
    Some(v as i32)
}

fn compound_op(op: AssignOp) -> BinaryOp {
    match op {
        AssignOp::Add => BinaryOp::Add,
        AssignOp::Sub => BinaryOp::Sub,
        AssignOp::Mul => BinaryOp::Mul,
        AssignOp::Div => BinaryOp::Div,
        AssignOp::Mod => BinaryOp::Mod,
        AssignOp::Exp => BinaryOp::Exp,
        AssignOp::Shl => BinaryOp::Shl,
        AssignOp::Shr => BinaryOp::Shr,
        AssignOp::UShr => BinaryOp::UShr,
        AssignOp::BitOr => BinaryOp::BitOr,
        AssignOp::BitXor => BinaryOp::BitXor,
        AssignOp::BitAnd => BinaryOp::BitAnd,
        // Logical assignments never get here.
        AssignOp::Assign | AssignOp::And | AssignOp::Or | AssignOp::Nullish => BinaryOp::Add,
    }
}

impl Compiler {
    /// After a suspension: continue on `next`, throw on `throw`, return (through `finally`
    /// blocks) on `return`.
    pub(super) fn resume_dispatch(&mut self, value: Reg, mode: Reg, span: Span) -> CResult<()> {
        let cont = self.f().emit(Insn::JumpIfInt { src: mode, value: 0, target: 0 });
        let to_throw = self.f().emit(Insn::JumpIfInt { src: mode, value: 1, target: 0 });
        self.emit_return(value, span)?;
        self.f().patch_here(to_throw);
        self.f().emit(Insn::Throw { src: value });
        self.f().patch_here(cont);
        Ok(())
    }

    /// A tagged template (§13.3.11): `tag(templateObject, ...substitutions)`, with `this` from
    /// a member tag.
    fn tagged_template(&mut self, tag: &Expr, quasi: &Template, dst: Reg, span: Span) -> CResult<()> {
        let argc = quasi.exprs.len() + 1;
        let base = self.f().temps(argc as u32 + 2, span)?;
        match &unparen(tag).kind {
            ExprKind::Member { object, prop, optional: false } => {
                self.expr(object, base + 1)?;
                self.member_get(base + 1, prop, base, tag.span)?;
            }
            ExprKind::Ident(id) if self.with_callee(&id.name, base, id.span)? => {}
            _ => {
                self.expr(tag, base)?;
                self.f().emit(Insn::LoadUndef { dst: base + 1 });
            }
        }
        let site = crate::bytecode::TemplateSite {
            cooked: quasi.quasis.iter().map(|q| q.cooked.clone()).collect(),
            raw: quasi.quasis.iter().map(|q| q.raw.clone()).collect(),
        };
        let idx = self.f().template_sites.len() as u32;
        self.f().template_sites.push(site);
        self.f().emit(Insn::GetTemplateObject { dst: base + 2, site: idx });
        for (i, x) in quasi.exprs.iter().enumerate() {
            self.expr(x, base + 3 + i as Reg)?;
        }
        let text = self.printed_name(tag);
        self.f().mark(span);
        self.f().emit(Insn::Call { dst, base, argc: argc as u16, text });
        Ok(())
    }

    /// `yield* iterable` (§15.5.5): forwards `next`/`throw`/`return` to the inner iterator and
    /// yields its results unchanged; the value is the inner iterator's final value.
    fn yield_star(&mut self, arg: &Expr, dst: Reg, span: Span) -> CResult<()> {
        let iter = self.f().temps(3, span)?;
        let recv = self.f().temp(span)?;
        let mode = self.f().temp(span)?;
        let res = self.f().temp(span)?;
        self.expr(arg, recv)?;
        let text = self.printed_name(arg);
        self.f().mark(span);
        self.f().emit(Insn::GetIterator { dst: iter, src: recv, text });
        self.f().emit(Insn::LoadUndef { dst: recv });
        self.f().emit(Insn::LoadInt { dst: mode, value: 0 });
        let top = self.f().pc();
        self.f().emit(Insn::YieldDelegateCall { res, iter, recv, mode });
        let done_key = self.f().name("done");
        self.f().emit(Insn::GetProp { dst, obj: res, key: done_key });
        let to_done = self.f().emit(Insn::JumpIfTrue { cond: dst, target: 0 });
        self.f().emit(Insn::YieldRaw { src: res, dst: recv, mode });
        self.f().emit(Insn::Loop { target: top });
        self.f().patch_here(to_done);
        let value_key = self.f().name("value");
        self.f().emit(Insn::GetProp { dst, obj: res, key: value_key });
        let to_end = self.f().emit(Insn::JumpIfInt { src: mode, value: 0, target: 0 });
        let to_end2 = self.f().emit(Insn::JumpIfInt { src: mode, value: 1, target: 0 });
        self.emit_return(dst, span)?;
        self.f().patch_here(to_end);
        self.f().patch_here(to_end2);
        Ok(())
    }
}
