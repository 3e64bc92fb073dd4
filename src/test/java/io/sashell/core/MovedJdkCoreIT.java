package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A JDK that moved after it wrote a core: a copy of JDK 25 in {@code jdk-a} writes the core, then the
 * directory becomes {@code jdk-b}. The locator finds the copy (or the system JDK of the same build) by
 * build-id, and SA, run with the SA_ALTROOT it builds, opens the core; without it SA cannot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MovedJdkCoreIT {
    private Path work;
    private Path jdkA;
    private Path jdkB;
    private ElfCore core;

    @BeforeAll
    void makeCoreThenMoveTheJdk() throws Exception {
        work = Files.createTempDirectory("sa-shell-core-it-").toRealPath();
        jdkA = work.resolve("jdk-a");
        jdkB = work.resolve("jdk-b");
        RealCores.copyJdk(Jdks.JDK25, jdkA);
        CoreMaker.Result made = RealCores.javaCore(jdkA, work.resolve("run"));
        Files.move(jdkA, jdkB);
        core = ElfCore.open(made.core());
    }

    @AfterAll
    void delete() throws Exception {
        if (core != null) {
            core.close();
        }
        ScenarioCore.deleteTree(work);
    }

    private JdkLocator.Options isolated() {
        return JdkLocator.Options.defaults().withJavaHome(Optional.empty()).withJvmDirectories(List.of())
                .withAltRootParent(work.resolve("cache"));
    }

    /** SA's jinfo on the core; the system properties it prints when the attach worked. */
    private Run jinfo(Path jdk, Path exe, Optional<Path> altRoot) throws Exception {
        Map<String, String> env = altRoot.map(r -> Map.of("SA_ALTROOT", r.toString())).orElse(Map.of());
        return Run.of(List.of(jdk.resolve("bin/jhsdb").toString(), "jinfo", "--sysprops", "--exe", exe.toString(),
                "--core", core.path().toString()), null, env, work);
    }

    @Test
    void theCoreRecordsTheOldPath() {
        assertEquals(jdkA.resolve("lib/server/libjvm.so").toString(), RealCores.libjvm(core).orElseThrow().path());
        assertFalse(Files.exists(jdkA));
    }

    @Test
    void movedCopyIsFoundAndOpensWithTheAlternateRoot() throws Exception {
        Path altRoot;
        try (JdkLocation l = new JdkLocator(isolated().withExtraHomes(List.of(jdkB))).locate(core)) {
            assertEquals(jdkB, l.jdkHome());
            assertEquals(jdkA, l.recordedHome());
            assertEquals(jdkB.resolve("bin/java"), l.exe());
            altRoot = l.saAltRoot().orElseThrow();
            assertEquals(jdkB.resolve("lib/server/libjvm.so"),
                    Files.readSymbolicLink(altRoot.resolve(jdkA.toString().substring(1) + "/lib/server/libjvm.so")));
            assertTrue(Files.isSymbolicLink(altRoot.resolve("ld-linux-x86-64.so.2")));
            assertTrue(Files.isSymbolicLink(altRoot.resolve("classes.jsa")));

            Run sa = jinfo(l.jdkHome(), l.exe(), l.saAltRoot());
            assertEquals(0, sa.exitCode(), () -> sa.stdout() + sa.stderr());
            assertTrue(sa.stdout().contains("java.home = " + jdkA + "\n"), sa::stdout);
            assertTrue(sa.stdout().contains("java.runtime.version = " + RealCores.javaRuntimeVersion(jdkB) + "\n"),
                    sa::stdout);

            Run without = jinfo(l.jdkHome(), l.exe(), Optional.empty());
            assertFalse(without.stdout().contains("java.home = "), without::stdout);
        }
        assertFalse(Files.exists(altRoot, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void systemJdkOfTheSameBuildAlsoWorks() throws Exception {
        JdkLocator.Options options = isolated().withJvmDirectories(List.of(Jdks.JDK25.getParent()));
        try (JdkLocation l = new JdkLocator(options).locate(core)) {
            assertEquals(Jdks.JDK25.toRealPath(), l.jdkHome());
            assertEquals(Jdks.JDK25.toRealPath().resolve("bin/java"), l.exe());
            assertTrue(l.saAltRoot().isPresent());
            Run sa = jinfo(l.jdkHome(), l.exe(), l.saAltRoot());
            assertEquals(0, sa.exitCode(), () -> sa.stdout() + sa.stderr());
            assertTrue(sa.stdout().contains("java.home = " + jdkA + "\n"), sa::stdout);
        }
    }

    @Test
    void givenJdkAndSysroot() throws Exception {
        try (JdkLocation l = new JdkLocator(isolated().withJdk(jdkB)).locate(core)) {
            assertEquals(jdkB, l.jdkHome());
            assertTrue(l.saAltRoot().isPresent());
        }
        // A sysroot that holds the JDK at its recorded path, as a copy of the crashed machine's files would.
        Path sysroot = work.resolve("sysroot");
        Path recordedInSysroot = sysroot.resolve(jdkA.toString().substring(1));
        Files.createDirectories(recordedInSysroot.getParent());
        Files.createSymbolicLink(recordedInSysroot, jdkB);
        try (JdkLocation l = new JdkLocator(isolated().withSysroot(sysroot)).locate(core)) {
            assertEquals(jdkB, l.jdkHome());
            assertEquals(recordedInSysroot.resolve("bin/java"), l.exe());
            Run sa = jinfo(l.jdkHome(), l.exe(), l.saAltRoot());
            assertEquals(0, sa.exitCode(), () -> sa.stdout() + sa.stderr());
        }
    }
}
