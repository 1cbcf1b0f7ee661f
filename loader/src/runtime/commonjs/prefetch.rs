//! Speculative prefetch of the files `require` is about to load.
//!
//! **Why.** `require` is synchronous: each module's file is read, parsed and compiled on the
//! VM thread when the module's code asks for it, one after the other, so in a large CommonJS
//! graph the parser and the file reads take a good part of the VM thread while the machine's
//! other cores wait. The text of a module usually says which files it will load next —
//! `require('./x.js')` calls with a literal argument — so a background thread can read and
//! parse those files while the VM thread compiles and runs the current one.
//!
//! **What is prefetched.** Worker threads (one per core, sharing one task list) walk the graph
//! the texts suggest, depth first in the order of the calls (the order in which top-level
//! `require`s run the modules): for each hinted file a worker resolves the specifier with its
//! own [`Resolver`] (the same [`resolve_filename_from`] `require` uses, with the program's
//! directory, conditions and global folders), reads the file, and parses and compiles it as
//! `Module._extensions['.js']` would — the wrapper function for CommonJS, Node's syntax
//! detection for a file without a fixed format, ParseModule for an ES module (whose static
//! imports are followed in turn) — or keeps just the text of a `.json` file. The result is kept
//! under the resolved filename. The hints come from [`super::require_scan`]; the children of a
//! file a worker parsed are queued by the worker, those of a file the VM thread loaded itself
//! are handed over by [`Prefetcher::scan_children`], and the CommonJS modules an ES module graph
//! imports are handed over all at once, in evaluation order, before the graph runs
//! ([`super::facade_hints`], [`Prefetcher::scan_in_order`]). At most [`WINDOW`] results wait at
//! a time; workers that found the window full sleep until half of it is free.

//! **When it is consumed.** `Module._extensions['.js']`/`['.json']` ask [`Prefetcher::take`]
//! for the filename `require` itself resolved: a result that is ready is taken out (a parse
//! still running is waited for, up to [`MAX_WAIT`]: on a busy machine the worker may not get a
//! core, and the VM thread then does the file itself), anything else makes the VM thread read
//! and parse as before,
//! and the worker will not start that file any more. Results are not dropped for being taken
//! out of order (an ES module graph's evaluation interleaves with `require` unpredictably); a
//! miss while the window is full drops the oldest result, so guesses the program never takes
//! cannot stall the worker for good.
//!
//! **Why it cannot change behaviour.** Only work that is a pure function of a file's bytes is
//! done ahead: the read and the parse. Resolution, the module cache, the format decision,
//! compiling and running stay on the VM thread, in the program's order, and a prefetched
//! result is used only for the file `require` resolved and only with the format the VM thread
//! decided. A syntax error found ahead is a value kept with the result and thrown when the
//! module is loaded, exactly as the VM thread's own parse would throw it. Each file is
//! prefetched at most once and a result is used at most once, so deleting a module from
//! `require.cache` and requiring it again reads the file again; and a result whose file's
//! length or modification time changed since it was read is thrown away. A read that fails is
//! not kept (the VM thread's read reports the error).

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::SystemTime;

use modjs_parser::ast::Program;

use super::format::{detect_and_prepare, require_format, Detection, RequireFormat};
use super::require_scan::static_require_specifiers;
use super::wrapper::{prepare_wrapper, PreparedWrapper};
use crate::module::construct::prepare_module;
use crate::module::record::ParsedModule;
use crate::fast_hash::{FastHashMap, FastHashSet};
use crate::resolve::cjs::{resolve_filename_from, CjsParent, Required};
use crate::resolve::Resolver;

/// How many results may wait to be taken.
pub const WINDOW: usize = 128;

/// Workers that found the window full start again when this many results wait.
const REFILL_AT: usize = WINDOW / 2;

/// At most this many worker threads.
const MAX_WORKERS: usize = 4;

/// How long the VM thread waits for a parse the worker is in the middle of.
const MAX_WAIT: std::time::Duration = std::time::Duration::from_millis(2);

/// Stack of the worker: deep trees are parsed recursively (as on the parse pipeline's threads).
const WORKER_STACK: usize = crate::module::parse_pipeline::WORKER_STACK;

