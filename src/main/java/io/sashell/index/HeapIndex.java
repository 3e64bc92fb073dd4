package io.sashell.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.index.IndexHeader.Section;
import io.sashell.index.IndexHeader.SectionInfo;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassKind;

/**
 * The heap graph of one core: objects as dense int ids in address order (addresses are for display only),
 * each with its class and shallow size, the references between them both ways, the GC roots, and the
 * breadth-first tree of what the roots reach. Arrays are compressed and memory-mapped from the index file;
 * only the class, mirror and root tables are on the Java heap.
 * <p>
 * Two kinds of edges are kept: strong ones (fields, array slots, static fields, and the VM's hidden
 * references mirror → loader and loader → the mirrors of its classes) in the outbound/inbound arrays, and
 * weak ones ({@code Reference.referent}) apart. The hidden reference object → its class's mirror is not stored:
 * it follows from the object's class ({@link #klassIndex}, {@link IndexedKlass#mirror()}).
 * <p>
 * Which field or slot holds a reference is not stored either: {@link #labels} reads it back from the core.
 * Thread-safe for queries.
 */
public final class HeapIndex implements Closeable {
    private static final int UNREACHED = 0;
    private static final int ROOT = 1;

    private final IndexHeader header;
    private final OopDecoding oops;
    private final Path file;
    private final FileChannel channel;
    private final MemoryReader memory;
    private final PackedArray addresses;
    private final PackedArray klassIds;
    private final PackedArray sizes;
    private final PackedArray buckets;
    private final PackedArray outOffsets;
    private final PackedArray outTargets;
    private final PackedArray inOffsets;
    private final PackedArray inTargets;
    private final PackedArray weakSources;
    private final PackedArray weakTargets;
    private final PackedArray weakInTargets;
    private final PackedArray weakInSources;
    private final PackedArray parents;
    private final IndexedKlass[] klasses;
    private final int[] mirrorIds;
    private final int[] mirrorKlasses;
    private final String[] mirrorNames;
    private final List<IndexedRoot> roots;
    private final int[] rootIds;
    private final List<String> problems;
    private final int objectCount;
    private final AddressIndex addressIndex;
    private Map<Integer, int[]> definedBy;
    private int[] weakParents;

    private HeapIndex(IndexHeader header, Path file, FileChannel channel, MemoryReader memory,
                      Map<Section, PackedArray> arrays, List<IndexedKlass> klasses, List<Blobs.Mirror> mirrors,
                      List<IndexedRoot> roots, List<String> problems, OopDecoding oops) {
        this.header = header;
        this.oops = oops;
        this.file = file;
        this.channel = channel;
        this.memory = memory;
        this.addresses = arrays.get(Section.ADDRESSES);
        this.klassIds = arrays.get(Section.KLASS_IDS);
        this.sizes = arrays.get(Section.SIZES);
        this.buckets = arrays.get(Section.BUCKETS);
        this.outOffsets = arrays.get(Section.OUT_OFFSETS);
        this.outTargets = arrays.get(Section.OUT_TARGETS);
        this.inOffsets = arrays.get(Section.IN_OFFSETS);
        this.inTargets = arrays.get(Section.IN_TARGETS);
        this.weakSources = arrays.get(Section.WEAK_SOURCES);
        this.weakTargets = arrays.get(Section.WEAK_TARGETS);
        this.weakInTargets = arrays.get(Section.WEAK_IN_TARGETS);
        this.weakInSources = arrays.get(Section.WEAK_IN_SOURCES);
        this.parents = arrays.get(Section.PARENTS);
        this.klasses = klasses.toArray(new IndexedKlass[0]);
        this.mirrorIds = new int[mirrors.size()];
        this.mirrorKlasses = new int[mirrors.size()];
        this.mirrorNames = new String[mirrors.size()];
        for (int i = 0; i < mirrors.size(); i++) {
            mirrorIds[i] = mirrors.get(i).id();
            mirrorKlasses[i] = mirrors.get(i).klass();
            mirrorNames[i] = mirrors.get(i).name();
        }
        List<IndexedRoot> sorted = new ArrayList<>(roots);
        sorted.sort((a, b) -> Integer.compare(a.id(), b.id()));
        this.roots = Collections.unmodifiableList(sorted);
        this.rootIds = sorted.stream().mapToInt(IndexedRoot::id).toArray();
        this.problems = List.copyOf(problems);
        this.objectCount = (int) header.objectCount();
        this.addressIndex = new AddressIndex(addresses, buckets, header.addressBase(), header.addressShift(),
                header.bucketShift());
    }

