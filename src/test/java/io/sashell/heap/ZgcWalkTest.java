package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.sa.SaHeapCollector;
import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaZgcForwardings;
import io.sashell.sa.SaZgcLayout;

/** Generational ZGC on built heaps: medium-page alignment gaps, and coloured pointers. */
class ZgcWalkTest {
    private static final long B = FakeHeap.BASE;

    private static final class Recorder implements ObjectVisitor {
        final List<HeapObject> objects = new ArrayList<>();

        @Override
        public void visit(long address, long klassAddress, long size) {
            objects.add(new HeapObject(address, klassAddress, size));
        }
    }

    private static FakeHeap zgcHeap() {
        FakeHeap heap = new FakeHeap(1 << 16);
        heap.collector = SaHeapCollector.Z;
        heap.zgcMediumAlignment = 256;
        return heap;
    }

    @Test
    void objectsOnMediumPagesStartAtTheMediumAlignmentAndTheGapsAreNotObjects() {
        FakeHeap heap = zgcHeap();
        long s1 = heap.instance(B, FakeHeap.ITEM);
        long s2 = heap.intArray(B + 256, 70);
        long third = B + 256 + ((s2 + 255) / 256) * 256;
        long s3 = heap.instance(third, FakeHeap.OBJECT);
        long top = third + 256;
        heap.range(B, top, B + 4096, SaHeapRange.Type.Z_MEDIUM_PAGE, -1, "ZGC medium page 0");
        HeapWalker walker = heap.walker();
        Recorder r = new Recorder();
        HeapWalkResult result = walker.walk(r);
        assertEquals(List.of(new HeapObject(B, FakeHeap.ITEM, s1), new HeapObject(B + 256, FakeHeap.INT_ARRAY, s2),
                new HeapObject(third, FakeHeap.OBJECT, s3)), r.objects);
        assertEquals(List.of(), result.damage());
        assertEquals(s1 + s2 + s3, result.bytes());
        assertEquals(0, result.skippedBytes());
        assertTrue(walker.isObjectStart(third));
        assertFalse(walker.isObjectStart(B + s1));
    }

    @Test
    void smallPagesAreWalkedObjectAfterObject() {
        FakeHeap heap = zgcHeap();
        long s1 = heap.instance(B, FakeHeap.ITEM);
        long s2 = heap.instance(B + s1, FakeHeap.OBJECT);
        heap.range(B, B + s1 + s2, B + 4096, SaHeapRange.Type.Z_SMALL_PAGE, -1, "ZGC small page 0");
        Recorder r = new Recorder();
        heap.walker().walk(r);
        assertEquals(List.of(B, B + s1), r.objects.stream().map(HeapObject::address).toList());
    }

    @Test
    void oldCopiesOfObjectsZgcAlreadyMovedAreSkipped() {
        FakeHeap heap = zgcHeap();
        long s1 = heap.instance(B, FakeHeap.ITEM);
        long s2 = heap.instance(B + s1, FakeHeap.OBJECT);
        long s3 = heap.instance(B + s1 + s2, FakeHeap.ITEM);
        heap.range(B, B + s1 + s2 + s3, B + 4096, SaHeapRange.Type.Z_SMALL_PAGE, -1, "ZGC small page 0");
        // The object at B + s1 was copied to B + 2048 (its new page is not part of this heap).
        heap.zgcForwardings = new SaZgcForwardings(0x7000, new long[] {B + s1}, new long[] {B + 2048}, true,
                new long[] {B + s1});
        Recorder r = new Recorder();
        HeapWalkResult result = heap.walker().walk(r);
        assertEquals(List.of(B, B + s1 + s2), r.objects.stream().map(HeapObject::address).toList());
        assertEquals(List.of(), result.damage());
        assertEquals(s1 + s3, result.bytes());
    }

    @Test
    void stalePointersAreForwardedAndGoodOnesAreNot() {
        SaZgcForwardings f = new SaZgcForwardings(0x7000, new long[] {0x40000001000L, 0x40000002000L},
                new long[] {0x40000801000L, 0x40000802000L}, true);
        long address = 0x40000002000L;
        long bad = (address << 13) | (1L << 12);
        long good = (address << 16) | (1L << 15);
        assertEquals(0x40000802000L, f.forward(bad, address));
        assertEquals(address, f.forward(good, address));
        assertEquals(0x40000003000L, f.forward(bad, 0x40000003000L), "no entry: not moved");
        assertEquals(0, f.forward(bad, 0));
        assertFalse(f.isStaleCopy(address));
        assertEquals(8, StretchPlan.wholePage(8));
        assertEquals(2 << 20, StretchPlan.wholePage(2 << 20));
        assertEquals(4 << 20, StretchPlan.wholePage((2 << 20) + 8));
        assertEquals(1 << 30, StretchPlan.wholePage(3L << 30));
    }

    @Test
    void theWalkerTakesGenerationalZgcButNotJdk17sZgc() {
        FakeHeap heap = zgcHeap();
        assertTrue(HeapWalker.supports(heap.layout()));
        heap.zgcMediumAlignment = 0;
        assertFalse(HeapWalker.supports(heap.layout()));
    }

    @Test
    void eachRemapBitSelectsItsShift() {
        long address = 0x40000123450L;
        for (int bit = 0; bit < 4; bit++) {
            int shift = 13 + bit;
            // Colour bits below the remap bits (marked, remembered) do not matter.
            long raw = (address << shift) | (1L << (12 + bit)) | 0x0A5;
            assertEquals(address, SaZgcLayout.decodeColoured(raw), "remap bit " + bit);
        }
    }

    @Test
    void nullsAndBadPointers() {
        assertEquals(0, SaZgcLayout.decodeColoured(0));
        assertEquals(0, SaZgcLayout.decodeColoured((1L << 14) | 0x3F0));
        assertEquals(-1, SaZgcLayout.decodeColoured((0x40000123450L << 16) | (3L << 12)));
        assertEquals(-1, SaZgcLayout.decodeColoured(0x40000123450L << 16));
    }

    @Test
    void decodeReferenceFollowsTheHeapsEncoding() {
        FakeHeap zgc = zgcHeap();
        assertEquals(0x40000123450L, zgc.layout().decodeReference((0x40000123450L << 15) | (1L << 14)));
        FakeHeap g1 = new FakeHeap(1 << 16);
        SaHeapLayout compressed = g1.layout();
        assertEquals(SaHeapCompression.of(0, 3), compressed.compressedOops());
        // A narrow oop is the low 32 bits: base + (narrow << shift).
        assertEquals(8, compressed.decodeReference(0x1_0000_0001L));
        assertEquals(0, compressed.decodeReference(0));
    }
}
