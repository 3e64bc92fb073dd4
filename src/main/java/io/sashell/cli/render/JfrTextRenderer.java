package io.sashell.cli.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import io.sashell.jfr.AllocationReport;
import io.sashell.jfr.GcReport;
import io.sashell.jfr.HeapTrend;
import io.sashell.jfr.HotMethodsReport;
import io.sashell.jfr.JfrSummary;
import io.sashell.jfr.LeakReport;
import io.sashell.jfr.RecordingFinder;
import io.sashell.jfr.RulesReport;

/** The {@code jfr} answers as plain text for the terminal. */
final class JfrTextRenderer implements JfrRenderer {
    static final int CHART_ROWS = 10;
    private final PrintWriter out;

    JfrTextRenderer(PrintWriter out) {
        this.out = out;
    }

    private void row(String key, String value) {
        out.printf("%-11s %s%n", key + ":", value);
    }

    @Override
    public void summary(JfrSummary s) {
        row("recording", String.join(", ", s.files()));
        row("size", Units.bytes(s.fileBytes()) + (s.version().isEmpty() ? "" : ", format " + s.version())
                + ", " + s.chunks() + (s.chunks() == 1 ? " chunk" : " chunks"));
        row("span", JfrFormat.utc(s.startNanos()) + ", " + JfrFormat.duration(s.durationNanos()));
        JfrSummary.Jvm jvm = s.jvm();
        if (!jvm.version().isEmpty()) {
            String version = jvm.version().replaceFirst(", built on .*$", "");
            row("jvm", version + (jvm.pid() > 0 ? ", pid " + jvm.pid() : ""));
        }
        if (!jvm.jvmArguments().isEmpty()) {
            row("jvm args", jvm.jvmArguments());
        }
        if (!jvm.javaArguments().isEmpty()) {
            row("command", jvm.javaArguments());
        }
        JfrSummary.Host h = s.host();
        if (!h.os().isEmpty()) {
            row("host", h.os() + (h.cores() > 0 ? ", " + h.cores() + " cores / " + h.hardwareThreads()
                    + " hardware threads" : "") + (h.memoryBytes() > 0 ? ", " + Units.bytes(h.memoryBytes())
                    + " memory" : ""));
        }
        if (!s.collectors().isEmpty()) {
            row("gc", s.collectors() + (s.maxHeapBytes() > 0 ? ", max heap " + Units.bytes(s.maxHeapBytes()) : ""));
        }
        if (!s.dumpReason().isEmpty() || !s.shutdownReason().isEmpty()) {
            row("dumped", (s.dumpReason().isEmpty() ? "at its end" : "because: " + s.dumpReason())
                    + (s.shutdownReason().isEmpty() ? "" : " (shutdown: " + s.shutdownReason() + ")"));
        }
        for (String d : s.damage()) {
            row("damage", d);
        }
        row("parsed in", JfrFormat.duration(s.parseNanos()));
        out.println();
        boolean sizes = s.events().stream().anyMatch(e -> e.bytes() >= 0);
        int width = Math.max(10, s.events().stream().mapToInt(e -> e.type().length()).max().orElse(10));
        out.printf(" %-" + width + "s %10s%s%n", "event type", "count", sizes ? String.format("%14s", "bytes") : "");
        boolean fewer = false;
        for (JfrSummary.EventCount e : s.events()) {
            boolean differs = e.jmcCount() != e.count();
            fewer |= differs;
            out.printf(" %-" + width + "s %,10d%s%s%n", e.type(), e.count(),
                    sizes ? String.format(Locale.ROOT, "%,14d", e.bytes()) : "",
                    differs ? String.format(Locale.ROOT, "  * JMC reads %,d", e.jmcCount()) : "");
        }
        out.printf("%,d events of %d types", s.totalEvents(), s.events().size());
        if (s.metadata().bytes() >= 0) {
            out.printf(Locale.ROOT, "; framing: %,d metadata (%,d bytes), %,d checkpoints (%,d bytes)",
                    s.metadata().count(), s.metadata().bytes(), s.checkpoints().count(), s.checkpoints().bytes());
        } else {
            out.print("; a compressed file: no sizes");
        }
        out.println();
        if (fewer) {
            out.println("* the other jfr commands see only the events JMC reads (JMC leaves out some, such as the "
                    + "jdk.JavaExceptionThrow events of Errors)");
        }
        out.flush();
    }

