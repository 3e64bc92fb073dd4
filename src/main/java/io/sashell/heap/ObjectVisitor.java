package io.sashell.heap;

/** Receives the objects of a heap walk in address order (within one walking thread). */
@FunctionalInterface
public interface ObjectVisitor {
    /**
     * @param address      the object's first byte
     * @param klassAddress its Klass, decoded from the header
     * @param size         its size in bytes, aligned to the object alignment
     */
    void visit(long address, long klassAddress, long size);
}
