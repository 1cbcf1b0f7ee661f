//! A profiling harness: parses every file named on the command line (or listed, one path a
//! line, in a file given as `@LIST`) as a Module, on one thread, `ROUNDS` times (default 1),
//! and prints the bytes parsed and the time taken. Unlike `modjs parse` it has no thread pool
//! and no CLI around it, so `perf record` sees only the front end.
//!
//! ```sh
//! cargo run --release -p modjs-parser --example parse_files -- @files.txt
//! ```

use std::time::Instant;

use modjs_parser::ast::Goal;

fn main() {
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.strip_prefix('@') {
            Some(list) => match std::fs::read_to_string(list) {
                Ok(text) => paths.extend(text.lines().map(str::to_string)),
                Err(e) => {
                    eprintln!("{list}: {e}");
                    std::process::exit(2);
                }
            },
            None => paths.push(arg),
        }
    }
    let mut sources = Vec::with_capacity(paths.len());
    for p in &paths {
        match std::fs::read_to_string(p) {
            Ok(s) => sources.push(s),
            Err(e) => {
                eprintln!("{p}: {e}");
                std::process::exit(2);
            }
        }
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let bytes: usize = sources.iter().map(String::len).sum();
    let started = Instant::now();
    let mut failures = 0;
    for _ in 0..rounds {
        for (p, src) in paths.iter().zip(&sources) {
            if let Err(e) = modjs_parser::parse(src, Goal::Module) {
                if failures < 5 {
                    eprintln!("{p}: {}", e.message);
                }
                failures += 1;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let total = bytes as f64 * rounds as f64;
    println!(
        "{} files x {rounds}, {:.1} MB, {:.3} s, {:.1} MB/s, {failures} failures",
        paths.len(),
        total / 1e6,
        secs,
        total / 1e6 / secs
    );
}
