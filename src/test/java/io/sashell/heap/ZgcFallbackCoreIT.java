package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.ScenarioCore;

/**
 * A heap SA walks itself and sa-shell's walker leaves to it: Shenandoah on JDK 25. {@code histo} answers through
 * SA and says so. (JDK 17's non-generational ZGC, the other: {@link Jdk17ZgcHistogramCoreIT}.)
 */
class ZgcFallbackCoreIT {

    @Test
    void shenandoahOnJdk25FallsBackToSa() throws Exception {
        check(Jdks.JDK25, "SHENANDOAH", "-XX:+UseShenandoahGC", "-Xmx128m");
    }

    private static void check(java.nio.file.Path jdk, String collector, String... jvmArgs) throws Exception {
        try (ScenarioCore core = ScenarioCore.abortWhenReady(jdk, "zgc/ZgcScenario.java", jvmArgs)) {
            List<JsonNode> docs = ZgcCoreRun.saShell(core.core(), "histo ZgcScenario -n -1");
            JsonNode histo = docs.get(0);
            assertEquals("sa", histo.get("engine").asText());
            assertEquals("sa-shell's walker does not know the " + collector
                    + " heap yet; SA's own iteration answers", histo.get("notes").get(0).asText());
            long nodes = 0;
            for (JsonNode row : histo.get("rows")) {
                if (row.get("class").asText().equals("ZgcScenario$Node")) {
                    nodes = row.get("count").asLong();
                }
            }
            assertEquals(50_000, nodes);
            assertTrue(ZgcCoreRun.jcmdRows(core.dir().resolve("jcmd-histo.txt")).get("ZgcScenario$Node")[0] == 50_000);
        }
    }
}
