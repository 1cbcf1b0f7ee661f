//! # modjs-loader — module records, the three phases, and Node's loader
//!
//! This crate will hold ECMA-262's module machinery (§16.2.1): Source Text Module Records and the
//! synthetic records (JSON, builtins, CommonJS facades), the construct / link / evaluate phases with
//! the spec's Tarjan bookkeeping, and Node's resolution algorithms (ESM_RESOLVE and the CommonJS
//! `require` algorithm), so that `modjs` can load a module graph exactly as Node v20 does.
//!
//! It is filled by the ES modules and CommonJS issues.
//!
//! ## What is here so far
//!
//! - [`resolve`]: Node v20.20's module resolution for `import` (ESM_RESOLVE and friends, plus
//!   the load-phase checks `import()` makes) and `require.resolve` (the CommonJS "All together"
//!   algorithm), with Node's error codes and message texts and an optional trace of which rule
//!   fired ([`resolve::Resolver::enable_trace`]).
//! - [`json`]: the order-preserving JSON parser used for `package.json` (V8's error messages).
//! - [`module`]: the module records, the module map and the construct and link phases of
//!   ECMA-262 §16.2.1.5 (InnerModuleLinking, InitializeEnvironment's binding plan, ResolveExport),
//!   with the phase trace (`modjs link [--trace] FILE`).
//! - [`cjs_exports`]: the named exports Node shows for a CommonJS module imported from ESM, found
//!   statically as Node's cjs-module-lexer 2.2.0 finds them, with re-exports followed through
//!   `require` resolution (`modjs cjs-exports FILE [--explain]`).
//! - [`fast_hash`] (from the parser crate): the hasher of the loader's internal maps (keys never
//!   shown in hash order).
//! - [`node`]: Node's built-in modules (`node:fs`, `node:path`, `node:url`, `node:events`,
//!   `node:util`, `node:buffer`, …) and the globals `URL` and `Buffer`.

pub mod cjs_exports;
pub use modjs_parser::fast_hash;
pub mod json;
pub mod module;
pub mod node;
pub mod resolve;
pub mod runtime;
