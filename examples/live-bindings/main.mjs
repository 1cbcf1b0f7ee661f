// main.mjs — imports are live bindings, not copies.
import Counter, { count, increment, formatCount } from './lib.mjs';
import * as lib from './lib.mjs';

console.log(formatCount(count)); // count = 0
increment();
increment(2);
console.log(formatCount(count)); // count = 3: the import sees the new value

const counter = new Counter(10);
console.log(counter.value, lib.count === count); // 13 true

// Top-level await makes this module asynchronous (HasTLA: true).
const { shout } = await import('./format.mjs');
console.log(shout('done'));

export { increment as bump, lib };
