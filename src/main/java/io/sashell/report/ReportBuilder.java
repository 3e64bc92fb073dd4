package io.sashell.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.sashell.analysis.GcPaths;
import io.sashell.analysis.InfoResult;
import io.sashell.analysis.MemoryResult;
import io.sashell.analysis.ObjectSummary;
import io.sashell.analysis.PathHop;
import io.sashell.analysis.PathResult;
import io.sashell.analysis.RetainedHistogram;
import io.sashell.analysis.RetainedHistogramResult;
import io.sashell.analysis.RetainedObject;
import io.sashell.analysis.RootRef;
import io.sashell.analysis.Statics;
import io.sashell.analysis.StaticsResult;
import io.sashell.analysis.Suspects;
import io.sashell.analysis.SuspectsResult;
import io.sashell.analysis.TopObjects;
import io.sashell.analysis.TopObjectsResult;
import io.sashell.jfr.HeapTrend;
import io.sashell.sa.FieldFacts;
import io.sashell.sa.FrameFacts;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.StackFacts;
import io.sashell.sa.VmFacts;

/**
 * Builds the {@link Report} from the analyses the shell's commands run one by one: {@code suspects},
 * {@code dominators}, {@code histo --retained}, {@code top}, {@code statics}, {@code bt}, {@code memory},
 * {@code jfr heap}. Tables are capped so that the page stays a few MB on any heap.
 */
public final class ReportBuilder {
    static final double THRESHOLD = 10;
    static final int HISTOGRAM_ROWS = 500;
    static final int BIGGEST = 50;
    static final int STATICS = 50;
    /** Cells whose path and fields are embedded (the biggest); the others show their dominator chain. */
    static final int DETAILS = 150;
    static final int FIELDS = 40;
    /** A longer path keeps its first and last hops. */
    static final int PATH_HEAD = 5;
    static final int PATH_TAIL = 20;

    private ReportBuilder() {
    }

    /** With {@code redact}: structure only (see {@link ReportRedaction}). */
    public static Report build(ReportInputs in, boolean redact) {
        var index = in.index();
        var tree = in.tree();
        SuspectsResult suspects = Suspects.of(index, tree, THRESHOLD);
        RetainedHistogramResult histo = RetainedHistogram.of(index, tree, null, HISTOGRAM_ROWS);
        TopObjectsResult top = TopObjects.of(index, tree, true, BIGGEST);
        StaticsResult statics = Statics.of(index, tree, STATICS);
        Report r = new Report(summary(in, tree.reachableBytes(), top.reachableObjects()), THRESHOLD,
                suspects.suspects().stream().map(ReportBuilder::suspect).toList(), treemap(in),
                histo.rows().stream().map(h -> new Report.ClassRow(h.className(), h.loaderName(), h.liveCount(),
                        h.liveBytes(), h.retained())).toList(), histo.matchedClasses(),
                top.rows().stream().map(o -> new Report.Big(obj(o.object()), o.retained(), o.percent(), holder(o)))
                        .toList(),
                statics.rows().stream().map(s -> new Report.StaticRow(s.name(), obj(s.value()), s.retained(),
                        s.percent(), s.owned())).toList(),
                threads(in), memory(in.memory()), trend(in), in.trendNote(), commands(), redact);
        return redact ? ReportRedaction.redact(r, in) : r;
    }

    private static Report.Summary summary(ReportInputs in, long reachable, long objects) {
        InfoResult info = in.info();
        VmFacts vm = info.vm();
        var p = info.process();
        List<Report.Frame> crashing = List.of();
        for (StackFacts s : in.stacks()) {
            if (s.thread().osThreadId() == p.crashingTid()) {
                crashing = frames(s);
            }
        }
        return new Report.Summary(in.core(), vm == null ? "" : vm.vmRelease(), vm == null ? "" : vm.vendor(),
                vm == null ? "" : vm.gcName(), vm == null ? 0 : vm.heapCapacity(), vm == null ? 0 : vm.heapUsed(),
                reachable, objects, p.pid(), p.command(), p.signal(), p.signalName(), p.crashingTid(),
                info.crashingThread(), crashing, p.hsErrLog());
    }

    private static List<Report.Frame> frames(StackFacts s) {
        List<Report.Frame> out = new ArrayList<>();
        for (FrameFacts f : s.frames()) {
            out.add(new Report.Frame(f.className() + "." + f.methodName(), f.line(), f.kind()));
        }
        return out;
    }

    private static List<Report.ThreadStack> threads(ReportInputs in) {
        long tid = in.info().process().crashingTid();
        return in.stacks().stream().map(s -> new Report.ThreadStack(s.thread().index(), s.thread().name(),
                s.thread().osThreadId(), s.thread().state(), s.thread().daemon(), s.thread().osThreadId() == tid,
                frames(s))).toList();
    }

    static Report.Obj obj(ObjectSummary o) {
        return o == null ? null : new Report.Obj(TreemapNodes.hex(o.address()), o.className(), o.size());
    }

    private static String holder(RetainedObject o) {
        if (o.dominator() == null) {
            return o.via();
        }
        return o.via().isEmpty() ? "below " + o.dominator().className() + " " + TreemapNodes.hex(
                o.dominator().address()) : o.via();
    }

