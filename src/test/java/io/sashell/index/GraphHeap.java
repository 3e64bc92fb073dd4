package io.sashell.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sashell.core.MemoryReader;
import io.sashell.sa.GcRoot;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaHeapCollector;
import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;
import io.sashell.sa.StackRange;
import io.sashell.testkit.HeapBytes;

/**
 * A heap of objects that reference each other, built byte by byte with HotSpot's encodings for unit tests of
 * the index: compressed oops (base 0, shift 3), compressed class pointers, 12-byte headers, 8-byte alignment,
 * one range from {@link #BASE}. Objects are allocated one after the other; a scratch area after the heap can
 * serve as a thread stack.
 */
final class GraphHeap {
    static final long BASE = 0x1000_0000L;
    static final long KLASS_BASE = 0x8_0000_0000L;

    static final long OBJECT = KLASS_BASE + 0x100;
    static final long NODE = KLASS_BASE + 0x200;
    static final long HOLDER = KLASS_BASE + 0x300;
    static final long OBJ_ARRAY = KLASS_BASE + 0x400;
    static final long CLASS = KLASS_BASE + 0x500;
    static final long WEAK = KLASS_BASE + 0x600;
    static final long LOADER = KLASS_BASE + 0x700;
    static final long APP = KLASS_BASE + 0x800;
    static final long INT_ARRAY = KLASS_BASE + 0x900;
    static final long CHUNK = KLASS_BASE + 0xA00;

    // Field offsets.
    static final int NEXT = 12;
    static final int OTHER = 16;
    static final int A = 12;
    static final int B = 16;
    static final int C = 20;
    static final int REFERENT = 12;
    static final int QUEUE = 16;
    static final int PARENT = 12;
    // java.lang.Class: klass pointer, array klass pointer, size in words, classLoader, then statics.
    static final int MIRROR_KLASS = 16;
    static final int MIRROR_ARRAY_KLASS = 24;
    static final int MIRROR_OOP_SIZE = 32;
    static final int MIRROR_LOADER = 36;
    static final int STATICS = 40;

    final HeapBytes memory;
    final ByteBuffer bytes;
    final Map<Long, SaKlassInfo> klasses = new HashMap<>();
    final List<GcRoot> roots = new ArrayList<>();
    final List<StackRange> stacks = new ArrayList<>();
    long top = BASE;
    final long heapEnd;
    /** Where the heap is cut into two ranges (so that a parallel walk splits it), 0 for one range. */
    long split;

    GraphHeap(int heapBytes, int stackBytes) {
        memory = new HeapBytes(BASE, heapBytes + stackBytes);
        bytes = memory.bytes;
        heapEnd = BASE + heapBytes;
        klass(OBJECT, "java.lang.Object", SaKlassKind.INSTANCE, 16, List.of(), 0);
        klass(NODE, "x.Node", SaKlassKind.INSTANCE, 24, List.of(
                new SaKlassField("next", "Lx/Node;", NEXT, "x.Node"),
                new SaKlassField("other", "Ljava/lang/Object;", OTHER, "x.Node"),
                new SaKlassField("id", "I", 20, "x.Node")), OBJECT);
        klass(HOLDER, "x.Holder", SaKlassKind.INSTANCE, 24, List.of(
                new SaKlassField("a", "Ljava/lang/Object;", A, "x.Holder"),
                new SaKlassField("b", "Ljava/lang/Object;", B, "x.Holder"),
                new SaKlassField("c", "Ljava/lang/Object;", C, "x.Holder")), OBJECT);
        klass(WEAK, "java.lang.ref.WeakReference", SaKlassKind.REFERENCE, 24, List.of(
                new SaKlassField("referent", "Ljava/lang/Object;", REFERENT, "java.lang.ref.Reference"),
                new SaKlassField("queue", "Ljava/lang/ref/ReferenceQueue;", QUEUE, "java.lang.ref.Reference")),
                OBJECT);
        klass(LOADER, "x.Loader", SaKlassKind.CLASS_LOADER, 16, List.of(
                new SaKlassField("parent", "Ljava/lang/ClassLoader;", PARENT, "java.lang.ClassLoader")), OBJECT);
        klass(CLASS, "java.lang.Class", SaKlassKind.MIRROR, 40, List.of(
                new SaKlassField("classLoader", "Ljava/lang/ClassLoader;", MIRROR_LOADER, "java.lang.Class")),
                OBJECT);
        klass(CHUNK, "jdk.internal.vm.StackChunk", SaKlassKind.STACK_CHUNK, 24, List.of(
                new SaKlassField("parent", "Ljdk/internal/vm/StackChunk;", 12, "jdk.internal.vm.StackChunk"),
                new SaKlassField("size", "I", 16, "jdk.internal.vm.StackChunk"),
                new SaKlassField("sp", "I", 20, "jdk.internal.vm.StackChunk")), OBJECT);
        klasses.put(OBJ_ARRAY, new SaKlassInfo(OBJ_ARRAY, "java.lang.Object[]", SaKlassKind.OBJ_ARRAY,
                (0x80 << 24) | (16 << 16) | (12 << 8) | 2, 0, OBJECT, 1, OBJECT, 0, "bootstrap", 0, List.of(),
                List.of()));
        klasses.put(INT_ARRAY, new SaKlassInfo(INT_ARRAY, "int[]", SaKlassKind.TYPE_ARRAY,
                (0xC0 << 24) | (16 << 16) | (10 << 8) | 2, 10, 0, 1, OBJECT, 0, "bootstrap", 0, List.of(),
                List.of()));
    }

