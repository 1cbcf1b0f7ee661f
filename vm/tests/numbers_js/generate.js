// Regenerates expected.txt from Node: `node generate.js > expected.txt` (run in this folder).
// Each line of expressions.js is evaluated as a script; the line's result is String(value),
// or "Name: message" when it throws.
const fs = require("fs");
const vm = require("vm");
const lines = fs.readFileSync(__dirname + "/expressions.js", "utf8").split("\n").filter((l) => l.trim() !== "");
for (const line of lines) {
  let out;
  try {
    out = String(vm.runInNewContext(line));
  } catch (e) {
    out = e.name + ": " + e.message;
  }
  console.log(JSON.stringify(line) + "\t" + JSON.stringify(out));
}
