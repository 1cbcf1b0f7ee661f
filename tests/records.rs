//! Module records (ParseModule) of the fixtures in tests/fixtures/records/: a reviewed snapshot
//! of the whole listing per fixture, plus direct checks of the facts each fixture is about.

mod common;

use modjs_parser::ast::ImportPhase;
use modjs_parser::module_records::{
    parse_module_records, ExportImportName, ImportName, ModuleRecords,
};
use modjs_parser::{parse_module, parse_script};

fn records_of(src: &str) -> ModuleRecords {
    let program = parse_module(src).unwrap_or_else(|e| panic!("{e} at {:?}", e.span));
    parse_module_records(&program)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/records").join(name)).expect("fixture")
}

fn s(js: &modjs_parser::ast::JsStr) -> String {
    js.to_string_lossy()
}

#[test]
fn snapshots_of_every_fixture() {
    for path in common::fixtures("records", &["mjs"]) {
        let src = std::fs::read_to_string(&path).expect("read fixture");
        let listing = records_of(&src).dump(&src);
        insta::assert_snapshot!(common::stem(&path), listing);
    }
}

#[test]
fn requested_modules_are_in_source_order_without_duplicates() {
    let r = records_of(&fixture("imports.mjs"));
    let specifiers: Vec<String> = r.requested_modules.iter().map(|m| s(&m.specifier)).collect();
    assert_eq!(specifiers, ["./side-effect.mjs", "./a.mjs", "./b.mjs", "./c.mjs"]);
    // The request keeps the span of its first occurrence (line 2).
    assert_eq!(r.requested_modules[0].span.start as usize, fixture("imports.mjs").find("'./side-effect.mjs'").unwrap());
}

#[test]
fn import_entries_name_what_each_binding_imports() {
    let r = records_of(&fixture("imports.mjs"));
    let entries: Vec<(String, String, String)> = r
        .import_entries
        .iter()
        .map(|ie| (s(&ie.module_request.specifier), ie.import_name.to_string(), s(&ie.local_name)))
        .collect();
    let want = [
        ("./a.mjs", "\"default\"", "def"),
        ("./a.mjs", "\"x\"", "x"),
        ("./a.mjs", "\"y\"", "why"),
        ("./b.mjs", "\"default\"", "alsoDef"),
        ("./b.mjs", "\"string name\"", "str"),
        ("./b.mjs", "~namespace-object~", "ns"),
        ("./c.mjs", "\"default\"", "first"),
        ("./c.mjs", "~namespace-object~", "ns2"),
        ("./c.mjs", "\"default\"", "second"),
        ("./c.mjs", "\"z\"", "z"),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(entries, want);
}

#[test]
fn own_bindings_are_local_exports_with_their_bound_names() {
    let r = records_of(&fixture("exports.mjs"));
    assert!(r.indirect_export_entries.is_empty() && r.star_export_entries.is_empty());
    let pairs: Vec<(String, String)> = r
        .local_export_entries
        .iter()
        .map(|e| (s(e.export_name.as_ref().unwrap()), s(e.local_name.as_ref().unwrap())))
        .collect();
    let names: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        names,
        [
            ("v1", "v1"),
            ("v2", "v2"),
            ("a", "a"),
            ("c", "c"),
            ("rest", "rest"),
            ("others", "others"),
            ("k", "k"),
            ("f", "f"),
            ("gen", "gen"),
            ("C", "C"),
            ("local", "local"),
            ("renamed", "other"),
            ("a string name", "local"),
            ("default", "other"),
        ]
    );
}

#[test]
fn default_exports_bind_default_or_their_own_name() {
    let local = |file: &str| {
        let r = records_of(&fixture(file));
        assert_eq!(r.local_export_entries.len(), 1, "{file}");
        let e = &r.local_export_entries[0];
        assert_eq!(s(e.export_name.as_ref().unwrap()), "default");
        s(e.local_name.as_ref().unwrap())
    };
    assert_eq!(local("default-expression.mjs"), "*default*");
    assert_eq!(local("default-named-function.mjs"), "f");
    assert_eq!(local("default-anonymous-class.mjs"), "*default*");
}

#[test]
fn reexports_of_imports_become_indirect_but_namespaces_stay_local() {
    let r = records_of(&fixture("reexports.mjs"));
    let local: Vec<String> =
        r.local_export_entries.iter().map(|e| s(e.export_name.as_ref().unwrap())).collect();
    assert_eq!(local, ["own", "namespace"]);

    let indirect: Vec<(String, String, String)> = r
        .indirect_export_entries
        .iter()
        .map(|e| {
            assert!(e.local_name.is_none());
            (
                s(e.export_name.as_ref().unwrap()),
                s(&e.module_request.as_ref().unwrap().specifier),
                e.import_name.as_ref().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("imported", "./lib.mjs", "\"imported\""),
        ("again", "./lib.mjs", "\"other\""),
        ("dflt", "./lib.mjs", "\"default\""),
        ("x", "./dep.mjs", "\"x\""),
        ("why", "./dep.mjs", "\"y\""),
        ("default", "./dep.mjs", "\"default\""),
        ("d2", "./dep.mjs", "\"default\""),
        ("starNs", "./star.mjs", "~all~"),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(indirect, want);

    assert_eq!(r.star_export_entries.len(), 1);
    let star = &r.star_export_entries[0];
    assert_eq!(star.export_name, None);
    assert_eq!(star.import_name, Some(ExportImportName::AllButDefault));
    assert_eq!(s(&star.module_request.as_ref().unwrap().specifier), "./star.mjs");
}

#[test]
fn attributes_are_part_of_the_request_and_sorted_by_key() {
    let r = records_of(&fixture("attributes.mjs"));
    let described: Vec<String> = r.requested_modules.iter().map(|m| m.describe()).collect();
    assert_eq!(
        described,
        [
            r#""./data.json" with { "type": "json" }"#,
            r#""./data.json""#,
            r#""./x.mjs" with { "a": "1", "b": "2" }"#,
        ]
    );
}

#[test]
fn the_import_phase_separates_requests() {
    let r = records_of(&fixture("phases.mjs"));
    let phases: Vec<(String, ImportPhase)> =
        r.requested_modules.iter().map(|m| (s(&m.specifier), m.phase)).collect();
    assert_eq!(
        phases,
        [
            ("./heavy.mjs".to_string(), ImportPhase::Defer),
            ("./heavy.mjs".to_string(), ImportPhase::Evaluation),
            ("./module.wasm".to_string(), ImportPhase::Source),
        ]
    );
    assert_eq!(r.import_entries[0].import_name, ImportName::NamespaceObject);
    assert_eq!(r.import_entries[1].import_name, ImportName::Source);
    // Both re-exported values are held in local bindings.
    assert_eq!(r.local_export_entries.len(), 2);
    assert!(r.indirect_export_entries.is_empty());
}

#[test]
fn has_tla_sees_await_outside_function_boundaries_only() {
    for (file, want) in [
        ("tla-await.mjs", true),
        ("tla-for-await.mjs", true),
        ("tla-computed-key.mjs", true),
        ("tla-none.mjs", false),
        ("exports.mjs", false),
    ] {
        assert_eq!(records_of(&fixture(file)).has_tla, want, "{file}");
    }
}

#[test]
fn a_script_has_no_module_records() {
    let program = parse_script("var x = 1; async function f() { await x; }").expect("parses");
    assert_eq!(parse_module_records(&program), ModuleRecords::default());
}
