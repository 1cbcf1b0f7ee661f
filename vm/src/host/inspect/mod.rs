//! `util.inspect`: Node's human-readable rendering of any value, byte for byte as Node v20 prints
//! it. The algorithm is the one of Node's `lib/internal/util/inspect.js` (`formatValue`,
//! `formatRaw`, `reduceToSingleString`, ...), rewritten for this engine's objects.
//!
//! The walk reads real VM objects through the core's internal methods: own keys and own property
//! descriptors (getters are not invoked — they print as `[Getter]`), the prototype chain (for the
//! constructor name, `Foo [Tag]` prefixes and `[Object: null prototype]`), and the object kind
//! (arrays, functions, errors, Map/Set, promises, namespaces). Like Node it does read a few
//! properties with [[Get]] (`Symbol.toStringTag`, a function's `name`, an error's `stack`), which
//! may run user getters; errors those throw are propagated or ignored exactly where Node does.
//!
//! Files, by concern:
//! - `options.rs`: the options and their defaults;
//! - `primitives.rs`: strings (quoting, escaping, splitting), numbers, symbols, key names;
//! - `layout.rs`: joining formatted entries (one line, grouped columns, one per line);
//! - `access.rs`: what the inspector asks of the VM about an object's kind and internal slots;
//! - `objects.rs`: the main dispatch (`format_raw`), constructor names and prefixes, properties;
//! - `arrays.rs`: arrays, holes and the `... more items` rule;
//! - `functions.rs`: `[Function: f]`, `[class A extends B]`, `[AsyncFunction: f]`;
//! - `errors.rs`: errors with their stack, for `console.log` and for uncaught errors;
//! - `collections.rs`: Map, Set, their iterators, weak collections, promises, module namespaces;
//! - `circular.rs`: `<ref *1>` and `[Circular *1]`;
//! - `specific_type.rs`: `Received type number (1)` in Node's argument errors.

pub mod access;
mod arrays;
mod circular;
mod collections;
mod errors;
mod functions;
pub mod layout;
mod objects;
pub mod options;
pub mod primitives;
mod specific_type;
mod stack_guard;

pub use errors::inspect_error;
pub use options::{Compact, InspectOptions};
pub use specific_type::{determine_specific_type, received_description};

use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::value::Value;
use crate::vm::Vm;
use indexmap::IndexMap;

/// One inspection in progress (Node's `ctx`): the options, the VM, and the walk's state.
pub(crate) struct Ctx<'vm> {
    pub vm: &'vm mut Vm,
    pub opts: InspectOptions,
    /// Columns of indentation of the value being formatted.
    pub indentation: usize,
    /// The objects being formatted, outermost first (for cycle detection).
    pub seen: Vec<ObjRef>,
    /// Objects found to be circular, with their reference number (in order of discovery).
    pub circular: IndexMap<ObjRef, usize>,
    /// The depth of the object entered most recently (Node's `ctx.currentDepth`), which decides
    /// how many levels of nesting may share one line.
    pub current_depth: usize,
}

