//! Construct and link over in-memory module graphs.

use crate::fast_hash::FastHashSet as HashSet;

use modjs_parser::ast::JsStr;

use super::exports::{get_exported_names, resolve_export, ResolveExportResult};
use super::host::MemoryHost;
use super::plan::{BindingName, LocalInit, ResolvedBinding};
use super::record::{DfsIndices, ModuleKind};
use super::*;

/// Builds a host from `(absolute path, source)` pairs; the first file is the entry.
fn host(files: &[(&str, &str)]) -> MemoryHost {
    files.iter().fold(MemoryHost::new(), |h, (p, s)| h.file(p, s))
}

/// Construct + link; the graph is returned even when linking fails.
fn run(files: &[(&str, &str)]) -> (ModuleGraph, ModuleId, Result<(), ModuleError>, Vec<String>) {
    let mut h = host(files);
    let mut trace = Trace::on("/");
    let (mut graph, root) = match construct(&mut h, files[0].0, &mut trace) {
        Ok(g) => g,
        Err(e) => panic!("construct failed: {e}"),
    };
    let result = link(&mut graph, root, &mut trace);
    let lines = trace.lines().to_vec();
    (graph, root, result, lines)
}

fn linked(files: &[(&str, &str)]) -> ModuleGraph {
    let (graph, _, result, _) = run(files);
    if let Err(e) = result {
        panic!("link failed: {e}");
    }
    graph
}

fn link_error(files: &[(&str, &str)]) -> String {
    let (_, _, result, _) = run(files);
    match result {
        Ok(()) => panic!("linked, but an error was expected"),
        Err(e) => e.to_string(),
    }
}

fn construct_error(files: &[(&str, &str)]) -> ModuleError {
    let mut h = host(files);
    match construct(&mut h, files[0].0, &mut Trace::off()) {
        Ok(_) => panic!("constructed, but an error was expected"),
        Err(e) => e,
    }
}

fn id(graph: &ModuleGraph, path: &str) -> ModuleId {
    graph.lookup(&format!("file://{path}")).unwrap_or_else(|| panic!("{path} is not in the module map"))
}

fn s(text: &str) -> JsStr {
    JsStr::from_str(text)
}

/// The final target of the import binding `local` of module `path`, as (module path, name).
fn import_target(graph: &ModuleGraph, path: &str, local: &str) -> (String, Option<String>) {
    let m = graph.get(id(graph, path)).source_text().expect("a source text module");
    let plan = m.environment.as_ref().expect("linked module has a plan");
    let binding = plan.imports.iter().find(|b| b.local_name == s(local)).unwrap_or_else(|| panic!("no import {local}"));
    describe(graph, &binding.target)
}

fn describe(graph: &ModuleGraph, b: &ResolvedBinding) -> (String, Option<String>) {
    let url = graph.get(b.module).url.trim_start_matches("file://").to_string();
    match &b.binding_name {
        BindingName::Name(n) => (url, Some(n.to_string_lossy())),
        BindingName::Namespace => (url, None),
    }
}

fn dfs(graph: &ModuleGraph, path: &str) -> (&'static str, Option<(u32, u32)>) {
    let status = graph.get(id(graph, path)).cyclic().expect("cyclic").status;
    (status.name(), status.dfs().map(|DfsIndices { dfs_index, dfs_ancestor_index }| (dfs_index, dfs_ancestor_index)))
}

fn namespace_names(graph: &ModuleGraph, path: &str) -> Vec<String> {
    graph
        .namespace(id(graph, path))
        .expect("namespace computed")
        .exports
        .iter()
        .map(|(n, _)| n.to_string_lossy())
        .collect()
}

#[test]
fn two_module_cycle_is_one_component() {
    let g = linked(&[
        ("/a.mjs", "import { b } from './b.mjs'; export let a = 1;"),
        ("/b.mjs", "import { a } from './a.mjs'; export let b = 2;"),
    ]);
    assert_eq!(dfs(&g, "/a.mjs"), ("linked", Some((0, 0))));
    assert_eq!(dfs(&g, "/b.mjs"), ("linked", Some((1, 0))));
    assert_eq!(import_target(&g, "/a.mjs", "b"), ("/b.mjs".into(), Some("b".into())));
    assert_eq!(import_target(&g, "/b.mjs", "a"), ("/a.mjs".into(), Some("a".into())));
}

