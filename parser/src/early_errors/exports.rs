//! Module items (ECMA-262 §16.2.1.1, §16.2.2.1, §16.2.3.1): ExportedNames without duplicates,
//! ExportedBindings declared in the module, string export names that are well-formed Unicode
//! and need a `from` clause as local names, import bindings, and import attributes without
//! repeated keys (§16.2.2.2).


use super::identifiers::{is_reserved_word, is_strict_reserved_word, IdentUse};
use crate::fast_hash::FastHashMap as NameMap;
use super::scopes::bound_names;
use super::Checker;
use crate::ast::{
    ExportDecl, ImportAttributes, ImportDecl, ImportSpecifier, JsStr, ModuleExportName, Pattern,
    Program, Span, StmtKind,
};

/// One entry of ExportedNames.
struct ExportedName {
    name: JsStr,
    span: Span,
    /// For `export default …`: where V8 reports a second default declaration (which it words
    /// as a redeclaration of the hidden binding `.default`).
    redeclaration: Option<Span>,
}

impl<'a> Checker<'a> {
    /// A ModuleExportName written as a string must be well-formed Unicode.
    fn check_module_export_name(&mut self, name: &ModuleExportName) {
        if let ModuleExportName::Str(s) = name {
            if !s.value.is_well_formed() {
                self.error(
                    "Invalid module export name: contains unpaired surrogate",
                    s.span,
                );
            }
        }
    }

    fn check_attributes(&mut self, attributes: &Option<ImportAttributes>) {
        let Some(attributes) = attributes else { return };
        let mut keys: Vec<JsStr> = Vec::with_capacity(attributes.list.len());
        for attr in &attributes.list {
            let key = attr.key.value();
            if keys.contains(&key) {
                let shown = key.to_string_lossy();
                self.error_with(attr.span, || {
                    format!("Import assertion has duplicate key '{shown}'")
                });
            }
            keys.push(key);
        }
    }

    pub(super) fn walk_import(&mut self, import: &'a ImportDecl) {
        for spec in &import.specifiers {
            match spec {
                ImportSpecifier::Default(id) | ImportSpecifier::Namespace(id) => {
                    self.check_identifier(id, IdentUse::Binding)
                }
                ImportSpecifier::Named { imported, local } => {
                    self.check_module_export_name(imported);
                    self.check_identifier(local, IdentUse::Binding);
                }
            }
        }
        self.check_attributes(&import.attributes);
    }

    pub(super) fn walk_export(&mut self, export: &'a ExportDecl) {
        match export {
            ExportDecl::Named {
                specifiers,
                source,
                attributes,
            } => {
                for spec in specifiers {
                    self.check_module_export_name(&spec.local);
                    self.check_module_export_name(&spec.exported);
                    if source.is_some() {
                        continue;
                    }
                    // ReferencedBindings of a local `export { … }` are IdentifierReferences.
                    match &spec.local {
                        ModuleExportName::Str(s) => self.error(
                            "String literal module export names must be followed by a 'from' clause",
                            s.span,
                        ),
                        ModuleExportName::Ident(id) => {
                            let name: &str = &id.name;
                            if is_reserved_word(name)
                                || is_strict_reserved_word(name)
                                || name == "await"
                            {
                                self.error("Unexpected reserved word", id.span);
                            } else {
                                self.pending_export_locals.push(id);
                            }
                        }
                    }
                }
                self.check_attributes(attributes);
            }
            ExportDecl::All {
                exported,
                attributes,
                ..
            } => {
                if let Some(exported) = exported {
                    self.check_module_export_name(exported);
                }
                self.check_attributes(attributes);
            }
            ExportDecl::Decl(stmt) => self.walk_statement(stmt),
            ExportDecl::DefaultFunction(func) => self.walk_function_declaration(func),
            ExportDecl::DefaultClass(class) => self.walk_class(class),
            ExportDecl::DefaultExpr(expr) => self.walk_expr(expr),
        }
    }

