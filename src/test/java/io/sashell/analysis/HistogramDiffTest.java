package io.sashell.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class HistogramDiffTest {
    private static HistogramRow row(String name, long count, long bytes, long loader) {
        return new HistogramRow(name, count, bytes, 0x1000 + loader, loader, loader == 0 ? "bootstrap" : "L");
    }

    @Test
    void grownClassComesFirstAndLoadersAreSummedByName() {
        List<HistogramRow> a = List.of(row("byte[]", 10, 1000, 0), row("x.Item", 5, 120, 1), row("x.Gone", 2, 32, 0),
                row("x.Same", 1, 16, 0));
        List<HistogramRow> b = List.of(row("byte[]", 11, 1100, 0), row("x.Item", 500, 12_000, 1),
                row("x.Item", 10, 240, 2), row("x.Same", 1, 16, 0), row("x.New", 1, 24, 0));
        HistogramDiffResult r = HistogramDiff.of("a", a, "b", b, -1);
        assertEquals(List.of("x.Item", "byte[]", "x.New", "x.Gone"),
                r.rows().stream().map(HistogramDiffResult.Row::className).toList());
        HistogramDiffResult.Row item = r.rows().get(0);
        assertEquals(505, item.countGrowth());
        assertEquals(12_120, item.bytesGrowth());
        assertEquals(-32, r.rows().get(3).bytesGrowth());
        assertEquals(1168, r.bytesA());
        assertEquals(13_380, r.bytesB());
        assertEquals(4, HistogramDiff.of("a", a, "b", b, 1).matchedClasses());
        assertEquals(1, HistogramDiff.of("a", a, "b", b, 1).rows().size());
    }

    @Test
    void equalHistogramsHaveNoRows() {
        List<HistogramRow> a = List.of(row("byte[]", 10, 1000, 0));
        assertEquals(List.of(), HistogramDiff.of("a", a, "b", a, -1).rows());
    }
}
