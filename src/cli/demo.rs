//! `modjs demo` (and `modjs` with no arguments): parses the bundled example program
//! (examples/live-bindings/) and shows, for each module, its AST and its module records.
//! The files are compiled into the binary, so this works from any directory.

use super::parse::{on_big_stack, parse_and_show, print_out, Show};
use modjs_parser::ast::Goal;

/// The bundled example, in the order a reader should look at it.
const EXAMPLE: [(&str, &str); 3] = [
    ("examples/live-bindings/main.mjs", include_str!("../../examples/live-bindings/main.mjs")),
    ("examples/live-bindings/lib.mjs", include_str!("../../examples/live-bindings/lib.mjs")),
    ("examples/live-bindings/format.mjs", include_str!("../../examples/live-bindings/format.mjs")),
];

pub fn run() -> i32 {
    on_big_stack(|| {
        print_out("modjs demo: the AST and module records of the bundled example.\n");
        print_out("(Running modules is not implemented yet; `modjs parse --help` parses your own files.)\n");
        let mut status = 0;
        for (name, src) in EXAMPLE {
            print_out(&format!("\n==> {name} <==\n"));
            if !parse_and_show(name, src, Some(Goal::Module), Show { ast: true, records: true }) {
                status = 1;
            }
        }
        status
    })
}
