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
 * @param staleCopies the old addresses, ascending, of objects already copied away from a page of the relocation
 *                    set that was not yet released when the core was taken: the page still holds these old
 *                    copies, and a walk must count each object once, at its new address
 */
public record SaZgcForwardings(long loadBadMask, long[] from, long[] to, boolean tables, long[] staleCopies) {

    private static final SaZgcForwardings NONE = new SaZgcForwardings(0, new long[0], new long[0], false,
            new long[0]);

    public SaZgcForwardings {
        if (from.length != to.length) {
            throw new IllegalArgumentException("from and to differ in length");
        }
        from = from.clone();
        to = to.clone();
        staleCopies = staleCopies.clone();
    }

    /** Forwardings without stale copies (every relocated page released). */
    public SaZgcForwardings(long loadBadMask, long[] from, long[] to, boolean tables) {
        this(loadBadMask, from, to, tables, new long[0]);
    }

    @Override
    public long[] staleCopies() {
        return staleCopies.clone();
    }

    /** Whether an object found at {@code address} is the old copy of an object copied elsewhere. */
    public boolean isStaleCopy(long address) {
        return staleCopies.length > 0 && address >= staleCopies[0]
                && Arrays.binarySearch(staleCopies, address) >= 0;
    }

    /** How many old copies a walk skips. */
    public int staleCopyCount() {
        return staleCopies.length;
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

    /**
     * Where an object whose old address an uncoloured slot holds (a frame ZGC's stack watermark had not yet
     * processed) lives: the entry's new address, or {@code address} itself when it has none. For addresses
     * where no object starts only: an old page's range may since hold other objects.
     */
    public long forwardStale(long address) {
        int i = Arrays.binarySearch(from, address);
        return i >= 0 ? to[i] : address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaZgcForwardings f && loadBadMask == f.loadBadMask && tables == f.tables
                && Arrays.equals(from, f.from) && Arrays.equals(to, f.to)
                && Arrays.equals(staleCopies, f.staleCopies);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(loadBadMask) * 31 + Arrays.hashCode(from);
    }

    @Override
    public String toString() {
        return "SaZgcForwardings[loadBadMask=0x" + Long.toHexString(loadBadMask) + ", entries=" + from.length
                + ", tables=" + tables + ", staleCopies=" + staleCopies.length + "]";
    }
}
