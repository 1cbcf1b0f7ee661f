//! `node:fs` and `node:fs/promises`. The JavaScript side (`js/fs.js`) validates arguments
//! (paths as strings, Buffers or `file:` URLs), decodes with the requested encoding, and
//! delivers callbacks and promise settlements; the natives here do the file system work and
//! throw Node's errors: `ENOENT: no such file or directory, open '/x'` with `errno`, `code`,
//! `syscall` and `path` (libuv's messages, Linux errno numbers).
//!
//! The asynchronous forms do their work at once and deliver the result through the event loop's
//! poll phase ([`modjs_vm::host::event_loop::IoCompletion`]), after as many loop iterations as
//! Node's chain of thread-pool requests takes (`readFile` is open, fstat, read, close).

use std::io::Read;
use std::os::unix::fs::MetadataExt;

use modjs_vm::native::CallArgs;
use modjs_vm::{attrs, ErrorKind, JsResult, ObjRef, PropertyKey, Value, Vm};

pub fn create(vm: &mut Vm) -> JsResult<ObjRef> {
    let binding = super::new_binding(vm);
    vm.define_method(binding, "readFile", 2, read_file);
    vm.define_method(binding, "readFileUtf8", 1, read_file_utf8);
    vm.define_method(binding, "writeFile", 3, write_file);
    vm.define_method(binding, "exists", 1, exists);
    vm.define_method(binding, "readdir", 1, readdir);
    vm.define_method(binding, "stat", 2, stat);
    vm.define_method(binding, "mkdir", 2, mkdir);
    vm.define_method(binding, "unlink", 1, unlink);
    vm.define_method(binding, "rmdir", 1, rmdir);
    vm.define_method(binding, "rm", 2, rm);
    vm.define_method(binding, "rename", 2, rename);
    vm.define_method(binding, "copyFile", 2, copy_file);
    vm.define_method(binding, "realpath", 1, realpath);
    vm.define_method(binding, "access", 2, access);
    vm.define_method(binding, "queueIo", 2, queue_io);
    super::js::run_js_builtin(vm, "fs", include_str!("js/fs.js"), binding)
}

/// libuv's name and message for an OS error number (Linux numbering).
pub fn uv_error(errno: i32) -> (&'static str, &'static str) {
    match errno {
        1 => ("EPERM", "operation not permitted"),
        2 => ("ENOENT", "no such file or directory"),
        5 => ("EIO", "i/o error"),
        9 => ("EBADF", "bad file descriptor"),
        13 => ("EACCES", "permission denied"),
        16 => ("EBUSY", "resource busy or locked"),
        17 => ("EEXIST", "file already exists"),
        18 => ("EXDEV", "cross-device link not permitted"),
        20 => ("ENOTDIR", "not a directory"),
        21 => ("EISDIR", "illegal operation on a directory"),
        22 => ("EINVAL", "invalid argument"),
        24 => ("EMFILE", "too many open files"),
        28 => ("ENOSPC", "no space left on device"),
        30 => ("EROFS", "read-only file system"),
        36 => ("ENAMETOOLONG", "name too long"),
        39 => ("ENOTEMPTY", "directory not empty"),
        40 => ("ELOOP", "too many symbolic links encountered"),
        _ => ("UNKNOWN", "unknown error"),
    }
}

/// Node's `uvException`: `CODE: message, syscall 'path' -> 'dest'` with `errno` (negative),
/// `code`, `syscall`, `path` and `dest` properties, in that order.
pub fn uv_exception(
    vm: &mut Vm,
    err: &std::io::Error,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
) -> Value {
    let errno = err.raw_os_error().unwrap_or(0);
    let (code, description) = uv_error(errno);
    let mut message = format!("{code}: {description}, {syscall}");
    if let Some(p) = path {
        message.push_str(&format!(" '{p}'"));
    }
    if let Some(d) = dest {
        message.push_str(&format!(" -> '{d}'"));
    }
    let e = vm.new_error(ErrorKind::Error, &message);
    vm.define_value(
        e,
        PropertyKey::from("errno"),
        Value::Number(-(errno as f64)),
        attrs::ALL,
    );
    vm.define_value(e, PropertyKey::from("code"), Value::from(code), attrs::ALL);
    vm.define_value(
        e,
        PropertyKey::from("syscall"),
        Value::from(syscall),
        attrs::ALL,
    );
    if let Some(p) = path {
        vm.define_value(e, PropertyKey::from("path"), Value::from(p), attrs::ALL);
    }
    if let Some(d) = dest {
        vm.define_value(e, PropertyKey::from("dest"), Value::from(d), attrs::ALL);
    }
    Value::Object(e)
}

