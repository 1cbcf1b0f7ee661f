//! `modjs parse [--module|--script] [--ast] [--records] FILE...`

use clap::Args;

#[derive(Args)]
pub struct ParseArgs {
    /// Parse as a Module (default for .mjs).
    #[arg(long, conflicts_with = "script")]
    pub module: bool,
    /// Parse as a Script.
    #[arg(long)]
    pub script: bool,
    /// Print the AST.
    #[arg(long)]
    pub ast: bool,
    /// Print the module records.
    #[arg(long)]
    pub records: bool,
    pub files: Vec<std::path::PathBuf>,
}

pub fn run(args: ParseArgs) -> i32 {
    let _ = args;
    0
}
