package io.sashell.heap;

/**
 * A stretch of memory walked object by object from {@code bottom} to {@code top}: a space or region with the
 * unallocated tails of TLABs cut out; a G1 humongous object's regions form one stretch.
 */
public record HeapStretch(long bottom, long top, String label) {

    public long size() {
        return top - bottom;
    }

    public boolean contains(long address) {
        return address >= bottom && address < top;
    }
}
