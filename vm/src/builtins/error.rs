//! Error objects (§20.5): the Error constructor, the native errors (EvalError, RangeError,
//! ReferenceError, SyntaxError, TypeError, URIError) and AggregateError, with their prototypes.
//! The `stack` property and V8's `Error.captureStackTrace` / `Error.stackTraceLimit` are in
//! `error_stack.rs`.

use crate::builtins::error_stack;
use crate::builtins::receiver::incompatible_receiver;
use crate::error::{ErrorKind, JsResult};
use crate::gc::ObjRef;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// The kinds with a constructor of the shape `(message, options)`, in slot order.
const SIMPLE_KINDS: [ErrorKind; 7] = [
    ErrorKind::Error,
    ErrorKind::EvalError,
    ErrorKind::RangeError,
    ErrorKind::ReferenceError,
    ErrorKind::SyntaxError,
    ErrorKind::TypeError,
    ErrorKind::URIError,
];

fn constructor_intrinsic(kind: ErrorKind) -> Intrinsic {
    match kind {
        ErrorKind::Error => Intrinsic::Error,
        ErrorKind::EvalError => Intrinsic::EvalError,
        ErrorKind::RangeError => Intrinsic::RangeError,
        ErrorKind::ReferenceError => Intrinsic::ReferenceError,
        ErrorKind::SyntaxError => Intrinsic::SyntaxError,
        ErrorKind::TypeError => Intrinsic::TypeError,
        ErrorKind::URIError => Intrinsic::URIError,
        ErrorKind::AggregateError => Intrinsic::AggregateError,
    }
}

pub fn install(vm: &mut Vm) {
    let mut error_constructor = None;
    for (index, kind) in SIMPLE_KINDS.iter().enumerate() {
        let ctor = vm.new_native_function_with_slots(
            PropertyKey::from(kind.name()),
            1,
            error_constructor_behaviour,
            vec![Value::Number(index as f64)],
            true,
        );
        install_constructor(vm, *kind, ctor, error_constructor);
        if *kind == ErrorKind::Error {
            error_constructor = Some(ctor);
        }
    }
    let aggregate = vm.new_native_constructor("AggregateError", 2, aggregate_error_constructor);
    install_constructor(vm, ErrorKind::AggregateError, aggregate, error_constructor);

    // §20.5.3.4 Error.prototype.toString
    let error_prototype = vm.intrinsic(Intrinsic::ErrorPrototype);
    vm.define_method(error_prototype, "toString", 0, error_prototype_to_string);
    if let Some(ctor) = error_constructor {
        error_stack::install(vm, ctor);
    }
}

