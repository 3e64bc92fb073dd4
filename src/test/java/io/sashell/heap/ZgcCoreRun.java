package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Run;

/** sa-shell's answers on a ZgcScenario core, and the JVM's own histogram the scenario took before the abort. */
final class ZgcCoreRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JCMD_ROW = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");
    private static final Map<Character, String> PRIMITIVES = Map.of('Z', "boolean", 'B', "byte", 'C', "char",
            'S', "short", 'I', "int", 'J', "long", 'F', "float", 'D', "double");

    private ZgcCoreRun() {
    }

    /** One JSON document per command, in order. */
    static List<JsonNode> saShell(Path core, String... commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("open", core.toString(), "--json"));
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

    /**
     * Asserts that {@code histo} on the core equals, row for row, the JVM's own histogram the scenario took into
     * {@code jcmd-histo.txt} before the abort; returns sa-shell's rows.
     */
    static Map<String, long[]> assertHistoEqualsJcmd(Path core, Path jcmdFile) throws Exception {
        JsonNode histo = saShell(core, "histo -n -1").get(0);
        assertEquals("walker", histo.get("engine").asText());
        Map<String, long[]> ours = rows(histo);
        assertEquals(text(jcmdRows(jcmdFile)), text(ours));
        return ours;
    }

    /** Rows as "N objects, B bytes" per class, for readable failures. */
    static Map<String, String> text(Map<String, long[]> rows) {
        Map<String, String> out = new TreeMap<>();
        rows.forEach((k, v) -> out.put(k, v[0] + " objects, " + v[1] + " bytes"));
        return out;
    }

    /** Count and bytes per class name of a {@code histo --json} answer (rows of one name summed). */
    static Map<String, long[]> rows(JsonNode histo) {
        Map<String, long[]> out = new TreeMap<>();
        for (JsonNode row : histo.get("rows")) {
            // Hidden classes: SA spells X$$Lambda+0x..., jcmd X$$Lambda/0x...
            String name = row.get("class").asText().replace("+0x", "/0x");
            long[] v = out.computeIfAbsent(name, k -> new long[2]);
            v[0] += row.get("count").asLong();
            v[1] += row.get("bytes").asLong();
        }
        return out;
    }

    /** Live count and bytes per class name of a {@code histo --live --json} answer (classes with none left out). */
    static Map<String, long[]> liveRows(JsonNode histo) {
        Map<String, long[]> out = new TreeMap<>();
        for (JsonNode row : histo.get("rows")) {
            if (row.get("liveCount").asLong() == 0) {
                continue;
            }
            String name = row.get("class").asText().replace("+0x", "/0x");
            long[] v = out.computeIfAbsent(name, k -> new long[2]);
            v[0] += row.get("liveCount").asLong();
            v[1] += row.get("liveBytes").asLong();
        }
        return out;
    }

    /** The rows of {@code jcmd PID GC.class_histogram}, class names spelt as sa-shell spells them. */
    static Map<String, long[]> jcmdRows(Path file) throws Exception {
        Map<String, long[]> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = JCMD_ROW.matcher(line);
            if (m.matches()) {
                long[] v = out.computeIfAbsent(javaName(m.group(3)), k -> new long[2]);
                v[0] += Long.parseLong(m.group(1));
                v[1] += Long.parseLong(m.group(2));
            }
        }
        return out;
    }

    /**
     * Asserts that a page walk's rows hold at least jcmd's objects and bytes in every class (jcmd on ZGC counts
     * the reachable objects, a walk of the pages dead ones too); returns how many objects the walk counts more,
     * and jcmd's object count, for the caller's bound on the dead ones.
     */
    static long[] assertCoversJcmd(Map<String, long[]> ours, Map<String, long[]> jcmd) {
        assertTrue(jcmd.size() > 300, "jcmd rows: " + jcmd.size());
        long jcmdObjects = 0;
        long excess = 0;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, long[]> e : jcmd.entrySet()) {
            long[] mine = ours.getOrDefault(e.getKey(), new long[2]);
            jcmdObjects += e.getValue()[0];
            if (mine[0] < e.getValue()[0] || mine[1] < e.getValue()[1]) {
                missing.add(e.getKey() + " ours " + mine[0] + "/" + mine[1] + " jcmd " + e.getValue()[0] + "/"
                        + e.getValue()[1]);
            }
        }
        for (Map.Entry<String, long[]> e : ours.entrySet()) {
            excess += e.getValue()[0] - jcmd.getOrDefault(e.getKey(), new long[2])[0];
        }
        assertEquals(List.of(), missing);
        return new long[] {excess, jcmdObjects};
    }

    /** {@code [B} → {@code byte[]}, {@code [[Ljava.lang.Object;} → {@code java.lang.Object[][]}. */
    static String javaName(String jvm) {
        int dims = 0;
        while (dims < jvm.length() && jvm.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return jvm;
        }
        String element = jvm.substring(dims);
        String base = element.startsWith("L") ? element.substring(1, element.length() - 1)
                : PRIMITIVES.get(element.charAt(0));
        return base + "[]".repeat(dims);
    }
}
