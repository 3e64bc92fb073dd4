package io.sashell.jfr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link GcReport} from {@code jdk.GarbageCollection} and {@code jdk.GCHeapSummary}. Cost: one pass over each. */
public final class GcReports {
    private GcReports() {
    }

    public static GcReport of(JfrRecording r, int last) {
        Map<Long, long[]> heap = new HashMap<>();
        Items.forEach(r.events(), e -> {
            long[] v = heap.computeIfAbsent(e.number("gcId"), k -> new long[] {-1, -1});
            v[e.text("when").startsWith("After") ? 1 : 0] = e.bytes("heapUsed");
        }, "jdk.GCHeapSummary");
        List<GcReport.Gc> gcs = new ArrayList<>();
        Items.forEach(r.events(), e -> {
            long id = e.number("gcId");
            long[] h = heap.getOrDefault(id, new long[] {-1, -1});
            gcs.add(new GcReport.Gc(id, e.startNanos(), e.text("name"), e.text("cause"), e.nanos("duration"),
                    e.nanos("sumOfPauses"), e.nanos("longestPause"), h[0], h[1]));
        }, "jdk.GarbageCollection");
        long recording = 0;
        long start = Long.MAX_VALUE;
        for (ChunkScan s : r.scans()) {
            for (ChunkScan.Chunk c : s.chunks()) {
                recording += c.durationNanos();
                start = Math.min(start, c.startNanos());
            }
        }
        if (start == Long.MAX_VALUE) {
            start = gcs.stream().mapToLong(GcReport.Gc::startNanos).min().orElse(0);
        }
        return of(gcs, start, recording, last);
    }

    public static GcReport of(List<GcReport.Gc> all, long recordingStartNanos, long recordingNanos, int last) {
        List<GcReport.Gc> gcs = new ArrayList<>(all);
        gcs.sort(Comparator.comparingLong(GcReport.Gc::startNanos).thenComparingLong(GcReport.Gc::gcId));
        long total = 0;
        long longest = 0;
        Map<String, long[]> causes = new LinkedHashMap<>();
        Map<String, long[]> collectors = new LinkedHashMap<>();
        for (GcReport.Gc g : gcs) {
            long pause = Math.max(0, g.sumOfPausesNanos());
            long longestPause = Math.max(0, g.longestPauseNanos());
            total += pause;
            longest = Math.max(longest, longestPause);
            add(causes, g.cause(), pause, longestPause);
            add(collectors, g.collector(), pause, longestPause);
        }
        List<GcReport.Gc> tail = gcs.subList(Math.max(0, gcs.size() - Math.max(0, last)), gcs.size());
        return new GcReport(gcs.size(), total, longest, recordingStartNanos, recordingNanos, groups(causes), groups(collectors), tail);
    }

    private static void add(Map<String, long[]> m, String key, long pause, long longest) {
        long[] v = m.computeIfAbsent(key.isEmpty() ? "unknown" : key, k -> new long[3]);
        v[0]++;
        v[1] += pause;
        v[2] = Math.max(v[2], longest);
    }

    private static List<GcReport.Group> groups(Map<String, long[]> m) {
        List<GcReport.Group> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new GcReport.Group(k, v[0], v[1], v[2])));
        out.sort(Comparator.comparingLong(GcReport.Group::totalPauseNanos).reversed()
                .thenComparing(Comparator.comparingLong(GcReport.Group::count).reversed())
                .thenComparing(GcReport.Group::name));
        return out;
    }
}
