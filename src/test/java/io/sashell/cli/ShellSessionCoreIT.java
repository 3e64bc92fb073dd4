package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * The REPL driven by a scripted session, and every bad input of the skeleton with its one-line message and
 * exit status, on one JDK 17 core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShellSessionCoreIT {
    private ScenarioCore core;
    private String holder;

    @BeforeAll
    void makeCore() throws Exception {
        core = ScenarioCore.abortWhenReady(Jdks.JDK17, "scenarios/KnownGraph.java", "-Xmx32m", "-XX:+UseSerialGC");
        Run r = Run.saShell(null, "open", core.core().toString(), "-c", "instances KnownGraph$Holder");
        holder = r.stdout().lines().filter(l -> l.startsWith("0x")).findFirst().orElseThrow().split(" ")[0];
    }

    @AfterAll
    void deleteCore() throws Exception {
        core.close();
    }

    private static void assertOneLine(Run r, int exit, String message) {
        assertEquals(exit, r.exitCode(), () -> r.stdout() + r.stderr());
        assertEquals(message, r.stderr().strip());
        assertFalse(r.stderr().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void scriptedReplSession(@TempDir Path home) throws Exception {
        String script = "help\nhi KnownGraph$Node\ninspect " + holder + "\ninspect 0x10\nbogus\nins\n"
                + "instances KnownGrap$Node\nthreads\nquit\n";
        Run r = Run.of(List.of(Repo.launcher().toString(), "open", core.core().toString()), script,
                Map.of("HOME", home.toString()), null);
        assertEquals(0, r.exitCode(), r.stderr());
        String t = r.stdout();
        String prompt = "sa-shell " + core.core().getFileName() + "> ";
        assertEquals(10, t.split(java.util.regex.Pattern.quote(prompt), -1).length, t);
        assertTrue(t.contains("  histo        Classes by instance count"), t);
        assertTrue(t.matches("(?s).*\\n\\s+1\\s+1,000\\s+24,000  KnownGraph\\$Node .*"), t);
        assertTrue(t.contains("java.lang.String label = 0x"), t);
        assertTrue(t.contains("\"needle-in-the-core\""), t);
        assertTrue(t.contains("0x10 is not in the Java heap"), t);
        assertTrue(t.contains("unknown command: bogus; type help for the list"), t);
        assertTrue(t.contains("ambiguous command: ins could be instances, inspect"), t);
        assertTrue(t.contains("no loaded class is named KnownGrap$Node; did you mean KnownGraph$Node"), t);
        assertTrue(t.contains("worker-blocked"), t);
        Path history = home.resolve(".sa-shell/history");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
        assertTrue(Files.readString(history).contains("hi KnownGraph$Node"));
    }

    @Test
    void replSurvivesEndOfInput(@TempDir Path home) throws Exception {
        Run r = Run.of(List.of(Repo.launcher().toString(), "open", core.core().toString()), "info\n",
                Map.of("HOME", home.toString()), null);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("gc:         Serial"), r.stdout());
    }

    @Test
    void unknownClassSuggestsCloseNames() throws Exception {
        assertOneLine(Run.saShell(null, "open", core.core().toString(), "-c", "instances KnownGraph$Holdr"), 1,
                "no loaded class is named KnownGraph$Holdr; did you mean KnownGraph$Holder?");
    }

    @Test
    void addressOutsideTheHeap() throws Exception {
        assertOneLine(Run.saShell(null, "open", core.core().toString(), "-c", "inspect 0x10"), 1,
                "0x10 is not in the Java heap");
    }

    @Test
    void addressInsideAnObjectIsNotAnObjectStart() throws Exception {
        long inside = Long.decode(holder) + 8;
        assertOneLine(Run.saShell(null, "open", core.core().toString(), "-c", String.format("inspect 0x%x", inside)),
                1, String.format("no object starts at 0x%x", inside));
    }

    @Test
    void unknownCommand() throws Exception {
        assertOneLine(Run.saShell(null, "open", core.core().toString(), "-c", "histp"), 2,
                "unknown command: histp; did you mean histo, jhisto?");
    }

    @Test
    void jdkOfAnotherReleaseIsRefused() throws Exception {
        Run r = Run.saShell(null, "open", core.core().toString(), "--jdk", Jdks.JDK25.toString(), "-c", "info");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().strip().matches(".*: written by JDK 17\\.0\\.\\S+ \\(libjvm build-id [0-9a-f]+…\\); --jdk "
                + Jdks.JDK25 + " is JDK 25\\.\\S+ \\(libjvm build-id [0-9a-f]+…\\): SA opens only cores of its own "
                + "feature release"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count());
    }

    @Test
    void notAnElfFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "this is not a core\n");
        assertOneLine(Run.saShell(null, "open", f.toString(), "-c", "info"), 1, f + ": not an ELF file");
    }

    @Test
    void elfFileThatIsNotACore() throws Exception {
        Path ls = Path.of("/bin/ls").toRealPath();
        Run r = Run.saShell(null, "open", ls.toString(), "-c", "info");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().strip().startsWith(ls + ": an ELF file but not a core"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count());
    }

    @Test
    void missingFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("nope");
        assertOneLine(Run.saShell(null, "open", f.toString(), "-c", "info"), 1, f + ": no such file");
    }

    @Test
    void coreOfAProcessThatIsNotAJvm(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "ulimit -c unlimited; exec sleep 60").directory(dir.toFile())
                .start();
        Thread.sleep(300);
        new ProcessBuilder("kill", "-ABRT", Long.toString(p.pid())).start().waitFor();
        p.waitFor(20, TimeUnit.SECONDS);
        Path c = Files.list(dir).filter(f -> f.getFileName().toString().startsWith("core")).findFirst().orElseThrow();
        assertOneLine(Run.saShell(null, "open", c.toString(), "-c", "info"), 1,
                c + ": not a core of a Java VM: no libjvm.so among its mapped files (program: sleep)");
    }

    @Test
    void truncatedCoreStillOpensWithAWarning(@TempDir Path dir) throws Exception {
        Path cut = dir.resolve("core.cut");
        long keep = Files.size(core.core()) * 9 / 10;
        try (InputStream in = Files.newInputStream(core.core()); OutputStream out = Files.newOutputStream(cut)) {
            byte[] buf = new byte[1 << 20];
            long left = keep;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        Run r = Run.saShell(null, "open", cut.toString(), "-c", "threads");
        List<String> lines = r.stderr().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("warning: " + cut + ": truncated core: "), r.stderr());
        if (r.exitCode() != 0) {
            // SA needs libjvm's data from the core; cut there, the answer is a clear refusal naming the cut.
            assertEquals(1, r.exitCode());
            assertEquals(2, lines.size(), r.stderr());
            assertTrue(lines.get(1).matches(java.util.regex.Pattern.quote(cut.toString())
                    + ": truncated core: .* present .*; the Serviceability Agent cannot open what is left \\(.*\\)"),
                    r.stderr());
        }
        assertFalse(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void theCoreIsNeverModified() throws Exception {
        long size = Files.size(core.core());
        var modified = Files.getLastModifiedTime(core.core());
        Run.saShell(null, "open", core.core().toString(), "-c", "histo -n 1", "-c", "threads");
        assertEquals(size, Files.size(core.core()));
        assertEquals(modified, Files.getLastModifiedTime(core.core()));
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Run r = Run.saShell(null, "open", core.core().toString(), "--verbose", "-c", "inspect 0x10");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().startsWith("0x10 is not in the Java heap"), r.stderr());
        assertTrue(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void mainWithoutArgumentsPrintsUsage() throws IOException, InterruptedException {
        Run r = Run.saShell(null, "open");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("Missing required parameter: 'CORE'"), r.stderr());
    }
}
