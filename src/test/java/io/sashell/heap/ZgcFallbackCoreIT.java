package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * The heaps SA walks itself and sa-shell's walker leaves to it: Shenandoah on JDK 25 and JDK 17's
 * (non-generational) ZGC. {@code histo} answers through SA and says so.
 */
class ZgcFallbackCoreIT {

    @Test
    void shenandoahOnJdk25FallsBackToSa() throws Exception {
        check(Jdks.JDK25, "SHENANDOAH", "-XX:+UseShenandoahGC", "-Xmx128m");
    }

    /**
     * SA 17 finds no object at all on a JDK 17 ZGC core (jhsdb's jhisto prints "Total : 0 0"): its page table
     * is sized by {@code ZGlobals.ZAddressOffsetMax}, which reads 0. sa-shell's walker does not cover this heap
     * either (a known gap): {@code histo} says why in one line and exits 1 rather than answer "no objects".
     */
    @Test
    void jdk17ZgcIsRefusedWithTheReason() throws Exception {
        try (ScenarioCore core = ScenarioCore.abortWhenReady(Jdks.JDK17, "zgc/ZgcScenario.java", "-XX:+UseZGC",
                "-Xmx128m")) {
            Run histo = Run.saShell(null, "open", core.core().toString(), "-c", "histo -n 5");
            assertEquals(1, histo.exitCode(), histo.stdout() + histo.stderr());
            assertTrue(histo.stderr().contains("the Serviceability Agent cannot list this ZGC heap (JDK 17, "
                    + "non-generational): it reads ZAddressOffsetMax as 0"), histo.stderr());
            assertEquals(1, histo.stderr().strip().lines().count(), histo.stderr());
            // Jhsdb.jhisto refuses an empty histogram: read jhisto's total line here.
            Run jhisto = Run.of(List.of(Jdks.JDK17.resolve("bin/jhsdb").toString(), "clhsdb", "--exe",
                    Jdks.JDK17.resolve("bin/java").toString(), "--core", core.core().toString()), "jhisto\nquit\n",
                    Map.of(), null);
            assertTrue(Pattern.compile("Total :\\s+0\\s+0").matcher(jhisto.stdout()).find(), jhisto.stdout());
            assertEquals(50_000, ZgcCoreRun.jcmdRows(core.dir().resolve("jcmd-histo.txt")).get("ZgcScenario$Node")[0]);
        }
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
