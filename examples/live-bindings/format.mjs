// format.mjs
export const format = (n) => `count = ${n}`;
export const shout = (s) => s.toUpperCase() + '!';
