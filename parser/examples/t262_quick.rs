// Throwaway: quick parse-conformance probe (the real runner is tests/test262).
use std::path::Path;
fn walk(p: &Path, out: &mut Vec<std::path::PathBuf>) {
    if p.is_dir() {
        let mut v: Vec<_> = std::fs::read_dir(p).unwrap().flatten().map(|e| e.path()).collect();
        v.sort();
        for e in v { walk(&e, out); }
    } else if p.extension().is_some_and(|e| e == "js") && !p.to_string_lossy().contains("_FIXTURE") {
        out.push(p.to_path_buf());
    }
}
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(&args[1]);
    let proposals = ["decorators","import-text","import-bytes","export-defer","legacy-regexp","ShadowRealm","await-dictionary","nonextensible-applies-to-private","error-stack-accessor","Iterator.prototype.join","immutable-arraybuffer","Intl.Era-monthcode","Intl.Locale-info","Intl.NumberFormat-v3"];
    let mut files = vec![]; walk(root, &mut files);
    let (mut vp, mut vt, mut ip, mut it) = (0, 0, 0, 0);
    let mut fails = vec![];
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap_or_default();
        let meta = src.split("/*---").nth(1).and_then(|s| s.split("---*/").next()).unwrap_or("");
        if proposals.iter().any(|p| meta.contains(p)) { continue; }
        let module = meta.contains("module") && meta.lines().any(|l| l.contains("flags") && l.contains("module"));
        let neg = meta.contains("phase: parse");
        let only_strict = meta.lines().any(|l| l.contains("flags") && l.contains("onlyStrict"));
        let goal = if module { modjs_parser::Goal::Module } else { modjs_parser::Goal::Script };
        let text = if only_strict { format!("\"use strict\";\n{src}") } else { src.clone() };
        let r = std::panic::catch_unwind(|| modjs_parser::parse(&text, goal));
        let ok = matches!(r, Ok(Ok(_)));
        let msg = match &r { Ok(Err(e)) => e.to_string(), Err(_) => "PANIC".into(), _ => String::new() };
        if neg { it += 1; if !ok { ip += 1 } else { fails.push(format!("INVALID-ACCEPTED {}", f.display())) } }
        else { vt += 1; if ok { vp += 1 } else { fails.push(format!("VALID-REJECTED {} :: {}", f.display(), msg)) } }
    }
    for f in &fails { println!("{f}"); }
    println!("valid accepted {vp}/{vt} ({:.1}%), invalid rejected {ip}/{it} ({:.1}%)", 100.0*vp as f64/vt as f64, 100.0*ip as f64/it as f64);
}
