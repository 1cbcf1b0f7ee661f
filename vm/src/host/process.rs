//! The `process` global (Node's `process` object): `argv`, `env`, `exit`/`exitCode`,
//! `nextTick`, `platform`, `cwd()`, `version`/`versions`, `hrtime` (and `hrtime.bigint`), `memoryUsage()`,
//! `stdout`/`stderr` — and the standard output buffering that `console` shares.
//!
//! **Versions.** modjs reproduces Node v20.20.2's behaviour, so `process.version` is
//! `'v20.20.2'` and `process.versions.node` is `'20.20.2'`; `process.versions.modjs` names the
//! engine itself (the crate version). Code that feature-tests `process.version` therefore sees
//! the Node release whose semantics it gets, and the uncaught-error trailer is Node's
//! (`Node.js v20.20.2`).
//!
//! **Output.** Standard output is buffered in [`Stdio`] and written out when it grows large, when
//! anything is written to standard error (so the two stay in order on a terminal), and on every
//! exit path ([`flush_stdio`]). `console.log` writes through [`write_stdout`].

use std::io::Write;

use super::event_loop::Tick;
use crate::error::{ErrorKind, JsResult};
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// The Node release whose behaviour modjs reproduces.
pub const NODE_VERSION: &str = "20.20.2";

/// Buffered standard output and (for tests) captured output.
#[derive(Default)]
pub struct Stdio {
    out: Vec<u8>,
    /// When set, nothing reaches the real streams: stdout and stderr accumulate here.
    pub capture: Option<(Vec<u8>, Vec<u8>)>,
    /// When set, standard output is written at once (`modjs --trace`: the trace on standard
    /// error must interleave with the program's output at the moment each step happens).
    pub unbuffered: bool,
}

/// Flush threshold for buffered standard output.
const STDOUT_BUFFER: usize = 1 << 16;

impl Stdio {
    /// Stdio that records everything instead of writing it (tests).
    pub fn captured() -> Stdio {
        Stdio { out: Vec::new(), capture: Some((Vec::new(), Vec::new())), unbuffered: false }
    }

    /// The captured (stdout, stderr) so far, as text.
    pub fn take_captured(&mut self) -> (String, String) {
        match &mut self.capture {
            Some((o, e)) => (
                String::from_utf8_lossy(&std::mem::take(o)).into_owned(),
                String::from_utf8_lossy(&std::mem::take(e)).into_owned(),
            ),
            None => (String::new(), String::new()),
        }
    }
}

/// Appends to standard output.
pub fn write_stdout(vm: &mut Vm, text: &str) {
    let stdio = &mut vm.stdio;
    if let Some((o, _)) = &mut stdio.capture {
        o.extend_from_slice(text.as_bytes());
        return;
    }
    stdio.out.extend_from_slice(text.as_bytes());
    if stdio.out.len() >= STDOUT_BUFFER || stdio.unbuffered {
        flush_stdio(vm);
    }
}

