//! The GeneratorFunction (§27.3.1), AsyncGeneratorFunction (§27.4.1) and AsyncFunction
//! (§27.7.1) constructors: CreateDynamicFunction of their kind. They are not globals; they are
//! reached as `Object.getPrototypeOf(function* () {}).constructor` and so on.

use crate::builtins::dynamic_function::{create_dynamic_function, DynamicFunctionKind};
use crate::error::JsResult;
use crate::native::CallArgs;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let kinds: [(&str, Intrinsic, Intrinsic, crate::native::NativeFn); 3] = [
        ("GeneratorFunction", Intrinsic::GeneratorFunction, Intrinsic::GeneratorFunctionPrototype, generator_function),
        (
            "AsyncGeneratorFunction",
            Intrinsic::AsyncGeneratorFunction,
            Intrinsic::AsyncGeneratorFunctionPrototype,
            async_generator_function,
        ),
        ("AsyncFunction", Intrinsic::AsyncFunction, Intrinsic::AsyncFunctionPrototype, async_function),
    ];
    let function = vm.intrinsic(Intrinsic::Function);
    for (name, which, proto_id, f) in kinds {
        let ctor = vm.new_native_constructor(name, 1, f);
        // Each inherits from %Function% (§27.3.2 etc.).
        vm.heap.get_mut(ctor).proto = Some(function);
        let proto = vm.intrinsic(proto_id);
        vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
        // `constructor` is configurable but not writable here (§27.3.3.1 etc.).
        vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::CONFIGURABLE);
        vm.realm.set_intrinsic(which, ctor);
    }
}

/// GeneratorFunction ( ...parameterArgs, bodyArg ) (§27.3.1.1).
fn generator_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_dynamic_function(vm, args, DynamicFunctionKind::Generator)
}

/// AsyncGeneratorFunction ( ...parameterArgs, bodyArg ) (§27.4.1.1).
fn async_generator_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_dynamic_function(vm, args, DynamicFunctionKind::AsyncGenerator)
}

/// AsyncFunction ( ...parameterArgs, bodyArg ) (§27.7.1.1).
fn async_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_dynamic_function(vm, args, DynamicFunctionKind::Async)
}
