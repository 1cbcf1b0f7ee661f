//! The errors `require` throws, as JavaScript values shaped as Node's:
//! - `ERR_*` codes come from `internal/errors` (`Error [ERR_X]: message`, a `code` property);
//! - `MODULE_NOT_FOUND` is a plain `Error` with `code` and `requireStack` set afterwards
//!   (its stack heading is `Error: Cannot find module …`);
//! - file system failures are `ENOENT: no such file or directory, open '…'` errors with
//!   `errno`, `code`, `syscall` and `path`.

use modjs_vm::host::node_errors::node_error;
use modjs_vm::{attrs, ErrorKind, PropertyKey, Value, Vm};

use crate::resolve::errors::ResolveError;


/// A resolution error as the error object Node throws.
pub fn resolve_error(vm: &mut Vm, e: &ResolveError) -> Value {
    let kind = ErrorKind::from_name(e.name);
    match e.code {
        Some(code) if code.starts_with("ERR_") => node_error(vm, kind, code, &e.message),
        Some(code) => {
            let err = vm.new_error(kind, &e.message);
            vm.define_value(err, PropertyKey::from("code"), Value::from(code), attrs::ALL);
            Value::Object(err)
        }
        None => Value::Object(vm.new_error(kind, &e.message)),
    }
}

/// `MODULE_NOT_FOUND` from `Module._resolveFilename`, with `requireStack`.
pub fn module_not_found(vm: &mut Vm, message: &str, require_stack: &[String]) -> Value {
    let err = vm.new_error(ErrorKind::Error, message);
    vm.define_value(err, PropertyKey::from("code"), Value::from("MODULE_NOT_FOUND"), attrs::ALL);
    let stack = require_stack.iter().map(|p| Value::from(p.as_str())).collect();
    let stack = vm.create_array_from_list(stack);
    vm.define_value(err, PropertyKey::from("requireStack"), Value::Object(stack), attrs::ALL);
    Value::Object(err)
}

/// `ERR_UNKNOWN_BUILTIN_MODULE` for `require('node:nope')`.
pub fn unknown_builtin_module(vm: &mut Vm, request: &str) -> Value {
    let e = ResolveError::unknown_builtin_module(request);
    resolve_error(vm, &e)
}

/// `ERR_REQUIRE_ASYNC_MODULE`: `require()` of an ES module graph with top-level await.
pub fn require_async_module(vm: &mut Vm) -> Value {
    node_error(
        vm,
        ErrorKind::Error,
        "ERR_REQUIRE_ASYNC_MODULE",
        "require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the \
         top-level await comes from, use --experimental-print-required-tla.",
    )
}

/// `ERR_REQUIRE_CYCLE_MODULE`: `require()` of an ES module that is still being evaluated
/// (a cycle through `require`). `from` is the requiring module's filename.
pub fn require_cycle_module(vm: &mut Vm, filename: &str, from: Option<&str>, from_esm_evaluation: bool) -> Value {
    let mut message = format!("Cannot require() ES Module {filename} in a cycle.");
    if let Some(f) = from {
        message.push_str(&format!(" (from {f})"));
    }
    if from_esm_evaluation {
        message.push_str(
            " A cycle involving require(esm) is not allowed to maintain invariants mandated by the ECMAScript \
             specification. Try making at least part of the dependency in the graph lazily loaded.",
        );
    }
    node_error(vm, ErrorKind::Error, "ERR_REQUIRE_CYCLE_MODULE", &message)
}

/// A failed `readFileSync(filename)`: `ENOENT: no such file or directory, open '…'`.
pub fn file_read_error(vm: &mut Vm, filename: &str, e: &std::io::Error) -> Value {
    let (code, errno, text) = match e.kind() {
        std::io::ErrorKind::NotFound => ("ENOENT", -2, "no such file or directory"),
        std::io::ErrorKind::PermissionDenied => ("EACCES", -13, "permission denied"),
        _ if e.raw_os_error() == Some(21) => ("EISDIR", -21, "illegal operation on a directory"),
        _ => ("EIO", -5, "i/o error"),
    };
    let syscall = if code == "EISDIR" { "read" } else { "open" };
    let message =
        if syscall == "open" { format!("{code}: {text}, open '{filename}'") } else { format!("{code}: {text}, read") };
    let err = vm.new_error(ErrorKind::Error, &message);
    vm.define_value(err, PropertyKey::from("errno"), Value::Number(errno as f64), attrs::ALL);
    vm.define_value(err, PropertyKey::from("code"), Value::from(code), attrs::ALL);
    vm.define_value(err, PropertyKey::from("syscall"), Value::from(syscall), attrs::ALL);
    if syscall == "open" {
        vm.define_value(err, PropertyKey::from("path"), Value::from(filename), attrs::ALL);
    }
    Value::Object(err)
}
