package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeapHistogramTest {

    private static final HeapWalkResult WALK = new HeapWalkResult(0, 0, List.of(), 0, 0);

    @Test
    void countsPerKlassSortedByAddressAcrossGrowth() {
        HeapHistogram.Counter c = new HeapHistogram.Counter();
        List<HeapHistogram.Row> expected = new ArrayList<>();
        for (long k = 2000; k >= 1; k--) {
            for (int i = 0; i < k % 3 + 1; i++) {
                c.visit(0x1000 * k + i, k * 8, 16 * k);
            }
        }
        for (long k = 1; k <= 2000; k++) {
            expected.add(new HeapHistogram.Row(k * 8, k % 3 + 1, (k % 3 + 1) * 16 * k));
        }
        HeapHistogram h = c.toHistogram(WALK);
        assertEquals(expected, h.rows());
        assertEquals(2000, h.size());
        assertEquals(new HeapHistogram.Row(80, 10 % 3 + 1, (10 % 3 + 1) * 160), h.row(80));
        assertEquals(new HeapHistogram.Row(12, 0, 0), h.row(12));
    }

    @Test
    void mergingCountersAddsThem() {
        HeapHistogram.Counter a = new HeapHistogram.Counter();
        HeapHistogram.Counter b = new HeapHistogram.Counter();
        a.visit(1, 8, 16);
        a.visit(2, 16, 24);
        b.visit(3, 16, 24);
        b.visit(4, 24, 32);
        a.merge(b);
        assertEquals(List.of(new HeapHistogram.Row(8, 1, 16), new HeapHistogram.Row(16, 2, 48),
                new HeapHistogram.Row(24, 1, 32)), a.toHistogram(WALK).rows());
    }

    @Test
    void anEmptyHistogramHasNoRows() {
        assertEquals(List.of(), new HeapHistogram.Counter().toHistogram(WALK).rows());
    }
}
