// counter.mjs — ES module: importers see the binding itself (a shared cell), not a copy.
export let counter = 3;
export function incCounter() {
  counter++;
}
