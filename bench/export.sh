#!/usr/bin/env bash
# Benchmark of `export` (issue 9): makes the histo benchmark's core (testdata/bench/BigMap.java, about 8M objects)
# with each JDK, then times on the same core, in one run: `jhsdb jmap --binaryheap` once and `sa-shell export`
# three times (the median counts), and copying sa-shell's file (the disk-speed yardstick). Writes the table to
# docs/PERFORMANCE.md. Not a test: it takes minutes and a few GB of disk.
#
# usage: bench/export.sh [--jdks "17 25"] [--entries N] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_init "usage: bench/export.sh [--jdks \"17 25\"] [--entries N] [--keep]" sa-shell-bench -- "$@"
rows=()
for v in $jdks; do
  bigmap_core "$v"

  /usr/bin/time -f "%e %M" -o "$dir/jhsdb.time" "$jdk/bin/jhsdb" jmap --binaryheap --dumpfile "$dir/jhsdb.hprof" \
    --exe "$jdk/bin/java" --core "$core" > "$dir/jhsdb.txt" 2>&1
  for i in 1 2 3; do
    rm -f "$dir/sa-shell.hprof"
    /usr/bin/time -f "%e %M" -o "$dir/export.$i.time" "$launcher" export "$core" -o "$dir/sa-shell.hprof" --json > "$dir/export.$i.json"
  done
  # The yardstick: writing the same number of bytes by copying sa-shell's file (from the page cache).
  copy_s=$( { /usr/bin/time -f "%e" dd if="$dir/sa-shell.hprof" of="$dir/copy.hprof" bs=8M conv=fsync status=none; } 2>&1 )
  rm -f "$dir/copy.hprof"
  python3 - "$dir" "$v" "$core_mb" "$copy_s" > "$dir/row.txt" <<'PY'
import json, os, sys
d, v, core_mb, copy_s = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
def t(name): s, kb = open(d + "/" + name).read().split(); return float(s), int(kb)
jt, jr = t("jhsdb.time")
runs = sorted((t("export.%d.time" % i), i) for i in (1, 2, 3))
(et, er), mid = runs[1]
doc = json.loads(open(d + "/export.%d.json" % mid).readline())
objects = doc["instances"] + doc["arrays"] + doc["classes"]
jmb = os.path.getsize(d + "/jhsdb.hprof") / 1048576
emb = doc["bytes"] / 1048576
print("| %s | %s | %d MB | jhsdb jmap --binaryheap | %.1f s | %.0f MB | %.1f MB/s | 1.0x | | %d MB |" % (v, f"{objects:,}", int(core_mb), jt, jmb, jmb / jt, jr // 1024))
print("| %s | %s | %d MB | sa-shell export (median of 3) | %.1f s | %.0f MB | %.1f MB/s | %.1fx | %.1fx | %d MB |" % (v, f"{objects:,}", int(core_mb), et, emb, emb / et, jt / et, et / copy_s, er // 1024))
PY
  rows+=("$(cat "$dir/row.txt")")
  rm -f "$core" "$dir"/*.hprof
done
{
  echo "| JDK | objects | core | tool | seconds | hprof | write rate | vs jhsdb | vs copying the file | peak RSS |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
bench_write_block export-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/export.sh\` (whole process: JVM start, SA attach, class metadata, walk, write, fsync):"
