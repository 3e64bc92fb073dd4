package io.sashell.jfr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds {@link HeapTrend} from {@code jdk.GCHeapSummary}. The floor is fitted through the heap used after
 * every collection: young collections leave old garbage counted as used, which makes a saw-tooth, but old
 * collections alone are too few and too late in a heap that fills (they bunch up just before the end).
 * Cost: one pass over the heap summaries.
 */
public final class HeapTrends {
    /** A rise of less than this share of the maximum heap over the recording is no trend. */
    static final double STEADY_SHARE = 0.05;
    static final int MIN_POINTS = 3;

    private HeapTrends() {
    }

    public static HeapTrend of(JfrRecording r) {
        List<HeapTrend.HeapPoint> points = new ArrayList<>();
        Items.forEach(r.events(), e -> {
            String when = e.text("when");
            points.add(new HeapTrend.HeapPoint(e.startNanos(), e.number("gcId"), when.startsWith("After"),
                    e.bytes("heapUsed"), e.bytes("heapSpace:committedSize")));
        }, "jdk.GCHeapSummary");
        long max = Summaries.maxHeap(r);
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (ChunkScan s : r.scans()) {
            for (ChunkScan.Chunk c : s.chunks()) {
                start = Math.min(start, c.startNanos());
                end = Math.max(end, c.startNanos() + c.durationNanos());
            }
        }
        points.sort(Comparator.comparingLong(HeapTrend.HeapPoint::timeNanos)
                .thenComparingLong(HeapTrend.HeapPoint::gcId)
                .thenComparing(HeapTrend.HeapPoint::afterGc));
        if (start == Long.MAX_VALUE) {
            start = points.isEmpty() ? 0 : points.get(0).timeNanos();
            end = points.isEmpty() ? 0 : points.get(points.size() - 1).timeNanos();
        }
        return of(start, end, max, points);
    }

    /** The trend of given points, in time order. */
    public static HeapTrend of(long startNanos, long endNanos, long maxHeapBytes, List<HeapTrend.HeapPoint> points) {
        List<HeapTrend.HeapPoint> after = new ArrayList<>();
        for (HeapTrend.HeapPoint p : points) {
            if (p.afterGc() && p.usedBytes() >= 0) {
                after.add(p);
            }
        }
        return new HeapTrend(startNanos, endNanos, maxHeapBytes, points, floor(after, endNanos, maxHeapBytes));
    }

    static HeapTrend.Floor floor(List<HeapTrend.HeapPoint> pts, long endNanos, long max) {
        int n = pts.size();
        if (n < MIN_POINTS) {
            long first = n == 0 ? -1 : pts.get(0).usedBytes();
            long last = n == 0 ? -1 : pts.get(n - 1).usedBytes();
            return new HeapTrend.Floor(HeapTrend.Verdict.TOO_FEW_GCS, n, first, last, 0, -1,
                    share(last, max));
        }
        long t0 = pts.get(0).timeNanos();
        double sx = 0;
        double sy = 0;
        for (HeapTrend.HeapPoint p : pts) {
            sx += (p.timeNanos() - t0) / 1e9;
            sy += p.usedBytes();
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (HeapTrend.HeapPoint p : pts) {
            double dx = (p.timeNanos() - t0) / 1e9 - mx;
            sxx += dx * dx;
            sxy += dx * (p.usedBytes() - my);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx; // bytes per second
        long first = pts.get(0).usedBytes();
        long last = pts.get(n - 1).usedBytes();
        double spanSeconds = (pts.get(n - 1).timeNanos() - t0) / 1e9;
        double rise = slope * spanSeconds;
        double scale = max > 0 ? max : Math.max(1, Math.max(first, last));
        HeapTrend.Verdict verdict = Math.abs(rise) < STEADY_SHARE * scale ? HeapTrend.Verdict.STEADY
                : rise > 0 ? HeapTrend.Verdict.GROWING : HeapTrend.Verdict.FALLING;
        long nanosToMax = -1;
        if (verdict == HeapTrend.Verdict.GROWING && max > 0) {
            double fittedLast = my + slope * (spanSeconds - mx);
            double atEnd = fittedLast + slope * Math.max(0, (endNanos - pts.get(n - 1).timeNanos()) / 1e9);
            double level = Math.max(atEnd, last);
            nanosToMax = level >= max ? 0 : (long) ((max - level) / slope * 1e9);
        }
        return new HeapTrend.Floor(verdict, n, first, last, slope * 60, nanosToMax, share(last, max));
    }

    private static double share(long bytes, long max) {
        return max > 0 && bytes >= 0 ? (double) bytes / max : -1;
    }
}
