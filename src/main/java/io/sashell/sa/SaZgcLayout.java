package io.sashell.sa;

/**
 * What a walker needs to know about a generational ZGC heap (JDK 21+) beyond its pages, which come as
 * {@link SaHeapRange}s of the {@code Z_*_PAGE} types: the heap base that turns offsets into addresses, the
 * allocation alignment of medium pages (objects there are rounded up to it, the gaps are zeros), and how to
 * decode the coloured pointers held in reference fields.
 *
 * @param generational         true for the generational ZGC of JDK 21+; false means "no ZGC layout" (use
 *                             {@link #none()}), e.g. JDK 17's ZGC, which SA walks itself
 * @param heapBase             {@code ZAddressHeapBase}: address = heap base + offset
 * @param mediumPageAlignment  {@code 1 << ZObjectAlignmentMediumShift}
 * @param smallPageSize        bytes of a small page ({@code 1 << ZPageSizeSmallShift})
 * @param granuleSize          bytes of a granule of the page table
 * @param pages                pages of each type: small, medium, large
 * @param pageBytes            bytes reserved by the pages of each type
 * @param usedBytes            bytes below the tops of the pages of each type
 * @param relocatingPages      pages that have a forwarding table entry (in the relocation set), -1 when
 *                             this could not be read
 * @param relocatingBytes      bytes below the tops of those pages
 * @param forwardings          the forwarding entries of both generations, for stale (load-bad) pointers
 */
public record SaZgcLayout(
        boolean generational,
        long heapBase,
        int mediumPageAlignment,
        long smallPageSize,
        long granuleSize,
        long[] pages,
        long[] pageBytes,
        long[] usedBytes,
        long relocatingPages,
        long relocatingBytes,
        SaZgcForwardings forwardings) {

    /** Bits 12 to 15 of a coloured pointer are its remap bits; the one set selects the load shift. */
    private static final int REMAPPED_SHIFT = 12;

    private static final SaZgcLayout NONE = new SaZgcLayout(false, 0, 0, 0, 0, new long[3], new long[3],
            new long[3], 0, 0);

    public SaZgcLayout {
        java.util.Objects.requireNonNull(forwardings, "forwardings");
        pages = pages.clone();
        pageBytes = pageBytes.clone();
        usedBytes = usedBytes.clone();
    }

    /** A layout without forwarding entries. */
    public SaZgcLayout(boolean generational, long heapBase, int mediumPageAlignment, long smallPageSize,
                       long granuleSize, long[] pages, long[] pageBytes, long[] usedBytes, long relocatingPages,
                       long relocatingBytes) {
        this(generational, heapBase, mediumPageAlignment, smallPageSize, granuleSize, pages, pageBytes, usedBytes,
                relocatingPages, relocatingBytes, SaZgcForwardings.none());
    }

    /**
     * The address of the object a coloured pointer read from a reference field refers to: decoded
     * ({@link #decodeColoured}), then forwarded when it is stale ({@link SaZgcForwardings#forward}).
     */
    public long decode(long raw) {
        return forwardings.forward(raw, decodeColoured(raw));
    }

    public static SaZgcLayout none() {
        return NONE;
    }

    @Override
    public long[] pages() {
        return pages.clone();
    }

    @Override
    public long[] pageBytes() {
        return pageBytes.clone();
    }

    @Override
    public long[] usedBytes() {
        return usedBytes.clone();
    }

    /**
     * The address a coloured pointer (a {@code zpointer} read from a reference field) refers to, 0 for null.
     * As HotSpot's {@code ZPointer::uncolor}: the remap bit set (one of bits 12 to 15) selects the shift,
     * 13 to 16; a pointer with only colour bits is null. Returns -1 for a value that is not a valid coloured
     * pointer (no or several remap bits set with address bits present).
     */
    public static long decodeColoured(long raw) {
        if (raw == 0) {
            return 0;
        }
        int index = (int) ((raw >>> REMAPPED_SHIFT) & 0xF);
        if (Integer.bitCount(index) != 1) {
            return (raw >>> 16) == 0 ? 0 : -1;
        }
        int shift = REMAPPED_SHIFT + 1 + Integer.numberOfTrailingZeros(index);
        return raw >>> shift;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaZgcLayout z && generational == z.generational && heapBase == z.heapBase
                && mediumPageAlignment == z.mediumPageAlignment && smallPageSize == z.smallPageSize
                && granuleSize == z.granuleSize && java.util.Arrays.equals(pages, z.pages)
                && java.util.Arrays.equals(pageBytes, z.pageBytes) && java.util.Arrays.equals(usedBytes, z.usedBytes)
                && relocatingPages == z.relocatingPages && relocatingBytes == z.relocatingBytes
                && forwardings.equals(z.forwardings);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(generational, heapBase, mediumPageAlignment, java.util.Arrays.hashCode(pages));
    }

    @Override
    public String toString() {
        return String.format("SaZgcLayout[generational=%s, heapBase=0x%x, mediumPageAlignment=%d, pages=%s, "
                        + "relocatingPages=%d, %s]", generational, heapBase, mediumPageAlignment,
                java.util.Arrays.toString(pages), relocatingPages, forwardings);
    }
}
