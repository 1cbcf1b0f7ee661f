(function (binding, require) {
  'use strict';
  // node:util: inspect and format are the host's (Rust); the rest is here.

  const { inspect, format, formatWithOptions } = binding;
  const customPromisify = Symbol.for('nodejs.util.promisify.custom');
  inspect.custom = Symbol.for('nodejs.util.inspect.custom');

  function validateFunction(value, name) {
    if (typeof value !== 'function') throw binding.invalidArgType(name, 'function', value);
  }

  function promisify(original) {
    validateFunction(original, 'original');
    if (original[customPromisify]) {
      const fn = original[customPromisify];
      validateFunction(fn, 'util.promisify.custom');
      return Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [
          ...args,
          (err, ...values) => {
            if (err) return reject(err);
            resolve(values[0]);
          },
        ]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    const descriptors = Object.getOwnPropertyDescriptors(original);
    for (const key of Reflect.ownKeys(descriptors)) {
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      Object.defineProperty(fn, key, descriptors[key]);
    }
    return fn;
  }
  promisify.custom = customPromisify;

  function callbackify(original) {
    validateFunction(original, 'original');
    function callbackified(...args) {
      const callback = args.pop();
      validateFunction(callback, 'last argument');
      Reflect.apply(original, this, args).then(
        (ret) => process.nextTick(callback, null, ret),
        (rej) => process.nextTick(callback, rej),
      );
    }
    return callbackified;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw binding.invalidArgType('ctor', 'function', ctor);
    if (superCtor === undefined || superCtor === null) throw binding.invalidArgType('superCtor', 'function', superCtor);
    if (superCtor.prototype === undefined) {
      throw binding.invalidArgType('superCtor.prototype', 'object', superCtor.prototype);
    }
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn, msg, code) {
    validateFunction(fn, 'fn');
    let warned = false;
    function deprecated(...args) {
      if (!warned) {
        warned = true;
        const prefix = code ? `[${code}] ` : '';
        process.stderr.write(`(node:${process.pid}) ${prefix}DeprecationWarning: ${msg}\n`);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    }
    return deprecated;
  }

  const tag = (value) => Object.prototype.toString.call(value).slice(8, -1);
  const types = {
    isPromise: (v) => v instanceof Promise,
    isRegExp: (v) => tag(v) === 'RegExp',
    isDate: binding.isDate,
    isMap: (v) => tag(v) === 'Map' && v instanceof Map,
    isSet: (v) => tag(v) === 'Set' && v instanceof Set,
    isNativeError: (v) => v instanceof Error,
    isAsyncFunction: (v) => typeof v === 'function' && tag(v) === 'AsyncFunction',
    isGeneratorFunction: (v) => typeof v === 'function' && /^(Async)?GeneratorFunction$/.test(tag(v)),
    isProxy: binding.isProxy,
  };

  const dateGetTime = Date.prototype.getTime;
  function deepEqual(a, b, seen) {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (tag(a) !== tag(b)) return false;
    for (const [x, y] of seen) if (x === a && y === b) return true;
    seen.push([a, b]);
    if (types.isDate(a) && (!types.isDate(b) || dateGetTime.call(a) !== dateGetTime.call(b))) return false;
    if (a instanceof RegExp && String(a) !== String(b)) return false;
    if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
    if (a instanceof Map || a instanceof Set) {
      if (a.size !== b.size) return false;
      if (a instanceof Set) {
        for (const v of a) if (!b.has(v) && ![...b].some((w) => deepEqual(v, w, seen))) return false;
      } else {
        for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k), seen)) return false;
      }
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
      if (!deepEqual(a[k], b[k], seen)) return false;
    }
    const sa = Object.getOwnPropertySymbols(a).filter((s) => Object.prototype.propertyIsEnumerable.call(a, s));
    const sb = Object.getOwnPropertySymbols(b).filter((s) => Object.prototype.propertyIsEnumerable.call(b, s));
    if (sa.length !== sb.length) return false;
    for (const s of sa) if (!deepEqual(a[s], b[s], seen)) return false;
    return true;
  }

  function isDeepStrictEqual(a, b) {
    return deepEqual(a, b, []);
  }


  return {
    format,
    formatWithOptions,
    inspect,
    inherits,
    promisify,
    callbackify,
    deprecate,
    isDeepStrictEqual,
    types,
    isArray: Array.isArray,
    isBoolean: (v) => typeof v === 'boolean',
    isNull: (v) => v === null,
    isNullOrUndefined: (v) => v === null || v === undefined,
    isNumber: (v) => typeof v === 'number',
    isString: (v) => typeof v === 'string',
    isSymbol: (v) => typeof v === 'symbol',
    isUndefined: (v) => v === undefined,
    isRegExp: types.isRegExp,
    isObject: (v) => v !== null && typeof v === 'object',
    isDate: types.isDate,
    isError: (v) => v instanceof Error,
    isFunction: (v) => typeof v === 'function',
    isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
    isBuffer: (v) => require('buffer').Buffer.isBuffer(v),
  };
})
