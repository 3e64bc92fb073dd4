package io.sashell.analysis;

import java.util.List;

/** The histogram of reachable objects beside the full one; totals over every class that matched. */
public record LiveHistogramResult(List<LiveHistogramRow> rows, long matchedClasses, long totalCount,
                                  long totalBytes, long liveCount, long liveBytes, String pattern,
                                  List<String> notes) {
    public LiveHistogramResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
