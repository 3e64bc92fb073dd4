package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * The launcher's class data sharing archive (sa-shell/sa-shell): the first run on a JDK writes it into the cache
 * (0600, in a 0700 folder, nothing else left there): a dynamic CDS archive on JDK 17, an AOT cache on JDK 25. Later
 * runs use it, and the answers and the streams are the same with it, without it, and on the run that writes it
 * (JDK 25's recording JVM prints a line of its own at exit, kept out); SA_SHELL_CDS=0 writes nothing, and neither
 * does {@code --help}. The launcher's plan (which JDK runs the command) is kept beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherCdsCoreIT {
    private ScenarioCore core17;
    private ScenarioCore core25;
    private Path work;

    @BeforeAll
    void makeCores() throws Exception {
        core17 = ScenarioCore.abortWhenReady(Jdks.JDK17, "scenarios/KnownGraph.java", "-Xmx32m");
        core25 = ScenarioCore.abortWhenReady(Jdks.JDK25, "scenarios/KnownGraph.java", "-Xmx32m");
        work = Files.createTempDirectory("sa-shell-cds-it-");
    }

    @AfterAll
    void delete() throws Exception {
        for (ScenarioCore c : new ScenarioCore[] {core17, core25}) {
            if (c != null) {
                c.close();
            }
        }
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    private static Run histo(ScenarioCore core, Path cache, String cds) throws Exception {
        return Run.of(List.of(Repo.launcher().toString(), "open", core.core().toString(), "--json", "-c",
                "histo -n 20", "-c", "threads"), null, Map.of("XDG_CACHE_HOME", cache.toString(), "SA_SHELL_CDS", cds),
                null);
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        }
    }

    @Test
    void jdk17FirstRunArchivesLaterRunsUseItAnswersAreTheSame() throws Exception {
        firstRunArchivesLaterRunsUseIt(core17, "java-17-openjdk-amd64-\\d+\\.jsa", Jdks.JDK17);
    }

    @Test
    void jdk25FirstRunMakesAnAotCacheLaterRunsUseItAnswersAreTheSame() throws Exception {
        firstRunArchivesLaterRunsUseIt(core25, "temurin-25-jdk-amd64-\\d+\\.aot", Jdks.JDK25);
    }

    @Test
    void helpWritesNoArchive() throws Exception {
        Path cache = work.resolve("cache-help");
        Run help = Run.of(List.of(Repo.launcher().toString(), "--help"), null,
                Map.of("XDG_CACHE_HOME", cache.toString()), null);
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("Usage: sa-shell"), help.stdout());
        Path cds = cache.resolve("sa-shell/cds");
        assertTrue(!Files.exists(cds) || files(cds).isEmpty(), () -> "--help archived its few classes");
    }

    private void firstRunArchivesLaterRunsUseIt(ScenarioCore core, String name, Path jdk) throws Exception {
        Path cache = work.resolve("cache-" + jdk.getFileName());
        Run writing = histo(core, cache, "1");
        assertEquals(0, writing.exitCode(), writing.stderr());
        assertEquals("", writing.stderr(), "CDS prints nothing, not even while it writes the archive");

        Path cds = cache.resolve("sa-shell/cds");
        List<Path> archives = files(cds);
        assertEquals(1, archives.size(), archives::toString);
        Path archive = archives.get(0);
        assertTrue(archive.getFileName().toString().matches(name), archive::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cds)));
        long size = Files.size(archive);
        long modified = Files.getLastModifiedTime(archive).toMillis();
        // Classes and method profiles only: nothing of the core the first run read (its strings went through that
        // JVM's heap, thread names printed by threads among them), not even its path.
        String bytes = new String(Files.readAllBytes(archive), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String secret : List.of("worker-blocked", "needle-in-the-core", "payload-1", core.core().toString())) {
            assertFalse(bytes.contains(secret), secret + " in " + archive);
        }

        Run using = histo(core, cache, "1");
        assertEquals(0, using.exitCode(), using.stderr());
        assertEquals("", using.stderr());
        assertEquals(List.of(archive), files(cds), "a later run writes no other archive");
        assertEquals(size, Files.size(archive));
        assertEquals(modified, Files.getLastModifiedTime(archive).toMillis(), "a later run only reads the archive");

        Path off = work.resolve("cache-off-" + jdk.getFileName());
        Run without = histo(core, off, "0");
        assertEquals(0, without.exitCode(), without.stderr());
        assertFalse(Files.exists(off.resolve("sa-shell/cds")), "SA_SHELL_CDS=0 writes no archive");

        assertEquals(without.stdout(), writing.stdout());
        assertEquals(without.stdout(), using.stdout());

        // The launcher's plan for these arguments and this core is kept too: one file, 0600; the second run used it.
        List<Path> plans = files(cache.resolve("sa-shell/plans"));
        assertEquals(1, plans.size(), plans::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plans.get(0))));
        List<String> plan = Files.readAllLines(plans.get(0));
        assertEquals(jdk.toRealPath(), Path.of(plan.get(0)).toRealPath());
        assertEquals(core.core().toAbsolutePath(), Path.of(plan.get(2)));

        // The first run (histo and threads) loaded the rest of sa-shell's classes before it exited: export's are
        // in the cache too.
        Path log = work.resolve("classes-" + jdk.getFileName() + ".log");
        Path hprof = work.resolve("first-" + jdk.getFileName() + ".hprof");
        Run export = Run.of(List.of(Repo.launcher().toString(), "export", core.core().toString(), "-o",
                hprof.toString()), null, Map.of("XDG_CACHE_HOME", cache.toString(), "SA_SHELL_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + log), null);
        assertEquals(0, export.exitCode(), export.stderr());
        assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.contains(
                "io.sashell.export.HprofExporter source: shared objects file")), "export's classes are cached");
        Files.delete(hprof);
    }
}
