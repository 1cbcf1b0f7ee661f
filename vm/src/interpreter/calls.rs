//! Entering bytecode functions: [[Call]] and [[Construct]] of ECMAScript function objects
//! (§10.2.1, §10.2.2), from bytecode (a new frame in the running loop) or from Rust (a nested
//! loop).

use std::rc::Rc;

use super::{Frame, MAX_FRAMES};
use crate::bytecode::{FunctionTemplate, TemplateKind};
use crate::error::JsResult;
use crate::gc::{CellRef, ObjRef};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::{Vm, MAX_NATIVE_DEPTH};

/// How a frame is being entered.
pub(super) struct Entry {
    pub callee: ObjRef,
    pub template: Rc<FunctionTemplate>,
    pub upvalues: Rc<[CellRef]>,
    pub new_target: Value,
    pub construct: bool,
    pub entry: bool,
    pub ret: usize,
}

impl Vm {
    /// OrdinaryCallBindThis for a sloppy function: undefined/null become the global object,
    /// primitives are wrapped.
    pub(super) fn bind_this(&mut self, template: &FunctionTemplate, this: Value) -> JsResult<Value> {
        if template.strict || template.kind == TemplateKind::Arrow {
            return Ok(this);
        }
        match this {
            Value::Undefined | Value::Null | Value::Empty => Ok(Value::Object(self.global())),
            Value::Object(_) => Ok(this),
            other => Ok(Value::Object(self.to_object(&other)?)),
        }
    }

    /// Pushes a frame whose `this` and `argc` arguments are already in the register stack at
    /// `base` (register 0) and `base + 1 ..`.
    pub(super) fn push_frame(&mut self, e: Entry, base: usize, argc: usize) -> JsResult<()> {
        if self.interp.frames.len() >= MAX_FRAMES {
            return Err(self.throw_range_error("Maximum call stack size exceeded"));
        }
        let t = &e.template;
        let regs = t.register_count as usize;
        let params = t.param_count as usize;
        let interp = &mut self.interp;
        let end = base + regs.max(argc + 1);
        if interp.stack.len() < end {
            interp.stack.resize(end, Value::Undefined);
        }
        let args = if t.needs_arguments { interp.stack[base + 1..base + 1 + argc].to_vec() } else { Vec::new() };
        // Missing parameters and all other registers start as undefined.
        let first_clear = 1 + argc.min(params);
        for v in &mut interp.stack[base + first_clear..base + regs] {
            crate::value::overwrite(v, Value::Undefined);
        }
        let cell_base = interp.cells.len();
        if t.cell_count > 0 {
            let placeholder = match interp.placeholder_cell {
                Some(c) => c,
                None => {
                    let c = self.heap.alloc_cell(Value::Undefined);
                    self.interp.placeholder_cell = Some(c);
                    c
                }
            };
            let n = cell_base + t.cell_count as usize;
            self.interp.cells.resize(n, placeholder);
        }
        let upvalues = e.upvalues;
        let handler_base = self.interp.handlers.len();
        self.interp.frames.push(Frame {
            template: e.template,
            callee: Some(e.callee),
            upvalues,
            base,
            cell_base,
            pc: 0,
            ret: e.ret,
            new_target: e.new_target,
            args,
            construct: e.construct,
            entry: e.entry,
            handler_base,
            generator: None,
        });
        Ok(())
    }

    /// The `this` of [[Construct]] for a base constructor: OrdinaryCreateFromConstructor(
    /// newTarget, "%Object.prototype%"); empty for a derived constructor.
    pub(super) fn construct_this(&mut self, template: &FunctionTemplate, new_target: ObjRef) -> JsResult<Value> {
        if let TemplateKind::ClassConstructor { derived: true } = template.kind {
            return Ok(Value::Empty);
        }
        // GetPrototypeFromConstructor: also throws for a proxy revoked meanwhile (GetFunctionRealm).
        let proto = self.get_prototype_from_constructor(new_target, Intrinsic::ObjectPrototype)?;
        Ok(Value::Object(self.new_object_with_proto(Some(proto))))
    }

