//! Module Records (ECMA-262 §16.2.1.4 Abstract Module Records, §16.2.1.5 Cyclic Module Records,
//! §16.2.1.7 Source Text Module Records) and the synthetic records modjs uses for JSON and
//! built-in modules.
//!
//! Records live in an arena ([`super::graph::ModuleGraph`]) and refer to each other by
//! [`ModuleId`]; nothing holds a pointer to another record, so cycles in the module graph are
//! plain indices.

use std::rc::Rc;

use modjs_parser::ast::JsStr;
use modjs_parser::ast::ImportPhase;
use modjs_parser::module_records::{ModuleRecords, ModuleRequest};
use modjs_vm::bytecode::SourceInfo;
use modjs_vm::compiler::{CompileError, CompiledModule, ModuleCode};

use crate::runtime::commonjs::wrapper::PreparedWrapper;

use super::declarations::TopLevelDeclarations;
use crate::fast_hash::FastHashMap;
use super::plan::EnvironmentPlan;

/// The index of a Module Record in the graph's arena.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct ModuleId(pub u32);

impl ModuleId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The DFS bookkeeping of InnerModuleLinking / InnerModuleEvaluation: [[DFSIndex]] and
/// [[DFSAncestorIndex]]. They exist only while a module is (or has been) visited, so they are
/// carried by the statuses that have them instead of being separate, possibly-empty fields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DfsIndices {
    /// [[DFSIndex]]: the order in which the DFS first visited the module.
    pub dfs_index: u32,
    /// [[DFSAncestorIndex]]: the smallest [[DFSIndex]] reachable from the module through
    /// modules still on the stack (the Tarjan "low-link").
    pub dfs_ancestor_index: u32,
}

/// A Cyclic Module Record's [[Status]] (§16.2.1.5, table "Cyclic Module Record Fields").
///
/// Each status carries exactly the data the spec defines for it, so a record cannot, say, be
/// `unlinked` and have a [[DFSIndex]].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ModuleStatus {
    /// ~unlinked~: loaded and parsed, not yet (or no longer, after a failed Link) linked.
    Unlinked,
    /// ~linking~: InnerModuleLinking is visiting it.
    Linking(DfsIndices),
    /// ~linked~: its environment plan exists; the DFS indices of the link are kept.
    Linked(DfsIndices),
    /// ~evaluating~: InnerModuleEvaluation is visiting it (the evaluate phase).
    Evaluating(DfsIndices),
    /// ~evaluating-async~: waiting for asynchronous dependencies or its own top-level await.
    EvaluatingAsync,
    /// ~evaluated~: finished, successfully or with [[EvaluationError]].
    Evaluated,
}

impl ModuleStatus {
    /// The spec's name of the status, as the trace prints it.
    pub fn name(self) -> &'static str {
        match self {
            ModuleStatus::Unlinked => "unlinked",
            ModuleStatus::Linking(_) => "linking",
            ModuleStatus::Linked(_) => "linked",
            ModuleStatus::Evaluating(_) => "evaluating",
            ModuleStatus::EvaluatingAsync => "evaluating-async",
            ModuleStatus::Evaluated => "evaluated",
        }
    }

    /// [[DFSIndex]] and [[DFSAncestorIndex]], when the status has them.
    pub fn dfs(self) -> Option<DfsIndices> {
        match self {
            ModuleStatus::Linking(d) | ModuleStatus::Linked(d) | ModuleStatus::Evaluating(d) => Some(d),
            _ => None,
        }
    }
}

/// The handle under which the VM keeps a thrown value (the evaluate phase fills
/// [[EvaluationError]] with one).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ThrownValue(pub u32);

