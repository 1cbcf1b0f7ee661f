const vm = require('vm');
const { prelude, cases } = require('./cases.js');
const out = [];
for (const src of cases) {
  const ctx = vm.createContext({});
  // Node's main context has Symbol.dispose/asyncDispose (its polyfill); a fresh context does not.
  ctx.dispose = Symbol.dispose; ctx.asyncDispose = Symbol.asyncDispose;
  vm.runInContext('for (const k of ["dispose", "asyncDispose"]) Object.defineProperty(Symbol, k, {value: globalThis[k]}); delete globalThis.dispose; delete globalThis.asyncDispose;', ctx);
  let r;
  try { r = String(vm.runInContext(src + '\n' + prelude, ctx)); }
  catch (e) { r = (e && e.constructor ? e.constructor.name : typeof e) + ": " + e.message; }
  out.push([src, r]);
}
console.log(JSON.stringify(out, null, 0));
