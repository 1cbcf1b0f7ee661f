//! # modjs-vm — the bytecode compiler and interpreter
//!
//! This crate will turn a checked AST (from `modjs-parser`) into bytecode and run it: values and
//! objects with shapes, a tracing garbage collector, **binding cells** (the shared, possibly
//! uninitialised slots that closures and module environments — and therefore live imports — are
//! made of), suspendable frames (generators, async functions, top-level await), the built-ins,
//! Node-exact console output and the event loop.
//!
//! It is filled by the VM issue; the design is written down here when it lands.

pub mod host;
