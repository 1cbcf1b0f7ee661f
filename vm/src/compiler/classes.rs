//! Classes (§15.7 ClassDefinitionEvaluation): the constructor, prototype and static methods,
//! accessors, computed keys, instance and static fields (run by synthetic initializer
//! functions), static blocks, private fields and `extends`.

use std::rc::Rc;

use modjs_parser::ast::*;

use super::expressions::is_anonymous_function;
use super::function_state::FuncState;
use super::scope::{BindingKind, Loc};
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{Insn, MethodKind, Reg, TemplateKind};

/// One field of a class: its key and initializer, compiled into an initializer function.
enum FieldKey<'a> {
    Static(&'a str),
    /// A computed key evaluated at class definition, kept in a hidden binding.
    Computed(String),
    Private(&'a str),
    /// A private method or accessor (name, the hidden binding holding its function, kind):
    /// added to the object before any field.
    PrivateMethod(&'a str, String, MethodKind),
}

impl Compiler {
    /// ClassDefinitionEvaluation: the class constructor into `dst`. `name` is the name given by
    /// NamedEvaluation for an anonymous class expression.
    pub(super) fn class(&mut self, class: &Class, dst: Reg, name: Option<&str>) -> CResult<()> {
        self.class_depth += 1;
        let r = self.class_inner(class, dst, name);
        self.class_depth -= 1;
        r
    }

    fn class_inner(&mut self, class: &Class, dst: Reg, name: Option<&str>) -> CResult<()> {
        let mark = self.f().next_reg;
        let class_name = class.id.as_ref().map(|i| i.name.to_string()).or(name.map(str::to_string)).unwrap_or_default();
        self.push_scope(false);
        let inner = match &class.id {
            Some(id) => {
                let b = self.declare(&id.name, BindingKind::ClassInner, class.span.end, id.span)?;
                self.emit_binding_entry(&b);
                Some(b)
            }
            None => None,
        };
        // Private names: one new Private Name per class evaluation.
        let mut private_seen: Vec<&str> = Vec::new();
        for m in &class.body {
            let id = match &m.kind {
                ClassMemberKind::Method { key: PropKey::Private(id), .. }
                | ClassMemberKind::Field { key: PropKey::Private(id), .. } => id,
                _ => continue,
            };
            if private_seen.contains(&&*id.name) {
                continue;
            }
            private_seen.push(&id.name);
            let hidden = format!("#{}", id.name);
            let b = self.declare(&hidden, BindingKind::Hidden, 0, id.span)?;
            self.emit_binding_entry(&b);
            let t = self.f().temp(id.span)?;
            let n = self.f().name(&hidden);
            self.f().emit(Insn::NewPrivateName { dst: t, name: n });
            self.emit_init(&b, t)?;
            self.f().next_reg -= 1;
        }

        let parent = self.f().temp(class.span)?;
        match &class.super_class {
            Some(sup) => {
                self.expr(sup, parent)?;
            }
            None => {
                self.f().emit(Insn::LoadEmpty { dst: parent });
            }
        }
        let derived = class.super_class.is_some();

        // The constructor.
        let ctor_func = class.body.iter().find_map(|m| match &m.kind {
            ClassMemberKind::Method { func, is_static: false, .. } if func.kind == FunctionKind::Constructor => Some(func),
            _ => None,
        });
        let ctor = dst;
        let idx = match ctor_func {
            Some(f) => {
                // A class constructor's source text is the whole class.
                self.source_span_override = Some(class.span);
                self.compile_function_as(f, super::js_str(&class_name), TemplateKind::ClassConstructor { derived })?
            }
            None => self.default_constructor(&class_name, derived, class.span)?,
        };
        self.f().emit(Insn::Closure { dst: ctor, func: idx });
        let proto = self.f().temp(class.span)?;
        self.f().mark(class.span);
        self.f().emit(Insn::CreateClass { ctor, proto, parent });

        // Methods and accessors, in order; fields' computed keys are evaluated in the same pass.
        let mut instance_fields: Vec<(FieldKey, Option<&Expr>)> = Vec::new();
        let mut static_elems: Vec<(Option<(FieldKey, Option<&Expr>)>, Option<&[Stmt]>)> = Vec::new();
        let mut computed = 0usize;
        let mut instance_methods: Vec<FieldKey> = Vec::new();
        let mut static_methods: Vec<FieldKey> = Vec::new();
        for m in &class.body {
            let elem_mark = self.f().next_reg;
            match &m.kind {
                ClassMemberKind::Method { func, .. } if func.kind == FunctionKind::Constructor => {}
                ClassMemberKind::Method { key: PropKey::Private(id), is_static, func } => {
                    let kind = match func.kind {
                        FunctionKind::Getter => MethodKind::Getter,
                        FunctionKind::Setter => MethodKind::Setter,
                        _ => MethodKind::Method,
                    };
                    let fname = match kind {
                        MethodKind::Getter => format!("get #{}", id.name),
                        MethodKind::Setter => format!("set #{}", id.name),
                        MethodKind::Method => format!("#{}", id.name),
                    };
                    let hidden = format!("%private{computed}");
                    computed += 1;
                    let slot = self.f().cell_slot(m.span)?;
                    let b = self.declare_at(&hidden, BindingKind::Hidden, Loc::Cell(slot), 0);
                    self.emit_binding_entry(&b);
                    let v = self.f().temp(m.span)?;
                    let idx = self.compile_function(func, super::js_str(&fname))?;
                    self.f().emit(Insn::Closure { dst: v, func: idx });
                    let home = if *is_static { ctor } else { proto };
                    self.f().emit(Insn::SetHomeObject { func: v, home });
                    self.emit_init(&b, v)?;
                    let fk = FieldKey::PrivateMethod(&id.name, hidden, kind);
                    if *is_static {
                        static_methods.push(fk);
                    } else {
                        instance_methods.push(fk);
                    }
                }
                ClassMemberKind::Method { key, is_static, func } => {
                    let target = if *is_static { ctor } else { proto };
                    let k = self.f().temp(m.span)?;
                    let static_name = self.prop_key(key, k)?;
                    let kind = match func.kind {
                        FunctionKind::Getter => MethodKind::Getter,
                        FunctionKind::Setter => MethodKind::Setter,
                        _ => MethodKind::Method,
                    };
                    let fname = match (&static_name, kind) {
                        (Some(n), MethodKind::Getter) => format!("get {n}"),
                        (Some(n), MethodKind::Setter) => format!("set {n}"),
                        (Some(n), _) => n.clone(),
                        (None, _) => String::new(),
                    };
                    let v = self.f().temp(m.span)?;
                    let idx = self.compile_function(func, super::js_str(&fname))?;
                    self.f().emit(Insn::Closure { dst: v, func: idx });
                    self.f().emit(Insn::SetHomeObject { func: v, home: target });
                    if static_name.is_none() {
                        let prefix = match kind {
                            MethodKind::Getter => 1,
                            MethodKind::Setter => 2,
                            MethodKind::Method => 0,
                        };
                        self.f().emit(Insn::SetFunctionName { func: v, key: k, prefix });
                    }
                    self.f().emit(Insn::DefineMethod { obj: target, key: k, src: v, kind, enumerable: false });
                }
                ClassMemberKind::Field { key, is_static, value } => {
                    let fk = match key {
                        PropKey::Private(id) => FieldKey::Private(&id.name),
                        PropKey::Ident(id) => FieldKey::Static(&id.name),
                        _ => {
                            // Evaluate the key now into a hidden cell the initializer reads.
                            let hidden = format!("%fieldkey{computed}");
                            computed += 1;
                            let slot = self.f().cell_slot(m.span)?;
                            let b = self.declare_at(&hidden, BindingKind::Hidden, Loc::Cell(slot), 0);
                            self.emit_binding_entry(&b);
                            let k = self.f().temp(m.span)?;
                            self.prop_key(key, k)?;
                            self.emit_init(&b, k)?;
                            FieldKey::Computed(hidden)
                        }
                    };
                    if *is_static {
                        static_elems.push((Some((fk, value.as_deref())), None));
                    } else {
                        instance_fields.push((fk, value.as_deref()));
                    }
                }
                ClassMemberKind::StaticBlock(body) => static_elems.push((None, Some(body))),
                ClassMemberKind::Empty => {}
            }
            self.f().next_reg = elem_mark;
        }

        // The class binding is initialised before static fields and blocks run.
        if let Some(b) = &inner {
            self.emit_init(b, ctor)?;
        }

        let key = class as *const Class as usize;
        // Private methods are installed before any field is defined.
        for (i, m) in instance_methods.into_iter().enumerate() {
            instance_fields.insert(i, (m, None));
        }
        for (i, m) in static_methods.into_iter().enumerate() {
            static_elems.insert(i, (Some((m, None)), None));
        }
        if !instance_fields.is_empty() {
            let exprs: Vec<&Expr> = instance_fields.iter().filter_map(|(_, v)| *v).collect();
            let info = self.analyses.initializer(key, &exprs, &[]);
            let idx = self.initializer_function(info, &instance_fields.iter().map(|(k, v)| (Some((k, *v)), None)).collect::<Vec<_>>(), class.span)?;
            let f = self.f().temp(class.span)?;
            self.f().emit(Insn::Closure { dst: f, func: idx });
            self.f().emit(Insn::SetHomeObject { func: f, home: proto });
            self.f().emit(Insn::SetClassFields { ctor, init: f });
        }
        if !static_elems.is_empty() {
            let exprs: Vec<&Expr> = static_elems.iter().filter_map(|(f, _)| f.as_ref().and_then(|(_, v)| *v)).collect();
            let blocks: Vec<&[Stmt]> = static_elems.iter().filter_map(|(_, b)| *b).collect();
            let info = self.analyses.initializer(key + 1, &exprs, &blocks);
            let elems: Vec<(Option<(&FieldKey, Option<&Expr>)>, Option<&[Stmt]>)> =
                static_elems.iter().map(|(f, b)| (f.as_ref().map(|(k, v)| (k, *v)), *b)).collect();
            let idx = self.initializer_function(info, &elems, class.span)?;
            let base = self.f().temps(2, class.span)?;
            self.f().emit(Insn::Closure { dst: base, func: idx });
            self.f().emit(Insn::SetHomeObject { func: base, home: ctor });
            self.f().emit(Insn::Move { dst: base + 1, src: ctor });
            let text = self.f().name("static initializer");
            self.f().emit(Insn::Call { dst: base, base, argc: 0, text });
        }
        self.pop_scope();
        self.f().next_reg = mark;
        Ok(())
    }

    /// A synthetic function (`this` = the instance or the class) that defines the given fields
    /// and runs the given static blocks in order.
    fn initializer_function(&mut self, info: Rc<super::analysis::FunctionInfo>, elems: &[(Option<(&FieldKey, Option<&Expr>)>, Option<&[Stmt]>)], span: Span) -> CResult<u32> {
        let strict = true;
        let fs = FuncState::new(TemplateKind::FieldInitializer, super::js_str(""), strict, info.clone(), span);
        self.funcs.push(fs);
        self.push_scope(true);
        self.declare_hidden_bindings(&info, false, span)?;
        for (field, block) in elems {
            let mark = self.f().next_reg;
            if let Some((key, value)) = field {
                if let FieldKey::PrivateMethod(n, hidden, kind) = key {
                    let k = self.f().temp(span)?;
                    self.emit_read(&format!("#{n}"), k, span)?;
                    let f = self.f().temp(span)?;
                    self.emit_read(hidden, f, span)?;
                    self.f().emit(Insn::DefinePrivateMethod { obj: 0, key: k, func: f, kind: *kind });
                    self.f().next_reg = mark;
                    continue;
                }
                let v = self.f().temp(span)?;
                let fname = match key {
                    FieldKey::Static(n) => n.to_string(),
                    FieldKey::Private(n) => format!("#{n}"),
                    FieldKey::Computed(_) | FieldKey::PrivateMethod(..) => String::new(),
                };
                match value {
                    Some(e) => self.expr_named(e, v, &fname)?,
                    None => {
                        self.f().emit(Insn::LoadUndef { dst: v });
                    }
                }
                match key {
                    FieldKey::Static(n) => {
                        let k = self.f().name(n);
                        self.f().emit(Insn::DefineField { obj: 0, key: k, src: v });
                    }
                    FieldKey::Computed(hidden) => {
                        let k = self.f().temp(span)?;
                        self.emit_read(hidden, k, span)?;
                        if value.is_some_and(is_anonymous_function) {
                            self.f().emit(Insn::SetFunctionName { func: v, key: k, prefix: 0 });
                        }
                        self.f().emit(Insn::DefineElem { obj: 0, key: k, src: v });
                    }
                    FieldKey::Private(n) => {
                        let k = self.f().temp(span)?;
                        self.emit_read(&format!("#{n}"), k, span)?;
                        self.f().emit(Insn::DefinePrivateField { obj: 0, key: k, src: v });
                    }
                    FieldKey::PrivateMethod(..) => {}
                }
            }
            if let Some(body) = block {
                self.push_scope(true);
                let mut vars = Vec::new();
                super::declarations::var_declared_names(body, &mut vars);
                for id in vars {
                    if self.f().scopes.last().and_then(|s| s.find(&id.name)).is_none() {
                        let b = self.declare(&id.name, BindingKind::Var, 0, id.span)?;
                        self.emit_binding_entry(&b);
                    }
                }
                let mut funcs = Vec::new();
                super::declarations::top_level_functions(body, &mut funcs);
                let mut lex = Vec::new();
                super::declarations::lexically_scoped_declarations(body, false, &mut lex);
                for f in &funcs {
                    if let Some(id) = &f.id {
                        lex.push(super::declarations::LexicalDecl::Function(f));
                        let _ = id;
                    }
                }
                self.instantiate_block(&lex)?;
                for s in body.iter() {
                    self.stmt(s)?;
                }
                self.pop_scope();
            }
            self.f().next_reg = mark;
        }
        let t = self.f().temp(span)?;
        self.f().emit(Insn::LoadUndef { dst: t });
        self.f().emit(Insn::Return { src: t });
        self.pop_scope();
        let Some(fs) = self.funcs.pop() else {
            return Err(CompileError::internal("lost an initializer state", span));
        };
        let template = fs.finish();
        let parent = self.f();
        parent.children.push(template);
        Ok((parent.children.len() - 1) as u32)
    }

    /// The constructor of a class without one (§15.7.14 step 14.a): a base one creates the
    /// instance and runs the field initialisers; a derived one forwards its arguments to the
    /// parent constructor without touching %Array.prototype%[@@iterator].
    fn default_constructor(&mut self, name: &str, derived: bool, span: Span) -> CResult<u32> {
        let info = Rc::new(super::analysis::FunctionInfo::default());
        let mut fs = FuncState::new(TemplateKind::ClassConstructor { derived }, super::js_str(name), true, info, span);
        // `span` is the class's: its source text is what `toString` shows.
        if derived {
            fs.needs_arguments = true;
        }
        self.funcs.push(fs);
        self.push_scope(true);
        let f = self.f();
        let r = f.temp(span)?;
        if derived {
            let ctor = f.temp(span)?;
            let base = f.temps(2, span)?;
            f.emit(Insn::LoadCallee { dst: ctor });
            f.mark(span);
            f.emit(Insn::GetSuperConstructor { dst: base, ctor });
            f.emit(Insn::LoadNewTarget { dst: base + 1 });
            f.emit(Insn::SuperCallForward { dst: r, base });
            f.emit(Insn::Move { dst: 0, src: r });
            f.emit(Insn::InitFieldsFrom { this: r, ctor });
            f.emit(Insn::Return { src: r });
        } else {
            f.emit(Insn::InitFields { this: 0 });
            f.emit(Insn::LoadUndef { dst: r });
            f.emit(Insn::Return { src: r });
        }
        self.pop_scope();
        let Some(fs) = self.funcs.pop() else {
            return Err(CompileError::internal("lost a constructor state", span));
        };
        let template = fs.finish();
        let parent = self.f();
        parent.children.push(template);
        Ok((parent.children.len() - 1) as u32)
    }
}
