#!/usr/bin/env python3
"""VM micro-benchmarks: modjs against `node --jitless`, side by side.

Generates ../shared/bench's micro-benchmarks (gen_micro.py) into a temporary directory, then for
each file runs both engines alternately (RUNS times each), checks that modjs prints node's line,
and prints per file the median wall times and their ratio, then the geometric mean of the
ratios, modjs's peak RSS over all runs and its start-up time (startup.mjs).

    bench/micro.py                       # scale 0.1, 3 runs each
    bench/micro.py --scale 1 --runs 5
    bench/micro.py --only fib,loop --modjs target/release/modjs

The default binary is target/dist/modjs (`cargo build --profile dist`: the release build with
fat LTO and one codegen unit), built first when missing.

Targets (issue 3): geometric mean <= 3.0, peak RSS <= 32 MiB, startup.mjs <= 10 ms.
Standard library only; /usr/bin/time -f is used for peak RSS.
"""

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def run(cmd, cwd):
    """Runs cmd under /usr/bin/time; returns (stdout, wall seconds, peak RSS KiB, status)."""
    timed = ["/usr/bin/time", "-f", "%M"] + cmd
    start = time.perf_counter()
    p = subprocess.run(timed, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    rss = 0
    lines = p.stderr.strip().splitlines()
    if lines and lines[-1].strip().isdigit():
        rss = int(lines[-1].strip())
    return p.stdout, wall, rss, p.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", default="0.1")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--modjs", default=os.path.join(REPO, "target", "dist", "modjs"))
    ap.add_argument("--node", default="node")
    ap.add_argument("--shared", default=os.environ.get("SHARED", os.path.join(REPO, "..", "shared")))
    args = ap.parse_args()

    if not os.path.exists(args.modjs) and args.modjs.endswith(os.path.join("dist", "modjs")):
        subprocess.run(["cargo", "build", "--profile", "dist", "--quiet", "-p", "modjs", "--bin", "modjs"], cwd=REPO, check=True)
    gen = os.path.join(args.shared, "bench", "gen_micro.py")
    out = tempfile.mkdtemp(prefix="modjs-micro-")
    try:
        cmd = [sys.executable, gen, "--out", os.path.join(out, "m"), "--scale", args.scale]
        if args.only:
            cmd += ["--only", args.only]
        subprocess.run(cmd, check=True, capture_output=True)
        files = sorted(f for f in os.listdir(os.path.join(out, "m")) if f.endswith(".mjs"))
        # startup first, then the others in name order
        files.sort(key=lambda f: (f != "startup.mjs", f))
        print(f"micro-benchmarks at --scale {args.scale}, {args.runs} runs each, alternating engines")
        print(f"{'file':<14}{'node --jitless':>16}{'modjs':>12}{'ratio':>9}  result")
        ratios = []
        peak_rss = 0
        startup_ms = None
        failures = 0
        for f in files:
            cwd = os.path.join(out, "m")
            node_times, modjs_times = [], []
            node_line = modjs_line = None
            ok = True
            if f == "startup.mjs":
                # One untimed run of each engine first: the first start of a freshly built
                # binary pays for reading it from disk, which is not start-up time.
                run([args.node, "--jitless", "--no-warnings", f], cwd)
                run([args.modjs, f], cwd)
            for _ in range(args.runs):
                o, w, _, s = run([args.node, "--jitless", "--no-warnings", f], cwd)
                node_times.append(w)
                node_line = o.strip()
                o, w, rss, s = run([args.modjs, f], cwd)
                modjs_times.append(w)
                peak_rss = max(peak_rss, rss)
                modjs_line = o.strip()
                if s != 0 or modjs_line != node_line:
                    ok = False
            nm, mm = statistics.median(node_times), statistics.median(modjs_times)
            ratio = mm / nm if nm > 0 else float("inf")
            if f == "startup.mjs":
                startup_ms = mm * 1000
            else:
                ratios.append(ratio)
            verdict = "same line" if ok else f"WRONG: modjs {modjs_line!r} vs node {node_line!r}"
            failures += 0 if ok else 1
            print(f"{f:<14}{nm:>14.3f} s{mm:>10.3f} s{ratio:>8.2f}x  {verdict}")
        if ratios:
            gm = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
            print(f"geometric mean ratio (without startup): {gm:.2f}x   (target <= 3.0)")
        print(f"modjs peak RSS: {peak_rss / 1024:.1f} MiB   (target <= 32)")
        if startup_ms is not None:
            print(f"modjs startup.mjs: {startup_ms:.1f} ms   (target <= 10)")
        return 1 if failures else 0
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
