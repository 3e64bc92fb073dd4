package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import io.sashell.sa.SaHeapCollector;
import io.sashell.sa.SaHeapRange;

class HeapWalkerTest {

    private static final long B = FakeHeap.BASE;

    /** Every visit as (address, klass, size). */
    private static final class Recorder implements ObjectVisitor {
        final List<HeapObject> objects = new ArrayList<>();

        @Override
        public void visit(long address, long klassAddress, long size) {
            objects.add(new HeapObject(address, klassAddress, size));
        }
    }

    private static List<HeapObject> walk(FakeHeap heap) {
        Recorder r = new Recorder();
        heap.walker().walk(r);
        return r.objects;
    }

    /** Writes one object of each sizing rule from {@code at}; returns the objects in order. */
    private static List<HeapObject> everyKind(FakeHeap heap, long at) {
        List<HeapObject> expected = new ArrayList<>();
        long p = at;
        long s = heap.instance(p, FakeHeap.OBJECT);
        expected.add(new HeapObject(p, FakeHeap.OBJECT, s));
        p += s;
        s = heap.instance(p, FakeHeap.ITEM);
        expected.add(new HeapObject(p, FakeHeap.ITEM, s));
        p += s;
        s = heap.intArray(p, 5);
        expected.add(new HeapObject(p, FakeHeap.INT_ARRAY, s));
        p += s;
        s = heap.intArray(p, 0);
        expected.add(new HeapObject(p, FakeHeap.INT_ARRAY, s));
        p += s;
        s = heap.longArray(p, 3);
        expected.add(new HeapObject(p, FakeHeap.LONG_ARRAY, s));
        p += s;
        s = heap.mirror(p, 12);
        expected.add(new HeapObject(p, FakeHeap.CLASS, s));
        p += s;
        s = heap.chunk(p, 100);
        expected.add(new HeapObject(p, FakeHeap.CHUNK, s));
        return expected;
    }

    private static long end(List<HeapObject> objects) {
        HeapObject last = objects.get(objects.size() - 1);
        return last.address() + last.size();
    }

    @Test
    void sizesEveryKindOfObjectWithCompressedClassPointers() {
        FakeHeap heap = new FakeHeap(1 << 16);
        List<HeapObject> expected = everyKind(heap, B);
        heap.range(B, end(expected), "old");
        assertEquals(expected, walk(heap));
        // Known sizes: 16-byte Object, 24-byte Item (slow-path bit ignored), int[5] 36 -> 40, int[0] 16,
        // long[3] 40, a 12-word mirror, a chunk of 48 + 100 words + a 4-word bitmap.
        assertEquals(List.of(16L, 24L, 40L, 16L, 40L, 96L, 880L), expected.stream().map(HeapObject::size).toList());
    }

    @Test
    void sizesEveryKindOfObjectWithCompactHeaders() {
        FakeHeap heap = new FakeHeap(1 << 16, true, true);
        List<HeapObject> expected = everyKind(heap, B);
        heap.range(B, end(expected), "old");
        assertEquals(expected, walk(heap));
        assertEquals(List.of(8L, 24L, 32L, 16L, 40L, 96L, 880L), expected.stream().map(HeapObject::size).toList());
    }

    @Test
    void sizesEveryKindOfObjectWithWholeKlassPointers() {
        FakeHeap heap = new FakeHeap(1 << 16, false, false);
        List<HeapObject> expected = everyKind(heap, B);
        heap.range(B, end(expected), "old");
        assertEquals(expected, walk(heap));
        assertEquals(List.of(16L, 32L, 40L, 24L, 48L, 96L, 880L), expected.stream().map(HeapObject::size).toList());
    }

    @Test
    void tlabTailsAreNotWalked() {
        FakeHeap heap = new FakeHeap(1 << 16);
        long p = B;
        long s1 = heap.instance(p, FakeHeap.ITEM);
        long tlabStart = p + s1;
        long s2 = heap.intArray(tlabStart, 3);
        long tlabTop = tlabStart + s2;
        long hardEnd = tlabTop + 256;
        heap.fill(tlabTop, hardEnd, (byte) 0x5A);
        long s3 = heap.instance(hardEnd, FakeHeap.OBJECT);
        heap.range(B, hardEnd + s3, "G1 region 0 eden");
        heap.tlab(tlabStart, tlabTop, hardEnd - 16, hardEnd);
        HeapWalker walker = heap.walker();
        Recorder r = new Recorder();
        HeapWalkResult result = walker.walk(r);
        assertEquals(List.of(B, tlabStart, hardEnd), r.objects.stream().map(HeapObject::address).toList());
        assertEquals(List.of(), result.damage());
        assertEquals(3, walker.stretches().size());
        assertEquals(s1 + s2 + s3, result.walkedBytes());
    }

