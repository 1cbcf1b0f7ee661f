//! The construct phase: load and parse the whole static module graph before anything is
//! linked or run (the effect of LoadRequestedModules, §16.2.1.5.1, with a synchronous host).
//!
//! Modules are visited breadth-first from the entry; each module's [[RequestedModules]] are
//! resolved in source order when the module has been parsed, and a URL not seen before is
//! queued (fetched and parsed when its turn comes). The order, the records' [[ModuleId]]s and the first error are therefore the same on
//! every run. Any resolution, load or syntax error stops the phase: nothing is linked.
//!
//! [`construct`] starts a new module map from the entry point; [`load_into`] adds the graph of
//! one more module to an existing map (`import()`, `require()` of an ES module), reusing the
//! records of URLs already there.

use std::collections::VecDeque;

use modjs_parser::ast::{Goal, JsStr};
use modjs_parser::module_records::parse_module_records;
use modjs_vm::compiler::compile_module;

use super::builtins::builtin_export_names;
use crate::fast_hash::FastHashMap;
use super::declarations::top_level_declarations;
use super::error::ModuleError;
use super::graph::ModuleGraph;
use super::host::{read_module_file, HostFormat, HostResolution, ModuleHost};
use super::namespace::node_namespace_order;
use super::parse_pipeline::for_each_in_order;
use super::record::{
    ModuleId, ModuleKind, ModuleRecord, ParsedModule, SourceTextModule, SyntheticKind, SyntheticModule,
};
use super::trace::Trace;
use crate::runtime::commonjs::format::{detect_format, Detected};
use crate::runtime::commonjs::prefetch::{Parsed, Prefetched, Prefetcher};
use crate::runtime::commonjs::wrapper::{prepare_wrapper, PreparedWrapper};

/// Loads the graph of `entry` (a path as the host understands it) into a new module map and
/// returns it with the entry's id.
pub fn construct(
    host: &mut dyn ModuleHost,
    entry: &str,
    trace: &mut Trace,
) -> Result<(ModuleGraph, ModuleId), ModuleError> {
    trace.line(0, |_| "== construct: load and parse every module of the static graph, breadth-first".to_string());
    let mut graph = ModuleGraph::new();
    let entry_resolution = host.resolve_entry(entry)?;
    let root = load_into(host, &mut graph, entry_resolution, trace, CommonJsLoader::default())?;
    trace.line(0, |_| format!("{} module record(s) in the module map", graph.len()));
    Ok((graph, root))
}

/// Loads the static graph of the resolved module `start` into an existing module map (an
/// `import()`, a `require()` of an ES module, or the entry into an empty map) and returns the
/// id of `start`'s record. Every URL already in the map is its record, reused as it is — so a
/// module imported statically and then by `import()` is one module with one namespace; only
/// new URLs are fetched and parsed. When anything fails (resolution, fetch, parse), the records
/// this call added are removed again and the map is as it was.
///
/// `commonjs`: what the CommonJS loader already did (see [`CommonJsLoader`]).
pub fn load_into(
    host: &mut dyn ModuleHost,
    graph: &mut ModuleGraph,
    start: HostResolution,
    trace: &mut Trace,
    commonjs: CommonJsLoader<'_>,
) -> Result<ModuleId, ModuleError> {
    if let Some(existing) = graph.lookup(&start.url) {
        trace.line(1, |t| format!("{} is record #{}, already in the module map", t.show_url(&start.url), existing.0));
        return Ok(existing);
    }
    let before = graph.len();
    let result = load_new_records(host, graph, start, trace, commonjs);
    if result.is_err() {
        graph.truncate(before);
    }
    result
}

/// What the CommonJS loader already did that the construct phase can use (nothing, for the
/// entry's graph). Both only save work: the outcome is the same without them.
#[derive(Clone, Copy, Default)]
pub struct CommonJsLoader<'a> {
    /// Its prefetch workers, when they run: modules they already read and parsed (the ES
    /// modules and CommonJS files a `require`d ES module's graph is made of) are taken from
    /// them instead of being read and parsed again.
    pub prefetcher: Option<&'a Prefetcher>,
    /// Whether `require` already loaded the file at a path. A CommonJS module an ES module
    /// imports then gets its export names but no compiled wrapper: its facade will find it in
    /// `require.cache` (and if a program deleted it from there, `require`'s loader compiles
    /// the file when the facade runs).
    pub already_required: Option<&'a dyn Fn(&str) -> bool>,
}

