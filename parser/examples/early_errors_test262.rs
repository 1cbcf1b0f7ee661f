//! Measures the early-error pass against test262 (a development aid, not the conformance
//! runner, which lives in tests/test262).
//!
//! `cargo run --release -p modjs-parser --example early_errors_test262 -- <test262>/test/language [-v]`
//!
//! For every test file it parses each applicable goal/strictness variant and counts:
//! - negative `phase: parse` tests that are accepted (missed errors), split into those the
//!   grammar accepts and the early-error pass also accepts;
//! - valid tests rejected, split into grammar rejections and early-error rejections (the
//!   latter are bugs of this pass). `-v` lists the failing files with the message.

use std::path::{Path, PathBuf};

use modjs_parser::{parse, parse_unchecked, Goal};

struct Meta {
    negative_parse: bool,
    module: bool,
    only_strict: bool,
    no_strict: bool,
    raw: bool,
}

fn frontmatter(src: &str) -> Option<Meta> {
    let start = src.find("/*---")?;
    let end = src[start..].find("---*/")? + start;
    let yaml = &src[start..end];
    let flags = yaml
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("flags:"))
        .unwrap_or("")
        .to_string();
    let has = |f: &str| flags.split(|c: char| !c.is_alphanumeric()).any(|x| x == f);
    let negative_parse = yaml.contains("negative:")
        && yaml
            .split("negative:")
            .nth(1)
            .map(|rest| rest.lines().take(3).any(|l| l.trim() == "phase: parse"))
            .unwrap_or(false);
    Some(Meta {
        negative_parse,
        module: has("module"),
        only_strict: has("onlyStrict"),
        no_strict: has("noStrict"),
        raw: has("raw"),
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "js")
            && !path.to_string_lossy().contains("_FIXTURE")
        {
            out.push(path);
        }
    }
}

fn run(root: PathBuf, verbose: bool, messages: bool) {
    let mut files = Vec::new();
    collect(&root, &mut files);
    let (mut neg, mut neg_rejected, mut pos, mut pos_ok) = (0, 0, 0, 0);
    let mut neg_by_early = 0;
    let (mut pos_grammar_rejects, mut pos_early_rejects, mut panics) = (0, 0, 0);
    for path in &files {
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        let Some(meta) = frontmatter(&src) else {
            continue;
        };
        let mut variants: Vec<(&str, String, Goal)> = Vec::new();
        if meta.module {
            variants.push(("module", src.clone(), Goal::Module));
        } else {
            if !meta.only_strict {
                variants.push(("sloppy", src.clone(), Goal::Script));
            }
            if !meta.no_strict && !meta.raw {
                variants.push(("strict", format!("\"use strict\";\n{src}"), Goal::Script));
            }
        }
        for (variant, text, goal) in variants {
            let caught = std::panic::catch_unwind(|| parse(&text, goal));
            let Ok(result) = caught else {
                panics += 1;
                println!("PANIC   {}", path.display());
                continue;
            };
            if meta.negative_parse {
                neg += 1;
                if let Err(e) = &result {
                    neg_rejected += 1;
                    let early = parse_unchecked(&text, goal).is_ok();
                    if early {
                        neg_by_early += 1;
                    }
                    if messages {
                        let rel = path.strip_prefix(&root).unwrap_or(path).display();
                        let by = if early { "early" } else { "grammar" };
                        println!(
                            "MSG\t{rel}\t{variant}\t{by}\t{}: {}\t{}\t{}",
                            e.name(),
                            e.message,
                            e.span.start,
                            e.span.end
                        );
                    }
                } else if verbose {
                    println!("MISSED  {}", path.display());
                }
            } else {
                pos += 1;
                match result {
                    Ok(_) => pos_ok += 1,
                    Err(e) => {
                        if parse_unchecked(&text, goal).is_ok() {
                            pos_early_rejects += 1;
                            if verbose {
                                println!("EARLY   {}: {}", path.display(), e.message);
                            }
                        } else {
                            pos_grammar_rejects += 1;
                            if verbose {
                                println!("GRAMMAR {}: {}", path.display(), e.message);
                            }
                        }
                    }
                }
            }
        }
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!(
        "negative: {neg_rejected}/{neg} rejected ({:.1}%, {neg_by_early} by early errors); valid: {pos_ok}/{pos} accepted ({:.1}%), \
         {pos_grammar_rejects} rejected by the grammar, {pos_early_rejects} by early errors; \
         {panics} panics",
        pct(neg_rejected, neg),
        pct(pos_ok, pos)
    );
}

/// `--files DIR`: parses every `.js`/`.mjs`/`.cjs` file under DIR (`.mjs` as a module, `.cjs`
/// as a script, `.js` as whichever the grammar accepts) and lists the files the early-error pass
/// rejects, with the time the pass took over all of them.
fn scan_files(root: PathBuf) {
    let mut files = Vec::new();
    collect_sources(&root, &mut files);
    let (mut checked, mut rejected, mut bytes) = (0usize, 0usize, 0usize);
    let mut grammar_rejected = 0usize;
    let mut early_time = std::time::Duration::ZERO;
    for path in &files {
        let Ok(src) = std::fs::read_to_string(path) else { continue };
        let goals: &[Goal] = match path.extension().and_then(|e| e.to_str()) {
            Some("mjs") => &[Goal::Module],
            Some("cjs") => &[Goal::Script],
            _ => &[Goal::Script, Goal::Module],
        };
        for &goal in goals {
            let program = match parse_unchecked(&src, goal) {
                Ok(program) => program,
                Err(e) => {
                    if goals.len() == 1 {
                        grammar_rejected += 1;
                        if grammar_rejected <= 3 {
                            println!("GRAMMAR {}: {} at {}", path.display(), e.message, e.span.start);
                        }
                    }
                    continue;
                }
            };
            checked += 1;
            bytes += src.len();
            let started = std::time::Instant::now();
            let result = modjs_parser::early_errors::check(&program, &src);
            early_time += started.elapsed();
            if let Err(e) = result {
                rejected += 1;
                println!("EARLY   {} ({goal:?}): {} at {}", path.display(), e.message, e.span.start);
            }
            break;
        }
    }
    println!(
        "{checked} files checked ({bytes} bytes), {rejected} rejected by early errors, \
         {grammar_rejected} by the grammar; \
         the pass took {early_time:?}"
    );
}

fn collect_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "js" || e == "mjs" || e == "cjs") {
            out.push(path);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--files") {
        let Some(dir) = args.get(1).map(PathBuf::from) else {
            eprintln!("usage: early_errors_test262 --files <dir>");
            std::process::exit(2);
        };
        let worker = std::thread::Builder::new().stack_size(1 << 30).spawn(move || scan_files(dir));
        if !worker.is_ok_and(|h| h.join().is_ok()) {
            std::process::exit(1);
        }
        return;
    }
    let verbose = args.iter().any(|a| a == "-v");
    // `--messages`: print the message of every rejected negative test (to compare with node).
    let messages = args.iter().any(|a| a == "--messages");
    let Some(root) = args.iter().find(|a| !a.starts_with('-')).map(PathBuf::from) else {
        eprintln!("usage: early_errors_test262 <test262/test/language> [-v]");
        std::process::exit(2);
    };
    // The parser and the check recurse; give them a large stack.
    let worker = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || run(root, verbose, messages));
    match worker {
        Ok(handle) => {
            if handle.join().is_err() {
                eprintln!("the run panicked");
                std::process::exit(1);
            }
        }
        Err(e) => {
            eprintln!("cannot start the worker thread: {e}");
            std::process::exit(1);
        }
    }
}
