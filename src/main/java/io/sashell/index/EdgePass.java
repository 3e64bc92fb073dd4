package io.sashell.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.index.IndexHeader.Section;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassKind;

/**
 * The outbound edges: a parallel pass reads every object's reference fields, resolves each to an id (a dangling
 * pointer is dropped and counted) and keeps each target once per source; referents go apart, as weak pairs.
 * Each worker spills its targets to a scratch file; they are copied into the outbound arrays after.
 */
final class EdgePass {
    /** Ints per chunk of a worker's spilled edge targets. */
    private static final int SPILL_CHUNK = 1 << 22;
    private static final int CHECK_EVERY = 4096;
    private static final int MAX_PROBLEM_EXAMPLES = 5;

    private final BuildState s;
    /** The spilled targets: a scratch file of its own, closed (and its pages freed) after the copy. */
    private final RegionFile spills;

    private EdgePass(BuildState s, RegionFile spills) {
        this.s = s;
        this.spills = spills;
    }

    static void run(BuildState s) throws IOException {
        try (RegionFile spills = RegionFile.anonymous(s.scratchDir, BuildState.PAGE_SHIFT, 0)) {
            new EdgePass(s, spills).edges();
        }
    }

    private void edges() throws IOException {
        int n = s.n;
        s.scratchInts = IntStore.of(s.scratch.allocate(Math.max(8, (n + 1L) * 4)).pages());
        int parts = (int) Math.max(1, Math.min(s.threads, (n + BuildState.GROUP - 1) / BuildState.GROUP));
        EdgeWorker[] workers = new EdgeWorker[parts];
        for (int i = 0; i < parts; i++) {
            workers[i] = new EdgeWorker();
        }
        AtomicLong done = new AtomicLong();
        Parallel.run(n, s.threads, BuildState.GROUP, (part, from, to, cancel) -> {
            try {
                // The calling thread (part 0) reports everyone's progress as it goes.
                LongConsumer advanced = part == 0
                        ? delta -> s.progress.progress("reading references", done.addAndGet(delta), n)
                        : done::addAndGet;
                workers[part].run(from, to, cancel, advanced);
            } catch (IOException e) {
                throw new UncheckedIOException(HeapIndexBuilder.cancelledOr(e));
            }
        });
        s.progress.progress("reading references", n, n);
        report(workers);
        long total = 0;
        for (EdgeWorker w : workers) {
            total += w.spill.size;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("the heap holds " + total
                    + " references; the index holds at most 2^31");
        }
        s.edgeCount = total;
        s.outOffsets = s.packed(Section.OUT_OFFSETS, n + 1L, PackedArray.bitsFor(total));
        s.outTargets = s.packed(Section.OUT_TARGETS, total, PackedArray.bitsFor(Math.max(0, n - 1)));
        long offset = 0;
        try (PackedArray.Writer w = s.outOffsets.writer(0)) {
            for (int id = 0; id < n; id++) {
                w.add(offset);
                offset += s.scratchInts.get(id);
            }
            w.add(offset);
        }
        long e = 0;
        try (PackedArray.Writer w = s.outTargets.writer(0)) {
            for (EdgeWorker worker : workers) {
                for (long i = 0; i < worker.spill.size; i++) {
                    if ((e++ & 0xFFFFF) == 0) {
                        BuildState.checkInterrupt();
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
        s.weakPairs = new long[weakTotal];
        int at = 0;
        for (EdgeWorker w : workers) {
            System.arraycopy(w.weak, 0, s.weakPairs, at, w.weakCount);
            at += w.weakCount;
        }
    }

    private void report(EdgeWorker[] workers) {
        long dangling = 0;
        long unreadable = 0;
        List<String> examples = new ArrayList<>();
        for (EdgeWorker w : workers) {
            dangling += w.dangling;
            unreadable += w.unreadable;
            examples.addAll(w.examples);
        }
        if (dangling > 0) {
            // Dead objects keep the addresses their referents had before a collection moved them (collectors
            // do not update what is dead), so a heap with garbage usually has some of these.
            s.problem((dangling == 1 ? "1 reference points" : dangling + " references point")
                    + " where no object starts (dropped; mostly dead objects holding"
                    + " addresses from before a collection moved their referents), e.g. "
                    + String.join("; ", examples.subList(0, Math.min(examples.size(), 3))));
        }
        if (unreadable > 0) {
            s.problem((unreadable == 1 ? "1 object" : unreadable + " objects") + " could not be read whole");
        }
    }

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
        /** This thread's reader of the core (its own hint of the last chunk read). */
        private final MemoryReader memory = s.memory.forOneThread();
        final Spill spill = new Spill();
        long[] weak = new long[16];
        int weakCount;
        int[] buf = new int[64];
        int count;
        long dangling;
        long unreadable;
        final List<String> examples = new ArrayList<>();
        /** The holder of the last dangling example: one example per holder (a dead array repeats one target). */
        private int lastExampleSource = -1;
        final KlassMeta[] table = s.metas.toArray(new KlassMeta[0]);
        final AddressIndex addressIndex = s.addressIndex;
        final OopDecoder oops = s.oops;

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
                s.scratchInts.set(id, unique);
            }
        }

        private long readOop(long at) {
            return oops.read(memory, at);
        }

        private void read(int id) {
            long a = addressIndex.address(id);
            KlassMeta m = table[s.klassIds.getInt(id)];
            switch (m.kind) {
                case TYPE_ARRAY -> {
                }
                case OBJ_ARRAY -> {
                    long length = memory.readInt(a + s.in.layout().arrayLengthOffset()) & 0xFFFF_FFFFL;
                    long p = a + m.info.arrayHeaderSize();
                    int step = oops.heapOopSize();
                    for (long i = 0; i < length; i++) {
                        add(id, readOop(p + i * step));
                    }
                }
                default -> readInstance(id, a, m);
            }
        }

        private void readInstance(int id, long a, KlassMeta m) {
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
                Integer mk = s.mirrorKlass.get(id);
                if (mk != null && mk >= 0) {
                    KlassMeta mirrored = s.metas.get(mk);
                    for (SaKlassField f : mirrored.info.staticReferenceFields()) {
                        add(id, readOop(a + f.offset()));
                    }
                    add(id, mirrored.info.classLoader());
                }
            } else if (m.chunk != null) {
                stackWords(a, s.sizes.get(id) << 3, m.chunk);
            } else if (m.kind == SaKlassKind.CLASS_LOADER) {
                int[] classes = s.definedBy.get(id);
                if (classes != null) {
                    for (int c : classes) {
                        push(c);
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
                if (oops.narrow()) {
                    long low = word & 0xFFFF_FFFFL;
                    long high = word >>> 32;
                    if (low != 0) {
                        candidate(addressIndex.idOf(oops.decodeNarrow(low)));
                    }
                    if (high != 0) {
                        candidate(addressIndex.idOf(oops.decodeNarrow(high)));
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
                if (examples.size() < MAX_PROBLEM_EXAMPLES && source != lastExampleSource) {
                    lastExampleSource = source;
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
}