/// The breadth-first load of [`load_into`] from a URL not yet in the map.
fn load_new_records(
    host: &mut dyn ModuleHost,
    graph: &mut ModuleGraph,
    start: HostResolution,
    trace: &mut Trace,
    commonjs: CommonJsLoader<'_>,
) -> Result<ModuleId, ModuleError> {
    let ahead = commonjs.prefetcher;
    // URLs seen but not loaded yet, with the id their record will get: records are created in
    // the order their URLs were first seen (breadth-first), so the id is known in advance.
    let mut pending: FastHashMap<String, ModuleId> = FastHashMap::default();
    let mut queue: VecDeque<HostResolution> = VecDeque::new();
    let root = ModuleId(graph.len() as u32);
    pending.insert(start.url.clone(), root);
    queue.push_back(start);
    while !queue.is_empty() {
        // One breadth-first level at a time: fetch its sources (in order), parse them on worker
        // threads (parsing is a pure function of the text) and handle the results here in order
        // as they arrive, exactly as a one-at-a-time loop would (the first error in that order
        // wins). See [`super::parse_pipeline`].
        let level: Vec<HostResolution> = queue.drain(..).collect();
        let files_read_by_workers = host.fetches_paths_as_files();
        let required = |r: &HostResolution| {
            matches!(r.format, HostFormat::CommonJs)
                && matches!((&r.path, commonjs.already_required), (Some(p), Some(loaded)) if loaded(p))
        };
        let fetched: Vec<Fetched> = level
            .iter()
            .map(|r| match (&r.format, if required(r) { None } else { ahead.and_then(|a| done_ahead(a, r)) }) {
                (HostFormat::Builtin(_), _) => None,
                (_, Some(Ahead::Loaded(loaded))) => Some(Ok(FetchedText::Ahead(loaded))),
                (_, Some(Ahead::Wrapper(text, prepared))) => Some(Ok(FetchedText::Wrapper(text, prepared))),
                (_, Some(Ahead::Text(text))) => Some(Ok(FetchedText::Text(text))),
                (_, None) if files_read_by_workers && r.path.is_some() => Some(Ok(FetchedText::File)),
                (_, None) => Some(host.fetch_source(r).map(FetchedText::Text)),
            })
            .collect();
        let inputs: Vec<(&HostResolution, Fetched, bool)> =
            level.iter().zip(fetched).map(|(r, f)| (r, f, !required(r))).collect();
        let parse = |_: usize, (resolution, source, compile): (&HostResolution, Fetched, bool)| {
            parse_loaded(resolution, source, compile)
        };
        let lost = |k: usize| Err(internal_parse_error(&level[k]));
        for_each_in_order(inputs, parse, lost, |k, loaded| {
            let resolution = level[k].clone();
            pending.remove(&resolution.url);
            let mut kind = match loaded? {
                // Compiled on the worker; its code is made for this thread here.
                Loaded::Parsed(parsed) => {
                    ModuleKind::SourceText(Box::new(SourceTextModule::new(&resolution.url, *parsed)))
                }
                Loaded::Synthetic(s) => ModuleKind::Synthetic(s),
            };
            if let ModuleKind::Synthetic(SyntheticModule {
                kind: SyntheticKind::CommonJs { source },
                export_names,
                lexed_export_names,
                ..
            }) = &mut kind
            {
                // The names Node's CommonJS analysis finds, in namespace order.
                let lexed = lexed_export_names.take();
                let mut names: Vec<JsStr> =
                    host.commonjs_export_names(&resolution, source, lexed).iter().map(|n| JsStr::from_str(n)).collect();
                names.sort_by(node_namespace_order);
                *export_names = names;
            }
            let id = insert_record(graph, resolution, kind, trace);
            let Some(module) = graph.get(id).source_text() else { return Ok(()) };
            let referrer = graph.get(id).url.clone();
            let requests = module.records.requested_modules.clone();
            let mut loaded = Vec::with_capacity(requests.len());
            for request in &requests {
                // HostLoadImportedModule(referrer, request): resolve, then reuse or load.
                let resolution = host.resolve_imported_module(&referrer, request)?;
                let child = match graph.lookup(&resolution.url).or_else(|| pending.get(&resolution.url).copied()) {
                    Some(existing) => {
                        trace.step(1, |t| {
                            let shown = t.show_url(&resolution.url);
                            (
                                format!("{:?}", request.specifier),
                                format!("-> {shown} #{} (already in the module map)", existing.0),
                            )
                        });
                        existing
                    }
                    None => {
                        let child = ModuleId((graph.len() + pending.len()) as u32);
                        trace.step(1, |t| {
                            let shown = t.show_url(&resolution.url);
                            (format!("{:?}", request.specifier), format!("-> {shown} #{} (new: to load)", child.0))
                        });
                        pending.insert(resolution.url.clone(), child);
                        queue.push_back(resolution);
                        child
                    }
                };
                loaded.push(child);
            }
            if let Some(cyclic) = graph.get_mut(id).cyclic_mut() {
                // [[LoadedModules]], one entry per [[RequestedModules]] entry.
                cyclic.loaded_modules = loaded;
            }
            Ok(())
        })?;
    }
    Ok(root)
}

