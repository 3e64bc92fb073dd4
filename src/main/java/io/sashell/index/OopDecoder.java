package io.sashell.index;

import java.nio.ByteBuffer;

import io.sashell.core.MemoryReader;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaZgcForwardings;
import io.sashell.sa.SaZgcLayout;

/**
 * Turns the raw value of a reference slot into an object's address: the one place where that is done, by the
 * build and by the queries alike. As the index file keeps it ({@code heapOopSize}, {@code oopBase},
 * {@code oopShift} of {@link IndexHeader}, the forwardings in their own section), a slot is 4 bytes (a narrow
 * oop: base + value &lt;&lt; shift, 0 is null) with compressed oops, 8 bytes (the address itself) without, or 8
 * bytes of generational ZGC's coloured pointer ({@code shift} {@link #COLOURED}: each pointer's remap bits select
 * its own shift, and a stale pointer is forwarded to where its object moved). Cost: a few arithmetic operations;
 * a binary search for a stale ZGC pointer.
 *
 * @param heapOopSize 4 with compressed oops, else 8
 * @param base        the narrow oop base (0 without compressed oops)
 * @param shift       the narrow oop shift (0 without compressed oops, {@link #COLOURED} for coloured pointers)
 * @param forwardings generational ZGC's forwarding entries, else none
 */
record OopDecoder(int heapOopSize, long base, int shift, SaZgcForwardings forwardings) {

    /** The {@code shift} that marks coloured pointers (generational ZGC). */
    static final int COLOURED = -1;

    static OopDecoder of(SaHeapLayout layout) {
        if (layout.zgcPages()) {
            return new OopDecoder(8, 0, COLOURED, layout.zgc().forwardings());
        }
        boolean narrow = layout.compressedOops().enabled();
        return new OopDecoder(layout.heapOopSize(), narrow ? layout.compressedOops().base() : 0,
                narrow ? layout.compressedOops().shift() : 0, SaZgcForwardings.none());
    }

    /** The decoding of an index file: its header and its FORWARDINGS section ({@link #encodeForwardings()}). */
    static OopDecoder of(IndexHeader header, byte[] forwardings) {
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
        return new OopDecoder(header.heapOopSize(), header.oopBase(), header.oopShift(), f);
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
        return shift == COLOURED;
    }

    /** The address a narrow oop stands for; 0 for null (also for words scanned conservatively). */
    long decodeNarrow(long narrow) {
        return narrow == 0 ? 0 : base + (narrow << shift);
    }

    /**
     * The address a reference slot's raw value ({@link #heapOopSize()} bytes, unsigned) refers to; 0 for null.
     * A value that is no valid coloured pointer decodes to -1, which no object has.
     */
    long decode(long raw) {
        if (heapOopSize == 4) {
            return decodeNarrow(raw & 0xFFFF_FFFFL);
        }
        return coloured() ? forwardings.forward(raw, SaZgcLayout.decodeColoured(raw)) : raw;
    }

    /** The address held by the reference slot at {@code at}; 0 for null. */
    long read(MemoryReader memory, long at) {
        return decode(heapOopSize == 4 ? memory.readInt(at) & 0xFFFF_FFFFL : memory.readLong(at));
    }

    /**
     * The slot's raw value for an address: what an object array holds when it points there. With coloured
     * pointers one address has several colourings: slots are then compared decoded, and this is the address.
     */
    long encode(long address) {
        return heapOopSize == 4 ? (address - base) >>> shift : address;
    }

    /** True when a stack word may hold narrow oops in its halves (compressed oops). */
    boolean narrow() {
        return heapOopSize == 4;
    }
}
