package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class GcReportsTest {
    private static GcReport.Gc gc(long id, long start, String collector, String cause, long pause) {
        return new GcReport.Gc(id, start, collector, cause, pause, pause, pause, 100, 50);
    }

    @Test
    void pausesByCauseAndCollectorAndTheLastGcs() {
        List<GcReport.Gc> gcs = List.of(gc(3, 300, "G1Full", "G1 Compaction Pause", 90),
                gc(1, 100, "G1New", "G1 Evacuation Pause", 10), gc(2, 200, "G1New", "G1 Evacuation Pause", 30),
                gc(4, 400, "G1New", "", 5));
        GcReport r = GcReports.of(gcs, 0, 1000, 2);
        assertEquals(4, r.count());
        assertEquals(135, r.totalPauseNanos());
        assertEquals(90, r.longestPauseNanos());
        assertEquals(List.of(new GcReport.Group("G1 Compaction Pause", 1, 90, 90),
                new GcReport.Group("G1 Evacuation Pause", 2, 40, 30), new GcReport.Group("unknown", 1, 5, 5)),
                r.causes());
        assertEquals(List.of(new GcReport.Group("G1Full", 1, 90, 90), new GcReport.Group("G1New", 3, 45, 30)),
                r.collectors());
        assertEquals(List.of(3L, 4L), r.last().stream().map(GcReport.Gc::gcId).toList());
    }

    @Test
    void noGcs() {
        GcReport r = GcReports.of(List.of(), 0, 1000, 10);
        assertEquals(0, r.count());
        assertEquals(List.of(), r.last());
        assertEquals(List.of(), r.causes());
    }
}
