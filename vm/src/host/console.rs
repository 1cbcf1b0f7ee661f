//! The `console` global, as Node's: `log`/`info`/`debug`/`dir` write to stdout, `error`/`warn`/
//! `trace` to stderr, each call one line formatted by `util.format` (objects through
//! `util.inspect`), indented inside `console.group`.
//!
//! Output goes through the VM's standard streams (`host::process`: stdout buffered, stderr
//! written after a flush), so console output and `process.stdout.write` stay in order. Group
//! indentation, counters and timers are per thread, like the process-wide console of Node; tests
//! divert the output with [`capture`].

use super::format::format;
use super::inspect::{self, InspectOptions};
use crate::error::JsResult;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;
use indexmap::IndexMap;
use std::cell::RefCell;
use std::time::Instant;

#[derive(Default)]
struct ConsoleState {
    /// The current `console.group` indentation.
    group_indent: String,
    counts: IndexMap<String, u64>,
    timers: IndexMap<String, Instant>,
}

thread_local! {
    static STATE: RefCell<ConsoleState> = RefCell::new(ConsoleState::default());
}

fn write_stderr(vm: &mut Vm, bytes: &[u8]) {
    super::process::write_stderr(vm, &String::from_utf8_lossy(bytes));
}

/// Runs `f` with the VM's output diverted into memory and returns what it wrote to stdout and
/// stderr (for tests; output buffered before the call is flushed first).
pub fn capture<T>(vm: &mut Vm, f: impl FnOnce(&mut Vm) -> T) -> (T, String, String) {
    super::process::flush_stdio(vm);
    let previous = vm.stdio.capture.replace((Vec::new(), Vec::new()));
    let result = f(vm);
    let captured = std::mem::replace(&mut vm.stdio.capture, previous);
    let (out, err) = captured.unwrap_or_default();
    (result, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

#[derive(Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

/// Writes one console line: the group indentation in front of every line of `text`, then a
/// newline.
fn write_line(vm: &mut Vm, stream: Stream, text: &str) {
    let indent = STATE.with(|state| state.borrow().group_indent.clone());
    let mut line = String::with_capacity(text.len() + indent.len() + 1);
    if indent.is_empty() {
        line.push_str(text);
    } else {
        line.push_str(&indent);
        line.push_str(&text.replace('\n', &format!("\n{indent}")));
    }
    line.push('\n');
    match stream {
        Stream::Stdout => super::process::write_stdout(vm, &line),
        Stream::Stderr => super::process::write_stderr(vm, &line),
    }
}

fn print(vm: &mut Vm, args: &[Value], stream: Stream) -> JsResult<Value> {
    let text = format(vm, args)?;
    write_line(vm, stream, &text);
    Ok(Value::Undefined)
}

/// `console.log`, `console.info`, `console.debug`, `console.dirxml`.
fn console_log(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    print(vm, &args.args, Stream::Stdout)
}

/// `console.error`, `console.warn`.
fn console_error(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    print(vm, &args.args, Stream::Stderr)
}

/// `console.dir(value, options)`: `util.inspect` without custom inspect methods.
fn console_dir(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut opts = InspectOptions::default();
    if let Value::Object(o) = args.get(1) {
        inspect::options::read_options(vm, o, &mut opts)?;
    }
    opts.custom_inspect = false;
    let text = inspect::inspect(vm, &args.get(0), opts)?;
    write_line(vm, Stream::Stdout, &text);
    Ok(Value::Undefined)
}

/// `console.trace(...args)`: `Trace: message` and the current stack on stderr.
fn console_trace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let message = format(vm, &args.args)?;
    let mut text = if message.is_empty() { "Trace".to_string() } else { format!("Trace: {message}") };
    for frame in vm.capture_stack_trace() {
        text.push_str("\n    at ");
        text.push_str(&frame.to_string());
    }
    write_line(vm, Stream::Stderr, &text);
    Ok(Value::Undefined)
}

/// `console.assert(condition, ...args)`: nothing when truthy, otherwise
/// `Assertion failed[: message]` on stderr.
fn console_assert(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if vm.to_boolean(&args.get(0)) {
        return Ok(Value::Undefined);
    }
    let mut rest: Vec<Value> = args.rest(1).to_vec();
    match rest.first() {
        Some(Value::String(first)) => {
            rest[0] = Value::from(format!("Assertion failed: {}", first.to_rust_lossy()).as_str());
        }
        _ => rest.insert(0, Value::from("Assertion failed")),
    }
    print(vm, &rest, Stream::Stderr)
}

/// `console.group(...label)` / `console.groupCollapsed`: prints the label (if any), then indents
/// by two more spaces.
fn console_group(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if !args.is_empty() {
        print(vm, &args.args, Stream::Stdout)?;
    }
    STATE.with(|state| state.borrow_mut().group_indent.push_str("  "));
    Ok(Value::Undefined)
}

fn console_group_end(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    STATE.with(|state| {
        let mut state = state.borrow_mut();
        let len = state.group_indent.len().saturating_sub(2);
        state.group_indent.truncate(len);
    });
    Ok(Value::Undefined)
}

/// The label argument of `count`/`time` methods: `default` when absent.
fn label(vm: &mut Vm, args: &CallArgs) -> JsResult<String> {
    match args.get(0) {
        Value::Undefined => Ok("default".to_string()),
        other => Ok(vm.to_string(&other)?.to_rust_lossy()),
    }
}

/// `console.count(label)`: `label: N` on stdout.
fn console_count(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let label = label(vm, args)?;
    let count = STATE.with(|state| {
        let mut state = state.borrow_mut();
        let count = state.counts.entry(label.clone()).or_insert(0);
        *count += 1;
        *count
    });
    write_line(vm, Stream::Stdout, &format!("{label}: {count}"));
    Ok(Value::Undefined)
}

fn console_count_reset(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let label = label(vm, args)?;
    let existed = STATE.with(|state| state.borrow_mut().counts.get_mut(&label).map(|c| *c = 0).is_some());
    if !existed {
        write_stderr(vm, format!("(node:{}) Warning: Count for '{label}' does not exist\n", std::process::id()).as_bytes());
    }
    Ok(Value::Undefined)
}

/// `console.time(label)`.
fn console_time(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let label = label(vm, args)?;
    let exists = STATE.with(|state| state.borrow().timers.contains_key(&label));
    if exists {
        let warning = format!("(node:{}) Warning: Label '{label}' already exists for console.time()\n", std::process::id());
        write_stderr(vm, warning.as_bytes());
    } else {
        STATE.with(|state| state.borrow_mut().timers.insert(label, Instant::now()));
    }
    Ok(Value::Undefined)
}

/// `console.timeEnd(label)` and `console.timeLog(label, ...data)`: `label: 1.234ms [data]`.
fn time_report(vm: &mut Vm, args: &CallArgs, end: bool) -> JsResult<Value> {
    let label = label(vm, args)?;
    let start = STATE.with(|state| {
        let mut state = state.borrow_mut();
        if end {
            state.timers.shift_remove(&label)
        } else {
            state.timers.get(&label).copied()
        }
    });
    let Some(start) = start else {
        let method = if end { "console.timeEnd()" } else { "console.timeLog()" };
        let warning = format!("(node:{}) Warning: No such label '{label}' for {method}\n", std::process::id());
        write_stderr(vm, warning.as_bytes());
        return Ok(Value::Undefined);
    };
    let mut text = format!("{label}: {}", format_duration(start.elapsed().as_secs_f64() * 1000.0));
    if !end && args.len() > 1 {
        text.push(' ');
        text.push_str(&format(vm, args.rest(1))?);
    }
    write_line(vm, Stream::Stdout, &text);
    Ok(Value::Undefined)
}

fn console_time_end(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    time_report(vm, args, true)
}

fn console_time_log(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    time_report(vm, args, false)
}

/// Node's duration format: milliseconds with three decimals, or seconds, minutes, hours when
/// longer.
fn format_duration(ms: f64) -> String {
    let seconds = ms / 1000.0;
    if seconds >= 3600.0 {
        format!("{:.3}h", seconds / 3600.0)
    } else if seconds >= 60.0 {
        format!("{:.3}min", seconds / 60.0)
    } else if seconds >= 1.0 {
        format!("{seconds:.3}s")
    } else {
        format!("{ms:.3}ms")
    }
}

/// Creates the `console` object and defines it on the global object (writable, configurable,
/// not enumerable, as in Node).
pub fn install(vm: &mut Vm) {
    let console = vm.new_object();
    // Node's order (`Object.keys(console)`); `clear` and the profiler methods do nothing when
    // output is not a terminal or no inspector is attached.
    let methods: [(&str, crate::native::NativeFn); 22] = [
        ("log", console_log),
        ("warn", console_error),
        ("dir", console_dir),
        ("time", console_time),
        ("timeEnd", console_time_end),
        ("timeLog", console_time_log),
        ("trace", console_trace),
        ("assert", console_assert),
        ("clear", console_noop),
        ("count", console_count),
        ("countReset", console_count_reset),
        ("group", console_group),
        ("groupEnd", console_group_end),
        ("table", console_log),
        ("debug", console_log),
        ("info", console_log),
        ("dirxml", console_log),
        ("error", console_error),
        ("groupCollapsed", console_group),
        ("profile", console_noop),
        ("profileEnd", console_noop),
        ("timeStamp", console_noop),
    ];
    for (name, f) in methods {
        let func = vm.new_native_function(name, 0, f);
        vm.define_value(console, PropertyKey::from(name), Value::Object(func), attrs::ALL);
    }
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(console, tag, Value::from("console"), attrs::CONFIGURABLE);
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("console"), Value::Object(console), attrs::BUILTIN);
}

