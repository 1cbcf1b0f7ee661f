//! CreateDynamicFunction (§20.2.1.1.1): the Function constructor (and the generator and async
//! function constructors) turn strings into a function, in the global scope.
//!
//! The source text is assembled as V8 and the spec do — `function anonymous(P\n) {\nBODY\n}` —
//! and parsed as one parenthesised function expression. The spec parses the parameters and the
//! body on their own; here each is first checked in a source text with the other part empty,
//! which rejects an argument string that would close the parameter list or the body early
//! (`Function("a) {", "}")`). The function gets no binding of its own name (a dynamic
//! function is anonymous; only its `name` property says "anonymous").

use crate::bytecode::SourceInfo;
use crate::compiler::compile_script;
use crate::error::JsResult;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;
use modjs_parser::ast::{ExprKind, Goal, Program, StmtKind};
use std::rc::Rc;

/// Which constructor is creating the function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DynamicFunctionKind {
    Normal,
    Generator,
    Async,
    AsyncGenerator,
}

impl DynamicFunctionKind {
    fn prefix(self) -> &'static str {
        match self {
            DynamicFunctionKind::Normal => "function",
            DynamicFunctionKind::Generator => "function*",
            DynamicFunctionKind::Async => "async function",
            DynamicFunctionKind::AsyncGenerator => "async function*",
        }
    }

    fn fallback_prototype(self) -> Intrinsic {
        match self {
            DynamicFunctionKind::Normal => Intrinsic::FunctionPrototype,
            DynamicFunctionKind::Generator => Intrinsic::GeneratorFunctionPrototype,
            DynamicFunctionKind::Async => Intrinsic::AsyncFunctionPrototype,
            DynamicFunctionKind::AsyncGenerator => Intrinsic::AsyncGeneratorFunctionPrototype,
        }
    }
}

/// The text of the function: `PREFIX anonymous(P\n) {\nBODY\n}` inside parentheses.
fn assemble(kind: DynamicFunctionKind, params: &str, body: &str) -> String {
    format!("({} anonymous({params}\n) {{\n{body}\n}})", kind.prefix())
}

/// Whether `program` is exactly one parenthesised function expression spanning the whole text
/// but its parentheses: the parts did not escape the function literal.
fn is_single_function_literal(program: &Program, text_len: usize) -> bool {
    let [stmt] = program.body.as_slice() else { return false };
    let StmtKind::Expr(e) = &stmt.kind else { return false };
    let ExprKind::Paren(inner) = &e.kind else { return false };
    let ExprKind::Function(f) = &inner.kind else { return false };
    f.span.start == 1 && f.span.end as usize + 1 == text_len
}

/// Parses `text`, reporting a parse error or a text that is not one function literal.
fn parse_function_literal(vm: &mut Vm, text: &str, not_single: &str) -> JsResult<Program> {
    match modjs_parser::parse(text, Goal::Script) {
        Ok(p) if is_single_function_literal(&p, text.len()) => Ok(p),
        Ok(_) => Err(vm.throw_syntax_error(not_single)),
        Err(e) => Err(vm.throw_syntax_error(&e.message)),
    }
}

/// CreateDynamicFunction ( constructor, newTarget, kind, parameterArgs, bodyArg ).
pub fn create_dynamic_function(vm: &mut Vm, args: &CallArgs, kind: DynamicFunctionKind) -> JsResult<Value> {
    // 1-2. newTarget defaults to the constructor itself.
    let new_target = args.new_target.unwrap_or(args.callee);
    // 6-12. P = the parameter strings joined with ",", bodyString = the last argument.
    let (param_args, body_arg) = match args.args.split_last() {
        Some((body, params)) => (params.to_vec(), body.clone()),
        None => (Vec::new(), Value::Undefined),
    };
    let mut params = String::new();
    for (i, p) in param_args.iter().enumerate() {
        if i > 0 {
            params.push(',');
        }
        params.push_str(&vm.to_string(p)?.to_rust_lossy());
    }
    let body = if args.args.is_empty() { String::new() } else { vm.to_string(&body_arg)?.to_rust_lossy() };
    // 13-19. Each part must parse on its own, then the whole.
    let params_only = assemble(kind, &params, "");
    if modjs_parser::parse(&params_only, Goal::Script)
        .map(|p| is_single_function_literal(&p, params_only.len()))
        != Ok(true)
    {
        return Err(vm.throw_syntax_error("Arg string terminates parameters early"));
    }
    let body_only = assemble(kind, "", &body);
    parse_function_literal(vm, &body_only, "Single function literal required")?;
    let text = assemble(kind, &params, &body);
    let mut program = parse_function_literal(vm, &text, "Single function literal required")?;
    // The function has no binding of its own name.
    if let Some(StmtKind::Expr(e)) = program.body.first_mut().map(|s| &mut s.kind) {
        if let ExprKind::Paren(inner) = &mut e.kind {
            if let ExprKind::Function(f) = &mut inner.kind {
                f.id = None;
            }
        }
    }
    // 20-33. Instantiate it in the global environment.
    let info = Rc::new(SourceInfo::new("anonymous", &text));
    let code = match compile_script(&program, info) {
        Ok(c) => c,
        Err(e) => return Err(vm.throw_syntax_error(&e.message)),
    };
    let f = vm.evaluate_script(&code)?;
    let Value::Object(func) = f else {
        return Err(vm.throw_syntax_error("Single function literal required"));
    };
    // 34. SetFunctionName(F, "anonymous").
    vm.define_value(func, PropertyKey::from("name"), Value::String(JsString::from("anonymous")), attrs::CONFIGURABLE);
    // 27. The prototype comes from newTarget.
    let proto = vm.get_prototype_from_constructor(new_target, kind.fallback_prototype())?;
    vm.heap.get_mut(func).proto = Some(proto);
    Ok(Value::Object(func))
}
