//! Generators (§27.5): a generator object holds its suspended frame — registers, cell slots,
//! pc and exception handlers moved off the stacks — and resuming pushes them back. The same
//! mechanism suspends async functions (driven by promises instead of `next`).

use std::rc::Rc;

use super::{Frame, Handler};
use crate::bytecode::FunctionTemplate;
use crate::error::JsResult;
use crate::gc::{CellRef, ObjRef, Trace, Tracer};
use crate::native::CallArgs;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// How a suspended frame is resumed: the value the `yield` evaluates to and whether it is a
/// normal resumption, a throw or a return (the compiled code after each `yield` dispatches on
/// it).
pub const RESUME_NEXT: i32 = 0;
pub const RESUME_THROW: i32 = 1;
pub const RESUME_RETURN: i32 = 2;

/// [[GeneratorState]].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GeneratorStatus {
    SuspendedStart,
    SuspendedYield,
    Executing,
    Completed,
}

/// A frame taken off the stacks while suspended.
pub struct SuspendedFrame {
    pub template: Rc<FunctionTemplate>,
    pub callee: Option<ObjRef>,
    pub upvalues: Rc<[CellRef]>,
    pub registers: Vec<Value>,
    pub cells: Vec<CellRef>,
    pub handlers: Vec<Handler>,
    pub pc: usize,
    pub new_target: Value,
    pub args: Vec<Value>,
    /// Registers receiving the resumption value and mode.
    pub resume_value: u16,
    pub resume_mode: u16,
}

impl Trace for SuspendedFrame {
    fn trace(&self, t: &mut Tracer) {
        if let Some(c) = self.callee {
            t.obj(c);
        }
        for c in self.upvalues.iter() {
            t.cell(*c);
        }
        t.values(&self.registers);
        for c in &self.cells {
            t.cell(*c);
        }
        t.value(&self.new_target);
        t.values(&self.args);
    }
}

/// A generator object's internal slots — also the state of an async function activation
/// (then `promise` is the promise the call returned).
pub struct GeneratorData {
    pub status: GeneratorStatus,
    pub frame: Option<SuspendedFrame>,
    /// An async function's result promise.
    pub promise: Option<ObjRef>,
    /// An async function has suspended at least once (its caller already has the promise).
    pub suspended_once: bool,
}

impl Trace for GeneratorData {
    fn trace(&self, t: &mut Tracer) {
        if let Some(f) = &self.frame {
            f.trace(t);
        }
        if let Some(p) = self.promise {
            t.obj(p);
        }
    }
}

impl Vm {
    /// Moves the top frame into a `SuspendedFrame` (popping it), to resume at `pc`.
    pub(super) fn suspend_top_frame(&mut self, pc: usize, resume_value: u16, resume_mode: u16) -> Option<(SuspendedFrame, Frame)> {
        let f = self.interp.frames.pop()?;
        let regs = f.template.register_count as usize;
        let registers = self.interp.stack[f.base..f.base + regs].to_vec();
        let cells = self.interp.cells[f.cell_base..].to_vec();
        self.interp.cells.truncate(f.cell_base);
        let handlers = self.interp.handlers[f.handler_base..].to_vec();
        self.interp.handlers.truncate(f.handler_base);
        let s = SuspendedFrame {
            template: f.template.clone(),
            callee: f.callee,
            upvalues: f.upvalues.clone(),
            registers,
            cells,
            handlers,
            pc,
            new_target: f.new_target.clone(),
            args: f.args.clone(),
            resume_value,
            resume_mode,
        };
        Some((s, f))
    }

