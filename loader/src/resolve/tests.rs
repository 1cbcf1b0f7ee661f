//! Resolution on a small package tree built in a temporary directory.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::cjs::Required;
use super::format::ModuleFormat;
use super::Resolver;

/// A temporary tree, removed when dropped.
struct Tree {
    root: String,
}

impl Tree {
    fn new(files: &[(&str, &str)]) -> Tree {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("modjs-resolve-test-{}-{}", std::process::id(), n));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        let root = std::fs::canonicalize(&dir).expect("canonical temp dir").to_str().expect("utf-8 temp dir").to_string();
        for (path, content) in files {
            let full = format!("{}/{}", root, path);
            if let Some(parent) = std::path::Path::new(&full).parent() {
                std::fs::create_dir_all(parent).expect("create parent");
            }
            std::fs::write(&full, content).expect("write file");
        }
        Tree { root }
    }

    fn p(&self, rel: &str) -> String {
        format!("{}/{}", self.root, rel)
    }

    /// The answer the resolve oracle would print for an import.
    fn import(&self, from: &str, spec: &str) -> String {
        let mut r = Resolver::new();
        match r.resolve_import(spec, &self.p(from)) {
            Ok(res) if res.url.scheme == "file" => {
                let path = res.url.to_file_path().expect("file path");
                let rel = path.strip_prefix(&format!("{}/", self.root)).unwrap_or(&path).to_string();
                format!("{}{}{}", rel, res.url.search(), res.url.hash())
            }
            Ok(res) => res.href,
            Err(e) => e.label().to_string(),
        }
    }

    fn require(&self, from: &str, spec: &str) -> String {
        let mut r = Resolver::new();
        match r.resolve_require(spec, &self.p(from)) {
            Ok(Required::File(path)) => path.strip_prefix(&format!("{}/", self.root)).unwrap_or(&path).to_string(),
            Ok(Required::Builtin(id)) => id,
            Err(e) => e.label().to_string(),
        }
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn sample() -> Tree {
    Tree::new(&[
        ("package.json", r##"{"name":"app","imports":{"#int/*":"./lib/*.js","#dep":"dep","#cond":{"import":"./lib/a.js","require":"./lib/b.js"}},"exports":{".":"./lib/a.js","./b":"./lib/b.js"}}"##),
        ("main.mjs", ""),
        ("main.cjs", ""),
        ("lib/a.js", ""),
        ("lib/b.js", ""),
        ("lib/dir/index.js", ""),
        ("lib/a b.js", ""),
        ("node_modules/dep/package.json", r#"{"name":"dep","main":"main"}"#),
        ("node_modules/dep/main.js", ""),
        ("node_modules/dep/only-outer.js", ""),
        ("node_modules/cond/package.json", r#"{"exports":{".":{"import":"./m.mjs","require":"./c.cjs"},"./feat/*":"./f/*.js","./feat/secret/*":null}}"#),
        ("node_modules/cond/m.mjs", ""),
        ("node_modules/cond/c.cjs", ""),
        ("node_modules/cond/f/x.js", ""),
        ("node_modules/cond/f/secret/y.js", ""),
        ("node_modules/host/package.json", r#"{"name":"host"}"#),
        ("node_modules/host/lib.mjs", ""),
        ("node_modules/host/lib.js", ""),
        ("node_modules/host/node_modules/dep/package.json", r#"{"name":"dep"}"#),
        ("node_modules/host/node_modules/dep/index.js", ""),
        ("node_modules/broken/package.json", "{ \"name\": "),
        ("node_modules/broken/index.js", ""),
    ])
}

#[test]
fn esm_relative_specifiers_need_exact_files() {
    let t = sample();
    assert_eq!(t.import("main.mjs", "./lib/a.js"), "lib/a.js");
    assert_eq!(t.import("main.mjs", "./lib/a"), "ERR_MODULE_NOT_FOUND");
    assert_eq!(t.import("main.mjs", "./lib/dir"), "ERR_UNSUPPORTED_DIR_IMPORT");
    assert_eq!(t.import("main.mjs", "./missing/"), "ERR_UNSUPPORTED_DIR_IMPORT");
    assert_eq!(t.import("main.mjs", "./lib/a%20b.js"), "lib/a b.js");
    assert_eq!(t.import("main.mjs", "./lib/a.js?v=1#h"), "lib/a.js?v=1#h");
    assert_eq!(t.import("main.mjs", "./lib/a.js?"), "lib/a.js");
    assert_eq!(t.import("main.mjs", "./lib%2Fa.js"), "ERR_INVALID_MODULE_SPECIFIER");
    assert_eq!(t.import("main.mjs", "./100%.js"), "URIError");
}

#[test]
fn cjs_adds_extensions_and_index() {
    let t = sample();
    assert_eq!(t.require("main.cjs", "./lib/a"), "lib/a.js");
    assert_eq!(t.require("main.cjs", "./lib/dir"), "lib/dir/index.js");
    assert_eq!(t.require("main.cjs", "./lib/a%20b.js"), "MODULE_NOT_FOUND");
    assert_eq!(t.require("main.cjs", "dep"), "node_modules/dep/main.js");
}

#[test]
fn not_found_messages_match_node() {
    let t = sample();
    let mut r = Resolver::new();
    let e = r.resolve_import("./nope.js", &t.p("main.mjs")).unwrap_err();
    assert_eq!(e.to_string(), format!("Error [ERR_MODULE_NOT_FOUND]: Cannot find module '{}' imported from {}", t.p("nope.js"), t.p("main.mjs")));
    let e = r.resolve_require("./nope", &t.p("main.cjs")).unwrap_err();
    assert_eq!(e.to_string(), format!("Error: Cannot find module './nope'\nRequire stack:\n- {}", t.p("main.cjs")));
    let e = r.resolve_import("cond/other", &t.p("main.mjs")).unwrap_err();
    assert_eq!(
        e.message,
        format!(
            "Package subpath './other' is not defined by \"exports\" in {}/package.json imported from {}",
            t.p("node_modules/cond"),
            t.p("main.mjs")
        )
    );
}

#[test]
fn exports_conditions_patterns_and_null() {
    let t = sample();
    assert_eq!(t.import("main.mjs", "cond"), "node_modules/cond/m.mjs");
    assert_eq!(t.require("main.cjs", "cond"), "node_modules/cond/c.cjs");
    assert_eq!(t.import("main.mjs", "cond/feat/x"), "node_modules/cond/f/x.js");
    assert_eq!(t.import("main.mjs", "cond/feat/secret/y"), "ERR_PACKAGE_PATH_NOT_EXPORTED");
    assert_eq!(t.require("main.cjs", "cond/feat/../feat/x"), "ERR_INVALID_MODULE_SPECIFIER");
}

#[test]
fn imports_and_self_reference() {
    let t = sample();
    assert_eq!(t.import("main.mjs", "#int/b"), "lib/b.js");
    assert_eq!(t.import("main.mjs", "#cond"), "lib/a.js");
    assert_eq!(t.require("main.cjs", "#cond"), "lib/b.js");
    assert_eq!(t.import("main.mjs", "#dep"), "node_modules/dep/main.js");
    assert_eq!(t.import("main.mjs", "#nope"), "ERR_PACKAGE_IMPORT_NOT_DEFINED");
    assert_eq!(t.import("main.mjs", "app/b"), "lib/b.js");
    assert_eq!(t.require("main.cjs", "app"), "lib/a.js");
    assert_eq!(t.require("main.cjs", "app/lib/a.js"), "ERR_PACKAGE_PATH_NOT_EXPORTED");
}

#[test]
fn nested_node_modules_esm_stops_cjs_walks_on() {
    let t = sample();
    assert_eq!(t.import("node_modules/host/lib.mjs", "dep"), "node_modules/host/node_modules/dep/index.js");
    assert_eq!(t.import("node_modules/host/lib.mjs", "dep/only-outer.js"), "ERR_MODULE_NOT_FOUND");
    assert_eq!(t.require("node_modules/host/lib.js", "dep/only-outer.js"), "node_modules/dep/only-outer.js");
}

#[test]
fn malformed_package_json_differs_by_mode() {
    let t = sample();
    assert_eq!(t.import("main.mjs", "broken"), "ERR_INVALID_PACKAGE_CONFIG");
    assert_eq!(t.require("main.cjs", "broken"), "SyntaxError");
}

#[test]
fn builtins_and_schemes() {
    let t = sample();
    assert_eq!(t.import("main.mjs", "fs"), "node:fs");
    assert_eq!(t.import("main.mjs", "node:test"), "node:test");
    assert_eq!(t.import("main.mjs", "node:nope"), "ERR_UNKNOWN_BUILTIN_MODULE");
    assert_eq!(t.require("main.cjs", "fs"), "fs");
    assert_eq!(t.require("main.cjs", "node:fs"), "node:fs");
    assert_eq!(t.import("main.mjs", "https://example.invalid/x.js"), "ERR_UNSUPPORTED_ESM_URL_SCHEME");
    assert_eq!(t.import("main.mjs", "data:text/javascript,1"), "data:text/javascript,1");
    assert_eq!(t.import("main.mjs", "data:text/plain,1"), "ERR_UNKNOWN_MODULE_FORMAT");
}

#[test]
fn formats_follow_the_package_type() {
    let t = Tree::new(&[
        ("m/package.json", r#"{"type":"module"}"#),
        ("m/a.js", ""),
        ("m/noext", ""),
        ("m/x.txt", ""),
        ("m/c.cjs", ""),
        ("main.mjs", ""),
    ]);
    let mut r = Resolver::new();
    let fmt = |r: &mut Resolver, s: &str| r.resolve_import(s, &t.p("main.mjs")).map(|x| x.format);
    assert_eq!(fmt(&mut r, "./m/a.js"), Ok(ModuleFormat::Module));
    assert_eq!(fmt(&mut r, "./m/noext"), Ok(ModuleFormat::Module));
    assert_eq!(fmt(&mut r, "./m/c.cjs"), Ok(ModuleFormat::CommonJs));
    assert_eq!(fmt(&mut r, "./main.mjs"), Ok(ModuleFormat::Module));
    let e = fmt(&mut r, "./m/x.txt").unwrap_err();
    assert_eq!(e.message, format!("Unknown file extension \".txt\" for {}", t.p("m/x.txt")));
}

#[test]
fn trace_names_the_rule_that_fired() {
    let t = sample();
    let mut r = Resolver::new();
    r.enable_trace();
    r.resolve_import("cond/feat/x", &t.p("main.mjs")).expect("resolves");
    let trace = r.take_trace();
    assert!(trace.iter().any(|l| l == "PACKAGE_IMPORTS_EXPORTS_RESOLVE: matched \"./feat/*\" with \"*\" = \"x\""), "{:?}", trace);
    let mut quiet = Resolver::new();
    quiet.resolve_import("cond/feat/x", &t.p("main.mjs")).expect("resolves");
    assert!(quiet.take_trace().is_empty());
}

#[test]
fn user_conditions_are_honoured() {
    let t = Tree::new(&[
        ("node_modules/p/package.json", r#"{"exports":{"custom":"./c.js","default":"./d.js"}}"#),
        ("node_modules/p/c.js", ""),
        ("node_modules/p/d.js", ""),
        ("main.mjs", ""),
    ]);
    assert_eq!(t.import("main.mjs", "p"), "node_modules/p/d.js");
    let mut r = Resolver::new();
    r.user_conditions.push("custom".to_string());
    let res = r.resolve_import("p", &t.p("main.mjs")).expect("resolves");
    assert!(res.href.ends_with("/node_modules/p/c.js"), "{}", res.href);
}

#[test]
fn import_meta_resolve_returns_urls_for_missing_files_and_directories() {
    let t = sample();
    let parent = super::url::Url::from_file_path(&t.p("main.mjs"));
    let mut r = Resolver::new();
    let missing = r.import_meta_resolve("./lib/a", &parent).expect("a URL, not an error");
    assert_eq!(missing, super::url::Url::from_file_path(&t.p("lib/a")).href());
    let dir = r.import_meta_resolve("./lib/dir/", &parent).expect("a URL, not an error");
    assert!(dir.ends_with("/lib/dir/"), "{}", dir);
    assert_eq!(r.import_meta_resolve("node:nope", &parent), Ok("node:nope".to_string()));
    assert_eq!(r.import_meta_resolve("missing-pkg", &parent).unwrap_err().label(), "ERR_MODULE_NOT_FOUND");
}

#[test]
fn relative_imports_from_a_data_module_are_unsupported() {
    let parent = super::url::Url::parse("data:text/javascript,import \"./foo.mjs\";").expect("data URL");
    let mut r = Resolver::new();
    let e = r.resolve_import_from_url("./foo.mjs", &parent).unwrap_err();
    assert_eq!(
        e.to_string(),
        "TypeError [ERR_UNSUPPORTED_RESOLVE_REQUEST]: Failed to resolve module specifier \"./foo.mjs\" from \"data:text/javascript,import \"./foo.mjs\";\": Invalid relative URL or base scheme is not hierarchical."
    );
    let fs = r.resolve_import_from_url("fs", &parent).expect("built-ins resolve from data: modules");
    assert_eq!(fs.href, "node:fs");
}

#[test]
fn a_byte_order_mark_in_package_json_is_ignored() {
    let t = Tree::new(&[
        ("node_modules/b/package.json", "\u{FEFF}{\"main\":\"m.js\"}"),
        ("node_modules/b/m.js", ""),
        ("main.mjs", ""),
    ]);
    assert_eq!(t.import("main.mjs", "b"), "node_modules/b/m.js");
    assert_eq!(t.require("main.mjs", "b"), "node_modules/b/m.js");
}
