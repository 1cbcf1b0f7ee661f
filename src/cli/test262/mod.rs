//! `modjs --test262 [--module] [--strict] [--prelude FILE]... FILE`: runs one test262 test the
//! way the conformance runner (tests/test262, `--mode run`) expects.
//!
//! Each `--prelude` (harness file) is evaluated as its own global Script in one realm, in order;
//! then FILE runs in the same realm: as a Script (with `"use strict";` and a line feed put
//! before its text under `--strict`, so only that variant's lines shift by one), or with
//! `--module` as the root of a module graph whose specifiers are relative file URLs
//! ([`module_host`]), loaded, linked and evaluated by the loader's module runtime. The realm has
//! the test262 host's globals (`print`, `$262`; see `modjs_vm::host::test262`) and none of
//! Node's. Then the pending jobs run (a module with top-level await: until it has settled).
//!
//! Exit status: 0 when everything completed; 1 on an uncaught error — syntax, link or runtime,
//! in a prelude or in the test — after printing as the last stderr line
//! `modjs-test262: uncaught NAME: MESSAGE` (NAME = the thrown value's `constructor.name` when
//! it is an object that has one, else its `typeof`); 2 when a file cannot be read or a module's
//! top-level await never settles.

mod module_host;

use clap::Args;
use modjs_loader::module::error::ModuleError;
use modjs_loader::module::evaluate::EvaluateOutcome;
use modjs_loader::module::graph::ModuleGraph;
use modjs_loader::module::record::ModuleId;
use modjs_loader::module::{construct, link, Trace};
use modjs_loader::runtime::module_runtime::{with_runtime, ModuleRuntime};
use modjs_vm::host::microtask::run_microtasks;
use modjs_vm::host::process::flush_stdio;
use modjs_vm::host::test262;
use modjs_vm::{Value, Vm};
use std::path::PathBuf;

use super::parse::{on_big_stack, read_source};

/// The `--test262` options of the top-level command.
#[derive(Args, Debug)]
pub struct Test262Args {
    /// Run FILE as a test262 test: `print` and `$262` exist, an uncaught error exits with
    /// status 1 and the last stderr line `modjs-test262: uncaught NAME: MESSAGE`.
    #[arg(long)]
    pub test262: bool,
    /// With --test262: run FILE as a module.
    #[arg(long, requires = "test262")]
    pub module: bool,
    /// With --test262: run FILE as strict code (`"use strict";` and a line feed before it).
    #[arg(long, requires = "test262", conflicts_with = "module")]
    pub strict: bool,
    /// With --test262: a script to evaluate first, in the same realm (repeatable, in order).
    #[arg(long = "prelude", value_name = "FILE", requires = "test262")]
    pub preludes: Vec<PathBuf>,
    /// With --test262: the test file.
    #[arg(value_name = "FILE", requires = "test262")]
    pub file: Option<PathBuf>,
}

/// The prefix of the line reporting an uncaught error (read by the conformance runner).
const UNCAUGHT: &str = "modjs-test262: uncaught";

/// What `--strict` puts before the test's text.
const STRICT_PREFIX: &str = "\"use strict\";\n";

/// A source text and the path it was read from.
struct Source {
    path: String,
    text: String,
}

fn read(path: &std::path::Path) -> Result<Source, String> {
    let text = read_source(path)?;
    Ok(Source { path: path.display().to_string(), text })
}

pub fn run(args: Test262Args) -> i32 {
    let Some(file) = args.file.clone() else {
        eprintln!("modjs-test262: no test file given (modjs --test262 [--module] [--strict] [--prelude FILE]... FILE)");
        return 2;
    };
    on_big_stack(move || {
        let preludes: Result<Vec<Source>, String> = args.preludes.iter().map(|p| read(p)).collect();
        let (preludes, mut test) = match preludes.and_then(|p| Ok((p, read(&file)?))) {
            Ok(sources) => sources,
            Err(message) => {
                eprintln!("modjs-test262: {message}");
                return 2;
            }
        };
        if args.strict {
            test.text.insert_str(0, STRICT_PREFIX);
        }
        let status = run_test(&preludes, &test, args.module);
        use std::io::Write;
        let _ = std::io::stdout().flush();
        status
    })
}

/// Runs the preludes, the test and then the jobs it queued; the exit status.
fn run_test(preludes: &[Source], test: &Source, as_module: bool) -> i32 {
    let mut vm = Vm::new();
    test262::install(&mut vm);
    let status = run_in(&mut vm, preludes, test, as_module);
    flush_stdio(&mut vm);
    status
}

