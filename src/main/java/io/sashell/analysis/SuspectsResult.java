package io.sashell.analysis;

import java.util.List;

/**
 * {@code suspects}: objects or classes retaining at least {@code threshold} percent of the reachable heap, the
 * biggest first, each with where its objects pile up and how a GC root holds it.
 */
public record SuspectsResult(double threshold, long reachableBytes, List<Suspect> suspects, List<String> next) {
    public SuspectsResult {
        suspects = List.copyOf(suspects);
        next = List.copyOf(next);
    }

    /**
     * @param kind         {@code object} (one object retains it) or {@code class} (many instances together)
     * @param holder       what keeps it: {@code static Leaks.LIST}, {@code thread "pool-1-thread-1"}, or a root
     * @param suspect      the object the holder references (for a class: its largest instance)
     * @param accumulation where many similar objects pile up, or null when none does
     * @param path         the shortest strong path from a GC root to the accumulation point (or the suspect)
     */
    public record Suspect(String kind, String holder, String className, long instances, RetainedObject suspect,
                          Accumulation accumulation, GcPath path, String explanation) {
    }

    /** A collection or array whose dominated objects are mostly {@code count} instances of one class. */
    public record Accumulation(RetainedObject object, String elementClass, long count, long elementsRetained) {
    }
}
