#!/usr/bin/env bash
# Benchmark of `export` (issue 9): makes the histo benchmark's core (testdata/bench/BigMap.java, about 8M objects)
# with each JDK, then times on the same core, in one run: `jhsdb jmap --binaryheap` once, sa-shell's first run of
# this jar on this JDK (it makes the launcher's class cache, as a user's first command does: reported on a row of
# its own), `sa-shell export` five times (the median counts: this shared machine moves 10-20% from one run to the
# next), and copying sa-shell's file with cp and with dd, five times each (the disk-speed yardstick: the faster of
# the two medians). Writes the table to
# docs/PERFORMANCE.md. Not a test: it takes minutes and a few GB of disk. jhsdb is stopped after
# --jhsdb-timeout seconds (default 1800; its row then says "> N s"). The load average is in the table: on a
# shared machine every figure depends on it, the ratios measured in one run less so.
#
# usage: bench/export.sh [--jdks "17 25"] [--entries N] [--jhsdb-timeout S] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
jhsdb_timeout=1800
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jhsdb-timeout) jhsdb_timeout=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
bench_init "usage: bench/export.sh [--jdks \"17 25\"] [--entries N] [--jhsdb-timeout S] [--keep]" sa-shell-bench -- "${args[@]}"
rows=()
for v in $jdks; do
  bigmap_core "$v"

  rm -f "$dir/load.txt"
  load_mark "$dir/load.txt"
  if ! /usr/bin/time -f "%e %M" -o "$dir/jhsdb.time" timeout "$jhsdb_timeout" "$jdk/bin/jhsdb" jmap --binaryheap \
      --dumpfile "$dir/jhsdb.hprof" --exe "$jdk/bin/java" --core "$core" > "$dir/jhsdb.txt" 2>&1; then
    echo "timeout $jhsdb_timeout" > "$dir/jhsdb.time"
  fi
  # A cache folder of the benchmark's own, empty at first: run 0 makes the launcher's class cache.
  export XDG_CACHE_HOME="$work/cache"
  for i in 0 1 2 3 4 5; do
    rm -f "$dir/sa-shell.hprof"
    /usr/bin/time -f "%e %M" -o "$dir/export.$i.time" "$launcher" export "$core" -o "$dir/sa-shell.hprof" --json > "$dir/export.$i.json"
  done
  # The yardstick: writing the same number of bytes by copying sa-shell's file (from the page cache), with
  # cp (which copies inside the kernel, copy_file_range) and with dd (through a buffer), each followed by an
  # fsync; median of 5 each. The ratio is taken against the faster of the two: on this machine dd took 1.3 s
  # where cp took 0.75 s.
  cps=() dds=()
  for i in 1 2 3 4 5; do
    rm -f "$dir/copy.hprof"
    cps+=("$( { /usr/bin/time -f "%e" bash -c "cp '$dir/sa-shell.hprof' '$dir/copy.hprof' && sync '$dir/copy.hprof'"; } 2>&1 )")
    rm -f "$dir/copy.hprof"
    dds+=("$( { /usr/bin/time -f "%e" dd if="$dir/sa-shell.hprof" of="$dir/copy.hprof" bs=8M conv=fsync status=none; } 2>&1 )")
  done
  rm -f "$dir/copy.hprof"
  cp_s=$(printf '%s\n' "${cps[@]}" | median5)
  dd_s=$(printf '%s\n' "${dds[@]}" | median5)
  load_mark "$dir/load.txt"
  python3 - "$dir" "$v" "$core_mb" "$cp_s" "$dd_s" > "$dir/row.txt" <<'PY'
import json, os, sys
d, v, core_mb, cp_s, dd_s = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
copy_s = min(cp_s, dd_s)
def t(name):
    s, kb = open(d + "/" + name).read().split()
    return (None, int(kb)) if s == "timeout" else (float(s), int(kb))
load = "–".join(open(d + "/load.txt").read().split())
runs = sorted((t("export.%d.time" % i), i) for i in (1, 2, 3, 4, 5))
(et, er), mid = runs[2]
(ft, fr) = t("export.0.time")
doc = json.loads(open(d + "/export.%d.json" % mid).readline())
objects = doc["instances"] + doc["arrays"] + doc["classes"]
emb = doc["bytes"] / 1048576
wt = doc["millis"] / 1000
jt, jr = t("jhsdb.time")
if jt is None:
    print("| %s | %s | %d MB | jhsdb jmap --binaryheap | > %d s (stopped) | – | – | 1.0x | | – | | %s |" % (v, f"{objects:,}", int(core_mb), jr, load))
    vs = "> %.0fx" % (jr / et)
else:
    jmb = os.path.getsize(d + "/jhsdb.hprof") / 1048576
    print("| %s | %s | %d MB | jhsdb jmap --binaryheap | %.1f s | %.0f MB | %.1f MB/s | 1.0x | | %d MB | | %s |" % (v, f"{objects:,}", int(core_mb), jt, jmb, jmb / jt, jr // 1024, load))
    vs = "%.1fx" % (jt / et)
print("| %s | | | sa-shell export, first run of this jar on this JDK (makes the class cache) | %.1f s | | | | | %d MB | | %s |" % (v, ft, fr // 1024, load))
print("| %s | %s | %d MB | sa-shell export (median of 5) | %.1f s | %.0f MB | %.1f MB/s | %s | %.1fx | %d MB | %.1f s, %.1fx | %s |" % (v, f"{objects:,}", int(core_mb), et, emb, emb / et, vs, et / copy_s, er // 1024, wt, wt / copy_s, load))
print("| %s | | | `cp` + `sync` of sa-shell's file (median of 5) | %.2f s | %.0f MB | %.1f MB/s | | %.1fx | | | %s |" % (v, cp_s, emb, emb / cp_s, cp_s / copy_s, load))
print("| %s | | | `dd bs=8M conv=fsync` of sa-shell's file (median of 5) | %.2f s | %.0f MB | %.1f MB/s | | %.1fx | | | %s |" % (v, dd_s, emb, emb / dd_s, dd_s / copy_s, load))
PY
  rows+=("$(cat "$dir/row.txt")")
  rm -f "$core" "$dir"/*.hprof
done
{
  echo "| JDK | objects | core | tool | seconds | hprof | write rate | vs jhsdb | vs copying the file (the faster copy) | peak RSS | writing only (walk, records, fsync), vs copying | load average |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
bench_write_block export-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/export.sh\` (whole process: JVM start, SA attach, class metadata, walk, write, fsync):"
