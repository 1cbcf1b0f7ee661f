//! The `stack` property of errors and V8's stack-trace API that Node programs use:
//! `Error.captureStackTrace(targetObject[, constructorOpt])`, `Error.stackTraceLimit`, and
//! `Error.prepareStackTrace(error, callSites)` (Node installs a default one; a program may
//! replace it to receive CallSite objects and return any value as the `stack`).
//!
//! As in V8, the call stack is captured when the error is created, but the text is formatted
//! the first time `stack` is read: its first line is `Error.prototype.toString` of the error at
//! that moment, so `this.name = 'MyError'` in a subclass constructor shows in the trace. The
//! property is an own accessor whose function holds the captured frames; the first read (or any
//! write) replaces it with a plain writable, non-enumerable data property.

use crate::builtins::error::error_to_string;
use crate::error::{JsResult, StackFrameInfo};
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyDescriptor, PropertyKey, Slot};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// V8's default `Error.stackTraceLimit`.
const DEFAULT_STACK_TRACE_LIMIT: f64 = 10.0;

/// Defines `Error.captureStackTrace` and `Error.stackTraceLimit` on the Error constructor.
pub fn install(vm: &mut Vm, error_constructor: ObjRef) {
    vm.define_method(error_constructor, "captureStackTrace", 2, capture_stack_trace);
    let prepare = vm.new_native_function("ErrorPrepareStackTrace", 2, error_prepare_stack_trace);
    let key = PropertyKey::from("prepareStackTrace");
    vm.define_value(error_constructor, key, Value::Object(prepare), attrs::BUILTIN);
    // Remember Node's default so that only a replacement is called back.
    if let ObjectKind::NativeFunction(f) = &mut vm.heap.get_mut(error_constructor).kind {
        f.slots.push(Value::Object(prepare));
    }
    let limit = Value::Number(DEFAULT_STACK_TRACE_LIMIT);
    vm.define_value(error_constructor, PropertyKey::from("stackTraceLimit"), limit, attrs::ALL);
}

/// How many frames a new trace keeps: `Error.stackTraceLimit` when it is an own data property
/// holding a number (read without running code, as V8 does), `None` when there is to be no
/// `stack` at all.
fn stack_trace_limit(vm: &Vm) -> Option<usize> {
    let error_constructor = vm.intrinsic(Intrinsic::Error);
    match vm.heap.get(error_constructor).props.get(&PropertyKey::from("stackTraceLimit")) {
        Some(Slot::Data { value: Value::Number(n), .. }) => {
            if n.is_nan() || *n <= 0.0 {
                Some(0)
            } else if *n >= u32::MAX as f64 {
                Some(usize::MAX)
            } else {
                Some(*n as usize)
            }
        }
        _ => None,
    }
}

/// The `\n    at ...` lines of a trace.
fn frames_text(frames: &[StackFrameInfo]) -> String {
    let mut text = String::new();
    for frame in frames {
        text.push_str("\n    at ");
        text.push_str(&frame.to_string());
    }
    text
}

/// Captures the current call stack into a lazily formatted own `stack` property of `obj` (a new
/// error object, so the definition cannot fail).
pub fn install_stack_property(vm: &mut Vm, obj: ObjRef) {
    let Some(limit) = stack_trace_limit(vm) else {
        return;
    };
    let mut frames = vm.capture_stack_trace();
    frames.truncate(limit);
    let accessor = stack_accessor_function(vm, &frames);
    vm.define_accessor(obj, PropertyKey::from("stack"), Some(accessor), Some(accessor), attrs::CONFIGURABLE);
}

/// One function serves as both getter and setter of a pending `stack`: [[Get]] calls it with no
/// argument, [[Set]] with exactly one. Its slots hold the formatted frames, then each frame as
/// four values (function name or undefined, file, line, column) for CallSite objects.
fn stack_accessor_function(vm: &mut Vm, frames: &[StackFrameInfo]) -> ObjRef {
    let mut slots = Vec::with_capacity(1 + 4 * frames.len());
    slots.push(Value::String(JsString::from(frames_text(frames))));
    for frame in frames {
        slots.push(frame.function_name.as_deref().map(Value::from_str).unwrap_or(Value::Undefined));
        slots.push(Value::from_str(&frame.file));
        slots.push(Value::Number(frame.line as f64));
        slots.push(Value::Number(frame.column as f64));
    }
    vm.new_native_function_with_slots(PropertyKey::from("stack"), 0, stack_accessor, slots, false)
}

/// The frames kept in a stack accessor's slots.
fn frames_from_slots(slots: &[Value]) -> Vec<StackFrameInfo> {
    let mut frames = Vec::new();
    for chunk in slots.get(1..).unwrap_or(&[]).chunks_exact(4) {
        let function_name = chunk[0].as_string().map(|s| s.to_rust_lossy());
        let file = chunk[1].as_string().map(|s| s.to_rust_lossy()).unwrap_or_default();
        let line = chunk[2].as_number().unwrap_or(0.0) as u32;
        let column = chunk[3].as_number().unwrap_or(0.0) as u32;
        frames.push(StackFrameInfo { function_name, file, line, column });
    }
    frames
}

