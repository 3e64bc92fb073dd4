package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sashell.core.SyntheticCore.FileEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The locator against fake JDKs (a libjvm.so and a java that are tiny ELF files with build-ids). */
class JdkLocatorTest {
    private static final String ID17 = "97da31b249941f25ff26a6126471221bb579d67f";
    private static final String OTHER17 = "1111111111111111111111111111111111111111";
    private static final String ID25 = "cc370ed13824fae0d65fd64357a9bdf1a732eac0";
    private static final String JAVA_ID = "9c81348976100179b98a6e6e0dcc727c6dec4473";
    private static final String V17 = "17.0.15+6-Debian-1deb12u1";
    private static final long EXE = 0x400000;
    private static final long LIBJVM = 0x7f0000000000L;
    private static final long JSA = 0x800000000L;

    @TempDir
    Path dir;
    private int cores;

    private Path fakeJdk(Path home, String libjvmId, String version, boolean withAgent) throws IOException {
        Files.createDirectories(home.resolve("lib/server"));
        Files.createDirectories(home.resolve("bin"));
        SyntheticCore.writePrivate(home.resolve("lib/server/libjvm.so"),
                SyntheticCore.elfObject(HexFormat.of().parseHex(libjvmId), 4096));
        SyntheticCore.writePrivate(home.resolve("bin/java"),
                SyntheticCore.elfObject(HexFormat.of().parseHex(JAVA_ID), 4096));
        SyntheticCore.writePrivate(home.resolve("release"),
                ("JAVA_RUNTIME_VERSION=\"" + version + "\"\n").getBytes(StandardCharsets.UTF_8));
        if (withAgent) {
            SyntheticCore.writePrivate(home.resolve("lib/libsaproc.so"), SyntheticCore.elfObject(null, 4096));
        }
        return home;
    }

