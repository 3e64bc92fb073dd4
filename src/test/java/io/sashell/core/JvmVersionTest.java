package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sashell.core.SyntheticCore.FileEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmVersionTest {
    private static final String INFO17 = "OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1) for linux-amd64 JRE"
            + " (17.0.15+6-Debian-1deb12u1), built on May  1 2025 09:21:09 by \"buildd\" with gcc 12.2.0\0";
    private static final String INFO25 = "OpenJDK 64-Bit Server VM (25.0.3+9-LTS) for linux-amd64 JRE (25.0.3+9-LTS),"
            + " built on 2026-04-21T00:00:00Z with gcc 14.2.0\0";

    @TempDir
    Path dir;

    @Test
    void parsesAndKnowsTheFeatureRelease() {
        assertEquals(17, JvmVersion.parse("17.0.15+6-Debian-1deb12u1").orElseThrow().feature());
        assertEquals(25, JvmVersion.parse("25.0.3+9-LTS").orElseThrow().feature());
        assertEquals(21, JvmVersion.parse("21").orElseThrow().feature());
        assertEquals(26, JvmVersion.parse("26-ea+3").orElseThrow().feature());
        assertEquals("25.0.3+9-LTS", new JvmVersion("25.0.3+9-LTS").toString());
        assertEquals(Optional.empty(), JvmVersion.parse("garbage"));
        assertEquals(Optional.empty(), JvmVersion.parse(""));
        assertThrows(IllegalArgumentException.class, () -> new JvmVersion("17.0 with spaces"));
    }

    @Test
    void versionOfAJdkFromItsReleaseFile() throws Exception {
        Path home = Files.createDirectory(dir.resolve("jdk"));
        SyntheticCore.writePrivate(home.resolve("release"), ("IMPLEMENTOR=\"Eclipse Adoptium\"\n"
                + "JAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\nJAVA_VERSION=\"25.0.3\"\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(new JvmVersion("25.0.3+9-LTS")), JvmVersion.ofJdk(home));
        assertEquals(Optional.empty(), JvmVersion.ofJdk(dir.resolve("nothing-here")));
    }

    @Test
    void releaseFileWithoutRuntimeVersion() throws Exception {
        Path home = Files.createDirectory(dir.resolve("jdk"));
        SyntheticCore.writePrivate(home.resolve("release"), "JAVA_VERSION=\"1.8.0\"\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), JvmVersion.ofJdk(home));
    }

    @Test
    void findsTheInfoStringInAnonymousMemory() throws Exception {
        byte[] heap = new byte[0x3000];
        byte[] info = INFO17.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(info, 0, heap, 0x1ff0, info.length);
        Path f = new SyntheticCore().segment(0x10000, heap.length, heap).write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(Optional.of(new JvmVersion("17.0.15+6-Debian-1deb12u1")), JvmVersion.find(core));
        }
    }

    @Test
    void findsTheInfoStringAcrossAScanChunk() throws Exception {
        byte[] heap = new byte[(1 << 20) + 0x1000];
        byte[] info = INFO25.getBytes(StandardCharsets.US_ASCII);
        int at = (1 << 20) - 60;
        System.arraycopy(info, 0, heap, at, info.length);
        Path f = new SyntheticCore().segment(0x10000, heap.length, heap).write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(Optional.of(new JvmVersion("25.0.3+9-LTS")), JvmVersion.find(core));
        }
    }

    @Test
    void libjvmReadOnlyDataComesBeforeAnonymousMemory() throws Exception {
        byte[] rodata = new byte[0x1000];
        byte[] real = INFO25.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(real, 0, rodata, 0x100, real.length);
        byte[] heap = new byte[0x1000];
        // A stray copy of another version (say a string in a malloc'd buffer) must not win.
        byte[] stray = INFO17.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stray, 0, heap, 0x10, stray.length);
        long lib = 0x7f0000000000L;
        Path f = new SyntheticCore()
                .files(4096, new FileEntry(lib, lib + 0x1000, 0x100, "/opt/jdk/lib/server/libjvm.so"))
                .segment(0x10000, heap.length, heap)
                .segment(lib, rodata.length, rodata, SyntheticCore.R)
                .write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(Optional.of(new JvmVersion("25.0.3+9-LTS")), JvmVersion.find(core));
        }
    }

    @Test
    void noInfoStringNoVersion() throws Exception {
        byte[] heap = "for linux-amd64 JRE (not a version) and for linux-amd64 JRE (".getBytes(StandardCharsets.US_ASCII);
        Path f = new SyntheticCore().segment(0x10000, heap.length, heap).write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(Optional.empty(), JvmVersion.find(core));
        }
    }
}
