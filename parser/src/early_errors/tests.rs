//! Unit tests on hand-built trees (the source-text tests live with the grammar's tests).
//! Spans are given explicitly where the order of errors matters; elsewhere they are empty.

use super::check;
use crate::ast::*;

fn sp(start: u32) -> Span {
    Span {
        start,
        end: start + 1,
    }
}

fn ident_at(name: &str, at: u32) -> Ident {
    Ident {
        name: name.into(),
        span: sp(at),
        escaped: false,
    }
}

fn ident(name: &str) -> Ident {
    ident_at(name, 0)
}

fn expr(kind: ExprKind) -> Expr {
    Expr {
        kind,
        span: Span::default(),
    }
}

fn stmt(kind: StmtKind) -> Stmt {
    Stmt {
        kind,
        span: Span::default(),
    }
}

fn expr_stmt(kind: ExprKind) -> Stmt {
    stmt(StmtKind::Expr(Box::new(expr(kind))))
}

fn var(kind: VarKind, name: &str, at: u32) -> Stmt {
    let target = Pattern {
        kind: PatternKind::Ident(ident_at(name, at)),
        span: sp(at),
    };
    stmt(StmtKind::Var(VarDecl {
        kind,
        decls: vec![VarDeclarator {
            target,
            init: None,
            span: sp(at),
        }],
        span: sp(at),
    }))
}

fn function(name: Option<&str>, kind: FunctionKind, body: Vec<Stmt>) -> Function {
    Function {
        id: name.map(ident),
        kind,
        is_async: false,
        is_generator: false,
        params: Params {
            items: vec![],
            rest: None,
            span: Span::default(),
        },
        body: FunctionBody::Block(body),
        has_use_strict: false,
        span: Span::default(),
    }
}

fn program(goal: Goal, strict: bool, body: Vec<Stmt>) -> Program {
    Program {
        goal,
        body,
        strict,
        span: Span::default(),
    }
}

fn script(body: Vec<Stmt>) -> Program {
    program(Goal::Script, false, body)
}

fn message(p: &Program) -> Option<String> {
    check(p, "").err().map(|e| e.message)
}

fn class(heritage: bool, body: Vec<ClassMemberKind>) -> Class {
    Class {
        id: Some(ident("C")),
        super_class: heritage.then(|| Box::new(expr(ExprKind::Ident(ident("B"))))),
        body: body
            .into_iter()
            .map(|kind| ClassMember {
                kind,
                span: Span::default(),
            })
            .collect(),
        span: Span::default(),
    }
}

fn method(name: &str, kind: FunctionKind, body: Vec<Stmt>) -> ClassMemberKind {
    ClassMemberKind::Method {
        key: PropKey::Ident(ident(name)),
        is_static: false,
        func: Box::new(function(None, kind, body)),
    }
}

#[test]
fn let_then_var_is_a_redeclaration() {
    let p = script(vec![var(VarKind::Let, "x", 0), var(VarKind::Var, "x", 10)]);
    assert_eq!(
        message(&p).as_deref(),
        Some("Identifier 'x' has already been declared")
    );
    let p = script(vec![var(VarKind::Var, "x", 0), var(VarKind::Var, "x", 10)]);
    assert_eq!(message(&p), None);
}

#[test]
fn var_in_nested_block_conflicts_with_outer_let() {
    let inner = stmt(StmtKind::Block(vec![var(VarKind::Var, "x", 10)]));
    let p = script(vec![stmt(StmtKind::Block(vec![
        var(VarKind::Let, "x", 0),
        inner,
    ]))]);
    assert!(message(&p).is_some());
    // A var inside a nested function does not hoist out of it.
    let f = function(
        Some("f"),
        FunctionKind::Normal,
        vec![var(VarKind::Var, "x", 10)],
    );
    let p = script(vec![
        var(VarKind::Let, "x", 0),
        stmt(StmtKind::Function(Box::new(f))),
    ]);
    assert_eq!(message(&p), None);
}

