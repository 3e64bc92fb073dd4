package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.ScenarioCore;

/**
 * A generational ZGC heap holding only what the JDK made at start-up (ZgcScenario with {@code empty}: none of its
 * own objects): {@code histo} equals the JVM's own histogram row for row, and no scenario object is counted.
 */
class ZgcEmptyHeapCoreIT {

    @Test
    void histoEqualsTheJvmsOwnHistogram() throws Exception {
        try (ScenarioCore core = ScenarioCore.abortWhenReady(Jdks.JDK25, "zgc/ZgcScenario.java",
                List.of("-XX:+UseZGC", "-XX:-ZProactive", "-Xmx64m"), List.of("empty"))) {
            Map<String, long[]> ours = ZgcCoreRun.assertHistoEqualsJcmd(core.core(), core.dir().resolve("jcmd-histo.txt"));
            assertFalse(ours.containsKey("ZgcScenario$Node"), ours::toString);
            long objects = ours.values().stream().mapToLong(v -> v[0]).sum();
            // Seen: about 5,000 objects of the JDK's own (strings, classes, module graph).
            assertTrue(objects > 1_000 && objects < 50_000, "objects: " + objects);
        }
    }
}
