//! Node's own error objects (lib/internal/errors.js): a V8 error with a `code` property, whose
//! stack heading is `Name [CODE]: message`.

use crate::error::ErrorKind;
use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

/// A Node error of `kind` with `code` and `message`.
pub fn node_error(vm: &mut Vm, kind: ErrorKind, code: &str, message: &str) -> Value {
    let err = vm.new_error(kind, message);
    // Node captures the stack while the name reads `Name [CODE]`: replace the heading of the
    // stack V8-style formatting produced.
    let stack_key = PropertyKey::from("stack");
    if let Ok(Value::String(stack)) = vm.get(err, &stack_key) {
        let text = stack.to_rust_lossy();
        let frames = text.find("\n    at ").map(|i| &text[i..]).unwrap_or("");
        let heading = format!("{} [{}]: {}{}", kind.name(), code, message, frames);
        vm.define_value(err, stack_key, Value::from(heading.as_str()), attrs::BUILTIN);
    }
    vm.define_value(err, PropertyKey::from("code"), Value::from(code), attrs::ALL);
    Value::Object(err)
}

/// `ERR_INVALID_ARG_TYPE`: `The "name" argument must be of type expected. Received ...`.
pub fn invalid_arg_type(vm: &mut Vm, name: &str, expected: &str, actual: &Value) -> Value {
    let received = super::inspect::received_description(vm, actual);
    let message = format!("The \"{name}\" argument must be of type {expected}.{received}");
    node_error(vm, ErrorKind::TypeError, "ERR_INVALID_ARG_TYPE", &message)
}

/// `ERR_OUT_OF_RANGE`: `The value of "name" is out of range. It must be ... Received ...`.
pub fn out_of_range(vm: &mut Vm, name: &str, range: &str, actual: &str) -> Value {
    let message = format!("The value of \"{name}\" is out of range. It must be {range}. Received {actual}");
    node_error(vm, ErrorKind::RangeError, "ERR_OUT_OF_RANGE", &message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_argument_errors_print_like_node() {
        let mut vm = crate::host::test_support::vm();
        let err = invalid_arg_type(&mut vm, "inspectOptions", "object", &Value::Number(1.0));
        let text = super::super::inspect::inspect_default(&mut vm, &err).unwrap_or_default();
        assert_eq!(
            text,
            "[TypeError [ERR_INVALID_ARG_TYPE]: The \"inspectOptions\" argument must be of type object. \
             Received type number (1)] {\n  code: 'ERR_INVALID_ARG_TYPE'\n}"
        );
    }
}
