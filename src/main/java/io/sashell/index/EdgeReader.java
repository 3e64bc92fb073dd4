package io.sashell.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassKind;

/**
 * Reads an object's references back from the core, each with its label (field, slot, static field, injected
 * field, hidden reference): what the index's arrays do not store. The index's queries on labels and outbound
 * references end here.
 */
final class EdgeReader {
    private final HeapIndex index;
    private final IndexHeader header;
    private final MemoryReader memory;
    private final OopDecoder oops;
    private final int[] mirrorIds;
    private final int[] mirrorKlasses;
    private Map<Integer, int[]> definedBy;

    EdgeReader(HeapIndex index, IndexHeader header, MemoryReader memory, OopDecoder oops, int[] mirrorIds,
               int[] mirrorKlasses) {
        this.index = index;
        this.header = header;
        this.memory = memory;
        this.oops = oops;
        this.mirrorIds = mirrorIds;
        this.mirrorKlasses = mirrorKlasses;
    }

    /**
     * As {@link #labels(int, int)}, stopping once {@code plain} fields or slots (neither hidden nor weak) are
     * found: a path needs one slot of an array, not all. Cost: the source's fields up to the last one found.
     */
    List<EdgeLabel> labels(int source, int target, int plain) {
        long targetAddress = index.address(target);
        IndexedKlass k = index.klassOf(source);
        if (k.kind() == SaKlassKind.OBJ_ARRAY) {
            try {
                return slotsHolding(source, k, targetAddress, plain);
            } catch (UnreadableMemoryException e) {
                // A damaged array: fall back to reading it slot by slot, as far as it goes.
            }
        }
        List<EdgeLabel> out = new ArrayList<>();
        int[] found = {0};
        scan(source, (label, address, slot) -> {
            if (address == targetAddress) {
                EdgeLabel l = label.get(slot);
                out.add(l);
                if (!l.isHidden() && !l.isWeak() && ++found[0] >= plain) {
                    return false;
                }
            }
            return true;
        });
        return out;
    }

    /** Bytes of an array read at once when looking for the slots that hold an object. */
    private static final int SCAN_CHUNK = 1 << 16;

    /**
     * The slots of an object array that hold {@code target}, found by comparing the slots' raw values (read in
     * large chunks) with the target's encoding: a million-slot array takes a few milliseconds.
     */
    private List<EdgeLabel> slotsHolding(int source, IndexedKlass k, long target, int plain) {
        long a = index.address(source);
        long length = memory.readInt(a + header.arrayLengthOffset()) & 0xFFFF_FFFFL;
        long p = a + k.arrayHeader();
        int step = header.heapOopSize();
        long encoded = oops.encode(target);
        List<EdgeLabel> out = new ArrayList<>();
        SlotTable table = length >= SLOT_TABLE_MIN ? slotTable(source, p, length) : null;
        if (table != null) {
            long key = step == 4 ? encoded : ((target - header.addressBase()) >>> header.addressShift()) + 1;
            for (long slot : table.slots(key, plain)) {
                out.add(EdgeLabel.element(k.name(), slot));
            }
        } else {
            byte[] chunk = new byte[SCAN_CHUNK];
            ByteBuffer view = ByteBuffer.wrap(chunk).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long perChunk = SCAN_CHUNK / step;
            int found = 0;
            for (long first = 0; first < length && found < plain; first += perChunk) {
                int n = (int) Math.min(perChunk, length - first);
                memory.read(p + first * step, chunk, 0, n * step);
                for (int i = 0; i < n; i++) {
                    // Coloured pointers are compared decoded: one address has several colourings.
                    long v = step == 4 ? view.getInt(i << 2) & 0xFFFF_FFFFL : oops.decode(view.getLong(i << 3));
                    if (v == encoded) {
                        out.add(EdgeLabel.element(k.name(), first + i));
                        if (++found >= plain) {
                            break;
                        }
                    }
                }
            }
        }
        if (k.mirror() >= 0 && index.address(k.mirror()) == target) {
            out.add(EdgeLabel.hidden(EdgeLabel.Kind.CLASS, k.name()));
        }
        return out;
    }

    /** Arrays from this many slots on get a {@link SlotTable} when asked which slots hold an object. */
    private static final long SLOT_TABLE_MIN = 1 << 16;

    /**
     * The non-null slots of one large object array sorted by what they hold: which slots hold an object is
     * then a binary search. Exploring a leak asks about the same big array (a map's table, a list's elements)
     * again and again; the last one asked about is kept (12 bytes per non-null slot at most).
     */
    private record SlotTable(int source, long[] keys) {
        /** Slot bits in a key; the value's bits above them. */
        static final int SLOT_BITS = 31;

