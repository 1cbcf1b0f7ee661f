#!/usr/bin/env bash
# Parse throughput of `modjs parse --module` on generated ES module graphs (see bench/README.md).
#
#   bench/parse-throughput.sh            # 1k and 10k graphs, plus the linearity checks
#   bench/parse-throughput.sh --quick    # 1k graph only
#
# Environment: RUNS (timed runs per measurement, median reported; default 3),
# SHARED (the shared material; default ../shared beside the repository),
# MODJS (the binary; default target/dist/modjs — the fat-LTO `dist` profile — built here if needed).
set -euo pipefail
export LC_ALL=C   # a `.` decimal separator in times and printf
TIMEFORMAT='%R %U %S'   # bash's `time`: wall, user and sys seconds

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=$repo/bench
shared=${SHARED:-$repo/../shared}
runs=${RUNS:-3}
quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

gen=$shared/bench/gen_graph.py
[[ -f $gen ]] || { echo "no graph generator at $gen (set SHARED)" >&2; exit 2; }

if [[ -z ${MODJS:-} ]]; then
  (cd "$repo" && cargo build --profile dist --quiet -p modjs --bin modjs)
  MODJS=$repo/target/dist/modjs
fi

# Generated trees are large: they live outside the repository and are removed on exit.
work=$(mktemp -d "${TMPDIR:-/tmp}/modjs-parse-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# time_parse DIR FILE...: one `modjs parse --module` process over all FILEs (paths relative to
# DIR, which keeps the argument list short), $runs times; prints the median wall time and the
# median CPU time (user + sys) in seconds, as measured by bash's `time`.
time_parse() {
  local dir=$1; shift
  local walls=() cpus=() real user sys
  for ((i = 0; i < runs; i++)); do
    if ! { time (cd "$dir" && "$MODJS" parse --module "$@" >/dev/null 2>"$work/stderr"); } 2>"$work/time"; then
      echo "modjs parse failed in $dir:" >&2
      head -n 20 "$work/stderr" >&2
      exit 1
    fi
    read -r real user sys <"$work/time"
    walls+=("$real")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')")
  done
  echo "$(median "${walls[@]}") $(median "${cpus[@]}")"
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# measure LABEL DIR FILE...: prints `parse throughput LABEL: X MB/s (N files, M MB, T s)` from
# the wall time, then the same from the CPU time, and leaves the CPU figure in $mbps (the
# linearity ratios use CPU time: on a busy machine wall time mostly measures the other jobs).
# MB = 10^6 bytes of source.
measure() {
  local label=$1 dir=$2; shift 2
  local bytes times wall cpu
  bytes=$(cd "$dir" && cat -- "$@" | wc -c)
  times=$(time_parse "$dir" "$@")
  # bash's `time` has millisecond resolution; never divide by zero.
  wall=$(awk -v t="${times% *}" 'BEGIN { print (t > 0 ? t : 0.001) }')
  cpu=$(awk -v t="${times#* }" 'BEGIN { print (t > 0 ? t : 0.001) }')
  awk -v label="$label" -v b="$bytes" -v t="$wall" -v c="$cpu" -v n="$#" 'BEGIN {
    printf "parse throughput%s: %.1f MB/s (%d %s, %.1f MB, %.3f s)\n", label, b / 1e6 / t, n, (n == 1 ? "file" : "files"), b / 1e6, t
    printf "  cpu: %.1f MB/s (user+sys %.3f s)\n", b / 1e6 / c, c
  }'
  mbps=$(awk -v b="$bytes" -v c="$cpu" 'BEGIN { printf "%.3f", b / 1e6 / c }')
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# graph_files DIR: the graph's .mjs files, relative to DIR, in a fixed order.
graph_files() {
  (cd "$1" && find . -name '*.mjs' | LC_ALL=C sort)
}

# bench_graph MODULES NAME LABEL_PREFIX: generates the graph and measures it as many files and as
# one joined module, each with and without statement-ending semicolons.
bench_graph() {
  local modules=$1 name=$2 prefix=$3
  local g=$work/$name ns=$work/$name-nosemi
  python3 "$gen" --kind esm --modules "$modules" --out "$g" >/dev/null
  python3 "$bench/strip_semicolons.py" "$g" "$ns" >/dev/null
  python3 "$bench/concat_module.py" "$g" "$work/$name.mjs" >/dev/null
  python3 "$bench/concat_module.py" "$ns" "$work/$name-nosemi.mjs" >/dev/null

  local -a files
  mapfile -t files < <(graph_files "$g")
  measure "$prefix" "$g" "${files[@]}"
  graph_mbps=$mbps
  measure " (${name} graph, no semicolons)" "$ns" "${files[@]}"
  nosemi_mbps=$mbps
  measure " (${name} graph as one module)" "$work" "$name.mjs"
  joined_mbps=$mbps
  measure " (${name} graph as one module, no semicolons)" "$work" "$name-nosemi.mjs"
  joined_nosemi_mbps=$mbps
}

bench_graph 1000 1k " (1k graph)"
small_joined_mbps=$joined_mbps
echo "linearity 1k (cpu): no-semicolons/semicolons $(ratio "$nosemi_mbps" "$graph_mbps") (files), $(ratio "$joined_nosemi_mbps" "$joined_mbps") (one module)"
if ((quick)); then
  exit 0
fi

bench_graph 10000 10k ""
echo "linearity 10k (cpu): no-semicolons/semicolons $(ratio "$nosemi_mbps" "$graph_mbps") (files), $(ratio "$joined_nosemi_mbps" "$joined_mbps") (one module)"
echo "linearity size (cpu): one 10k module/one 1k module $(ratio "$joined_mbps" "$small_joined_mbps") (near 1 when parsing is linear in file size)"
