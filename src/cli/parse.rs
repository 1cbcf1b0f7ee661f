//! `modjs parse [--module|--script] [--ast] [--records] FILE...`
//!
//! Parses each file and reports every syntax error in Node's format (see [`super::code_frame`]),
//! carrying on with the next file. Silent with exit status 0 when every file parses; exit
//! status 1 when any file fails to read or to parse.
//!
//! The goal symbol: `--module`/`--script` force it; otherwise `.mjs` is a Module, `.cjs` a
//! Script, and anything else follows Node v20's syntax detection: parse as a Script, and when
//! that fails but the Module parse succeeds, it is a Module (see [`parse_detect`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use modjs_parser::ast::{Goal, Program};
use modjs_parser::{dump, module_records, SyntaxError};

use super::code_frame::syntax_error_report;

#[derive(Args)]
pub struct ParseArgs {
    /// Parse as a Module (default for .mjs).
    #[arg(long, conflicts_with = "script")]
    pub module: bool,
    /// Parse as a Script (default for .cjs).
    #[arg(long)]
    pub script: bool,
    /// Print the AST.
    #[arg(long)]
    pub ast: bool,
    /// Print the module records (RequestedModules, import and export entries, HasTLA).
    #[arg(long)]
    pub records: bool,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// What to print for a file that parses.
#[derive(Clone, Copy)]
pub struct Show {
    pub ast: bool,
    pub records: bool,
}

/// Stack for the parse thread: deep trees are walked and dropped recursively. The memory is
/// only reserved; pages are committed as the stack actually grows.
const PARSE_STACK: usize = 256 << 20;

pub fn run(args: ParseArgs) -> i32 {
    let forced = match (args.module, args.script) {
        (true, _) => Some(Goal::Module),
        (_, true) => Some(Goal::Script),
        _ => None,
    };
    let show = Show { ast: args.ast, records: args.records };
    let several = args.files.len() > 1;
    let files = args.files;
    // Files are read and parsed on worker threads; the reports are printed in command-line
    // order, so the output does not depend on scheduling.
    let reports = parse_all(&files, forced, show);
    let mut status = 0;
    for (path, report) in files.iter().zip(reports) {
        if several && (show.ast || show.records) {
            print_out(&format!("==> {} <==\n", path.display()));
        }
        print_out(&report.stdout);
        if !report.stderr.is_empty() {
            eprint!("{}", report.stderr);
        }
        if !report.ok {
            status = 1;
        }
    }
    status
}

/// What parsing one file produced.
#[derive(Default)]
pub struct FileReport {
    pub stdout: String,
    pub stderr: String,
    pub ok: bool,
}

/// Parses every file on up to `available_parallelism` threads (each with a large stack) and
/// returns the reports in the order of `files`.
fn parse_all(files: &[PathBuf], forced: Option<Goal>, show: Show) -> Vec<FileReport> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;

    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<FileReport>>> = files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for i in 0..workers {
            let (next, slots) = (&next, &slots);
            let spawned = std::thread::Builder::new()
                .name(format!("parse-{i}"))
                .stack_size(PARSE_STACK)
                .spawn_scoped(scope, move || loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(k) else { break };
                    let report = parse_file(path, forced, show);
                    if let Ok(mut slot) = slots[k].lock() {
                        *slot = Some(report);
                    }
                });
            if let Err(e) = spawned {
                eprintln!("modjs: cannot start a parser thread: {e}");
            }
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner().ok().flatten().unwrap_or_else(|| FileReport {
                stderr: "modjs: internal error while parsing this file\n".into(),
                ..FileReport::default()
            })
        })
        .collect()
}

/// Reads and parses one file.
fn parse_file(path: &Path, forced: Option<Goal>, show: Show) -> FileReport {
    let name = path.display().to_string();
    match read_source(path) {
        Ok(src) => {
            let goal = forced.or_else(|| goal_from_extension(path));
            parse_and_report(&name, &src, goal, show)
        }
        Err(message) => FileReport { stdout: String::new(), stderr: message, ok: false },
    }
}

