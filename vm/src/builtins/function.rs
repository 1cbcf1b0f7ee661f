//! The Function constructor (§20.2.1), Function.prototype (§20.2.3), bound function creation
//! (§10.4.1.3), `instanceof` (§13.10.2 InstanceofOperator, §7.3.21 OrdinaryHasInstance) and
//! %ThrowTypeError% (§10.2.4.1).

use crate::builtins::dynamic_function::{create_dynamic_function, DynamicFunctionKind};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::{BoundFunction, CallArgs};
use std::cell::Cell;

use crate::object::ordinary::{lookup_data_property, DataLookup};
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyDescriptor, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

const THROW_TYPE_ERROR_MESSAGE: &str =
    "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them";

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::FunctionPrototype);
    // §20.2.3: Function.prototype is itself a function with length 0 and name "".
    vm.define_value(proto, PropertyKey::from("length"), Value::Number(0.0), attrs::CONFIGURABLE);
    vm.define_value(proto, PropertyKey::from("name"), Value::from(""), attrs::CONFIGURABLE);

    // %ThrowTypeError%: frozen, anonymous, length 0.
    let thrower = vm.new_native_function("", 0, throw_type_error);
    vm.define_value(thrower, PropertyKey::from("length"), Value::Number(0.0), attrs::NONE);
    vm.define_value(thrower, PropertyKey::from("name"), Value::from(""), attrs::NONE);
    vm.heap.get_mut(thrower).extensible = false;
    vm.realm.set_intrinsic(Intrinsic::ThrowTypeError, thrower);
    // AddRestrictedFunctionProperties (§10.2.4) on Function.prototype.
    for name in ["arguments", "caller"] {
        vm.define_accessor(proto, PropertyKey::from(name), Some(thrower), Some(thrower), attrs::CONFIGURABLE);
    }

    let ctor = vm.new_native_constructor("Function", 1, function_constructor);
    vm.realm.set_intrinsic(Intrinsic::Function, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);

    vm.define_method(proto, "apply", 2, function_proto_apply);
    vm.define_method(proto, "bind", 1, function_proto_bind);
    vm.define_method(proto, "call", 1, function_proto_call);
    vm.define_method(proto, "toString", 0, function_proto_to_string);
    let has_instance = vm.symbols.has_instance.clone();
    vm.define_symbol_method(proto, has_instance, 1, function_proto_has_instance, attrs::NONE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Function"), Value::Object(ctor), attrs::BUILTIN);
}

/// %ThrowTypeError% (§10.2.4.1).
fn throw_type_error(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Err(vm.throw_type_error(THROW_TYPE_ERROR_MESSAGE))
}

/// Function ( ...parameterArgs, bodyArg ) (§20.2.1.1).
fn function_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_dynamic_function(vm, args, DynamicFunctionKind::Normal)
}

/// V8's TypeError for applying a value that is not callable (also used by Reflect.apply).
pub fn apply_non_callable_error(vm: &mut Vm, func: &Value) -> Value {
    let what = match func {
        Value::Null => "null".to_string(),
        Value::Object(_) => "an object".to_string(),
        other => format!("a {}", vm.typeof_value(other)),
    };
    let msg = format!(
        "Function.prototype.apply was called on {}, which is {what} and not a function",
        vm.describe_value_plain(func)
    );
    vm.throw_type_error(&msg)
}

/// Function.prototype.apply ( thisArg, argArray ) (§20.2.3.1).
fn function_proto_apply(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let func = args.this.clone();
    // 2. IsCallable(func).
    if !vm.is_callable(&func) {
        return Err(apply_non_callable_error(vm, &func));
    }
    // 3-4. No argument array: call with no arguments.
    let arg_array = args.get(1);
    if arg_array.is_nullish() {
        return vm.call(&func, args.get(0), &[]);
    }
    let list = vm.create_list_from_array_like(&arg_array)?;
    vm.call(&func, args.get(0), &list)
}