#[test]
fn sloppy_blocks_may_repeat_plain_functions() {
    let f = || {
        stmt(StmtKind::Function(Box::new(function(
            Some("f"),
            FunctionKind::Normal,
            vec![],
        ))))
    };
    let block = || stmt(StmtKind::Block(vec![f(), f()]));
    assert_eq!(message(&script(vec![block()])), None);
    let strict = program(Goal::Script, true, vec![block()]);
    assert_eq!(
        message(&strict).as_deref(),
        Some("Identifier 'f' has already been declared")
    );
    // At the top level of a module, functions are lexical declarations.
    let module = program(Goal::Module, true, vec![f(), f()]);
    assert!(message(&module).is_some());
}

#[test]
fn break_and_continue_targets() {
    let p = script(vec![stmt(StmtKind::Break(None))]);
    assert_eq!(message(&p).as_deref(), Some("Illegal break statement"));
    let labelled_block = stmt(StmtKind::Labeled {
        label: ident("a"),
        body: Box::new(stmt(StmtKind::Block(vec![
            stmt(StmtKind::Break(Some(ident("a")))),
            stmt(StmtKind::While {
                test: Box::new(expr(ExprKind::Bool(true))),
                body: Box::new(stmt(StmtKind::Continue(Some(ident("a"))))),
            }),
        ]))),
    });
    assert_eq!(
        message(&script(vec![labelled_block])).as_deref(),
        Some("Illegal continue statement: 'a' does not denote an iteration statement")
    );
}

#[test]
fn duplicate_proto_in_object_literal() {
    let proto = |value: f64| Property {
        kind: PropertyKind::Init {
            key: PropKey::Ident(ident("__proto__")),
            value: Box::new(expr(ExprKind::Num {
                value,
                legacy_octal: false,
            })),
        },
        span: Span::default(),
    };
    let p = script(vec![expr_stmt(ExprKind::Object(vec![
        proto(1.0),
        proto(2.0),
    ]))]);
    assert_eq!(
        message(&p).as_deref(),
        Some("Duplicate __proto__ fields are not allowed in object literals")
    );
    let p = script(vec![expr_stmt(ExprKind::Object(vec![proto(1.0)]))]);
    assert_eq!(message(&p), None);
}

#[test]
fn strict_delete_of_parenthesized_identifier() {
    let paren = expr(ExprKind::Paren(Box::new(expr(ExprKind::Ident(ident("x"))))));
    let delete = ExprKind::Unary {
        op: UnaryOp::Delete,
        arg: Box::new(paren),
    };
    let strict = program(Goal::Script, true, vec![expr_stmt(delete.clone())]);
    assert_eq!(
        message(&strict).as_deref(),
        Some("Delete of an unqualified identifier in strict mode.")
    );
    assert_eq!(message(&script(vec![expr_stmt(delete)])), None);
}

#[test]
fn new_target_and_super_need_a_function() {
    let p = script(vec![expr_stmt(ExprKind::NewTarget)]);
    assert_eq!(
        message(&p).as_deref(),
        Some("new.target expression is not allowed here")
    );
    let f = function(
        Some("f"),
        FunctionKind::Normal,
        vec![expr_stmt(ExprKind::NewTarget)],
    );
    assert_eq!(
        message(&script(vec![stmt(StmtKind::Function(Box::new(f)))])),
        None
    );
    let super_call = || expr_stmt(ExprKind::SuperCall(vec![]));
    let base = class(
        false,
        vec![method(
            "constructor",
            FunctionKind::Constructor,
            vec![super_call()],
        )],
    );
    let p = script(vec![stmt(StmtKind::Class(Box::new(base)))]);
    assert_eq!(
        message(&p).as_deref(),
        Some("'super' keyword unexpected here")
    );
    let derived = class(
        true,
        vec![method(
            "constructor",
            FunctionKind::Constructor,
            vec![super_call()],
        )],
    );
    assert_eq!(
        message(&script(vec![stmt(StmtKind::Class(Box::new(derived)))])),
        None
    );
}

#[test]
fn class_constructor_rules() {
    let two = class(
        false,
        vec![
            method("constructor", FunctionKind::Constructor, vec![]),
            method("constructor", FunctionKind::Constructor, vec![]),
        ],
    );
    let p = script(vec![stmt(StmtKind::Class(Box::new(two)))]);
    assert_eq!(
        message(&p).as_deref(),
        Some("A class may only have one constructor")
    );
    let getter = class(
        false,
        vec![method("constructor", FunctionKind::Getter, vec![])],
    );
    let p = script(vec![stmt(StmtKind::Class(Box::new(getter)))]);
    assert_eq!(
        message(&p).as_deref(),
        Some("Class constructor may not be an accessor")
    );
}