    /// After the module body: ExportedNames has no duplicates and every local export refers to
    /// a top-level declaration.
    pub(super) fn check_module_exports(&mut self, program: &'a Program) {
        let mut names: Vec<ExportedName> = Vec::new();
        for stmt in &program.body {
            let StmtKind::Export(export) = &stmt.kind else {
                continue;
            };
            exported_names(export, stmt.span, self.src, &mut names);
        }
        let mut seen: NameMap<&JsStr, &ExportedName> = NameMap::with_capacity_and_hasher(names.len(), Default::default());
        let mut duplicates = Vec::new();
        for entry in &names {
            if let Some(previous) = seen.insert(&entry.name, entry) {
                duplicates.push((
                    previous.redeclaration.is_some() && entry.redeclaration.is_some(),
                    entry,
                ));
            }
        }
        for (two_defaults, entry) in duplicates {
            if two_defaults {
                let at = entry.redeclaration.unwrap_or(entry.span);
                self.error("Identifier '.default' has already been declared", at);
            } else {
                let shown = entry.name.to_string_lossy();
                self.error_with(entry.span, || format!("Duplicate export of '{shown}'"));
            }
        }

        let locals = std::mem::take(&mut self.pending_export_locals);
        if let Some(module_scope) = self.scopes.last() {
            let undeclared: Vec<_> = locals
                .into_iter()
                .filter(|id| !module_scope.declares(&id.name))
                .collect();
            for id in undeclared {
                let name = &id.name;
                self.error_with(id.span, || {
                    format!("Export '{name}' is not defined in module")
                });
            }
        }
    }
}

fn push_bound_names(pattern: &Pattern, out: &mut Vec<ExportedName>) {
    let mut ids = Vec::new();
    bound_names(pattern, &mut ids);
    for id in ids {
        out.push(ExportedName {
            name: JsStr::from_str(&id.name),
            span: id.span,
            redeclaration: None,
        });
    }
}

/// The `default` keyword of `export default …` (V8 underlines it for a duplicate export).
fn default_keyword(span: Span, src: &str) -> Span {
    src.get(span.start as usize..span.end as usize)
        .and_then(|text| text.find("default"))
        .map_or(span, |at| {
            Span::new(span.start as usize + at, span.start as usize + at + 7)
        })
}

/// ExportedNames of one export declaration.
fn exported_names(export: &ExportDecl, span: Span, src: &str, out: &mut Vec<ExportedName>) {
    let keyword = default_keyword(span, src);
    let default = |out: &mut Vec<ExportedName>, redeclaration: Span| {
        out.push(ExportedName {
            name: JsStr::from_str("default"),
            span: keyword,
            redeclaration: Some(redeclaration),
        })
    };
    match export {
        ExportDecl::Named { specifiers, .. } => {
            for spec in specifiers {
                // V8 underlines the whole specifier (`x as y`).
                out.push(ExportedName {
                    name: spec.exported.value(),
                    span: spec.span,
                    redeclaration: None,
                });
            }
        }
        ExportDecl::All { exported, .. } => {
            if let Some(exported) = exported {
                out.push(ExportedName {
                    name: exported.value(),
                    span: exported.span(),
                    redeclaration: None,
                });
            }
        }
        ExportDecl::Decl(stmt) => match &stmt.kind {
            StmtKind::Var(decl) => {
                for d in &decl.decls {
                    push_bound_names(&d.target, out);
                }
            }
            StmtKind::Function(func) => {
                if let Some(id) = &func.id {
                    out.push(ExportedName {
                        name: JsStr::from_str(&id.name),
                        span: id.span,
                        redeclaration: None,
                    });
                }
            }
            StmtKind::Class(class) => {
                if let Some(id) = &class.id {
                    out.push(ExportedName {
                        name: JsStr::from_str(&id.name),
                        span: id.span,
                        redeclaration: None,
                    });
                }
            }
            _ => {}
        },
        // A second default declaration: V8 points at the function keyword, the whole class, or
        // from `default` to the end of the expression.
        ExportDecl::DefaultFunction(func) => default(
            out,
            Span {
                start: func.span.start,
                end: func.span.start.saturating_add(1),
            },
        ),
        ExportDecl::DefaultClass(class) => default(out, class.span),
        ExportDecl::DefaultExpr(expr) => default(out, keyword.to(expr.span)),
    }
}
