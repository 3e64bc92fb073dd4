package io.sashell.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;

/**
 * A block of little-endian memory from {@code base} that unit tests write objects into with HotSpot's
 * encodings (object headers, narrow oops) and read back as a core's memory: shared by the walker's and the
 * index's fake heaps.
 */
public final class HeapBytes {
    public final ByteBuffer bytes;
    public final long base;

    public HeapBytes(long base, int size) {
        this.base = base;
        this.bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int capacity() {
        return bytes.capacity();
    }

    /** The buffer index of an address. */
    public int offset(long address) {
        return (int) (address - base);
    }

    public static long align(long size) {
        return (size + 7) & ~7L;
    }

    /** How an object header holds its klass. */
    public enum Header {
        /** The klass pointer in full, 8 bytes after the mark word. */
        FULL,
        /** A narrow klass, 4 bytes after the mark word. */
        COMPRESSED,
        /** Compact headers: the narrow klass in the mark word's upper bits. */
        COMPACT
    }

    /**
     * Writes an object header for {@code klass} (0: a null klass) at {@code address}: an unlocked mark word and
     * the klass, narrow ones as (klass - klassBase) >>> 3.
     */
    public void header(long address, long klass, Header form, long klassBase, int markKlassShift) {
        int at = offset(address);
        long narrow = klass == 0 ? 0 : (klass - klassBase) >>> 3;
        switch (form) {
            case COMPACT -> bytes.putLong(at, (narrow << markKlassShift) | 1);
            case COMPRESSED -> {
                bytes.putLong(at, 1);
                bytes.putInt(at + 8, (int) narrow);
            }
            case FULL -> {
                bytes.putLong(at, 1);
                bytes.putLong(at + 8, klass);
            }
        }
    }

    /** A narrow oop (base 0, shift 3) to {@code target}, 0 for null, at {@code at}. */
    public void putNarrowOop(long at, long target) {
        bytes.putInt(offset(at), (int) (target >>> 3));
    }

    public void putInt(long at, int value) {
        bytes.putInt(offset(at), value);
    }

    public void putLong(long at, long value) {
        bytes.putLong(offset(at), value);
    }

    /** The block as a core's memory: readable exactly over the buffer. */
    public MemoryReader memory() {
        return memoryOver(bytes, base);
    }

    /** {@code bytes} as a core's memory from {@code base} on: readable exactly over the buffer. */
    public static MemoryReader memoryOver(ByteBuffer bytes, long base) {
        return new MemoryReader() {
            private int check(long address, int length) {
                if (address < base || address + length > base + bytes.capacity()) {
                    throw new UnreadableMemoryException(address);
                }
                return (int) (address - base);
            }

            @Override
            public byte readByte(long address) {
                return bytes.get(check(address, 1));
            }

            @Override
            public int readInt(long address) {
                return bytes.getInt(check(address, 4));
            }

            @Override
            public long readLong(long address) {
                return bytes.getLong(check(address, 8));
            }

            @Override
            public void read(long address, byte[] into, int offset, int length) {
                bytes.get(check(address, length), into, offset, length);
            }

            @Override
            public boolean isReadable(long address, long length) {
                return address >= base && address + length <= base + bytes.capacity();
            }
        };
    }
}
