package io.sashell.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.sashell.heap.HeapWalker;
import io.sashell.heap.ObjectVisitor;
import io.sashell.index.IndexHeader.Section;
import io.sashell.sa.SaKlassKind;

/**
 * The second pass: a parallel walk, split as the first, fills id → address, class and size, notes the mirrors,
 * and the address index (address → id) is built over the result.
 */
final class ObjectFill {
    private final BuildState s;
    /** Klass index → whether its instances are mirrors (for the classes of objects only). */
    private final boolean[] isMirrorKlass;

    private ObjectFill(BuildState s) {
        this.s = s;
        int objectKlasses = s.metas.size();
        isMirrorKlass = new boolean[objectKlasses];
        for (int k = 0; k < objectKlasses; k++) {
            isMirrorKlass[k] = s.metas.get(k).kind == SaKlassKind.MIRROR;
        }
    }

    /** Fills the object arrays; {@code starts} are the first ids of the first walk's parts. */
    static void run(BuildState s, HeapWalker walker, long[] starts) throws IOException {
        new ObjectFill(s).fill(walker, starts);
    }

    private void fill(HeapWalker walker, long[] starts) throws IOException {
        List<Filling> fills = new ArrayList<>();
        HeapWalker.ParallelWalk<Filling> filled = walker.walkParallel(s.threads, () -> {
            int part = fills.size();
            Filling f = new Filling(starts[part], starts[part + 1]);
            fills.add(f);
            return f;
        }, s.bytes("reading objects"));
        if (filled.visitors().size() != starts.length - 1) {
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
            s.mirrorObjects.addAll(f.mirrorIds);
        }
        s.progress.progress("indexing addresses", 0, 1);
        int n = s.n;
        long last = -1;
        for (int id = 0; id < n; id++) {
            long a = s.addresses.get(id);
            if (a <= last) {
                throw new IllegalStateException(String.format("objects out of address order at id %d", id));
            }
            last = a;
        }
        long maxAddress = n == 0 ? 0 : s.addressBase + (last << s.addressShift);
        s.bucketShift = AddressIndex.bucketShift(n, maxAddress - s.addressBase + 1, s.addressShift);
        PackedArray buckets = s.packed(Section.BUCKETS,
                AddressIndex.bucketEntries(s.addressBase, maxAddress, s.bucketShift, n), PackedArray.bitsFor(n));
        AddressIndex.fillBuckets(s.addresses, buckets, s.addressShift, s.bucketShift);
        s.addressIndex = new AddressIndex(s.addresses, buckets, s.addressBase, s.addressShift, s.bucketShift);
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
            this.firstWhole = Math.min(end, (start + BuildState.GROUP - 1) / BuildState.GROUP * BuildState.GROUP);
            this.lastWhole = Math.max(firstWhole, end / BuildState.GROUP * BuildState.GROUP);
        }

        @Override
        public void visit(long address, long klassAddress, long size) {
            long id = next++;
            if (id >= end) {
                failure = "more objects in a part than the first walk counted";
                return;
            }
            int k = s.klassIndexes.get(klassAddress);
            if (k < 0) {
                failure = String.format("class 0x%x was not seen by the first walk", klassAddress);
                return;
            }
            if (isMirrorKlass[k]) {
                mirrorIds.add((int) id);
            }
            long a = (address - s.addressBase) >>> s.addressShift;
            long words = size >>> 3;
            if (id < firstWhole || id >= lastWhole) {
                deferred.add(new long[] {id, a, k, words});
                return;
            }
            if (addressWriter == null) {
                addressWriter = s.addresses.writer(id);
                klassWriter = s.klassIds.writer(id);
                sizeWriter = s.sizes.writer(id);
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
                s.addresses.set(d[0], d[1]);
                s.klassIds.set(d[0], d[2]);
                s.sizes.set(d[0], d[3]);
            }
        }
    }
}
