//! Classes (ECMA-262 §15.7.1): the constructor rules, `prototype` and `constructor` member
//! names, private names (declared once, except one getter plus one setter; every reference
//! declared by an enclosing class — AllPrivateIdentifiersValid), and the context of field
//! initializers and static blocks.


use crate::fast_hash::FastHashMap as NameMap;
use super::scopes::{ListLevel, ScopeKind};
use super::{identifiers::IdentUse, Checker, Ctx};
use crate::ast::{Class, ClassMemberKind, FunctionKind, Ident, PropKey, Span};

/// What a private name declares, for the getter/setter pairing rule.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PrivateKind {
    Field,
    Method,
    Getter,
    Setter,
    /// A getter and a setter: complete.
    Accessors,
}

/// The private names one class body declares.
#[derive(Debug, Default)]
pub(super) struct PrivateEnvironment<'a> {
    names: NameMap<&'a str, (PrivateKind, bool)>,
}

impl<'a> PrivateEnvironment<'a> {
    /// The private environment around direct eval code: names the caller's classes declare.
    pub(super) fn of_names(names: &'a [String]) -> PrivateEnvironment<'a> {
        let mut env = PrivateEnvironment::default();
        for name in names {
            env.names.insert(name.as_str(), (PrivateKind::Accessors, false));
        }
        env
    }
}

/// The name without the leading `#`, however the parser spelled it.
fn private_name(id: &Ident) -> &str {
    id.name.strip_prefix('#').unwrap_or(&id.name)
}

/// PropName of a non-computed key: `constructor`, `"constructor"`, `prototype`, …
fn prop_name_is(key: &PropKey, name: &str) -> bool {
    match key {
        PropKey::Ident(id) => &*id.name == name,
        PropKey::Str(value, _) => value.eq_str(name),
        _ => false,
    }
}

fn key_span(key: &PropKey) -> Span {
    match key {
        PropKey::Ident(id) | PropKey::Private(id) => id.span,
        PropKey::Str(_, span) | PropKey::Num(_, span) | PropKey::BigInt(_, span) => *span,
        PropKey::Computed(expr) => expr.span,
    }
}

impl<'a> Checker<'a> {
    /// AllPrivateIdentifiersValid for one reference `#x`.
    pub(super) fn check_private_reference(&mut self, id: &Ident) {
        let name = private_name(id);
        if !self
            .classes
            .iter()
            .rev()
            .any(|env| env.names.contains_key(name))
        {
            // V8 points at the character before the name (the `.` of `a.#x`), but only finds
            // the error at the end of the outermost class.
            let at = Span {
                start: id.span.start.saturating_sub(1),
                end: id.span.start,
            };
            let order = self.outermost_class_end.unwrap_or(id.span.start);
            self.error_ordered(order, at, || {
                format!("Private field '#{name}' must be declared in an enclosing class")
            });
        }
    }

