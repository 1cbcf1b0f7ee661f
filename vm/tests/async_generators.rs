//! Async generators and `for await`: programs whose console output (after the event loop
//! ran) is compared with what node v20 prints for them. The order of the lines is the order of
//! the promise jobs, so these also check how many ticks each step takes.

use modjs_vm::host::console::capture;
use modjs_vm::host::event_loop::{process_ticks_and_rejections, run_event_loop};
use modjs_vm::Vm;

/// Runs `source` as a script, then its jobs and timers; returns what it wrote to stdout.
fn stdout_of(source: &str) -> String {
    let mut vm = Vm::new();
    let (ok, out, err) = capture(&mut vm, |vm| {
        vm.run_script(source, "main.js").is_ok()
            && process_ticks_and_rejections(vm).is_ok()
            && run_event_loop(vm).is_ok()
    });
    assert!(ok, "the program failed: {err}");
    out
}

/// Requests queued before the body runs are served in order, each settling after the awaits
/// and yields in front of it; `return()` runs the `finally` block.
#[test]
fn requests_queue_and_settle_in_nodes_order() {
    let source = r##"const log = [];
async function* g(a) {
  log.push('start ' + a);
  const x = yield 1;
  log.push('got ' + x);
  try {
    yield await Promise.resolve(2);
    yield 3;
  } finally {
    log.push('finally');
  }
  return 'end';
}
const it = g('A');
log.push('created');
const ps = [it.next('ignored'), it.next('B'), it.next(), it.return('R'), it.next()];
Promise.resolve().then(() => log.push('tick1')).then(() => log.push('tick2')).then(() => log.push('tick3'));
ps.forEach((p, i) => p.then(v => log.push(`p${i + 1} ${v.value} ${v.done}`), e => log.push(`p${i + 1} err ${e}`)));
setTimeout(() => console.log(log.join('\n')), 0);
"##;
    let node = r##"created
start A
got B
tick1
p1 1 false
tick2
tick3
p2 2 false
p3 3 false
finally
p4 R true
p5 undefined true
"##;
    assert_eq!(stdout_of(source), node);
}

/// `yield*` over async and sync iterables, `for await` with break/throw closing the iterator,
/// the AsyncGeneratorFunction constructor, `throw()` into a suspended body, the brand check.
#[test]
fn delegation_for_await_and_the_prototype_methods() {
    let source = r##"const log = [];
async function* inner() { try { yield 'a'; yield 'b'; } finally { log.push('inner finally'); } return 'ret'; }
async function* outer() { const r = yield* inner(); log.push('r ' + r); yield* [Promise.resolve('x'), 'y']; }
(async () => {
  for await (const v of outer()) log.push('v ' + v);
  for await (const v of outer()) { log.push('v2 ' + v); break; }
  try { for await (const v of [1, Promise.reject(new Error('boom'))]) log.push('v3 ' + v); } catch (e) { log.push('caught ' + e.message); }
  const closing = { [Symbol.asyncIterator]() { return { next: () => ({ value: 1, done: false }), return() { log.push('return called'); return Promise.resolve({}); } }; } };
  for await (const v of closing) { log.push('c ' + v); break; }
  try { for await (const v of closing) throw new Error('thrown'); } catch (e) { log.push('caught ' + e.message); }
  const AGF = Object.getPrototypeOf(async function* () {}).constructor;
  for await (const v of new AGF('a', 'yield a; yield a * 2')(21)) log.push('h ' + v);
  log.push(Object.prototype.toString.call(outer()) + ' ' + AGF.name + ' ' + (Object.getPrototypeOf(outer.prototype) === Object.getPrototypeOf(AGF.prototype.prototype)));
  const thrower = inner(); await thrower.next();
  try { await thrower.throw(new Error('into')); } catch (e) { log.push('thrown out ' + e.message); }
  log.push(JSON.stringify(await thrower.next()));
  const bad = await Object.getPrototypeOf(inner.prototype).next.call({}).catch(e => e.message);
  log.push(bad);
})().then(() => console.log(log.join('\n')));
"##;
    let node = r##"v a
v b
inner finally
r ret
v x
v y
v2 a
inner finally
v3 1
caught boom
c 1
return called
return called
caught thrown
h 21
h 42
[object AsyncGenerator] AsyncGeneratorFunction false
inner finally
thrown out into
{"done":true}
Method [AsyncGenerator].prototype.next called on incompatible receiver #<Object>
"##;
    assert_eq!(stdout_of(source), node);
}
