package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The growth by class between two histograms. Classes are matched by name (a class loaded by several loaders
 * is summed), since loaders and Klass addresses differ from one process or run to the next.
 */
public final class HistogramDiff {
    private HistogramDiff() {
    }

    public static HistogramDiffResult of(String coreA, List<HistogramRow> a, String coreB, List<HistogramRow> b,
                                         long limit) {
        Map<String, long[]> by = new LinkedHashMap<>();
        long ba = 0;
        long bb = 0;
        long ca = 0;
        long cb = 0;
        for (HistogramRow r : a) {
            long[] t = by.computeIfAbsent(r.className(), k -> new long[4]);
            t[0] += r.count();
            t[1] += r.bytes();
            ca += r.count();
            ba += r.bytes();
        }
        for (HistogramRow r : b) {
            long[] t = by.computeIfAbsent(r.className(), k -> new long[4]);
            t[2] += r.count();
            t[3] += r.bytes();
            cb += r.count();
            bb += r.bytes();
        }
        List<HistogramDiffResult.Row> rows = new ArrayList<>();
        by.forEach((name, t) -> {
            if (t[0] != t[2] || t[1] != t[3]) {
                rows.add(new HistogramDiffResult.Row(name, t[0], t[1], t[2], t[3]));
            }
        });
        rows.sort(Comparator.comparingLong(HistogramDiffResult.Row::bytesGrowth).reversed()
                .thenComparing(Comparator.comparingLong(HistogramDiffResult.Row::countGrowth).reversed())
                .thenComparing(HistogramDiffResult.Row::className));
        long matched = rows.size();
        List<HistogramDiffResult.Row> shown = limit >= 0 && limit < rows.size() ? rows.subList(0, (int) limit)
                : rows;
        return new HistogramDiffResult(coreA, coreB, shown, matched, ba, bb, ca, cb);
    }
}
