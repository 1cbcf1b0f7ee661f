//! The test262 conformance runner: finds the tests under the given paths, reads their
//! frontmatter, runs each variant in the chosen mode on a thread pool, prints a table per
//! directory and the mode's figures, and compares with an expectations file.
//!
//! The last line is always `N passed, N failed` (read by CI tooling). `passed` counts test files
//! whose variants all pass; `failed` counts, with `--expectations`, the test files with a
//! regressed variant, and otherwise every failing test file. The exit status is 1 only for
//! regressions (2 for usage or setup errors).

mod child;
mod discover;
mod expectations;
mod features;
mod frontmatter;
mod harness;
mod mode;
mod options;
mod outcome;
mod report;
mod variant;
mod watchdog;
mod worker;

use clap::Parser;
use options::Options;
use std::collections::BTreeSet;
use std::process::ExitCode;
use std::time::Instant;

/// How many newly passing variants are named without `--verbose`.
const NEWLY_PASSING_NAMED: usize = 20;

fn main() -> ExitCode {
    let options = Options::parse();
    match run(&options) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("test262: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(options: &Options) -> Result<ExitCode, String> {
    let started = Instant::now();
    let root = options.test262_dir();
    if !root.join("test").is_dir() {
        return Err(format!("{} does not look like a test262 checkout (no test/ directory); use --test262 DIR", root.display()));
    }
    let features_txt = std::fs::read_to_string(root.join("features.txt"))
        .map_err(|e| format!("{}: {e}", root.join("features.txt").display()))?;
    let feature_filter = features::FeatureFilter::new(features::proposal_features(&features_txt)?, options.mode.counted_proposals());

    // The tests in scope.
    let prefixes: Vec<String> = if options.paths.is_empty() {
        // A checkout without one of the default directories just has fewer tests.
        options.mode.default_paths().iter().filter(|p| root.join(p).exists()).map(|p| p.to_string()).collect()
    } else {
        let ids: Vec<String> = options.paths.iter().map(|p| discover::relative_id(&root, p)).collect::<Result<_, _>>()?;
        // The root itself means all of `test/` (`harness/` holds no tests).
        ids.into_iter().map(|id| if id.is_empty() { "test".to_string() } else { id }).collect()
    };
    let mut tests = Vec::new();
    for prefix in &prefixes {
        discover::collect_tests(&root, prefix, &mut tests)?;
    }
    let excluded: Vec<String> =
        options.exclude_dirs.iter().map(|p| discover::relative_id(&root, p)).collect::<Result<_, _>>()?;
    let scope = expectations::Scope { prefixes: prefixes.clone(), filter: options.filter.clone(), excluded };
    tests.retain(|t| scope.contains(t));
    tests.sort();
    tests.dedup();
    let expected = match &options.expectations {
        Some(file) if options.update && !file.exists() => Some(BTreeSet::new()),
        Some(file) => Some(expectations::load(file)?),
        None => None,
    };

    // Run.
    worker::install_panic_hook();
    let jobs = options.jobs();
    let settings = mode::Settings { harness: root.join("harness"), engine: engine(options)? };
    let suite = worker::Suite { root: &root, mode: options.mode, features: &feature_filter, settings: &settings };
    let results = worker::run_all(&suite, &tests, jobs)?;
    let elapsed = started.elapsed();

    // Report.
    let counted: Vec<_> = results.iter().filter(|r| r.counted()).collect();
    let passed = counted.iter().filter(|r| r.passed()).count();
    let failing = counted.len() - passed;
    let (excluded, excluded_list) = report::exclusions(&results);
    let excluded_dirs = if scope.excluded.is_empty() { String::new() } else { format!(" without {}", scope.excluded.join(", ")) };
    println!(
        "test262 --mode {} in {} ({}{excluded_dirs}): {} tests, {} excluded (proposals)",
        options.mode.name(),
        root.display(),
        prefixes.join(", "),
        results.len(),
        excluded,
    );
    println!();
    print!("{}", report::tables(&results));
    println!();
    for line in options.mode.figures(&results) {
        println!("{line}");
    }
    if options.verbose && excluded > 0 {
        println!("excluded by feature: {excluded_list}");
    }
    let slow = report::slow_tests(&results);
    if !slow.is_empty() {
        println!("slow tests (over {} s): {}", report::SLOW_TEST.as_secs(), slow.join(", "));
    }
    if options.verbose {
        print!("{}", report::failures(&results));
    }

    let mut regressed = None;
    if let (Some(file), Some(expected)) = (&options.expectations, &expected) {
        let comparison = expectations::compare(expected, &results, &scope);
        for (id, why) in &comparison.regressions {
            println!("REGRESSION {id}: {}", report::one_line(why));
        }
        // A few new passes are named (a CI log then shows them); thousands only with --verbose.
        let named = if options.verbose { usize::MAX } else { NEWLY_PASSING_NAMED };
        for id in comparison.newly_passing.iter().take(named) {
            println!("newly passing: {id}");
        }
        if comparison.newly_passing.len() > named {
            println!("newly passing: … and {} more (--verbose lists them)", comparison.newly_passing.len() - named);
        }
        if options.verbose {
            for id in &comparison.stale {
                println!("stale expectation: {id}");
            }
        }
        println!(
            "expectations {}: {} regressions, {} stale",
            file.display(),
            comparison.regressions.len(),
            comparison.stale.len()
        );
        if options.update {
            let next = expectations::updated(expected, &results, &scope);
            expectations::save(file, options.mode, &next)?;
            println!("updated {}: {} entries", file.display(), next.len());
        } else {
            println!("newly passing: {} (run with --update)", comparison.newly_passing.len());
            regressed = Some(comparison.regressed_tests());
        }
    }
    let variants = report::variant_count(&results);
    println!(
        "time: {:.1} s for {variants} variants of {} tests on {jobs} thread{} ({:.0} variants/s)",
        elapsed.as_secs_f64(),
        counted.len(),
        if jobs == 1 { "" } else { "s" },
        variants as f64 / elapsed.as_secs_f64().max(1e-3),
    );
    let failed = regressed.unwrap_or(failing);
    println!("{passed} passed, {failed} failed");
    Ok(if regressed.unwrap_or(0) > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The modjs binary and its limits (checked to exist in run mode, where every test needs it).
fn engine(options: &Options) -> Result<mode::run::Engine, String> {
    let binary = options.modjs_binary();
    if options.mode == mode::Mode::Run && !binary.is_file() {
        return Err(format!("{} does not exist: build it (cargo build --release) or pass --modjs PATH", binary.display()));
    }
    let address_space = (options.memory_limit > 0).then(|| options.memory_limit.saturating_mul(1 << 20));
    Ok(mode::run::Engine { binary, limits: child::Limits { timeout: options.timeout()?, address_space } })
}
