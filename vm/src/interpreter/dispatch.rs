//! The dispatch loop.

use std::rc::Rc;

use super::calls::Entry;
use super::closure::capture_cells;
use super::generator::{GeneratorStatus, RESUME_NEXT, RESUME_THROW};
use super::operators::arithmetic;
use super::Handler;
use crate::bytecode::{CompareOp, ErrorType, FunctionTemplate, ImmOp, Insn, MethodKind, TemplateKind};
use crate::error::{ErrorKind, JsResult};
use crate::object::ordinary::{lookup_data_property, set_own_data_property, DataLookup};
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyDescriptor, PropertyKey, Slot};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// How many emptied argument vectors of native calls are kept for reuse, and the largest
/// capacity worth keeping.
const ARG_VECTORS_KEPT: usize = 16;
const ARG_VECTOR_MAX_CAPACITY: usize = 32;

/// Why the inner loop stopped.
enum Exit {
    /// The frame stack changed (call or return): reload the top frame.
    Reload,
    /// An exception is propagating.
    Throw(Value),
    /// The entry frame returned.
    Done(Value),
}

/// Runs the top frame (pushed with `entry: true`) until it returns.
pub(super) fn run(vm: &mut Vm) -> JsResult<Value> {
    loop {
        let exit = run_frame(vm);
        match exit {
            Exit::Reload => continue,
            Exit::Done(v) => return Ok(v),
            Exit::Throw(exc) => match unwind(vm, exc) {
                Ok(None) => continue,
                Ok(Some(v)) => return Ok(v),
                Err(e) => return Err(e),
            },
        }
    }
}

/// Finds the innermost handler for `exc`, popping frames (up to the entry frame). An async
/// function's frame catches everything: its promise is rejected and the frame returns.
/// `Ok(None)`: execution continues; `Ok(Some(v))`: the entry frame returned `v`.
fn unwind(vm: &mut Vm, exc: Value) -> Result<Option<Value>, Value> {
    loop {
        let Some(frame) = vm.interp.frames.last_mut() else { return Err(exc) };
        if vm.interp.handlers.len() > frame.handler_base {
            let Some(h) = vm.interp.handlers.pop() else { return Err(exc) };
            frame.pc = h.target as usize;
            let slot = frame.base + h.exc as usize;
            vm.interp.stack[slot] = exc;
            return Ok(None);
        }
        let (entry, ret, generator) = (frame.entry, frame.ret, frame.generator);
        if let Some(state) = generator {
            if vm.is_async_generator(state) {
                // The body of an async generator threw: its request is rejected.
                pop_frame(vm);
                vm.async_generator_body_completed(state, Err(exc));
                if entry {
                    return Ok(Some(Value::Undefined));
                }
                vm.interp.stack[ret] = Value::Undefined;
                return Ok(None);
            }
            if vm.async_promise(state).is_some() {
                vm.async_complete(state, Err(exc));
                let v = vm.async_handoff(state);
                pop_frame(vm);
                if entry {
                    return Ok(Some(v));
                }
                vm.interp.stack[ret] = v;
                return Ok(None);
            }
        }
        pop_frame(vm);
        if entry {
            return Err(exc);
        }
    }
}

fn pop_frame(vm: &mut Vm) {
    let interp = &mut vm.interp;
    if let Some(f) = interp.frames.last() {
        let (cell_base, handler_base) = (f.cell_base, f.handler_base);
        // Dropped where it lies (`pop` would first move the whole frame out).
        interp.frames.truncate(interp.frames.len() - 1);
        interp.cells.truncate(cell_base);
        interp.handlers.truncate(handler_base);
    }
}

/// V8's message for reading a property of null/undefined.
fn read_error(vm: &mut Vm, obj: &Value, key: &PropertyKey) -> Value {
    let what = if obj.is_null() { "null" } else { "undefined" };
    vm.throw_type_error(&format!("Cannot read properties of {what} (reading '{}')", key.display()))
}

fn write_error(vm: &mut Vm, obj: &Value, key: &PropertyKey) -> Value {
    let what = if obj.is_null() { "null" } else { "undefined" };
    vm.throw_type_error(&format!("Cannot set properties of {what} (setting '{}')", key.display()))
}

impl Vm {
    /// GetValue of a property reference on any value.
    pub fn get_property_of_value(&mut self, obj: &Value, key: &PropertyKey) -> JsResult<Value> {
        match obj {
            Value::Object(o) => self.get(*o, key),
            Value::Undefined | Value::Null | Value::Empty => Err(read_error(self, obj, key)),
            _ => self.get_v(obj, key),
        }
    }

    /// PutValue of a property reference on any value.
    pub fn put_property_of_value(&mut self, obj: &Value, key: PropertyKey, value: Value, strict: bool) -> JsResult<()> {
        match obj {
            Value::Object(o) => {
                let ok = self.set(*o, key.clone(), value, obj)?;
                if !ok && strict {
                    return Err(self.failed_assignment_error(*o, &key));
                }
                Ok(())
            }
            Value::Undefined | Value::Null | Value::Empty => Err(write_error(self, obj, &key)),
            _ => {
                let wrapper = self.to_object(obj)?;
                let proto = self.heap.get(wrapper).proto;
                let ok = match proto {
                    Some(p) => self.set(p, key.clone(), value, obj)?,
                    None => false,
                };
                if !ok && strict {
                    let kind = self.typeof_value(obj);
                    let shown = match obj {
                        Value::String(s) => format!("'{}'", s.to_rust_lossy()),
                        Value::BigInt(b) => format!("'{}'", b.to_string_radix(10)),
                        other => self.describe_for_error(other),
                    };
                    return Err(self.throw_type_error(&format!(
                        "Cannot create property '{}' on {kind} {shown}",
                        key.display()
                    )));
                }
                Ok(())
            }
        }
    }

    /// `delete obj[key]`.
    fn delete_property_of_value(&mut self, obj: &Value, key: &PropertyKey, strict: bool) -> JsResult<bool> {
        let o = self.to_object(obj)?;
        let ok = self.delete_property(o, key)?;
        if !ok && strict {
            return Err(self.failed_delete_error(o, key));
        }
        Ok(ok)
    }

    /// An unmapped arguments object (§10.4.4.6 CreateUnmappedArgumentsObject).
    fn create_arguments_object(&mut self, args: &[Value], callee: Option<crate::gc::ObjRef>, strict: bool) -> Value {
        let proto = self.intrinsic(Intrinsic::ObjectPrototype);
        let obj = self.heap.alloc(Object::new(Some(proto), ObjectKind::Arguments(None)));
        let len_key = self.interp.common_keys.length.clone();
        self.define_value(obj, len_key, Value::Number(args.len() as f64), attrs::BUILTIN);
        for (i, a) in args.iter().enumerate() {
            self.define_value(obj, PropertyKey::from_index(i as u32), a.clone(), attrs::ALL);
        }
        let iter_key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let values = self.intrinsic(Intrinsic::ArrayPrototypeValues);
        self.define_value(obj, iter_key, Value::Object(values), attrs::BUILTIN);
        let callee_key = self.interp.common_keys.callee.clone();
        if strict {
            let thrower = self.intrinsic(Intrinsic::ThrowTypeError);
            self.define_accessor(obj, callee_key, Some(thrower), Some(thrower), attrs::NONE);
        } else if let Some(c) = callee {
            self.define_value(obj, callee_key, Value::Object(c), attrs::BUILTIN);
        }
        Value::Object(obj)
    }

    /// Appends to an array literal under construction.
    fn array_append(&mut self, arr: &Value, v: Value) -> JsResult<()> {
        let Value::Object(o) = arr else { return Ok(()) };
        if let ObjectKind::Array(a) = &mut self.heap.get_mut(*o).kind {
            if a.dense.len() == a.length as usize && a.length < u32::MAX - 1 {
                let before = a.dense.capacity();
                a.dense.push(v);
                a.length += 1;
                let grown = (a.dense.capacity() - before) * std::mem::size_of::<Value>();
                self.heap.note_bytes(grown);
                return Ok(());
            }
        }
        let key = self.interp.common_keys.length.clone();
        let len = self.get(*o, &key)?;
        let n = self.to_number(&len)?;
        self.create_data_property_or_throw(*o, PropertyKey::from_index(n as u32), v)
    }

    fn array_append_hole(&mut self, arr: &Value) -> JsResult<()> {
        let Value::Object(o) = arr else { return Ok(()) };
        if let ObjectKind::Array(a) = &mut self.heap.get_mut(*o).kind {
            if a.dense.len() == a.length as usize {
                a.dense.push(Value::Empty);
            }
            a.length += 1;
        }
        Ok(())
    }

    /// CopyDataProperties (§7.3.25).
    fn copy_data_properties(&mut self, target: &Value, source: &Value, excluded: &[PropertyKey]) -> JsResult<()> {
        let Value::Object(t) = target else { return Ok(()) };
        if source.is_nullish() {
            return Ok(());
        }
        let from = self.to_object(source)?;
        for key in self.own_property_keys(from)? {
            if excluded.contains(&key) {
                continue;
            }
            if let Some(d) = self.get_own_property(from, &key)? {
                if d.enumerable == Some(true) {
                    let v = self.get(from, &key)?;
                    self.create_data_property_or_throw(*t, key, v)?;
                }
            }
        }
        Ok(())
    }

    /// SetFunctionName (§10.2.9) on a fresh function object.
    fn set_function_name(&mut self, f: &Value, key: &Value, prefix: u8) -> JsResult<()> {
        let Value::Object(f) = f else { return Ok(()) };
        let key = self.to_property_key(key)?;
        let prefix = match prefix {
            1 => Some("get"),
            2 => Some("set"),
            _ => None,
        };
        let name = crate::vm::function_name_for_key(&key, prefix);
        let name_key = self.interp.common_keys.name.clone();
        self.define_property_or_throw(*f, name_key, PropertyDescriptor::data(Value::String(name), false, false, true))
    }

