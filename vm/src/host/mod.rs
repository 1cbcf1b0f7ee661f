//! The host layer: what Node adds around the language (console, `util.format`/`util.inspect`,
//! later the event loop, timers and `process`).

pub mod console;
pub mod format;
pub mod inspect;
pub mod test262;
