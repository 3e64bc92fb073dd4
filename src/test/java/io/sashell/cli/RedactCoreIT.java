package io.sashell.cli;

import static io.sashell.testkit.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sashell.core.CoreMaker;
import io.sashell.redact.PlantedSecrets;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code redact} on a real core of {@code testdata/redact/Secrets.java}, once per JDK and collector (the
 * subclasses). The scenario plants secrets made at run time (the test makes the argument, the system property
 * and the environment variable; the program the rest) and writes them to a side file. Every secret is in the
 * original core and in none of the redacted ones, in any encoding (the primitive field only at {@code full});
 * the answers of histo, instances, threads, bt, refs, path and histo --live are the same before and after
 * (thread names aside: they are
 * heap strings too); redacting the redacted core changes no byte; the input is byte-identical after; the output
 * is 0600; a dry run plans exactly what the real run does and writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedactCoreIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> COMMANDS = List.of("histo -n -1", "instances Secrets$Account -n -1",
            "instances java.nio.DirectByteBuffer -n -1", "threads", "bt");

    Path work;
    Path core;
    PlantedSecrets secrets;
    String inputSha;
    Path basic;
    Path full;
    Path again;
    Path dryRunReport;
    Path basicReport;
    Run dryRun;
    final Map<String, List<JsonNode>> answers = new HashMap<>();
    /** refs, path, refs --out of the planted Account and the live histogram (the graph index's answers). */
    final Map<String, List<JsonNode>> graph = new HashMap<>();
    List<String> graphCommands;

    abstract Path jdk();

    abstract String[] jvmArgs();

    @BeforeAll
    void makeAndRedact() throws Exception {
        work = Files.createTempDirectory("sa-shell-redact-it-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
        Path side = work.resolve("secrets.txt");
        List<String> jvm = new ArrayList<>(List.of(jvmArgs()));
        jvm.add("-Dredact.prop=" + token());
        CoreMaker.Spec spec = new CoreMaker.Spec(jdk(), Repo.root().resolve("testdata/redact/Secrets.java"),
                "Secrets", jvm, List.of(side.toString(), token()), CoreMaker.Trigger.ABORT_WHEN_READY, work,
                Duration.ofMinutes(2));
        core = CoreMaker.make(spec, Map.of("REDACT_ENV", token())).core();
        secrets = PlantedSecrets.read(side);
        inputSha = sha256(core);

        basic = work.resolve("basic.core");
        basicReport = work.resolve("basic.json");
        ok(Run.saShell(null, "redact", core.toString(), "-o", basic.toString(), "--report", basicReport.toString()));
        full = work.resolve("full.core");
        ok(Run.saShell(null, "redact", core.toString(), "-o", full.toString(), "--level", "full"));
        again = work.resolve("again.core");
        ok(Run.saShell(null, "redact", basic.toString(), "-o", again.toString()));
        dryRunReport = work.resolve("dry.json");
        dryRun = Run.saShell(null, "redact", core.toString(), "--dry-run", "--report", dryRunReport.toString());
        ok(dryRun);
        answers.put("core", ask(core, COMMANDS));
        String account = answers.get("core").get(1).get("instances").get(0).get("address").asText();
        graphCommands = List.of("refs " + account + " -n -1", "path " + account, "refs " + account + " --out",
                "histo --live -n -1");
        graph.put("core", ask(core, graphCommands));
        List<String> both = new ArrayList<>(COMMANDS);
        both.addAll(graphCommands);
        for (Path c : List.of(basic, full)) {
            List<JsonNode> docs = ask(c, both);
            answers.put(c.getFileName().toString(), docs.subList(0, COMMANDS.size()));
            graph.put(c.getFileName().toString(), docs.subList(COMMANDS.size(), docs.size()));
        }
    }

    @AfterAll
    void deleteWork() throws IOException {
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    static String token() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static void ok(Run r) {
        assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr() + r.stdout());
    }

    /** The answers to {@code commands} on {@code c}, in one sa-shell run (the graph index kept in memory). */
    static List<JsonNode> ask(Path c, List<String> commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("open", c.toString(), "--json", "--no-index"));
        for (String command : commands) {
            args.add("-c");
            args.add(command);
        }
        Run r = Run.saShell(null, args.toArray(new String[0]));
        ok(r);
        List<JsonNode> docs = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            docs.add(JSON.readTree(line));
        }
        assertEquals(commands.size(), docs.size(), r.stdout());
        return docs;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }


    /** Histogram rows as "class count bytes" with how many rows print exactly that. */
    static Map<String, Integer> rows(JsonNode histo) {
        Map<String, Integer> m = new HashMap<>();
        for (JsonNode row : histo.get("rows")) {
            m.merge(row.get("class").asText() + " " + row.get("count").asLong() + " " + row.get("bytes").asLong(), 1,
                    Integer::sum);
        }
        return m;
    }

    /** The document with every "name" field removed: thread names are heap strings, scrubbed too. */
    static JsonNode withoutNames(JsonNode doc) {
        JsonNode copy = doc.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("name");
            o.forEach(RedactCoreIT::strip);
        } else if (n.isArray()) {
            n.forEach(RedactCoreIT::strip);
        }
    }

    @Test
    void everySecretIsInTheOriginalCore() throws Exception {
        Map<PlantedSecrets.Pattern, Integer> found = secrets.countIn(core);
        for (String name : secrets.names()) {
            long hits = found.entrySet().stream().filter(e -> e.getKey().secret().equals(name))
                    .mapToLong(Map.Entry::getValue).sum();
            assertTrue(hits > 0, "secret " + name + " not found in the original core: the test would prove nothing");
        }
    }

    @Test
    void basicLeavesNoSecretButPrimitiveFields() throws Exception {
        assertAbsent(basic, false);
    }

    @Test
    void fullLeavesNoSecret() throws Exception {
        assertAbsent(full, true);
    }

    @Test
    void redactingARedactedCoreChangesNothing() throws Exception {
        assertEquals(sha256(basic), sha256(again), "redaction is a fixpoint: every byte it zeroes is zero already");
    }

    private void assertAbsent(Path redacted, boolean full) throws IOException {
        List<String> left = new ArrayList<>();
        secrets.countIn(redacted).forEach((p, n) -> {
            if (n > 0 && (full || !p.fullOnly())) {
                left.add(p.secret() + " (" + p.encoding() + ") " + n + "x");
            }
        });
        assertEquals(List.of(), left, "secrets left in " + redacted.getFileName());
    }

    @Test
    void histogramIsTheSameAfterEachRedaction() {
        Map<String, Integer> original = rows(answers.get("core").get(0));
        for (String c : List.of("basic.core", "full.core")) {
            assertEquals(original, rows(answers.get(c).get(0)), c);
        }
    }

    @Test
    void instancesThreadsAndStacksAreTheSame() {
        List<JsonNode> original = answers.get("core");
        assertEquals(1, original.get(1).get("count").asLong());
        assertTrue(original.get(2).get("count").asLong() >= 1, original.get(2).toString());
        for (String c : List.of("basic.core", "full.core")) {
            List<JsonNode> redacted = answers.get(c);
            for (int i = 1; i < COMMANDS.size(); i++) {
                assertEquals(withoutNames(original.get(i)), withoutNames(redacted.get(i)), c + ": " + COMMANDS.get(i));
            }
        }
    }

    @Test
    void refsPathsAndTheLiveHistogramAreTheSame() throws Exception {
        List<String> names = new ArrayList<>();
        answers.get("core").get(3).get("threads").forEach(t -> names.add(t.get("name").asText()));
        names.sort((a, b) -> b.length() - a.length());
        List<JsonNode> original = graph.get("core");
        assertTrue(original.get(0).get("count").asLong() >= 1, original.get(0).toString());
        for (String c : List.of("basic.core", "full.core")) {
            List<JsonNode> redacted = graph.get(c);
            for (int i = 0; i < graphCommands.size(); i++) {
                assertEquals(threadNamesOut(original.get(i), names), threadNamesOut(redacted.get(i), List.of()),
                        c + ": " + graphCommands.get(i));
            }
        }
    }

    /**
     * The document as JSON text with thread names (whole strings, or quoted inside a description) replaced:
     * the original's by name, the redacted core's NUL-filled ones by shape.
     */
    static String threadNamesOut(JsonNode doc, List<String> names) throws Exception {
        String text = JSON.writeValueAsString(doc);
        text = text.replaceAll("\\\\\"(\\\\u0000)+\\\\\"", "\\\\\"<thread>\\\\\"")
                .replaceAll("\"thread\":\"(\\\\u0000)+\"", "\"thread\":\"<thread>\"");
        for (String n : names) {
            String quoted = JSON.writeValueAsString(n);
            String inner = quoted.substring(1, quoted.length() - 1);
            text = text.replace("\\\"" + inner + "\\\"", "\\\"<thread>\\\"")
                    .replace("\"thread\":" + quoted, "\"thread\":\"<thread>\"");
        }
        return text;
    }

    @Test
    void inputIsUnchangedAndOutputsArePrivate() throws Exception {
        assertEquals(inputSha, sha256(core));
        for (Path p : List.of(basic, full, again, basicReport, dryRunReport)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        assertEquals(Files.size(core), Files.size(basic));
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList());
        }
    }

    @Test
    void dryRunReportsBytesPerKindAndWritesNothing() throws Exception {
        assertTrue(dryRun.stdout().startsWith("dry run: would redact " + core), dryRun.stdout());
        JsonNode dry = JSON.readTree(dryRunReport.toFile());
        JsonNode real = JSON.readTree(basicReport.toFile());
        assertEquals(real, dry, "a dry run plans what the real run does");
        Map<String, Long> kinds = new HashMap<>();
        dry.get("rows").forEach(r -> kinds.put(r.get("kind").asText(), r.get("bytes").asLong()));
        for (String k : List.of("array-contents", "process-strings", "dead-stack", "command-line-copies",
                "direct-buffers", "perf-data", "psargs", "vector-registers")) {
            assertTrue(kinds.getOrDefault(k, 0L) > 0, k + " in " + kinds);
        }
        assertTrue(kinds.keySet().stream().anyMatch(k -> k.equals("free-regions") || k.equals("space-unused")
                || k.equals("outside-spaces")), kinds.toString());
        assertEquals(kinds.values().stream().mapToLong(Long::longValue).sum(), dry.get("zeroedBytes").asLong());
        byte[] report = Files.readAllBytes(dryRunReport);
        for (PlantedSecrets.Pattern p : secrets.patterns()) {
            assertFalse(contains(report, p.bytes()), "the report holds no secret: " + p.secret());
        }
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(4, files.filter(f -> f.getFileName().toString().endsWith(".core")
                    || f.getFileName().toString().startsWith("core")).count(), "core, basic, full, again");
        }
    }
}
