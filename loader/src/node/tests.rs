//! Unit tests of the built-in modules, run in a VM without a module graph.

use modjs_vm::{PropertyKey, Value, Vm};

use super::*;

fn run(vm: &mut Vm, src: &str) -> String {
    install_globals(vm);
    let global = vm.global();
    let require = vm.new_native_function("require", 1, internal_require);
    vm.define_value(
        global,
        PropertyKey::from("require"),
        Value::Object(require),
        attrs::ALL,
    );
    match vm.run_script(src, "/test.js") {
        Ok(v) => vm
            .to_string(&v)
            .map(|s| s.to_rust_lossy())
            .unwrap_or_default(),
        Err(e) => format!(
            "threw {}",
            modjs_vm::host::inspect::inspect_default(vm, &e).unwrap_or_default()
        ),
    }
}

#[test]
fn the_same_exports_object_every_time() {
    let mut vm = Vm::new();
    let a = builtin_exports(&mut vm, "fs").ok().flatten();
    let b = builtin_exports(&mut vm, "node:fs").ok().flatten();
    assert!(matches!((a, b), (Some(Value::Object(x)), Some(Value::Object(y))) if x == y));
    assert!(builtin_exports(&mut vm, "http").ok().flatten().is_none());
    assert!(builtin_exports(&mut vm, "nope").ok().flatten().is_none());
}

#[test]
fn path_functions_match_node() {
    let mut vm = Vm::new();
    let out = run(
        &mut vm,
        "const p = require('path'); [p.join('a', 'b', '..', 'c'), p.basename('/x/y/z.txt'), p.extname('f.tar.gz'), \
         p.normalize('/a//b/../c/.'), p.dirname('/a/b/c'), p.relative('/a/b/c', '/a/d'), p.resolve('/a', 'b', '../c'), \
         p.isAbsolute('x'), JSON.stringify(p.parse('/home/u/file.txt')), p.format({ dir: '/x', base: 'y.js' }), \
         p.posix === p, require('path/posix') === p].join('|')",
    );
    assert_eq!(
        out,
        "a/c|z.txt|.gz|/a/c|/a/b|../../d|/a/c|false|{\"root\":\"/\",\"dir\":\"/home/u\",\"base\":\"file.txt\",\
         \"ext\":\".txt\",\"name\":\"file\"}|/x/y.js|true|true"
    );
}

#[test]
fn event_emitter_basics() {
    let mut vm = Vm::new();
    let out = run(
        &mut vm,
        "const EE = require('events'); const e = new EE(); const log = []; \
         const f = (x) => log.push('on ' + x); e.on('a', f); e.once('a', (x) => log.push('once ' + x)); \
         e.emit('a', 1); e.emit('a', 2); e.off('a', f); log.push(e.emit('a', 3), e.listenerCount('a'), EE.EventEmitter === EE); \
         try { e.emit('error', new Error('boom')) } catch (err) { log.push(err.message) } log.join(',')",
    );
    assert_eq!(out, "on 1,once 1,on 2,false,0,true,boom");
}

#[test]
fn buffers_encode_and_print_like_node() {
    let mut vm = Vm::new();
    let out = run(
        &mut vm,
        "const b = Buffer.from('h€'); [b.length, b[1], b.toString(), b.toString('hex'), Buffer.from('aGk=', 'base64').toString(), \
         require('util').inspect(Buffer.from('hello')), Buffer.isBuffer(b), Buffer.concat([b, Buffer.alloc(1)]).length].join('|')",
    );
    assert_eq!(out, "4|226|h€|68e282ac|hi|<Buffer 68 65 6c 6c 6f>|true|5");
}

#[test]
fn buffer_indices_are_bytes() {
    let mut vm = Vm::new();
    let out = run(
        &mut vm,
        "'use strict'; const b = Buffer.alloc(3); b[0] = 300; b[1] = -1; b[2] = 7.9; b[5] = 1; \
         [b[0], b[1], b[2], b[5], b.length, Object.keys(b).join(), 5 in b, JSON.stringify(b.toJSON().data), \
         Buffer.from(b).equals(b), btoa('hi'), atob('aGk=')].join('|')",
    );
    assert_eq!(out, "44|255|7||3|0,1,2|false|[44,255,7]|true|aGk=|hi");
}

#[test]
fn urls_resolve_and_convert_paths() {
    let mut vm = Vm::new();
    let out = run(
        &mut vm,
        "const u = new URL('../x/y.js?q=1#h', 'file:///a/b/c.mjs'); const url = require('url'); \
         [u.href, u.pathname, u.search, u.hash, u.protocol, u.origin, new URL('http://h.com:8080/p').host, \
         url.fileURLToPath('file:///a%20b'), url.pathToFileURL('/x y').href, URL === url.URL].join('|')",
    );
    assert_eq!(
        out,
        "file:///a/x/y.js?q=1#h|/a/x/y.js|?q=1|#h|file:|null|h.com:8080|/a b|file:///x%20y|true"
    );
    let err = run(
        &mut vm,
        "try { new URL('nope') } catch (e) { e.code + ' ' + e.input + ' ' + e.message }",
    );
    assert_eq!(err, "ERR_INVALID_URL nope Invalid URL");
}

#[test]
fn read_file_sync_reports_enoent_like_node() {
    let mut vm = Vm::new();
    let out = run(
        &mut vm,
        "try { require('fs').readFileSync('/no/such/file') } catch (e) { [e.message, e.errno, e.code, e.syscall, e.path].join('|') }",
    );
    assert_eq!(
        out,
        "ENOENT: no such file or directory, open '/no/such/file'|-2|ENOENT|open|/no/such/file"
    );
}

#[test]
fn fs_reads_and_writes_files() {
    let dir = std::env::temp_dir().join(format!("modjs-fs-test-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("a.txt");
    let mut vm = Vm::new();
    let src = format!(
        "const fs = require('fs'); fs.writeFileSync('{f}', 'hi there'); fs.appendFileSync('{f}', '!'); \
         const st = fs.statSync('{f}'); [fs.readFileSync('{f}', 'utf8'), fs.readFileSync('{f}').length, fs.existsSync('{f}'), \
         st.isFile(), st.isDirectory(), st.size, fs.readdirSync('{d}').join(), require('fs/promises') === fs.promises].join('|')",
        f = file.display(),
        d = dir.display()
    );
    let out = run(&mut vm, &src);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out, "hi there!|9|true|true|false|9|a.txt|true");
}
