package io.sashell.sa;

import java.util.Objects;

/**
 * One space or region of the heap as SA's {@code liveRegionsIterate} reports it: objects lie in
 * [bottom, top); {@code end} is where the space or region ends (top &le; end). {@code regionIndex} is the G1
 * region number, -1 for the spaces and pages of the other collectors.
 */
public record SaHeapRange(long bottom, long top, long end, Type type, int regionIndex, String label) {

    /** What the range is: a space of a generational heap, or the type of a G1 region. */
    public enum Type {
        EDEN, SURVIVOR, OLD, FREE, HUMONGOUS_STARTS, HUMONGOUS_CONTINUES,
        /** Pages of generational ZGC: objects on medium pages are rounded up to the medium alignment. */
        Z_SMALL_PAGE, Z_MEDIUM_PAGE, Z_LARGE_PAGE,
        OTHER
    }

    public SaHeapRange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        if (Long.compareUnsigned(bottom, top) > 0 || Long.compareUnsigned(top, end) > 0) {
            throw new IllegalArgumentException(String.format("range %s: bottom 0x%x, top 0x%x, end 0x%x out of order",
                    label, bottom, top, end));
        }
    }

    public long usedBytes() {
        return top - bottom;
    }
}
