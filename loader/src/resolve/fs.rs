//! The file-system questions resolution asks: "is this a file, a directory, or nothing?" and
//! "what is its real path?".

use std::path::Path;

/// What a path names (Node's `internalModuleStat`: 0 file, 1 directory, negative otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stat {
    File,
    Dir,
    Missing,
}

/// Stats `path`, following symlinks. Paths with NUL bytes or that cannot be read are `Missing`.
pub fn stat(path: &str) -> Stat {
    if path.is_empty() || path.contains('\0') {
        return Stat::Missing;
    }
    match std::fs::metadata(Path::new(path)) {
        Ok(m) if m.is_dir() => Stat::Dir,
        Ok(m) if m.is_file() => Stat::File,
        _ => Stat::Missing,
    }
}

/// True when `path` is a regular file (Node's `fileExists`).
pub fn is_file(path: &str) -> bool {
    stat(path) == Stat::File
}

/// `fs.realpathSync(path)`; falls back to the path itself when it cannot be resolved.
pub fn realpath(path: &str) -> String {
    match std::fs::canonicalize(Path::new(path)) {
        Ok(p) => p.to_str().map(|s| s.to_string()).unwrap_or_else(|| path.to_string()),
        Err(_) => path.to_string(),
    }
}

/// Reads a file as UTF-8 text (`None` when it does not exist or is not a file).
pub fn read_text(path: &str) -> Option<String> {
    if stat(path) != Stat::File {
        return None;
    }
    let bytes = std::fs::read(Path::new(path)).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}
