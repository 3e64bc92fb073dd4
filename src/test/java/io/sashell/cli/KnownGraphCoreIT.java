package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Jhsdb;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * The skeleton's commands on a real core of {@code testdata/scenarios/KnownGraph.java}, once per collector and
 * JDK (the subclasses): the histogram equals jhsdb's jhisto row for row, instance counts equal the
 * scenario's, inspect shows known values, threads and stacks show the scenario's threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KnownGraphCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ScenarioCore core;
    /** Answers by command: the commands run in two sa-shell processes, not one process per question. */
    private final Map<String, JsonNode> answers = new HashMap<>();
    private static final List<String> COMMANDS = List.of("histo -n -1 --engine sa", "histo -n -1 --engine walker",
            "histo KnownGraph -n -1", "instances KnownGraph$Node -n 5", "instances KnownGraph$Twin -n -1",
            "histo ^java\\.lang\\.String$ -n -1", "instances java.lang.String -n 0", "instances KnownGraph$Holder",
            "threads", "bt main", "info");

    abstract Path jdk();

    abstract String[] jvmArgs();

    @BeforeAll
    void makeCore() throws Exception {
        core = ScenarioCore.abortWhenReady(jdk(), "scenarios/KnownGraph.java", jvmArgs());
        run(COMMANDS);
        String holder = answers.get("instances KnownGraph$Holder").get("instances").get(0).get("address").asText();
        run(List.of("inspect " + holder + " --depth 1"));
    }

    private void run(List<String> commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("open", core.core().toString(), "--json"));
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
    void deleteCore() throws Exception {
        if (core != null) {
            core.close();
        }
    }

    /** The scenario's core (for tests that run sa-shell on it with other options). */
    Path corePath() {
        return core.core();
    }

    /** The answer to a command run in {@link #makeCore()}. */
    JsonNode json(String command) {
        JsonNode doc = answers.get(command);
        if (doc == null) {
            throw new IllegalArgumentException("not among the batched commands: " + command);
        }
        return doc;
    }

    /** Rows as "name count bytes" → how many rows print exactly that (a name can be many classes). */
    private static Map<String, Integer> multiset(List<String> rows) {
        Map<String, Integer> m = new HashMap<>();
        rows.forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }

    @Test
    void histogramEqualsJhsdbJhisto() throws Exception {
        List<String> expected = new ArrayList<>();
        for (Jhsdb.Row row : Jhsdb.jhisto(jdk(), core.core())) {
            expected.add(row.name() + " " + row.count() + " " + row.bytes());
        }
        for (String engine : List.of("sa", "walker")) {
            JsonNode doc = json("histo -n -1 --engine " + engine);
            List<String> actual = new ArrayList<>();
            for (JsonNode row : doc.get("rows")) {
                actual.add(row.get("class").asText() + " " + row.get("count").asLong() + " " + row.get("bytes").asLong());
            }
            assertEquals(multiset(expected), multiset(actual), "engine " + engine);
        }
    }

    @Test
    void scenarioClassesHaveTheirExactCounts() throws Exception {
        JsonNode doc = json("histo KnownGraph -n -1");
        Map<String, Long> counts = new HashMap<>();
        int twinRows = 0;
        for (JsonNode row : doc.get("rows")) {
            counts.merge(row.get("class").asText(), row.get("count").asLong(), Long::sum);
            if (row.get("class").asText().equals("KnownGraph$Twin")) {
                twinRows++;
                assertEquals(7, row.get("count").asLong());
                assertTrue(row.get("loader").asText().startsWith("java.net.URLClassLoader@0x"), row.toString());
            }
        }
        assertEquals(1000L, counts.get("KnownGraph$Node"));
        assertEquals(500L, counts.get("KnownGraph$Payload"));
        assertEquals(1L, counts.get("KnownGraph$Holder"));
        assertEquals(2, twinRows, "one row per class loader");
        assertTrue(counts.keySet().stream().anyMatch(n -> n.matches("KnownGraph\\$\\$Lambda.*\\+0x[0-9a-f]+")),
                counts.keySet().toString());
    }

    @Test
    void instancesCountEqualsTheHistogram() throws Exception {
        JsonNode nodes = json("instances KnownGraph$Node -n 5");
        assertEquals(1000, nodes.get("count").asLong());
        assertEquals(5, nodes.get("instances").size());
        JsonNode twins = json("instances KnownGraph$Twin -n -1");
        assertEquals(14, twins.get("count").asLong());
        JsonNode histo = json("histo ^java\\.lang\\.String$ -n -1");
        JsonNode strings = json("instances java.lang.String -n 0");
        assertEquals(histo.get("totalCount").asLong(), strings.get("count").asLong());
        assertEquals(histo.get("totalBytes").asLong(), strings.get("bytes").asLong());
    }

    @Test
    void inspectShowsKnownFieldValues() throws Exception {
        String address = json("instances KnownGraph$Holder").get("instances").get(0).get("address").asText();
        JsonNode obj = answers.get("inspect " + address + " --depth 1");
        assertEquals("KnownGraph$Holder", obj.get("class").asText());
        Map<String, String> values = new HashMap<>();
        for (JsonNode f : obj.get("fields")) {
            values.put(f.get("name").asText(), f.get("value").asText());
        }
        assertEquals("42", values.get("id"));
        assertEquals("1234567890123", values.get("big"));
        assertEquals("2.5", values.get("ratio"));
        assertEquals("'Q'", values.get("letter"));
        assertTrue(values.get("label").endsWith("java.lang.String \"needle-in-the-core\""), values.get("label"));
        assertTrue(values.get("boxed").endsWith("java.lang.Integer 7777"), values.get("boxed"));
        JsonNode numbers = null;
        for (JsonNode c : obj.get("children")) {
            if (c.get("class").asText().equals("int[]")) {
                numbers = c;
            }
        }
        assertEquals(5, numbers.get("length").asInt());
        assertEquals("4", numbers.get("fields").get(2).get("value").asText());
    }

    @Test
    void threadsAndStacksShowTheScenarioThreads() throws Exception {
        JsonNode threads = json("threads").get("threads");
        Map<String, JsonNode> byName = new HashMap<>();
        threads.forEach(t -> byName.put(t.get("name").asText(), t));
        assertTrue(byName.get("worker-blocked").get("state").asText().startsWith("BLOCKED"),
                byName.get("worker-blocked").toString());
        assertTrue(byName.get("sleepy-daemon").get("daemon").asBoolean());
        assertTrue(!byName.get("main").get("daemon").asBoolean());
        JsonNode main = json("bt main").get("threads").get(0);
        List<String> methods = new ArrayList<>();
        for (JsonNode f : main.get("frames")) {
            methods.add(f.get("class").asText() + "." + f.get("method").asText() + ":" + f.get("line").asInt());
        }
        assertTrue(methods.contains("KnownGraph.idle:106"), methods.toString());
        assertTrue(methods.stream().anyMatch(m -> m.startsWith("KnownGraph.main:")), methods.toString());
    }

    @Test
    void infoDescribesTheVmAndTheCrash() throws Exception {
        JsonNode info = json("info");
        assertEquals(core.pid(), info.get("pid").asLong());
        assertEquals(6, info.get("signal").asInt());
        assertEquals("SIGABRT", info.get("signalName").asText());
        assertTrue(info.get("heapUsed").asLong() > 0);
        assertTrue(info.get("command").asText().contains("KnownGraph"), info.toString());
        assertEquals(core.dir().toRealPath().toString(), info.get("properties").get("user.dir").asText());
        assertEquals(jdk().toRealPath().toString(), Path.of(info.get("jdkHome").asText()).toRealPath().toString());
        checkVm(info);
    }

    /** Collector and header facts of this matrix cell. */
    abstract void checkVm(JsonNode info);
}
