package io.sashell.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.heap.HeapObject;
import io.sashell.heap.HeapWalkProgress;
import io.sashell.heap.HeapWalkResult;
import io.sashell.heap.HeapWalker;
import io.sashell.heap.ObjectVisitor;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaHeapTlab;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

/**
 * Plans what redaction zeroes in the Java heap, in one walk: the contents of every primitive array (from
 * just after the length to the end of the object), with {@code full} the primitive fields of instances and
 * the primitive static fields held by {@code java.lang.Class} instances, and every byte of the heap's
 * reserved range that no object covers (dead space: above the top of spaces and regions, free regions, TLAB
 * ends, the empty survivor space). Headers, klass pointers, array lengths and references are never touched,
 * so every walk and every reference stays as it was. Collects the memory of direct buffers on the way.
 */
final class HeapScrubber {
    /**
     * Primitive fields the VM or SA reads, kept by {@code full}: a String's coder (which decoding of its
     * contents needs), a Thread's link to its VM thread ({@code eetop}) and the facts {@code threads} shows,
     * and every field of a virtual thread's stack chunk (its size sizes the object). Found by zeroing fields
     * in cores and comparing sa-shell's answers (see SECURITY.md).
     */
    static final Set<String> VM_FIELDS = Set.of(
            "java.lang.String.coder",
            "java.lang.Thread.eetop", "java.lang.Thread.tid", "java.lang.Thread.threadStatus",
            "java.lang.Thread.priority", "java.lang.Thread.daemon", "java.lang.Thread.stackSize",
            "java.lang.Thread$FieldHolder.threadStatus", "java.lang.Thread$FieldHolder.priority",
            "java.lang.Thread$FieldHolder.daemon", "java.lang.Thread$FieldHolder.stackSize");
    private static final String STACK_CHUNK = "jdk.internal.vm.StackChunk";

    /** A direct buffer's memory: [address, address + length). */
    record NativeBuffer(long address, long length) {
    }

    /** What the walk found. */
    record Result(long objects, long primitiveArrays, long keptArrays, long instancesScrubbed,
                  List<NativeBuffer> buffers, HeapWalkResult walk) {
    }

    private final MemoryReader memory;
    private final SaHeapLayout layout;
    private final LongFunction<Optional<SaKlassInfo>> klasses;
    private final HeapWalker walker;
    private final RedactLevel level;
    private final KeepRule keep;
    private final FileLayout file;
    private final Map<Long, KlassPlan> plans = new ConcurrentHashMap<>();
    private final Map<Long, int[]> staticRuns = new ConcurrentHashMap<>();

    HeapScrubber(MemoryReader memory, SaHeapLayout layout, LongFunction<Optional<SaKlassInfo>> klasses,
                 HeapWalker walker, RedactLevel level, KeepRule keep, FileLayout file) {
        this.memory = memory;
        this.layout = layout;
        this.klasses = klasses;
        this.walker = walker;
        this.level = level;
        this.keep = keep;
        this.file = file;
    }

    private enum Shape { TYPE_ARRAY, OBJ_ARRAY, INSTANCE, MIRROR, DIRECT_BUFFER, UNKNOWN }

    /** How objects of one klass are scrubbed. {@code fieldRuns}: (offset, length) pairs to zero. */
    private record KlassPlan(Shape shape, boolean kept, int[] fieldRuns, SaKlassInfo info, int bufferAddress,
                             int bufferCapacity, int bufferShift) {
    }

    /**
     * Plans the heap on up to {@code threads} threads; the lists returned are each sorted (one per part of the
     * walk, and one for the dead space between the parts).
     */
    Result plan(int threads, List<ZeroRanges> out) {
        Set<Long> keptArrays = keep.isEmpty() ? Set.of() : keptArrays();
        GapClassifier gaps = new GapClassifier(layout);
        HeapWalker.ParallelWalk<Part> walk = walker.walkParallel(threads, () -> new Part(gaps.copy(), keptArrays),
                HeapWalkProgress.NONE);
        ZeroRanges between = new ZeroRanges();
        GapClassifier edges = gaps.copy();
        long prevEnd = layout.reservedStart();
        List<NativeBuffer> buffers = new ArrayList<>();
        long[] counts = new long[4];
        for (Part p : walk.visitors()) {
            out.add(p.out);
            buffers.addAll(p.buffers);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += p.counts[i];
            }
            if (p.first < 0) {
                continue;
            }
            if (p.first > prevEnd) {
                edges.add(prevEnd, p.first, file, between);
            }
            prevEnd = p.prevEnd;
        }
        if (layout.reservedEnd() > prevEnd) {
            edges.add(prevEnd, layout.reservedEnd(), file, between);
        }
        out.add(between);
        return new Result(counts[0], counts[1], counts[2], counts[3], buffers, walk.result());
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** Plans one part of a parallel walk: its objects and the dead space between them, in address order. */
    private final class Part implements ObjectVisitor {
        final ZeroRanges out = new ZeroRanges();
        final List<NativeBuffer> buffers = new ArrayList<>();
        final long[] counts = new long[4];
        final GapClassifier gaps;
        final Set<Long> keptArrays;
        /** This part's klass plans by klass address: open addressing, no boxing per object. */
        long[] keys = new long[1024];
        KlassPlan[] values = new KlassPlan[1024];
        int size;
        final int lengthEnd = layout.arrayLengthOffset() + 4;
        long first = -1;
        long prevEnd;