fn console_noop(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Undefined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(vm: &mut Vm, method: &str, args: Vec<Value>) -> (String, String) {
        let global = vm.global();
        let console = vm.get(global, &PropertyKey::from("console")).unwrap_or(Value::Undefined);
        let f = vm.get_v(&console, &PropertyKey::from(method)).unwrap_or(Value::Undefined);
        let (result, out, err) = capture(vm, |vm| vm.call(&f, console.clone(), &args));
        assert!(result.is_ok(), "console.{method} threw");
        (out, err)
    }

    fn vm_with_console() -> Vm {
        let mut vm = Vm::new();
        if vm.get_own_property_plain(vm.global(), &PropertyKey::from("console")).is_none() {
            install(&mut vm);
        }
        vm
    }

    #[test]
    fn log_formats_to_stdout_and_error_to_stderr() {
        let mut vm = vm_with_console();
        let args = vec![Value::from("%s is %d years"), Value::from("Bob"), Value::Number(42.0)];
        assert_eq!(call(&mut vm, "log", args), ("Bob is 42 years\n".to_string(), String::new()));
        assert_eq!(call(&mut vm, "log", vec![]), ("\n".to_string(), String::new()));
        let args = vec![Value::from("a"), Value::Number(-0.0), Value::Null];
        assert_eq!(call(&mut vm, "error", args), (String::new(), "a -0 null\n".to_string()));
        assert_eq!(call(&mut vm, "warn", vec![Value::from("w")]).1, "w\n");
    }

    #[test]
    fn groups_indent_every_line() {
        let mut vm = vm_with_console();
        assert_eq!(call(&mut vm, "group", vec![Value::from("title")]).0, "title\n");
        assert_eq!(call(&mut vm, "log", vec![Value::from("a\nb")]).0, "  a\n  b\n");
        call(&mut vm, "groupEnd", vec![]);
        assert_eq!(call(&mut vm, "log", vec![Value::from("c")]).0, "c\n");
    }

    #[test]
    fn assert_and_count() {
        let mut vm = vm_with_console();
        assert_eq!(call(&mut vm, "assert", vec![Value::Bool(true), Value::from("x")]).1, "");
        assert_eq!(call(&mut vm, "assert", vec![Value::Bool(false), Value::from("x %s"), Value::from("y")]).1, "Assertion failed: x y\n");
        assert_eq!(call(&mut vm, "assert", vec![Value::Number(0.0)]).1, "Assertion failed\n");
        assert_eq!(call(&mut vm, "count", vec![]).0, "default: 1\n");
        assert_eq!(call(&mut vm, "count", vec![]).0, "default: 2\n");
        assert_eq!(call(&mut vm, "count", vec![Value::from("x")]).0, "x: 1\n");
    }

    #[test]
    fn trace_goes_to_stderr() {
        let mut vm = vm_with_console();
        assert!(call(&mut vm, "trace", vec![Value::from("here")]).1.starts_with("Trace: here"));
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(1.23456), "1.235ms");
        assert_eq!(format_duration(1500.0), "1.500s");
        assert_eq!(format_duration(90_000.0), "1.500min");
    }
}