    @Test
    void aNullKlassDropsTheRestOfItsStretchOnlyAndIsReportedOnce() {
        FakeHeap heap = new FakeHeap(1 << 16);
        long s1 = heap.instance(B, FakeHeap.OBJECT);
        long bad = B + s1;
        heap.header(bad, 0);
        heap.instance(bad + 16, FakeHeap.OBJECT);
        heap.range(B, B + 4096, B + 4096, SaHeapRange.Type.OLD, 0, "G1 region 0 old");
        long second = B + 8192;
        long s2 = heap.instance(second, FakeHeap.ITEM);
        heap.range(second, second + s2, second + s2, SaHeapRange.Type.EDEN, 2, "G1 region 2 eden");
        Recorder r = new Recorder();
        HeapWalkResult result = heap.walker().walk(r);
        assertEquals(List.of(B, second), r.objects.stream().map(HeapObject::address).toList());
        assertEquals(List.of(new HeapDamage(bad, "G1 region 0 old", HeapDamage.Reason.NULL_KLASS, 0,
                B + 4096 - bad, "null klass pointer")), result.damage());
        assertEquals(B + 4096 - bad, result.skippedBytes());
    }

    @Test
    void aPointerToSomethingElseIsNotAKlass() {
        FakeHeap heap = new FakeHeap(1 << 16);
        heap.header(B, FakeHeap.NOT_A_KLASS);
        heap.range(B, B + 64, "old");
        HeapWalkResult result = heap.walker().walk((a, k, s) -> { });
        assertEquals(HeapDamage.Reason.NOT_A_KLASS, result.damage().get(0).reason());
        assertEquals(FakeHeap.NOT_A_KLASS, result.damage().get(0).klassAddress());
        assertEquals(0, result.objects());
    }

    @Test
    void anObjectEndingPastTopIsCountedAsSaCountsItAndEndsTheStretch() {
        FakeHeap heap = new FakeHeap(1 << 16);
        long s = heap.instance(B, FakeHeap.OBJECT);
        heap.intArray(B + s, 1000);
        heap.range(B, B + s + 64, "old");
        HeapWalkResult result = heap.walker().walk((a, k, sz) -> { });
        assertEquals(2, result.objects());
        assertEquals(HeapDamage.Reason.PAST_TOP, result.damage().get(0).reason());
        assertEquals(B + s, result.damage().get(0).address());
        assertEquals(0, result.skippedBytes());
    }

    @Test
    void aMirrorOfSizeZeroDoesNotStallTheWalk() {
        FakeHeap heap = new FakeHeap(1 << 16);
        heap.mirror(B, 0);
        heap.range(B, B + 256, "old");
        HeapWalkResult result = heap.walker().walk((a, k, s) -> { });
        assertEquals(HeapDamage.Reason.BAD_SIZE, result.damage().get(0).reason());
        assertEquals(0, result.objects());
        assertEquals(Optional.empty(), result.missingMemoryNote(), "damage, not memory the core lacks");
    }

    @Test
    void memoryTheCoreDoesNotHoldEndsTheStretch() {
        FakeHeap heap = new FakeHeap(4096);
        long s = heap.instance(B + 4096 - 16, FakeHeap.OBJECT);
        heap.range(B + 4096 - 16, B + 4096 + 1024, "old");
        HeapWalkResult result = heap.walker().walk((a, k, sz) -> { });
        assertEquals(1, result.objects());
        assertEquals(s, result.bytes());
        HeapDamage d = result.damage().get(0);
        assertEquals(HeapDamage.Reason.UNREADABLE, d.reason());
        assertEquals(B + 4096, d.address());
        assertEquals(1024, d.skippedBytes());
        assertEquals(Optional.of(String.format("the core does not hold 1,024 bytes of the heap (1 stretch from 0x%x,"
                + " in old): their objects are not counted", B + 4096)), result.missingMemoryNote());
    }