    @Override
    public void heap(HeapTrend t, int width, int rows) {
        long after = t.points().stream().filter(HeapTrend.HeapPoint::afterGc).count();
        if (t.points().isEmpty()) {
            out.println("no heap summaries (jdk.GCHeapSummary) in this recording: no GC was recorded");
            out.flush();
            return;
        }
        out.printf("heap used before and after each GC: %d GCs over %s%s%n", after,
                JfrFormat.duration(t.endNanos() - t.startNanos()),
                t.maxHeapBytes() > 0 ? ", max heap " + Units.bytes(t.maxHeapBytes()) + " (the chart's top)" : "");
        for (String line : JfrHeapChart.render(t, width, CHART_ROWS)) {
            out.println(line);
        }
        out.println("█ after GC (floor)  ░ before GC (peak)");
        out.println();
        floor(t.floor(), t.maxHeapBytes()).forEach(out::println);
        out.println();
        List<HeapTrend.HeapPoint> pts = t.points();
        java.util.Map<Long, long[]> byGc = new java.util.LinkedHashMap<>();
        java.util.Map<Long, Long> times = new java.util.HashMap<>();
        for (HeapTrend.HeapPoint p : pts) {
            long[] v = byGc.computeIfAbsent(p.gcId(), k -> new long[] {-1, -1});
            v[p.afterGc() ? 1 : 0] = p.usedBytes();
            times.putIfAbsent(p.gcId(), p.timeNanos());
        }
        List<Long> ids = new java.util.ArrayList<>(byGc.keySet());
        int from = rows < 0 ? 0 : Math.max(0, ids.size() - rows);
        out.printf("%6s %10s %12s %12s%n", "gc", "time", "before", "after");
        for (Long id : ids.subList(from, ids.size())) {
            long[] v = byGc.get(id);
            out.printf("%6d %10s %12s %12s%n", id, JfrFormat.offset(times.get(id), t.startNanos()),
                    v[0] < 0 ? "" : Units.bytes(v[0]), v[1] < 0 ? "" : Units.bytes(v[1]));
        }
        if (from > 0) {
            out.printf("(%d earlier GCs not shown; -n -1 shows all)%n", from);
        }
        out.flush();
    }

    /** What the after-GC floor did, in one or two lines. */
    static List<String> floor(HeapTrend.Floor f, long max) {
        List<String> lines = new java.util.ArrayList<>();
        String span = String.format(Locale.ROOT, "%s per minute (%s → %s over %d GCs)", signed(f.bytesPerMinute()),
                Units.bytes(f.firstBytes()), Units.bytes(f.lastBytes()), f.points());
        switch (f.verdict()) {
            case TOO_FEW_GCS:
                lines.add(String.format(Locale.ROOT, "after-GC floor: %d GC%s recorded, too few for a trend",
                        f.points(), f.points() == 1 ? "" : "s"));
                break;
            case STEADY:
                lines.add("after-GC floor: steady, " + span);
                break;
            case FALLING:
                lines.add("after-GC floor: falling, " + span);
                break;
            default:
                lines.add("after-GC floor: growing, " + span + ": memory is kept, not freed");
                if (f.nanosToMax() == 0) {
                    lines.add("at that rate the heap has reached its " + Units.bytes(max) + " maximum: the last floor "
                            + "was " + JfrFormat.percent(f.lastShareOfMax()) + " of it");
                } else if (f.nanosToMax() > 0) {
                    lines.add("at that rate the heap reaches its " + Units.bytes(max) + " maximum about "
                            + JfrFormat.duration(f.nanosToMax()) + " after the recording ends");
                }
        }
        return lines;
    }

    private static String signed(double bytesPerMinute) {
        long b = Math.round(Math.abs(bytesPerMinute));
        return (bytesPerMinute < 0 ? "-" : "+") + Units.bytes(b);
    }

    @Override
    public void gc(GcReport r) {
        if (r.count() == 0) {
            out.println("no garbage collections (jdk.GarbageCollection) in this recording");
            out.flush();
            return;
        }
        out.printf("%d GCs in %s, paused %s in all%s, longest pause %s%n", r.count(),
                JfrFormat.duration(r.recordingNanos()), JfrFormat.duration(r.totalPauseNanos()),
                r.recordingNanos() > 0 ? " (" + JfrFormat.percent((double) r.totalPauseNanos() / r.recordingNanos())
                        + " of the time)" : "", JfrFormat.duration(r.longestPauseNanos()));
        groups("cause", r.causes());
        groups("collector", r.collectors());
        out.println();
        out.printf("last %d GCs:%n", r.last().size());
        int cw = Math.max(9, r.last().stream().mapToInt(g -> g.collector().length()).max().orElse(9));
        int uw = Math.max(5, r.last().stream().mapToInt(g -> g.cause().length()).max().orElse(5));
        out.printf("%6s %10s  %-" + cw + "s  %-" + uw + "s %10s  %s%n", "gc", "time", "collector", "cause", "pause",
                "heap before → after");
        for (GcReport.Gc g : r.last()) {
            out.printf("%6d %10s  %-" + cw + "s  %-" + uw + "s %10s  %s%n", g.gcId(),
                    JfrFormat.offset(g.startNanos(), r.recordingStartNanos()), g.collector(), g.cause(),
                    JfrFormat.duration(g.sumOfPausesNanos()),
                    g.heapBeforeBytes() < 0 ? "" : Units.bytes(g.heapBeforeBytes()) + " → "
                            + Units.bytes(g.heapAfterBytes()));
        }
        out.flush();
    }