/// The spec's walkthrough of a cycle A → B → C → A (§16.2.1.5.3): DFS indices 0, 1, 2; C sees A
/// still linking and lowers its ancestor index to 0, B inherits it, and A, the root, links the
/// whole component at once.
#[test]
fn three_cycle_dfs_numbering_follows_the_spec() {
    let (g, _, result, trace) =
        run(&[("/A.mjs", "import './B.mjs';"), ("/B.mjs", "import './C.mjs';"), ("/C.mjs", "import './A.mjs';")]);
    assert!(result.is_ok());
    assert_eq!(dfs(&g, "/A.mjs"), ("linked", Some((0, 0))));
    assert_eq!(dfs(&g, "/B.mjs"), ("linked", Some((1, 0))));
    assert_eq!(dfs(&g, "/C.mjs"), ("linked", Some((2, 0))));
    let components: Vec<&String> = trace.iter().filter(|l| l.trim_start().starts_with("SCC ")).collect();
    assert_eq!(components.len(), 1, "{trace:#?}");
    assert!(components[0].starts_with("SCC {A.mjs, B.mjs, C.mjs} "), "{}", components[0]);
    assert!(components[0].contains("linking -> linked"), "{}", components[0]);
    // C lowers its ancestor index before B does.
    let lowers = |name: &str, change: &str| {
        trace
            .iter()
            .position(|l| l.trim_start().starts_with(name) && l.contains(&format!("[[DFSAncestorIndex]] {change}")))
    };
    let c = lowers("C.mjs ", "2 -> 0");
    let b = lowers("B.mjs ", "1 -> 0");
    assert!(c.is_some() && b.is_some() && c < b, "{trace:#?}");
}

#[test]
fn diamond_loads_the_shared_module_once() {
    let g = linked(&[
        ("/main.mjs", "import { a } from './a.mjs'; import { b } from './b.mjs';"),
        ("/a.mjs", "import { c } from './c.mjs'; export const a = c;"),
        ("/b.mjs", "import { c } from './c.mjs'; export const b = c;"),
        ("/c.mjs", "export const c = 1;"),
    ]);
    assert_eq!(g.len(), 4);
    // Depth-first in source order: main, a, c, then b; every module is its own component.
    assert_eq!(dfs(&g, "/main.mjs"), ("linked", Some((0, 0))));
    assert_eq!(dfs(&g, "/a.mjs"), ("linked", Some((1, 1))));
    assert_eq!(dfs(&g, "/c.mjs"), ("linked", Some((2, 2))));
    assert_eq!(dfs(&g, "/b.mjs"), ("linked", Some((3, 3))));
    // Breadth-first load order gives the ids.
    assert_eq!(id(&g, "/c.mjs"), ModuleId(3));
    assert_eq!(import_target(&g, "/b.mjs", "c"), ("/c.mjs".into(), Some("c".into())));
}

#[test]
fn query_strings_make_distinct_modules() {
    let g = linked(&[
        ("/main.mjs", "import { n as one } from './x.mjs?a=1'; import { n as two } from './x.mjs?a=2'; import { n as three } from './x.mjs?a=1';"),
        ("/x.mjs", "export let n = 0;"),
    ]);
    assert_eq!(g.len(), 3);
    let one = import_target(&g, "/main.mjs", "one");
    let two = import_target(&g, "/main.mjs", "two");
    let three = import_target(&g, "/main.mjs", "three");
    assert_eq!(one.0, "/x.mjs?a=1");
    assert_eq!(two.0, "/x.mjs?a=2");
    assert_eq!(one, three);
}

