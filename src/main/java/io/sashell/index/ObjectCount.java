package io.sashell.index;

import java.io.IOException;

import io.sashell.heap.HeapDamage;
import io.sashell.heap.HeapHistogram;
import io.sashell.heap.HeapWalkResult;
import io.sashell.heap.HeapWalker;
import io.sashell.heap.ObjectVisitor;
import io.sashell.index.IndexHeader.Section;
import io.sashell.sa.SaKlassInfo;

/**
 * The first pass: a parallel walk counts the objects of each part and class, which sizes the object arrays
 * (id → address, class, size) and gives the classes of objects their klass indexes.
 */
final class ObjectCount {
    private ObjectCount() {
    }

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

    /**
     * Counts, sets the object count and the classes, allocates the object arrays, and returns the first id of
     * each part of the walk (and the count after the last): a second walk splits the heap the same way.
     */
    static long[] run(BuildState s, HeapWalker walker) throws IOException {
        HeapWalker.ParallelWalk<Counting> counted = walker.walkParallel(s.threads, Counting::new,
                s.bytes("walking the heap"));
        HeapWalkResult result = counted.result();
        for (HeapDamage d : result.damage()) {
            s.problem(String.format("heap walk stopped at 0x%x in %s: %s (%d bytes not walked)", d.address(),
                    d.stretchLabel(), d.detail(), d.skippedBytes()));
        }
        if (result.objects() > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("the heap holds " + result.objects()
                    + " objects; the index holds at most 2^31");
        }
        s.n = (int) result.objects();
        HeapHistogram.Counter all = new HeapHistogram.Counter();
        long maxSize = 0;
        for (Counting c : counted.visitors()) {
            all.merge(c.counter);
            maxSize = Math.max(maxSize, c.maxSize);
        }
        for (HeapHistogram.Row row : all.toHistogram(result).rows()) {
            SaKlassInfo info = s.in.klasses().apply(row.klassAddress()).orElseThrow(() ->
                    new IllegalStateException(String.format("the walker's class 0x%x has no info",
                            row.klassAddress())));
            int k = s.addMeta(info);
            s.metas.get(k).count = row.count();
            s.metas.get(k).bytes = row.bytes();
        }
        int objectKlasses = s.metas.size();

        long bottom = Long.MAX_VALUE;
        long top = 0;
        for (var r : s.in.layout().ranges()) {
            bottom = Math.min(bottom, r.bottom());
            top = Math.max(top, r.top());
        }
        s.addressBase = s.n == 0 ? 0 : bottom;
        long span = s.n == 0 ? 0 : top - bottom;
        s.addresses = s.packed(Section.ADDRESSES, s.n, PackedArray.bitsFor(span >>> s.addressShift));
        s.klassIds = s.packed(Section.KLASS_IDS, s.n, PackedArray.bitsFor(Math.max(0, objectKlasses - 1)));
        s.sizes = s.packed(Section.SIZES, s.n, PackedArray.bitsFor(maxSize >>> 3));

        long[] starts = new long[counted.visitors().size() + 1];
        for (int i = 0; i < counted.visitors().size(); i++) {
            starts[i + 1] = starts[i] + counted.visitors().get(i).objects;
        }
        return starts;
    }
}
