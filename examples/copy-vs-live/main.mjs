// main.mjs — the same counter as CommonJS and as an ES module.
import cjs from './counter.cjs';
import { counter, incCounter } from './counter.mjs';

cjs.incCounter();
console.log('CommonJS copy:', cjs.counter); // still 3: module.exports.counter was copied
incCounter();
console.log('ES module live binding:', counter); // 4: the import reads the exporter's cell