/// Whether a program prefetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrefetchMode {
    /// Everything is read and parsed on the VM thread when `require` needs it.
    Off,
    /// The worker runs ahead of the VM thread.
    On,
    /// As `On`, but the VM thread lets the worker finish all it can first
    /// ([`Prefetcher::set_patient`]): for tests.
    Patient,
}

/// A file read (and parsed) ahead.
pub struct Prefetched {
    /// The text, as `read_source` makes it.
    pub source: String,
    /// The parse, when the file is loaded as JavaScript.
    pub parsed: Option<Parsed>,
    /// `None` for work handed over by the module graph's parse workers ([`Prefetched::prepared`]).
    stamp: Option<Stamp>,
}

/// The parse done ahead, named by the format the worker found.
pub enum Parsed {
    /// `RequireFormat::CommonJs`: the wrapper, parsed and compiled.
    Wrapper(PreparedWrapper),
    /// `RequireFormat::Detect`: syntax detection (and a CommonJS text's wrapper compiled).
    Detect(Detection),
    /// An ES module (`.mjs`, or `.js` in a `"type": "module"` scope) that parses: ParseModule's
    /// work and the compiled code, for the module graph's construct phase to take.
    Module(Box<ParsedModule>),
}

impl Prefetched {
    /// The text and wrapper of a CommonJS module that an ES module imports, prepared by the
    /// module graph's parse workers while the graph was constructed (the same work the worker
    /// here would do; the file was read in this run, so no stamp is checked).
    pub fn prepared(source: String, prepared: PreparedWrapper) -> Prefetched {
        Prefetched { source, parsed: Some(Parsed::Wrapper(prepared)), stamp: None }
    }

    /// As [`Prefetched::prepared`], for work handed over well before the module may run (when
    /// its graph starts to run): the file's length and modification time now are kept, and a
    /// load after the file changed reads it anew. `None` when the file cannot be looked at.
    pub fn prepared_until_changed(source: String, prepared: PreparedWrapper, filename: &str) -> Result<Prefetched, (String, PreparedWrapper)> {
        match stamp_of(filename) {
            Some(stamp) => Ok(Prefetched { source, parsed: Some(Parsed::Wrapper(prepared)), stamp: Some(stamp) }),
            None => Err((source, prepared)),
        }
    }

    /// Whether the file is as it was when this was made (always, without a stamp).
    pub fn is_fresh(&self, filename: &str) -> bool {
        self.stamp.is_none() || stamp_of(filename) == self.stamp
    }
}

impl Parsed {
    /// The wrapper parse, when the file was parsed for this format.
    pub fn for_commonjs(self) -> Option<PreparedWrapper> {
        match self {
            Parsed::Wrapper(r) => Some(r),
            Parsed::Detect(_) | Parsed::Module(_) => None,
        }
    }

    /// The detection result, when the file was parsed for this format.
    pub fn for_detection(self) -> Option<Detection> {
        match self {
            Parsed::Detect(d) => Some(d),
            Parsed::Wrapper(_) | Parsed::Module(_) => None,
        }
    }
}

/// A file's length and modification time when it was read.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

fn stamp_of(path: &str) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp { len: meta.len(), modified: meta.modified().ok() })
}

/// The file's bytes and its stamp, taken from the open file before it is read (a change during
/// the read makes a later [`stamp_of`] differ).
fn read_with_stamp(path: &str) -> Option<(Vec<u8>, Stamp)> {
    let (bytes, meta) = crate::resolve::fs::read_regular_file(path)?;
    Some((bytes, Stamp { len: meta.len(), modified: meta.modified().ok() }))
}

/// What the resolver of the worker is set up with (the program's own settings).
#[derive(Clone)]
pub struct ResolverSettings {
    pub current_dir: Option<String>,
    pub user_conditions: Vec<String>,
    pub global_paths: Vec<String>,
}

/// Where a task stands in the order the program is expected to need files: depth first, a
/// file's requirements (key + [i]) right after the file. Every hint from the VM thread starts a
/// new top-level branch, placed *before* the earlier ones (its file is the one running now, so
/// its requirements come next); see [`State::fresh_branch`].
type Key = Vec<u32>;

enum Task {
    /// Read and parse this (resolved) file.
    Load(String),
    /// Queue the hinted children of a file the VM thread loaded itself.
    Scan { filename: String, source: String },
}

