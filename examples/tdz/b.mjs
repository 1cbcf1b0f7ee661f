// b.mjs — evaluated before a.mjs (post-order), so reading `a` here throws (TDZ).
import { a } from './a.mjs';

export let b = 'B';
console.log('b.mjs reads a:', a);