    /// GetTemplateObject (§13.2.8.4): the site's cached frozen strings array with its frozen
    /// `raw` array.
    fn get_template_object(&mut self, t: &Rc<FunctionTemplate>, site: u32) -> JsResult<crate::gc::ObjRef> {
        if let Some((_, _, o)) = self.interp.template_objects.iter().find(|(tt, s, _)| Rc::ptr_eq(tt, t) && *s == site) {
            return Ok(*o);
        }
        let Some(s) = t.template_sites.get(site as usize) else {
            return Err(self.throw_syntax_error("modjs internal error: template site"));
        };
        let cooked: Vec<Value> = s
            .cooked
            .iter()
            .map(|c| match c {
                Some(c) => Value::String(crate::string::JsString::from_slice(c.units())),
                None => Value::Undefined,
            })
            .collect();
        let raw: Vec<Value> = s.raw.iter().map(|r| Value::String(crate::string::JsString::from_slice(r.units()))).collect();
        let template = self.create_array_from_list(cooked);
        let raw_obj = self.create_array_from_list(raw);
        self.set_integrity_level(raw_obj, crate::object::integrity::IntegrityLevel::Frozen)?;
        self.define_property_or_throw(template, PropertyKey::from("raw"), PropertyDescriptor::data(Value::Object(raw_obj), false, false, false))?;
        self.set_integrity_level(template, crate::object::integrity::IntegrityLevel::Frozen)?;
        self.interp.template_objects.push((t.clone(), site, template));
        Ok(template)
    }

    /// CreateClass: links constructor, prototype and parent (§15.7.14 steps 5-8, 12-16).
    fn create_class(&mut self, ctor: &Value, parent: &Value) -> JsResult<Value> {
        let Value::Object(f) = ctor else { return Ok(Value::Undefined) };
        let (proto_parent, ctor_parent) = match parent {
            Value::Empty => (Some(self.intrinsic(Intrinsic::ObjectPrototype)), self.intrinsic(Intrinsic::FunctionPrototype)),
            Value::Null => (None, self.intrinsic(Intrinsic::FunctionPrototype)),
            _ => {
                if !self.is_constructor(parent) {
                    let shown = self.describe_for_error(parent);
                    return Err(self.throw_type_error(&format!("Class extends value {shown} is not a constructor or null")));
                }
                let Value::Object(p) = parent else { return Ok(Value::Undefined) };
                let key = self.interp.common_keys.prototype.clone();
                let pp = self.get(*p, &key)?;
                let pp = match pp {
                    Value::Object(o) => Some(o),
                    Value::Null => None,
                    other => {
                        let shown = self.describe_for_error(&other);
                        return Err(self.throw_type_error(&format!(
                            "Class extends value does not have valid prototype property {shown}"
                        )));
                    }
                };
                (pp, *p)
            }
        };
        let proto = self.new_object_with_proto(proto_parent);
        self.heap.get_mut(*f).proto = Some(ctor_parent);
        let keys = &self.interp.common_keys;
        let (pk, ck) = (keys.prototype.clone(), keys.constructor.clone());
        self.define_value(*f, pk, Value::Object(proto), attrs::NONE);
        self.define_value(proto, ck, Value::Object(*f), attrs::BUILTIN);
        if let Some(c) = self.closure_mut(*f) {
            c.home_object = Some(proto);
        }
        Ok(Value::Object(proto))
    }

    /// Runs a class constructor's field initialiser on `this`.
    fn init_fields(&mut self, ctor: &Value, this: &Value) -> JsResult<()> {
        let Value::Object(c) = ctor else { return Ok(()) };
        let init = self.closure(*c).and_then(|c| c.fields);
        if let Some(init) = init {
            self.call(&Value::Object(init), this.clone(), &[])?;
        }
        Ok(())
    }

    fn super_base_object(&mut self, home: &Value) -> JsResult<Option<crate::gc::ObjRef>> {
        let Value::Object(h) = home else {
            return Err(self.throw_syntax_error("'super' keyword unexpected here"));
        };
        self.get_prototype_of(*h)
    }
}

/// Register operands are u16: a frame touches at most this many registers from its base.
const REGISTER_SPAN: usize = 1 << 16;

/// The offset of register `r` from the frame's base (always below `REGISTER_SPAN`).
#[inline(always)]
fn register_offset(r: u16) -> usize {
    r as usize
}

/// Makes the register stack reach at least `REGISTER_SPAN` slots past `base`, so that the
/// running frame's register accesses need no bounds checks: any `base + r` with `r` a u16 is
/// inside it. Called whenever the dispatch loop (re)loads a frame; nothing ever shortens the
/// register stack (it only grows, by `resize`), so the guarantee lasts until the next reload.
#[inline(always)]
fn ensure_register_window(stack: &mut Vec<Value>, base: usize) {
    let end = base + REGISTER_SPAN;
    if stack.len() < end {
        grow_register_stack(stack, end);
    }
}

#[cold]
fn grow_register_stack(stack: &mut Vec<Value>, end: usize) {
    stack.resize(end, Value::Undefined);
}

