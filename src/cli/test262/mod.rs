//! `modjs --test262 [--module] [--strict] [--prelude FILE]... FILE`: runs one test262 test the
//! way the conformance runner (tests/test262, `--mode run`) expects.
//!
//! Each `--prelude` (harness file) is evaluated as its own global Script in one realm, in order;
//! then FILE runs in the same realm: as a Script (with `"use strict";` and a line feed put
//! before its text under `--strict`, so only that variant's lines shift by one), or with
//! `--module` as the root of a module graph whose specifiers are relative file URLs
//! ([`module_host`]). The realm has the test262 host's globals (`print`, `$262`; see
//! `modjs_vm::host::test262`). Then the pending jobs run.
//!
//! Exit status: 0 when everything completed; 1 on an uncaught error — syntax, link or runtime,
//! in a prelude or in the test — after printing as the last stderr line
//! `modjs-test262: uncaught NAME: MESSAGE` (NAME = the thrown value's `constructor.name` when
//! it is an object that has one, else its `typeof`); 2 when a file cannot be read or the test
//! needs something modjs cannot do yet.

mod module_host;

use clap::Args;
use modjs_loader::module::error::ModuleError;
use modjs_loader::module::{construct, link, Trace};
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

/// Runs the preludes and the test; the exit status.
fn run_test(preludes: &[Source], test: &Source, as_module: bool) -> i32 {
    let mut vm = Vm::new();
    test262::install(&mut vm);
    for prelude in preludes {
        if let Err(thrown) = vm.run_script(&prelude.text, &prelude.path) {
            return uncaught_value(&mut vm, &thrown);
        }
    }
    if as_module {
        return match link_module_graph(&test.path) {
            Ok(()) => {
                eprintln!("modjs-test262: evaluating modules is not implemented yet");
                2
            }
            Err(error) => uncaught(&module_error_name(&error), &module_error_message(&error)),
        };
    }
    match vm.run_script(&test.text, &test.path) {
        Ok(_) => 0,
        Err(thrown) => uncaught_value(&mut vm, &thrown),
    }
}

/// Reports a thrown JavaScript value (see [`test262::describe_uncaught`]); the exit status 1.
fn uncaught_value(vm: &mut Vm, thrown: &Value) -> i32 {
    let (name, message) = test262::describe_uncaught(vm, thrown);
    uncaught(&name, &message)
}

/// Loads and links the module graph of `entry` (the construct and link phases): every syntax,
/// resolution and link error of the graph surfaces here, before any code runs.
fn link_module_graph(entry: &str) -> Result<(), ModuleError> {
    let current_dir = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_else(|_| "/".to_string());
    let mut host = module_host::Test262ModuleHost { current_dir };
    let mut trace = Trace::off();
    let (mut graph, root) = construct(&mut host, entry, &mut trace)?;
    let linked = link(&mut graph, root, &mut trace);
    // The process ends soon: freeing every AST one by one would only cost time.
    std::mem::forget(graph);
    linked
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
