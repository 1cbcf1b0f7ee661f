// a.mjs — `a` is a let binding: its cell stays uninitialised until this body runs.
import { b } from './b.mjs';

export let a = 'A sees ' + b;
