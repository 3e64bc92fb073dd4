package io.sashell.jfr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link AllocationReport}: sums the weight of {@code jdk.ObjectAllocationSample} per class and per
 * stack trace (JDK 16+); recordings without them fall back to {@code jdk.ObjectAllocationInNewTLAB} (weight:
 * the new TLAB's size) and {@code jdk.ObjectAllocationOutsideTLAB} (the object's size), as JMC does.
 * Cost: one pass over the allocation events.
 */
public final class Allocations {
    static final String SAMPLE = "jdk.ObjectAllocationSample";
    static final String IN_TLAB = "jdk.ObjectAllocationInNewTLAB";
    static final String OUTSIDE_TLAB = "jdk.ObjectAllocationOutsideTLAB";
    /** Frames of a stack that identify an allocation site. */
    static final int SITE_DEPTH = 5;
    static final int SITES_PER_CLASS = 3;

    private Allocations() {
    }

    /** One sampled allocation: class, weight, top frames. */
    record Sample(String className, long bytes, List<String> frames) {
    }

    public static AllocationReport of(JfrRecording r, int limit) {
        List<Sample> samples = new ArrayList<>();
        String source = SAMPLE;
        Items.forEach(r.events(), e -> samples.add(new Sample(e.text("objectClass"), Math.max(0, e.bytes("weight")),
                Items.frames(e.stackTrace(), SITE_DEPTH))), SAMPLE);
        if (samples.isEmpty()) {
            source = IN_TLAB + ", " + OUTSIDE_TLAB;
            Items.forEach(r.events(), e -> samples.add(new Sample(e.text("objectClass"),
                    Math.max(0, e.typeId().equals(IN_TLAB) ? e.bytes("tlabSize") : e.bytes("allocationSize")),
                    Items.frames(e.stackTrace(), SITE_DEPTH))), IN_TLAB, OUTSIDE_TLAB);
        }
        if (samples.isEmpty()) {
            source = "";
        }
        return of(source, samples, limit);
    }

    static AllocationReport of(String source, List<Sample> samples, int limit) {
        Map<String, long[]> byClass = new HashMap<>();
        Map<String, Map<List<String>, long[]>> sites = new HashMap<>();
        long total = 0;
        for (Sample s : samples) {
            String name = s.className().isEmpty() ? "unknown class" : s.className();
            long[] c = byClass.computeIfAbsent(name, k -> new long[2]);
            c[0]++;
            c[1] += s.bytes();
            long[] site = sites.computeIfAbsent(name, k -> new HashMap<>()).computeIfAbsent(s.frames(),
                    k -> new long[2]);
            site[0]++;
            site[1] += s.bytes();
            total += s.bytes();
        }
        List<Map.Entry<String, long[]>> order = new ArrayList<>(byClass.entrySet());
        order.sort(Comparator.comparing((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed()
                .thenComparing(e -> e.getValue()[0], Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey));
        List<AllocationReport.AllocatedClass> top = new ArrayList<>();
        for (Map.Entry<String, long[]> e : order) {
            if (limit >= 0 && top.size() >= limit) {
                break;
            }
            List<AllocationReport.Site> classSites = new ArrayList<>();
            sites.get(e.getKey()).forEach((frames, v) -> classSites.add(new AllocationReport.Site(frames, v[0], v[1])));
            classSites.sort(Comparator.comparingLong(AllocationReport.Site::bytes).reversed()
                    .thenComparing(Comparator.comparingLong(AllocationReport.Site::events).reversed())
                    .thenComparing(s -> String.join("\n", s.frames())));
            long bytes = e.getValue()[1];
            top.add(new AllocationReport.AllocatedClass(e.getKey(), e.getValue()[0], bytes,
                    total == 0 ? 0 : (double) bytes / total,
                    classSites.subList(0, Math.min(SITES_PER_CLASS, classSites.size())), -1, -1));
        }
        return new AllocationReport(source, samples.size(), total, byClass.size(), top);
    }
}
