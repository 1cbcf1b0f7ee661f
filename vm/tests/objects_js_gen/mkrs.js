const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const { prelude } = require('./cases.js');
const skip = new Set([`Function.prototype.call.call(1)`, `var p = new Proxy({}, {}); p()`]);
const rs = (s) => 'r#"' + s + '"#';
let out = `//! The object-model built-ins run as JavaScript: each script's completion value (ToString) or
//! thrown error (\`Name: message\`) is compared with what Node.js v20 prints for the same script
//! (the expected texts were produced by running each script in a fresh \`vm\` context of node:
//! \`cd vm/tests/objects_js_gen && node gen.js | node mkrs.js > ../objects_js.rs\`).

use modjs_vm::{Intrinsic, PropertyKey, Value, Vm};

/// Appended to every script (its declaration is hoisted; the completion value is unchanged): a
/// deterministic rendering of values that needs no JSON.
const PRELUDE: &str = ${rs(prelude)};

fn show(vm: &mut Vm, v: &Value) -> String {
    match vm.to_string(v) {
        Ok(s) => s.to_rust_lossy(),
        Err(_) => "<unprintable>".into(),
    }
}

/// \`Name: message\` of a thrown value, the name found from its prototype (so that it does not
/// depend on the Error constructors).
fn thrown(vm: &mut Vm, e: &Value) -> String {
    let Value::Object(o) = e else { return format!("throw {}", show(vm, e)) };
    let proto = vm.get_prototype_of(*o).ok().flatten();
    let mut name = "?";
    for (which, n) in [
        (Intrinsic::TypeErrorPrototype, "TypeError"),
        (Intrinsic::RangeErrorPrototype, "RangeError"),
        (Intrinsic::ReferenceErrorPrototype, "ReferenceError"),
        (Intrinsic::SyntaxErrorPrototype, "SyntaxError"),
        (Intrinsic::ErrorPrototype, "Error"),
    ] {
        if proto == Some(vm.intrinsic(which)) {
            name = n;
        }
    }
    let msg = vm.get(*o, &PropertyKey::from("message")).unwrap_or(Value::Undefined);
    format!("{name}: {}", show(vm, &msg))
}

fn run(src: &str) -> String {
    let mut vm = Vm::new();
    let text = format!("{src}\\n{PRELUDE}");
    match vm.run_script(&text, "objects.js") {
        Ok(v) => show(&mut vm, &v),
        Err(e) => thrown(&mut vm, &e),
    }
}

/// (script, what node prints for it)
const CASES: &[(&str, &str)] = &[
`;
for (const [s, r] of cases) {
  if (skip.has(s)) continue;
  out += `    (\n        ${rs(s)},\n        ${rs(r)},\n    ),\n`;
}
out += `];

#[test]
fn scripts_match_node() {
    let mut failures = Vec::new();
    for (src, expected) in CASES {
        let got = run(src);
        if got != *expected {
            failures.push(format!("script: {src}\\n  expected: {expected}\\n  got:      {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} scripts differ from node:\\n{}", failures.len(), CASES.len(), failures.join("\\n"));
}
`;
process.stdout.write(out);