    private void groups(String title, List<GcReport.Group> groups) {
        int w = Math.max(title.length(), groups.stream().mapToInt(g -> g.name().length()).max().orElse(0));
        out.println();
        out.printf(" %-" + w + "s %7s %10s %10s%n", title, "count", "total", "longest");
        for (GcReport.Group g : groups) {
            out.printf(" %-" + w + "s %,7d %10s %10s%n", g.name(), g.count(), JfrFormat.duration(g.totalPauseNanos()),
                    JfrFormat.duration(g.longestPauseNanos()));
        }
    }

    @Override
    public void alloc(AllocationReport r) {
        if (r.source().isEmpty()) {
            out.println("no allocation events in this recording (jdk.ObjectAllocationSample, on by default since "
                    + "JDK 16, or the TLAB events of settings=profile)");
            out.flush();
            return;
        }
        out.printf("%,d allocation events (%s), %s allocated in all by their weights%n", r.events(), r.source(),
                Units.bytes(r.totalBytes()));
        boolean live = r.top().stream().anyMatch(c -> c.liveInstances() >= 0);
        out.printf("%3s %10s %7s %7s  %s%n", "#", "weight", "share", "events", "class" + (live ? "  (live in the core)" : ""));
        int i = 1;
        for (AllocationReport.AllocatedClass c : r.top()) {
            out.printf("%3d %10s %7s %,7d  %s%s%n", i++, Units.bytes(c.bytes()), JfrFormat.percent(c.share()),
                    c.events(), c.className(), c.liveInstances() < 0 ? ""
                            : String.format(Locale.ROOT, "  (%,d live, %s)", c.liveInstances(),
                                    Units.bytes(c.liveBytes())));
            for (AllocationReport.Site s : c.sites()) {
                String weight = String.format(Locale.ROOT, "  (%s, %,d event%s)", Units.bytes(s.bytes()), s.events(),
                        s.events() == 1 ? "" : "s");
                if (s.frames().isEmpty()) {
                    out.println("      no stack trace" + weight);
                    continue;
                }
                for (int f = 0; f < s.frames().size(); f++) {
                    out.println((f == 0 ? "      at " : "         ") + s.frames().get(f) + (f == 0 ? weight : ""));
                }
            }
        }
        long hidden = r.classes() - r.top().size();
        if (hidden > 0) {
            out.printf("(%,d more class%s; -n N shows more)%n", hidden, hidden == 1 ? "" : "es");
        }
        out.flush();
    }

    @Override
    public void leaks(LeakReport r) {
        if (r.samples() == 0) {
            out.println("no old-object samples (jdk.OldObjectSample) in this recording: the JVM writes them when a "
                    + "recording is dumped normally (jcmd JFR.dump, or at exit); an emergency dump after a crash has "
                    + "none, and their paths to GC roots need path-to-gc-roots=true.");
            out.println("what the recording offers instead:");
            floor(r.floor(), r.maxHeapBytes()).forEach(l -> out.println("  " + l));
            if (!r.allocations().isEmpty()) {
                out.println("  heaviest allocations:");
                for (AllocationReport.AllocatedClass c : r.allocations()) {
                    out.printf("    %7s %10s  %s%s%n", JfrFormat.percent(c.share()), Units.bytes(c.bytes()),
                            c.className(), c.sites().isEmpty() || c.sites().get(0).frames().isEmpty() ? ""
                                    : "  at " + c.sites().get(0).frames().get(0));
                }
            }
            out.println("  in the core: histo shows what is live now, instances and inspect show the objects");
            out.flush();
            return;
        }
        out.printf("%,d old-object samples (objects sampled at allocation, still alive when the recording was "
                + "written), %,d with a path to a GC root%n", r.samples(), r.samplesWithPath());
        for (LeakReport.Group g : r.groups()) {
            out.println();
            out.printf("%,d × %s%s%n", g.samples(), g.className(), g.oldestAllocationNanos() > 0
                    ? ", oldest allocated " + JfrFormat.utc(g.oldestAllocationNanos()) : "");
            for (int i = 0; i < g.path().size(); i++) {
                out.printf("    %s%s%n", i == 0 ? "" : "← ", g.path().get(i));
            }
            if (!g.root().isEmpty()) {
                out.printf("    root: %s%n", g.root());
            }
            if (!g.allocationFrames().isEmpty()) {
                out.printf("    allocated at %s%n", String.join(" ← ", g.allocationFrames()));
            }
        }
        out.flush();
    }

