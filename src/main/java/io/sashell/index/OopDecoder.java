package io.sashell.index;

import io.sashell.core.MemoryReader;

/**
 * Turns the raw value of a reference slot into an object's address: the one place where that is done, by the
 * build and by the queries alike. A slot is 4 bytes (a narrow oop: base + value &lt;&lt; shift, 0 is null) with
 * compressed oops, else 8 (the address itself).
 *
 * @param heapOopSize 4 with compressed oops, else 8
 * @param base        the narrow oop base (0 without compressed oops)
 * @param shift       the narrow oop shift (0 without compressed oops)
 */
record OopDecoder(int heapOopSize, long base, int shift) {

    /** The address a narrow oop stands for; 0 for null. */
    long decodeNarrow(long narrow) {
        return narrow == 0 ? 0 : base + (narrow << shift);
    }

    /** The address held by the reference slot at {@code at}; 0 for null. */
    long read(MemoryReader memory, long at) {
        if (heapOopSize == 4) {
            return decodeNarrow(memory.readInt(at) & 0xFFFF_FFFFL);
        }
        return memory.readLong(at);
    }

    /** The slot's raw value for an address: what an object array holds when it points there. */
    long encode(long address) {
        return heapOopSize == 4 ? (address - base) >>> shift : address;
    }

    /** True when a stack word may hold narrow oops in its halves (compressed oops). */
    boolean narrow() {
        return heapOopSize == 4;
    }
}
