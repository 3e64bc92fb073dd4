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

    // The graph and answer results carry structure (classes, fields, addresses, sizes, root kinds), and one
    // kind of data: thread names, in thread roots and in the descriptions, holders and notes that quote them.

    @Override
    public void refs(io.sashell.analysis.InboundRefsResult r) {
        inner.refs(new io.sashell.analysis.InboundRefsResult(r.target(), roots(r.roots()), r.refs(), r.strongCount(),
                r.weakCount(), r.classInstances(), r.reachable()));
    }

    @Override
    public void outboundRefs(io.sashell.analysis.OutboundRefsResult r) {
        inner.outboundRefs(r);
    }

    @Override
    public void path(io.sashell.analysis.PathResult r) {
        List<String> names = new ArrayList<>();
        r.paths().forEach(p -> p.rootKinds().forEach(k -> names.add(k.threadName())));
        inner.path(new io.sashell.analysis.PathResult(r.target(), r.weak(),
                r.paths().stream().map(RedactingRenderer::path).toList(), r.unreachable(),
                r.notes().stream().map(n -> threadNamesOut(n, names)).toList()));
    }

    @Override
    public void roots(io.sashell.analysis.RootsResult r) {
        inner.roots(new io.sashell.analysis.RootsResult(r.counts(), r.shown().stream()
                .map(row -> new io.sashell.analysis.RootRow(root(row.root()), row.object())).toList(), r.matched(),
                r.kind(), notes(r.problems())));
    }

    private static io.sashell.analysis.GcPath path(io.sashell.analysis.GcPath p) {
        return p == null ? null : new io.sashell.analysis.GcPath(p.root(), roots(p.rootKinds()), p.hops());
    }

    private static List<io.sashell.analysis.RootRef> roots(List<io.sashell.analysis.RootRef> roots) {
        return roots.stream().map(RedactingRenderer::root).toList();
    }

    static io.sashell.analysis.RootRef root(io.sashell.analysis.RootRef r) {
        String name = r.threadName() == null ? "" : r.threadName();
        return new io.sashell.analysis.RootRef(r.kind(), threadNamesOut(r.description(), List.of(name)),
                name.isEmpty() ? name : REDACTED);
    }

    private static final java.util.regex.Pattern QUOTED_THREAD =
            java.util.regex.Pattern.compile("(thread\\s+)\"(?:[^\"\\\\]|\\\\.)*\"");

    /** {@code text} with each quoted thread name ({@code "NAME"}, and any {@code thread "..."}) redacted. */
    static String threadNamesOut(String text, List<String> names) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String n : names) {
            if (n != null && !n.isEmpty()) {
                out = out.replace("\"" + n + "\"", "\"" + REDACTED + "\"");
            }
        }
        return QUOTED_THREAD.matcher(out).replaceAll("$1\"" + REDACTED + "\"");
    }

    @Override
    public void liveHistogram(io.sashell.analysis.LiveHistogramResult r) {
        inner.liveHistogram(new io.sashell.analysis.LiveHistogramResult(r.rows(), r.matchedClasses(), r.totalCount(),
                r.totalBytes(), r.liveCount(), r.liveBytes(), r.pattern(), notes(r.notes())));
    }

    @Override
    public void index(io.sashell.analysis.IndexInfoResult r) {
        inner.index(new io.sashell.analysis.IndexInfoResult(r.file(), r.fileBytes(), r.built(), r.rejection(),
                r.openMillis(), r.buildMillis(), r.objects(), r.edges(), r.weakEdges(), r.roots(), r.classes(),
                r.liveObjects(), notes(r.problems())));
    }

    /** Problems and notes of the index: they name the thread whose stack could not be read. */
    private static List<String> notes(List<String> notes) {
        return notes.stream().map(n -> threadNamesOut(n, List.of())).toList();
    }

    @Override
    public void top(io.sashell.analysis.TopObjectsResult r) {
        inner.top(new io.sashell.analysis.TopObjectsResult(r.by(), r.rows().stream().map(RedactingRenderer::retained)
                .toList(), r.reachableBytes(), r.reachableObjects()));
    }

    @Override
    public void dominators(io.sashell.analysis.DominatorTreeResult r) {
        inner.dominators(new io.sashell.analysis.DominatorTreeResult(retained(r.start()), r.nodes().stream()
                .map(n -> new io.sashell.analysis.DominatorTreeResult.Node(n.depth(), retained(n.object()),
                        n.children(), n.hiddenChildren(), n.hiddenBytes())).toList(), r.reachableBytes()));
    }

    /** An object's retained size with its holder ("Java Local of thread \"NAME\"") redacted. */
    private static io.sashell.analysis.RetainedObject retained(io.sashell.analysis.RetainedObject o) {
        return o == null ? null : new io.sashell.analysis.RetainedObject(o.object(), o.retained(), o.percent(),
                o.dominator(), threadNamesOut(o.via(), List.of()));
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
        List<String> names = new ArrayList<>();
        for (io.sashell.analysis.SuspectsResult.Suspect x : r.suspects()) {
            if (x.path() != null) {
                x.path().rootKinds().forEach(k -> names.add(k.threadName()));
            }
        }
        List<io.sashell.analysis.SuspectsResult.Suspect> suspects = r.suspects().stream()
                .map(x -> new io.sashell.analysis.SuspectsResult.Suspect(x.kind(), threadNamesOut(x.holder(), names),
                        x.className(), x.instances(), retained(x.suspect()), accumulation(x.accumulation()),
                        path(x.path()),
                        threadNamesOut(x.explanation(), names))).toList();
        inner.suspects(new io.sashell.analysis.SuspectsResult(r.threshold(), r.reachableBytes(), suspects,
                r.next().stream().map(n -> threadNamesOut(n, names)).toList()));
    }

    private static io.sashell.analysis.SuspectsResult.Accumulation accumulation(
            io.sashell.analysis.SuspectsResult.Accumulation a) {
        return a == null ? null : new io.sashell.analysis.SuspectsResult.Accumulation(retained(a.object()),
                a.elementClass(), a.count(), a.elementsRetained());
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
