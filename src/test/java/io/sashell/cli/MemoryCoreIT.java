package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code memory}'s native spaces against the JVM's own figures: {@code testdata/answers/NativeSpaces.java}
 * prints its memory pools (Metaspace, Compressed Class Space, the code heaps) just before the abort, running
 * interpreted so that nothing grows in between. Once per JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MemoryCoreIT {
    private static final long CLASS_SPACE = 128L << 20;
    private static final long CODE_CACHE = 48L << 20;
    private ScenarioCore core;
    private JsonNode memory;
    /** name -> {used, committed, max} as the JVM's memory pools said. */
    private final Map<String, long[]> pools = new HashMap<>();
    private final Map<String, JsonNode> spaces = new HashMap<>();

    abstract Path jdk();

    @BeforeAll
    void makeCore() throws Exception {
        core = ScenarioCore.abortWhenReady(jdk(), "answers/NativeSpaces.java", List.of("-Xint", "-XX:+UseSerialGC",
                "-Xmx32m", "-XX:CompressedClassSpaceSize=128m", "-XX:ReservedCodeCacheSize=48m"), List.of());
        for (String line : core.output()) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("spaces")) {
                pools.put(f[1], new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])});
            }
        }
        Run r = Run.saShell(null, "open", core.core().toString(), "--json", "--no-index", "-c", "memory -n -1");
        assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr());
        memory = new ObjectMapper().readTree(r.stdout().lines().findFirst().orElseThrow());
        for (JsonNode s : memory.get("spaces")) {
            spaces.put(s.get("name").asText(), s);
        }
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void classSpaceEqualsTheCompressedClassSpacePool() {
        JsonNode cs = spaces.get("class space");
        long[] pool = pools.get("class");
        assertEquals(CLASS_SPACE, pool[2]);
        assertEquals(pool[2], cs.get("reserved").asLong(), cs.toString());
        assertEquals(pool[1], cs.get("committed").asLong(), cs.toString());
        assertEquals(pool[0], cs.get("used").asLong(), cs.toString());
    }

    @Test
    void metaspaceAndClassSpaceTogetherEqualTheMetaspacePool() {
        JsonNode ms = spaces.get("metaspace");
        JsonNode cs = spaces.get("class space");
        long[] pool = pools.get("metaspace+class");
        assertEquals(pool[0], ms.get("used").asLong() + cs.get("used").asLong(), ms + " " + cs);
        assertEquals(pool[1], ms.get("committed").asLong() + cs.get("committed").asLong(), ms + " " + cs);
        assertTrue(ms.get("used").asLong() > 0 && ms.get("reserved").asLong() >= ms.get("committed").asLong());
    }

    @Test
    void codeCacheEqualsTheCodeHeapPools() {
        JsonNode cc = spaces.get("code cache");
        long[] pool = pools.get("code");
        assertEquals(CODE_CACHE, pool[2]);
        assertEquals(pool[2], cc.get("reserved").asLong(), cc.toString());
        assertEquals(pool[1], cc.get("committed").asLong(), cc.toString());
    }

    @Test
    void reservationsAreKindsOfTheAddressSpace() {
        long sum = 0;
        Map<String, Long> kinds = new HashMap<>();
        for (JsonNode k : memory.get("kinds")) {
            sum += k.get("bytes").asLong();
            kinds.put(k.get("kind").asText(), k.get("bytes").asLong());
        }
        assertEquals(memory.get("total").asLong(), sum);
        // The core holds each reservation whole (committed or not), classified as the JVM reserved it.
        assertEquals(CLASS_SPACE, kinds.get("class space (reserved)"));
        assertEquals(CODE_CACHE, kinds.get("code cache (reserved)"));
        assertEquals(spaces.get("metaspace").get("reserved").asLong(), kinds.get("metaspace (reserved)"));
    }
}
