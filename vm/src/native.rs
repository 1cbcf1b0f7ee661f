//! Built-in (Rust) functions: their signature, their arguments, and helpers to define them.

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

/// A built-in function's behaviour. `args.new_target` is `Some` when called as a constructor.
pub type NativeFn = fn(&mut Vm, &CallArgs) -> JsResult<Value>;

/// The arguments of one call of a built-in function.
pub struct CallArgs {
    pub this: Value,
    pub args: Vec<Value>,
    /// The function object being called (its `slots` hold closure data for built-ins such as
    /// promise resolving functions).
    pub callee: ObjRef,
    /// NewTarget: `Some` for [[Construct]], `None` for [[Call]].
    pub new_target: Option<ObjRef>,
}

impl CallArgs {
    /// The argument at `i`, or undefined when absent.
    #[inline]
    pub fn get(&self, i: usize) -> Value {
        self.args.get(i).cloned().unwrap_or(Value::Undefined)
    }

    pub fn len(&self) -> usize {
        self.args.len()
    }

    pub fn is_empty(&self) -> bool {
        self.args.is_empty()
    }

    pub fn rest(&self, from: usize) -> &[Value] {
        self.args.get(from..).unwrap_or(&[])
    }
}

/// The payload of a built-in function object.
pub struct NativeFunction {
    pub f: NativeFn,
    /// Whether the function has a [[Construct]] internal method.
    pub constructor: bool,
    /// Per-function data (traced by the GC), e.g. the promise a resolving function settles.
    pub slots: Vec<Value>,
}

/// A bound function exotic object (§10.4.1).
pub struct BoundFunction {
    pub target: ObjRef,
    pub this: Value,
    pub args: Vec<Value>,
}
