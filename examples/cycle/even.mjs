// even.mjs — calls odd() only when called, after both modules have been evaluated.
import { odd } from './odd.mjs';

export function even(n) {
  return n === 0 || odd(n - 1);
}
