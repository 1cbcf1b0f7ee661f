//! `modjs [run] [--script|--module] FILE [ARGS...]`: runs a program as `node FILE ARGS...` does.
//!
//! * The format: `--module`/`--script` force a Module or a classic Script; otherwise `.mjs` is
//!   a Module, `.cjs` CommonJS, `.js` and extensionless files follow the package.json
//!   `"type"`, and without one Node v20's syntax detection decides; other extensions are
//!   CommonJS.
//! * A syntax error prints Node's code frame (`FILE:LINE`, the line, the underline, the error)
//!   and `Node.js v20.20.2`; exit status 1. FILE is the absolute path for CommonJS and a Script
//!   and its `file:` URL for a Module, as Node shows them.
//! * Every program gets a module runtime as the VM's host state (`require`, `import()` and
//!   `createRequire` reach it). A Script runs with `Vm::run_script`. CommonJS runs as Node's
//!   main module (`require.main === module`, `module.id === '.'`). A Module is the root of a
//!   module graph: the loader constructs and links it (reporting syntax, resolution and link
//!   errors as `modjs link` does), then instantiates and evaluates it inside a microtask, as
//!   Node evaluates modules from a promise job (so the entry's promise jobs come before its
//!   `process.nextTick`s). Then the event loop runs until no work is left
//!   (`modjs_vm::host::event_loop`). An entry module still awaiting when the loop runs dry
//!   exits as Node v20 does: silently, with `process.exitCode` when the program set one, else 13.
//! * An uncaught exception or unhandled rejection prints Node's report ([`super::uncaught`]);
//!   exit status 1. Otherwise the status is `process.exitCode` (0 when unset).
//! * `process.argv` is `[modjs executable, absolute FILE, ARGS...]`.
//! * `--trace` (a Module entry): the program runs exactly as without it, and standard error
//!   also gets the phase trace ([`modjs_loader::module::Trace`]) — construct, link and evaluate,
//!   asynchronous completions included — each line written when its step happens, with paths
//!   relative to the entry's directory. Standard output is then written unbuffered so that a
//!   terminal shows the two in the order they happened.
//!
//! Everything runs on a thread with a large stack (reserved, not committed) so that deep
//! recursion is stopped by the VM's own depth limits with a RangeError, never by the Rust stack.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use clap::Args;
use modjs_parser::ast::Goal;
use modjs_vm::host::event_loop::{process_ticks_and_rejections, run_as_microtask, run_event_loop, Uncaught};
use modjs_vm::host::process::{exit_code, flush_stdio, set_argv, write_stderr};
use modjs_loader::module::evaluate::EvaluateOutcome;
use modjs_loader::module::host::FsHost;
use modjs_loader::module::{construct, link, ModuleGraph, ModuleId, Trace};
use modjs_loader::resolve::Resolver;
use modjs_loader::runtime::commonjs::esm_scope_hint::add_esm_scope_hint;
use modjs_loader::runtime::commonjs::format::{detect_format, Detected};
use modjs_loader::runtime::commonjs::load_main;
use modjs_loader::runtime::commonjs::wrapper::parse_wrapper;
use modjs_loader::runtime::module_runtime::{with_runtime, ModuleRuntime};
use modjs_vm::native::CallArgs;
use modjs_vm::object::ObjectKind;
use modjs_vm::{JsResult, PropertyKey, Value, Vm};

use super::code_frame::syntax_error_report;
use super::link::{entry_directory, error_report};
use super::parse::read_source;
use super::uncaught::{node_trailer, uncaught_report};

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Run FILE as an ES module (default for .mjs).
    #[arg(long, conflicts_with = "script")]
    pub module: bool,
    /// Run FILE as a classic script (default for anything but .mjs).
    #[arg(long)]
    pub script: bool,
    /// Also write the phase trace (construct, link, evaluate) of the module graph on stderr.
    #[arg(long)]
    pub trace: bool,
    /// The program.
    pub file: PathBuf,
    /// Arguments for the program (`process.argv.slice(2)`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// Stack for the VM thread: only reserved; pages are committed as it grows.
const VM_STACK: usize = 256 << 20;

