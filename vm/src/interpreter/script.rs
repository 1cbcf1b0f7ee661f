//! Running a Script: ParseScript, GlobalDeclarationInstantiation (§16.1.7) and
//! ScriptEvaluation (§16.1.6).

use std::rc::Rc;

use modjs_parser::ast::Goal;

use super::Frame;
use crate::bytecode::SourceInfo;
use crate::compiler::{compile_script, ScriptCode};
use crate::error::JsResult;
use crate::gc::CellRef;
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::realm::GlobalLexical;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// Parses, compiles and runs `source` as a classic Script; returns its completion value.
    /// Early errors and unsupported features are thrown as `SyntaxError`s.
    pub fn run_script(&mut self, source: &str, path: &str) -> JsResult<Value> {
        let program = match modjs_parser::parse(source, Goal::Script) {
            Ok(p) => p,
            Err(e) => return Err(self.throw_syntax_error(&e.message)),
        };
        let info = Rc::new(SourceInfo::new(path, source));
        let code = match compile_script(&program, info) {
            Ok(c) => c,
            Err(e) => return Err(self.throw_syntax_error(&e.message)),
        };
        self.evaluate_script(&code)
    }

    /// GlobalDeclarationInstantiation then the script body.
    pub fn evaluate_script(&mut self, code: &ScriptCode) -> JsResult<Value> {
        let cells = self.global_declaration_instantiation(code)?;
        let this = Value::Object(self.global());
        self.run_top_level(code.template.clone(), cells, this)
    }

    /// Runs top-level code (a Script or a Module's templates) whose upvalues are `cells`.
    pub(super) fn run_top_level(&mut self, t: Rc<crate::bytecode::FunctionTemplate>, cells: Vec<CellRef>, this: Value) -> JsResult<Value> {
        if self.native_depth == 0 {
            let marker = 0u8;
            self.interp.stack_origin = &marker as *const u8 as usize;
        }
        let base = self.interp.live_top();
        let end = base + t.register_count as usize;
        if self.interp.stack.len() < end {
            self.interp.stack.resize(end, Value::Undefined);
        }
        for v in &mut self.interp.stack[base..end] {
            *v = Value::Undefined;
        }
        self.interp.stack[base] = this;
        let cell_base = self.interp.cells.len();
        if t.cell_count > 0 {
            let placeholder = match self.interp.placeholder_cell {
                Some(c) => c,
                None => {
                    let c = self.heap.alloc_cell(Value::Undefined);
                    self.interp.placeholder_cell = Some(c);
                    c
                }
            };
            self.interp.cells.resize(cell_base + t.cell_count as usize, placeholder);
        }
        if self.interp.frames.len() >= super::MAX_FRAMES {
            return Err(self.throw_range_error("Maximum call stack size exceeded"));
        }
        let handler_base = self.interp.handlers.len();
        self.interp.frames.push(Frame {
            template: t,
            callee: None,
            upvalues: Rc::from(cells),
            base,
            cell_base,
            pc: 0,
            ret: base,
            new_target: Value::Undefined,
            args: Vec::new(),
            construct: false,
            entry: true,
            handler_base,
            generator: None,
        });
        super::dispatch::run(self)
    }

    /// GlobalDeclarationInstantiation (§16.1.7): checks for conflicting declarations, creates
    /// the script's lexical bindings (uninitialised) and its `var` bindings. Returns the lexical
    /// cells in the order of `code.lexical`.
    fn global_declaration_instantiation(&mut self, code: &ScriptCode) -> JsResult<Vec<CellRef>> {
        let global = self.global();
        let already = |vm: &mut Vm, name: &JsString| {
            vm.throw_syntax_error(&format!("Identifier '{}' has already been declared", name.to_rust_lossy()))
        };
        // Steps 3-4: lexical names must not clash with existing lexicals or restricted globals,
        // var names must not clash with existing lexicals.
        for (name, _) in &code.lexical {
            let js = JsString::from_slice(name.units());
            if self.realm.global_lexicals.contains_key(&js) {
                return Err(already(self, &js));
            }
            let key = PropertyKey::from_string(js.clone());
            if let Some(d) = self.get_own_property(global, &key)? {
                if d.configurable == Some(false) {
                    return Err(already(self, &js));
                }
            }
        }
        for name in code.var_names.iter().chain(code.function_names.iter()) {
            let js = JsString::from_slice(name.units());
            if self.realm.global_lexicals.contains_key(&js) {
                return Err(already(self, &js));
            }
        }
        // Steps 8-10: CanDeclareGlobalFunction / CanDeclareGlobalVar.
        for name in &code.function_names {
            let key = PropertyKey::from_string(JsString::from_slice(name.units()));
            let ok = match self.get_own_property(global, &key)? {
                None => self.is_extensible(global)?,
                Some(d) if d.configurable == Some(true) => true,
                Some(d) => d.is_data() && d.writable == Some(true) && d.enumerable == Some(true),
            };
            if !ok {
                return Err(self.throw_type_error(&format!("Cannot redefine property: {}", name.to_string_lossy())));
            }
        }
        for name in &code.var_names {
            let key = PropertyKey::from_string(JsString::from_slice(name.units()));
            if self.get_own_property(global, &key)?.is_none() && !self.is_extensible(global)? {
                return Err(self.throw_type_error(&format!(
                    "Cannot define property {}, object is not extensible",
                    name.to_string_lossy()
                )));
            }
        }
        // Step 15: the lexical bindings.
        let mut cells = Vec::with_capacity(code.lexical.len());
        for (name, is_const) in &code.lexical {
            let cell = self.heap.alloc_cell(Value::Empty);
            self.realm
                .global_lexicals
                .insert(JsString::from_slice(name.units()), GlobalLexical { cell, mutable: !is_const });
            cells.push(cell);
        }
        // Step 17: CreateGlobalVarBinding (functions are bound by the code's prologue).
        for name in &code.var_names {
            let key = PropertyKey::from_string(JsString::from_slice(name.units()));
            if self.get_own_property(global, &key)?.is_none() {
                let desc = PropertyDescriptor::data(Value::Undefined, true, true, false);
                self.define_property_or_throw(global, key, desc)?;
            }
        }
        Ok(cells)
    }
}