enum Entry {
    InProgress,
    /// The VM thread stopped waiting for it and does it itself: the worker's result is dropped.
    Abandoned,
    Ready {
        key: Key,
        result: Prefetched,
    },
}

struct State {
    /// The work list in expected order of need: workers take the first task. (A stack would
    /// do for one worker; with several, the children a worker queues must not overtake the
    /// siblings of their parent that another worker queued earlier.)
    tasks: std::collections::BTreeMap<Key, Task>,
    /// How many branches [`State::fresh_branch`] opened.
    branches: u32,
    /// Every file the worker started or the VM thread claimed.
    seen: FastHashSet<String>,
    entries: FastHashMap<String, Entry>,
    /// The ready results in expected order of need.
    ready: std::collections::BTreeMap<Key, String>,
    /// Trees the VM thread compiled, for the worker to free.
    garbage: Vec<Program>,
    stop: bool,
    /// How many workers are on a task.
    busy: usize,
    /// See [`Prefetcher::set_patient`].
    patient: bool,
    /// The VM thread waits on `for_vm` (only then is it signalled: a signal is a system call).
    vm_waiting: bool,
    /// Workers waiting on `for_workers`.
    workers_waiting: usize,
    stats: PrefetchStats,
}

impl State {
    /// The key of a new top-level branch, before all earlier ones.
    fn fresh_branch(&mut self) -> Key {
        self.branches += 1;
        vec![u32::MAX - self.branches]
    }

    /// Nothing left that the worker could do now.
    fn idle(&self) -> bool {
        self.busy == 0 && (self.tasks.is_empty() || self.ready.len() >= WINDOW)
    }
}

/// Counts of what the prefetcher did (for tests and measurements).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrefetchStats {
    /// Files the worker read (and parsed).
    pub started: usize,
    /// Results the VM thread used.
    pub taken: usize,
    /// Results thrown away at [`Prefetcher::take`] because the file changed.
    pub stale: usize,
    /// Files the VM thread asked for that the worker had not done.
    pub missed: usize,
    /// Files the VM thread stopped waiting for and read itself.
    pub abandoned: usize,
}

struct Shared {
    state: Mutex<State>,
    /// The workers wait here for work (tasks, trees to free, room in the window).
    for_workers: Condvar,
    /// The VM thread waits here for a result in progress (and, patient, for idle workers).
    for_vm: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits as the VM thread.
    fn vm_wait<'a>(&self, mut guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        guard.vm_waiting = true;
        let mut guard = self.for_vm.wait(guard).unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.vm_waiting = false;
        guard
    }

    /// Waits as a worker.
    fn worker_wait<'a>(&self, mut guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        guard.workers_waiting += 1;
        let mut guard = self.for_workers.wait(guard).unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.workers_waiting -= 1;
        guard
    }
}

/// The prefetch worker of one program. Dropping it stops the worker (it finishes the file in
/// hand and quits).
pub struct Prefetcher {
    shared: Arc<Shared>,
}

