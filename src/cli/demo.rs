//! `modjs demo` (and `modjs` with no arguments): parses the bundled example program
//! (examples/live-bindings/) and shows, for each module, its module records and its AST.
//! The files are compiled into the binary, so this works from any directory.

use super::code_frame::syntax_error_report;
use super::parse::{on_big_stack, print_out};
use modjs_parser::ast::Goal;
use modjs_parser::{dump, module_records};

/// The bundled example, in the order a reader should look at it.
const EXAMPLE: [(&str, &str); 3] = [
    ("examples/live-bindings/main.mjs", include_str!("../../examples/live-bindings/main.mjs")),
    ("examples/live-bindings/lib.mjs", include_str!("../../examples/live-bindings/lib.mjs")),
    ("examples/live-bindings/format.mjs", include_str!("../../examples/live-bindings/format.mjs")),
];

pub fn run() -> i32 {
    on_big_stack(|| {
        print_out(
            "modjs demo: the module records and the AST of the bundled example\n\
             (examples/live-bindings/; running it is not implemented yet).\n\
             `modjs parse --records --ast FILE` shows the same for your own files.\n",
        );
        let mut status = 0;
        for (name, src) in EXAMPLE {
            print_out(&format!("\n==> {name} <==\n"));
            match modjs_parser::parse(src, Goal::Module) {
                Ok(program) => {
                    print_out("\n-- module records (ParseModule) --\n");
                    print_out(&module_records::parse_module_records(&program).dump(src));
                    print_out("\n-- AST --\n");
                    print_out(&dump::dump_program(&program, src));
                }
                Err(err) => {
                    eprint!("{}", syntax_error_report(name, src, &err));
                    status = 1;
                }
            }
        }
        status
    })
}
