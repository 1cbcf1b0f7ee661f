//! The options of `util.inspect` (Node's `inspectDefaultOptions`) and their defaults.

/// Node's `compact` option: `false` (every entry on its own line), `true` (the old style that
/// fills lines), or a number `n`: objects nested up to `n` levels inside the innermost one are
/// joined on one line when they fit (the default is 3).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Compact {
    Never,
    Always,
    Level(usize),
}

/// Options of one `util.inspect` call.
#[derive(Clone, Debug)]
pub struct InspectOptions {
    /// Also show non-enumerable properties (and symbols), `[length]` of arrays and so on.
    pub show_hidden: bool,
    /// How many levels of nesting are shown before `[Object]`; `None` is unlimited.
    pub depth: Option<i64>,
    /// Call `[util.inspect.custom]` methods.
    pub custom_inspect: bool,
    /// Show proxies as `Proxy [ target, handler ]` instead of looking through them.
    pub show_proxy: bool,
    /// Array, Set and Map entries shown before `... N more items`.
    pub max_array_length: usize,
    /// String code units shown before `... N more characters`.
    pub max_string_length: usize,
    /// The line width that entries must fit into to stay on one line.
    pub break_length: usize,
    pub compact: Compact,
    /// Sort object keys (by UTF-16 code units).
    pub sorted: bool,
    /// Call getters and show their result (`[Getter: 1]`).
    pub getters: bool,
    /// Show numbers as `1_000_000`.
    pub numeric_separator: bool,
}

impl Default for InspectOptions {
    fn default() -> Self {
        InspectOptions {
            show_hidden: false,
            depth: Some(2),
            custom_inspect: true,
            show_proxy: false,
            max_array_length: 100,
            max_string_length: 10_000,
            break_length: 80,
            compact: Compact::Level(3),
            sorted: false,
            getters: false,
            numeric_separator: false,
        }
    }
}

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::property::PropertyKey;
use crate::value::Value;
use crate::vm::Vm;

/// Reads the options Node knows from a JavaScript options object; absent or `undefined` ones
/// keep their current value.
pub fn read_options(vm: &mut Vm, obj: ObjRef, opts: &mut InspectOptions) -> JsResult<()> {
    let get = |vm: &mut Vm, name: &str| vm.get(obj, &PropertyKey::from(name));
    let flag = |v: &Value, current: bool| match v {
        Value::Undefined => current,
        other => crate::conversions::to_boolean(other),
    };
    let v = get(vm, "showHidden")?;
    opts.show_hidden = flag(&v, opts.show_hidden);
    let v = get(vm, "depth")?;
    read_depth(vm, &v, opts)?;
    let v = get(vm, "customInspect")?;
    opts.custom_inspect = flag(&v, opts.custom_inspect);
    let v = get(vm, "showProxy")?;
    opts.show_proxy = flag(&v, opts.show_proxy);
    let v = get(vm, "maxArrayLength")?;
    opts.max_array_length = count(&v, opts.max_array_length);
    let v = get(vm, "maxStringLength")?;
    opts.max_string_length = count(&v, opts.max_string_length);
    let v = get(vm, "breakLength")?;
    opts.break_length = count(&v, opts.break_length);
    let v = get(vm, "compact")?;
    opts.compact = match v {
        Value::Bool(true) => Compact::Always,
        Value::Bool(false) => Compact::Never,
        Value::Number(n) if n >= 0.0 => Compact::Level(n.min(1e9) as usize),
        _ => opts.compact,
    };
    let v = get(vm, "sorted")?;
    opts.sorted = flag(&v, opts.sorted);
    let v = get(vm, "getters")?;
    opts.getters = flag(&v, opts.getters);
    let v = get(vm, "numericSeparator")?;
    opts.numeric_separator = flag(&v, opts.numeric_separator);
    Ok(())
}

/// `depth`: a number (negative allowed), `null` or `Infinity` for unlimited; `undefined` keeps
/// the current value.
pub fn read_depth(vm: &mut Vm, value: &Value, opts: &mut InspectOptions) -> JsResult<()> {
    let _ = vm;
    match value {
        Value::Null => opts.depth = None,
        Value::Number(n) if n.is_infinite() && *n > 0.0 => opts.depth = None,
        Value::Number(n) if !n.is_nan() => opts.depth = Some(n.floor().max(-1e15) as i64),
        _ => {}
    }
    Ok(())
}

/// A length option: a non-negative number (`Infinity` and `null` mean unlimited).
fn count(value: &Value, current: usize) -> usize {
    match value {
        Value::Null => usize::MAX,
        Value::Number(n) if n.is_infinite() && *n > 0.0 => usize::MAX,
        Value::Number(n) if *n >= 0.0 => n.min(usize::MAX as f64) as usize,
        Value::Number(n) if *n < 0.0 => 0,
        _ => current,
    }
}