/// Function.prototype.call ( thisArg, ...args ) (§20.2.3.3).
fn function_proto_call(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let func = args.this.clone();
    if !vm.is_callable(&func) {
        let msg = format!("{} is not a function", vm.describe_for_error(&func));
        return Err(vm.throw_type_error(&msg));
    }
    vm.call(&func, args.get(0), args.rest(1))
}

/// BoundFunctionCreate ( targetFunction, boundThis, boundArgs ) (§10.4.1.3).
pub fn bound_function_create(vm: &mut Vm, target: ObjRef, this: Value, bound_args: Vec<Value>) -> JsResult<ObjRef> {
    // 1. proto = targetFunction.[[GetPrototypeOf]]().
    let proto = vm.get_prototype_of(target)?;
    let kind = ObjectKind::BoundFunction(Box::new(BoundFunction { target, this, args: bound_args }));
    Ok(vm.heap.alloc(Object::new(proto, kind)))
}

/// Function.prototype.bind ( thisArg, ...args ) (§20.2.3.2).
fn function_proto_bind(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1-2. Target must be callable.
    let target = match &args.this {
        Value::Object(o) if vm.is_callable_object(*o) => *o,
        _ => return Err(vm.throw_type_error("Bind must be called on a function")),
    };
    let bound_args = args.rest(1).to_vec();
    let arg_count = bound_args.len() as f64;
    // 3. F = BoundFunctionCreate(Target, thisArg, args).
    let f = bound_function_create(vm, target, args.get(0), bound_args)?;
    // 4-6. L from the target's own length.
    let mut length = 0.0;
    if vm.has_own_property(target, &PropertyKey::from("length"))? {
        let target_len = vm.get(target, &PropertyKey::from("length"))?;
        if let Value::Number(n) = target_len {
            if n == f64::INFINITY {
                length = f64::INFINITY;
            } else if n == f64::NEG_INFINITY {
                length = 0.0;
            } else {
                let as_int = vm.to_integer_or_infinity(&target_len)?;
                length = (as_int - arg_count).max(0.0);
            }
        }
    }
    // 7. SetFunctionLength(F, L).
    vm.define_value(f, PropertyKey::from("length"), Value::Number(length), attrs::CONFIGURABLE);
    // 8-10. SetFunctionName(F, targetName, "bound").
    let target_name = match vm.get(target, &PropertyKey::from("name"))? {
        Value::String(s) => s,
        _ => JsString::empty(),
    };
    let name = JsString::concat(&JsString::from("bound "), &target_name);
    vm.define_value(f, PropertyKey::from("name"), Value::String(name), attrs::CONFIGURABLE);
    Ok(Value::Object(f))
}

/// The [[SourceText]] of a function the interpreter compiled, when `f` is one.
pub fn ecmascript_function_source_text(vm: &Vm, f: ObjRef) -> Option<JsString> {
    let c = vm.closure(f)?;
    let t = &c.template;
    let text = t.source.text.get(t.span.0 as usize..t.span.1 as usize)?;
    Some(JsString::from(text))
}

/// NativeFunction text (§20.2.3.5 step 3-4) for a built-in called `name`.
fn native_function_text(name: &str) -> JsString {
    JsString::from(format!("function {name}() {{ [native code] }}"))
}

