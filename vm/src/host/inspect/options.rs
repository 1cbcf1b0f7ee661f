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