        Part(GapClassifier gaps, Set<Long> keptArrays) {
            this.gaps = gaps;
            this.keptArrays = keptArrays;
        }

        /** The plan of {@code klass} (never 0: the walker does not visit objects without a klass). */
        private KlassPlan lookup(long klass) {
            int mask = keys.length - 1;
            for (int i = slot(klass, mask); ; i = (i + 1) & mask) {
                if (keys[i] == klass) {
                    return values[i];
                }
                if (keys[i] == 0) {
                    KlassPlan p = plan(klass);
                    keys[i] = klass;
                    values[i] = p;
                    if (++size * 2 > keys.length) {
                        grow();
                    }
                    return p;
                }
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            KlassPlan[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new KlassPlan[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != 0) {
                    int i = slot(oldKeys[j], mask);
                    while (keys[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }

        @Override
        public void visit(long address, long klass, long size) {
            if (first < 0) {
                first = address;
            } else if (address > prevEnd) {
                gaps.add(prevEnd, address, file, out);
            }
            prevEnd = Math.max(prevEnd, address + size);
            counts[0]++;
            KlassPlan p = lookup(klass);
            switch (p.shape) {
                case TYPE_ARRAY -> {
                    if (p.kept || keptArrays.contains(address)) {
                        counts[2]++;
                    } else {
                        counts[1]++;
                        file.addMemory(address + lengthEnd, address + size, RegionKind.ARRAY_CONTENTS, out, false);
                    }
                }
                case INSTANCE, DIRECT_BUFFER, MIRROR -> {
                    if (p.shape == Shape.DIRECT_BUFFER) {
                        buffer(address, p, buffers);
                    }
                    if (level == RedactLevel.FULL && !p.kept) {
                        counts[3]++;
                        zeroRuns(address, p.fieldRuns, RegionKind.INSTANCE_FIELDS, out);
                        if (p.shape == Shape.MIRROR) {
                            zeroRuns(address, mirrorStaticRuns(address), RegionKind.STATIC_FIELDS, out);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private void zeroRuns(long address, int[] runs, RegionKind kind, ZeroRanges out) {
        for (int i = 0; i < runs.length; i += 2) {
            file.addMemory(address + runs[i], address + runs[i] + runs[i + 1], kind, out, false);
        }
    }

    private void buffer(long address, KlassPlan p, List<NativeBuffer> buffers) {
        try {
            long base = memory.readLong(address + p.bufferAddress);
            long capacity = Integer.toUnsignedLong(memory.readInt(address + p.bufferCapacity));
            if (base != 0 && capacity > 0) {
                buffers.add(new NativeBuffer(base, capacity << p.bufferShift));
            }
        } catch (UnreadableMemoryException e) {
            // A buffer whose fields the core does not hold has no memory we could find either.
        }
    }

    private KlassPlan plan(long klass) {
        return plans.computeIfAbsent(klass, this::describe);
    }

    private KlassPlan describe(long klass) {
        Optional<SaKlassInfo> found = klasses.apply(klass);
        if (found.isEmpty()) {
            return new KlassPlan(Shape.UNKNOWN, false, new int[0], null, 0, 0, 0);
        }
        SaKlassInfo k = found.get();
        boolean kept = kept(k);
        if (k.kind() == SaKlassKind.TYPE_ARRAY) {
            return new KlassPlan(Shape.TYPE_ARRAY, kept, new int[0], k, 0, 0, 0);
        }
        if (k.kind() == SaKlassKind.OBJ_ARRAY) {
            return new KlassPlan(Shape.OBJ_ARRAY, kept, new int[0], k, 0, 0, 0);
        }
        boolean stackChunk = k.name().equals(STACK_CHUNK) || k.kind() == SaKlassKind.STACK_CHUNK;
        int[] runs = stackChunk ? new int[0] : runs(k.instanceFields(), true);
        Shape shape = k.kind() == SaKlassKind.MIRROR ? Shape.MIRROR : Shape.INSTANCE;
        int address = -1;
        int capacity = -1;
        if (k.name().startsWith("java.nio.Direct")) {
            for (SaKlassField f : k.instanceFields()) {
                if (f.holder().equals("java.nio.Buffer") && f.name().equals("address") && f.signature().equals("J")) {
                    address = (int) f.offset();
                } else if (f.holder().equals("java.nio.Buffer") && f.name().equals("capacity")
                        && f.signature().equals("I")) {
                    capacity = (int) f.offset();
                }
            }
        }
        if (address >= 0 && capacity >= 0) {
            return new KlassPlan(Shape.DIRECT_BUFFER, kept, runs, k, address, capacity, elementShift(k.name()));
        }
        return new KlassPlan(shape, kept, runs, k, 0, 0, 0);
    }

    /** Whether {@code --keep} keeps this class: its name or a superclass's matches (a kept Thread keeps them all). */
    private boolean kept(SaKlassInfo k) {
        if (keep.isEmpty()) {
            return false;
        }
        SaKlassInfo c = k;
        for (int depth = 0; c != null && depth < 256; depth++) {
            if (keep.keeps(c.name())) {
                return true;
            }
            c = c.superKlass() == 0 ? null : klasses.apply(c.superKlass()).orElse(null);
        }
        return false;
    }

    /** log2 of the element size of a direct buffer class: DirectByteBuffer 0, DirectIntBufferU 2, ... */
    static int elementShift(String name) {
        String type = name.substring("java.nio.Direct".length());
        if (type.startsWith("Char") || type.startsWith("Short")) {
            return 1;
        } else if (type.startsWith("Int") || type.startsWith("Float")) {
            return 2;
        } else if (type.startsWith("Long") || type.startsWith("Double")) {
            return 3;
        }
        return 0;
    }

    /** The primitive static fields of the class a {@code java.lang.Class} instance mirrors, as runs. */
    private int[] mirrorStaticRuns(long mirror) {
        long klass;
        try {
            klass = memory.readLong(mirror + layout.mirrorKlassOffset());
        } catch (UnreadableMemoryException e) {
            return new int[0];
        }
        if (klass == 0) {
            return new int[0];
        }
        return staticRuns.computeIfAbsent(klass, k -> {
            Optional<SaKlassInfo> info = klasses.apply(k);
            if (info.isEmpty() || kept(info.get())) {
                return new int[0];
            }
            return runs(info.get().staticFields(), false);
        });
    }

    /** Merged (offset, length) runs of the primitive fields the redaction zeroes. */
    static int[] runs(List<SaKlassField> fields, boolean instance) {
        List<int[]> spans = new ArrayList<>();
        for (SaKlassField f : fields) {
            int size = primitiveSize(f.signature());
            if (size == 0 || (instance && VM_FIELDS.contains(f.holder() + "." + f.name()))) {
                continue;
            }
            spans.add(new int[] {(int) f.offset(), size});
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] s : spans) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s[0] <= last[0] + last[1]) {
                last[1] = Math.max(last[1], s[0] + s[1] - last[0]);
            } else {
                merged.add(new int[] {s[0], s[1]});
            }
        }
        int[] out = new int[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            out[2 * i] = merged.get(i)[0];
            out[2 * i + 1] = merged.get(i)[1];
        }
        return out;
    }

    static int primitiveSize(String signature) {
        if (signature.length() != 1) {
            return 0;
        }
        return switch (signature.charAt(0)) {
            case 'Z', 'B' -> 1;
            case 'C', 'S' -> 2;
            case 'I', 'F' -> 4;
            case 'J', 'D' -> 8;
            default -> 0;
        };
    }

    /**
     * The primitive arrays {@code --keep} keeps besides those of kept array classes: the arrays that instances
     * of kept classes refer to, directly or through a String (a kept Thread keeps its name). One extra walk.
     */
    private Set<Long> keptArrays() {
        Set<Long> kept = new HashSet<>();
        walker.walk((address, klass, size) -> {
            KlassPlan p = plan(klass);
            if (!p.kept || p.info == null || p.info.kind().isArray()) {
                return;
            }
            for (SaKlassField f : p.info.referenceFields()) {
                long target = readReference(address + f.offset());
                keepArrayOf(target, kept, true);
            }
        });
        return kept;
    }

    private void keepArrayOf(long target, Set<Long> kept, boolean throughString) {
        if (target == 0) {
            return;
        }
        Optional<HeapObject> obj = walker.objectAt(target);
        if (obj.isEmpty()) {
            return;
        }
        KlassPlan t = plan(obj.get().klassAddress());
        if (t.shape == Shape.TYPE_ARRAY) {
            kept.add(target);
        } else if (throughString && t.info != null && t.info.name().equals("java.lang.String")) {
            for (SaKlassField f : t.info.referenceFields()) {
                if (f.name().equals("value")) {
                    keepArrayOf(readReference(target + f.offset()), kept, false);
                }
            }
        }
    }

    private long readReference(long address) {
        try {
            long raw = layout.heapOopSize() == 4 ? Integer.toUnsignedLong(memory.readInt(address))
                    : memory.readLong(address);
            // Narrow oops, plain addresses, and ZGC's coloured pointers (-1 when not one).
            return Math.max(0, layout.decodeReference(raw));
        } catch (UnreadableMemoryException e) {
            return 0;
        }
    }

    /**
     * Names the dead bytes between objects by where they lie: a TLAB's unused end, a free region, the part of
     * a space or region above its top, inside a walked range (a stretch the walk could not parse), or outside
     * every range. Gaps arrive in ascending order (per copy).
     */
    private static final class GapClassifier {
        private final long[] starts;
        private final long[] ends;
        private final RegionKind[] kinds;
        private final long[] rangeBottoms;
        private final long[] rangeTops;
        private final int count;
        private int next;

        private GapClassifier(GapClassifier of) {
            this.starts = of.starts;
            this.ends = of.ends;
            this.kinds = of.kinds;
            this.rangeBottoms = of.rangeBottoms;
            this.rangeTops = of.rangeTops;
            this.count = of.count;
        }

        /** A classifier over the same spans with its own position: one per part of a parallel walk. */
        GapClassifier copy() {
            return new GapClassifier(this);
        }

        GapClassifier(SaHeapLayout layout) {
            List<long[]> spans = new ArrayList<>();
            List<RegionKind> spanKinds = new ArrayList<>();
            for (SaHeapTlab t : layout.tlabs()) {
                spans.add(new long[] {t.top(), t.hardEnd()});
                spanKinds.add(RegionKind.TLAB_UNUSED);
            }
            for (SaHeapRange r : layout.ranges()) {
                if (r.type() == SaHeapRange.Type.FREE) {
                    spans.add(new long[] {r.bottom(), r.end()});
                    spanKinds.add(RegionKind.FREE_REGIONS);
                } else {
                    spans.add(new long[] {r.top(), r.end()});
                    spanKinds.add(RegionKind.SPACE_UNUSED);
                }
            }
            Integer[] order = new Integer[spans.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> spans.get(i)[0]));
            starts = new long[order.length];
            ends = new long[order.length];
            kinds = new RegionKind[order.length];
            long coveredTo = Long.MIN_VALUE;
            int n = 0;
            for (Integer i : order) {
                long s = Math.max(spans.get(i)[0], coveredTo);
                long e = spans.get(i)[1];
                if (e > s) {
                    starts[n] = s;
                    ends[n] = e;
                    kinds[n] = spanKinds.get(i);
                    coveredTo = e;
                    n++;
                }
            }
            List<SaHeapRange> ranges = new ArrayList<>(layout.ranges());
            ranges.sort(Comparator.comparingLong(SaHeapRange::bottom));
            rangeBottoms = ranges.stream().mapToLong(SaHeapRange::bottom).toArray();
            rangeTops = ranges.stream().mapToLong(SaHeapRange::top).toArray();
            this.count = n;
        }

        void add(long from, long to, FileLayout file, ZeroRanges out) {
            long a = from;
            while (a < to) {
                while (next < count && ends[next] <= a) {
                    next++;
                }
                if (next < count && starts[next] <= a) {
                    long e = Math.min(to, ends[next]);
                    file.addMemory(a, e, kinds[next], out, false);
                    a = e;
                } else {
                    long e = next < count ? Math.min(to, starts[next]) : to;
                    uncovered(a, e, file, out);
                    a = e;
                }
            }
        }

        /** Bytes in no TLAB end and no unused part: inside a range they are unwalkable, else outside. */
        private void uncovered(long from, long to, FileLayout file, ZeroRanges out) {
            long a = from;
            while (a < to) {
                int i = Arrays.binarySearch(rangeBottoms, a);
                if (i < 0) {
                    i = -i - 2;
                }
                if (i >= 0 && a < rangeTops[i]) {
                    long e = Math.min(to, rangeTops[i]);
                    file.addMemory(a, e, RegionKind.UNWALKABLE, out, false);
                    a = e;
                } else {
                    long nextBottom = i + 1 < rangeBottoms.length ? rangeBottoms[i + 1] : Long.MAX_VALUE;
                    long e = Math.min(to, nextBottom);
                    file.addMemory(a, e, RegionKind.OUTSIDE_SPACES, out, false);
                    a = e;
                }
            }
        }
    }
}