/// Executes instructions of the top frame until the frame stack changes or a throw.
fn run_frame(vm: &mut Vm) -> Exit {
    // The Rust stack budget, checked here where this (large) frame is already allocated.
    let marker = 0u8;
    let used = vm.interp.stack_origin.saturating_sub(&marker as *const u8 as usize);
    if used > vm.interp.native_stack_budget {
        let e = vm.throw_range_error("Maximum call stack size exceeded");
        return Exit::Throw(e);
    }
    let Some(frame) = vm.interp.frames.last() else { return Exit::Done(Value::Undefined) };
    // The running frame's state; replaced in place when a call pushes a frame or a return pops
    // one, so that bytecode-to-bytecode calls never leave this function.
    let mut t: Rc<FunctionTemplate> = frame.template.clone();
    let mut base = frame.base;
    let mut cell_base = frame.cell_base;
    let mut pc = frame.pc;
    ensure_register_window(&mut vm.interp.stack, base);

    // Continues with the (new) top frame after a call or a return.
    macro_rules! reload {
        () => {{
            match vm.interp.frames.last() {
                Some(f) => {
                    t = f.template.clone();
                    base = f.base;
                    cell_base = f.cell_base;
                    pc = f.pc;
                    ensure_register_window(&mut vm.interp.stack, base);
                }
                None => return Exit::Done(Value::Undefined),
            }
            continue;
        }};
    }

    // Register access without bounds checks: see `ensure_register_window` for why every
    // `base + r` (r a u16) is inside the register stack.
    macro_rules! reg {
        ($r:expr) => {
            // SAFETY: `stack.len() >= base + REGISTER_SPAN` since this frame was (re)loaded
            // (the stack never shrinks) and `register_offset` is below REGISTER_SPAN.
            *unsafe { vm.interp.stack.get_unchecked(base + register_offset($r)) }
        };
    }
    macro_rules! reg_mut {
        ($r:expr) => {
            // SAFETY: as for `reg!`.
            unsafe { vm.interp.stack.get_unchecked_mut(base + register_offset($r)) }
        };
    }
    // Register writes of numbers, booleans and objects: when the register already holds a
    // value of the same type only the payload is stored. Besides skipping the drop of the old
    // value, this keeps the write a plain scalar store (a whole-`Value` write from a temporary
    // assembled with narrower stores stalls on store forwarding).
    macro_rules! set_num {
        ($r:expr, $n:expr) => {{
            let n: f64 = $n;
            let slot = reg_mut!($r);
            if let Value::Number(x) = slot {
                *x = n;
            } else {
                crate::value::overwrite(slot, Value::Number(n));
            }
        }};
    }
    macro_rules! set_bool {
        ($r:expr, $b:expr) => {{
            let b: bool = $b;
            let slot = reg_mut!($r);
            if let Value::Bool(x) = slot {
                *x = b;
            } else {
                crate::value::overwrite(slot, Value::Bool(b));
            }
        }};
    }
    macro_rules! put {
        ($r:expr, $v:expr) => {{
            let v: Value = $v;
            write_register(reg_mut!($r), v);
        }};
    }
    // Copies the value at a place (a register, a cell, a constant) to another place (`$dest`
    // is evaluated to a `&mut Value` after the source was read), reading the tag once and
    // storing the payload as a scalar (see `write_register`).
    macro_rules! copy_into {
        ($dest:expr, $place:expr) => {{
            match $place {
                Value::Number(n) => {
                    let d: &mut Value = $dest;
                    if let Value::Number(x) = d {
                        *x = n;
                    } else {
                        crate::value::overwrite(d, Value::Number(n));
                    }
                }
                Value::Bool(b) => {
                    let d: &mut Value = $dest;
                    if let Value::Bool(x) = d {
                        *x = b;
                    } else {
                        crate::value::overwrite(d, Value::Bool(b));
                    }
                }
                Value::Object(o) => {
                    let d: &mut Value = $dest;
                    if let Value::Object(x) = d {
                        *x = o;
                    } else {
                        crate::value::overwrite(d, Value::Object(o));
                    }
                }
                Value::Undefined => {
                    let d: &mut Value = $dest;
                    if !d.is_undefined() {
                        crate::value::overwrite(d, Value::Undefined);
                    }
                }
                ref other => {
                    let v = other.clone();
                    crate::value::overwrite($dest, v);
                }
            }
        }};
    }
    macro_rules! copy_to {
        ($r:expr, $place:expr) => {
            copy_into!(reg_mut!($r), $place)
        };
    }
    macro_rules! save_pc {
        () => {
            if let Some(f) = vm.interp.frames.last_mut() {
                f.pc = pc;
            }
        };
    }
    macro_rules! throw {
        ($e:expr) => {{
            let e = $e;
            save_pc!();
            return Exit::Throw(e);
        }};
    }
    macro_rules! tri {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(e) => throw!(e),
            }
        };
    }
    macro_rules! cell {
        ($slot:expr) => {
            vm.interp.cells[cell_base + $slot as usize]
        };
    }
    macro_rules! upvalue {
        ($idx:expr) => {
            match vm.interp.frames.last() {
                Some(f) => f.upvalues[$idx as usize],
                None => return Exit::Done(Value::Undefined),
            }
        };
    }
    macro_rules! tdz_error {
        ($name:expr) => {{
            let n = t.name_strings[$name as usize].to_rust_lossy();
            save_pc!();
            let e = vm.throw_reference_error(&format!("Cannot access '{n}' before initialization"));
            return Exit::Throw(e);
        }};
    }
    macro_rules! num_binop {
        ($insn:expr, $dst:expr, $lhs:expr, $rhs:expr, $op:tt) => {{
            if let (Value::Number(a), Value::Number(b)) = (&reg!($lhs), &reg!($rhs)) {
                let r = *a $op *b;
                set_num!($dst, r);
            } else {
                save_pc!();
                let (a, b) = (reg!($lhs).clone(), reg!($rhs).clone());
                let r = tri!(vm.op_arithmetic($insn, &a, &b));
                put!($dst, r);
            }
        }};
    }
    macro_rules! int_binop {
        ($insn:expr, $dst:expr, $lhs:expr, $rhs:expr, $f:expr) => {{
            if let (Value::Number(a), Value::Number(b)) = (&reg!($lhs), &reg!($rhs)) {
                let f: fn(f64, f64) -> f64 = $f;
                let r = f(*a, *b);
                set_num!($dst, r);
            } else {
                save_pc!();
                let (a, b) = (reg!($lhs).clone(), reg!($rhs).clone());
                let r = tri!(vm.op_arithmetic($insn, &a, &b));
                put!($dst, r);
            }
        }};
    }
    macro_rules! compare {
        ($insn:expr, $dst:expr, $lhs:expr, $rhs:expr, $op:tt) => {{
            let r = if let (Value::Number(a), Value::Number(b)) = (&reg!($lhs), &reg!($rhs)) {
                *a $op *b
            } else {
                save_pc!();
                let (a, b) = (reg!($lhs).clone(), reg!($rhs).clone());
                tri!(vm.op_compare($insn, &a, &b))
            };
            set_bool!($dst, r);
        }};
    }
    macro_rules! args_of {
        ($first:expr, $argc:expr) => {
            vm.interp.stack[base + $first as usize..base + $first as usize + $argc as usize].to_vec()
        };
    }

    loop {
        let Some(&insn) = t.code.get(pc) else {
            let e = vm.throw_syntax_error("modjs internal error: ran off the end of a function");
            return Exit::Throw(e);
        };
        pc += 1;
        match insn {
            Insn::LoadUndef { dst } => put!(dst, Value::Undefined),
            Insn::LoadNull { dst } => put!(dst, Value::Null),
            Insn::LoadTrue { dst } => set_bool!(dst, true),
            Insn::LoadFalse { dst } => set_bool!(dst, false),
            Insn::LoadEmpty { dst } => put!(dst, Value::Empty),
            Insn::LoadInt { dst, value } => set_num!(dst, value as f64),
            Insn::LoadConst { dst, idx } => copy_to!(dst, t.values[idx as usize]),
            Insn::Move { dst, src } => copy_to!(dst, reg!(src)),
            Insn::LoadCallee { dst } => {
                match vm.interp.frames.last().and_then(|f| f.callee) {
                    Some(c) => put!(dst, Value::Object(c)),
                    None => put!(dst, Value::Undefined),
                }
            }
            Insn::LoadNewTarget { dst } => {
                let v = vm.interp.frames.last().map(|f| f.new_target.clone()).unwrap_or(Value::Undefined);
                put!(dst, v);
            }
            Insn::LoadHomeObject { dst } => {
                let c = vm.interp.frames.last().and_then(|f| f.callee);
                let h = c.and_then(|c| vm.closure(c)).and_then(|c| c.home_object);
                put!(dst, h.map(Value::Object).unwrap_or(Value::Undefined));
            }
            Insn::CheckTdz { src, name } => {
                if reg!(src).is_empty() {
                    tdz_error!(name);
                }
            }
            Insn::CheckThis { src } => {
                if reg!(src).is_empty() {
                    throw!(vm.throw_reference_error(
                        "Must call super constructor in derived class before accessing 'this' or returning from derived constructor"
                    ));
                }
            }
            Insn::CheckThisUninitialized { src } => {
                if !reg!(src).is_empty() {
                    throw!(vm.throw_reference_error("Super constructor may only be called once"));
                }
            }
            Insn::ThrowConstAssign => {
                throw!(vm.throw_type_error("Assignment to constant variable."));
            }
            Insn::ThrowError { kind, msg } => {
                let kind = match kind {
                    ErrorType::TypeError => ErrorKind::TypeError,
                    ErrorType::ReferenceError => ErrorKind::ReferenceError,
                    ErrorType::SyntaxError => ErrorKind::SyntaxError,
                    ErrorType::RangeError => ErrorKind::RangeError,
                };
                save_pc!();
                let m = t.name_strings[msg as usize].to_rust_lossy();
                throw!(vm.throw_error(kind, &m));
            }

            // ----- cells -------------------------------------------------------------------
            Insn::NewCell { slot } => {
                let c = vm.heap.alloc_cell(Value::Empty);
                cell!(slot) = c;
            }
            Insn::NewCellUndefined { slot } => {
                let c = vm.heap.alloc_cell(Value::Undefined);
                cell!(slot) = c;
            }
            Insn::CopyCell { slot } => {
                let v = vm.heap.cell(cell!(slot)).clone();
                let c = vm.heap.alloc_cell(v);
                cell!(slot) = c;
            }
            Insn::GetCell { dst, slot } => {
                let c = cell!(slot);
                copy_to!(dst, *vm.heap.cell(c));
            }
            Insn::GetCellChecked { dst, slot, name } => {
                let c = cell!(slot);
                if vm.heap.cell(c).is_empty() {
                    tdz_error!(name);
                }
                copy_to!(dst, *vm.heap.cell(c));
            }
            Insn::SetCell { slot, src } => {
                let c = cell!(slot);
                copy_into!(vm.heap.cell_mut(c), reg!(src));
            }
            Insn::SetCellChecked { slot, src, name } => {
                let c = cell!(slot);
                if vm.heap.cell(c).is_empty() {
                    tdz_error!(name);
                }
                copy_into!(vm.heap.cell_mut(c), reg!(src));
            }
            Insn::GetUpvalue { dst, idx } => {
                let c = upvalue!(idx);
                copy_to!(dst, *vm.heap.cell(c));
            }
            Insn::GetUpvalueChecked { dst, idx, name } => {
                let c = upvalue!(idx);
                if vm.heap.cell(c).is_empty() {
                    tdz_error!(name);
                }
                copy_to!(dst, *vm.heap.cell(c));
            }
            Insn::SetUpvalue { idx, src } => {
                let c = upvalue!(idx);
                copy_into!(vm.heap.cell_mut(c), reg!(src));
            }
            Insn::SetUpvalueChecked { idx, src, name } => {
                let c = upvalue!(idx);
                if vm.heap.cell(c).is_empty() {
                    tdz_error!(name);
                }
                copy_into!(vm.heap.cell_mut(c), reg!(src));
            }

            // ----- globals -----------------------------------------------------------------
            Insn::GetGlobal { dst, name } => {
                save_pc!();
                // An own data property of the global object, where this name was found last
                // time, and no global lexical binding can shadow it.
                let hint = &t.property_hints[name as usize];
                let fast = if vm.realm.global_lexicals.is_empty() {
                    let props = &vm.heap.get(vm.realm.global).props;
                    match props.index_of_at(hint.get() as usize, &t.keys[name as usize]) {
                        Some(i) => match props.get_index(i) {
                            Some((_, Slot::Data { value, .. })) => Some(value.clone()),
                            _ => None,
                        },
                        None => None,
                    }
                } else {
                    None
                };
                let v = match fast {
                    Some(v) => v,
                    None => {
                        let v = tri!(vm.get_global(&t.name_strings[name as usize], &t.keys[name as usize]));
                        if let Some(i) = vm.heap.get(vm.realm.global).props.get_index_of(&t.keys[name as usize]) {
                            hint.set(i as u32);
                        }
                        v
                    }
                };
                put!(dst, v);
            }
            Insn::GetGlobalOrUndefined { dst, name } => {
                save_pc!();
                let v = tri!(vm.global_lookup(&t.name_strings[name as usize], &t.keys[name as usize]));
                put!(dst, v.unwrap_or(Value::Undefined));
            }
            Insn::SetGlobal { name, src } => {
                save_pc!();
                let v = reg!(src).clone();
                tri!(vm.set_global(&t.name_strings[name as usize], &t.keys[name as usize], v, t.strict));
            }
            // ----- with environments -------------------------------------------------------
            Insn::ToObject { dst, src } => {
                save_pc!();
                let v = reg!(src).clone();
                let o = tri!(vm.to_object(&v));
                put!(dst, Value::Object(o));
            }
            Insn::WithHasBinding { base, env, name, found } => {
                if let Value::Object(o) = reg!(env) {
                    save_pc!();
                    if tri!(vm.object_environment_has_binding(o, &t.keys[name as usize])) {
                        put!(base, Value::Object(o));
                        pc = found as usize;
                    }
                }
            }
            Insn::WithBaseObject { dst, base } => {
                let v = match reg!(base).clone() {
                    Value::Object(o) if matches!(vm.heap.get(o).kind, crate::object::ObjectKind::DeclarativeEnvironment) => {
                        Value::Undefined
                    }
                    v => v,
                };
                put!(dst, v);
            }
            Insn::WithGetBinding { dst, base, name } => {
                if let Value::Object(o) = reg!(base) {
                    save_pc!();
                    let v = tri!(vm.object_environment_get_binding_value(
                        o,
                        &t.name_strings[name as usize],
                        &t.keys[name as usize],
                        t.strict
                    ));
                    put!(dst, v);
                }
            }
            Insn::WithSetBinding { base, name, src } => {
                if let Value::Object(o) = reg!(base) {
                    save_pc!();
                    let v = reg!(src).clone();
                    tri!(vm.object_environment_set_mutable_binding(
                        o,
                        &t.name_strings[name as usize],
                        &t.keys[name as usize],
                        v,
                        t.strict
                    ));
                }
            }
            Insn::InitGlobalLexical { name, src } => {
                let v = reg!(src).clone();
                if let Some(l) = vm.realm.global_lexicals.get(&t.name_strings[name as usize]).copied() {
                    vm.heap.cell_set(l.cell, v);
                }
            }
            Insn::DeclareGlobalFunction { name, src, deletable } => {
                save_pc!();
                let v = reg!(src).clone();
                tri!(vm.create_global_function_binding(&t.keys[name as usize], v, deletable));
            }
            Insn::DeclareEvalVar { env, name } => {
                save_pc!();
                let c = upvalue!(env);
                tri!(vm.declare_eval_var(c, &t.keys[name as usize]));
            }
            Insn::SetEvalVar { env, name, src } => {
                save_pc!();
                let c = upvalue!(env);
                let v = reg!(src).clone();
                tri!(vm.set_eval_var(c, &t.keys[name as usize], v));
            }
            Insn::DeleteGlobal { dst, name } => {
                save_pc!();
                let r = tri!(vm.delete_global(&t.name_strings[name as usize], &t.keys[name as usize]));
                set_bool!(dst, r);
            }

            // ----- operators ---------------------------------------------------------------
            Insn::Add { dst, lhs, rhs } => {
                if let (Value::Number(a), Value::Number(b)) = (&reg!(lhs), &reg!(rhs)) {
                    let r = *a + *b;
                    set_num!(dst, r);
                } else {
                    save_pc!();
                    let (a, b) = (reg!(lhs).clone(), reg!(rhs).clone());
                    let r = tri!(vm.op_add(&a, &b));
                    put!(dst, r);
                }
            }
            Insn::Sub { dst, lhs, rhs } => num_binop!(insn, dst, lhs, rhs, -),
            Insn::Mul { dst, lhs, rhs } => num_binop!(insn, dst, lhs, rhs, *),
            Insn::Div { dst, lhs, rhs } => num_binop!(insn, dst, lhs, rhs, /),
            Insn::Rem { dst, lhs, rhs } => int_binop!(insn, dst, lhs, rhs, super::operators::number_remainder),
            Insn::Exp { dst, lhs, rhs } => int_binop!(insn, dst, lhs, rhs, |a, b| arithmetic(Insn::Exp { dst: 0, lhs: 0, rhs: 0 }, a, b)),
            Insn::Shl { dst, lhs, rhs } => int_binop!(insn, dst, lhs, rhs, |a, b| {
                let x = crate::conversions::number_to_int32(a);
                let y = crate::conversions::number_to_int32(b) as u32;
                x.wrapping_shl(y & 31) as f64
            }),
            Insn::Shr { dst, lhs, rhs } => int_binop!(insn, dst, lhs, rhs, |a, b| {
                let x = crate::conversions::number_to_int32(a);
                let y = crate::conversions::number_to_int32(b) as u32;
                (x >> (y & 31)) as f64
            }),
            Insn::UShr { dst, lhs, rhs } => int_binop!(insn, dst, lhs, rhs, |a, b| {
                let x = crate::conversions::number_to_int32(a) as u32;
                let y = crate::conversions::number_to_int32(b) as u32;
                (x >> (y & 31)) as f64
            }),
            Insn::BitAnd { dst, lhs, rhs } => int_binop!(insn, dst, lhs, rhs, |a, b| {
                (crate::conversions::number_to_int32(a) & crate::conversions::number_to_int32(b)) as f64
            }),
            Insn::BitOr { dst, lhs, rhs } => int_binop!(insn, dst, lhs, rhs, |a, b| {
                (crate::conversions::number_to_int32(a) | crate::conversions::number_to_int32(b)) as f64
            }),
            Insn::BitXor { dst, lhs, rhs } => int_binop!(insn, dst, lhs, rhs, |a, b| {
                (crate::conversions::number_to_int32(a) ^ crate::conversions::number_to_int32(b)) as f64
            }),
            Insn::ArithImm { op, dst, lhs, value } => {
                if let Value::Number(a) = reg!(lhs) {
                    let shift = value as u32 & 31;
                    let r = match op {
                        ImmOp::Add => a + value as f64,
                        ImmOp::Sub => a - value as f64,
                        ImmOp::Mul => a * value as f64,
                        ImmOp::Rem => super::operators::number_remainder_by_int(a, value),
                        ImmOp::Shl => crate::conversions::number_to_int32(a).wrapping_shl(shift) as f64,
                        ImmOp::Shr => (crate::conversions::number_to_int32(a) >> shift) as f64,
                        ImmOp::UShr => ((crate::conversions::number_to_int32(a) as u32) >> shift) as f64,
                        ImmOp::BitAnd => (crate::conversions::number_to_int32(a) & value) as f64,
                        ImmOp::BitOr => (crate::conversions::number_to_int32(a) | value) as f64,
                        ImmOp::BitXor => (crate::conversions::number_to_int32(a) ^ value) as f64,
                    };
                    set_num!(dst, r);
                } else {
                    save_pc!();
                    let (a, b) = (reg!(lhs).clone(), Value::Number(value as f64));
                    let r = match op {
                        ImmOp::Add => tri!(vm.op_add(&a, &b)),
                        _ => tri!(vm.op_arithmetic(op.register_form(), &a, &b)),
                    };
                    put!(dst, r);
                }
            }
            Insn::Eq { dst, lhs, rhs } | Insn::NotEq { dst, lhs, rhs } => {
                save_pc!();
                let (a, b) = (reg!(lhs).clone(), reg!(rhs).clone());
                let r = tri!(vm.is_loosely_equal(&a, &b));
                set_bool!(dst, if matches!(insn, Insn::Eq { .. }) { r } else { !r });
            }
            Insn::StrictEq { dst, lhs, rhs } => {
                let r = crate::conversions::is_strictly_equal(&reg!(lhs), &reg!(rhs));
                set_bool!(dst, r);
            }
            Insn::StrictNotEq { dst, lhs, rhs } => {
                let r = crate::conversions::is_strictly_equal(&reg!(lhs), &reg!(rhs));
                set_bool!(dst, !r);
            }
            Insn::Lt { dst, lhs, rhs } => compare!(insn, dst, lhs, rhs, <),
            Insn::LtEq { dst, lhs, rhs } => compare!(insn, dst, lhs, rhs, <=),
            Insn::Gt { dst, lhs, rhs } => compare!(insn, dst, lhs, rhs, >),
            Insn::GtEq { dst, lhs, rhs } => compare!(insn, dst, lhs, rhs, >=),
            Insn::In { dst, lhs, rhs } => {
                save_pc!();
                let (a, b) = (reg!(lhs).clone(), reg!(rhs).clone());
                let r = tri!(vm.op_in(&a, &b));
                set_bool!(dst, r);
            }
            Insn::InstanceOf { dst, lhs, rhs } => {
                save_pc!();
                let (a, b) = (reg!(lhs).clone(), reg!(rhs).clone());
                let r = tri!(vm.instanceof_operator(&a, &b));
                set_bool!(dst, r);
            }
            Insn::Neg { dst, src } => {
                let v = reg!(src).clone();
                match v {
                    Value::Number(n) => set_num!(dst, -n),
                    other => {
                        save_pc!();
                        let r = tri!(vm.op_unary_numeric(insn, &other));
                        put!(dst, r);
                    }
                }
            }
            Insn::ToNumeric { dst, src } => {
                let v = reg!(src).clone();
                match v {
                    Value::Number(n) => set_num!(dst, n),
                    other => {
                        save_pc!();
                        let r = tri!(vm.op_unary_numeric(insn, &other));
                        put!(dst, r);
                    }
                }
            }
            Insn::ToNumber { dst, src } => {
                let v = reg!(src).clone();
                let n = match v {
                    Value::Number(n) => n,
                    other => {
                        save_pc!();
                        tri!(vm.to_number(&other))
                    }
                };
                set_num!(dst, n);
            }
            Insn::Not { dst, src } => {
                let b = crate::conversions::to_boolean(&reg!(src));
                set_bool!(dst, !b);
            }
            Insn::BitNot { dst, src } => {
                let v = reg!(src).clone();
                match v {
                    Value::Number(n) => set_num!(dst, !crate::conversions::number_to_int32(n) as f64),
                    other => {
                        save_pc!();
                        let r = tri!(vm.op_unary_numeric(insn, &other));
                        put!(dst, r);
                    }
                }
            }
            Insn::TypeOf { dst, src } => {
                let name = vm.typeof_value(&reg!(src));
                let s = vm.interp.typeof_strings.get(name);
                put!(dst, Value::String(s));
            }
            Insn::Inc { dst, src } | Insn::Dec { dst, src } => {
                let d = if matches!(insn, Insn::Inc { .. }) { 1.0 } else { -1.0 };
                match &reg!(src) {
                    Value::Number(n) => {
                        let n = *n;
                        set_num!(dst, n + d);
                    }
                    other => {
                        let other = other.clone();
                        save_pc!();
                        let r = tri!(vm.op_unary_numeric(insn, &other));
                        put!(dst, r);
                    }
                }
            }
            Insn::ToString { dst, src } => {
                if !matches!(reg!(src), Value::String(_)) {
                    save_pc!();
                    let v = reg!(src).clone();
                    let s = tri!(vm.to_string(&v));
                    put!(dst, Value::String(s));
                } else if dst != src {
                    let v = reg!(src).clone();
                    put!(dst, v);
                }
            }
            Insn::ToPropertyKey { dst, src } => {
                let v = reg!(src).clone();
                match v {
                    Value::String(_) | Value::Symbol(_) | Value::Number(_) => put!(dst, v),
                    other => {
                        save_pc!();
                        let k = tri!(vm.to_property_key(&other));
                        put!(dst, k.to_value());
                    }
                }
            }

            // ----- control -----------------------------------------------------------------
            Insn::Jump { target } => pc = target as usize,
            Insn::Loop { target } => {
                pc = target as usize;
                if vm.native_depth <= vm.gc_floor && vm.heap.wants_collection() {
                    save_pc!();
                    vm.collect_garbage();
                }
            }
            Insn::JumpIfTrue { cond, target } => {
                if crate::conversions::to_boolean(&reg!(cond)) {
                    pc = target as usize;
                }
            }
            Insn::JumpIfFalse { cond, target } => {
                if !crate::conversions::to_boolean(&reg!(cond)) {
                    pc = target as usize;
                }
            }
            Insn::JumpIfNullish { src, target } => {
                if reg!(src).is_nullish() {
                    pc = target as usize;
                }
            }
            Insn::JumpIfNotNullish { src, target } => {
                if !reg!(src).is_nullish() {
                    pc = target as usize;
                }
            }
            Insn::JumpIfUndefined { src, target } => {
                if reg!(src).is_undefined() {
                    pc = target as usize;
                }
            }
            Insn::JumpIfNotUndefined { src, target } => {
                if !reg!(src).is_undefined() {
                    pc = target as usize;
                }
            }
            Insn::JumpIfNotObject { src, target } => {
                if !reg!(src).is_object() {
                    pc = target as usize;
                }
            }
            Insn::JumpIfCompareFalse { op, lhs, rhs, target } => {
                let holds = if let (Value::Number(a), Value::Number(b)) = (&reg!(lhs), &reg!(rhs)) {
                    op.on_numbers(*a, *b)
                } else {
                    match op {
                        CompareOp::StrictEq => crate::conversions::is_strictly_equal(&reg!(lhs), &reg!(rhs)),
                        CompareOp::StrictNotEq => !crate::conversions::is_strictly_equal(&reg!(lhs), &reg!(rhs)),
                        _ => {
                            save_pc!();
                            let (a, b) = (reg!(lhs).clone(), reg!(rhs).clone());
                            tri!(vm.op_compare(op.relational_insn(), &a, &b))
                        }
                    }
                };
                if !holds {
                    pc = target as usize;
                }
            }
            Insn::JumpIfCompareImmFalse { op, lhs, value, target } => {
                let b = value as f64;
                let holds = if let Value::Number(a) = reg!(lhs) {
                    op.on_numbers(a, b)
                } else {
                    // Not a number: never strictly equal to one; relations convert `lhs`.
                    match op {
                        CompareOp::StrictEq => false,
                        CompareOp::StrictNotEq => true,
                        _ => {
                            save_pc!();
                            let a = reg!(lhs).clone();
                            tri!(vm.op_compare(op.relational_insn(), &a, &Value::Number(b)))
                        }
                    }
                };
                if !holds {
                    pc = target as usize;
                }
            }
            Insn::JumpIfStrictEq { lhs, rhs, target } => {
                if crate::conversions::is_strictly_equal(&reg!(lhs), &reg!(rhs)) {
                    pc = target as usize;
                }
            }
            Insn::JumpIfInt { src, value, target } => {
                if let Value::Number(n) = reg!(src) {
                    if n == value as f64 {
                        pc = target as usize;
                    }
                }
            }
            Insn::Return { src } => {
                let v = reg!(src).clone();
                match do_return(vm, v) {
                    Exit::Reload => reload!(),
                    other => return other,
                }
            }
            Insn::ReturnDerived { src, this } => {
                let v = reg!(src).clone();
                let v = match v {
                    Value::Object(_) => v,
                    Value::Undefined => {
                        let th = reg!(this).clone();
                        if th.is_empty() {
                            throw!(vm.throw_reference_error(
                                "Must call super constructor in derived class before accessing 'this' or returning from derived constructor"
                            ));
                        }
                        th
                    }
                    _ => throw!(vm.throw_type_error("Derived constructors may only return object or undefined")),
                };
                match do_return(vm, v) {
                    Exit::Reload => reload!(),
                    other => return other,
                }
            }
            Insn::Throw { src } => {
                let v = reg!(src).clone();
                throw!(v);
            }
            Insn::TryStart { target, exc } => vm.interp.handlers.push(Handler { target, exc }),
            Insn::TryEnd => {
                vm.interp.handlers.pop();
            }

            // ----- functions and calls -----------------------------------------------------
            Insn::Closure { dst, func } => {
                let child = t.children[func as usize].clone();
                let upvalues = {
                    let frame = match vm.interp.frames.last() {
                        Some(f) => f,
                        None => return Exit::Done(Value::Undefined),
                    };
                    let cells = &vm.interp.cells[cell_base..];
                    capture_cells(&child.captures, cells, &frame.upvalues)
                };
                let f = vm.make_closure(child, upvalues);
                put!(dst, Value::Object(f));
            }
            Insn::Call { dst, base: b, argc, text } => {
                save_pc!();
                let callee = reg!(b).clone();
                if let Value::Object(o) = callee {
                    if let ObjectKind::Function(c) = &vm.heap.get(o).kind {
                        let template = c.template.clone();
                        let upvalues = c.upvalues.clone();
                        if let TemplateKind::ClassConstructor { .. } = template.kind {
                            let name = template.name.to_rust_lossy();
                            throw!(vm.throw_type_error(&format!("Class constructor {name} cannot be invoked without 'new'")));
                        }
                        if !template.strict && template.kind != TemplateKind::Arrow {
                            let this = reg!(b + 1).clone();
                            let th = tri!(vm.bind_this(&template, this));
                            put!(b + 1, th);
                        }
                        let e = Entry { callee: o, template, upvalues, new_target: Value::Undefined, construct: false, entry: false, ret: base + dst as usize };
                        tri!(vm.push_frame(e, base + b as usize + 1, argc as usize));
                        if vm.native_depth <= vm.gc_floor && vm.heap.wants_collection() {
                            vm.collect_garbage();
                        }
                        reload!();
                    }
                    if let ObjectKind::NativeFunction(nf) = &vm.heap.get(o).kind {
                        // A built-in gets the argument vector made here (`Vm::call` would copy
                        // it), in storage reused from earlier calls.
                        let f = nf.f;
                        let this = reg!(b + 1).clone();
                        let mut args = vm.interp.arg_vectors.pop().unwrap_or_default();
                        let first = base + b as usize + 2;
                        args.extend_from_slice(&vm.interp.stack[first..first + argc as usize]);
                        let call = crate::native::CallArgs { this, args, callee: o, new_target: None };
                        let r = vm.call_native_by_ref(f, &call);
                        // Released here, where most values need no drop at all (see `release`).
                        let crate::native::CallArgs { this, mut args, .. } = call;
                        release(this);
                        while let Some(v) = args.pop() {
                            release(v);
                        }
                        if vm.interp.arg_vectors.len() < ARG_VECTORS_KEPT && args.capacity() <= ARG_VECTOR_MAX_CAPACITY {
                            vm.interp.arg_vectors.push(args);
                        }
                        let r = tri!(r);
                        put!(dst, r);
                        continue;
                    }
                    if vm.is_callable_object(o) {
                        let this = reg!(b + 1).clone();
                        let args = args_of!(b + 2, argc);
                        let r = tri!(vm.call(&callee, this, &args));
                        put!(dst, r);
                        continue;
                    }
                }
                let shown = t.name_strings[text as usize].to_rust_lossy();
                throw!(vm.throw_type_error(&format!("{shown} is not a function")));
            }
            Insn::CallSpread { dst, base: b, text } => {
                save_pc!();
                let callee = reg!(b).clone();
                if !vm.is_callable(&callee) {
                    let shown = t.name_strings[text as usize].to_rust_lossy();
                    throw!(vm.throw_type_error(&format!("{shown} is not a function")));
                }
                let this = reg!(b + 1).clone();
                let arr = reg!(b + 2).clone();
                let args = array_values(vm, &arr);
                let r = tri!(vm.call(&callee, this, &args));
                put!(dst, r);
            }
            Insn::New { dst, base: b, argc, text } => {
                save_pc!();
                let callee = reg!(b).clone();
                if !vm.is_constructor(&callee) {
                    let shown = t.name_strings[text as usize].to_rust_lossy();
                    throw!(vm.throw_type_error(&format!("{shown} is not a constructor")));
                }
                let Value::Object(o) = callee else { continue };
                if let ObjectKind::Function(c) = &vm.heap.get(o).kind {
                    let template = c.template.clone();
                    let upvalues = c.upvalues.clone();
                    let this = tri!(vm.construct_this(&template, o));
                    put!(b + 1, this);
                    let construct = !matches!(template.kind, TemplateKind::ClassConstructor { derived: true });
                    let e = Entry { callee: o, template, upvalues, new_target: Value::Object(o), construct, entry: false, ret: base + dst as usize };
                    tri!(vm.push_frame(e, base + b as usize + 1, argc as usize));
                    reload!();
                }
                let args = args_of!(b + 2, argc);
                let r = tri!(vm.construct(o, &args, None));
                put!(dst, r);
            }
            Insn::NewSpread { dst, base: b, text } => {
                save_pc!();
                let callee = reg!(b).clone();
                if !vm.is_constructor(&callee) {
                    let shown = t.name_strings[text as usize].to_rust_lossy();
                    throw!(vm.throw_type_error(&format!("{shown} is not a constructor")));
                }
                let Value::Object(o) = callee else { continue };
                let arr = reg!(b + 2).clone();
                let args = array_values(vm, &arr);
                let r = tri!(vm.construct(o, &args, None));
                put!(dst, r);
            }
            Insn::GetSuperConstructor { dst, ctor } => {
                save_pc!();
                let Value::Object(c) = reg!(ctor).clone() else {
                    throw!(vm.throw_syntax_error("'super' keyword unexpected here"));
                };
                let p = tri!(vm.get_prototype_of(c));
                let pv = p.map(Value::Object).unwrap_or(Value::Null);
                if !vm.is_constructor(&pv) {
                    let shown = vm.describe_for_error(&pv);
                    let name = vm.closure(c).map(|c| c.template.name.to_rust_lossy()).unwrap_or_default();
                    let name = if name.is_empty() { "anonymous class".to_string() } else { name };
                    throw!(vm.throw_type_error(&format!("Super constructor {shown} of {name} is not a constructor")));
                }
                put!(dst, pv);
            }
            Insn::SuperCall { dst, base: b, argc } => {
                save_pc!();
                let Value::Object(f) = reg!(b).clone() else { continue };
                let nt = match reg!(b + 1).clone() {
                    Value::Object(n) => n,
                    _ => f,
                };
                let args = args_of!(b + 2, argc);
                let r = tri!(vm.construct(f, &args, Some(nt)));
                put!(dst, r);
            }
            Insn::SuperCallSpread { dst, base: b } => {
                save_pc!();
                let Value::Object(f) = reg!(b).clone() else { continue };
                let nt = match reg!(b + 1).clone() {
                    Value::Object(n) => n,
                    _ => f,
                };
                let arr = reg!(b + 2).clone();
                let args = array_values(vm, &arr);
                let r = tri!(vm.construct(f, &args, Some(nt)));
                put!(dst, r);
            }
            Insn::SuperCallForward { dst, base: b } => {
                save_pc!();
                let Value::Object(f) = reg!(b).clone() else { continue };
                let nt = match reg!(b + 1).clone() {
                    Value::Object(n) => n,
                    _ => f,
                };
                let args = vm.interp.frames.last().map(|fr| fr.args.clone()).unwrap_or_default();
                let r = tri!(vm.construct(f, &args, Some(nt)));
                put!(dst, r);
            }
            Insn::InitFields { this } => {
                save_pc!();
                let callee = vm.interp.frames.last().and_then(|f| f.callee).map(Value::Object).unwrap_or(Value::Undefined);
                let th = reg!(this).clone();
                tri!(vm.init_fields(&callee, &th));
            }
            Insn::InitFieldsFrom { this, ctor } => {
                save_pc!();
                let (th, c) = (reg!(this).clone(), reg!(ctor).clone());
                tri!(vm.init_fields(&c, &th));
            }

            // ----- classes -----------------------------------------------------------------
            Insn::CreateClass { ctor, proto, parent } => {
                save_pc!();
                let (c, p) = (reg!(ctor).clone(), reg!(parent).clone());
                let pr = tri!(vm.create_class(&c, &p));
                put!(proto, pr);
            }
            Insn::SetClassFields { ctor, init } => {
                if let (Value::Object(c), Value::Object(i)) = (reg!(ctor).clone(), reg!(init).clone()) {
                    if let Some(cl) = vm.closure_mut(c) {
                        cl.fields = Some(i);
                    }
                }
            }
            Insn::NewPrivateName { dst, name } => {
                let desc = t.name_strings[name as usize].clone();
                put!(dst, Value::Symbol(crate::symbol::Symbol::new(Some(desc))));
            }
            Insn::GetPrivate { dst, obj, key } => {
                save_pc!();
                let (o, k) = (reg!(obj).clone(), reg!(key).clone());
                let v = tri!(vm.private_get(&o, &k));
                put!(dst, v);
            }
            Insn::SetPrivate { obj, key, src } => {
                save_pc!();
                let (o, k, v) = (reg!(obj).clone(), reg!(key).clone(), reg!(src).clone());
                tri!(vm.private_set(&o, &k, v));
            }
            Insn::DefinePrivateField { obj, key, src } => {
                save_pc!();
                let (o, k, v) = (reg!(obj).clone(), reg!(key).clone(), reg!(src).clone());
                tri!(vm.private_element_add(&o, &k, super::private::PrivateElement::Field(v)));
            }
            Insn::DefinePrivateMethod { obj, key, func, kind } => {
                save_pc!();
                let (o, k, f) = (reg!(obj).clone(), reg!(key).clone(), reg!(func).clone());
                let Value::Object(f) = f else { continue };
                let e = match kind {
                    MethodKind::Method => super::private::PrivateElement::Method(f),
                    MethodKind::Getter => super::private::PrivateElement::Accessor { get: Some(f), set: None },
                    MethodKind::Setter => super::private::PrivateElement::Accessor { get: None, set: Some(f) },
                };
                tri!(vm.private_element_add(&o, &k, e));
            }
            Insn::PrivateIn { dst, obj, key } => {
                save_pc!();
                let (o, k) = (reg!(obj).clone(), reg!(key).clone());
                let r = tri!(vm.private_in(&o, &k));
                set_bool!(dst, r);
            }
            Insn::SuperGet { dst, home, this, key } => {
                save_pc!();
                let h = reg!(home).clone();
                let base_obj = tri!(vm.super_base_object(&h));
                let k = reg!(key).clone();
                let k = tri!(vm.to_property_key(&k));
                let th = reg!(this).clone();
                let v = match base_obj {
                    // A data property (or none) on the chain: [[Get]] does not use the receiver.
                    Some(b) => match lookup_data_property(&vm.heap, b, &k, &std::cell::Cell::new(0)) {
                        DataLookup::Found(v) => v.clone(),
                        DataLookup::Absent => Value::Undefined,
                        DataLookup::Slow => tri!(vm.get_with_receiver(b, &k, &th)),
                    },
                    None => throw!(read_error(vm, &Value::Null, &k)),
                };
                put!(dst, v);
            }
            Insn::SuperSet { home, this, key, src } => {
                save_pc!();
                let h = reg!(home).clone();
                let base_obj = tri!(vm.super_base_object(&h));
                let k = reg!(key).clone();
                let k = tri!(vm.to_property_key(&k));
                let (th, v) = (reg!(this).clone(), reg!(src).clone());
                match base_obj {
                    Some(b) => {
                        let ok = tri!(vm.set(b, k.clone(), v, &th));
                        if !ok && t.strict {
                            let target = th.as_object().unwrap_or(b);
                            throw!(vm.failed_assignment_error(target, &k));
                        }
                    }
                    None => throw!(write_error(vm, &Value::Null, &k)),
                }
            }

            // ----- generators --------------------------------------------------------------
            Insn::InitialYield { dst, mode } => {
                save_pc!();
                let callee = vm.interp.frames.last().and_then(|f| f.callee);
                let g = if t.is_async {
                    tri!(vm.new_async_generator_object(callee))
                } else {
                    tri!(vm.new_generator_object(callee, Intrinsic::GeneratorPrototype))
                };
                let Some((s, f)) = vm.suspend_top_frame(pc, dst, mode) else { return Exit::Done(Value::Undefined) };
                vm.park_generator(g, s, GeneratorStatus::SuspendedStart);
                if f.entry {
                    return Exit::Done(Value::Object(g));
                }
                vm.interp.stack[f.ret] = Value::Object(g);
                reload!();
            }
            Insn::Yield { src, dst, mode } | Insn::YieldRaw { src, dst, mode } => {
                let v = reg!(src).clone();
                let result = if matches!(insn, Insn::Yield { .. }) {
                    Value::Object(vm.create_iter_result_object(v, false))
                } else {
                    v
                };
                let g = vm.interp.frames.last().and_then(|f| f.generator);
                let Some(g) = g else {
                    throw!(vm.throw_syntax_error("modjs internal error: yield outside a generator"));
                };
                let Some((s, _)) = vm.suspend_top_frame(pc, dst, mode) else { return Exit::Done(Value::Undefined) };
                vm.park_generator(g, s, GeneratorStatus::SuspendedYield);
                return Exit::Done(result);
            }
            Insn::AsyncGeneratorYield { src, dst, mode } => {
                save_pc!();
                let v = reg!(src).clone();
                match vm.async_generator_yield(pc, v, dst, mode) {
                    Some((value, m)) => {
                        *reg_mut!(dst) = value;
                        *reg_mut!(mode) = Value::Number(m as f64);
                    }
                    None => return Exit::Done(Value::Undefined),
                }
            }
            Insn::AsyncStart => {
                let state = vm.async_start();
                if let Some(f) = vm.interp.frames.last_mut() {
                    f.generator = Some(state);
                }
            }
            Insn::Await { src, dst, mode } => {
                save_pc!();
                let v = reg!(src).clone();
                let state = vm.interp.frames.last().and_then(|f| f.generator);
                let Some(state) = state else {
                    throw!(vm.throw_syntax_error("modjs internal error: await outside an async function"));
                };
                tri!(vm.await_value(state, v));
                let Some((s, f)) = vm.suspend_top_frame(pc, dst, mode) else { return Exit::Done(Value::Undefined) };
                vm.park_generator(state, s, GeneratorStatus::SuspendedYield);
                let handoff = vm.async_handoff(state);
                if f.entry {
                    return Exit::Done(handoff);
                }
                vm.interp.stack[f.ret] = handoff;
                reload!();
            }
            Insn::YieldDelegateCall { res, iter, recv, mode } => {
                save_pc!();
                let (it, next, v) = (reg!(iter).clone(), reg!(iter + 1).clone(), reg!(recv).clone());
                let m = match reg!(mode) {
                    Value::Number(n) => n as i32,
                    _ => RESUME_NEXT,
                };
                let r = match m {
                    RESUME_NEXT => tri!(vm.call(&next, it.clone(), &[v])),
                    RESUME_THROW => {
                        let key = PropertyKey::from("throw");
                        match tri!(vm.get_method(&it, &key)) {
                            Some(f) => tri!(vm.call(&f, it.clone(), &[v])),
                            None => {
                                tri!(vm.iterator_close_value(&it));
                                throw!(vm.throw_type_error("The iterator does not provide a 'throw' method"));
                            }
                        }
                    }
                    _ => {
                        let key = vm.interp.common_keys.return_.clone();
                        match tri!(vm.get_method(&it, &key)) {
                            Some(f) => tri!(vm.call(&f, it.clone(), &[v])),
                            None => Value::Object(vm.create_iter_result_object(v, true)),
                        }
                    }
                };
                if !r.is_object() {
                    let shown = vm.describe_for_error(&r);
                    throw!(vm.throw_type_error(&format!("Iterator result {shown} is not an object")));
                }
                put!(res, r);
            }

            // ----- objects -----------------------------------------------------------------
            Insn::NewObject { dst } => {
                let o = vm.new_object();
                put!(dst, Value::Object(o));
            }
            Insn::NewArray { dst } => {
                let a = vm.create_array_from_list(Vec::new());
                put!(dst, Value::Object(a));
            }
            Insn::GetTemplateObject { dst, site } => {
                save_pc!();
                let o = tri!(vm.get_template_object(&t, site));
                put!(dst, Value::Object(o));
            }
            Insn::NewRegExp { dst, pattern, flags } => {
                save_pc!();
                let ctor = vm.intrinsic(Intrinsic::RegExp);
                let args = [Value::String(t.name_strings[pattern as usize].clone()), Value::String(t.name_strings[flags as usize].clone())];
                let r = tri!(vm.construct(ctor, &args, None));
                put!(dst, r);
            }
            Insn::SetProtoLiteral { obj, src } => {
                let v = reg!(src).clone();
                if let Value::Object(o) = reg!(obj).clone() {
                    let p = match v {
                        Value::Object(p) => Some(Some(p)),
                        Value::Null => Some(None),
                        _ => None,
                    };
                    if let Some(p) = p {
                        save_pc!();
                        tri!(vm.set_prototype_of(o, p));
                    }
                }
            }
            Insn::RequireObjectCoercible { src, name } => {
                let v = reg!(src).clone();
                if v.is_nullish() {
                    let what = if v.is_null() { "null" } else { "undefined" };
                    let msg = if name == 0 {
                        format!("Cannot destructure '{what}' as it is {what}.")
                    } else {
                        let p = t.name_strings[name as usize - 1].to_rust_lossy();
                        format!("Cannot destructure property '{p}' of '{what}' as it is {what}.")
                    };
                    throw!(vm.throw_type_error(&msg));
                }
            }
            Insn::ArrayPush { arr, src } => {
                let (a, v) = (reg!(arr).clone(), reg!(src).clone());
                tri!(vm.array_append(&a, v));
            }
            Insn::ArrayPushHole { arr } => {
                let a = reg!(arr).clone();
                tri!(vm.array_append_hole(&a));
            }
            Insn::ArraySpread { arr, src, text } => {
                save_pc!();
                let (a, s) = (reg!(arr).clone(), reg!(src).clone());
                let values = tri!(vm.spread_values(&s, &t, text));
                for v in values {
                    tri!(vm.array_append(&a, v));
                }
            }
            Insn::GetProp { dst, obj, key } => {
                // Fast path: a data property (or none) found without running code.
                let start = match reg!(obj) {
                    Value::Object(o) => {
                        // An array's `length` (an own data property no prototype can shadow).
                        if let ObjectKind::Array(a) = &vm.heap.get(o).kind {
                            if t.keys[key as usize].same_identity(&vm.interp.common_keys.length) {
                                set_num!(dst, a.length as f64);
                                continue;
                            }
                        }
                        Some(o)
                    }
                    Value::String(_) if !matches!(t.keys[key as usize], PropertyKey::Index(_)) => {
                        if t.keys[key as usize] == vm.interp.common_keys.length {
                            if let Value::String(s) = &reg!(obj) {
                                set_num!(dst, s.len() as f64);
                                continue;
                            }
                        }
                        Some(vm.intrinsic(Intrinsic::StringPrototype))
                    }
                    _ => None,
                };
                if let Some(o) = start {
                    let k = &t.keys[key as usize];
                    match lookup_data_property(&vm.heap, o, k, &t.property_hints[key as usize]) {
                        DataLookup::Found(v) => {
                            copy_to!(dst, *v);
                            continue;
                        }
                        DataLookup::Absent => {
                            put!(dst, Value::Undefined);
                            continue;
                        }
                        DataLookup::Slow => {}
                    }
                }
                let o = reg!(obj).clone();
                save_pc!();
                let v = tri!(vm.get_property_of_value(&o, &t.keys[key as usize]));
                put!(dst, v);
            }
            Insn::SetProp { obj, key, src } => {
                let v = reg!(src).clone();
                let v = match reg!(obj) {
                    Value::Object(o) => {
                        match set_own_data_property(&mut vm.heap, o, &t.keys[key as usize], v, &t.property_hints[key as usize]) {
                            Ok(()) => continue,
                            Err(v) => v,
                        }
                    }
                    _ => v,
                };
                let o = reg!(obj).clone();
                save_pc!();
                tri!(vm.put_property_of_value(&o, t.keys[key as usize].clone(), v, t.strict));
            }
            Insn::GetElem { dst, obj, key } => {
                // Dense array fast path.
                if let (Value::Object(o), Value::Number(n)) = (&reg!(obj), &reg!(key)) {
                    let i = *n as usize;
                    if i as f64 == *n {
                        if let ObjectKind::Array(a) = &vm.heap.get(*o).kind {
                            if let Some(v) = a.dense.get(i) {
                                if !v.is_empty() {
                                    let v = v.clone();
                                    put!(dst, v);
                                    continue;
                                }
                            }
                        }
                    }
                }
                save_pc!();
                let (o, k) = (reg!(obj).clone(), reg!(key).clone());
                if o.is_nullish() {
                    let k = tri!(vm.to_property_key(&k));
                    throw!(read_error(vm, &o, &k));
                }
                let k = tri!(vm.to_property_key(&k));
                // An object used as a dictionary (`counts[word]`): a data property, or none on
                // the whole chain, is read from the property maps directly.
                if let (Value::Object(r), PropertyKey::String(_)) = (&o, &k) {
                    let (r, hint) = (*r, std::cell::Cell::new(0));
                    match lookup_data_property(&vm.heap, r, &k, &hint) {
                        DataLookup::Found(v) => {
                            let v = v.clone();
                            put!(dst, v);
                            continue;
                        }
                        DataLookup::Absent => {
                            put!(dst, Value::Undefined);
                            continue;
                        }
                        DataLookup::Slow => {}
                    }
                }
                let v = tri!(vm.get_property_of_value(&o, &k));
                put!(dst, v);
            }
            Insn::SetElem { obj, key, src } => {
                if let (Value::Object(o), Value::Number(n)) = (&reg!(obj), &reg!(key)) {
                    let i = *n as usize;
                    if i as f64 == *n {
                        let o = *o;
                        let v = reg!(src).clone();
                        if let ObjectKind::Array(a) = &mut vm.heap.get_mut(o).kind {
                            if let Some(slot) = a.dense.get_mut(i) {
                                if !slot.is_empty() {
                                    *slot = v;
                                    continue;
                                }
                            }
                        }
                    }
                }
                save_pc!();
                let (o, k, v) = (reg!(obj).clone(), reg!(key).clone(), reg!(src).clone());
                if o.is_nullish() {
                    let k = tri!(vm.to_property_key(&k));
                    throw!(write_error(vm, &o, &k));
                }
                let k = tri!(vm.to_property_key(&k));
                // A dictionary entry that exists: replaced in place.
                let v = match (&o, &k) {
                    (Value::Object(r), PropertyKey::String(_)) => {
                        match set_own_data_property(&mut vm.heap, *r, &k, v, &std::cell::Cell::new(0)) {
                            Ok(()) => continue,
                            Err(v) => v,
                        }
                    }
                    _ => v,
                };
                tri!(vm.put_property_of_value(&o, k, v, t.strict));
            }
            Insn::DeleteProp { dst, obj, key } => {
                save_pc!();
                let o = reg!(obj).clone();
                let r = tri!(vm.delete_property_of_value(&o, &t.keys[key as usize], t.strict));
                set_bool!(dst, r);
            }
            Insn::DeleteElem { dst, obj, key } => {
                save_pc!();
                let (o, k) = (reg!(obj).clone(), reg!(key).clone());
                if o.is_nullish() {
                    throw!(vm.throw_type_error("Cannot convert undefined or null to object"));
                }
                let k = tri!(vm.to_property_key(&k));
                let r = tri!(vm.delete_property_of_value(&o, &k, t.strict));
                set_bool!(dst, r);
            }
            Insn::DefineField { obj, key, src } => {
                save_pc!();
                let (o, v) = (reg!(obj).clone(), reg!(src).clone());
                if let Value::Object(o) = o {
                    let k = &t.keys[key as usize];
                    // An object literal under construction: an ordinary extensible object that
                    // lacks the key gets a new data property, as CreateDataProperty would add it.
                    let target = vm.heap.get(o);
                    if matches!(target.kind, ObjectKind::Ordinary) && target.extensible && !target.props.contains_key(k) {
                        vm.insert_new_property(o, k.clone(), Slot::Data { value: v, attrs: attrs::ALL });
                    } else {
                        tri!(vm.create_data_property_or_throw(o, k.clone(), v));
                    }
                }
            }
            Insn::DefineElem { obj, key, src } => {
                save_pc!();
                let (o, k, v) = (reg!(obj).clone(), reg!(key).clone(), reg!(src).clone());
                let k = tri!(vm.to_property_key(&k));
                if let Value::Object(o) = o {
                    tri!(vm.create_data_property_or_throw(o, k, v));
                }
            }
            Insn::DefineMethod { obj, key, src, kind, enumerable } => {
                save_pc!();
                let (o, k, v) = (reg!(obj).clone(), reg!(key).clone(), reg!(src).clone());
                let k = tri!(vm.to_property_key(&k));
                let desc = match kind {
                    MethodKind::Method => PropertyDescriptor::data(v, true, enumerable, true),
                    MethodKind::Getter => PropertyDescriptor {
                        value: None,
                        writable: None,
                        get: Some(v),
                        set: None,
                        enumerable: Some(enumerable),
                        configurable: Some(true),
                    },
                    MethodKind::Setter => PropertyDescriptor {
                        value: None,
                        writable: None,
                        get: None,
                        set: Some(v),
                        enumerable: Some(enumerable),
                        configurable: Some(true),
                    },
                };
                if let Value::Object(o) = o {
                    tri!(vm.define_property_or_throw(o, k, desc));
                }
            }
            Insn::CopyDataProperties { dst, src, excluded, excluded_count } => {
                save_pc!();
                let (d, s) = (reg!(dst).clone(), reg!(src).clone());
                let mut ex = Vec::with_capacity(excluded_count as usize);
                for i in 0..excluded_count {
                    let k = reg!(excluded + i).clone();
                    ex.push(tri!(vm.to_property_key(&k)));
                }
                tri!(vm.copy_data_properties(&d, &s, &ex));
            }
            Insn::SetHomeObject { func, home } => {
                if let (Value::Object(f), Value::Object(h)) = (reg!(func).clone(), reg!(home).clone()) {
                    if let Some(c) = vm.closure_mut(f) {
                        c.home_object = Some(h);
                    }
                }
            }
            Insn::SetFunctionName { func, key, prefix } => {
                save_pc!();
                let (f, k) = (reg!(func).clone(), reg!(key).clone());
                tri!(vm.set_function_name(&f, &k, prefix));
            }

            // ----- iteration ---------------------------------------------------------------
            Insn::ForInStart { dst, obj } => {
                save_pc!();
                let o = reg!(obj).clone();
                let it = tri!(vm.for_in_start(&o));
                put!(dst, it);
            }
            Insn::ForInNext { dst, iter, done } => {
                save_pc!();
                let it = reg!(iter).clone();
                match tri!(vm.for_in_next(&it)) {
                    Some(k) => put!(dst, k),
                    None => pc = done as usize,
                }
            }
            Insn::GetIterator { dst, src, text } => {
                save_pc!();
                let s = reg!(src).clone();
                let rec = tri!(vm.get_iterator_at(&s, &t, text, false));
                put!(dst, Value::Object(rec.iterator));
                put!(dst + 1, rec.next_method);
                put!(dst + 2, Value::Bool(false));
            }
            Insn::IteratorNext { dst, iter, done } => {
                save_pc!();
                let (it, next) = (reg!(iter).clone(), reg!(iter + 1).clone());
                match tri!(vm.iterator_next_value(&it, &next)) {
                    Some(v) => put!(dst, v),
                    None => pc = done as usize,
                }
            }
            Insn::IteratorClose { iter } => {
                save_pc!();
                let it = reg!(iter).clone();
                tri!(vm.iterator_close_value(&it));
            }
            Insn::GetAsyncIterator { dst, src, text } => {
                save_pc!();
                let s = reg!(src).clone();
                let rec = tri!(vm.get_async_iterator_at(&s, &t, text));
                *reg_mut!(dst) = Value::Object(rec.iterator);
                *reg_mut!(dst + 1) = rec.next_method;
                *reg_mut!(dst + 2) = Value::Bool(false);
            }
            Insn::AsyncDelegateCall { res, iter, recv, mode, kind } => {
                save_pc!();
                let (it, next, v) = (reg!(iter).clone(), reg!(iter + 1).clone(), reg!(recv).clone());
                let m = match reg!(mode) {
                    Value::Number(n) => n as i32,
                    _ => RESUME_NEXT,
                };
                let (r, k) = tri!(vm.async_delegate_call(&it, &next, v, m));
                *reg_mut!(res) = r;
                *reg_mut!(kind) = Value::Number(k as f64);
            }
            Insn::CheckIterResult { src } => {
                if !reg!(src).is_object() {
                    save_pc!();
                    let v = reg!(src).clone();
                    tri!(vm.check_iter_result(&v));
                }
            }
            Insn::IteratorCallNext { dst, iter } => {
                save_pc!();
                let (it, next) = (reg!(iter).clone(), reg!(iter + 1).clone());
                let r = tri!(vm.call(&next, it, &[]));
                *reg_mut!(dst) = r;
            }
            Insn::AsyncIteratorCloseCall { dst, iter, found, quiet } => {
                save_pc!();
                let it = reg!(iter).clone();
                let r = tri!(vm.async_iterator_close_call(&it, quiet));
                *reg_mut!(found) = Value::Bool(r.is_some());
                if let Some(r) = r {
                    *reg_mut!(dst) = r;
                }
            }
            Insn::IteratorCloseQuiet { iter } => {
                save_pc!();
                let it = reg!(iter).clone();
                vm.iterator_close_quietly(&it);
            }
            Insn::IteratorStep { dst, iter } => {
                if matches!(reg!(iter + 2), Value::Bool(true)) {
                    put!(dst, Value::Undefined);
                    continue;
                }
                save_pc!();
                let (it, next) = (reg!(iter).clone(), reg!(iter + 1).clone());
                match vm.iterator_next_value(&it, &next) {
                    Ok(Some(v)) => put!(dst, v),
                    Ok(None) => {
                        put!(iter + 2, Value::Bool(true));
                        put!(dst, Value::Undefined);
                    }
                    Err(e) => {
                        put!(iter + 2, Value::Bool(true));
                        throw!(e);
                    }
                }
            }
            Insn::IteratorRest { dst, iter } => {
                save_pc!();
                let mut values = Vec::new();
                if !matches!(reg!(iter + 2), Value::Bool(true)) {
                    let (it, next) = (reg!(iter).clone(), reg!(iter + 1).clone());
                    loop {
                        match vm.iterator_next_value(&it, &next) {
                            Ok(Some(v)) => values.push(v),
                            Ok(None) => break,
                            Err(e) => {
                                put!(iter + 2, Value::Bool(true));
                                throw!(e);
                            }
                        }
                    }
                    put!(iter + 2, Value::Bool(true));
                }
                let a = vm.create_array_from_list(values);
                put!(dst, Value::Object(a));
            }
            Insn::IteratorCloseIfNotDone { iter, quiet } => {
                if !matches!(reg!(iter + 2), Value::Bool(true)) {
                    save_pc!();
                    let it = reg!(iter).clone();
                    if quiet {
                        vm.iterator_close_quietly(&it);
                    } else {
                        tri!(vm.iterator_close_value(&it));
                    }
                }
            }

            // ----- misc --------------------------------------------------------------------
            Insn::CreateArguments { dst } => {
                let (args, callee) = match vm.interp.frames.last() {
                    Some(f) => (f.args.clone(), f.callee),
                    None => (Vec::new(), None),
                };
                let a = vm.create_arguments_object(&args, callee, t.strict);
                put!(dst, a);
            }
            Insn::MapArgument { args, index, slot } => {
                let (argc, cell_base) = match vm.interp.frames.last() {
                    Some(f) => (f.args.len(), f.cell_base),
                    None => (0, 0),
                };
                // Only indices below the number of arguments passed are mapped (step 17.b).
                if (index as usize) < argc {
                    let cell = vm.interp.cells[cell_base + slot as usize];
                    if let Value::Object(o) = reg!(args) {
                        if let ObjectKind::Arguments(map) = &mut vm.heap.get_mut(o).kind {
                            map.get_or_insert_with(Default::default).map(index as usize, cell);
                        }
                    }
                }
            }
            Insn::CreateRest { dst, from } => {
                let rest = match vm.interp.frames.last() {
                    Some(f) => f.args.get(from as usize..).map(|s| s.to_vec()).unwrap_or_default(),
                    None => Vec::new(),
                };
                let a = vm.create_array_from_list(rest);
                put!(dst, Value::Object(a));
            }
            Insn::ImportCall { dst, specifier, options } => {
                save_pc!();
                let (s, o) = (reg!(specifier).clone(), reg!(options).clone());
                let referrer = t.source.clone();
                let p = vm.evaluate_import_call(&referrer.path, s, o);
                *reg_mut!(dst) = p;
            }
            Insn::DirectEval { dst, base: b, argc, table, this } => {
                if let Value::Object(o) = reg!(b) {
                    if o == vm.intrinsic(crate::realm::Intrinsic::Eval) {
                        save_pc!();
                        let table = t.children[table as usize].clone();
                        let cells = {
                            let Some(frame) = vm.interp.frames.last() else { return Exit::Done(Value::Undefined) };
                            capture_cells(&table.captures, &vm.interp.cells[cell_base..], &frame.upvalues)
                        };
                        let x = match argc {
                            0 => Value::Undefined,
                            // `eval(...list)`: the first element of the spread arguments (a
                            // fresh dense array), if any.
                            crate::bytecode::SPREAD_ARGC => match reg!(b + 2) {
                                Value::Object(arr) => match &vm.heap.get(arr).kind {
                                    crate::object::ObjectKind::Array(a) => a.dense.first().cloned().unwrap_or(Value::Undefined),
                                    _ => Value::Undefined,
                                },
                                _ => Value::Undefined,
                            },
                            _ => reg!(b + 2).clone(),
                        };
                        let th = reg!(this).clone();
                        let r = tri!(vm.perform_direct_eval(x, &table, cells, th, t.strict));
                        *reg_mut!(dst) = r;
                        pc += 1;
                    }
                }
            }
            Insn::Nop => {}
        }
    }
}

