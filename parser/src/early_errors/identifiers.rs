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
    /// The BindingIdentifier of a class in sloppy code (a Binding, checked as strict code; V8
    /// does not mention escapes there).
    ClassName,
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
        // Every name checked below is 2 to 10 lowercase ASCII letters: most identifiers are
        // told apart by their length or first letter alone.
        if !(2..=10).contains(&name.len()) || !name.as_bytes()[0].is_ascii_lowercase() {
            return;
        }
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
        // V8 words an escaped contextual keyword as such only in label position (and for the
        // strict mode reserved words outside class names); elsewhere it ignores the escape.
        const ESCAPED: &str = "Keyword must not contain escaped characters";
        // V8 reads an identifier that starts an expression statement as a possible label.
        let escaped_label = id.escaped
            && (usage == IdentUse::Label
                || (usage == IdentUse::Reference && self.statement_start == Some(id.span.start)));
        if name == "yield" {
            if self.ctx.is_generator && escaped_label {
                self.error(ESCAPED, id.span);
            } else if self.ctx.strict {
                self.error("Unexpected strict mode reserved word", id.span);
            } else if self.ctx.is_generator {
                self.error("Unexpected identifier 'yield'", id.span);
            }
            return;
        }
        if self.ctx.strict && is_strict_reserved_word(name) {
            let message = if id.escaped && usage != IdentUse::ClassName {
                ESCAPED
            } else {
                "Unexpected strict mode reserved word"
            };
            self.error(message, id.span);
            return;
        }
        match name {
            // Reserved in module code, in async functions (parameters included) and directly
            // inside class static blocks.
            "await"
                if self.goal == Goal::Module || self.ctx.is_async || self.ctx.in_static_block =>
            {
                // In a static block V8 does not mention the escape.
                let static_block_only = !self.ctx.is_async && self.ctx.in_static_block;
                let message = if id.escaped && usage != IdentUse::Binding && !static_block_only {
                    ESCAPED
                } else if self.ctx.in_params && self.ctx.is_async && usage != IdentUse::Label {
                    "'await' is not a valid identifier name in an async function"
                } else {
                    "Unexpected reserved word"
                };
                self.error(message, id.span);
            }
            "arguments" | "eval" => {
                // ContainsArguments of a field initializer / static block (arrows included).
                if name == "arguments" && self.ctx.no_arguments && usage != IdentUse::Label {
                    self.error(
                        "'arguments' is not allowed in class field initializer or static initialization block",
                        id.span,
                    );
                }
                let binding = matches!(
                    usage,
                    IdentUse::Binding | IdentUse::LexicalBinding | IdentUse::ClassName
                );
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
