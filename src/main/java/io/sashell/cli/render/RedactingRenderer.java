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
}