    /// PrivateBoundIdentifiers of a class body: repeated names are errors except one getter and
    /// one setter of the same placement.
    fn declare_private_names(&mut self, class: &'a Class) -> PrivateEnvironment<'a> {
        let mut env = PrivateEnvironment::default();
        for member in &class.body {
            let (id, kind, is_static) = match &member.kind {
                ClassMemberKind::Method {
                    key: PropKey::Private(id),
                    is_static,
                    func,
                } => {
                    let kind = match func.kind {
                        FunctionKind::Getter => PrivateKind::Getter,
                        FunctionKind::Setter => PrivateKind::Setter,
                        _ => PrivateKind::Method,
                    };
                    if private_name(id) == "constructor" {
                        self.error("Class constructor may not be a private method", id.span);
                    }
                    (id, kind, *is_static)
                }
                ClassMemberKind::Field {
                    key: PropKey::Private(id),
                    is_static,
                    ..
                } => {
                    if private_name(id) == "constructor" {
                        self.error("Classes may not have a field named 'constructor'", id.span);
                    }
                    (id, PrivateKind::Field, *is_static)
                }
                _ => continue,
            };
            let name = private_name(id);
            match env.names.get(name).copied() {
                None => {
                    env.names.insert(name, (kind, is_static));
                }
                Some((previous, previous_static)) => {
                    let pair = previous_static == is_static
                        && matches!(
                            (previous, kind),
                            (PrivateKind::Getter, PrivateKind::Setter)
                                | (PrivateKind::Setter, PrivateKind::Getter)
                        );
                    if pair {
                        env.names.insert(name, (PrivateKind::Accessors, is_static));
                    } else {
                        // V8 reports at the last token of the second declaration.
                        let at = Self::tail(member.span, 1);
                        self.error_with(at, || {
                            format!("Identifier '#{name}' has already been declared")
                        });
                    }
                }
            }
        }
        env
    }

    /// The rules on ordinary member names: one constructor, a plain method; no static
    /// `prototype`; no field named `constructor`.
    fn check_member_names(&mut self, class: &'a Class) {
        let mut constructor_seen = false;
        for member in &class.body {
            match &member.kind {
                ClassMemberKind::Method {
                    key,
                    is_static,
                    func,
                } => {
                    let span = key_span(key);
                    if *is_static {
                        if prop_name_is(key, "prototype") {
                            self.error(
                                "Classes may not have a static property named 'prototype'",
                                span,
                            );
                        }
                        continue;
                    }
                    if !prop_name_is(key, "constructor") {
                        continue;
                    }
                    let message = if func.is_generator {
                        "Class constructor may not be a generator"
                    } else if func.is_async {
                        "Class constructor may not be an async method"
                    } else if matches!(func.kind, FunctionKind::Getter | FunctionKind::Setter) {
                        "Class constructor may not be an accessor"
                    } else if constructor_seen {
                        "A class may only have one constructor"
                    } else {
                        constructor_seen = true;
                        continue;
                    };
                    self.error(message, span);
                }
                ClassMemberKind::Field { key, is_static, .. } => {
                    let span = key_span(key);
                    if prop_name_is(key, "constructor") {
                        self.error("Classes may not have a field named 'constructor'", span);
                    } else if *is_static && prop_name_is(key, "prototype") {
                        self.error(
                            "Classes may not have a static property named 'prototype'",
                            span,
                        );
                    }
                }
                ClassMemberKind::StaticBlock(_) | ClassMemberKind::Empty => {}
            }
        }
    }

    /// The context of a field initializer or a static block: like a method body without
    /// parameters, where `arguments` and `super()` are forbidden.
    fn initializer_context(&self) -> Ctx {
        Ctx {
            strict: true,
            is_async: false,
            is_generator: false,
            in_params: false,
            in_static_block: false,
            no_arguments: true,
            module_top: false,
            new_target: true,
            super_property: true,
            super_call: false,
            can_return: false,
            loop_depth: 0,
            breakable_depth: 0,
            label_base: self.labels.len(),
        }
    }

    /// ClassDeclaration / ClassExpression: all of it is strict mode code.
    pub(super) fn walk_class(&mut self, class: &'a Class) {
        let outer = self.ctx;
        self.ctx.strict = true;
        if let Some(id) = &class.id {
            let usage = if outer.strict {
                IdentUse::Binding
            } else {
                IdentUse::ClassName
            };
            self.check_identifier(id, usage);
        }
        // The heritage is outside the class's private environment.
        if let Some(heritage) = &class.super_class {
            self.walk_expr(heritage);
        }
        let outermost = self.outermost_class_end.is_none();
        if outermost {
            self.outermost_class_end = Some(class.span.end);
        }
        let env = self.declare_private_names(class);
        self.classes.push(env);
        self.check_member_names(class);

        let outer_heritage = self.class_has_heritage;
        self.class_has_heritage = class.super_class.is_some();
        for member in &class.body {
            match &member.kind {
                ClassMemberKind::Method { key, func, .. } => {
                    self.walk_prop_key(key);
                    self.walk_method(func);
                }
                ClassMemberKind::Field { key, value, .. } => {
                    self.walk_prop_key(key);
                    if let Some(value) = value {
                        let saved = self.ctx;
                        self.ctx = self.initializer_context();
                        self.walk_expr(value);
                        self.ctx = saved;
                    }
                }
                ClassMemberKind::StaticBlock(stmts) => {
                    let saved = self.ctx;
                    self.ctx = self.initializer_context();
                    self.ctx.in_static_block = true;
                    self.with_scope(ScopeKind::Var, |this| {
                        this.declare_statement_list(stmts, ListLevel::FunctionTop);
                        this.walk_statements(stmts);
                    });
                    self.ctx = saved;
                }
                ClassMemberKind::Empty => {}
            }
        }
        self.class_has_heritage = outer_heritage;
        self.classes.pop();
        if outermost {
            self.outermost_class_end = None;
        }
        self.ctx = outer;
    }
}
