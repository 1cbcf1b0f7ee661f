//! The static module information of ParseModule (ECMA-262 §16.2.1.7.1): RequestedModules,
//! ImportEntries, LocalExportEntries, IndirectExportEntries, StarExportEntries and HasTLA.
//!
//! Everything here is computed from the syntax alone, before any module is loaded: it is what a
//! Source Text Module Record knows the moment its text has been parsed. The linker later uses
//! these lists to resolve imports (ResolveExport) and to build the module's namespace
//! (GetExportedNames).
//!
//! The functions are named after the spec's syntax-directed operations:
//! [`module_requests`] (§16.2.1.4 ModuleRequests), [`import_entries`] (§16.2.2 ImportEntries),
//! [`export_entries`] (§16.2.3 ExportEntries), [`has_tla`] (ParseModule's `body Contains
//! await`), and [`parse_module_records`] (the rest of ParseModule: the split of step 10).
//! Two stage-3 proposals that test262 exercises extend the records with an import *phase*:
//! `import defer * as ns from "m"` and `import source x from "m"`.

use std::fmt::{self, Write as _};

use modjs_lexer::LineIndex;

use crate::ast::{
    self, ArrayElement, Class, ClassMemberKind, ExportDecl, Expr, ExprKind, ForHead, ForInit,
    ImportDecl, ImportPhase, ImportSpecifier, JsStr, MemberProp, Pattern, PatternKind, Program,
    PropKey, PropertyKind, Span, Stmt, StmtKind, VarDecl,
};

// ================================================================================================
// Records
// ================================================================================================

/// An ImportAttribute Record (§16.2.1.3 table "ImportAttribute Record Fields").
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ImportAttribute {
    pub key: JsStr,
    pub value: JsStr,
}

/// A ModuleRequest Record: what one `from "…"` clause asks the host to load.
#[derive(Clone, PartialEq, Debug)]
pub struct ModuleRequest {
    /// [[Specifier]]: the string value of the module specifier.
    pub specifier: JsStr,
    /// [[Attributes]]: sorted by key, as WithClauseToAttributes sorts them.
    pub attributes: Vec<ImportAttribute>,
    /// [[Phase]] (import-defer / source-phase proposals): `Evaluation` for ordinary imports.
    pub phase: ImportPhase,
    /// The specifier's string literal in the source (of the first request, after
    /// de-duplication).
    pub span: Span,
}

/// What an import entry imports: ImportEntry [[ImportName]].
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ImportName {
    /// A named export of the requested module (`"default"` for a default import).
    Name(JsStr),
    /// ~namespace-object~: `import * as ns from "m"` binds the module namespace object.
    NamespaceObject,
    /// ~source~ (source-phase proposal): `import source s from "m"` binds the module source.
    Source,
}

/// An ImportEntry Record (§16.2.1.7 table "ImportEntry Record Fields").
#[derive(Clone, PartialEq, Debug)]
pub struct ImportEntry {
    /// [[ModuleRequest]]
    pub module_request: ModuleRequest,
    /// [[ImportName]]
    pub import_name: ImportName,
    /// [[LocalName]]: the binding this module creates.
    pub local_name: JsStr,
    /// The import specifier (`x`, `a as b`, `* as ns`) in the source.
    pub span: Span,
}

/// What an export entry re-exports from another module: ExportEntry [[ImportName]].
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ExportImportName {
    /// A named export of the requested module.
    Name(JsStr),
    /// ~all~: `export * as ns from "m"` exports the namespace object of "m".
    All,
    /// ~all-but-default~: `export * from "m"` re-exports every name of "m" except `default`.
    AllButDefault,
}

/// An ExportEntry Record (§16.2.1.7 table "ExportEntry Record Fields").
#[derive(Clone, PartialEq, Debug)]
pub struct ExportEntry {
    /// [[ExportName]]: the name other modules import; `None` for `export * from "m"`.
    pub export_name: Option<JsStr>,
    /// [[ModuleRequest]]: `None` for exports of this module's own bindings.
    pub module_request: Option<ModuleRequest>,
    /// [[ImportName]]: `None` for exports of this module's own bindings.
    pub import_name: Option<ExportImportName>,
    /// [[LocalName]]: the exported local binding (`*default*` for an anonymous default).
    pub local_name: Option<JsStr>,
    /// The export specifier or declaration in the source.
    pub span: Span,
}

