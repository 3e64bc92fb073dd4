package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeapTrendsTest {
    static final long MB = 1024 * 1024;
    static final long S = 1_000_000_000L;

    /** GCs every second from t=1 s: before = after + 20 MB, after = floor(i). */
    private static List<HeapTrend.HeapPoint> points(int n, java.util.function.IntToLongFunction floor) {
        List<HeapTrend.HeapPoint> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = (i + 1) * S;
            pts.add(new HeapTrend.HeapPoint(t, i, false, floor.applyAsLong(i) + 20 * MB, 100 * MB));
            pts.add(new HeapTrend.HeapPoint(t + 1_000_000, i, true, floor.applyAsLong(i), 100 * MB));
        }
        return pts;
    }

    @Test
    void aFloorRisingOneMegabyteASecondGrowsSixtyAMinuteAndReachesTheMaximum() {
        // floor = 10 MB + 1 MB per second; 10 GCs; last floor 19 MB at 10 s; the recording ends at 12 s.
        HeapTrend t = HeapTrends.of(0, 12 * S, 100 * MB, points(10, i -> 10 * MB + i * MB));
        HeapTrend.Floor f = t.floor();
        assertEquals(HeapTrend.Verdict.GROWING, f.verdict());
        assertEquals(10, f.points());
        assertEquals(10 * MB, f.firstBytes());
        assertEquals(19 * MB, f.lastBytes());
        assertEquals(60.0 * MB, f.bytesPerMinute(), 1e-3);
        // at the end (12 s) the line is at 21 MB: 79 MB to go at 1 MB/s
        assertEquals(79 * S, f.nanosToMax(), 1_000_000);
        assertEquals(0.19, f.lastShareOfMax(), 1e-9);
    }

    @Test
    void aFloorAtTheMaximumHasReachedIt() {
        HeapTrend t = HeapTrends.of(0, 10 * S, 20 * MB, points(10, i -> 11 * MB + i * MB));
        assertEquals(HeapTrend.Verdict.GROWING, t.floor().verdict());
        assertEquals(0, t.floor().nanosToMax());
    }

    @Test
    void aFloorWithinFivePercentOfTheMaximumIsSteady() {
        HeapTrend t = HeapTrends.of(0, 10 * S, 100 * MB, points(10, i -> 30 * MB + (i % 2) * 4 * MB));
        assertEquals(HeapTrend.Verdict.STEADY, t.floor().verdict());
        assertEquals(-1, t.floor().nanosToMax());
    }

    @Test
    void aFallingFloor() {
        HeapTrend t = HeapTrends.of(0, 10 * S, 100 * MB, points(10, i -> 60 * MB - i * 5 * MB));
        assertEquals(HeapTrend.Verdict.FALLING, t.floor().verdict());
        assertEquals(-300.0 * MB, t.floor().bytesPerMinute(), 1e-3);
    }

    @Test
    void twoGcsAreTooFewAndNoGcIsNone() {
        assertEquals(HeapTrend.Verdict.TOO_FEW_GCS, HeapTrends.of(0, 5 * S, 100 * MB, points(2, i -> MB)).floor()
                .verdict());
        HeapTrend none = HeapTrends.of(0, 5 * S, -1, List.of());
        assertEquals(HeapTrend.Verdict.TOO_FEW_GCS, none.floor().verdict());
        assertEquals(0, none.floor().points());
        assertEquals(-1, none.floor().lastShareOfMax());
    }

    @Test
    void withoutAMaximumThereIsNoProjection() {
        HeapTrend t = HeapTrends.of(0, 12 * S, -1, points(10, i -> 10 * MB + i * MB));
        assertEquals(HeapTrend.Verdict.GROWING, t.floor().verdict());
        assertEquals(-1, t.floor().nanosToMax());
    }
}
