//! POSIX path arithmetic as Node's `path` module does it (`path.resolve`, `path.dirname`,
//! `path.relative`): CommonJS resolution works on paths, not URLs.

/// `path.normalize` of an absolute path: collapses `//`, `.` and `..`; drops a trailing `/`.
fn normalize_absolute(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    push_normalized(&mut out, p);
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Appends the segments of `p` to the normalized absolute path in `out` (`""` for the root):
/// empty and `.` segments vanish, `..` removes the last segment (none at the root).
fn push_normalized(out: &mut String, p: &str) {
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                let cut = out.rfind('/').unwrap_or(0);
                out.truncate(cut);
            }
            s => {
                out.push('/');
                out.push_str(s);
            }
        }
    }
}

/// `path.resolve(base, p)` where `base` is absolute.
pub fn resolve(base: &str, p: &str) -> String {
    if p.starts_with('/') {
        return normalize_absolute(p);
    }
    // base + "/" + p, normalized in one pass without building the joined text.
    let mut out = String::with_capacity(base.len() + p.len() + 1);
    push_normalized(&mut out, base);
    push_normalized(&mut out, p);
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// `path.dirname(p)` for an absolute path.
pub fn dirname(p: &str) -> String {
    let trimmed = if p.len() > 1 { p.trim_end_matches('/') } else { p };
    match trimmed.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => trimmed[..i].to_string(),
        None => ".".to_string(),
    }
}

/// `path.relative(from, to)` for absolute paths.
pub fn relative(from: &str, to: &str) -> String {
    let from = normalize_absolute(from);
    let to = normalize_absolute(to);
    let f: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let t: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = f.iter().zip(t.iter()).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; f.len() - common];
    parts.extend_from_slice(&t[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_normalizes() {
        assert_eq!(resolve("/a/b", "../c/./d/"), "/a/c/d");
        assert_eq!(resolve("/a/b", "/x//y/.."), "/x");
        assert_eq!(resolve("/a", ""), "/a");
        assert_eq!(resolve("/", ".."), "/");
        assert_eq!(resolve("/a/b/", "../../../x"), "/x");
        assert_eq!(resolve("//a/./b", "c//d/."), "/a/b/c/d");
        assert_eq!(resolve("/a", "b/../.."), "/");
        assert_eq!(resolve("/", "../.."), "/");
    }

    #[test]
    fn dirname_and_relative() {
        assert_eq!(dirname("/a/b/c.js"), "/a/b");
        assert_eq!(dirname("/a"), "/");
        assert_eq!(relative("/a/b", "/a/c/d"), "../c/d");
        assert_eq!(relative("/a/b", "/a/b"), "");
    }
}