/// `modjs FILE ...` without the `run` subcommand: the arguments for `run` when `argv[1..]` is
/// `[--script|--module|--trace]* FILE ...` and FILE is not a subcommand name. Everything after FILE
/// belongs to the program, as with `node FILE ...`.
pub fn implicit_run(argv: &[String], subcommands: &[&str]) -> Option<RunArgs> {
    let mut module = false;
    let mut script = false;
    let mut trace = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "--module" => module = true,
            "--script" => script = true,
            "--trace" => trace = true,
            _ => break,
        }
        i += 1;
    }
    let file = argv.get(i)?;
    if file.starts_with('-') || (i == 1 && subcommands.contains(&file.as_str())) {
        return None;
    }
    if module && script {
        return None;
    }
    Some(RunArgs { module, script, trace, file: PathBuf::from(file), args: argv[i + 1..].to_vec() })
}

pub fn run(args: RunArgs) -> i32 {
    let spawned = std::thread::Builder::new().name("vm".into()).stack_size(VM_STACK).spawn(move || run_program(args));
    match spawned {
        // A panic is a bug in modjs; its message is already on stderr. Exit like EX_SOFTWARE.
        Ok(handle) => handle.join().unwrap_or(70),
        Err(e) => {
            eprintln!("modjs: cannot start the VM thread: {e}");
            70
        }
    }
}

/// `path.resolve(file)`: absolute and normalised, without following links.
fn absolute(file: &Path) -> PathBuf {
    let joined = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(file)).unwrap_or_else(|_| file.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn run_program(args: RunArgs) -> i32 {
    let abs = absolute(&args.file);
    let abs_text = abs.display().to_string();
    let source = match read_source(&abs) {
        Ok(s) => s,
        Err(_) => {
            eprint!(
                "Error: Cannot find module '{abs_text}' {{\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}}\n{}",
                node_trailer()
            );
            return 1;
        }
    };
    let kind = match (args.module, args.script) {
        (true, _) => EntryKind::Module,
        (_, true) => EntryKind::Script,
        _ => entry_kind(&abs_text, &source),
    };
    // Node names the main module by its real path (CommonJS, a Script) or that path's file
    // URL (a Module).
    let real = std::fs::canonicalize(&abs).unwrap_or_else(|_| abs.clone());
    let real_text = real.display().to_string();
    let shown = match kind {
        EntryKind::Module => modjs_loader::resolve::url::Url::from_file_path(&real_text).href(),
        EntryKind::Script | EntryKind::CommonJs => real_text.clone(),
    };
    if kind != EntryKind::Module && args.trace {
        eprintln!("== trace: {} runs as a script, not as an ES module: it has no module graph to trace", args.file.display());
    }
    let syntax = match kind {
        EntryKind::Script => modjs_parser::parse(&source, Goal::Script).err(),
        EntryKind::CommonJs => parse_wrapper(&source).err(),
        EntryKind::Module => None,
    };
    if let Some(e) = syntax {
        eprint!("{}{}", syntax_error_report(&shown, &source, &e), node_trailer());
        return 1;
    }

    let mut vm = Vm::new();
    modjs_loader::node::install_globals(&mut vm);
    vm.stdio.unbuffered = args.trace;
    let exe = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_else(|_| "modjs".into());
    let mut argv = vec![exe, abs_text.clone()];
    argv.extend(args.args);
    set_argv(&mut vm, &argv);

    // `import()` loads through the program's module runtime (an empty module map for a Script
    // or CommonJS entry).
    modjs_loader::runtime::dynamic_import::install(&mut vm);
    let outcome = match kind {
        EntryKind::Script => {
            let runtime = ModuleRuntime::new(ModuleGraph::new(), Trace::off()).with_host(Box::new(fs_host()));
            vm.host_state = Some(Box::new(runtime));
            match vm.run_script(&source, &shown) {
                Ok(_) => process_ticks_and_rejections(&mut vm),
                Err(e) => Err(Uncaught::Exception(e)),
            }
        }
        EntryKind::CommonJs => {
            let runtime = ModuleRuntime::new(ModuleGraph::new(), Trace::off()).with_host(Box::new(fs_host()));
            vm.host_state = Some(Box::new(runtime));
            match load_main(&mut vm, &real_text) {
                Ok(()) => process_ticks_and_rejections(&mut vm),
                Err(e) => Err(Uncaught::Exception(e)),
            }
        }
        EntryKind::Module => {
            // The trace shows paths relative to the entry's directory.
            let mut trace = if args.trace { Trace::to_stderr(&entry_directory("/", &abs_text)) } else { Trace::off() };
            let (graph, root, host) = match load_module_graph(&abs_text, &mut trace) {
                Ok(g) => g,
                Err(report) => {
                    eprint!("{report}{}", node_trailer());
                    return 1;
                }
            };
            vm.host_state = Some(Box::new(ModuleRuntime::new(graph, trace).with_host(Box::new(host))));
            ENTRY.with(|e| e.set(Some(EntryState { root, pending: false })));
            vm.event_loop.after_drain_hook = Some(entry_module_rejected);
            let slots = vec![Value::Number(root.0 as f64)];
            let body = vm.new_native_function_with_slots(PropertyKey::from(""), 0, evaluate_entry_module, slots, false);
            run_as_microtask(&mut vm, Value::Object(body))
        }
    }
    .and_then(|()| run_event_loop(&mut vm));

    // The loop ran dry while the entry module still awaits: Node exits with status 13.
    if outcome.is_ok() && entry_still_pending(&mut vm) {
        if args.trace {
            write_stderr(
                &mut vm,
                "== exit: no work is left and the entry's Evaluate() promise is still pending (unsettled top-level await)\n",
            );
        }
        let status = unsettled_top_level_await_exit(&mut vm);
        flush_stdio(&mut vm);
        exit_without_teardown(vm);
        return status;
    }
    let status = match outcome {
        Ok(()) => exit_code(&mut vm),
        Err(uncaught) => {
            let report = uncaught_report(&mut vm, &uncaught);
            write_stderr(&mut vm, &report);
            1
        }
    };
    flush_stdio(&mut vm);
    exit_without_teardown(vm);
    status
}

/// The program has finished and its output is flushed; the process exits next. The VM is not
/// dropped piece by piece (a large program's heap holds millions of objects, and freeing them
/// one by one took longer than some programs' whole run): the operating system takes back the
/// memory at once. The prefetch workers, if any, end with the process.
fn exit_without_teardown(vm: Vm) {
    std::mem::forget(vm);
}

/// How the entry file runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum EntryKind {
    /// A classic Script (`--script`).
    Script,
    /// The main CommonJS module (Node's `Module._load(main, null, true)`).
    CommonJs,
    /// The root of an ES module graph.
    Module,
}

