//! PerformEval (§19.2.1.1): direct eval from the `DirectEval` instruction and the %eval%
//! function itself (indirect eval).

use std::rc::Rc;

use modjs_parser::ast::Goal;
use modjs_parser::early_errors::EvalContext;

use crate::compiler::analysis::NEW_TARGET;

use crate::bytecode::{FunctionTemplate, SourceInfo};
use crate::compiler::compile_script;
use crate::compiler::eval_scope::{compile_eval, eval_bindings};
use crate::error::JsResult;
use crate::gc::CellRef;
use crate::native::CallArgs;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// PerformEval(x, strictCaller, direct = true): `table` lists the bindings visible at the
    /// call site and `cells` their cells; `this` is the caller's `this`.
    pub fn perform_direct_eval(
        &mut self,
        x: Value,
        table: &FunctionTemplate,
        cells: Rc<[CellRef]>,
        this: Value,
        strict_caller: bool,
    ) -> JsResult<Value> {
        // 2. If x is not a String, return x.
        let Value::String(s) = &x else { return Ok(x) };
        let source = s.to_rust_lossy();
        // 11. Parse as a Script (a SyntaxError is thrown at the call).
        let env = eval_bindings(table);
        let cx = EvalContext {
            strict: strict_caller,
            new_target: env.iter().any(|b| b.name == NEW_TARGET),
        };
        let program = match modjs_parser::parse_eval(&source, cx) {
            Ok(p) => p,
            Err(e) => return Err(self.throw_syntax_error(&e.message)),
        };
        let info = Rc::new(SourceInfo::new("evalmachine.<anonymous>", &source));
        let template = match compile_eval(&program, info, &env, strict_caller) {
            Ok(t) => t,
            Err(e) => return Err(self.throw_syntax_error(&e.message)),
        };
        let f = self.make_closure(template, cells);
        self.nested(|vm| vm.call(&Value::Object(f), this, &[]))
    }
}

/// `eval(x)` called as a function (§19.2.1): PerformEval(x, false, false) — indirect eval, in
/// the global environment.
pub fn global_eval(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = args.get(0);
    let Value::String(s) = &x else { return Ok(x) };
    let source = s.to_rust_lossy();
    let program = match modjs_parser::parse(&source, Goal::Script) {
        Ok(p) => p,
        Err(e) => return Err(vm.throw_syntax_error(&e.message)),
    };
    let info = Rc::new(SourceInfo::new("evalmachine.<anonymous>", &source));
    let global = Value::Object(vm.global());
    let mut lex = Vec::new();
    crate::compiler::declarations::lexically_scoped_declarations(&program.body, false, &mut lex);
    if program.strict || !lex.is_empty() {
        // Strict eval code (or code with lexical declarations, which must stay local): its own
        // declarative environment over the global one.
        let template = match compile_eval(&program, info, &[], program.strict) {
            Ok(t) => t,
            Err(e) => return Err(vm.throw_syntax_error(&e.message)),
        };
        let f = vm.make_closure(template, Rc::from(Vec::new()));
        return vm.call(&Value::Object(f), global, &[]);
    }
    // Sloppy code without lexical declarations: its var and function declarations become
    // global bindings, exactly as a Script's.
    let code = match compile_script(&program, info) {
        Ok(c) => c,
        Err(e) => return Err(vm.throw_syntax_error(&e.message)),
    };
    vm.evaluate_script(&code)
}

/// Installs %eval% as the global `eval`.
pub fn install(vm: &mut Vm) {
    let global = vm.global();
    let f = vm.define_method(global, "eval", 1, global_eval);
    vm.realm.set_intrinsic(crate::realm::Intrinsic::Eval, f);
}
