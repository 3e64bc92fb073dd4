package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.capture.LiveProcess;
import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code capture} of a running scenario JVM: a series of two gcore cores that open and show the scenario's
 * objects while the process runs on; refusals (no room, no JVM, no process, bad options) in one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path work;
    private Process jvm;
    private Map<String, String> env;

    @BeforeAll
    void startScenario() throws Exception {
        work = Files.createTempDirectory("sa-shell-capture-it-");
        env = Map.of("XDG_CACHE_HOME", work.resolve("cache").toString());
        Path classes = Files.createDirectories(work.resolve("classes"));
        Run javac = Run.of(List.of(Jdks.JDK17.resolve("bin/javac").toString(), "-nowarn", "-d", classes.toString(),
                Repo.root().resolve("testdata/scenarios/KnownGraph.java").toString()), null, Map.of(), null);
        assertEquals(0, javac.exitCode(), javac.stderr());
        // Small reservations keep the gcore small: it writes the whole address space (about VmSize).
        ProcessBuilder pb = new ProcessBuilder(Jdks.JDK17.resolve("bin/java").toString(), "-Xmx32m",
                "-XX:+UseSerialGC", "-XX:CompressedClassSpaceSize=32m", "-XX:ReservedCodeCacheSize=16m", "-cp",
                classes.toString(), "KnownGraph").redirectErrorStream(true);
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        jvm = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            // wait for the scenario to build its graph
        }
        assertEquals("ready", line);
    }

    @AfterAll
    void stopAndDelete() throws Exception {
        if (jvm != null) {
            jvm.destroyForcibly();
            jvm.waitFor(10, TimeUnit.SECONDS);
        }
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    private Run saShell(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Repo.launcher().toString()));
        cmd.addAll(List.of(args));
        return Run.of(cmd, null, env, null);
    }

    @Test
    void aSeriesOfCapturesOpensAndShowsTheScenarioWhileItRunsOn() throws Exception {
        Path dir = Files.createDirectories(work.resolve("series"));
        Path base = dir.resolve("live.core");
        Run r = saShell("capture", Long.toString(jvm.pid()), "-o", base.toString(), "--every", "1s", "--count", "2");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(3, lines.size(), r.stdout());
        for (int i = 1; i <= 2; i++) {
            assertTrue(lines.get(i - 1).matches(java.util.regex.Pattern.quote(base + "." + i)
                    + ": \\d+\\.\\d MB, core of process " + jvm.pid()
                    + " \\(java\\); the process was paused (at most )?\\d+\\.\\d s"), lines.get(i - 1));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    Path.of(base + "." + i))));
        }
        assertEquals("open each with: sa-shell open " + base + ".2", lines.get(2));
        try (var s = Files.list(dir)) {
            assertEquals(Set.of("live.core.1", "live.core.2"),
                    s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), "no temporary files left");
        }
        assertTrue(jvm.isAlive(), "the process runs on");
        assertTrue(LiveProcess.state(jvm.pid()).map(c -> c == 'S' || c == 'R').orElse(false),
                "the process is not left stopped: " + LiveProcess.state(jvm.pid()));

        Run open = saShell("open", base + ".2", "--json", "-c", "histo KnownGraph -n -1", "-c", "info");
        assertEquals(0, open.exitCode(), open.stderr());
        List<String> docs = open.stdout().lines().toList();
        Map<String, Long> counts = new java.util.HashMap<>();
        for (JsonNode row : JSON.readTree(docs.get(0)).get("rows")) {
            counts.merge(row.get("class").asText(), row.get("count").asLong(), Long::sum);
        }
        assertEquals(1000L, counts.get("KnownGraph$Node"));
        assertEquals(500L, counts.get("KnownGraph$Payload"));
        assertEquals(14L, counts.get("KnownGraph$Twin"));
        JsonNode info = JSON.readTree(docs.get(1));
        assertEquals(jvm.pid(), info.get("pid").asLong());
        for (int i = 1; i <= 2; i++) {
            Files.delete(Path.of(base + "." + i));
        }
    }

    @Test
    void refusesWhenTheDiskCannotHoldTheCore() throws Exception {
        assumeTrue(Run.of(List.of("id", "-u"), null, Map.of(), null).stdout().strip().equals("0"),
                "a small tmpfs needs a private mount namespace (root)");
        Path small = Files.createDirectories(work.resolve("small"));
        String script = "mount -t tmpfs -o size=1m tmpfs \"$DIR\" || exit 90\n"
                + "\"$LAUNCHER\" capture \"$PID\" -o \"$DIR/x.core\"; rc=$?\n"
                + "ls -A \"$DIR\" >&2\n"
                + "exit $rc";
        Run r = Run.of(List.of("unshare", "-m", "bash", "-c", script), null, Map.of("DIR", small.toString(),
                "LAUNCHER", Repo.launcher().toString(), "PID", Long.toString(jvm.pid()),
                "XDG_CACHE_HOME", work.resolve("cache").toString()), null);
        assertEquals(1, r.exitCode(), r.stderr());
        List<String> err = r.stderr().lines().toList();
        assertEquals(1, err.size(), "one line, and nothing left in the folder: " + r.stderr());
        assertTrue(err.get(0).matches("the core of process " + jvm.pid() + " needs about \\d+\\.\\d MB \\(gcore writes"
                + " its whole address space, VmSize; resident: \\d+\\.\\d MB\\), only 1\\.0 MB free in "
                + java.util.regex.Pattern.quote(small.toString())), err.get(0));
    }

    @Test
    void badTargetsAndOptionsAreRefusedInOneLine() throws Exception {
        Path out = work.resolve("never.core");
        Run noCount = saShell("capture", Long.toString(jvm.pid()), "-o", out.toString(), "--every", "1s");
        assertEquals(2, noCount.exitCode());
        assertTrue(noCount.stderr().startsWith("--every needs --count N\nusage: sa-shell capture"), noCount.stderr());
        Run noEvery = saShell("capture", Long.toString(jvm.pid()), "-o", out.toString(), "--count", "3");
        assertEquals(2, noEvery.exitCode());
        assertTrue(noEvery.stderr().startsWith("--count 3 needs --every DURATION\n"), noEvery.stderr());
        Run badDuration = saShell("capture", Long.toString(jvm.pid()), "-o", out.toString(), "--every", "soon",
                "--count", "2");
        assertEquals(2, badDuration.exitCode());
        assertTrue(badDuration.stderr().contains("not a duration: 'soon'"), badDuration.stderr());

        Run gone = saShell("capture", "999999999", "-o", out.toString());
        assertEquals(1, gone.exitCode());
        assertEquals("no process 999999999\n", gone.stderr());

        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            Run notJava = saShell("capture", Long.toString(sleep.pid()), "-o", out.toString());
            assertEquals(1, notJava.exitCode());
            assertEquals("process " + sleep.pid() + " (sleep) is not a Java VM: no libjvm.so mapped\n", notJava.stderr());
        } finally {
            sleep.destroyForcibly();
        }
        Path taken = Files.writeString(work.resolve("taken.core"), "x");
        Run exists = saShell("capture", Long.toString(jvm.pid()), "-o", taken.toString());
        assertEquals(1, exists.exitCode());
        assertEquals(taken + " exists; remove it or choose another name\n", exists.stderr());
        assertTrue(!Files.exists(out));
    }
}
