//! Generates the parser from src/grammar.lalrpop into OUT_DIR (never into the source tree).

use std::path::PathBuf;

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("lalrpop failed to generate the grammar");
    patch_generated_parser();
}

/// Applies [`skip_expected_token_lists`], [`keep_reductions_out_of_line`],
/// [`move_fallible_reductions_out`], [`box_large_rare_symbols`], [`inline_parse_loop_helpers`],
/// [`presize_repetition_lists`] and [`keep_symbols_of_identity_reductions`] to the generated
/// grammar.rs.
fn patch_generated_parser() {
    let Some(out) = std::env::var_os("OUT_DIR") else { return };
    let path = PathBuf::from(out).join("grammar.rs");
    let Ok(code) = std::fs::read_to_string(&path) else { return };
    let code = skip_expected_token_lists(code);
    let code = keep_reductions_out_of_line(code);
    let code = move_fallible_reductions_out(code);
    let code = box_large_rare_symbols(code);
    let code = inline_parse_loop_helpers(code);
    let code = presize_repetition_lists(code);
    let code = keep_symbols_of_identity_reductions(code);
    if let Err(e) = std::fs::write(&path, code) {
        println!("cargo:warning=grammar.rs: could not write the patched parser: {e}");
    }
}

/// lalrpop does not regenerate grammar.rs when the grammar is unchanged, so every patch must
/// recognise its own work and leave it alone.
const SKIPPED_EXPECTED_TOKENS: &str = "    {\n        let _ = __states;\n        alloc::vec::Vec::new()\n    }\n";

/// lalrpop fills every parse error with the list of terminals that would have been accepted,
/// found by simulating the parser once per terminal (about 150 simulations). Automatic
/// semicolon insertion goes through error recovery, so code written without semicolons paid
/// that price at every line end: half of its parse time. modjs words its errors from the
/// offending token alone (V8's style), so the generated function returns an empty list.
fn skip_expected_token_lists(code: String) -> String {
    if code.contains(SKIPPED_EXPECTED_TOKENS) {
        return code;
    }
    let Some(fn_at) = code.find("fn __expected_tokens_from_states<") else {
        println!("cargo:warning=grammar.rs: __expected_tokens_from_states not found; left as generated");
        return code;
    };
    let body_marker = "    {\n        __TERMINAL.iter().enumerate().filter_map(|(index, terminal)| {\n            if __accepts(";
    let end_marker = "        }).collect()\n    }\n";
    let Some(body_rel) = code[fn_at..].find(body_marker) else {
        println!("cargo:warning=grammar.rs: unexpected shape of __expected_tokens_from_states");
        return code;
    };
    let body_at = fn_at + body_rel;
    let Some(end_rel) = code[body_at..].find(end_marker) else { return code };
    let end_at = body_at + end_rel + end_marker.len();
    let mut patched = String::with_capacity(code.len());
    patched.push_str(&code[..body_at]);
    patched.push_str(SKIPPED_EXPECTED_TOKENS);
    patched.push_str(&code[end_at..]);
    patched
}

/// lalrpop dispatches every reduction through one `__reduce` function that calls the
/// production's `__reduceN`. Inlined there, the hundreds of productions' locals made its stack
/// frame tens of kilobytes, and every reduction paid for probing those pages on entry (about
/// a fifth of all the parser's instructions). Out of line, each production pays for its own
/// frame only.
fn keep_reductions_out_of_line(code: String) -> String {
    let marker = "\n    fn __reduce";
    let mut patched = String::with_capacity(code.len() + code.len() / 50);
    let mut rest = code.as_str();
    while let Some(at) = rest.find(marker) {
        let after = &rest[at + marker.len()..];
        patched.push_str(&rest[..at]);
        let marked = patched.trim_end().ends_with("#[inline(never)]");
        if after.starts_with(|c: char| c.is_ascii_digit()) && !marked {
            patched.push_str("\n    #[inline(never)]");
        }
        patched.push_str(marker);
        rest = after;
    }
    patched.push_str(rest);
    patched
}

