package io.sashell.sa;

import java.util.List;
import java.util.Optional;

/**
 * What SA's heap walk found: one row per klass (SA's order: bytes descending), and optionally every object's
 * address in visiting order. Immutable.
 */
public final class SaHeapIterationResult {

    private final List<KlassCount> rows;
    private final long[] addresses;

    SaHeapIterationResult(List<KlassCount> rows, long[] addresses) {
        this.rows = List.copyOf(rows);
        this.addresses = addresses;
    }

    public List<KlassCount> rows() {
        return rows;
    }

    public long totalObjects() {
        return rows.stream().mapToLong(KlassCount::count).sum();
    }

    public long totalBytes() {
        return rows.stream().mapToLong(KlassCount::bytes).sum();
    }

    /** Every object's address in SA's visiting order, when they were asked for. A copy. */
    public Optional<long[]> objectAddresses() {
        return addresses == null ? Optional.empty() : Optional.of(addresses.clone());
    }
}