    private static Report.Suspect suspect(SuspectsResult.Suspect s) {
        SuspectsResult.Accumulation a = s.accumulation();
        return new Report.Suspect(s.kind(), s.holder(), obj(s.suspect().object()), s.instances(),
                s.suspect().retained(), s.suspect().percent(), a == null ? null : new Report.Accumulation(
                        obj(a.object().object()), a.elementClass(), a.count(), a.elementsRetained()),
                path(s.path()), s.explanation());
    }

    static Report.GcPath path(io.sashell.analysis.GcPath p) {
        if (p == null) {
            return null;
        }
        String root = p.rootKinds().isEmpty() ? "GC root" : rootText(p.rootKinds().get(0));
        List<PathHop> hops = p.hops();
        List<Report.Hop> out = new ArrayList<>();
        for (int i = 0; i < hops.size(); i++) {
            if (hops.size() > PATH_HEAD + PATH_TAIL && i == PATH_HEAD) {
                out.add(new Report.Hop(null, String.format("%,d more hops", hops.size() - PATH_HEAD - PATH_TAIL),
                        null));
                i = hops.size() - PATH_TAIL;
            }
            PathHop h = hops.get(i);
            out.add(new Report.Hop(obj(h.from()), h.via().describe(), obj(h.to())));
        }
        return new Report.GcPath(root + ": " + p.root().className() + " " + TreemapNodes.hex(p.root().address()),
                out);
    }

    private static String rootText(RootRef r) {
        return r.kind().label() + (r.description().isEmpty() ? "" : " (" + r.description() + ")");
    }

    private static Report.Treemap treemap(ReportInputs in) {
        List<TreemapNodes.Cell> cells = TreemapNodes.of(in.index(), in.tree());
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i < cells.size(); i++) {
            if (!cells.get(i).node().aggregate()) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingLong(i -> -cells.get(i).node().retained()).thenComparing(i -> i));
        int[] detailOf = new int[cells.size()];
        java.util.Arrays.fill(detailOf, -1);
        List<Report.Detail> details = new ArrayList<>();
        for (int i : order.subList(0, Math.min(DETAILS, order.size()))) {
            detailOf[i] = details.size();
            details.add(detail(in, cells.get(i).id()));
        }
        List<Report.Node> nodes = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Report.Node n = cells.get(i).node();
            nodes.add(new Report.Node(n.parent(), n.address(), n.className(), n.shallow(), n.retained(), n.via(),
                    n.children(), n.count(), n.aggregate(), detailOf[i]));
        }
        return new Report.Treemap(in.tree().reachableBytes(), nodes, details);
    }

    private static Report.Detail detail(ReportInputs in, int id) {
        PathResult p = GcPaths.find(in.index(), id, false, false, 1);
        Report.GcPath path = p.paths().isEmpty() ? null : path(p.paths().get(0));
        Optional<ObjectFacts> facts = in.inspector().apply(in.index().address(id));
        List<Report.Field> fields = new ArrayList<>();
        if (facts.isPresent()) {
            ObjectFacts o = facts.get();
            for (FieldFacts f : o.fields().subList(0, Math.min(FIELDS, o.fields().size()))) {
                fields.add(new Report.Field(f.name(), f.type(), f.value(),
                        f.reference() == 0 ? "" : TreemapNodes.hex(f.reference()), f.referenceClass()));
            }
            return new Report.Detail(path, fields, o.text(), o.omittedElements() + Math.max(0,
                    o.fields().size() - FIELDS));
        }
        // No field values to read: the references the index knows.
        var refs = in.index().references(id, FIELDS);
        for (var ref : refs) {
            String cls = ref.id() >= 0 ? in.index().displayName(ref.id()) : "";
            fields.add(new Report.Field(ref.label().describe(), cls, TreemapNodes.hex(ref.address()) + " " + cls,
                    TreemapNodes.hex(ref.address()), cls));
        }
        return new Report.Detail(path, fields, "", Math.max(0, in.index().referenceCount(id) - refs.size()));
    }

    private static Report.Memory memory(MemoryResult m) {
        if (m == null) {
            return null;
        }
        return new Report.Memory(m.kinds().stream().map(k -> new Report.Kind(k.kind(), k.bytes(), k.inCore()))
                .toList(), m.files().stream().limit(30).map(f -> new Report.File(f.path(), f.bytes())).toList(),
                m.total(), m.heapReserved(), m.heapCommitted(), m.heapUsed());
    }

    private static Report.Trend trend(ReportInputs in) {
        HeapTrend t = in.trend();
        if (t == null) {
            return null;
        }
        List<long[]> after = new ArrayList<>();
        List<long[]> before = new ArrayList<>();
        for (HeapTrend.HeapPoint p : t.points()) {
            long[] xy = {(p.timeNanos() - t.startNanos()) / 1_000_000, p.usedBytes()};
            (p.afterGc() ? after : before).add(xy);
        }
        return new Report.Trend(in.recording(), t.maxHeapBytes(), after, before, t.floor().verdict().name(),
                t.floor().bytesPerMinute());
    }

    private static List<Report.Command> commands() {
        return List.of(new Report.Command("summary", "info"), new Report.Command("summary", "bt"),
                new Report.Command("suspects", "suspects"), new Report.Command("treemap", "dominators --depth 3"),
                new Report.Command("histogram", "histo --retained -n " + HISTOGRAM_ROWS),
                new Report.Command("biggest", "top -n " + BIGGEST),
                new Report.Command("statics", "statics -n " + STATICS), new Report.Command("threads", "bt"),
                new Report.Command("memory", "memory -n -1"), new Report.Command("trend", "jfr heap"));
    }
}
