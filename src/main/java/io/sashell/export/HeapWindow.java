package io.sashell.export;

import java.nio.ByteBuffer;
import java.util.Optional;

import io.sashell.core.CoreMemory;
import io.sashell.core.MemoryReader;

/**
 * A little-endian view straight on the mapped core over the stretch of heap the walk is in, so that the
 * exporter reads an object's fields and elements where they lie instead of copying each object out first (a
 * lookup, a bulk copy and a second pass over the bytes per object, for objects of a few dozen bytes). The walk
 * goes up in address order: a window of up to 16 MB from
 * the first object it misses serves the objects after it. Not every object has one: memory that is not a
 * {@link CoreMemory}, or bytes across two pieces of the file; then {@link #offset} says -1 and the caller copies.
 */
final class HeapWindow {
    private static final int MAX = 16 << 20;
    private static final int MIN = 4 << 10;

    private final CoreMemory core;
    private ByteBuffer view;
    private long start = 1;
    private long end;

    HeapWindow(MemoryReader memory) {
        this.core = memory instanceof CoreMemory c ? c : null;
    }

    /** The window's buffer: valid after {@link #offset} answered an offset, until its next call. */
    ByteBuffer buffer() {
        return view;
    }

    /** Where {@code [address, address + length)} lies in {@link #buffer()}, moving the window if needed; else -1. */
    int offset(long address, long length) {
        if (address >= start && address + length <= end) {
            return (int) (address - start);
        }
        if (core == null || length > MAX) {
            return -1;
        }
        for (int n = MAX; n >= MIN; n >>= 2) {
            if (n >= length && move(address, n)) {
                return 0;
            }
        }
        return length < MIN && move(address, (int) length) ? 0 : -1;
    }

    private boolean move(long address, int length) {
        Optional<ByteBuffer> v = core.view(address, length);
        if (v.isEmpty()) {
            return false;
        }
        view = v.get();
        start = address;
        end = address + length;
        return true;
    }
}