impl<'vm> Ctx<'vm> {
    pub fn new(vm: &'vm mut Vm, opts: InspectOptions) -> Ctx<'vm> {
        Ctx { vm, opts, indentation: 0, seen: Vec::new(), circular: IndexMap::new(), current_depth: 0 }
    }

    /// Whether `recurse_times` levels of nesting exceed the `depth` option.
    pub fn beyond_depth(&self, recurse_times: usize) -> bool {
        match self.opts.depth {
            Some(depth) => recurse_times as i64 > depth,
            None => false,
        }
    }

    /// Node's `formatValue`: primitives directly, objects through the cycle check and
    /// [`objects::format_raw`].
    pub fn format_value(&mut self, value: &Value, recurse_times: usize) -> JsResult<String> {
        let mut obj = match value {
            Value::Object(obj) => *obj,
            other => return Ok(self.format_primitive(other)),
        };
        let context = obj;
        // Proxies are looked through (one level) so that no trap runs for the proxy itself;
        // with `showProxy` they print as `Proxy [ target, handler ]`.
        if let Some((target, handler)) = access::proxy_details(self.vm, obj) {
            let (Some(target), Some(handler)) = (target, handler) else {
                return Ok("<Revoked Proxy>".to_string());
            };
            if self.opts.show_proxy {
                return self.format_proxy(target, handler, recurse_times);
            }
            obj = target;
        }
        if let Some(text) = self.custom_inspect(obj, context, recurse_times)? {
            return Ok(text);
        }
        if self.seen.contains(&obj) {
            return Ok(circular::circular_marker(self, obj));
        }
        objects::format_raw(self, obj, recurse_times)
    }

    /// `Proxy [ target, handler ]` (the `showProxy` option).
    fn format_proxy(&mut self, target: ObjRef, handler: ObjRef, recurse_times: usize) -> JsResult<String> {
        if self.beyond_depth(recurse_times) {
            return Ok("Proxy [Array]".to_string());
        }
        let recurse_times = recurse_times + 1;
        self.indentation += 2;
        let parts = [Value::Object(target), Value::Object(handler)]
            .iter()
            .map(|v| self.format_value(v, recurse_times))
            .collect::<JsResult<Vec<String>>>();
        self.indentation -= 2;
        let state = objects::layout_state(self, recurse_times);
        Ok(layout::reduce_to_single_string(&state, parts?, "", ("Proxy [", "]"), layout::EntriesKind::ArrayLike, true))
    }

    /// Node's `formatPrimitive`.
    pub fn format_primitive(&self, value: &Value) -> String {
        match value {
            Value::String(s) => {
                if self.opts.compact == Compact::Always {
                    // The fill-lines mode never splits strings.
                    primitives::format_string_value(s.as_units(), 0, usize::MAX, self.opts.max_string_length)
                } else {
                    primitives::format_string_value(
                        s.as_units(),
                        self.indentation,
                        self.opts.break_length,
                        self.opts.max_string_length,
                    )
                }
            }
            Value::Number(n) => format_number(*n, self.opts.numeric_separator),
            Value::Bool(b) => b.to_string(),
            Value::Undefined | Value::Empty => "undefined".to_string(),
            Value::Null => "null".to_string(),
            Value::Symbol(sym) => {
                let description = sym.description();
                primitives::format_symbol_value(description.as_ref().map(|d| d.as_units()))
            }
            Value::BigInt(b) => format_bigint(b, self.opts.numeric_separator),
            Value::Object(_) => String::new(),
        }
    }

    /// The `[util.inspect.custom](depth, options, inspect)` hook. Only objects reachable from
    /// `Symbol.for('nodejs.util.inspect.custom')` can have one, so nothing is looked up while
    /// that symbol was never created.
    fn custom_inspect(&mut self, obj: ObjRef, context: ObjRef, recurse_times: usize) -> JsResult<Option<String>> {
        if !self.opts.custom_inspect {
            return Ok(None);
        }
        let Some(symbol) = access::custom_inspect_symbol(self.vm) else {
            return Ok(None);
        };
        let key = crate::property::PropertyKey::Symbol(symbol);
        let method = self.vm.get(obj, &key)?;
        if !self.vm.is_callable(&method) || access::is_util_inspect(self.vm, &method) {
            return Ok(None);
        }
        // Prototype objects (whose own `constructor.prototype` is themselves) are shown plainly.
        if access::is_constructor_prototype(self.vm, obj)? {
            return Ok(None);
        }
        let depth = match self.opts.depth {
            Some(d) => Value::Number((d - recurse_times as i64) as f64),
            None => Value::Null,
        };
        let options = access::options_object(self.vm, &self.opts, depth.clone());
        let inspect_fn = access::util_inspect_function(self.vm);
        let result = self.vm.call(&method, Value::Object(context), &[depth, Value::Object(options), inspect_fn])?;
        match result {
            Value::Object(r) if r == context => Ok(None),
            Value::String(s) => {
                let text = s.to_rust_lossy();
                let indent = format!("\n{}", " ".repeat(self.indentation));
                Ok(Some(text.replace('\n', &indent)))
            }
            other => self.format_value(&other, recurse_times).map(Some),
        }
    }
}

/// A number as `util.inspect` shows it: `-0` keeps its sign; with `numeric_separator`, integer
/// digits are grouped by threes from the point and fraction digits from the point outwards.
pub fn format_number(n: f64, numeric_separator: bool) -> String {
    let text = primitives::format_number(n, crate::conversions::number_to_string);
    if !numeric_separator || !n.is_finite() || text.contains('e') {
        return text;
    }
    match text.split_once('.') {
        None => group_integer_digits(&text),
        Some((int, frac)) => {
            let mut grouped_frac = String::new();
            let digits: Vec<char> = frac.chars().collect();
            let mut i = 0;
            while i + 3 < digits.len() {
                grouped_frac.extend(&digits[i..i + 3]);
                grouped_frac.push('_');
                i += 3;
            }
            grouped_frac.extend(&digits[i..]);
            format!("{}.{}", group_integer_digits(int), grouped_frac)
        }
    }
}

/// Node's `formatBigInt`: the decimal digits and an `n`, grouped like numbers when asked.
pub fn format_bigint(b: &crate::bigint::BigInt, numeric_separator: bool) -> String {
    let digits = b.to_string_radix(10);
    if numeric_separator {
        format!("{}n", group_integer_digits(&digits))
    } else {
        format!("{digits}n")
    }
}

fn group_integer_digits(int: &str) -> String {
    let (sign, digits) = match int.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", int),
    };
    if digits.len() < 4 {
        return int.to_string();
    }
    let mut out = String::from(sign);
    let first = digits.len() % 3;
    if first > 0 {
        out.push_str(&digits[..first]);
    }
    let mut i = first;
    while i < digits.len() {
        if !out.is_empty() && out != sign {
            out.push('_');
        }
        out.push_str(&digits[i..i + 3]);
        i += 3;
    }
    out
}

