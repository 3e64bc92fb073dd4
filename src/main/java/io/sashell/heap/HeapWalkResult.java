package io.sashell.heap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Totals of a heap walk: objects visited, their bytes, and what could not be walked.
 *
 * @param damage       places where the walk stopped early, in address order
 * @param skippedBytes bytes of the stretches left unwalked because of damage
 * @param walkedBytes  bytes of all stretches, visited or skipped (the progress total)
 */
public record HeapWalkResult(long objects, long bytes, List<HeapDamage> damage, long skippedBytes,
                             long walkedBytes) {

    public HeapWalkResult {
        damage = List.copyOf(damage);
    }

    /**
     * What the core does not hold of the heap, when anything ({@link HeapDamage.Reason#UNREADABLE}: a truncated
     * core, a segment not dumped): "the core does not hold 12,582,912 bytes of the heap (3 stretches from
     * 0x..., in G1 region 7 old): their objects are not counted".
     */
    public Optional<String> missingMemoryNote() {
        List<HeapDamage> missing = damage.stream().filter(d -> d.reason() == HeapDamage.Reason.UNREADABLE).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        long bytes = missing.stream().mapToLong(HeapDamage::skippedBytes).sum();
        HeapDamage first = missing.get(0);
        return Optional.of(String.format(Locale.ROOT, "the core does not hold %,d bytes of the heap (%d %s from"
                + " 0x%x, in %s): their objects are not counted", bytes, missing.size(),
                missing.size() == 1 ? "stretch" : "stretches", first.address(), first.stretchLabel()));
    }
}
