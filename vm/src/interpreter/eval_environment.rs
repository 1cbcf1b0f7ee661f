//! The run-time half of EvalDeclarationInstantiation (§19.2.1.3) for sloppy direct eval code:
//! the object record of the variables eval code declares in a function (`DeclareEvalVar`,
//! `SetEvalVar`; the compiler's half is `compiler/eval_var_scope.rs`), and the global bindings
//! it declares when its caller is global code.

use crate::compiler::eval_var_scope::{GlobalEvalDeclarations, GlobalName};
use crate::error::JsResult;
use crate::gc::{CellRef, ObjRef};
use crate::object::{Object, ObjectKind};
use crate::property::{PropertyDescriptor, PropertyKey};
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// The object record of a function's eval-declared variables, held in `cell`; made (an
    /// object without prototype) the first time eval code declares one.
    fn eval_var_record(&mut self, cell: CellRef) -> ObjRef {
        if let Value::Object(o) = self.heap.cell(cell) {
            return *o;
        }
        let o = self.heap.alloc(Object::new(None, ObjectKind::DeclarativeEnvironment));
        self.heap.cell_set(cell, Value::Object(o));
        o
    }

    /// EvalDeclarationInstantiation steps 18.a.ii (and B.3.2.3's step 11) in a function's
    /// record: unless varEnv.HasBinding(name), CreateMutableBinding(name, true) (deletable) and
    /// InitializeBinding(name, undefined).
    pub fn declare_eval_var(&mut self, cell: CellRef, key: &PropertyKey) -> JsResult<()> {
        let record = self.eval_var_record(cell);
        if self.heap.get(record).props.get(key).is_none() {
            let desc = PropertyDescriptor::data(Value::Undefined, true, true, true);
            self.define_property_or_throw(record, key.clone(), desc)?;
        }
        Ok(())
    }

    /// SetMutableBinding(name, value, false) of a function's record (§9.1.1.1.5): a binding that
    /// `delete` removed is created again.
    pub fn set_eval_var(&mut self, cell: CellRef, key: &PropertyKey, value: Value) -> JsResult<()> {
        let record = self.eval_var_record(cell);
        let desc = PropertyDescriptor::data(value, true, true, true);
        self.define_property_or_throw(record, key.clone(), desc)
    }

    /// What EvalDeclarationInstantiation asks the global environment about `name`:
    /// HasLexicalDeclaration and CanDeclareGlobalVar (§9.1.1.4.15; the global object is
    /// ordinary, so asking has no effects).
    pub fn global_name_info(&self, name: &str) -> GlobalName {
        let js = JsString::from(name);
        let lexical = self.realm.global_lexicals.contains_key(&js);
        let global = self.heap.get(self.global());
        let own = global.props.get(&PropertyKey::from_string(js)).is_some();
        GlobalName { lexical, can_declare_var: own || global.extensible }
    }

    /// EvalDeclarationInstantiation steps 8 and 10 (CanDeclareGlobalFunction /
    /// CanDeclareGlobalVar, a TypeError when one fails) and the creation of the bindings of
    /// steps 11 (B.3.2.3), 17 and 18, all deletable, when the variable environment is the
    /// global one. The functions get `undefined` here and their values from the eval code's
    /// prologue, which keeps the order in which the properties are created.
    pub fn eval_declaration_instantiation_global(&mut self, decls: &GlobalEvalDeclarations) -> JsResult<()> {
        let global = self.global();
        let not_extensible = |vm: &mut Vm, name: &str| {
            vm.throw_type_error(&format!("Cannot add property {name}, object is not extensible"))
        };
        // 8. CanDeclareGlobalFunction.
        for name in &decls.functions {
            let key = PropertyKey::from(name.as_str());
            match self.get_own_property(global, &key)? {
                None => {
                    if !self.is_extensible(global)? {
                        return Err(not_extensible(self, name));
                    }
                }
                Some(d) if d.configurable == Some(true) => {}
                Some(d) if d.is_data() && d.writable == Some(true) && d.enumerable == Some(true) => {}
                Some(_) => {
                    return Err(self.throw_type_error(&format!("Identifier '{name}' has already been declared")));
                }
            }
        }
        // 10. CanDeclareGlobalVar.
        for name in &decls.vars {
            let key = PropertyKey::from(name.as_str());
            if self.get_own_property(global, &key)?.is_none() && !self.is_extensible(global)? {
                return Err(not_extensible(self, name));
            }
        }
        // B.3.2.3 step 11, then 17 and 18.
        for name in &decls.annex_b {
            self.create_global_var_binding(&PropertyKey::from(name.as_str()))?;
        }
        for name in &decls.functions {
            self.create_global_function_binding(&PropertyKey::from(name.as_str()), Value::Undefined, true)?;
        }
        for name in &decls.vars {
            self.create_global_var_binding(&PropertyKey::from(name.as_str()))?;
        }
        Ok(())
    }

    /// CreateGlobalVarBinding(N, true) (§9.1.1.4.17).
    fn create_global_var_binding(&mut self, key: &PropertyKey) -> JsResult<()> {
        let global = self.global();
        if self.get_own_property(global, key)?.is_none() && self.is_extensible(global)? {
            let desc = PropertyDescriptor::data(Value::Undefined, true, true, true);
            self.define_property_or_throw(global, key.clone(), desc)?;
        }
        Ok(())
    }
}
