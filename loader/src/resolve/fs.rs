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
///
/// Like Node's loaders (which pass a `realpathCache` for the whole run), the real path of each
/// folder is looked up once: a file's real path is its folder's, plus its name when the file
/// itself is not a link.
pub fn realpath(path: &str) -> String {
    if let Some((dir, name)) = path.rsplit_once('/') {
        if !dir.is_empty() && !name.is_empty() && name != "." && name != ".." {
            if let Ok(meta) = std::fs::symlink_metadata(Path::new(path)) {
                if !meta.file_type().is_symlink() {
                    if let Some(real_dir) = cached_dir_realpath(dir) {
                        return format!("{real_dir}/{name}");
                    }
                }
            }
        }
    }
    canonicalize(path).unwrap_or_else(|| path.to_string())
}

fn canonicalize(path: &str) -> Option<String> {
    std::fs::canonicalize(Path::new(path)).ok().and_then(|p| p.to_str().map(|s| s.to_string()))
}

thread_local! {
    /// Real paths of folders, by the path they were asked for.
    static DIR_REALPATHS: std::cell::RefCell<crate::fast_hash::FastHashMap<String, String>> =
        std::cell::RefCell::new(Default::default());
}

fn cached_dir_realpath(dir: &str) -> Option<String> {
    if let Some(hit) = DIR_REALPATHS.with(|c| c.borrow().get(dir).cloned()) {
        return Some(hit);
    }
    let real = canonicalize(dir)?;
    DIR_REALPATHS.with(|c| c.borrow_mut().insert(dir.to_string(), real.clone()));
    Some(real)
}

/// Reads a file as UTF-8 text (`None` when it does not exist or is not a file).
pub fn read_text(path: &str) -> Option<String> {
    if stat(path) != Stat::File {
        return None;
    }
    let bytes = std::fs::read(Path::new(path)).ok()?;
    // Valid UTF-8 (the usual case) becomes the string without a copy.
    Some(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
