#!/usr/bin/env bash
# Benchmark of what sa-shell pays per class: a core of testdata/bench/ManyClasses.java (about 16,000 loaded
# classes, a 20 MB heap: the class count of a large application server) with each JDK, then, in one run:
# `sa-shell export` and building the heap graph index (`open --no-index -c index`), three times each (the median
# counts), and `jhsdb jmap --binaryheap` once. Writes the table to docs/PERFORMANCE.md. Not a test.
#
# usage: bench/classes.sh [--jdks "17 25"] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_init "usage: bench/classes.sh [--jdks \"17 25\"] [--keep]" sa-shell-classes -- "$@"
rows=()
for v in $jdks; do
  scenario_core "$v" ManyClasses 512m
  loaded=$(sed -n 's/^classes //p' "$dir/out.txt")
  rm -f "$dir/load.txt"
  load_mark "$dir/load.txt"
  exports=() indexes=()
  for _ in 1 2 3; do
    rm -f "$dir/sa-shell.hprof"
    exports+=("$( { /usr/bin/time -f "%e" "$launcher" export "$core" -o "$dir/sa-shell.hprof" > /dev/null; } 2>&1 | tail -1)")
    indexes+=("$( { /usr/bin/time -f "%e" "$launcher" open "$core" --no-index -c index > "$dir/index.txt"; } 2>&1 | tail -1)")
  done
  export_s=$(printf '%s\n' "${exports[@]}" | median3)
  index_s=$(printf '%s\n' "${indexes[@]}" | median3)
  objects=$(sed -n 's/^objects: *\([0-9,]*\).*/\1/p' "$dir/index.txt")
  jhsdb_s=$( { /usr/bin/time -f "%e" "$jdk/bin/jhsdb" jmap --binaryheap --dumpfile "$dir/jhsdb.hprof" \
    --exe "$jdk/bin/java" --core "$core" > /dev/null; } 2>&1 | tail -1)
  load_mark "$dir/load.txt"
  load=$(load_range "$dir/load.txt")
  rows+=("$(printf '| %s | %s | %s | %s s | %s s | %s s | %.1fx | %s |' "$v" "$(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$loaded")" "$objects" \
    "$export_s" "$jhsdb_s" "$index_s" "$(echo "$jhsdb_s / $export_s" | bc -l)" "$load")")
  rm -f "$core" "$dir"/*.hprof
done
{
  echo "| JDK | classes loaded | objects | sa-shell export (median of 3) | jhsdb jmap --binaryheap | index build (median of 3) | export vs jhsdb | load average |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
bench_write_block classes-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/classes.sh\` (whole processes, page cache warm):"
