#!/usr/bin/env bash
# Benchmark of `redact` (issue 7): makes a core of testdata/bench/BigMap.java (1M map entries, about 8M objects)
# with each JDK, then times on the same core, page cache warm: a plain copy of the file (cp, then fsync), the
# plan alone (redact --dry-run), redact at the basic level and at the full level (median of 3 each; redact
# fsyncs its output too). Checks that the redacted cores' histograms equal the original's, and writes the
# table to docs/PERFORMANCE.md. Not a test: it takes minutes and a few GB of disk.
#
# usage: bench/redact.sh [--jdks "17 25"] [--entries N] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jdks="17 25"
entries=1000000
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jdks) jdks=$2; shift 2 ;;
    --entries) entries=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: bench/redact.sh [--jdks \"17 25\"] [--entries N] [--keep]" >&2; exit 2 ;;
  esac
done
home_of() { case "$1" in 17) echo /usr/lib/jvm/java-17-openjdk-amd64 ;; 25) echo /usr/lib/jvm/temurin-25-jdk-amd64 ;; esac; }
(cd "$root" && mvn -B -q -DskipTests package)
work=$(mktemp -d /tmp/sa-shell-bench.XXXXXX)
chmod 700 "$work"
trap '[[ $keep = 1 ]] || rm -rf "$work"' EXIT
launcher="$root/sa-shell/sa-shell"
rows=()
# seconds (elapsed) and CPU seconds (user + sys) of one command, as "elapsed cpu"
timed() { /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null; awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/t"; }
median3() { sort -n | sed -n 2p; }
for v in $jdks; do
  jdk=$(home_of "$v")
  dir="$work/jdk$v"
  mkdir -p "$dir/classes"
  "$jdk/bin/javac" -d "$dir/classes" "$root/testdata/bench/BigMap.java"
  (cd "$dir" && bash -c "ulimit -c unlimited; exec '$jdk/bin/java' -Xmx2g -XX:+UseG1GC -cp classes BigMap $entries" >"$dir/out.txt" 2>&1) &
  pid=$!
  until grep -q ready "$dir/out.txt" 2>/dev/null; do sleep 0.5; done
  jpid=$(pgrep -f "BigMap $entries" | head -1)
  kill -ABRT "$jpid"; wait "$pid" || true
  core=$(ls "$dir"/core* | head -1)
  core_mb=$(( $(stat -c %s "$core") / 1048576 ))
  cat "$core" > /dev/null
  copy=() plan=() basic=() full=()
  for i in 1 2 3; do
    rm -f "$dir/copy" "$dir/basic.core" "$dir/full.core"
    copy+=("$(timed bash -c "cp '$core' '$dir/copy' && sync '$dir/copy'")")
    plan+=("$(timed "$launcher" redact "$core" --dry-run)")
    basic+=("$(timed "$launcher" redact "$core" -o "$dir/basic.core")")
    full+=("$(timed "$launcher" redact "$core" -o "$dir/full.core" --level full)")
  done
  for c in core basic.core full.core; do
    f="$dir/$c"; [[ $c = core ]] && f=$core
    "$launcher" open "$f" --json -c 'histo -n -1' > "$dir/$c.histo.json"
  done
  python3 - "$dir" "$v" "$core_mb" "$entries" "$(printf '%s\n' "${copy[@]}" | median3)" \
      "$(printf '%s\n' "${plan[@]}" | median3)" "$(printf '%s\n' "${basic[@]}" | median3)" \
      "$(printf '%s\n' "${full[@]}" | median3)" > "$dir/row.txt" <<'PY'
import json, sys
d, v, core_mb, entries = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
copy, plan, basic, full = [tuple(map(float, a.split())) for a in sys.argv[5:9]]
def rows(p):
    doc = json.loads(open(p).readline())
    return sorted((r["class"], r["count"], r["bytes"]) for r in doc["rows"])
o = rows(d + "/core.histo.json")
for c in ("basic.core", "full.core"):
    if rows(d + "/" + c + ".histo.json") != o:
        sys.exit("histogram of %s differs from the original's on JDK %s" % (c, v))
objects = sum(r[1] for r in o)
def row(name, t):
    print("| %s | %s | %d MB | %s | %.2f s | %.2f s | %.0f MB/s | %.1fx |" % (v, f"{objects:,}", core_mb, name, t[0], t[1],
          core_mb / t[0], t[0] / copy[0]))
row("cp + fsync", copy)
row("redact --dry-run (plan only)", plan)
row("redact (basic)", basic)
row("redact --level full", full)
PY
  rows+=("$(cat "$dir/row.txt")")
  rm -f "$core" "$dir/copy" "$dir/basic.core" "$dir/full.core"
done
{
  echo "| JDK | objects | core | run | seconds | CPU seconds | throughput | vs copy |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
python3 - "$root/docs/PERFORMANCE.md" "$work/table.md" "$(date -u +%Y-%m-%d)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys, re
doc, table, day, cpus, load = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3], sys.argv[4], sys.argv[5]
text = open(doc).read()
block = ("<!-- redact-bench:start -->\nMeasured %s on %s cores (load average %s at the end) by `bench/redact.sh`; "
         "whole process (JVM start, SA attach, plan, copy, fsync), median of 3, page cache warm:\n\n%s"
         "<!-- redact-bench:end -->") % (day, cpus, load, table)
text = re.sub(r"<!-- redact-bench:start -->.*<!-- redact-bench:end -->", lambda m: block, text, flags=re.S)
open(doc, "w").write(text)
PY
echo "docs/PERFORMANCE.md updated"
