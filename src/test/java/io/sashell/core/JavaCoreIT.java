package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sashell.testkit.ScenarioCore;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The core package on a real core of a JVM (one per subclass: JDK 17 and JDK 25), checked against readelf,
 * {@code java -version} and the JDK's files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JavaCoreIT {
    private Path work;
    private CoreMaker.Result made;
    private ElfCore core;

    abstract Path jdk();

    /** The JDK of the other feature release, which must be refused. */
    abstract Path otherJdk();

    @BeforeAll
    void makeCore() throws Exception {
        work = Files.createTempDirectory("sa-shell-core-it-");
        made = RealCores.javaCore(jdk(), work);
        core = ElfCore.open(made.core());
    }

    @AfterAll
    void deleteCore() throws Exception {
        if (core != null) {
            core.close();
        }
        ScenarioCore.deleteTree(work);
    }

    @Test
    void libjvmPathAndBuildIdMatchTheFileOnDisk() throws Exception {
        MappedFile libjvm = RealCores.libjvm(core).orElseThrow();
        Path onDisk = jdk().resolve("lib/server/libjvm.so").toRealPath();
        assertEquals(onDisk.toString(), libjvm.path());
        String readelf = RealCores.readelfBuildId(onDisk);
        assertEquals(Optional.of(readelf), BuildIds.ofMapped(core, libjvm.path()));
        assertEquals(Optional.of(readelf), BuildIds.ofFile(onDisk));
        assertEquals(0x464c457f, core.memory().readInt(libjvm.start()));
    }

    @Test
    void versionIsTheOneJavaPrints() throws Exception {
        String expected = RealCores.javaRuntimeVersion(jdk());
        assertEquals(Optional.of(new JvmVersion(expected)), JvmVersion.find(core));
        assertEquals(Optional.of(new JvmVersion(expected)), JvmVersion.ofJdk(jdk()));
    }

    @Test
    void processSignalAndExecutable() {
        assertEquals((int) made.pid(), core.processInfo().orElseThrow().pid());
        assertEquals("java", core.processInfo().orElseThrow().fname());
        assertTrue(core.threadIds().size() > 5, () -> "threads: " + core.threadIds());
        assertEquals(new HashSet<>(core.threadIds()).size(), core.threadIds().size());
        CoreSignal signal = core.signal().orElseThrow();
        if (made.viaGcore()) {
            assertTrue(core.isGcore());
        } else {
            assertFalse(core.isGcore());
            assertEquals("SIGABRT", signal.name());
            assertEquals(6, signal.cursig());
            assertTrue(signal.senderPid().isPresent());
            assertEquals(signal.tid(), core.threadIds().get(0));
        }
        assertEquals(Optional.of(jdk().resolve("bin/java").toString()), core.execFn());
        assertEquals(Optional.of(jdk().resolve("bin/java").toString()), core.executablePath());
        assertEquals(Optional.empty(), core.truncation());
    }

    @Test
    void locatorPicksThisJdk() throws Exception {
        JdkLocator.Options options = JdkLocator.Options.defaults().withJavaHome(Optional.empty());
        try (JdkLocation l = new JdkLocator(options).locate(core)) {
            assertEquals(jdk().toRealPath(), l.jdkHome());
            assertEquals(jdk().resolve("bin/java"), l.exe());
            assertEquals(Optional.empty(), l.saAltRoot());
            assertEquals(Optional.of(new JvmVersion(RealCores.javaRuntimeVersion(jdk()))), l.version());
            assertEquals(Optional.of(RealCores.readelfBuildId(jdk().resolve("lib/server/libjvm.so"))), l.buildId());
            assertEquals(List.of(), l.notes());
        }
    }

    @Test
    void theOtherJdkIsRefused() throws Exception {
        String version = RealCores.javaRuntimeVersion(jdk());
        String id = RealCores.readelfBuildId(jdk().resolve("lib/server/libjvm.so"));
        String otherVersion = RealCores.javaRuntimeVersion(otherJdk());
        String otherId = RealCores.readelfBuildId(otherJdk().resolve("lib/server/libjvm.so"));
        String expected = core.path() + ": written by JDK " + version + " (libjvm build-id " + id.substring(0, 8)
                + "…); --jdk " + otherJdk() + " is JDK " + otherVersion + " (libjvm build-id " + otherId.substring(0, 8)
                + "…): SA opens only cores of its own feature release";
        JdkLocator.Options options = JdkLocator.Options.defaults().withJdk(otherJdk());
        assertEquals(expected, assertThrows(CoreFileException.class, () -> new JdkLocator(options).locate(core))
                .getMessage());
        assertEquals(expected, assertThrows(CoreFileException.class,
                () -> new JdkLocator(options.withForce(true)).locate(core)).getMessage());
    }

    @Test
    void truncatedCopyOpensAndReadsWhatIsLeft() throws Exception {
        long full = Files.size(core.path());
        long keep = full * 3 / 5;
        Path cut = work.resolve("core.truncated");
        try (FileChannel in = FileChannel.open(core.path(), StandardOpenOption.READ);
             FileChannel out = FileChannel.open(cut, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                     PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            long done = 0;
            while (done < keep) {
                done += in.transferTo(done, keep - done, out);
            }
        }
        try (ElfCore truncated = ElfCore.open(cut)) {
            Truncation t = truncated.truncation().orElseThrow();
            assertEquals(full, t.expectedBytes());
            assertEquals(keep, t.presentBytes());
            assertTrue(t.cutSegments() > 0);
            assertEquals("truncated core: " + (keep >> 20) + " MB of " + (full >> 20) + " MB present (segments past offset "
                    + keep + " missing)", t.describe());
            assertEquals(core.mappedFiles(), truncated.mappedFiles());
            int whole = 0;
            int lost = 0;
            for (LoadSegment s : truncated.segments()) {
                if (s.fileSize() < 8) {
                    continue;
                }
                if (s.fileOffset() + s.fileSize() <= keep) {
                    byte[] a = new byte[8];
                    byte[] b = new byte[8];
                    core.memory().read(s.vaddr() + s.fileSize() - 8, a, 0, 8);
                    truncated.memory().read(s.vaddr() + s.fileSize() - 8, b, 0, 8);
                    assertArrayEquals(a, b);
                    whole++;
                } else if (s.fileOffset() >= keep) {
                    assertFalse(truncated.memory().isReadable(s.vaddr(), 1));
                    assertThrows(UnreadableMemoryException.class, () -> truncated.memory().readLong(s.vaddr()));
                    lost++;
                }
            }
            String counts = "segments kept/lost: " + whole + "/" + lost;
            assertTrue(whole > 0 && lost > 0, counts);
        } finally {
            Files.delete(cut);
        }
    }
}
