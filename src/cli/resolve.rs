//! `modjs resolve FROM-FILE SPECIFIER --mode import|require [--explain] [-C COND]...`
//!
//! Resolves one specifier exactly as Node v20 would from the module `FROM-FILE` and prints one
//! line on stdout: the file (relative to the current directory, decoded, with the URL's query
//! and fragment), the built-in id, the `data:` URL, or the error's code (its class name when it
//! has no code). Errors are also printed on stderr as Node shows them; `--explain` prints the
//! rules that fired on stderr.

use clap::{Args, ValueEnum};
use modjs_loader::resolve::cjs::Required;
use modjs_loader::resolve::url::Url;
use modjs_loader::resolve::{path, Resolver};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// ESM `import` / `import()` (resolution plus the load-phase checks).
    Import,
    /// CommonJS `require.resolve()`.
    Require,
    /// `import.meta.resolve()`: resolution only; a missing file or directory still gives a URL.
    MetaResolve,
}

#[derive(Args)]
pub struct ResolveArgs {
    /// The importing file (relative to the current directory or absolute).
    pub from: String,
    /// The specifier, verbatim.
    #[arg(allow_hyphen_values = true)]
    pub specifier: String,
    /// Which module system resolves it.
    #[arg(long, value_enum)]
    pub mode: Mode,
    /// Print the resolution steps (which rule fired) on stderr.
    #[arg(long)]
    pub explain: bool,
    /// Extra export/import conditions, like Node's `-C`/`--conditions`.
    #[arg(short = 'C', long = "conditions")]
    pub conditions: Vec<String>,
}

/// A path as the answer shows it: relative to `cwd` with `/` separators, or absolute when it
/// is outside `cwd`.
fn display_path(cwd: &str, p: &str) -> String {
    let rel = path::relative(cwd, p);
    if rel.is_empty() {
        return ".".to_string();
    }
    if rel == ".." || rel.starts_with("../") {
        return p.to_string();
    }
    rel
}

/// A resolved URL as the answer shows it: `file:` URLs as paths (keeping a trailing `/`)
/// followed by the URL's raw query and fragment; other URLs as they are.
fn display_url(cwd: &str, href: &str) -> String {
    if !href.starts_with("file:") {
        return href.to_string();
    }
    let cut = href.find(['?', '#']).unwrap_or(href.len());
    let (base, suffix) = href.split_at(cut);
    match Url::parse(base).map(|u| u.to_file_path()) {
        Some(Ok(p)) => {
            let mut shown = display_path(cwd, &p);
            if base.ends_with('/') && !shown.ends_with('/') {
                shown.push('/');
            }
            format!("{}{}", shown, suffix)
        }
        _ => href.to_string(),
    }
}

pub fn run(args: ResolveArgs) -> i32 {
    let cwd = match std::env::current_dir().ok().and_then(|p| p.to_str().map(|s| s.to_string())) {
        Some(c) => c,
        None => {
            eprintln!("modjs resolve: cannot read the current directory");
            return 2;
        }
    };
    let from = path::resolve(&cwd, &args.from);
    let mut r = Resolver::new();
    r.user_conditions = args.conditions.clone();
    r.display_root = Some(cwd.clone());
    r.current_dir = Some(cwd.clone());
    if args.explain {
        r.enable_trace();
    }
    let outcome = match args.mode {
        Mode::Import => r.resolve_import(&args.specifier, &from).map(|res| {
            if res.url.scheme == "file" {
                let p = res.url.to_file_path().unwrap_or_else(|_| res.href.clone());
                format!("{}{}{}", display_path(&cwd, &p), res.url.search(), res.url.hash())
            } else {
                res.href
            }
        }),
        Mode::MetaResolve => {
            let parent = Url::from_file_path(&from);
            r.import_meta_resolve(&args.specifier, &parent).map(|href| display_url(&cwd, &href))
        }
        Mode::Require => {
            r.global_paths = modjs_loader::resolve::node_global_paths();
            r.resolve_require(&args.specifier, &from).map(|req| match req {
                Required::Builtin(id) => id,
                Required::File(p) => display_path(&cwd, &p),
            })
        }
    };
    let status = match &outcome {
        Ok(answer) => {
            println!("{}", answer);
            0
        }
        Err(e) => {
            println!("{}", e.label());
            eprintln!("{}", e);
            1
        }
    };
    for w in &r.warnings {
        eprintln!("(modjs) {}", w);
    }
    if args.explain {
        for step in r.take_trace() {
            eprintln!("  {}", step);
        }
    }
    status
}
