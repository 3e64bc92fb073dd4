package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ZeroRangesTest {

    private static long[][] pairs(ZeroRanges.Disjoint d) {
        long[][] out = new long[d.count()][];
        for (int i = 0; i < d.count(); i++) {
            out[i] = new long[] {d.starts()[i], d.ends()[i]};
        }
        return out;
    }

    @Test
    void emptyListsGiveNoRanges() {
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(new ZeroRanges(), new ZeroRanges()));
        assertEquals(0, d.count());
        assertEquals(0, d.totalBytes());
    }

    @Test
    void emptyAndInvertedRangesAreIgnored() {
        ZeroRanges z = new ZeroRanges();
        z.add(10, 10, RegionKind.PSARGS);
        z.add(20, 5, RegionKind.PSARGS);
        assertEquals(0, z.size());
    }

    @Test
    void touchingRangesOfOneKindShareASlot() {
        ZeroRanges z = new ZeroRanges();
        z.add(0, 16, RegionKind.ARRAY_CONTENTS);
        z.add(16, 32, RegionKind.ARRAY_CONTENTS);
        z.add(32, 40, RegionKind.TLAB_UNUSED);
        assertEquals(2, z.size());
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(z));
        assertEquals(1, d.count(), "touching ranges of different kinds merge in the union");
        assertEquals(32, d.bytes(RegionKind.ARRAY_CONTENTS));
        assertEquals(8, d.bytes(RegionKind.TLAB_UNUSED));
    }

    @Test
    void overlapsAreCountedOnceForTheFirstRangeInFileOrder() {
        ZeroRanges heap = new ZeroRanges();
        heap.add(100, 200, RegionKind.ARRAY_CONTENTS);
        ZeroRanges other = new ZeroRanges();
        other.add(150, 300, RegionKind.DIRECT_BUFFERS);
        other.add(50, 120, RegionKind.DEAD_STACK);
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(heap, other));
        assertArrayEquals(new long[][] {{50, 300}}, pairs(d));
        assertEquals(70, d.bytes(RegionKind.DEAD_STACK));
        assertEquals(80, d.bytes(RegionKind.ARRAY_CONTENTS));
        assertEquals(100, d.bytes(RegionKind.DIRECT_BUFFERS));
        assertEquals(250, d.totalBytes());
    }

    @Test
    void unsortedInputIsSortedAndNestedRangesAddNothing() {
        ZeroRanges z = new ZeroRanges();
        z.add(1000, 2000, RegionKind.NATIVE_UNREAD);
        z.add(10, 20, RegionKind.PSARGS);
        z.add(1500, 1600, RegionKind.COMMAND_LINE_COPIES);
        z.add(30, 40, RegionKind.VECTOR_REGISTERS);
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(z));
        assertArrayEquals(new long[][] {{10, 20}, {30, 40}, {1000, 2000}}, pairs(d));
        assertEquals(0, d.bytes(RegionKind.COMMAND_LINE_COPIES));
        assertEquals(1000, d.bytes(RegionKind.NATIVE_UNREAD));
    }

    @Test
    void manyRangesGrowTheArrays() {
        ZeroRanges z = new ZeroRanges();
        for (int i = 0; i < 5000; i++) {
            z.add(i * 10L, i * 10L + 4, RegionKind.ARRAY_CONTENTS);
        }
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(z));
        assertEquals(5000, d.count());
        assertEquals(20_000, d.totalBytes());
        assertEquals(49_990, d.starts()[4999]);
        assertEquals(0, Arrays.stream(d.bytesByKind()).sum() - d.totalBytes());
    }
}
