//! The test262 conformance runner.
fn main() {}
