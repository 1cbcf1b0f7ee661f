//! The module map (HTML's "module map", Node's load cache): one Module Record per resolved URL,
//! stored in an arena and found by URL. `./x.mjs?a=1` and `./x.mjs?a=2` are two URLs, hence two
//! records.
//!
//! Lookups by URL go through a hash map; everything that is shown to a user walks the arena in
//! load order (the order [`ModuleId`]s were given out), never the hash map.

use std::cell::RefCell;

use modjs_parser::ast::JsStr;

use crate::fast_hash::FastHashMap;

use super::plan::{NamespacePlan, ResolvedBinding};
use super::record::{ModuleId, ModuleRecord};

/// All module records of one run.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    modules: Vec<ModuleRecord>,
    by_url: FastHashMap<String, ModuleId>,
    /// The namespace of each module, computed the first time something needs it
    /// (GetModuleNamespace); indexed like the arena.
    pub(super) namespaces: Vec<Option<NamespacePlan>>,
    /// Every export ResolveExport has resolved, by (module, export name): V8 keeps the cell it
    /// found in the module's export table and answers later calls from it, which keeps long
    /// re-export chains linear (see [`super::exports::resolve_export`]).
    pub(super) resolved_exports: RefCell<FastHashMap<(ModuleId, JsStr), ResolvedBinding>>,
}

impl ModuleGraph {
    pub fn new() -> ModuleGraph {
        ModuleGraph::default()
    }

    /// The record already in the map for `url`.
    pub fn lookup(&self, url: &str) -> Option<ModuleId> {
        self.by_url.get(url).copied()
    }

    /// Adds a record under its URL; the URL must not be in the map yet.
    pub fn insert(&mut self, record: ModuleRecord) -> ModuleId {
        let id = ModuleId(self.modules.len() as u32);
        self.by_url.insert(record.url.clone(), id);
        self.modules.push(record);
        self.namespaces.push(None);
        id
    }

    /// Forgets every record from `len` on (a load that failed part-way: `import()` of a graph
    /// with a missing file or a syntax error leaves the module map as it was).
    pub fn truncate(&mut self, len: usize) {
        if len >= self.modules.len() {
            return;
        }
        self.modules.truncate(len);
        self.namespaces.truncate(len);
        self.by_url.retain(|_, id| id.index() < len);
        self.resolved_exports.get_mut().retain(|(m, _), _| m.index() < len);
    }

    pub fn get(&self, id: ModuleId) -> &ModuleRecord {
        &self.modules[id.index()]
    }

    pub fn get_mut(&mut self, id: ModuleId) -> &mut ModuleRecord {
        &mut self.modules[id.index()]
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.modules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }

    /// Every record in load order.
    pub fn iter(&self) -> impl Iterator<Item = (ModuleId, &ModuleRecord)> {
        self.modules.iter().enumerate().map(|(i, m)| (ModuleId(i as u32), m))
    }

    /// The namespace plan of `id`, if GetModuleNamespace has computed it.
    pub fn namespace(&self, id: ModuleId) -> Option<&NamespacePlan> {
        self.namespaces.get(id.index()).and_then(|n| n.as_ref())
    }
}
