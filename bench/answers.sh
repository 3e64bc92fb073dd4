#!/usr/bin/env bash
# Benchmark of the retained-size answers (issue 5): makes a core of testdata/bench/BigMap.java as bench/histo.sh
# does (1M map entries, about 8M objects), then times on that core, each from a cold start:
#   1. `index` (the graph index build),
#   2. `top -n 1` with the index kept (dominator tree computed and kept),
#   3. `suspects` with both kept (what a second session pays),
#   4. `suspects` from nothing (index, tree and report in one process: what a first session pays),
# with peak RSS of each. The dominator tree's own time is (2) minus the time to read the kept index back.
# Writes the table to docs/PERFORMANCE.md. Not a test: minutes, a few GB of disk and memory.
#
# usage: bench/answers.sh [--jdks "17 25"] [--entries N] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
jdks="17"
bench_init "usage: bench/answers.sh [--jdks \"17 25\"] [--entries N] [--keep]" sa-shell-bench -- "$@"
rows=()
for v in $jdks; do
  bigmap_core "$v"
  mkdir -p "$dir/idx" "$dir/idx2"
  t() { /usr/bin/time -f "%e %M" -o "$dir/$1.time" "$launcher" open "$core" --json --index "$2" "${@:3}" > "$dir/$1.json"; }
  t index "$dir/idx" -c index
  t tree "$dir/idx" -c 'top -n 1'
  t reread "$dir/idx" -c 'index'
  t suspects_kept "$dir/idx" -c suspects
  t suspects_cold "$dir/idx2" -c suspects
  python3 - "$dir" "$v" > "$dir/row.txt" <<'PY'
import json, sys
d, v = sys.argv[1], sys.argv[2]
def t(n): s, kb = open(d + "/" + n + ".time").read().split(); return float(s), int(kb) // 1024
objects = json.loads(open(d + "/index.json").readline())["objects"]
first = json.loads(open(d + "/suspects_cold.json").readline())["suspects"]
holder = first[0]["holder"] if first else "none"
for name, label in (("index", "index build"), ("tree", "dominator tree (index kept)"),
                    ("suspects_kept", "suspects (index and tree kept)"), ("suspects_cold", "suspects from a cold start")):
    s, rss = t(name)
    print("| %s | %s | %s | %.1f s | %d MB | %s |" % (v, f"{objects:,}", label, s, rss, holder if name == "suspects_cold" else ""))
s, _ = t("tree"); r, _ = t("reread")
print("| %s | %s | dominator tree alone (tree − index read back) | %.1f s | | |" % (v, f"{objects:,}", s - r))
PY
  rows+=("$(cat "$dir/row.txt")")
  rm -f "$core"
done
{
  echo "| JDK | objects | step (one process each) | seconds | peak RSS | first suspect |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
bench_write_block answers-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/answers.sh --entries $entries\` (whole process each: JVM start, SA attach, work, print):"
