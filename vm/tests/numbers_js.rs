//! Number, Boolean, Math, JSON and the global functions from JavaScript: every line of
//! `numbers_js/expressions.js` is run as a script in a fresh VM and its completion value
//! (String(value), or `Name: message` when it throws) compared with what Node v20 printed
//! for the same line (`numbers_js/expected.txt`, made by `numbers_js/generate.js`).

use modjs_vm::{PropertyKey, Value, Vm};

/// String(value), or "Name: message" for a thrown value.
fn outcome(vm: &mut Vm, result: Result<Value, Value>) -> String {
    match result {
        Ok(v) => match vm.to_string(&v) {
            Ok(s) => s.to_rust_lossy(),
            Err(_) => "<String() threw>".to_string(),
        },
        Err(e) => {
            let name = vm.get_v(&e, &PropertyKey::from("name")).ok();
            let message = vm.get_v(&e, &PropertyKey::from("message")).ok();
            let mut text = |v: Option<Value>| v.and_then(|v| vm.to_string(&v).ok()).map(|s| s.to_rust_lossy());
            format!("{}: {}", text(name).unwrap_or_default(), text(message).unwrap_or_default())
        }
    }
}

/// The JSON string literal at the start of `text` (as JSON.stringify wrote it) and the rest.
fn json_string(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.strip_prefix('"')?.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &text[i + 2..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = (0..4).filter_map(|_| chars.next().map(|(_, c)| c)).collect();
                    let unit = u32::from_str_radix(&hex, 16).ok()?;
                    out.push(char::from_u32(unit).unwrap_or('\u{fffd}'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[test]
fn expressions_evaluate_as_in_node() {
    let table = include_str!("numbers_js/expected.txt");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in table.lines().filter(|l| !l.is_empty()) {
        let Some((source, rest)) = json_string(line) else { panic!("bad line {line}") };
        let Some((expected, _)) = json_string(rest.trim_start_matches('\t')) else { panic!("bad line {line}") };
        let mut vm = Vm::new();
        let result = vm.run_script(&source, "test.js");
        let got = outcome(&mut vm, result);
        count += 1;
        if got != expected {
            failures.push(format!("{source}\n   got: {got:?}\n  want: {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {count} differ:\n{}", failures.len(), failures.join("\n"));
}
