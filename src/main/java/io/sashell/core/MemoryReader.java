package io.sashell.core;

/**
 * Reads the memory of the crashed process as the core file recorded it.
 * Addresses are virtual addresses of that process; every read of bytes the core does not hold
 * throws {@link UnreadableMemoryException}.
 */
public interface MemoryReader {
    byte readByte(long address);

    int readInt(long address);

    long readLong(long address);

    void read(long address, byte[] into, int offset, int length);

    /** True when all of [address, address + length) is held by the core's file. */
    boolean isReadable(long address, long length);

    /**
     * A reader of the same memory for one thread's reads: it may keep hints of its own (where the last read
     * was), so that threads reading different parts of the core do not overwrite each other's. This reader
     * when it keeps none.
     */
    default MemoryReader forOneThread() {
        return this;
    }
}
