package io.sashell.jfr;

import java.util.List;

/**
 * The answer of {@code jfr heap}: heap used before and after every GC ({@code jdk.GCHeapSummary}), the
 * maximum heap, and the trend of the after-GC floor. Times are epoch nanoseconds; {@code maxHeapBytes} is -1
 * when the recording does not say.
 */
public record HeapTrend(long startNanos, long endNanos, long maxHeapBytes, List<HeapPoint> points, Floor floor) {
    public HeapTrend {
        points = List.copyOf(points);
    }

    /** Heap used and committed, just before or just after GC {@code gcId}. */
    public record HeapPoint(long timeNanos, long gcId, boolean afterGc, long usedBytes, long committedBytes) {
    }

    /** What the after-GC heap did. */
    public enum Verdict {
        /** The floor rises: something is kept; see the rate and the projection. */
        GROWING,
        /** Within a few percent of the maximum heap, up and down. */
        STEADY,
        /** The floor drops. */
        FALLING,
        /** Fewer than three after-GC points: no trend. */
        TOO_FEW_GCS
    }

    /**
     * The after-GC floor: a least-squares line through the heap used after each collection, over time.
     * {@code nanosToMax}: from the end of the recording until the line reaches the maximum heap; 0 when it had
     * already reached it, -1 when it never will (not growing, or no maximum known). {@code lastShareOfMax}
     * is the last after-GC heap over the maximum, -1 when the maximum is unknown.
     */
    public record Floor(Verdict verdict, int points, long firstBytes, long lastBytes,
                        double bytesPerMinute, long nanosToMax, double lastShareOfMax) {
    }
}
