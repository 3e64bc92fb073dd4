package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.sashell.bundle.BundleReader;
import io.sashell.core.CoreMaker;
import io.sashell.redact.PlantedSecrets;
import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code bundle --redact} of a core of {@code testdata/redact/Secrets.java} that crashed on OutOfMemoryError with
 * a recording running, so an hs_err log and an emergency JFR dump lie beside the core (one JDK per subclass).
 * The planted secrets are in the core, the log and the recording; no file of the bundle holds any of them in
 * any encoding (but the primitive field, which only {@code full} zeroes); the bundle, moved to another folder,
 * opens and gives the original core's histogram and path; the recording keeps every event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedactBundleCoreIT {
    private Path work;
    private Path core;
    private Path log;
    private Path recording;
    private PlantedSecrets secrets;
    private Path bundle;
    private Run made;
    private Map<String, String> env;

    abstract Path jdk();

    @BeforeAll
    void crashAndBundle() throws Exception {
        work = Files.createTempDirectory("sa-shell-redact-bundle-it-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
        Path side = work.resolve("secrets.txt");
        CoreMaker.Spec spec = new CoreMaker.Spec(jdk(), Repo.root().resolve("testdata/redact/Secrets.java"), "Secrets",
                List.of("-Xmx64m", "-XX:+UseG1GC", "-XX:StartFlightRecording", "-Dredact.prop=" + RedactCoreIT.token()),
                List.of(side.toString(), RedactCoreIT.token(), "--crash-on-oom"), CoreMaker.Trigger.CRASH_ON_OOM, work,
                Duration.ofMinutes(2));
        CoreMaker.Result result = CoreMaker.make(spec, Map.of("REDACT_ENV", RedactCoreIT.token()));
        assumeFalse(result.viaGcore(), "the kernel leaves no core here: no crash, no hs_err log, no emergency dump");
        core = result.core();
        log = work.resolve("hs_err_pid" + result.pid() + ".log");
        recording = work.resolve("hs_err_pid" + result.pid() + ".jfr");
        assertTrue(Files.isRegularFile(log) && Files.isRegularFile(recording), "no hs_err log and recording in " + work);
        secrets = PlantedSecrets.read(side);
        env = Map.of("JAVA_HOME", Jdks.JDK17.toString(), "XDG_CACHE_HOME", work.resolve("cache").toString());
        bundle = Files.createDirectory(work.resolve("out")).resolve("secrets.bundle");
        made = Run.of(List.of(Repo.launcher().toString(), "bundle", core.toString(), "-o", bundle.toString(),
                "--redact"), null, env, null);
        assertEquals(0, made.exitCode(), () -> "bundle --redact failed: " + made.stderr() + made.stdout());
    }

    @AfterAll
    void deleteWork() throws Exception {
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    @Test
    void theSecretsAreInTheCoreTheLogAndTheRecording() throws Exception {
        for (Path f : List.of(core, log, recording)) {
            List<String> found = found(f, true);
            assertTrue(!found.isEmpty(), "no planted secret in " + f.getFileName() + ": the test would prove nothing");
        }
        assertTrue(found(log, true).containsAll(List.of("argument", "system-property", "thread-name")),
                found(log, true).toString());
        assertTrue(found(recording, true).containsAll(List.of("argument", "system-property", "environment",
                "thread-name")), found(recording, true).toString());
    }

    @Test
    void noFileOfTheBundleHoldsAPlantedSecret() throws Exception {
        String out = made.stdout();
        assertTrue(out.contains("redacted (basic)"), out);
        assertTrue(out.contains("beside    " + log.getFileName() + ", " + recording.getFileName() + " (scrubbed)"), out);
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        Run tar = Run.of(List.of("tar", "--zstd", "-xf", bundle.toString(), "-C", unpacked.toString()), null, Map.of(),
                null);
        assertEquals(0, tar.exitCode(), tar.stderr());
        List<String> left = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(unpacked)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files++;
                for (String s : found(f, false)) {
                    left.add(unpacked.relativize(f) + ": " + s);
                }
            }
        }
        assertTrue(files > 100, "the whole bundle was searched: " + files + " files");
        assertEquals(List.of(), left, "planted secrets left in the bundle");
        assertEquals("basic", BundleReader.readManifest(bundle).redaction());
    }

    @Test
    void theScrubbedRecordingKeepsEveryEvent() throws Exception {
        Path unpacked = Files.createDirectories(work.resolve("jfr-only"));
        String entry = "core/" + recording.getFileName();
        Run tar = Run.of(List.of("tar", "--zstd", "-xf", bundle.toString(), "-C", unpacked.toString(), entry), null,
                Map.of(), null);
        assertEquals(0, tar.exitCode(), tar.stderr());
        List<RecordedEvent> before = RecordingFile.readAllEvents(recording);
        List<RecordedEvent> after = RecordingFile.readAllEvents(unpacked.resolve(entry));
        assertEquals(before.size(), after.size());
        List<RecordedEvent> properties = after.stream()
                .filter(e -> e.getEventType().getName().equals("jdk.InitialSystemProperty")).toList();
        assertTrue(properties.size() > 10, "the properties' events are kept: " + properties.size());
        for (RecordedEvent p : properties) {
            String value = p.getString("value");
            assertTrue(value == null || value.length() < 4 || value.chars().allMatch(c -> c == '*'), value);
        }
        long gcs = after.stream().filter(e -> e.getEventType().getName().equals("jdk.GarbageCollection")).count();
        assertTrue(gcs > 0 && gcs == before.stream()
                .filter(e -> e.getEventType().getName().equals("jdk.GarbageCollection")).count());
    }

    @Test
    void theMovedBundleOpensAndAnswersAsTheCore() throws Exception {
        List<String> commands = List.of("histo -n -1", "instances Secrets$Account -n -1", "threads");
        List<JsonNode> original = RedactCoreIT.ask(core, commands);
        String account = original.get(1).get("instances").get(0).get("address").asText();
        Path laptop = Files.createDirectories(work.resolve("laptop"));
        Path moved = Files.copy(bundle, laptop.resolve("moved.bundle"));
        List<String> args = new ArrayList<>(List.of(Repo.launcher().toString(), "open", moved.toString(), "--json",
                "--no-index"));
        for (String c : List.of("histo -n -1", "path " + account)) {
            args.add("-c");
            args.add(c);
        }
        Run r = Run.of(args, null, env, null);
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(2, docs.size(), r.stdout());
        assertEquals(RedactCoreIT.rows(original.get(0)), RedactCoreIT.rows(RedactCoreIT.JSON.readTree(docs.get(0))));
        List<String> names = new ArrayList<>();
        original.get(2).get("threads").forEach(t -> names.add(t.get("name").asText()));
        names.sort((a, b) -> b.length() - a.length());
        JsonNode path = RedactCoreIT.ask(core, List.of("path " + account)).get(0);
        assertEquals(RedactCoreIT.threadNamesOut(path, names),
                RedactCoreIT.threadNamesOut(RedactCoreIT.JSON.readTree(docs.get(1)), List.of()));
    }

    @Test
    void theRedactedViewOfEveryCommandPrintsNoSecret() throws Exception {
        String account = RedactCoreIT.ask(core, List.of("instances Secrets$Account -n -1")).get(0).get("instances")
                .get(0).get("address").asText();
        List<String> commands = List.of("info", "threads", "bt", "histo -n 5", "instances Secrets$Account",
                "inspect " + account + " --depth 2", "refs " + account, "refs --out " + account, "path " + account,
                "roots -n -1", "index", "histo --live -n 5", "top -n 5", "dominators --depth 2", "statics -n 20", "suspects",
                "memory", "jfr summary", "jfr heap", "jfr gc", "jfr alloc", "jfr leaks", "jfr rules --all", "jfr cpu",
                "jfr threads", "jfr find");
        for (boolean json : List.of(false, true)) {
            List<String> args = new ArrayList<>(List.of(Repo.launcher().toString(), "open", core.toString(), "--redact",
                    "--no-index"));
            if (json) {
                args.add("--json");
            }
            for (String c : commands) {
                args.add("-c");
                args.add(c);
            }
            Run r = Run.of(args, null, env, null);
            assertEquals(0, r.exitCode(), r.stderr());
            Path out = Files.writeString(work.resolve("view-" + json + ".txt"), r.stdout() + r.stderr());
            assertEquals(List.of(), found(out, true), "secrets in the redacted view (json " + json + ")");
            if (json) {
                assertEquals(commands.size(), r.stdout().lines().count(), r.stdout());
            }
            assertTrue(r.stdout().contains("Secrets$Account"), r.stdout());
            if (!json) {
                for (JsonNode t : RedactCoreIT.ask(core, List.of("threads")).get(0).get("threads")) {
                    String quoted = "\"" + t.get("name").asText() + "\"";
                    assertTrue(!r.stdout().contains(quoted), "thread name " + quoted + " in the redacted view");
                }
            }
            assertTrue(r.stdout().contains("GarbageCollection"), "the recording was read: " + r.stdout());
        }
    }

    /** The names of the planted secrets found in {@code f} (with {@code fullOnly}: those only full removes too). */
    private List<String> found(Path f, boolean fullOnly) throws Exception {
        List<String> names = new ArrayList<>();
        secrets.countIn(f).forEach((p, n) -> {
            if (n > 0 && (fullOnly || !p.fullOnly()) && !names.contains(p.secret())) {
                names.add(p.secret());
            }
        });
        return names;
    }
}
