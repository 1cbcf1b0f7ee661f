// main.mjs — a.mjs and b.mjs form a cycle; b.mjs runs first and reads a's `let` too early.
import { a } from './a.mjs';

console.log('a =', a);
