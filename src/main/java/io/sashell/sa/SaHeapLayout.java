package io.sashell.sa;

import java.util.List;
import java.util.Objects;

/**
 * Everything a heap walker needs to know about the heap of a core, read from SA once after attaching:
 * where objects lie, how headers and pointers are encoded, and the few VM offsets that object sizes need.
 *
 * @param vmRelease              the VM's release string, e.g. {@code 17.0.15+6-Debian-1deb12u1}
 * @param ranges                 spaces or regions in SA's order ({@code liveRegionsIterate}); empty for ZGC
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
        long reservedEnd) {

    public SaHeapLayout {
        Objects.requireNonNull(vmRelease, "vmRelease");
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(compressedOops, "compressedOops");
        Objects.requireNonNull(compressedClassPointers, "compressedClassPointers");
        ranges = List.copyOf(ranges);
        tlabs = List.copyOf(tlabs);
        if (Integer.bitCount(objectAlignment) != 1) {
            throw new IllegalArgumentException("object alignment " + objectAlignment + " is not a power of two");
        }
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
