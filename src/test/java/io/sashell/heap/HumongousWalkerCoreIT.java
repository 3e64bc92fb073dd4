package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.sashell.testkit.Jdks;

/**
 * SA's humongous defect on a purpose-built core ({@code testdata/walker/HumongousFake.java}, JDK 17, G1 with
 * 1 MB regions): a 3.5 MB {@code long[]} whose first 2.5 MB hold copies of a real {@code java.lang.Object}
 * header. SA walks each humongous continues region from its bottom, counts the copies in regions 1 and 2 as
 * objects and stops at the zeros in region 3, missing the filler after the array. The walker steps over the
 * array and counts the filler. Everything else is the same in both walks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HumongousWalkerCoreIT {

    private static final long REGION = 1 << 20;
    private WalkerCoreRun run;
    private long arrayStart;
    private long arrayEnd;
    private long lastRegionTop;

    @BeforeAll
    void walk() throws Exception {
        run = WalkerCoreRun.of(Jdks.JDK17, "HumongousFake.java", "-Xmx64m", "-XX:+UseG1GC",
                "-XX:G1HeapRegionSize=1m");
        List<WalkerCoreRun.Range> starts = run.ranges.stream()
                .filter(r -> r.type().equals("HUMONGOUS_STARTS")).toList();
        assertEquals(1, starts.size(), () -> "one humongous object: " + run.ranges);
        arrayStart = starts.get(0).bottom();
        // long[] with a narrow klass: 16 bytes of header, then the elements.
        arrayEnd = arrayStart + 16 + 8 * run.scenarioNumber("array-longs");
        List<WalkerCoreRun.Range> continues = run.ranges.stream()
                .filter(r -> r.type().equals("HUMONGOUS_CONTINUES")).toList();
        assertEquals(3, continues.size());
        lastRegionTop = continues.get(2).top();
    }

    @Test
    void layoutShowsTheHumongousRegions() {
        List<WalkerCoreRun.Range> humongous = run.ranges.stream()
                .filter(r -> r.type().startsWith("HUMONGOUS")).toList();
        for (int i = 0; i < humongous.size(); i++) {
            assertEquals(arrayStart + i * REGION, humongous.get(i).bottom());
            assertEquals(humongous.get(0).regionIndex() + i, humongous.get(i).regionIndex());
        }
        assertEquals(REGION, run.fact("region-size"));
    }

    @Test
    void walkerSeesTheArrayOnceAndNoDamage() {
        assertEquals(List.of(), run.damage);
        int at = Arrays.binarySearch(WalkerCoreRun.sorted(run.walkerAddresses), arrayStart);
        assertTrue(at >= 0, "the array is an object start");
        List<WalkerCoreRun.Row> longs = run.walkerRows("long[]");
        assertEquals(1, longs.size());
        assertTrue(longs.get(0).bytes() >= arrayEnd - arrayStart);
    }

    @Test
    void bothCountTheScenariosItemsExactly() {
        assertEquals(run.scenarioNumber("items"), run.walkerRows("HumongousFake$Item").get(0).count());
        assertEquals(run.scenarioNumber("items"), run.saRows("HumongousFake$Item").get(0).count());
    }

    @Test
    void saCountsTheHeaderCopiesInContinuesRegionsAsObjects() {
        long[] walker = WalkerCoreRun.sorted(run.walkerAddresses);
        long[] fakes = Arrays.stream(run.saAddresses).filter(a -> Arrays.binarySearch(walker, a) < 0).toArray();
        // Copies sit at every 16 bytes of the filled data; SA starts at the second region's bottom.
        long fillEnd = arrayStart + 16 + 8 * run.scenarioNumber("fill-longs");
        long firstFake = arrayStart + REGION;
        long expected = (fillEnd - firstFake) / 16;
        assertEquals(expected, fakes.length);
        for (int i = 0; i < fakes.length; i++) {
            assertEquals(firstFake + 16L * i, fakes[i]);
        }
        WalkerCoreRun.Row saObject = run.saRows("java.lang.Object").get(0);
        WalkerCoreRun.Row walkerObject = run.walkerHisto.get(saObject.klass());
        assertEquals(expected, saObject.count() - walkerObject.count());
        assertEquals(16 * expected, saObject.bytes() - walkerObject.bytes());
    }

    @Test
    void saMissesTheFillerAfterTheArrayTheWalkerCountsIt() {
        long[] sa = WalkerCoreRun.sorted(run.saAddresses);
        long[] missed = Arrays.stream(run.walkerAddresses).filter(a -> Arrays.binarySearch(sa, a) < 0).toArray();
        assertTrue(missed.length >= 1);
        assertEquals(arrayEnd, missed[0], "the first object SA misses starts where the array ends");
        assertTrue(Arrays.stream(missed).allMatch(a -> a >= arrayEnd && a < lastRegionTop));
        // Every other row is the same in both walks, apart from java.lang.Object and the filler's class.
        long differing = run.walkerHisto.values().stream()
                .filter(r -> !r.equals(run.saHisto.get(r.klass()))).count();
        assertTrue(differing <= 2, () -> differing + " rows differ");
        assertEquals(run.fact("walk-total"), run.fact("walk-bytes"), "the walk covered every stretch");
    }
}