    @Override
    public void rules(RulesReport r, boolean all, boolean explain) {
        long[] counts = new long[RulesReport.Severity.values().length];
        r.outcomes().forEach(o -> counts[o.severity().ordinal()]++);
        out.printf("JMC's rules: %d evaluated in %s: %d warning%s, %d information, %d ok, %d not applicable%n",
                r.outcomes().size(), JfrFormat.duration(r.evaluationNanos()),
                counts[RulesReport.Severity.WARNING.ordinal()],
                counts[RulesReport.Severity.WARNING.ordinal()] == 1 ? "" : "s",
                counts[RulesReport.Severity.INFO.ordinal()], counts[RulesReport.Severity.OK.ordinal()],
                counts[RulesReport.Severity.NA.ordinal()] + counts[RulesReport.Severity.IGNORE.ordinal()]);
        for (RulesReport.Outcome o : r.outcomes()) {
            boolean fired = o.severity() == RulesReport.Severity.WARNING || o.severity() == RulesReport.Severity.INFO;
            if (!all && !fired) {
                continue;
            }
            out.println();
            out.printf("%-7s %5s  %s (%s)%n", o.severity().name().toLowerCase(Locale.ROOT),
                    Double.isNaN(o.score()) ? "" : String.format(Locale.ROOT, "%.0f", o.score()), o.name(), o.id());
            if (!o.summary().isEmpty()) {
                out.printf("%15s%s%n", "", o.summary());
            }
            if (explain) {
                if (!o.explanation().isEmpty()) {
                    out.printf("%15s%s%n", "", o.explanation());
                }
                if (!o.solution().isEmpty()) {
                    out.printf("%15ssolution: %s%n", "", o.solution());
                }
            }
        }
        if (!all) {
            out.println();
            out.println("(--all shows every rule; --explain adds JMC's explanations)");
        }
        out.flush();
    }

    @Override
    public void cpu(HotMethodsReport r) {
        if (noSamples(r)) {
            return;
        }
        out.printf("%,d execution samples (jdk.ExecutionSample), %,d native method samples%n", r.samples(),
                r.nativeSamples());
        out.printf("%8s %7s %8s  %s%n", "on top", "share", "on stack", "method");
        for (HotMethodsReport.Method m : r.methods()) {
            out.printf("%,8d %7s %,8d  %s%n", m.self(), JfrFormat.percent((double) m.self() / r.samples()), m.total(),
                    m.method());
        }
        out.flush();
    }

    @Override
    public void threads(HotMethodsReport r) {
        if (noSamples(r)) {
            return;
        }
        out.printf("%,d execution samples (jdk.ExecutionSample) by thread%n", r.samples());
        out.printf("%8s %7s  %-30s %s%n", "samples", "share", "thread", "hottest method (samples on top)");
        for (HotMethodsReport.ThreadSamples t : r.threads()) {
            out.printf("%,8d %7s  %-30s %s (%,d)%n", t.samples(), JfrFormat.percent((double) t.samples() / r.samples()),
                    t.thread(), t.topMethod(), t.topMethodSamples());
        }
        out.flush();
    }

    private boolean noSamples(HotMethodsReport r) {
        if (r.samples() > 0) {
            return false;
        }
        out.println("no execution samples (jdk.ExecutionSample) in this recording: it samples running Java code "
                + "(every 20 ms with the default settings), so a program that mostly waited or ran briefly has few");
        out.flush();
        return true;
    }

    @Override
    public void find(RecordingFinder.Search s) {
        if (s.best().isEmpty()) {
            out.println("no recording found");
        }
        boolean first = true;
        for (RecordingFinder.Found f : s.all()) {
            row(first ? "recording" : "also", f.files().get(0) + (f.files().size() > 1 ? " and " + (f.files().size() - 1)
                    + " more" : "") + " (" + f.how() + ")");
            first = false;
        }
        for (String l : s.looked()) {
            row("looked", l);
        }
        out.flush();
    }
}
