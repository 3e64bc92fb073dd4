#!/usr/bin/env bash
# Benchmark of the HTML report (issue 11): makes a core of testdata/bench/BigMap.java as bench/answers.sh does
# (1M map entries, about 9M objects), then times `report` from a cold start (index, dominator tree and page in
# one process) and again with the index and tree kept, with peak RSS; the page's size; and how long headless
# Chromium takes to draw it (the page's own performance.now() when its script is done, read from the dumped
# DOM, median of 3). Writes the table to docs/PERFORMANCE.md. Not a test: minutes, a few GB of disk and memory.
#
# usage: bench/report.sh [--jdks "17 25"] [--entries N] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jdks="17"
entries=1000000
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jdks) jdks=$2; shift 2 ;;
    --entries) entries=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: bench/report.sh [--jdks \"17 25\"] [--entries N] [--keep]" >&2; exit 2 ;;
  esac
done
home_of() { case "$1" in 17) echo /usr/lib/jvm/java-17-openjdk-amd64 ;; 25) echo /usr/lib/jvm/temurin-25-jdk-amd64 ;; esac; }
command -v chromium >/dev/null 2>&1 || "$root/scripts/install-chromium.sh"
(cd "$root" && mvn -B -q -DskipTests package)
work=$(mktemp -d /tmp/sa-shell-bench.XXXXXX)
chmod 700 "$work"
trap '[[ $keep = 1 ]] || rm -rf "$work"' EXIT
launcher="$root/sa-shell/sa-shell"
rows=()
for v in $jdks; do
  jdk=$(home_of "$v")
  dir="$work/jdk$v"
  mkdir -p "$dir/classes" "$dir/idx" "$dir/profile"
  "$jdk/bin/javac" -d "$dir/classes" "$root/testdata/bench/BigMap.java"
  # exec all the way down: $! is the JVM's own pid (no search by name: other runs may share this machine).
  (cd "$dir" && exec bash -c "ulimit -c unlimited; exec '$jdk/bin/java' -Xmx2g -XX:+UseG1GC -cp classes BigMap $entries" >"$dir/out.txt" 2>&1) &
  pid=$!
  until grep -q ready "$dir/out.txt" 2>/dev/null; do sleep 0.5; done
  kill -ABRT "$pid"; wait "$pid" || true
  core=$(ls "$dir"/core* | head -1)
  cat "$core" > /dev/null
  /usr/bin/time -f "%e %M" -o "$dir/cold.time" "$launcher" report "$core" -o "$dir/cold.html" --index "$dir/idx" --json > "$dir/cold.json"
  /usr/bin/time -f "%e %M" -o "$dir/kept.time" "$launcher" report "$core" -o "$dir/kept.html" --index "$dir/idx" --json > "$dir/kept.json"
  "$launcher" open "$core" --index "$dir/idx" --json -c index > "$dir/index.json"
  for i in 1 2 3; do
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --user-data-dir="$dir/profile" --dump-dom "file://$dir/kept.html" 2>/dev/null \
      | grep -o 'data-drawn-ms="[0-9]*"' | grep -o '[0-9]*' >> "$dir/drawn.txt"
  done
  python3 - "$dir" "$v" > "$dir/row.txt" <<'PY'
import json, sys
d, v = sys.argv[1], sys.argv[2]
def t(n): s, kb = open(d + "/" + n + ".time").read().split(); return float(s), int(kb) // 1024
objects = json.loads(open(d + "/index.json").readline())["objects"]
page = json.loads(open(d + "/kept.json").readline())
drawn = sorted(int(x) for x in open(d + "/drawn.txt").read().split())
for name, label in (("cold", "report from a cold start"), ("kept", "report (index and tree kept)")):
    s, rss = t(name)
    print("| %s | %s | %s | %.1f s | %d MB | %.1f MB, %d cells | %s |" % (v, f"{objects:,}", label, s, rss,
          page["bytes"] / 1e6, page["cells"], "%d ms" % drawn[len(drawn) // 2] if name == "kept" else ""))
PY
  rows+=("$(cat "$dir/row.txt")")
  rm -f "$core"
done
{
  echo "| JDK | objects | run (one process each) | seconds | peak RSS | page | Chromium draws it in |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
python3 - "$root/docs/PERFORMANCE.md" "$work/table.md" "$(date -u +%Y-%m-%d)" "$(nproc)" "$entries" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys, re
doc, table, day, cpus, entries, load = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
text = open(doc).read()
block = ("<!-- report-bench:start -->\nMeasured %s on %s cores (load average %s at the end) by `bench/report.sh"
         " --entries %s` (whole process each: JVM start, SA attach, work, writing the page):\n\n%s"
         "<!-- report-bench:end -->") % (day, cpus, load, entries, table)
if "<!-- report-bench:start -->" in text:
    text = re.sub(r"<!-- report-bench:start -->.*<!-- report-bench:end -->", lambda m: block, text, flags=re.S)
else:
    text += ("\n## `report` (issue 11)\n\nTargets: the page stays a few MB at most and loads in under 2 s for a"
             " 10M-object core.\n\n" + block + "\n")
open(doc, "w").write(text)
PY
