package io.sashell.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.luben.zstd.ZstdOutputStream;

/** Bundles written and read back, and every way a bundle can be bad. */
class BundleFilesTest {
    @TempDir
    Path tmp;

    private static BundleManifest manifest(String arch, String glibc) {
        return new BundleManifest(BundleManifest.FORMAT, BundleManifest.FORMAT_VERSION, "sa-shell test",
                "2025-01-01T00:00:00Z", "crashed-host", "linux", arch, "core/core.42", "/var/crash/core.42", 42,
                "25.0.3+9-LTS", "/usr/lib/jvm/x", "abcd", glibc, "runtime", "root", "", List.of());
    }

    private List<BundleWriter.Item> items() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] big = new byte[3 << 20];
        new Random(7).nextBytes(big);
        Files.write(src.resolve("core"), big);
        Files.writeString(src.resolve("java"), "#!/bin/sh\n");
        Files.write(src.resolve("empty"), new byte[0]);
        return List.of(new BundleWriter.Item("core/core.42", src.resolve("core"), false),
                new BundleWriter.Item("runtime/bin/java", src.resolve("java"), true),
                new BundleWriter.Item("root/usr/lib/jvm/x/lib/server/" + "l".repeat(120) + ".so", src.resolve("empty"), false));
    }

    private Path write(String name) throws Exception {
        Path out = tmp.resolve(name);
        BundleWriter.write(out, manifest("x86_64", "2.17"), items(), 3, 2);
        return out;
    }

    @Test
    void writtenBundleUnpacksToTheSameFilesWithPrivateModes() throws Exception {
        Path bundle = write("a.bundle");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle)));
        assertTrue(BundleReader.looksLikeBundle(bundle));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("a.bundle", "src"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left");
        }
        BundleManifest m = BundleReader.readManifest(bundle);
        assertEquals("crashed-host", m.host());
        assertEquals(3, m.files().size());
        assertEquals(3 << 20, m.file("core/core.42").orElseThrow().size());
        assertEquals(Sha256.ofFile(tmp.resolve("src/core")), m.file("core/core.42").orElseThrow().sha256());

        Path dir = Files.createDirectory(tmp.resolve("out"));
        BundleReader.unpack(bundle, dir);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("src/core")), Files.readAllBytes(dir.resolve("core/core.42")));
        assertEquals("rw-------", mode(dir.resolve("core/core.42")));
        assertEquals("rwx------", mode(dir.resolve("runtime/bin/java")));
        assertEquals("rwx------", mode(dir.resolve("runtime/bin")));
        assertEquals(0, Files.size(dir.resolve("root/usr/lib/jvm/x/lib/server/" + "l".repeat(120) + ".so")));
        assertEquals(m, BundleManifest.parse(Files.readAllBytes(dir.resolve("manifest.json")), "x"));
    }

    @Test
    void anExistingOutputIsNeverOverwritten() throws Exception {
        Path out = Files.writeString(tmp.resolve("taken.bundle"), "mine");
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> BundleWriter.write(out, manifest("x86_64", ""), items(), 3, 1));
        assertEquals("mine", Files.readString(out));
    }

    @Test
    void truncatedBundleIsRefusedInOneLine() throws Exception {
        Path bundle = write("b.bundle");
        byte[] all = Files.readAllBytes(bundle);
        Path cut = Files.write(tmp.resolve("cut.bundle"), java.util.Arrays.copyOf(all, all.length / 2));
        BundleException e = assertThrows(BundleException.class,
                () -> BundleReader.unpack(cut, Files.createDirectory(tmp.resolve("o"))));
        assertEquals(cut + ": damaged bundle (truncated or corrupted: Truncated source)", e.getMessage());
    }

    @Test
    void alteredByteIsRefused() throws Exception {
        Path bundle = write("c.bundle");
        byte[] all = Files.readAllBytes(bundle);
        all[all.length / 2] ^= 0x40;
        Path bad = Files.write(tmp.resolve("bad.bundle"), all);
        BundleException e = assertThrows(BundleException.class,
                () -> BundleReader.unpack(bad, Files.createDirectory(tmp.resolve("o"))));
        assertTrue(e.getMessage().startsWith(bad + ": damaged bundle"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** A bundle made by hand: the manifest's checksum of a file is not the file's. */
    @Test
    void checksumMismatchNamesTheFile() throws Exception {
        BundleManifest m = manifest("x86_64", "").withFiles(List.of(
                new BundleManifest.Entry("core/core.42", 5, "00".repeat(32), false)));
        Path bundle = handMade("sum.bundle", m, List.<String[]>of(new String[] {"core/core.42", "hello"}));
        BundleException e = assertThrows(BundleException.class,
                () -> BundleReader.unpack(bundle, Files.createDirectory(tmp.resolve("o"))));
        assertEquals(bundle + ": damaged bundle: the SHA-256 of core/core.42 differs from its manifest's", e.getMessage());
    }

    @Test
    void entriesMustMatchTheManifestExactly() throws Exception {
        String sum = Sha256.hex("hello".getBytes(StandardCharsets.UTF_8));
        BundleManifest m = manifest("x86_64", "").withFiles(List.of(
                new BundleManifest.Entry("core/core.42", 5, sum, false),
                new BundleManifest.Entry("runtime/bin/java", 5, sum, true)));
        Path missing = handMade("missing.bundle", m, List.<String[]>of(new String[] {"core/core.42", "hello"}));
        assertEquals(missing + ": damaged bundle: 1 of 2 files missing (first: runtime/bin/java); was it cut short"
                + " while copying?", assertThrows(BundleException.class,
                        () -> BundleReader.unpack(missing, Files.createDirectory(tmp.resolve("o1")))).getMessage());
        Path extra = handMade("extra.bundle", m, List.<String[]>of(new String[] {"core/core.42", "hello"},
                new String[] {"runtime/bin/java", "hello"}, new String[] {"runtime/bin/sh", "hello"}));
        assertEquals(extra + ": damaged bundle: entry runtime/bin/sh is not in its manifest",
                assertThrows(BundleException.class,
                        () -> BundleReader.unpack(extra, Files.createDirectory(tmp.resolve("o2")))).getMessage());
        Path evil = handMade("evil.bundle", m, List.<String[]>of(new String[] {"../../etc/evil", "hello"}));
        assertEquals(evil + ": not a sa-shell bundle: unsafe entry name \"../../etc/evil\"",
                assertThrows(BundleException.class,
                        () -> BundleReader.unpack(evil, Files.createDirectory(tmp.resolve("o3")))).getMessage());
        assertFalse(Files.exists(tmp.resolve("etc")));
    }

    @Test
    void otherFilesAreNotBundles() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertFalse(BundleReader.looksLikeBundle(text));
        assertEquals(text + ": not a sa-shell bundle (it is not zstd-compressed)",
                assertThrows(BundleException.class, () -> BundleReader.readManifest(text)).getMessage());
        Path zst = tmp.resolve("core.zst");
        try (OutputStream o = new ZstdOutputStream(Files.newOutputStream(zst))) {
            o.write(new byte[4096]);
        }
        assertTrue(BundleReader.looksLikeBundle(zst));
        assertTrue(assertThrows(BundleException.class, () -> BundleReader.readManifest(zst)).getMessage()
                .startsWith(zst + ": not a sa-shell bundle: a zstd file that does not start with manifest.json"));
        assertEquals(tmp.resolve("nope") + ": no such file",
                assertThrows(BundleException.class, () -> BundleReader.readManifest(tmp.resolve("nope"))).getMessage());
    }

    @Test
    void manifestOfAnotherArchitectureOrANewerGlibcIsRefused() {
        assertEquals(Optional.empty(), manifest("x86_64", "2.34").refusal("linux", "x86_64", Optional.of("2.36")));
        assertEquals(Optional.empty(), manifest("x86_64", "2.34").refusal("linux", "x86_64", Optional.empty()));
        assertEquals(Optional.of("holds a core and a JDK of linux/aarch64, this machine is linux/x86_64: open it on a"
                + " linux/aarch64 machine (or a container of one)"),
                manifest("aarch64", "2.17").refusal("linux", "x86_64", Optional.of("2.36")));
        assertEquals(Optional.of("its JDK runtime needs glibc 2.34 or newer, this machine has 2.31: open it in a"
                + " container of a newer Linux"), manifest("x86_64", "2.34").refusal("linux", "x86_64", Optional.of("2.31")));
    }

    @Test
    void newerFormatsAndForeignManifestsAreRefused() {
        String json = new String(manifest("x86_64", "").withFiles(List.of(new BundleManifest.Entry("core/core.42", 1,
                "00", false))).toJson(), StandardCharsets.UTF_8);
        assertTrue(assertThrows(BundleException.class, () -> BundleManifest.parse(
                json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 9").getBytes(StandardCharsets.UTF_8), "b"))
                .getMessage().startsWith("b: bundle format 9 is newer than this sa-shell reads (1)"));
        assertEquals("b: not a sa-shell bundle: its manifest says format \"other\"", assertThrows(BundleException.class,
                () -> BundleManifest.parse(json.replace("sa-shell bundle", "other").getBytes(StandardCharsets.UTF_8), "b"))
                .getMessage());
    }

    @Test
    void cacheUnpacksOnceAndNeverServesADamagedCopy() throws Exception {
        Path bundle = write("d.bundle");
        Path root = Files.createDirectory(tmp.resolve("cache"));
        BundleCache cache = new BundleCache(root);
        List<String> progress = new ArrayList<>();
        UnpackedBundle first = cache.open(bundle, m -> { }, progress::add);
        assertTrue(first.freshlyUnpacked());
        assertEquals(1, progress.size());
        assertEquals("rwx------", mode(first.dir()));
        assertTrue(Files.isRegularFile(first.core()));
        UnpackedBundle again = cache.open(bundle, m -> { }, progress::add);
        assertFalse(again.freshlyUnpacked());
        assertEquals(first.dir(), again.dir());
        assertEquals(Optional.of(first.dir()), cache.find(bundle).map(UnpackedBundle::dir));

        byte[] all = Files.readAllBytes(bundle);
        Path copy = Files.write(tmp.resolve("copy.bundle"), java.util.Arrays.copyOf(all, all.length - 100));
        assertThrows(BundleException.class, () -> cache.open(copy, m -> { }, progress::add));
        assertEquals(Optional.empty(), cache.find(copy));
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(2, s.count(), "the unpacked bundle and the stamps; nothing of the damaged copy");
        }
        BundleException refused = assertThrows(BundleException.class,
                () -> cache.open(bundle, m -> { throw new BundleException("refused"); }, progress::add));
        assertEquals("refused", refused.getMessage());
    }

    @Test
    void glibcVersionsCompareNumerically() throws Exception {
        assertTrue(GlibcVersions.compare("2.9", "2.34") < 0);
        assertTrue(GlibcVersions.compare("2.34", "2.3.4") > 0);
        assertEquals(0, GlibcVersions.compare("2.17", "2.17.0"));
        assertEquals(Optional.empty(), GlibcVersions.required(Files.writeString(tmp.resolve("x"), "not elf")));
        // Debian 12's JDK 17 is built against glibc 2.34+; Temurin builds need 2.17 (checked with objdump -T).
        assertEquals(Optional.of("2.34"),
                GlibcVersions.required(io.sashell.testkit.Jdks.JDK17.resolve("lib/server/libjvm.so")));
        assertEquals(Optional.of("2.17"),
                GlibcVersions.required(io.sashell.testkit.Jdks.JDK25.resolve("lib/server/libjvm.so")));
    }

    private Path handMade(String name, BundleManifest m, List<String[]> entries) throws IOException {
        Path out = tmp.resolve(name);
        try (OutputStream file = Files.newOutputStream(out);
             ZstdOutputStream z = new ZstdOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(z)) {
            z.setChecksum(true);
            put(tar, BundleManifest.NAME, m.toJson());
            for (String[] e : entries) {
                put(tar, e[0], e[1].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
