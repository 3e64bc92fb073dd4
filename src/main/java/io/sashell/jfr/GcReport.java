package io.sashell.jfr;

import java.util.List;

/**
 * The answer of {@code jfr gc}: pauses (count, total, longest) over the recording, grouped by cause and by
 * collector, and the last collections before the end with the heap before and after each. Times are epoch
 * nanoseconds, durations nanoseconds; heap sizes are -1 where no heap summary names the GC.
 */
public record GcReport(long count, long totalPauseNanos, long longestPauseNanos, long recordingStartNanos,
                       long recordingNanos,
                       List<Group> causes, List<Group> collectors, List<Gc> last) {
    public GcReport {
        causes = List.copyOf(causes);
        collectors = List.copyOf(collectors);
        last = List.copyOf(last);
    }

    /** Collections of one cause, or of one collector. */
    public record Group(String name, long count, long totalPauseNanos, long longestPauseNanos) {
    }

    /** One collection. */
    public record Gc(long gcId, long startNanos, String collector, String cause, long durationNanos,
                     long sumOfPausesNanos, long longestPauseNanos, long heapBeforeBytes, long heapAfterBytes) {
    }
}
