package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sashell.core.SyntheticCore.FileEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfCoreTest {
    @TempDir
    Path dir;

    private String openError(Path file) {
        return assertThrows(CoreFileException.class, () -> ElfCore.open(file).close()).getMessage();
    }

    @Test
    void notAnElfFile() throws IOException {
        Path f = SyntheticCore.writePrivate(dir.resolve("notes.txt"), "hello, world\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(f + ": not an ELF file", openError(f));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = SyntheticCore.writePrivate(dir.resolve("empty"), new byte[0]);
        assertEquals(f + ": not an ELF file (empty file)", openError(f));
    }

    @Test
    void shortElfHeader() throws IOException {
        Path f = SyntheticCore.writePrivate(dir.resolve("short"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1});
        assertEquals(f + ": truncated ELF header (6 bytes)", openError(f));
    }

    @Test
    void executableIsNotACore() throws IOException {
        Path f = new SyntheticCore().type(2).write(dir.resolve("a.out"));
        assertEquals(f + ": an ELF file but not a core (type EXEC)", openError(f));
    }

    @Test
    void sharedObjectIsNotACore() throws IOException {
        Path f = new SyntheticCore().type(3).write(dir.resolve("lib.so"));
        assertEquals(f + ": an ELF file but not a core (type DYN)", openError(f));
    }

    @Test
    void thirtyTwoBitCoreIsRefused() throws IOException {
        Path f = new SyntheticCore().elfClass(1).write(dir.resolve("core32"));
        assertEquals(f + ": a 32-bit ELF file; only 64-bit x86-64 cores are supported", openError(f));
    }

    @Test
    void bigEndianCoreIsRefused() throws IOException {
        Path f = new SyntheticCore().byteOrder(2).write(dir.resolve("core-be"));
        assertEquals(f + ": a big-endian ELF file; only little-endian x86-64 cores are supported", openError(f));
    }

    @Test
    void otherMachineIsRefused() throws IOException {
        Path f = new SyntheticCore().machine(183).write(dir.resolve("core-arm"));
        assertEquals(f + ": a core of machine aarch64; only x86-64 cores are supported", openError(f));
    }

    @Test
    void missingFileAndDirectory() {
        Path missing = dir.resolve("nope");
        assertEquals(missing + ": no such file", openError(missing));
        assertEquals(dir + ": is a directory, not a core file", openError(dir));
    }

    @Test
    void programHeadersCutOff() throws IOException {
        byte[] full = new SyntheticCore().segment(0x1000, 0x10, new byte[16]).bytes();
        byte[] cut = new byte[100];
        System.arraycopy(full, 0, cut, 0, cut.length);
        Path f = SyntheticCore.writePrivate(dir.resolve("core"), cut);
        assertEquals(f + ": truncated core: program headers missing (file is 100 bytes, headers end at 176)",
                openError(f));
    }

    @Test
    void segmentsAreSortedAndDescribed() throws Exception {
        Path f = new SyntheticCore()
                .segment(0x7000, 0x2000, new byte[0x1000], SyntheticCore.R)
                .segment(0x1000, 0x10, new byte[0x10])
                .write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            List<LoadSegment> s = core.segments();
            assertEquals(2, s.size());
            assertEquals(0x1000, s.get(0).vaddr());
            assertEquals(0x10, s.get(0).memSize());
            assertEquals(0x10, s.get(0).fileSize());
            assertTrue(s.get(0).isWritable());
            assertEquals(0x7000, s.get(1).vaddr());
            assertEquals(0x2000, s.get(1).memSize());
            assertEquals(0x1000, s.get(1).fileSize());
            assertFalse(s.get(1).isWritable());
            assertTrue(s.get(1).isReadable());
            assertEquals(Optional.empty(), core.truncation());
            assertEquals(Files.size(f), core.fileLength());
        }
    }

    @Test
    void processSignalThreadsAndAuxv() throws Exception {
        byte[] stack = new byte[0x100];
        byte[] execFn = "/opt/app/bin/java\0".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(execFn, 0, stack, 0x40, execFn.length);
        Path f = new SyntheticCore()
                .prstatus(4242, 6)
                .prpsinfo(4241, 1, 1000, 1001, "java", "/opt/app/bin/java -Xmx1g -cp app.jar Main ")
                .siginfo(6, -6, 4241)
                .auxv(ElfCore.AT_PAGESZ, 4096, ElfCore.AT_ENTRY, 0x400123, ElfCore.AT_EXECFN, 0x7ffd0040)
                .files(4096, new FileEntry(0x400000, 0x401000, 0, "/opt/app/bin/java"),
                        new FileEntry(0x401000, 0x402000, 1, "/opt/app/bin/java"))
                .prstatus(4243, 0)
                .prstatus(4244, 0)
                .segment(0x7ffd0000, 0x100, stack)
                .write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(Optional.of(new ProcessInfo(4241, 1, 1000, 1001, "java",
                    "/opt/app/bin/java -Xmx1g -cp app.jar Main")), core.processInfo());
            CoreSignal signal = core.signal().orElseThrow();
            assertEquals(new CoreSignal(6, -6, 4242, 6, OptionalInt.of(4241), OptionalLong.empty()), signal);
            assertEquals("SIGABRT", signal.name());
            assertEquals(List.of(4242, 4243, 4244), core.threadIds());
            assertEquals(Map.of(ElfCore.AT_PAGESZ, 4096L, ElfCore.AT_ENTRY, 0x400123L, ElfCore.AT_EXECFN, 0x7ffd0040L),
                    core.auxv());
            assertEquals(OptionalLong.of(4096), core.auxv(ElfCore.AT_PAGESZ));
            assertEquals(Optional.of("/opt/app/bin/java"), core.execFn());
            assertEquals(Optional.of("/opt/app/bin/java"), core.executablePath());
            assertFalse(core.isGcore());
        }
    }

    @Test
    void segfaultHasFaultAddress() throws Exception {
        Path f = new SyntheticCore().prstatus(7, 11).siginfo(11, 1, 0xdeadbeefL).write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(new CoreSignal(11, 1, 7, 11, OptionalInt.empty(), OptionalLong.of(0xdeadbeefL)),
                    core.signal().orElseThrow());
            assertEquals("SIGSEGV", core.signal().orElseThrow().name());
        }
    }

    @Test
    void withoutSiginfoTheThreadsSignalIsUsed() throws Exception {
        Path f = new SyntheticCore().prstatus(7, 11).write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(new CoreSignal(11, 0, 7, 11, OptionalInt.empty(), OptionalLong.empty()),
                    core.signal().orElseThrow());
        }
    }

    @Test
    void gcoreSignalsAndNote() throws Exception {
        // gcore writes one NT_SIGINFO per thread and a GDB note; the first belongs to the first thread.
        Path f = new SyntheticCore().prstatus(100, 0).siginfo(19, 128, 0).prstatus(101, 0).siginfo(19, 128, 0)
                .note("GDB", 0xff, "<target/>".getBytes(StandardCharsets.US_ASCII))
                .write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertTrue(core.isGcore());
            assertEquals(new CoreSignal(19, 128, 100, 0, OptionalInt.empty(), OptionalLong.empty()),
                    core.signal().orElseThrow());
            assertEquals("SIGSTOP", core.signal().orElseThrow().name());
        }
    }

    @Test
    void mappedFilesWithKernelPageSize() throws Exception {
        Path f = new SyntheticCore().files(4096,
                        new FileEntry(0x7f0000000000L, 0x7f0000001000L, 0, "/usr/lib/jvm/x/lib/server/libjvm.so"),
                        new FileEntry(0x7f0000001000L, 0x7f0000005000L, 0x251, "/usr/lib/jvm/x/lib/server/libjvm.so"),
                        new FileEntry(0x7f1000000000L, 0x7f1000002000L, 3, "/tmp/gone.so (deleted)"))
                .write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            List<MappedFile> files = core.mappedFiles();
            assertEquals(List.of(
                    new MappedFile(0x7f0000000000L, 0x7f0000001000L, 0, "/usr/lib/jvm/x/lib/server/libjvm.so"),
                    new MappedFile(0x7f0000001000L, 0x7f0000005000L, 0x251000, "/usr/lib/jvm/x/lib/server/libjvm.so"),
                    new MappedFile(0x7f1000000000L, 0x7f1000002000L, 0x3000, "/tmp/gone.so (deleted)")), files);
            assertTrue(files.get(2).isDeleted());
            assertEquals("/tmp/gone.so", files.get(2).filePath());
            assertEquals(0x4000, files.get(1).size());
            assertEquals(Optional.of(files.get(1)), core.mappedFileAt(0x7f0000004fffL));
            assertEquals(Optional.empty(), core.mappedFileAt(0x7f0000005000L));
            assertEquals(Optional.of(files.get(0)), core.headerMapping("/usr/lib/jvm/x/lib/server/libjvm.so"));
            assertEquals(Optional.empty(), core.headerMapping("/tmp/gone.so"));
        }
    }

    @Test
    void mappedFilesWithGcorePageSizeOne() throws Exception {
        Path f = new SyntheticCore().files(1,
                        new FileEntry(0x7f0000000000L, 0x7f0000001000L, 0, "/lib/a.so"),
                        new FileEntry(0x7f0000001000L, 0x7f0000005000L, 0x251000, "/lib/a.so"))
                .write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(0x251000, core.mappedFiles().get(1).fileOffset());
            assertEquals(0, core.mappedFiles().get(0).fileOffset());
        }
    }

    @Test
    void corruptFileNoteIsReported() throws Exception {
        byte[] desc = SyntheticCore.le(40).putLong(0, 1000).putLong(8, 4096).array();
        Path f = new SyntheticCore().note("CORE", ElfCore.NT_FILE, desc).write(dir.resolve("core"));
        assertEquals(f + ": corrupt NT_FILE note (1000 entries do not fit in 40 bytes)", openError(f));
    }

    @Test
    void truncatedCoreOpensAndReportsWhatIsMissing() throws Exception {
        SyntheticCore c = new SyntheticCore().prstatus(1, 6)
                .segment(0x1000, 0x1000, SyntheticCore.filled(0x1000, 1))
                .segment(0x3000, 0x1000, SyntheticCore.filled(0x1000, 2))
                .segment(0x5000, 0x1000, SyntheticCore.filled(0x1000, 3));
        int full = c.bytes().length;
        int keep = full - 0x1000 - 0x800;
        Path f = c.truncateTo(keep).write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            Truncation t = core.truncation().orElseThrow();
            assertEquals(full, t.expectedBytes());
            assertEquals(keep, t.presentBytes());
            assertEquals(0x1800, t.missingBytes());
            assertEquals(2, t.cutSegments());
            assertEquals("truncated core: " + keep / 1024 + " KB of " + full / 1024
                    + " KB present (segments past offset " + keep + " missing)", t.describe());
            CoreMemory m = core.memory();
            assertEquals(SyntheticCore.filled(0x1000, 1)[0x123], m.readByte(0x1123));
            assertEquals(SyntheticCore.filled(0x1000, 2)[0x7ff], m.readByte(0x37ff));
            assertTrue(m.isReadable(0x3000, 0x800));
            assertFalse(m.isReadable(0x3000, 0x801));
            assertEquals(0x3800, assertThrows(UnreadableMemoryException.class, () -> m.readByte(0x3800)).address());
            assertThrows(UnreadableMemoryException.class, () -> m.readLong(0x37fc));
            assertThrows(UnreadableMemoryException.class, () -> m.readInt(0x5000));
            assertFalse(m.isReadable(0x5000, 1));
            assertEquals(1, core.threadIds().size());
        }
    }

    @Test
    void truncationMessageInMegabytes() {
        Truncation t = new Truncation(600L << 20, 412L << 20, 37);
        assertEquals("truncated core: 412 MB of 600 MB present (segments past offset 432013312 missing)",
                t.describe());
    }

    @Test
    void inputIsNeverWritten() throws Exception {
        Path f = new SyntheticCore().prstatus(1, 6).segment(0x1000, 0x1000, SyntheticCore.filled(0x1000, 9))
                .write(dir.resolve("core"));
        byte[] before = Files.readAllBytes(f);
        var modified = Files.getLastModifiedTime(f);
        try (ElfCore core = ElfCore.open(f)) {
            core.memory().readLong(0x1000);
        }
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(modified, Files.getLastModifiedTime(f));
    }
}
