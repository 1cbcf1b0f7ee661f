(function (binding, require) {
  'use strict';
  // node:fs: argument handling, encodings, Stats, callbacks and promises over the Rust natives.

  const { Buffer } = require('buffer');
  const constants = {
    UV_FS_SYMLINK_DIR: 1,
    UV_FS_SYMLINK_JUNCTION: 2,
    O_RDONLY: 0,
    O_WRONLY: 1,
    O_RDWR: 2,
    S_IFMT: 61440,
    S_IFREG: 32768,
    S_IFDIR: 16384,
    S_IFCHR: 8192,
    S_IFBLK: 24576,
    S_IFIFO: 4096,
    S_IFLNK: 40960,
    S_IFSOCK: 49152,
    F_OK: 0,
    R_OK: 4,
    W_OK: 2,
    X_OK: 1,
    COPYFILE_EXCL: 1,
  };

  // How many thread-pool round trips Node's asynchronous forms take (see fs.rs).
  const STEPS = { readFile: 4, writeFile: 3, appendFile: 3, failedOpen: 1, single: 1 };

  function isURL(self) {
    return Boolean(self != null && self.href && self.protocol && self.auth === undefined && self.path === undefined);
  }

  function getValidatedPath(path, name = 'path') {
    if (isURL(path)) {
      path = require('url').fileURLToPath(path);
    } else if (Buffer.isBuffer(path)) {
      path = path.toString();
    }
    if (typeof path !== 'string') throw binding.invalidArgType(name, 'string or an instance of Buffer or URL', path);
    if (path.includes('\u0000')) {
      const shown = require('util').inspect(path);
      throw binding.nodeError(
        'TypeError',
        'ERR_INVALID_ARG_VALUE',
        `The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${shown}`,
      );
    }
    return path;
  }

  function encodingOf(options, fallback) {
    if (options === undefined || options === null || typeof options === 'function') return fallback;
    if (typeof options === 'string') return options;
    if (typeof options === 'object' && options.encoding !== undefined && options.encoding !== null) return options.encoding;
    return fallback;
  }

  function checkEncoding(encoding) {
    if (encoding === 'buffer' || encoding === undefined || encoding === null) return;
    if (!Buffer.isEncoding(encoding)) {
      throw binding.nodeError(
        'TypeError',
        'ERR_INVALID_ARG_VALUE',
        `The argument 'encoding' is invalid encoding. Received ${require('util').inspect(encoding)}`,
      );
    }
  }

  function validateCallback(cb) {
    if (typeof cb !== 'function') throw binding.invalidArgType('cb', 'function', cb);
    return cb;
  }


  function readFileSync(path, options) {
    path = getValidatedPath(path);
    const encoding = encodingOf(options, undefined);
    checkEncoding(encoding);
    if (encoding === 'utf8' || encoding === 'utf-8') return binding.readFileUtf8(path);
    const buffer = binding.readFile(path, Buffer.prototype);
    if (encoding === undefined || encoding === null || encoding === 'buffer') return buffer;
    return buffer.toString(encoding);
  }

  function dataBytes(data, encoding) {
    if (typeof data === 'string') {
      return encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? Array.from(Buffer.from(data, encoding)) : data;
    }
    if (Buffer.isBuffer(data)) return data;
    if (data !== null && typeof data === 'object' && typeof data.length === 'number') return Array.from(data);
    throw binding.invalidArgType('data', 'string or an instance of Buffer, TypedArray, or DataView', data);
  }

  function writeFileSync(path, data, options) {
    path = getValidatedPath(path, 'file');
    const flag = options && typeof options === 'object' ? options.flag : undefined;
    binding.writeFile(path, dataBytes(data, encodingOf(options, 'utf8')), flag === 'a');
  }

  function appendFileSync(path, data, options) {
    path = getValidatedPath(path, 'path');
    binding.writeFile(path, dataBytes(data, encodingOf(options, 'utf8')), true);
  }

  function existsSync(path) {
    try {
      path = getValidatedPath(path);
    } catch {
      return false;
    }
    return binding.exists(path);
  }

  class Dirent {
    constructor(name, kind, path) {
      this.name = name;
      this.parentPath = path;
      this.path = path;
      this[kType] = kind;
    }
    isFile() {
      return this[kType] === 1;
    }
    isDirectory() {
      return this[kType] === 2;
    }
    isSymbolicLink() {
      return this[kType] === 3;
    }
    isFIFO() {
      return false;
    }
    isSocket() {
      return false;
    }
    isBlockDevice() {
      return false;
    }
    isCharacterDevice() {
      return false;
    }
  }
  const kType = Symbol('type');

  function readdirSync(path, options) {
    path = getValidatedPath(path);
    const withFileTypes = options !== null && typeof options === 'object' && Boolean(options.withFileTypes);
    const entries = binding.readdir(path);
    if (withFileTypes) return entries.map(([name, kind]) => new Dirent(name, kind, path));
    const encoding = encodingOf(options, 'utf8');
    if (encoding === 'buffer') return entries.map(([name]) => Buffer.from(name));
    return entries.map(([name]) => name);
  }

  function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
    this.dev = dev;
    this.mode = mode;
    this.nlink = nlink;
    this.uid = uid;
    this.gid = gid;
    this.rdev = rdev;
    this.blksize = blksize;
    this.ino = ino;
    this.size = size;
    this.blocks = blocks;
    this.atimeMs = atimeMs;
    this.mtimeMs = mtimeMs;
    this.ctimeMs = ctimeMs;
    this.birthtimeMs = birthtimeMs;
    // As Node's dateFromMs: the Date fields hold the times rounded to whole milliseconds.
    this.atime = new Date(Math.round(atimeMs));
    this.mtime = new Date(Math.round(mtimeMs));
    this.ctime = new Date(Math.round(ctimeMs));
    this.birthtime = new Date(Math.round(birthtimeMs));
  }
  const isType = (mode, type) => (mode & constants.S_IFMT) === type;
  Stats.prototype.isFile = function isFile() {
    return isType(this.mode, constants.S_IFREG);
  };
  Stats.prototype.isDirectory = function isDirectory() {
    return isType(this.mode, constants.S_IFDIR);
  };
  Stats.prototype.isSymbolicLink = function isSymbolicLink() {
    return isType(this.mode, constants.S_IFLNK);
  };
  Stats.prototype.isFIFO = function isFIFO() {
    return isType(this.mode, constants.S_IFIFO);
  };
  Stats.prototype.isSocket = function isSocket() {
    return isType(this.mode, constants.S_IFSOCK);
  };
  Stats.prototype.isBlockDevice = function isBlockDevice() {
    return isType(this.mode, constants.S_IFBLK);
  };
  Stats.prototype.isCharacterDevice = function isCharacterDevice() {
    return isType(this.mode, constants.S_IFCHR);
  };

  function statWith(path, options, follow) {
    path = getValidatedPath(path);
    try {
      return new Stats(...binding.stat(path, follow));
    } catch (err) {
      if (options && options.throwIfNoEntry === false && err && err.code === 'ENOENT') return undefined;
      throw err;
    }
  }

  function statSync(path, options) {
    return statWith(path, options, true);
  }

  function lstatSync(path, options) {
    return statWith(path, options, false);
  }

  function mkdirSync(path, options) {
    path = getValidatedPath(path);
    const recursive = options !== null && typeof options === 'object' && Boolean(options.recursive);
    return binding.mkdir(path, recursive);
  }

  function rmSync(path, options) {
    path = getValidatedPath(path);
    const o = options || {};
    binding.rm(path, Boolean(o.recursive), Boolean(o.force));
  }

  function rmdirSync(path) {
    binding.rmdir(getValidatedPath(path));
  }

  function unlinkSync(path) {
    binding.unlink(getValidatedPath(path));
  }

  function renameSync(oldPath, newPath) {
    binding.rename(getValidatedPath(oldPath, 'oldPath'), getValidatedPath(newPath, 'newPath'));
  }

  function copyFileSync(src, dest) {
    binding.copyFile(getValidatedPath(src, 'src'), getValidatedPath(dest, 'dest'));
  }

  function realpathSync(path, options) {
    const real = binding.realpath(getValidatedPath(path));
    return encodingOf(options, 'utf8') === 'buffer' ? Buffer.from(real) : real;
  }

  function accessSync(path, mode = constants.F_OK) {
    binding.access(getValidatedPath(path), mode);
  }

  // The callback form of a synchronous function: arguments are validated at once (throwing),
  // the work is done at once, and the callback gets `(err)` or `(null, result)` from a later
  // poll phase.
  function callbackForm(name, sync, steps, hasResult = true) {
    const fn = {
      [name](...args) {
        const cb = validateCallback(args.pop());
        let result;
        try {
          result = sync(...args);
        } catch (err) {
          if (err && typeof err.syscall === 'string') {
            binding.queueIo(err.syscall === 'open' ? STEPS.failedOpen : steps, cb, err);
            return;
          }
          throw err;
        }
        if (hasResult) binding.queueIo(steps, cb, null, result);
        else binding.queueIo(steps, cb, null);
      },
    }[name];
    return fn;
  }

  // The promise form: argument errors reject too, as in fs/promises.
  function promiseForm(name, sync, steps) {
    return {
      [name](...args) {
        return new Promise((resolve, reject) => {
          let result;
          try {
            result = sync(...args);
          } catch (err) {
            if (err && typeof err.syscall === 'string') {
              binding.queueIo(err.syscall === 'open' ? STEPS.failedOpen : steps, reject, err);
            } else {
              reject(err);
            }
            return;
          }
          binding.queueIo(steps, resolve, result);
        });
      },
    }[name];
  }

  function exists(path, callback) {
    validateCallback(callback);
    const result = existsSync(path);
    binding.queueIo(STEPS.single, callback, result);
  }

  const syncForms = {
    readFile: [readFileSync, STEPS.readFile, true],
    writeFile: [writeFileSync, STEPS.writeFile, false],
    appendFile: [appendFileSync, STEPS.appendFile, false],
    readdir: [readdirSync, STEPS.single, true],
    stat: [statSync, STEPS.single, true],
    lstat: [lstatSync, STEPS.single, true],
    mkdir: [mkdirSync, STEPS.single, true],
    rm: [rmSync, STEPS.single, false],
    rmdir: [rmdirSync, STEPS.single, false],
    unlink: [unlinkSync, STEPS.single, false],
    rename: [renameSync, STEPS.single, false],
    copyFile: [copyFileSync, STEPS.single, false],
    realpath: [realpathSync, STEPS.single, true],
    access: [accessSync, STEPS.single, false],
  };

  const promises = {};
  const callbacks = {};
  for (const name of Object.keys(syncForms)) {
    const [sync, steps, hasResult] = syncForms[name];
    callbacks[name] = callbackForm(name, sync, steps, hasResult);
    promises[name] = promiseForm(name, sync, steps);
  }
  promises.constants = constants;

  const fs = {
    appendFile: callbacks.appendFile,
    appendFileSync,
    access: callbacks.access,
    accessSync,
    copyFile: callbacks.copyFile,
    copyFileSync,
    exists,
    existsSync,
    lstat: callbacks.lstat,
    lstatSync,
    mkdir: callbacks.mkdir,
    mkdirSync,
    readdir: callbacks.readdir,
    readdirSync,
    readFile: callbacks.readFile,
    readFileSync,
    realpath: callbacks.realpath,
    realpathSync,
    rename: callbacks.rename,
    renameSync,
    rm: callbacks.rm,
    rmSync,
    rmdir: callbacks.rmdir,
    rmdirSync,
    stat: callbacks.stat,
    statSync,
    unlink: callbacks.unlink,
    unlinkSync,
    writeFile: callbacks.writeFile,
    writeFileSync,
    Dirent,
    Stats,
    F_OK: constants.F_OK,
    R_OK: constants.R_OK,
    W_OK: constants.W_OK,
    X_OK: constants.X_OK,
    constants,
  };
  Object.defineProperty(fs, 'promises', { value: promises, enumerable: true, configurable: true, writable: false });
  return fs;
})
