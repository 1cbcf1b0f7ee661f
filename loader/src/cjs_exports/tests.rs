//! Tokenizer traps and reexport walks. Expected values were checked against Node v20.20's
//! bundled cjs-module-lexer where they are not obvious from its documented grammar.

use super::*;

fn exports_of(src: &str) -> Vec<String> {
    lex(src).map(|o| o.exports).unwrap_or_else(|e| panic!("unexpected lexer error {:?} for {:?}", e, src))
}

fn reexports_of(src: &str) -> Vec<String> {
    lex(src).map(|o| o.reexports).unwrap_or_else(|e| panic!("unexpected lexer error {:?} for {:?}", e, src))
}

#[test]
fn division_is_not_mistaken_for_a_regex() {
    // Were the first `/` read as a regex, it would swallow `exports.yes`.
    assert_eq!(exports_of("x = a / 2; exports.yes = 1; y = b / 3;"), ["yes"]);
    assert_eq!(exports_of("var q = f(a) / 2; exports.yes = 1; var r = 1 / 2;"), ["yes"]);
    assert_eq!(exports_of("a++ / 2; exports.yes = 1; b / 2;"), ["yes"]);
    assert_eq!(exports_of("x = obj.p / 2; exports.yes = 1; y / 3"), ["yes"]);
    assert_eq!(exports_of("x = 1. / 2; exports.yes = 1; y / 3"), ["yes"]);
    assert_eq!(exports_of("x = {} / 2; exports.yes = 1; z / 3"), ["yes"]);
}

