//! The module runtime: where the loader's linked graph meets the VM. It turns each module's
//! [`crate::module::plan::EnvironmentPlan`] into real binding cells (an import *is* the
//! exporter's cell), creates module namespace objects, and runs module bodies for the evaluate
//! phase.
//!
//! - [`environment`]: module environments — one cell per binding, imports aliased to the
//!   exporter's cells, namespace objects (GetModuleNamespace on the VM side);
//! - [`commonjs`]: CommonJS modules (`require`, the module wrapper, the cache) and their
//!   interop with ES modules;
//! - [`module_runtime`]: compiling modules over their cells, hoisting, and the evaluate phase
//!   run against the VM (the [`crate::module::evaluate::ModuleExecutor`]);
//! - [`dynamic_import`]: `import()` — loading into the running program's module map, linking,
//!   evaluating, settling the promise;
//! - [`import_meta_resolve`]: `import.meta.resolve(specifier)`.

pub mod commonjs;
pub mod dynamic_import;
pub mod environment;
pub mod import_meta_resolve;
pub mod module_runtime;

#[cfg(test)]
mod dynamic_import_tests;
#[cfg(test)]
mod environment_tests;
#[cfg(test)]
mod module_runtime_tests;
