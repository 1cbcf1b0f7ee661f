//! Entry points the module loader uses: compiling a Module, creating its hoisted functions
//! (InitializeEnvironment) and running its body (ExecuteModule). The loader owns the cells:
//! one per `ModuleCode::bindings` entry, fresh for local bindings (starting at
//! `ModuleBindingKind::initial_value`) and the exporting module's own cell for each import —
//! which is what makes imports live bindings.

use std::rc::Rc;

use modjs_parser::ast::Goal;

use crate::bytecode::SourceInfo;
use crate::compiler::{compile_module, ModuleCode};
use crate::error::JsResult;
use crate::gc::CellRef;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// Parses and compiles `source` as a Module (early errors and unsupported features are
    /// thrown as SyntaxErrors).
    pub fn compile_module_source(&mut self, source: &str, path: &str) -> JsResult<ModuleCode> {
        let program = match modjs_parser::parse(source, Goal::Module) {
            Ok(p) => p,
            Err(e) => return Err(self.throw_syntax_error(&e.message)),
        };
        self.compile_module_program(&program, source, path)
    }

    /// Compiles an already parsed and checked Module.
    pub fn compile_module_program(&mut self, program: &modjs_parser::ast::Program, source: &str, path: &str) -> JsResult<ModuleCode> {
        let info = Rc::new(SourceInfo::new(path, source));
        compile_module(program, info).map_err(|e| self.throw_syntax_error(&e.message))
    }

    /// Fresh cells for the module's own bindings, with `import_cell` supplying the cell of each
    /// import (by binding index and name). The cells stay alive as long as the VM (module
    /// environments are never discarded).
    pub fn new_module_cells(&mut self, code: &ModuleCode, mut import_cell: impl FnMut(usize, &str) -> Option<CellRef>) -> Vec<CellRef> {
        let mut cells = Vec::with_capacity(code.bindings.len());
        for (i, b) in code.bindings.iter().enumerate() {
            let cell = if b.kind.is_import() {
                import_cell(i, &b.name.to_string_lossy())
            } else {
                None
            };
            cells.push(match cell {
                Some(c) => c,
                None => self.heap.alloc_cell(b.kind.initial_value()),
            });
        }
        self.interp.cell_roots.extend_from_slice(&cells);
        cells
    }

    /// InitializeEnvironment's last step: the hoisted function declarations, stored in their
    /// cells.
    pub fn instantiate_module_functions(&mut self, code: &ModuleCode, cells: &[CellRef]) -> JsResult<()> {
        self.run_top_level(code.init.clone(), cells.to_vec(), Value::Undefined).map(|_| ())
    }

    /// ExecuteModule: runs the body (`this` is undefined).
    pub fn evaluate_module_body(&mut self, code: &ModuleCode, cells: &[CellRef]) -> JsResult<Value> {
        self.run_top_level(code.body.clone(), cells.to_vec(), Value::Undefined)
    }
}
