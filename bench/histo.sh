#!/usr/bin/env bash
# Benchmark of `histo` (issue 3): makes a core of testdata/bench/BigMap.java (1M map entries, about 8M objects)
# with each JDK, then times on the same core, in one run: reading the core (cat, page cache warm), jhsdb clhsdb
# jhisto, sa-shell with SA's iteration (--engine sa) and sa-shell with its own walker (median of 3). Checks that
# the three histograms are equal (wall and CPU time: the machine may be shared); rows that differ are compared with `jcmd GC.class_histogram -all` taken just
# before the abort (an oracle independent of SA) and listed in the table's notes. Writes the table to
# docs/PERFORMANCE.md. Not a test: it takes minutes and a few GB of disk.
#
# usage: bench/histo.sh [--jdks "17 25"] [--entries N] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_init 'usage: bench/histo.sh [--jdks "17 25"] [--entries N] [--keep]' sa-shell-histo-bench -- "$@"
export BENCH_JCMD_HISTO=1
rows=()
notes=()
for v in $jdks; do
  bigmap_core "$v"
  read_s=$( { /usr/bin/time -f "%e" cat "$core" > /dev/null; } 2>&1 )
  load=$(cut -d' ' -f1 /proc/loadavg)

  # jhsdb jhisto, once (it takes a minute or two on JDK 17)
  /usr/bin/time -f "%e %U %S %M" -o "$dir/jhsdb.time" bash -c "printf 'jhisto\nquit\n' | '$jdk/bin/jhsdb' clhsdb --exe '$jdk/bin/java' --core '$core'" > "$dir/jhsdb.txt" 2>&1
  # sa-shell with SA's own iteration, once (the first sa-shell run with this jar and JDK also archives its classes
  # for the runs below: CDS, see sa-shell/sa-shell)
  /usr/bin/time -f "%e %U %S %M" -o "$dir/sa.time" "$launcher" open "$core" --json -c 'histo -n -1 --engine sa' > "$dir/sa.json"
  # sa-shell's walker, three times: the median counts
  for i in 1 2 3; do
    /usr/bin/time -f "%e %U %S %M" -o "$dir/walker.$i.time" "$launcher" open "$core" --json -c 'histo -n -1' > "$dir/walker.$i.json"
  done
  # One more walker run with -Dsashell.timing=true: where the time goes (start-up phases, the walk, resident memory).
  # Three more walks in the same process (instances of one class: the whole heap walked again) give the walk rate
  # once the JIT has compiled the walk: the last of them counts.
  SA_SHELL_JAVA_OPTS=-Dsashell.timing=true "$launcher" open "$core" --json -c 'histo -n -1' \
    -c 'instances java.lang.Object -n 1' -c 'instances java.lang.Object -n 1' -c 'instances java.lang.Object -n 1' \
    > /dev/null 2> "$dir/phases.txt"
  python3 "$root/bench/histo_rows.py" "$dir" "$v" "$core_mb" "$read_s" "$load" > "$dir/row.txt"
  rows+=("$(grep '^|' "$dir/row.txt")")
  if grep -q '^-' "$dir/row.txt"; then notes+=("$(grep '^-' "$dir/row.txt")"); fi
  [[ $keep = 1 ]] || rm -f "$core"  # --keep keeps the cores too (delete them after)
done
{
  echo "| JDK | objects | core | cat core (warm) | tool | seconds | CPU seconds | objects/s | vs jhsdb | vs jhsdb (CPU) | peak RSS | load average |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  if [[ ${#notes[@]} -gt 0 ]]; then echo; printf '%s\n' "${notes[@]}"; fi
} > "$work/table.md"
cat "$work/table.md"
bench_write_block histo-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/histo.sh\` (whole process: JVM start, SA attach, walk, print):"
