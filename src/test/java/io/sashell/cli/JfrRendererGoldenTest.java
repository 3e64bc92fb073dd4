package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.sashell.cli.render.JfrHeapChart;
import io.sashell.cli.render.JfrRenderer;
import io.sashell.jfr.AllocationReport;
import io.sashell.jfr.GcReport;
import io.sashell.jfr.GcReports;
import io.sashell.jfr.HeapTrend;
import io.sashell.jfr.HeapTrends;
import io.sashell.testkit.Repo;

/**
 * The jfr text output on fixed inputs against golden files in src/test/resources/io/sashell/cli/
 * (-Dsashell.updateGolden=true rewrites them). The heap chart at two widths.
 */
class JfrRendererGoldenTest {
    static final long MB = 1024 * 1024;
    static final long S = 1_000_000_000L;

    /** A leak: 20 GCs three seconds apart, the floor rising from 8 MB to 60 MB, peaks 12 MB above it. */
    static HeapTrend leak() {
        List<HeapTrend.HeapPoint> pts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t = (2 + 3L * i) * S;
            long floor = 8 * MB + i * 52 * MB / 19;
            pts.add(new HeapTrend.HeapPoint(t, i + 1, false, Math.min(64 * MB, floor + 12 * MB), 64 * MB));
            pts.add(new HeapTrend.HeapPoint(t + 5_000_000, i + 1, true, floor, 64 * MB));
        }
        return HeapTrends.of(0, 60 * S, 64 * MB, pts);
    }

    private static String render(Consumer<JfrRenderer> r) {
        StringWriter s = new StringWriter();
        try (PrintWriter w = new PrintWriter(s)) {
            r.accept(JfrRenderer.of(w, false));
        }
        return s.toString();
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = Repo.root().resolve("src/test/resources/io/sashell/cli").resolve(name);
        if (Boolean.getBoolean("sashell.updateGolden")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
    }

    @Test
    void heapChartSixtyColumns() throws IOException {
        golden("jfr-heap-60.txt", render(r -> r.heap(leak(), 60, 5)));
    }

    @Test
    void heapChartHundredColumns() throws IOException {
        golden("jfr-heap-100.txt", render(r -> r.heap(leak(), 100, 5)));
    }

    @Test
    void chartLinesFitTheWidth() {
        for (int width : new int[] {40, 60, 100, 200}) {
            for (String line : JfrHeapChart.render(leak(), width, 10)) {
                assertTrue(line.length() <= width, width + ": " + line);
            }
        }
    }

    @Test
    void gcReport() throws IOException {
        List<GcReport.Gc> gcs = List.of(new GcReport.Gc(1, 2 * S, "G1New", "G1 Evacuation Pause", 3_000_000, 3_000_000,
                3_000_000, 30 * MB, 10 * MB), new GcReport.Gc(2, 5 * S, "G1Full", "G1 Compaction Pause", 120_000_000,
                120_000_000, 120_000_000, 63 * MB, 61 * MB));
        golden("jfr-gc.txt", render(r -> r.gc(GcReports.of(gcs, 0, 10 * S, 10))));
    }

    @Test
    void allocationsWithLiveCounts() throws IOException {
        AllocationReport.AllocatedClass session = new AllocationReport.AllocatedClass("FillHeap$Session", 746,
                70 * MB, 0.75, List.of(new AllocationReport.Site(List.of("FillHeap.handle(long):31",
                        "FillHeap.main(String[]):41"), 746, 70 * MB)), 237_837, 58 * MB);
        AllocationReport.AllocatedClass bytes = new AllocationReport.AllocatedClass("byte[]", 1, 23 * MB, 0.25,
                List.of(new AllocationReport.Site(List.of(), 1, 23 * MB)), 14_449, 909 * 1024);
        golden("jfr-alloc.txt", render(r -> r.alloc(new AllocationReport("jdk.ObjectAllocationSample", 747, 93 * MB, 3,
                List.of(session, bytes)))));
    }
}
