package io.sashell.index;

/**
 * A compressed array of unsigned integers: {@code length} values of {@code bits} bits each, packed into
 * 64-bit words without gaps (MAT's {@code ArrayIntCompressed}, in pages of a mapped file instead of on the
 * Java heap). Values of 64 consecutive indexes starting at a multiple of 64 fill exactly {@code bits} words,
 * so writers of disjoint ranges aligned to 64 never share a word.
 * <p>
 * Cost of {@link #get}: one multiplication and one or two page reads.
 */
public final class PackedArray {
    private final Pages words;
    private final long base;
    private final long length;
    private final int bits;
    private final long mask;

    /** {@code words} holds the values from byte {@code base} on; it must hold {@link #bytesFor} bytes. */
    PackedArray(Pages words, long base, long length, int bits) {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("bits must be 1..64, not " + bits);
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (base + bytesFor(length, bits) > words.length()) {
            throw new IllegalArgumentException("a packed array of " + length + " x " + bits + " bits needs "
                    + bytesFor(length, bits) + " bytes from " + base + ", the pages hold " + words.length());
        }
        this.words = words;
        this.base = base;
        this.length = length;
        this.bits = bits;
        this.mask = bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** A zeroed array on the Java heap (tests, small tables). */
    static PackedArray onHeap(long length, int bits) {
        long bytes = Math.max(8, bytesFor(length, bits));
        return new PackedArray(Pages.onHeap(bytes, 30), 0, length, bits);
    }

    /** The bits needed for values 0..maxValue (at least 1). */
    public static int bitsFor(long maxValue) {
        if (maxValue < 0) {
            return 64;
        }
        return Math.max(1, 64 - Long.numberOfLeadingZeros(maxValue));
    }

    /** Bytes of the words holding {@code length} values of {@code bits} bits (a multiple of 8). */
    public static long bytesFor(long length, int bits) {
        return ((length * bits + 63) >>> 6) << 3;
    }

    public long length() {
        return length;
    }

    public int bits() {
        return bits;
    }

    public long get(long index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " of " + length);
        }
        long bit = index * bits;
        long offset = base + ((bit >>> 6) << 3);
        int shift = (int) (bit & 63);
        long value = words.getLong(offset) >>> shift;
        if (shift + bits > 64) {
            value |= words.getLong(offset + 8) << (64 - shift);
        }
        return value & mask;
    }

    /** The value as an int: for arrays whose values are known to fit (ids, counts below 2^31). */
    public int getInt(long index) {
        return (int) get(index);
    }

    /**
     * Writes values one after the other from {@code from}, a whole word at a time: several times faster than
     * {@link #set} for a sequential fill. The words before {@code from}'s and after the last are kept; call
     * {@link Writer#close()} to write the last partial word.
     */
    Writer writer(long from) {
        return new Writer(from);
    }

    /** A sequential writer; not thread-safe, and nothing else may write its range while it is open. */
    final class Writer implements AutoCloseable {
        private long index;
        private long wordOffset;
        private long word;
        private int used;

        private Writer(long from) {
            this.index = from;
            long bit = from * bits;
            this.wordOffset = base + ((bit >>> 6) << 3);
            this.used = (int) (bit & 63);
            // Keep the bits of the values before 'from' in the first word.
            this.word = used == 0 ? 0 : words.getLong(wordOffset) & ((1L << used) - 1);
        }

        void add(long value) {
            if (index >= length) {
                throw new IndexOutOfBoundsException("index " + index + " of " + length);
            }
            if ((value & ~mask) != 0) {
                throw new IllegalArgumentException("value " + value + " does not fit in " + bits + " bits");
            }
            index++;
            word |= value << used;
            used += bits;
            if (used >= 64) {
                words.putLong(wordOffset, word);
                wordOffset += 8;
                used -= 64;
                word = used == 0 ? 0 : value >>> (bits - used);
            }
        }

        @Override
        public void close() {
            if (used > 0) {
                long keep = words.getLong(wordOffset) & (-1L << used);
                words.putLong(wordOffset, keep | word);
                used = 0;
                word = 0;
            }
        }
    }

    void set(long index, long value) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " of " + length);
        }
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException("value " + value + " does not fit in " + bits + " bits");
        }
        long bit = index * bits;
        long offset = base + ((bit >>> 6) << 3);
        int shift = (int) (bit & 63);
        long word = words.getLong(offset);
        word = (word & ~(mask << shift)) | (value << shift);
        words.putLong(offset, word);
        if (shift + bits > 64) {
            int high = shift + bits - 64;
            long next = words.getLong(offset + 8);
            long highMask = (1L << high) - 1;
            next = (next & ~highMask) | (value >>> (64 - shift));
            words.putLong(offset + 8, next);
        }
    }
}
