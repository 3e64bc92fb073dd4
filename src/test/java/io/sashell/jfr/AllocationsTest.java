package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AllocationsTest {
    private static Allocations.Sample s(String cls, long bytes, String... frames) {
        return new Allocations.Sample(cls, bytes, List.of(frames));
    }

    @Test
    void classesByWeightWithTheirHeaviestSites() {
        List<Allocations.Sample> samples = List.of(s("A", 100, "a.f():1", "main"), s("A", 300, "a.g():2", "main"),
                s("A", 200, "a.f():1", "main"), s("B", 1000, "b():3"), s("C", 100), s("C", 100), s("", 50));
        AllocationReport r = Allocations.of("jdk.ObjectAllocationSample", samples, 3);
        assertEquals(7, r.events());
        assertEquals(1850, r.totalBytes());
        assertEquals(4, r.classes());
        assertEquals(List.of("B", "A", "C"), r.top().stream().map(AllocationReport.AllocatedClass::className).toList());
        AllocationReport.AllocatedClass a = r.top().get(1);
        assertEquals(600, a.bytes());
        assertEquals(3, a.events());
        assertEquals(600.0 / 1850, a.share(), 1e-12);
        assertEquals(List.of(new AllocationReport.Site(List.of("a.f():1", "main"), 2, 300),
                new AllocationReport.Site(List.of("a.g():2", "main"), 1, 300)), a.sites());
        assertEquals(-1, a.liveInstances());
    }

    @Test
    void liveCountsFromACore() {
        AllocationReport r = Allocations.of("x", List.of(s("A", 10), s("B", 5)), -1)
                .withLive(Map.of("A", new long[] {7, 112}));
        assertEquals(7, r.top().get(0).liveInstances());
        assertEquals(112, r.top().get(0).liveBytes());
        assertEquals(0, r.top().get(1).liveInstances());
    }

    @Test
    void noSamples() {
        AllocationReport r = Allocations.of("", List.of(), 10);
        assertEquals(0, r.events());
        assertEquals(List.of(), r.top());
    }
}