/// The productions with fallible actions (`=>?`) are written by lalrpop straight into the arms
/// of `__reduce`'s `match`, so the same problem as in [`keep_reductions_out_of_line`]: each
/// such arm becomes a function of its own, `__reduce_fallible{N}`, returning the error instead
/// of `Some(Err(..))`.
fn move_fallible_reductions_out(code: String) -> String {
    let match_marker = "        let (__pop_states, __nonterminal) = match __action {\n";
    let end_marker = "\n        };\n        let __states_len = __states.len();";
    let fn_marker = "    fn __reduce<";
    if code.contains("fn __reduce_fallible") {
        return code;
    }
    let (Some(fn_at), Some(match_at)) = (code.find(fn_marker), code.find(match_marker)) else {
        println!("cargo:warning=grammar.rs: __reduce not found; fallible reductions left inline");
        return code;
    };
    let arms_at = match_at + match_marker.len();
    let Some(arms_len) = code[arms_at..].find(end_marker) else {
        println!("cargo:warning=grammar.rs: unexpected shape of __reduce; left as generated");
        return code;
    };
    let arms_end = arms_at + arms_len;
    let mut functions = String::new();
    let mut arms = String::new();
    let mut lines = code[arms_at..arms_end].lines();
    while let Some(line) = lines.next() {
        arms.push_str(line);
        arms.push('\n');
        let Some(index) = line.trim().strip_suffix(" => {") else { continue };
        let mut body = Vec::new();
        for inner in lines.by_ref() {
            if inner == "            }" {
                break;
            }
            body.push(inner);
        }
        let single_call = body.len() == 1 && body[0].trim_start().starts_with("__reduce");
        let accepts = body.iter().any(|l| l.contains("return Some(Ok("));
        let last = body.iter().rposition(|l| !l.trim().is_empty());
        match last {
            Some(last) if !single_call && !accepts && index.bytes().all(|b| b.is_ascii_digit()) => {
                functions.push_str(&format!(
                    "    #[inline(never)]\n    fn __reduce_fallible{index}<\n        'src,\n        'ctx,\n    >(\n        \
                     ctx: &'ctx ParseCtx<'src>,\n        __lookahead_start: Option<&usize>,\n        \
                     __symbols: &mut alloc::vec::Vec<(usize,__Symbol<>,usize)>,\n    ) -> \
                     Result<(usize, usize), __lalrpop_util::ParseError<usize, Tok, SyntaxError>>\n    {{\n"
                ));
                for (i, l) in body.iter().enumerate() {
                    let l = l.replace("return Some(Err(e))", "return Err(e)");
                    if i == last {
                        functions.push_str(&format!("        Ok({})\n", l.trim()));
                    } else {
                        functions.push_str(&l[8.min(l.len())..]);
                        functions.push('\n');
                    }
                }
                functions.push_str("    }\n");
                arms.push_str(&format!(
                    "                match __reduce_fallible{index}(ctx, __lookahead_start, __symbols) {{\n                    \
                     Ok(v) => v,\n                    Err(e) => return Some(Err(e)),\n                }}\n"
                ));
            }
            _ => {
                for l in body {
                    arms.push_str(l);
                    arms.push('\n');
                }
            }
        }
        arms.push_str("            }\n");
    }
    let mut patched = String::with_capacity(code.len() + functions.len());
    patched.push_str(&code[..fn_at]);
    patched.push_str(&functions);
    patched.push_str(&code[fn_at..arms_at]);
    patched.push_str(arms.trim_end_matches('\n'));
    patched.push_str(&code[arms_end..]);
    patched
}

/// Every slot of the parser's stack is a `__Symbol`, an enum as large as its largest variant,
/// and each shift and reduction copies slots. A few variants hold values larger than any
/// expression or statement but appear at most once per statement (the error recovery value of
/// an inserted semicolon, import and export declarations); boxing them shrinks every slot.
const BOXED_SYMBOL_TYPES: &[&str] =
    &["__lalrpop_util::ErrorRecovery<usize, Tok, SyntaxError>", "ExportDecl", "ImportDecl"];

