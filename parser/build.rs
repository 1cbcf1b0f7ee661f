//! Generates the parser from src/grammar.lalrpop into OUT_DIR (never into the source tree).

use std::path::PathBuf;

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("lalrpop failed to generate the grammar");
    skip_expected_token_lists();
}

/// lalrpop fills every parse error with the list of terminals that would have been accepted,
/// found by simulating the parser once per terminal (about 150 simulations). Automatic
/// semicolon insertion goes through error recovery, so code written without semicolons paid
/// that price at every line end: half of its parse time. modjs words its errors from the
/// offending token alone (V8's style), so the generated function returns an empty list.
fn skip_expected_token_lists() {
    let Some(out) = std::env::var_os("OUT_DIR") else { return };
    let path = PathBuf::from(out).join("grammar.rs");
    let Ok(code) = std::fs::read_to_string(&path) else { return };
    let Some(fn_at) = code.find("fn __expected_tokens_from_states<") else {
        println!("cargo:warning=grammar.rs: __expected_tokens_from_states not found; left as generated");
        return;
    };
    let body_marker = "    {\n        __TERMINAL.iter().enumerate().filter_map(|(index, terminal)| {\n            if __accepts(";
    let end_marker = "        }).collect()\n    }\n";
    let Some(body_rel) = code[fn_at..].find(body_marker) else {
        println!("cargo:warning=grammar.rs: unexpected shape of __expected_tokens_from_states");
        return;
    };
    let body_at = fn_at + body_rel;
    let Some(end_rel) = code[body_at..].find(end_marker) else { return };
    let end_at = body_at + end_rel + end_marker.len();
    let mut patched = String::with_capacity(code.len());
    patched.push_str(&code[..body_at]);
    patched.push_str("    {\n        let _ = __states;\n        alloc::vec::Vec::new()\n    }\n");
    patched.push_str(&code[end_at..]);
    if let Err(e) = std::fs::write(&path, patched) {
        println!("cargo:warning=grammar.rs: could not write the patched parser: {e}");
    }
}
