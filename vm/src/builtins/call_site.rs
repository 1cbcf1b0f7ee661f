//! CallSite objects (V8's stack-trace API): what `Error.prepareStackTrace(error, callSites)`
//! receives, one per frame of a captured stack. Libraries such as `depd` and `callsites` read
//! them to find their caller's file and line.

use crate::error::{JsResult, StackFrameInfo};
use crate::gc::ObjRef;
use crate::native::{CallArgs, NativeFn};
use crate::object::{Object, ObjectKind};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::CallSitePrototype);
    // V8's method list (the ones a captured frame can answer; the rest report "unknown").
    let methods: [(&str, NativeFn); 22] = [
        ("getColumnNumber", get_column_number),
        ("getEnclosingColumnNumber", get_null),
        ("getEnclosingLineNumber", get_null),
        ("getEvalOrigin", get_undefined),
        ("getFileName", get_file_name),
        ("getFunction", get_undefined),
        ("getFunctionName", get_function_name),
        ("getLineNumber", get_line_number),
        ("getMethodName", get_null),
        ("getPosition", get_null),
        ("getPromiseIndex", get_null),
        ("getScriptNameOrSourceURL", get_file_name),
        ("getScriptHash", get_empty_string),
        ("getThis", get_undefined),
        ("getTypeName", get_null),
        ("isAsync", get_false),
        ("isConstructor", is_constructor),
        ("isEval", get_false),
        ("isNative", get_false),
        ("isPromiseAll", get_false),
        ("isToplevel", is_toplevel),
        ("toString", call_site_to_string),
    ];
    for (name, f) in methods {
        vm.define_method(proto, name, 0, f);
    }
}

/// A CallSite object for one captured frame.
pub fn create_call_site(vm: &mut Vm, frame: StackFrameInfo) -> ObjRef {
    let proto = vm.intrinsic(Intrinsic::CallSitePrototype);
    vm.heap.alloc(Object::new(Some(proto), ObjectKind::CallSite(Box::new(frame))))
}

/// The frame of the this value; V8 throws this TypeError for other receivers.
fn frame_of(vm: &mut Vm, this: &Value) -> JsResult<StackFrameInfo> {
    if let Value::Object(o) = this {
        if let ObjectKind::CallSite(f) = &vm.heap.get(*o).kind {
            return Ok((**f).clone());
        }
    }
    Err(vm.throw_type_error("CallSite method called on non-CallSite object"))
}

/// The function name as V8 reports it: without the `new ` a constructor frame is printed with.
fn plain_function_name(frame: &StackFrameInfo) -> Option<String> {
    let name = frame.function_name.as_deref()?;
    let name = name.strip_prefix("new ").unwrap_or(name);
    if name.is_empty() {
        None
    } else {
        Some(name.to_string())
    }
}

fn get_function_name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let frame = frame_of(vm, &args.this)?;
    Ok(plain_function_name(&frame).map(|n| Value::from_str(&n)).unwrap_or(Value::Null))
}

fn get_file_name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let frame = frame_of(vm, &args.this)?;
    Ok(Value::from_str(&frame.file))
}

fn get_line_number(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let frame = frame_of(vm, &args.this)?;
    Ok(Value::Number(frame.line as f64))
}

fn get_column_number(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let frame = frame_of(vm, &args.this)?;
    Ok(Value::Number(frame.column as f64))
}

fn is_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let frame = frame_of(vm, &args.this)?;
    Ok(Value::Bool(frame.function_name.as_deref().is_some_and(|n| n.starts_with("new "))))
}

/// Every frame the interpreter records runs a function or a script body, never a method call
/// with a receiver the trace knows about.
fn is_toplevel(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    frame_of(vm, &args.this)?;
    Ok(Value::Bool(true))
}

fn call_site_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let frame = frame_of(vm, &args.this)?;
    Ok(Value::from_str(&frame.to_string()))
}

fn get_null(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    frame_of(vm, &args.this)?;
    Ok(Value::Null)
}

fn get_undefined(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    frame_of(vm, &args.this)?;
    Ok(Value::Undefined)
}

fn get_false(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    frame_of(vm, &args.this)?;
    Ok(Value::Bool(false))
}

fn get_empty_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    frame_of(vm, &args.this)?;
    Ok(Value::from_str(""))
}