impl Prefetcher {
    /// Starts the worker; `None` when no thread can be started (everything is then done on the
    /// VM thread as without a prefetcher).
    pub fn start(settings: ResolverSettings) -> Option<Prefetcher> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                tasks: std::collections::BTreeMap::new(),
                seen: FastHashSet::default(),
                entries: FastHashMap::default(),
                ready: std::collections::BTreeMap::new(),
                branches: 0,
                garbage: Vec::new(),
                stop: false,
                busy: 0,
                patient: false,
                vm_waiting: false,
                workers_waiting: 0,
                stats: PrefetchStats::default(),
            }),
            for_workers: Condvar::new(),
            for_vm: Condvar::new(),
        });
        // One worker per core: the VM thread spends much of its time running the modules, and
        // a single worker (parsing and compiling cost more per module than running one) fell
        // behind it. The workers share the depth-first task list, so they work on different
        // files of the same neighbourhood.
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MAX_WORKERS);
        let mut started = 0;
        for k in 0..workers {
            let for_worker = Arc::clone(&shared);
            let settings = settings.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("cjs-prefetch-{k}"))
                .stack_size(WORKER_STACK)
                .spawn(move || run_worker(&for_worker, settings));
            if spawned.is_ok() {
                started += 1;
            }
        }
        (started > 0).then_some(Prefetcher { shared })
    }

    /// The result for `filename`, waiting while the worker is on it; `None` when there is
    /// none (the file is then claimed: the worker will not start it). A result whose file
    /// changed since it was read is dropped.
    pub fn take(&self, filename: &str) -> Option<Prefetched> {
        let mut s = self.shared.lock();
        while s.patient && !s.idle() {
            s = self.shared.vm_wait(s);
        }

        loop {
            match s.entries.get(filename) {
                Some(Entry::InProgress) => {
                    s.vm_waiting = true;
                    let (guard, timeout) =
                        self.shared.for_vm.wait_timeout(s, MAX_WAIT).unwrap_or_else(|poisoned| poisoned.into_inner());
                    s = guard;
                    s.vm_waiting = false;
                    // A parse takes a fraction of a millisecond: a worker still on it after the
                    // wait is likely not running at all (the machine's other cores are busy),
                    // and the VM thread is better off doing it itself than waiting for a core.
                    if timeout.timed_out() && matches!(s.entries.get(filename), Some(Entry::InProgress)) {
                        s.entries.insert(filename.to_string(), Entry::Abandoned);
                        s.stats.abandoned += 1;
                        return None;
                    }
                }
                Some(Entry::Abandoned) => return None,
                Some(Entry::Ready { .. }) => break,
                None => {
                    s.stats.missed += 1;
                    s.seen.insert(filename.to_string());
                    // A miss while the window is full: the result needed last gives way, so a run
                    // of guesses the program never takes cannot stall the workers for good.
                    if s.ready.len() >= WINDOW {
                        if let Some((_, last)) = s.ready.pop_last() {
                            s.entries.remove(&last);
                        }
                        if s.workers_waiting > 0 {
                            self.shared.for_workers.notify_one();
                        }
                    }
                    return None;
                }
            }
        }
        let Some(Entry::Ready { key, result }) = s.entries.remove(filename) else { return None };
        s.ready.remove(&key);
        // Workers that found the window full sleep until half of it is free again (waking
        // them for every free slot would cost a thread switch per file).
        let refill = s.ready.len() == REFILL_AT && s.workers_waiting > 0;
        drop(s);
        if refill {
            self.shared.for_workers.notify_all();
        }
        let fresh = result.stamp.is_none() || stamp_of(filename) == result.stamp;
        let mut s = self.shared.lock();
        if fresh {
            s.stats.taken += 1;
        } else {
            s.stats.stale += 1;
        }
        fresh.then_some(result)
    }

    /// Hands over the text of a file the VM thread loaded itself, so that the worker prefetches
    /// what it requires next.
    pub fn scan_children(&self, filename: &str, source: &str) {
        let mut s = self.shared.lock();
        let key = s.fresh_branch();
        s.tasks.insert(key, Task::Scan { filename: filename.to_string(), source: source.to_string() });
        if s.workers_waiting > 0 {
            self.shared.for_workers.notify_one();
        }
        while s.patient && !s.idle() {
            s = self.shared.vm_wait(s);
        }
    }

    /// Hands over the texts of files that will run in this order (CommonJS modules an ES module
    /// graph imports, see [`super::facade_hints`]): the workers prefetch what they require,
    /// the first file's requirements first. `loaded` are files the module map already holds:
    /// the workers leave them alone.
    pub fn scan_in_order(&self, files: Vec<(String, String)>, loaded: Vec<String>) {
        let mut s = self.shared.lock();
        s.seen.extend(loaded);
        let branch = s.fresh_branch();
        for (i, (filename, source)) in files.into_iter().enumerate() {
            let mut key = branch.clone();
            key.push(i as u32);
            s.tasks.insert(key, Task::Scan { filename, source });
        }
        if s.workers_waiting > 0 {
            self.shared.for_workers.notify_all();
        }
        while s.patient && !s.idle() {
            s = self.shared.vm_wait(s);
        }
    }

    /// Hands over a tree the VM thread no longer needs: the worker frees it (freeing a large
    /// tree is a walk over all its nodes; the allocations are mostly the worker's own).
    /// When the worker is not getting to it (the machine's cores are busy), the tree is freed
    /// here instead, so that trees never pile up.
    pub fn dispose(&self, tree: Program) {
        let mut s = self.shared.lock();
        if s.garbage.len() >= WINDOW {
            drop(s);
            drop(tree);
            return;
        }
        s.garbage.push(tree);
        let wake = s.workers_waiting > 0;
        drop(s);
        if wake {
            self.shared.for_workers.notify_one();
        }
    }

    /// In patient mode the VM thread lets the worker finish everything it can do before each
    /// [`Self::take`] and after each [`Self::scan_children`], so that every hinted file is
    /// prefetched before it is asked for: tests use it to make the prefetch path certain
    /// instead of a matter of timing.
    pub fn set_patient(&self, patient: bool) {
        self.shared.lock().patient = patient;
    }

    /// What the prefetcher did so far.
    pub fn stats(&self) -> PrefetchStats {
        self.shared.lock().stats
    }
}

