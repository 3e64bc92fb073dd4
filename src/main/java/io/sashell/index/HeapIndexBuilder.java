package io.sashell.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.heap.HeapDamage;
import io.sashell.heap.HeapHistogram;
import io.sashell.heap.HeapWalkProgress;
import io.sashell.heap.HeapWalkResult;
import io.sashell.heap.HeapWalker;
import io.sashell.heap.ObjectVisitor;
import io.sashell.index.IndexHeader.Section;
import io.sashell.index.IndexHeader.SectionInfo;
import io.sashell.sa.GcRoot;
import io.sashell.sa.RootKind;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;
import io.sashell.sa.StackRange;

/**
 * Builds a {@link HeapIndex} file in passes over the heap, with the arrays in memory-mapped files:
 * <ol>
 * <li>a parallel walk counts objects per class (sizes the arrays), a second fills id → address, class, size;</li>
 * <li>the mirrors are matched to the classes they stand for (their static fields, their loaders);</li>
 * <li>a parallel pass reads every object's reference fields, resolves each to an id (a dangling pointer is
 * dropped and counted) and keeps each target once per source: the outbound arrays; referents go apart;</li>
 * <li>the outbound arrays are inverted into the inbound ones;</li>
 * <li>the roots are resolved, thread stacks scanned conservatively where asked, and a breadth-first walk
 * from them gives every object its parent on a shortest path, and the live totals per class.</li>
 * </ol>
 * The file is written under a temporary name and renamed when whole: a cancelled or failed build leaves
 * nothing that is later trusted. Scratch arrays live in an unlinked file next to it.
 */
public final class HeapIndexBuilder {

    /** What a build reads: the core's memory and identity, the heap's layout and classes, and the roots. */
    public record Inputs(CoreIdentity identity, MemoryReader memory, SaHeapLayout layout,
                         LongFunction<Optional<SaKlassInfo>> klasses, RootSet roots) {
        public Inputs {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(memory, "memory");
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(klasses, "klasses");
            Objects.requireNonNull(roots, "roots");
        }
    }

    /** Ids per group of a packed array whose words no other group shares. */
    private static final int GROUP = 64;
    /** Ints per chunk of a worker's spilled edge targets. */
    private static final int SPILL_CHUNK = 1 << 22;
    private static final int CHECK_EVERY = 4096;
    private static final int PAGE_SHIFT = 30;
    private static final int MAX_PROBLEM_EXAMPLES = 5;

    private final Inputs in;
    private final IndexProgress progress;
    private final int threads;
    private final RegionFile out;
    private final RegionFile scratch;
    private final Map<Section, SectionInfo> sections = new EnumMap<>(Section.class);
    private final List<String> problems = new ArrayList<>();
    private final MemoryReader memory;

    private final int heapOopSize;
    private final OopDecoding oops;
    private final int addressShift;
    private long addressBase;
    private int bucketShift;

    private int n;
    private PackedArray addresses;
    private PackedArray klassIds;
    private PackedArray sizes;
    private AddressIndex addressIndex;
    private final List<Meta> metas = new ArrayList<>();
    private final LongIntMap klassIndexes = new LongIntMap();
    private final List<Blobs.Mirror> mirrors = new ArrayList<>();
    /** Klass index → whether its instances are mirrors (for the classes of objects only). */
    private boolean[] isMirrorKlass;
    /** Ids of every mirror on the heap, ascending. */
    private final List<Integer> mirrorObjects = new ArrayList<>();
    /** Mirror id → klass index of the class it stands for; -1 for primitive mirrors. */
    private final Map<Integer, Integer> mirrorKlass = new HashMap<>();
    /** Loader id → ids of the mirrors of the classes it defined. */
    private final Map<Integer, int[]> definedBy = new HashMap<>();
    private PackedArray outOffsets;
    private PackedArray outTargets;
    private long edgeCount;
    private long[] weakPairs = new long[0];
    private final List<IndexedRoot> roots = new ArrayList<>();
    private IntStore scratchInts;
    /** The edge pass's spilled targets: a scratch file of its own, closed (and its pages freed) after the copy. */
    private RegionFile spills;
    private final Path scratchDir;

    /** What the edge pass needs of one class. */
    private static final class Meta {
        final long address;
        final SaKlassInfo info;
        final SaKlassKind kind;
        final ReferenceType referenceType;
        /** Offsets of the reference fields other than a Reference's referent. */
        final long[] oops;
        final long referentOffset;
        /** For stack chunks, where the frames lie; else null. */
        final IndexedKlass.StackChunkLayout chunk;
        int mirror = -1;
        long count;
        long bytes;
        long liveCount;
        long liveBytes;

