"""Rows of bench/histo.sh's table for one JDK: reads the run's files in DIR, compares the histograms of jhsdb,
sa-shell --engine sa and the walker (median run), and prints the table rows, then one note line ("- ...") per
row that differs, with the count jcmd GC.class_histogram -all gave for that class before the abort."""
import json
import re
import sys

d, v, core_mb, read_s, load = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]


def jhsdb_rows(path):
    rows = []
    for line in open(path):
        m = re.match(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(.+?)\s*$", line)
        if m:
            rows.append((m.group(3), int(m.group(1)), int(m.group(2))))
    return sorted(rows)


def our_rows(path):
    doc = json.loads(open(path).readline())
    return sorted((r["class"], r["count"], r["bytes"]) for r in doc["rows"])


PRIMITIVES = {"Z": "boolean", "B": "byte", "C": "char", "S": "short", "I": "int", "J": "long", "F": "float",
              "D": "double"}


def jcmd_name(raw):
    name = re.sub(r" \(.*\)$", "", raw.strip())
    dims = len(name) - len(name.lstrip("["))
    if dims == 0:
        return name
    rest = name[dims:]
    base = PRIMITIVES[rest] if rest in PRIMITIVES else rest[1:-1]
    return base + "[]" * dims


def jcmd_totals(path):
    totals = {}
    try:
        for line in open(path):
            m = re.match(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(.+?)\s*$", line)
            if m:
                c, b = totals.get(jcmd_name(m.group(3)), (0, 0))
                totals[jcmd_name(m.group(3))] = (c + int(m.group(1)), b + int(m.group(2)))
    except FileNotFoundError:
        pass
    return totals


def by_name(rows):
    totals = {}
    for name, count, size in rows:
        c, b = totals.get(name, (0, 0))
        totals[name] = (c + count, b + size)
    return totals


def times(name):
    """(wall seconds, CPU seconds, peak RSS in kB) of one timed run."""
    wall, user, system, kb = open(d + "/" + name).read().split()
    return float(wall), float(user) + float(system), int(kb)


walkers = sorted((times("walker.%d.time" % i), i) for i in (1, 2, 3))
(wt, wc, wr), mid = walkers[1]
jhsdb, sa, walker = jhsdb_rows(d + "/jhsdb.txt"), our_rows(d + "/sa.json"), our_rows(d + "/walker.%d.json" % mid)
objects = sum(r[1] for r in walker)
jt, jc, jr = times("jhsdb.time")
st, sc, sr = times("sa.time")
head = "| %s | %s | %d MB | %s s |" % (v, f"{objects:,}", core_mb, read_s)
print("%s jhsdb jhisto | %.1f s | %.1f s | %.0f | 1.0x | 1.0x | %d MB | %s |" % (
    head, jt, jc, sum(r[1] for r in jhsdb) / jt, jr // 1024, load))
print("%s sa-shell --engine sa | %.1f s | %.1f s | %.0f | %.1fx | %.1fx | %d MB | %s |" % (
    head, st, sc, sum(r[1] for r in sa) / st, jt / st, jc / sc, sr // 1024, load))
print("%s sa-shell (walker, median of 3: %s s) | %.2f s | %.2f s | %.0f | %.1fx | %.1fx | %d MB | %s |" % (
    head, " / ".join("%.2f" % w[0][0] for w in walkers), wt, wc, objects / wt, jt / wt, jc / wc, wr // 1024, load))

# Rows are per klass; compare per class name (a name loaded by two loaders is summed) against jcmd.
j, s, w, jc = by_name(jhsdb), by_name(sa), by_name(walker), jcmd_totals(d + "/jcmd-histo.txt")
if jhsdb != sa:
    print("- JDK %s: jhsdb and sa-shell --engine sa differ (%d rows): SA's answer changed between runs?" % (
        v, len(set(jhsdb) ^ set(sa))))
for name in sorted(set(j) | set(w)):
    if j.get(name) != w.get(name):
        print("- JDK %s: `%s`: jhsdb %s, walker %s, jcmd before the abort %s (count, bytes)" % (
            v, name, j.get(name), w.get(name), jc.get(name)))
if jhsdb == sa == walker:
    print("- JDK %s: the three histograms are equal (%d rows)." % (v, len(walker)))

# Where the time goes, from the extra run with -Dsashell.timing=true ("timing W s cpu C s anon A MB file F MB: PHASE"),
# and the walk rate against reading the heap's used bytes from the page cache (cat's rate on the whole core): the
# histo command (first walk: SA metadata and the JIT's warm-up included) and the fourth walk in the same process.
try:
    marks = []
    for line in open(d + "/phases.txt"):
        m = re.match(r"timing ([0-9.]+) s cpu ([0-9.]+) s anon (\d+) MB file (\d+) MB: (.+)", line)
        if m:
            marks.append((float(m.group(1)), float(m.group(2)), int(m.group(3)), m.group(5)))
    if len(marks) >= 5:
        steps, prev = [], (0.0, 0.0)
        for wall, cpu, anon, phase in marks:
            steps.append("%s +%.2f s (cpu +%.2f s)" % (phase, wall - prev[0], cpu - prev[1]))
            prev = (wall, cpu)
        print("- JDK %s, one run with `-Dsashell.timing=true`: %s; anonymous resident memory at the end %d MB "
              "(heap used %.0f MB)." % (v, ", ".join(steps), marks[-1][2], sum(r[2] for r in walker) / 1048576))
        used = sum(r[2] for r in walker) / 1e6
        read = used / (core_mb * 1.048576 / float(read_s))
        # The commands' own marks ("done: ..."): other marks (the attach's thread, exit) come and go between stops.
        done = [i for i, m in enumerate(marks) if m[3].startswith("done:")]
        first = marks[done[0]][0] - marks[done[0] - 1][0]
        fourth = marks[done[3]][0] - marks[done[2]][0]
        print("- JDK %s: reading the %.0f MB of used heap at cat's rate takes %.2f s; the histo command %.2f s "
              "(%.1fx), the fourth walk in the same process (JIT warm) %.2f s (%.1fx)." % (
                  v, used, read, first, first / read, fourth, fourth / read))
except FileNotFoundError:
    pass
