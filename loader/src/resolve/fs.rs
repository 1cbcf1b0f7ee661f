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

/// The bytes of a regular file and its metadata, taken from the open file before it is read
/// (`None` when it does not exist or is not a regular file). Four system calls: open, fstat,
/// one read of the length fstat gave, close (a separate stat beforehand and `std::fs::read`'s
/// probe for the end would be two more). The file is opened non-blocking, so a FIFO in its
/// place is refused at the fstat instead of waiting for a writer.
pub fn read_regular_file(path: &str) -> Option<(Vec<u8>, std::fs::Metadata)> {
    use std::io::Read;
    if path.is_empty() || path.contains('\0') {
        return None;
    }
    let mut file = open_without_waiting(path)?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let len = usize::try_from(meta.len()).ok()?;
    let mut bytes = vec![0; len];
    // A file that shrank since: what there is (one that grew: the length fstat saw).
    let mut filled = 0;
    while filled < len {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    bytes.truncate(filled);
    Some((bytes, meta))
}

/// Opens `path` for reading; a FIFO does not wait for a writer.
#[cfg(target_os = "linux")]
fn open_without_waiting(path: &str) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    /// `O_NONBLOCK` from <fcntl.h> on Linux.
    const O_NONBLOCK: i32 = 0o4000;
    std::fs::OpenOptions::new().read(true).custom_flags(O_NONBLOCK).open(Path::new(path)).ok()
}

/// Opens `path` for reading when it is a regular file (elsewhere the flag's value differs: the
/// file is stat-ed first instead).
#[cfg(not(target_os = "linux"))]
fn open_without_waiting(path: &str) -> Option<std::fs::File> {
    if stat(path) != Stat::File {
        return None;
    }
    std::fs::File::open(Path::new(path)).ok()
}

/// Reads a file as UTF-8 text (`None` when it does not exist or is not a file).
pub fn read_text(path: &str) -> Option<String> {
    let (bytes, _) = read_regular_file(path)?;
    // Valid UTF-8 (the usual case) becomes the string without a copy.
    Some(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