/// The fields of a Source Text Module Record that ParseModule computes from the syntax.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct ModuleRecords {
    /// [[RequestedModules]]
    pub requested_modules: Vec<ModuleRequest>,
    /// [[ImportEntries]]
    pub import_entries: Vec<ImportEntry>,
    /// [[LocalExportEntries]]
    pub local_export_entries: Vec<ExportEntry>,
    /// [[IndirectExportEntries]]
    pub indirect_export_entries: Vec<ExportEntry>,
    /// [[StarExportEntries]]
    pub star_export_entries: Vec<ExportEntry>,
    /// [[HasTLA]]
    pub has_tla: bool,
}

/// The local name the spec gives the binding of an anonymous `export default`.
pub const DEFAULT_LOCAL_NAME: &str = "*default*";

// ================================================================================================
// ParseModule
// ================================================================================================

/// ParseModule (§16.2.1.7.1), steps 3–12: the records of an already parsed Module body.
///
/// For a Script every list is empty and `has_tla` is false (a Script has no module records).
pub fn parse_module_records(program: &Program) -> ModuleRecords {
    if program.goal != ast::Goal::Module {
        return ModuleRecords::default();
    }
    let body = &program.body;
    // 3. Let requestedModules be the ModuleRequests of body.
    let requested_modules = module_requests(body);
    // 4. Let importEntries be ImportEntries of body.
    let import_entries = import_entries(body);
    // 5. Let importedBoundNames be ImportedLocalNames(importEntries).
    let imported_bound_names = imported_local_names(&import_entries);
    // 6–8. Let indirectExportEntries, localExportEntries, starExportEntries be new empty Lists.
    let mut indirect_export_entries = Vec::new();
    let mut local_export_entries = Vec::new();
    let mut star_export_entries = Vec::new();
    // 9. Let exportEntries be ExportEntries of body.
    // 10. For each ExportEntry Record ee of exportEntries, do
    for ee in export_entries(body) {
        match (&ee.module_request, &ee.import_name) {
            // a. If ee.[[ModuleRequest]] is null, then
            (None, _) => {
                let local = ee.local_name.as_ref();
                // i. If importedBoundNames does not contain ee.[[LocalName]], append ee to
                //    localExportEntries.
                let ie = local.and_then(|l| {
                    if imported_bound_names.contains(&l) {
                        // ii.1. Let ie be the element of importEntries whose [[LocalName]] is
                        //       ee.[[LocalName]].
                        import_entries.iter().find(|ie| &ie.local_name == l)
                    } else {
                        None
                    }
                });
                match ie {
                    None => local_export_entries.push(ee),
                    Some(ie) => match &ie.import_name {
                        // ii.2. If ie.[[ImportName]] is namespace-object, then
                        //   NOTE: This is a re-export of an imported module namespace object.
                        //   Append ee to localExportEntries.
                        // (The source-phase proposal treats an imported module source the same
                        // way: it is a value held in a local binding, not a re-exportable name.)
                        ImportName::NamespaceObject | ImportName::Source => {
                            local_export_entries.push(ee)
                        }
                        // ii.3. Else, this is a re-export of a single name: append the
                        //   ExportEntry Record { [[ModuleRequest]]: ie.[[ModuleRequest]],
                        //   [[ImportName]]: ie.[[ImportName]], [[LocalName]]: null,
                        //   [[ExportName]]: ee.[[ExportName]] } to indirectExportEntries.
                        ImportName::Name(name) => indirect_export_entries.push(ExportEntry {
                            export_name: ee.export_name,
                            module_request: Some(ie.module_request.clone()),
                            import_name: Some(ExportImportName::Name(name.clone())),
                            local_name: None,
                            span: ee.span,
                        }),
                    },
                }
            }
            // b. Else if ee.[[ImportName]] is all-but-default, then
            //    i. Assert: ee.[[ExportName]] is null.
            //    ii. Append ee to starExportEntries.
            (Some(_), Some(ExportImportName::AllButDefault)) => star_export_entries.push(ee),
            // c. Else, append ee to indirectExportEntries.
            (Some(_), _) => indirect_export_entries.push(ee),
        }
    }
    // 11. Let async be body Contains await.
    let has_tla = has_tla(body);
    // 12. Return the Source Text Module Record { … }.
    ModuleRecords {
        requested_modules,
        import_entries,
        local_export_entries,
        indirect_export_entries,
        star_export_entries,
        has_tla,
    }
}

