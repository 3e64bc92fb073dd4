#!/usr/bin/env bash
# Benchmark of the heap graph index (issue 4): makes a core of testdata/bench/BigMap.java (1M map entries,
# about 9M objects) with each JDK, then, on the same core:
#   - builds the index (`index` command, whole process timed: wall and CPU, peak RSS);
#   - measures the baseline peak RSS of a walk without an index (`histo --no-index`): the difference, per
#     object, is what the index costs beyond the JVM, SA and the mapped core;
#   - opens the kept index again (read back, no build);
#   - times `refs ADDR` and `path ADDR` on 100 random objects in one process (median, 90th percentile);
#   - with --revptrs, runs SA's ReversePtrsAnalysis once on the JDK 17 core (jhsdb clhsdb revptrs: minutes,
#     many GB) for comparison.
# Writes the table to docs/PERFORMANCE.md. Not a test: it takes minutes and a few GB of disk. The machine's
# load average is recorded beside the figures: wall times on a busy machine are not the tool's.
#
# usage: bench/index.sh [--jdks "17 25"] [--entries N] [--revptrs] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_init "usage: bench/index.sh [--jdks \"17 25\"] [--entries N] [--revptrs] [--keep]" sa-shell-index-bench --revptrs -- "$@"
rows=()
revptrs=0
[[ $bench_flags = *" --revptrs "* ]] && revptrs=1
for v in $jdks; do
  bigmap_core "$v"
  mkdir -p "$dir/index"

  # Baseline: the same walk without an index.
  /usr/bin/time -f "%e %U %S %M" -o "$dir/histo.time" "$launcher" open "$core" --no-index --json -c 'histo -n 1' \
    > /dev/null
  # The build, whole process.
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$dir/build.time" "$launcher" open "$core" --index "$dir/index" --json \
    -c index > "$dir/build.json"
  # Read back.
  /usr/bin/time -f "%e %U %S %M" -o "$dir/reopen.time" "$launcher" open "$core" --index "$dir/index" --json \
    -c index > "$dir/reopen.json"
  # 100 random objects of the map's types, then refs and path on each in one process.
  "$launcher" open "$core" --no-index --json -c 'instances BigMap$Entry -n -1' \
    -c 'instances java.util.HashMap$Node -n -1' -c 'instances java.lang.String -n -1' \
    -c 'instances java.lang.Double -n -1' -c 'instances java.util.ArrayList -n -1' > "$dir/instances.json"
  python3 - "$dir/instances.json" > "$dir/sample.txt" <<'PY'
import json, random, sys
addresses = []
for line in open(sys.argv[1]):
    addresses += [i["address"] for i in json.loads(line)["instances"]]
random.seed(4)
print("\n".join(random.sample(addresses, 100)))
PY
  args=()
  while read -r a; do args+=(-c "refs $a -n 20" -c "path $a"); done < "$dir/sample.txt"
  SA_SHELL_JAVA_OPTS=-Dsashell.timing=true "$launcher" open "$core" --index "$dir/index" --json "${args[@]}" \
    > /dev/null 2> "$dir/queries.txt"
  revptrs_row=""
  if [[ $revptrs = 1 && $v = 17 ]]; then
    addr=$(head -1 "$dir/sample.txt")
    /usr/bin/time -f "%e %U %S %M" -o "$dir/revptrs.time" bash -c "printf 'revptrs $addr\nquit\n' | \
      '$jdk/bin/jhsdb' clhsdb --exe '$jdk/bin/java' --core '$core'" > "$dir/revptrs.txt" 2>&1 || true
    revptrs_row=$(cat "$dir/revptrs.time")
  fi
  python3 - "$dir" "$v" "$load" "$revptrs_row" > "$dir/row.txt" <<'PY'
import json, re, statistics, sys
d, v, load, rev = sys.argv[1:5]
def t(name):
    wall, user, sys_, kb = open(d + "/" + name).read().split()
    return float(wall), float(user) + float(sys_), int(kb) // 1024
built = json.loads(open(d + "/build.json").readline())
reopened = json.loads(open(d + "/reopen.json").readline())
if not built["built"] or reopened["built"]:
    sys.exit("expected a build, then a read back: %s / %s" % (built, reopened))
objects = built["objects"]
hw, hc, hr = t("histo.time"); bw, bc, br = t("build.time"); rw, rc, rr = t("reopen.time")
times = {"refs": [], "path": []}
cpus = {"refs": [], "path": []}
for line in open(d + "/queries.txt"):
    m = re.match(r"time ([0-9.]+) ms cpu ([0-9.]+) ms: (refs|path) ", line)
    if m:
        times[m.group(3)].append(float(m.group(1)))
        cpus[m.group(3)].append(float(m.group(2)))
def q(name):
    s = sorted(times[name])
    c = sorted(cpus[name])
    return "%.1f / %.1f ms (CPU %.1f / %.1f ms)" % (statistics.median(s), s[int(len(s) * 0.9)],
                                                   statistics.median(c), c[int(len(c) * 0.9)])
per_object = (br - hr) * 1048576 / objects
print("| %s | %s | %.1f s (index: %.1f s) | %.1f s | %d MB (histo: %d MB) | %.0f B | %d MB | %.1f s | %s | %s | %s |" % (
    v, f"{objects:,}", bw, built["buildMillis"] / 1000, bc, br, hr, per_object, built["fileBytes"] >> 20, rw,
    q("refs"), q("path"), load))
if rev:
    w, u, s, kb = rev.split()
    print("| %s | %s | SA ReversePtrsAnalysis (jhsdb revptrs): %.0f s | %.0f s | %d MB | | | | | | %s |" % (
        v, f"{objects:,}", float(w), float(u) + float(s), int(kb) // 1024, load))
PY
  rows+=("$(cat "$dir/row.txt")")
  rm -f "$core"
done
{
  echo "| JDK | objects | build, whole process (index alone) | build CPU | peak RSS (walk only) | index RSS per object | index file | read back | refs median / p90 (their CPU) | path median / p90 (their CPU) | load average |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$work/table.md"
cat "$work/table.md"
bench_write_block index-bench "$work/table.md" \
  "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/index.sh\` (whole process: JVM start, SA attach, roots, build, print):"
