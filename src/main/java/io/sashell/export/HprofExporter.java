package io.sashell.export;

import io.sashell.core.MemoryReader;
import io.sashell.core.Timing;
import io.sashell.heap.HeapWalkProgress;
import io.sashell.redact.RedactLevel;
import io.sashell.sa.GcRoot;
import io.sashell.sa.KlassRef;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Writes an hprof file ("JAVA PROFILE 1.0.2", 8-byte ids, segmented heap dump) from one walk of the heap:
 * strings and LOAD CLASS records for every loaded class, the threads' stack traces, then one heap dump made of
 * the roots, a CLASS DUMP per class and an INSTANCE DUMP or array dump per object in address order. Ids are
 * addresses: objects by their address, classes by their {@code java.lang.Class} instance (which is therefore
 * not dumped as an instance), strings and frames by counters. Values are read from the core as they lie, so
 * references are full addresses whatever the compression.
 */
public final class HprofExporter {
    static final int TAG_UTF8 = 0x01;
    static final int TAG_LOAD_CLASS = 0x02;
    static final int TAG_HEAP_DUMP_END = 0x2C;

    static final int CLASS_DUMP = 0x20;
    static final int INSTANCE_DUMP = 0x21;
    static final int OBJ_ARRAY_DUMP = 0x22;
    static final int PRIM_ARRAY_DUMP = 0x23;

    private static final int EMPTY_TRACE = HprofThreads.EMPTY_TRACE;
    private static final int BUFFER = 8 << 20;
    private static final int CHUNK = 1 << 20;
    private static final int CACHE_BITS = 10;
    /** Written instead of array payloads when redacting. */
    private static final byte[] ZEROS = new byte[CHUNK];