/// A fetched source text (`None` for a built-in, which has none).
type Fetched = Option<Result<FetchedText, ModuleError>>;

/// What fetching a module found.
enum FetchedText {
    /// The text, still to be parsed.
    Text(String),
    /// The file at the resolution's path, still to be read (on the parse worker).
    File,
    /// The module's record kind, read, parsed and compiled ahead by the CommonJS loader's
    /// prefetch worker.
    Ahead(Loaded),
    /// A CommonJS module's text and wrapper, compiled ahead by the prefetch worker.
    Wrapper(String, PreparedWrapper),
}

/// What the prefetch worker did for a module.
enum Ahead {
    Loaded(Loaded),
    /// A CommonJS module's text and compiled wrapper (its facade is made by the parse step).
    Wrapper(String, PreparedWrapper),
    Text(String),
}

/// The work the prefetch worker did ahead for `r`, if any: an ES module parsed and compiled, a
/// CommonJS module's wrapper compiled, or at least the text. It is the same work as the parse
/// workers' here (a pure function of the file's bytes), done for the same file.
fn done_ahead(prefetcher: &Prefetcher, r: &HostResolution) -> Option<Ahead> {
    if !matches!(r.format, HostFormat::Module | HostFormat::CommonJs) {
        return None;
    }
    let Prefetched { source, parsed, .. } = prefetcher.take(r.path.as_deref()?)?;
    Some(match (&r.format, parsed) {
        (HostFormat::Module, Some(Parsed::Module(parsed))) => Ahead::Loaded(Loaded::Parsed(parsed)),
        (HostFormat::CommonJs, Some(Parsed::Wrapper(prepared))) => Ahead::Wrapper(source, prepared),
        // A module's text stays with its parse.
        (_, Some(Parsed::Module(parsed))) => Ahead::Text(parsed.source),
        _ => Ahead::Text(source),
    })
}

/// What a parse worker hands back for one module: a parsed ES module (made a record, compiled,
/// on the constructing thread) or a finished synthetic record.
enum Loaded {
    Parsed(Box<ParsedModule>),
    Synthetic(SyntheticModule),
}

/// The error of a module whose parse did not deliver a result (a bug, caught).
fn internal_parse_error(r: &HostResolution) -> ModuleError {
    ModuleError::Resolve(crate::resolve::errors::ResolveError {
        name: "Error",
        code: None,
        message: format!("modjs: internal error while parsing {}", r.url),
        url: None,
    })
}

/// Adds a loaded record to the map.
fn insert_record(graph: &mut ModuleGraph, resolution: HostResolution, kind: ModuleKind, trace: &mut Trace) -> ModuleId {
    let record = ModuleRecord { url: resolution.url, path: resolution.path, kind };
    let id = graph.insert(record);
    trace.step(0, |t| describe_loaded(t, graph, id));
    id
}

