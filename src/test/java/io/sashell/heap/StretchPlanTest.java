package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaHeapRange.Type;
import io.sashell.sa.SaHeapTlab;

class StretchPlanTest {

    private static SaHeapRange range(long bottom, long top, Type type, String label) {
        return new SaHeapRange(bottom, top, top, type, -1, label);
    }

    private static SaHeapRange region(int index, long size, long used, Type type) {
        long bottom = 0x10000 + index * size;
        return new SaHeapRange(bottom, bottom + used, bottom + size, type, index, "r" + index);
    }

    private static SaHeapTlab tlab(long start, long top, long end, long hardEnd) {
        return new SaHeapTlab(0, start, top, end, hardEnd);
    }

    private static List<HeapStretch> plan(List<SaHeapRange> ranges, List<SaHeapTlab> tlabs, boolean useTlab) {
        return Arrays.asList(StretchPlan.of(ranges, tlabs, useTlab).stretches());
    }

    @Test
    void spacesWithoutTlabsAreWalkedWholeInAddressOrder() {
        List<HeapStretch> s = plan(List.of(range(0x3000, 0x3800, Type.OLD, "old"),
                range(0x1000, 0x1400, Type.EDEN, "eden"), range(0x2000, 0x2000, Type.SURVIVOR, "from")),
                List.of(), true);
        assertEquals(List.of(new HeapStretch(0x1000, 0x1400, "eden"), new HeapStretch(0x3000, 0x3800, "old")), s);
    }

    @Test
    void eachTlabsUnusedTailIsCutOut() {
        List<HeapStretch> s = plan(List.of(range(0x1000, 0x2000, Type.EDEN, "eden")),
                List.of(tlab(0x1400, 0x1480, 0x15f0, 0x1600), tlab(0x1800, 0x1800, 0x1ff0, 0x2000)), true);
        assertEquals(List.of(new HeapStretch(0x1000, 0x1400, "eden"), new HeapStretch(0x1400, 0x1480, "eden"),
                new HeapStretch(0x1600, 0x1800, "eden")), s);
    }

    @Test
    void tlabsAreIgnoredWhenTheVmRanWithoutThem() {
        List<HeapStretch> s = plan(List.of(range(0x1000, 0x2000, Type.EDEN, "eden")),
                List.of(tlab(0x1400, 0x1480, 0x15f0, 0x1600)), false);
        assertEquals(List.of(new HeapStretch(0x1000, 0x2000, "eden")), s);
    }

    @Test
    void tlabsWithoutTopOrEndAreSkippedAsSaSkipsThem() {
        List<HeapStretch> s = plan(List.of(range(0x1000, 0x2000, Type.EDEN, "eden")),
                List.of(tlab(0x1400, 0, 0x15f0, 0x1600), tlab(0x1400, 0x1480, 0, 0x1600)), true);
        assertEquals(List.of(new HeapStretch(0x1000, 0x2000, "eden")), s);
    }

    @Test
    void humongousStartsAndItsContinuesRegionsAreOneStretch() {
        long size = 0x1000;
        List<HeapStretch> s = plan(List.of(region(0, size, size, Type.HUMONGOUS_STARTS),
                region(1, size, size, Type.HUMONGOUS_CONTINUES), region(2, size, 0x800, Type.HUMONGOUS_CONTINUES),
                region(3, size, 0x100, Type.OLD), region(4, size, 0, Type.FREE)), List.of(), true);
        assertEquals(List.of(new HeapStretch(0x10000, 0x12800, "r0 (+2 continues to region 2)"),
                new HeapStretch(0x13000, 0x13100, "r3")), s);
    }

    @Test
    void twoHumongousObjectsSideBySideStayApart() {
        long size = 0x1000;
        List<HeapStretch> s = plan(List.of(region(0, size, size, Type.HUMONGOUS_STARTS),
                region(1, size, 0x200, Type.HUMONGOUS_CONTINUES), region(2, size, size, Type.HUMONGOUS_STARTS),
                region(3, size, 0x300, Type.HUMONGOUS_CONTINUES)), List.of(), true);
        assertEquals(List.of(new HeapStretch(0x10000, 0x11200, "r0 (+1 continues to region 1)"),
                new HeapStretch(0x12000, 0x13300, "r2 (+1 continues to region 3)")), s);
    }

    @Test
    void aContinuesRegionAfterAGapIsAnOrphan() {
        long size = 0x1000;
        StretchPlan p = StretchPlan.of(List.of(region(0, size, size, Type.HUMONGOUS_STARTS),
                region(2, size, 0x400, Type.HUMONGOUS_CONTINUES)), List.of(), true);
        assertEquals(List.of(new HeapStretch(0x10000, 0x11000, "r0")), Arrays.asList(p.stretches()));
        assertEquals(1, p.damage().size());
        assertEquals(HeapDamage.Reason.ORPHAN_HUMONGOUS, p.damage().get(0).reason());
        assertEquals(0x12000, p.damage().get(0).address());
        assertEquals(0x400, p.damage().get(0).skippedBytes());
    }

    @Test
    void stretchesTakeTheLabelOfTheRangeHoldingThemEvenBesideEmptyRanges() {
        List<HeapStretch> s = plan(List.of(range(0x1000, 0x1000, Type.FREE, "free"),
                range(0x1000, 0x1800, Type.EDEN, "eden"), range(0x1800, 0x1800, Type.FREE, "free2")),
                List.of(tlab(0x1100, 0x1200, 0x1300, 0x1300)), true);
        assertEquals(List.of("eden", "eden", "eden"), s.stream().map(HeapStretch::label).toList());
    }

    @Test
    void aTlabOutsideEverySpaceIsWalkedAsSaWalksIt() {
        // SA pairs boundaries blindly: a stale TLAB in an empty space leaves [top, hardEnd) to walk.
        List<HeapStretch> s = plan(List.of(range(0x1000, 0x1000, Type.FREE, "free")),
                List.of(tlab(0x1000, 0x1100, 0x11f0, 0x1200)), true);
        assertEquals(List.of(new HeapStretch(0x1100, 0x1200, "outside the heap's spaces")), s);
    }
}