#[test]
fn star_export_conflict_is_ambiguous_and_absent_from_the_namespace() {
    let files = [
        ("/main.mjs", "import * as ns from './m.mjs'; import { shared } from './m.mjs';"),
        ("/m.mjs", "export * from './x.mjs'; export * from './y.mjs';"),
        ("/x.mjs", "export const shared = 1, onlyX = 2;"),
        ("/y.mjs", "export const shared = 3;"),
    ];
    assert_eq!(
        link_error(&files),
        "SyntaxError: The requested module './m.mjs' contains conflicting star exports for name 'shared'"
    );
    // Without the named import it links, and the namespace leaves the name out.
    let mut ok = files;
    ok[0].1 = "import * as ns from './m.mjs';";
    let g = linked(&ok);
    assert_eq!(namespace_names(&g, "/m.mjs"), ["onlyX"]);
}

#[test]
fn explicit_export_overrides_star_exports() {
    let g = linked(&[
        ("/main.mjs", "import { shared } from './m.mjs'; import * as ns from './m.mjs';"),
        ("/m.mjs", "export * from './x.mjs'; export * from './y.mjs'; export const shared = 'm';"),
        ("/x.mjs", "export const shared = 1;"),
        ("/y.mjs", "export const shared = 3;"),
    ]);
    assert_eq!(import_target(&g, "/main.mjs", "shared"), ("/m.mjs".into(), Some("shared".into())));
    assert_eq!(namespace_names(&g, "/m.mjs"), ["shared"]);
}

#[test]
fn the_same_binding_through_two_stars_is_not_ambiguous() {
    let g = linked(&[
        ("/main.mjs", "import { v } from './m.mjs';"),
        ("/m.mjs", "export * from './x.mjs'; export * from './y.mjs';"),
        ("/x.mjs", "export * from './z.mjs';"),
        ("/y.mjs", "export { v } from './z.mjs';"),
        ("/z.mjs", "export var v;"),
    ]);
    assert_eq!(import_target(&g, "/main.mjs", "v"), ("/z.mjs".into(), Some("v".into())));
}

#[test]
fn star_exports_never_provide_default() {
    let files = [
        ("/main.mjs", "import d from './m.mjs';"),
        ("/m.mjs", "export * from './x.mjs';"),
        ("/x.mjs", "export default 1; export const y = 2;"),
    ];
    assert_eq!(
        link_error(&files),
        "SyntaxError: The requested module './m.mjs' does not provide an export named 'default'"
    );
}

#[test]
fn export_star_as_namespace() {
    let g = linked(&[
        ("/main.mjs", "import { ns } from './m.mjs'; import * as whole from './m.mjs';"),
        ("/m.mjs", "export * as ns from './x.mjs';"),
        ("/x.mjs", "export const b = 1, a = 2;"),
    ]);
    assert_eq!(import_target(&g, "/main.mjs", "ns"), ("/x.mjs".into(), None));
    assert_eq!(import_target(&g, "/main.mjs", "whole"), ("/m.mjs".into(), None));
    assert_eq!(namespace_names(&g, "/x.mjs"), ["a", "b"]);
    assert_eq!(namespace_names(&g, "/m.mjs"), ["ns"]);
}

#[test]
fn reexports_of_reexports_reach_the_final_binding() {
    let g = linked(&[
        ("/a.mjs", "import { v as local } from './b.mjs';"),
        ("/b.mjs", "export { v } from './c.mjs';"),
        ("/c.mjs", "import { w } from './d.mjs'; export { w as v };"),
        ("/d.mjs", "export let w = 1;"),
    ]);
    assert_eq!(import_target(&g, "/a.mjs", "local"), ("/d.mjs".into(), Some("w".into())));
}

