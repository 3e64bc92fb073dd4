package io.sashell.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sashell.core.MemoryReader;
import io.sashell.heap.HeapWalkProgress;
import io.sashell.heap.HeapWalker;
import io.sashell.sa.GcRoot;
import io.sashell.sa.KlassRef;
import io.sashell.sa.RootKind;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaHeapCollector;
import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;
import io.sashell.testkit.HeapBytes;

/**
 * The exporter on a heap built in memory (compressed oops and class pointers, Serial layout): an instance with
 * a reference, an int[] and a long[] larger than the output buffer (its own segment), read back by
 * {@link HprofReader}; and the file's safety: 0600, no partial file after a cancel, refusals in one line.
 */
class HprofFileTest {
    private static final long BASE = 0x1000_0000L;
    private static final long KLASSES = 0x8_0000_0000L;
    private static final long OBJECT = KLASSES + 0x100;
    private static final long ITEM = KLASSES + 0x200;
    private static final long INT_ARRAY = KLASSES + 0x300;
    private static final long LONG_ARRAY = KLASSES + 0x400;
    private static final int BIG = 1_200_000;
    private static final long ITEM_AT = BASE;
    private static final long INTS_AT = BASE + 24;
    private static final long LONGS_AT = BASE + 56;
    private static final long HEAP_END = LONGS_AT + 16 + 8L * BIG;
    private static final long MIRRORS = HEAP_END;

    @TempDir
    Path dir;

    private final ByteBuffer mem = ByteBuffer.allocate((int) (HEAP_END - BASE) + 4 * 64).order(ByteOrder.LITTLE_ENDIAN);
    private final Map<Long, SaKlassInfo> klasses = new HashMap<>();

    HprofFileTest() {
        klass(OBJECT, "java.lang.Object", SaKlassKind.INSTANCE, 16, 0, List.of(), List.of());
        SaKlassField ints = new SaKlassField("ints", "[I", 12, "x.Item");
        SaKlassField value = new SaKlassField("value", "J", 16, "x.Item");
        klass(ITEM, "x.Item", SaKlassKind.INSTANCE, 24, OBJECT, List.of(ints, value),
                List.of(new SaKlassField("count", "I", 16, "x.Item")));
        klass(INT_ARRAY, "int[]", SaKlassKind.TYPE_ARRAY, arrayLh(0xC0, 16, 10, 2), 0, List.of(), List.of());
        klass(LONG_ARRAY, "long[]", SaKlassKind.TYPE_ARRAY, arrayLh(0xC0, 16, 11, 3), 0, List.of(), List.of());
        header(ITEM_AT, ITEM);
        mem.putInt(off(ITEM_AT + 12), (int) (INTS_AT >>> 3));
        mem.putLong(off(ITEM_AT + 16), -5L);
        header(INTS_AT, INT_ARRAY);
        mem.putInt(off(INTS_AT + 12), 3);
        for (int i = 0; i < 3; i++) {
            mem.putInt(off(INTS_AT + 16 + 4L * i), 10 + i);
        }
        header(LONGS_AT, LONG_ARRAY);
        mem.putInt(off(LONGS_AT + 12), BIG);
        for (int i = 0; i < BIG; i++) {
            mem.putLong(off(LONGS_AT + 16 + 8L * i), i * 3L);
        }
        mem.putInt(off(mirror(ITEM) + 16), 5);
    }