/// The format Node gives the entry file: `.mjs` a Module, `.cjs` CommonJS; `.js` and
/// extensionless files follow the package scope's `"type"`, and without one Node v20's syntax
/// detection decides ([`detect_format`]). Other extensions run as CommonJS, as Node's CJS
/// loader does.
fn entry_kind(abs: &str, source: &str) -> EntryKind {
    use modjs_loader::resolve::format::{esm_file_format, ModuleFormat};
    let url = modjs_loader::resolve::url::Url::from_file_path(abs);
    let mut resolver = Resolver::new();
    match esm_file_format(&mut resolver, &url) {
        Ok(ModuleFormat::Module) => EntryKind::Module,
        Ok(ModuleFormat::CommonJsOrDetect) => match detect_format(source) {
            Detected::Module => EntryKind::Module,
            Detected::CommonJs(_) | Detected::Error(_) => EntryKind::CommonJs,
        },
        _ => EntryKind::CommonJs,
    }
}

/// Loads and links the module graph of `entry` (an absolute path): the construct and link
/// phases, where every syntax, resolution and link error of the graph surfaces before any code
/// runs. `Err` is the report to print. The host is kept for the modules `import()` loads later.
fn load_module_graph(entry: &str, trace: &mut Trace) -> Result<(ModuleGraph, ModuleId, FsHost), String> {
    let mut host = fs_host();
    let (mut graph, root) = construct(&mut host, entry, trace).map_err(|e| error_report(&e))?;
    link(&mut graph, root, trace).map_err(|e| error_report(&e))?;
    Ok((graph, root, host))
}

/// Node's ES module loader over the file system, relative to the working directory.
fn fs_host() -> FsHost {
    let mut resolver = Resolver::new();
    resolver.current_dir = std::env::current_dir().ok().map(|d| d.display().to_string());
    FsHost::new(resolver)
}

/// The entry module of the running program and whether its evaluation is still pending (top-level
/// await). One program runs per VM thread.
#[derive(Clone, Copy)]
struct EntryState {
    root: ModuleId,
    pending: bool,
}

thread_local! {
    static ENTRY: Cell<Option<EntryState>> = const { Cell::new(None) };
}

