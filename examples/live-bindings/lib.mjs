// lib.mjs — a module with every kind of export.
export let count = 0;

export function increment(by = 1) {
  count += by;
  return count;
}

export default class Counter {
  #start;
  constructor(start) {
    this.#start = start;
  }
  get value() {
    return this.#start + count;
  }
}

// Re-exports: a single name, a whole namespace, and everything else.
export { format as formatCount } from './format.mjs';
export * as formatting from './format.mjs';
export * from './format.mjs';
