//! Measures lexer throughput in MB/s.
//!
//! `cargo run --release -p modjs-lexer --example lex_throughput -- PATH... [--passes N]`
//!
//! Every `.js`/`.mjs`/`.cjs` file under the given paths is lexed to the end (with the simple
//! regex/template heuristics of a token adapter); files that do not lex cleanly under those
//! heuristics are left out of the measurement and counted.

use std::path::{Path, PathBuf};
use std::time::Instant;

use modjs_lexer::{Goal, Lexer, Tok, Token};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for entry in entries {
            collect(&entry, out);
        }
    } else if matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("js" | "mjs" | "cjs")
    ) {
        out.push(path.to_path_buf());
    }
}

/// Lexes `src` completely; returns the number of tokens, or None on an error.
fn lex_all(src: &str, goal: Goal) -> Option<usize> {
    let mut lexer = Lexer::new(src, goal);
    let mut prev_is_operand = false;
    let mut substitutions: Vec<usize> = Vec::new();
    let mut count = 0;
    loop {
        let mut t: Token = lexer.next_token().ok()?;
        match &t.tok {
            Tok::Eof => return Some(count),
            Tok::Slash | Tok::SlashEq if !prev_is_operand => t = lexer.rescan_regex(&t).ok()?,
            Tok::LBrace => {
                if let Some(d) = substitutions.last_mut() {
                    *d += 1;
                }
            }
            Tok::RBrace => match substitutions.last_mut() {
                Some(0) => {
                    t = lexer.rescan_template_continuation(&t).ok()?;
                    if matches!(t.tok, Tok::TemplateTail(_)) {
                        substitutions.pop();
                    }
                }
                Some(d) => *d -= 1,
                None => {}
            },
            Tok::TemplateHead(_) => substitutions.push(0),
            _ => {}
        }
        prev_is_operand = matches!(
            t.tok,
            Tok::Ident(_)
                | Tok::PrivateName(_)
                | Tok::Num { .. }
                | Tok::BigInt(_)
                | Tok::Str { .. }
                | Tok::RParen
                | Tok::RBracket
                | Tok::RBrace
                | Tok::This
                | Tok::Regex(_)
                | Tok::NoSubstitutionTemplate(_)
                | Tok::TemplateTail(_)
        );
        count += 1;
    }
}

fn main() {
    let mut passes = 20;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--passes" {
            passes = args.next().and_then(|n| n.parse().ok()).unwrap_or(passes);
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    let mut files = Vec::new();
    for p in &paths {
        collect(p, &mut files);
    }
    let mut sources = Vec::new();
    let mut skipped = 0;
    for f in &files {
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        let goal = if f.extension().is_some_and(|e| e == "mjs") {
            Goal::Module
        } else {
            Goal::Script
        };
        if lex_all(&src, goal).is_some() {
            sources.push((src, goal));
        } else {
            skipped += 1;
        }
    }
    let bytes: usize = sources.iter().map(|(s, _)| s.len()).sum();
    if bytes == 0 {
        eprintln!(
            "usage: lex_throughput PATH... [--passes N] (no lexable .js/.mjs/.cjs files found)"
        );
        std::process::exit(2);
    }
    let started = Instant::now();
    let mut tokens = 0;
    for _ in 0..passes {
        for (src, goal) in &sources {
            tokens += lex_all(src, *goal).unwrap_or(0);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = (bytes * passes) as f64 / 1e6;
    println!(
        "{} files ({} skipped), {:.2} MB x {passes} passes, {} tokens: {:.1} MB/s, {:.1} Mtokens/s",
        sources.len(),
        skipped,
        bytes as f64 / 1e6,
        tokens,
        mb / secs,
        tokens as f64 / secs / 1e6
    );
}
