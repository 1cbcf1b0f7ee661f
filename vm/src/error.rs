//! Abrupt completions and the helpers that create and throw error objects.

use crate::gc::ObjRef;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// The result of anything that can throw: `Err` holds the thrown JavaScript value.
pub type JsResult<T> = Result<T, Value>;

/// The native error types (§20.5.5) plus Error and AggregateError.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorKind {
    Error,
    EvalError,
    RangeError,
    ReferenceError,
    SyntaxError,
    TypeError,
    URIError,
    AggregateError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Error => "Error",
            ErrorKind::EvalError => "EvalError",
            ErrorKind::RangeError => "RangeError",
            ErrorKind::ReferenceError => "ReferenceError",
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::URIError => "URIError",
            ErrorKind::AggregateError => "AggregateError",
        }
    }

    /// The kind whose constructor is called `name` (as a host's error record names it); any
    /// other name is a plain `Error`.
    pub fn from_name(name: &str) -> ErrorKind {
        match name {
            "EvalError" => ErrorKind::EvalError,
            "RangeError" => ErrorKind::RangeError,
            "ReferenceError" => ErrorKind::ReferenceError,
            "SyntaxError" => ErrorKind::SyntaxError,
            "TypeError" => ErrorKind::TypeError,
            "URIError" => ErrorKind::URIError,
            "AggregateError" => ErrorKind::AggregateError,
            _ => ErrorKind::Error,
        }
    }

    pub fn prototype(self) -> Intrinsic {
        match self {
            ErrorKind::Error => Intrinsic::ErrorPrototype,
            ErrorKind::EvalError => Intrinsic::EvalErrorPrototype,
            ErrorKind::RangeError => Intrinsic::RangeErrorPrototype,
            ErrorKind::ReferenceError => Intrinsic::ReferenceErrorPrototype,
            ErrorKind::SyntaxError => Intrinsic::SyntaxErrorPrototype,
            ErrorKind::TypeError => Intrinsic::TypeErrorPrototype,
            ErrorKind::URIError => Intrinsic::URIErrorPrototype,
            ErrorKind::AggregateError => Intrinsic::AggregateErrorPrototype,
        }
    }
}

impl Vm {
    /// A new error object of `kind` with `message`, as the built-in constructors make it: the
    /// own `stack` (captured now, formatted when first read), then a non-enumerable `message`.
    pub fn new_error(&mut self, kind: ErrorKind, message: &str) -> ObjRef {
        let proto = self.realm.intrinsic(kind.prototype());
        let obj = self.heap.alloc(Object::new(Some(proto), ObjectKind::Error));
        crate::builtins::error_stack::install_stack_property(self, obj);
        let msg = Value::String(JsString::from(message));
        self.define_value(obj, PropertyKey::from("message"), msg, attrs::BUILTIN);
        obj
    }

    /// Gives `obj` an own `stack` capturing the current call stack; its first line is formatted
    /// from the object's `name` and `message` when `stack` is first read (as V8 does).
    pub fn install_error_stack(&mut self, obj: ObjRef) {
        crate::builtins::error_stack::install_stack_property(self, obj);
    }

    pub fn throw_error(&mut self, kind: ErrorKind, message: &str) -> Value {
        Value::Object(self.new_error(kind, message))
    }
    pub fn throw_type_error(&mut self, message: &str) -> Value {
        self.throw_error(ErrorKind::TypeError, message)
    }
    pub fn throw_range_error(&mut self, message: &str) -> Value {
        self.throw_error(ErrorKind::RangeError, message)
    }
    pub fn throw_reference_error(&mut self, message: &str) -> Value {
        self.throw_error(ErrorKind::ReferenceError, message)
    }
    pub fn throw_syntax_error(&mut self, message: &str) -> Value {
        self.throw_error(ErrorKind::SyntaxError, message)
    }
}

/// One line of a Node-style stack trace: `fn (file:line:col)` or `file:line:col`.
#[derive(Clone, Debug)]
pub struct StackFrameInfo {
    pub function_name: Option<String>,
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for StackFrameInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.function_name {
            Some(name) if !name.is_empty() => write!(f, "{} ({}:{}:{})", name, self.file, self.line, self.column),
            _ => write!(f, "{}:{}:{}", self.file, self.line, self.column),
        }
    }
}
