package io.sashell.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sashell.analysis.HistogramResult;
import io.sashell.analysis.InfoResult;
import io.sashell.analysis.InstancesResult;
import io.sashell.analysis.ProcessFacts;
import io.sashell.export.ExportResult;
import io.sashell.sa.FieldFacts;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.StackFacts;
import io.sashell.sa.VmFacts;

/**
 * {@code open --redact}: prints every result as if the core had been redacted at the {@code full} level, for a
 * screen share. Structure stays (classes, counts, sizes, addresses, references, frames); data goes: primitive
 * values and array elements, String and boxed values, thread names, the command line, JVM arguments and flags,
 * system property values. Results are rewritten before the wrapped renderer prints them, so text and JSON agree.
 */
final class RedactingRenderer implements Renderer {
    static final String REDACTED = "<redacted>";

    private final Renderer inner;

    RedactingRenderer(Renderer inner) {
        this.inner = inner;
    }

    @Override
    public void info(InfoResult r) {
        ProcessFacts p = r.process();
        ProcessFacts process = new ProcessFacts(p.pid(), REDACTED, p.signal(), p.signalName(), p.crashingTid(),
                p.executable(), p.jdkHome(), p.hsErrLog(), p.gcore(), p.threadIds(), p.bundle());
        VmFacts v = r.vm();
        VmFacts vm = v == null ? null : new VmFacts(v.vmRelease(), v.vmInfo(), v.vendor(), v.gcName(),
                v.heapCapacity(), v.heapUsed(), v.compressedOops(), v.compressedClassPointers(), v.compactHeaders(),
                v.objectAlignment(), REDACTED, REDACTED, REDACTED, redactValues(v.properties()));
        inner.info(new InfoResult(r.core(), process, vm, r.crashingThread().isEmpty() ? "" : REDACTED, r.spaces(),
                r.regionSize(), r.recording()));
    }

    private static Map<String, String> redactValues(Map<String, String> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.keySet().forEach(k -> out.put(k, REDACTED));
        return out;
    }

    @Override
    public void threads(List<JavaThreadFacts> threads, long crashingTid) {
        inner.threads(threads.stream().map(RedactingRenderer::thread).toList(), crashingTid);
    }

    private static JavaThreadFacts thread(JavaThreadFacts t) {
        return new JavaThreadFacts(t.index(), REDACTED, t.javaId(), t.osThreadId(), t.state(), t.vmState(),
                t.daemon(), t.threadAddress(), t.threadObjectAddress());
    }

    @Override
    public void stacks(List<StackFacts> stacks, long crashingTid) {
        inner.stacks(stacks.stream().map(s -> new StackFacts(thread(s.thread()), s.frames(), s.problem())).toList(),
                crashingTid);
    }

    @Override
    public void histogram(HistogramResult r) {
        inner.histogram(r);
    }

    @Override
    public void instances(InstancesResult r) {
        inner.instances(r);
    }

    @Override
    public void object(ObjectFacts r) {
        inner.object(redacted(r));
    }

    static ObjectFacts redacted(ObjectFacts r) {
        List<FieldFacts> fields = new ArrayList<>(r.fields().size());
        for (FieldFacts f : r.fields()) {
            fields.add(field(f));
        }
        List<ObjectFacts> children = r.children().stream().map(RedactingRenderer::redacted).toList();
        return new ObjectFacts(r.address(), r.klass(), r.className(), r.size(), r.arrayLength(),
                r.text().isEmpty() ? "" : REDACTED, fields, r.omittedElements(), children);
    }

    /** References keep their target (address and class) and lose its text; every other value is data. */
    static FieldFacts field(FieldFacts f) {
        if (f.reference() != 0) {
            return new FieldFacts(f.name(), f.type(), Renderer.hex(f.reference()) + " " + f.referenceClass(),
                    f.reference(), f.referenceClass());
        }
        if (f.value().equals("null")) {
            return f;
        }
        return new FieldFacts(f.name(), f.type(), REDACTED, 0, f.referenceClass());
    }

    @Override
    public void export(ExportResult r) {
        inner.export(r);
    }

    // The graph and answer results below carry structure (classes, fields, addresses, sizes, root kinds); they
    // pass through. Known gap: root and path descriptions can name threads, which threads and bt redact.

    @Override
    public void refs(io.sashell.analysis.InboundRefsResult r) {
        inner.refs(r);
    }

    @Override
    public void outboundRefs(io.sashell.analysis.OutboundRefsResult r) {
        inner.outboundRefs(r);
    }

    @Override
    public void path(io.sashell.analysis.PathResult r) {
        inner.path(r);
    }

    @Override
    public void roots(io.sashell.analysis.RootsResult r) {
        inner.roots(r);
    }

    @Override
    public void liveHistogram(io.sashell.analysis.LiveHistogramResult r) {
        inner.liveHistogram(r);
    }

    @Override
    public void index(io.sashell.analysis.IndexInfoResult r) {
        inner.index(r);
    }

    @Override
    public void top(io.sashell.analysis.TopObjectsResult r) {
        inner.top(r);
    }

    @Override
    public void dominators(io.sashell.analysis.DominatorTreeResult r) {
        inner.dominators(r);
    }

    @Override
    public void retainedHistogram(io.sashell.analysis.RetainedHistogramResult r) {
        inner.retainedHistogram(r);
    }

    @Override
    public void statics(io.sashell.analysis.StaticsResult r) {
        inner.statics(r);
    }

    @Override
    public void suspects(io.sashell.analysis.SuspectsResult r) {
        inner.suspects(r);
    }

    @Override
    public void strings(io.sashell.analysis.StringsResult r) {
        throw new io.sashell.cli.UserDataException("strings prints String contents: not shown with open --redact");
    }

    @Override
    public void memory(io.sashell.analysis.MemoryResult r) {
        inner.memory(r);
    }

    @Override
    public void diff(io.sashell.analysis.HistogramDiffResult r) {
        inner.diff(r);
    }

    @Override
    public void report(io.sashell.report.ReportResult r) {
        inner.report(r);
    }
}
