package io.sashell.heap;

import java.util.List;

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
}
