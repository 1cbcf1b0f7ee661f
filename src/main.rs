//! `modjs` — the command-line interface.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
