package io.sashell.core;

/**
 * A core shorter than its program headers say: {@code presentBytes} of {@code expectedBytes} are on disk.
 * Bytes at file offsets from {@code presentBytes} on are missing; {@code cutSegments} PT_LOAD segments
 * lose some or all of their contents.
 */
public record Truncation(long expectedBytes, long presentBytes, int cutSegments) {

    public long missingBytes() {
        return expectedBytes - presentBytes;
    }

    /** "truncated core: 412 MB of 600 MB present (segments past offset 432013312 missing)". */
    public String describe() {
        return "truncated core: " + Sizes.pair(presentBytes, expectedBytes) + " present (segments past offset "
                + presentBytes + " missing)";
    }
}
