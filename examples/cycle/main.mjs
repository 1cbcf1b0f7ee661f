// main.mjs — even.mjs and odd.mjs import each other: one strongly connected component.
import { even } from './even.mjs';

console.log('even(10) =', even(10));