/// The fields every Cyclic Module Record has (§16.2.1.5), minus [[RequestedModules]] and
/// [[HasTLA]], which a Source Text Module Record keeps in its [`ModuleRecords`].
#[derive(Debug)]
pub struct CyclicFields {
    /// [[Status]] (with [[DFSIndex]] and [[DFSAncestorIndex]] inside the statuses that have them).
    pub status: ModuleStatus,
    /// [[LoadedModules]]: for each of [[RequestedModules]] (same index), the record the host
    /// loaded for it.
    pub loaded_modules: Vec<ModuleId>,
    /// [[CycleRoot]]: set by the evaluate phase.
    pub cycle_root: Option<ModuleId>,
    /// [[AsyncEvaluation]], with the order in which it became true (the spec's newer
    /// [[AsyncEvaluationOrder]], which is what V8 implements).
    pub async_evaluation: AsyncEvaluation,
    /// [[PendingAsyncDependencies]]: set by the evaluate phase.
    pub pending_async_dependencies: Option<u32>,
    /// [[AsyncParentModules]]
    pub async_parent_modules: Vec<ModuleId>,
    /// [[EvaluationError]]: `None` is ~empty~.
    pub evaluation_error: Option<ThrownValue>,
    /// [[TopLevelCapability]]: whether Evaluate() was called on this module as a cycle root.
    /// The promise itself is the host's (it keeps one per module that has this flag).
    pub top_level_capability: bool,
}

/// [[AsyncEvaluation]] / [[AsyncEvaluationOrder]] (§16.2.1.5): ~unset~ (false), an integer
/// giving the order in which modules became asynchronous, or ~done~ once the module's
/// asynchronous execution has finished.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AsyncEvaluation {
    Unset,
    Order(u64),
    Done,
}

impl AsyncEvaluation {
    /// [[AsyncEvaluation]] is true: the module is (or was) evaluated asynchronously and has not
    /// finished.
    pub fn is_pending(self) -> bool {
        matches!(self, AsyncEvaluation::Order(_))
    }
}

impl CyclicFields {
    pub fn new() -> CyclicFields {
        CyclicFields {
            status: ModuleStatus::Unlinked,
            loaded_modules: Vec::new(),
            cycle_root: None,
            async_evaluation: AsyncEvaluation::Unset,
            pending_async_dependencies: None,
            async_parent_modules: Vec::new(),
            evaluation_error: None,
            top_level_capability: false,
        }
    }
}

impl Default for CyclicFields {
    fn default() -> Self {
        Self::new()
    }
}

/// What ParseModule produced for one source text, before it becomes a record: the parse runs
/// on a worker thread, so this holds nothing tied to one thread (no `Rc`). The module is
/// compiled there too, right after the parse, so the syntax tree never leaves the worker.
#[derive(Debug)]
pub struct ParsedModule {
    /// The compiled [[ECMAScriptCode]] (a compile error — "modjs does not support ... yet" — is
    /// kept and thrown where the module is instantiated).
    pub code: Result<CompiledModule, CompileError>,
    pub records: ModuleRecords,
    pub source: String,
    pub declarations: TopLevelDeclarations,
}

/// A Source Text Module Record (§16.2.1.7): a parsed ES module.
#[derive(Debug)]
pub struct SourceTextModule {
    /// The Cyclic Module Record fields.
    pub cyclic: CyclicFields,
    /// [[RequestedModules]], [[ImportEntries]], [[LocalExportEntries]],
    /// [[IndirectExportEntries]], [[StarExportEntries]] and [[HasTLA]], from ParseModule.
    pub records: ModuleRecords,
    /// [[ECMAScriptCode]], compiled to the VM's code on the parse worker as soon as the module
    /// is parsed, so that the syntax tree (tens of kilobytes per module) is dropped at once
    /// instead of living as long as the module map. Compiling needs nothing from linking
    /// (module bindings are resolved to cells when the module is instantiated). A compile
    /// error ("modjs does not support ... yet") is kept and thrown where the module is
    /// instantiated.
    pub ecmascript_code: Result<ModuleCode, CompileError>,
    /// The source text (for error frames and, later, `Function.prototype.toString`), shared
    /// with the compiled code's [`SourceInfo`].
    pub source: Rc<str>,
    /// The module's top-level declarations (what InitializeEnvironment instantiates).
    pub declarations: TopLevelDeclarations,
    /// What InitializeEnvironment computed: the binding cells the VM must create. `None` until
    /// the module is linked.
    pub environment: Option<EnvironmentPlan>,
    /// [[RequestedModules]] indices by request, for GetImportedModule.
    request_indices: FastHashMap<RequestKey, usize>,
}

/// A key that is equal for two requests exactly when they are ModuleRequestsEqual (§16.2.1.3.1)
/// and of the same phase: [[Attributes]] are sorted by key and keys are unique (an early error
/// otherwise), so comparing the lists in order is comparing them as sets.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct RequestKey {
    specifier: JsStr,
    attributes: Vec<(JsStr, JsStr)>,
    phase: u8,
}

