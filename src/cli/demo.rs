//! `modjs demo` (and `modjs` with no arguments): runs the bundled example programs
//! (examples/) with the phase trace, so a reader sees each program's output next to the
//! construct, link and evaluate steps that produced it.
//!
//! The example files are compiled into the binary, so this works from any directory: they are
//! written to `modjs-demo/` under the system's temporary directory and each one runs as
//! `modjs --trace main.mjs` in a child process (the trace's paths are relative to the entry,
//! so the output does not depend on where that directory is).

use std::path::{Path, PathBuf};
use std::process::Command;

/// One bundled example: its folder under examples/, what it shows, and its files.
struct Example {
    folder: &'static str,
    shows: &'static str,
    files: &'static [(&'static str, &'static str)],
}

/// The examples, in the order a reader should look at them.
const EXAMPLES: &[Example] = &[
    Example {
        folder: "copy-vs-live",
        shows: "a CommonJS export is a copy of a value; an ES module import is the exporter's binding cell",
        files: &[
            ("main.mjs", include_str!("../../examples/copy-vs-live/main.mjs")),
            ("counter.cjs", include_str!("../../examples/copy-vs-live/counter.cjs")),
            ("counter.mjs", include_str!("../../examples/copy-vs-live/counter.mjs")),
        ],
    },
    Example {
        folder: "cycle",
        shows: "a cycle is one strongly connected component; hoisted functions make it safe",
        files: &[
            ("main.mjs", include_str!("../../examples/cycle/main.mjs")),
            ("even.mjs", include_str!("../../examples/cycle/even.mjs")),
            ("odd.mjs", include_str!("../../examples/cycle/odd.mjs")),
        ],
    },
    Example {
        folder: "tdz",
        shows: "in a cycle, a module that runs first and reads a `let` of the other hits its TDZ",
        files: &[
            ("main.mjs", include_str!("../../examples/tdz/main.mjs")),
            ("a.mjs", include_str!("../../examples/tdz/a.mjs")),
            ("b.mjs", include_str!("../../examples/tdz/b.mjs")),
        ],
    },
    Example {
        folder: "live-bindings",
        shows: "every kind of export, live imports, a namespace, import() and top-level await",
        files: &[
            ("main.mjs", include_str!("../../examples/live-bindings/main.mjs")),
            ("lib.mjs", include_str!("../../examples/live-bindings/lib.mjs")),
            ("format.mjs", include_str!("../../examples/live-bindings/format.mjs")),
        ],
    },
];

pub fn run() -> i32 {
    println!(
        "modjs demo: the bundled examples (examples/), each run as `modjs --trace main.mjs`.\n\
         Program output is on stdout; the phase trace (construct, link, evaluate) on stderr.\n\
         `modjs --trace FILE` does the same for your own programs."
    );
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("modjs demo: cannot find the modjs executable: {e}");
            return 1;
        }
    };
    let root = std::env::temp_dir().join("modjs-demo");
    let mut status = 0;
    for example in EXAMPLES {
        println!("\n==> examples/{}/: {} <==", example.folder, example.shows);
        let dir = match write_example(&root, example) {
            Ok(dir) => dir,
            Err(e) => {
                eprintln!("modjs demo: cannot write the example to {}: {e}", root.display());
                return 1;
            }
        };
        match Command::new(&exe).arg("--trace").arg("main.mjs").current_dir(&dir).status() {
            Ok(s) => println!("(exit status {})", s.code().map_or("none".to_string(), |c| c.to_string())),
            Err(e) => {
                eprintln!("modjs demo: cannot run {}: {e}", exe.display());
                status = 1;
            }
        }
    }
    status
}

/// Writes an example's files into `root/folder` and returns that folder.
fn write_example(root: &Path, example: &Example) -> std::io::Result<PathBuf> {
    let dir = root.join(example.folder);
    std::fs::create_dir_all(&dir)?;
    for (name, text) in example.files {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(dir)
}
