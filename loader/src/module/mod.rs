//! ES modules per ECMA-262 §16.2.1 "Modules": Module Records, the module map, the host hooks,
//! and the three phases of running a module graph — **construct** (load and parse the whole
//! static graph), **link** (InnerModuleLinking, InitializeEnvironment, GetExportedNames,
//! ResolveExport) and **evaluate** (InnerModuleEvaluation; module bodies are run by the VM
//! through [`evaluate::ModuleExecutor`], from the [`plan::EnvironmentPlan`] of each module).
//!
//! Files, one concept each:
//! - [`record`]: Module Record, Cyclic Module Record fields, Source Text and synthetic records,
//!   [[Status]];
//! - [`graph`]: the module map (one record per resolved URL) and its arena;
//! - [`host`]: HostLoadImportedModule as a trait, the file-system host and the in-memory host;
//! - [`construct`]: the construct phase; [`declarations`]: a module's top-level bindings;
//! - [`link`]: Link, InnerModuleLinking, InitializeEnvironment;
//! - [`evaluate`]: Evaluate, InnerModuleEvaluation and the top-level-await path;
//! - [`exports`]: GetExportedNames, ResolveExport, GetImportedModule;
//! - [`namespace`]: GetModuleNamespace and Node's key order;
//! - [`parse_pipeline`]: parsing a level on worker threads, consumed in order;
//! - [`plan`]: the environment plan (what the VM turns into binding cells);
//! - [`builtins`]: the export names of the built-in modules; [`error`]: Node's errors;
//! - [`trace`]: the phase trace.

pub mod builtins;
pub mod construct;
pub mod declarations;
pub mod error;
pub mod evaluate;
pub mod exports;
pub mod graph;
pub mod host;
pub mod link;
pub mod namespace;
pub mod parse_pipeline;
pub mod plan;
pub mod record;
pub mod trace;

#[cfg(test)]
mod evaluate_tests;
#[cfg(test)]
mod tests;

pub use construct::construct;
pub use error::ModuleError;
pub use graph::ModuleGraph;
pub use link::link;
pub use record::{ModuleId, ModuleStatus};
pub use trace::Trace;
