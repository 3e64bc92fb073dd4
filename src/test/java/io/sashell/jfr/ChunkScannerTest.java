package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkScannerTest {
    @TempDir
    static Path dir;
    static Path one;
    static long size;

    @BeforeAll
    static void record() throws IOException {
        one = TestRecordings.record(dir.resolve("one.jfr"), 1000);
        size = Files.size(one);
    }

    private static Map<String, Long> counts(ChunkScan s) {
        Map<String, Long> m = new HashMap<>();
        s.types().forEach(t -> m.put(t.name(), t.count()));
        return m;
    }

    @Test
    void countsEqualTheJdksAndEveryByteIsARecordOrAHeader() throws IOException {
        ChunkScan s = ChunkScanner.scan(one);
        assertEquals(ChunkScan.Format.PLAIN, s.format());
        assertEquals(2, s.major());
        assertEquals(1, s.chunks().size());
        assertEquals(size, s.chunks().get(0).size());
        assertEquals(Optional.empty(), s.damage());
        assertEquals(0, s.lostBytes());
        assertEquals(TestRecordings.jdkCounts(one), new java.util.TreeMap<>(counts(s)));
        assertEquals(1000L, counts(s).get("sashell.Marker"));
        long records = s.types().stream().mapToLong(ChunkScan.TypeBytes::bytes).sum() + s.metadata().bytes()
                + s.checkpoints().bytes();
        assertEquals(size, records + ChunkScanner.HEADER_SIZE);
        assertTrue(s.metadata().count() >= 1);
        assertTrue(s.checkpoints().count() >= 1);
    }

    @Test
    void twoChunksAreCountedTogether() throws IOException {
        Path two = TestRecordings.concat(dir.resolve("two.jfr"), one, one, size);
        ChunkScan s = ChunkScanner.scan(two);
        assertEquals(2, s.chunks().size());
        assertEquals(size, s.chunks().get(1).offset());
        assertEquals(2000L, counts(s).get("sashell.Marker"));
        assertEquals(Optional.empty(), s.damage());
    }

    @Test
    void aCutLastChunkIsLostAndSaidSo() throws IOException {
        long half = size / 2;
        Path cut = TestRecordings.concat(dir.resolve("cut-last.jfr"), one, one, half);
        ChunkScan s = ChunkScanner.scan(cut);
        assertEquals(1, s.chunks().size());
        assertEquals(1000L, counts(s).get("sashell.Marker"));
        assertEquals(size, s.wholeBytes());
        assertEquals(half, s.lostBytes());
        assertEquals(String.format("chunk 2 at byte %,d is cut: %,d of its %,d bytes are in the file; its events are "
                + "lost", size, half, size), s.damage().orElseThrow());
    }

    @Test
    void aSingleChunkOneByteShortHasNothingWhole() throws IOException {
        Path cut = TestRecordings.cut(dir.resolve("short.jfr"), one, size - 1);
        ChunkScan s = ChunkScanner.scan(cut);
        assertEquals(List.of(), s.chunks());
        assertEquals(List.of(), s.types());
        assertEquals(size - 1, s.lostBytes());
        assertEquals(String.format("chunk 1 at byte 0 is cut: %,d of its %,d bytes are in the file; its events are "
                + "lost", size - 1, size), s.damage().orElseThrow());
    }

    @Test
    void aFileCutInsideTheHeader() throws IOException {
        Path cut = TestRecordings.cut(dir.resolve("header.jfr"), one, 40);
        ChunkScan s = ChunkScanner.scan(cut);
        assertEquals(List.of(), s.chunks());
        assertEquals("chunk 1 at byte 0 is cut inside its header (40 bytes left)", s.damage().orElseThrow());
    }

    @Test
    void bytesAfterTheLastChunkThatAreNoChunk() throws IOException {
        Path f = dir.resolve("trailing.jfr");
        Files.write(f, Files.readAllBytes(one));
        Files.write(f, new byte[100], java.nio.file.StandardOpenOption.APPEND);
        ChunkScan s = ChunkScanner.scan(f);
        assertEquals(1, s.chunks().size());
        assertEquals(String.format("the 100 bytes at byte %,d are not a chunk (no FLR magic)", size),
                s.damage().orElseThrow());
    }

    @Test
    void aChunkNeverFinished() throws IOException {
        byte[] b = Files.readAllBytes(one);
        ByteBuffer.wrap(b).putLong(8, 0); // the size field stays 0 while the JVM writes the chunk
        Path f = Files.write(dir.resolve("unfinished.jfr"), b);
        ChunkScan s = ChunkScanner.scan(f);
        assertEquals(List.of(), s.chunks());
        assertEquals(String.format("chunk 1 at byte 0 was never finished (its header gives no size: the JVM was "
                + "still writing it); its %,d bytes are not read", size), s.damage().orElseThrow());
    }

    @Test
    void aChunkStillBeingWrittenIsReadAsOfItsLastFlush() throws IOException {
        byte[] b = Files.readAllBytes(one);
        b[64] = 4; // the file state of a repository chunk after four flushes
        Path f = Files.write(dir.resolve("in-progress.jfr"), b);
        ChunkScan s = ChunkScanner.scan(f);
        assertEquals(1, s.chunks().size());
        assertTrue(s.chunks().get(0).inProgress());
        assertEquals(1000L, counts(s).get("sashell.Marker"));
        assertEquals(String.format("chunk 1 was still being written: it is read as of its last flush (%,d bytes)",
                size), s.damage().orElseThrow());
        Files.write(f, new byte[300], java.nio.file.StandardOpenOption.APPEND);
        assertEquals(String.format("chunk 1 was still being written: it is read as of its last flush (%,d bytes); "
                + "the 300 bytes written after that are lost", size), ChunkScanner.scan(f).damage().orElseThrow());
    }

    @Test
    void randomBytesAreNotARecording() throws IOException {
        byte[] b = new byte[4096];
        new Random(8).nextBytes(b);
        b[0] = 0x12;
        b[1] = 0x34;
        b[2] = 0x56;
        b[3] = 0x78;
        Path f = Files.write(dir.resolve("random.jfr"), b);
        JfrException e = assertThrows(JfrException.class, () -> ChunkScanner.scan(f));
        assertEquals(f + ": not a flight recording: it starts with 12 34 56 78, not JFR's magic bytes 46 4c 52 00 "
                + "(FLR)", e.getMessage());
        assertTrue(!ChunkScanner.looksLikeRecording(f));
    }

    @Test
    void anEmptyFileAndAMissingOne() throws IOException {
        Path empty = Files.write(dir.resolve("empty.jfr"), new byte[0]);
        assertEquals(empty + ": empty file, not a flight recording",
                assertThrows(JfrException.class, () -> ChunkScanner.scan(empty)).getMessage());
        Path missing = dir.resolve("missing.jfr");
        assertEquals(missing + ": no such file",
                assertThrows(JfrException.class, () -> ChunkScanner.scan(missing)).getMessage());
    }

    @Test
    void gzipIsRecognisedWithoutFraming() throws IOException {
        Path gz = dir.resolve("one.jfr.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(one));
        }
        ChunkScan s = ChunkScanner.scan(gz);
        assertEquals(ChunkScan.Format.GZIP, s.format());
        assertEquals(List.of(), s.types());
        assertTrue(!s.framingKnown());
        assertTrue(ChunkScanner.looksLikeRecording(gz));
    }

    @Test
    void variableLengthIntegers() {
        assertEquals(0, ChunkScanner.readVarLong(ByteBuffer.wrap(new byte[] {0})));
        assertEquals(127, ChunkScanner.readVarLong(ByteBuffer.wrap(new byte[] {0x7f})));
        assertEquals(128, ChunkScanner.readVarLong(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x01})));
        assertEquals(300, ChunkScanner.readVarLong(ByteBuffer.wrap(new byte[] {(byte) 0xac, 0x02})));
        byte[] minusOne = new byte[9];
        java.util.Arrays.fill(minusOne, (byte) 0xff);
        assertEquals(-1L, ChunkScanner.readVarLong(ByteBuffer.wrap(minusOne)));
        byte[] max = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 0x7f};
        assertEquals(Long.MAX_VALUE, ChunkScanner.readVarLong(ByteBuffer.wrap(max)));
    }
}