fn path_arg(vm: &mut Vm, args: &CallArgs, i: usize) -> JsResult<String> {
    Ok(vm.to_string(&args.get(i))?.to_rust_lossy())
}

/// Opens and reads a whole file: an `open` error names the path, a `read` error does not (as
/// Node's, e.g. `EISDIR: illegal operation on a directory, read`).
fn read_all(vm: &mut Vm, path: &str) -> JsResult<Vec<u8>> {
    let mut file =
        std::fs::File::open(path).map_err(|e| uv_exception(vm, &e, "open", Some(path), None))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| uv_exception(vm, &e, "read", None, None))?;
    Ok(bytes)
}

/// `readFile(path, bufferPrototype)`: the bytes, as a Buffer.
fn read_file(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    let bytes = read_all(vm, &path)?;
    let proto = match args.get(1) {
        Value::Object(p) => Some(p),
        _ => None,
    };
    Ok(Value::Object(super::buffer::new_bytes(vm, proto, bytes)))
}

/// `readFileUtf8(path)`: the text, invalid UTF-8 replaced by U+FFFD.
fn read_file_utf8(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    let bytes = read_all(vm, &path)?;
    Ok(Value::from(String::from_utf8_lossy(&bytes).as_ref()))
}

/// `writeFile(path, data, append)`: `data` is a string (written as UTF-8), a Buffer or an array
/// of bytes.
fn write_file(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    let bytes = match args.get(1) {
        Value::String(s) => s.to_rust_lossy().into_bytes(),
        other if super::buffer::bytes_of(vm, &other).is_some() => {
            super::buffer::bytes_of(vm, &other).unwrap_or_default()
        }
        other => {
            let list = vm.create_list_from_array_like(&other)?;
            let mut bytes = Vec::with_capacity(list.len());
            for v in list {
                bytes.push(vm.to_number(&v)? as i64 as u8);
            }
            bytes
        }
    };
    let append = vm.to_boolean(&args.get(2));
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(&path)
        .map_err(|e| uv_exception(vm, &e, "open", Some(&path), None))?;
    let mut file = result;
    std::io::Write::write_all(&mut file, &bytes)
        .map_err(|e| uv_exception(vm, &e, "write", None, None))?;
    Ok(Value::Undefined)
}

fn exists(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    Ok(Value::Bool(std::fs::metadata(&path).is_ok()))
}

/// `readdir(path)`: the entry names in the order the directory lists them (as Node's scandir),
/// each as `[name, kind]` where kind is 1 file, 2 directory, 3 symbolic link, 0 other.
fn readdir(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    let entries =
        std::fs::read_dir(&path).map_err(|e| uv_exception(vm, &e, "scandir", Some(&path), None))?;
    let mut list = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| uv_exception(vm, &e, "scandir", Some(&path), None))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = match entry.file_type() {
            Ok(t) if t.is_symlink() => 3.0,
            Ok(t) if t.is_dir() => 2.0,
            Ok(t) if t.is_file() => 1.0,
            _ => 0.0,
        };
        let pair = vm.create_array_from_list(vec![Value::from(name.as_str()), Value::Number(kind)]);
        list.push(Value::Object(pair));
    }
    Ok(Value::Object(vm.create_array_from_list(list)))
}

fn time_ms(secs: i64, nsecs: i64) -> f64 {
    secs as f64 * 1000.0 + nsecs as f64 / 1_000_000.0
}

/// `stat(path, followLinks)`: `[dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
/// atimeMs, mtimeMs, ctimeMs, birthtimeMs]` (`lstat` when `followLinks` is false).
fn stat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    let follow = vm.to_boolean(&args.get(1));
    let (result, syscall) = if follow {
        (std::fs::metadata(&path), "stat")
    } else {
        (std::fs::symlink_metadata(&path), "lstat")
    };
    let m = result.map_err(|e| uv_exception(vm, &e, syscall, Some(&path), None))?;
    let birth = m
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let fields = [
        m.dev() as f64,
        m.mode() as f64,
        m.nlink() as f64,
        m.uid() as f64,
        m.gid() as f64,
        m.rdev() as f64,
        m.blksize() as f64,
        m.ino() as f64,
        m.size() as f64,
        m.blocks() as f64,
        time_ms(m.atime(), m.atime_nsec()),
        time_ms(m.mtime(), m.mtime_nsec()),
        time_ms(m.ctime(), m.ctime_nsec()),
        birth,
    ];
    let list = fields.iter().map(|&n| Value::Number(n)).collect();
    Ok(Value::Object(vm.create_array_from_list(list)))
}

