package io.sashell.sa;

import java.util.Arrays;
import java.util.Optional;

/**
 * What SA's heap walk found: per klass address the number of objects and their bytes, and optionally every
 * object's address in visiting order. Immutable.
 */
public final class SaHeapIterationResult {

    private final long[] klasses;
    private final long[] counts;
    private final long[] bytes;
    private final long[] addresses;

    SaHeapIterationResult(long[] klasses, long[] counts, long[] bytes, long[] addresses) {
        this.klasses = klasses;
        this.counts = counts;
        this.bytes = bytes;
        this.addresses = addresses;
    }

    /** Number of distinct klasses (histogram rows). */
    public int klassCount() {
        return klasses.length;
    }

    /** The i-th klass address; rows are sorted by address. */
    public long klass(int i) {
        return klasses[i];
    }

    public long count(int i) {
        return counts[i];
    }

    public long bytes(int i) {
        return bytes[i];
    }

    public long totalObjects() {
        return Arrays.stream(counts).sum();
    }

    public long totalBytes() {
        return Arrays.stream(bytes).sum();
    }

    /** Every object's address in SA's visiting order, when they were asked for. A copy. */
    public Optional<long[]> objectAddresses() {
        return addresses == null ? Optional.empty() : Optional.of(addresses.clone());
    }
}