    /// Runs a frame pushed with `entry: true` at the top of the stack to completion, counted as
    /// a native level.
    fn run_entry(&mut self) -> JsResult<Value> {
        self.native_depth += 1;
        let r = super::dispatch::run(self);
        self.native_depth -= 1;
        r
    }
}

/// The nesting checks of a Rust-to-JavaScript entry: the native depth cap and the Rust stack
/// budget (measured from the outermost entry, where `native_depth` is 0).
pub(super) fn check_depth(vm: &mut Vm) -> JsResult<()> {
    let marker = 0u8;
    let here = &marker as *const u8 as usize;
    if vm.native_depth == 0 {
        vm.interp.stack_origin = here;
    }
    let used = vm.interp.stack_origin.saturating_sub(here);
    if vm.native_depth >= MAX_NATIVE_DEPTH || used > vm.interp.native_stack_budget {
        return Err(vm.throw_range_error("Maximum call stack size exceeded"));
    }
    Ok(())
}

/// Stores `this` and the arguments into a new frame's first registers (`window` is exactly
/// `1 + args.len()` long).
#[inline]
fn write_arguments(window: &mut [Value], this: Value, args: &[Value]) {
    if let Some((first, rest)) = window.split_first_mut() {
        crate::value::overwrite(first, this);
        for (slot, a) in rest.iter_mut().zip(args) {
            crate::value::overwrite(slot, a.clone());
        }
    }
}

/// [[Call]] of a bytecode function object from Rust.
pub fn call_closure(vm: &mut Vm, callee: ObjRef, this: Value, args: &[Value]) -> JsResult<Value> {
    check_depth(vm)?;
    let Some((template, upvalues)) = vm.closure(callee).map(|c| (c.template.clone(), c.upvalues.clone())) else {
        return Err(vm.throw_type_error("not a function"));
    };
    if let TemplateKind::ClassConstructor { .. } = template.kind {
        let name = template.name.to_rust_lossy();
        return Err(vm.throw_type_error(&format!("Class constructor {name} cannot be invoked without 'new'")));
    }
    let this = vm.bind_this(&template, this)?;
    let base = vm.interp.live_top();
    let need = base + 1 + args.len();
    if vm.interp.stack.len() < need {
        vm.interp.stack.resize(need, Value::Undefined);
    }
    write_arguments(&mut vm.interp.stack[base..need], this, args);
    let e = Entry { callee, template, upvalues, new_target: Value::Undefined, construct: false, entry: true, ret: base };
    vm.push_frame(e, base, args.len())?;
    vm.run_entry()
}

/// [[Construct]] of a bytecode function object from Rust.
pub fn construct_closure(vm: &mut Vm, callee: ObjRef, args: &[Value], new_target: ObjRef) -> JsResult<Value> {
    check_depth(vm)?;
    let Some((template, upvalues)) = vm.closure(callee).map(|c| (c.template.clone(), c.upvalues.clone())) else {
        return Err(vm.throw_type_error("not a constructor"));
    };
    if !template.is_constructor() {
        let name = template.name.to_rust_lossy();
        return Err(vm.throw_type_error(&format!("{name} is not a constructor")));
    }
    let this = vm.construct_this(&template, new_target)?;
    let base = vm.interp.live_top();
    let need = base + 1 + args.len();
    if vm.interp.stack.len() < need {
        vm.interp.stack.resize(need, Value::Undefined);
    }
    write_arguments(&mut vm.interp.stack[base..need], this, args);
    let construct = !matches!(template.kind, TemplateKind::ClassConstructor { derived: true });
    let e = Entry { callee, template, upvalues, new_target: Value::Object(new_target), construct, entry: true, ret: base };
    vm.push_frame(e, base, args.len())?;
    vm.run_entry()
}