fn box_large_rare_symbols(mut code: String) -> String {
    let Some(enum_at) = code.find("pub(crate) enum __Symbol<>") else {
        println!("cargo:warning=grammar.rs: __Symbol not found; left unboxed");
        return code;
    };
    let Some(enum_len) = code[enum_at..].find("\n    }\n") else { return code };
    let variants: Vec<(String, String)> = code[enum_at..enum_at + enum_len]
        .lines()
        .filter_map(|line| {
            let (name, rest) = line.trim().split_once('(')?;
            let ty = rest.strip_suffix("),")?;
            let boxed = name.starts_with("Variant") && BOXED_SYMBOL_TYPES.contains(&ty);
            boxed.then(|| (name.to_string(), ty.to_string()))
        })
        .collect();
    for (name, ty) in variants {
        let declared = format!("        {name}({ty}),\n");
        let Some(decl_at) = code[enum_at..].find(&declared).map(|at| enum_at + at) else { continue };
        code.replace_range(decl_at..decl_at + declared.len(), &format!("        {name}(alloc::boxed::Box<{ty}>),\n"));
        for value in ["__nt", "recovery"] {
            code = code.replace(
                &format!("__Symbol::{name}({value})"),
                &format!("__Symbol::{name}(alloc::boxed::Box::new({value}))"),
            );
        }
        code = code.replace(
            &format!("Some((__l, __Symbol::{name}(__v), __r)) => (__l, __v, __r)"),
            &format!("Some((__l, __Symbol::{name}(__v), __r)) => (__l, *__v, __r)"),
        );
    }
    code
}

/// Functions of the parse loop that lalrpop leaves to the compiler, which keeps them out of
/// line: the goto lookup after every reduction, and the terminal's index and its stack value
/// for every token. Each has one caller; inlined there, they no longer pay for a call apiece.
const INLINED_FUNCTIONS: &[&str] = &[
    "\n    fn __goto(state: i16, nt: usize) -> i16 {",
    "\n    fn __token_to_integer<",
    "\n    fn __token_to_symbol<",
    "\n        fn token_to_symbol(&self, token_index: usize, token: Self::Token) -> Self::Symbol {",
];

fn inline_parse_loop_helpers(mut code: String) -> String {
    for marker in INLINED_FUNCTIONS {
        let indent = &marker[1..marker.len() - marker.trim_start().len()];
        let inlined = format!("\n{indent}#[inline(always)]{marker}");
        if code.contains(&inlined) {
            continue;
        }
        if !code.contains(marker) {
            println!("cargo:warning=grammar.rs: `{}` not found; left as generated", marker.trim());
            continue;
        }
        code = code.replacen(marker, &inlined, 1);
    }
    code
}

/// lalrpop starts the `Vec` of every `X+` / `X*` (statement lists, object properties, the
/// operators of a binary expression…) with `vec![first]`, of capacity one, so every list of
/// two or more elements was reallocated on its second push. Starting it with room for four
/// (Vec's own first growth step) saves that reallocation.
fn presize_repetition_lists(code: String) -> String {
    const FIRST_ELEMENT: &str = "\n    alloc::vec![__0]\n";
    const PRESIZED: &str = "\n    { let mut __v = alloc::vec::Vec::with_capacity(4); __v.push(__0); __v }\n";
    code.replace(FIRST_ELEMENT, PRESIZED)
}

/// Unit productions whose action returns its one argument unchanged (`AssignExpr =
/// MemberExpr`, `Statement = …`: about a fifth of all reductions) still popped the symbol,
/// passed it through the action and pushed it back: over a hundred bytes copied twice for
/// nothing. When the action is the identity and the symbol keeps its variant, the reduction's
/// function now leaves the stack as it is; the parse loop still replaces the state, as for
/// any reduction of one symbol.
fn keep_symbols_of_identity_reductions(code: String) -> String {
    let identities = identity_actions(&code);
    let mut patched = String::with_capacity(code.len());
    let mut rest = code.as_str();
    let marker = "    ) -> (usize, usize)\n    {\n";
    while let Some(at) = rest.find(marker) {
        let body_at = at + marker.len();
        patched.push_str(&rest[..body_at]);
        rest = &rest[body_at..];
        let Some(end) = rest.find("\n    }\n") else { continue };
        if let Some(kept) = identity_reduction_body(&rest[..end], &identities) {
            patched.push_str(&kept);
            rest = &rest[end..];
        }
    }
    patched.push_str(rest);
    patched
}