        Meta(long address, SaKlassInfo info, ReferenceType referenceType) {
            this.address = address;
            this.info = info;
            this.kind = info.kind();
            this.referenceType = referenceType;
            List<Long> offsets = new ArrayList<>();
            long referent = -1;
            if (!kind.isArray()) {
                for (SaKlassField f : info.referenceFields()) {
                    if (referenceType != ReferenceType.NONE && HeapIndex.isReferent(f)) {
                        referent = f.offset();
                    } else {
                        offsets.add(f.offset());
                    }
                }
            }
            this.oops = offsets.stream().mapToLong(Long::longValue).toArray();
            this.referentOffset = referent;
            this.chunk = kind == SaKlassKind.STACK_CHUNK ? chunkLayout(info) : null;
        }

        private static IndexedKlass.StackChunkLayout chunkLayout(SaKlassInfo info) {
            int size = -1;
            int sp = -1;
            for (SaKlassField f : info.instanceFields()) {
                if (f.signature().equals("I") && f.name().equals("size")) {
                    size = (int) f.offset();
                } else if (f.signature().equals("I") && f.name().equals("sp")) {
                    sp = (int) f.offset();
                }
            }
            return size < 0 || sp < 0 ? null : new IndexedKlass.StackChunkLayout((int) info.instanceSize(), size, sp);
        }
    }

    private HeapIndexBuilder(Inputs in, IndexProgress progress, int threads, RegionFile out, RegionFile scratch,
                             Path scratchDir) {
        this.in = in;
        this.scratchDir = scratchDir;
        this.progress = progress;
        this.threads = Math.max(1, threads);
        this.out = out;
        this.scratch = scratch;
        this.memory = in.memory();
        SaHeapLayout layout = in.layout();
        this.oops = OopDecoding.of(layout);
        this.heapOopSize = oops.heapOopSize();
        this.addressShift = Integer.numberOfTrailingZeros(layout.objectAlignment());
    }

