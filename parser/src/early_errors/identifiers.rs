//! Identifiers: reserved words, strict-mode reserved words, `yield`/`await` by context,
//! `arguments` in class initializers, `eval`/`arguments` bindings in strict code and `let` as a
//! lexically bound name (ECMA-262 §13.1.1 Identifiers, §15.7.1 ContainsArguments, §14.3.1.1).

use super::Checker;
use crate::ast::{Goal, Ident};

/// Where an identifier appears.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum IdentUse {
    /// IdentifierReference.
    Reference,
    /// BindingIdentifier of a var, parameter, function, class, catch parameter or import.
    Binding,
    /// BindingIdentifier of `let`/`const` (BoundNames may not contain `let`).
    LexicalBinding,
    /// LabelIdentifier.
    Label,
}

/// ReservedWord minus `yield` and `await`, which are decided by context.
pub(super) fn is_reserved_word(name: &str) -> bool {
    matches!(
        name,
        "break"
            | "case"
            | "catch"
            | "class"
            | "const"
            | "continue"
            | "debugger"
            | "default"
            | "delete"
            | "do"
            | "else"
            | "enum"
            | "export"
            | "extends"
            | "false"
            | "finally"
            | "for"
            | "function"
            | "if"
            | "import"
            | "in"
            | "instanceof"
            | "new"
            | "null"
            | "return"
            | "super"
            | "switch"
            | "this"
            | "throw"
            | "true"
            | "try"
            | "typeof"
            | "var"
            | "void"
            | "while"
            | "with"
    )
}

/// The identifiers reserved only in strict mode code (§13.1.1).
pub(super) fn is_strict_reserved_word(name: &str) -> bool {
    matches!(
        name,
        "implements"
            | "interface"
            | "let"
            | "package"
            | "private"
            | "protected"
            | "public"
            | "static"
            | "yield"
    )
}

impl<'a> Checker<'a> {
    /// Static Semantics: Early Errors for IdentifierReference, BindingIdentifier,
    /// LabelIdentifier and Identifier.
    pub(super) fn check_identifier(&mut self, id: &Ident, usage: IdentUse) {
        let name: &str = &id.name;
        // Identifier: IdentifierName but not ReservedWord. An escaped keyword arrives as an
        // identifier and is an error wherever an identifier is required.
        if is_reserved_word(name) {
            if id.escaped {
                self.error("Keyword must not contain escaped characters", id.span);
            } else {
                self.error_with(id.span, || format!("Unexpected token '{name}'"));
            }
            return;
        }
        if self.ctx.strict && is_strict_reserved_word(name) {
            if id.escaped {
                self.error("Keyword must not contain escaped characters", id.span);
            } else {
                self.error("Unexpected strict mode reserved word", id.span);
            }
            return;
        }
        match name {
            // Reserved in module code, in async functions (parameters included) and directly
            // inside class static blocks.
            "await"
                if self.goal == Goal::Module || self.ctx.is_async || self.ctx.in_static_block =>
            {
                self.error("Unexpected reserved word", id.span);
            }
            "yield" if self.ctx.is_generator => {
                self.error("Unexpected identifier 'yield'", id.span);
            }
            "arguments" | "eval" => {
                // ContainsArguments of a field initializer / static block (arrows included).
                if name == "arguments" && self.ctx.no_arguments && usage != IdentUse::Label {
                    self.error(
                        "'arguments' is not allowed in class field initializer or static initialization block",
                        id.span,
                    );
                }
                let binding = matches!(usage, IdentUse::Binding | IdentUse::LexicalBinding);
                if binding && self.ctx.strict {
                    self.error("Unexpected eval or arguments in strict mode", id.span);
                }
            }
            "let" if usage == IdentUse::LexicalBinding => {
                self.error("let is disallowed as a lexically bound name", id.span);
            }
            _ => {}
        }
    }
}
