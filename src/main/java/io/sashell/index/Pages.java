package io.sashell.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian bytes in pages of {@code 2^pageShift} bytes, each page one {@link ByteBuffer} (a map of a
 * file region, or heap memory in tests): a buffer cannot exceed 2 GB, an index can. Ints and longs are read
 * at offsets aligned to their size, so one never straddles two pages. Cost of a read: one shift, one mask,
 * one buffer read. Not synchronized: concurrent writers must write distinct longs.
 */
final class Pages {
    private final ByteBuffer[] pages;
    private final int pageShift;
    private final long pageMask;
    private final long length;

    Pages(ByteBuffer[] pages, int pageShift, long length) {
        if (pageShift < 3 || pageShift > 30) {
            throw new IllegalArgumentException("page shift " + pageShift + " is not within 3..30");
        }
        this.pages = pages;
        this.pageShift = pageShift;
        this.pageMask = (1L << pageShift) - 1;
        this.length = length;
        for (ByteBuffer b : pages) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Heap pages, zeroed: for tests and for small scratch arrays. */
    static Pages onHeap(long length, int pageShift) {
        long pageSize = 1L << pageShift;
        int count = (int) ((length + pageSize - 1) >>> pageShift);
        ByteBuffer[] buffers = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = ByteBuffer.allocate((int) Math.min(pageSize, length - ((long) i << pageShift)));
        }
        return new Pages(buffers, pageShift, length);
    }

    long length() {
        return length;
    }

    int pageShift() {
        return pageShift;
    }

    long getLong(long offset) {
        return pages[(int) (offset >>> pageShift)].getLong((int) (offset & pageMask));
    }

    void putLong(long offset, long value) {
        pages[(int) (offset >>> pageShift)].putLong((int) (offset & pageMask), value);
    }

    int getInt(long offset) {
        return pages[(int) (offset >>> pageShift)].getInt((int) (offset & pageMask));
    }

    void putInt(long offset, int value) {
        pages[(int) (offset >>> pageShift)].putInt((int) (offset & pageMask), value);
    }

    byte getByte(long offset) {
        return pages[(int) (offset >>> pageShift)].get((int) (offset & pageMask));
    }

    void putByte(long offset, byte value) {
        pages[(int) (offset >>> pageShift)].put((int) (offset & pageMask), value);
    }

    /** Copies {@code length} bytes from {@code offset} into {@code into}. */
    void get(long offset, byte[] into, int at, int count) {
        for (int i = 0; i < count; i++) {
            into[at + i] = getByte(offset + i);
        }
    }

    void put(long offset, byte[] from, int at, int count) {
        for (int i = 0; i < count; i++) {
            putByte(offset + i, from[at + i]);
        }
    }
}