    @Test
    void aHumongousObjectIsSteppedOverAndWhatFollowsItIsWalked() {
        long region = 4096;
        FakeHeap heap = new FakeHeap(8 * 4096);
        long arrayLongs = (2 * region + region / 2 - 16) / 8;
        long size = heap.longArray(B, (int) arrayLongs);
        // Header copies in the array's data, where a walk from a continues region's bottom would find them.
        for (long p = B + region; p < B + size; p += 16) {
            heap.header(p, FakeHeap.OBJECT);
        }
        long filler = heap.intArray(B + size, (int) ((3 * region - size - 16) / 4));
        assertEquals(3 * region, size + filler);
        heap.range(B, B + region, B + region, SaHeapRange.Type.HUMONGOUS_STARTS, 0, "G1 region 0 humongous starts");
        heap.range(B + region, B + 2 * region, B + 2 * region, SaHeapRange.Type.HUMONGOUS_CONTINUES, 1, "c1");
        heap.range(B + 2 * region, B + 3 * region, B + 3 * region, SaHeapRange.Type.HUMONGOUS_CONTINUES, 2, "c2");
        HeapWalker walker = heap.walker();
        Recorder r = new Recorder();
        HeapWalkResult result = walker.walk(r);
        assertEquals(List.of(new HeapObject(B, FakeHeap.LONG_ARRAY, size),
                new HeapObject(B + size, FakeHeap.INT_ARRAY, filler)), r.objects);
        assertEquals(List.of(), result.damage());
        assertEquals("G1 region 0 humongous starts (+2 continues to region 2)", walker.stretches().get(0).label());
    }

    @Test
    void aContinuesRegionWithoutItsStartsRegionIsLeftOutAndReported() {
        FakeHeap heap = new FakeHeap(8192);
        heap.instance(B + 4096, FakeHeap.OBJECT);
        heap.range(B + 4096, B + 8192, B + 8192, SaHeapRange.Type.HUMONGOUS_CONTINUES, 1, "G1 region 1");
        HeapWalkResult result = heap.walker().walk((a, k, s) -> { });
        assertEquals(0, result.objects());
        assertEquals(HeapDamage.Reason.ORPHAN_HUMONGOUS, result.damage().get(0).reason());
        assertEquals(4096, result.skippedBytes());
    }

    /** A G1-like heap of many small regions full of objects: enough for threads and cancellation checks. */
    private static FakeHeap manyRegions(int regions, int regionSize) {
        FakeHeap heap = new FakeHeap(regions * regionSize);
        for (int i = 0; i < regions; i++) {
            long bottom = B + (long) i * regionSize;
            long p = bottom;
            long top = bottom + regionSize - (i % 3) * 64;
            int n = 0;
            while (true) {
                long next = (n++ % 4 == 0) ? 40 : 16;
                if (p + next > top) {
                    break;
                }
                long s = (next == 40) ? heap.intArray(p, 5) : heap.instance(p, FakeHeap.OBJECT);
                p += s;
            }
            heap.range(bottom, p, bottom + regionSize, SaHeapRange.Type.OLD, i, "G1 region " + i + " old");
        }
        return heap;
    }

    @Test
    void aParallelWalkGivesTheSameObjectsInTheSameOrder() {
        FakeHeap heap = manyRegions(37, 4096);
        HeapWalker walker = heap.walker();
        Recorder sequential = new Recorder();
        HeapWalkResult expected = walker.walk(sequential);
        HeapHistogram one = walker.histogram(1, HeapWalkProgress.NONE);
        for (int threads = 1; threads <= 5; threads++) {
            HeapWalker.ParallelWalk<Recorder> par = walker.walkParallel(threads, Recorder::new, HeapWalkProgress.NONE);
            List<HeapObject> merged = new ArrayList<>();
            par.visitors().forEach(v -> merged.addAll(v.objects));
            assertEquals(sequential.objects, merged, "threads " + threads);
            assertEquals(expected, par.result());
            assertEquals(Math.min(threads, 37), par.visitors().size());
            assertEquals(one.rows(), walker.histogram(threads, HeapWalkProgress.NONE).rows());
        }
        assertEquals(2, one.size());
        assertEquals(expected.objects(), one.totalCount());
    }

    @Test
    void aVisitorFailingOnAnotherThreadSurfacesAsItself() {
        HeapWalker walker = manyRegions(8, 4096).walker();
        int[] made = new int[1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> walker.walkParallel(2, () -> {
                    boolean failing = made[0]++ == 1;
                    return (ObjectVisitor) (a, k, s) -> {
                        if (failing) {
                            throw new IllegalArgumentException("visitor broke");
                        }
                    };
                }, HeapWalkProgress.NONE));
        assertEquals("visitor broke", e.getMessage());
    }

    @Test
    void eachKlassIsLookedUpOnceWhateverTheWalks() {
        FakeHeap heap = manyRegions(20, 4096);
        HeapWalker walker = heap.walker();
        walker.walk((a, k, s) -> { });
        walker.histogram(3, HeapWalkProgress.NONE);
        walker.isObjectStart(B);
        assertEquals(2, heap.lookups);
    }

