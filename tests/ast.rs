//! The AST dump (`modjs parse --ast`) of the fixtures in tests/fixtures/ast/ (reviewed
//! snapshots), and the automatic-semicolon-insertion and regex-versus-division cases checked on
//! the tree itself.

mod common;

use modjs_parser::ast::{ExprKind, Goal, Program, Stmt, StmtKind};
use modjs_parser::dump::dump_program;
use modjs_parser::parse;

fn goal_of(path: &std::path::Path) -> Goal {
    if path.extension().is_some_and(|e| e == "mjs") {
        Goal::Module
    } else {
        Goal::Script
    }
}

#[test]
fn snapshots_of_every_fixture() {
    for path in common::fixtures("ast", &["js", "mjs"]) {
        let src = std::fs::read_to_string(&path).expect("read fixture");
        let program = parse(&src, goal_of(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let dump = dump_program(&program, &src);
        // Every line is `indent label: Kind …`; the first is the Program and ends where the source does.
        let first = dump.lines().next().unwrap_or_default();
        assert!(first.starts_with("Program "), "{first}");
        insta::assert_snapshot!(common::stem(&path), dump);
    }
}

#[test]
fn spans_are_shown_as_node_lines_and_utf16_columns() {
    // `é` is one UTF-16 unit, `𝒳` two: `y` starts at column 11 of line 2.
    let src = "let a;\n'é𝒳' + 1, y;";
    let program = parse(src, Goal::Script).expect("parses");
    let dump = dump_program(&program, src);
    assert!(dump.contains("Ident y @2:11-2:12"), "{dump}");
    assert!(dump.contains("Str \"é𝒳\" @2:0-2:5"), "{dump}");
    assert!(dump.starts_with("Program Script @1:0-2:13\n"), "{dump}");
}

fn script(src: &str) -> Program {
    parse(src, Goal::Script).unwrap_or_else(|e| panic!("{src:?}: {e}"))
}

fn expr_stmt(s: &Stmt) -> &ExprKind {
    match &s.kind {
        StmtKind::Expr(e) => &e.kind,
        other => panic!("expected an expression statement, got {other:?}"),
    }
}

#[test]
fn asi_a_newline_before_a_parenthesis_continues_a_call() {
    // `a \n (b)` is one statement: the call a(b).
    let p = script("a\n(b)");
    assert_eq!(p.body.len(), 1);
    assert!(matches!(expr_stmt(&p.body[0]), ExprKind::Call { .. }));
}

#[test]
fn asi_return_is_a_restricted_production() {
    // `return \n x` is `return; x;`
    let p = script("function f() {\n  return\n  x\n}");
    let StmtKind::Function(f) = &p.body[0].kind else { panic!("function") };
    let modjs_parser::ast::FunctionBody::Block(body) = &f.body else { panic!("block body") };
    assert_eq!(body.len(), 2);
    assert!(matches!(body[0].kind, StmtKind::Return(None)));
    assert!(matches!(expr_stmt(&body[1]), ExprKind::Ident(id) if &*id.name == "x"));
}

#[test]
fn asi_a_newline_makes_plus_plus_a_prefix_operator() {
    // `x \n ++y` is `x; ++y;`
    let p = script("x\n++y");
    assert_eq!(p.body.len(), 2);
    assert!(matches!(expr_stmt(&p.body[0]), ExprKind::Ident(_)));
    assert!(matches!(expr_stmt(&p.body[1]), ExprKind::Update { prefix: true, .. }));
}

#[test]
fn a_slash_after_an_if_head_starts_a_regex() {
    let p = script("if (a) /re/.test(b)");
    let StmtKind::If { cons, .. } = &p.body[0].kind else { panic!("if") };
    let ExprKind::Call { callee, .. } = expr_stmt(cons) else { panic!("call") };
    let ExprKind::Member { object, .. } = &callee.kind else { panic!("member") };
    assert!(matches!(&object.kind, ExprKind::Regex { body, .. } if &**body == "re"));
}

#[test]
fn a_slash_after_a_block_starts_a_regex() {
    // `{} /re/` is a block followed by a regex statement (not a division).
    let p = script("{}\n/re/g");
    assert_eq!(p.body.len(), 2);
    assert!(matches!(p.body[0].kind, StmtKind::Block(_)));
    assert!(matches!(expr_stmt(&p.body[1]), ExprKind::Regex { flags, .. } if &**flags == "g"));
}

#[test]
fn a_slash_after_an_expression_divides() {
    let p = script("a = b\n/c/g");
    assert_eq!(p.body.len(), 1);
    let ExprKind::Assign { value, .. } = expr_stmt(&p.body[0]) else { panic!("assign") };
    assert!(matches!(&value.kind, ExprKind::Binary { .. }));
}

#[test]
fn the_dump_is_deterministic() {
    let path = common::root().join("tests/fixtures/ast/expressions.js");
    let src = std::fs::read_to_string(path).expect("fixture");
    let a = dump_program(&script(&src), &src);
    let b = dump_program(&script(&src), &src);
    assert_eq!(a, b);
}