/// Runs `f` on a thread with a large stack.
pub fn on_big_stack(f: impl FnOnce() -> i32 + Send + 'static) -> i32 {
    match std::thread::Builder::new().name("parse".into()).stack_size(PARSE_STACK).spawn(f) {
        // A panic is a bug in modjs; its message is already on stderr. Exit like EX_SOFTWARE.
        Ok(handle) => handle.join().unwrap_or(70),
        Err(e) => {
            eprintln!("modjs: cannot start the parser thread: {e}");
            70
        }
    }
}

/// Reads a file as text; invalid UTF-8 becomes U+FFFD. The error reads like Node's fs errors.
pub fn read_source(path: &Path) -> Result<String, String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }),
        Err(e) => Err(io_error_message(path, &e)),
    }
}

/// `Error: ENOENT: no such file or directory, open 'x'` and its siblings.
fn io_error_message(path: &Path, e: &std::io::Error) -> String {
    let p = path.display();
    match e.raw_os_error() {
        Some(2) => format!("Error: ENOENT: no such file or directory, open '{p}'\n"),
        Some(13) => format!("Error: EACCES: permission denied, open '{p}'\n"),
        Some(21) => "Error: EISDIR: illegal operation on a directory, read\n".to_string(),
        Some(20) => format!("Error: ENOTDIR: not a directory, open '{p}'\n"),
        _ => format!("Error: {e}, open '{p}'\n"),
    }
}

/// `.mjs` → Module, `.cjs` → Script, anything else: decided by detection.
pub fn goal_from_extension(path: &Path) -> Option<Goal> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("mjs") => Some(Goal::Module),
        Some("cjs") => Some(Goal::Script),
        _ => None,
    }
}

/// The messages of a Script parse error that can only mean module syntax (`import`, `export`,
/// `import.meta`). Node's detection treats such a file as a module outright, so when the Module
/// parse fails too, the Module's error is the one reported (node_contextify.cc lists the same
/// three).
const MODULE_SYNTAX_MESSAGES: [&str; 3] = [
    "Cannot use import statement outside a module",
    "Unexpected token 'export'",
    "Cannot use 'import.meta' outside a module",
];

/// Parses with the given goal, or detects it as Node v20 does for a `.js` file without a
/// package `"type"`: a Script, unless the Script parse fails and either its error shows module
/// syntax or the Module parse succeeds. The error reported is the one of the goal chosen.
pub fn parse_detect(src: &str, goal: Option<Goal>) -> Result<Program, SyntaxError> {
    if let Some(goal) = goal {
        return modjs_parser::parse(src, goal);
    }
    let script_err = match modjs_parser::parse(src, Goal::Script) {
        Ok(program) => return Ok(program),
        Err(e) => e,
    };
    match modjs_parser::parse(src, Goal::Module) {
        Ok(program) => Ok(program),
        Err(module_err) if MODULE_SYNTAX_MESSAGES.contains(&script_err.message.as_str()) => {
            Err(module_err)
        }
        Err(_) => Err(script_err),
    }
}

/// Parses one source into what `show` asks for, or its syntax error report.
pub fn parse_and_report(name: &str, src: &str, goal: Option<Goal>, show: Show) -> FileReport {
    match parse_detect(src, goal) {
        Ok(program) => {
            let mut stdout = String::new();
            if show.ast {
                stdout.push_str(&dump::dump_program(&program, src));
            }
            if show.records {
                stdout.push_str(&records_text(&program, src));
            }
            FileReport { stdout, stderr: String::new(), ok: true }
        }
        Err(err) => FileReport { stdout: String::new(), stderr: syntax_error_report(name, src, &err), ok: false },
    }
}

fn records_text(program: &Program, src: &str) -> String {
    match program.goal {
        Goal::Module => module_records::parse_module_records(program).dump(src),
        Goal::Script => {
            "Script: no module records (only a Module has imports and exports)\n".into()
        }
    }
}

/// Writes to stdout, ignoring a closed pipe (`modjs parse --ast big.js | head` must not panic).
pub fn print_out(text: &str) {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let _ = lock.write_all(text.as_bytes()).and_then(|_| lock.flush());
}
