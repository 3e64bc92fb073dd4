package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedKlass;

/**
 * {@code histo --live}: per class, the instances a GC root reaches through strong references beside all
 * instances (MAT's default view); the difference is garbage still in the heap at the crash.
 */
public final class LiveHistogram {
    private LiveHistogram() {
    }

    /** Cost: one pass over the classes (the totals were counted when the index was built). */
    public static LiveHistogramResult of(HeapIndex index, String pattern, Histogram.Sort sort, long limit) {
        Predicate<String> match = Histogram.matcher(pattern);
        List<LiveHistogramRow> rows = new ArrayList<>();
        long count = 0;
        long bytes = 0;
        long liveCount = 0;
        long liveBytes = 0;
        for (IndexedKlass k : index.klasses()) {
            if (k.count() == 0 || !match.test(k.name())) {
                continue;
            }
            rows.add(new LiveHistogramRow(k.name(), k.address(), k.loaderName(), k.count(), k.bytes(), k.liveCount(),
                    k.liveBytes()));
            count += k.count();
            bytes += k.bytes();
            liveCount += k.liveCount();
            liveBytes += k.liveBytes();
        }
        Comparator<LiveHistogramRow> order = sort == Histogram.Sort.COUNT
                ? Comparator.comparingLong(LiveHistogramRow::liveCount).reversed()
                    .thenComparing(Comparator.comparingLong(LiveHistogramRow::liveBytes).reversed())
                : Comparator.comparingLong(LiveHistogramRow::liveBytes).reversed()
                    .thenComparing(Comparator.comparingLong(LiveHistogramRow::liveCount).reversed());
        rows.sort(order.thenComparing(Comparator.comparingLong(LiveHistogramRow::bytes).reversed())
                .thenComparing(LiveHistogramRow::className).thenComparingLong(LiveHistogramRow::klass));
        int matched = rows.size();
        List<LiveHistogramRow> shown = limit >= 0 && limit < rows.size() ? rows.subList(0, (int) limit) : rows;
        List<String> notes = new ArrayList<>();
        if (!index.problems().isEmpty()) {
            notes.add("the index met " + index.problems().size() + " problem"
                    + (index.problems().size() == 1 ? "" : "s") + " (see the index command): live counts may be"
                    + " low");
        }
        return new LiveHistogramResult(shown, matched, count, bytes, liveCount, liveBytes,
                pattern == null ? "" : pattern, notes);
    }
}
