package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sashell.core.LoadSegment;
import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.heap.HeapWalker;
import io.sashell.sa.SaHeapCollector;
import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaHeapTlab;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

/**
 * HeapScrubber on a heap built byte by byte: one G1 eden region of 4 KB (top at 0x200) with a TLAB whose
 * unused end is [0x180, 0x1c0), compressed class pointers (base {@link #KLASS_BASE}, shift 0), the region
 * stored in the file at {@link #FILE_OFFSET}.
 */
class HeapScrubberTest {
    static final long BASE = 0x1000_0000L;
    static final long KLASS_BASE = 0x8_0000_0000L;
    static final long FILE_OFFSET = 0x1000;
    static final int SIZE = 4096;

    static final long HOLDER = KLASS_BASE + 0x100;
    static final long BYTES = KLASS_BASE + 0x200;
    static final long BUFFER = KLASS_BASE + 0x300;
    static final long OBJECT = KLASS_BASE + 0x400;
    static final long OBJECTS = KLASS_BASE + 0x500;
    static final long INTS = KLASS_BASE + 0x600;
    static final long LONGS = KLASS_BASE + 0x700;

    final ByteBuffer heap = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    final Map<Long, SaKlassInfo> klasses = new HashMap<>();

    HeapScrubberTest() {
        klass(HOLDER, "x.Holder", SaKlassKind.INSTANCE, 24, List.of(new SaKlassField("a", "I", 12, "x.Holder"),
                new SaKlassField("b", "J", 16, "x.Holder")));
        klass(BYTES, "byte[]", SaKlassKind.TYPE_ARRAY, arrayLh(0xC0, 16, 8, 0), List.of());
        klass(BUFFER, "java.nio.DirectByteBuffer", SaKlassKind.INSTANCE, 24,
                List.of(new SaKlassField("capacity", "I", 12, "java.nio.Buffer"),
                        new SaKlassField("address", "J", 16, "java.nio.Buffer")));
        klass(OBJECT, "java.lang.Object", SaKlassKind.INSTANCE, 16, List.of());
        klass(OBJECTS, "java.lang.Object[]", SaKlassKind.OBJ_ARRAY, arrayLh(0x80, 16, 12, 2), List.of());
        klass(INTS, "int[]", SaKlassKind.TYPE_ARRAY, arrayLh(0xC0, 16, 10, 2), List.of());
        klass(LONGS, "long[]", SaKlassKind.TYPE_ARRAY, arrayLh(0xC0, 16, 11, 3), List.of());
        instance(0x000, HOLDER);
        heap.putInt(0x00c, 7).putLong(0x010, 0x1234);
        array(0x018, BYTES, 5);
        instance(0x030, BUFFER);
        heap.putInt(0x03c, 64).putLong(0x040, 0x7000_0000L);
        instance(0x048, OBJECT);
        array(0x058, OBJECTS, 2);
        array(0x070, INTS, 32);
        array(0x100, INTS, 4);
        instance(0x120, OBJECT);
        array(0x130, INTS, 16);
        array(0x1c0, LONGS, 2);
        instance(0x1e0, OBJECT);
        instance(0x1f0, OBJECT);
    }

    private void klass(long address, String name, SaKlassKind kind, int lh, List<SaKlassField> fields) {
        klasses.put(address, new SaKlassInfo(address, name, kind, lh, 0, 0, 0, 0, 0, "bootstrap", 0, fields,
                List.of()));
    }

    private static int arrayLh(int tag, int header, int type, int log2) {
        return tag << 24 | header << 16 | type << 8 | log2;
    }

    private void instance(int at, long klass) {
        heap.putLong(at, 1).putInt(at + 8, (int) (klass - KLASS_BASE));
    }

    private void array(int at, long klass, int length) {
        instance(at, klass);
        heap.putInt(at + 12, length);
    }

    private SaHeapLayout layout() {
        return new SaHeapLayout("test", SaHeapCollector.G1,
                List.of(new SaHeapRange(BASE, BASE + 0x200, BASE + SIZE, SaHeapRange.Type.EDEN, 0, "eden")),
                true, List.of(new SaHeapTlab(1, BASE + 0x100, BASE + 0x180, BASE + 0x1c0, BASE + 0x1c0)),
                SaHeapCompression.of(0, 3), SaHeapCompression.of(KLASS_BASE, 0), false, 0, 8, 4, 8, 12, 32, 40,
                48, SIZE, SIZE, 0x200, BASE, BASE + 2 * SIZE);
    }

    private final MemoryReader memory = new MemoryReader() {
        private int offset(long address, int n) {
            if (address < BASE || address + n > BASE + SIZE) {
                throw new UnreadableMemoryException(address);
            }
            return (int) (address - BASE);
        }

        @Override
        public byte readByte(long address) {
            return heap.get(offset(address, 1));
        }

        @Override
        public int readInt(long address) {
            return heap.getInt(offset(address, 4));
        }

        @Override
        public long readLong(long address) {
            return heap.getLong(offset(address, 8));
        }

        @Override
        public void read(long address, byte[] into, int off, int length) {
            heap.get(offset(address, length), into, off, length);
        }

        @Override
        public boolean isReadable(long address, long length) {
            return address >= BASE && address + length <= BASE + SIZE;
        }
    };