    // -------------------------------------------------------------------------------------------------
    // Opening

    /**
     * Opens an index file for the core {@code expected}, reading objects' fields from {@code memory}.
     * Cost: reads the header and the small tables, maps the arrays.
     *
     * @throws IndexHeader.Rejected when the file is not a whole index of this core in this format
     */
    static HeapIndex open(Path file, FileChannel channel, CoreIdentity expected, MemoryReader memory)
            throws IOException, IndexHeader.Rejected {
        long size = channel.size();
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, IndexHeader.RESERVED));
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // read the whole reserved header
        }
        head.flip();
        IndexHeader header = IndexHeader.decode(head);
        if (!header.identity().equals(expected)) {
            throw new IndexHeader.Rejected("made for another core (" + describe(header.identity()) + ", this core: "
                    + describe(expected) + ")");
        }
        if (size != header.fileLength()) {
            throw new IndexHeader.Rejected("truncated (" + size + " of " + header.fileLength() + " bytes)");
        }
        for (Section s : Section.values()) {
            SectionInfo info = header.sections().get(s);
            if (info == null) {
                throw new IndexHeader.Rejected("damaged (no " + s + " section)");
            }
            if (info.offset() < IndexHeader.RESERVED || info.offset() + info.bytes() > size) {
                throw new IndexHeader.Rejected("damaged (" + s + " section outside the file)");
            }
        }
        try {
            Map<Section, PackedArray> arrays = new HashMap<>();
            for (Section s : Section.values()) {
                SectionInfo info = header.sections().get(s);
                if (info.bits() > 0) {
                    Pages pages = RegionFile.map(channel, FileChannel.MapMode.READ_ONLY, info.offset(),
                            Math.max(8, info.bytes()), 30);
                    arrays.put(s, new PackedArray(pages, 0, info.length(), info.bits()));
                }
            }
            List<IndexedKlass> klasses = Blobs.klasses(blob(channel, header, Section.KLASSES));
            List<Blobs.Mirror> mirrors = Blobs.mirrors(blob(channel, header, Section.MIRRORS));
            List<IndexedRoot> roots = Blobs.roots(blob(channel, header, Section.ROOTS));
            List<String> problems = Blobs.strings(blob(channel, header, Section.PROBLEMS));
            OopDecoding oops = OopDecoding.of(header, blob(channel, header, Section.FORWARDINGS));
            return new HeapIndex(header, file, channel, memory, arrays, klasses, mirrors, roots, problems, oops);
        } catch (IllegalArgumentException e) {
            throw new IndexHeader.Rejected("damaged (" + e.getMessage() + ")");
        }
    }

    private static String describe(CoreIdentity id) {
        return id.size() + " bytes, modified " + java.time.Instant.ofEpochMilli(id.mtimeMillis()) + ", notes "
                + id.notesDigest().substring(0, Math.min(12, id.notesDigest().length()));
    }

    private static byte[] blob(FileChannel channel, IndexHeader header, Section s) throws IOException {
        SectionInfo info = header.sections().get(s);
        ByteBuffer b = ByteBuffer.allocate((int) info.bytes());
        while (b.hasRemaining()) {
            if (channel.read(b, info.offset() + b.position()) < 0) {
                throw new IOException("end of file in section " + s);
            }
        }
        return b.array();
    }

    // -------------------------------------------------------------------------------------------------
    // Facts

    public IndexHeader header() {
        return header;
    }

    /** The index file, or empty when it exists only while open ({@code --no-index}). */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public int objectCount() {
        return objectCount;
    }

    /** Strong edges (fields, slots, statics, hidden loader edges), each source–target pair once. */
    public long edgeCount() {
        return header.edgeCount();
    }

    /** Referent edges of soft, weak, phantom and final references. */
    public long weakEdgeCount() {
        return weakSources.length();
    }

    /** What the build could not do: heap damage, roots that point nowhere, unreadable objects. */
    public List<String> problems() {
        return problems;
    }

    // -------------------------------------------------------------------------------------------------
    // Objects

    /** The address of an object. Cost: one array read. */
    public long address(int id) {
        return addressIndex.address(id);
    }

    /**
     * The id of the object starting at {@code address}, or -1 when no object starts there. Cost: one bucket
     * read and a binary search over the few objects of that bucket.
     */
    public int idOf(long address) {
        return addressIndex.idOf(address);
    }

    /**
     * The id of the object whose bytes hold {@code address} (at its start or inside it), or -1 when none does.
     * Cost: a binary search.
     */
    public int containing(long address) {
        int id = addressIndex.floor(address);
        return id >= 0 && address < address(id) + size(id) ? id : -1;
    }

    /** The index of the object's class in {@link #klasses()}. Cost: one array read. */
    public int klassIndex(int id) {
        return klassIds.getInt(id);
    }

    public IndexedKlass klassOf(int id) {
        return klasses[klassIndex(id)];
    }

    public IndexedKlass klass(int klassIndex) {
        return klasses[klassIndex];
    }

    /** Every class with instances or a mirror on the heap, by klass index. */
    public List<IndexedKlass> klasses() {
        return List.of(klasses);
    }

    /** Shallow size in bytes. Cost: one array read. */
    public long size(int id) {
        return sizes.get(id) << 3;
    }

    /**
     * The name to show for an object: its class, and for a {@code java.lang.Class} mirror the class it stands
     * for ({@code java.lang.Class for LeakyServer}).
     */
    public String displayName(int id) {
        IndexedKlass k = klassOf(id);
        if (k.kind() == SaKlassKind.MIRROR) {
            int m = Arrays.binarySearch(mirrorIds, id);
            if (m >= 0) {
                return k.name() + " for " + mirrorNames[m];
            }
        }
        return k.name();
    }

    /** For a mirror, the klass index of the class it stands for; -1 for other objects and primitive mirrors. */
    public int mirroredKlass(int id) {
        int m = Arrays.binarySearch(mirrorIds, id);
        return m >= 0 ? mirrorKlasses[m] : -1;
    }

    // -------------------------------------------------------------------------------------------------
    // Edges

    /** Objects this one references strongly (each once), hidden loader edges included. Cost: one slice. */
    public int[] outbound(int id) {
        return slice(outOffsets, outTargets, id);
    }

    /** Objects referencing this one strongly (each once), in id order. Cost: one slice. */
    public int[] inbound(int id) {
        return slice(inOffsets, inTargets, id);
    }

    public int inboundCount(int id) {
        return (int) (inOffsets.get(id + 1L) - inOffsets.get(id));
    }

    /** The referent of a Reference object, as a one-element array, or empty. Cost: a binary search. */
    public int[] weakOutbound(int id) {
        return range(weakSources, weakTargets, id);
    }

    /** Reference objects whose referent this object is. Cost: a binary search. */
    public int[] weakInbound(int id) {
        return range(weakInTargets, weakInSources, id);
    }

    private static int[] slice(PackedArray offsets, PackedArray targets, int id) {
        long from = offsets.get(id);
        long to = offsets.get(id + 1L);
        int[] out = new int[(int) (to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = targets.getInt(from + i);
        }
        return out;
    }

    /** Values of {@code values} where the sorted {@code keys} equal {@code key}. */
    private static int[] range(PackedArray keys, PackedArray values, int key) {
        long lo = 0;
        long hi = keys.length();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (keys.get(mid) < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long end = lo;
        while (end < keys.length() && keys.get(end) == key) {
            end++;
        }
        int[] out = new int[(int) (end - lo)];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.getInt(lo + i);
        }
        return out;
    }

    /**
     * Where {@code source} references {@code target}: every field, slot or hidden reference, read back from the
     * core. Cost: the source's fields; for an object array all its slots.
     */
    public List<EdgeLabel> labels(int source, int target) {
        return labels(source, target, Integer.MAX_VALUE);
    }

    /**
     * As {@link #labels(int, int)}, stopping once {@code plain} fields or slots (neither hidden nor weak) are
     * found: a path needs one slot of an array, not all. Cost: the source's fields up to the last one found.
     */
    public List<EdgeLabel> labels(int source, int target, int plain) {
        long targetAddress = address(target);
        IndexedKlass k = klassOf(source);
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
        long a = address(source);
        long length = memory.readInt(a + header.arrayLengthOffset()) & 0xFFFF_FFFFL;
        long p = a + k.arrayHeader();
        int step = header.heapOopSize();
        // Coloured pointers are compared decoded: one address has several colourings.
        long encoded = step == 4 ? (target - header.oopBase()) >>> header.oopShift() : target;
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
        if (k.mirror() >= 0 && address(k.mirror()) == target) {
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
            int i = java.util.Arrays.binarySearch(keys, lo);
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
                        keys = java.util.Arrays.copyOf(keys, (int) Math.min(length, (long) n * 2));
                    }
                    keys[n++] = (v << SlotTable.SLOT_BITS) | (first + i);
                }
            }
        }
        keys = java.util.Arrays.copyOf(keys, n);
        java.util.Arrays.sort(keys);
        slotTable = new SlotTable(source, keys);
        return slotTable;
    }

    /** One reference held by an object: where, and to what (id -1: not an object start). */
    public record Reference(EdgeLabel label, long address, int id) {
    }

    /**
     * The non-null references {@code source} holds, in field order (hidden ones last), at most {@code limit}
     * ({@code -1}: all). Cost: the source's fields, up to the limit.
     */
    public List<Reference> references(int source, long limit) {
        List<Reference> out = new ArrayList<>();
        scan(source, (label, address, slot) -> {
            if (limit >= 0 && out.size() >= limit) {
                return false;
            }
            out.add(new Reference(label.get(slot), address, idOf(address)));
            return true;
        });
        return out;
    }

    /** How many non-null references {@code source} holds (hidden ones included). Cost: its fields. */
    public long referenceCount(int source) {
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
        long a = address(source);
        IndexedKlass k = klassOf(source);
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
                    if (k.kind() == SaKlassKind.MIRROR && !scanMirror(source, a, v)) {
                        return;
                    }
                    if (k.stackChunk() != null && !scanStackChunk(a, size(source), k, v)) {
                        return;
                    }
                    if (k.kind() == SaKlassKind.CLASS_LOADER) {
                        for (int m : definedBy().getOrDefault(source, new int[0])) {
                            int mk = mirroredKlass(m);
                            EdgeLabel label = EdgeLabel.hidden(EdgeLabel.Kind.DEFINES,
                                    mk >= 0 ? klasses[mk].name() : "?");
                            if (!v.visit(slot -> label, address(m), -1)) {
                                return;
                            }
                        }
                    }
                }
            }
            int mirror = k.mirror();
            if (mirror >= 0) {
                EdgeLabel label = EdgeLabel.hidden(EdgeLabel.Kind.CLASS, k.name());
                v.visit(slot -> label, address(mirror), -1);
            }
        } catch (UnreadableMemoryException e) {
            // An object the walker read is readable; a damaged core may still end a scan early.
        }
    }

    private boolean scanMirror(int source, long a, SlotVisitor v) {
        int mk = mirroredKlass(source);
        if (mk < 0) {
            return true;
        }
        IndexedKlass mirrored = klasses[mk];
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
                    ? new long[] {word, oops.narrow(word & 0xFFFF_FFFFL), oops.narrow(word >>> 32)}
                    : oops.coloured() ? new long[] {word, oops.decode(word)} : new long[] {word};
            for (long t : candidates) {
                if (t != 0 && idOf(t) >= 0 && !v.visit(label, t, w)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isReferent(SaKlassField f) {
        return f.name().equals("referent") && f.holder().equals("java.lang.ref.Reference");
    }

    private long readOop(long at) {
        return oops.decode(header.heapOopSize() == 4 ? memory.readInt(at) & 0xFFFF_FFFFL : memory.readLong(at));
    }

    /** Loader id → ids of the mirrors of the classes it defined. Built once from the mirror table. */
    private synchronized Map<Integer, int[]> definedBy() {
        if (definedBy == null) {
            Map<Integer, List<Integer>> lists = new HashMap<>();
            for (int i = 0; i < mirrorIds.length; i++) {
                int k = mirrorKlasses[i];
                if (k >= 0 && klasses[k].loader() != 0) {
                    int loader = idOf(klasses[k].loader());
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

    // -------------------------------------------------------------------------------------------------
    // Roots and reachability

    /** Every root, by object id (an object held by several roots appears once per root). */
    public List<IndexedRoot> roots() {
        return roots;
    }

    /** The roots holding this object, empty when it is not a root. Cost: a binary search. */
    public List<IndexedRoot> rootsOf(int id) {
        int i = Arrays.binarySearch(rootIds, id);
        if (i < 0) {
            return List.of();
        }
        int from = i;
        while (from > 0 && rootIds[from - 1] == id) {
            from--;
        }
        int to = i;
        while (to + 1 < rootIds.length && rootIds[to + 1] == id) {
            to++;
        }
        return roots.subList(from, to + 1);
    }

    /** Whether a root reaches the object through strong references. Cost: one array read. */
    public boolean isReachable(int id) {
        return parents.get(id) != UNREACHED;
    }

    /**
     * The object before this one on a shortest strong path from a root: its id, {@link #NO_PARENT_ROOT} for a
     * root, {@link #NO_PARENT_UNREACHED} when no root reaches it. Cost: one array read.
     */
    public int parent(int id) {
        long p = parents.get(id);
        return p == UNREACHED ? NO_PARENT_UNREACHED : p == ROOT ? NO_PARENT_ROOT : (int) (p - 2);
    }

    public static final int NO_PARENT_ROOT = -1;
    public static final int NO_PARENT_UNREACHED = -2;

    /**
     * As {@link #parent}, with referent edges followed too. Cost: the first call walks the whole graph
     * breadth-first (about as long as the strong walk of the build) and keeps an int per object on the heap.
     */
    public int weakParent(int id) {
        int[] p = weakParents();
        return p[id] == UNREACHED ? NO_PARENT_UNREACHED : p[id] == ROOT ? NO_PARENT_ROOT : p[id] - 2;
    }

    private synchronized int[] weakParents() {
        if (weakParents == null) {
            int[] p = new int[objectCount];
            IntStore queue = IntStore.of(new int[objectCount]);
            Reachability.walk(Reachability.rootOrder(roots), outOffsets, outTargets, klassIds,
                    Reachability.mirrorsByKlass(klasses), Reachability.referenceKlasses(klasses), weakSources,
                    weakTargets, IntStore.of(p), queue, () -> { });
            weakParents = p;
        }
        return weakParents;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "HeapIndex[" + objectCount + " objects, " + edgeCount() + " edges, " + roots.size() + " roots"
                + (file == null ? "" : ", " + file) + "]";
    }

}
