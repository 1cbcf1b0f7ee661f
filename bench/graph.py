#!/usr/bin/env python3
"""Large module graphs: modjs against node, side by side.

Generates ../shared/bench's module graphs (gen_graph.py) into a temporary directory outside the
repository, then for each graph runs node and modjs alternately (RUNS times each), checks that
both print the reference line of ../shared/bench/README.md, and prints the median wall times,
their ratio (modjs / node), and each engine's peak RSS in total and per module.

    bench/graph.py                              # esm 10k, 3 alternating runs each
    bench/graph.py --kind esm,cjs,mixed --modules 1000,10000,50000 --runs 5
    bench/graph.py --modjs target/release/modjs --no-node

The default binary is target/dist/modjs (`cargo build --profile dist`: the release build with
fat LTO), built first when missing. Node v20 cannot load the 50,000-module ESM graph when the
hard `ulimit -n` is 20000 (EMFILE, see the shared README); such a node run is reported as
failed and only modjs's figures are printed.

With --phases, each engine also runs the entry once more through a small wrapper module that
defines the workloads' `__benchPhase` hook (../shared/bench/README.md, "Phases") and imports the
entry, and the median times from start to `eval-start` (loading, parsing, linking), from there
to `run-start` (module bodies; for CommonJS also the loading that `require` does) and to `end`
(the entry's run rounds) are printed. The wrapper uses only `process.uptime()`, which both
engines have.

Target (issue 4): esm 10k ratio <= 0.3; 50k time <= about 5x the 10k time (linear).
Standard library only; /usr/bin/time -f is used for peak RSS.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def run(cmd):
    """Runs cmd under /usr/bin/time; returns (stdout, stderr, wall seconds, peak RSS KiB, status)."""
    timed = ["/usr/bin/time", "-f", "%M"] + cmd
    start = time.perf_counter()
    p = subprocess.run(timed, capture_output=True, text=True)
    wall = time.perf_counter() - start
    rss = 0
    lines = p.stderr.strip().splitlines()
    if lines and lines[-1].strip().isdigit():
        rss = int(lines[-1].strip())
        lines = lines[:-1]
    return p.stdout, "\n".join(lines), wall, rss, p.returncode


def reference_lines(readme):
    """The README's reference output lines, by (kind, modules)."""
    refs = {}
    with open(readme, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^(esm|cjs|mixed)-graph modules=(\d+) eval=\d+ run=\d+ keys=\d+$", line.strip())
            if m:
                refs[(m.group(1), int(m.group(2)))] = line.strip()
    return refs


PHASE_WRAPPER = """const t0 = process.uptime();
const marks = {};
let last = 0;
globalThis.__benchPhase = (name) => { const t = process.uptime() - t0; marks[name] = t - last; last = t; };
await import(process.argv[2]);
console.error('phases ' + JSON.stringify(marks));
"""


def phase_marks(engine, wrapper, entry):
    """Runs the entry through the phase wrapper; the seconds each phase took, or None."""
    p = subprocess.run([engine, wrapper, entry], capture_output=True, text=True)
    for line in p.stderr.splitlines():
        if line.startswith("phases "):
            marks = json.loads(line[len("phases "):])
            if all(k in marks for k in ("eval-start", "run-start", "end")):
                return marks
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kind", default="esm", help="comma-separated: esm,cjs,mixed")
    ap.add_argument("--modules", default="10000", help="comma-separated sizes")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--modjs", default=os.path.join(REPO, "target", "dist", "modjs"))
    ap.add_argument("--node", default="node")
    ap.add_argument("--no-node", action="store_true", help="run modjs only")
    ap.add_argument("--shared", default=os.environ.get("SHARED", os.path.join(REPO, "..", "shared")))
    ap.add_argument("--keep", action="store_true", help="keep the generated graphs (path printed)")
    ap.add_argument("--phases", action="store_true", help="also time the phases (see above)")
    args = ap.parse_args()

    if not os.path.exists(args.modjs) and args.modjs.endswith(os.path.join("dist", "modjs")):
        subprocess.run(["cargo", "build", "--profile", "dist", "--quiet", "-p", "modjs", "--bin", "modjs"], cwd=REPO, check=True)
    modjs = os.path.abspath(args.modjs)
    gen = os.path.join(args.shared, "bench", "gen_graph.py")
    refs = reference_lines(os.path.join(args.shared, "bench", "README.md"))
    out = tempfile.mkdtemp(prefix="modjs-graph-")
    failed = False
    times = {}
    try:
        for kind in args.kind.split(","):
            for n in [int(s) for s in args.modules.split(",")]:
                d = os.path.join(out, f"g-{kind}-{n}")
                subprocess.run([sys.executable, gen, "--kind", kind, "--modules", str(n), "--out", d],
                               check=True, capture_output=True)
                entry = os.path.join(d, "main.cjs" if kind == "cjs" else "main.mjs")
                expected = refs.get((kind, n))
                engines = [("modjs", [modjs, entry])]
                if not args.no_node:
                    engines.insert(0, ("node", [args.node, entry]))
                wrapper = os.path.join(d, "phases-wrapper.mjs")
                with open(wrapper, "w", encoding="utf-8") as f:
                    f.write(PHASE_WRAPPER)
                phases = {name: [] for name, _ in engines}
                samples = {name: [] for name, _ in engines}
                rss = {name: 0 for name, _ in engines}
                broken = set()
                for _ in range(args.runs):
                    for name, cmd in engines:
                        if name in broken:
                            continue
                        stdout, stderr, wall, peak, status = run(cmd)
                        line = stdout.strip()
                        if status != 0 or (expected is not None and line != expected):
                            broken.add(name)
                            first = (stderr.strip().splitlines() or [""])[0]
                            print(f"{kind} {n}: {name} FAILED (exit {status}): {line or first}")
                            if name == "modjs":
                                failed = True
                            continue
                        samples[name].append(wall)
                        if args.phases:
                            marks = phase_marks(cmd[0], wrapper, entry)
                            if marks is not None:
                                phases[name].append(marks)
                        rss[name] = max(rss[name], peak)
                label = f"{kind} {n}"
                med = {}
                for name, _ in engines:
                    if samples[name]:
                        med[name] = statistics.median(samples[name])
                        per = rss[name] * 1024 / n / 1000
                        print(f"{label}: {name:5} {med[name]:7.3f} s  peak RSS {rss[name] / 1024:7.1f} MiB "
                              f"({per:.1f} kB/module)  runs {' '.join(f'{s:.2f}' for s in samples[name])}")
                for name, _ in engines:
                    if phases[name]:
                        parts = []
                        for mark, label_ in (("eval-start", "load+link"), ("run-start", "bodies"), ("end", "run")):
                            parts.append(f"{label_} {statistics.median(p[mark] for p in phases[name]):.3f}")
                        print(f"{label}: {name:5} phases (s): " + ", ".join(parts))
                if "node" in med and "modjs" in med:
                    print(f"{label}: ratio modjs/node {med['modjs'] / med['node']:.3f}")
                if "modjs" in med:
                    times[(kind, n)] = med["modjs"]
                if expected is None:
                    print(f"{label}: (no reference line in the README; output not checked)")
        for kind in args.kind.split(","):
            sizes = sorted(n for (k, n) in times if k == kind)
            for small, big in zip(sizes, sizes[1:]):
                growth = times[(kind, big)] / times[(kind, small)]
                print(f"{kind}: modjs time {big}/{small} = {growth:.2f} (linear: {big / small:.1f})")
    finally:
        if args.keep:
            print(f"graphs kept in {out}")
        else:
            shutil.rmtree(out, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
