package io.sashell.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Run;
import io.sashell.testkit.SaJava;
import io.sashell.testkit.ScenarioCore;

/**
 * {@link SaMetadataTypes} gives the same wrapper class as SA's own factory for every klass, constant pool and
 * method of a real core, and {@link SaSymbols} the same text as SA for every class, field and method name and
 * signature, {@link SaCodeHeaps} the same code blob as SA for every frame's pc, and {@link SaMethod} the same
 * oop mask as SA for every interpreted frame, on JDK 17 and 25
 * ({@link MetadataTypesProbe} runs in a child JVM of the
 * core's JDK, with the launcher's module flags).
 */
class MetadataTypesCoreIT {
    @Test
    void jdk17() throws Exception {
        check(Jdks.JDK17);
    }

    @Test
    void jdk25() throws Exception {
        check(Jdks.JDK25);
    }

    private static void check(Path jdk) throws Exception {
        try (ScenarioCore core = ScenarioCore.abortWhenReady(jdk, "scenarios/KnownGraph.java", "-XX:+UseG1GC")) {
            List<String> cmd = SaJava.command(jdk, "sun.jvm.hotspot.oops", "sun.jvm.hotspot.code",
                    "sun.jvm.hotspot.utilities");
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MetadataTypesProbe.class.getName(),
                    jdk.resolve("bin/java").toString(), core.core().toString()));
            Run probe = Run.of(cmd, null, Map.of(), null);
            assertEquals(0, probe.exitCode(), () -> "probe failed: " + probe.stdout() + probe.stderr());
            String out = probe.stdout();
            assertTrue(out.contains("INSTALLED\ttrue"), out);
            assertTrue(!out.contains("MISMATCH"), out);
            long checked = value(out, "CHECKED");
            long known = value(out, "KNOWN");
            assertTrue(value(out, "SYMBOLS") > 20_000, out);
            System.out.printf("MetadataTypesCoreIT %s: %d lookups checked, %d vtable words known, %d interpreted frames'"
                    + " masks%n", jdk.getFileName(), checked, known, value(out, "MASKS"));
            // Thousands of classes and methods: klasses of several kinds, constant pools, methods, const methods.
            assertTrue(checked > 10_000, out);
            assertTrue(known >= 4 && known < 100, out);
            // JDK 17's SA types each code heap by a vtable search: cached; JDK 25's needs no cache.
            assertTrue(out.contains("CODEHEAPS\t" + (jdk.equals(Jdks.JDK17) ? "cached" : "static")), out);
            if (jdk.equals(Jdks.JDK17)) {
                assertTrue(value(out, "PCS") > 20, out);
            }
            // The scenario's main thread waits in interpreted frames.
            assertTrue(value(out, "MASKS") >= 1, out);
        }
    }

    private static long value(String out, String key) {
        for (String line : out.split("\n")) {
            if (line.startsWith(key + "\t")) {
                return Long.parseLong(line.substring(key.length() + 1).trim());
            }
        }
        throw new AssertionError(key + " missing in: " + out);
    }
}
