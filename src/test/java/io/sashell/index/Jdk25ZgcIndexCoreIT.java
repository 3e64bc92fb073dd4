package io.sashell.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;

/**
 * The index on generational ZGC (JDK 25), where reference fields hold coloured pointers, stale ones to be
 * forwarded, and SA can neither iterate the heap nor load an oop: the same known graph as on the other
 * collectors (exact inbound sets, path tails, live counts, a local of a sleeping thread as a Java Local root).
 * In place of SA's edge iteration: no reachable object holds a reference that resolves to no object.
 */
class Jdk25ZgcIndexCoreIT extends IndexGraphCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-Xms64m", "-XX:+UseZGC"};
    }

    /** Replaces the comparison with SA's iteration, which SA cannot do on ZGC. */
    @Override
    @Test
    void everyEdgeEqualsSasOwnIteration() {
        assertEquals("none", run.text("sa-comparison"));
        assertEquals("true", run.text("inbound-equals-outbound"));
        assertTrue(run.fact("reachable-references") > 10_000, run.facts::toString);
        assertEquals(0, run.fact("reachable-dangling"), () -> String.join("\n", run.edgeExamples));
    }

    @Test
    void rootsOfTheVmsOwnKindsAreRead() {
        // Read from OopStorages, class loader data and thread handles, all coloured on ZGC.
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        run.answer("roots").get("counts").forEach(c -> counts.put(c.get("kind").asText(), c.get("roots").asLong()));
        assertTrue(counts.getOrDefault("System Class", 0L) > 500, counts::toString);
        assertTrue(counts.getOrDefault("JNI Global", 0L) > 0, counts::toString);
        assertTrue(counts.getOrDefault("VM Internal", 0L) > 100, counts::toString);
        assertTrue(run.problems.stream().noneMatch(p -> p.contains("not implemented")), run.problems::toString);
    }
}
