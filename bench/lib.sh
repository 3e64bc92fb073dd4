# shellcheck shell=bash disable=SC2034,SC2154
# Shared by the bench scripts (sourced, not run): options, the work folder, the benchmark core, and writing a
# table into docs/PERFORMANCE.md. A script sets `root` before sourcing this file (and `jdks` to change the
# default "17 25").
#
# bench_init USAGE PREFIX [--FLAG...] -- "$@"
#                         parses --jdks, --entries, --keep into $jdks, $entries, $keep, and each script flag
#                         --FLAG into $bench_flags (a string of the flags given); anything else prints USAGE,
#                         exit 2. Then builds the jar, makes $work (/tmp/PREFIX.*, mode 0700, removed on exit
#                         unless --keep) and sets $launcher.
# home_of V               the JDK home of version 17 or 25.
# scenario_core V NAME XMX [ARG...]   sets $jdk and $dir ($work/jdkV), makes a core of testdata/bench/NAME.java (G1,
#                         -XmxXMX, the ARGs as its arguments) with JDK V in $dir once it prints "ready", sets $core
#                         and $core_mb, reads it once (page cache warm for every tool); its output is $dir/out.txt.
#                         With BENCH_JCMD_HISTO=1, $dir/jcmd-histo.txt holds `jcmd GC.class_histogram -all` taken
#                         just before the abort: an oracle independent of SA.
# bigmap_core V           scenario_core V BigMap 2g $entries: the benchmark heap of about 8M objects.
# bench_write_block NAME TABLE INTRO   replaces the block <!-- NAME:start --> .. <!-- NAME:end --> of
#                         docs/PERFORMANCE.md by INTRO (a line), a blank line and the table file TABLE.
# median3, median5        the middle of the three (five) numbers on standard input.
# load_mark FILE          appends the 1-minute load average to FILE (at the start of a JDK's runs, and at the end).
# load_range FILE         the marks of FILE as "START–END", for the tables' load average column.

home_of() {
  case "$1" in
    17) echo /usr/lib/jvm/java-17-openjdk-amd64 ;;
    25) echo /usr/lib/jvm/temurin-25-jdk-amd64 ;;
    *) echo "unknown JDK version: $1" >&2; return 1 ;;
  esac
}

bench_init() {
  local usage=$1 prefix=$2 known=" "
  shift 2
  while [[ $# -gt 0 && $1 != -- ]]; do known+="$1 "; shift; done
  shift
  jdks=${jdks:-"17 25"}
  entries=1000000
  keep=0
  bench_flags=" "
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --jdks) jdks=$2; shift 2 ;;
      --entries) entries=$2; shift 2 ;;
      --keep) keep=1; shift ;;
      *) [[ $known = *" $1 "* ]] || { echo "$usage" >&2; exit 2; }; bench_flags+="$1 "; shift ;;
    esac
  done
  (cd "$root" && mvn -B -q -DskipTests package)
  work=$(mktemp -d "/tmp/$prefix.XXXXXX")
  chmod 700 "$work"
  # shellcheck disable=SC2064
  trap "[[ \$keep = 1 ]] || rm -rf '$work'" EXIT
  launcher="$root/sa-shell/sa-shell"
}

scenario_core() {
  local v=$1 name=$2 xmx=$3 jpid
  shift 3
  jdk=$(home_of "$v")
  dir="$work/jdk$v"
  mkdir -p "$dir/classes"
  "$jdk/bin/javac" -d "$dir/classes" "$root/testdata/bench/$name.java"
  # $! is the JVM itself (exec), so no other JVM on the machine is aborted by mistake.
  bash -c "cd '$dir'; ulimit -c unlimited; exec '$jdk/bin/java' -Xmx$xmx -XX:+UseG1GC -cp classes $name $*" \
    > "$dir/out.txt" 2>&1 &
  jpid=$!
  until grep -q ready "$dir/out.txt" 2>/dev/null; do
    kill -0 "$jpid" 2>/dev/null || { echo "$name (JDK $v) died before it was ready:" >&2; cat "$dir/out.txt" >&2; return 1; }
    sleep 0.5
  done
  if [[ ${BENCH_JCMD_HISTO:-0} = 1 ]]; then
    "$jdk/bin/jcmd" "$jpid" GC.class_histogram -all > "$dir/jcmd-histo.txt"
  fi
  kill -ABRT "$jpid"
  wait "$jpid" || true
  core=$(ls "$dir"/core* | head -1)
  chmod 600 "$core"
  core_mb=$(( $(stat -c %s "$core") / 1048576 ))
  cat "$core" > /dev/null
}

bigmap_core() {
  scenario_core "$1" BigMap 2g "$entries"
}

bench_write_block() {
  python3 - "$root/docs/PERFORMANCE.md" "$1" "$2" "$3" <<'PY'
import re, sys
doc, name, table, intro = sys.argv[1], sys.argv[2], open(sys.argv[3]).read(), sys.argv[4]
text = open(doc).read()
start, end = "<!-- %s:start -->" % name, "<!-- %s:end -->" % name
if start not in text:
    sys.exit("docs/PERFORMANCE.md has no %s block" % name)
block = "%s\n%s\n\n%s%s" % (start, intro, table, end)
text = re.sub(re.escape(start) + ".*" + re.escape(end), lambda m: block, text, flags=re.S)
open(doc, "w").write(text)
PY
  echo "docs/PERFORMANCE.md updated"
}

median3() { sort -n | sed -n 2p; }

median5() { sort -n | sed -n 3p; }

load_mark() { cut -d' ' -f1 /proc/loadavg >> "$1"; }

load_range() { paste -sd'-' "$1" | sed 's/-/–/'; }