#[test]
fn default_export_forms() {
    let g = linked(&[
        (
            "/main.mjs",
            "import x from './renamed.mjs'; import e from './expr.mjs'; import f from './fn.mjs'; import g from './named-fn.mjs'; import C from './cls.mjs';",
        ),
        ("/renamed.mjs", "const x = 1; export { x as default };"),
        ("/expr.mjs", "export default 40 + 2;"),
        ("/fn.mjs", "export default function () {}"),
        ("/named-fn.mjs", "export default function g() {}"),
        ("/cls.mjs", "export default class {}"),
    ]);
    assert_eq!(import_target(&g, "/main.mjs", "x"), ("/renamed.mjs".into(), Some("x".into())));
    assert_eq!(import_target(&g, "/main.mjs", "e"), ("/expr.mjs".into(), Some("*default*".into())));
    assert_eq!(import_target(&g, "/main.mjs", "f"), ("/fn.mjs".into(), Some("*default*".into())));
    assert_eq!(import_target(&g, "/main.mjs", "g"), ("/named-fn.mjs".into(), Some("g".into())));
    assert_eq!(import_target(&g, "/main.mjs", "C"), ("/cls.mjs".into(), Some("*default*".into())));
    let locals = |p: &str| {
        g.get(id(&g, p)).source_text().and_then(|m| m.environment.clone()).map(|e| e.locals).unwrap_or_default()
    };
    assert_eq!(locals("/expr.mjs")[0].init, LocalInit::Lexical);
    assert!(matches!(locals("/fn.mjs")[0].init, LocalInit::HoistedFunction { .. }));
    assert_eq!(locals("/fn.mjs")[0].name, s("*default*"));
    assert_eq!(locals("/cls.mjs")[0].init, LocalInit::Lexical);
}

#[test]
fn string_export_names() {
    let g = linked(&[
        ("/main.mjs", "import { 'a-b' as ab, \"x y\" as xy } from './m.mjs'; import * as ns from './m.mjs';"),
        ("/m.mjs", "const v = 1; export { v as 'a-b' }; export { 'a-b' as 'x y' } from './m.mjs';"),
    ]);
    assert_eq!(import_target(&g, "/main.mjs", "ab"), ("/m.mjs".into(), Some("v".into())));
    assert_eq!(import_target(&g, "/main.mjs", "xy"), ("/m.mjs".into(), Some("v".into())));
    assert_eq!(namespace_names(&g, "/m.mjs"), ["a-b", "x y"]);
}

#[test]
fn missing_export_names_the_importers_specifier() {
    let files = [
        ("/app/main.mjs", "import { present, absent } from '../lib/b.mjs?v=1';"),
        ("/lib/b.mjs", "export const present = 1;"),
    ];
    assert_eq!(
        link_error(&files),
        "SyntaxError: The requested module '../lib/b.mjs?v=1' does not provide an export named 'absent'"
    );
}

#[test]
fn failing_indirect_export_is_reported_by_the_reexporter() {
    // As Node: b.mjs is initialised first (post-order) and its `export { y } from './c.mjs'`
    // fails before main's import is looked at.
    let files = [
        ("/main.mjs", "import { y } from './b.mjs';"),
        ("/b.mjs", "export { y } from './c.mjs';"),
        ("/c.mjs", "export const z = 1;"),
    ];
    assert_eq!(link_error(&files), "SyntaxError: The requested module './c.mjs' does not provide an export named 'y'");
}

#[test]
fn failed_link_resets_the_stack_to_unlinked() {
    let (g, _, result, _) = run(&[
        ("/main.mjs", "import './ok.mjs'; import { nope } from './bad.mjs';"),
        ("/ok.mjs", "export const fine = 1;"),
        ("/bad.mjs", "import './main.mjs';"),
    ]);
    assert!(result.is_err());
    assert_eq!(dfs(&g, "/main.mjs"), ("unlinked", None));
    assert_eq!(dfs(&g, "/bad.mjs"), ("unlinked", None));
    // ok.mjs finished its own component before the failure: it stays linked.
    assert_eq!(dfs(&g, "/ok.mjs").0, "linked");
}

#[test]
fn self_import_resolves_to_its_own_binding() {
    let g =
        linked(&[("/a.mjs", "import { x as y } from './a.mjs'; import * as self from './a.mjs'; export const x = 1;")]);
    assert_eq!(g.len(), 1);
    assert_eq!(dfs(&g, "/a.mjs"), ("linked", Some((0, 0))));
    assert_eq!(import_target(&g, "/a.mjs", "y"), ("/a.mjs".into(), Some("x".into())));
    assert_eq!(import_target(&g, "/a.mjs", "self"), ("/a.mjs".into(), None));
    assert_eq!(namespace_names(&g, "/a.mjs"), ["x"]);
}

