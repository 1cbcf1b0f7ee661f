#!/usr/bin/env python3
"""Runs the shared behaviour corpus against modjs and fails on regressions.

    python3 tests/corpus_check.py target/release/modjs [--update] [CORPUS_DIR]

Runs `CORPUS_DIR/run-corpus --bin BIN` (CORPUS_DIR defaults to ../shared/corpus beside the
repository) and compares the cases that pass with tests/corpus_expectations.txt, the committed
list of cases known to pass. Exits 1 when a listed case fails (a regression); cases that pass
and are not listed are named so the list can be updated in the same commit (`--update` rewrites
it from this run). Prints `N passed, N failed` like the shared checks. Python 3.11 stdlib only.
"""
import os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if a != '--update']
update = '--update' in sys.argv[1:]
if not args:
    sys.exit(__doc__)
binary = os.path.abspath(args[0])
corpus = args[1] if len(args) > 1 else os.path.join(here, '..', '..', 'shared', 'corpus')
expectations = os.path.join(here, 'corpus_expectations.txt')

run = subprocess.run([os.path.join(corpus, 'run-corpus'), '--bin', binary], capture_output=True, text=True)
passed, failed = set(), set()
for line in run.stdout.splitlines():
    if line.startswith('PASS '):
        passed.add(line[5:].strip())
    elif line.startswith('FAIL '):
        failed.add(line[5:].strip())
if not passed and not failed:
    sys.stdout.write(run.stdout + run.stderr)
    sys.exit('corpus_check: run-corpus reported no cases')

known = set()
if os.path.exists(expectations):
    with open(expectations) as f:
        known = {l.strip() for l in f if l.strip() and not l.startswith('#')}

regressions = sorted(known - passed)
new = sorted(passed - known)
for case in regressions:
    print(f'REGRESSION {case}')
for case in new:
    print(f'newly passing {case}')
print(f'{len(passed)} passed, {len(failed)} failed ({len(regressions)} regressions, {len(new)} newly passing)')
if update:
    with open(expectations, 'w') as f:
        f.write('# Corpus cases (../shared/corpus) that modjs passes; tests/corpus_check.py fails on any\n')
        f.write('# listed case that fails. Update with --update in the commit that makes cases pass.\n')
        for case in sorted(passed):
            f.write(case + '\n')
    print(f'wrote {expectations}')
sys.exit(1 if regressions else 0)
