//! Node's own errors (`lib/internal/errors.js`): a native error whose `code` property names the
//! failure (`ERR_INVALID_ARG_TYPE`) and whose stack starts with `TypeError [CODE]: message`, as
//! Node prints them.

use crate::error::ErrorKind;
use crate::property::{attrs, PropertyKey};
use crate::value::Value;
use crate::vm::Vm;

/// A new `kind` error with Node's `code` (an own enumerable property) and stack heading.
pub fn node_error(vm: &mut Vm, kind: ErrorKind, code: &str, message: &str) -> Value {
    let err = vm.new_error(kind, message);
    let heading = format!("{} [{code}]: {message}", kind.name());
    let frames = match vm.get_own_property_plain(err, &PropertyKey::from("stack")) {
        Some(crate::property::PropertyDescriptor { value: Some(Value::String(s)), .. }) => {
            let text = s.to_rust_lossy();
            text.find("\n    at").map(|i| text[i..].to_string()).unwrap_or_default()
        }
        _ => String::new(),
    };
    let stack = Value::from(format!("{heading}{frames}").as_str());
    vm.define_value(err, PropertyKey::from("stack"), stack, attrs::BUILTIN);
    vm.define_value(err, PropertyKey::from("code"), Value::from(code), attrs::ALL);
    Value::Object(err)
}

/// `ERR_INVALID_ARG_TYPE`: `The "name" argument must be of type expected. Received ...`.
pub fn invalid_arg_type(vm: &mut Vm, name: &str, expected: &str, actual: &Value) -> Value {
    let received = super::inspect::received_description(vm, actual);
    let message = format!("The \"{name}\" argument must be of type {expected}.{received}");
    node_error(vm, ErrorKind::TypeError, "ERR_INVALID_ARG_TYPE", &message)
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
