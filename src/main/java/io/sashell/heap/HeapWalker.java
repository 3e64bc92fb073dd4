package io.sashell.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.sa.SaHeapCollector;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassInfo;

/**
 * Walks the Java heap of a core by reading its memory directly, object by object, with SA used only for the
 * heap layout and for the classes of objects (each asked once). It visits exactly the objects SA's
 * {@code ObjectHeap.iterate} visits, with the same sizes, except where SA is wrong:
 * <ul>
 * <li>a G1 humongous object's continues regions are stepped over, not walked from their bottom (SA counts
 * array data that looks like headers as objects, and misses the filler after the object);</li>
 * <li>a virtual thread's stack chunk has its real size (SA takes the plain instance size and then loses the
 * rest of that stretch).</li>
 * </ul>
 * Damage (a klass pointer that is not a Klass, a size past the top, unreadable memory) ends the walk of its
 * stretch, as SA's does, and is reported once per stretch; the walk never loops and never throws for bad
 * data. An object that ends past its stretch's top is counted, as SA counts it. One difference from SA on
 * damaged heaps only: a klass pointer to other metadata (a Method) is damage (SA aborts its whole walk). Serial, Parallel, G1, Epsilon, and generational ZGC (JDK 21+), which SA
 * cannot walk: each page from its start to its top, live TLAB tails cut out as above, objects on medium pages
 * stepped over at the medium alignment. JDK 17's ZGC and Shenandoah throw {@link UnsupportedHeapException}.
 * <p>
 * Thread-safe: walks may run concurrently; the klass lookup function is only ever called under a lock.
 */
public final class HeapWalker {

    /** Objects between two checks for cancellation and two progress reports. */
    private static final int CHECK_EVERY = 4096;
    /** Objects between two entries of the object-start index. */
    private static final int CHECKPOINT_EVERY = 64;
    private static final long NOT_A_KLASS = -1;
    private static final long BAD_SIZE = -2;

    private final MemoryReader memory;
    private final SaHeapLayout layout;
    private final LongFunction<Optional<SaKlassInfo>> klassLookup;
    private final Map<Long, Optional<SaKlassInfo>> asked = new HashMap<>();
    private final HeapStretch[] stretches;
    private final long[] stretchBottoms;
    private final List<HeapDamage> planDamage;
    private final long totalBytes;

    private final boolean compactHeaders;
    private final int markKlassShift;
    private final boolean compressedKlass;
    private final long klassBase;
    private final int klassShift;
    private final int klassOffset;
    private final int arrayLengthOffset;
    private final int mirrorOopSizeOffset;
    private final long alignMask;
    private final io.sashell.sa.SaZgcForwardings zgc;
    /** LogBitsPerWord - LogBitsPerHeapOop: a stack chunk's bitmap has one bit per heap oop slot. */
    private final int stackChunkBitShift;

    private final Object indexLock = new Object();
    private final long[][] checkpoints;
    private final KlassTable indexTable = new KlassTable();

    /**
     * @param memory      the core's memory
     * @param layout      the heap layout SA reported ({@code SaHeapMetadata.layout()})
     * @param klassLookup the class at a klass address, empty when it is not a Klass
     *                    ({@code SaHeapMetadata::klass}); called once per distinct address, under a lock
     * @throws UnsupportedHeapException for ZGC, Shenandoah and unknown collectors
     */
    public HeapWalker(MemoryReader memory, SaHeapLayout layout, LongFunction<Optional<SaKlassInfo>> klassLookup) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.klassLookup = Objects.requireNonNull(klassLookup, "klassLookup");
        if (!supports(layout)) {
            throw new UnsupportedHeapException(layout.collector());
        }
        StretchPlan plan = StretchPlan.of(layout.ranges(), layout.tlabs(), layout.useTlab(),
                layout.zgc().mediumPageAlignment());
        this.stretches = plan.stretches();
        this.planDamage = plan.damage();
        this.stretchBottoms = new long[stretches.length];
        long total = 0;
        for (int i = 0; i < stretches.length; i++) {
            stretchBottoms[i] = stretches[i].bottom();
            total += stretches[i].size();
        }
        this.totalBytes = total;
        this.checkpoints = new long[stretches.length][];

