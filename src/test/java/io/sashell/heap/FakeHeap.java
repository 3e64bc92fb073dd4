package io.sashell.heap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sashell.core.MemoryReader;
import io.sashell.sa.SaHeapCollector;
import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaHeapTlab;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;
import io.sashell.sa.SaZgcLayout;
import io.sashell.testkit.HeapBytes;

/**
 * A heap built byte by byte for unit tests: objects written with HotSpot's header encodings into one block
 * of memory, the klass infos SA would report for them, and a layout. Defaults: compressed oops and class
 * pointers (klass base {@link #KLASS_BASE}, shift 3), 8-byte alignment, G1.
 */
final class FakeHeap {

    static final long BASE = 0x1000_0000L;
    static final long KLASS_BASE = 0x8_0000_0000L;

    // Klass addresses of the fake classes (aligned, above the klass base).
    static final long OBJECT = KLASS_BASE + 0x100;
    static final long ITEM = KLASS_BASE + 0x200;
    static final long INT_ARRAY = KLASS_BASE + 0x300;
    static final long OBJ_ARRAY = KLASS_BASE + 0x400;
    static final long CLASS = KLASS_BASE + 0x500;
    static final long CHUNK = KLASS_BASE + 0x600;
    static final long LONG_ARRAY = KLASS_BASE + 0x700;
    /** A valid-looking pointer that is not a Klass (lookup returns empty). */
    static final long NOT_A_KLASS = KLASS_BASE + 0x800;

    static final int MIRROR_OOP_SIZE_OFFSET = 32;
    static final int CHUNK_SIZE_FIELD_OFFSET = 20;

    final HeapBytes memory;
    final ByteBuffer bytes;
    final boolean compact;
    final boolean compressedKlass;
    final int markKlassShift = 42;
    final List<SaHeapRange> ranges = new ArrayList<>();
    final List<SaHeapTlab> tlabs = new ArrayList<>();
    final Map<Long, SaKlassInfo> klasses = new HashMap<>();
    SaHeapCollector collector = SaHeapCollector.G1;
    /** When positive, the layout is generational ZGC's with this medium-page alignment. */
    int zgcMediumAlignment;
    /** Generational ZGC's forwardings (stale copies a walk skips). */
    io.sashell.sa.SaZgcForwardings zgcForwardings = io.sashell.sa.SaZgcForwardings.none();
    int lookups;

    FakeHeap(int size) {
        this(size, false, true);
    }

    FakeHeap(int size, boolean compact, boolean compressedKlass) {
        this.memory = new HeapBytes(BASE, size);
        this.bytes = memory.bytes;
        this.compact = compact;
        this.compressedKlass = compressedKlass;
        int header = headerSize();
        int lengthOffset = compact ? 8 : compressedKlass ? 12 : 16;
        int arrayBase = lengthOffset + 4;
        klass(OBJECT, "java.lang.Object", SaKlassKind.INSTANCE, align(header), List.of());
        klass(ITEM, "x.Item", SaKlassKind.INSTANCE, align(header + 12) | 1,
                List.of(new SaKlassField("next", "Lx/Item;", header, "x.Item"),
                        new SaKlassField("id", "J", header + 4, "x.Item")));
        klass(CLASS, "java.lang.Class", SaKlassKind.MIRROR, 96, List.of());
        klass(CHUNK, "jdk.internal.vm.StackChunk", SaKlassKind.STACK_CHUNK, 48,
                List.of(new SaKlassField("parent", "Ljdk/internal/vm/StackChunk;", 16, "jdk.internal.vm.StackChunk"),
                        new SaKlassField("size", "I", CHUNK_SIZE_FIELD_OFFSET, "jdk.internal.vm.StackChunk")));
        // Array layout helper: tag in the top byte, header size, element type, log2 element size.
        klass(INT_ARRAY, "int[]", SaKlassKind.TYPE_ARRAY, arrayLh(0xC0, arrayBase, 10, 2), List.of());
        klass(LONG_ARRAY, "long[]", SaKlassKind.TYPE_ARRAY, arrayLh(0xC0, align(arrayBase), 11, 3), List.of());
        klass(OBJ_ARRAY, "java.lang.Object[]", SaKlassKind.OBJ_ARRAY, arrayLh(0x80, arrayBase, 12, 2), List.of());
    }

