//! Module environments in the VM: **where an import becomes the exporter's binding cell**.
//!
//! InitializeEnvironment (§16.2.1.7.3.1) is split in two (see [`crate::module::plan`]): the
//! linker resolved every import to its final `(module, binding name)`; here each module gets one
//! cell per own binding — `var` initialised to `undefined`, `let`/`const`/`class`/`*default*` and
//! not-yet-instantiated functions left uninitialised (`Value::Empty`: TDZ) — and each import
//! binding is simply the target module's cell, so a later assignment in the exporter is what the
//! importer reads (live bindings), and reading it early throws the TDZ ReferenceError.
//! Synthetic modules (JSON, built-ins, CommonJS facades) get one cell per export name, filled
//! when they are evaluated.
//!
//! Every cell is registered as a VM root: module environments live as long as the module map.

use indexmap::IndexMap;
use modjs_parser::ast::JsStr;
use modjs_vm::object::namespace::module_namespace_create;
use modjs_vm::{CellRef, JsString, ObjRef, Value, Vm};

use crate::fast_hash::FastBuild;
use crate::module::graph::ModuleGraph;
use crate::module::namespace::get_module_namespace;
use crate::module::plan::{BindingName, LocalInit, ResolvedBinding};
use crate::module::record::{ModuleId, ModuleKind};

/// One module's environment record as the VM holds it.
#[derive(Debug, Default)]
pub struct ModuleEnvironment {
    /// The module's own bindings (for a synthetic module: its exports), in plan order.
    pub locals: IndexMap<JsStr, CellRef, FastBuild>,
    /// The import bindings by local name: each is another module's cell (or a cell holding a
    /// namespace object), never a copy.
    pub imports: IndexMap<JsStr, CellRef, FastBuild>,
}

/// The VM-side state of every module in the graph: environments and namespace objects.
#[derive(Debug, Default)]
pub struct ModuleInstances {
    environments: Vec<Option<ModuleEnvironment>>,
    /// [[Namespace]]: the namespace object of a module, and the (initialised, immutable) cell an
    /// `import * as ns` binding aliases.
    namespaces: Vec<Option<(ObjRef, CellRef)>>,
    /// Records with a lower index have been looked at by [`ModuleInstances::instantiate`]: each
    /// call only looks at the records loaded since (a program that `require`s thousands of ES
    /// modules instantiates thousands of times).
    examined: usize,
    /// Records looked at before they were linked (their graph failed to link), in index order:
    /// looked at again by every later call.
    unlinked: Vec<ModuleId>,
}

impl ModuleInstances {
    pub fn new() -> ModuleInstances {
        ModuleInstances::default()
    }

    pub fn environment(&self, m: ModuleId) -> Option<&ModuleEnvironment> {
        self.environments.get(m.index()).and_then(|e| e.as_ref())
    }

    /// The cell of a module's own binding (or a synthetic module's export).
    pub fn local_cell(&self, m: ModuleId, name: &JsStr) -> Option<CellRef> {
        self.environment(m).and_then(|e| e.locals.get(name).copied())
    }

    /// The module's namespace object, if it has been created.
    pub fn namespace(&self, m: ModuleId) -> Option<ObjRef> {
        self.namespaces.get(m.index()).and_then(|n| n.map(|(o, _)| o))
    }

    fn grow(&mut self, len: usize) {
        if self.environments.len() < len {
            self.environments.resize_with(len, || None);
            self.namespaces.resize(len, None);
        }
    }