    @Test
    void writesEveryObjectWithItsValues() throws Exception {
        Path out = dir.resolve("heap.hprof");
        ExportResult r = HprofFile.write(source(() -> new RootSet(List.of(new GcRoot(mirror(OBJECT), RootKind.SYSTEM_CLASS,
                "", "", 0)), List.of(), List.of())), out, dir.resolve("core"), HeapWalkProgress.NONE);
        assertEquals(1, r.instances());
        assertEquals(2, r.arrays());
        assertEquals(4, r.classes());
        assertEquals(Files.size(out), r.bytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList());
        }
        HprofReader f = HprofReader.read(out);
        assertEquals(2, f.segments, "roots, classes and the small objects; then the big array in a segment of its own");
        Map<String, Long> item = f.fields(ITEM_AT);
        assertEquals(INTS_AT, item.get("ints"), "the narrow oop decoded to the full address");
        assertEquals(-5L, item.get("value"));
        assertEquals(List.of(10, 11, 12), ints(f.primArrays.get(INTS_AT).data()));
        HprofReader.PrimArray longs = f.primArrays.get(LONGS_AT);
        assertEquals(BIG, longs.length());
        ByteBuffer b = ByteBuffer.wrap(longs.data());
        assertEquals(3L, b.getLong(8));
        assertEquals((BIG - 1) * 3L, b.getLong((BIG - 1) * 8));
        HprofReader.ClassDump itemClass = f.classes.get(mirror(ITEM));
        assertEquals(mirror(OBJECT), itemClass.superId());
        assertEquals(List.of(new HprofReader.StaticValue("count", 10, 5)), itemClass.statics());
        assertEquals(8 + 8, itemClass.instanceSize(), "hprof sizes: an id and a long");
        assertEquals("x/Item", f.classNames.get(mirror(ITEM)));
        assertEquals("[J", f.classNames.get(mirror(LONG_ARRAY)));
        assertEquals(mirror(OBJECT), f.classes.get(mirror(LONG_ARRAY)).superId());
        assertEquals(List.of(new HprofReader.Root(0x05, mirror(OBJECT), 0)), f.roots);
    }

    @Test
    void cancelledExportLeavesNoFile() throws Exception {
        Path out = dir.resolve("heap.hprof");
        assertThrows(CancellationException.class, () -> HprofFile.write(source(() -> {
            throw new CancellationException("cancelled");
        }), out, dir.resolve("core"), HeapWalkProgress.NONE));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void refusesTheCoreAndMissingDirectories() throws Exception {
        Path core = Files.writeString(dir.resolve("core"), "x");
        ExportException same = assertThrows(ExportException.class,
                () -> HprofFile.write(source(this::noRoots), core, core, HeapWalkProgress.NONE));
        assertEquals(core + ": is the core itself; choose another output file", same.getMessage());
        Path missing = dir.resolve("nope/heap.hprof");
        ExportException nodir = assertThrows(ExportException.class,
                () -> HprofFile.write(source(this::noRoots), missing, core, HeapWalkProgress.NONE));
        assertEquals(missing + ": no such directory " + dir.resolve("nope"), nodir.getMessage());
        assertEquals("x", Files.readString(core));
    }

    @Test
    void fourShortsReadLittleEndianComeOutInOrderBigEndian() {
        long v = java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0x0201_0403_0605_0807L, HprofExporter.shortsInOrder(v));
    }

    @Test
    void binaryNamesAreTheJvmsInternalForm() {
        assertEquals("java/lang/String", HprofTypes.binaryName(info("java.lang.String", SaKlassKind.INSTANCE)));
        assertEquals("[I", HprofTypes.binaryName(info("int[]", SaKlassKind.TYPE_ARRAY)));
        assertEquals("[[I", HprofTypes.binaryName(info("int[][]", SaKlassKind.OBJ_ARRAY)));
        assertEquals("[[Ljava/lang/Object;", HprofTypes.binaryName(info("java.lang.Object[][]", SaKlassKind.OBJ_ARRAY)));
        assertEquals("X$$Lambda+0x0000000801001000",
                HprofTypes.binaryName(info("X$$Lambda+0x0000000801001000", SaKlassKind.INSTANCE)));
    }

    // ---- the built heap ----

    private RootSet noRoots() {
        return new RootSet(List.of(), List.of(), List.of());
    }

    private ExportSource source(RootSource roots) {
        MemoryReader memory = HeapBytes.memoryOver(mem, BASE);
        SaHeapLayout layout = new SaHeapLayout("17-test", SaHeapCollector.SERIAL,
                List.of(new SaHeapRange(BASE, HEAP_END, HEAP_END, SaHeapRange.Type.OLD, -1, "old")), false,
                List.of(), SaHeapCompression.of(0, 3), SaHeapCompression.of(KLASSES, 0), false, 0, 8, 4, 8, 12, 32,
                40, 48, 0, 0, 0, BASE, HEAP_END);
        HeapWalker walker = new HeapWalker(memory, layout, k -> Optional.ofNullable(klasses.get(k)));
        List<KlassRef> refs = klasses.values().stream()
                .map(k -> new KlassRef(k.address(), k.name(), 0, "bootstrap", k.superKlass())).toList();
        return new ExportSource(memory, walker, refs, k -> Optional.ofNullable(klasses.get(k)), List.of(), roots);
    }

    private void klass(long address, String name, SaKlassKind kind, int lh, long sup, List<SaKlassField> fields,
                       List<SaKlassField> statics) {
        int type = kind == SaKlassKind.TYPE_ARRAY ? (lh >> 8) & 0xFF : 0;
        klasses.put(address, new SaKlassInfo(address, name, kind, lh, type, 0, kind.isArray() ? 1 : 0, sup, 0,
                "bootstrap", mirror(address), fields, statics));
    }

    private static SaKlassInfo info(String name, SaKlassKind kind) {
        return new SaKlassInfo(1, name, kind, 0, 0, 0, 0, 0, 0, "bootstrap", 0, List.of(), List.of());
    }

    private static long mirror(long klass) {
        return MIRRORS + (klass - KLASSES) / 0x100 * 32;
    }

    private static int arrayLh(int tag, int headerSize, int elementType, int log2) {
        return (tag << 24) | (headerSize << 16) | (elementType << 8) | log2;
    }

    private void header(long at, long klass) {
        mem.putLong(off(at), 1L);
        mem.putInt(off(at + 8), (int) (klass - KLASSES));
    }

    private static int off(long address) {
        return (int) (address - BASE);
    }

    private static List<Integer> ints(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        List<Integer> out = new java.util.ArrayList<>();
        while (b.hasRemaining()) {
            out.add(b.getInt());
        }
        return out;
    }
}