impl RequestKey {
    pub fn of(request: &ModuleRequest) -> RequestKey {
        RequestKey {
            specifier: request.specifier.clone(),
            attributes: request.attributes.iter().map(|a| (a.key.clone(), a.value.clone())).collect(),
            phase: match request.phase {
                ImportPhase::Evaluation => 0,
                ImportPhase::Defer => 1,
                ImportPhase::Source => 2,
            },
        }
    }
}

impl SourceTextModule {
    /// Builds the record of a parsed module: compiles its body (the code's functions are named
    /// after `url` in stack traces) and drops the syntax tree.
    pub fn new(url: &str, parsed: ParsedModule) -> Self {
        let ParsedModule { code, records, source, declarations } = parsed;
        let source: Rc<str> = Rc::from(source);
        let info = Rc::new(SourceInfo::shared(url.to_string(), source.clone()));
        let ecmascript_code = code.map(|code| code.materialize(&info));
        let request_indices =
            records.requested_modules.iter().enumerate().map(|(i, r)| (RequestKey::of(r), i)).collect();
        SourceTextModule {
            cyclic: CyclicFields::new(),
            records,
            ecmascript_code,
            source,
            declarations,
            environment: None,
            request_indices,
        }
    }

    /// The index of `request` in [[RequestedModules]] (the entry it is ModuleRequestsEqual to).
    pub fn request_index(&self, request: &ModuleRequest) -> Option<usize> {
        self.request_indices.get(&RequestKey::of(request)).copied()
    }
}

/// What kind of synthetic record a non-JavaScript module is.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum SyntheticKind {
    /// A JSON module: its only export is `default`, the parsed value.
    Json { source: String },
    /// A `node:` built-in, by id (without the scheme).
    Builtin { id: String },
    /// A CommonJS module seen from ESM. Its named exports are found by the CommonJS issue's
    /// static analysis; until then the facade exports `default` only.
    CommonJs { source: String },
}

/// A Synthetic Module Record: a module whose exports are a fixed list known before linking and
/// whose Link() does nothing.
#[derive(Debug)]
pub struct SyntheticModule {
    pub kind: SyntheticKind,
    /// The export names, in Node's namespace order.
    pub export_names: Vec<JsStr>,
    /// A CommonJS module's wrapper, parsed and compiled by the parse worker (taken when the
    /// module is evaluated).
    pub prepared: Option<PreparedWrapper>,
    /// A CommonJS module's export names as the parse worker found them, when they depend on
    /// the text alone (no reexports to follow); otherwise the constructing thread asks the host.
    pub lexed_export_names: Option<Vec<String>>,
}

/// The concrete kind of a Module Record.
#[derive(Debug)]
pub enum ModuleKind {
    SourceText(Box<SourceTextModule>),
    Synthetic(SyntheticModule),
}

/// A Module Record (§16.2.1.4, table "Module Record Fields") in the graph's arena.
#[derive(Debug)]
pub struct ModuleRecord {
    /// The resolved URL the module map keys it by (query and fragment included).
    pub url: String,
    /// The module's file path, when it is a `file:` URL without query or fragment decoration
    /// (for error frames and the trace).
    pub path: Option<String>,
    /// [[HostDefined]] would live here; [[Realm]], [[Environment]] and [[Namespace]] are the
    /// VM's (it creates them from the environment plan).
    pub kind: ModuleKind,
}

impl ModuleRecord {
    /// The Source Text Module Record, if this is one.
    pub fn source_text(&self) -> Option<&SourceTextModule> {
        match &self.kind {
            ModuleKind::SourceText(m) => Some(m),
            ModuleKind::Synthetic(_) => None,
        }
    }

    pub fn source_text_mut(&mut self) -> Option<&mut SourceTextModule> {
        match &mut self.kind {
            ModuleKind::SourceText(m) => Some(m),
            ModuleKind::Synthetic(_) => None,
        }
    }

    /// The Cyclic Module Record fields, if this is a Cyclic Module Record.
    pub fn cyclic(&self) -> Option<&CyclicFields> {
        self.source_text().map(|m| &m.cyclic)
    }

    pub fn cyclic_mut(&mut self) -> Option<&mut CyclicFields> {
        self.source_text_mut().map(|m| &mut m.cyclic)
    }
}
