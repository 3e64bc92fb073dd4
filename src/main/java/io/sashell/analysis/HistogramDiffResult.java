package io.sashell.analysis;

import java.util.List;

/**
 * {@code diff CORE_B}: per class name, instances and bytes in this core (A) and in the other (B), sorted by
 * bytes grown from A to B (question 3: take cores over time and see what grows).
 */
public record HistogramDiffResult(String coreA, String coreB, List<Row> rows, long matchedClasses, long bytesA,
                                  long bytesB, long countA, long countB) {
    public HistogramDiffResult {
        rows = List.copyOf(rows);
    }

    public record Row(String className, long countA, long bytesA, long countB, long bytesB) {
        public long countGrowth() {
            return countB - countA;
        }

        public long bytesGrowth() {
            return bytesB - bytesA;
        }
    }
}
