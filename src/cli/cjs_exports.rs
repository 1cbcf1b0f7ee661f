//! `modjs cjs-exports FILE [--explain]`
//!
//! Prints the names `import * as ns from 'FILE'` shows in Node v20.20 for a CommonJS file:
//! cjs-module-lexer's detection plus Node's recursive reexport expansion, `default` included,
//! one per line, sorted. A name that would not survive a plain line (empty, surrounded by
//! whitespace, starting with `"`, or containing control characters or line separators) is
//! printed as a JSON string literal. `--explain` tells on stderr why each name is there and
//! what happened to each reexport.

use clap::Args;
use modjs_loader::cjs_exports::{self, ReexportOutcome};
use modjs_loader::resolve::Resolver;

#[derive(Args)]
pub struct CjsExportsArgs {
    /// The CommonJS file (relative to the current directory or absolute).
    pub file: String,
    /// Print why each name was detected and how each reexport was followed, on stderr.
    #[arg(long)]
    pub explain: bool,
    /// Print only what cjs-module-lexer itself returns for this file, without following
    /// reexports: `export NAME` and `reexport SPECIFIER` lines in the lexer's order, or
    /// `error CODE: MESSAGE`.
    #[arg(long)]
    pub lexer: bool,
}

/// True when a name must be printed as a JSON string to be read back unchanged.
fn needs_quoting(name: &str) -> bool {
    let first = name.chars().next();
    let last = name.chars().next_back();
    let spacey = |c: Option<char>| c.is_some_and(|c| c.is_whitespace() || c == '\u{FEFF}');
    name.is_empty()
        || first == Some('"')
        || spacey(first)
        || spacey(last)
        || name.chars().any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
}


/// `--lexer`: the lexer's own answer for one file.
fn print_lexer_result(file: &str) -> i32 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("modjs cjs-exports: cannot read {}: {}", file, e);
            return 1;
        }
    };
    let source = cjs_exports::utf8_text(bytes);
    let quoted = |s: &str| if needs_quoting(s) { modjs_loader::json::stringify_string(s) } else { s.to_string() };
    match cjs_exports::lex(&source) {
        Ok(out) => {
            for name in &out.exports {
                println!("export {}", quoted(name));
            }
            for spec in &out.reexports {
                println!("reexport {}", quoted(spec));
            }
        }
        Err(e) => println!("error {}: {}", e.code, e.message),
    }
    0
}

fn describe(outcome: &ReexportOutcome, r: &Resolver) -> String {
    match outcome {
        ReexportOutcome::Expanded { path, lexer_error: None } => format!("→ {} (lexed)", r.show(path)),
        ReexportOutcome::Expanded { path, lexer_error: Some(e) } => {
            format!("→ {} (lexer error, so no names from it: {})", r.show(path), e.message)
        }
        ReexportOutcome::AlreadyKnown(p) => format!("→ {} (already lexed or being expanded: its names so far)", r.show(p)),
        ReexportOutcome::Builtin(id) => format!("→ built-in '{}' (skipped)", id),
        ReexportOutcome::NotCommonJs(p) => format!("→ {} (skipped: .json/.node are not lexed)", r.show(p)),
        ReexportOutcome::NotFound(code) => format!("→ {} (skipped)", code),
        ReexportOutcome::Unreadable(p) => format!("→ {} (cannot be read; skipped)", r.show(p)),
    }
}

pub fn run(args: CjsExportsArgs) -> i32 {
    let cwd = match std::env::current_dir().ok().and_then(|p| p.to_str().map(|s| s.to_string())) {
        Some(c) => c,
        None => {
            eprintln!("modjs cjs-exports: cannot read the current directory");
            return 2;
        }
    };
    if args.lexer {
        return print_lexer_result(&args.file);
    }
    let mut r = Resolver::new();
    r.display_root = Some(cwd.clone());
    r.current_dir = Some(cwd);
    r.global_paths = modjs_loader::resolve::node_global_paths();
    let found = match cjs_exports::detect(&args.file, &mut r) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("modjs cjs-exports: {}", e);
            return 1;
        }
    };
    let mut out = String::new();
    for name in &found.names {
        if needs_quoting(name) {
            out.push_str(&modjs_loader::json::stringify_string(name));
        } else {
            out.push_str(name);
        }
        out.push('\n');
    }
    print!("{}", out);

    if args.explain {
        if let Some(e) = &found.lexer_error {
            eprintln!("lexer error ({}): {} — Node then shows no named exports", e.code, e.message);
        }
        for name in &found.names {
            let shown = if needs_quoting(name) { modjs_loader::json::stringify_string(name) } else { name.clone() };
            eprintln!("{}", shown);
            for why in found.reasons.get(name).into_iter().flatten() {
                eprintln!("    {}", why);
            }
        }
        for step in &found.reexports_followed {
            eprintln!("reexport '{}' in {} {}", step.specifier, r.show(&step.from), describe(&step.outcome, &r));
        }
    }
    0
}
