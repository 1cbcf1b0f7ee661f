fn main() {
    // Generates the parser into OUT_DIR (never into the source tree).
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("lalrpop failed to generate the grammar");
}
