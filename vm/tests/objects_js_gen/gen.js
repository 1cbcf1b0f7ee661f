const vm = require('vm');
const { prelude, cases } = require('./cases.js');
const out = [];
for (const src of cases) {
  const ctx = vm.createContext({});
  let r;
  try { r = String(vm.runInContext(src + '\n' + prelude, ctx)); }
  catch (e) { r = (e && e.constructor ? e.constructor.name : typeof e) + ": " + e.message; }
  out.push([src, r]);
}
console.log(JSON.stringify(out, null, 0));
