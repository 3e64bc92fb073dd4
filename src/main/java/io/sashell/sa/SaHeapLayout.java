package io.sashell.sa;

import java.util.List;
import java.util.Objects;

/**
 * Everything a heap walker needs to know about the heap of a core, read from SA once after attaching:
 * where objects lie, how headers and pointers are encoded, and the few VM offsets that object sizes need.
 *
 * @param vmRelease              the VM's release string, e.g. {@code 17.0.15+6-Debian-1deb12u1}
 * @param ranges                 spaces or regions in SA's order ({@code liveRegionsIterate}); the pages of
 *                               generational ZGC in address order; empty for JDK 17's ZGC
 * @param useTlab                whether the VM ran with TLABs (then {@code tlabs} cut the ranges)
 * @param tlabs                  every Java thread's TLAB whose start is set, in thread-list order
 * @param markKlassShift         with compact headers, the narrow klass is {@code mark >>> markKlassShift}
 * @param heapOopSize            bytes of a reference field: 4 with compressed oops, else 8
 * @param klassOffset            offset of the klass word (not used with compact headers)
 * @param arrayLengthOffset      offset of an array's 32-bit length
 * @param mirrorOopSizeOffset    offset of the int holding a {@code java.lang.Class} instance's size in words
 * @param mirrorKlassOffset      offset of the {@code Klass*} a {@code java.lang.Class} instance mirrors
 * @param mirrorArrayKlassOffset offset of the array {@code Klass*} of a {@code java.lang.Class} instance
 * @param regionSize             G1's region size in bytes, 0 for the other collectors
 * @param reservedStart          start of the heap's reserved address range
 * @param reservedEnd            end of the heap's reserved address range
 * @param zgc                    generational ZGC's heap base, medium-page alignment and page counts;
 *                               {@link SaZgcLayout#none()} for the other collectors and JDK 17's ZGC
 */
public record SaHeapLayout(
        String vmRelease,
        SaHeapCollector collector,
        List<SaHeapRange> ranges,
        boolean useTlab,
        List<SaHeapTlab> tlabs,
        SaHeapCompression compressedOops,
        SaHeapCompression compressedClassPointers,
        boolean compactHeaders,
        int markKlassShift,
        int objectAlignment,
        int heapOopSize,
        int klassOffset,
        int arrayLengthOffset,
        int mirrorOopSizeOffset,
        int mirrorKlassOffset,
        int mirrorArrayKlassOffset,
        long regionSize,
        long heapCapacity,
        long heapUsed,
        long reservedStart,
        long reservedEnd,
        SaZgcLayout zgc) {

    public SaHeapLayout {
        Objects.requireNonNull(vmRelease, "vmRelease");
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(compressedOops, "compressedOops");
        Objects.requireNonNull(compressedClassPointers, "compressedClassPointers");
        Objects.requireNonNull(zgc, "zgc");
        ranges = List.copyOf(ranges);
        tlabs = List.copyOf(tlabs);
        if (Integer.bitCount(objectAlignment) != 1) {
            throw new IllegalArgumentException("object alignment " + objectAlignment + " is not a power of two");
        }
    }

    /** A layout without ZGC facts, as every collector but generational ZGC has. */
    public SaHeapLayout(String vmRelease, SaHeapCollector collector, List<SaHeapRange> ranges, boolean useTlab,
                        List<SaHeapTlab> tlabs, SaHeapCompression compressedOops,
                        SaHeapCompression compressedClassPointers, boolean compactHeaders, int markKlassShift,
                        int objectAlignment, int heapOopSize, int klassOffset, int arrayLengthOffset,
                        int mirrorOopSizeOffset, int mirrorKlassOffset, int mirrorArrayKlassOffset, long regionSize,
                        long heapCapacity, long heapUsed, long reservedStart, long reservedEnd) {
        this(vmRelease, collector, ranges, useTlab, tlabs, compressedOops, compressedClassPointers, compactHeaders,
                markKlassShift, objectAlignment, heapOopSize, klassOffset, arrayLengthOffset, mirrorOopSizeOffset,
                mirrorKlassOffset, mirrorArrayKlassOffset, regionSize, heapCapacity, heapUsed, reservedStart,
                reservedEnd, SaZgcLayout.none());
    }

    /** Whether the heap is generational ZGC's (JDK 21+): pages as ranges, coloured reference fields. */
    public boolean zgcPages() {
        return zgc.generational();
    }

    /**
     * The address a reference field refers to, from the raw value read from it ({@link #heapOopSize()}
     * bytes, unsigned): a narrow oop is decoded with the compressed-oops base and shift, a generational ZGC
     * coloured pointer by its own remap bits (and forwarded when stale), a plain oop is itself. 0 is null;
     * -1 means the value is not a valid coloured pointer (ZGC only). Cost: a few arithmetic operations (a binary
     * search for a stale ZGC pointer).
     */
    public long decodeReference(long raw) {
        if (zgc.generational()) {
            return zgc.decode(raw);
        }
        if (compressedOops.enabled()) {
            return compressedOops.decode(raw & 0xFFFF_FFFFL);
        }
        return raw;
    }

    /** Bytes of an object header before the first field: 8 (compact), 12 (compressed klass) or 16. */
    public int instanceHeaderSize() {
        if (compactHeaders) {
            return 8;
        }
        return compressedClassPointers.enabled() ? 12 : 16;
    }

    public long alignObjectSize(long size) {
        long mask = objectAlignment - 1L;
        return (size + mask) & ~mask;
    }
}
