//! Command-line parsing (clap) and dispatch to one file per subcommand.

use clap::{Parser, Subcommand};

mod cjs_exports;
mod code_frame;
mod demo;
mod link;
mod parse;
mod resolve;
mod run;
mod test262;
mod uncaught;

#[derive(Parser)]
#[command(
    name = "modjs",
    version,
    about = "JavaScript modules, exactly as Node runs them — and why",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(flatten)]
    test262: test262::Test262Args,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Parse files and report syntax errors (Node's format); optionally dump the AST or records.
    Parse(parse::ParseArgs),
    /// Resolve a specifier exactly as Node v20 would (import or require), optionally explained.
    Resolve(resolve::ResolveArgs),
    /// List the named exports Node v20 shows when importing a CommonJS file, optionally explained.
    CjsExports(cjs_exports::CjsExportsArgs),
    /// Load and link an ES module graph (construct + link phases), optionally tracing them.
    Link(link::LinkArgs),
    /// Run a program as `node FILE ARGS...` does (also `modjs FILE ARGS...`).
    Run(run::RunArgs),
    /// Parse the bundled example and show its AST and module records (the default command).
    Demo,
}

/// The subcommand names: a first argument that is none of these (nor an option) is a program
/// to run.
const SUBCOMMANDS: &[&str] = &["parse", "resolve", "cjs-exports", "link", "run", "demo", "help"];

pub fn main() -> i32 {
    let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    if let Some(args) = run::implicit_run(&argv, SUBCOMMANDS) {
        return run::run(args);
    }
    let cli = Cli::parse();
    if cli.test262.test262 {
        return test262::run(cli.test262);
    }
    match cli.command {
        Some(Command::Parse(args)) => parse::run(args),
        Some(Command::Resolve(args)) => resolve::run(args),
        Some(Command::CjsExports(args)) => cjs_exports::run(args),
        Some(Command::Link(args)) => link::run(args),
        Some(Command::Run(args)) => run::run(args),
        Some(Command::Demo) | None => demo::run(),
    }
}
