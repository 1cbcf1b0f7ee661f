// counter.cjs — CommonJS: `module.exports` gets the *value* of `counter` at this moment.
let counter = 3;
function incCounter() {
  counter++;
}
module.exports = { counter, incCounter };