    void klass(long address, String name, SaKlassKind kind, int lh, List<SaKlassField> fields, long superKlass) {
        klasses.put(address, new SaKlassInfo(address, name, kind, lh, 0, 0, 0, superKlass, 0, "bootstrap", 0,
                fields, List.of()));
    }

    /** The class x.App, loaded by {@code loader}, whose static fields hold references; with its mirror. */
    long appClass(long loader, int staticReferences) {
        List<SaKlassField> statics = new ArrayList<>();
        for (int i = 0; i < staticReferences; i++) {
            statics.add(new SaKlassField(i == 0 ? "REGISTRY" : "S" + i, "Ljava/lang/Object;", STATICS + 4L * i,
                    "x.App"));
        }
        statics.add(new SaKlassField("COUNT", "I", STATICS + 4L * staticReferences, "x.App"));
        long mirror = mirror(APP, staticReferences + 1);
        putOop(mirror + MIRROR_LOADER, loader);
        klasses.put(APP, new SaKlassInfo(APP, "x.App", SaKlassKind.INSTANCE, 16, 0, 0, 0, OBJECT, loader,
                "x.Loader@0x" + Long.toHexString(loader), mirror, List.of(), statics));
        return mirror;
    }

    /** A mirror of the class at {@code klass} with room for {@code statics} 4-byte static fields. */
    long mirror(long klass, int statics) {
        long size = align(STATICS + 4L * statics);
        long a = allocate(CLASS, size);
        bytes.putLong(offset(a + MIRROR_KLASS), klass);
        bytes.putInt(offset(a + MIRROR_OOP_SIZE), (int) (size / 8));
        return a;
    }

    long instance(long klass) {
        return allocate(klass, klasses.get(klass).instanceSize());
    }

    /**
     * A virtual thread's stack chunk of {@code stackWords} words, frames from word {@code sp} on: 24 bytes of
     * fields, the stack, then a bitmap of one bit per narrow-oop slot (as HotSpot sizes it).
     */
    long stackChunk(int stackWords, int sp) {
        long bitmapWords = (2L * stackWords + 63) / 64;
        long a = allocate(CHUNK, 8 * (3 + stackWords + bitmapWords));
        bytes.putInt(offset(a + 16), stackWords);
        bytes.putInt(offset(a + 20), sp);
        return a;
    }

    /** Writes {@code value} into word {@code word} of a stack chunk's stack. */
    void stackWord(long chunk, int word, long value) {
        bytes.putLong(offset(chunk + 24 + 8L * word), value);
    }

    long objArray(int length) {
        long a = allocate(OBJ_ARRAY, align(16 + 4L * length));
        bytes.putInt(offset(a + 12), length);
        return a;
    }

    long intArray(int length) {
        long a = allocate(INT_ARRAY, align(16 + 4L * length));
        bytes.putInt(offset(a + 12), length);
        return a;
    }

    void slot(long array, int index, long target) {
        putOop(array + 16 + 4L * index, target);
    }

    /** Writes a reference to {@code target} (0: null) at {@code at}. */
    void putOop(long at, long target) {
        memory.putNarrowOop(at, target);
    }

    void root(long object, io.sashell.sa.RootKind kind, String description, String thread) {
        roots.add(new GcRoot(object, kind, description, thread, 0));
    }

    /** The scratch area after the heap, as a thread stack to scan conservatively. */
    long stack(String thread, Long... registers) {
        stacks.add(new StackRange(thread, 0, 1, heapEnd, BASE + bytes.capacity(), "test stack",
                List.of(registers)));
        return heapEnd;
    }

    void putLong(long at, long value) {
        bytes.putLong(offset(at), value);
    }

    private long allocate(long klass, long size) {
        long a = top;
        top += size;
        if (top > heapEnd) {
            throw new IllegalStateException("the test heap is full");
        }
        memory.header(a, klass, HeapBytes.Header.COMPRESSED, KLASS_BASE, 0);
        return a;
    }

    static long align(long size) {
        return HeapBytes.align(size);
    }

    int offset(long address) {
        return memory.offset(address);
    }

    SaHeapLayout layout() {
        List<SaHeapRange> ranges = split == 0
                ? List.of(new SaHeapRange(BASE, top, heapEnd, SaHeapRange.Type.OLD, -1, "old"))
                : List.of(new SaHeapRange(BASE, split, split, SaHeapRange.Type.EDEN, -1, "eden"),
                        new SaHeapRange(split, top, heapEnd, SaHeapRange.Type.OLD, -1, "old"));
        return new SaHeapLayout("test", SaHeapCollector.SERIAL, ranges, false, List.of(), SaHeapCompression.of(0, 3),
                SaHeapCompression.of(KLASS_BASE, 3), false, 0, 8, 4, 8, 12, MIRROR_OOP_SIZE, MIRROR_KLASS,
                MIRROR_ARRAY_KLASS, 0, 0, 0, BASE, heapEnd);
    }

    Optional<SaKlassInfo> lookup(long address) {
        return Optional.ofNullable(klasses.get(address));
    }

    MemoryReader memory() {
        return memory.memory();
    }

    HeapIndexBuilder.Inputs inputs(CoreIdentity identity) {
        return new HeapIndexBuilder.Inputs(identity, memory(), layout(), this::lookup,
                new RootSet(roots, stacks, List.of()));
    }
}