fn run_in(vm: &mut Vm, preludes: &[Source], test: &Source, as_module: bool) -> i32 {
    // `import()` (from scripts too) loads through the module runtime in the host state; a
    // Module test replaces this empty one with its own graph's.
    modjs_loader::runtime::dynamic_import::install(vm);
    vm.host_state = Some(Box::new(ModuleRuntime::new(ModuleGraph::new(), Trace::off()).with_host(Box::new(test262_host()))));
    for prelude in preludes {
        if let Err(thrown) = vm.run_script(&prelude.text, &prelude.path) {
            return uncaught_value(vm, &thrown);
        }
    }
    if as_module {
        return run_module(vm, &test.path);
    }
    if let Err(thrown) = vm.run_script(&test.text, &test.path) {
        return uncaught_value(vm, &thrown);
    }
    match run_microtasks(vm) {
        Ok(()) => 0,
        Err(thrown) => uncaught_value(vm, &thrown),
    }
}

/// Loads, links, instantiates and evaluates the module graph of `entry`, then runs the jobs
/// until the root module's evaluation has settled.
fn run_module(vm: &mut Vm, entry: &str) -> i32 {
    let (graph, root) = match load_and_link(entry) {
        Ok(linked) => linked,
        Err(error) => return uncaught(&module_error_name(&error), &module_error_message(&error)),
    };
    // The runtime lives in the VM's host state: promise reactions of modules with top-level
    // await find it there.
    vm.host_state = Some(Box::new(ModuleRuntime::new(graph, Trace::off()).with_host(Box::new(test262_host()))));
    let evaluated = with_runtime(vm, |rt, vm| rt.instantiate(vm).map(|()| rt.evaluate(vm, root)));
    let outcome = match evaluated {
        Some(Ok(outcome)) => outcome,
        Some(Err(thrown)) => return uncaught_value(vm, &thrown),
        None => {
            eprintln!("modjs-test262: internal error: the module runtime is missing");
            return 2;
        }
    };
    if let EvaluateOutcome::Settled(Err(t)) = outcome {
        let thrown = with_runtime(vm, |rt, _| rt.thrown_value(t)).unwrap_or(Value::Undefined);
        return uncaught_value(vm, &thrown);
    }
    if let Err(thrown) = run_microtasks(vm) {
        return uncaught_value(vm, &thrown);
    }
    if !matches!(outcome, EvaluateOutcome::Pending) {
        return 0;
    }
    // Top-level await: the root's [[TopLevelCapability]] settles through a promise reaction.
    let settled = with_runtime(vm, |rt, _| {
        rt.settled.iter().find(|(m, _)| *m == root).map(|(_, result)| result.map_err(|t| rt.thrown_value(t)))
    });
    match settled.flatten() {
        Some(Ok(())) => 0,
        Some(Err(thrown)) => uncaught_value(vm, &thrown),
        None => {
            eprintln!("modjs-test262: the module's top-level await never settled");
            2
        }
    }
}

/// Reports a thrown JavaScript value (see [`test262::describe_uncaught`]); the exit status 1.
fn uncaught_value(vm: &mut Vm, thrown: &Value) -> i32 {
    let (name, message) = test262::describe_uncaught(vm, thrown);
    flush_stdio(vm);
    uncaught(&name, &message)
}

/// Loads and links the module graph of `entry` (the construct and link phases): every syntax,
/// resolution and link error of the graph surfaces here, before any code runs.
fn load_and_link(entry: &str) -> Result<(ModuleGraph, ModuleId), ModuleError> {
    let mut host = test262_host();
    let mut trace = Trace::off();
    let (mut graph, root) = construct(&mut host, entry, &mut trace)?;
    link(&mut graph, root, &mut trace)?;
    Ok((graph, root))
}

/// The test262 host's module loader, relative to the working directory.
fn test262_host() -> module_host::Test262ModuleHost {
    let current_dir = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_else(|_| "/".to_string());
    module_host::Test262ModuleHost { current_dir }
}

/// The constructor a module-loading error would have in JavaScript.
fn module_error_name(error: &ModuleError) -> String {
    match error {
        ModuleError::Resolve(e) => e.name.to_string(),
        ModuleError::Syntax { .. } | ModuleError::Link { .. } => "SyntaxError".to_string(),
    }
}

fn module_error_message(error: &ModuleError) -> String {
    match error {
        ModuleError::Resolve(e) => e.message.clone(),
        ModuleError::Syntax { error, .. } => error.message.clone(),
        ModuleError::Link { message, .. } => message.clone(),
    }
}

/// Reports an uncaught error as the last stderr line; the exit status 1.
fn uncaught(name: &str, message: &str) -> i32 {
    // Keep the report on one line whatever the message holds.
    let message: String = message.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    eprintln!("{UNCAUGHT} {name}: {message}");
    1
}
