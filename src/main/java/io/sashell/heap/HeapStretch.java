package io.sashell.heap;

/**
 * A stretch of memory walked object by object from {@code bottom} to {@code top}: a space, region or ZGC page
 * with the unallocated tails of TLABs cut out; a G1 humongous object's regions form one stretch.
 * {@code allocationAlignment} is 0 where objects follow each other directly, else what each object's size is
 * rounded up to before the next one starts (ZGC's medium pages; the gaps are not objects).
 */
public record HeapStretch(long bottom, long top, String label, int allocationAlignment) {

    public HeapStretch(long bottom, long top, String label) {
        this(bottom, top, label, 0);
    }

    public long size() {
        return top - bottom;
    }

    public boolean contains(long address) {
        return address >= bottom && address < top;
    }
}
