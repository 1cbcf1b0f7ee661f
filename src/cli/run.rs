//! `modjs [run] [--script|--module] FILE [ARGS...]`: runs a program as `node FILE ARGS...` does.
//!
//! * The goal: `--module`/`--script` force it; otherwise `.mjs` is a Module and anything else a
//!   Script (format detection by package.json `"type"` and syntax arrives with the loader).
//! * A syntax error prints Node's code frame (`FILE:LINE`, the line, the underline, the error)
//!   and `Node.js v20.20.2`; exit status 1. FILE is the absolute path for a Script and its
//!   `file:` URL for a Module, as Node shows them.
//! * The program runs; an ES module body runs inside a microtask, as Node evaluates modules
//!   from a promise job (so its promise jobs come before its `process.nextTick`s). Then the
//!   event loop runs until no work is left (`modjs_vm::host::event_loop`).
//! * An uncaught exception or unhandled rejection prints Node's report ([`super::uncaught`]);
//!   exit status 1. Otherwise the status is `process.exitCode` (0 when unset).
//! * `process.argv` is `[modjs executable, absolute FILE, ARGS...]`.
//!
//! Everything runs on a thread with a large stack (reserved, not committed) so that deep
//! recursion is stopped by the VM's own depth limits with a RangeError, never by the Rust stack.

use std::path::{Path, PathBuf};

use clap::Args;
use modjs_parser::ast::Goal;
use modjs_vm::host::event_loop::{process_ticks_and_rejections, run_as_microtask, run_event_loop, Uncaught};
use modjs_vm::host::process::{exit_code, flush_stdio, set_argv, write_stderr};
use modjs_vm::native::CallArgs;
use modjs_vm::{JsResult, PropertyKey, Value, Vm};

use super::code_frame::syntax_error_report;
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
    /// The program.
    pub file: PathBuf,
    /// Arguments for the program (`process.argv.slice(2)`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// Stack for the VM thread: only reserved; pages are committed as it grows.
const VM_STACK: usize = 256 << 20;

/// `modjs FILE ...` without the `run` subcommand: the arguments for `run` when `argv[1..]` is
/// `[--script|--module]* FILE ...` and FILE is not a subcommand name. Everything after FILE
/// belongs to the program, as with `node FILE ...`.
pub fn implicit_run(argv: &[String], subcommands: &[&str]) -> Option<RunArgs> {
    let mut module = false;
    let mut script = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "--module" => module = true,
            "--script" => script = true,
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
    Some(RunArgs { module, script, file: PathBuf::from(file), args: argv[i + 1..].to_vec() })
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
    let goal = match (args.module, args.script) {
        (true, _) => Goal::Module,
        (_, true) => Goal::Script,
        _ if abs.extension().is_some_and(|e| e == "mjs") => Goal::Module,
        _ => Goal::Script,
    };
    // Node names the main module by its real path (a Script) or that path's file URL (a Module).
    let real = std::fs::canonicalize(&abs).unwrap_or_else(|_| abs.clone());
    let real_text = real.display().to_string();
    let shown = match goal {
        Goal::Module => modjs_loader::resolve::url::Url::from_file_path(&real_text).href(),
        Goal::Script => real_text,
    };
    if let Err(e) = modjs_parser::parse(&source, goal) {
        eprint!("{}{}", syntax_error_report(&shown, &source, &e), node_trailer());
        return 1;
    }

    let mut vm = Vm::new();
    let exe = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_else(|_| "modjs".into());
    let mut argv = vec![exe, abs_text];
    argv.extend(args.args);
    set_argv(&mut vm, &argv);

    let outcome = match goal {
        Goal::Script => match vm.run_script(&source, &shown) {
            Ok(_) => process_ticks_and_rejections(&mut vm),
            Err(e) => Err(Uncaught::Exception(e)),
        },
        Goal::Module => {
            let body = module_body_function(&mut vm, &source, &shown);
            run_as_microtask(&mut vm, body)
        }
    }
    .and_then(|()| run_event_loop(&mut vm));

    let status = match outcome {
        Ok(()) => exit_code(&mut vm),
        Err(uncaught) => {
            let report = uncaught_report(&mut vm, &uncaught);
            write_stderr(&mut vm, &report);
            1
        }
    };
    flush_stdio(&mut vm);
    status
}

/// A function that evaluates the entry module's body when called (from a microtask).
///
/// Until the module loader runs module graphs, a module is evaluated as a script body; this is
/// only right for a module without imports or exports (the parse above already checked the
/// module grammar).
fn module_body_function(vm: &mut Vm, source: &str, shown: &str) -> Value {
    let slots = vec![Value::from(source), Value::from(shown)];
    let f = vm.new_native_function_with_slots(PropertyKey::from(""), 0, evaluate_module_body, slots, false);
    Value::Object(f)
}

fn evaluate_module_body(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let slot = |vm: &Vm, i: usize| match &vm.heap.get(args.callee).kind {
        modjs_vm::object::ObjectKind::NativeFunction(nf) => match nf.slots.get(i) {
            Some(Value::String(s)) => s.to_rust_lossy(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    let (source, path) = (slot(vm, 0), slot(vm, 1));
    vm.run_script(&source, &path)
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
