//! `util.inspect`: Node's human-readable rendering of any value, byte for byte as Node v20 prints
//! it (the algorithm of Node's `lib/internal/util/inspect.js`, rewritten for this engine).

pub mod layout;
pub mod options;
pub mod primitives;

pub use options::{Compact, InspectOptions};