/// Wires one error constructor to its prototype object and the global object. A native error
/// constructor's [[Prototype]] is %Error% and its prototype's [[Prototype]] is %Error.prototype%.
fn install_constructor(vm: &mut Vm, kind: ErrorKind, ctor: ObjRef, error_constructor: Option<ObjRef>) {
    let proto = vm.intrinsic(kind.prototype());
    if let Some(parent) = error_constructor {
        vm.heap.get_mut(ctor).proto = Some(parent);
        let error_prototype = vm.intrinsic(Intrinsic::ErrorPrototype);
        vm.heap.get_mut(proto).proto = Some(error_prototype);
    }
    vm.realm.set_intrinsic(constructor_intrinsic(kind), ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.define_value(proto, PropertyKey::from("name"), Value::from_str(kind.name()), attrs::BUILTIN);
    vm.define_value(proto, PropertyKey::from("message"), Value::from_str(""), attrs::BUILTIN);
    let global = vm.global();
    vm.define_value(global, PropertyKey::from(kind.name()), Value::Object(ctor), attrs::BUILTIN);
}

/// The kind an error constructor was made for (its first slot).
fn kind_of_constructor(vm: &Vm, callee: ObjRef) -> ErrorKind {
    if let ObjectKind::NativeFunction(f) = &vm.heap.get(callee).kind {
        if let Some(Value::Number(i)) = f.slots.first() {
            if let Some(kind) = SIMPLE_KINDS.get(*i as usize) {
                return *kind;
            }
        }
    }
    ErrorKind::Error
}

/// The first steps every error constructor shares: OrdinaryCreateFromConstructor with the
/// kind's prototype (NewTarget, or the function itself when called without `new`), the own
/// `stack` (V8 defines it first), then `message` when one is given.
fn create_error_object(vm: &mut Vm, args: &CallArgs, kind: ErrorKind, message: &Value) -> JsResult<ObjRef> {
    // 1. If NewTarget is undefined, let newTarget be the active function object.
    let new_target = args.new_target.unwrap_or(args.callee);
    // 2. Let O be ? OrdinaryCreateFromConstructor(newTarget, proto, « [[ErrorData]] »).
    let o = vm.object_create_from_constructor(new_target, kind.prototype(), ObjectKind::Error)?;
    error_stack::install_stack_property(vm, o);
    // 3. If message is not undefined, then
    if !message.is_undefined() {
        // a. Let msg be ? ToString(message).
        let msg = vm.to_string(message)?;
        // b. Perform CreateNonEnumerableDataPropertyOrThrow(O, "message", msg).
        vm.define_value(o, PropertyKey::from("message"), Value::String(msg), attrs::BUILTIN);
    }
    Ok(o)
}

/// Error(message, options) (§20.5.1.1) and NativeError(message, options) (§20.5.6.1.1).
fn error_constructor_behaviour(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let kind = kind_of_constructor(vm, args.callee);
    let o = create_error_object(vm, args, kind, &args.get(0))?;
    // 4. Perform ? InstallErrorCause(O, options).
    install_error_cause(vm, o, &args.get(1))?;
    // 5. Return O.
    Ok(Value::Object(o))
}

/// AggregateError(errors, message, options) (§20.5.7.1.1).
fn aggregate_error_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1-3. Create the object and its message.
    let o = create_error_object(vm, args, ErrorKind::AggregateError, &args.get(1))?;
    // 4. Perform ? InstallErrorCause(O, options).
    install_error_cause(vm, o, &args.get(2))?;
    // 5. Let errorsList be ? IteratorToList(? GetIterator(errors, sync)).
    let errors = vm.iterate_to_list(&args.get(0))?;
    // 6. Perform ! DefinePropertyOrThrow(O, "errors", { [[Configurable]]: true,
    //    [[Enumerable]]: false, [[Writable]]: true, [[Value]]: CreateArrayFromList(errorsList) }).
    let list = vm.create_array_from_list(errors);
    vm.define_value(o, PropertyKey::from("errors"), Value::Object(list), attrs::BUILTIN);
    // 7. Return O.
    Ok(Value::Object(o))
}

/// InstallErrorCause (§20.5.8.1).
pub fn install_error_cause(vm: &mut Vm, o: ObjRef, options: &Value) -> JsResult<()> {
    // 1. If options is an Object and ? HasProperty(options, "cause") is true, then
    if let Value::Object(opts) = options {
        let key = PropertyKey::from("cause");
        if vm.has_property(*opts, &key)? {
            // a. Let cause be ? Get(options, "cause").
            let cause = vm.get(*opts, &key)?;
            // b. Perform CreateNonEnumerableDataPropertyOrThrow(O, "cause", cause).
            vm.define_value(o, key, cause, attrs::BUILTIN);
        }
    }
    Ok(())
}

/// Error.prototype.toString ( ) (§20.5.3.4).
fn error_prototype_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1-2. Let O be the this value; if O is not an Object, throw a TypeError exception.
    let Value::Object(o) = args.this else {
        return Err(incompatible_receiver(vm, "Error.prototype.toString", &args.this));
    };
    Ok(Value::String(error_to_string(vm, o)?))
}

/// Steps 3-9 of Error.prototype.toString: `name: message`, either part alone when the other is
/// empty. V8 also builds the first line of `stack` this way.
pub fn error_to_string(vm: &mut Vm, o: ObjRef) -> JsResult<JsString> {
    // 3-4. Let name be ? Get(O, "name"); undefined means "Error", otherwise ? ToString(name).
    let name = vm.get(o, &PropertyKey::from("name"))?;
    let name = if name.is_undefined() { JsString::from("Error") } else { vm.to_string(&name)? };
    // 5-6. Let msg be ? Get(O, "message"); undefined means "", otherwise ? ToString(msg).
    let msg = vm.get(o, &PropertyKey::from("message"))?;
    let msg = if msg.is_undefined() { JsString::empty() } else { vm.to_string(&msg)? };
    // 7-9. Either part alone when the other is empty, otherwise "name: msg".
    if name.is_empty() {
        return Ok(msg);
    }
    if msg.is_empty() {
        return Ok(name);
    }
    Ok(JsString::concat(&JsString::concat(&name, &JsString::from(": ")), &msg))
}