/// `util.inspect(value, options)`.
///
/// The walk keeps object handles in Rust while it may call into JavaScript (getters of
/// `Symbol.toStringTag`, `name`, `stack`, custom inspect methods), so it counts as a native frame:
/// no collection can run until it returns, whoever calls it.
pub fn inspect(vm: &mut Vm, value: &Value, opts: InspectOptions) -> JsResult<String> {
    vm.native_depth += 1;
    let _guard = stack_guard::enter();
    let mut ctx = Ctx::new(vm, opts);
    let result = ctx.format_value(value, 0);
    drop(ctx);
    vm.native_depth -= 1;
    result
}

/// `util.inspect(value)` with Node's default options (what `console.log` uses for non-strings).
pub fn inspect_default(vm: &mut Vm, value: &Value) -> JsResult<String> {
    inspect(vm, value, InspectOptions::default())
}

#[cfg(test)]
mod tests;

/// `util.inspect(value[, options])` as a built-in function (for the `node:util` module and for
/// custom inspect methods). A boolean second argument is the legacy `showHidden`; the legacy third
/// and fourth arguments are `depth` and `colors`.
pub fn util_inspect_native(vm: &mut Vm, args: &crate::native::CallArgs) -> JsResult<Value> {
    let mut opts = InspectOptions::default();
    match args.get(1) {
        Value::Bool(show_hidden) => opts.show_hidden = show_hidden,
        Value::Object(o) => options::read_options(vm, o, &mut opts)?,
        _ => {}
    }
    if args.len() > 2 {
        options::read_depth(vm, &args.get(2), &mut opts)?;
    }
    let text = inspect(vm, &args.get(0), opts)?;
    Ok(Value::from(text.as_str()))
}
