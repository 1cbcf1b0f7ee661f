#!/usr/bin/env python3
"""Checks `modjs link` (construct + link phases) against the shared corpus.

    python3 tests/corpus_link_check.py target/release/modjs [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/corpus next to the repository. For every case whose expected
result is a link-time failure (exit 1, nothing on stdout, and an error line that is a
`SyntaxError: ...` or an `...Error [ERR_...]: ...`), `modjs link ENTRY` must exit 1 and print
exactly that error line on stderr; every other case must link (exit 0). The figures are printed
separately for the ESM-only cases (no CommonJS file, no `require`, no `interop` tag, `.mjs`
entry). In the other (mixed) cases an expected error may also come from compiling a CommonJS
module, which happens when it runs: there `modjs link` may succeed (tests/corpus_check.py runs
the programs). Exits 1 when any case fails. Python 3.11 standard library only.
"""
import json, os, re, subprocess, sys
BIN = os.path.abspath(sys.argv[1])
CORPUS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'corpus')
LINK_ERR = re.compile(r'^(SyntaxError: |[A-Za-z]*Error \[ERR_)')
rows = []
for area in sorted(os.listdir(CORPUS)):
    ad = os.path.join(CORPUS, area)
    if not os.path.isdir(ad): continue
    for case in sorted(os.listdir(ad)):
        d = os.path.join(ad, case)
        cj = os.path.join(d, 'case.json')
        if not os.path.exists(cj): continue
        meta = json.load(open(cj))
        files = []
        for root, _, fs in os.walk(d):
            files += [os.path.join(root, f) for f in fs]
        srcs = [f for f in files if f.endswith(('.js', '.mjs', '.cjs'))]
        text = ''.join(open(f, errors='replace').read() for f in srcs)
        esm_only = not any(f.endswith('.cjs') for f in srcs) and 'require' not in text and 'interop' not in meta['tags'] \
            and meta['entry'].endswith('.mjs')
        exp = open(os.path.join(d, 'expected')).read()
        stdout, _, rest = exp.partition('--- exit ')
        status_line, _, err = rest.partition('\n')
        err = err.strip()
        link_error = status_line.strip() == '1' and stdout == '' and LINK_ERR.match(err) is not None

        p = subprocess.run([BIN, 'link', meta['entry']], cwd=d, capture_output=True, text=True, timeout=20)
        real = os.path.realpath(d)
        got = None
        for line in p.stderr.splitlines():
            if re.match(r'^[A-Za-z]*Error( \[[A-Z0-9_]+\])?: ', line):
                got = line.replace('file://' + real, 'file://$CASE').replace(real, '$CASE').replace(d, '$CASE'); break
        if link_error:
            ok = p.returncode == 1 and got == err
            # A syntax error in a CommonJS file (or a CommonJS entry) surfaces when that module
            # is compiled, in the evaluate phase, as in Node; `modjs link` of such a mixed graph
            # may succeed. The whole program's output is checked by tests/corpus_check.py.
            if not esm_only and p.returncode == 0:
                ok = True
            kind = 'link-error'
        else:
            ok = p.returncode == 0
            kind = 'links'
        rows.append((kind, ok, f'{area}/{case}', err if link_error else '', got, p.returncode, 'esm-only' if esm_only else 'mixed'))
for kind in ('link-error', 'links'):
    for scope in ('esm-only', 'mixed'):
        sel = [r for r in rows if r[0] == kind and r[6] == scope]
        print(f'{kind} ({scope}): {sum(r[1] for r in sel)}/{len(sel)}')
        for r in sel:
            if not r[1]:
                print(f'  FAIL {r[2]} rc={r[5]} expected={r[3]!r} got={r[4]!r}')
passed = sum(r[1] for r in rows)
print(f'{passed} passed, {len(rows) - passed} failed')
sys.exit(0 if passed == len(rows) else 1)
