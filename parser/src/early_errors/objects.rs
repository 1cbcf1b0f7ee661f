//! Object literals (ECMA-262 §13.2.5.1): at most one `__proto__: value` property, and no
//! CoverInitializedName (`{ a = 1 }`) left in an expression.

use super::identifiers::IdentUse;
use super::Checker;
use crate::ast::{PropKey, Property, PropertyKind};

/// PropName is `__proto__` for a non-computed, non-shorthand `key: value` property.
fn is_proto_key(key: &PropKey) -> bool {
    match key {
        PropKey::Ident(id) => &*id.name == "__proto__",
        PropKey::Str(value, _) => value.eq_str("__proto__"),
        _ => false,
    }
}

impl<'a> Checker<'a> {
    /// A property key of an object literal: private names belong to classes only.
    fn walk_object_key(&mut self, key: &'a PropKey) {
        if let PropKey::Private(id) = key {
            let name = id.name.strip_prefix('#').unwrap_or(&id.name);
            self.error_with(id.span, || format!("Unexpected identifier '#{name}'"));
            return;
        }
        self.walk_prop_key(key);
    }

    pub(super) fn walk_object_literal(&mut self, props: &'a [Property]) {
        let mut proto_seen = false;
        for prop in props {
            match &prop.kind {
                PropertyKind::Init { key, value } => {
                    if is_proto_key(key) {
                        if proto_seen {
                            let at = match key {
                                PropKey::Ident(id) => id.span,
                                PropKey::Str(_, span) => *span,
                                _ => prop.span,
                            };
                            self.error(
                                "Duplicate __proto__ fields are not allowed in object literals",
                                at,
                            );
                        }
                        proto_seen = true;
                    }
                    self.walk_object_key(key);
                    self.walk_expr(value);
                }
                PropertyKind::Shorthand(id) => self.check_identifier(id, IdentUse::Reference),
                PropertyKind::CoverInit { name, default } => {
                    self.error("Invalid shorthand property initializer", prop.span);
                    self.check_identifier(name, IdentUse::Reference);
                    self.walk_expr(default);
                }
                PropertyKind::Method { key, func } => {
                    self.walk_object_key(key);
                    self.walk_method(func);
                }
                PropertyKind::Spread(expr) => self.walk_expr(expr),
            }
        }
    }
}