/// A replacement `Error.prepareStackTrace` installed by the program, if any (an own data
/// property of %Error% that is callable and not Node's default).
fn user_prepare_stack_trace(vm: &Vm) -> Option<Value> {
    let error_constructor = vm.intrinsic(Intrinsic::Error);
    let obj = vm.heap.get(error_constructor);
    let default = match &obj.kind {
        ObjectKind::NativeFunction(f) => f.slots.get(1).cloned(),
        _ => None,
    };
    match obj.props.get(&PropertyKey::from("prepareStackTrace")) {
        Some(Slot::Data { value: Value::Object(f), .. }) if vm.is_callable_object(*f) => {
            if matches!(default, Some(Value::Object(d)) if d == *f) {
                None
            } else {
                Some(Value::Object(*f))
            }
        }
        _ => None,
    }
}

fn stack_accessor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(target) = args.this else {
        return Ok(Value::Undefined);
    };
    if args.len() == 1 {
        // Setter: the error now has a plain `stack` holding the value.
        replace_with_data_property(vm, target, args.get(0))?;
        return Ok(Value::Undefined);
    }
    let slots = match &vm.heap.get(args.callee).kind {
        ObjectKind::NativeFunction(f) => f.slots.clone(),
        _ => Vec::new(),
    };
    // Getter with a program's Error.prepareStackTrace: its result, whatever it is, is the stack.
    if let Some(prepare) = user_prepare_stack_trace(vm) {
        let call_sites: Vec<Value> = frames_from_slots(&slots)
            .into_iter()
            .map(|f| Value::Object(crate::builtins::call_site::create_call_site(vm, f)))
            .collect();
        let call_sites = Value::Object(vm.create_array_from_list(call_sites));
        // Reading `stack` inside the callback sees undefined rather than recursing.
        replace_with_data_property(vm, target, Value::Undefined)?;
        let result = vm.call(&prepare, Value::Object(error_constructor(vm)), &[Value::Object(target), call_sites])?;
        replace_with_data_property(vm, target, result.clone())?;
        return Ok(result);
    }
    // Getter: format `Name: message` + frames now, and keep the text.
    let frames = slots.first().cloned().unwrap_or(Value::Undefined);
    let header = error_to_string(vm, target)?;
    let text = match frames {
        Value::String(f) => JsString::concat(&header, &f),
        _ => header,
    };
    replace_with_data_property(vm, target, Value::String(text.clone()))?;
    Ok(Value::String(text))
}

fn error_constructor(vm: &Vm) -> ObjRef {
    vm.intrinsic(Intrinsic::Error)
}

/// Node's default `Error.prepareStackTrace(error, trace)`: `Name: message` and one
/// `    at ...` line per call site.
fn error_prepare_stack_trace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut text = match args.get(0) {
        Value::Object(o) => error_to_string(vm, o)?,
        other => vm.to_string(&other)?,
    };
    if let Value::Object(_) = args.get(1) {
        for site in vm.create_list_from_array_like(&args.get(1))? {
            let line = vm.to_string(&site)?;
            text = JsString::concat(&text, &JsString::from("\n    at "));
            text = JsString::concat(&text, &line);
        }
    }
    Ok(Value::String(text))
}

fn replace_with_data_property(vm: &mut Vm, target: ObjRef, value: Value) -> JsResult<()> {
    let desc = PropertyDescriptor::data_attrs(value, attrs::BUILTIN);
    // A frozen error keeps its accessor; the value is still returned to the reader.
    vm.define_own_property(target, PropertyKey::from("stack"), desc)?;
    Ok(())
}

/// Error.captureStackTrace(targetObject[, constructorOpt]) (V8): gives `targetObject` a `stack`
/// like a new error's. Frames above the most recent call of `constructorOpt` are left out
/// (frames are matched by function name, which is all a captured frame records).
fn capture_stack_trace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(target) = args.get(0) else {
        return Err(vm.throw_type_error("invalid_argument"));
    };
    let Some(limit) = stack_trace_limit(vm) else {
        return Ok(Value::Undefined);
    };
    let mut frames = vm.capture_stack_trace();
    if let Value::Object(f) = args.get(1) {
        if vm.is_callable_object(f) {
            let name = match vm.get_own_property_plain(f, &PropertyKey::from("name")) {
                Some(PropertyDescriptor { value: Some(Value::String(s)), .. }) => s.to_rust_lossy(),
                _ => String::new(),
            };
            frames = frames_below(frames, &name);
        }
    }
    frames.truncate(limit);
    let accessor = stack_accessor_function(vm, &frames);
    let desc = PropertyDescriptor {
        get: Some(Value::Object(accessor)),
        set: Some(Value::Object(accessor)),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    if !vm.define_own_property(target, PropertyKey::from("stack"), desc)? {
        let message = if vm.heap.get(target).extensible {
            "Cannot redefine property: stack".to_string()
        } else {
            "Cannot define property stack, object is not extensible".to_string()
        };
        return Err(vm.throw_type_error(&message));
    }
    Ok(Value::Undefined)
}

/// The frames below the topmost one running a function called `name` (as V8 names frames:
/// `name`, `new name`, `Receiver.name`); none when no frame matches.
fn frames_below(frames: Vec<StackFrameInfo>, name: &str) -> Vec<StackFrameInfo> {
    if name.is_empty() {
        return Vec::new();
    }
    let runs = |f: &StackFrameInfo| match &f.function_name {
        Some(n) => {
            n == name
                || n.strip_prefix("new ") == Some(name)
                || n.rsplit_once('.').map(|(_, last)| last == name).unwrap_or(false)
                || n.starts_with(&format!("{name} ["))
        }
        None => false,
    };
    match frames.iter().position(runs) {
        Some(i) => frames.into_iter().skip(i + 1).collect(),
        None => Vec::new(),
    }
}