/// Function.prototype.toString ( ) (§20.2.3.5).
fn function_proto_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let f = match &args.this {
        Value::Object(o) if vm.is_callable_object(*o) => *o,
        _ => return Err(vm.throw_type_error("Function.prototype.toString requires that 'this' be a Function")),
    };
    // 2. Functions with source text return it.
    if let Some(text) = ecmascript_function_source_text(vm, f) {
        return Ok(Value::String(text));
    }
    // 3. Built-in functions show their initial name (bound functions and proxies have none).
    let name = match &vm.heap.get(f).kind {
        ObjectKind::NativeFunction(_) => match vm.get_own_property_plain(f, &PropertyKey::from("name")) {
            Some(PropertyDescriptor { value: Some(Value::String(s)), .. }) => s.to_rust_lossy(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    Ok(Value::String(native_function_text(&name)))
}

/// Function.prototype [ @@hasInstance ] ( V ) (§20.2.3.6).
fn function_proto_has_instance(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Bool(vm.ordinary_has_instance(&args.this, &args.get(0))?))
}

impl Vm {
    /// OrdinaryHasInstance ( C, O ) (§7.3.21).
    pub fn ordinary_has_instance(&mut self, c: &Value, o: &Value) -> JsResult<bool> {
        // 1. Not callable: false.
        let Value::Object(c) = c else { return Ok(false) };
        let c = *c;
        if !self.is_callable_object(c) {
            return Ok(false);
        }
        // 2. Bound functions delegate to their target.
        if let ObjectKind::BoundFunction(b) = &self.heap.get(c).kind {
            let target = Value::Object(b.target);
            return self.nested(|vm| vm.instanceof_operator(o, &target));
        }
        // 3. Primitives are instances of nothing.
        let Value::Object(mut o) = o else { return Ok(false) };
        // 4-5. P = Get(C, "prototype") must be an object.
        let key = &self.interp.common_keys.prototype;
        let p = match lookup_data_property(&self.heap, c, key, &Cell::new(0)) {
            DataLookup::Found(v) => v.clone(),
            DataLookup::Absent => Value::Undefined,
            DataLookup::Slow => {
                let key = key.clone();
                self.get(c, &key)?
            }
        };
        let Value::Object(p) = p else {
            let msg = format!(
                "Function has non-object prototype '{}' in instanceof check",
                self.describe_value_plain(&p)
            );
            return Err(self.throw_type_error(&msg));
        };
        // 6. Walk O's prototype chain.
        loop {
            match self.get_prototype_of(o)? {
                None => return Ok(false),
                Some(proto) if proto == p => return Ok(true),
                Some(proto) => o = proto,
            }
        }
    }

    /// InstanceofOperator ( V, target ) (§13.10.2).
    pub fn instanceof_operator(&mut self, v: &Value, target: &Value) -> JsResult<bool> {
        // 1. target must be an object.
        if !target.is_object() {
            return Err(self.throw_type_error("Right-hand side of 'instanceof' is not an object"));
        }
        // 2-3. A @@hasInstance method decides.
        let key = PropertyKey::Symbol(self.symbols.has_instance.clone());
        let handler = match target {
            // A data property (or none) found without running code; otherwise the full [[Get]].
            Value::Object(t) => match lookup_data_property(&self.heap, *t, &key, &Cell::new(0)) {
                DataLookup::Found(v) => v.clone(),
                DataLookup::Absent => Value::Undefined,
                DataLookup::Slow => self.get_v(target, &key)?,
            },
            _ => self.get_v(target, &key)?,
        };
        if !handler.is_nullish() {
            if !self.is_callable(&handler) {
                let msg = format!("{} is not a function", describe_with_type(self, &handler));
                return Err(self.throw_type_error(&msg));
            }
            // %Function.prototype[@@hasInstance]% (the usual handler) is OrdinaryHasInstance
            // itself: run it without making a call. Equal function pointers run the same code.
            if let Value::Object(h) = &handler {
                if let ObjectKind::NativeFunction(nf) = &self.heap.get(*h).kind {
                    if std::ptr::fn_addr_eq(nf.f, function_proto_has_instance as crate::native::NativeFn) {
                        return self.nested(|vm| vm.ordinary_has_instance(target, v));
                    }
                }
            }
            let r = self.call(&handler, target.clone(), std::slice::from_ref(v))?;
            return Ok(self.to_boolean(&r));
        }
        // 4. Otherwise target must be callable.
        if !self.is_callable(target) {
            return Err(self.throw_type_error("Right-hand side of 'instanceof' is not callable"));
        }
        // 5. OrdinaryHasInstance.
        self.ordinary_has_instance(target, v)
    }
}

/// `number 1`, `string "x"`, `object`: how V8 names a non-callable value it was asked to call.
fn describe_with_type(vm: &Vm, v: &Value) -> String {
    match v {
        Value::Object(_) => "object".to_string(),
        Value::Undefined | Value::Null => vm.describe_for_error(v),
        other => format!("{} {}", vm.typeof_value(other), vm.describe_for_error(other)),
    }
}