    @Test
    void progressGrowsToTheTotal() {
        FakeHeap heap = manyRegions(50, 4096);
        HeapWalker walker = heap.walker();
        List<long[]> calls = new ArrayList<>();
        walker.walk((a, k, s) -> { }, (done, total) -> calls.add(new long[] {done, total}));
        assertTrue(calls.size() > 10);
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0]);
            assertEquals(walker.totalBytes(), calls.get(i)[1]);
        }
        assertEquals(walker.totalBytes(), calls.get(calls.size() - 1)[0]);
        List<Long> par = new ArrayList<>();
        walker.histogram(2, (done, total) -> par.add(done));
        assertEquals(walker.totalBytes(), par.get(par.size() - 1));
    }

    @Test
    void anInterruptedWalkIsCancelledAndKeepsTheInterrupt() {
        HeapWalker walker = manyRegions(10, 1 << 16).walker();
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> walker.walk((a, k, s) -> { }));
            assertTrue(Thread.currentThread().isInterrupted());
            assertThrows(CancellationException.class, () -> walker.histogram(2, HeapWalkProgress.NONE));
        } finally {
            Thread.interrupted();
        }
        // The walker is still usable afterwards.
        assertTrue(walker.walk((a, k, s) -> { }).objects() > 0);
    }

    @Test
    void cancellingMidWalkStopsWithinAFewThousandObjects() {
        HeapWalker walker = manyRegions(10, 1 << 16).walker();
        long[] seen = new long[1];
        try {
            assertThrows(CancellationException.class, () -> walker.walk((a, k, s) -> {
                if (++seen[0] == 5000) {
                    Thread.currentThread().interrupt();
                }
            }));
        } finally {
            Thread.interrupted();
        }
        assertTrue(seen[0] < 5000 + 4096 + 1, () -> seen[0] + " objects after the interrupt");
    }

    @Test
    void objectStartsAreFoundAndInteriorsAreNot() {
        FakeHeap heap = manyRegions(5, 4096);
        HeapWalker walker = heap.walker();
        Recorder r = new Recorder();
        walker.walk(r);
        for (HeapObject o : r.objects) {
            assertEquals(Optional.of(o), walker.objectAt(o.address()));
            assertTrue(walker.isObjectStart(o.address()));
            if (o.size() > 16) {
                assertFalse(walker.isObjectStart(o.address() + 16));
            }
            assertFalse(walker.isObjectStart(o.address() + 4));
        }
        assertFalse(walker.isObjectStart(B - 16));
        assertFalse(walker.isObjectStart(B + 5 * 4096));
        // Above a region's top (region 1 ends 64 bytes early).
        HeapStretch second = walker.stretches().get(1);
        assertFalse(walker.isObjectStart(second.top()));
    }

    @Test
    void noObjectStartsPastDamage() {
        FakeHeap heap = new FakeHeap(4096);
        long s = heap.instance(B, FakeHeap.OBJECT);
        heap.header(B + s, 0);
        heap.instance(B + s + 16, FakeHeap.OBJECT);
        heap.range(B, B + 256, "old");
        HeapWalker walker = heap.walker();
        assertTrue(walker.isObjectStart(B));
        assertFalse(walker.isObjectStart(B + s));
        assertFalse(walker.isObjectStart(B + s + 16));
    }

    @Test
    void zgcAndShenandoahAreLeftToSa() {
        for (SaHeapCollector c : List.of(SaHeapCollector.Z, SaHeapCollector.SHENANDOAH, SaHeapCollector.OTHER)) {
            FakeHeap heap = new FakeHeap(64);
            heap.collector = c;
            UnsupportedHeapException e = assertThrows(UnsupportedHeapException.class, heap::walker);
            assertEquals(c, e.collector());
            assertFalse(e.getMessage().contains("\n"));
            assertFalse(HeapWalker.supports(c));
        }
        assertEquals("the fast heap walker does not walk Z heaps; SA's walk (--engine sa) does",
                new UnsupportedHeapException(SaHeapCollector.Z).getMessage());
        for (SaHeapCollector c : List.of(SaHeapCollector.SERIAL, SaHeapCollector.PARALLEL, SaHeapCollector.G1,
                SaHeapCollector.EPSILON)) {
            assertTrue(HeapWalker.supports(c));
        }
    }

    @Test
    void anEmptyHeapWalksToNothing() {
        FakeHeap heap = new FakeHeap(64);
        heap.range(B, B, "eden");
        HeapWalker walker = heap.walker();
        HeapWalkResult result = walker.walk((a, k, s) -> { });
        assertEquals(new HeapWalkResult(0, 0, List.of(), 0, 0), result);
        assertEquals(0, walker.histogram(2, HeapWalkProgress.NONE).size());
        assertFalse(walker.isObjectStart(B));
    }
}
