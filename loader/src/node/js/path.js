(function (binding, require) {
  'use strict';
  // Node's POSIX path functions (lib/path.js, posix flavour).

  function validateString(value, name) {
    if (typeof value !== 'string') throw binding.invalidArgType(name, 'string', value);
  }

  // Resolves '.' and '..' segments of `path` (which has no leading '/'); with
  // `allowAboveRoot`, leading '..' segments are kept.
  function normalizeString(path, allowAboveRoot) {
    const out = [];
    for (const segment of path.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (out.length > 0 && out[out.length - 1] !== '..') {
          out.pop();
        } else if (allowAboveRoot) {
          out.push('..');
        }
        continue;
      }
      out.push(segment);
    }
    return out.join('/');
  }

  function resolve(...args) {
    let resolvedPath = '';
    let resolvedAbsolute = false;
    for (let i = args.length - 1; i >= -1 && !resolvedAbsolute; i--) {
      const path = i >= 0 ? args[i] : process.cwd();
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
      resolvedPath = `${path}/${resolvedPath}`;
      resolvedAbsolute = path[0] === '/';
    }
    resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute);
    if (resolvedAbsolute) return `/${resolvedPath}`;
    return resolvedPath.length > 0 ? resolvedPath : '.';
  }

  function normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const isAbsolute = path[0] === '/';
    const trailingSeparator = path[path.length - 1] === '/';
    path = normalizeString(path, !isAbsolute);
    if (path.length === 0) {
      if (isAbsolute) return '/';
      return trailingSeparator ? './' : '.';
    }
    if (trailingSeparator) path += '/';
    return isAbsolute ? `/${path}` : path;
  }

  function isAbsolute(path) {
    validateString(path, 'path');
    return path.length > 0 && path[0] === '/';
  }

  function join(...args) {
    if (args.length === 0) return '.';
    let joined;
    for (let i = 0; i < args.length; ++i) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) joined = joined === undefined ? arg : `${joined}/${arg}`;
    }
    if (joined === undefined) return '.';
    return normalize(joined);
  }

  function relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    from = resolve(from);
    to = resolve(to);
    if (from === to) return '';
    const fromParts = from === '/' ? [] : from.slice(1).split('/');
    const toParts = to === '/' ? [] : to.slice(1).split('/');
    let common = 0;
    while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
    const up = fromParts.slice(common).map(() => '..');
    return up.concat(toParts.slice(common)).join('/');
  }

  function toNamespacedPath(path) {
    return path;
  }

  function dirname(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const hasRoot = path[0] === '/';
    let end = -1;
    let matchedSlash = true;
    for (let i = path.length - 1; i >= 1; --i) {
      if (path[i] === '/') {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) return hasRoot ? '/' : '.';
    if (hasRoot && end === 1) return '//';
    return path.slice(0, end);
  }

  function basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'ext');
    validateString(path, 'path');
    let end = path.length;
    while (end > 0 && path[end - 1] === '/') end--;
    if (end === 0) return '';
    let start = path.lastIndexOf('/', end - 1) + 1;
    let base = path.slice(start, end);
    if (suffix !== undefined && suffix.length > 0 && base.endsWith(suffix)) {
      base = base.slice(0, base.length - suffix.length);
    }
    return base;
  }

  function extname(path) {
    validateString(path, 'path');
    const base = basename(path);
    const dot = base.lastIndexOf('.');
    // No dot, only a leading one ('.profile'), or '..': no extension.
    if (dot <= 0 || base === '..') return '';
    return base.slice(dot);
  }

  function formatExt(ext) {
    return ext ? `${ext[0] === '.' ? '' : '.'}${ext}` : '';
  }

  function format(pathObject) {
    if (pathObject === null || typeof pathObject !== 'object') {
      throw binding.invalidArgType('pathObject', 'object', pathObject);
    }
    const dir = pathObject.dir || pathObject.root;
    const base = pathObject.base || `${pathObject.name || ''}${formatExt(pathObject.ext)}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}/${base}`;
  }

  function parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return ret;
    const isAbsolute = path[0] === '/';
    if (isAbsolute) ret.root = '/';
    let end = path.length;
    while (end > 1 && path[end - 1] === '/') end--;
    const trimmed = path.slice(0, end);
    if (trimmed === '/') {
      ret.dir = '/';
      return ret;
    }
    const slash = trimmed.lastIndexOf('/');
    const base = trimmed.slice(slash + 1);
    ret.base = base;
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || base === '..') {
      ret.name = base;
    } else {
      ret.name = base.slice(0, dot);
      ret.ext = base.slice(dot);
    }
    if (slash > 0) ret.dir = trimmed.slice(0, slash);
    else if (isAbsolute) ret.dir = '/';
    return ret;
  }

  function matchesGlob() {
    throw binding.nodeError('Error', 'ERR_METHOD_NOT_IMPLEMENTED', 'The matchesGlob() method is not implemented');
  }

  const posix = {
    resolve,
    normalize,
    isAbsolute,
    join,
    relative,
    toNamespacedPath,
    dirname,
    basename,
    extname,
    format,
    parse,
    matchesGlob,
    sep: '/',
    delimiter: ':',
    win32: null,
    posix: null,
    _makeLong: toNamespacedPath,
  };
  posix.posix = posix;
  return posix;
})
