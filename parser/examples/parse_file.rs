//! Parses files given on the command line and prints the first error of each (dev tool).
fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let module = args.first().is_some_and(|a| a == "--module");
    if module {
        args.remove(0);
    }
    let goal = if module { modjs_parser::Goal::Module } else { modjs_parser::Goal::Script };
    for f in args {
        let src = std::fs::read_to_string(&f).unwrap_or_default();
        match modjs_parser::parse_unchecked(&src, goal) {
            Ok(p) => println!("{f}: ok ({} statements)", p.body.len()),
            Err(e) => println!("{f}: {} at {}..{}", e, e.span.start, e.span.end),
        }
    }
}