#[test]
fn circular_reexport_resolves_to_null() {
    let files = [
        ("/main.mjs", "import { x } from './a.mjs';"),
        ("/a.mjs", "export { x } from './b.mjs';"),
        ("/b.mjs", "export { x } from './a.mjs';"),
    ];
    assert!(link_error(&files).contains("does not provide an export named 'x'"));
}

#[test]
fn star_export_cycles_terminate() {
    let files = [
        ("/main.mjs", "import * as ns from './a.mjs'; import { fromB } from './a.mjs';"),
        ("/a.mjs", "export * from './b.mjs'; export const fromA = 1;"),
        ("/b.mjs", "export * from './a.mjs'; export const fromB = 2;"),
    ];
    let g = linked(&files);
    assert_eq!(namespace_names(&g, "/a.mjs"), ["fromA", "fromB"]);
    let a = id(&g, "/a.mjs");
    let names = get_exported_names(&g, a, &mut HashSet::default());
    assert_eq!(names, [s("fromA"), s("fromB")]);
    assert_eq!(resolve_export(&g, a, &s("missing"), &mut HashSet::default()), ResolveExportResult::NotFound);
}

#[test]
fn namespace_keys_in_nodes_order() {
    let g = linked(&[
        ("/main.mjs", "import * as ns from './m.mjs';"),
        ("/m.mjs", "const v = 0; export { v as '10', v as '9', v as 'b', v as 'a', v as 'B', v as '01', v as '4294967295', v as '4294967294' };"),
    ]);
    assert_eq!(namespace_names(&g, "/m.mjs"), ["9", "10", "4294967294", "01", "4294967295", "B", "a", "b"]);
}

#[test]
fn own_bindings_plan() {
    let g = linked(&[(
        "/m.mjs",
        "var a; let b; const c = 1; class D {} function e() {} async function* f() {}
         if (true) { var g; function notModuleScope() {} } for (var h of []) {} var a;
         export var i; export let [j, { k }] = [1, {}];",
    )]);
    let m = g.get(id(&g, "/m.mjs")).source_text().expect("module");
    let plan = m.environment.as_ref().expect("plan");
    let shown: Vec<(String, LocalInit)> = plan.locals.iter().map(|l| (l.name.to_string_lossy(), l.init)).collect();
    let names: Vec<&str> = shown.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["a", "g", "h", "i", "b", "c", "D", "e", "f", "j", "k"]);
    let init = |n: &str| shown.iter().find(|(m, _)| m == n).map(|(_, i)| *i);
    assert_eq!(init("a"), Some(LocalInit::Undefined));
    assert_eq!(init("b"), Some(LocalInit::Lexical));
    assert_eq!(init("c"), Some(LocalInit::Const));
    assert_eq!(init("D"), Some(LocalInit::Lexical));
    assert!(matches!(init("e"), Some(LocalInit::HoistedFunction { statement: 4 })));
    assert!(matches!(init("f"), Some(LocalInit::HoistedFunction { statement: 5 })));
    assert_eq!(init("k"), Some(LocalInit::Lexical));
}

#[test]
fn builtins_have_nodes_export_names() {
    let g = linked(&[("/main.mjs", "import fs, { readFileSync } from 'node:fs'; import { join } from 'node:path';")]);
    let (module, name) = import_target(&g, "/main.mjs", "readFileSync");
    assert_eq!((module.as_str(), name.as_deref()), ("node:fs", Some("readFileSync")));
    assert!(matches!(g.get(id_url(&g, "node:fs")).kind, ModuleKind::Synthetic(_)));
    assert_eq!(
        link_error(&[("/main.mjs", "import { nope } from 'node:fs';")]),
        "SyntaxError: The requested module 'node:fs' does not provide an export named 'nope'"
    );
}

fn id_url(graph: &ModuleGraph, url: &str) -> ModuleId {
    graph.lookup(url).unwrap_or_else(|| panic!("{url} not loaded"))
}