/// `mkdir(path, recursive)`: with `recursive`, the first directory created (or undefined).
fn mkdir(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    if vm.to_boolean(&args.get(1)) {
        // The first missing ancestor is what Node returns.
        let mut first = None;
        let mut p = std::path::Path::new(&path).to_path_buf();
        loop {
            if p.exists() {
                break;
            }
            first = Some(p.clone());
            if !p.pop() || p.as_os_str().is_empty() {
                break;
            }
        }
        std::fs::create_dir_all(&path)
            .map_err(|e| uv_exception(vm, &e, "mkdir", Some(&path), None))?;
        let absolute = first.map(|f| {
            if f.is_absolute() {
                f
            } else {
                std::env::current_dir().map(|d| d.join(&f)).unwrap_or(f)
            }
        });
        return Ok(absolute.map_or(Value::Undefined, |f| {
            Value::from(f.to_string_lossy().as_ref())
        }));
    }
    std::fs::create_dir(&path).map_err(|e| uv_exception(vm, &e, "mkdir", Some(&path), None))?;
    Ok(Value::Undefined)
}

fn unlink(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    std::fs::remove_file(&path).map_err(|e| uv_exception(vm, &e, "unlink", Some(&path), None))?;
    Ok(Value::Undefined)
}

fn rmdir(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    std::fs::remove_dir(&path).map_err(|e| uv_exception(vm, &e, "rmdir", Some(&path), None))?;
    Ok(Value::Undefined)
}

/// `rm(path, [recursive, force])`.
fn rm(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    let recursive = vm.to_boolean(&args.get(1));
    let force = vm.to_boolean(&args.get(2));
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if force && e.kind() == std::io::ErrorKind::NotFound => return Ok(Value::Undefined),
        Err(e) => return Err(uv_exception(vm, &e, "lstat", Some(&path), None)),
    };
    let result = if meta.is_dir() {
        if !recursive {
            let message =
                format!("Path is a directory: rm returned EISDIR (is a directory) {path}");
            let e = super::error_from_parts(vm, "Error", Some("ERR_FS_EISDIR"), &message);
            return Err(e);
        }
        std::fs::remove_dir_all(&path)
    } else {
        std::fs::remove_file(&path)
    };
    result.map_err(|e| uv_exception(vm, &e, "rm", Some(&path), None))?;
    Ok(Value::Undefined)
}

fn rename(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let from = path_arg(vm, args, 0)?;
    let to = path_arg(vm, args, 1)?;
    std::fs::rename(&from, &to)
        .map_err(|e| uv_exception(vm, &e, "rename", Some(&from), Some(&to)))?;
    Ok(Value::Undefined)
}

fn copy_file(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let from = path_arg(vm, args, 0)?;
    let to = path_arg(vm, args, 1)?;
    std::fs::copy(&from, &to)
        .map_err(|e| uv_exception(vm, &e, "copyfile", Some(&from), Some(&to)))?;
    Ok(Value::Undefined)
}

fn realpath(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    let real = std::fs::canonicalize(&path)
        .map_err(|e| uv_exception(vm, &e, "realpath", Some(&path), None))?;
    Ok(Value::from(real.to_string_lossy().as_ref()))
}

/// `access(path, mode)`: existence (F_OK), then the permission bits of the owner/group/other
/// class the process falls in.
fn access(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let path = path_arg(vm, args, 0)?;
    let mode = vm.to_number(&args.get(1))? as u32 & 7;
    let m =
        std::fs::metadata(&path).map_err(|e| uv_exception(vm, &e, "access", Some(&path), None))?;
    if mode != 0 {
        let perms = m.mode();
        // Without libc, the owner bits are checked (the usual case of a user's own files).
        let granted = (perms >> 6) & 7;
        if granted & mode != mode {
            let e = std::io::Error::from_raw_os_error(13);
            return Err(uv_exception(vm, &e, "access", Some(&path), None));
        }
    }
    Ok(Value::Undefined)
}

/// `queueIo(steps, callback, ...args)`: calls `callback(...args)` from a later poll phase.
fn queue_io(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let steps = vm.to_number(&args.get(0))?.clamp(1.0, 64.0) as u32;
    let callback = args.get(1);
    vm.event_loop
        .queue_io(steps, callback, args.rest(2).to_vec());
    Ok(Value::Undefined)
}
