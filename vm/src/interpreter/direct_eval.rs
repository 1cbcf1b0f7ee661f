//! PerformEval (§19.2.1.1): direct eval from the `DirectEval` instruction and the %eval%
//! function itself (indirect eval).

use std::rc::Rc;

use modjs_parser::ast::Goal;
use modjs_parser::early_errors::EvalContext;

use crate::bytecode::{FunctionTemplate, SourceInfo};
use crate::compiler::eval_scope::{compile_eval, eval_bindings, eval_context_of};
use crate::compiler::eval_var_scope::context;
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
        // 5-10. What the code around the call allows (known when it was compiled).
        let env = eval_bindings(table);
        let bits = eval_context_of(table);
        let cx = EvalContext {
            strict: strict_caller,
            new_target: bits & context::NEW_TARGET != 0,
            super_property: bits & context::SUPER_PROPERTY != 0,
            super_call: bits & context::SUPER_CALL != 0,
            no_arguments: bits & context::NO_ARGUMENTS != 0,
        };
        // 11. Parse as a Script (a SyntaxError is thrown at the call).
        let private_names: Vec<String> =
            env.iter().filter_map(|b| b.name.strip_prefix('#')).map(str::to_string).collect();
        let program = match modjs_parser::parse_eval_in_classes(&source, cx, &private_names) {
            Ok(p) => p,
            Err(e) => return Err(self.throw_syntax_error(&e.message)),
        };
        let info = Rc::new(SourceInfo::new("evalmachine.<anonymous>", &source));
        self.evaluate_eval_code(&program, info, &env, cells, this, strict_caller, bits)
    }

    /// PerformEval steps 16-30: EvalDeclarationInstantiation (the compiler's part, then the
    /// global bindings when the variable environment is the global one) and the evaluation.
    #[allow(clippy::too_many_arguments)]
    fn evaluate_eval_code(
        &mut self,
        program: &modjs_parser::ast::Program,
        info: Rc<SourceInfo>,
        env: &[crate::compiler::eval_scope::EvalBinding],
        cells: Rc<[CellRef]>,
        this: Value,
        strict_caller: bool,
        bits: u32,
    ) -> JsResult<Value> {
        let code = {
            let vm: &Vm = self;
            let mut global = |name: &str| vm.global_name_info(name);
            compile_eval(program, info, env, strict_caller, bits, &mut global)
        };
        let code = match code {
            Ok(c) => c,
            Err(e) => return Err(self.throw_syntax_error(&e.message)),
        };
        if let Some(decls) = &code.global {
            self.eval_declaration_instantiation_global(decls)?;
        }
        let f = self.make_closure(code.template, cells);
        self.nested(|vm| vm.call(&Value::Object(f), this, &[]))
    }
}

/// `eval(x)` called as a function (§19.2.1): PerformEval(x, false, false) — indirect eval, in
/// the global environment: the eval code's lexical declarations are its own, its var and
/// function declarations deletable global bindings.
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
    vm.evaluate_eval_code(&program, info, &[], Rc::from(Vec::new()), global, false, 0)
}

/// Installs %eval% as the global `eval`.
pub fn install(vm: &mut Vm) {
    let global = vm.global();
    let f = vm.define_method(global, "eval", 1, global_eval);
    vm.realm.set_intrinsic(crate::realm::Intrinsic::Eval, f);
}
