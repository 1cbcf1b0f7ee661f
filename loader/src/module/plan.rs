//! The environment plan: what InitializeEnvironment (§16.2.1.7.3.1) decided for one module,
//! and **what the VM turns into binding cells**.
//!
//! Linking runs no JavaScript, so modjs splits InitializeEnvironment in two. The loader does
//! everything that can fail or that needs the whole graph — resolving every import to its final
//! module and binding name (following indirect exports), choosing namespace bindings, listing
//! the module's own bindings with their initial state — and records it here. The VM then
//! creates one cell per [`LocalBinding`] (shared, TDZ-checked) and makes each
//! [`ImportBinding`] *the exporter's cell* (read-only for the importer), without any further
//! lookup that could fail.

use super::record::ModuleId;
use modjs_parser::ast::JsStr;

/// A ResolvedBinding Record (§16.2.1.4, ResolveExport): the module that really owns an exported
/// binding, and the binding's name there (or its namespace).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ResolvedBinding {
    /// [[Module]]
    pub module: ModuleId,
    /// [[BindingName]]
    pub binding_name: BindingName,
}

/// ResolvedBinding [[BindingName]]: a name in the module's environment, or ~namespace~.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum BindingName {
    /// A binding of the module's environment (for a synthetic module: one of its exports).
    Name(JsStr),
    /// ~namespace~: the module's namespace object (`export * as ns from "m"` resolved).
    Namespace,
}

/// One import binding of the module (step 7 of InitializeEnvironment): the importer's local
/// name and the cell it aliases.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ImportBinding {
    /// ImportEntry [[LocalName]]: the name in the importer (TDZ errors name this one).
    pub local_name: JsStr,
    /// The final target: a cell of another module's environment, or a namespace object.
    pub target: ResolvedBinding,
}

/// How the VM initialises one of the module's own bindings when it creates the environment.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LocalInit {
    /// `var`: initialised to `undefined` at link time (step 21).
    Undefined,
    /// A function declaration: initialised with the function object at link time (step 24.b,
    /// "hoisted"). `statement` is the index of the declaration in the module body.
    HoistedFunction { statement: usize },
    /// `let`, `class`, `*default*` of `export default <expr>`: mutable, in TDZ until evaluation
    /// reaches the declaration.
    Lexical,
    /// `const`: immutable, in TDZ until evaluation reaches the declaration.
    Const,
}

/// One binding of the module's own environment.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LocalBinding {
    /// The binding name (`*default*` for an anonymous default export).
    pub name: JsStr,
    pub init: LocalInit,
}

/// Everything the VM needs to create a module's environment record: the plan InitializeEnvironment
/// produced. Import bindings first (in ImportEntries order), then the module's own bindings (var
/// names, then lexical declarations, in source order).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct EnvironmentPlan {
    pub imports: Vec<ImportBinding>,
    pub locals: Vec<LocalBinding>,
}

/// A module namespace's exports (GetModuleNamespace, §16.2.1.10): each unambiguous exported name
/// with its resolved binding, in Node's key order (see [`super::namespace::node_namespace_order`]).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct NamespacePlan {
    pub exports: Vec<(JsStr, ResolvedBinding)>,
}
