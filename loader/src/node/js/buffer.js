(function (binding, require) {
  'use strict';
  // node:buffer. modjs has no typed arrays, so a Buffer is an ordinary object inheriting from
  // Buffer.prototype whose own indexed properties are its bytes (0..255) and whose `length` is a
  // non-enumerable own property. console.log shows it as Node does through the custom inspect
  // method (`<Buffer 68 69>`).

  const INSPECT_MAX_BYTES = 50;
  const kMaxLength = 2 ** 32;
  const kStringMaxLength = 2 ** 29 - 24;

  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') return Buffer.alloc(arg);
    return Buffer.from(arg, encodingOrOffset, length);
  }

  // A Buffer holding `bytes` (an array of integers 0..255, taken over).
  function fromBytes(bytes) {
    const buf = Object.create(Buffer.prototype);
    for (let i = 0; i < bytes.length; i++) buf[i] = bytes[i] & 255;
    Object.defineProperty(buf, 'length', { value: bytes.length, writable: false, enumerable: false, configurable: false });
    return buf;
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

  function utf8Encode(str) {
    const out = [];
    for (let i = 0; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  // UTF-8 decoding with the WHATWG replacement rules (one U+FFFD per maximal invalid prefix).
  function utf8Decode(bytes, start, end) {
    let out = '';
    let i = start;
    while (i < end) {
      const b = bytes[i];
      if (b < 0x80) {
        out += String.fromCharCode(b);
        i++;
        continue;
      }
      let need = 0;
      let cp = 0;
      let lower = 0x80;
      let upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0xf;
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        cp = b & 0x7;
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
      } else {
        out += '\ufffd';
        i++;
        continue;
      }
      let j = i + 1;
      let ok = true;
      for (let k = 0; k < need; k++, j++) {
        const c = j < end ? bytes[j] : -1;
        if (c < lower || c > upper) {
          ok = false;
          break;
        }
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (c & 63);
      }
      if (!ok) {
        out += '\ufffd';
        i = j;
        continue;
      }
      out += String.fromCodePoint(cp);
      i = j;
    }
    return out;
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  function base64Encode(bytes, start, end, url) {
    const table = url ? B64URL : B64;
    let out = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += table[n >> 18] + table[(n >> 12) & 63] + table[(n >> 6) & 63] + table[n & 63];
    }
    if (end - i === 1) {
      const n = bytes[i] << 16;
      out += table[n >> 18] + table[(n >> 12) & 63] + (url ? '' : '==');
    } else if (end - i === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += table[n >> 18] + table[(n >> 12) & 63] + table[(n >> 6) & 63] + (url ? '' : '=');
    }
    return out;
  }

  // Node's lenient base64 decoding: both alphabets, whitespace and other characters skipped,
  // stops at the first '='.
  function base64Decode(str) {
    const out = [];
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < str.length; i++) {
      const ch = str[i];
      if (ch === '=') break;
      let v = B64.indexOf(ch);
      if (v < 0) v = B64URL.indexOf(ch);
      if (v < 0) continue;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((acc >> bits) & 255);
      }
    }
    return out;
  }

  function hexDecode(str) {
    const out = [];
    for (let i = 0; i + 1 < str.length; i += 2) {
      const v = parseInt(str.slice(i, i + 2), 16);
      if (Number.isNaN(v) || !/^[0-9a-fA-F]{2}$/.test(str.slice(i, i + 2))) break;
      out.push(v);
    }
    return out;
  }

  function encodeString(str, enc) {
    switch (enc) {
      case 'utf8':
        return utf8Encode(str);
      case 'hex':
        return hexDecode(str);
      case 'base64':
      case 'base64url':
        return base64Decode(str);
      case 'ascii':
      case 'latin1': {
        const out = [];
        for (let i = 0; i < str.length; i++) out.push(str.charCodeAt(i) & 255);
        return out;
      }
      case 'utf16le': {
        const out = [];
        for (let i = 0; i < str.length; i++) {
          const c = str.charCodeAt(i);
          out.push(c & 255, c >> 8);
        }
        return out;
      }
    }
    return utf8Encode(str);
  }

  function decodeBytes(bytes, enc, start, end) {
    switch (enc) {
      case 'utf8':
        return utf8Decode(bytes, start, end);
      case 'hex': {
        let out = '';
        for (let i = start; i < end; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
        return out;
      }
      case 'base64':
        return base64Encode(bytes, start, end, false);
      case 'base64url':
        return base64Encode(bytes, start, end, true);
      case 'ascii': {
        let out = '';
        for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i] & 127);
        return out;
      }
      case 'latin1': {
        let out = '';
        for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]);
        return out;
      }
      case 'utf16le': {
        let out = '';
        for (let i = start; i + 1 < end; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        return out;
      }
    }
    return utf8Decode(bytes, start, end);
  }

  function isBuffer(value) {
    return value instanceof Buffer;
  }

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromBytes(encodeString(value, checkEncoding(encodingOrOffset)));
    if (typeof value === 'object' && value !== null) {
      if (isBuffer(value)) return fromBytes(Array.prototype.slice.call(value));
      const primitive = typeof value.valueOf === 'function' ? value.valueOf() : value;
      if (primitive !== value && primitive !== null && primitive !== undefined && typeof primitive !== 'object') {
        return Buffer.from(primitive, encodingOrOffset, length);
      }
      if (typeof value.length === 'number' || Array.isArray(value)) {
        const bytes = [];
        for (let i = 0; i < value.length; i++) bytes.push(Number(value[i]) & 255);
        return fromBytes(bytes);
      }
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
    const bytes = new Array(Math.floor(size)).fill(0);
    const buf = fromBytes(bytes);
    if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, 0, buf.length, encoding);
    return buf;
  };
  Buffer.allocUnsafe = function allocUnsafe(size) {
    validateSize(size);
    return fromBytes(new Array(Math.floor(size)).fill(0));
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
    return encodeString(string, normalizeEncoding(encoding) || 'utf8').length;
  };
  Buffer.concat = function concat(list, totalLength) {
    if (!Array.isArray(list)) throw binding.invalidArgType('list', 'Array', list);
    const bytes = [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (!isBuffer(item)) throw binding.invalidArgType(`list[${i}]`, 'an instance of Buffer or Uint8Array', item);
      for (let j = 0; j < item.length; j++) bytes.push(item[j]);
    }
    if (totalLength !== undefined) {
      bytes.length = Math.min(bytes.length, totalLength);
      while (bytes.length < totalLength) bytes.push(0);
    }
    return fromBytes(bytes);
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
  proto.toString = function toString(encoding, start, end) {
    if (arguments.length === 0) return utf8Decode(this, 0, this.length);
    const len = this.length;
    start = start === undefined || start < 0 ? 0 : Math.min(Math.trunc(start) || 0, len);
    end = end === undefined || end > len ? len : Math.trunc(end) || 0;
    if (end <= start) return '';
    return decodeBytes(this, checkEncoding(encoding), start, end);
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
    return fromBytes(Array.prototype.slice.call(this, s, e));
  };
  proto.slice = proto.subarray;
  proto.fill = function fill(value, offset, end, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = this.length;
    }
    const [s, e] = range(this, offset, end);
    const pattern = typeof value === 'string' ? encodeString(value, checkEncoding(encoding)) : isBuffer(value) ? Array.prototype.slice.call(value) : [Number(value) & 255];
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
    return base64Encode(bytes, 0, bytes.length, false);
  }

  function atob(input) {
    if (arguments.length === 0) throw binding.nodeError('TypeError', 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
    const bytes = base64Decode(`${input}`.replace(/[\t\n\f\r ]/g, ''));
    let out = '';
    for (const b of bytes) out += String.fromCharCode(b);
    return out;
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