/// ImportedLocalNames (§16.2.1.2, used in ParseModule step 5): the [[LocalName]] of every
/// import entry.
pub fn imported_local_names(import_entries: &[ImportEntry]) -> Vec<&JsStr> {
    import_entries.iter().map(|ie| &ie.local_name).collect()
}

// ================================================================================================
// ModuleRequests
// ================================================================================================

/// ModuleRequests (§16.2.1.4) of a ModuleItemList: one ModuleRequest Record per import
/// declaration and per `export … from` declaration, in source order, with later requests that
/// are ModuleRequestsEqual to an earlier one left out.
///
/// The import-defer and source-phase proposals keep requests of different phases apart even
/// when they are ModuleRequestsEqual (`import defer * as a from "m"` and `import "m"` are two
/// requests).
pub fn module_requests(body: &[Stmt]) -> Vec<ModuleRequest> {
    let mut requests: Vec<ModuleRequest> = Vec::new();
    // ModuleItemList : ModuleItemList ModuleItem
    for item in body {
        // 2. Let additionalRequests be ModuleRequests of ModuleItem.
        let Some(mr) = module_request_of_item(item) else { continue };
        // 3. For each ModuleRequest Record mr of additionalRequests: append mr unless requests
        //    already holds an mr2 with ModuleRequestsEqual(mr, mr2) (and the same phase).
        let found =
            requests.iter().any(|mr2| module_requests_equal(&mr, mr2) && mr.phase == mr2.phase);
        if !found {
            requests.push(mr);
        }
    }
    requests
}

