#!/usr/bin/env bash
# Benchmark of what sa-shell pays per thread: a core of testdata/bench/ManyThreads.java (400 threads 25 calls deep,
# a small heap: the thread count of a busy application server) with each JDK, then, in one run: listing the GC
# roots (`open --no-index -c roots`: every frame of every thread walked for its references, the index built in
# memory) three times (the median counts), and `jhsdb jstack --core` once (SA's own walk of the same stacks, for
# scale). Writes the table to docs/PERFORMANCE.md. Not a test.
#
# usage: bench/threads.sh [--jdks "17 25"] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_init "usage: bench/threads.sh [--jdks \"17 25\"] [--keep]" sa-shell-threads -- "$@"
rows=()
for v in $jdks; do
  scenario_core "$v" ManyThreads 256m
  threads=$(sed -n 's/^threads //p' "$dir/out.txt")
  rm -f "$dir/load.txt"
  load_mark "$dir/load.txt"
  roots=()
  for _ in 1 2 3; do
    roots+=("$( { /usr/bin/time -f "%e" "$launcher" open "$core" --no-index -c roots > "$dir/roots.txt"; } 2>&1 \
      | tail -1)")
  done
  roots_s=$(printf '%s\n' "${roots[@]}" | median3)
  frames=$(awk '$1 == "Java" && $2 == "Local" {print $3}' "$dir/roots.txt")
  jstack_s=$( { /usr/bin/time -f "%e" "$jdk/bin/jhsdb" jstack --exe "$jdk/bin/java" --core "$core" \
    > /dev/null; } 2>&1 | tail -1)
  load_mark "$dir/load.txt"
  load=$(load_range "$dir/load.txt")
  rows+=("$(printf '| %s | %s | %s | %s s | %s s | %s |' "$v" "$threads" "$frames" "$roots_s" "$jstack_s" "$load")")
  rm -f "$core"
done
{
  echo "| JDK | threads | Java local roots | sa-shell roots (median of 3) | jhsdb jstack | load average |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
bench_write_block threads-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/threads.sh\` (whole processes, page cache warm):"
