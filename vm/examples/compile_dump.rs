//! Prints a fingerprint of the bytecode the compiler makes for each file named on stdin (one
//! path a line): `path<TAB>script-hash<TAB>module-hash`, where each hash covers the `Debug`
//! form of everything compiled (code, constants, names, line tables, nested functions) or of
//! the error. Two compilers emit identical bytecode for a set of files when their outputs are
//! equal. With `DUMP=1` the full `Debug` forms are printed instead of hashes.
//!
//! `find DIR -name '*.js' | cargo run --release -p modjs-vm --example compile_dump > out.txt`

use std::hash::{Hash, Hasher};
use std::io::BufRead;

use modjs_parser::Goal;
use modjs_vm::compiler::{compile_module, compile_script_portable};

fn fingerprint(text: &str, full: bool) -> String {
    if full {
        return format!("\n{text}\n");
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    format!("{:016x}", h.finish())
}

fn main() {
    let full = std::env::var_os("DUMP").is_some();
    for line in std::io::stdin().lock().lines() {
        let Ok(path) = line else { break };
        let Ok(source) = std::fs::read_to_string(&path) else { continue };
        let script = match modjs_parser::parse(&source, Goal::Script) {
            Ok(program) => format!("{:?}", compile_script_portable(&program)),
            Err(e) => format!("parse error {e:?}"),
        };
        let module = match modjs_parser::parse(&source, Goal::Module) {
            Ok(program) => {
                let records = modjs_parser::module_records::parse_module_records(&program);
                format!("{:?}", compile_module(&program, records.has_tla))
            }
            Err(e) => format!("parse error {e:?}"),
        };
        println!("{path}\t{}\t{}", fingerprint(&script, full), fingerprint(&module, full));
    }
}
