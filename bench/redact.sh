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
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_init "usage: bench/redact.sh [--jdks \"17 25\"] [--entries N] [--keep]" sa-shell-bench -- "$@"
rows=()
# seconds (elapsed) and CPU seconds (user + sys) of one command, as "elapsed cpu"
timed() { /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null; awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/t"; }
for v in $jdks; do
  bigmap_core "$v"
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
bench_write_block redact-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end) by \`bench/redact.sh\`; whole process (JVM start, SA attach, plan, copy, fsync), median of 3, page cache warm:"
