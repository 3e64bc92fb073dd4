package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.core.LoadSegment;

class FileLayoutTest {
    static final int RW = LoadSegment.PF_R | LoadSegment.PF_W;

    private static long[][] ranges(ZeroRanges z) {
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(z));
        long[][] out = new long[d.count()][];
        for (int i = 0; i < d.count(); i++) {
            out[i] = new long[] {d.starts()[i], d.ends()[i]};
        }
        return out;
    }

    @Test
    void rangesAreSplitAtSegmentsAndClippedToTheFile() {
        // Two adjacent segments stored apart in the file, a read-only one, and one past a truncated end.
        FileLayout f = new FileLayout(List.of(
                new LoadSegment(0x2000, 0x1000, 0x100, 0x1000, RW),
                new LoadSegment(0x1000, 0x1000, 0x5000, 0x800, RW),
                new LoadSegment(0x3000, 0x1000, 0x9000, 0x1000, LoadSegment.PF_R),
                new LoadSegment(0x8000, 0x1000, 0xf000, 0x1000, RW)), 0xf800);
        ZeroRanges z = new ZeroRanges();
        f.addMemory(0x1700, 0x2100, RegionKind.NATIVE_UNREAD, z, false);
        assertArrayEquals(new long[][] {{0x100, 0x200}, {0x5700, 0x5800}}, ranges(z),
                "the part past a segment's file size is not in the file");
        z = new ZeroRanges();
        f.addMemory(0x2f00, 0x3100, RegionKind.DIRECT_BUFFERS, z, true);
        assertArrayEquals(new long[][] {{0x1000, 0x1100}}, ranges(z), "read-only segments skipped");
        z = new ZeroRanges();
        f.addMemory(0x7000, 0x9000, RegionKind.DEAD_STACK, z, false);
        assertArrayEquals(new long[][] {{0xf000, 0xf800}}, ranges(z), "gaps skipped, truncation clipped");
        assertEquals(0x800, f.readableSize(f.segmentAt(0x8000).orElseThrow()));
        assertEquals(0x1000, f.segments().get(0).vaddr());
    }
}
