(function (binding, require) {
  'use strict';
  // node:buffer. A Buffer is a byte-array object (its indices are its bytes) inheriting from
  // Buffer.prototype; the encodings are Rust (buffer.rs). console.log shows it as Node does
  // through the custom inspect method (`<Buffer 68 69>`).

  const INSPECT_MAX_BYTES = 50;
  const kMaxLength = 2 ** 32;
  const kStringMaxLength = 2 ** 29 - 24;

  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') return Buffer.alloc(arg);
    return Buffer.from(arg, encodingOrOffset, length);
  }

  // A Buffer holding `bytes` (an array-like of numbers, converted as Uint8Array elements).
  function fromBytes(bytes) {
    return binding.fromArrayLike(Buffer.prototype, bytes);
  }

  function normalizeEncoding(enc) {
    if (enc === undefined || enc === null || enc === '') return 'utf8';
    const lower = String(enc).toLowerCase();
    switch (lower) {
      case 'utf8':
      case 'utf-8':
        return 'utf8';
      case 'hex':
      case 'base64':
      case 'base64url':
      case 'ascii':
      case 'latin1':
        return lower;
      case 'binary':
        return 'latin1';
      case 'ucs2':
      case 'ucs-2':
      case 'utf16le':
      case 'utf-16le':
        return 'utf16le';
      default:
        return undefined;
    }
  }

  function checkEncoding(enc) {
    const normalized = normalizeEncoding(enc);
    if (normalized === undefined) {
      throw binding.nodeError('TypeError', 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${enc}`);
    }
    return normalized;
  }

  function encodeString(str, enc) {
    return binding.fromString(Buffer.prototype, str, enc);
  }

  function isBuffer(value) {
    return value instanceof Buffer;
  }

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return encodeString(value, checkEncoding(encodingOrOffset));
    if (typeof value === 'object' && value !== null) {
      if (isBuffer(value)) return fromBytes(value);
      const primitive = typeof value.valueOf === 'function' ? value.valueOf() : value;
      if (primitive !== value && primitive !== null && primitive !== undefined && typeof primitive !== 'object') {
        return Buffer.from(primitive, encodingOrOffset, length);
      }
      if (typeof value.length === 'number' || Array.isArray(value)) return fromBytes(value);
      if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
    }
    throw fixFirstArgumentMessage(value);
  };

  // Node words this one error "The first argument must be ...", not "The "first argument" ...".
  function fixFirstArgumentMessage(value) {
    const err = binding.invalidArgType('x', 'string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
    const message = err.message.replace('The "x" argument', 'The first argument');
    return binding.nodeError('TypeError', 'ERR_INVALID_ARG_TYPE', message);
  }

  function validateSize(size) {
    if (typeof size !== 'number') throw binding.invalidArgType('size', 'number', size);
    if (!(size >= 0 && size <= kMaxLength)) {
      throw binding.nodeError(
        'RangeError',
        'ERR_OUT_OF_RANGE',
        `The value of "size" is out of range. It must be >= 0 && <= ${kMaxLength}. Received ${String(size).replace(/\B(?=(\d{3})+(?!\d))/g, '_')}`,
      );
    }
  }

  Buffer.alloc = function alloc(size, fill, encoding) {
    validateSize(size);
    const buf = binding.create(Buffer.prototype, size);
    if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, 0, buf.length, encoding);
    return buf;
  };
  Buffer.allocUnsafe = function allocUnsafe(size) {
    validateSize(size);
    return binding.create(Buffer.prototype, size);
  };
  Buffer.allocUnsafeSlow = Buffer.allocUnsafe;
  Buffer.isBuffer = isBuffer;
  Buffer.isEncoding = function isEncoding(enc) {
    return typeof enc === 'string' && enc.length !== 0 && normalizeEncoding(enc) !== undefined;
  };
  Buffer.byteLength = function byteLength(string, encoding) {
    if (typeof string !== 'string') {
      if (isBuffer(string)) return string.length;
      throw binding.invalidArgType('string', 'string or an instance of Buffer or ArrayBuffer', string);
    }
    return binding.byteLength(string, normalizeEncoding(encoding) || 'utf8');
  };
  Buffer.concat = function concat(list, totalLength) {
    if (!Array.isArray(list)) throw binding.invalidArgType('list', 'Array', list);
    for (let i = 0; i < list.length; i++) {
      if (!isBuffer(list[i])) throw binding.invalidArgType(`list[${i}]`, 'an instance of Buffer or Uint8Array', list[i]);
    }
    return binding.concat(Buffer.prototype, list, totalLength === undefined ? undefined : Number(totalLength));
  };
  Buffer.compare = function compare(a, b) {
    return a.compare(b);
  };
  Buffer.poolSize = 8192;

  function range(buf, start, end) {
    const len = buf.length;
    start = start === undefined ? 0 : Math.trunc(Number(start)) || 0;
    end = end === undefined ? len : Math.trunc(Number(end)) || 0;
    if (start < 0) start = Math.max(len + start, 0);
    if (end < 0) end = Math.max(len + end, 0);
    start = Math.min(start, len);
    end = Math.min(end, len);
    return [start, Math.max(start, end)];
  }

  const proto = Buffer.prototype;
  Object.defineProperty(proto, 'length', {
    get: function length() {
      return binding.length(this);
    },
    configurable: true,
  });
  proto.toString = function toString(encoding, start, end) {
    if (arguments.length === 0) return binding.toString(this, 'utf8');
    return binding.toString(this, checkEncoding(encoding), start, end);
  };
  proto.toJSON = function toJSON() {
    return { type: 'Buffer', data: Array.prototype.slice.call(this) };
  };
  proto.equals = function equals(other) {
    if (!isBuffer(other)) throw binding.invalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
    return this.compare(other) === 0;
  };
  proto.compare = function compare(other) {
    const n = Math.min(this.length, other.length);
    for (let i = 0; i < n; i++) {
      if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
    }
    return this.length === other.length ? 0 : this.length < other.length ? -1 : 1;
  };
  // A copy, not a view: modjs Buffers do not share memory.
  proto.subarray = function subarray(start, end) {
    const [s, e] = range(this, start, end);
    return binding.slice(Buffer.prototype, this, s, e);
  };
  proto.slice = proto.subarray;
  proto.fill = function fill(value, offset, end, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = this.length;
    }
    const [s, e] = range(this, offset, end);
    const pattern = typeof value === 'string' ? encodeString(value, checkEncoding(encoding)) : isBuffer(value) ? value : [Number(value) & 255];
    if (pattern.length === 0) return this;
    for (let i = s, k = 0; i < e; i++, k = (k + 1) % pattern.length) this[i] = pattern[k];
    return this;
  };
  proto.copy = function copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
    let n = 0;
    for (let i = sourceStart; i < sourceEnd && targetStart + n < target.length; i++, n++) target[targetStart + n] = this[i];
    return n;
  };
  proto.write = function write(string, offset = 0, length, encoding = 'utf8') {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
    } else if (typeof length === 'string') {
      encoding = length;
      length = undefined;
    }
    const bytes = encodeString(string, checkEncoding(encoding));
    const max = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
    for (let i = 0; i < max; i++) this[offset + i] = bytes[i];
    return Math.max(max, 0);
  };
  proto.indexOf = function indexOf(value, byteOffset = 0, encoding) {
    const needle = typeof value === 'number' ? [value & 255] : typeof value === 'string' ? encodeString(value, checkEncoding(encoding)) : Array.prototype.slice.call(value);
    let start = byteOffset < 0 ? Math.max(this.length + byteOffset, 0) : byteOffset;
    outer: for (let i = start; i + needle.length <= this.length; i++) {
      for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  };
  proto.includes = function includes(value, byteOffset, encoding) {
    return this.indexOf(value, byteOffset, encoding) !== -1;
  };
  proto.readUInt8 = function readUInt8(offset = 0) {
    if (offset < 0 || offset >= this.length) {
      throw binding.nodeError(
        'RangeError',
        'ERR_OUT_OF_RANGE',
        `The value of "offset" is out of range. It must be >= 0 and <= ${this.length - 1}. Received ${offset}`,
      );
    }
    return this[offset];
  };
  proto.readUint8 = proto.readUInt8;
  proto[Symbol.iterator] = function* values() {
    for (let i = 0; i < this.length; i++) yield this[i];
  };
  proto.keys = function* keys() {
    for (let i = 0; i < this.length; i++) yield i;
  };
  proto.values = proto[Symbol.iterator];
  proto.entries = function* entries() {
    for (let i = 0; i < this.length; i++) yield [i, this[i]];
  };
  Object.defineProperty(proto, Symbol.for('nodejs.util.inspect.custom'), {
    value: function inspect(recurseTimes, ctx) {
      const max = INSPECT_MAX_BYTES;
      const shown = Math.min(max, this.length);
      let str = '';
      for (let i = 0; i < shown; i++) str += (i > 0 ? ' ' : '') + (this[i] < 16 ? '0' : '') + this[i].toString(16);
      const remaining = this.length - max;
      if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
      return `<${this.constructor.name} ${str}>`;
    },
    writable: true,
    configurable: true,
  });

  function SlowBuffer(size) {
    return Buffer.allocUnsafeSlow(size);
  }

  function btoa(input) {
    if (arguments.length === 0) throw binding.nodeError('TypeError', 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
    input = `${input}`;
    const bytes = [];
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c > 255) throw binding.nodeError('Error', 'InvalidCharacterError', 'Invalid character');
      bytes.push(c);
    }
    return binding.toString(fromBytes(bytes), 'base64');
  }

  function atob(input) {
    if (arguments.length === 0) throw binding.nodeError('TypeError', 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
    return binding.toString(encodeString(`${input}`, 'base64'), 'latin1');
  }

  return {
    Buffer,
    SlowBuffer,
    INSPECT_MAX_BYTES,
    kMaxLength,
    kStringMaxLength,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    atob,
    btoa,
  };
})