    /// Creates the environments of every linked module of `graph` that has none yet: first all
    /// modules' own cells, then the import bindings (which need the exporters' cells). Returns
    /// the modules that got an environment, in index order.
    pub fn instantiate(&mut self, vm: &mut Vm, graph: &mut ModuleGraph) -> Vec<ModuleId> {
        self.grow(graph.len());
        // A failed load truncates the map to a length this call has not looked past, but stay
        // correct if it ever does.
        self.examined = self.examined.min(graph.len());
        self.unlinked.retain(|m| m.index() < graph.len());
        let mut candidates = std::mem::take(&mut self.unlinked);
        candidates.extend((self.examined..graph.len()).map(|i| ModuleId(i as u32)));
        self.examined = graph.len();
        let mut created = Vec::new();
        for id in candidates {
            if self.environments[id.index()].is_some() {
                continue;
            }
            let record = graph.get(id);
            let mut env = ModuleEnvironment::default();
            match &record.kind {
                ModuleKind::SourceText(m) => {
                    let Some(plan) = &m.environment else {
                        self.unlinked.push(id);
                        continue;
                    };
                    env.locals.reserve(plan.locals.len());
                    env.imports.reserve(plan.imports.len());
                    for local in &plan.locals {
                        let initial = match local.init {
                            LocalInit::Undefined => Value::Undefined,
                            LocalInit::HoistedFunction { .. } | LocalInit::Lexical | LocalInit::Const => Value::Empty,
                        };
                        // A name declared twice (var + function) shares one binding.
                        if env.locals.contains_key(&local.name) {
                            continue;
                        }
                        let cell = vm.heap.alloc_cell(initial);
                        vm.root_cells.push(cell);
                        env.locals.insert(local.name.clone(), cell);
                    }
                }
                ModuleKind::Synthetic(s) => {
                    for name in &s.export_names {
                        let cell = vm.heap.alloc_cell(Value::Empty);
                        vm.root_cells.push(cell);
                        env.locals.insert(name.clone(), cell);
                    }
                }
            }
            self.environments[id.index()] = Some(env);
            created.push(id);
        }
        for &id in &created {
            let count = graph.get(id).source_text().and_then(|m| m.environment.as_ref()).map_or(0, |p| p.imports.len());
            for k in 0..count {
                // The plan stays in the record (binding_cell may read other modules' plans, and
                // needs the graph mutably): one import is copied out at a time.
                let Some(import) = graph.get(id).source_text().and_then(|m| m.environment.as_ref()).map(|p| p.imports[k].clone())
                else {
                    continue;
                };
                let Some(cell) = self.binding_cell(vm, graph, &import.target) else { continue };
                if let Some(env) = self.environments[id.index()].as_mut() {
                    env.imports.insert(import.local_name, cell);
                }
            }
        }
        created
    }

    /// The cell a resolved binding denotes: the owning module's cell for a name, or the cell
    /// holding the module's namespace object.
    pub fn binding_cell(&mut self, vm: &mut Vm, graph: &mut ModuleGraph, binding: &ResolvedBinding) -> Option<CellRef> {
        match &binding.binding_name {
            BindingName::Name(name) => self.local_cell(binding.module, name).or_else(|| {
                // `import * as ns from …; export { ns }`: ResolveExport stops at the exporting
                // module's binding `ns` (a local export, §16.2.1.7.1), which is itself the
                // import of a namespace; its target is that namespace.
                let record = graph.get(binding.module).source_text()?;
                let import = record.environment.as_ref()?.imports.iter().find(|i| &i.local_name == name)?;
                let target = import.target.clone();
                match target.binding_name {
                    BindingName::Namespace => Some(self.namespace_cell(vm, graph, target.module)),
                    BindingName::Name(_) => None,
                }
            }),
            BindingName::Namespace => Some(self.namespace_cell(vm, graph, binding.module)),
        }
    }

    /// GetModuleNamespace (§16.2.1.10) on the VM side: the namespace object of `m`, created once,
    /// its exports read through the final cells; returns the cell an import of it aliases.
    pub fn namespace_cell(&mut self, vm: &mut Vm, graph: &mut ModuleGraph, m: ModuleId) -> CellRef {
        self.grow(graph.len());
        if let Some((_, cell)) = self.namespaces[m.index()] {
            return cell;
        }
        // The cell exists before the exports are resolved, so a namespace that (through
        // `export * as ns`) contains itself refers to its own cell.
        let cell = vm.heap.alloc_cell(Value::Empty);
        vm.root_cells.push(cell);
        let placeholder = vm.new_object_with_proto(None);
        self.namespaces[m.index()] = Some((placeholder, cell));
        get_module_namespace(graph, m);
        let plan = graph.namespace(m).map(|n| n.exports.clone()).unwrap_or_default();
        let mut exports = Vec::with_capacity(plan.len());
        for (name, binding) in plan {
            if let Some(c) = self.binding_cell(vm, graph, &binding) {
                // Interned, as the names compiled code asks for are: a lookup then finds the
                // key by pointer.
                exports.push((JsString::interned(name.units()), c));
            }
        }
        let ns = module_namespace_create(vm, exports);
        vm.heap.cell_set(cell, Value::Object(ns));
        vm.roots.push(Value::Object(ns));
        self.namespaces[m.index()] = Some((ns, cell));
        cell
    }
}