    /** A core of a JVM run from {@code recordedHome}: its java, its libjvm (build {@code libjvmId}), version info. */
    private Path javaCore(Path recordedHome, String libjvmId, String version, String... extraFiles) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        files.add(new FileEntry(EXE, EXE + 0x1000, 0, recordedHome + "/bin/java"));
        files.add(new FileEntry(LIBJVM, LIBJVM + 0x1000, 0, recordedHome + "/lib/server/libjvm.so"));
        long at = JSA;
        for (String f : extraFiles) {
            files.add(new FileEntry(at, at + 0x1000, 0, f));
            at += 0x1000;
        }
        byte[] info = ("OpenJDK 64-Bit Server VM (" + version + ") for linux-amd64 JRE (" + version + "), built on x\0")
                .getBytes(StandardCharsets.US_ASCII);
        return new SyntheticCore()
                .prstatus(100, 6).prpsinfo(100, 1, 0, 0, "java", recordedHome + "/bin/java -cp . Main")
                .siginfo(6, 0, 99)
                .auxv(ElfCore.AT_ENTRY, EXE + 0x123)
                .files(4096, files.toArray(new FileEntry[0]))
                .segment(0x10000, info.length, info)
                .segment(EXE, 0x1000, SyntheticCore.elfObject(HexFormat.of().parseHex(JAVA_ID), 0x1000), SyntheticCore.R)
                .segment(LIBJVM, 0x1000, SyntheticCore.elfObject(HexFormat.of().parseHex(libjvmId), 0x1000),
                        SyntheticCore.R)
                .write(dir.resolve("core" + ++cores));
    }

    private JdkLocator.Options isolated() {
        return JdkLocator.Options.defaults().withJavaHome(Optional.empty()).withJvmDirectories(List.of())
                .withAltRootParent(dir.resolve("cache"));
    }

    private JdkLocation locate(Path core, JdkLocator.Options options) throws Exception {
        try (ElfCore c = ElfCore.open(core)) {
            return new JdkLocator(options).locate(c);
        }
    }

    private String locateError(Path core, JdkLocator.Options options) {
        return assertThrows(CoreFileException.class, () -> locate(core, options).close()).getMessage();
    }

    @Test
    void coreOfANonJavaProcess() throws Exception {
        Path core = new SyntheticCore().prstatus(5, 6).prpsinfo(5, 1, 0, 0, "sleep", "sleep 600")
                .files(4096, new FileEntry(EXE, EXE + 0x1000, 0, "/usr/bin/sleep"),
                        new FileEntry(LIBJVM, LIBJVM + 0x1000, 0, "/usr/lib/x86_64-linux-gnu/libc.so.6"))
                .write(dir.resolve("core"));
        assertEquals(core + " is not a core of a Java VM: no libjvm.so among its mapped files (program: sleep)",
                locateError(core, isolated()));
    }

    @Test
    void jdkAtTheRecordedPath() throws Exception {
        Path home = fakeJdk(dir.resolve("jdk17"), ID17, V17, true);
        Path core = javaCore(home, ID17, V17);
        try (JdkLocation l = locate(core, isolated())) {
            assertEquals(home.toRealPath(), l.jdkHome());
            assertEquals(home.resolve("bin/java"), l.exe());
            assertEquals(Optional.empty(), l.saAltRoot());
            assertEquals(Optional.of(new JvmVersion(V17)), l.version());
            assertEquals(Optional.of(ID17), l.buildId());
            assertEquals(home, l.recordedHome());
            assertEquals(List.of(), l.notes());
            assertEquals(home.toRealPath().resolve("bin/java"), l.javaLauncher());
        }
    }

    @Test
    void noJdkHasTheBuild() throws Exception {
        Path other = fakeJdk(dir.resolve("other"), OTHER17, V17, true);
        Path core = javaCore(dir.resolve("gone/jdk"), ID17, V17);
        assertEquals(core + ": written by JDK 17.0.15+6-Debian-1deb12u1 (libjvm build-id 97da31b2…); no installed JDK"
                        + " has that build; point at it with --jdk HOME or --sysroot DIR",
                locateError(core, isolated().withExtraHomes(List.of(other))));
    }

    @Test
    void matchingJdkWithoutServiceabilityAgent() throws Exception {
        Path jre = fakeJdk(dir.resolve("jre"), ID17, V17, false);
        Path core = javaCore(dir.resolve("gone/jdk"), ID17, V17);
        assertEquals(core + ": written by JDK 17.0.15+6-Debian-1deb12u1 (libjvm build-id 97da31b2…); " + jre.toRealPath()
                        + " has that build but no serviceability agent (lib/libsaproc.so); install the full JDK or"
                        + " point at one with --jdk HOME or --sysroot DIR",
                locateError(core, isolated().withExtraHomes(List.of(jre))));
    }

    @Test
    void movedJdkIsFoundByBuildIdAndGetsAnAlternateRoot() throws Exception {
        Path recorded = dir.resolve("old/jdk-17");
        Path wrong = fakeJdk(dir.resolve("wrong"), OTHER17, V17, true);
        Path moved = fakeJdk(dir.resolve("new/jdk-17"), ID17, V17, true);
        Path core = javaCore(recorded, ID17, V17);
        Path altRoot;
        try (JdkLocation l = locate(core, isolated().withExtraHomes(List.of(wrong, moved)))) {
            assertEquals(moved.toRealPath(), l.jdkHome());
            assertEquals(moved.toRealPath().resolve("bin/java"), l.exe());
            assertEquals(recorded, l.recordedHome());
            altRoot = l.saAltRoot().orElseThrow();
            assertTrue(altRoot.startsWith(dir.resolve("cache")));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(altRoot)));
            Path link = altRoot.resolve(recorded.toString().substring(1)).resolve("lib/server/libjvm.so");
            assertTrue(Files.isSymbolicLink(link));
            assertEquals(moved.resolve("lib/server/libjvm.so").toRealPath(), Files.readSymbolicLink(link));
            assertEquals(moved.resolve("lib/server/libjvm.so").toRealPath(),
                    Files.readSymbolicLink(altRoot.resolve("libjvm.so")));
            assertFalse(Files.exists(altRoot.resolve("java"), LinkOption.NOFOLLOW_LINKS));
        }
        assertFalse(Files.exists(altRoot, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isRegularFile(moved.resolve("lib/server/libjvm.so")));
    }

    @Test
    void candidatesInOrderResolvedAndDeduplicated() throws Exception {
        Path recorded = fakeJdk(dir.resolve("recorded"), ID17, V17, true);
        Path javaHome = fakeJdk(dir.resolve("java-home"), ID17, V17, true);
        Path jvm = Files.createDirectory(dir.resolve("jvm"));
        Path b = fakeJdk(jvm.resolve("b"), ID17, V17, true);
        fakeJdk(jvm.resolve("a"), ID17, V17, true);
        Files.createSymbolicLink(jvm.resolve("c-link-to-b"), b);
        Files.createSymbolicLink(jvm.resolve("d-link-to-java-home"), javaHome);
        Path sysroot = Files.createDirectory(dir.resolve("sysroot"));
        Path inSysroot = fakeJdk(sysroot.resolve(recorded.toString().substring(1)), ID17, V17, true);
        JdkLocator locator = new JdkLocator(isolated().withSysroot(sysroot).withJavaHome(Optional.of(javaHome))
                .withExtraHomes(List.of(dir.resolve("missing"), recorded)).withJvmDirectories(List.of(jvm)));
        assertEquals(List.of(inSysroot.toRealPath(), recorded.toRealPath(), javaHome.toRealPath(),
                jvm.resolve("a").toRealPath(), b.toRealPath()), locator.candidates(recorded));
    }

    @Test
    void jdkUnderSysrootIsPreferredAndLinked() throws Exception {
        Path recorded = dir.resolve("prod/usr/lib/jvm/jdk17");
        Path sysroot = Files.createDirectory(dir.resolve("sysroot"));
        Path copy = fakeJdk(sysroot.resolve(recorded.toString().substring(1)), ID17, V17, true);
        Path core = javaCore(recorded, ID17, V17);
        try (JdkLocation l = locate(core, isolated().withSysroot(sysroot))) {
            assertEquals(copy.toRealPath(), l.jdkHome());
            assertEquals(copy.toRealPath().resolve("bin/java"), l.exe());
            Path altRoot = l.saAltRoot().orElseThrow();
            assertEquals(copy.resolve("lib/server/libjvm.so").toRealPath(),
                    Files.readSymbolicLink(altRoot.resolve(recorded.toString().substring(1) + "/lib/server/libjvm.so")));
        }
    }

    @Test
    void givenJdkOfTheSameBuild() throws Exception {
        Path home = fakeJdk(dir.resolve("jdk"), ID17, V17, true);
        Path core = javaCore(home, ID17, V17);
        try (JdkLocation l = locate(core, isolated().withJdk(home))) {
            assertEquals(home.toRealPath(), l.jdkHome());
            assertEquals(List.of(), l.notes());
        }
    }

    @Test
    void givenJdkOfTheSameVersionButAnotherBuildNeedsForce() throws Exception {
        Path rebuilt = fakeJdk(dir.resolve("rebuilt"), OTHER17, V17, true);
        Path core = javaCore(dir.resolve("gone"), ID17, V17);
        assertEquals(core + ": written by JDK 17.0.15+6-Debian-1deb12u1 (libjvm build-id 97da31b2…); --jdk " + rebuilt
                        + " is the same version but another build (libjvm build-id 11111111…); use --force to try it anyway",
                locateError(core, isolated().withJdk(rebuilt)));
        try (JdkLocation l = locate(core, isolated().withJdk(rebuilt).withForce(true))) {
            assertEquals(rebuilt.toRealPath(), l.jdkHome());
            assertEquals(List.of("--force: using " + rebuilt + " although its libjvm build-id 11111111… differs from"
                    + " the core's 97da31b2…"), l.notes());
            assertEquals(rebuilt.resolve("lib/server/libjvm.so").toRealPath(),
                    Files.readSymbolicLink(l.saAltRoot().orElseThrow().resolve("libjvm.so")));
        }
    }

    @Test
    void givenJdkOfAnotherUpdateNeedsForce() throws Exception {
        Path older = fakeJdk(dir.resolve("older"), OTHER17, "17.0.14+7", true);
        Path core = javaCore(dir.resolve("gone"), ID17, V17);
        assertEquals(core + ": written by JDK 17.0.15+6-Debian-1deb12u1 (libjvm build-id 97da31b2…); --jdk " + older
                        + " is JDK 17.0.14+7 (libjvm build-id 11111111…); use --force to try it anyway",
                locateError(core, isolated().withJdk(older)));
    }

    @Test
    void givenJdkOfAnotherReleaseIsRefusedEvenWithForce() throws Exception {
        Path jdk25 = fakeJdk(dir.resolve("jdk25"), ID25, "25.0.3+9-LTS", true);
        Path core = javaCore(dir.resolve("gone"), ID17, V17);
        String expected = core + ": written by JDK 17.0.15+6-Debian-1deb12u1 (libjvm build-id 97da31b2…); --jdk " + jdk25
                + " is JDK 25.0.3+9-LTS (libjvm build-id cc370ed1…): SA opens only cores of its own feature release";
        assertEquals(expected, locateError(core, isolated().withJdk(jdk25)));
        assertEquals(expected, locateError(core, isolated().withJdk(jdk25).withForce(true)));
    }

    @Test
    void givenDirectoryThatIsNoJdk() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path core = javaCore(dir.resolve("gone"), ID17, V17);
        assertEquals(core + ": --jdk " + empty + " is not a JDK home (no lib/server/libjvm.so)",
                locateError(core, isolated().withJdk(empty)));
        assertEquals(core + ": --jdk " + dir.resolve("nope") + " is not a directory",
                locateError(core, isolated().withJdk(dir.resolve("nope"))));
    }

    @Test
    void givenJdkWithoutServiceabilityAgent() throws Exception {
        Path jre = fakeJdk(dir.resolve("jre"), ID17, V17, false);
        Path core = javaCore(jre, ID17, V17);
        assertEquals(core + ": --jdk " + jre + " has no serviceability agent (lib/libsaproc.so); give a full JDK",
                locateError(core, isolated().withJdk(jre)));
    }

    @Test
    void missingCdsArchiveIsReportedUnlessForced() throws Exception {
        Path recorded = dir.resolve("old/jdk");
        Path moved = fakeJdk(dir.resolve("new/jdk"), ID17, V17, true);
        Path core = javaCore(recorded, ID17, V17, recorded + "/lib/server/classes.jsa");
        assertEquals(core + ": the core's CDS archive " + recorded + "/lib/server/classes.jsa is not on this machine;"
                        + " SA needs it: point at a copy with --sysroot DIR",
                locateError(core, isolated().withExtraHomes(List.of(moved))));
        try (JdkLocation l = locate(core, isolated().withExtraHomes(List.of(moved)).withForce(true))) {
            assertEquals(List.of(recorded + "/lib/server/classes.jsa is not here (--force: SA will likely fail"
                    + " without it)"), l.notes());
        }
        SyntheticCore.writePrivate(moved.resolve("lib/server/classes.jsa"), new byte[] {1, 2, 3});
        try (JdkLocation l = locate(core, isolated().withExtraHomes(List.of(moved)))) {
            Path altRoot = l.saAltRoot().orElseThrow();
            assertEquals(moved.resolve("lib/server/classes.jsa").toRealPath(),
                    Files.readSymbolicLink(altRoot.resolve("classes.jsa")));
        }
    }

    @Test
    void executableOutsideTheJdkThatIsGone() throws Exception {
        Path home = fakeJdk(dir.resolve("app/runtime"), ID17, V17, true);
        Path launcher = dir.resolve("app/bin/launcher");
        Path core = new SyntheticCore().prstatus(100, 6).auxv(ElfCore.AT_ENTRY, EXE + 0x10)
                .files(4096, new FileEntry(EXE, EXE + 0x1000, 0, launcher.toString()),
                        new FileEntry(LIBJVM, LIBJVM + 0x1000, 0, home + "/lib/server/libjvm.so"))
                .segment(EXE, 0x1000, SyntheticCore.elfObject(HexFormat.of().parseHex(OTHER17), 0x1000), SyntheticCore.R)
                .segment(LIBJVM, 0x1000, SyntheticCore.elfObject(HexFormat.of().parseHex(ID17), 0x1000), SyntheticCore.R)
                .write(dir.resolve("core"));
        try (JdkLocation l = locate(core, isolated())) {
            assertEquals(home.toRealPath().resolve("bin/java"), l.exe());
            assertEquals(Optional.of(new JvmVersion(V17)), l.version());
            assertEquals(List.of("the core's executable " + launcher + " is not here (or is another build); SA gets "
                    + home.toRealPath().resolve("bin/java")), l.notes());
        }
        Files.createDirectories(launcher.getParent());
        SyntheticCore.writePrivate(launcher, SyntheticCore.elfObject(HexFormat.of().parseHex(OTHER17), 4096));
        try (JdkLocation l = locate(core, isolated())) {
            assertEquals(launcher, l.exe());
        }
    }
}