/// Stores `v` into a register. The store is split by type so that it is a tag byte and a
/// scalar payload (a number, an object handle), and a register already holding that type only
/// has its payload replaced. Copying a whole `Value` through a temporary instead stalls on
/// store forwarding, which was the largest single cost of the dispatch loop.
#[inline(always)]
fn write_register(slot: &mut Value, v: Value) {
    match v {
        Value::Number(n) => {
            if let Value::Number(x) = slot {
                *x = n;
            } else {
                crate::value::overwrite(slot, Value::Number(n));
            }
        }
        Value::Object(o) => {
            if let Value::Object(x) = slot {
                *x = o;
            } else {
                crate::value::overwrite(slot, Value::Object(o));
            }
        }
        Value::Bool(b) => {
            if let Value::Bool(x) = slot {
                *x = b;
            } else {
                crate::value::overwrite(slot, Value::Bool(b));
            }
        }
        Value::Undefined => {
            if !slot.is_undefined() {
                crate::value::overwrite(slot, Value::Undefined);
            }
        }
        other => crate::value::overwrite(slot, other),
    }
}

/// Drops a value that is no longer needed, calling the drop routine only for the variants that
/// hold a reference count (the generic slice or value drop is an out-of-line call per use).
#[inline(always)]
fn release(v: Value) {
    if matches!(v, Value::String(_) | Value::Symbol(_) | Value::BigInt(_)) {
        drop(v);
    } else {
        std::mem::forget(v);
    }
}