    private final ExportSource src;
    private final MemoryReader memory;
    private final SaHeapLayout layout;
    private final SaHeapCompression oops;
    private final HprofOutput out;
    private final HeapWindow window;
    private final HprofThreads threads;
    /** The objects written, or null for all of them. */
    private final LongPredicate written;
    private final boolean zeroArrays;
    private final boolean zeroFields;
    private ConservativeRoots conservative = ConservativeRoots.none();
    private final Map<String, Long> strings = new HashMap<>();
    private final Map<Long, ClassPlan> plans = new HashMap<>();
    private final Map<String, Integer> serialByName = new HashMap<>();
    private final List<ClassPlan> order = new ArrayList<>();
    private final byte[] scratch = new byte[CHUNK];
    /** The scratch bytes as the core stores them (little-endian), for absolute reads without allocating. */
    private final ByteBuffer scratchLE = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);
    private final long[] cacheKeys = new long[1 << CACHE_BITS];
    private final ClassPlan[] cachePlans = new ClassPlan[1 << CACHE_BITS];
    private final boolean narrowOops;
    private long objectClassId;
    private int nextSerial = 1;
    private long nextStringId = 1;
    private long instances;
    private long arrays;
    private long skipped;
    private long left;
    private long conservativeRoots;
    private int dumped;

    private HprofExporter(ExportSource src, FileChannel channel) {
        this.src = src;
        this.memory = src.memory();
        this.layout = src.walker().layout();
        this.oops = layout.compressedOops();
        this.narrowOops = layout.heapOopSize() == 4;
        this.out = new HprofOutput(channel, BUFFER);
        this.window = new HeapWindow(memory);
        this.threads = new HprofThreads(out);
        this.written = src.written().orElse(null);
        this.zeroArrays = src.redact().isPresent();
        this.zeroFields = src.redact().filter(l -> l == RedactLevel.FULL).isPresent();
    }

    /**
     * Writes the whole file to {@code channel} (positioned at 0). Cancellable: an interrupt of the calling
     * thread ends the walk with a {@link java.util.concurrent.CancellationException}.
     */
    public static ExportResult write(ExportSource src, FileChannel channel, java.nio.file.Path file,
                                     long timestampMillis, HeapWalkProgress progress) {
        HprofExporter e = new HprofExporter(src, channel);
        try (HprofOutput out = e.out) {
            return e.run(file, timestampMillis, progress);
        }
    }

    private ExportResult run(java.nio.file.Path file, long timestampMillis, HeapWalkProgress progress) {
        long start = System.nanoTime();
        out.header(timestampMillis);
        for (KlassRef k : src.classes()) {
            plan(k.klass());
        }
        ClassPlan object = order.stream()
                .filter(p -> p.info.name().equals("java.lang.Object") && p.info.classLoader() == 0)
                .findFirst().orElse(null);
        objectClassId = object == null ? 0 : object.classId;
        Timing.mark("export: class plans");
        threads.traces(src.stacks(), this::string, name -> serialByName.getOrDefault(name, 0));
        RootSet roots = src.roots().roots();
        Timing.mark("export: roots");
        long rootCount = 0;
        for (GcRoot r : roots.roots()) {
            // A live file holds the objects the roots reach, so every root's object, unless it is no object start.
            if (written == null || written.test(r.object())) {
                threads.root(r);
                rootCount++;
            }
        }
        conservative = ConservativeRoots.of(roots.conservativeStacks(), memory, oops, layout.heapOopSize() == 4);
        dumpPendingClasses();
        Timing.mark("export: walk starts");
        WalkPipeline.walk(src.walker(), this::object, progress);
        Timing.mark("export: walk done");
        out.endSegment();
        out.record(TAG_HEAP_DUMP_END, 0);
        out.finish();
        Timing.mark("export: file written and forced");
        List<String> notes = new ArrayList<>(roots.problems());
        if (skipped > 0) {
            notes.add(skipped + " objects of classes without metadata are not in the file");
        }
        if (written != null) {
            notes.add(left + " objects no root reaches are not in the file (--live); references to them are null");
        }
        src.redact().ifPresent(l -> notes.add(zeroFields
                ? "redacted (full): primitive array contents and primitive instance and static fields are zeros"
                : "redacted (basic): primitive array contents are zeros; primitive fields are kept (--redact full"
                + " zeroes them)"));
        return new ExportResult(file, out.size(), instances, arrays, order.size(), rootCount + conservativeRoots,
                src.stacks().size(), skipped, (System.nanoTime() - start) / 1_000_000, notes);
    }

    // ---- classes ----

    /** The plan of a klass, made (and its strings and LOAD CLASS written) on first use; null without metadata. */
    private ClassPlan plan(long klass) {
        ClassPlan p = plans.get(klass);
        if (p != null || klass == 0) {
            return p;
        }
        Optional<SaKlassInfo> found = src.klassLookup().apply(klass);
        if (found.isEmpty()) {
            return null;
        }
        SaKlassInfo info = found.get();
        ClassPlan sup = info.kind().isArray() ? null : plan(info.superKlass());
        List<SaKlassField> all = info.instanceFields();
        int inherited = sup == null ? 0 : Math.min(sup.info.instanceFields().size(), all.size());
        List<SaKlassField> own = info.kind().isArray() ? List.of() : all.subList(inherited, all.size());
        // Instance dumps hold the class's own fields first, then its super's own fields, and so on up.
        List<SaKlassField> dumpOrder = new ArrayList<>(own);
        if (sup != null) {
            for (int i = 0; i < sup.fieldOffsets.length; i++) {
                dumpOrder.add(null);
            }
        }
        int n = dumpOrder.size();
        long[] offsets = new long[n];
        byte[] types = new byte[n];
        int valuesSize = 0;
        for (int i = 0; i < own.size(); i++) {
            SaKlassField f = own.get(i);
            offsets[i] = f.offset();
            types[i] = (byte) HprofTypes.type(f.signature());
            valuesSize += HprofTypes.size(types[i]);
        }
        if (sup != null) {
            System.arraycopy(sup.fieldOffsets, 0, offsets, own.size(), sup.fieldOffsets.length);
            System.arraycopy(sup.fieldTypes, 0, types, own.size(), sup.fieldTypes.length);
            valuesSize += sup.valuesSize;
        }
        long classId = info.javaMirror() != 0 ? info.javaMirror() : info.address();
        p = new ClassPlan(info, classId, nextSerial++, own, offsets, types, valuesSize, sup);
        plans.put(klass, p);
        order.add(p);
        serialByName.putIfAbsent(info.name(), p.serial);
        long nameId = string(HprofTypes.binaryName(info));
        for (SaKlassField f : own) {
            string(f.name());
        }
        for (SaKlassField f : info.staticFields()) {
            string(f.name());
        }
        out.record(TAG_LOAD_CLASS, 4 + 8 + 4 + 8);
        out.u4(p.serial);
        out.id(classId);
        out.u4(EMPTY_TRACE);
        out.id(nameId);
        return p;
    }

    /** CLASS DUMPs of the classes planned since the last call (a late class brings its supers). */
    private void dumpPendingClasses() {
        while (dumped < order.size()) {
            classDump(order.get(dumped++));
        }
    }

    private void classDump(ClassPlan p) {
        SaKlassInfo info = p.info;
        List<SaKlassField> statics = info.staticFields();
        int length = 1 + 8 + 4 + 8 * 6 + 4 + 2 + 2 + 2;
        for (SaKlassField f : statics) {
            length += 8 + 1 + HprofTypes.size(HprofTypes.type(f.signature()));
        }
        length += p.own.size() * 9;
        out.sub(length);
        out.u1(CLASS_DUMP);
        out.id(p.classId);
        out.u4(EMPTY_TRACE);
        out.id(info.kind().isArray() ? objectClassId : p.sup == null ? 0 : p.sup.classId);
        out.id(reference(info.classLoader()));
        out.id(0);
        out.id(0);
        out.id(0);
        out.id(0);
        out.u4(p.valuesSize);
        out.u2(0);
        out.u2(statics.size());
        long mirror = info.javaMirror();
        for (SaKlassField f : statics) {
            int t = HprofTypes.type(f.signature());
            out.id(string(f.name()));
            out.u1(t);
            if (mirror == 0) {
                for (int i = 0; i < HprofTypes.size(t); i++) {
                    out.u1(0);
                }
            } else {
                putValue(out.buffer(), t, mirror + f.offset());
            }
        }
        out.u2(p.own.size());
        for (SaKlassField f : p.own) {
            out.id(string(f.name()));
            out.u1(HprofTypes.type(f.signature()));
        }
    }

    // ---- objects ----

    private void object(long address, long klass, long size) {
        if (written != null && !written.test(address)) {
            left++;
            return;
        }
        if (conservative.hit(address)) {
            conservative.match(address, thread -> {
                threads.conservative(address, thread);
                conservativeRoots++;
            });
        }
        ClassPlan p = cachedPlan(klass);
        if (p == null) {
            p = plan(klass);
            if (p == null) {
                skipped++;
                return;
            }
            dumpPendingClasses();
        }
        switch (p.info.kind()) {
            case TYPE_ARRAY -> primitiveArray(address, p);
            case OBJ_ARRAY -> objectArray(address, p);
            case MIRROR -> {
                long mirrored = memory.readLong(address + layout.mirrorKlassOffset());
                ClassPlan c = mirrored == 0 ? null : plans.get(mirrored);
                // A mirror of a dumped class is its CLASS DUMP; mirrors of primitive types stay instances.
                if (c == null || c.classId != address) {
                    instance(address, size, p);
                }
            }
            default -> instance(address, size, p);
        }
    }

    /**
     * The plan of a klass through a small direct-mapped cache (a few classes make most objects, in any order: a
     * HashMap lookup with a boxed key per object cost a tenth of the export), or null when not planned yet.
     */
    private ClassPlan cachedPlan(long klass) {
        int slot = cacheSlot(klass);
        if (cacheKeys[slot] == klass) {
            return cachePlans[slot];
        }
        ClassPlan p = plans.get(klass);
        if (p != null) {
            cacheKeys[slot] = klass;
            cachePlans[slot] = p;
        }
        return p;
    }

    private static int cacheSlot(long klass) {
        return (int) ((klass * 0x9E37_79B9_7F4A_7C15L) >>> (64 - CACHE_BITS));
    }

    private void instance(long address, long size, ClassPlan p) {
        out.sub(1 + 8 + 4 + 8 + 4 + p.valuesSize);
        out.u1(INSTANCE_DUMP);
        out.id(address);
        out.u4(EMPTY_TRACE);
        out.id(p.classId);
        out.u4(p.valuesSize);
        ByteBuffer b = out.buffer();
        long[] offsets = p.fieldOffsets;
        byte[] types = p.fieldTypes;
        int at = size > CHUNK ? -1 : window.offset(address, size);
        if (at >= 0) {
            // The fields where they lie in the mapped core.
            ByteBuffer s = window.buffer();
            for (int i = 0; i < offsets.length; i++) {
                putField(b, s, types[i], at + (int) offsets[i]);
            }
        } else if (size > CHUNK) {
            for (int i = 0; i < offsets.length; i++) {
                putValue(b, types[i], address + offsets[i]);
            }
        } else {
            // One read of the whole object, then the fields from the copy: a read per field cost more.
            memory.read(address, scratch, 0, (int) size);
            for (int i = 0; i < offsets.length; i++) {
                putField(b, scratchLE, types[i], (int) offsets[i]);
            }
        }
        instances++;
    }

    /** Writes the field of type {@code t} at {@code offset} of {@code s} (little-endian object bytes). */
    private void putField(ByteBuffer b, ByteBuffer s, int t, int offset) {
        if (zeroFields && t != HprofTypes.T_OBJECT) {
            b.put(ZEROS, 0, HprofTypes.size(t));
            return;
        }
        switch (t) {
            case HprofTypes.T_OBJECT -> b.putLong(reference(narrowOops
                    ? oops.decode(Integer.toUnsignedLong(s.getInt(offset))) : decoded(s.getLong(offset))));
            case 4, 8 -> b.put(s.get(offset));
            case 5, 9 -> b.putShort(s.getShort(offset));
            case 6, 10 -> b.putInt(s.getInt(offset));
            default -> b.putLong(s.getLong(offset));
        }
    }

    private void primitiveArray(long address, ClassPlan p) {
        SaKlassInfo info = p.info;
        int length = memory.readInt(address + layout.arrayLengthOffset());
        int log2 = info.log2ElementSize();
        long dataBytes = (long) length << log2;
        long recordLength = 1 + 8 + 4 + 4 + 1 + dataBytes;
        long data = address + info.arrayHeaderSize();
        boolean big = recordLength > out.capacity() - 9;
        if (big) {
            out.bigSub(recordLength);
            out.room(18);
        } else {
            out.sub((int) recordLength);
        }
        out.u1(PRIM_ARRAY_DUMP);
        out.id(address);
        out.u4(EMPTY_TRACE);
        out.u4(length);
        out.u1(info.elementType());
        for (long done = 0; done < dataBytes; ) {
            int n = (int) Math.min(CHUNK, dataBytes - done);
            if (big) {
                out.room(n);
            }
            copySwapped(data + done, n, log2);
            done += n;
        }
        arrays++;
    }

    /** Copies {@code n} bytes of little-endian elements of 2^log2 bytes from the core to the output, big-endian. */
    private void copySwapped(long from, int n, int log2) {
        ByteBuffer dst = out.buffer();
        if (zeroArrays) {
            dst.put(ZEROS, 0, n);
            return;
        }
        int at = window.offset(from, n);
        ByteBuffer src = window.buffer();
        if (at < 0) {
            memory.read(from, scratch, 0, n);
            src = scratchLE;
            at = 0;
        }
        if (log2 == 0) {
            if (n <= 32) {
                // Small arrays (most of them): a plain loop beats a bulk copy.
                for (int i = at; i < at + n; i++) {
                    dst.put(src.get(i));
                }
            } else {
                dst.put(dst.position(), src, at, n);
                dst.position(dst.position() + n);
            }
            return;
        }
        // Eight bytes at a time, each element's bytes reversed within its lane. (Buffer views, used before for
        // arrays over 256 bytes, loaded a class the first time an array of each element size came up, and C2
        // threw away and recompiled this method for each.)
        int end = at + n;
        int i = at;
        switch (log2) {
            case 1 -> {
                for (; i + 8 <= end; i += 8) {
                    dst.putLong(shortsInOrder(src.getLong(i)));
                }
                for (; i < end; i += 2) {
                    dst.putShort(src.getShort(i));
                }
            }
            case 2 -> {
                for (; i + 8 <= end; i += 8) {
                    dst.putLong(Long.rotateLeft(src.getLong(i), 32));
                }
                if (i < end) {
                    dst.putInt(src.getInt(i));
                }
            }
            default -> {
                for (; i < end; i += 8) {
                    dst.putLong(src.getLong(i));
                }
            }
        }
    }

    /**
     * Four 16-bit elements read as one little-endian long, as the long whose big-endian bytes are the elements in
     * order, each big-endian.
     */
    static long shortsInOrder(long v) {
        long halves = Long.rotateLeft(v, 32);
        return ((halves & 0x0000_FFFF_0000_FFFFL) << 16) | ((halves >>> 16) & 0x0000_FFFF_0000_FFFFL);
    }

    private void objectArray(long address, ClassPlan p) {
        int length = memory.readInt(address + layout.arrayLengthOffset());
        int oop = layout.heapOopSize();
        long recordLength = 1 + 8 + 4 + 4 + 8 + 8L * length;
        long data = address + p.info.arrayHeaderSize();
        boolean big = recordLength > out.capacity() - 9;
        if (big) {
            out.bigSub(recordLength);
            out.room(25);
        } else {
            out.sub((int) recordLength);
        }
        out.u1(OBJ_ARRAY_DUMP);
        out.id(address);
        out.u4(EMPTY_TRACE);
        out.u4(length);
        out.id(p.classId);
        int perChunk = CHUNK / 8;
        for (int done = 0; done < length; ) {
            int n = Math.min(perChunk, length - done);
            if (big) {
                out.room(n * 8);
            }
            long from = data + (long) done * oop;
            int at = window.offset(from, (long) n * oop);
            ByteBuffer s = window.buffer();
            if (at < 0) {
                memory.read(from, scratch, 0, n * oop);
                s = scratchLE;
                at = 0;
            }
            ByteBuffer b = out.buffer();
            if (written != null) {
                for (int i = 0; i < n; i++) {
                    b.putLong(reference(oop == 4 ? oops.decode(Integer.toUnsignedLong(s.getInt(at + (i << 2))))
                            : decoded(s.getLong(at + (i << 3)))));
                }
            } else if (oop == 4) {
                for (int i = 0; i < n; i++) {
                    b.putLong(oops.decode(Integer.toUnsignedLong(s.getInt(at + (i << 2)))));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    b.putLong(decoded(s.getLong(at + (i << 3))));
                }
            }
            done += n;
        }
        arrays++;
    }

    // ---- values and names ----

    private long string(String s) {
        Long id = strings.get(s);
        if (id != null) {
            return id;
        }
        long newId = nextStringId++;
        strings.put(s, newId);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.record(TAG_UTF8, 8 + utf8.length);
        out.id(newId);
        out.bytes(utf8);
        return newId;
    }

    /** A reference as written: null for an object left out of the file. */
    private long reference(long address) {
        return written == null || address == 0 || written.test(address) ? address : 0;
    }

    /** An 8-byte reference field's target: itself, but a ZGC coloured pointer decoded (0 when invalid). */
    private long decoded(long raw) {
        long a = layout.decodeReference(raw);
        return a < 0 ? 0 : a;
    }

    /** Writes the value of type {@code t} found at {@code address} in the core (zeros for redacted fields). */
    private void putValue(ByteBuffer b, int t, long address) {
        if (zeroFields && t != HprofTypes.T_OBJECT) {
            b.put(ZEROS, 0, HprofTypes.size(t));
            return;
        }
        switch (t) {
            case HprofTypes.T_OBJECT -> b.putLong(reference(layout.heapOopSize() == 4
                    ? oops.decode(Integer.toUnsignedLong(memory.readInt(address)))
                    : decoded(memory.readLong(address))));
            case 4, 8 -> b.put(memory.readByte(address));
            case 5, 9 -> b.putShort((short) (memory.readByte(address) & 0xFF | memory.readByte(address + 1) << 8));
            case 6, 10 -> b.putInt(memory.readInt(address));
            default -> b.putLong(memory.readLong(address));
        }
    }

    private static final class ClassPlan {
        final SaKlassInfo info;
        final long classId;
        final int serial;
        final List<SaKlassField> own;
        final long[] fieldOffsets;
        final byte[] fieldTypes;
        final int valuesSize;
        final ClassPlan sup;

        ClassPlan(SaKlassInfo info, long classId, int serial, List<SaKlassField> own, long[] fieldOffsets,
                  byte[] fieldTypes, int valuesSize, ClassPlan sup) {
            this.info = info;
            this.classId = classId;
            this.serial = serial;
            this.own = List.copyOf(own);
            this.fieldOffsets = fieldOffsets;
            this.fieldTypes = fieldTypes;
            this.valuesSize = valuesSize;
            this.sup = sup;
        }
    }
}
