//! Running module code: a compiled module's templates become function objects whose captured
//! cells are the module environment's cells (see `compiler::module`).

use std::rc::Rc;

use super::closure::Closure;
use crate::bytecode::FunctionTemplate;
use crate::error::JsResult;
use crate::gc::{CellRef, ObjRef};
use crate::object::{Object, ObjectKind};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// A function object for a module template (`init` or `body`) over the module's cells:
    /// `cells[i]` is the cell of the template's layout entry `i`.
    pub fn module_function(&mut self, template: Rc<FunctionTemplate>, cells: Vec<CellRef>) -> ObjRef {
        let proto = self.intrinsic(Intrinsic::FunctionPrototype);
        let closure = Closure { template, upvalues: cells.into(), home_object: None, fields: None };
        self.heap.alloc(Object::new(Some(proto), ObjectKind::Function(Box::new(closure))))
    }

    /// Runs a module function with `this` undefined (ExecuteModule / the hoisting step).
    pub fn run_module_function(&mut self, f: ObjRef) -> JsResult<Value> {
        self.call(&Value::Object(f), Value::Undefined, &[])
    }
}
