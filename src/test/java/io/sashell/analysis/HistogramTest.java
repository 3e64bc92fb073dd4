package io.sashell.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.sa.KlassCount;

class HistogramTest {
    private static final List<KlassCount> COUNTS = List.of(
            new KlassCount(0x10, "byte[]", 0, "bootstrap", 10, 1000),
            new KlassCount(0x20, "java.lang.String", 0, "bootstrap", 50, 1200),
            new KlassCount(0x30, "a.Twin", 0x99, "L@0x99", 7, 168),
            new KlassCount(0x40, "a.Twin", 0x98, "L@0x98", 7, 168),
            new KlassCount(0x50, "a.Outer$Inner", 0x99, "L@0x99", 1, 16));

    @Test
    void sortsBySizeThenCountAndKeepsOneRowPerKlass() {
        HistogramResult r = Histogram.of(COUNTS, null, Histogram.Sort.SIZE, -1, "sa");
        assertEquals(List.of("java.lang.String", "byte[]", "a.Twin", "a.Twin", "a.Outer$Inner"),
                r.rows().stream().map(HistogramRow::className).toList());
        assertEquals(75, r.totalCount());
        assertEquals(2552, r.totalBytes());
        assertEquals(5, r.matchedClasses());
    }

    @Test
    void sortsByCount() {
        HistogramResult r = Histogram.of(COUNTS, null, Histogram.Sort.COUNT, 2, "sa");
        assertEquals(List.of("java.lang.String", "byte[]"), r.rows().stream().map(HistogramRow::className).toList());
        assertEquals(5, r.matchedClasses(), "totals cover rows that are not shown");
        assertEquals(75, r.totalCount());
    }

    @Test
    void patternIsASubstringUnlessItHasRegexCharacters() {
        assertEquals(2, Histogram.of(COUNTS, "a.Twin", Histogram.Sort.SIZE, -1, "sa").matchedClasses(),
                "'.' is literal: class names are full of dots");
        assertEquals(1, Histogram.of(COUNTS, "Outer$Inner", Histogram.Sort.SIZE, -1, "sa").matchedClasses());
        assertEquals(1, Histogram.of(COUNTS, "^byte\\[\\]$", Histogram.Sort.SIZE, -1, "sa").matchedClasses());
        assertEquals(1, Histogram.of(COUNTS, "byte[]", Histogram.Sort.SIZE, -1, "sa").matchedClasses());
        assertEquals(0, Histogram.of(COUNTS, "nothing", Histogram.Sort.SIZE, -1, "sa").matchedClasses());
    }

    @Test
    void limitZeroShowsOnlyTotals() {
        HistogramResult r = Histogram.of(COUNTS, null, Histogram.Sort.SIZE, 0, "sa");
        assertEquals(0, r.rows().size());
        assertEquals(75, r.totalCount());
    }
}
