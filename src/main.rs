//! `modjs` — the command-line interface.

mod cli;

#[cfg(not(feature = "system-alloc"))]
mod allocator;

/// The parser and, later, the compiler allocate and free millions of small nodes; mimalloc's
/// size-class free lists make that about 15% cheaper than the system allocator (README:
/// dependencies). `--features system-alloc` builds with the system allocator instead, for heap
/// profilers that intercept malloc (valgrind's massif and dhat).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: allocator::Allocator = allocator::Allocator;

fn main() {
    #[cfg(not(feature = "system-alloc"))]
    allocator::configure();
    std::process::exit(cli::main());
}