#[test]
fn json_modules_need_the_type_attribute() {
    let g = linked(&[("/main.mjs", "import data from './d.json' with { type: 'json' };"), ("/d.json", "{\"a\": 1}")]);
    assert_eq!(import_target(&g, "/main.mjs", "data"), ("/d.json".into(), Some("default".into())));
    let e = construct_error(&[("/main.mjs", "import data from './d.json';"), ("/d.json", "{}")]);
    assert_eq!(
        e.to_string(),
        "TypeError [ERR_IMPORT_ASSERTION_TYPE_MISSING]: Module \"file:///d.json\" needs an import attribute of type \"json\""
    );
    let e = construct_error(&[("/main.mjs", "import x from './x.mjs' with { type: 'json' };"), ("/x.mjs", "")]);
    assert_eq!(
        e.to_string(),
        "TypeError [ERR_IMPORT_ASSERTION_TYPE_FAILED]: Module \"file:///x.mjs\" is not of type \"json\""
    );
}

#[test]
fn syntax_error_anywhere_stops_construct() {
    let e = construct_error(&[
        ("/main.mjs", "import './ok.mjs'; import './deep.mjs';"),
        ("/ok.mjs", ""),
        ("/deep.mjs", "import './bad.mjs';"),
        ("/bad.mjs", "export const x = ;"),
    ]);
    match e {
        ModuleError::Syntax { url, error, .. } => {
            assert_eq!(url, "file:///bad.mjs");
            assert_eq!(error.message, "Unexpected token ';'");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn missing_file_is_err_module_not_found() {
    let e = construct_error(&[("/main.mjs", "import './nowhere.mjs';")]);
    assert_eq!(
        e.to_string(),
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/nowhere.mjs' imported from /main.mjs"
    );
}

#[test]
fn construct_is_deterministic() {
    let files = [
        ("/main.mjs", "import './a.mjs'; import './b.mjs'; import './c.mjs'; import './d.mjs'; import './e.mjs';"),
        ("/a.mjs", "import './e.mjs'; import './f.mjs';"),
        ("/b.mjs", "import './f.mjs'; import './a.mjs';"),
        ("/c.mjs", "export * from './f.mjs';"),
        ("/d.mjs", ""),
        ("/e.mjs", "import './main.mjs';"),
        ("/f.mjs", "export let f;"),
    ];
    let first = run(&files).3;
    for _ in 0..5 {
        assert_eq!(run(&files).3, first);
    }
    let loads: Vec<&String> = first.iter().filter(|l| l.starts_with("load ")).collect();
    assert_eq!(loads.len(), 7);
    assert!(loads[6].starts_with("load f.mjs ") && loads[6].contains(" #6 "), "{loads:#?}");
}

#[test]
fn cached_resolutions_do_not_hide_ambiguity() {
    // x.mjs's `shared` is resolved (and cached) for the first import before m.mjs is asked.
    let files = [
        ("/main.mjs", "import { shared as first } from './x.mjs'; import { shared } from './m.mjs';"),
        ("/m.mjs", "export * from './x.mjs'; export * from './y.mjs';"),
        ("/x.mjs", "export const shared = 1;"),
        ("/y.mjs", "export const shared = 3;"),
    ];
    assert_eq!(
        link_error(&files),
        "SyntaxError: The requested module './m.mjs' contains conflicting star exports for name 'shared'"
    );
}

#[test]
fn long_reexport_chains_link() {
    // 2,000 modules, each re-exporting the next one's `v`: the final binding is the last one's.
    let n = 2000;
    let mut sources: Vec<(String, String)> = vec![("/main.mjs".into(), "import { v } from './m0.mjs';".into())];
    for i in 0..n {
        let src = if i + 1 < n {
            format!("export {{ v }} from './m{}.mjs';", i + 1)
        } else {
            "export let v = 1;".to_string()
        };
        sources.push((format!("/m{i}.mjs"), src));
    }
    // The recursion of InnerModuleLinking is as deep as the chain: give it room.
    let last = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let files: Vec<(&str, &str)> = sources.iter().map(|(p, s)| (p.as_str(), s.as_str())).collect();
            let g = linked(&files);
            import_target(&g, "/main.mjs", "v")
        })
        .expect("thread")
        .join()
        .expect("no panic");
    assert_eq!(last, (format!("/m{}.mjs", n - 1), Some("v".into())));
}