impl Drop for Prefetcher {
    fn drop(&mut self) {
        let mut s = self.shared.lock();
        s.stop = true;
        s.tasks.clear();
        s.garbage.clear();
        s.entries.clear();
        s.ready.clear();
        drop(s);
        self.shared.for_workers.notify_all();
        self.shared.for_vm.notify_all();
    }
}

/// The worker's loop: the next task, depth first; loads wait while the window is full.
fn run_worker(shared: &Shared, settings: ResolverSettings) {
    let mut resolver = Resolver::new();
    resolver.current_dir = settings.current_dir;
    resolver.user_conditions = settings.user_conditions;
    resolver.global_paths = settings.global_paths;
    loop {
        let task = {
            let mut s = shared.lock();
            loop {
                if s.stop {
                    return;
                }
                if !s.garbage.is_empty() {
                    let garbage = std::mem::take(&mut s.garbage);
                    drop(s);
                    drop(garbage);
                    s = shared.lock();
                    continue;
                }
                let may_load = s.ready.len() < WINDOW;
                match s.tasks.first_key_value().map(|(_, t)| t) {
                    Some(Task::Scan { .. }) => {
                        s.busy += 1;
                        break s.tasks.pop_first();
                    }
                    Some(Task::Load(name)) if s.seen.contains(name) => {
                        s.tasks.pop_first();
                    }
                    Some(Task::Load(_)) if may_load => {
                        // Claimed in the same moment it is taken off the list, so the VM thread
                        // either finds it in progress or has claimed it first.
                        let task = s.tasks.pop_first();
                        s.busy += 1;
                        if let Some((_, Task::Load(name))) = &task {
                            s.seen.insert(name.clone());
                            s.entries.insert(name.clone(), Entry::InProgress);
                        }
                        break task;
                    }
                    _ => {
                        // Going to sleep: a patient VM thread may go on.
                        if s.vm_waiting {
                            shared.for_vm.notify_all();
                        }
                        s = shared.worker_wait(s);
                    }
                }
            }
        };
        match task {
            Some((key, Task::Scan { filename, source })) => {
                let children = hinted_children(&mut resolver, &filename, &source);
                queue_children(shared, &key, children);
                finished_task(shared);
            }
            Some((key, Task::Load(filename))) => {
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| prefetch_file(&mut resolver, &filename)));
                let mut s = shared.lock();
                match outcome {
                    Ok(Some((_, children))) if matches!(s.entries.get(&filename), Some(Entry::Abandoned)) => {
                        s.entries.remove(&filename);
                        drop(s);
                        queue_children(shared, &key, children);
                    }
                    Ok(Some((result, children))) if !s.stop => {
                        s.stats.started += 1;
                        s.ready.insert(key.clone(), filename.clone());
                        s.entries.insert(filename, Entry::Ready { key: key.clone(), result });
                        drop(s);
                        queue_children(shared, &key, children);
                    }
                    // Nothing to keep (or a bug in the parse): the VM thread does it itself.
                    _ => {
                        s.entries.remove(&filename);
                        drop(s);
                    }
                }
                finished_task(shared);
            }
            None => {}
        }
    }
}