/// Writes to standard error (unbuffered, after flushing standard output).
pub fn write_stderr(vm: &mut Vm, text: &str) {
    if let Some((_, e)) = &mut vm.stdio.capture {
        e.extend_from_slice(text.as_bytes());
        return;
    }
    flush_stdio(vm);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Writes buffered standard output out. (A closed pipe is not an error worth reporting.)
pub fn flush_stdio(vm: &mut Vm) {
    if vm.stdio.out.is_empty() {
        return;
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(&vm.stdio.out);
    let _ = out.flush();
    vm.stdio.out.clear();
}

// ----- process functions -------------------------------------------------------------------------

/// `process.nextTick(callback, ...args)`.
fn process_next_tick(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let callback = args.get(0);
    super::check_callback(vm, &callback)?;
    vm.event_loop.ticks.push_back(Tick { callback, args: args.rest(1).to_vec() });
    Ok(Value::Undefined)
}

/// Node's validation of an exit code (`process.exit(code)`, `process.exitCode`): undefined and
/// null mean "none"; integers and integer strings are accepted.
pub fn validate_exit_code(vm: &mut Vm, code: &Value) -> JsResult<Option<i32>> {
    match code {
        Value::Undefined | Value::Null => Ok(None),
        Value::Number(n) if n.fract() == 0.0 && n.is_finite() => Ok(Some(*n as i64 as i32)),
        Value::Number(n) => {
            let shown = crate::conversions::number_to_string(*n);
            Err(super::node_errors::out_of_range(vm, "code", "an integer", &shown))
        }
        Value::String(s) => {
            let n = crate::conversions::string_to_number(s);
            if n.fract() == 0.0 && n.is_finite() && !s.is_empty() {
                Ok(Some(n as i64 as i32))
            } else {
                Err(super::node_errors::invalid_arg_type(vm, "code", "number", code))
            }
        }
        other => Err(super::node_errors::invalid_arg_type(vm, "code", "number", other)),
    }
}

/// The exit status for a normal end: `process.exitCode` when set, else 0.
pub fn exit_code(vm: &mut Vm) -> i32 {
    let Some(process) = process_object(vm) else { return 0 };
    let code = vm.get(process, &PropertyKey::from("exitCode")).unwrap_or(Value::Undefined);
    validate_exit_code(vm, &code).ok().flatten().unwrap_or(0) & 0xff
}

fn process_object(vm: &mut Vm) -> Option<ObjRef> {
    let global = vm.global();
    match vm.get(global, &PropertyKey::from("process")) {
        Ok(Value::Object(p)) => Some(p),
        _ => None,
    }
}

/// `process.exit(code)`: sets `exitCode` when a code is given, flushes the output and ends the
/// process with `exitCode` (or 0).
fn process_exit(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let code = args.get(0);
    if validate_exit_code(vm, &code)?.is_some() {
        if let Value::Object(p) = &args.this {
            vm.put(*p, PropertyKey::from("exitCode"), code, false)?;
        } else if let Some(p) = process_object(vm) {
            vm.put(p, PropertyKey::from("exitCode"), code, false)?;
        }
    }
    let status = exit_code(vm);
    flush_stdio(vm);
    (vm.event_loop.exit_hook)(status)
}

/// `process.cwd()`.
fn process_cwd(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    match std::env::current_dir() {
        Ok(d) => Ok(Value::from(d.to_string_lossy().as_ref())),
        Err(e) => Err(vm.throw_error(ErrorKind::Error, &format!("ENOENT: {e}, uv_cwd"))),
    }
}

/// `process.hrtime([previous])`: `[seconds, nanoseconds]`, relative to `previous` when given.
fn process_hrtime(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let elapsed = vm.event_loop.elapsed();
    // An arbitrary origin, like Node's: the monotonic clock is not the wall clock.
    let total = elapsed.as_nanos() as u64 + 1_000_000_000_000;
    let (mut sec, mut nsec) = ((total / 1_000_000_000) as f64, (total % 1_000_000_000) as f64);
    if let Value::Object(prev) = args.get(0) {
        let ps = vm.get(prev, &PropertyKey::Index(0))?;
        let pn = vm.get(prev, &PropertyKey::Index(1))?;
        let (ps, pn) = (vm.to_number(&ps)?, vm.to_number(&pn)?);
        sec -= ps;
        nsec -= pn;
        if nsec < 0.0 {
            sec -= 1.0;
            nsec += 1e9;
        }
    }
    Ok(Value::Object(vm.create_array_from_list(vec![Value::Number(sec), Value::Number(nsec)])))
}

/// `process.hrtime.bigint()`: the same clock as `process.hrtime()`, in nanoseconds.
fn process_hrtime_bigint(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    let total = vm.event_loop.elapsed().as_nanos() as u64 + 1_000_000_000_000;
    Ok(Value::from(crate::bigint::BigInt::from_u64(total)))
}

/// `process.uptime()`: seconds since the VM started.
fn process_uptime(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(vm.event_loop.elapsed().as_secs_f64()))
}

/// `process.memoryUsage()`: the resident set size as the OS reports it, and the heap's object
/// count scaled by an average object size for the heap figures (an estimate).
fn process_memory_usage(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    let rss = resident_set_size();
    let heap = (vm.heap.live_objects() * 96 + vm.heap.live_cells() * 16) as f64;
    let obj = vm.new_object();
    for (name, value) in [("rss", rss), ("heapTotal", heap), ("heapUsed", heap), ("external", 0.0), ("arrayBuffers", 0.0)] {
        vm.define_value(obj, PropertyKey::from(name), Value::Number(value), attrs::ALL);
    }
    Ok(Value::Object(obj))
}

fn resident_set_size() -> f64 {
    // Linux: the second field of /proc/self/statm is the resident page count.
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<f64>().ok()))
        .map_or(0.0, |pages| pages * 4096.0)
}

/// `process.stdout.write(chunk)` / `process.stderr.write(chunk)`: strings only (no Buffers).
fn stream_write(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let chunk = args.get(0);
    let Value::String(s) = &chunk else {
        return Err(super::node_errors::invalid_arg_type(
            vm,
            "chunk",
            "string or an instance of Buffer or Uint8Array",
            &chunk,
        ));
    };
    let text = s.to_rust_lossy();
    let fd = crate::builtins::promise::slot(vm, args.callee, 0);
    if matches!(fd, Value::Number(n) if n == 2.0) {
        write_stderr(vm, &text);
    } else {
        write_stdout(vm, &text);
    }
    // A callback argument is called once the data is written.
    let cb = args.args.iter().skip(1).find(|a| vm.is_callable(a)).cloned();
    if let Some(cb) = cb {
        vm.event_loop.ticks.push_back(Tick { callback: cb, args: Vec::new() });
    }
    Ok(Value::Bool(true))
}

