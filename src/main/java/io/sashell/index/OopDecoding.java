package io.sashell.index;

import java.nio.ByteBuffer;

import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaZgcForwardings;
import io.sashell.sa.SaZgcLayout;

/**
 * How the reference fields of a heap encode their targets, as the index file keeps it ({@code heapOopSize},
 * {@code oopBase}, {@code oopShift} of {@link IndexHeader}, the forwardings in their own section): narrow oops
 * (4 bytes, base + value << shift), plain addresses (8 bytes), or generational ZGC's coloured pointers (8 bytes,
 * {@code oopShift} {@link #COLOURED}: each pointer's remap bits select its own shift, and a stale pointer is
 * forwarded to where its object moved). The one place the builder and the index decode a reference field.
 * Cost: a few arithmetic operations; a binary search for a stale ZGC pointer.
 */
record OopDecoding(int heapOopSize, long oopBase, int oopShift, SaZgcForwardings forwardings) {

    /** The {@code oopShift} that marks coloured pointers (generational ZGC). */
    static final int COLOURED = -1;

    static OopDecoding of(SaHeapLayout layout) {
        if (layout.zgcPages()) {
            return new OopDecoding(8, 0, COLOURED, layout.zgc().forwardings());
        }
        boolean narrow = layout.compressedOops().enabled();
        return new OopDecoding(layout.heapOopSize(), narrow ? layout.compressedOops().base() : 0,
                narrow ? layout.compressedOops().shift() : 0, SaZgcForwardings.none());
    }

    /** The decoding of an index file: its header and its FORWARDINGS section ({@link #encodeForwardings()}). */
    static OopDecoding of(IndexHeader header, byte[] forwardings) {
        ByteBuffer b = ByteBuffer.wrap(forwardings);
        SaZgcForwardings f = SaZgcForwardings.none();
        if (b.remaining() >= 12) {
            long mask = b.getLong();
            int n = b.getInt();
            if (n < 0 || b.remaining() != n * 16L) {
                throw new IllegalArgumentException("forwarding section of " + forwardings.length + " bytes");
            }
            long[] from = new long[n];
            long[] to = new long[n];
            for (int i = 0; i < n; i++) {
                from[i] = b.getLong();
                to[i] = b.getLong();
            }
            f = new SaZgcForwardings(mask, from, to, true);
        }
        return new OopDecoding(header.heapOopSize(), header.oopBase(), header.oopShift(), f);
    }

    /** The forwardings as the index file keeps them: empty, or mask, count, then (from, to) pairs. */
    byte[] encodeForwardings() {
        if (!forwardings.tables()) {
            return new byte[0];
        }
        long[] from = forwardings.from();
        long[] to = forwardings.to();
        ByteBuffer b = ByteBuffer.allocate(12 + from.length * 16);
        b.putLong(forwardings.loadBadMask()).putInt(from.length);
        for (int i = 0; i < from.length; i++) {
            b.putLong(from[i]).putLong(to[i]);
        }
        return b.array();
    }

    boolean coloured() {
        return oopShift == COLOURED;
    }

    /**
     * The address a reference field's raw value ({@link #heapOopSize()} bytes, unsigned) refers to; 0 for null.
     * A value that is no valid coloured pointer decodes to -1, which no object has.
     */
    long decode(long raw) {
        if (heapOopSize == 4) {
            return narrow(raw & 0xFFFF_FFFFL);
        }
        return coloured() ? forwardings.forward(raw, SaZgcLayout.decodeColoured(raw)) : raw;
    }

    /** A narrow oop's address (also for words scanned conservatively). */
    long narrow(long n) {
        return n == 0 ? 0 : oopBase + (n << oopShift);
    }
}
