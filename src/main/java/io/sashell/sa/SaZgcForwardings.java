package io.sashell.sa;

import java.util.Arrays;

/**
 * Where generational ZGC moved objects whose old address a coloured pointer may still hold: the forwarding
 * tables of the young and the old generation as the core has them. A pointer whose colour is load-bad
 * ({@code ZPointerLoadBadMask}) was written before the last relocation of its generation; if its target's old
 * address has a forwarding entry, the object lives at the entry's new address (its old page may since hold other
 * objects). A load-good pointer, or one with no entry, already names the object's place.
 *
 * @param loadBadMask the colour bits that make a pointer load-bad, when the core was taken
 * @param from        old addresses with an entry, ascending
 * @param to          the new address of each, by index of {@code from}
 * @param tables      whether the forwarding tables were found (false: pointers are decoded without them)
 */
public record SaZgcForwardings(long loadBadMask, long[] from, long[] to, boolean tables) {

    private static final SaZgcForwardings NONE = new SaZgcForwardings(0, new long[0], new long[0], false);

    public SaZgcForwardings {
        if (from.length != to.length) {
            throw new IllegalArgumentException("from and to differ in length");
        }
        from = from.clone();
        to = to.clone();
    }

    public static SaZgcForwardings none() {
        return NONE;
    }

    @Override
    public long[] from() {
        return from.clone();
    }

    @Override
    public long[] to() {
        return to.clone();
    }

    /** Forwarding entries known. */
    public int size() {
        return from.length;
    }

    /**
     * The address of the object a coloured pointer {@code raw} refers to, given its uncoloured address
     * {@code address}: forwarded when the pointer is load-bad and an entry names the object's old address.
     * Cost: a binary search for load-bad pointers, nothing for the others.
     */
    public long forward(long raw, long address) {
        if (address <= 0 || (raw & loadBadMask) == 0 || from.length == 0) {
            return address;
        }
        int i = Arrays.binarySearch(from, address);
        return i >= 0 ? to[i] : address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaZgcForwardings f && loadBadMask == f.loadBadMask && tables == f.tables
                && Arrays.equals(from, f.from) && Arrays.equals(to, f.to);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(loadBadMask) * 31 + Arrays.hashCode(from);
    }

    @Override
    public String toString() {
        return "SaZgcForwardings[loadBadMask=0x" + Long.toHexString(loadBadMask) + ", entries=" + from.length
                + ", tables=" + tables + "]";
    }
}
