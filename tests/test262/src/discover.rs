//! Finding the test files under the requested paths.

use std::path::Path;

/// Whether a file is a test: a `.js` file that is not a `_FIXTURE` (fixtures are modules and
/// data that tests import, not tests).
pub fn is_test_file(name: &str) -> bool {
    name.ends_with(".js") && !name.contains("_FIXTURE")
}

/// Normalises a user-given path to the `/`-separated form used in test ids: relative to `root`,
/// no `./`, no trailing `/`. Absolute paths inside `root` are accepted.
pub fn relative_id(root: &Path, path: &Path) -> Result<String, String> {
    let relative = if path.is_absolute() {
        let canonical_root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
        let canonical = path.canonicalize().map_err(|e| format!("{}: {e}", path.display()))?;
        canonical
            .strip_prefix(&canonical_root)
            .map_err(|_| format!("{} is not inside {}", path.display(), root.display()))?
            .to_path_buf()
    } else {
        path.to_path_buf()
    };
    let parts: Vec<String> = relative
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok(parts.join("/"))
}

/// Every test file at or under `relative` (a file or a directory inside `root`), in sorted
/// order, as ids relative to `root`.
pub fn collect_tests(root: &Path, relative: &str, out: &mut Vec<String>) -> Result<(), String> {
    let full = root.join(relative);
    let metadata = std::fs::metadata(&full).map_err(|e| format!("{}: {e}", full.display()))?;
    if metadata.is_dir() {
        walk(&full, relative, out)
    } else {
        if is_test_file(relative.rsplit('/').next().unwrap_or(relative)) {
            out.push(relative.to_string());
        }
        Ok(())
    }
}

fn walk(dir: &Path, relative: &str, out: &mut Vec<String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut children: Vec<(String, bool)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Follows symlinks, so a linked directory is walked like a real one.
        let is_dir = std::fs::metadata(entry.path()).map(|m| m.is_dir()).unwrap_or(false);
        children.push((name, is_dir));
    }
    children.sort();
    for (name, is_dir) in children {
        let child = if relative.is_empty() { name.clone() } else { format!("{relative}/{name}") };
        if is_dir {
            walk(&dir.join(&name), &child, out)?;
        } else if is_test_file(&name) {
            out.push(child);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_and_other_files_are_not_tests() {
        assert!(is_test_file("S15.3.2.1_A3_T13.js"));
        assert!(!is_test_file("instn-iee-bndng-cls_FIXTURE.js"));
        assert!(!is_test_file("json-value-array_FIXTURE.json"));
        assert!(!is_test_file("text-string_FIXTURE"));
        assert!(!is_test_file("syntax-error"));
    }

    #[test]
    fn user_paths_become_ids() {
        let root = Path::new("/nonexistent/test262");
        assert_eq!(relative_id(root, Path::new("./test/language/")).unwrap(), "test/language");
        assert_eq!(relative_id(root, Path::new("test/built-ins/Array")).unwrap(), "test/built-ins/Array");
    }
}
