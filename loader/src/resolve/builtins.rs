//! Node v20's built-in module ids (`require('module').builtinModules` of v20.20, plus the ids
//! that only exist with the `node:` scheme).

/// Built-ins that can be named with or without `node:` (`fs`, `node:fs`).
pub const BUILTIN_MODULES: &[&str] = &[
    "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
    "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
    "_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer",
    "child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns",
    "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
    "inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks",
    "process", "punycode", "querystring", "readline", "readline/promises", "repl", "stream",
    "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
    "timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi",
    "worker_threads", "zlib",
];

/// Built-ins that exist only as `node:` URLs (`node:test`; a bare `test` is a package).
pub const SCHEME_ONLY_BUILTINS: &[&str] = &["sea", "test", "test/reporters"];

/// `BuiltinModule.canBeRequiredWithoutScheme(id)`.
pub fn can_be_required_without_scheme(id: &str) -> bool {
    BUILTIN_MODULES.contains(&id)
}

/// `BuiltinModule.canBeRequiredByUsers(id)`: any public built-in, scheme-only ones included.
pub fn can_be_required_by_users(id: &str) -> bool {
    BUILTIN_MODULES.contains(&id) || SCHEME_ONLY_BUILTINS.contains(&id)
}

/// `BuiltinModule.normalizeRequirableId(request)`: the built-in id `require` would load, if any
/// (`node:fs` → `fs`, `fs` → `fs`, `test` → none, `node:test` → `test`).
pub fn normalize_requirable_id(request: &str) -> Option<&str> {
    if let Some(id) = request.strip_prefix("node:") {
        if can_be_required_by_users(id) {
            return Some(id);
        }
        return None;
    }
    if can_be_required_without_scheme(request) {
        return Some(request);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_rules() {
        assert_eq!(normalize_requirable_id("fs"), Some("fs"));
        assert_eq!(normalize_requirable_id("node:fs/promises"), Some("fs/promises"));
        assert_eq!(normalize_requirable_id("test"), None);
        assert_eq!(normalize_requirable_id("node:test"), Some("test"));
        assert_eq!(normalize_requirable_id("node:fs/"), None);
        assert_eq!(normalize_requirable_id("node:sqlite"), None);
    }
}
