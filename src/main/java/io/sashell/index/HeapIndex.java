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
 * Two kinds of edges are kept: strong ones (fields, fields the VM injects, array slots, static fields, and the
 * VM's hidden references mirror → loader and loader → the mirrors of its classes) in the outbound/inbound
 * arrays, and weak ones ({@code Reference.referent}) apart. The hidden reference object → its class's mirror is not stored:
 * it follows from the object's class ({@link #klassIndex}, {@link IndexedKlass#mirror()}).
 * <p>
 * Which field or slot holds a reference is not stored either: {@link #labels} reads it back from the core.
 * Thread-safe for queries.
 */
public final class HeapIndex implements Closeable {
    private static final int UNREACHED = 0;
    private static final int ROOT = 1;

    private final IndexHeader header;
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
    private final EdgeReader edges;
    private int[] weakParents;

    private HeapIndex(IndexHeader header, Path file, FileChannel channel, MemoryReader memory,
                      Map<Section, PackedArray> arrays, List<IndexedKlass> klasses, List<Blobs.Mirror> mirrors,
                      List<IndexedRoot> roots, List<String> problems, OopDecoder oops) {
        this.header = header;
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
        this.edges = new EdgeReader(this, header, memory, oops, mirrorIds, mirrorKlasses);
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
            OopDecoder oops = OopDecoder.of(header, blob(channel, header, Section.FORWARDINGS));
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

    /**
     * Where the object's strong outbound targets start among {@link #outboundTarget}'s positions; for
     * {@code id == objectCount()}, where the last object's end. For passes over every edge without copying
     * slices (the dominator tree). Cost: one array read.
     */
    public long outboundStart(int id) {
        return outOffsets.get(id);
    }

    /** The target at a position of the strong outbound edges. Cost: one array read. */
    public int outboundTarget(long position) {
        return outTargets.getInt(position);
    }

    /** As {@link #outboundStart}, for the strong inbound edges. Cost: one array read. */
    public long inboundStart(int id) {
        return inOffsets.get(id);
    }

    /** The source at a position of the strong inbound edges. Cost: one array read. */
    public int inboundSource(long position) {
        return inTargets.getInt(position);
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
        return edges.labels(source, target, Integer.MAX_VALUE);
    }

    /**
     * As {@link #labels(int, int)}, stopping once {@code plain} fields or slots (neither hidden nor weak) are
     * found: a path needs one slot of an array, not all. Cost: the source's fields up to the last one found.
     */
    public List<EdgeLabel> labels(int source, int target, int plain) {
        return edges.labels(source, target, plain);
    }

    /** One reference held by an object: where, and to what (id -1: not an object start). */
    public record Reference(EdgeLabel label, long address, int id) {
    }

    /**
     * The non-null references {@code source} holds, in field order (hidden ones last), at most {@code limit}
     * ({@code -1}: all). Cost: the source's fields, up to the limit.
     */
    public List<Reference> references(int source, long limit) {
        return edges.references(source, limit);
    }

    /** How many non-null references {@code source} holds (hidden ones included). Cost: its fields. */
    public long referenceCount(int source) {
        return edges.referenceCount(source);
    }

    static boolean isReferent(SaKlassField f) {
        return EdgeReader.isReferent(f);
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

    /** The open file (its locks mark the index as in use). */
    FileChannel channel() {
        return channel;
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