/// Queues the children of the task at `parent`, right after it in order of need (the worker
/// that calls this usually takes the first; another sleeping worker is woken for the rest).
fn queue_children(shared: &Shared, parent: &[u32], children: Vec<String>) {
    let mut s = shared.lock();
    let mut queued = 0;
    for (i, child) in children.into_iter().enumerate() {
        if !s.seen.contains(&child) {
            let mut key = Vec::with_capacity(parent.len() + 1);
            key.extend_from_slice(parent);
            key.push(i as u32);
            s.tasks.insert(key, Task::Load(child));
            queued += 1;
        }
    }
    let wake = queued > 1 && s.workers_waiting > 0;
    drop(s);
    if wake {
        shared.for_workers.notify_one();
    }
}

/// A worker is done with its task: the VM thread, if it waits, may look again.
fn finished_task(shared: &Shared) {
    let vm_waiting = {
        let mut s = shared.lock();
        s.busy -= 1;
        s.vm_waiting
    };
    if vm_waiting {
        shared.for_vm.notify_all();
    }
}

/// The files the module at `filename` hints at, resolved (built-ins and failures left out).
fn hinted_children(resolver: &mut Resolver, filename: &str, source: &str) -> Vec<String> {
    let dir = crate::resolve::path::dirname(filename);
    static_require_specifiers(source)
        .iter()
        .filter_map(|request| {
            if let Some(path) = relative_file_with_extension(&dir, request) {
                return Some(path);
            }
            match resolve_filename_from(resolver, request, CjsParent::Module(filename)) {
                Ok(Required::File(path)) => Some(path),
                _ => None,
            }
        })
        .collect()
}

/// The path a relative request with a loader extension names in `dir`, joined without asking
/// the file system. Resolution would confirm it (and find the real path) with several system
/// calls per request; a guess suffices here, because a result is only ever used for the very
/// filename `require` resolved: a wrong path (a symbolic link on the way, a folder named
/// `x.js`) just goes unused.
fn relative_file_with_extension(dir: &str, request: &str) -> Option<String> {
    let relative = request.starts_with("./") || request.starts_with("../");
    let named_file = [".js", ".cjs", ".mjs", ".json"].iter().any(|ext| request.ends_with(ext));
    (relative && named_file).then(|| crate::resolve::path::resolve(dir, request))
}

/// Reads and parses one file as `Module.prototype.load` would treat it, with its hinted
/// children; `None` when there is nothing worth keeping.
fn prefetch_file(resolver: &mut Resolver, filename: &str) -> Option<(Prefetched, Vec<String>)> {
    let base = &filename[filename.rfind('/').map_or(0, |i| i + 1)..];
    if base.ends_with(".node") && base.len() > ".node".len() {
        return None;
    }
    let is_json = base.ends_with(".json") && base.len() > ".json".len();
    let format = if is_json {
        None
    } else if base.ends_with(".mjs") {
        Some(RequireFormat::Module)
    } else {
        match require_format(resolver, filename) {
            Err(_) => return None,
            Ok(f) => Some(f),
        }
    };
    let (bytes, stamp) = read_with_stamp(filename)?;
    let mut source = crate::cjs_exports::utf8_text(bytes);
    let (parsed, children) = match format {
        None => (None, Vec::new()),
        Some(RequireFormat::Module) => {
            // Only a module that parses is kept: the module graph reports errors itself. The
            // text stays with the parse (the module graph takes it from there).
            let parsed = prepare_module(std::mem::take(&mut source)).ok()?;
            let dir = crate::resolve::path::dirname(filename);
            let children = parsed
                .records
                .requested_modules
                .iter()
                .filter_map(|r| relative_file_with_extension(&dir, &r.specifier.to_string_lossy()))
                .collect();
            (Some(Parsed::Module(parsed)), children)
        }
        Some(RequireFormat::CommonJs) => {
            let prepared = prepare_wrapper(&source);
            let children = if prepared.is_ok() { hinted_children(resolver, filename, &source) } else { Vec::new() };
            (Some(Parsed::Wrapper(prepared)), children)
        }
        Some(_) => {
            let detected = detect_and_prepare(&source);
            let children = match detected {
                Detection::CommonJs(_) => hinted_children(resolver, filename, &source),
                _ => Vec::new(),
            };
            (Some(Parsed::Detect(detected)), children)
        }
    };
    Some((Prefetched { source, parsed, stamp: Some(stamp) }, children))
}
