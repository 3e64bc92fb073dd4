package io.sashell.analysis;

import java.util.List;

/**
 * {@code histo --retained}: per class, the retained size of the set of all its reachable instances (what
 * would become unreachable if every one of them were gone), beside their count and shallow bytes.
 */
public record RetainedHistogramResult(List<Row> rows, long matchedClasses, long reachableBytes, String pattern) {
    public RetainedHistogramResult {
        rows = List.copyOf(rows);
    }

    public record Row(String className, long klass, String loaderName, long liveCount, long liveBytes,
                      long retained) {
    }
}