/// ModuleRequests of one ModuleItem: `import … from "m"`, `import "m"`, `export … from "m"`.
fn module_request_of_item(item: &Stmt) -> Option<ModuleRequest> {
    match &item.kind {
        StmtKind::Import(decl) => Some(import_module_request(decl)),
        StmtKind::Export(decl) => match &**decl {
            ExportDecl::Named { source: Some(source), attributes, .. }
            | ExportDecl::All { source, attributes, .. } => Some(ModuleRequest {
                specifier: source.value.clone(),
                attributes: with_clause_to_attributes(attributes.as_ref()),
                phase: ImportPhase::Evaluation,
                span: source.span,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// ModuleRequests of an ImportDeclaration: its FromClause (or ModuleSpecifier) and WithClause.
fn import_module_request(decl: &ImportDecl) -> ModuleRequest {
    ModuleRequest {
        // 1. Let specifier be SV of FromClause.
        specifier: decl.source.value.clone(),
        // 2. Let attributes be WithClauseToAttributes of WithClause.
        attributes: with_clause_to_attributes(decl.attributes.as_ref()),
        phase: decl.phase,
        span: decl.source.span,
    }
}

/// WithClauseToAttributes (§16.2.2, Static Semantics): the `with { key: "value" }` entries as ImportAttribute
/// Records, sorted by key.
pub fn with_clause_to_attributes(clause: Option<&ast::ImportAttributes>) -> Vec<ImportAttribute> {
    let Some(clause) = clause else { return Vec::new() };
    // 1. Let attributes be WithClauseToAttributes of WithEntries: for each entry, the PropName
    //    of its AttributeKey and the SV of its StringLiteral.
    let mut attributes: Vec<ImportAttribute> = clause
        .list
        .iter()
        .map(|a| ImportAttribute { key: a.key.value(), value: a.value.clone() })
        .collect();
    // 2. Sort attributes according to the lexicographic order of their [[Key]] fields, treating
    //    the value of each such field as a sequence of UTF-16 code unit values. (A stable sort:
    //    duplicate keys are an early error, so their order never matters.)
    attributes.sort_by(|a, b| a.key.units().cmp(b.key.units()));
    attributes
}

/// ModuleRequestsEqual (§16.2.1.3.1): same specifier and the same set of attributes (in any
/// order).
pub fn module_requests_equal(left: &ModuleRequest, right: &ModuleRequest) -> bool {
    // 1. If left.[[Specifier]] is not right.[[Specifier]], return false.
    if left.specifier != right.specifier {
        return false;
    }
    // 2–4. If the attribute lists differ in length, return false.
    if left.attributes.len() != right.attributes.len() {
        return false;
    }
    // 5. For each ImportAttribute Record l of leftAttrs: if rightAttrs has no r with the same
    //    [[Key]] and [[Value]], return false.
    // 6. Return true.
    left.attributes
        .iter()
        .all(|l| right.attributes.iter().any(|r| r.key == l.key && r.value == l.value))
}

// ================================================================================================
// ImportEntries
// ================================================================================================

/// ImportEntries (§16.2.2, Static Semantics) of a ModuleItemList: one ImportEntry Record per binding that an
/// import declaration creates, in source order.
pub fn import_entries(body: &[Stmt]) -> Vec<ImportEntry> {
    let mut entries = Vec::new();
    for item in body {
        // ModuleItem : ImportDeclaration (every other ModuleItem has no import entries)
        let StmtKind::Import(decl) = &item.kind else { continue };
        // ImportDeclaration : import ImportClause FromClause WithClause
        //   1. Let module be the sole element of ModuleRequests of ImportDeclaration.
        //   2. Return ImportEntriesForModule of ImportClause with argument module.
        // ImportDeclaration : import ModuleSpecifier ; → empty (there is no ImportClause).
        let module = import_module_request(decl);
        import_entries_for_module(decl, &module, &mut entries);
    }
    entries
}

/// ImportEntriesForModule (§16.2.2, Static Semantics) of an ImportClause, with argument `module`.
fn import_entries_for_module(
    decl: &ImportDecl,
    module: &ModuleRequest,
    out: &mut Vec<ImportEntry>,
) {
    for spec in &decl.specifiers {
        let (import_name, local, span) = match spec {
            // ImportedDefaultBinding : ImportedBinding
            //   1. Let localName be the sole element of BoundNames of ImportedBinding.
            //   2. Let defaultEntry be ImportEntry { module, "default", localName }.
            // (source-phase proposal: `import source x from "m"` imports ~source~ instead.)
            ImportSpecifier::Default(local) => {
                let name = if decl.phase == ImportPhase::Source {
                    ImportName::Source
                } else {
                    ImportName::Name(JsStr::from_str("default"))
                };
                (name, local, local.span)
            }
            // NameSpaceImport : * as ImportedBinding
            //   2. Let entry be ImportEntry { module, namespace-object, localName }.
            ImportSpecifier::Namespace(local) => (ImportName::NamespaceObject, local, local.span),
            // ImportSpecifier : ModuleExportName as ImportedBinding
            //   1. Let importName be the StringValue of ModuleExportName.
            //   2. Let localName be the StringValue of ImportedBinding.
            // ImportSpecifier : ImportedBinding (the AST repeats the name as `imported`).
            ImportSpecifier::Named { imported, local } => {
                (ImportName::Name(imported.value()), local, imported.span().to(local.span))
            }
        };
        out.push(ImportEntry {
            module_request: module.clone(),
            import_name,
            local_name: JsStr::from_str(&local.name),
            span,
        });
    }
}

// ================================================================================================
// ExportEntries
// ================================================================================================

/// ExportEntries (§16.2.3, Static Semantics) of a ModuleItemList: one ExportEntry Record per exported name (and
/// one per `export * from`), in source order.
pub fn export_entries(body: &[Stmt]) -> Vec<ExportEntry> {
    let mut entries = Vec::new();
    for item in body {
        let StmtKind::Export(decl) = &item.kind else { continue };
        export_entries_of_declaration(decl, item.span, &mut entries);
    }
    entries
}

/// ExportEntries of one ExportDeclaration.
fn export_entries_of_declaration(decl: &ExportDecl, span: Span, out: &mut Vec<ExportEntry>) {
    let str_of = |s: &str| Some(JsStr::from_str(s));
    match decl {
        // export ExportFromClause FromClause WithClause ;
        //   1. Let module be the sole element of ModuleRequests of ExportDeclaration.
        //   2. Return ExportEntriesForModule of ExportFromClause with argument module.
        ExportDecl::All { exported, source, attributes } => {
            let module = ModuleRequest {
                specifier: source.value.clone(),
                attributes: with_clause_to_attributes(attributes.as_ref()),
                phase: ImportPhase::Evaluation,
                span: source.span,
            };
            out.push(match exported {
                // ExportFromClause : *
                //   1. Return « ExportEntry { module, null, all-but-default, null } ».
                None => ExportEntry {
                    export_name: None,
                    module_request: Some(module),
                    import_name: Some(ExportImportName::AllButDefault),
                    local_name: None,
                    span,
                },
                // ExportFromClause : * as ModuleExportName
                //   1. Let exportName be the StringValue of ModuleExportName.
                //   2. Return « ExportEntry { module, exportName, all, null } ».
                Some(name) => ExportEntry {
                    export_name: Some(name.value()),
                    module_request: Some(module),
                    import_name: Some(ExportImportName::All),
                    local_name: None,
                    span,
                },
            });
        }
        // export NamedExports ; and export ExportFromClause(NamedExports) FromClause WithClause ;
        ExportDecl::Named { specifiers, source, attributes } => {
            // With no FromClause, module is null (ExportDeclaration : export NamedExports ;).
            let module = source.as_ref().map(|source| ModuleRequest {
                specifier: source.value.clone(),
                attributes: with_clause_to_attributes(attributes.as_ref()),
                phase: ImportPhase::Evaluation,
                span: source.span,
            });
            for spec in specifiers {
                // ExportSpecifier : ModuleExportName as ModuleExportName
                //   1. Let sourceName be the StringValue of the first ModuleExportName.
                //   2. Let exportName be the StringValue of the second ModuleExportName.
                //   3–4. If module is null: localName = sourceName, importName = null;
                //        else: localName = null, importName = sourceName.
                let source_name = spec.local.value();
                let (local_name, import_name) = match &module {
                    None => (Some(source_name), None),
                    Some(_) => (None, Some(ExportImportName::Name(source_name))),
                };
                out.push(ExportEntry {
                    export_name: Some(spec.exported.value()),
                    module_request: module.clone(),
                    import_name,
                    local_name,
                    span: spec.span,
                });
            }
        }
        // export VariableStatement / export Declaration
        //   1. Let entries be a new empty List.
        //   2. Let names be the BoundNames of the declaration.
        //   3. For each name: append ExportEntry { null, null, name, name }.
        ExportDecl::Decl(stmt) => {
            for (name, name_span) in declaration_bound_names(stmt) {
                out.push(ExportEntry {
                    export_name: Some(name.clone()),
                    module_request: None,
                    import_name: None,
                    local_name: Some(name),
                    span: name_span,
                });
            }
        }
        // export default HoistableDeclaration / ClassDeclaration
        //   1. Let names be BoundNames of the declaration (`*default*` when anonymous).
        //   2. Let localName be the sole element of names.
        //   3. Return « ExportEntry { null, null, localName, "default" } ».
        ExportDecl::DefaultFunction(func) => out.push(ExportEntry {
            export_name: str_of("default"),
            module_request: None,
            import_name: None,
            local_name: Some(JsStr::from_str(
                func.id.as_ref().map_or(DEFAULT_LOCAL_NAME, |id| &id.name),
            )),
            span,
        }),
        ExportDecl::DefaultClass(class) => out.push(ExportEntry {
            export_name: str_of("default"),
            module_request: None,
            import_name: None,
            local_name: Some(JsStr::from_str(
                class.id.as_ref().map_or(DEFAULT_LOCAL_NAME, |id| &id.name),
            )),
            span,
        }),
        // export default AssignmentExpression ;
        //   1. Let entry be ExportEntry { null, null, "*default*", "default" }.
        ExportDecl::DefaultExpr(_) => out.push(ExportEntry {
            export_name: str_of("default"),
            module_request: None,
            import_name: None,
            local_name: str_of(DEFAULT_LOCAL_NAME),
            span,
        }),
    }
}

/// BoundNames (§8.2.1) of an exported declaration (`var`/`let`/`const`, function, class), with
/// the span of each name.
fn declaration_bound_names(stmt: &Stmt) -> Vec<(JsStr, Span)> {
    let mut names = Vec::new();
    match &stmt.kind {
        StmtKind::Var(decl) => {
            for d in &decl.decls {
                pattern_bound_names(&d.target, &mut names);
            }
        }
        StmtKind::Function(f) => {
            if let Some(id) = &f.id {
                names.push((JsStr::from_str(&id.name), id.span));
            }
        }
        StmtKind::Class(c) => {
            if let Some(id) = &c.id {
                names.push((JsStr::from_str(&id.name), id.span));
            }
        }
        _ => {}
    }
    names
}

/// BoundNames of a binding pattern, in source order.
fn pattern_bound_names(pattern: &Pattern, out: &mut Vec<(JsStr, Span)>) {
    match &pattern.kind {
        PatternKind::Ident(id) => out.push((JsStr::from_str(&id.name), id.span)),
        PatternKind::Object { props, rest } => {
            for p in props {
                pattern_bound_names(&p.value, out);
            }
            if let Some(rest) = rest {
                pattern_bound_names(rest, out);
            }
        }
        PatternKind::Array { elems, rest } => {
            for p in elems.iter().flatten() {
                pattern_bound_names(p, out);
            }
            if let Some(rest) = rest {
                pattern_bound_names(rest, out);
            }
        }
        PatternKind::Default { target, .. } => pattern_bound_names(target, out),
        // Member expressions occur only in assignment patterns, never in declarations.
        PatternKind::Expr(_) => {}
    }
}

// ================================================================================================
// HasTLA
// ================================================================================================

/// HasTLA: ParseModule step 11, `body Contains await` (Contains, §8.5.1).
///
/// Contains does not look inside functions (declarations, expressions, arrows, methods,
/// accessors), class field initializers or static blocks: an `await` there belongs to that
/// function. It does look at what is evaluated as part of the module body itself: class
/// heritage (`extends`), computed property and member keys, and `for await` loops.
pub fn has_tla(body: &[Stmt]) -> bool {
    body.iter().any(stmt_contains_await)
}

fn stmts_contain_await(stmts: &[Stmt]) -> bool {
    stmts.iter().any(stmt_contains_await)
}

fn opt_expr(e: &Option<ast::P<Expr>>) -> bool {
    e.as_deref().is_some_and(expr_contains_await)
}

fn stmt_contains_await(stmt: &Stmt) -> bool {
    match &stmt.kind {
        StmtKind::Var(decl) => var_decl_contains_await(decl),
        // A function declaration is a boundary.
        StmtKind::Function(_) => false,
        StmtKind::Class(class) => class_contains_await(class),
        StmtKind::Expr(e) | StmtKind::Throw(e) => expr_contains_await(e),
        StmtKind::Block(stmts) => stmts_contain_await(stmts),
        StmtKind::Empty | StmtKind::Debugger | StmtKind::Continue(_) | StmtKind::Break(_) => false,
        StmtKind::If { test, cons, alt } => {
            expr_contains_await(test)
                || stmt_contains_await(cons)
                || alt.as_deref().is_some_and(stmt_contains_await)
        }
        StmtKind::For { init, test, update, body } => {
            let init = match init.as_deref() {
                Some(ForInit::Var(d)) => var_decl_contains_await(d),
                Some(ForInit::Expr(e)) => expr_contains_await(e),
                None => false,
            };
            init || opt_expr(test) || opt_expr(update) || stmt_contains_await(body)
        }
        StmtKind::ForIn { left, right, body } => {
            for_head_contains_await(left) || expr_contains_await(right) || stmt_contains_await(body)
        }
        // `for await (…)` itself contains the `await` keyword.
        StmtKind::ForOf { left, right, body, is_await } => {
            *is_await
                || for_head_contains_await(left)
                || expr_contains_await(right)
                || stmt_contains_await(body)
        }
        StmtKind::While { test, body } | StmtKind::DoWhile { body, test } => {
            expr_contains_await(test) || stmt_contains_await(body)
        }
        StmtKind::Return(e) => opt_expr(e),
        StmtKind::With { object, body } => expr_contains_await(object) || stmt_contains_await(body),
        StmtKind::Switch { discriminant, cases } => {
            expr_contains_await(discriminant)
                || cases.iter().any(|c| opt_expr(&c.test) || stmts_contain_await(&c.body))
        }
        StmtKind::Labeled { body, .. } => stmt_contains_await(body),
        StmtKind::Try { block, handler, finalizer } => {
            stmts_contain_await(block)
                || handler.as_ref().is_some_and(|h| {
                    h.param.as_ref().is_some_and(pattern_contains_await)
                        || stmts_contain_await(&h.body)
                })
                || finalizer.as_deref().is_some_and(stmts_contain_await)
        }
        StmtKind::Import(_) => false,
        StmtKind::Export(decl) => match &**decl {
            ExportDecl::Decl(stmt) => stmt_contains_await(stmt),
            ExportDecl::DefaultFunction(_) => false,
            ExportDecl::DefaultClass(class) => class_contains_await(class),
            ExportDecl::DefaultExpr(e) => expr_contains_await(e),
            ExportDecl::Named { .. } | ExportDecl::All { .. } => false,
        },
    }
}

fn var_decl_contains_await(decl: &VarDecl) -> bool {
    decl.decls.iter().any(|d| pattern_contains_await(&d.target) || opt_expr(&d.init))
}

fn for_head_contains_await(head: &ForHead) -> bool {
    match head {
        ForHead::Var(d) => var_decl_contains_await(d),
        ForHead::Pattern(p) => pattern_contains_await(p),
    }
}

/// ClassTail Contains: the heritage and the computed keys (ComputedPropertyContains); method
/// bodies, field initializers and static blocks are boundaries.
fn class_contains_await(class: &Class) -> bool {
    opt_expr(&class.super_class)
        || class.body.iter().any(|m| match &m.kind {
            ClassMemberKind::Method { key, .. } | ClassMemberKind::Field { key, .. } => {
                prop_key_contains_await(key)
            }
            ClassMemberKind::StaticBlock(_) | ClassMemberKind::Empty => false,
        })
}

fn prop_key_contains_await(key: &PropKey) -> bool {
    match key {
        PropKey::Computed(e) => expr_contains_await(e),
        _ => false,
    }
}

fn pattern_contains_await(p: &Pattern) -> bool {
    match &p.kind {
        PatternKind::Ident(_) => false,
        PatternKind::Object { props, rest } => {
            props
                .iter()
                .any(|p| prop_key_contains_await(&p.key) || pattern_contains_await(&p.value))
                || rest.as_deref().is_some_and(pattern_contains_await)
        }
        PatternKind::Array { elems, rest } => {
            elems.iter().flatten().any(pattern_contains_await)
                || rest.as_deref().is_some_and(pattern_contains_await)
        }
        PatternKind::Default { target, default } => {
            pattern_contains_await(target) || expr_contains_await(default)
        }
        PatternKind::Expr(e) => expr_contains_await(e),
    }
}

fn args_contain_await(args: &[ArrayElement]) -> bool {
    args.iter().any(|a| match a {
        ArrayElement::Expr(e) | ArrayElement::Spread(e) => expr_contains_await(e),
    })
}

fn member_prop_contains_await(prop: &MemberProp) -> bool {
    match prop {
        MemberProp::Computed(e) => expr_contains_await(e),
        MemberProp::Name(_) | MemberProp::Private(_) => false,
    }
}

fn expr_contains_await(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Await(_) => true,
        ExprKind::This
        | ExprKind::Ident(_)
        | ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Num { .. }
        | ExprKind::BigInt(_)
        | ExprKind::Str { .. }
        | ExprKind::Regex { .. }
        | ExprKind::NewTarget
        | ExprKind::ImportMeta => false,
        // Functions and arrows are boundaries.
        ExprKind::Function(_) | ExprKind::Arrow(_) => false,
        ExprKind::Class(class) => class_contains_await(class),
        ExprKind::Template(t) => t.exprs.iter().any(expr_contains_await),
        ExprKind::TaggedTemplate { tag, quasi } => {
            expr_contains_await(tag) || quasi.exprs.iter().any(expr_contains_await)
        }
        ExprKind::Array(elems) => elems.iter().flatten().any(|a| match a {
            ArrayElement::Expr(e) | ArrayElement::Spread(e) => expr_contains_await(e),
        }),
        ExprKind::Object(props) => props.iter().any(|p| match &p.kind {
            PropertyKind::Init { key, value } => {
                prop_key_contains_await(key) || expr_contains_await(value)
            }
            PropertyKind::Shorthand(_) => false,
            PropertyKind::CoverInit { default, .. } => expr_contains_await(default),
            // MethodDefinition Contains: only the computed key.
            PropertyKind::Method { key, .. } => prop_key_contains_await(key),
            PropertyKind::Spread(e) => expr_contains_await(e),
        }),
        ExprKind::Unary { arg, .. } | ExprKind::Update { arg, .. } => expr_contains_await(arg),
        ExprKind::Binary { left, right, .. } | ExprKind::Logical { left, right, .. } => {
            expr_contains_await(left) || expr_contains_await(right)
        }
        ExprKind::PrivateIn { right, .. } => expr_contains_await(right),
        ExprKind::Assign { target, value, .. } => {
            pattern_contains_await(target) || expr_contains_await(value)
        }
        ExprKind::Cond { test, cons, alt } => {
            expr_contains_await(test) || expr_contains_await(cons) || expr_contains_await(alt)
        }
        ExprKind::Seq(items) => items.iter().any(expr_contains_await),
        ExprKind::Paren(inner) | ExprKind::OptionalChain(inner) => expr_contains_await(inner),
        ExprKind::Call { callee, args, .. } => {
            expr_contains_await(callee) || args_contain_await(args)
        }
        ExprKind::New { callee, args } => {
            expr_contains_await(callee) || args.as_deref().is_some_and(args_contain_await)
        }
        ExprKind::Member { object, prop, .. } => {
            expr_contains_await(object) || member_prop_contains_await(prop)
        }
        ExprKind::SuperMember(prop) => member_prop_contains_await(prop),
        ExprKind::SuperCall(args) => args_contain_await(args),
        ExprKind::Yield { arg, .. } => opt_expr(arg),
        ExprKind::ImportCall { source, options, .. } => {
            expr_contains_await(source) || opt_expr(options)
        }
    }
}

// ================================================================================================
// Printing
// ================================================================================================

/// Writes a JS string value the way the dumps show strings: JSON-escaped, in double quotes.
fn quoted(s: &JsStr) -> String {
    format!("{s:?}")
}

impl fmt::Display for ImportName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportName::Name(n) => write!(f, "{n:?}"),
            ImportName::NamespaceObject => f.write_str("~namespace-object~"),
            ImportName::Source => f.write_str("~source~"),
        }
    }
}

impl fmt::Display for ExportImportName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportImportName::Name(n) => write!(f, "{n:?}"),
            ExportImportName::All => f.write_str("~all~"),
            ExportImportName::AllButDefault => f.write_str("~all-but-default~"),
        }
    }
}

