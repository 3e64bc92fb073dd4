package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.ScenarioCore;

/**
 * Generational ZGC with compressed class pointers off (a full Klass* in every header: objects are 4 bytes larger
 * or not, array bases move): {@code histo} still equals the JVM's own histogram row for row, the scenario's
 * objects on small, medium and large pages included. ZgcHistogramCoreIT covers the default (on).
 */
class ZgcUncompressedClassPointersCoreIT {

    @Test
    void histoEqualsTheJvmsOwnHistogram() throws Exception {
        try (ScenarioCore core = ScenarioCore.abortWhenReady(Jdks.JDK25, "zgc/ZgcScenario.java", "-XX:+UseZGC",
                "-XX:-ZProactive", "-XX:-UseCompressedClassPointers", "-Xmx256m")) {
            Map<String, long[]> ours = ZgcCoreRun.assertHistoEqualsJcmd(core.core(), core.dir().resolve("jcmd-histo.txt"));
            assertEquals(50_000, ours.get("ZgcScenario$Node")[0]);
            // A 16-byte header (8 more than with compressed class pointers), the int, 4 bytes of padding, two references.
            assertEquals(50_000L * 40, ours.get("ZgcScenario$Node")[1]);
        }
    }
}