    int headerSize() {
        return compact ? 8 : compressedKlass ? 12 : 16;
    }

    int lengthOffset() {
        return compact ? 8 : compressedKlass ? 12 : 16;
    }

    static int align(int size) {
        return (size + 7) & ~7;
    }

    static int arrayLh(int tag, int headerSize, int elementType, int log2) {
        return (tag << 24) | (headerSize << 16) | (elementType << 8) | log2;
    }

    void klass(long address, String name, SaKlassKind kind, int lh, List<SaKlassField> fields) {
        klasses.put(address, new SaKlassInfo(address, name, kind, lh, kind == SaKlassKind.TYPE_ARRAY ? 10 : 0,
                kind == SaKlassKind.OBJ_ARRAY ? OBJECT : 0, kind.isArray() ? 1 : 0, OBJECT, 0, "bootstrap", 0,
                fields, List.of()));
    }

    Optional<SaKlassInfo> lookup(long address) {
        lookups++;
        return Optional.ofNullable(klasses.get(address));
    }

    // --- writing objects -------------------------------------------------------------------------------

    /** Writes a header for {@code klass} at {@code address}; klass 0 writes a null klass. */
    void header(long address, long klass) {
        memory.header(address, klass, compact ? HeapBytes.Header.COMPACT
                : compressedKlass ? HeapBytes.Header.COMPRESSED : HeapBytes.Header.FULL, KLASS_BASE, markKlassShift);
    }

    /** An instance of a plain instance klass; returns its size. */
    long instance(long address, long klass) {
        header(address, klass);
        return klasses.get(klass).instanceSize();
    }

    long intArray(long address, int length) {
        header(address, INT_ARRAY);
        bytes.putInt(offset(address) + lengthOffset(), length);
        return align(lengthOffset() + 4 + 4 * length);
    }

    long longArray(long address, int length) {
        header(address, LONG_ARRAY);
        bytes.putInt(offset(address) + lengthOffset(), length);
        return align(align(lengthOffset() + 4) + 8 * length);
    }

    long mirror(long address, int words) {
        header(address, CLASS);
        bytes.putInt(offset(address) + MIRROR_OOP_SIZE_OFFSET, words);
        return 8L * words;
    }

    long chunk(long address, int stackWords) {
        header(address, CHUNK);
        bytes.putInt(offset(address) + CHUNK_SIZE_FIELD_OFFSET, stackWords);
        // 48-byte instance, the stack, then one bit per narrow oop slot, in whole words.
        long bitmapWords = ((stackWords * 2L + 63) / 64);
        return 8 * (6 + stackWords + bitmapWords);
    }

    void fill(long from, long to, byte value) {
        for (long a = from; a < to; a++) {
            bytes.put(offset(a), value);
        }
    }

    int offset(long address) {
        return memory.offset(address);
    }

    // --- layout ----------------------------------------------------------------------------------------

    void range(long bottom, long top, long end, SaHeapRange.Type type, int index, String label) {
        ranges.add(new SaHeapRange(bottom, top, end, type, index, label));
    }

    void range(long bottom, long top, String label) {
        range(bottom, top, top, SaHeapRange.Type.OLD, -1, label);
    }

    void tlab(long start, long top, long end, long hardEnd) {
        tlabs.add(new SaHeapTlab(0, start, top, end, hardEnd));
    }

    SaHeapLayout layout() {
        SaZgcLayout zgc = zgcMediumAlignment > 0
                ? new SaZgcLayout(true, BASE, zgcMediumAlignment, 1 << 21, 1 << 21, new long[3], new long[3],
                        new long[3], 0, 0, zgcForwardings)
                : SaZgcLayout.none();
        return new SaHeapLayout("test", collector, ranges, true, tlabs, SaHeapCompression.of(0, 3),
                compressedKlass || compact ? SaHeapCompression.of(KLASS_BASE, 3) : SaHeapCompression.off(),
                compact, compact ? markKlassShift : 0, 8, 4, compact ? 0 : 8, lengthOffset(),
                MIRROR_OOP_SIZE_OFFSET, 24, 40, 1 << 20, 0, 0, BASE, BASE + bytes.capacity(), zgc);
    }

    MemoryReader memory() {
        return memory.memory();
    }

    HeapWalker walker() {
        return new HeapWalker(memory(), layout(), this::lookup);
    }
}