impl ModuleRequest {
    /// The request as written in the source: `"./a.mjs"`, `"./d.json" with { type: "json" }`,
    /// `defer "./x.mjs"`.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        match self.phase {
            ImportPhase::Evaluation => {}
            ImportPhase::Defer => s.push_str("defer "),
            ImportPhase::Source => s.push_str("source "),
        }
        s.push_str(&quoted(&self.specifier));
        if !self.attributes.is_empty() {
            s.push_str(" with { ");
            for (i, a) in self.attributes.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                let _ = write!(s, "{}: {}", quoted(&a.key), quoted(&a.value));
            }
            s.push_str(" }");
        }
        s
    }
}

/// Shows an optional record field the way the spec's tables do (`null` when absent).
fn or_null(v: Option<String>) -> String {
    v.unwrap_or_else(|| "null".to_string())
}

impl ModuleRecords {
    /// A deterministic, human-readable listing of every record, with spans as `line:col`
    /// (1-based line, 0-based column in UTF-16 units, as Node reports positions). `src` must be
    /// the text the records were computed from.
    pub fn dump(&self, src: &str) -> String {
        let index = LineIndex::new(src);
        let at = |span: Span| {
            let (l, c) = index.line_col(src, span.start as usize);
            format!("@{l}:{c}")
        };
        let mut out = String::new();
        let _ = writeln!(out, "RequestedModules ({})", self.requested_modules.len());
        for (i, mr) in self.requested_modules.iter().enumerate() {
            let _ = writeln!(out, "  [{i}] {}  {}", mr.describe(), at(mr.span));
        }
        let _ = writeln!(out, "ImportEntries ({})", self.import_entries.len());
        for ie in &self.import_entries {
            let _ = writeln!(
                out,
                "  ModuleRequest: {}  ImportName: {}  LocalName: {}  {}",
                ie.module_request.describe(),
                ie.import_name,
                quoted(&ie.local_name),
                at(ie.span)
            );
        }
        for (title, list) in [
            ("LocalExportEntries", &self.local_export_entries),
            ("IndirectExportEntries", &self.indirect_export_entries),
            ("StarExportEntries", &self.star_export_entries),
        ] {
            let _ = writeln!(out, "{title} ({})", list.len());
            for ee in list {
                let _ = writeln!(
                    out,
                    "  ExportName: {}  ModuleRequest: {}  ImportName: {}  LocalName: {}  {}",
                    or_null(ee.export_name.as_ref().map(quoted)),
                    or_null(ee.module_request.as_ref().map(ModuleRequest::describe)),
                    or_null(ee.import_name.as_ref().map(|n| n.to_string())),
                    or_null(ee.local_name.as_ref().map(quoted)),
                    at(ee.span)
                );
            }
        }
        let _ = writeln!(out, "HasTLA: {}", self.has_tla);
        out
    }
}
