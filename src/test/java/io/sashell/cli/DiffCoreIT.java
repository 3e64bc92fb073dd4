package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code diff CORE_B} between two real cores of {@code testdata/answers/Growth.java}: one kept 20,000 records,
 * the other 40,000 (two moments of one leak). Two cores per class: a diff needs both. Once per JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DiffCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 20_000;
    /** Growth$Record: a 12-byte header (compressed class pointer), four longs from offset 16. */
    private static final long RECORD_BYTES = 48;
    private ScenarioCore before;
    private ScenarioCore after;
    private JsonNode diff;
    private JsonNode histoA;
    private JsonNode histoB;

    abstract Path jdk();

    @BeforeAll
    void makeCores() throws Exception {
        before = ScenarioCore.abortWhenReady(jdk(), "answers/Growth.java", List.of("-Xmx64m", "-XX:+UseG1GC"),
                List.of(Integer.toString(N)));
        after = ScenarioCore.abortWhenReady(jdk(), "answers/Growth.java", List.of("-Xmx64m", "-XX:+UseG1GC"),
                List.of(Integer.toString(2 * N)));
        List<JsonNode> a = run(before.core(), "diff " + after.core() + " -n -1", "histo -n -1");
        diff = a.get(0);
        histoA = a.get(1);
        histoB = run(after.core(), "histo -n -1").get(0);
    }

    private static List<JsonNode> run(Path core, String... commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("open", core.toString(), "--json", "--no-index"));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        Run r = Run.saShell(null, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr());
        List<JsonNode> docs = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            docs.add(JSON.readTree(line));
        }
        assertEquals(commands.length, docs.size(), r.stdout());
        return docs;
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (before != null) {
            before.close();
        }
        if (after != null) {
            after.close();
        }
    }

    @Test
    void leakedClassGrowsByExactlyTheRecordsAddedAndComesFirst() {
        JsonNode first = diff.get("rows").get(0);
        assertEquals("Growth$Record", first.get("class").asText(), diff.toString());
        assertEquals(N, first.get("countA").asLong());
        assertEquals(2 * N, first.get("countB").asLong());
        assertEquals(N, first.get("countGrowth").asLong());
        assertEquals(N * RECORD_BYTES, first.get("bytesGrowth").asLong());
        for (JsonNode row : diff.get("rows")) {
            if (row != first) {
                // Nothing else grows by as much: the rows are sorted by bytes grown.
                assertEquals(true, row.get("bytesGrowth").asLong() <= first.get("bytesGrowth").asLong(),
                        row.toString());
            }
        }
    }

    @Test
    void everyRowEqualsTheTwoCoresOwnHistograms() {
        Map<String, long[]> a = byName(histoA);
        Map<String, long[]> b = byName(histoB);
        int changed = 0;
        for (String name : union(a, b)) {
            long[] x = a.getOrDefault(name, new long[2]);
            long[] y = b.getOrDefault(name, new long[2]);
            if (x[0] != y[0] || x[1] != y[1]) {
                changed++;
            }
        }
        assertEquals(changed, diff.get("rows").size());
        assertEquals(changed, diff.get("changedClasses").asLong());
        for (JsonNode row : diff.get("rows")) {
            String name = row.get("class").asText();
            long[] x = a.getOrDefault(name, new long[2]);
            long[] y = b.getOrDefault(name, new long[2]);
            assertEquals(x[0], row.get("countA").asLong(), name);
            assertEquals(x[1], row.get("bytesA").asLong(), name);
            assertEquals(y[0], row.get("countB").asLong(), name);
            assertEquals(y[1], row.get("bytesB").asLong(), name);
        }
        assertEquals(histoA.get("totalBytes").asLong(), diff.get("bytesA").asLong());
        assertEquals(histoB.get("totalBytes").asLong(), diff.get("bytesB").asLong());
    }

    /** Count and bytes per class name (a class of two loaders is two histogram rows). */
    private static Map<String, long[]> byName(JsonNode histo) {
        Map<String, long[]> m = new HashMap<>();
        for (JsonNode r : histo.get("rows")) {
            long[] t = m.computeIfAbsent(r.get("class").asText(), k -> new long[2]);
            t[0] += r.get("count").asLong();
            t[1] += r.get("bytes").asLong();
        }
        return m;
    }

    private static List<String> union(Map<String, long[]> a, Map<String, long[]> b) {
        List<String> names = new ArrayList<>(a.keySet());
        for (String n : b.keySet()) {
            if (!a.containsKey(n)) {
                names.add(n);
            }
        }
        return names;
    }
}
