(function (binding, require) {
  'use strict';
  // Node's EventEmitter (lib/events.js): listeners kept in `_events`, one function or an
  // array of them per event name; 'error' without a listener throws.

  const kCapture = Symbol('kCapture');
  const kShapeMode = Symbol('shapeMode');
  const errorMonitor = Symbol('events.errorMonitor');
  const captureRejectionSymbol = Symbol.for('nodejs.rejection');
  let defaultMaxListeners = 10;

  function checkListener(listener) {
    if (typeof listener !== 'function') throw binding.invalidArgType('listener', 'function', listener);
  }

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;

  EventEmitter.init = function init(opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
    } else {
      this[kShapeMode] = true;
    }
    this._maxListeners = this._maxListeners || undefined;
    this[kCapture] = opts != null && opts.captureRejections ? Boolean(opts.captureRejections) : false;
  };

  function checkMaxListeners(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      throw binding.nodeError(
        'RangeError',
        'ERR_OUT_OF_RANGE',
        `The value of "n" is out of range. It must be a non-negative number. Received ${String(n)}`,
      );
    }
  }

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    checkMaxListeners(n);
    this._maxListeners = n;
    return this;
  };

  function getMaxListeners(that) {
    return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
  }

  EventEmitter.prototype.getMaxListeners = function getMaxListeners_() {
    return getMaxListeners(this);
  };

  function inspectValue(value) {
    try {
      return require('util').inspect(value);
    } catch {
      return String(value);
    }
  }

  EventEmitter.prototype.emit = function emit(type, ...args) {
    const events = this._events;
    if (type === 'error' && events !== undefined && events[errorMonitor] !== undefined) {
      this.emit(errorMonitor, ...args);
    }
    const handler = events === undefined ? undefined : events[type];
    if (handler === undefined) {
      if (type === 'error') {
        const er = args[0];
        if (er instanceof Error) throw er;
        const err = binding.nodeError('Error', 'ERR_UNHANDLED_ERROR', `Unhandled error. (${inspectValue(er)})`);
        err.context = er;
        throw err;
      }
      return false;
    }
    if (typeof handler === 'function') {
      Reflect.apply(handler, this, args);
    } else {
      const listeners = handler.slice();
      for (let i = 0; i < listeners.length; ++i) Reflect.apply(listeners[i], this, args);
    }
    return true;
  };

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else {
      if (events.newListener !== undefined) {
        target.emit('newListener', type, listener.listener ? listener.listener : listener);
        events = target._events;
      }
    }
    const existing = events[type];
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else if (typeof existing === 'function') {
      events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    return target;
  }

  EventEmitter.prototype.addListener = function addListener_(type, listener) {
    return addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;
  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return addListener(this, type, listener, true);
  };

  function onceWrapper(...args) {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      return Reflect.apply(this.listener, this.target, args);
    }
  }

  function onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }

  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    this.on(type, onceWrap(this, type, listener));
    return this;
  };
  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this[kShapeMode]) {
        events[type] = undefined;
      } else if (this._eventsCount === 0) {
        this._events = Object.create(null);
      } else {
        delete events[type];
      }
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      if (position === 0) list.shift();
      else list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === 'removeListener') continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };

  function listenersOf(target, type, unwrap) {
    const events = target._events;
    if (events === undefined) return [];
    const listener = events[type];
    if (listener === undefined) return [];
    if (typeof listener === 'function') return unwrap ? [listener.listener || listener] : [listener];
    return unwrap ? listener.map((l) => l.listener || l) : listener.slice();
  }

  EventEmitter.prototype.listeners = function listeners(type) {
    return listenersOf(this, type, true);
  };
  EventEmitter.prototype.rawListeners = function rawListeners(type) {
    return listenersOf(this, type, false);
  };

  function listenerCount(type, listener) {
    const events = this._events;
    if (events === undefined) return 0;
    const evlistener = events[type];
    if (typeof evlistener === 'function') {
      if (listener != null) return listener === evlistener || listener === evlistener.listener ? 1 : 0;
      return 1;
    }
    if (evlistener === undefined) return 0;
    if (listener != null) return evlistener.filter((l) => l === listener || l.listener === listener).length;
    return evlistener.length;
  }
  EventEmitter.prototype.listenerCount = listenerCount;

  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  EventEmitter.listenerCount = function (emitter, type) {
    if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
    return listenerCount.call(emitter, type);
  };

  // events.once(emitter, name): a promise of the arguments of the next `name` event; an 'error'
  // event first rejects it.
  function once(emitter, name) {
    return new Promise((resolve, reject) => {
      const errorListener = (err) => {
        emitter.removeListener(name, resolver);
        reject(err);
      };
      const resolver = (...args) => {
        if (name !== 'error') emitter.removeListener('error', errorListener);
        resolve(args);
      };
      emitter.once(name, resolver);
      if (name !== 'error') emitter.once('error', errorListener);
    });
  }

  function getEventListeners(emitter, type) {
    return emitter.listeners(type);
  }

  function setMaxListeners(n = defaultMaxListeners, ...targets) {
    checkMaxListeners(n);
    if (targets.length === 0) defaultMaxListeners = n;
    else for (const target of targets) target.setMaxListeners(n);
  }

  function getMaxListenersOf(emitter) {
    return getMaxListeners(emitter);
  }

  Object.defineProperties(EventEmitter, {
    captureRejections: { value: false, writable: true, enumerable: true },
    captureRejectionSymbol: { value: captureRejectionSymbol, enumerable: true },
    errorMonitor: { value: errorMonitor, enumerable: true },
    defaultMaxListeners: {
      enumerable: true,
      get() {
        return defaultMaxListeners;
      },
      set(n) {
        checkMaxListeners(n);
        defaultMaxListeners = n;
      },
    },
  });
  EventEmitter.once = once;
  EventEmitter.getEventListeners = getEventListeners;
  EventEmitter.getMaxListeners = getMaxListenersOf;
  EventEmitter.setMaxListeners = setMaxListeners;
  EventEmitter.usingDomains = false;
  EventEmitter.EventEmitter = EventEmitter;
  return EventEmitter;
})
