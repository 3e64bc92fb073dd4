package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.sashell.sa.KlassCount;

/** Builds the class histogram from per-klass counts: filter, sort, cut. */
public final class Histogram {
    public enum Sort { SIZE, COUNT }

    private Histogram() {
    }

    public static HistogramResult of(List<KlassCount> counts, String pattern, Sort sort, long limit, String engine) {
        Predicate<String> match = matcher(pattern);
        List<HistogramRow> rows = new ArrayList<>();
        long totalCount = 0;
        long totalBytes = 0;
        for (KlassCount c : counts) {
            if (match.test(c.name())) {
                rows.add(new HistogramRow(c.name(), c.count(), c.bytes(), c.klass(), c.loader(), c.loaderName()));
                totalCount += c.count();
                totalBytes += c.bytes();
            }
        }
        Comparator<HistogramRow> order = sort == Sort.COUNT
                ? Comparator.comparingLong(HistogramRow::count).reversed()
                    .thenComparing(Comparator.comparingLong(HistogramRow::bytes).reversed())
                : Comparator.comparingLong(HistogramRow::bytes).reversed()
                    .thenComparing(Comparator.comparingLong(HistogramRow::count).reversed());
        rows.sort(order.thenComparing(HistogramRow::className).thenComparingLong(HistogramRow::klass));
        int matched = rows.size();
        List<HistogramRow> shown = limit >= 0 && limit < rows.size() ? rows.subList(0, (int) limit) : rows;
        return new HistogramResult(shown, matched, totalCount, totalBytes, engine, pattern == null ? "" : pattern,
                List.of());
    }

    /**
     * A pattern is a substring of the class name, or a regular expression when it holds regex characters
     * other than '.', '$' and '[]' (which class names contain).
     */
    static Predicate<String> matcher(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return s -> true;
        }
        if (pattern.matches("[\\w.$\\[\\]+/-]*")) {
            return s -> s.contains(pattern);
        }
        try {
            Pattern p = Pattern.compile(pattern);
            return s -> p.matcher(s).find();
        } catch (PatternSyntaxException e) {
            return s -> s.contains(pattern);
        }
    }
}