#[test]
fn private_names_resolve_to_any_declaration_in_the_class_body() {
    let use_x = method(
        "m",
        FunctionKind::Method,
        vec![expr_stmt(ExprKind::Member {
            object: Box::new(expr(ExprKind::This)),
            prop: MemberProp::Private(ident("x")),
            optional: false,
        })],
    );
    let field = ClassMemberKind::Field {
        key: PropKey::Private(ident("x")),
        is_static: false,
        value: None,
    };
    let declared_later = class(false, vec![use_x.clone(), field]);
    assert_eq!(
        message(&script(vec![stmt(StmtKind::Class(Box::new(
            declared_later
        )))])),
        None
    );
    let undeclared = class(false, vec![use_x]);
    assert_eq!(
        message(&script(vec![stmt(StmtKind::Class(Box::new(undeclared)))])).as_deref(),
        Some("Private field '#x' must be declared in an enclosing class")
    );
}

#[test]
fn arguments_in_field_initializers() {
    let field = |value: Expr| ClassMemberKind::Field {
        key: PropKey::Ident(ident("f")),
        is_static: false,
        value: Some(Box::new(value)),
    };
    let arguments = || expr(ExprKind::Ident(ident("arguments")));
    let mut arrow = function(None, FunctionKind::Arrow, vec![]);
    arrow.body = FunctionBody::Expr(Box::new(arguments()));
    let in_arrow = class(false, vec![field(expr(ExprKind::Arrow(Box::new(arrow))))]);
    assert!(message(&script(vec![stmt(StmtKind::Class(Box::new(in_arrow)))])).is_some());
    let func = function(
        None,
        FunctionKind::Normal,
        vec![expr_stmt(ExprKind::Ident(ident("arguments")))],
    );
    let in_function = class(false, vec![field(expr(ExprKind::Function(Box::new(func))))]);
    assert_eq!(
        message(&script(vec![stmt(StmtKind::Class(Box::new(in_function)))])),
        None
    );
}

#[test]
fn exports_must_be_declared_and_unique() {
    let export_x = |exported: &str| {
        stmt(StmtKind::Export(Box::new(ExportDecl::Named {
            specifiers: vec![ExportSpecifier {
                local: ModuleExportName::Ident(ident("x")),
                exported: ModuleExportName::Ident(ident(exported)),
                span: Span::default(),
            }],
            source: None,
            attributes: None,
        })))
    };
    let p = program(Goal::Module, true, vec![export_x("x")]);
    assert_eq!(
        message(&p).as_deref(),
        Some("Export 'x' is not defined in module")
    );
    let p = program(
        Goal::Module,
        true,
        vec![export_x("x"), var(VarKind::Var, "x", 0)],
    );
    assert_eq!(message(&p), None);
    let p = program(
        Goal::Module,
        true,
        vec![var(VarKind::Var, "x", 0), export_x("y"), export_x("y")],
    );
    assert_eq!(message(&p).as_deref(), Some("Duplicate export of 'y'"));
}

#[test]
fn the_first_error_in_source_order_wins() {
    // `{ break; let x; let x; }`: the redeclaration is found first (when the block is entered),
    // but the `break` comes first in the source.
    let block = stmt(StmtKind::Block(vec![
        Stmt {
            kind: StmtKind::Break(None),
            span: sp(2),
        },
        var(VarKind::Let, "x", 13),
        var(VarKind::Let, "x", 20),
    ]));
    let err = check(&script(vec![block]), "").unwrap_err();
    assert_eq!(
        (err.span.start, err.message.as_str()),
        (2, "Illegal break statement")
    );
    // `let x; var x;` is reported at the second declaration.
    let p = script(vec![var(VarKind::Var, "x", 14), var(VarKind::Let, "x", 4)]);
    assert_eq!(check(&p, "").unwrap_err().span.start, 14);
}
