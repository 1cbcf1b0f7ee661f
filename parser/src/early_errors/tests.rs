//! Tests of the early-error pass: on hand-built trees (spans given where the order of errors
//! matters) and on source text, where the expected message and underlined range are node 20's.

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

// ------------------------------------------------------------------------------------------------
// Source text, compared with node 20 (`new vm.Script(src)` / `new vm.SourceTextModule(src)`): the
// message, and for scripts the column and length of the underline (`None` where node prints no
// source line for modules).
// ------------------------------------------------------------------------------------------------

const S: Goal = Goal::Script;
const M: Goal = Goal::Module;

type Expected = Option<(&'static str, Option<(u32, u32)>)>;

#[rustfmt::skip]
const NODE_CASES: &[(Goal, &str, Expected)] = &[
    (S, "let x; var x;", Some(("Identifier 'x' has already been declared", Some((11, 1))))),
    (S, "var x; let x;", Some(("Identifier 'x' has already been declared", Some((11, 1))))),
    (S, "{ let x; { var x; } }", Some(("Identifier 'x' has already been declared", Some((15, 1))))),
    (S, "{ function f(){} function f(){} }", None),
    (S, "\"use strict\"; { function f(){} function f(){} }", Some(("Identifier 'f' has already been declared", Some((31, 1))))),
    (S, "{ async function f(){} function f(){} }", Some(("Identifier 'f' has already been declared", Some((23, 1))))),
    (S, "function f(a) { let a; }", Some(("Identifier 'a' has already been declared", Some((20, 1))))),
    (S, "function f(a) { var a; }", None),
    (S, "try {} catch (e) { let e; }", Some(("Identifier 'e' has already been declared", Some((23, 1))))),
    (S, "try {} catch (e) { var e; }", None),
    (S, "try {} catch ([e]) { var e; }", Some(("Identifier 'e' has already been declared", Some((25, 1))))),
    (S, "try {} catch (e) { for (var e of []); }", None),
    (S, "for (let i;;) { var i; }", Some(("Identifier 'i' has already been declared", Some((20, 1))))),
    (S, "for (const x of []) { var x; }", Some(("Identifier 'x' has already been declared", Some((26, 1))))),
    (S, "switch (0) { case 1: let a; default: let a; }", Some(("Identifier 'a' has already been declared", Some((41, 1))))),
    (S, "let let = 1;", Some(("let is disallowed as a lexically bound name", Some((4, 3))))),
    (S, "class A { static { var await; } }", Some(("Unexpected reserved word", Some((23, 5))))),
    (S, "class A { static { let a; var a; } }", Some(("Identifier 'a' has already been declared", Some((30, 1))))),
    (S, "a: a: ;", Some(("Label 'a' has already been declared", Some((3, 1))))),
    (S, "a: { continue a; }", Some(("Illegal continue statement: 'a' does not denote an iteration statement", Some((14, 1))))),
    (S, "while (0) { break b; }", Some(("Undefined label 'b'", Some((18, 1))))),
    (S, "break;", Some(("Illegal break statement", Some((0, 5))))),
    (S, "continue;", Some(("Illegal continue statement: no surrounding iteration statement", Some((0, 8))))),
    (S, "return;", Some(("Illegal return statement", Some((0, 6))))),
    (S, "(function () { a: { (function () { break a; }); } });", Some(("Undefined label 'a'", Some((41, 1))))),
    (S, "\"use strict\"; with (a) {}", Some(("Strict mode code may not include a with statement", Some((14, 4))))),
    (S, "\"use strict\"; delete x;", Some(("Delete of an unqualified identifier in strict mode.", Some((21, 1))))),
    (S, "\"use strict\"; delete ((x));", Some(("Delete of an unqualified identifier in strict mode.", Some((25, 1))))),
    (S, "\"use strict\"; 010;", Some(("Octal literals are not allowed in strict mode.", Some((14, 3))))),
    (S, "\"use strict\"; 08;", Some(("Decimals with leading zeros are not allowed in strict mode.", Some((14, 2))))),
    (S, "\"use strict\"; \"\\07\";", Some(("Octal escape sequences are not allowed in strict mode.", Some((16, 1))))),
    (S, "\"\\07\"; \"use strict\";", Some(("Octal escape sequences are not allowed in strict mode.", Some((2, 1))))),
    (S, "\"use strict\"; \"\\8\";", Some(("\\8 and \\9 are not allowed in strict mode.", Some((15, 1))))),
    (S, "\"use strict\"; var implements;", Some(("Unexpected strict mode reserved word", Some((18, 10))))),
    (S, "\"use strict\"; var yield;", Some(("Unexpected strict mode reserved word", Some((18, 5))))),
    (S, "\"use strict\"; eval = 1;", Some(("Unexpected eval or arguments in strict mode", Some((14, 4))))),
    (S, "\"use strict\"; arguments++;", Some(("Unexpected eval or arguments in strict mode", Some((14, 9))))),
    (S, "\"use strict\"; ({ eval } = {});", Some(("Unexpected eval or arguments in strict mode", Some((17, 4))))),
    (S, "\"use strict\"; [eval] = [];", Some(("Invalid destructuring assignment target", Some((15, 4))))),
    (S, "\"use strict\"; function eval() {}", Some(("Unexpected eval or arguments in strict mode", Some((23, 4))))),
    (S, "function eval() { \"use strict\"; }", Some(("Unexpected eval or arguments in strict mode", Some((9, 4))))),
    (S, "function f(a = 1) { \"use strict\"; }", Some(("Illegal 'use strict' directive in function with non-simple parameter list", Some((20, 12))))),
    (S, "function f(a, a) { \"use strict\"; }", Some(("Duplicate parameter name not allowed in this context", Some((14, 1))))),
    (S, "function f(a, a) {}", None),
    (S, "(a, a) => 1;", Some(("Duplicate parameter name not allowed in this context", Some((4, 1))))),
    (S, "({ m(a, a) {} });", Some(("Duplicate parameter name not allowed in this context", Some((8, 1))))),
    (S, "({ __proto__: 1, __proto__: 2 });", Some(("Duplicate __proto__ fields are not allowed in object literals", Some((17, 9))))),
    (S, "({ __proto__: 1, [\"__proto__\"]: 2, __proto__() {} });", None),
    (S, "({ a = 1 });", Some(("Invalid shorthand property initializer", Some((3, 5))))),
    (S, "({ a = 1 } = {});", None),
    (S, "class A { m() { this.#x; } }", Some(("Private field '#x' must be declared in an enclosing class", Some((20, 1))))),
    (S, "class A { #x; m() { delete this.#x; } }", Some(("Private fields can not be deleted", Some((32, 2))))),
    (S, "class A { #x; #x; }", Some(("Identifier '#x' has already been declared", Some((16, 1))))),
    (S, "class A { get #x() {} set #x(v) {} }", None),
    (S, "class A { static get #x() {} set #x(v) {} }", Some(("Identifier '#x' has already been declared", Some((40, 1))))),
    (S, "class A { #constructor; }", Some(("Classes may not have a field named 'constructor'", Some((10, 12))))),
    (S, "class A { constructor() {} constructor() {} }", Some(("A class may only have one constructor", Some((27, 11))))),
    (S, "class A { get constructor() {} }", Some(("Class constructor may not be an accessor", Some((14, 11))))),
    (S, "class A { *constructor() {} }", Some(("Class constructor may not be a generator", Some((11, 11))))),
    (S, "class A { async constructor() {} }", Some(("Class constructor may not be an async method", Some((16, 11))))),
    (S, "class A { static prototype() {} }", Some(("Classes may not have a static property named 'prototype'", Some((17, 9))))),
    (S, "class A { static prototype = 1; }", Some(("Classes may not have a static property named 'prototype'", Some((17, 9))))),
    (S, "class A { constructor = 1; }", Some(("Classes may not have a field named 'constructor'", Some((10, 11))))),
    (S, "class A { static constructor() {} }", None),
    (S, "class A { x = arguments; }", Some(("'arguments' is not allowed in class field initializer or static initialization block", Some((14, 9))))),
    (S, "class A { x = () => arguments; }", Some(("'arguments' is not allowed in class field initializer or static initialization block", Some((20, 9))))),
    (S, "class A { x = function () { arguments; }; }", None),
    (S, "class A { constructor() { super(); } }", Some(("'super' keyword unexpected here", Some((26, 5))))),
    (S, "class A extends B { constructor() { super(); } }", None),
    (S, "class A extends B { m() { super(); } }", Some(("'super' keyword unexpected here", Some((26, 5))))),
    (S, "class A extends B { x = super.y; }", None),
    (S, "function f() { super.x; }", Some(("'super' keyword unexpected here", Some((15, 5))))),
    (S, "({ m() { super.x; } });", None),
    (S, "new.target;", Some(("new.target expression is not allowed here", Some((4, 6))))),
    (S, "function f() { new.target; }", None),
    (S, "() => new.target;", Some(("new.target expression is not allowed here", Some((10, 6))))),
    (S, "import.meta;", Some(("Cannot use 'import.meta' outside a module", Some((7, 4))))),
    (S, "x = /a/gg;", Some(("Invalid regular expression flags", Some((4, 1))))),
    (S, "x = /a/uv;", Some(("Invalid regular expression flags", Some((4, 5))))),
    (S, "x = /a/dgimsuy;", None),
    (S, "`\\x0`;", Some(("Invalid hexadecimal escape sequence", Some((1, 4))))),
    (S, "tag`\\x0`;", None),
    (S, "function* g(a = yield) {}", Some(("Yield expression not allowed in formal parameter", Some((16, 5))))),
    (S, "async function f(a = await 1) {}", Some(("Illegal await-expression in formal parameters of async function", Some((21, 5))))),
    (S, "async (await) => 1;", Some(("'await' is not a valid identifier name in an async function", Some((7, 5))))),
    (S, "async (a, a) => 1;", Some(("Duplicate parameter name not allowed in this context", Some((10, 1))))),
    (S, "(async function await() {});", Some(("Unexpected reserved word", Some((16, 5))))),
    (S, "async function await() {}", None),
    (S, "class yield {}", Some(("Unexpected strict mode reserved word", Some((6, 5))))),
    (S, "class eval {}", Some(("Unexpected eval or arguments in strict mode", Some((6, 4))))),
    (S, "class A extends (function () { with (a) {} }) {}", Some(("Strict mode code may not include a with statement", Some((31, 4))))),
    (S, "if (1) function f() {}", None),
    (S, "\"use strict\"; if (1) function f() {}", Some(("In strict mode code, functions can only be declared at top level or inside a block.", Some((21, 8))))),
    (S, "l: function f() {}", None),
    (S, "\"use strict\"; l: function f() {}", Some(("In strict mode code, functions can only be declared at top level or inside a block.", Some((17, 8))))),
    (S, "for (var x = 1 in {});", None),
    (S, "\"use strict\"; for (var x = 1 in {});", Some(("for-in loop variable declaration may not have an initializer.", Some((23, 5))))),
    (S, "const x;", Some(("Missing initializer in const declaration", Some((6, 1))))),
    (S, "let [a];", Some(("Missing initializer in destructuring declaration", Some((4, 3))))),
    (S, "var \\u0069f;", Some(("Keyword must not contain escaped characters", Some((4, 7))))),
    (S, "\\u0074rue;", Some(("Keyword must not contain escaped characters", Some((0, 9))))),
    (M, "export { x };", Some(("Export 'x' is not defined in module", None))),
    (M, "export { x }; var x;", None),
    (M, "export { x }; function x() {}", None),
    (M, "export { x }; import { x } from \"m\";", None),
    (M, "export { x as y, z as y }; var x, z;", Some(("Duplicate export of 'y'", None))),
    (M, "export default 1; export { x as default }; var x;", Some(("Duplicate export of 'default'", None))),
    (M, "export * as a from \"m\"; export { a } from \"n\";", Some(("Duplicate export of 'a'", None))),
    (M, "export { \"a\" };", Some(("String literal module export names must be followed by a 'from' clause", None))),
    (M, "export { \"\\uD800\" as x } from \"m\";", Some(("Invalid module export name: contains unpaired surrogate", None))),
    (M, "await;", Some(("Unexpected token ';'", None))),
    (M, "var await;", Some(("Unexpected reserved word", None))),
    (M, "function f() {} function f() {}", Some(("Identifier 'f' has already been declared", None))),
    (M, "function f() {} var f;", Some(("Identifier 'f' has already been declared", None))),
    (M, "import a from \"m\"; let a;", Some(("Identifier 'a' has already been declared", None))),
    (M, "import { a as b } from \"m\"; import { c as b } from \"n\";", Some(("Identifier 'b' has already been declared", None))),
    (M, "new.target;", Some(("new.target expression is not allowed here", None))),
    (M, "import.meta;", None),
    (M, "label: { break label; }", None),
    (M, "x = 010;", Some(("Octal literals are not allowed in strict mode.", None))),
    (S, "class A { static { function arguments() {} } }", Some(("Unexpected eval or arguments in strict mode", Some((28, 9))))),
    (S, "class A { static { var arguments; } }", Some(("'arguments' is not allowed in class field initializer or static initialization block", Some((23, 9))))),
    (S, "class A { x = class { [arguments] = 1; }; }", Some(("'arguments' is not allowed in class field initializer or static initialization block", Some((23, 9))))),
    (S, "function f() { class A { [arguments] = 1; } }", None),
    (S, "class A { static { x: { break x; } } }", None),
    (S, "class A { static { ({ m() { await; } }); } }", None),
    (S, "while (1) { a: continue a; }", Some(("Undefined label 'a'", Some((24, 1))))),
    (S, "while (1) { a: if (1) continue a; }", Some(("Undefined label 'a'", Some((31, 1))))),
    (S, "while (1) { a: if (1) { continue a; } }", Some(("Illegal continue statement: 'a' does not denote an iteration statement", Some((33, 1))))),
    (S, "while (1) { a: try { continue a; } finally {} }", Some(("Illegal continue statement: 'a' does not denote an iteration statement", Some((30, 1))))),
    (S, "function* g() { yi\\u0065ld; }", Some(("Keyword must not contain escaped characters", Some((16, 10))))),
    (S, "function* g() { void yi\\u0065ld; }", Some(("Unexpected identifier 'yield'", Some((21, 10))))),
    (S, "class A { static { aw\\u0061it; } }", Some(("Unexpected reserved word", Some((19, 10))))),
    (M, "class A { static { aw\\u0061it; } }", Some(("Unexpected reserved word", None))),
    (S, "async () => { void \\u0061wait; };", Some(("Keyword must not contain escaped characters", Some((19, 10))))),
];

#[test]
fn source_text_matches_node() {
    let run = || {
        let mut failures = Vec::new();
        for &(goal, src, expected) in NODE_CASES {
            let got = match crate::parse(src, goal) {
                Ok(_) => None,
                Err(e) => Some((e.message, e.span)),
            };
            let ok = match (&got, expected) {
                (None, None) => true,
                (Some((message, span)), Some((want, at))) => {
                    message == want
                        && at.is_none_or(|(col, len)| {
                            span.start == col && span.end.saturating_sub(span.start).max(1) == len
                        })
                }
                _ => false,
            };
            if !ok {
                failures.push(format!(
                    "{goal:?} {src}\n    got {got:?}\n    want {expected:?}"
                ));
            }
        }
        failures
    };
    let failures = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(run)
        .expect("test thread")
        .join()
        .expect("no panic");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
/// `a + a + … + a` 200,000 times: the check walks operator chains in a loop, so it needs no
/// more than a small stack (the parse itself runs on a large one, and so does the drop).
#[test]
fn long_operator_chains_need_little_stack() {
    let big = std::thread::Builder::new().stack_size(1 << 30);
    let outer = big.spawn(|| {
        let src = format!("x = {};", vec!["a"; 200_000].join(" + "));
        let parsed = crate::parse_unchecked(&src, Goal::Script).map_err(|e| e.message)?;
        let shared = std::sync::Arc::new((parsed, src));
        let for_check = std::sync::Arc::clone(&shared);
        let small = std::thread::Builder::new().stack_size(1 << 20);
        let checked = small
            .spawn(move || check(&for_check.0, &for_check.1).is_ok())
            .map_err(|e| e.to_string())?
            .join()
            .map_err(|_| "the check panicked".to_string())?;
        Ok::<bool, String>(checked)
    });
    let result = outer.expect("thread").join().expect("no panic");
    assert_eq!(result, Ok(true));
}