    private record Planned(List<long[]> ranges, ZeroRanges.Disjoint disjoint, HeapScrubber.Result result) {
    }

    private Planned plan(RedactLevel level, KeepRule keep) {
        SaHeapLayout layout = layout();
        HeapWalker walker = new HeapWalker(memory, layout, k -> Optional.ofNullable(klasses.get(k)));
        FileLayout file = new FileLayout(List.of(new LoadSegment(BASE, 2L * SIZE, FILE_OFFSET, SIZE,
                LoadSegment.PF_R | LoadSegment.PF_W)), 1 << 20);
        List<ZeroRanges> out = new ArrayList<>();
        HeapScrubber.Result r = new HeapScrubber(memory, layout, k -> Optional.ofNullable(klasses.get(k)), walker,
                level, keep, file).plan(2, out);
        ZeroRanges.Disjoint d = ZeroRanges.union(out);
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < d.count(); i++) {
            ranges.add(new long[] {d.starts()[i] - FILE_OFFSET, d.ends()[i] - FILE_OFFSET});
        }
        return new Planned(ranges, d, r);
    }

    @Test
    void basicZeroesArrayContentsAndDeadSpace() {
        Planned p = plan(RedactLevel.BASIC, KeepRule.none());
        assertArrayEquals(new long[][] {{0x28, 0x30}, {0x80, 0x100}, {0x110, 0x120}, {0x140, 0x1c0},
                {0x1d0, 0x1e0}, {0x200, SIZE}}, p.ranges().toArray(new long[0][]));
        assertEquals(5 + 3 + 0x80 + 0x10 + 0x40 + 0x10, p.disjoint().bytes(RegionKind.ARRAY_CONTENTS));
        assertEquals(0x40, p.disjoint().bytes(RegionKind.TLAB_UNUSED));
        assertEquals(SIZE - 0x200, p.disjoint().bytes(RegionKind.SPACE_UNUSED));
        assertEquals(0, p.disjoint().bytes(RegionKind.INSTANCE_FIELDS));
        assertEquals(12, p.result().objects());
        assertEquals(5, p.result().primitiveArrays());
        assertEquals(List.of(new HeapScrubber.NativeBuffer(0x7000_0000L, 64)), p.result().buffers());
    }

    @Test
    void fullAlsoZeroesPrimitiveFields() {
        Planned p = plan(RedactLevel.FULL, KeepRule.none());
        assertEquals(12 + 12, p.disjoint().bytes(RegionKind.INSTANCE_FIELDS), "the holder's and the buffer's");
        assertArrayEquals(new long[] {0x0c, 0x18}, p.ranges().get(0));
        assertEquals(List.of(new HeapScrubber.NativeBuffer(0x7000_0000L, 64)), p.result().buffers(),
                "the buffer's memory is found before its fields are zeroed");
    }

    @Test
    void keptClassesKeepTheirContents() {
        Planned p = plan(RedactLevel.FULL, new KeepRule(List.of("x.Holder", "int[]")));
        assertEquals(12, p.disjoint().bytes(RegionKind.INSTANCE_FIELDS), "the buffer's only");
        assertEquals(5 + 3 + 0x10, p.disjoint().bytes(RegionKind.ARRAY_CONTENTS), "byte[] and long[] only");
        assertEquals(3, p.result().keptArrays());
    }

    @Test
    void fieldRunsMergeAndSkipReferencesAndVmFields() {
        List<SaKlassField> fields = List.of(new SaKlassField("coder", "B", 16, "java.lang.String"),
                new SaKlassField("hash", "I", 12, "java.lang.String"),
                new SaKlassField("value", "[B", 20, "java.lang.String"),
                new SaKlassField("flag", "Z", 24, "x.Y"), new SaKlassField("c", "C", 26, "x.Y"),
                new SaKlassField("e", "S", 28, "x.Y"),
                new SaKlassField("d", "D", 32, "x.Y"));
        assertArrayEquals(new int[] {12, 4, 24, 1, 26, 4, 32, 8}, HeapScrubber.runs(fields, true));
        assertArrayEquals(new int[] {12, 5, 24, 1, 26, 4, 32, 8}, HeapScrubber.runs(fields, false),
                "statics have no VM fields");
        assertEquals(0, HeapScrubber.primitiveSize("Ljava/lang/String;"));
        assertEquals(2, HeapScrubber.elementShift("java.nio.DirectIntBufferRU"));
        assertEquals(0, HeapScrubber.elementShift("java.nio.DirectByteBufferR"));
        assertEquals(3, HeapScrubber.elementShift("java.nio.DirectDoubleBufferS"));
    }
}
