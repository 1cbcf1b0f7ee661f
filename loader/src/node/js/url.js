(function (binding, require) {
  'use strict';
  // node:url: the WHATWG URL class (parsed by the loader's URL parser, in Rust), a small
  // URLSearchParams, and Node's fileURLToPath / pathToFileURL.

  const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
  const HREF = 0, PROTOCOL = 1, USERNAME = 2, PASSWORD = 3, HOSTNAME = 4, PORT = 5, PATHNAME = 6, SEARCH = 7, HASH = 8;

  function invalidUrl(input, base) {
    const err = new TypeError('Invalid URL');
    err.code = 'ERR_INVALID_URL';
    err.input = input;
    if (base !== undefined) err.base = base;
    return err;
  }

  function missingArgs(name) {
    return binding.nodeError('TypeError', 'ERR_MISSING_ARGS', `The "${name}" argument must be specified`);
  }

  function parseOrThrow(input, base) {
    const parts = binding.parse(input, base);
    if (parts === null) throw invalidUrl(input, base);
    return parts;
  }

  class URL {
    #context;
    #searchParams;
    constructor(input, base = undefined) {
      if (arguments.length === 0) throw missingArgs('url');
      input = `${input}`;
      if (base !== undefined) base = `${base}`;
      this.#context = parseOrThrow(input, base);
    }
    #update(href) {
      this.#context = parseOrThrow(href, undefined);
      if (this.#searchParams !== undefined) this.#searchParams[kReset](this.#context[SEARCH]);
    }
    get href() {
      return this.#context[HREF];
    }
    set href(value) {
      this.#update(`${value}`);
    }
    get origin() {
      const c = this.#context;
      switch (c[PROTOCOL]) {
        case 'http:':
        case 'https:':
        case 'ws:':
        case 'wss:':
        case 'ftp:':
          return `${c[PROTOCOL]}//${this.host}`;
        case 'blob:':
          try {
            const inner = new URL(c[PATHNAME]);
            if (inner.protocol === 'http:' || inner.protocol === 'https:') return inner.origin;
          } catch {}
          return 'null';
        default:
          return 'null';
      }
    }
    get protocol() {
      return this.#context[PROTOCOL];
    }
    get username() {
      return this.#context[USERNAME];
    }
    get password() {
      return this.#context[PASSWORD];
    }
    get host() {
      const c = this.#context;
      return c[PORT] === '' ? c[HOSTNAME] : `${c[HOSTNAME]}:${c[PORT]}`;
    }
    get hostname() {
      return this.#context[HOSTNAME];
    }
    get port() {
      return this.#context[PORT];
    }
    get pathname() {
      return this.#context[PATHNAME];
    }
    set pathname(value) {
      const c = this.#context;
      const rest = this.href.slice(this.href.indexOf(c[PATHNAME], c[PROTOCOL].length) + c[PATHNAME].length);
      const prefix = this.href.slice(0, this.href.length - rest.length - c[PATHNAME].length);
      let path = `${value}`;
      if (path[0] !== '/' && c[HOSTNAME] !== '') path = `/${path}`;
      this.#update(prefix + path + rest);
    }
    get search() {
      return this.#context[SEARCH];
    }
    set search(value) {
      let q = `${value}`;
      if (q !== '' && q[0] !== '?') q = `?${q}`;
      const href = this.href;
      const hashAt = href.indexOf('#');
      const noHash = hashAt < 0 ? href : href.slice(0, hashAt);
      const hash = hashAt < 0 ? '' : href.slice(hashAt);
      const queryAt = noHash.indexOf('?');
      const base = queryAt < 0 ? noHash : noHash.slice(0, queryAt);
      this.#update(base + (q === '?' ? '' : q) + hash);
    }
    get searchParams() {
      if (this.#searchParams === undefined) {
        this.#searchParams = new URLSearchParams(this.#context[SEARCH]);
        this.#searchParams[kOwner]((serialized) => {
          this.search = serialized;
        });
      }
      return this.#searchParams;
    }
    get hash() {
      return this.#context[HASH];
    }
    set hash(value) {
      let h = `${value}`;
      if (h !== '' && h[0] !== '#') h = `#${h}`;
      const href = this.href;
      const hashAt = href.indexOf('#');
      this.#update((hashAt < 0 ? href : href.slice(0, hashAt)) + h);
    }
    toString() {
      return this.#context[HREF];
    }
    toJSON() {
      return this.#context[HREF];
    }
    static canParse(input, base = undefined) {
      if (arguments.length === 0) throw missingArgs('url');
      return binding.parse(`${input}`, base === undefined ? undefined : `${base}`) !== null;
    }
    [inspectCustom](depth, opts) {
      if (typeof depth === 'number' && depth < 0) return this;
      const obj = {
        href: this.href,
        origin: this.origin,
        protocol: this.protocol,
        username: this.username,
        password: this.password,
        host: this.host,
        hostname: this.hostname,
        port: this.port,
        pathname: this.pathname,
        search: this.search,
        searchParams: this.searchParams,
        hash: this.hash,
      };
      return `${this.constructor.name} ${require('util').inspect(obj, opts)}`;
    }
  }

  const kOwner = Symbol('context');
  const kReset = Symbol('reset');

  function formDecode(s) {
    const bytes = [];
    const text = s.replace(/\+/g, ' ');
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
        continue;
      }
      if (bytes.length) {
        out += require('buffer').Buffer.from(bytes).toString();
        bytes.length = 0;
      }
      out += text[i];
    }
    if (bytes.length) out += require('buffer').Buffer.from(bytes).toString();
    return out;
  }

  function formEncode(s) {
    let out = '';
    for (const b of require('buffer').Buffer.from(`${s}`)) {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9*\-._]/.test(c)) out += c;
      else if (c === ' ') out += '+';
      else out += `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;
    }
    return out;
  }

  class URLSearchParams {
    #list = [];
    #owner = null;
    constructor(init = undefined) {
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            const entry = [...pair];
            if (entry.length !== 2) {
              throw binding.nodeError('TypeError', 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
            }
            this.#list.push([`${entry[0]}`, `${entry[1]}`]);
          }
        } else {
          for (const key of Object.keys(init)) this.#list.push([key, `${init[key]}`]);
        }
        return;
      }
      this[kReset](`${init}`);
    }
    [kOwner](owner) {
      this.#owner = owner;
    }
    [kReset](query) {
      const list = [];
      const text = query[0] === '?' ? query.slice(1) : query;
      for (const part of text.split('&')) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        const name = eq < 0 ? part : part.slice(0, eq);
        const value = eq < 0 ? '' : part.slice(eq + 1);
        list.push([formDecode(name), formDecode(value)]);
      }
      this.#list = list;
    }
    #changed() {
      if (this.#owner) this.#owner(this.toString());
    }
    get size() {
      return this.#list.length;
    }
    append(name, value) {
      this.#list.push([`${name}`, `${value}`]);
      this.#changed();
    }
    delete(name, value = undefined) {
      name = `${name}`;
      this.#list = this.#list.filter(([n, v]) => n !== name || (value !== undefined && v !== `${value}`));
      this.#changed();
    }
    get(name) {
      name = `${name}`;
      const found = this.#list.find(([n]) => n === name);
      return found === undefined ? null : found[1];
    }
    getAll(name) {
      name = `${name}`;
      return this.#list.filter(([n]) => n === name).map(([, v]) => v);
    }
    has(name, value = undefined) {
      name = `${name}`;
      return this.#list.some(([n, v]) => n === name && (value === undefined || v === `${value}`));
    }
    set(name, value) {
      name = `${name}`;
      value = `${value}`;
      const list = this.#list;
      const first = list.findIndex(([n]) => n === name);
      if (first < 0) {
        list.push([name, value]);
      } else {
        list[first][1] = value;
        this.#list = list.filter(([n], i) => n !== name || i === first);
      }
      this.#changed();
    }
    sort() {
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#changed();
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') throw binding.invalidArgType('callback', 'function', callback);
      for (const [n, v] of this.#list) Reflect.apply(callback, thisArg, [v, n, this]);
    }
    *entries() {
      for (const [n, v] of this.#list) yield [n, v];
    }
    *keys() {
      for (const [n] of this.#list) yield n;
    }
    *values() {
      for (const [, v] of this.#list) yield v;
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    toString() {
      return this.#list.map(([n, v]) => `${formEncode(n)}=${formEncode(v)}`).join('&');
    }
    [inspectCustom](depth, opts) {
      if (typeof depth === 'number' && depth < 0) return '[Object]';
      const util = require('util');
      const parts = this.#list.map(([n, v]) => `${util.inspect(n)} => ${util.inspect(v)}`);
      if (parts.length === 0) return `${this.constructor.name} {}`;
      const oneLine = `${this.constructor.name} { ${parts.join(', ')} }`;
      if (oneLine.length <= 80) return oneLine;
      return `${this.constructor.name} {\n  ${parts.join(',\n  ')} }`;
    }
  }

  function isURL(self) {
    return Boolean(self != null && self.href && self.protocol && self.auth === undefined && self.path === undefined);
  }

  function fileURLToPath(path) {
    let href;
    if (typeof path === 'string') href = new URL(path).href;
    else if (isURL(path)) href = `${path.href}`;
    else throw binding.invalidArgType('path', 'string or an instance of URL', path);
    return binding.fileURLToPath(href);
  }

  function pathToFileURL(filepath) {
    if (typeof filepath !== 'string') throw binding.invalidArgType('path', 'string', filepath);
    let resolved = require('path').resolve(filepath);
    if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
    return new URL(binding.pathToFileURL(resolved));
  }

  function urlToHttpOptions(url) {
    const options = {
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: `${url.pathname || ''}${url.search || ''}`,
      href: url.href,
    };
    if (url.port !== '') options.port = Number(url.port);
    if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    return options;
  }

  return { URL, URLSearchParams, fileURLToPath, pathToFileURL, urlToHttpOptions };
})