/// The values of an argument array built by a spread call.
fn array_values(vm: &Vm, arr: &Value) -> Vec<Value> {
    let Value::Object(o) = arr else { return Vec::new() };
    match &vm.heap.get(*o).kind {
        ObjectKind::Array(a) => a.dense.iter().map(|v| if v.is_empty() { Value::Undefined } else { v.clone() }).collect(),
        _ => Vec::new(),
    }
}

/// Returns `v` from the top frame to its caller.
fn do_return(vm: &mut Vm, mut v: Value) -> Exit {
    let Some(f) = vm.interp.frames.last() else { return Exit::Done(v) };
    if f.construct && !v.is_object() {
        v = vm.interp.stack[f.base].clone();
    }
    if let Some(state) = f.generator {
        if vm.is_async_generator(state) {
            // An async generator's body returned: the head request gets `{ v, done: true }`.
            let entry = f.entry;
            pop_frame(vm);
            vm.async_generator_body_completed(state, Ok(v));
            return if entry { Exit::Done(Value::Undefined) } else { Exit::Reload };
        }
        // An async function settles its promise; its caller gets the promise.
        if vm.async_promise(state).is_some() {
            vm.async_complete(state, Ok(v));
            v = vm.async_handoff(state);
        }
    }
    let Some(f) = vm.interp.frames.last() else { return Exit::Done(v) };
    let (entry, ret) = (f.entry, f.ret);
    pop_frame(vm);
    if entry {
        return Exit::Done(v);
    }
    vm.interp.stack[ret] = v;
    Exit::Reload
}