        this.compactHeaders = layout.compactHeaders();
        this.markKlassShift = layout.markKlassShift();
        this.compressedKlass = layout.compressedClassPointers().enabled();
        this.klassBase = layout.compressedClassPointers().base();
        this.klassShift = layout.compressedClassPointers().shift();
        this.klassOffset = layout.klassOffset();
        this.arrayLengthOffset = layout.arrayLengthOffset();
        this.mirrorOopSizeOffset = layout.mirrorOopSizeOffset();
        this.alignMask = layout.objectAlignment() - 1L;
        this.zgc = layout.zgc().forwardings();
        this.stackChunkBitShift = 6 - (layout.heapOopSize() == 4 ? 5 : 6);
    }

    /**
     * Whether the walker walks this heap: Serial, Parallel, G1, Epsilon, and generational ZGC (JDK 21+, its
     * pages read from the page table). Not JDK 17's ZGC nor Shenandoah: SA walks those.
     */
    public static boolean supports(SaHeapLayout layout) {
        return supports(layout.collector()) || layout.zgcPages();
    }

    /**
     * Whether the walker walks every heap of this collector (Serial, Parallel, G1, Epsilon); see
     * {@link #supports(SaHeapLayout)} for ZGC.
     */
    public static boolean supports(SaHeapCollector collector) {
        return switch (collector) {
            case SERIAL, PARALLEL, G1, EPSILON -> true;
            case Z, SHENANDOAH, OTHER -> false;
        };
    }

    public SaHeapLayout layout() {
        return layout;
    }

    /** The stretches walked, in address order. */
    public List<HeapStretch> stretches() {
        return List.of(stretches);
    }

    /** Bytes of all stretches: the total of a walk's progress. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Walks the whole heap on the calling thread, in address order. */
    public HeapWalkResult walk(ObjectVisitor visitor) {
        return walk(visitor, HeapWalkProgress.NONE);
    }

    /**
     * Walks the whole heap on the calling thread, in address order.
     *
     * @throws CancellationException when the thread is interrupted (its interrupt status stays set)
     */
    public HeapWalkResult walk(ObjectVisitor visitor, HeapWalkProgress progress) {
        Progress p = new Progress(progress, totalBytes);
        Worker worker = new Worker(visitor, new KlassTable(), p, new AtomicBoolean(), false);
        worker.walk(0, stretches.length);
        p.finish();
        return merge(List.of(worker));
    }

    /** The visitors of a parallel walk, in address order of the parts they walked, and the totals. */
    public record ParallelWalk<V extends ObjectVisitor>(List<V> visitors, HeapWalkResult result) {
        public ParallelWalk {
            visitors = List.copyOf(visitors);
        }
    }

    /**
     * Walks the heap on up to {@code threads} threads (the calling one included), each over a contiguous part
     * of the stretches with a visitor of its own. The parts split at stretch boundaries only, so a heap of
     * few large spaces (Serial, Parallel) gains little; G1's regions split well. Results do not depend on
     * the number of threads: visitors come back in address order, damage is merged in address order.
     *
     * @throws CancellationException when the calling thread is interrupted
     */
    public <V extends ObjectVisitor> ParallelWalk<V> walkParallel(int threads, Supplier<? extends V> visitors,
                                                                  HeapWalkProgress progress) {
        Parts<V> parts = walkParts(threads, visitors, progress, false);
        return new ParallelWalk<>(parts.visitors(), parts.result());
    }

    /** What {@link #walkParts} leaves: each part's visitor and worker (its klass table), and the merged result. */
    private record Parts<V>(List<V> visitors, List<Worker> workers, HeapWalkResult result) {
    }

    /** @param counting the workers count objects per klass in their klass tables instead of calling visitors */
    private <V extends ObjectVisitor> Parts<V> walkParts(int threads, Supplier<? extends V> visitors,
                                                         HeapWalkProgress progress, boolean counting) {
        int parts = Math.max(1, Math.min(threads, stretches.length));
        int[] bounds = partition(parts);
        Progress p = new Progress(progress, totalBytes);
        AtomicBoolean cancel = new AtomicBoolean();
        List<V> vs = new ArrayList<>(parts);
        List<Worker> workers = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            V v = visitors.get();
            vs.add(v);
            workers.add(new Worker(v, new KlassTable(), p, cancel, counting));
        }
        PartsRunner.run(parts, "heap-walker-", cancel, "heap walk cancelled",
                part -> workers.get(part).walk(bounds[part], bounds[part + 1]));
        p.finish();
        return new Parts<>(vs, workers, merge(workers));
    }

    /**
     * Objects and bytes per klass, counted on up to {@code threads} threads. Each thread counts in the slots of
     * its klass table (no call and no second lookup per object), merged by klass at the end.
     */
    public HeapHistogram histogram(int threads, HeapWalkProgress progress) {
        Parts<ObjectVisitor> walk = walkParts(threads, () -> null, progress, true);
        HeapHistogram.Counter total = new HeapHistogram.Counter();
        for (Worker w : walk.workers()) {
            w.table.addCountsTo(total);
        }
        return total.toHistogram(walk.result());
    }

    /**
     * Whether an object starts at {@code address}. Cost: the first query in a stretch walks that stretch once
     * to index it; later queries walk at most {@value #CHECKPOINT_EVERY} objects.
     */
    public boolean isObjectStart(long address) {
        return objectAt(address).isPresent();
    }

    /** The object starting at {@code address}, or empty when none does (see {@link #isObjectStart}). */
    public Optional<HeapObject> objectAt(long address) {
        if ((address & alignMask) != 0) {
            return Optional.empty();
        }
        int s = stretchIndex(address);
        if (s < 0) {
            return Optional.empty();
        }
        synchronized (indexLock) {
            long[] cps = checkpoints(s);
            // cps holds every CHECKPOINT_EVERY-th object start and, last, the end of the last good object.
            long validEnd = cps[cps.length - 1];
            if (address >= validEnd) {
                return Optional.empty();
            }
            int lo = 0;
            int hi = cps.length - 2;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (cps[mid] <= address) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            long p = cps[lo];
            try {
                while (p < validEnd) {
                    long klass = klassAt(memory, p);
                    long size = sizeOf(memory, p, indexTable, slotOf(indexTable, klass));
                    if (size <= 0 || p > address) {
                        return Optional.empty();
                    }
                    if (p == address) {
                        return Optional.of(new HeapObject(p, klass, size));
                    }
                    p += step(stretches[s], size);
                }
            } catch (UnreadableMemoryException e) {
                // Not in the core: no object there.
            }
            return Optional.empty();
        }
    }

    private int stretchIndex(long address) {
        int lo = 0;
        int hi = stretchBottoms.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (stretchBottoms[mid] <= address) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int i = lo - 1;
        return i >= 0 && stretches[i].contains(address) ? i : -1;
    }

    private long[] checkpoints(int s) {
        long[] cps = checkpoints[s];
        if (cps == null) {
            CheckpointRecorder recorder = new CheckpointRecorder();
            Worker worker = new Worker(recorder, indexTable, new Progress(HeapWalkProgress.NONE, totalBytes),
                    new AtomicBoolean(), false);
            long end = worker.walkStretch(stretches[s]);
            cps = recorder.finish(end);
            checkpoints[s] = cps;
        }
        return cps;
    }

    private static final class CheckpointRecorder implements ObjectVisitor {
        private long[] starts = new long[16];
        private int n;
        private int seen;

        @Override
        public void visit(long address, long klassAddress, long size) {
            if (seen++ % CHECKPOINT_EVERY == 0) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = address;
            }
        }

        long[] finish(long end) {
            long[] out = new long[n + 1];
            System.arraycopy(starts, 0, out, 0, n);
            out[n] = end;
            return out;
        }
    }

    /** Splits the stretches into {@code parts} contiguous groups of about equal bytes. */
    private int[] partition(int parts) {
        int[] bounds = new int[parts + 1];
        bounds[parts] = stretches.length;
        long acc = 0;
        int part = 1;
        for (int i = 0; i < stretches.length && part < parts; i++) {
            acc += stretches[i].size();
            // Leave at least one stretch for each remaining part.
            if (acc * parts >= totalBytes * part || stretches.length - (i + 1) == parts - part) {
                bounds[part++] = i + 1;
            }
        }
        return bounds;
    }

    private HeapWalkResult merge(List<Worker> workers) {
        long objects = 0;
        long bytes = 0;
        long skipped = 0;
        List<HeapDamage> damage = new ArrayList<>(planDamage);
        for (Worker w : workers) {
            objects += w.objects;
            bytes += w.bytes;
            skipped += w.skipped;
            damage.addAll(w.damage);
        }
        for (HeapDamage d : planDamage) {
            skipped += d.skippedBytes();
        }
        damage.sort((a, b) -> Long.compare(a.address(), b.address()));
        return new HeapWalkResult(objects, bytes, damage, skipped, totalBytes);
    }

    private long klassAt(MemoryReader memory, long p) {
        if (compactHeaders) {
            long narrow = memory.readLong(p) >>> markKlassShift;
            return narrow == 0 ? 0 : klassBase + (narrow << klassShift);
        }
        if (compressedKlass) {
            long narrow = memory.readInt(p + klassOffset) & 0xFFFF_FFFFL;
            return narrow == 0 ? 0 : klassBase + (narrow << klassShift);
        }
        return memory.readLong(p + klassOffset);
    }

    private int slotOf(KlassTable table, long klass) {
        int slot = table.find(klass);
        return slot >= 0 ? slot : table.add(klass, lookup(klass));
    }

    private SaKlassInfo lookup(long klass) {
        synchronized (asked) {
            Optional<SaKlassInfo> info = asked.get(klass);
            if (info == null) {
                try {
                    info = klassLookup.apply(klass);
                } catch (RuntimeException e) {
                    info = Optional.empty();
                }
                if (info == null) {
                    info = Optional.empty();
                }
                asked.put(klass, info);
            }
            return info.orElse(null);
        }
    }

    /** The object's size in bytes, or {@link #NOT_A_KLASS} / {@link #BAD_SIZE}. */
    private long sizeOf(MemoryReader memory, long p, KlassTable table, int slot) {
        switch (table.kind(slot)) {
            case KlassTable.INSTANCE:
                return (table.layoutHelper(slot) >> 3) << 3;
            case KlassTable.ARRAY: {
                int lh = table.layoutHelper(slot);
                long length = memory.readInt(p + arrayLengthOffset) & 0xFFFF_FFFFL;
                long raw = (length << (lh & 0xFF)) + ((lh >> 16) & 0xFF);
                return (raw + alignMask) & ~alignMask;
            }
            case KlassTable.MIRROR: {
                int words = memory.readInt(p + mirrorOopSizeOffset);
                return words > 0 ? (long) words << 3 : BAD_SIZE;
            }
            case KlassTable.STACK_CHUNK: {
                int stackWords = memory.readInt(p + table.extra(slot));
                return stackWords >= 0 ? stackChunkSize(table.layoutHelper(slot), stackWords) : BAD_SIZE;
            }
            default:
                return NOT_A_KLASS;
        }
    }

    /** Where the next object starts after one of {@code size} bytes in this stretch. */
    private static long step(HeapStretch s, long size) {
        int a = s.allocationAlignment();
        return a == 0 ? size : (size + a - 1) & -(long) a;
    }

    /** HotSpot's InstanceStackChunkKlass::instance_size: fields, the stack, then a bitmap of its oop slots. */
    private long stackChunkSize(int layoutHelper, int stackWords) {
        long bits = (long) stackWords << stackChunkBitShift;
        long bitmapWords = ((bits + 63) & ~63L) >>> 6;
        long words = (layoutHelper >> 3) + stackWords + bitmapWords;
        return ((words << 3) + alignMask) & ~alignMask;
    }

    /** Serializes and throttles progress reports of all threads of one walk. */
    private static final class Progress {
        private final HeapWalkProgress sink;
        private final long total;
        private final long step;
        private long done;
        private long reported = -1;

        Progress(HeapWalkProgress sink, long total) {
            this.sink = sink;
            this.total = total;
            this.step = Math.max(1, total / 1000);
        }

        synchronized void add(long bytes) {
            done += bytes;
            if (sink != HeapWalkProgress.NONE && done - reported >= step && done < total) {
                reported = done;
                sink.progress(done, total);
            }
        }

        synchronized void finish() {
            if (sink != HeapWalkProgress.NONE && reported != total) {
                reported = total;
                sink.progress(total, total);
            }
        }
    }

    /** Walks stretches on one thread with its own klass table, counting what it saw. */
    private final class Worker {
        private final ObjectVisitor visitor;
        /** This thread's reader of the core (its own hint of where the last read was). */
        private final MemoryReader reader = memory.forOneThread();
        private final boolean counting;
        private final KlassTable table;
        private final Progress progress;
        private final AtomicBoolean cancel;
        private final List<HeapDamage> damage = new ArrayList<>();
        private long objects;
        private long bytes;
        private long skipped;
        private int untilCheck = CHECK_EVERY;

        Worker(ObjectVisitor visitor, KlassTable table, Progress progress, AtomicBoolean cancel, boolean counting) {
            this.visitor = visitor;
            this.counting = counting;
            this.table = table;
            this.progress = progress;
            this.cancel = cancel;
        }

        void walk(int from, int to) {
            for (int i = from; i < to; i++) {
                checkCancelled();
                walkStretch(stretches[i]);
            }
        }

        private void checkCancelled() {
            if (cancel.get() || Thread.currentThread().isInterrupted()) {
                cancel.set(true);
                throw new CancellationException("heap walk cancelled");
            }
        }

        /** Walks one stretch; returns the end of the last object visited (its top when all went well). */
        long walkStretch(HeapStretch s) {
            long p = s.bottom();
            long top = s.top();
            long reportedTo = p;
            long klass = 0;
            try {
                while (p < top) {
                    if (--untilCheck == 0) {
                        untilCheck = CHECK_EVERY;
                        checkCancelled();
                        progress.add(p - reportedTo);
                        reportedTo = p;
                    }
                    klass = klassAt(reader, p);
                    if (klass == 0) {
                        damage(s, p, HeapDamage.Reason.NULL_KLASS, 0, "null klass pointer");
                        break;
                    }
                    int slot = slotOf(table, klass);
                    long size = sizeOf(reader, p, table, slot);
                    if (size == NOT_A_KLASS) {
                        damage(s, p, HeapDamage.Reason.NOT_A_KLASS, klass,
                                String.format("klass pointer 0x%x is not a Klass", klass));
                        break;
                    }
                    if (size <= 0) {
                        damage(s, p, HeapDamage.Reason.BAD_SIZE, klass, "object size " + size);
                        break;
                    }
                    if (zgc.isStaleCopy(p)) {
                        // ZGC copied it during a relocation the core interrupted: counted at its new address.
                        p += step(s, size);
                        continue;
                    }
                    if (counting) {
                        table.count(slot, size);
                    } else {
                        visitor.visit(p, klass, size);
                    }
                    objects++;
                    bytes += size;
                    if (size > top - p) {
                        damage.add(new HeapDamage(p, s.label(), HeapDamage.Reason.PAST_TOP, klass, 0, String.format(
                                "object of %d bytes ends past the top 0x%x (counted, as SA does)", size, top)));
                        p = top;
                        break;
                    }
                    p += step(s, size);
                }
            } catch (UnreadableMemoryException e) {
                damage(s, p, HeapDamage.Reason.UNREADABLE, klass,
                        String.format("memory at 0x%x is not in the core", e.address()));
            }
            skipped += Math.max(0, top - p);
            progress.add(top - reportedTo);
            return p;
        }

        private void damage(HeapStretch s, long p, HeapDamage.Reason reason, long klass, String detail) {
            damage.add(new HeapDamage(p, s.label(), reason, klass, s.top() - p, detail));
        }
    }
}
