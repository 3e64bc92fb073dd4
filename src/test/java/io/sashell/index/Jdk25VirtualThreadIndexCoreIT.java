package io.sashell.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.sashell.testkit.Jdks;

/**
 * A parked virtual thread's local on a JDK 25 core (testdata/index/VirtualThreadScenario.java): its frames are
 * in a stack chunk on the heap, which the index reads as a stack, so the local's object is reachable through the
 * chunk, not garbage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Jdk25VirtualThreadIndexCoreIT {
    IndexCoreRun run;

    @BeforeAll
    void index() throws Exception {
        run = IndexCoreRun.of(Jdks.JDK25, "VirtualThreadScenario.java", "VirtualThreadScenario", "-Xmx64m",
                "-XX:+UseG1GC");
    }

    @Test
    void aParkedVirtualThreadsLocalIsHeldByItsStackChunk() {
        List<String> objects = run.objects("VirtualThreadScenario$VtLocal");
        assertEquals(1, objects.size());
        JsonNode refs = run.answer("refs " + objects.get(0));
        List<String> from = new ArrayList<>();
        for (JsonNode r : refs.get("refs")) {
            from.add(r.get("class").asText() + " " + r.get("via").get(0).get("kind").asText());
        }
        assertEquals(List.of("jdk.internal.vm.StackChunk stack_word"), from);
        JsonNode path = run.answer("path " + objects.get(0));
        assertTrue(path.get("reachable").asBoolean(), path::toString);
        JsonNode hops = path.get("paths").get(0).get("hops");
        JsonNode last = hops.get(hops.size() - 1);
        assertEquals("jdk.internal.vm.StackChunk", last.get("from").get("class").asText());
        assertTrue(last.get("via").get("text").asText().matches("\\(word \\d+ of a virtual thread's stack\\)"),
                last::toString);
    }
}