/// The new body of a reduction of one symbol by an identity action, or `None` for any other.
fn identity_reduction_body(body: &str, identities: &std::collections::HashSet<u32>) -> Option<String> {
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    let [comment, pop, start, end, call, push, result] = lines.as_slice() else { return None };
    let variant = pop.strip_prefix("let __sym0 = __pop_")?.strip_suffix("(__symbols);")?;
    let action = call.strip_prefix("let __nt = super::__action")?.strip_suffix("::<>(ctx, __sym0);")?;
    let same = *start == "let __start = __sym0.0.clone();"
        && *end == "let __end = __sym0.2.clone();"
        && *push == format!("__symbols.push((__start, __Symbol::{variant}(__nt), __end));")
        && comment.starts_with("// ")
        && result.starts_with("(1, ");
    let identity = same && identities.contains(&action.parse::<u32>().ok()?);
    identity.then(|| {
        format!(
            "        {comment}\n        // The action returns its argument: the symbol stays on the stack as it is.\n        \
             let _ = (ctx, __lookahead_start, __symbols);\n        {result}"
        )
    })
}

/// The actions (by number) that return their one argument unchanged: lalrpop's own
/// `(_, __0, _) … { __0 }` for a production without code, and its compositions of two such
/// actions (what inlining nonterminals produces).
fn identity_actions(code: &str) -> std::collections::HashSet<u32> {
    const LEAF: &str = ">(\n    ctx: &'ctx ParseCtx<'src>,\n    (_, __0, _): (usize, ";
    const COMPOSED: &str = ">(\n    ctx: &'ctx ParseCtx<'src>,\n    __0: (usize, ";
    // (number, argument type, return type, body)
    let mut actions: Vec<(u32, &str, &str, &str)> = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("\nfn __action") {
        rest = &rest[at + "\nfn __action".len()..];
        let Some(number) = rest.split('<').next().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let Some(sig_end) = rest.find("\n{\n") else { break };
        let Some(body_end) = rest[sig_end + 2..].find("\n}\n").map(|e| sig_end + 2 + e) else { break };
        let signature = &rest[..sig_end];
        let body = rest.get(sig_end + 3..body_end).unwrap_or("");
        for (prefix, leaf) in [(LEAF, true), (COMPOSED, false)] {
            let Some(p) = signature.find(prefix) else { continue };
            let Some((arg, ret)) = signature[p + prefix.len()..].split_once(", usize),\n) -> ") else { continue };
            let body_ok = if leaf { body.trim() == "__0" } else { true };
            if body_ok {
                actions.push((number, arg, ret, if leaf { "" } else { body }));
            }
        }
        rest = &rest[body_end..];
    }
    let mut identities = std::collections::HashSet::new();
    for (number, arg, ret, body) in &actions {
        if body.is_empty() && arg == ret {
            identities.insert(*number);
        }
    }
    // Compositions of identities, to a fixed point (a composition may use another).
    loop {
        let before = identities.len();
        for (number, arg, ret, body) in &actions {
            if body.is_empty() || arg != ret || identities.contains(number) {
                continue;
            }
            if let Some((a, b)) = composed_actions(body) {
                if identities.contains(&a) && identities.contains(&b) {
                    identities.insert(*number);
                }
            }
        }
        if identities.len() == before {
            return identities;
        }
    }
}

/// The two actions of a body `__actionB(ctx, (start, __actionA(ctx, __0), end))`, as lalrpop
/// writes it for an inlined nonterminal of one symbol.
fn composed_actions(body: &str) -> Option<(u32, u32)> {
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    let [start, end, call_a, ctx_a, arg_a, close_a, wrap, call_b, ctx_b, arg_b, close_b] = lines.as_slice() else {
        return None;
    };
    let shape = *start == "let __start0 = __0.0.clone();"
        && *end == "let __end0 = __0.2.clone();"
        && *ctx_a == "ctx,"
        && *arg_a == "__0,"
        && *close_a == ");"
        && *wrap == "let __temp0 = (__start0, __temp0, __end0);"
        && *ctx_b == "ctx,"
        && *arg_b == "__temp0,"
        && *close_b == ")";
    if !shape {
        return None;
    }
    let a = call_a.strip_prefix("let __temp0 = __action")?.strip_suffix('(')?.parse().ok()?;
    let b = call_b.strip_prefix("__action")?.strip_suffix('(')?.parse().ok()?;
    Some((a, b))
}