    /**
     * Builds the index of a core into {@code file} (written as a temporary file beside it, renamed when whole),
     * or, when {@code file} is null, into a file in {@code scratchDir} that is unlinked at once and lives only
     * while the returned index is open. Scratch arrays go to an unlinked file in {@code scratchDir}.
     *
     * @throws CancellationException when the calling thread is interrupted (nothing is left behind)
     * @throws IOException           when the files cannot be written
     */
    public static HeapIndex build(Inputs in, Path file, Path scratchDir, IndexProgress progress, int threads)
            throws IOException {
        Path temp = null;
        RegionFile out;
        if (file == null) {
            out = RegionFile.anonymous(scratchDir, PAGE_SHIFT, IndexHeader.RESERVED);
        } else {
            removeAbandonedTemporaries(file);
            temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temp);
            out = RegionFile.create(temp, PAGE_SHIFT, IndexHeader.RESERVED);
        }
        boolean done = false;
        try (RegionFile scratch = RegionFile.anonymous(scratchDir, PAGE_SHIFT, 0)) {
            long t0 = System.nanoTime();
            HeapIndexBuilder b = new HeapIndexBuilder(in, progress, threads, out, scratch, scratchDir);
            try {
                b.run();
            } finally {
                if (b.spills != null) {
                    b.spills.close();
                }
            }
            b.writeHeader(System.nanoTime() - t0);
            out.finish();
            if (temp != null) {
                move(temp, file);
            }
            HeapIndex index = HeapIndex.open(file, out.channel(), in.identity(), in.memory());
            done = true;
            return index;
        } catch (IndexHeader.Rejected e) {
            throw new IllegalStateException("the index just written does not read back: " + e.getMessage(), e);
        } catch (IOException e) {
            throw cancelledOr(e);
        } finally {
            if (!done) {
                closeQuietly(out);
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /**
     * An interrupt closes the file channel an I/O call is in (ClosedByInterruptException, then
     * ClosedChannelException for the next call): that is a cancellation, not a failure to write.
     */
    static IOException cancelledOr(IOException e) {
        if (e instanceof java.nio.channels.ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            CancellationException c = new CancellationException("index build cancelled");
            c.initCause(e);
            throw c;
        }
        return e;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Temporary files of builds whose process is gone (killed mid-build) are removed. */
    private static void removeAbandonedTemporaries(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = "." + file.getFileName() + ".";
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp")) {
                    String pid = name.substring(prefix.length(), name.length() - 4);
                    try {
                        if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                            Files.deleteIfExists(p);
                        }
                    } catch (NumberFormatException e) {
                        // Not one of ours.
                    }
                }
            }
        } catch (IOException e) {
            // Leftovers only cost disk space; the build goes on.
        }
    }

    private static void closeQuietly(RegionFile f) {
        try {
            f.close();
        } catch (IOException e) {
            // Nothing to save: the file is being abandoned.
        }
    }

    private void run() throws IOException {
        walk();
        progress.progress("reading mirrors", 0, 1);
        readMirrors();
        edges();
        invert();
        progress.progress("referents", 0, 1);
        weakEdges();
        progress.progress("resolving roots", 0, 1);
        resolveRoots();
        progress.progress("walking from the roots", 0, n);
        reach();
        progress.progress("writing tables", 0, 1);
        writeTables();
    }

    // ---------------------------------------------------------------------------------------------------
    // Objects

    /** Counts one part's objects and classes. */
    private static final class Counting implements ObjectVisitor {
        final HeapHistogram.Counter counter = new HeapHistogram.Counter();
        long objects;
        long maxSize;

        @Override
        public void visit(long address, long klassAddress, long size) {
            counter.visit(address, klassAddress, size);
            objects++;
            if (size > maxSize) {
                maxSize = size;
            }
        }
    }

    private void walk() throws IOException {
        SaHeapLayout layout = in.layout();
        HeapWalker walker = new HeapWalker(memory, layout, in.klasses());
        HeapWalker.ParallelWalk<Counting> counted = walker.walkParallel(threads, Counting::new,
                bytes("walking the heap"));
        HeapWalkResult result = counted.result();
        for (HeapDamage d : result.damage()) {
            problem(String.format("heap walk stopped at 0x%x in %s: %s (%d bytes not walked)", d.address(),
                    d.stretchLabel(), d.detail(), d.skippedBytes()));
        }
        if (result.objects() > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("the heap holds " + result.objects()
                    + " objects; the index holds at most 2^31");
        }
        n = (int) result.objects();
        HeapHistogram.Counter all = new HeapHistogram.Counter();
        long maxSize = 0;
        for (Counting c : counted.visitors()) {
            all.merge(c.counter);
            maxSize = Math.max(maxSize, c.maxSize);
        }
        for (HeapHistogram.Row row : all.toHistogram(result).rows()) {
            SaKlassInfo info = in.klasses().apply(row.klassAddress()).orElseThrow(() ->
                    new IllegalStateException(String.format("the walker's class 0x%x has no info",
                            row.klassAddress())));
            int k = addMeta(info);
            metas.get(k).count = row.count();
            metas.get(k).bytes = row.bytes();
        }
        int objectKlasses = metas.size();

        long bottom = Long.MAX_VALUE;
        long top = 0;
        for (var r : layout.ranges()) {
            bottom = Math.min(bottom, r.bottom());
            top = Math.max(top, r.top());
        }
        addressBase = n == 0 ? 0 : bottom;
        long span = n == 0 ? 0 : top - bottom;
        addresses = packed(Section.ADDRESSES, n, PackedArray.bitsFor(span >>> addressShift));
        klassIds = packed(Section.KLASS_IDS, n, PackedArray.bitsFor(Math.max(0, objectKlasses - 1)));
        sizes = packed(Section.SIZES, n, PackedArray.bitsFor(maxSize >>> 3));

        long[] starts = new long[counted.visitors().size() + 1];
        for (int i = 0; i < counted.visitors().size(); i++) {
            starts[i + 1] = starts[i] + counted.visitors().get(i).objects;
        }
        isMirrorKlass = new boolean[objectKlasses];
        for (int k = 0; k < objectKlasses; k++) {
            isMirrorKlass[k] = metas.get(k).kind == SaKlassKind.MIRROR;
        }
        List<Filling> fills = new ArrayList<>();
        HeapWalker.ParallelWalk<Filling> filled = walker.walkParallel(threads, () -> {
            int part = fills.size();
            Filling f = new Filling(starts[part], starts[part + 1]);
            fills.add(f);
            return f;
        }, bytes("reading objects"));
        if (filled.visitors().size() != counted.visitors().size()) {
            throw new IllegalStateException("the second heap walk split the heap differently");
        }
        for (Filling f : fills) {
            if (f.next != f.end) {
                throw new IllegalStateException("the second heap walk saw " + (f.next - f.start) + " objects in a part"
                        + " where the first saw " + (f.end - f.start));
            }
            f.flush();
            if (f.failure != null) {
                throw new IllegalStateException(f.failure);
            }
            mirrorObjects.addAll(f.mirrorIds);
        }
        progress.progress("indexing addresses", 0, 1);
        long last = -1;
        for (int id = 0; id < n; id++) {
            long a = addresses.get(id);
            if (a <= last) {
                throw new IllegalStateException(String.format("objects out of address order at id %d", id));
            }
            last = a;
        }
        long maxAddress = n == 0 ? 0 : addressBase + (last << addressShift);
        bucketShift = AddressIndex.bucketShift(n, maxAddress - addressBase + 1, addressShift);
        PackedArray buckets = packed(Section.BUCKETS,
                AddressIndex.bucketEntries(addressBase, maxAddress, bucketShift, n), PackedArray.bitsFor(n));
        AddressIndex.fillBuckets(addresses, buckets, addressShift, bucketShift);
        addressIndex = new AddressIndex(addresses, buckets, addressBase, addressShift, bucketShift);
    }

    /** Fills the object arrays for the ids [start, end) of one walked part, in address order. */
    private final class Filling implements ObjectVisitor {
        final long start;
        final long end;
        /** Ids in [firstWhole, lastWhole) share no word with another part: written in place, in order. */
        final long firstWhole;
        final long lastWhole;
        long next;
        /** Writes into words shared with a neighbouring part, applied after the walk on one thread. */
        final List<long[]> deferred = new ArrayList<>();
        /** Ids of the mirrors (java.lang.Class instances) of this part, ascending. */
        final List<Integer> mirrorIds = new ArrayList<>();
        PackedArray.Writer addressWriter;
        PackedArray.Writer klassWriter;
        PackedArray.Writer sizeWriter;
        String failure;

        Filling(long start, long end) {
            this.start = start;
            this.end = end;
            this.next = start;
            this.firstWhole = Math.min(end, (start + GROUP - 1) / GROUP * GROUP);
            this.lastWhole = Math.max(firstWhole, end / GROUP * GROUP);
        }

        @Override
        public void visit(long address, long klassAddress, long size) {
            long id = next++;
            if (id >= end) {
                failure = "more objects in a part than the first walk counted";
                return;
            }
            int k = klassIndexes.get(klassAddress);
            if (k < 0) {
                failure = String.format("class 0x%x was not seen by the first walk", klassAddress);
                return;
            }
            if (isMirrorKlass[k]) {
                mirrorIds.add((int) id);
            }
            long a = (address - addressBase) >>> addressShift;
            long words = size >>> 3;
            if (id < firstWhole || id >= lastWhole) {
                deferred.add(new long[] {id, a, k, words});
                return;
            }
            if (addressWriter == null) {
                addressWriter = addresses.writer(id);
                klassWriter = klassIds.writer(id);
                sizeWriter = sizes.writer(id);
            }
            addressWriter.add(a);
            klassWriter.add(k);
            sizeWriter.add(words);
        }

        /** After the walk, on one thread: closes the writers and applies the deferred writes. */
        void flush() {
            if (addressWriter != null) {
                addressWriter.close();
                klassWriter.close();
                sizeWriter.close();
            }
            for (long[] d : deferred) {
                addresses.set(d[0], d[1]);
                klassIds.set(d[0], d[2]);
                sizes.set(d[0], d[3]);
            }
        }
    }

    private int addMeta(SaKlassInfo info) {
        int known = klassIndexes.get(info.address());
        if (known >= 0) {
            return known;
        }
        metas.add(new Meta(info.address(), info, referenceType(info)));
        int k = metas.size() - 1;
        klassIndexes.put(info.address(), k);
        return k;
    }

    private ReferenceType referenceType(SaKlassInfo info) {
        if (info.kind() != SaKlassKind.REFERENCE) {
            return ReferenceType.NONE;
        }
        SaKlassInfo k = info;
        for (int depth = 0; k != null && depth < 64; depth++) {
            ReferenceType t = ReferenceType.ofBaseClass(k.name());
            if (t != ReferenceType.NONE) {
                return t;
            }
            k = k.superKlass() == 0 ? null : in.klasses().apply(k.superKlass()).orElse(null);
        }
        // A Reference subclass of none of the four bases is weak to the GC's eye (as Reference itself).
        return ReferenceType.WEAK;
    }

    // ---------------------------------------------------------------------------------------------------
    // Mirrors

    private void readMirrors() {
        SaHeapLayout layout = in.layout();
        Map<Integer, List<Integer>> defined = new HashMap<>();
        Set<Long> badKlasses = new HashSet<>();
        for (int id : mirrorObjects) {
            checkInterrupt();
            long a = addressIndex.address(id);
            long klass;
            long arrayKlass;
            try {
                klass = memory.readLong(a + layout.mirrorKlassOffset());
                arrayKlass = memory.readLong(a + layout.mirrorArrayKlassOffset());
            } catch (UnreadableMemoryException e) {
                problem(String.format("mirror 0x%x is unreadable", a));
                continue;
            }
            if (klass == 0) {
                // A primitive type's mirror: its array klass names the type.
                String name = arrayKlass == 0 ? "?" : in.klasses().apply(arrayKlass)
                        .map(SaKlassInfo::elementTypeName).filter(s -> !s.isEmpty()).orElse("?");
                mirrors.add(new Blobs.Mirror(id, -1, name));
                mirrorKlass.put(id, -1);
                continue;
            }
            Optional<SaKlassInfo> info = in.klasses().apply(klass);
            if (info.isEmpty()) {
                if (badKlasses.add(klass)) {
                    problem(String.format("mirror 0x%x stands for 0x%x, which SA cannot read as a class", a, klass));
                }
                mirrors.add(new Blobs.Mirror(id, -1, "?"));
                mirrorKlass.put(id, -1);
                continue;
            }
            int mk = addMeta(info.get());
            Meta m = metas.get(mk);
            m.mirror = id;
            mirrors.add(new Blobs.Mirror(id, mk, m.info.name()));
            mirrorKlass.put(id, mk);
            if (m.info.classLoader() != 0) {
                int loader = addressIndex.idOf(m.info.classLoader());
                if (loader >= 0) {
                    defined.computeIfAbsent(loader, x -> new ArrayList<>()).add(id);
                }
            }
        }
        defined.forEach((loader, ids) -> definedBy.put(loader, ids.stream().mapToInt(Integer::intValue).toArray()));
    }

    // ---------------------------------------------------------------------------------------------------
    // Outbound edges

    /** A worker's targets, in order, in chunks of the scratch file. */
    private final class Spill {
        final List<Pages> chunks = new ArrayList<>();
        long size;

        void add(int value) throws IOException {
            int within = (int) (size % SPILL_CHUNK);
            if (within == 0) {
                synchronized (spills) {
                    chunks.add(spills.allocate((long) SPILL_CHUNK * 4).pages());
                }
            }
            chunks.get(chunks.size() - 1).putInt((long) within * 4, value);
            size++;
        }

        int get(long i) {
            return chunks.get((int) (i / SPILL_CHUNK)).getInt((i % SPILL_CHUNK) * 4);
        }
    }

    /** Reads the references of the objects of one range of ids. */
    private final class EdgeWorker {
        final Spill spill = new Spill();
        long[] weak = new long[16];
        int weakCount;
        int[] buf = new int[64];
        int count;
        long dangling;
        long unreadable;
        final List<String> examples = new ArrayList<>();
        final Meta[] table = metas.toArray(new Meta[0]);

        void run(long from, long to, Parallel.Cancel cancel, LongConsumer advanced) throws IOException {
            for (long i = from; i < to; i++) {
                int id = (int) i;
                if ((id & (CHECK_EVERY - 1)) == 0) {
                    cancel.check();
                    advanced.accept(Math.min(CHECK_EVERY, to - i));
                }
                count = 0;
                try {
                    read(id);
                } catch (UnreadableMemoryException e) {
                    unreadable++;
                    if (examples.size() < MAX_PROBLEM_EXAMPLES) {
                        examples.add(String.format("object 0x%x: memory at 0x%x is not in the core",
                                addressIndex.address(id), e.address()));
                    }
                }
                int unique = dedupe();
                for (int j = 0; j < unique; j++) {
                    spill.add(buf[j]);
                }
                scratchInts.set(id, unique);
            }
        }

        private void read(int id) {
            long a = addressIndex.address(id);
            Meta m = table[klassIds.getInt(id)];
            switch (m.kind) {
                case TYPE_ARRAY -> {
                }
                case OBJ_ARRAY -> {
                    long length = memory.readInt(a + in.layout().arrayLengthOffset()) & 0xFFFF_FFFFL;
                    long p = a + m.info.arrayHeaderSize();
                    for (long i = 0; i < length; i++) {
                        add(id, readOop(p + i * heapOopSize));
                    }
                }
                default -> {
                    for (long off : m.oops) {
                        add(id, readOop(a + off));
                    }
                    if (m.referentOffset >= 0) {
                        long t = readOop(a + m.referentOffset);
                        if (t != 0) {
                            int target = resolve(id, t);
                            if (target >= 0) {
                                weak(id, target);
                            }
                        }
                    }
                    if (m.kind == SaKlassKind.MIRROR) {
                        Integer mk = mirrorKlass.get(id);
                        if (mk != null && mk >= 0) {
                            Meta mirrored = metas.get(mk);
                            for (SaKlassField f : mirrored.info.staticReferenceFields()) {
                                add(id, readOop(a + f.offset()));
                            }
                            add(id, mirrored.info.classLoader());
                        }
                    } else if (m.chunk != null) {
                        stackWords(a, sizes.get(id) << 3, m.chunk);
                    } else if (m.kind == SaKlassKind.CLASS_LOADER) {
                        int[] classes = definedBy.get(id);
                        if (classes != null) {
                            for (int c : classes) {
                                push(c);
                            }
                        }
                    }
                }
            }
        }

        /**
         * The frames of a parked virtual thread, read conservatively as a stack is: every word, and each half
         * with compressed oops, that is an object start is a reference (not counted as dangling when not).
         */
        private void stackWords(long chunk, long bytes, IndexedKlass.StackChunkLayout c) {
            long end = Math.min(memory.readInt(chunk + c.sizeOffset()), (bytes - c.stackOffset()) / 8);
            int sp = Math.max(0, memory.readInt(chunk + c.spOffset()));
            long stack = chunk + c.stackOffset();
            for (long w = sp; w < end; w++) {
                long word = memory.readLong(stack + w * 8);
                if (word == 0) {
                    continue;
                }
                candidate(addressIndex.idOf(word));
                if (oops.coloured()) {
                    // A chunk the GC has processed holds its frames' oops coloured, as fields are.
                    candidate(addressIndex.idOf(oops.decode(word)));
                }
                if (heapOopSize == 4) {
                    long low = word & 0xFFFF_FFFFL;
                    long high = word >>> 32;
                    if (low != 0) {
                        candidate(addressIndex.idOf(oops.narrow(low)));
                    }
                    if (high != 0) {
                        candidate(addressIndex.idOf(oops.narrow(high)));
                    }
                }
            }
        }

        private void candidate(int t) {
            if (t >= 0) {
                push(t);
            }
        }

        private void add(int source, long target) {
            if (target != 0) {
                int t = resolve(source, target);
                if (t >= 0) {
                    push(t);
                }
            }
        }

        private int resolve(int source, long target) {
            int t = addressIndex.idOf(target);
            if (t < 0) {
                dangling++;
                if (examples.size() < MAX_PROBLEM_EXAMPLES) {
                    examples.add(String.format("object 0x%x holds 0x%x, where no object starts",
                            addressIndex.address(source), target));
                }
            }
            return t;
        }

        private void push(int t) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, count * 2);
            }
            buf[count++] = t;
        }

        private void weak(int source, int target) {
            if (weakCount == weak.length) {
                weak = Arrays.copyOf(weak, weakCount * 2);
            }
            weak[weakCount++] = ((long) source << 32) | target;
        }

        /** Keeps each target once: in field order for a few, sorted for many (large arrays). */
        private int dedupe() {
            if (count <= 16) {
                int u = 0;
                outer:
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < u; j++) {
                        if (buf[j] == buf[i]) {
                            continue outer;
                        }
                    }
                    buf[u++] = buf[i];
                }
                return u;
            }
            Arrays.sort(buf, 0, count);
            int u = 1;
            for (int i = 1; i < count; i++) {
                if (buf[i] != buf[u - 1]) {
                    buf[u++] = buf[i];
                }
            }
            return u;
        }
    }

    private long readOop(long at) {
        return oops.decode(heapOopSize == 4 ? memory.readInt(at) & 0xFFFF_FFFFL : memory.readLong(at));
    }

    private void edges() throws IOException {
        spills = RegionFile.anonymous(scratchDir, PAGE_SHIFT, 0);
        scratchInts = IntStore.of(scratch.allocate(Math.max(8, (n + 1L) * 4)).pages());
        int parts = (int) Math.max(1, Math.min(threads, (n + GROUP - 1) / GROUP));
        EdgeWorker[] workers = new EdgeWorker[parts];
        for (int i = 0; i < parts; i++) {
            workers[i] = new EdgeWorker();
        }
        AtomicLong done = new AtomicLong();
        Parallel.run(n, threads, GROUP, (part, from, to, cancel) -> {
            try {
                // The calling thread (part 0) reports everyone's progress as it goes.
                LongConsumer advanced = part == 0
                        ? delta -> progress.progress("reading references", done.addAndGet(delta), n)
                        : done::addAndGet;
                workers[part].run(from, to, cancel, advanced);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(cancelledOr(e));
            }
        });
        progress.progress("reading references", n, n);
        long dangling = 0;
        long unreadable = 0;
        List<String> examples = new ArrayList<>();
        long total = 0;
        for (EdgeWorker w : workers) {
            dangling += w.dangling;
            unreadable += w.unreadable;
            examples.addAll(w.examples);
            total += w.spill.size;
        }
        if (dangling > 0) {
            problem(dangling + " references point where no object starts (dropped), e.g. "
                    + String.join("; ", examples.subList(0, Math.min(examples.size(), 3))));
        }
        if (unreadable > 0) {
            problem(unreadable + " objects could not be read whole");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("the heap holds " + total
                    + " references; the index holds at most 2^31");
        }
        edgeCount = total;
        outOffsets = packed(Section.OUT_OFFSETS, n + 1L, PackedArray.bitsFor(total));
        outTargets = packed(Section.OUT_TARGETS, total, PackedArray.bitsFor(Math.max(0, n - 1)));
        long offset = 0;
        try (PackedArray.Writer w = outOffsets.writer(0)) {
            for (int id = 0; id < n; id++) {
                w.add(offset);
                offset += scratchInts.get(id);
            }
            w.add(offset);
        }
        long e = 0;
        try (PackedArray.Writer w = outTargets.writer(0)) {
            for (EdgeWorker worker : workers) {
                for (long i = 0; i < worker.spill.size; i++) {
                    if ((e++ & 0xFFFFF) == 0) {
                        checkInterrupt();
                    }
                    w.add(worker.spill.get(i));
                }
            }
        }
        // The spilled targets are copied: their pages need not count against the build's memory any longer.
        spills.release();
        int weakTotal = 0;
        for (EdgeWorker w : workers) {
            weakTotal += w.weakCount;
        }
        weakPairs = new long[weakTotal];
        int at = 0;
        for (EdgeWorker w : workers) {
            System.arraycopy(w.weak, 0, weakPairs, at, w.weakCount);
            at += w.weakCount;
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Inbound edges

    private void invert() throws IOException {
        for (int id = 0; id <= n; id++) {
            scratchInts.set(id, 0);
        }
        for (long e = 0; e < edgeCount; e++) {
            if ((e & 0xFFFFF) == 0) {
                checkInterrupt();
                progress.progress("inverting references", e, 2 * edgeCount);
            }
            int t = outTargets.getInt(e);
            scratchInts.set(t, scratchInts.get(t) + 1);
        }
        PackedArray inOffsets = packed(Section.IN_OFFSETS, n + 1L, PackedArray.bitsFor(edgeCount));
        PackedArray inSources = packed(Section.IN_TARGETS, edgeCount, PackedArray.bitsFor(Math.max(0, n - 1)));
        long offset = 0;
        try (PackedArray.Writer w = inOffsets.writer(0)) {
            for (int id = 0; id < n; id++) {
                int c = scratchInts.get(id);
                w.add(offset);
                scratchInts.set(id, (int) offset);
                offset += c;
            }
            w.add(offset);
        }
        // Sources in id order: each target's inbound list comes out ascending.
        long e = 0;
        for (int s = 0; s < n; s++) {
            long to = outOffsets.get(s + 1L);
            for (; e < to; e++) {
                if ((e & 0xFFFFF) == 0) {
                    checkInterrupt();
                    progress.progress("inverting references", edgeCount + e, 2 * edgeCount);
                }
                int t = outTargets.getInt(e);
                int slot = scratchInts.get(t);
                inSources.set(slot, s);
                scratchInts.set(t, slot + 1);
            }
        }
    }

    private void weakEdges() throws IOException {
        int w = weakPairs.length;
        int idBits = PackedArray.bitsFor(Math.max(0, n - 1));
        PackedArray sources = packed(Section.WEAK_SOURCES, w, idBits);
        PackedArray targets = packed(Section.WEAK_TARGETS, w, idBits);
        // Workers ran over ascending ranges, each in id order: the pairs are sorted by source already.
        try (PackedArray.Writer ws = sources.writer(0); PackedArray.Writer wt = targets.writer(0)) {
            for (int i = 0; i < w; i++) {
                ws.add(weakPairs[i] >>> 32);
                wt.add(weakPairs[i] & 0xFFFF_FFFFL);
            }
        }
        long[] byTarget = new long[w];
        for (int i = 0; i < w; i++) {
            byTarget[i] = ((weakPairs[i] & 0xFFFF_FFFFL) << 32) | (weakPairs[i] >>> 32);
        }
        Arrays.sort(byTarget);
        PackedArray inTargets = packed(Section.WEAK_IN_TARGETS, w, idBits);
        PackedArray inSources = packed(Section.WEAK_IN_SOURCES, w, idBits);
        try (PackedArray.Writer wt = inTargets.writer(0); PackedArray.Writer ws = inSources.writer(0)) {
            for (int i = 0; i < w; i++) {
                wt.add(byTarget[i] >>> 32);
                ws.add(byTarget[i] & 0xFFFF_FFFFL);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Roots and reachability

    private void resolveRoots() {
        RootSet set = in.roots();
        long unresolved = 0;
        List<String> examples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GcRoot r : set.roots()) {
            int id = addressIndex.idOf(r.object());
            if (id < 0 && oops.coloured()) {
                // ZGC: a frame the stack watermark had not processed yet still holds the old address.
                id = addressIndex.idOf(oops.forwardings().forwardStale(r.object()));
            }
            if (id < 0) {
                unresolved++;
                if (examples.size() < 3) {
                    examples.add(String.format("%s 0x%x (%s)", r.kind().label(), r.object(), r.description()));
                }
                continue;
            }
            IndexedRoot root = new IndexedRoot(id, r.object(), r.kind(), r.description(), nonNull(r.threadName()),
                    r.threadObject());
            if (seen.add(id + "|" + r.kind() + "|" + root.description() + "|" + root.threadName())) {
                roots.add(root);
            }
        }
        if (unresolved > 0) {
            problem(unresolved + " roots point where no object starts, e.g. " + String.join("; ", examples));
        }
        for (StackRange stack : set.conservativeStacks()) {
            checkInterrupt();
            scanStack(stack);
        }
        for (String p : set.problems()) {
            problem("roots: " + p);
        }
        roots.sort((a, b) -> a.id() != b.id() ? Integer.compare(a.id(), b.id()) : a.kind().compareTo(b.kind()));
    }

    /**
     * Every word of the stack (and each half, with compressed oops) that is an object start is a root, and so is
     * every general register of a thread stopped in running code.
     */
    private void scanStack(StackRange stack) {
        Set<Integer> found = new HashSet<>();
        String why = stack.reason() == null || stack.reason().isEmpty() ? "" : "; " + stack.reason();
        int r = 0;
        for (long value : stack.registers()) {
            candidates(stack, found, value, String.format("register %d = 0x%x", r++, value), why);
        }
        for (long p = stack.low() & ~7L; p + 8 <= stack.high(); p += 8) {
            long word;
            try {
                word = memory.readLong(p);
            } catch (UnreadableMemoryException e) {
                // Skip the rest of the page: the core holds no part of it.
                p = (p | 0xFFF) - 7;
                continue;
            }
            candidates(stack, found, word, String.format("stack word at 0x%x", p), why);
        }
    }

    /** The word as a whole oop, and with compressed oops each half as a narrow oop. */
    private void candidates(StackRange stack, Set<Integer> found, long word, String where, String why) {
        conservative(stack, found, addressIndex.idOf(word), where, why);
        if (heapOopSize == 4) {
            long low = word & 0xFFFF_FFFFL;
            long high = word >>> 32;
            if (low != 0) {
                conservative(stack, found, addressIndex.idOf(oops.narrow(low)), where + " (narrow)", why);
            }
            if (high != 0) {
                conservative(stack, found, addressIndex.idOf(oops.narrow(high)),
                        where + " (narrow, upper half)", why);
            }
        }
    }

    private void conservative(StackRange stack, Set<Integer> found, int id, String where, String why) {
        if (id >= 0 && found.add(id)) {
            roots.add(new IndexedRoot(id, addressIndex.address(id), RootKind.CONSERVATIVE, where + why,
                    nonNull(stack.threadName()), stack.threadObject()));
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private void reach() throws IOException {
        // Parents on the heap while the walk jumps around (an int per object), packed in one pass after.
        int[] parentOf = new int[n];
        int[] mirrorOfKlass = new int[metas.size()];
        for (int k = 0; k < mirrorOfKlass.length; k++) {
            mirrorOfKlass[k] = metas.get(k).mirror;
        }
        long[] reached = {0};
        Reachability.walk(Reachability.rootOrder(roots), outOffsets, outTargets, klassIds, mirrorOfKlass,
                new boolean[metas.size()], null, null, IntStore.of(parentOf), scratchInts, () -> {
                    checkInterrupt();
                    reached[0] += 0x10000;
                    progress.progress("walking from the roots", Math.min(reached[0], n), n);
                });
        PackedArray parents = packed(Section.PARENTS, n, PackedArray.bitsFor(n + 1L));
        try (PackedArray.Writer w = parents.writer(0)) {
            for (int id = 0; id < n; id++) {
                int p = parentOf[id];
                w.add(p);
                if (p != 0) {
                    Meta m = metas.get(klassIds.getInt(id));
                    m.liveCount++;
                    m.liveBytes += sizes.get(id) << 3;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Writing

    private void writeTables() throws IOException {
        List<IndexedKlass> klasses = new ArrayList<>(metas.size());
        for (Meta m : metas) {
            SaKlassInfo i = m.info;
            klasses.add(new IndexedKlass(m.address, i.name(), i.kind(), i.classLoaderName(), i.classLoader(),
                    m.referenceType, i.kind().isArray() ? List.of() : i.referenceFields(),
                    i.staticReferenceFields(), i.kind() == SaKlassKind.OBJ_ARRAY ? i.arrayHeaderSize() : 0,
                    m.mirror, m.count, m.bytes, m.liveCount, m.liveBytes, m.chunk));
        }
        blob(Section.KLASSES, Blobs.klasses(klasses));
        blob(Section.MIRRORS, Blobs.mirrors(mirrors));
        blob(Section.ROOTS, Blobs.roots(roots));
        blob(Section.PROBLEMS, Blobs.strings(problems));
        blob(Section.FORWARDINGS, oops.encodeForwardings());
    }

    private void writeHeader(long buildNanos) throws IOException {
        SaHeapLayout layout = in.layout();
        IndexHeader header = new IndexHeader(in.identity(), layout.vmRelease(), System.currentTimeMillis(),
                buildNanos / 1_000_000, n, edgeCount, weakPairs.length, metas.size(), roots.size(), heapOopSize,
                oops.oopBase(), oops.oopShift(), layout.objectAlignment(), addressBase, addressShift, bucketShift,
                layout.arrayLengthOffset(), layout.mirrorKlassOffset(), layout.mirrorArrayKlassOffset(), out.end(),
                sections);
        out.write(0, ByteBuffer.wrap(header.encode()));
    }

    private PackedArray packed(Section s, long length, int bits) throws IOException {
        long bytes = Math.max(8, PackedArray.bytesFor(length, bits));
        RegionFile.Region r = out.allocate(bytes);
        sections.put(s, new SectionInfo(r.offset(), bytes, length, bits));
        return new PackedArray(r.pages(), 0, length, bits);
    }

    private void blob(Section s, byte[] bytes) throws IOException {
        long offset = out.end();
        RegionFile.Region r = out.allocate(bytes.length);
        r.pages().put(0, bytes, 0, bytes.length);
        sections.put(s, new SectionInfo(offset, bytes.length, 0, 0));
    }

    private HeapWalkProgress bytes(String phase) {
        return (walked, total) -> progress.progress(phase, walked, total);
    }

    private void problem(String line) {
        problems.add(line);
    }

    private static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("index build cancelled");
        }
    }
}
