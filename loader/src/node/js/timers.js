(function (binding, require) {
  'use strict';
  // The global timer functions as the module's exports; `promises` resolves with `value`.
  const { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate } = globalThis;
  const promises = {
    setTimeout(delay, value) {
      return new Promise((resolve) => setTimeout(resolve, delay, value));
    },
    setImmediate(value) {
      return new Promise((resolve) => setImmediate(resolve, value));
    },
  };
  return { setTimeout, clearTimeout, setImmediate, clearImmediate, setInterval, clearInterval, promises };
})