/// Turns a fetched module into its record kind: parses JavaScript (ParseModule, or a Script for
/// CommonJS), checks JSON, builds the synthetic records. `source` is `None` for built-ins.
/// `compile_commonjs`: whether a CommonJS module's wrapper is compiled ahead (not for one
/// `require` already loaded).
fn parse_loaded(resolution: &HostResolution, fetched: Fetched, compile_commonjs: bool) -> Result<Loaded, ModuleError> {
    let url = resolution.url.as_str();
    let path = resolution.path.as_deref();
    let source = match fetched {
        Some(Ok(FetchedText::Ahead(loaded))) => return Ok(loaded),
        Some(Ok(FetchedText::Wrapper(text, prepared))) => return Ok(commonjs_facade(text, Some(prepared))),
        Some(Ok(FetchedText::Text(text))) => Some(Ok(text)),
        Some(Ok(FetchedText::File)) => Some(read_module_file(path.unwrap_or_default())),
        Some(Err(e)) => Some(Err(e)),
        None => None,
    };
    let fetch = || source.unwrap_or_else(|| Ok(String::new()));
    Ok(match &resolution.format {
        HostFormat::Builtin(id) => {
            let export_names = builtin_export_names(id).iter().map(|n| JsStr::from_str(n)).collect();
            Loaded::Synthetic(SyntheticModule {
                kind: SyntheticKind::Builtin { id: id.clone() },
                export_names,
                prepared: None,
                lexed_export_names: None,
            })
        }
        HostFormat::Json => {
            let source = fetch()?;
            if let Err(e) = crate::json::parse(&source) {
                return Err(ModuleError::Resolve(crate::resolve::errors::ResolveError {
                    name: "SyntaxError",
                    code: None,
                    message: format!("{}: {}", path.unwrap_or(url), e.message),
                    url: None,
                }));
            }
            Loaded::Synthetic(SyntheticModule {
                kind: SyntheticKind::Json { source },
                export_names: vec![JsStr::from_str("default")],
                prepared: None,
                lexed_export_names: None,
            })
        }
        // A CommonJS module is compiled here, ahead, but its errors are thrown when it is
        // evaluated (as Node does: a syntax error in it surfaces only when its turn comes).
        HostFormat::CommonJs => {
            let source = fetch()?;
            let prepared = compile_commonjs.then(|| prepare_wrapper(&source));
            commonjs_facade(source, prepared)
        }
        HostFormat::Module => parse_source_text_module(url, fetch()?)?,
        HostFormat::Detect => {
            // Node v20.20's syntax detection: CommonJS unless the text fails to compile as
            // CommonJS in a way only an ES module explains.
            let source = fetch()?;
            match detect_format(&source) {
                Detected::Module => parse_source_text_module(url, source)?,
                Detected::CommonJs(_) | Detected::Error(_) => commonjs_facade(source, None),
            }
        }
    })
}

/// ParseModule (§16.2.1.7.1) of a source text: the Source Text Module Record, or Node's
/// SyntaxError.
fn parse_source_text_module(url: &str, source: String) -> Result<Loaded, ModuleError> {
    match prepare_module(source) {
        Ok(parsed) => Ok(Loaded::Parsed(parsed)),
        Err((source, error)) => Err(ModuleError::Syntax { url: url.to_string(), source, error }),
    }
}

/// The work of ParseModule that needs no thread's VM: the parse, the module records, the
/// top-level declarations and the compiled code (the tree is dropped here). On a syntax error
/// the text comes back with it.
pub(crate) fn prepare_module(source: String) -> Result<Box<ParsedModule>, (String, modjs_parser::SyntaxError)> {
    let program = match modjs_parser::parse(&source, Goal::Module) {
        Ok(p) => p,
        Err(error) => return Err((source, error)),
    };
    let records = parse_module_records(&program);
    let declarations = top_level_declarations(&program);
    let code = compile_module(&program, records.has_tla);
    drop(program);
    Ok(Box::new(ParsedModule { code, records, source, declarations }))
}

/// The record of a CommonJS module imported from ESM (the facade the CommonJS issue fills in),
/// with the export names the lexer finds in the text alone (made where the text is parsed,
/// usually a parse worker).
fn commonjs_facade(source: String, prepared: Option<PreparedWrapper>) -> Loaded {
    let lexed_export_names = crate::cjs_exports::names_without_reexports(&source);
    Loaded::Synthetic(SyntheticModule {
        kind: SyntheticKind::CommonJs { source },
        export_names: vec![JsStr::from_str("default")],
        prepared,
        lexed_export_names,
    })
}

/// The trace line for a newly loaded record: `load FILE` and what it was parsed as.
fn describe_loaded(t: &Trace, graph: &ModuleGraph, id: ModuleId) -> (String, String) {
    let record = graph.get(id);
    let left = format!("load {}", t.show_url(&record.url));
    let right = match &record.kind {
        ModuleKind::SourceText(m) => {
            let requests: Vec<String> =
                m.records.requested_modules.iter().map(|r| format!("{:?}", r.specifier)).collect();
            format!(
                "#{} Source Text Module Record{}, [[RequestedModules]] [{}]",
                id.0,
                if m.records.has_tla { ", [[HasTLA]] true" } else { "" },
                requests.join(", ")
            )
        }
        ModuleKind::Synthetic(s) => {
            let what = match &s.kind {
                SyntheticKind::Json { .. } => "JSON module",
                SyntheticKind::Builtin { .. } => "built-in module",
                SyntheticKind::CommonJs { .. } => "CommonJS module",
            };
            format!("#{} synthetic record ({}), {} export name(s)", id.0, what, s.export_names.len())
        }
    };
    (left, right)
}
