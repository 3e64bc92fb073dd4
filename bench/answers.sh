#!/usr/bin/env bash
# Benchmark of the retained-size answers (issue 5): makes a core of testdata/bench/BigMap.java as bench/histo.sh
# does (1M map entries, about 8M objects), then times on that core, each from a cold start:
#   1. `index` (the graph index build),
#   2. `top -n 1` with the index kept (dominator tree computed and kept),
#   3. `suspects` with both kept (what a second session pays),
#   4. `suspects` from nothing (index, tree and report in one process: what a first session pays),
# with peak RSS and CPU seconds (user + system, all threads) of each: on a shared machine the wall time
# depends on the load (its average is printed), the CPU time much less. The dominator tree's own time is (2)
# minus the time to read the kept index back. With --jhsdb SECONDS, also `jhsdb jmap --binaryheap` on the same
# core (what users run today before Eclipse MAT), stopped after SECONDS.
# Writes the table to docs/PERFORMANCE.md. Not a test: minutes, a few GB of disk and memory.
#
# usage: bench/answers.sh [--jdks "17 25"] [--entries N] [--jhsdb SECONDS] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
jdks="17"
jhsdb=0
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jhsdb) jhsdb=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
bench_init "usage: bench/answers.sh [--jdks \"17 25\"] [--entries N] [--jhsdb SECONDS] [--keep]" sa-shell-bench -- "${args[@]}"
rows=()
for v in $jdks; do
  bigmap_core "$v"
  mkdir -p "$dir/idx" "$dir/idx2"
  t() {
    /usr/bin/time -f "%e %M %U %S" -o "$dir/$1.time" "$launcher" open "$core" --json --index "$2" "${@:3}" > "$dir/$1.json"
    cut -d' ' -f1-3 /proc/loadavg > "$dir/$1.load"
  }
  t index "$dir/idx" -c index
  t tree "$dir/idx" -c 'top -n 1'
  t reread "$dir/idx" -c 'index'
  t suspects_kept "$dir/idx" -c suspects
  t suspects_cold "$dir/idx2" -c suspects
  if [[ $jhsdb -gt 0 ]]; then
    # jhsdb writes the hprof beside the core; stopped after $jhsdb seconds (exit 124 from timeout).
    /usr/bin/time -f "%e %M %U %S" -o "$dir/jhsdb.time" timeout "$jhsdb" "$jdk/bin/jhsdb" jmap \
      --binaryheap --dumpfile "$dir/jhsdb.hprof" --exe "$jdk/bin/java" --core "$core" > "$dir/jhsdb.out" 2>&1 || true
    cut -d' ' -f1-3 /proc/loadavg > "$dir/jhsdb.load"
    rm -f "$dir/jhsdb.hprof"
  fi
  python3 - "$dir" "$v" > "$dir/row.txt" <<'PY'
import json, sys
d, v = sys.argv[1], sys.argv[2]
import os
def t(n):
    f = open(d + "/" + n + ".time").read().split()
    s, kb, u, sy = f[-4:]
    return float(s), int(kb) // 1024, float(u) + float(sy)
def load(n): return open(d + "/" + n + ".load").read().split()[0]
objects = json.loads(open(d + "/index.json").readline())["objects"]
first = json.loads(open(d + "/suspects_cold.json").readline())["suspects"]
holder = first[0]["holder"] if first else "none"
cold = t("suspects_cold")[0]
for name, label in (("index", "index build"), ("tree", "dominator tree (index kept)"),
                    ("suspects_kept", "suspects (index and tree kept)"), ("suspects_cold", "suspects from a cold start")):
    s, rss, cpu = t(name)
    print("| %s | %s | %s | %.1f s | %.1f s | %d MB | %s | %s |" % (v, f"{objects:,}", label, s, cpu, rss, load(name),
          holder if name == "suspects_cold" else ""))
s, _, c = t("tree"); r, _, rc = t("reread")
print("| %s | %s | dominator tree alone (tree − index read back) | %.1f s | %.1f s | | | |" % (v, f"{objects:,}", s - r, c - rc))
if os.path.exists(d + "/jhsdb.time"):
    s, rss, cpu = t("jhsdb")
    done = "timed out" not in open(d + "/jhsdb.time").read() and "status 124" not in open(d + "/jhsdb.time").read()
    print("| %s | %s | jhsdb jmap --binaryheap%s | %s%.0f s | %.0f s | %d MB | %s | %s |" % (v, f"{objects:,}",
          "" if done else " (stopped, unfinished)", "" if done else "> ", s, cpu, rss, load("jhsdb"),
          "cold suspects %.0fx faster" % (s / cold) if done else "cold suspects more than %.0fx faster" % (s / cold)))
PY
  rows+=("$(cat "$dir/row.txt")")
  rm -f "$core"
done
{
  echo "| JDK | objects | step (one process each) | seconds | CPU seconds | peak RSS | load average | first suspect |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
bench_write_block answers-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/answers.sh --entries $entries\` (whole process each: JVM start, SA attach, work, print):"
