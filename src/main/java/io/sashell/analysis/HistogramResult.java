package io.sashell.analysis;

import java.util.List;

/**
 * A class histogram. {@code rows} are the shown rows (after the pattern and the limit); the totals cover
 * every class that matched the pattern, shown or not.
 */
public record HistogramResult(List<HistogramRow> rows, long matchedClasses, long totalCount, long totalBytes,
                              String engine, String pattern, List<String> notes) {
    public HistogramResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
