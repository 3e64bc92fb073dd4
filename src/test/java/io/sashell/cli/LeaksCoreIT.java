package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The retained-size answers on a real core of {@code testdata/answers/Leaks.java} (a static list of 20,000
 * items, a ThreadLocal of a pool thread, a class loader kept by a registry), once per JDK (the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeaksCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMMANDS = List.of("suspects", "statics -n -1", "top -n 10",
            "histo Leaks -n -1", "histo --retained Leaks -n -1", "dominators --depth 2 -n 5", "strings --dups -n 5", "strings dup-me -n -1", "memory -n -1");
    private ScenarioCore core;
    private Path indexDir;
    private final Map<String, JsonNode> answers = new HashMap<>();

    abstract Path jdk();

    @BeforeAll
    void makeCore() throws Exception {
        core = ScenarioCore.abortWhenReady(jdk(), "answers/Leaks.java", "-Xmx64m", "-XX:+UseG1GC");
        indexDir = Files.createTempDirectory("sa-shell-leaks-index");
        run(COMMANDS);
        String list = staticRow("Leaks.LEAK").get("value").get("address").asText();
        run(List.of("dominators " + list + " --depth 1 -n 3", "suspects --threshold 5"));
    }

    private void run(List<String> commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("open", core.core().toString(), "--json", "--index",
                indexDir.toString()));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        Run r = Run.saShell(null, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(commands.size(), docs.size(), r.stdout());
        for (int i = 0; i < commands.size(); i++) {
            answers.put(commands.get(i), JSON.readTree(docs.get(i)));
        }
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (core != null) {
            core.close();
        }
        if (indexDir != null) {
            ScenarioCore.deleteTree(indexDir);
        }
    }

    private JsonNode staticRow(String field) {
        for (JsonNode row : answers.get("statics -n -1").get("statics")) {
            if (row.get("field").asText().equals(field)) {
                return row;
            }
        }
        throw new AssertionError("no static " + field + " in " + answers.get("statics -n -1"));
    }

    private long histoBytes(String cls) {
        for (JsonNode row : answers.get("histo Leaks -n -1").get("rows")) {
            if (row.get("class").asText().equals(cls)) {
                return row.get("bytes").asLong();
            }
        }
        throw new AssertionError("no histogram row " + cls);
    }

    /** ArrayList + its Object[] + every Item and Payload (classes used nowhere else), to the byte. */
    private long leakBytes() {
        JsonNode below = answers.get("dominators " + staticRow("Leaks.LEAK").get("value").get("address").asText()
                + " --depth 1 -n 3");
        JsonNode list = below.get("start");
        JsonNode array = below.get("nodes").get(0);
        assertEquals("java.lang.Object[]", array.get("class").asText());
        return list.get("size").asLong() + array.get("size").asLong() + histoBytes("Leaks$Item")
                + histoBytes("Leaks$Payload");
    }

    @Test
    void firstSuspectIsTheStaticListWithItsExactRetainedSize() {
        JsonNode first = answers.get("suspects").get("suspects").get(0);
        assertEquals("static Leaks.LEAK", first.get("holder").asText(), first.toString());
        assertEquals("java.util.ArrayList", first.get("suspect").get("class").asText());
        assertEquals(leakBytes(), first.get("suspect").get("retained").asLong());
        JsonNode acc = first.get("accumulation");
        assertEquals("java.lang.Object[]", acc.get("class").asText());
        assertEquals("Leaks$Item", acc.get("elementClass").asText());
        assertEquals(20_000, acc.get("count").asLong());
        assertEquals(histoBytes("Leaks$Item") + histoBytes("Leaks$Payload"), acc.get("elementsRetained").asLong());
        assertEquals(10.0, answers.get("suspects").get("threshold").asDouble());
    }

    @Test
    void threadLocalOfThePoolThreadIsASuspectBelowFivePercent() {
        List<String> holders = new ArrayList<>();
        answers.get("suspects --threshold 5").get("suspects").forEach(s -> holders.add(s.get("holder").asText()));
        assertEquals("static Leaks.LEAK", holders.get(0));
        assertTrue(holders.contains("thread \"leaky-pool-1\""), holders.toString());
        for (JsonNode s : answers.get("suspects").get("suspects")) {
            if (s.get("holder").asText().equals("thread \"leaky-pool-1\"")) {
                assertEquals("java.lang.Thread", s.get("suspect").get("class").asText());
                assertEquals("long[]", s.get("accumulation").get("class").asText());
                assertEquals(16 + 8 * 131_072, s.get("accumulation").get("elementsRetained").asLong());
                JsonNode hops = s.get("path").get("hops");
                assertEquals("java.lang.ThreadLocal$ThreadLocalMap$Entry.value",
                        hops.get(hops.size() - 1).get("via").get("text").asText());
                return;
            }
        }
        throw new AssertionError("the pool thread is no suspect at 10%");
    }

    @Test
    void staticsShowTheLeakAndTheRegistry() {
        JsonNode leak = staticRow("Leaks.LEAK");
        assertEquals("java.util.ArrayList", leak.get("value").get("class").asText());
        assertEquals(leakBytes(), leak.get("retained").asLong());
        assertTrue(leak.get("owned").asBoolean());
        // The launcher's reference to the main class comes first: the Leaks mirror retains all its statics.
        JsonNode first = answers.get("statics -n -1").get("statics").get(0);
        assertEquals("sun.launcher.LauncherHelper.appClass", first.get("field").asText());
        assertEquals("java.lang.Class for Leaks", first.get("value").get("class").asText());
        assertTrue(first.get("retained").asLong() > leakBytes() + 8L * 131_072 / 8);
        for (JsonNode row : answers.get("statics -n -1").get("statics")) {
            if (!row.get("value").get("class").asText().startsWith("java.lang.Class")) {
                assertEquals("Leaks.LEAK", row.get("field").asText(), "the biggest static that is no class");
                break;
            }
        }
        JsonNode registry = staticRow("Leaks.REGISTRY");
        assertEquals("java.util.HashMap", registry.get("value").get("class").asText());
        // The registry keeps the loader, its Plugin class and that class's 196,608-byte buffer.
        assertTrue(registry.get("retained").asLong() > 196_608, registry.toString());
        JsonNode buffer = staticRow("Leaks$Plugin.buffer");
        assertEquals("byte[]", buffer.get("value").get("class").asText());
        assertEquals(buffer.get("value").get("size").asLong(), buffer.get("retained").asLong());
    }

    @Test
    void topObjectsAreHeldByKnownFields() {
        JsonNode objects = answers.get("top -n 10").get("objects");
        boolean list = false;
        boolean local = false;
        for (JsonNode o : objects) {
            if (o.get("class").asText().equals("java.util.ArrayList") && o.get("retained").asLong() == leakBytes()) {
                list = true;
                assertEquals("static Leaks.LEAK", o.get("via").asText().replace("Leaks.LEAK", "Leaks.LEAK"),
                        o.toString());
            }
            if (o.get("class").asText().equals("long[]") && o.get("size").asLong() == 16 + 8 * 131_072) {
                local = true;
                assertEquals(o.get("size").asLong(), o.get("retained").asLong());
            }
        }
        assertTrue(list && local, objects.toString());
        for (int i = 1; i < objects.size(); i++) {
            assertTrue(objects.get(i - 1).get("retained").asLong() >= objects.get(i).get("retained").asLong());
        }
    }

    @Test
    void retainedHistogramCountsTheItemSetOnce() {
        for (JsonNode row : answers.get("histo --retained Leaks -n -1").get("rows")) {
            if (row.get("class").asText().equals("Leaks$Item")) {
                assertEquals(20_000, row.get("liveCount").asLong());
                assertEquals(histoBytes("Leaks$Item") + histoBytes("Leaks$Payload"), row.get("retained").asLong());
                return;
            }
        }
        throw new AssertionError("no Leaks$Item row");
    }

    @Test
    void duplicatedStringsCountTheirWastedCopies() {
        JsonNode dups = answers.get("strings --dups -n 5");
        JsonNode top = null;
        for (JsonNode v : dups.get("values")) {
            if (v.get("value").asText().equals("dup-me-please")) {
                top = v;
            }
        }
        assertTrue(top != null, dups.toString());
        assertEquals(50, top.get("count").asLong());
        assertEquals(top.get("bytes").asLong() / 50 * 49, top.get("wasted").asLong());
        JsonNode found = answers.get("strings dup-me -n -1").get("values");
        assertEquals(1, found.size(), found.toString());
        assertEquals(13, found.get(0).get("length").asLong());
    }

    @Test
    void memoryShowsTheHeapReservationAndTheJvmLibrary() {
        JsonNode doc = answers.get("memory -n -1");
        assertEquals(64L << 20, doc.get("heap").get("reserved").asLong());
        assertTrue(doc.get("heap").get("used").asLong() > leakBytes(), doc.get("heap").toString());
        boolean libjvm = false;
        for (JsonNode f : doc.get("files")) {
            libjvm |= f.get("path").asText().endsWith("/lib/server/libjvm.so");
        }
        assertTrue(libjvm, doc.get("files").toString());
        long sum = 0;
        for (JsonNode k : doc.get("kinds")) {
            sum += k.get("bytes").asLong();
            if (k.get("kind").asText().equals("Java thread stacks")) {
                // main, the pool thread and the VM's Java threads (compiler, signal, finalizer, ...)
                assertTrue(k.get("bytes").asLong() >= 5L * 1024 * 1024, k.toString());
            }
            if (k.get("kind").asText().startsWith("Java heap")) {
                assertEquals(64L << 20, k.get("bytes").asLong());
            }
        }
        assertEquals(doc.get("total").asLong(), sum);
    }
}
