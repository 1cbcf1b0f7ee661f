//! `modjs link [--trace] FILE`: runs the construct and link phases of the ES module graph of
//! FILE (`modjs --trace FILE` also runs it and traces evaluation).
//!
//! Silent with exit status 0 when the graph links; with `--trace`, prints on stdout (paths
//! relative to the entry's directory) what each phase did (modules loaded and parsed with how every specifier resolved; every
//! InnerModuleLinking step with DFSIndex/DFSAncestorIndex and status changes; the strongly
//! connected components; every import binding resolved to its final module and binding).
//! When the graph cannot run, prints the error as Node does on stderr (a code frame where Node
//! shows one, then the `SyntaxError: …` / `Error [CODE]: …` line) and exits with status 1.

use clap::Args;
use modjs_loader::module::host::FsHost;
use modjs_loader::module::{construct, link, ModuleError, Trace};
use modjs_loader::resolve::Resolver;
use modjs_parser::SyntaxError;

use super::code_frame::syntax_error_report;

#[derive(Args)]
pub struct LinkArgs {
    /// Print the phase trace on stdout.
    #[arg(long)]
    pub trace: bool,
    /// Extra export/import conditions, like Node's `-C`/`--conditions`.
    #[arg(short = 'C', long = "conditions")]
    pub conditions: Vec<String>,
    /// The entry module.
    pub file: String,
}

/// Stack for the loader thread: parsing and the recursive link algorithms walk deep structures.
/// The memory is only reserved; pages are committed as the stack actually grows.
const LOADER_STACK: usize = 512 << 20;

pub fn run(args: LinkArgs) -> i32 {
    let spawned =
        std::thread::Builder::new().name("loader".into()).stack_size(LOADER_STACK).spawn(move || run_on_thread(args));
    match spawned.map(|h| h.join()) {
        Ok(Ok(status)) => status,
        _ => {
            eprintln!("modjs link: internal error");
            2
        }
    }
}

fn run_on_thread(args: LinkArgs) -> i32 {
    let cwd = match std::env::current_dir().ok().and_then(|p| p.to_str().map(|s| s.to_string())) {
        Some(c) => c,
        None => {
            eprintln!("modjs link: cannot read the current directory");
            return 2;
        }
    };
    let mut resolver = Resolver::new();
    resolver.user_conditions = args.conditions.clone();
    resolver.current_dir = Some(cwd.clone());
    let mut host = FsHost::new(resolver);
    let mut trace = if args.trace { Trace::on(&entry_directory(&cwd, &args.file)) } else { Trace::off() };
    let outcome = construct(&mut host, &args.file, &mut trace).and_then(|(mut graph, root)| {
        let linked = link(&mut graph, root, &mut trace);
        // The process ends right after: freeing every AST one by one would only cost time.
        std::mem::forget(graph);
        linked
    });
    let mut out = String::new();
    for line in trace.lines() {
        out.push_str(line);
        out.push('\n');
    }
    print!("{}", out);
    match outcome {
        Ok(()) => 0,
        Err(e) => {
            eprint!("{}", error_report(&e));
            1
        }
    }
}

/// The directory of the entry's real path (the module map names the entry by it): the trace
/// shows every file relative to it, so that it reads the same wherever the files are.
pub(super) fn entry_directory(cwd: &str, file: &str) -> String {
    use modjs_loader::resolve::{fs, path};
    path::dirname(&fs::realpath(&path::resolve(cwd, file)))
}

/// The error as Node prints it on stderr (without the stack trace).
pub(super) fn error_report(e: &ModuleError) -> String {
    match e {
        ModuleError::Syntax { url, source, error } => syntax_error_report(url, source, error),
        ModuleError::Link { url, source, span, message } => {
            // Node prints a link error's frame without the blank line of a parse error's.
            let frame = syntax_error_report(url, source, &SyntaxError::new(message.clone(), *span));
            frame.replacen("\n\nSyntaxError: ", "\nSyntaxError: ", 1)
        }
        ModuleError::Resolve(_) => format!("{}\n", e),
    }
}