    /// Pushes a suspended frame back as an entry frame, with the resumption value and mode.
    pub(super) fn push_suspended(&mut self, s: SuspendedFrame, value: Value, mode: i32, generator: ObjRef) -> JsResult<()> {
        if self.interp.frames.len() >= super::MAX_FRAMES {
            return Err(self.throw_range_error("Maximum call stack size exceeded"));
        }
        let base = self.interp.live_top();
        let end = base + s.registers.len();
        if self.interp.stack.len() < end {
            self.interp.stack.resize(end, Value::Undefined);
        }
        for (i, v) in s.registers.into_iter().enumerate() {
            self.interp.stack[base + i] = v;
        }
        self.interp.stack[base + s.resume_value as usize] = value;
        self.interp.stack[base + s.resume_mode as usize] = Value::Number(mode as f64);
        let cell_base = self.interp.cells.len();
        self.interp.cells.extend_from_slice(&s.cells);
        let handler_base = self.interp.handlers.len();
        self.interp.handlers.extend_from_slice(&s.handlers);
        self.interp.frames.push(Frame {
            template: s.template,
            callee: s.callee,
            upvalues: s.upvalues,
            base,
            cell_base,
            pc: s.pc,
            ret: base,
            new_target: s.new_target,
            args: s.args,
            construct: false,
            entry: true,
            handler_base,
            generator: Some(generator),
        });
        Ok(())
    }

    /// The generator object for a generator function's new activation (OrdinaryCreateFromConstructor
    /// with the function's `prototype`, falling back to %GeneratorPrototype%).
    pub(super) fn new_generator_object(&mut self, callee: Option<ObjRef>, fallback: Intrinsic) -> JsResult<ObjRef> {
        let proto = match callee {
            Some(c) => {
                let key = self.interp.common_keys.prototype.clone();
                match self.get(c, &key)? {
                    Value::Object(p) => p,
                    _ => self.intrinsic(fallback),
                }
            }
            None => self.intrinsic(fallback),
        };
        Ok(self.heap.alloc(Object::new(
            Some(proto),
            ObjectKind::Generator(Box::new(GeneratorData {
                status: GeneratorStatus::SuspendedStart,
                frame: None,
                promise: None,
                suspended_once: false,
            })),
        )))
    }

    pub(super) fn generator_data(&mut self, g: ObjRef) -> Option<&mut GeneratorData> {
        match &mut self.heap.get_mut(g).kind {
            ObjectKind::Generator(d) => Some(d),
            _ => None,
        }
    }

    /// GeneratorResume / GeneratorResumeAbrupt (§27.5.3.3-4): runs the generator until its next
    /// `yield` (an iterator result `{ value, done: false }`) or its end (`done: true`).
    pub fn generator_resume(&mut self, g: ObjRef, value: Value, mode: i32, method: &str) -> JsResult<Value> {
        let Some(data) = self.generator_data(g) else {
            let shown = format!("{method} method called on incompatible receiver");
            return Err(self.throw_type_error(&shown));
        };
        match data.status {
            GeneratorStatus::Executing => return Err(self.throw_type_error("Generator is already running")),
            GeneratorStatus::Completed => {
                return match mode {
                    RESUME_THROW => Err(value),
                    RESUME_RETURN => Ok(Value::Object(self.create_iter_result_object(value, true))),
                    _ => Ok(Value::Object(self.create_iter_result_object(Value::Undefined, true))),
                }
            }
            GeneratorStatus::SuspendedStart if mode != RESUME_NEXT => {
                data.status = GeneratorStatus::Completed;
                data.frame = None;
                return if mode == RESUME_THROW { Err(value) } else { Ok(Value::Object(self.create_iter_result_object(value, true))) };
            }
            _ => {}
        }
        let Some(frame) = data.frame.take() else {
            data.status = GeneratorStatus::Completed;
            return Ok(Value::Object(self.create_iter_result_object(Value::Undefined, true)));
        };
        data.status = GeneratorStatus::Executing;
        if let Err(e) = super::calls::check_depth(self).and_then(|_| self.push_suspended(frame, value, mode, g)) {
            if let Some(d) = self.generator_data(g) {
                d.status = GeneratorStatus::Completed;
            }
            return Err(e);
        }
        self.native_depth += 1;
        let r = super::dispatch::run(self);
        self.native_depth -= 1;
        let status = self.generator_data(g).map(|d| d.status);
        match r {
            // A `yield` left the generator suspended: the value is already an iterator result.
            Ok(v) if status == Some(GeneratorStatus::SuspendedYield) => Ok(v),
            Ok(v) => {
                if let Some(d) = self.generator_data(g) {
                    d.status = GeneratorStatus::Completed;
                    d.frame = None;
                }
                Ok(Value::Object(self.create_iter_result_object(v, true)))
            }
            Err(e) => {
                if let Some(d) = self.generator_data(g) {
                    d.status = GeneratorStatus::Completed;
                    d.frame = None;
                }
                Err(e)
            }
        }
    }