/// The microtask that instantiates and evaluates the module graph (Node runs the entry module
/// from a promise job). A synchronous failure is thrown from the job.
fn evaluate_entry_module(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let root = match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(nf) => match nf.slots.first() {
            Some(Value::Number(n)) => ModuleId(*n as u32),
            _ => return Ok(Value::Undefined),
        },
        _ => return Ok(Value::Undefined),
    };
    let result = with_runtime(vm, |rt, vm| -> JsResult<bool> {
        rt.instantiate(vm)?;
        match rt.evaluate(vm, root) {
            EvaluateOutcome::Settled(Err(t)) => {
                let error = rt.thrown_value(t);
                add_esm_scope_hint(vm, &error, &rt.graph.get(root).url);
                Err(error)
            }
            EvaluateOutcome::Pending => Ok(true),
            _ => Ok(false),
        }
    });
    match result {
        Some(Ok(pending)) => {
            ENTRY.with(|e| e.set(Some(EntryState { root, pending })));
            Ok(Value::Undefined)
        }
        Some(Err(e)) => Err(e),
        None => Ok(Value::Undefined),
    }
}

/// The entry module's settlement, once known: `Some(Err(value))` when it rejected.
fn entry_settlement(vm: &mut Vm) -> Option<Result<(), Value>> {
    let entry = ENTRY.with(|e| e.get())?;
    with_runtime(vm, |rt, _| {
        rt.settled.iter().find(|(m, _)| *m == entry.root).map(|(_, r)| r.map_err(|t| rt.thrown_value(t)))
    })
    .flatten()
}

/// After each drain of the queues: an entry module whose top-level await rejected ends the
/// program as an uncaught error.
fn entry_module_rejected(vm: &mut Vm) -> Result<(), Uncaught> {
    match entry_settlement(vm) {
        Some(Err(e)) => {
            let root = ENTRY.with(|e| e.get()).map(|e| e.root);
            let url = root.and_then(|r| with_runtime(vm, |rt, _| rt.graph.get(r).url.clone()));
            if let Some(url) = url {
                add_esm_scope_hint(vm, &e, &url);
            }
            Err(Uncaught::Exception(e))
        }
        _ => Ok(()),
    }
}

/// Node v20's exit when the entry module's top-level await never settled
/// (lib/internal/modules/esm/handle_process_exit.js): `process.exitCode ??= 13`, then the normal
/// exit with `process.exitCode`. Nothing is printed: the "Detected unsettled top-level await"
/// warning of later releases was reverted on the v20 line (nodejs/node#52898), and node
/// v20.20.2 exits silently.
fn unsettled_top_level_await_exit(vm: &mut Vm) -> i32 {
    let global = vm.global();
    if let Ok(Value::Object(process)) = vm.get(global, &PropertyKey::from("process")) {
        let key = PropertyKey::from("exitCode");
        if matches!(vm.get(process, &key), Ok(Value::Undefined | Value::Null)) {
            // A throwing setter would be the program's own doing; the status stays 13 then.
            if vm.put(process, key, Value::Number(13.0), false).is_err() {
                return 13;
            }
        }
    }
    exit_code(vm)
}

fn entry_still_pending(vm: &mut Vm) -> bool {
    let pending = ENTRY.with(|e| e.get()).is_some_and(|e| e.pending);
    pending && entry_settlement(vm).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_file_first_means_run_and_the_rest_is_the_programs() {
        let r = implicit_run(&argv(&["modjs", "main.mjs", "--x", "y"]), &["parse"]).unwrap();
        assert_eq!(r.file, PathBuf::from("main.mjs"));
        assert_eq!(r.args, ["--x", "y"]);
        let r = implicit_run(&argv(&["modjs", "--script", "a.mjs"]), &["parse"]).unwrap();
        assert!(r.script && !r.module);
        let r = implicit_run(&argv(&["modjs", "--trace", "a.mjs", "--trace"]), &["parse"]).unwrap();
        assert!(r.trace && r.file == PathBuf::from("a.mjs") && r.args == ["--trace"]);
    }

    #[test]
    fn subcommands_and_options_are_not_files() {
        assert!(implicit_run(&argv(&["modjs", "parse", "x.js"]), &["parse"]).is_none());
        assert!(implicit_run(&argv(&["modjs", "--help"]), &["parse"]).is_none());
        assert!(implicit_run(&argv(&["modjs"]), &["parse"]).is_none());
        assert!(implicit_run(&argv(&["modjs", "--module", "--script", "x"]), &["parse"]).is_none());
    }

    #[test]
    fn paths_are_resolved_without_following_links() {
        assert_eq!(absolute(Path::new("/a/b/../c/./d.js")), PathBuf::from("/a/c/d.js"));
    }
}
