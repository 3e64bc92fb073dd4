package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sashell.core.SyntheticCore.FileEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildIdsTest {
    private static final String ID = "97da31b249941f25ff26a6126471221bb579d67f";
    private static final byte[] ID_BYTES = HexFormat.of().parseHex(ID);

    @TempDir
    Path dir;

    @Test
    void buildIdOfAFileOnDisk() throws Exception {
        Path lib = SyntheticCore.writePrivate(dir.resolve("libjvm.so"), SyntheticCore.elfObject(ID_BYTES, 4096));
        assertEquals(Optional.of(ID), BuildIds.ofFile(lib));
    }

    @Test
    void fileWithoutBuildId() throws Exception {
        Path lib = SyntheticCore.writePrivate(dir.resolve("lib.so"), SyntheticCore.elfObject(null, 4096));
        assertEquals(Optional.empty(), BuildIds.ofFile(lib));
    }

    @Test
    void notElfOrTooShort() throws Exception {
        Path text = SyntheticCore.writePrivate(dir.resolve("release"),
                "JAVA_VERSION=\"17\"\n".repeat(10).getBytes(StandardCharsets.US_ASCII));
        Path tiny = SyntheticCore.writePrivate(dir.resolve("tiny"), new byte[] {0x7f, 'E', 'L', 'F'});
        assertEquals(Optional.empty(), BuildIds.ofFile(text));
        assertEquals(Optional.empty(), BuildIds.ofFile(tiny));
    }

    @Test
    void buildIdFromSectionHeadersWhenNoProgramHeaders() throws Exception {
        byte[] elf = SyntheticCore.elfObject(ID_BYTES, 4096);
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long noteOffset = b.getLong(64 + 8);
        long noteSize = b.getLong(64 + 32);
        b.putShort(56, (short) 0);
        int shoff = 1024;
        b.putLong(40, shoff).putShort(58, (short) 64).putShort(60, (short) 1);
        b.putInt(shoff + 4, 7).putLong(shoff + 24, noteOffset).putLong(shoff + 32, noteSize);
        Path obj = SyntheticCore.writePrivate(dir.resolve("debug.o"), elf);
        assertEquals(Optional.of(ID), BuildIds.ofFile(obj));
    }

    @Test
    void buildIdOfAFileMappedInTheCore() throws Exception {
        for (long pageSize : new long[] {4096, 1}) {
            long base = 0x7f0000000000L;
            Path f = new SyntheticCore()
                    .files(pageSize, new FileEntry(base, base + 0x1000, 0, "/opt/jdk/lib/server/libjvm.so"),
                            new FileEntry(base + 0x1000, base + 0x3000, 0x1000 / pageSize,
                                    "/opt/jdk/lib/server/libjvm.so"))
                    .segment(base, 0x1000, SyntheticCore.elfObject(ID_BYTES, 0x1000), SyntheticCore.R)
                    .write(dir.resolve("core" + pageSize));
            try (ElfCore core = ElfCore.open(f)) {
                assertEquals(Optional.of(ID), BuildIds.ofMapped(core, "/opt/jdk/lib/server/libjvm.so"));
                assertEquals(Optional.empty(), BuildIds.ofMapped(core, "/opt/jdk/lib/libjava.so"));
            }
        }
    }

    @Test
    void deletedMappedFileIsFoundByItsPath() throws Exception {
        long base = 0x7f0000000000L;
        Path f = new SyntheticCore()
                .files(4096, new FileEntry(base, base + 0x1000, 0, "/opt/jdk/lib/server/libjvm.so (deleted)"))
                .segment(base, 0x1000, SyntheticCore.elfObject(ID_BYTES, 0x1000), SyntheticCore.R)
                .write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(Optional.of(ID), BuildIds.ofMapped(core, "/opt/jdk/lib/server/libjvm.so"));
        }
    }

    @Test
    void headerPageNotDumped() throws Exception {
        long base = 0x7f0000000000L;
        Path f = new SyntheticCore()
                .files(4096, new FileEntry(base, base + 0x1000, 0, "/opt/jdk/lib/server/libjvm.so"))
                .segment(base, 0x1000, new byte[0], SyntheticCore.R)
                .write(dir.resolve("core"));
        try (ElfCore core = ElfCore.open(f)) {
            assertEquals(Optional.empty(), BuildIds.ofMapped(core, "/opt/jdk/lib/server/libjvm.so"));
        }
    }
}