#[test]
fn regexes_hide_their_contents() {
    assert_eq!(exports_of("x = /exports.no = 1/; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("if (a) /exports.no = 1/.test(s); exports.yes = 1;"), ["yes"]);
    assert_eq!(exports_of("function f() {} /exports.no = 1/; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("x; return /exports.no = 1/; exports.yes = 1"), ["yes"]);
    // Quirk kept from the lexer: `return` (unlike `do`, `in`, `new`, `case`, `else`) is not
    // seen as a keyword at offset 0, so the `/` there is a division.
    assert_eq!(exports_of("return /exports.no = 1/; exports.yes = 1"), ["no", "yes"]);
    assert_eq!(exports_of("x = typeof /exports.no/; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("x = /[/]exports.no = 1/; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("x = /\\/exports.no = 1/; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("class A {} /exports.no = 1/; exports.yes = 1"), ["yes"]);
}

#[test]
fn templates_nest_and_substitutions_are_code() {
    assert_eq!(exports_of("`exports.no = 1`; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("`a ${ `b ${ exports.inner = 1 } c` } d`; exports.yes = 1"), ["inner", "yes"]);
    assert_eq!(exports_of("`${ { a: 1 } }exports.no = 1`; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("`\\${ exports.no = 1 }`; exports.yes = 1"), ["yes"]);
    assert!(lex("`unterminated ${ a }").is_err());
    assert!(lex("`a ${ b").is_err());
}

#[test]
fn comments_and_strings_hide_their_contents() {
    assert_eq!(exports_of("// exports.no = 1\n/* exports.no2 = 1 */ exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("'exports.no = 1'; \"exports.no2 = 1\"; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("exports /* c */ . /* d */ yes // e\n = 1"), ["yes"]);
    assert_eq!(exports_of("'a\\'exports.no = 1'; exports.yes = 1"), ["yes"]);
    // An unterminated block comment silently runs to the end.
    assert_eq!(exports_of("exports.yes = 1; /* exports.no = 1"), ["yes"]);
}

#[test]
fn detection_needs_no_semicolons() {
    assert_eq!(exports_of("exports.a = 1\nexports.b = 2\nmodule.exports.c = 3"), ["a", "b", "c"]);
    assert_eq!(exports_of("exports['x y'] = 1\nexports[\"z\"] = 2"), ["x y", "z"]);
    assert_eq!(exports_of("exports.a = exports.b = 1"), ["a", "b"]);
    // `exports.a.b =` assigns to a property of `a`, `foo.exports.x` is not `exports`.
    assert_eq!(exports_of("exports.a.b = 1; foo.exports.x = 2"), Vec::<String>::new());
}

#[test]
fn keyword_boundaries() {
    assert_eq!(exports_of("myexports.a = 1; exportsX.b = 2; exports.yes = 3"), ["yes"]);
    assert_eq!(exports_of("\u{feff}exports.no = 1; exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("#!/usr/bin/env node\nexports.yes = 1"), ["yes"]);
}

#[test]
fn esm_syntax_is_an_error_but_dynamic_import_is_not() {
    for src in ["import x from 'y'", "import { a } from 'b'", "import 'c'", "export default 1", "export { a }", "x = import.meta.url"] {
        let err = lex(src).expect_err(src);
        assert_eq!(err.code, "ERR_LEXER_ESM_SYNTAX", "{}", src);
    }
    assert_eq!(exports_of("import('x').then(m => m); exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("function f() { import x from 'y' } exports.yes = 1"), ["yes"]);
    assert_eq!(exports_of("var important = 1, exporter = 2; exports.yes = 1"), ["yes"]);
}

#[test]
fn unbalanced_or_unterminated_input_is_an_error() {
    for src in ["'abc", "\"abc\ndef\"", "x = /abc", "x = /[abc/", "f())", "{ a }}", "(a", "{"] {
        assert!(lex(src).is_err(), "{:?} should not lex", src);
    }
}

#[test]
fn module_exports_reexports_last_one_wins() {
    assert_eq!(reexports_of("module.exports = require('a'); module.exports = require('b')"), ["b"]);
    assert!(reexports_of("module.exports = require('a'); module.exports = 1").is_empty());
    assert_eq!(reexports_of("module.exports = require('a'); module.exports.x = 1"), ["a"]);
    assert_eq!(reexports_of("module.exports = { ...require('a'), b, ...require('c') }"), ["a", "c"]);
    assert_eq!(reexports_of("__export(require('ts')); tslib.__exportStar(require('tslib'), exports)"), ["ts", "tslib"]);
}

#[test]
fn object_literal_exports_stop_at_the_first_unknown_value() {
    assert_eq!(exports_of("module.exports = { a, b: c, 'd': e, ...f, g: h.i, j: 1, k }"), ["a", "b", "d", "g"]);
    assert_eq!(exports_of("module.exports = { m() {}, n }"), ["m"]);
    assert_eq!(exports_of("module.exports = { get g() { return 1 }, h }"), ["get"]);
}

#[test]
fn define_property_shapes_and_unsafe_getters() {
    let src = "Object.defineProperty(exports, 'v', { value: 1 });\n\
               Object.defineProperty(exports, 'g', { enumerable: true, get: function () { return m.g; } });\n\
               Object.defineProperty(exports, 'h', { get() { return h } });\n\
               Object.defineProperty(module.exports, 'k', { get: function get() { return m['k'] }, });\n\
               exports.bad = 1;\n\
               Object.defineProperty(exports, 'bad', { get: () => x });";
    assert_eq!(exports_of(src), ["v", "g", "h", "k"]);
    // An unsafe getter anywhere removes the name; a reexport can still bring it back.
    assert!(exports_of("module.exports = { a }; Object.defineProperty(exports, 'a', { enumerable: false, get() { return a } })").is_empty());
}

#[test]
fn babel_star_reexport_loop_needs_its_binding() {
    let body = "Object.keys(_x).forEach(function (key) { if (key === \"default\" || key === \"__esModule\") return; exports[key] = _x[key]; });";
    assert_eq!(reexports_of(&format!("var _x = require('./x');\n{}", body)), ["./x"]);
    assert!(reexports_of(body).is_empty());
    // Only at the top level.
    assert!(reexports_of(&format!("var _x = require('./x');\nfunction f() {{ {} }}", body)).is_empty());
}

#[test]
fn string_names_are_decoded_and_ill_formed_ones_dropped() {
    assert_eq!(exports_of(r"exports['\x41\u0042\u{43}\104'] = 1"), ["ABCD"]);
    assert_eq!(exports_of(r"exports['\ud83d\ude00'] = 1"), ["😀"]);
    assert_eq!(exports_of("exports['a\\\nb'] = 1"), ["ab"]);
    assert!(exports_of(r"exports['\ud800'] = 1").is_empty());
    // The lexer's surrogate filter also rejects anything from U+DC00 up, e.g. U+FFFD.
    assert!(exports_of("exports['\u{fffd}'] = 1").is_empty());
    assert!(exports_of(r"exports['\u{110000}'] = 1").is_empty());
}

#[test]
fn never_panics_on_prefixes_and_noise() {
    let sample = "#!x\nexports.a = `t${ {b: /re[/]/g} }` / 2; module.exports = { c, 'd': e, ...require('f') };\n\
                  Object.defineProperty(exports, 'g', { enumerable: true, get: function () { return q['r']; } });\n\
                  var _h = require('h'); Object.keys(_h).forEach(function (k) { if (k !== 'default') exports[k] = _h[k]; });\n\
                  __exportStar(require(\"i\")); _interopRequireWildcard(require('j')); import('k'); class L {} /m/; 'π𓀀\\u{1F600}'";
    let units: Vec<char> = sample.chars().collect();
    for cut in 0..=units.len() {
        let prefix: String = units[..cut].iter().collect();
        let _ = lex(&prefix);
        let suffix: String = units[cut..].iter().collect();
        let _ = lex(&suffix);
    }
    let deep = "(".repeat(100_000) + &")".repeat(100_000);
    assert!(lex(&deep).is_ok());
    let deep_templates = "`${".repeat(50_000) + &"}`".repeat(50_000);
    assert!(lex(&deep_templates).is_ok());
    let mut noise = String::new();
    let mut seed: u32 = 12345;
    for _ in 0..20_000 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let c = b"exports.=[]{}()'\"`/\\*$ \n\rOmodule_require:,;!"[(seed >> 16) as usize % 44];
        noise.push(c as char);
    }
    let _ = lex(&noise);
}

#[test]
fn line_index_locates_offsets() {
    let idx = LineIndex::new("ab\ncd\n\nx");
    assert_eq!(idx.locate(0), (1, 1));
    assert_eq!(idx.locate(4), (2, 2));
    assert_eq!(idx.locate(7), (4, 1));
}

/// A scratch directory with the given files, removed on drop.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(tag: &str, files: &[(&str, &str)]) -> Scratch {
        let dir = std::env::temp_dir().join(format!("modjs-cjs-exports-{}-{}", tag, std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (name, text) in files {
            let p = dir.join(name);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).expect("create scratch dir");
            }
            std::fs::write(&p, text).expect("write scratch file");
        }
        Scratch(crate::resolve::fs::realpath(dir.to_str().expect("utf-8 temp dir")).into())
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().expect("utf-8 path").to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn names_of(path: &str) -> Vec<String> {
    let mut r = Resolver::new();
    detect(path, &mut r).expect("readable").names
}

#[test]
fn reexport_cycles_see_the_names_registered_so_far() {
    let s = Scratch::new("cycle", &[
        ("main.cjs", "module.exports = require('./a.js');"),
        ("a.js", "exports.fromA = 1; module.exports = require('./b.js');"),
        ("b.js", "exports.fromB = 1; module.exports = require('./a.js');"),
    ]);
    assert_eq!(names_of(&s.path("main.cjs")), ["default", "fromA", "fromB"]);
    // From b's side, a is entered first and then b again, which has only its own names.
    assert_eq!(names_of(&s.path("b.js")), ["default", "fromA", "fromB"]);
}

#[test]
fn a_cycle_member_sees_a_snapshot_of_the_other() {
    // main -> a -> b -> a (a is mid-walk: only its own name), then a -> c afterwards.
    let s = Scratch::new("snapshot", &[
        ("main.cjs", "module.exports = { ...require('./a.js'), ...require('./b.js') };"),
        ("a.js", "exports.fromA = 1; module.exports = { ...require('./b.js'), ...require('./c.js') };"),
        ("b.js", "exports.fromB = 1; module.exports = require('./a.js');"),
        ("c.js", "exports.fromC = 1;"),
    ]);
    let mut r = Resolver::new();
    let found = detect(&s.path("main.cjs"), &mut r).expect("readable");
    assert_eq!(found.names, ["default", "fromA", "fromB", "fromC"]);
    let b_step = found.reexports_followed.iter().find(|st| st.from.ends_with("/b.js")).expect("b's reexport followed");
    assert!(matches!(b_step.outcome, ReexportOutcome::AlreadyKnown(_)));
}

#[test]
fn a_long_reexport_chain_is_walked_without_recursion() {
    let n = 400;
    let mut files: Vec<(String, String)> = (0..n)
        .map(|i| (format!("f{}.js", i), format!("exports.n{} = 1; module.exports = require('./f{}.js');", i, i + 1)))
        .collect();
    files.push((format!("f{}.js", n), "exports.last = 1;".to_string()));
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = Scratch::new("chain", &refs);
    let mut r = Resolver::new();
    let found = detect(&s.path("f0.js"), &mut r).expect("readable");
    assert_eq!(found.names.len(), n + 2);
    assert!(found.names.iter().any(|x| x == "last"));
    let why = found.reasons.get("last").expect("reason for last");
    assert!(why[0].starts_with("reexport './f1.js'") && why[0].len() < 200, "{:?}", why);
}

#[test]
fn self_reexport_and_skipped_targets() {
    let s = Scratch::new("skips", &[
        ("self.cjs", "exports.own = 1; module.exports = { ...require('./self.cjs'), ...require('./data.json'), ...require('fs'), ...require('./missing'), ...require('./plain.txt') };"),
        ("data.json", "{\"json\": 1}"),
        ("plain.txt", "exports.fromTxt = 1;"),
    ]);
    let mut r = Resolver::new();
    let found = detect(&s.path("self.cjs"), &mut r).expect("readable");
    assert_eq!(found.names, ["default", "fromTxt", "own"]);
    let outcomes: Vec<&ReexportOutcome> = found.reexports_followed.iter().map(|st| &st.outcome).collect();
    assert!(matches!(outcomes[0], ReexportOutcome::AlreadyKnown(_)));
    assert!(matches!(outcomes[1], ReexportOutcome::NotCommonJs(_)));
    assert!(matches!(outcomes[2], ReexportOutcome::Builtin(_)));
    assert!(matches!(outcomes[3], ReexportOutcome::NotFound(_)));
    assert!(matches!(outcomes[4], ReexportOutcome::Expanded { lexer_error: None, .. }));
}

#[test]
fn a_lexer_error_hides_every_name_of_that_file() {
    let s = Scratch::new("error", &[
        ("main.cjs", "exports.before = 1; module.exports = require('./t.js'); import x from 'y';"),
        ("ok.cjs", "exports.mine = 1; module.exports.also = 2; module.exports = { ...require('./t.js') };"),
        ("t.js", "exports.t = 1; export const z = 1;"),
    ]);
    let mut r = Resolver::new();
    let found = detect(&s.path("main.cjs"), &mut r).expect("readable");
    assert_eq!(found.names, ["default"]);
    assert!(found.lexer_error.is_some());
    // A target with an error contributes nothing either.
    let found = detect(&s.path("ok.cjs"), &mut r).expect("readable");
    assert_eq!(found.names, ["also", "default", "mine"]);
    assert!(matches!(found.reexports_followed[0].outcome, ReexportOutcome::Expanded { lexer_error: Some(_), .. }));
}

#[test]
fn names_of_the_text_alone_agree_with_the_full_detection() {
    let dir = std::env::temp_dir().join(format!("modjs-cjs-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("m.cjs").display().to_string();
    let mut resolver = Resolver::new();
    for src in [
        "exports.b = 1; exports.a = 2; exports.b = 3;",
        "module.exports = { z, y: 1, default: 2 };",
        "Object.defineProperty(exports, 'g', { enumerable: true, get: function () { return g; } });",
        "exports.\u{e9}t\u{e9} = 1; exports.Z = 2; exports['a-b'] = 3;",
        "import x from 'y';",
        "",
    ] {
        let full = detect_source(&path, src, &mut resolver).names;
        assert_eq!(names_without_reexports(src), Some(full), "{src:?}");
    }
    // A reexport needs the file system: the whole detection does it.
    assert_eq!(names_without_reexports("module.exports = require('./other.cjs');"), None);
    assert_eq!(names_without_reexports("exports.a = 1; __exportStar(require('./x'), exports);"), None);
    std::fs::remove_dir_all(&dir).ok();
}
