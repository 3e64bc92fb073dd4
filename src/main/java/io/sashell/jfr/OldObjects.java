package io.sashell.jfr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmc.common.IMCOldObject;
import org.openjdk.jmc.common.IMCOldObjectArray;
import org.openjdk.jmc.common.IMCOldObjectField;
import org.openjdk.jmc.common.IMCOldObjectGcRoot;
import org.openjdk.jmc.common.unit.UnitLookup;

/** Builds {@link LeakReport} from {@code jdk.OldObjectSample}. Cost: one pass over the samples. */
public final class OldObjects {
    static final String TYPE = "jdk.OldObjectSample";
    /** Paths longer than this are cut in the middle: the object's end and the root's end tell most. */
    static final int MAX_PATH = 12;

    private OldObjects() {
    }

    public static LeakReport of(JfrRecording r, int limit) {
        Map<String, Group> groups = new LinkedHashMap<>();
        long[] counts = new long[2];
        Items.forEach(r.events(), e -> {
            Object obj = e.get("object");
            Object root = e.get("root");
            List<String> path = obj instanceof IMCOldObject ? path((IMCOldObject) obj) : List.of();
            String className = obj instanceof IMCOldObject && ((IMCOldObject) obj).getType() != null
                    ? ((IMCOldObject) obj).getType().getFullName() : "unknown class";
            String rootText = root instanceof IMCOldObjectGcRoot ? root((IMCOldObjectGcRoot) root) : "";
            counts[0]++;
            if (path.size() > 1 || !rootText.isEmpty()) {
                counts[1]++;
            }
            String key = className + "\n" + String.join("\n", path).replaceAll("\\[\\d+\\]", "[]") + "\n" + rootText;
            Group g = groups.computeIfAbsent(key, k -> new Group(className, path, rootText,
                    Items.frames(e.stackTrace(), Allocations.SITE_DEPTH)));
            g.samples++;
            long allocated = e.quantity("allocationTime", UnitLookup.EPOCH_NS, -1);
            if (allocated > 0 && (g.oldest < 0 || allocated < g.oldest)) {
                g.oldest = allocated;
            }
        }, TYPE);
        List<LeakReport.Group> out = new ArrayList<>();
        for (Group g : groups.values()) {
            out.add(new LeakReport.Group(g.className, g.samples, g.oldest, g.path, g.root, g.frames));
        }
        out.sort(Comparator.comparingLong(LeakReport.Group::samples).reversed()
                .thenComparing(LeakReport.Group::className));
        List<LeakReport.Group> shown = limit >= 0 && out.size() > limit ? out.subList(0, limit) : out;
        HeapTrend trend = HeapTrends.of(r);
        List<AllocationReport.AllocatedClass> alloc = counts[0] == 0 ? Allocations.of(r, 5).top() : List.of();
        return new LeakReport(counts[0], counts[1], shown, trend.floor(), trend.maxHeapBytes(), alloc);
    }

    /** The object, then each referrer with the field or array slot through which it holds the previous one. */
    static List<String> path(IMCOldObject object) {
        List<String> steps = new ArrayList<>();
        IMCOldObject o = object;
        steps.add(describe(o, ""));
        int guard = 0;
        while (o.getReferrer() != null && guard++ < 10_000) {
            IMCOldObject holder = o.getReferrer();
            String how = "";
            IMCOldObjectField field = o.getReferrerField();
            IMCOldObjectArray array = o.getReferrerArray();
            if (field != null && field.getName() != null) {
                how = "." + field.getName();
            } else if (array != null && array.getIndex() != null) {
                how = " [" + array.getIndex() + "]";
            }
            if (o.getReferrerSkip() > 0) {
                steps.add("... " + o.getReferrerSkip() + " objects not recorded ...");
            }
            steps.add(describe(holder, how));
            o = holder;
        }
        if (steps.size() > MAX_PATH) {
            int keep = MAX_PATH / 2;
            List<String> cut = new ArrayList<>(steps.subList(0, keep));
            cut.add("... " + (steps.size() - 2 * keep) + " more steps ...");
            cut.addAll(steps.subList(steps.size() - keep, steps.size()));
            return cut;
        }
        return steps;
    }

    /**
     * "java.util.ArrayList.elementData (Size: 200000)"; a static field reads as its class's:
     * "Old.KEEP (static field)" rather than "java.lang.Class.KEEP (Class Name: Old)".
     */
    static String describe(IMCOldObject o, String how) {
        String type = o.getType() == null ? "unknown class" : o.getType().getFullName();
        String d = o.getDescription() == null ? "" : o.getDescription();
        if (type.equals("java.lang.Class") && d.startsWith("Class Name: ") && how.startsWith(".")) {
            return d.substring("Class Name: ".length()).strip() + how + " (static field)";
        }
        return type + how + (d.isEmpty() ? "" : " (" + d + ")");
    }

    private static String root(IMCOldObjectGcRoot root) {
        List<String> parts = new ArrayList<>();
        for (String s : new String[] {root.getType(), root.getSystem(), root.getDescription()}) {
            if (s != null && !s.isEmpty()) {
                parts.add(s);
            }
        }
        return String.join(", ", parts);
    }

    private static final class Group {
        final String className;
        final List<String> path;
        final String root;
        final List<String> frames;
        long samples;
        long oldest = -1;

        Group(String className, List<String> path, String root, List<String> frames) {
            this.className = className;
            this.path = path;
            this.root = root;
            this.frames = frames;
        }
    }
}