fn make_stream(vm: &mut Vm, fd: u8) -> ObjRef {
    let stream = vm.new_object();
    let write = vm.new_native_function_with_slots(
        PropertyKey::from("write"),
        1,
        stream_write,
        vec![Value::Number(fd as f64)],
        false,
    );
    vm.define_value(stream, PropertyKey::from("write"), Value::Object(write), attrs::BUILTIN);
    vm.define_value(stream, PropertyKey::from("fd"), Value::Number(fd as f64), attrs::ALL);
    use std::io::IsTerminal;
    let tty = if fd == 1 { std::io::stdout().is_terminal() } else { std::io::stderr().is_terminal() };
    if tty {
        vm.define_value(stream, PropertyKey::from("isTTY"), Value::Bool(true), attrs::ALL);
    }
    stream
}

fn node_platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

fn node_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    }
}

/// `process.argv`: set by the embedder (the CLI) before running the program.
pub fn set_argv(vm: &mut Vm, argv: &[String]) {
    let Some(process) = process_object(vm) else { return };
    let list = argv.iter().map(|a| Value::from(a.as_str())).collect();
    let arr = vm.create_array_from_list(list);
    vm.define_value(process, PropertyKey::from("argv"), Value::Object(arr), attrs::ALL);
    let exec = argv.first().cloned().unwrap_or_default();
    vm.define_value(process, PropertyKey::from("execPath"), Value::from(exec.as_str()), attrs::ALL);
}

pub fn install(vm: &mut Vm) {
    let process = vm.new_object();
    let tag = vm.symbols.to_string_tag.clone();
    vm.define_value(process, PropertyKey::Symbol(tag), Value::from("process"), attrs::CONFIGURABLE);

    let s = |v: &str| Value::String(JsString::from(v));
    let node_version = format!("v{NODE_VERSION}");
    vm.define_value(process, PropertyKey::from("version"), s(&node_version), attrs::ENUMERABLE);
    let versions = vm.new_object();
    vm.define_value(versions, PropertyKey::from("node"), s(NODE_VERSION), attrs::ENUMERABLE);
    vm.define_value(versions, PropertyKey::from("modjs"), s(env!("CARGO_PKG_VERSION")), attrs::ENUMERABLE);
    vm.define_value(process, PropertyKey::from("versions"), Value::Object(versions), attrs::ENUMERABLE);
    vm.define_value(process, PropertyKey::from("arch"), s(node_arch()), attrs::ALL);
    vm.define_value(process, PropertyKey::from("platform"), s(node_platform()), attrs::ALL);
    let release = vm.new_object();
    vm.define_value(release, PropertyKey::from("name"), s("node"), attrs::ALL);
    vm.define_value(process, PropertyKey::from("release"), Value::Object(release), attrs::ALL);
    vm.define_value(process, PropertyKey::from("exitCode"), Value::Undefined, attrs::ALL);
    vm.define_value(process, PropertyKey::from("title"), s("modjs"), attrs::ALL);
    vm.define_value(process, PropertyKey::from("pid"), Value::Number(std::process::id() as f64), attrs::ALL);

    // The environment, in the order the OS gives it (as Node's `process.env` enumerates it).
    let env = vm.new_object();
    for (k, v) in std::env::vars_os() {
        let (k, v) = (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned());
        vm.define_value(env, PropertyKey::from(k.as_str()), s(&v), attrs::ALL);
    }
    vm.define_value(process, PropertyKey::from("env"), Value::Object(env), attrs::ALL);

    vm.define_method(process, "uptime", 0, process_uptime);
    vm.define_method(process, "memoryUsage", 0, process_memory_usage);
    vm.define_method(process, "exit", 1, process_exit);
    let hrtime = vm.define_method(process, "hrtime", 1, process_hrtime);
    vm.define_method(hrtime, "bigint", 0, process_hrtime_bigint);
    vm.define_method(process, "nextTick", 1, process_next_tick);
    vm.define_method(process, "cwd", 0, process_cwd);
    let stdout = make_stream(vm, 1);
    vm.define_value(process, PropertyKey::from("stdout"), Value::Object(stdout), attrs::ALL);
    let stderr = make_stream(vm, 2);
    vm.define_value(process, PropertyKey::from("stderr"), Value::Object(stderr), attrs::ALL);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("process"), Value::Object(process), attrs::BUILTIN);
    let exe = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "modjs".into());
    set_argv(vm, &[exe]);
}
