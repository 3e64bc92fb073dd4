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
jdks="17"
entries=1000000
keep=0
jhsdb=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jdks) jdks=$2; shift 2 ;;
    --entries) entries=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --jhsdb) jhsdb=$2; shift 2 ;;
    *) echo "usage: bench/answers.sh [--jdks \"17 25\"] [--entries N] [--jhsdb SECONDS] [--keep]" >&2; exit 2 ;;
  esac
done
home_of() { case "$1" in 17) echo /usr/lib/jvm/java-17-openjdk-amd64 ;; 25) echo /usr/lib/jvm/temurin-25-jdk-amd64 ;; esac; }
(cd "$root" && mvn -B -q -DskipTests package)
work=$(mktemp -d /tmp/sa-shell-bench.XXXXXX)
chmod 700 "$work"
trap '[[ $keep = 1 ]] || rm -rf "$work"' EXIT
launcher="$root/sa-shell/sa-shell"
rows=()
for v in $jdks; do
  jdk=$(home_of "$v")
  dir="$work/jdk$v"
  mkdir -p "$dir/classes" "$dir/idx" "$dir/idx2"
  "$jdk/bin/javac" -d "$dir/classes" "$root/testdata/bench/BigMap.java"
  # The shell writes its own pid, which exec makes the JVM's: pgrep would find another bench's BigMap too.
  (cd "$dir" && bash -c "ulimit -c unlimited; echo \$\$ > java.pid; exec '$jdk/bin/java' -Xmx2g -XX:+UseG1GC -cp classes BigMap $entries" >"$dir/out.txt" 2>&1) &
  pid=$!
  until grep -q ready "$dir/out.txt" 2>/dev/null; do sleep 0.5; done
  jpid=$(cat "$dir/java.pid")
  kill -ABRT "$jpid"; wait "$pid" || true
  core=$(ls "$dir"/core* | head -1)
  cat "$core" > /dev/null
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
python3 - "$root/docs/PERFORMANCE.md" "$work/table.md" "$(date -u +%Y-%m-%d)" "$(nproc)" "$entries" <<'PY'
import sys, re
doc, table, day, cpus, entries = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3], sys.argv[4], sys.argv[5]
text = open(doc).read()
block = ("<!-- answers-bench:start -->\nMeasured %s on %s cores by `bench/answers.sh --entries %s` (whole process"
         " each: JVM start, SA attach, work, print):\n\n%s<!-- answers-bench:end -->") % (day, cpus, entries, table)
if "<!-- answers-bench:start -->" in text:
    text = re.sub(r"<!-- answers-bench:start -->.*<!-- answers-bench:end -->", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n## Retained sizes, dominators, suspects (issue 5)\n\n" + block + "\n"
open(doc, "w").write(text)
PY
echo "docs/PERFORMANCE.md updated"
