package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.ScenarioCore;

/**
 * A generational ZGC heap the JDK's machinery holds in many ways (ZgcScenario with {@code mixed}: a thread pool
 * and its idle workers, lambdas, a WeakHashMap, soft and weak references, reflection, a class loader, a parked
 * thread's local, 50 futures only a local of {@code main} holds, in a frame SA 25 cannot parse): {@code histo}
 * still equals the JVM's own histogram row for row.
 */
class ZgcMixedHeapCoreIT {

    @Test
    void histoEqualsTheJvmsOwnHistogram() throws Exception {
        try (ScenarioCore core = ScenarioCore.abortWhenReady(Jdks.JDK25, "zgc/ZgcScenario.java",
                List.of("-XX:+UseZGC", "-XX:-ZProactive", "-Xmx256m"), List.of("mixed"))) {
            Map<String, long[]> ours = ZgcCoreRun.assertHistoEqualsJcmd(core.core(), core.dir().resolve("jcmd-histo.txt"));
            assertEquals(50, ours.get("java.util.concurrent.FutureTask")[0]);
            assertEquals(50_000, ours.get("ZgcScenario$Node")[0]);
        }
    }
}