    /// Stores a frame suspended at a `yield` (or an `await`) into its generator. An async
    /// generator's state stays what it is (executing, while it awaits).
    pub(super) fn park_generator(&mut self, g: ObjRef, s: SuspendedFrame, status: GeneratorStatus) {
        match &mut self.heap.get_mut(g).kind {
            ObjectKind::Generator(d) => {
                d.status = status;
                d.frame = Some(s);
            }
            ObjectKind::AsyncGenerator(d) => d.frame = Some(s),
            _ => {}
        }
    }
}

fn this_generator(vm: &mut Vm, args: &CallArgs, method: &str) -> JsResult<ObjRef> {
    if let Value::Object(o) = &args.this {
        if let ObjectKind::Generator(_) = vm.heap.get(*o).kind {
            return Ok(*o);
        }
    }
    let shown = match &args.this {
        Value::Object(_) => "#<Object>".to_string(),
        other => vm.describe_for_error(other),
    };
    Err(vm.throw_type_error(&format!("{method} method called on incompatible receiver {shown}")))
}

/// %GeneratorPrototype%.next ( value ).
fn generator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let g = this_generator(vm, args, "next")?;
    vm.generator_resume(g, args.get(0), RESUME_NEXT, "next")
}

/// %GeneratorPrototype%.return ( value ).
fn generator_return(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let g = this_generator(vm, args, "return")?;
    vm.generator_resume(g, args.get(0), RESUME_RETURN, "return")
}

/// %GeneratorPrototype%.throw ( exception ).
fn generator_throw(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let g = this_generator(vm, args, "throw")?;
    vm.generator_resume(g, args.get(0), RESUME_THROW, "throw")
}

/// %GeneratorFunction.prototype%, %GeneratorPrototype% (§27.3.3, §27.5.1) and
/// %AsyncFunction.prototype% (§27.7.3): their links and methods.
pub fn install(vm: &mut Vm) {
    let function_proto = vm.intrinsic(Intrinsic::FunctionPrototype);
    let iterator_proto = vm.intrinsic(Intrinsic::IteratorPrototype);
    let gen_fn_proto = vm.intrinsic(Intrinsic::GeneratorFunctionPrototype);
    let gen_proto = vm.intrinsic(Intrinsic::GeneratorPrototype);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());

    vm.heap.get_mut(gen_fn_proto).proto = Some(function_proto);
    vm.define_value(gen_fn_proto, PropertyKey::from("prototype"), Value::Object(gen_proto), attrs::CONFIGURABLE);
    vm.define_value(gen_fn_proto, tag.clone(), Value::from("GeneratorFunction"), attrs::CONFIGURABLE);

    vm.heap.get_mut(gen_proto).proto = Some(iterator_proto);
    vm.define_value(gen_proto, PropertyKey::from("constructor"), Value::Object(gen_fn_proto), attrs::CONFIGURABLE);
    vm.define_method(gen_proto, "next", 1, generator_next);
    vm.define_method(gen_proto, "return", 1, generator_return);
    vm.define_method(gen_proto, "throw", 1, generator_throw);
    vm.define_value(gen_proto, tag.clone(), Value::from("Generator"), attrs::CONFIGURABLE);

    let async_fn_proto = vm.intrinsic(Intrinsic::AsyncFunctionPrototype);
    vm.heap.get_mut(async_fn_proto).proto = Some(function_proto);
    vm.define_value(async_fn_proto, tag, Value::from("AsyncFunction"), attrs::CONFIGURABLE);
}
