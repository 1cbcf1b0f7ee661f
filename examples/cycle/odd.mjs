// odd.mjs — function declarations are initialised at link time, so the cycle is safe.
import { even } from './even.mjs';

export function odd(n) {
  return n !== 0 && even(n - 1);
}
