//! No input may panic: every prefix of every fixture (cut at each character boundary), and
//! the same sources with a byte flipped, parse to a tree or a SyntaxError under both goals —
//! and whatever parses can be dumped and have its records computed.

mod common;

use modjs_parser::ast::Goal;
use modjs_parser::{dump, module_records, parse};

/// Parses `src` both ways and exercises everything downstream of a successful parse. Returns
/// how many of the two parses succeeded.
fn exercise(src: &str) -> usize {
    let mut ok = 0;
    for goal in [Goal::Script, Goal::Module] {
        match parse(src, goal) {
            Ok(program) => {
                ok += 1;
                let text = dump::dump_program(&program, src);
                assert!(text.starts_with("Program "));
                let _ = module_records::parse_module_records(&program).dump(src);
            }
            Err(err) => {
                assert!(!err.message.is_empty(), "an error without a message for {src:?}");
            }
        }
    }
    ok
}

fn all_fixture_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["ast", "records", "errors"] {
        for path in common::fixtures(dir, &["js", "mjs", "cjs"]) {
            let src = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
            out.push((common::relative(&path), src));
        }
    }
    out
}

#[test]
fn every_prefix_of_every_fixture_parses_or_fails_cleanly() {
    let parsed = common::on_big_stack(|| {
        let mut parsed = 0;
        for (_, src) in all_fixture_sources() {
            for (i, _) in src.char_indices().chain(std::iter::once((src.len(), ' '))) {
                parsed += exercise(&src[..i]);
            }
        }
        parsed
    });
    // The empty prefix and many statement boundaries parse; a parser that rejected everything
    // would not be exercising the dump and the records at all.
    assert!(parsed > 100, "only {parsed} prefixes parsed");
}

#[test]
fn replacing_any_character_never_panics() {
    common::on_big_stack(|| {
        for (_, src) in all_fixture_sources() {
            let chars: Vec<char> = src.chars().collect();
            for i in 0..chars.len() {
                for replacement in ['(', '{', '`', '/', '\'', '\0'] {
                    let mut mutated = chars.clone();
                    mutated[i] = replacement;
                    let mutated: String = mutated.into_iter().collect();
                    exercise(&mutated);
                }
            }
        }
    });
}