        long[] slots(long value, int max) {
            long lo = value << SLOT_BITS;
            int i = Arrays.binarySearch(keys, lo);
            if (i < 0) {
                i = -i - 1;
            }
            List<Long> out = new ArrayList<>();
            for (; i < keys.length && (keys[i] >>> SLOT_BITS) == value && out.size() < max; i++) {
                out.add(keys[i] & ((1L << SLOT_BITS) - 1));
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private SlotTable slotTable;

    /** The slot table of an array, made now if it is not the last one made; null when values do not fit a key. */
    private synchronized SlotTable slotTable(int source, long p, long length) {
        if (slotTable != null && slotTable.source() == source) {
            return slotTable;
        }
        int step = header.heapOopSize();
        if (length >= (1L << SlotTable.SLOT_BITS)) {
            return null;
        }
        long[] keys = new long[(int) Math.min(length, 1 << 20)];
        int n = 0;
        byte[] chunk = new byte[SCAN_CHUNK];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long perChunk = SCAN_CHUNK / step;
        long valueLimit = 1L << (63 - SlotTable.SLOT_BITS);
        for (long first = 0; first < length; first += perChunk) {
            int c = (int) Math.min(perChunk, length - first);
            memory.read(p + first * step, chunk, 0, c * step);
            for (int i = 0; i < c; i++) {
                long v;
                if (step == 4) {
                    v = view.getInt(i << 2) & 0xFFFF_FFFFL;
                } else {
                    long address = oops.decode(view.getLong(i << 3));
                    // Plus one, so that an object at the very base is not taken for null.
                    v = address == 0 ? 0 : ((address - header.addressBase()) >>> header.addressShift()) + 1;
                    if (address != 0 && (address < header.addressBase() || v >= valueLimit)) {
                        // Not a heap address this table can key: leave such arrays to the scan.
                        return null;
                    }
                }
                if (v != 0) {
                    if (n == keys.length) {
                        keys = Arrays.copyOf(keys, (int) Math.min(length, (long) n * 2));
                    }
                    keys[n++] = (v << SlotTable.SLOT_BITS) | (first + i);
                }
            }
        }
        keys = Arrays.copyOf(keys, n);
        Arrays.sort(keys);
        slotTable = new SlotTable(source, keys);
        return slotTable;
    }

    /**
     * The non-null references {@code source} holds, in field order (hidden ones last), at most {@code limit}
     * ({@code -1}: all). Cost: the source's fields, up to the limit.
     */
    List<HeapIndex.Reference> references(int source, long limit) {
        List<HeapIndex.Reference> out = new ArrayList<>();
        scan(source, (label, address, slot) -> {
            if (limit >= 0 && out.size() >= limit) {
                return false;
            }
            out.add(new HeapIndex.Reference(label.get(slot), address, index.idOf(address)));
            return true;
        });
        return out;
    }

    /** How many non-null references {@code source} holds (hidden ones included). Cost: its fields. */
    long referenceCount(int source) {
        long[] n = {0};
        scan(source, (label, address, slot) -> {
            n[0]++;
            return true;
        });
        return n[0];
    }

    private interface LabelOf {
        EdgeLabel get(long slot);
    }

    private interface SlotVisitor {
        /** Returns false to stop. */
        boolean visit(LabelOf label, long address, long slot);
    }

    private void scan(int source, SlotVisitor v) {
        long a = index.address(source);
        IndexedKlass k = index.klassOf(source);
        try {
            switch (k.kind()) {
                case TYPE_ARRAY -> {
                }
                case OBJ_ARRAY -> {
                    long length = memory.readInt(a + header.arrayLengthOffset()) & 0xFFFF_FFFFL;
                    long p = a + k.arrayHeader();
                    int step = header.heapOopSize();
                    LabelOf label = slot -> EdgeLabel.element(k.name(), slot);
                    for (long i = 0; i < length; i++) {
                        long t = readOop(p + i * step);
                        if (t != 0 && !v.visit(label, t, i)) {
                            return;
                        }
                    }
                }
                default -> {
                    for (SaKlassField f : k.referenceFields()) {
                        long t = readOop(a + f.offset());
                        if (t == 0) {
                            continue;
                        }
                        boolean referent = k.referenceType() != ReferenceType.NONE && isReferent(f);
                        EdgeLabel label = referent ? EdgeLabel.referent(f.holder(), k.referenceType())
                                : EdgeLabel.field(f.holder(), f.name());
                        if (!v.visit(slot -> label, t, -1)) {
                            return;
                        }
                    }
                    for (SaKlassField f : k.vmFields()) {
                        long t = readOop(a + f.offset());
                        EdgeLabel label = EdgeLabel.vmField(f.holder(), f.name());
                        if (t != 0 && !v.visit(slot -> label, t, -1)) {
                            return;
                        }
                    }
                    if (k.kind() == SaKlassKind.MIRROR && !scanMirror(source, a, v)) {
                        return;
                    }
                    if (k.stackChunk() != null && !scanStackChunk(a, index.size(source), k, v)) {
                        return;
                    }
                    if (k.kind() == SaKlassKind.CLASS_LOADER) {
                        for (int m : definedBy().getOrDefault(source, new int[0])) {
                            int mk = index.mirroredKlass(m);
                            EdgeLabel label = EdgeLabel.hidden(EdgeLabel.Kind.DEFINES,
                                    mk >= 0 ? index.klass(mk).name() : "?");
                            if (!v.visit(slot -> label, index.address(m), -1)) {
                                return;
                            }
                        }
                    }
                }
            }
            int mirror = k.mirror();
            if (mirror >= 0) {
                EdgeLabel label = EdgeLabel.hidden(EdgeLabel.Kind.CLASS, k.name());
                v.visit(slot -> label, index.address(mirror), -1);
            }
        } catch (UnreadableMemoryException e) {
            // An object the walker read is readable; a damaged core may still end a scan early.
        }
    }

    private boolean scanMirror(int source, long a, SlotVisitor v) {
        int mk = index.mirroredKlass(source);
        if (mk < 0) {
            return true;
        }
        IndexedKlass mirrored = index.klass(mk);
        for (SaKlassField f : mirrored.staticFields()) {
            long t = readOop(a + f.offset());
            if (t != 0) {
                EdgeLabel label = EdgeLabel.staticField(f.holder(), f.name());
                if (!v.visit(slot -> label, t, -1)) {
                    return false;
                }
            }
        }
        if (mirrored.loader() != 0) {
            EdgeLabel label = EdgeLabel.hidden(EdgeLabel.Kind.LOADER, mirrored.name());
            return v.visit(slot -> label, mirrored.loader(), -1);
        }
        return true;
    }

    /** The words of a parked virtual thread's frames that point at object starts (as the build read them). */
    private boolean scanStackChunk(long a, long bytes, IndexedKlass k, SlotVisitor v) {
        IndexedKlass.StackChunkLayout c = k.stackChunk();
        long end = Math.min(memory.readInt(a + c.sizeOffset()), (bytes - c.stackOffset()) / 8);
        int sp = Math.max(0, memory.readInt(a + c.spOffset()));
        long stack = a + c.stackOffset();
        LabelOf label = word -> EdgeLabel.stackWord(k.name(), word);
        for (long w = sp; w < end; w++) {
            long word = memory.readLong(stack + w * 8);
            if (word == 0) {
                continue;
            }
            long[] candidates = header.heapOopSize() == 4
                    ? new long[] {word, narrow(word & 0xFFFF_FFFFL), narrow(word >>> 32)}
                    : oops.coloured() ? new long[] {word, oops.decode(word)} : new long[] {word};
            for (long t : candidates) {
                if (t != 0 && index.idOf(t) >= 0 && !v.visit(label, t, w)) {
                    return false;
                }
            }
        }
        return true;
    }

    private long narrow(long n) {
        return oops.decodeNarrow(n);
    }

    static boolean isReferent(SaKlassField f) {
        return f.name().equals("referent") && f.holder().equals("java.lang.ref.Reference");
    }

    private long readOop(long at) {
        return oops.read(memory, at);
    }

    /** Loader id → ids of the mirrors of the classes it defined. Built once from the mirror table. */
    private synchronized Map<Integer, int[]> definedBy() {
        if (definedBy == null) {
            Map<Integer, List<Integer>> lists = new HashMap<>();
            for (int i = 0; i < mirrorIds.length; i++) {
                int k = mirrorKlasses[i];
                if (k >= 0 && index.klass(k).loader() != 0) {
                    int loader = index.idOf(index.klass(k).loader());
                    if (loader >= 0) {
                        lists.computeIfAbsent(loader, x -> new ArrayList<>()).add(mirrorIds[i]);
                    }
                }
            }
            Map<Integer, int[]> m = new HashMap<>();
            lists.forEach((l, ids) -> m.put(l, ids.stream().mapToInt(Integer::intValue).toArray()));
            definedBy = m;
        }
        return definedBy;
    }
}
