package io.sashell.cli.render;

import java.util.List;

import io.sashell.jfr.AllocationReport;
import io.sashell.jfr.GcReport;
import io.sashell.jfr.HeapTrend;
import io.sashell.jfr.HotMethodsReport;
import io.sashell.jfr.JfrSummary;
import io.sashell.jfr.LeakReport;
import io.sashell.jfr.RecordingFinder;
import io.sashell.jfr.RulesReport;

/**
 * The {@code jfr} commands under {@code open --redact}: no string an event carries as data is printed. Kept: event
 * types and counts, times, sizes, GC names and causes, classes, methods and frames (structure, as the redacted
 * core keeps them). Gone: the JVM's and the program's arguments, the OS description (uname, host name), thread
 * names, old objects' root descriptions, and JMC's rule texts (they quote event values: flags, paths, thread
 * names), of which the rule, its severity and score stay.
 */
final class RedactingJfrRenderer implements JfrRenderer {
    private static final String REDACTED = RedactingRenderer.REDACTED;

    private final JfrRenderer inner;

    RedactingJfrRenderer(JfrRenderer inner) {
        this.inner = inner;
    }

    @Override
    public void summary(JfrSummary s) {
        JfrSummary.Jvm j = s.jvm();
        JfrSummary.Jvm jvm = j == null ? null : new JfrSummary.Jvm(j.name(), j.version(), hide(j.jvmArguments()),
                hide(j.javaArguments()), j.pid(), j.startMillis());
        JfrSummary.Host h = s.host();
        JfrSummary.Host host = h == null ? null : new JfrSummary.Host(hide(h.os()), h.cpu(), h.cores(),
                h.hardwareThreads(), h.memoryBytes());
        inner.summary(new JfrSummary(s.files(), s.version(), s.chunks(), s.fileBytes(), s.startNanos(),
                s.durationNanos(), s.events(), s.totalEvents(), s.metadata(), s.checkpoints(), jvm, host,
                s.collectors(), s.maxHeapBytes(), s.dumpReason(), s.shutdownReason(), s.damage(), s.parseNanos()));
    }

    private static String hide(String s) {
        return s == null || s.isEmpty() ? s : REDACTED;
    }

    @Override
    public void heap(HeapTrend t, int width, int rows) {
        inner.heap(t, width, rows);
    }

    @Override
    public void gc(GcReport r) {
        inner.gc(r);
    }

    @Override
    public void alloc(AllocationReport r) {
        inner.alloc(r);
    }

    @Override
    public void leaks(LeakReport r) {
        List<LeakReport.Group> groups = r.groups().stream().map(g -> new LeakReport.Group(g.className(), g.samples(),
                g.oldestAllocationNanos(), g.path(), hide(g.root()), g.allocationFrames())).toList();
        inner.leaks(new LeakReport(r.samples(), r.samplesWithPath(), groups, r.floor(), r.maxHeapBytes(),
                r.allocations()));
    }

    @Override
    public void rules(RulesReport r, boolean all, boolean explain) {
        List<RulesReport.Outcome> outcomes = r.outcomes().stream().map(o -> new RulesReport.Outcome(o.id(), o.name(),
                o.topic(), o.severity(), o.score(), hide(o.summary()), hide(o.explanation()), hide(o.solution())))
                .toList();
        inner.rules(new RulesReport(outcomes, r.evaluationNanos()), all, explain);
    }

    @Override
    public void cpu(HotMethodsReport r) {
        inner.cpu(threadsHidden(r));
    }

    @Override
    public void threads(HotMethodsReport r) {
        inner.threads(threadsHidden(r));
    }

    private static HotMethodsReport threadsHidden(HotMethodsReport r) {
        return new HotMethodsReport(r.samples(), r.nativeSamples(), r.methods(), r.threads().stream()
                .map(t -> new HotMethodsReport.ThreadSamples(REDACTED, t.samples(), t.topMethod(),
                        t.topMethodSamples())).toList());
    }

    @Override
    public void find(RecordingFinder.Search s) {
        inner.find(s);
    }
}
